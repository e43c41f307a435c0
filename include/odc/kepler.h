/* Two-body (Keplerian) orbit geometry: Kepler's equation and the
 * conversion between classical orbital elements and a Cartesian state.
 * Elliptic orbits only (0 <= e < 1): everything odcsim designs or reads
 * from element sets is bound.
 *
 * Reference: Vallado, "Fundamentals of Astrodynamics and Applications"
 * (4th ed., 2013), sec. 2.2-2.3 (Kepler's equation, algorithm 2 KepEqtnE),
 * sec. 2.5-2.6 (algorithms 9 RV2COE and 10 COE2RV). */
#ifndef ODC_KEPLER_H
#define ODC_KEPLER_H

#include "odc/error.h"

/* Classical elements of an elliptic orbit. Angles in radians. For a
 * circular orbit argp is 0 and mean_anom is measured from the node (so it
 * is the argument of latitude); for an equatorial orbit raan is 0 and
 * angles are measured from the x axis. */
typedef struct odc_kepler_el {
    double a_km;        /* semi-major axis (km)                 */
    double ecc;         /* eccentricity, 0 <= ecc < 1           */
    double incl_rad;    /* inclination, 0..pi                   */
    double raan_rad;    /* right ascension of ascending node    */
    double argp_rad;    /* argument of perigee                  */
    double mean_anom_rad; /* mean anomaly                       */
} odc_kepler_el;

/* Eccentric anomaly E (rad) solving Kepler's equation M = E - e sin E.
 *
 * mean_anom_rad  mean anomaly M (rad), any value (reduced to -pi..pi)
 * ecc            eccentricity, 0 <= ecc < 1
 * returns        E (rad) in the same 2*pi turn as the reduced M, so that
 *                E - ecc*sin(E) equals M reduced to -pi..pi to ~1e-15 rad.
 *
 * Newton's method safeguarded by bisection on [M-e, M+e] (where the root
 * always lies, since |E - M| = e|sin E| <= e), so it converges for every
 * e < 1, including e -> 1 near perigee where plain Newton overshoots. */
double odc_kepler_solve(double mean_anom_rad, double ecc);

/* True anomaly (rad, -pi..pi) from eccentric anomaly E, and back. */
double odc_kepler_true_from_ecc(double ecc_anom_rad, double ecc);
double odc_kepler_ecc_from_true(double true_anom_rad, double ecc);

/* Inertial position (km) and velocity (km/s) from classical elements, in
 * the frame the elements refer to (e.g. TEME for SGP4-style elements).
 *
 * mu_km3_s2  gravitational parameter (km^3/s^2)
 * el         elements (a > 0, 0 <= e < 1)
 * Vallado (2013) algorithm 10 (COE2RV), via the perifocal frame. */
void odc_kepler_to_state(double mu_km3_s2, const odc_kepler_el *el,
                         double r_km[3], double v_km_s[3]);

/* Classical elements from an inertial state (Vallado 2013 algorithm 9,
 * RV2COE). Circular (e < 1e-11) and equatorial (sin i < 1e-11) orbits use
 * the conventions given with odc_kepler_el.
 * Returns ODC_OK, or ODC_EINPUT when the state is not a bound orbit
 * (energy >= 0, r = 0, or angular momentum 0). */
int odc_kepler_from_state(double mu_km3_s2, const double r_km[3],
                          const double v_km_s[3], odc_kepler_el *el,
                          odc_err *err);

#endif
