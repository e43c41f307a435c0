/* Earth's shadow: the fraction of the solar disc a satellite sees
 * (conical umbra/penumbra with the exact overlap area of two discs, or a
 * cylindrical shadow for comparison), the smooth boundary functions the
 * eclipse finder solves for, and the beta angle.
 *
 * Reference: Montenbruck & Gill, "Satellite Orbits" (Springer 2000),
 * sec. 3.4.2 (conical model, apparent radii and separation, overlap
 * area). Earth is a sphere of radius re_km (default the WGS-84 equatorial
 * radius 6378.137 km) plus an optional inflation for the atmosphere
 * (default 0); no refraction, no oblateness (both move LEO shadow
 * boundaries by seconds; see docs/sun-shadow.md). */
#ifndef ODC_SHADOW_H
#define ODC_SHADOW_H

typedef enum odc_shadow_model {
    ODC_SHADOW_CONICAL = 0,      /* umbra + penumbra, finite Sun          */
    ODC_SHADOW_CYLINDRICAL = 1   /* Sun at infinity, no penumbra           */
} odc_shadow_model;

typedef struct odc_shadow_opts {
    odc_shadow_model model;
    double re_km;          /* Earth radius (km), default 6378.137 (WGS-84) */
    double inflate_km;     /* added to re_km for the atmosphere, default 0 */
    double rsun_km;        /* solar radius (km), default 695700 (IAU 2015) */
} odc_shadow_opts;

/* Defaults above (conical). */
void odc_shadow_opts_default(odc_shadow_opts *o);

/* Illumination fraction: share of the solar disc's area seen unobscured.
 *
 * r_km[3]    satellite position, any Earth-centred frame               (km)
 * sun_km[3]  geocentric Sun in the same frame                          (km)
 * o          model and radii (NULL: defaults)
 * returns    0 (umbra) .. 1 (full Sun); in the conical model partial
 *            values in the penumbra (circle-overlap area, M&G eq. 3.87-3.90)
 *            and 1 - (b/a)^2 in an annular (antumbra) configuration.
 * Valid for |r| > Earth radius (inside the Earth returns 0). */
double odc_shadow_illumination(const double r_km[3], const double sun_km[3],
                               const odc_shadow_opts *o);

/* Smooth shadow-boundary functions of the geometry, positive outside:
 *   conical: g_pen = c - (a + b), g_umb = c - (b - a), with a, b the
 *            apparent radii of Sun and Earth and c their separation seen
 *            from the satellite (radians); g_pen < 0 <=> illumination < 1,
 *            g_umb < 0 <=> illumination = 0.
 *   cylindrical: g_pen = g_umb = d - R on the night side (d: distance
 *            from the shadow axis, km) and |r| - R on the day side
 *            (continuous at the terminator plane; never < 0 there).
 * Either pointer may be NULL. */
void odc_shadow_functions(const double r_km[3], const double sun_km[3],
                          const odc_shadow_opts *o, double *g_pen,
                          double *g_umb);

/* Beta angle (radians, -pi/2..pi/2): elevation of the Sun above the orbit
 * plane, asin(h . s) with h the unit angular momentum r x v; positive when
 * the Sun is on the side of the orbit normal. r, v, sun in one frame. */
double odc_beta_angle(const double r_km[3], const double v_km_s[3],
                      const double sun_km[3]);

#endif
