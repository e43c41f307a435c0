/* Storage of designed constellations (structure of arrays), their
 * propagation with the J2 secular rates, and export as TLE/OMM mean
 * elements. */
#include "odc/constellation.h"
#include "odc/kepler.h"
#include "odc/tle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TWO_PI 6.283185307179586476925286766559
#define RAD2DEG (180.0 / M_PI)

int odc_constellation_alloc(odc_constellation *c, size_t n, odc_err *err)
{
    memset(c, 0, sizeof *c);
    size_t m = n ? n : 1;
    /* One block for the six element arrays keeps them together in memory. */
    double *blk = calloc(6 * m, sizeof *blk);
    int *plane = calloc(m, sizeof *plane);
    if (!blk || !plane) {
        free(blk);
        free(plane);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "out of memory for %zu satellites", n);
    }
    c->n = n;
    c->a_km = blk;
    c->ecc = blk + m;
    c->incl_rad = blk + 2 * m;
    c->raan_rad = blk + 3 * m;
    c->argp_rad = blk + 4 * m;
    c->mean_anom_rad = blk + 5 * m;
    c->plane = plane;
    return ODC_OK;
}

void odc_constellation_free(odc_constellation *c)
{
    if (!c)
        return;
    free(c->a_km);
    free(c->plane);
    memset(c, 0, sizeof *c);
}

static void state_at(const odc_constellation *c, size_t i, double dt_s, int use_j2,
                     double r_km[3], double v_km_s[3])
{
    odc_kepler_el el = {c->a_km[i], c->ecc[i], c->incl_rad[i], c->raan_rad[i],
                        c->argp_rad[i], c->mean_anom_rad[i]};
    if (use_j2) {
        double od, wd, md;
        odc_j2_rates(el.a_km, el.ecc, el.incl_rad, &od, &wd, &md);
        el.raan_rad += od * dt_s;
        el.argp_rad += wd * dt_s;
        el.mean_anom_rad += md * dt_s;
    } else {
        el.mean_anom_rad += sqrt(ODC_MU_EARTH_KM3_S2 / (el.a_km * el.a_km * el.a_km)) * dt_s;
    }
    odc_kepler_to_state(ODC_MU_EARTH_KM3_S2, &el, r_km, v_km_s);
}

void odc_constellation_state(const odc_constellation *c, size_t i, double dt_s,
                             double r_km[3], double v_km_s[3])
{
    state_at(c, i, dt_s, 1, r_km, v_km_s);
}

void odc_constellation_state_kepler(const odc_constellation *c, size_t i,
                                    double dt_s, double r_km[3], double v_km_s[3])
{
    state_at(c, i, dt_s, 0, r_km, v_km_s);
}

void odc_constellation_propagate(const odc_constellation *c, double dt_s,
                                 int use_j2, double *x_km, double *y_km,
                                 double *z_km, double *vx_km_s,
                                 double *vy_km_s, double *vz_km_s)
{
    for (size_t i = 0; i < c->n; i++) {
        double r[3], v[3];
        state_at(c, i, dt_s, use_j2, r, v);
        x_km[i] = r[0];
        y_km[i] = r[1];
        z_km[i] = r[2];
        if (vx_km_s) {
            vx_km_s[i] = v[0];
            vy_km_s[i] = v[1];
            vz_km_s[i] = v[2];
        }
    }
}

static double deg_0_360(double rad)
{
    double d = fmod(rad * RAD2DEG, 360.0);
    return d < 0.0 ? d + 360.0 : d;
}

int odc_constellation_to_elements(const odc_constellation *c, long first_norad,
                                  const char *prefix, odc_elements *out,
                                  odc_err *err)
{
    if (first_norad < 1 || (c->n && first_norad + (long)c->n - 1 > 339999))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "first_norad",
                           "catalogue numbers %ld..%ld do not fit 1..339999 (Alpha-5)",
                           first_norad, first_norad + (long)c->n - 1);
    /* Epoch normalised (whole day ending in .5 + fraction) with TLE year
     * and day of year, by the TLE module's rule. */
    odc_elements ep;
    memset(&ep, 0, sizeof ep);
    int rc = odc_elements_set_epoch_jd(&ep, c->epoch_jd, c->epoch_jd_frac, err);
    if (rc)
        return rc;
    if (!prefix)
        prefix = "ODC";
    for (size_t i = 0; i < c->n; i++) {
        odc_elements *e = &out[i];
        memset(e, 0, sizeof *e);
        snprintf(e->name, sizeof e->name, "%.40s-%zu", prefix, i + 1);
        e->norad = first_norad + (long)i;
        e->classification = 'U';
        e->ephemeris_type = 0;
        e->element_set_no = 1;
        e->rev_at_epoch = 0;
        e->epoch_jd = ep.epoch_jd;
        e->epoch_jd_frac = ep.epoch_jd_frac;
        e->epoch_year = ep.epoch_year;
        e->epoch_doy = ep.epoch_doy;
        double a = c->a_km[i];
        e->mean_motion_rev_day = sqrt(ODC_MU_EARTH_KM3_S2 / (a * a * a)) * 86400.0 / TWO_PI;
        e->ecc = c->ecc[i];
        e->incl_deg = c->incl_rad[i] * RAD2DEG;
        e->raan_deg = deg_0_360(c->raan_rad[i]);
        e->argp_deg = deg_0_360(c->argp_rad[i]);
        e->mean_anomaly_deg = deg_0_360(c->mean_anom_rad[i]);
        e->bstar = 0.0;
        e->mean_motion_dot = 0.0;
        e->mean_motion_ddot = 0.0;
    }
    return ODC_OK;
}
