/* Sweeps, distributions, Monte Carlo and the tornado ranking over the
 * parameters of odc/decide.h. Random numbers and quantiles are GSL's
 * (gsl_rng_mt19937, gsl_ran_*, gsl_cdf_*_Pinv; GSL Reference Manual,
 * chapters "Random Number Generation", "Random Number Distributions",
 * "Statistics"). */
#include "odc/decide.h"

#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sweeps ------------------------------------------------------------- */

static int num(const char *s, const char *end, double *v)
{
    char buf[64];
    size_t l = (size_t)(end - s);
    if (l == 0 || l >= sizeof buf)
        return 0;
    memcpy(buf, s, l);
    buf[l] = '\0';
    char *e;
    errno = 0;
    *v = strtod(buf, &e);
    return *e == '\0' && errno != ERANGE && isfinite(*v) && !strpbrk(buf, "xXnN");
}

int odc_sweep_axis_parse(const char *spec, odc_sweep_axis *a, odc_err *err)
{
    memset(a, 0, sizeof *a);
    const char *eq = strchr(spec, '=');
    char path[128];
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof path)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "--param",
                           "expected PATH=START:STOP:N or PATH=v1,v2,..., got '%s'", spec);
    memcpy(path, spec, (size_t)(eq - spec));
    path[eq - spec] = '\0';
    const odc_param *p = odc_param_find(path);
    if (!p) {
        const char *s = odc_param_suggest(path);
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "--param",
                           "expected a parameter path, got unknown '%s'%s%s%s", path,
                           s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    }
    a->param = p;
    const char *v = eq + 1;
    if (strchr(v, ':')) {
        const char *c1 = strchr(v, ':'), *c2 = strchr(c1 + 1, ':');
        double x0, x1, n;
        if (!c2 || strchr(c2 + 1, ':') || !num(v, c1, &x0) || !num(c1 + 1, c2, &x1) ||
            !num(c2 + 1, c2 + 1 + strlen(c2 + 1), &n))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, path,
                               "expected START:STOP:N numbers, got '%s'", v);
        if (n != floor(n) || n < 2 || n > ODC_SWEEP_VALUES_MAX)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, path,
                               "expected N a whole number 2..%d, got %g", ODC_SWEEP_VALUES_MAX, n);
        a->n = (size_t)n;
        for (size_t i = 0; i < a->n; i++)
            a->v[i] = i + 1 == a->n ? x1 : x0 + (x1 - x0) * (double)i / (double)(a->n - 1);
    } else {
        const char *s = v;
        for (;;) {
            const char *c = strchr(s, ',');
            const char *e = c ? c : s + strlen(s);
            if (a->n >= ODC_SWEEP_VALUES_MAX || !num(s, e, &a->v[a->n]))
                return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, path,
                                   "expected comma-separated numbers (at most %d), got '%s'",
                                   ODC_SWEEP_VALUES_MAX, v);
            a->n++;
            if (!c)
                break;
            s = c + 1;
        }
    }
    for (size_t i = 0; i < a->n; i++) {
        int rc = odc_param_check(p, a->v[i], err);
        if (rc)
            return rc;
    }
    return ODC_OK;
}

size_t odc_sweep_points(const odc_sweep_axis *ax, size_t n_axes)
{
    size_t n = 1;
    for (size_t i = 0; i < n_axes; i++)
        n *= ax[i].n;
    return n;
}

void odc_sweep_point(const odc_sweep_axis *ax, size_t n_axes, size_t k, double *vals)
{
    for (size_t i = n_axes; i-- > 0;) {
        vals[i] = ax[i].v[k % ax[i].n];
        k /= ax[i].n;
    }
}

/* ---- distributions ------------------------------------------------------ */

int odc_dist_check(const odc_dist *d, odc_err *err)
{
    const char *f = d->param ? d->param->path : "dist";
    int ok = isfinite(d->a) && isfinite(d->b) && isfinite(d->c);
    switch (d->type) {
    case ODC_DIST_NORMAL:
        if (!ok || d->b < 0)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f,
                               "expected a normal distribution with sd >= 0, got sd %g", d->b);
        break;
    case ODC_DIST_LOGNORMAL:
        if (!ok || d->a <= 0 || d->b < 0)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f,
                               "expected a lognormal distribution with median > 0 and sigma "
                               ">= 0, got median %g, sigma %g", d->a, d->b);
        break;
    case ODC_DIST_UNIFORM:
        if (!ok || d->b < d->a)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f,
                               "expected a uniform distribution with min <= max, got min %g, "
                               "max %g", d->a, d->b);
        break;
    case ODC_DIST_TRIANGULAR:
        if (!ok || d->b < d->a || d->c < d->b)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f,
                               "expected a triangular distribution with min <= mode <= max, got "
                               "%g, %g, %g", d->a, d->b, d->c);
        break;
    default:
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "expected a known distribution");
    }
    if (d->param) {
        /* The median must be a valid value of the parameter. */
        int rc = odc_param_check(d->param, odc_dist_quantile(d, 0.5), err);
        if (rc) {
            char m[600];
            snprintf(m, sizeof m, "distribution median: %.400s", err->msg);
            snprintf(err->msg, sizeof err->msg, "%.500s", m);
            return rc;
        }
    }
    return ODC_OK;
}

double odc_dist_quantile(const odc_dist *d, double q)
{
    switch (d->type) {
    case ODC_DIST_NORMAL:
        if (d->b == 0 || q == 0.5)
            return d->a;
        return d->a + gsl_cdf_gaussian_Pinv(q, d->b);
    case ODC_DIST_LOGNORMAL:
        if (d->b == 0 || q == 0.5)
            return d->a;
        return gsl_cdf_lognormal_Pinv(q, log(d->a), d->b);
    case ODC_DIST_UNIFORM:
        return d->a == d->b ? d->a : d->a + q * (d->b - d->a);
    case ODC_DIST_TRIANGULAR: {
        double a = d->a, m = d->b, c = d->c;
        if (a == c)
            return a;
        double fm = (m - a) / (c - a); /* CDF at the mode */
        return q <= fm ? a + sqrt(q * (c - a) * (m - a))
                       : c - sqrt((1 - q) * (c - a) * (c - m));
    }
    }
    return NAN;
}

double odc_dist_sample(const odc_dist *d, const void *rng)
{
    const gsl_rng *r = rng;
    switch (d->type) {
    case ODC_DIST_NORMAL:
        return d->b == 0 ? d->a : d->a + gsl_ran_gaussian(r, d->b);
    case ODC_DIST_LOGNORMAL:
        return d->b == 0 ? d->a : gsl_ran_lognormal(r, log(d->a), d->b);
    case ODC_DIST_UNIFORM:
        return d->a == d->b ? d->a : gsl_ran_flat(r, d->a, d->b);
    case ODC_DIST_TRIANGULAR:
        /* inverse CDF of one uniform draw */
        return d->a == d->c ? d->a : odc_dist_quantile(d, gsl_rng_uniform(r));
    }
    return NAN;
}

/* ---- Monte Carlo ---------------------------------------------------------- */

void odc_decide_outputs_of(const odc_decide_result *r, odc_decide_outputs *o)
{
    o->orbit_usd_per_chip_h = r->orbit.usd_per_chip_hour;
    o->ground_usd_per_chip_h = r->ground.usd_per_chip_hour;
    o->orbit_usd_per_pflop_yr = r->orbit.usd_per_pflop_year;
    o->ground_usd_per_pflop_yr = r->ground.usd_per_pflop_year;
    o->orbit_usd_per_mtok = r->orbit.usd_per_mtok;
    o->ground_usd_per_mtok = r->ground.usd_per_mtok;
    o->orbit_capex_usd = r->orbit.capex_usd;
    o->ground_capex_usd = r->ground.capex_usd;
}

int odc_montecarlo(const odc_decide_model *base, const odc_dist *d, size_t nd, size_t n,
                   unsigned long seed, double *orbit, double *ground, odc_mc_summary *s,
                   odc_err *err)
{
    memset(s, 0, sizeof *s);
    if (n < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "samples", "expected >= 1 samples");
    for (size_t j = 0; j < nd; j++) {
        int rc = odc_dist_check(&d[j], err);
        if (rc)
            return rc;
    }
    double *o = malloc(n * sizeof *o), *g = malloc(n * sizeof *g);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    odc_decide_model *m = malloc(sizeof *m);
    odc_decide_result *res = malloc(sizeof *res);
    int rc = ODC_OK;
    if (!o || !g || !r || !m || !res) {
        rc = odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, "samples", "out of memory");
        goto out;
    }
    gsl_rng_set(r, seed);
    size_t cheaper = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        *m = *base;
        for (size_t j = 0; j < nd && !rc; j++) {
            double x;
            int tries = 0;
            odc_err e2;
            for (;;) {
                x = odc_dist_sample(&d[j], r);
                if (odc_param_check(d[j].param, x, &e2) == ODC_OK)
                    break;
                s->n_redrawn++;
                if (++tries >= 1000) {
                    rc = odc_err_set(err, ODC_EINPUT, NULL, 0, 0, d[j].param->path,
                                     "expected a distribution mostly inside the parameter's "
                                     "range, got 1000 draws outside in a row (%s)", e2.msg);
                    break;
                }
            }
            if (!rc)
                rc = odc_param_set(d[j].param, m, x, err);
        }
        if (rc || (rc = odc_decide_eval(m, res, err)))
            break;
        o[i] = res->orbit.usd_per_chip_hour;
        g[i] = res->ground.usd_per_chip_hour;
        cheaper += o[i] < g[i];
    }
    if (rc)
        goto out;
    if (orbit)
        memcpy(orbit, o, n * sizeof *o);
    if (ground)
        memcpy(ground, g, n * sizeof *g);
    s->n = n;
    s->p_orbit_cheaper = (double)cheaper / (double)n;
    s->orbit_mean = gsl_stats_mean(o, 1, n);
    s->ground_mean = gsl_stats_mean(g, 1, n);
    gsl_sort(o, 1, n);
    gsl_sort(g, 1, n);
    s->orbit_p5 = gsl_stats_quantile_from_sorted_data(o, 1, n, 0.05);
    s->orbit_p50 = gsl_stats_quantile_from_sorted_data(o, 1, n, 0.50);
    s->orbit_p95 = gsl_stats_quantile_from_sorted_data(o, 1, n, 0.95);
    s->ground_p5 = gsl_stats_quantile_from_sorted_data(g, 1, n, 0.05);
    s->ground_p50 = gsl_stats_quantile_from_sorted_data(g, 1, n, 0.50);
    s->ground_p95 = gsl_stats_quantile_from_sorted_data(g, 1, n, 0.95);
out:
    free(o);
    free(g);
    free(m);
    free(res);
    if (r)
        gsl_rng_free(r);
    return rc;
}

/* ---- tornado ---------------------------------------------------------------- */

static int at(const odc_decide_model *base, const odc_dist *d, size_t nd, size_t which,
              double q, double *xv, double *orbit, double *ground, odc_err *err)
{
    odc_decide_model m = *base;
    odc_decide_result r;
    for (size_t j = 0; j < nd; j++) {
        double x = odc_dist_quantile(&d[j], j == which ? q : 0.5);
        if (j == which && xv)
            *xv = x;
        int rc = odc_param_set(d[j].param, &m, x, err);
        if (rc)
            return rc;
    }
    int rc = odc_decide_eval(&m, &r, err);
    if (rc)
        return rc;
    *orbit = r.orbit.usd_per_chip_hour;
    *ground = r.ground.usd_per_chip_hour;
    return ODC_OK;
}

int odc_tornado(const odc_decide_model *base, const odc_dist *d, size_t nd,
                odc_tornado_row *rows, double *base_orbit, double *base_ground, odc_err *err)
{
    double bo, bg;
    int rc = at(base, d, nd, (size_t)-1, 0.5, NULL, &bo, &bg, err);
    if (rc)
        return rc;
    if (base_orbit)
        *base_orbit = bo;
    if (base_ground)
        *base_ground = bg;
    for (size_t j = 0; j < nd; j++) {
        odc_tornado_row *t = &rows[j];
        t->param = d[j].param;
        if ((rc = at(base, d, nd, j, 0.10, &t->lo_value, &t->orbit_lo, &t->ground_lo, err)) ||
            (rc = at(base, d, nd, j, 0.90, &t->hi_value, &t->orbit_hi, &t->ground_hi, err)))
            return rc;
        t->swing = fabs((t->orbit_hi - t->ground_hi) - (t->orbit_lo - t->ground_lo));
    }
    /* stable insertion sort, largest swing first */
    for (size_t i = 1; i < nd; i++) {
        odc_tornado_row x = rows[i];
        size_t k = i;
        while (k > 0 && rows[k - 1].swing < x.swing) {
            rows[k] = rows[k - 1];
            k--;
        }
        rows[k] = x;
    }
    return ODC_OK;
}
