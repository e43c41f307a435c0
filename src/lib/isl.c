/* Optical inter-satellite link budget and Earth blockage of the line of
 * sight (see include/odc/isl.h for the model and its references). */
#include "odc/isl.h"

#include <math.h>
#include <stddef.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static int bad(odc_err *err, const char *field, const char *expect, double v)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                       "terminal value %g invalid: expected %s", v, expect);
}

int odc_isl_terminal_check(const odc_isl_terminal *t, odc_err *err)
{
    if (!t)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "terminal", "missing terminal");
    const struct { const char *name; double v; int kind; } f[] = {
        /* kind 0: > 0 finite; 1: in (0, 1]; 2: >= 0 finite */
        {"p_tx_w", t->p_tx_w, 0},
        {"d_tx_m", t->d_tx_m, 0},
        {"d_rx_m", t->d_rx_m, 0},
        {"wavelength_m", t->wavelength_m, 0},
        {"eta_tx", t->eta_tx, 1},
        {"eta_rx", t->eta_rx, 1},
        {"pointing_loss_db", t->pointing_loss_db, 2},
        {"impl_loss_db", t->impl_loss_db, 2},
        {"n_ppb", t->n_ppb, 0},
        {"max_rate_bps", t->max_rate_bps, 0},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        double v = f[i].v;
        if (!isfinite(v))
            return bad(err, f[i].name, "a finite number", v);
        if (f[i].kind == 0 && !(v > 0.0))
            return bad(err, f[i].name, "> 0", v);
        if (f[i].kind == 1 && !(v > 0.0 && v <= 1.0))
            return bad(err, f[i].name, "in (0, 1]", v);
        if (f[i].kind == 2 && !(v >= 0.0))
            return bad(err, f[i].name, ">= 0 (a loss in dB)", v);
    }
    if (t->n_channels < 1 || t->n_channels > 100000)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_channels",
                           "%d invalid: expected 1..100000 WDM channels", t->n_channels);
    return ODC_OK;
}

/* Geometric collected fraction (pi D_tx D_rx / (4 lambda R))^2, and
 * whether it had to be capped at 1. */
static double geom_fraction(const odc_isl_terminal *t, double range_m, int *capped)
{
    double a = M_PI * t->d_tx_m * t->d_rx_m / (4.0 * t->wavelength_m * range_m);
    double g = a * a;
    *capped = g > 1.0;
    return g > 1.0 ? 1.0 : g;
}

static double received_w(const odc_isl_terminal *t, double range_m, int *capped)
{
    double losses = pow(10.0, -(t->pointing_loss_db + t->impl_loss_db) / 10.0);
    return t->p_tx_w * t->eta_tx * t->eta_rx * geom_fraction(t, range_m, capped) * losses;
}

/* Photon-limited rate of the whole received power, and the rate after the
 * per-channel cap (each of n channels gets p_rx / n). */
static void rates(const odc_isl_terminal *t, double p_rx_w, double *uncapped, double *capped,
                  int *binds)
{
    double e_photon_j = ODC_PLANCK_J_S * ODC_C_M_S / t->wavelength_m;
    double per_ch = p_rx_w / t->n_channels / (t->n_ppb * e_photon_j);
    *uncapped = per_ch * t->n_channels;
    *binds = per_ch > t->max_rate_bps;
    *capped = (*binds ? t->max_rate_bps : per_ch) * t->n_channels;
}

int odc_isl_budget_eval(const odc_isl_terminal *t, double range_km,
                        odc_isl_budget *out, odc_err *err)
{
    int rc = odc_isl_terminal_check(t, err);
    if (rc)
        return rc;
    if (!isfinite(range_km) || !(range_km > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "range_km",
                           "range %g invalid: expected > 0 km", range_km);
    if (!out)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "out", "missing output");
    double r_m = range_km * 1e3, lam = t->wavelength_m;
    double gt = M_PI * t->d_tx_m / lam, gr = M_PI * t->d_rx_m / lam;
    double lfs = lam / (4.0 * M_PI * r_m);
    out->g_tx = t->eta_tx * gt * gt;
    out->g_rx = t->eta_rx * gr * gr;
    out->l_fs = lfs * lfs;
    out->geom_fraction = geom_fraction(t, r_m, &out->aperture_limited);
    out->p_rx_w = received_w(t, r_m, &out->aperture_limited);
    out->p_rx_dbm = 10.0 * log10(out->p_rx_w / 1e-3);
    rates(t, out->p_rx_w, &out->rate_uncapped_bps, &out->rate_bps, &out->rate_capped);
    out->near_field = r_m < t->d_tx_m * t->d_tx_m / lam;
    return ODC_OK;
}

double odc_isl_rate_bps(const odc_isl_terminal *t, double range_km)
{
    int capped, binds;
    double unc, rate;
    rates(t, received_w(t, range_km * 1e3, &capped), &unc, &rate, &binds);
    return rate;
}

/* Point of the segment r1 + s (r2 - r1), s in [0, 1], closest to the
 * origin; returns its squared norm. */
static double seg_min_dist2(const double a[3], const double b[3])
{
    double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    double s = 0.0;
    if (dd > 0.0) {
        s = -(a[0] * d[0] + a[1] * d[1] + a[2] * d[2]) / dd;
        s = s < 0.0 ? 0.0 : (s > 1.0 ? 1.0 : s);
    }
    double p[3] = {a[0] + s * d[0], a[1] + s * d[1], a[2] + s * d[2]};
    return p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
}

double odc_isl_segment_min_dist_km(const double r1_km[3], const double r2_km[3])
{
    return sqrt(seg_min_dist2(r1_km, r2_km));
}

int odc_isl_los_clear(const double r1_km[3], const double r2_km[3], double r_block_km)
{
    return seg_min_dist2(r1_km, r2_km) > r_block_km * r_block_km;
}
