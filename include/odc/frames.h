/* Reference frames: TEME (SGP4's output) -> PEF -> ITRF, TEME -> GCRS, and
 * geodetic coordinates on the WGS-84 ellipsoid.
 *
 * References: Vallado, Crawford, Hujsak & Kelso, AIAA 2006-6753, appendix C
 * (TEME, GMST-based rotation to PEF, polar motion to ITRF); IERS
 * Conventions 2010 and ERFA (eraC2t06a, eraGc2gd) for GCRS and geodetic.
 * Polar motion xp, yp default to 0 (error below ~15 m). */
#ifndef ODC_FRAMES_H
#define ODC_FRAMES_H

#include "odc/error.h"

/* Earth's rotation rate used with GMST82 (rad/s), Vallado (2013) 3-63. */
#define ODC_OMEGA_EARTH_RAD_S 7.29211514670698e-5

/* TEME -> ITRF at a UTC instant. ut1_1+ut1_2 is the UT1 two-part JD (for
 * the sidereal angle); xp_rad, yp_rad polar motion. v may be NULL (then
 * v_itrf is not written). The velocity includes the Earth-rotation term. */
void odc_teme_to_itrf(const double r_teme[3], const double v_teme[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_itrf[3], double v_itrf[3]);
void odc_itrf_to_teme(const double r_itrf[3], const double v_itrf[3],
                      double ut1_1, double ut1_2, double xp_rad, double yp_rad,
                      double r_teme[3], double v_teme[3]);

/* TEME -> GCRS at a UTC instant (TT and UT1 derived with dut1_s), through
 * ITRF and ERFA's IAU 2006/2000A celestial-to-terrestrial matrix.
 * Returns ODC_OK or ODC_EINPUT (date out of ERFA's range). */
int odc_teme_to_gcrs(const double r_teme[3], const double v_teme[3],
                     double utc1, double utc2, double dut1_s, double xp_rad,
                     double yp_rad, double r_gcrs[3], double v_gcrs[3],
                     odc_err *err);

/* Geodetic latitude, longitude (radians) and height (km) on WGS-84 of an
 * ITRF position (km). */
void odc_itrf_to_geodetic(const double r_km[3], double *lat_rad,
                          double *lon_rad, double *alt_km);
void odc_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                          double r_km[3]);

#endif
