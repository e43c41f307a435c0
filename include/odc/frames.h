/* Reference frames: TEME (SGP4's output) -> PEF -> ITRF, ITRF <-> GCRS,
 * TEME <-> GCRS, and geodetic coordinates on the WGS-84 ellipsoid.
 *
 * References: Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack
 * Report #3", AIAA 2006-6753 (Rev 2), appendix C (TEME, GMST82 rotation to
 * PEF, polar motion to ITRF, velocity with omega x r); IERS Conventions
 * 2010 ch. 5 and ERFA (eraC2i06a, eraEra00, eraSp00, eraPom00: IAU
 * 2006/2000A, CIO based) for GCRS; ERFA eraGc2gd/eraGd2gc for WGS-84.
 *
 * Earth orientation inputs: dut1_s = UT1-UTC (s), xp_rad, yp_rad = polar
 * motion (rad), all from IERS Bulletin A/B. Passing 0 is allowed: |UT1-UTC|
 * < 0.9 s means up to 0.9 s x 465 m/s = ~420 m along-track error at the
 * equator in ITRF; |xp|, |yp| < ~0.6" means < ~20 m at the surface.
 * Units: positions km, velocities km/s, angles rad. All routines accept
 * output arrays that alias the inputs (except odc_teme_to_itrf_soa).
 * docs/time-frames.md has details. */
#ifndef ODC_FRAMES_H
#define ODC_FRAMES_H

#include <stddef.h>
#include "odc/error.h"

/* Earth's rotation rate used with GMST82 (rad/s), Vallado (2013) eq. 3-40 /
 * Vallado et al. (2006) teme2ecef (equal to IERS's dERA/dt to 1e-15). LOD
 * is neglected (~1e-8 relative). */
#define ODC_OMEGA_EARTH_RAD_S 7.29211514670698e-5

/* TEME -> ITRF.
 *
 * r_teme, v_teme  TEME state (km, km/s); v_teme may be NULL
 * ut1_1 + ut1_2   UT1 two-part JD (odc_utc_to_ut1), for GMST82
 * xp_rad, yp_rad  polar motion (rad)
 * r_itrf, v_itrf  ITRF state; v_itrf written only when both v are non-NULL;
 *                 v_itrf = W (R3(gmst) v_teme - omega x r_pef).
 * Vallado et al. (2006), appendix C (teme2ecef); polar motion matrix by
 * eraPom00 with s' = 0. Reproduces the paper's ITRF vector to 0.07 mm when
 * fed the paper's one-double JD(UT1); with the exact two-part UT1 to 9 mm
 * (the paper's JD rounding, 40 us). Velocity within 1.4e-8 km/s (LOD,
 * neglected here). TEME is treated as inertial for v, as in the paper: it
 * precesses at 7e-12 rad/s, i.e. 0.05 mm/s in LEO (tests/test_frames.c). */
void odc_teme_to_itrf(const double r_teme[3], const double v_teme[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_itrf[3], double v_itrf[3]);
/* Inverse of odc_teme_to_itrf (same arguments, directions swapped). */
void odc_itrf_to_teme(const double r_itrf[3], const double v_itrf[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_teme[3], double v_teme[3]);

/* Rotation matrix m with r_itrf = m r_teme at one instant (positions only),
 * for applying to many satellites at once. Arguments as odc_teme_to_itrf. */
void odc_teme_itrf_matrix(double ut1_1, double ut1_2, double xp_rad,
                          double yp_rad, double m[3][3]);
/* TEME -> ITRF positions of n satellites at one instant, structure of
 * arrays (km); no allocation. The six arrays must not overlap (restrict),
 * which lets the compiler vectorize the loop. */
void odc_teme_to_itrf_soa(size_t n, const double *restrict x,
                          const double *restrict y, const double *restrict z,
                          double ut1_1, double ut1_2, double xp_rad,
                          double yp_rad, double *restrict xo,
                          double *restrict yo, double *restrict zo);

/* ITRF -> GCRS and GCRS -> ITRF at a UTC instant.
 *
 * utc1 + utc2     UTC two-part JD; TT and UT1 (with dut1_s) are derived
 * r_*, v_*        states (km, km/s); velocities NULL to skip them
 * returns         ODC_OK, or ODC_EINPUT (date outside ERFA's range, or
 *                 |dut1_s| > 1 s with field "dut1").
 * r_gcrs = C2I^T R3(-ERA) W^T r_itrf with ERFA's IAU 2006/2000A CIO-based
 * matrices (equivalent to eraC2t06a, without celestial pole offsets dX, dY:
 * < 1 mas, ~3 cm in LEO). v adds omega x r in TIRS; the rates of precession,
 * nutation and polar motion are neglected (< 0.1 mm/s). */
int odc_itrf_to_gcrs(const double r_itrf[3], const double v_itrf[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_gcrs[3], double v_gcrs[3],
                     odc_err *err);
int odc_gcrs_to_itrf(const double r_gcrs[3], const double v_gcrs[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_itrf[3], double v_itrf[3],
                     odc_err *err);

/* TEME -> GCRS (and inverse) at a UTC instant: TEME -> ITRF (GMST82 with
 * UT1, polar motion) then ITRF -> GCRS as above. Arguments and returns as
 * odc_itrf_to_gcrs. Agrees with astropy's TEME -> GCRS to < 1 mm in
 * position over 1980..2030 (tests/oracle/test_frames_oracle.py). */
int odc_teme_to_gcrs(const double r_teme[3], const double v_teme[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_gcrs[3], double v_gcrs[3],
                     odc_err *err);
int odc_gcrs_to_teme(const double r_gcrs[3], const double v_gcrs[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_teme[3], double v_teme[3],
                     odc_err *err);

/* Geodetic latitude, east longitude (rad, -pi..pi) and height above the
 * WGS-84 ellipsoid (km) of an ITRF position (km), and the inverse. ERFA
 * eraGc2gd/eraGd2gc (Fukushima 2006 closed form; valid everywhere
 * including the poles). */
void odc_itrf_to_geodetic(const double r_km[3], double *lat_rad,
                          double *lon_rad, double *alt_km);
void odc_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                          double r_km[3]);

#endif
