/* Sun-synchronous orbits: the inclination that matches the node rate to
 * the mean Sun, the mean Sun's right ascension, and a plane of satellites
 * placed at a local time of the ascending node. */
#include "odc/constellation.h"

#include <math.h>

#define TWO_PI 6.283185307179586476925286766559
#define DEG (M_PI / 180.0)

int odc_sso_inclination(double a_km, double ecc, double *incl_rad, odc_err *err)
{
    if (!(a_km > ODC_RE_EARTH_KM) || !(ecc >= 0.0 && ecc < 1.0) ||
        !(a_km * (1.0 - ecc) > ODC_RE_EARTH_KM))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "a_km",
                           "expected perigee above the Earth's surface (a = %.3f km, "
                           "e = %.6g; Re = %.3f km)", a_km, ecc, ODC_RE_EARTH_KM);
    double want = TWO_PI / (ODC_TROPICAL_YEAR_DAYS * 86400.0);   /* rad/s */
    double rate_cos1;   /* node rate for cos i = 1 */
    odc_j2_rates(a_km, ecc, 0.0, &rate_cos1, NULL, NULL);
    double ci = want / rate_cos1;                                 /* < 0 */
    if (!(ci >= -1.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "a_km",
                           "no sun-synchronous inclination at a = %.3f km, e = %.6g: "
                           "J2 precession too slow (need cos i = %.6f); expected "
                           "a below ~12350 km", a_km, ecc, ci);
    *incl_rad = acos(ci);
    return ODC_OK;
}

double odc_mean_sun_ra_rad(double jd1, double jd2)
{
    /* Split so the large day count does not swamp the fraction. */
    double d = (jd1 - 2451545.0) + jd2;
    double t = d / 36525.0;
    /* Seconds of time. 8640184.812866 s per century is 100 whole turns
     * (100 T = d / 365.25) plus 184.812866 s; the whole turns are taken
     * modulo 1 separately so precision is not lost. */
    double sec = 67310.54841 + 184.812866 * t + (t * (0.093104 - 6.2e-6 * t)) * t;
    double frac_turn = fmod(sec / 86400.0 + fmod(d / 365.25, 1.0), 1.0);
    if (frac_turn < 0.0)
        frac_turn += 1.0;
    return frac_turn * TWO_PI;
}

int odc_sso(odc_constellation *c, int n, double alt_km, double ltan_h,
            double epoch_jd, double epoch_jd_frac, odc_err *err)
{
    if (n < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n",
                           "expected at least 1 satellite, got %d", n);
    if (!(ltan_h >= 0.0 && ltan_h <= 24.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ltan",
                           "expected local time of ascending node 0..24 h, got %g", ltan_h);
    if (!(alt_km > 0.0 && alt_km < 1e5))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "expected altitude > 0 km, got %g", alt_km);
    double a = ODC_RE_EARTH_KM + alt_km, incl;
    int rc = odc_sso_inclination(a, 0.0, &incl, err);
    if (rc)
        return rc;
    rc = odc_constellation_alloc(c, (size_t)n, err);
    if (rc)
        return rc;
    c->epoch_jd = epoch_jd;
    c->epoch_jd_frac = epoch_jd_frac;
    double raan = odc_mean_sun_ra_rad(epoch_jd, epoch_jd_frac) + (ltan_h - 12.0) * 15.0 * DEG;
    raan = fmod(raan, TWO_PI);
    if (raan < 0.0)
        raan += TWO_PI;
    for (int k = 0; k < n; k++) {
        c->a_km[k] = a;
        c->ecc[k] = 0.0;
        c->incl_rad[k] = incl;
        c->raan_rad[k] = raan;
        c->argp_rad[k] = 0.0;
        c->mean_anom_rad[k] = TWO_PI * k / n;
        c->plane[k] = 0;
    }
    return ODC_OK;
}
