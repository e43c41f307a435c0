/* Storage of designed constellations (structure of arrays), their
 * propagation with the J2 secular rates, and export as TLE/OMM mean
 * elements. */
#include "odc/constellation.h"
#include "odc/kepler.h"
#include "odc/sgp4.h"
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

/* TLE mean motion (rev/day) for a designed orbit, chosen so that SGP4 reads
 * it back with the same secular along-track rate (dM/dt + domega/dt) as the
 * design propagator's J2 theory. Why: SGP4 takes the TLE value as Kozai's
 * mean motion and recovers Brouwer's from it (Hoots & Roehrich 1980, STR#3
 * sec. 6), so writing the Keplerian sqrt(mu/a^3) makes SGP4 satellites run
 * ahead of the design by ~3/4 J2 (Re/a)^2 (3cos^2 i - 1) of the mean motion,
 * ~400 km/day along-track at 650 km. Solved by the secant method on SGP4's
 * own initialisation (WGS-72), a few iterations to 1e-15 relative.
 * Near-earth only (period < 225 min); deep-space orbits keep the Keplerian
 * value, their lunisolar secular terms being outside the design theory.
 * Returns the Keplerian value if SGP4 cannot initialise the set. */
static double sgp4_matched_mean_motion(const odc_elements *proto, double a_km,
                                       double ecc, double incl_rad)
{
    double n_kep = sqrt(ODC_MU_EARTH_KM3_S2 / (a_km * a_km * a_km)); /* rad/s */
    double n_rev_day = n_kep * 86400.0 / TWO_PI;
    if (n_rev_day < 1440.0 / 225.0)
        return n_rev_day;
    double raan_dot, argp_dot, m_dot;
    odc_j2_rates(a_km, ecc, incl_rad, &raan_dot, &argp_dot, &m_dot);
    double target = (m_dot + argp_dot) * 60.0; /* rad/min, SGP4's unit */
    odc_elements e = *proto;
    odc_sgp4 rec;
    double x0 = n_rev_day, x1 = n_rev_day * (1.0 - 1e-3), f0, f1;
#define RATE_ERR(x, f) do { e.mean_motion_rev_day = (x); \
        if (odc_sgp4_init(&rec, &e, ODC_WGS72, 'i', NULL) != ODC_OK || rec.deep) \
            return n_rev_day; \
        (f) = rec.mdot + rec.argpdot - target; } while (0)
    RATE_ERR(x0, f0);
    RATE_ERR(x1, f1);
    for (int it = 0; it < 30 && f1 != f0; it++) {
        double x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
        x0 = x1;
        f0 = f1;
        x1 = x2;
        RATE_ERR(x1, f1);
        if (fabs(f1) <= 1e-15 * fabs(target))
            break;
    }
#undef RATE_ERR
    return x1;
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
        e->ecc = c->ecc[i];
        e->incl_deg = c->incl_rad[i] * RAD2DEG;
        e->raan_deg = deg_0_360(c->raan_rad[i]);
        e->argp_deg = deg_0_360(c->argp_rad[i]);
        e->mean_anomaly_deg = deg_0_360(c->mean_anom_rad[i]);
        e->bstar = 0.0;
        e->mean_motion_dot = 0.0;
        e->mean_motion_ddot = 0.0;
        e->mean_motion_rev_day = sgp4_matched_mean_motion(e, c->a_km[i], c->ecc[i],
                                                          c->incl_rad[i]);
    }
    return ODC_OK;
}
