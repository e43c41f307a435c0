/* Formation-flying cluster: N satellites on a hexagonal lattice in the
 * plane of the Clohessy-Wiltshire "circular relative orbit", turned into
 * absolute mean elements through relative orbital elements so the
 * formation neither drifts nor deforms in two-body motion. */
#include "odc/constellation.h"

#include <math.h>
#include <stdlib.h>

#define TWO_PI 6.283185307179586476925286766559

typedef struct {
    double p1, p2, r2, ang;
} lattice_pt;

static int cmp_pt(const void *a, const void *b)
{
    const lattice_pt *x = a, *y = b;
    /* Nearest the centre first; ties (same ring) by angle, so the choice
     * among equidistant points is deterministic. */
    if (x->r2 < y->r2 - 1e-9)
        return -1;
    if (x->r2 > y->r2 + 1e-9)
        return 1;
    return (x->ang > y->ang) - (x->ang < y->ang);
}

/* The n points of the unit hexagonal lattice nearest the origin, sorted by
 * distance. Returns NULL when out of memory. */
static lattice_pt *hex_points(int n)
{
    /* About (2 pi / sqrt 3) L^2 points lie within radius L; take a margin. */
    double l = sqrt(n * sqrt(3.0) / (2.0 * M_PI)) + 2.0;
    for (;;) {
        int k = (int)ceil(2.0 * l / sqrt(3.0)) + 2;
        size_t cap = (size_t)(2 * k + 1) * (size_t)(2 * k + 1);
        lattice_pt *pts = malloc(cap * sizeof *pts);
        if (!pts)
            return NULL;
        size_t m = 0;
        for (int i = -k; i <= k; i++)
            for (int j = -k; j <= k; j++) {
                double p1 = i + 0.5 * j, p2 = 0.5 * sqrt(3.0) * j;
                double r2 = p1 * p1 + p2 * p2;
                if (r2 <= l * l) {
                    double ang = atan2(p1, p2);
                    if (ang < 0.0)
                        ang += TWO_PI;
                    pts[m++] = (lattice_pt){p1, p2, r2, ang};
                }
            }
        if (m >= (size_t)n) {
            qsort(pts, m, sizeof *pts, cmp_pt);
            return pts;
        }
        free(pts);           /* not reached with the margin above; kept safe */
        l *= 1.5;
    }
}

int odc_cluster(odc_constellation *c, const odc_constellation *ref, int n,
                double radius_m, double min_spacing_m, double *spacing_m,
                odc_err *err)
{
    if (!ref || ref->n < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ref",
                           "expected a reference orbit (one satellite)");
    if (n < 1 || n > 1000000)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "expected 1..1000000 satellites, got %d", n);
    if (!(radius_m > 0.0) || !isfinite(radius_m))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "radius_m",
                           "expected a radius > 0 m, got %g", radius_m);
    if (!(min_spacing_m > 0.0) || !isfinite(min_spacing_m))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "min_spacing_m",
                           "expected a minimum spacing > 0 m, got %g", min_spacing_m);
    double a = ref->a_km[0], e0 = ref->ecc[0], i0 = ref->incl_rad[0];
    if (!(e0 < 1e-3))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ref",
                           "reference orbit must be near-circular (e < 1e-3), got e = %g", e0);
    if (!(sin(i0) > 1e-3))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ref",
                           "reference orbit must not be equatorial (node undefined)");
    if (!(radius_m < 0.01 * a * 1000.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "radius_m",
                           "radius %g m is outside the linear (Hill) regime: expected "
                           "< 1%% of a = %g km", radius_m, a);

    lattice_pt *pts = hex_points(n);
    if (!pts)
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    /* Largest spacing s that puts the n-th nearest lattice point on R. */
    double dn = sqrt(pts[n - 1].r2);
    double s = dn > 0.0 ? radius_m / dn : 0.0;
    if (n > 1 && s < min_spacing_m * (1.0 - 1e-12)) {
        int fit = 0;                 /* how many fit at the minimum spacing */
        double lim = radius_m / min_spacing_m;
        free(pts);
        pts = hex_points(n);
        for (int k = 0; k < n && pts && sqrt(pts[k].r2) <= lim * (1.0 + 1e-12); k++)
            fit = k + 1;
        free(pts);
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "%d satellites do not fit within radius %g m at spacing >= %g m "
                           "(hexagonal packing gives spacing %.3f m; at most %d fit)",
                           n, radius_m, min_spacing_m, s, fit);
    }
    int rc = odc_constellation_alloc(c, (size_t)n, err);
    if (rc) {
        free(pts);
        return rc;
    }
    c->epoch_jd = ref->epoch_jd;
    c->epoch_jd_frac = ref->epoch_jd_frac;

    double a_m = a * 1000.0;
    double exr = e0 * cos(ref->argp_rad[0]), eyr = e0 * sin(ref->argp_rad[0]);
    double u0 = ref->argp_rad[0] + ref->mean_anom_rad[0];   /* mean arg. of latitude */
    for (int k = 0; k < n; k++) {
        /* Lattice point -> position in the relative-orbit plane at epoch:
         * p1 along e1 = (1/2, 0, sqrt3/2) (radial, along, cross), p2 along
         * e2 = (0, 1, 0); i.e. rho = |p| and phase alpha with
         * sin(alpha) = p1/rho, cos(alpha) = p2/rho. */
        double rho = s * sqrt(pts[k].r2);
        double alpha = pts[k].ang;
        /* Relative orbital elements (D'Amico 2010): with u the reference's
         * mean argument of latitude, x = -a de cos(u - phi),
         * y = a dlambda + 2 a de sin(u - phi), z = a di sin(u - theta).
         * Matching x = rho/2 sin(u - u0 + alpha), y = rho cos(...),
         * z = sqrt3/2 rho sin(...) gives the following. */
        double de = rho / (2.0 * a_m);
        double di = 0.5 * sqrt(3.0) * rho / a_m;
        double phi = u0 - alpha - 0.5 * M_PI;
        double theta = u0 - alpha;
        double ex = exr + de * cos(phi), ey = eyr + de * sin(phi);
        double ecc = hypot(ex, ey);
        double argp = ecc > 0.0 ? atan2(ey, ex) : 0.0;
        double incl = i0 + di * cos(theta);
        double draan = di * sin(theta) / sin(i0);
        double u = u0 - draan * cos(i0);            /* delta lambda = 0 */
        c->a_km[k] = a;                             /* delta a = 0: no drift */
        c->ecc[k] = ecc;
        c->argp_rad[k] = fmod(argp + TWO_PI, TWO_PI);
        c->incl_rad[k] = incl;
        c->raan_rad[k] = fmod(fmod(ref->raan_rad[0] + draan, TWO_PI) + TWO_PI, TWO_PI);
        c->mean_anom_rad[k] = fmod(fmod(u - argp, TWO_PI) + TWO_PI, TWO_PI);
        c->plane[k] = 0;
    }
    free(pts);
    if (spacing_m)
        *spacing_m = n > 1 ? s : 0.0;
    return ODC_OK;
}
