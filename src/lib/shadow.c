/* Shadow geometry: apparent discs of Sun and Earth seen from a satellite
 * and the area of the Sun hidden behind the Earth (Montenbruck & Gill 2000,
 * sec. 3.4.2). The eclipse finder solves the boundary functions here, so
 * they are written to be smooth in time away from degenerate geometry. */
#include "odc/shadow.h"
#include "odc/sun.h"

#include <math.h>

void odc_shadow_opts_default(odc_shadow_opts *o)
{
    o->model = ODC_SHADOW_CONICAL;
    o->re_km = 6378.137;            /* WGS-84 equatorial radius (NIMA TR8350.2) */
    o->inflate_km = 0.0;
    o->rsun_km = ODC_SUN_RADIUS_KM; /* IAU 2015 Resolution B3 */
}

static const odc_shadow_opts *opts_or_default(const odc_shadow_opts *o,
                                              odc_shadow_opts *tmp)
{
    if (o)
        return o;
    odc_shadow_opts_default(tmp);
    return tmp;
}

/* Apparent radii a (Sun), b (Earth) and separation c, radians. Returns 0,
 * or -1 when the satellite is inside the Earth. */
static int discs(const double r[3], const double s[3], double re, double rs,
                 double *a, double *b, double *c)
{
    double d[3] = {s[0] - r[0], s[1] - r[1], s[2] - r[2]};
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double dn = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (rn <= re)
        return -1;
    *a = asin(rs / dn);
    *b = asin(re / rn);
    /* Angle between -r (to Earth's centre) and d (to the Sun); atan2 of the
     * cross and dot products keeps precision near 0 and pi, where acos
     * does not. */
    double cx = r[1] * d[2] - r[2] * d[1];
    double cy = r[2] * d[0] - r[0] * d[2];
    double cz = r[0] * d[1] - r[1] * d[0];
    double dot = -(r[0] * d[0] + r[1] * d[1] + r[2] * d[2]);
    *c = atan2(sqrt(cx * cx + cy * cy + cz * cz), dot);
    return 0;
}

static void cyl(const double r[3], const double s[3], double re, double *g,
                int *night)
{
    double sn = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    double u[3] = {s[0] / sn, s[1] / sn, s[2] / sn};
    double along = r[0] * u[0] + r[1] * u[1] + r[2] * u[2];
    double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
    if (along < 0.0) {
        double perp2 = r2 - along * along;
        *g = sqrt(perp2 > 0.0 ? perp2 : 0.0) - re;
        *night = 1;
    } else {
        *g = sqrt(r2) - re;
        *night = 0;
    }
}

double odc_shadow_illumination(const double r_km[3], const double sun_km[3],
                               const odc_shadow_opts *o)
{
    odc_shadow_opts tmp;
    o = opts_or_default(o, &tmp);
    double re = o->re_km + o->inflate_km;
    if (o->model == ODC_SHADOW_CYLINDRICAL) {
        double g;
        int night;
        cyl(r_km, sun_km, re, &g, &night);
        return g < 0.0 ? 0.0 : 1.0;
    }
    double a, b, c;
    if (discs(r_km, sun_km, re, o->rsun_km, &a, &b, &c) != 0)
        return 0.0;
    if (c >= a + b)
        return 1.0;                       /* discs apart: full Sun        */
    if (c <= b - a)
        return 0.0;                       /* Sun behind Earth: umbra      */
    if (c <= a - b)
        return 1.0 - (b * b) / (a * a);   /* Earth inside Sun's disc      */
    /* Partial overlap of two circles of radii a and b, centres c apart:
     * x is the distance from the Sun's centre to the chord through the two
     * intersection points, y half the chord. */
    double x = (c * c + a * a - b * b) / (2.0 * c);
    double y2 = a * a - x * x;
    double y = y2 > 0.0 ? sqrt(y2) : 0.0;
    double ca = x / a, cb = (c - x) / b;
    if (ca > 1.0) ca = 1.0;
    if (ca < -1.0) ca = -1.0;
    if (cb > 1.0) cb = 1.0;
    if (cb < -1.0) cb = -1.0;
    double area = a * a * acos(ca) + b * b * acos(cb) - c * y;
    double nu = 1.0 - area / (M_PI * a * a);
    if (nu < 0.0) nu = 0.0;
    if (nu > 1.0) nu = 1.0;
    return nu;
}

void odc_shadow_functions(const double r_km[3], const double sun_km[3],
                          const odc_shadow_opts *o, double *g_pen,
                          double *g_umb)
{
    odc_shadow_opts tmp;
    o = opts_or_default(o, &tmp);
    double re = o->re_km + o->inflate_km;
    double gp, gu;
    if (o->model == ODC_SHADOW_CYLINDRICAL) {
        int night;
        cyl(r_km, sun_km, re, &gp, &night);
        gu = gp;
    } else {
        double a, b, c;
        if (discs(r_km, sun_km, re, o->rsun_km, &a, &b, &c) != 0) {
            gp = gu = -1.0;               /* inside the Earth: dark       */
        } else {
            gp = c - (a + b);
            gu = c - (b - a);
        }
    }
    if (g_pen)
        *g_pen = gp;
    if (g_umb)
        *g_umb = gu;
}

double odc_beta_angle(const double r_km[3], const double v_km_s[3],
                      const double sun_km[3])
{
    double h[3] = {r_km[1] * v_km_s[2] - r_km[2] * v_km_s[1],
                   r_km[2] * v_km_s[0] - r_km[0] * v_km_s[2],
                   r_km[0] * v_km_s[1] - r_km[1] * v_km_s[0]};
    double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
    double sn = sqrt(sun_km[0] * sun_km[0] + sun_km[1] * sun_km[1] +
                     sun_km[2] * sun_km[2]);
    double sb = (h[0] * sun_km[0] + h[1] * sun_km[1] + h[2] * sun_km[2]) / (hn * sn);
    if (sb > 1.0) sb = 1.0;
    if (sb < -1.0) sb = -1.0;
    return asin(sb);
}
