/* Training-cluster load swings and the site battery that hides them from the
 * grid. Kept apart from grid.c: this file is about what the site draws,
 * grid.c about what the grid's frequency does with it. */
#include "odc/cluster_power.h"

#include <math.h>
#include <stdbool.h>

#define MWS_PER_MWH 3600.0

static int bad(odc_err *err, const char *field, const char *fmt, double v)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field, fmt, v);
}

int odc_train_profile_check(const odc_train_profile *p, odc_err *err)
{
    if (!p)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "profile", "missing");
    if (!(isfinite(p->p_it_mw) && p->p_it_mw > 0))
        return bad(err, "p_it_mw", "%g: expected a finite power > 0 MW", p->p_it_mw);
    if (!(isfinite(p->iter_period_s) && p->iter_period_s > 0))
        return bad(err, "iter_period_s", "%g: expected a period > 0 s", p->iter_period_s);
    if (!(p->compute_frac > 0 && p->compute_frac <= 1))
        return bad(err, "compute_frac", "%g: expected in (0, 1]", p->compute_frac);
    if (!(p->comm_power_frac >= 0 && p->comm_power_frac <= 1))
        return bad(err, "comm_power_frac", "%g: expected in [0, 1]", p->comm_power_frac);
    if (!(isfinite(p->ckpt_interval_s) && p->ckpt_interval_s >= 0))
        return bad(err, "ckpt_interval_s", "%g: expected >= 0 s (0: none)",
                   p->ckpt_interval_s);
    if (!(p->ckpt_duration_s >= 0 &&
          (p->ckpt_interval_s == 0 || p->ckpt_duration_s < p->ckpt_interval_s)))
        return bad(err, "ckpt_duration_s", "%g: expected in [0, ckpt_interval_s) s",
                   p->ckpt_duration_s);
    if (!(p->ckpt_power_frac >= 0 && p->ckpt_power_frac <= 1))
        return bad(err, "ckpt_power_frac", "%g: expected in [0, 1]", p->ckpt_power_frac);
    if (!(isfinite(p->rise_s) && p->rise_s >= 0))
        return bad(err, "rise_s", "%g: expected >= 0 s", p->rise_s);
    if (!(isfinite(p->fall_s) && p->fall_s >= 0))
        return bad(err, "fall_s", "%g: expected >= 0 s", p->fall_s);
    if (!(isfinite(p->pue) && p->pue >= 1))
        return bad(err, "pue", "%g: expected >= 1", p->pue);
    if (!(isfinite(p->cooling_tau_s) && p->cooling_tau_s > 0))
        return bad(err, "cooling_tau_s", "%g: expected > 0 s", p->cooling_tau_s);
    return ODC_OK;
}

int odc_site_battery_check(const odc_site_battery *b, odc_err *err)
{
    if (!b)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "battery", "missing");
    if (!(b->p_max_mw > 0) || isnan(b->p_max_mw))
        return bad(err, "p_max_mw", "%g: expected > 0 MW", b->p_max_mw);
    if (!(b->e_mwh > 0) || isnan(b->e_mwh))
        return bad(err, "e_mwh", "%g: expected > 0 MWh", b->e_mwh);
    if (!(b->rte > 0 && b->rte <= 1))
        return bad(err, "rte", "%g: expected round-trip efficiency in (0, 1]", b->rte);
    if (!(b->soc_min >= 0 && b->soc_min < 1))
        return bad(err, "soc_min", "%g: expected in [0, 1)", b->soc_min);
    if (!(b->soc_max > b->soc_min && b->soc_max <= 1))
        return bad(err, "soc_max", "%g: expected in (soc_min, 1]", b->soc_max);
    if (!(b->soc0 >= b->soc_min && b->soc0 <= b->soc_max))
        return bad(err, "soc0", "%g: expected in [soc_min, soc_max]", b->soc0);
    return ODC_OK;
}

int odc_smoother_check(const odc_smoother *c, odc_err *err)
{
    if (!c)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "smoother", "missing");
    if (!(isfinite(c->tau_s) && c->tau_s >= 0))
        return bad(err, "tau_s", "%g: expected >= 0 s", c->tau_s);
    if (!(c->ramp_limit_mw_s > 0) || isnan(c->ramp_limit_mw_s))
        return bad(err, "ramp_limit_mw_s", "%g: expected > 0 MW/s (INFINITY: none)",
                   c->ramp_limit_mw_s);
    if (!(c->soc_target >= 0 && c->soc_target <= 1))
        return bad(err, "soc_target", "%g: expected in [0, 1]", c->soc_target);
    if (!(isfinite(c->soc_gain_per_s) && c->soc_gain_per_s >= 0))
        return bad(err, "soc_gain_per_s", "%g: expected >= 0 1/s", c->soc_gain_per_s);
    return ODC_OK;
}

double odc_train_mean_it_mw(const odc_train_profile *p)
{
    double c = p->ckpt_interval_s > 0 ? p->ckpt_duration_s / p->ckpt_interval_s : 0.0;
    double f = p->compute_frac, a = p->comm_power_frac;
    return p->p_it_mw * ((1.0 - c) * (f + (1.0 - f) * a) + c * p->ckpt_power_frac);
}

/* Phase level (fraction of compute power) the job asks for at time t. */
static double target_level(const odc_train_profile *p, double t)
{
    if (p->ckpt_interval_s > 0 && p->ckpt_duration_s > 0) {
        double in_ck = fmod(t, p->ckpt_interval_s);
        if (in_ck >= p->ckpt_interval_s - p->ckpt_duration_s)
            return p->ckpt_power_frac;
    }
    double ph = fmod(t, p->iter_period_s) / p->iter_period_s;
    return ph < p->compute_frac ? 1.0 : p->comm_power_frac;
}

int odc_train_load_series(const odc_train_profile *p, double dt_s, size_t n,
                          double *p_it_mw, double *p_site_mw, odc_err *err)
{
    int rc = odc_train_profile_check(p, err);
    if (rc)
        return rc;
    if (!(isfinite(dt_s) && dt_s > 0))
        return bad(err, "dt_s", "%g: expected a step > 0 s", dt_s);
    if (n == 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected >= 1 sample");
    /* Slew per step as a fraction of full scale; infinite for a step. */
    double up = p->rise_s > 0 ? dt_s / p->rise_s : INFINITY;
    double dn = p->fall_s > 0 ? dt_s / p->fall_s : INFINITY;
    double a = exp(-dt_s / p->cooling_tau_s);
    double k_nonit = p->pue - 1.0;
    double lvl = target_level(p, 0.0);
    double nonit = k_nonit * odc_train_mean_it_mw(p);
    for (size_t k = 0; k < n; k++) {
        if (k > 0) {
            double want = target_level(p, (double)k * dt_s);
            double d = want - lvl;
            if (d > up) d = up;
            if (d < -dn) d = -dn;
            lvl += d;
        }
        double it = lvl * p->p_it_mw;
        if (k > 0) {
            /* Non-IT relaxes towards (pue-1)*IT, the IT held over the step. */
            double tgt = k_nonit * it;
            nonit = tgt + (nonit - tgt) * a;
        }
        if (p_it_mw) p_it_mw[k] = it;
        if (p_site_mw) p_site_mw[k] = it + nonit;
    }
    return ODC_OK;
}

/* Shared core of run and size: b == NULL means an unconstrained store
 * (no power or energy limits); rte is then taken from rte_free. */
typedef struct run_acc {
    double dev_min, dev_max;   /* MW*s */
    double pmax;
} run_acc;

static void smooth_core(const double *L, size_t n, double dt, const odc_smoother *c,
                        const odc_site_battery *b, double rte_free,
                        double *grid, double *batt, double *soc,
                        odc_smooth_summary *s, run_acc *acc)
{
    double rte = b ? b->rte : rte_free;
    double eta = sqrt(rte);
    double a = c->tau_s > 0 ? exp(-dt / c->tau_s) : 0.0;
    double rdt = c->ramp_limit_mw_s * dt;            /* INFINITY if no limit */
    double cap = b ? b->e_mwh * MWS_PER_MWH : 0.0;  /* MW*s */
    double e_lo = b ? b->soc_min * cap : -INFINITY;
    double e_hi = b ? b->soc_max * cap : INFINITY;
    double e0 = b ? b->soc0 * cap : 0.0;
    double e_tgt = b ? c->soc_target * cap : 0.0;
    double pm = b ? b->p_max_mw : INFINITY;
    double e = e0;
    double f = L[0], g = L[0];
    double e_load = L[0] * dt, e_grid = L[0] * dt, e_loss = 0.0;
    double ramp_L = 0.0, ramp_g = 0.0, bmax = 0.0;
    double smin = b ? e / cap : 0.0, smax = smin;
    double dmin = 0.0, dmax = 0.0;
    size_t nlim = 0;
    if (grid) grid[0] = g;
    if (batt) batt[0] = 0.0;
    if (soc) soc[0] = b ? e / cap : 0.0;
    for (size_t k = 1; k < n; k++) {
        double Lk = L[k];
        f = Lk + (f - Lk) * a;
        double ref = f - c->soc_gain_per_s * (e - e_tgt);
        double d = ref - g;
        if (d > rdt) d = rdt;
        if (d < -rdt) d = -rdt;
        double gk = g + d;
        double bk = Lk - gk;
        /* Battery limits: power, then the energy left in the SOC window. */
        bool lim = false;
        if (bk > pm) { bk = pm; lim = true; }
        if (bk < -pm) { bk = -pm; lim = true; }
        if (bk > 0 && e - bk * dt / eta < e_lo) {
            bk = (e - e_lo) * eta / dt;
            if (bk < 0) bk = 0;
            lim = true;
        } else if (bk < 0 && e - bk * dt * eta > e_hi) {
            bk = -(e_hi - e) / (eta * dt);
            if (bk > 0) bk = 0;
            lim = true;
        }
        if (lim) {
            gk = Lk - bk;
            nlim++;
        }
        double de, loss;
        if (bk >= 0) {
            de = -bk * dt / eta;
            loss = -de - bk * dt;
        } else {
            de = -bk * dt * eta;
            loss = -bk * dt - de;
        }
        e += de;
        e_loss += loss;
        e_load += Lk * dt;
        e_grid += gk * dt;
        double rl = fabs(Lk - L[k - 1]) / dt, rg = fabs(gk - g) / dt;
        if (rl > ramp_L) ramp_L = rl;
        if (rg > ramp_g) ramp_g = rg;
        if (fabs(bk) > bmax) bmax = fabs(bk);
        double dev = e - e0;
        if (dev < dmin) dmin = dev;
        if (dev > dmax) dmax = dev;
        if (b) {
            double sk = e / cap;
            if (sk < smin) smin = sk;
            if (sk > smax) smax = sk;
            if (soc) soc[k] = sk;
        } else if (soc) {
            soc[k] = 0.0;
        }
        g = gk;
        if (grid) grid[k] = gk;
        if (batt) batt[k] = bk;
    }
    if (s) {
        s->load_ramp_max_mw_s = ramp_L;
        s->grid_ramp_max_mw_s = ramp_g;
        s->batt_p_max_mw = bmax;
        s->e_load_mwh = e_load / MWS_PER_MWH;
        s->e_grid_mwh = e_grid / MWS_PER_MWH;
        s->e_loss_mwh = e_loss / MWS_PER_MWH;
        s->e_stored_delta_mwh = (e - e0) / MWS_PER_MWH;
        s->soc_min = smin;
        s->soc_max = smax;
        s->dev_min_mwh = dmin / MWS_PER_MWH;
        s->dev_max_mwh = dmax / MWS_PER_MWH;
        s->n_limited = nlim;
    }
    if (acc) {
        acc->dev_min = dmin;
        acc->dev_max = dmax;
        acc->pmax = bmax;
    }
}

static int check_series(const double *L, size_t n, double dt, odc_err *err)
{
    if (!L)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "load_mw", "missing array");
    if (n < 2)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected >= 2 samples");
    if (!(isfinite(dt) && dt > 0))
        return bad(err, "dt_s", "%g: expected a step > 0 s", dt);
    for (size_t k = 0; k < n; k++)
        if (!isfinite(L[k]))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "load_mw",
                               "sample %zu is not finite", k);
    return ODC_OK;
}

int odc_smooth_run(const double *load_mw, size_t n, double dt_s,
                   const odc_smoother *c, const odc_site_battery *b,
                   double *grid_mw, double *batt_mw, double *soc,
                   odc_smooth_summary *s, odc_err *err)
{
    int rc;
    if ((rc = check_series(load_mw, n, dt_s, err)) || (rc = odc_smoother_check(c, err)) ||
        (rc = odc_site_battery_check(b, err)))
        return rc;
    smooth_core(load_mw, n, dt_s, c, b, 1.0, grid_mw, batt_mw, soc, s, NULL);
    return ODC_OK;
}

int odc_smooth_size(const double *load_mw, size_t n, double dt_s,
                    const odc_smoother *c, double rte, double soc_min,
                    double soc_max, double *p_mw, double *e_mwh, odc_err *err)
{
    int rc;
    if ((rc = check_series(load_mw, n, dt_s, err)) || (rc = odc_smoother_check(c, err)))
        return rc;
    if (!(rte > 0 && rte <= 1))
        return bad(err, "rte", "%g: expected round-trip efficiency in (0, 1]", rte);
    if (!(soc_min >= 0 && soc_min < 1))
        return bad(err, "soc_min", "%g: expected in [0, 1)", soc_min);
    if (!(soc_max > soc_min && soc_max <= 1))
        return bad(err, "soc_max", "%g: expected in (soc_min, 1]", soc_max);
    if (!(c->soc_target > soc_min && c->soc_target < soc_max))
        return bad(err, "soc_target", "%g: expected strictly inside (soc_min, soc_max)",
                   c->soc_target);
    run_acc acc;
    smooth_core(load_mw, n, dt_s, c, NULL, rte, NULL, NULL, NULL, NULL, &acc);
    double e_up = acc.dev_max / (soc_max - c->soc_target);
    double e_dn = -acc.dev_min / (c->soc_target - soc_min);
    if (p_mw) *p_mw = acc.pmax;
    if (e_mwh) *e_mwh = fmax(e_up, e_dn) / MWS_PER_MWH;
    return ODC_OK;
}

int odc_ride_through(const odc_site_battery *b, double load_mw, double *t_full_s,
                     double *t_throttled_s, double *served_frac, odc_err *err)
{
    int rc = odc_site_battery_check(b, err);
    if (rc)
        return rc;
    if (!(isfinite(load_mw) && load_mw > 0))
        return bad(err, "load_mw", "%g: expected a load > 0 MW", load_mw);
    double usable = (b->soc0 - b->soc_min) * b->e_mwh * sqrt(b->rte) * MWS_PER_MWH;
    double p = fmin(load_mw, b->p_max_mw);
    if (t_full_s) *t_full_s = b->p_max_mw >= load_mw ? usable / load_mw : 0.0;
    if (t_throttled_s) *t_throttled_s = usable / p;
    if (served_frac) *served_frac = p / load_mw;
    return ODC_OK;
}
