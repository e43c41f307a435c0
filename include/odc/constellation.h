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
 * (mu = 398600.4418 km^3/s^2, Re = 6378.137 km, J2 = 1.08262668e-3;
 * Vallado 2013, table D-1 / sec. 9.6 uses the same set). */
#define ODC_MU_EARTH_KM3_S2 398600.4418
#define ODC_RE_EARTH_KM 6378.137
#define ODC_J2_EARTH 1.08262668e-3
/* Tropical year (mean solar days): the period in which the mean Sun's right
 * ascension grows by 360 deg. Vallado 2013, sec. 11.4 (sun-synchronous
 * orbits) and sec. 3.5; consistent with Newcomb's/Aoki et al. (1982)
 * rate 8640184.812866 s per century used in odc_mean_sun_ra_rad. */
#define ODC_TROPICAL_YEAR_DAYS 365.2421897

/* Secular rates from J2, first order (Vallado 2013 eqs. 9-41, 9-42 and
 * the mean-anomaly rate of sec. 9.6; Brouwer 1959 first-order secular
 * terms; Kozai 1959).
 *
 * a_km      mean semi-major axis (km), > Re
 * ecc       mean eccentricity, 0..<1
 * incl_rad  mean inclination (rad)
 * raan_dot  node rate (rad/s): -3/2 n J2 (Re/p)^2 cos i
 * argp_dot  perigee rate (rad/s): 3/4 n J2 (Re/p)^2 (4 - 5 sin^2 i)
 * m_dot     mean-anomaly rate (rad/s), Keplerian n included:
 *           n [1 + 3/4 J2 (Re/p)^2 sqrt(1-e^2) (2 - 3 sin^2 i)]
 *           with n = sqrt(mu/a^3), p = a (1 - e^2).
 * Any output pointer may be NULL. Valid where J2 dominates (LEO..GEO);
 * no J2^2, J3+, drag, Sun/Moon terms. */
void odc_j2_rates(double a_km, double ecc, double incl_rad,
                  double *raan_dot, double *argp_dot, double *m_dot);

/* Inclination (rad, > 90 deg) that makes the node precess 360 deg per
 * tropical year (sun-synchronous) at mean semi-major axis a_km and
 * eccentricity ecc: cos i = -(2 pi / year) / (3/2 n J2 (Re/p)^2)
 * (Vallado 2013, eq. 11-16 / sec. 11.4). ODC_EINPUT if none exists
 * (a above ~12350 km for e = 0, or a <= Re). */
int odc_sso_inclination(double a_km, double ecc, double *incl_rad, odc_err *err);

/* Right ascension (rad, 0..2pi) of the fictitious mean Sun at a UT1
 * instant (two-part JD; UTC may be used, |UT1-UTC| < 0.9 s moves it
 * by < 1e-5 deg). Newcomb's expression as restated by Aoki
 * et al. (1982), "The new definition of Universal Time", A&A 105, 359:
 * alpha = 18h41m50.54841s + 8640184.812866s T + 0.093104s T^2
 *         - 6.2e-6s T^3, T = (JD(UT1) - 2451545.0) / 36525,
 * the quantity whose hour angle + 12h is mean solar time (UT1 = GMST -
 * alpha + 12h). */
double odc_mean_sun_ra_rad(double jd1, double jd2);

/* N satellites as mean orbital elements at one epoch (structure of arrays).
 * Angles in radians; elements are "design" mean elements: the J2 secular
 * rates of odc_j2_rates apply to them (see docs/constellations.md for how
 * they relate to SGP4's Kozai/Brouwer mean elements). */
typedef struct odc_constellation {
    size_t  n;
    double  epoch_jd, epoch_jd_frac;     /* UTC two-part Julian date        */
    double *a_km, *ecc, *incl_rad, *raan_rad, *argp_rad, *mean_anom_rad;
    int    *plane;                        /* plane index (0 when none)      */
} odc_constellation;

/* Allocate n satellites (all arrays zeroed, epoch 0). n may be 0.
 * ODC_ENOMEM on failure. Free with odc_constellation_free (safe on a
 * zeroed or freed struct). */
int  odc_constellation_alloc(odc_constellation *c, size_t n, odc_err *err);
void odc_constellation_free(odc_constellation *c);

/* Position/velocity (km, km/s) of satellite i at dt_s seconds from epoch, in
 * the inertial frame of the elements (TEME-like: equator and equinox of
 * date), with the J2 secular rates applied to the mean elements and a
 * Kepler solve (no short-period terms; the velocity is the two-body
 * velocity of the rotated ellipse, which omits the mm/s contribution of
 * the secular rates themselves). */
void odc_constellation_state(const odc_constellation *c, size_t i, double dt_s,
                             double r_km[3], double v_km_s[3]);
/* Same, without J2 (pure two-body), used to check relative motion. */
void odc_constellation_state_kepler(const odc_constellation *c, size_t i,
                                    double dt_s, double r_km[3], double v_km_s[3]);
/* All satellites at dt_s into structure-of-arrays outputs (each c->n long;
 * v* may be NULL). use_j2 = 0 gives the two-body motion. No allocation. */
void odc_constellation_propagate(const odc_constellation *c, double dt_s,
                                 int use_j2, double *x_km, double *y_km,
                                 double *z_km, double *vx_km_s,
                                 double *vy_km_s, double *vz_km_s);

/* Walker constellation i:T/P/F: T satellites in P planes, phasing F
 * (0..P-1), circular at alt_km and inclination incl_deg. Plane j has node
 * raan0_deg + j*360/P (delta) or raan0_deg + j*180/P (star != 0);
 * satellite k of plane j has argument of latitude k*360*P/T + j*F*360/T.
 * Walker, "Satellite constellations", JBIS 37 (1984) 559-572.
 * ODC_EINPUT when T % P != 0, F outside 0..P-1, T < 1, alt_km <= 0 or
 * incl_deg outside 0..180. c is allocated here (free it). */
int odc_walker(odc_constellation *c, int t, int p, int f, double alt_km,
               double incl_deg, double raan0_deg, int star, double epoch_jd,
               double epoch_jd_frac, odc_err *err);

/* Sun-synchronous plane of n circular satellites equally spaced in
 * argument of latitude (first at 0), at alt_km, inclination from
 * odc_sso_inclination, node at local time of the ascending node ltan_h
 * (0..24; 6.0 = dawn-dusk, 18.0 = dusk-dawn) at the epoch:
 * raan = alpha_meanSun(epoch) + (ltan_h - 12 h) * 15 deg/h
 * (Vallado 2013, sec. 11.4; Boain, "A-B-Cs of sun-synchronous orbit
 * mission design", AAS 04-108, 2004). c is allocated here. */
int odc_sso(odc_constellation *c, int n, double alt_km, double ltan_h,
            double epoch_jd, double epoch_jd_frac, odc_err *err);

/* Formation-flying cluster of n satellites around the reference circular
 * orbit ref (one satellite; near-circular, ecc < 1e-3, not equatorial).
 * The satellites sit on the points of a hexagonal lattice, those nearest
 * the centre, in the plane of the Clohessy-Wiltshire/Hill circular relative
 * orbit (x radial = rho/2 sin(nt+a), y along-track = rho cos(nt+a),
 * z cross-track = sqrt(3)/2 rho sin(nt+a)); the lattice spacing is the
 * largest that puts all n within radius_m of the reference (the centre
 * point is the reference itself). Each relative state is mapped to
 * absolute elements through relative orbital elements (D'Amico 2010,
 * sec. 2.2: delta a = 0, delta lambda = 0, delta e = rho/(2a) and delta i =
 * sqrt(3) rho/(2a), perpendicular), so that in two-body motion the
 * formation rotates rigidly once per orbit and does not drift.
 * spacing_m (may be NULL) receives the lattice spacing (m).
 * ODC_EINPUT when n points cannot fit with spacing >= min_spacing_m, or on
 * bad arguments. c is allocated here, epoch copied from ref. */
int odc_cluster(odc_constellation *c, const odc_constellation *ref, int n,
                double radius_m, double min_spacing_m, double *spacing_m,
                odc_err *err);

/* Convert to TLE/OMM mean elements (mean motion from a by Kepler's third
 * law, n = sqrt(mu/a^3); bstar, ndot, nddot 0), with catalogue numbers
 * first_norad, first_norad+1, ... (must stay in 1..339999, the Alpha-5
 * range) and names "<prefix>-<i>" (i from 1). out holds c->n records.
 * These are design mean elements, not SGP4 (Kozai/Brouwer) means: see
 * docs/constellations.md for the difference. */
int odc_constellation_to_elements(const odc_constellation *c, long first_norad,
                                  const char *prefix, odc_elements *out,
                                  odc_err *err);

#endif
