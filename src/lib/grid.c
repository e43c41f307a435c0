/* Grid frequency after a sudden data-center load loss (aggregated swing
 * equation with droop governors), the UPS lock-out cascade that causes such
 * a loss, and the loader of data/grids.json (reference grids, battery
 * units, UPS policy, training profile) so that none of those numbers live
 * in code. */
#include "odc/grid.h"
#include "odc/cluster_power.h"
#include "odc/datafile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(odc_err *err, const char *field, const char *fmt, double v)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field, fmt, v);
}

static int pos(double v) { return isfinite(v) && v > 0; }
static int nonneg(double v) { return isfinite(v) && v >= 0; }

int odc_grid_check(const odc_grid *g, odc_err *err)
{
    if (!g)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "grid", "missing");
    if (!pos(g->f0_hz))
        return bad(err, "f0_hz", "%g: expected a nominal frequency > 0 Hz", g->f0_hz);
    if (!pos(g->s_base_mva))
        return bad(err, "s_base_mva", "%g: expected > 0 MVA", g->s_base_mva);
    if (!pos(g->h_s))
        return bad(err, "h_s", "%g: expected an inertia constant > 0 s", g->h_s);
    if (!nonneg(g->d_pu))
        return bad(err, "d_pu", "%g: expected load damping >= 0 pu", g->d_pu);
    if (!pos(g->r_pu))
        return bad(err, "r_pu", "%g: expected a droop > 0 pu", g->r_pu);
    if (!(g->k_gov >= 0 && g->k_gov <= 1))
        return bad(err, "k_gov", "%g: expected a share in [0, 1]", g->k_gov);
    if (!pos(g->t_gov_s))
        return bad(err, "t_gov_s", "%g: expected a time constant > 0 s", g->t_gov_s);
    if (!(g->d_pu > 0 || g->k_gov > 0))
        return bad(err, "d_pu", "%g: with k_gov = 0 the load damping must be > 0 "
                   "(no steady state otherwise)", g->d_pu);
    if (!(isfinite(g->f_trip_hi_hz) && g->f_trip_hi_hz > g->f0_hz))
        return bad(err, "f_trip_hi_hz", "%g: expected a threshold above f0_hz",
                   g->f_trip_hi_hz);
    if (!(isfinite(g->f_cont_hi_hz) && g->f_cont_hi_hz > g->f0_hz &&
          g->f_cont_hi_hz <= g->f_trip_hi_hz))
        return bad(err, "f_cont_hi_hz", "%g: expected in (f0_hz, f_trip_hi_hz]",
                   g->f_cont_hi_hz);
    if (!pos(g->rocof_limit_hz_s))
        return bad(err, "rocof_limit_hz_s", "%g: expected > 0 Hz/s", g->rocof_limit_hz_s);
    if (!nonneg(g->rocof_window_s))
        return bad(err, "rocof_window_s", "%g: expected >= 0 s", g->rocof_window_s);
    return ODC_OK;
}

int odc_grid_battery_check(const odc_grid_battery *b, odc_err *err)
{
    if (!b)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "battery", "missing");
    if (!nonneg(b->p_max_mw))
        return bad(err, "p_max_mw", "%g: expected >= 0 MW", b->p_max_mw);
    if (!pos(b->e_max_mwh))
        return bad(err, "e_max_mwh", "%g: expected > 0 MWh", b->e_max_mwh);
    if (!nonneg(b->delay_s))
        return bad(err, "delay_s", "%g: expected >= 0 s", b->delay_s);
    if (!pos(b->ramp_up_mw_s))
        return bad(err, "ramp_up_mw_s", "%g: expected > 0 MW/s", b->ramp_up_mw_s);
    if (!nonneg(b->hold_s))
        return bad(err, "hold_s", "%g: expected >= 0 s", b->hold_s);
    if (!pos(b->ramp_down_mw_s))
        return bad(err, "ramp_down_mw_s", "%g: expected > 0 MW/s", b->ramp_down_mw_s);
    return ODC_OK;
}

int odc_lvrt_check(const odc_lvrt_policy *p, odc_err *err)
{
    if (!p)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "lvrt", "missing");
    if (!(p->v_transfer_pu > 0 && p->v_transfer_pu <= 1.5))
        return bad(err, "v_transfer_pu", "%g: expected in (0, 1.5] pu", p->v_transfer_pu);
    if (p->n_dips < 1 || p->n_dips > 64)
        return bad(err, "n_dips", "%g: expected 1..64", (double)p->n_dips);
    if (!pos(p->window_s))
        return bad(err, "window_s", "%g: expected > 0 s", p->window_s);
    return ODC_OK;
}

double odc_grid_rocof0_hz_s(const odc_grid *g, double dp_mw)
{
    return dp_mw * g->f0_hz / (2.0 * g->h_s * g->s_base_mva);
}

double odc_grid_dfss_hz(const odc_grid *g, double dp_mw)
{
    return g->f0_hz * (dp_mw / g->s_base_mva) / (g->d_pu + g->k_gov / g->r_pu);
}

/* ---- forcing: the lost load and the battery's piecewise-linear schedule */

typedef struct forcing {
    double t_loss, dp;             /* MW */
    double t1, t2, t3, t4, p;      /* battery: start, full, hold end, zero; MW */
    int has_batt;
} forcing;

static void make_forcing(const odc_grid_battery *b, double dp, double t_loss, forcing *F)
{
    memset(F, 0, sizeof *F);
    F->t_loss = t_loss;
    F->dp = dp;
    if (!b || b->p_max_mw <= 0 || dp <= 0)
        return;
    double p = fmin(b->p_max_mw, dp);
    double ru = b->ramp_up_mw_s, rd = b->ramp_down_mw_s, hold = b->hold_s;
    double emax = b->e_max_mwh * 3600.0;               /* MW*s */
    double tri = 0.5 / ru + 0.5 / rd;                   /* ramps: p^2 * tri */
    if (p * p * tri + p * hold > emax) {
        hold = (emax - p * p * tri) / p;
        if (hold < 0) {
            hold = 0;
            p = sqrt(emax / tri);
        }
    }
    F->has_batt = 1;
    F->p = p;
    F->t1 = t_loss + b->delay_s;
    F->t2 = F->t1 + p / ru;
    F->t3 = F->t2 + hold;
    F->t4 = F->t3 + p / rd;
}

/* Battery charging power at time t, the linear piece chosen by tm (a time
 * strictly inside the current sub-step) so corners are never straddled. */
static double batt_power(const forcing *F, double t, double tm)
{
    if (!F->has_batt || tm <= F->t1 || tm >= F->t4)
        return 0.0;
    if (tm < F->t2)
        return F->p * (t - F->t1) / (F->t2 - F->t1);
    if (tm < F->t3)
        return F->p;
    return F->p * (F->t4 - t) / (F->t4 - F->t3);
}

/* Net change of load seen by the generators (MW): -loss + battery. */
static double net_load(const forcing *F, double t, double tm)
{
    return (tm > F->t_loss ? -F->dp : 0.0) + batt_power(F, t, tm);
}

typedef struct sys {
    double a_w;   /* 1/(2H)            */
    double d;     /* D                 */
    double kr;    /* k_gov / R         */
    double tg;    /* Tg                */
    double s;     /* S (MVA)           */
} sys;

static void rhs(const sys *q, const forcing *F, double t, double tm, const double x[2],
                double dx[2])
{
    double pl = net_load(F, t, tm) / q->s;
    dx[0] = q->a_w * (x[1] - pl - q->d * x[0]);
    dx[1] = (-q->kr * x[0] - x[1]) / q->tg;
}

static void rk4(const sys *q, const forcing *F, double t, double h, double x[2])
{
    double tm = t + 0.5 * h, k1[2], k2[2], k3[2], k4[2], y[2];
    rhs(q, F, t, tm, x, k1);
    y[0] = x[0] + 0.5 * h * k1[0]; y[1] = x[1] + 0.5 * h * k1[1];
    rhs(q, F, t + 0.5 * h, tm, y, k2);
    y[0] = x[0] + 0.5 * h * k2[0]; y[1] = x[1] + 0.5 * h * k2[1];
    rhs(q, F, t + 0.5 * h, tm, y, k3);
    y[0] = x[0] + h * k3[0]; y[1] = x[1] + h * k3[1];
    rhs(q, F, t + h, tm, y, k4);
    x[0] += h / 6.0 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    x[1] += h / 6.0 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
}

/* Advance from t to t+h, splitting at the forcing's corners. */
static void step(const sys *q, const forcing *F, double t, double h, double x[2])
{
    double bp[5] = {F->t_loss, F->t1, F->t2, F->t3, F->t4};
    int nb = F->has_batt ? 5 : 1;
    double a = t, end = t + h;
    for (;;) {
        double next = end;
        for (int i = 0; i < nb; i++)
            if (bp[i] > a && bp[i] < next)
                next = bp[i];
        /* Sub-steps shorter than rounding noise are skipped. */
        if (next - a > 1e-12 * (1.0 + fabs(a)))
            rk4(q, F, a, next - a, x);
        if (next >= end)
            break;
        a = next;
    }
}

static int sim(const odc_grid *g, const forcing *F, double dt, size_t n, double *f_hz,
               double *p_gov, double *p_batt, odc_freq_summary *s)
{
    sys q = {0.5 / g->h_s, g->d_pu, g->k_gov / g->r_pu, g->t_gov_s, g->s_base_mva};
    double ring[ODC_GRID_ROCOF_WINDOW_MAX];
    size_t m = (size_t)lround(g->rocof_window_s / dt);
    for (size_t i = 0; i < m; i++)
        ring[i] = g->f0_hz;
    double x[2] = {0.0, 0.0};
    double fpk = g->f0_hz, tpk = 0.0, rmax = 0.0, ebatt = 0.0, f = g->f0_hz;
    double pb_prev = 0.0;
    for (size_t k = 0; k < n; k++) {
        double t = (double)k * dt;
        if (k > 0)
            step(&q, F, t - dt, dt, x);
        f = g->f0_hz * (1.0 + x[0]);
        double pb = batt_power(F, t, t);
        if (f_hz) f_hz[k] = f;
        if (p_gov) p_gov[k] = x[1] * g->s_base_mva;
        if (p_batt) p_batt[k] = pb;
        if (k > 0)
            ebatt += 0.5 * (pb + pb_prev) * dt;   /* trapezoid; exact except in
                                                     steps holding a corner */
        pb_prev = pb;
        if (f > fpk) { fpk = f; tpk = t; }
        double r;
        if (m == 0) {
            /* instantaneous: derivative just after t (right-hand forcing) */
            double dx[2];
            rhs(&q, F, t, t + 0.5 * dt, x, dx);
            r = fabs(dx[0] * g->f0_hz);
        } else {
            size_t slot = k % m;
            r = fabs(f - ring[slot]) / ((double)m * dt);
            ring[slot] = f;
        }
        if (r > rmax) rmax = r;
    }
    if (s) {
        s->rocof_init_hz_s = odc_grid_rocof0_hz_s(g, F->dp);
        s->rocof_max_hz_s = rmax;
        s->f_peak_hz = fpk;
        s->t_peak_s = tpk;
        s->f_end_hz = f;
        s->df_ss_hz = odc_grid_dfss_hz(g, F->dp);
        s->batt_e_mwh = ebatt / 3600.0;
        s->trip_over_f = fpk >= g->f_trip_hi_hz;
        s->over_cont = fpk > g->f_cont_hi_hz;
        s->trip_rocof = rmax >= g->rocof_limit_hz_s;
    }
    return ODC_OK;
}

static int check_run(const odc_grid *g, const odc_grid_battery *b, double dt, size_t n,
                     odc_err *err)
{
    int rc;
    if ((rc = odc_grid_check(g, err)))
        return rc;
    if (b && (rc = odc_grid_battery_check(b, err)))
        return rc;
    if (!pos(dt))
        return bad(err, "dt_s", "%g: expected a step > 0 s", dt);
    if (n < 2)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected >= 2 samples");
    if (g->rocof_window_s / dt > ODC_GRID_ROCOF_WINDOW_MAX)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "rocof_window_s",
                           "%g s is more than %d steps of %g s", g->rocof_window_s,
                           ODC_GRID_ROCOF_WINDOW_MAX, dt);
    return ODC_OK;
}

int odc_grid_load_loss(const odc_grid *g, const odc_grid_battery *b, double dp_mw,
                       double t_loss_s, double dt_s, size_t n, double *f_hz,
                       double *p_gov_mw, double *p_batt_mw, odc_freq_summary *s,
                       odc_err *err)
{
    int rc = check_run(g, b, dt_s, n, err);
    if (rc)
        return rc;
    if (!nonneg(dp_mw))
        return bad(err, "dp_mw", "%g: expected a lost load >= 0 MW", dp_mw);
    if (!nonneg(t_loss_s))
        return bad(err, "t_loss_s", "%g: expected >= 0 s", t_loss_s);
    forcing F;
    make_forcing(b, dp_mw, t_loss_s, &F);
    return sim(g, &F, dt_s, n, f_hz, p_gov_mw, p_batt_mw, s);
}

/* 0 safe, 1 over-frequency trip, 2 RoCoF trip. */
static int verdict(const odc_grid *g, const odc_grid_battery *b, double dp, double dt,
                   size_t n)
{
    forcing F;
    odc_freq_summary s;
    make_forcing(b, dp, 0.0, &F);
    sim(g, &F, dt, n, NULL, NULL, NULL, &s);
    if (s.trip_over_f) return 1;
    if (s.trip_rocof) return 2;
    return 0;
}

int odc_grid_max_load_loss(const odc_grid *g, const odc_grid_battery *b, double dt_s,
                           size_t n, double *dp_max_mw, int *limited_by, odc_err *err)
{
    int rc = check_run(g, b, dt_s, n, err);
    if (rc)
        return rc;
    double lo = 0.0, hi = g->s_base_mva;
    int why = verdict(g, b, hi, dt_s, n);
    if (why == 0) {
        if (dp_max_mw) *dp_max_mw = hi;
        if (limited_by) *limited_by = 0;
        return ODC_OK;
    }
    for (int i = 0; i < 60; i++) {
        double mid = 0.5 * (lo + hi);
        int v = verdict(g, b, mid, dt_s, n);
        if (v == 0) lo = mid; else { hi = mid; why = v; }
    }
    if (dp_max_mw) *dp_max_mw = lo;
    if (limited_by) *limited_by = why;
    return ODC_OK;
}

int odc_grid_battery_needed(const odc_grid *g, const odc_grid_battery *tmpl,
                            double dp_mw, double dt_s, size_t n, double *p_mw,
                            odc_err *err)
{
    int rc = check_run(g, tmpl, dt_s, n, err);
    if (rc)
        return rc;
    if (!tmpl)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "battery", "missing template");
    if (!pos(dp_mw))
        return bad(err, "dp_mw", "%g: expected a lost load > 0 MW", dp_mw);
    odc_grid_battery b = *tmpl;
    b.p_max_mw = 0.0;
    if (verdict(g, &b, dp_mw, dt_s, n) == 0) {
        if (p_mw) *p_mw = 0.0;
        return ODC_OK;
    }
    b.p_max_mw = dp_mw;
    int v = verdict(g, &b, dp_mw, dt_s, n);
    if (v != 0)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "p_max_mw",
                           "even a battery taking up all %g MW does not prevent a %s "
                           "trip (delay, ramp or energy too small)", dp_mw,
                           v == 1 ? "over-frequency" : "RoCoF");
    double lo = 0.0, hi = dp_mw;
    while (hi - lo > 1e-6 * dp_mw) {
        b.p_max_mw = 0.5 * (lo + hi);
        if (verdict(g, &b, dp_mw, dt_s, n) == 0) hi = b.p_max_mw; else lo = b.p_max_mw;
    }
    if (p_mw) *p_mw = hi;
    return ODC_OK;
}

int odc_lvrt_cascade(const odc_lvrt_policy *p, const double *t_s, const double *v_pu,
                     size_t n, int *n_transfers, double *t_disconnect_s, odc_err *err)
{
    int rc = odc_lvrt_check(p, err);
    if (rc)
        return rc;
    if (n > 0 && (!t_s || !v_pu))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_s", "missing arrays");
    double last[64];
    int nt = 0;
    double tdis = -1.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(t_s[i]) || (i > 0 && !(t_s[i] >= t_s[i - 1])))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_s",
                               "dip %zu: times must be finite and ascending", i);
        if (!(v_pu[i] >= 0 && v_pu[i] < 2))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "v_pu",
                               "dip %zu: residual voltage %g outside [0, 2) pu", i, v_pu[i]);
        if (tdis >= 0 || !(v_pu[i] < p->v_transfer_pu))
            continue;
        last[nt % 64] = t_s[i];
        nt++;
        /* The transfer n_dips-1 back must lie within the window. */
        if (nt >= p->n_dips) {
            double first = last[(nt - p->n_dips) % 64];
            if (t_s[i] - first <= p->window_s)
                tdis = t_s[i];
        }
    }
    if (n_transfers) *n_transfers = nt;
    if (t_disconnect_s) *t_disconnect_s = tdis;
    return ODC_OK;
}

/* ---- data/grids.json ---------------------------------------------------- */

static cJSON *parse_file(const char *path, odc_err *err)
{
    cJSON *root;
    if (odc_json_parse_file(path, &root, NULL, err) != ODC_OK)
        return NULL;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "odcsim-grids/1") != 0) {
        odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema", "expected \"odcsim-grids/1\"");
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Expected key: value range lo < v <= hi (or lo <= v when ge). */
typedef struct key_spec {
    const char *key, *unit;
    double *dst;
    double lo, hi;
    int ge;
} key_spec;

/* Read every key of `keys` from object `obj` (path section.name for
 * messages); unknown keys other than "description" are errors. */
static int read_keys(const char *path, const char *where, const cJSON *obj,
                     key_spec *keys, int nk, odc_err *err)
{
    char field[64];
    if (!cJSON_IsObject(obj))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, where, "missing object");
    for (const cJSON *e = obj->child; e; e = e->next) {
        int i = 0;
        while (i < nk && strcmp(keys[i].key, e->string) != 0) i++;
        if (i == nk && strcmp(e->string, "description") != 0) {
            snprintf(field, sizeof field, "%.31s.%.30s", where, e->string);
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field, "unknown key");
        }
    }
    for (int i = 0; i < nk; i++) {
        snprintf(field, sizeof field, "%.31s.%.30s", where, keys[i].key);
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, keys[i].key);
        if (!cJSON_IsObject(e))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field,
                               "missing {value, unit, source, date}");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "unit");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "date");
        if (!cJSON_IsNumber(v))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field, "'value' must be a number");
        if (!cJSON_IsString(u) || strcmp(u->valuestring, keys[i].unit) != 0)
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field, "'unit' must be \"%s\"",
                               keys[i].unit);
        if (!cJSON_IsString(s) || !s->valuestring[0])
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field,
                               "'source' must be a non-empty string");
        if (!cJSON_IsString(d) || !d->valuestring[0])
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field,
                               "'date' must be a non-empty string");
        double x = v->valuedouble;
        int ok = isfinite(x) && (keys[i].ge ? x >= keys[i].lo : x > keys[i].lo) &&
                 x <= keys[i].hi;
        if (!ok)
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, field,
                               "value %g out of range: expected %s%g .. %g %s", x,
                               keys[i].ge ? ">= " : "> ", keys[i].lo, keys[i].hi,
                               keys[i].unit);
        *keys[i].dst = x;
    }
    return ODC_OK;
}

static const cJSON *section_entry(const char *path, const cJSON *root, const char *sec,
                                  const char *name, char *where, size_t nw, odc_err *err)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, sec);
    snprintf(where, nw, "%s.%s", sec, name ? name : "");
    if (!cJSON_IsObject(s)) {
        odc_err_set(err, ODC_EINPUT, path, 0, 0, sec, "missing section");
        return NULL;
    }
    const cJSON *e = name ? cJSON_GetObjectItemCaseSensitive(s, name) : s;
    if (!cJSON_IsObject(e)) {
        odc_err_set(err, ODC_EINPUT, path, 0, 0, where, "no such entry");
        return NULL;
    }
    return e;
}

int odc_grid_load(const char *path, const char *name, odc_grid *g, odc_err *err)
{
    if (!g || !name)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "name", "missing name or output");
    cJSON *root = parse_file(path, err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    char where[64];
    odc_grid t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "%s", name);
    key_spec keys[] = {
        {"f0_hz", "Hz", &t.f0_hz, 0, 1000, 0},
        {"s_base_mva", "MVA", &t.s_base_mva, 0, 1e7, 0},
        {"h_s", "s", &t.h_s, 0, 100, 0},
        {"d_pu", "pu", &t.d_pu, 0, 100, 1},
        {"r_pu", "pu", &t.r_pu, 0, 1, 0},
        {"k_gov", "1", &t.k_gov, 0, 1, 1},
        {"t_gov_s", "s", &t.t_gov_s, 0, 1000, 0},
        {"f_trip_hi_hz", "Hz", &t.f_trip_hi_hz, 0, 1000, 0},
        {"f_cont_hi_hz", "Hz", &t.f_cont_hi_hz, 0, 1000, 0},
        {"rocof_limit_hz_s", "Hz/s", &t.rocof_limit_hz_s, 0, 100, 0},
        {"rocof_window_s", "s", &t.rocof_window_s, 0, 10, 1},
    };
    int rc;
    const cJSON *e = section_entry(path, root, "grids", name, where, sizeof where, err);
    if (!e)
        rc = err ? err->code : ODC_EINPUT;
    else if (!(rc = read_keys(path, where, e, keys, (int)(sizeof keys / sizeof keys[0]), err))) {
        rc = odc_grid_check(&t, err);
        if (rc && err) {
            char f[64];
            snprintf(f, sizeof f, "%.31s.%.30s", where, err->field);
            snprintf(err->field, sizeof err->field, "%s", f);
            snprintf(err->file, sizeof err->file, "%s", path);
        }
    }
    if (!rc)
        *g = t;
    cJSON_Delete(root);
    return rc;
}

int odc_battery_unit_load(const char *path, const char *name, double n_units,
                          odc_site_battery *b, odc_err *err)
{
    if (!b || !name)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "name", "missing name or output");
    if (!pos(n_units))
        return bad(err, "n_units", "%g: expected > 0", n_units);
    cJSON *root = parse_file(path, err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    char where[64];
    double p = 0, e = 0, rte = 0, smin = 0, smax = 0, s0 = 0;
    key_spec keys[] = {
        {"p_mw", "MW", &p, 0, 1e4, 0},
        {"e_mwh", "MWh", &e, 0, 1e5, 0},
        {"rte", "1", &rte, 0, 1, 0},
        {"soc_min", "1", &smin, 0, 1, 1},
        {"soc_max", "1", &smax, 0, 1, 0},
        {"soc0", "1", &s0, 0, 1, 1},
    };
    int rc;
    const cJSON *ent = section_entry(path, root, "battery_units", name, where, sizeof where,
                                     err);
    if (!ent)
        rc = err ? err->code : ODC_EINPUT;
    else if (!(rc = read_keys(path, where, ent, keys, (int)(sizeof keys / sizeof keys[0]),
                              err))) {
        odc_site_battery t = {p * n_units, e * n_units, rte, smin, smax, s0};
        rc = odc_site_battery_check(&t, err);
        if (rc && err) snprintf(err->file, sizeof err->file, "%s", path);
        if (!rc) *b = t;
    }
    cJSON_Delete(root);
    return rc;
}

int odc_lvrt_load(const char *path, odc_lvrt_policy *p, odc_err *err)
{
    if (!p)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "lvrt", "missing output");
    cJSON *root = parse_file(path, err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    char where[64];
    double v = 0, nd = 0, w = 0;
    key_spec keys[] = {
        {"v_transfer_pu", "pu", &v, 0, 1.5, 0},
        {"n_dips", "1", &nd, 0, 64, 0},
        {"window_s", "s", &w, 0, 86400, 0},
    };
    int rc;
    const cJSON *ent = section_entry(path, root, "lvrt", NULL, where, sizeof where, err);
    if (!ent)
        rc = err ? err->code : ODC_EINPUT;
    else if (!(rc = read_keys(path, "lvrt", ent, keys, 3, err))) {
        if (nd != floor(nd))
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "lvrt.n_dips",
                             "%g: expected a whole number", nd);
        else {
            odc_lvrt_policy t = {v, (int)nd, w};
            *p = t;
        }
    }
    cJSON_Delete(root);
    return rc;
}

int odc_train_profile_load(const char *path, double site_it_mw, odc_train_profile *p,
                           odc_err *err)
{
    if (!p)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "training_profile", "missing output");
    if (!pos(site_it_mw))
        return bad(err, "site_it_mw", "%g: expected > 0 MW", site_it_mw);
    cJSON *root = parse_file(path, err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    char where[64];
    odc_train_profile t;
    memset(&t, 0, sizeof t);
    t.p_it_mw = site_it_mw;
    key_spec keys[] = {
        {"iter_period_s", "s", &t.iter_period_s, 0, 3600, 0},
        {"compute_frac", "1", &t.compute_frac, 0, 1, 0},
        {"comm_power_frac", "1", &t.comm_power_frac, 0, 1, 1},
        {"ckpt_interval_s", "s", &t.ckpt_interval_s, 0, 1e6, 1},
        {"ckpt_duration_s", "s", &t.ckpt_duration_s, 0, 1e6, 1},
        {"ckpt_power_frac", "1", &t.ckpt_power_frac, 0, 1, 1},
        {"rise_s", "s", &t.rise_s, 0, 3600, 1},
        {"fall_s", "s", &t.fall_s, 0, 3600, 1},
        {"pue", "1", &t.pue, 1, 10, 1},
        {"cooling_tau_s", "s", &t.cooling_tau_s, 0, 1e5, 0},
    };
    int rc;
    const cJSON *ent = section_entry(path, root, "training_profile", NULL, where,
                                     sizeof where, err);
    if (!ent)
        rc = err ? err->code : ODC_EINPUT;
    else if (!(rc = read_keys(path, "training_profile", ent, keys,
                              (int)(sizeof keys / sizeof keys[0]), err))) {
        rc = odc_train_profile_check(&t, err);
        if (rc && err) snprintf(err->file, sizeof err->file, "%s", path);
        if (!rc) *p = t;
    }
    cJSON_Delete(root);
    return rc;
}
