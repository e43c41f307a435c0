/* Walker delta and star constellations (T/P/F notation). */
#include "odc/constellation.h"

#include <math.h>

#define DEG (M_PI / 180.0)
#define TWO_PI 6.283185307179586476925286766559

static double wrap(double x)
{
    x = fmod(x, TWO_PI);
    return x < 0.0 ? x + TWO_PI : x;
}

int odc_walker(odc_constellation *c, int t, int p, int f, double alt_km,
               double incl_deg, double raan0_deg, int star, double epoch_jd,
               double epoch_jd_frac, odc_err *err)
{
    if (t < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t",
                           "expected T >= 1 satellites, got %d", t);
    if (p < 1 || t % p)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "p",
                           "expected P >= 1 dividing T = %d, got %d", t, p);
    if (f < 0 || f >= p)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "f",
                           "expected phasing F in 0..P-1 = 0..%d, got %d", p - 1, f);
    if (!(alt_km > 0.0 && alt_km < 1e6))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "expected altitude > 0 km, got %g", alt_km);
    if (!(incl_deg >= 0.0 && incl_deg <= 180.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "incl_deg",
                           "expected inclination 0..180 deg, got %g", incl_deg);
    if (!isfinite(raan0_deg))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "raan0_deg",
                           "expected a finite node angle");
    int rc = odc_constellation_alloc(c, (size_t)t, err);
    if (rc)
        return rc;
    c->epoch_jd = epoch_jd;
    c->epoch_jd_frac = epoch_jd_frac;
    int s = t / p;                                   /* satellites per plane */
    double span = star ? M_PI : TWO_PI;
    for (int j = 0; j < p; j++) {
        for (int k = 0; k < s; k++) {
            size_t i = (size_t)j * (size_t)s + (size_t)k;
            c->a_km[i] = ODC_RE_EARTH_KM + alt_km;
            c->ecc[i] = 0.0;
            c->incl_rad[i] = incl_deg * DEG;
            c->raan_rad[i] = wrap(raan0_deg * DEG + span * j / p);
            c->argp_rad[i] = 0.0;
            /* Circular: mean anomaly from the node = argument of latitude. */
            c->mean_anom_rad[i] = wrap(TWO_PI * k / s + TWO_PI * (double)j * f / t);
            c->plane[i] = j;
        }
    }
    return ODC_OK;
}
