/* The Sun as seen from the Earth's centre: apparent geocentric position in
 * GCRS axes or in TEME (the frame SGP4 and the J2 design propagator give
 * satellite positions in), the Earth-Sun distance, and a table of Sun
 * positions for hot loops (linear interpolation between hourly nodes).
 *
 * Reference: IAU SOFA/ERFA eraEpv00 (Earth barycentric/heliocentric
 * position-velocity, a fit to DE405; ERFA states max errors of 4.6 km in
 * heliocentric position, 1900-2100), eraAb (stellar aberration); TEME
 * reached through the IAU 2006/2000A CIO chain and GMST82 as in Vallado et
 * al., AIAA 2006-6753, appendix C (eraC2i06a, eraEra00, eraGmst82).
 * Valid 1900-2100 (eraEpv00's fit span). */
#ifndef ODC_SUN_H
#define ODC_SUN_H

#include <stddef.h>
#include "odc/error.h"

/* Astronomical unit (km), IAU 2012 Resolution B2. */
#define ODC_AU_KM 149597870.700
/* Nominal solar radius (km), IAU 2015 Resolution B3. */
#define ODC_SUN_RADIUS_KM 695700.0

typedef enum odc_sun_frame {
    ODC_SUN_GCRS = 0,   /* GCRS axes (ICRS-aligned, geocentric)           */
    ODC_SUN_TEME = 1    /* true equator, mean equinox of date (SGP4)      */
} odc_sun_frame;

/* Apparent geocentric Sun at a TT instant.
 *
 * tt1, tt2   TT as a two-part Julian date (TDB is taken as TT: < 2 ms)
 * frame      ODC_SUN_GCRS or ODC_SUN_TEME
 * sun_km[3]  out: geocentric Sun vector (km): direction corrected for
 *            light time (~499 s) and annual aberration (~20.5"), length
 *            the geometric Earth-Sun distance
 * dist_au    out (may be NULL): geometric Earth-Sun distance (AU)
 * returns    ODC_OK, or ODC_EINPUT when the date is outside 1900-2100
 *            (eraEpv00's warning range) with err set.
 *
 * Accuracy (measured, see docs/sun-shadow.md): 10 mas in direction and
 * < 1 km in distance against astropy get_sun (which shares eraEpv00:
 * the ephemeris itself is good to ~5 km, ERFA), and within Meeus (1998)
 * example 25.a's own 0.01 deg. */
int odc_sun_tt(double tt1, double tt2, odc_sun_frame frame, double sun_km[3],
               double *dist_au, odc_err *err);

/* Same at a UTC instant (UTC -> TAI -> TT with ERFA's leap-second table). */
int odc_sun_utc(double utc1, double utc2, odc_sun_frame frame,
                double sun_km[3], double *dist_au, odc_err *err);

/* Rotation matrix GCRS -> TEME at a TT instant: r_teme = m * r_gcrs,
 * m = Rz(-GMST82) Rz(ERA) C2I(IAU 2006/2000A), both angles at TT (UT1-TT
 * of ~70 s changes m by ~0.1 mas). Agrees with astropy's TEME frame to a
 * few mas (test_sun). */
void odc_sun_gcrs_to_teme_matrix(double tt1, double tt2, double m[3][3]);

/* Sun positions tabulated on a uniform grid, for loops that need the Sun
 * at every step of many satellites. Times are seconds from a UTC epoch
 * (utc1 + utc2, two-part JD); the table covers [t0_s, t1_s]. */
typedef struct odc_sun_table {
    double utc1, utc2;     /* epoch of t = 0 (UTC, two-part JD)           */
    double t0_s, step_s;   /* first node and spacing                      */
    size_t n;              /* number of nodes                             */
    odc_sun_frame frame;
    double *x_km, *y_km, *z_km;
} odc_sun_table;

/* Fill a table over [t0_s, t1_s] (t1_s >= t0_s) with nodes step_s apart
 * (step_s > 0). With 3600 s nodes linear interpolation is good to
 * < 1e-9 rad in direction and ~10 km (7e-8 relative) in distance: the
 * chord error is R w^2 h^2 / 8 with w = 2e-7 rad/s.
 * Allocates; free with odc_sun_table_free. Returns ODC_OK, ODC_EINPUT
 * (bad span/step/date) or ODC_ENOMEM. */
int odc_sun_table_init(odc_sun_table *tab, double utc1, double utc2,
                       double t0_s, double t1_s, double step_s,
                       odc_sun_frame frame, odc_err *err);
void odc_sun_table_free(odc_sun_table *tab);

/* Sun vector (km) at t_s by linear interpolation; t_s outside the table is
 * extrapolated from the end interval (callers keep inside). */
void odc_sun_table_eval(const odc_sun_table *tab, double t_s, double sun_km[3]);

/* Adapter with the signature odc_eclipse_find expects for the Sun:
 * ctx is a const odc_sun_table *. Always returns 0. */
int odc_sun_table_fn(void *ctx, double t_s, double sun_km[3]);

#endif
