/* Designed constellations (before any TLE exists): a mean-element
 * propagator with J2 secular rates, and generators for Walker delta/star,
 * sun-synchronous planes and formation-flying clusters. Satellites are kept
 * as structure-of-arrays so thousands are processed per step.
 *
 * References: Vallado, "Fundamentals of Astrodynamics and Applications"
 * (4th ed., 2013), sec. 9.6 (J2 secular rates) and 11.4 (sun-synchronous);
 * Walker, "Satellite constellations", JBIS 37 (1984); D'Amico, "Autonomous
 * formation flying in low Earth orbit" (PhD, TU Delft 2010) for relative
 * orbital elements; Clohessy & Wiltshire, J. Aerospace Sci. 27 (1960). */
#ifndef ODC_CONSTELLATION_H
#define ODC_CONSTELLATION_H

#include <stddef.h>
#include "odc/elements.h"
#include "odc/error.h"

/* Constants of the design propagator: EGM-96/WGS-84 values
 * (mu = 398600.4418 km^3/s^2, Re = 6378.137 km, J2 = 1.08262668e-3). */
#define ODC_MU_EARTH_KM3_S2 398600.4418
#define ODC_RE_EARTH_KM 6378.137
#define ODC_J2_EARTH 1.08262668e-3

/* Secular rates from J2 (rad/s) of node, argument of perigee and mean
 * anomaly (the last includes the Keplerian mean motion). */
void odc_j2_rates(double a_km, double ecc, double incl_rad,
                  double *raan_dot, double *argp_dot, double *m_dot);

/* Inclination (rad) that makes the node precess 360 deg per tropical year
 * (sun-synchronous) at semi-major axis a_km, eccentricity ecc. ODC_EINPUT if
 * none exists (a too high). */
int odc_sso_inclination(double a_km, double ecc, double *incl_rad, odc_err *err);

/* N satellites as mean orbital elements at one epoch (structure of arrays). */
typedef struct odc_constellation {
    size_t  n;
    double  epoch_jd, epoch_jd_frac;     /* UTC two-part Julian date        */
    double *a_km, *ecc, *incl_rad, *raan_rad, *argp_rad, *mean_anom_rad;
    int    *plane;                        /* plane index (0 when none)      */
} odc_constellation;

int  odc_constellation_alloc(odc_constellation *c, size_t n, odc_err *err);
void odc_constellation_free(odc_constellation *c);

/* Position/velocity (km, km/s) of satellite i at dt_s seconds from epoch, in
 * the inertial frame of the elements (TEME-like: equator and equinox of
 * date), with the J2 secular rates applied to the mean elements and a
 * Kepler solve (no short-period terms). */
void odc_constellation_state(const odc_constellation *c, size_t i, double dt_s,
                             double r_km[3], double v_km_s[3]);
/* Same, without J2 (pure two-body), used to check relative motion. */
void odc_constellation_state_kepler(const odc_constellation *c, size_t i,
                                    double dt_s, double r_km[3], double v_km_s[3]);

/* Walker constellation i:T/P/F: T satellites in P planes, phasing F
 * (0..P-1), circular at alt_km and inclination incl_deg. star != 0 spreads
 * the nodes over 180 deg (Walker star), else 360 deg (delta). raan0_deg is
 * the first plane's node. */
int odc_walker(odc_constellation *c, int t, int p, int f, double alt_km,
               double incl_deg, double raan0_deg, int star, double epoch_jd,
               double epoch_jd_frac, odc_err *err);

/* Sun-synchronous plane of n circular satellites equally spaced, at alt_km,
 * inclination solved for the altitude, node placed at local time of the
 * ascending node ltan_h (6.0 = dawn-dusk) at the epoch (mean Sun). */
int odc_sso(odc_constellation *c, int n, double alt_km, double ltan_h,
            double epoch_jd, double epoch_jd_frac, odc_err *err);

/* Formation-flying cluster of n satellites around a reference circular
 * orbit (the first n_ref... see docs): every satellite stays within
 * radius_m of the reference point and at least min_spacing_m from every
 * other under J2-free Clohessy-Wiltshire motion. ref must hold one
 * satellite (the reference orbit); c receives n satellites. */
int odc_cluster(odc_constellation *c, const odc_constellation *ref, int n,
                double radius_m, double min_spacing_m, odc_err *err);

/* Convert to TLE/OMM mean elements (mean motion from a, bstar 0), with
 * catalogue numbers first_norad, first_norad+1, ... and names
 * "<prefix>-<i>". */
int odc_constellation_to_elements(const odc_constellation *c, long first_norad,
                                  const char *prefix, odc_elements *out,
                                  odc_err *err);

#endif
