/* Eclipse entry/exit by root finding, and per-orbit eclipse statistics.
 * Sampling alone would place events to within a step; here sampling only
 * brackets sign changes of the smooth boundary functions (odc/shadow.h) and
 * Brent's method finds each crossing to tol_s. A pass that dips into the
 * shadow and out again between two samples (grazing geometry) shows up as
 * a local extremum of the sampled function, which a Brent minimisation then
 * checks. */
#include "odc/eclipse.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITER 200

void odc_eclipse_opts_default(odc_eclipse_opts *o)
{
    odc_shadow_opts_default(&o->shadow);
    o->step_s = 60.0;
    o->tol_s = 1e-4;
}

/* What the GSL callbacks need: the geometry, which function (0 penumbra,
 * 1 umbra), a sign to flip it (for maximisation), and a failure flag (GSL
 * aborts on non-finite values, so a failed callback returns the last good
 * value and the caller checks the flag after each iteration). */
typedef struct geom {
    odc_pos_fn pos;
    void *pos_ctx;
    odc_sunpos_fn sun;
    void *sun_ctx;
    const odc_shadow_opts *sh;
    int which;
    double sign;
    int failed;
    double last;
} geom;

static int eval2(geom *g, double t, double f[2])
{
    double r[3], s[3];
    if (g->pos(g->pos_ctx, t, r) != 0 || g->sun(g->sun_ctx, t, s) != 0)
        return -1;
    odc_shadow_functions(r, s, g->sh, &f[0], &f[1]);
    return 0;
}

static double gsl_boundary(double t, void *p)
{
    geom *g = p;
    double f[2];
    if (eval2(g, t, f) != 0) {
        g->failed = 1;
        return g->last;
    }
    g->last = g->sign * f[g->which];
    return g->last;
}

typedef struct finder {
    geom g;
    gsl_root_fsolver *rs;
    gsl_min_fminimizer *ms;
    double tol_s;
} finder;

/* Root of function `which` in [a, b] where fa, fb differ in sign (as
 * "< 0"). Returns 0 or -1 (callback failure). */
static int find_root(finder *f, int which, double a, double b, double fa,
                     double fb, double *t)
{
    if (fa == 0.0) { *t = a; return 0; }
    if (fb == 0.0) { *t = b; return 0; }
    f->g.which = which;
    f->g.sign = 1.0;
    f->g.failed = 0;
    f->g.last = fa;
    gsl_function F = {gsl_boundary, &f->g};
    gsl_root_fsolver_set(f->rs, &F, a, b);
    if (f->g.failed)
        return -1;
    for (int it = 0; it < MAX_ITER; it++) {
        gsl_root_fsolver_iterate(f->rs);
        if (f->g.failed)
            return -1;
        double lo = gsl_root_fsolver_x_lower(f->rs);
        double hi = gsl_root_fsolver_x_upper(f->rs);
        if (gsl_root_test_interval(lo, hi, f->tol_s, 0.0) == GSL_SUCCESS)
            break;
    }
    *t = gsl_root_fsolver_root(f->rs);
    return 0;
}

/* Search [a, b] around the sampled extremum m (sign*fm below sign*fa and
 * sign*fb) for a point where sign*f < 0. Returns 1 with *x and *fx (the
 * unflipped value there) set if found, 0 if not, -1 on callback failure. */
static int find_dip(finder *f, int which, double sign, double a, double m,
                    double b, double fa, double fm, double fb, double *x,
                    double *fx)
{
    f->g.which = which;
    f->g.sign = sign;
    f->g.failed = 0;
    f->g.last = sign * fm;
    gsl_function F = {gsl_boundary, &f->g};
    gsl_min_fminimizer_set_with_values(f->ms, &F, m, sign * fm, a, sign * fa,
                                       b, sign * fb);
    for (int it = 0; it < MAX_ITER; it++) {
        gsl_min_fminimizer_iterate(f->ms);
        if (f->g.failed)
            return -1;
        if (gsl_min_fminimizer_f_minimum(f->ms) < 0.0) {
            *x = gsl_min_fminimizer_x_minimum(f->ms);
            *fx = sign * gsl_min_fminimizer_f_minimum(f->ms);
            return 1;
        }
        double lo = gsl_min_fminimizer_x_lower(f->ms);
        double hi = gsl_min_fminimizer_x_upper(f->ms);
        if (gsl_min_test_interval(lo, hi, f->tol_s, 0.0) == GSL_SUCCESS)
            break;
    }
    return 0;
}

typedef struct state {
    int in;          /* currently in this shadow (function < 0) */
    double entry;
    int entry_open;
} state;

static int emit(odc_eclipse_cb cb, void *cb_ctx, int which, state *s,
                double exit_s, int exit_open)
{
    odc_eclipse e = {which == 0 ? ODC_ECL_PENUMBRA : ODC_ECL_UMBRA, s->entry,
                     exit_s, s->entry_open, exit_open};
    s->in = 0;
    return cb(cb_ctx, &e);
}

int odc_eclipse_find(odc_pos_fn pos, void *pos_ctx, odc_sunpos_fn sun,
                     void *sun_ctx, const odc_eclipse_opts *o, double t0_s,
                     double t1_s, odc_eclipse_cb cb, void *cb_ctx,
                     odc_err *err)
{
    odc_eclipse_opts def;
    if (!o) {
        odc_eclipse_opts_default(&def);
        o = &def;
    }
    if (!(t1_s >= t0_s) || !isfinite(t0_s) || !isfinite(t1_s))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "duration",
                           "eclipse search needs t1 >= t0 (got %g, %g)",
                           t0_s, t1_s);
    if (!(o->step_s > 0.0) || !(o->tol_s > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "step_s",
                           "eclipse search step and tolerance must be > 0 "
                           "(got %g, %g)", o->step_s, o->tol_s);
    double nsteps_d = ceil((t1_s - t0_s) / o->step_s);
    if (nsteps_d > 1e9)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "step_s",
                           "more than 1e9 steps: raise the step");
    long nsteps = (long)nsteps_d;
    /* The cylindrical model has one boundary: report it as umbra only. */
    int wmin = o->shadow.model == ODC_SHADOW_CYLINDRICAL ? 1 : 0;

    finder f;
    memset(&f, 0, sizeof f);
    f.g.pos = pos;
    f.g.pos_ctx = pos_ctx;
    f.g.sun = sun;
    f.g.sun_ctx = sun_ctx;
    f.g.sh = &o->shadow;
    f.tol_s = o->tol_s;
    f.rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    f.ms = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!f.rs || !f.ms) {
        if (f.rs) gsl_root_fsolver_free(f.rs);
        if (f.ms) gsl_min_fminimizer_free(f.ms);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "out of memory for the GSL solvers");
    }

    int rc = ODC_OK;
    double fpp[2] = {0, 0}, fp[2], fc[2];
    double tpp = t0_s, tp = t0_s, tc;
    state st[2];
    memset(st, 0, sizeof st);
    if (eval2(&f.g, t0_s, fp) != 0)
        goto cbfail;
    for (int w = wmin; w < 2; w++)
        if (fp[w] < 0.0) {
            st[w].in = 1;
            st[w].entry = t0_s;
            st[w].entry_open = 1;
        }

    for (long k = 1; k <= nsteps; k++) {
        tc = k == nsteps ? t1_s : t0_s + (double)k * o->step_s;
        if (eval2(&f.g, tc, fc) != 0)
            goto cbfail;
        /* Umbra first: when both end in one step, the umbra is reported
         * before the penumbra passage that contains it. */
        for (int w = 1; w >= wmin; w--) {
            if ((fp[w] < 0.0) != (fc[w] < 0.0)) {
                double tr;
                if (find_root(&f, w, tp, tc, fp[w], fc[w], &tr) != 0)
                    goto cbfail;
                if (!st[w].in) {
                    st[w].in = 1;
                    st[w].entry = tr;
                    st[w].entry_open = 0;
                } else if (emit(cb, cb_ctx, w, &st[w], tr, 0) != 0) {
                    goto stopped;
                }
                continue;
            }
            if (k < 2 || (fpp[w] < 0.0) != (fp[w] < 0.0))
                continue;
            /* No crossing in [tpp, tp] nor [tp, tc]: is tp a sampled
             * extremum towards zero that might hide a brief crossing? */
            double s = fp[w] < 0.0 ? -1.0 : 1.0;
            double a = s * fpp[w], m = s * fp[w], b = s * fc[w];
            if (!(m < a && m < b))
                continue;
            /* A smooth function through three samples cannot dip far below
             * the middle one; skip the search when it is clearly out of
             * reach (factor 2 on the larger rise leaves margin). */
            double rise = a > b ? a - m : b - m;
            if (m > 2.0 * rise)
                continue;
            double x, fx;
            int got = find_dip(&f, w, s, tpp, tp, tc, fpp[w], fp[w], fc[w],
                               &x, &fx);
            if (got < 0)
                goto cbfail;
            if (!got)
                continue;
            double r1, r2;
            if (find_root(&f, w, tpp, x, fpp[w], fx, &r1) != 0 ||
                find_root(&f, w, x, tc, fx, fc[w], &r2) != 0)
                goto cbfail;
            if (s > 0.0) {           /* brief pass into the shadow */
                st[w].entry = r1;
                st[w].entry_open = 0;
                st[w].in = 1;
                if (emit(cb, cb_ctx, w, &st[w], r2, 0) != 0)
                    goto stopped;
            } else {                 /* brief glimpse of Sun inside it */
                if (emit(cb, cb_ctx, w, &st[w], r1, 0) != 0)
                    goto stopped;
                st[w].in = 1;
                st[w].entry = r2;
                st[w].entry_open = 0;
            }
        }
        memcpy(fpp, fp, sizeof fp);
        memcpy(fp, fc, sizeof fc);
        tpp = tp;
        tp = tc;
    }
    for (int w = 1; w >= wmin; w--)
        if (st[w].in && emit(cb, cb_ctx, w, &st[w], t1_s, 1) != 0)
            goto stopped;
    goto done;

cbfail:
    rc = odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "position",
                     "position or Sun callback failed during the eclipse "
                     "search");
    goto done;
stopped:
    rc = odc_err_set(err, ODC_EMODEL, NULL, 0, 0, NULL,
                     "eclipse search stopped by the event callback");
done:
    gsl_root_fsolver_free(f.rs);
    gsl_min_fminimizer_free(f.ms);
    return rc;
}

/* ---- statistics ---------------------------------------------------------- */

/* Events are collected first and combined after the search, so the result
 * does not depend on the order the finder reports them in (a brief umbra
 * found by the extremum search can come after its penumbra passage). */
typedef struct acc {
    odc_eclipse *e;
    size_t n, cap;
} acc;

static int collect(void *ctx, const odc_eclipse *e)
{
    acc *A = ctx;
    if (A->n == A->cap) {
        size_t cap = A->cap ? 2 * A->cap : 1024;
        odc_eclipse *p = realloc(A->e, cap * sizeof *p);
        if (!p)
            return 1;
        A->e = p;
        A->cap = cap;
    }
    A->e[A->n++] = *e;
    return 0;
}

static int by_kind_entry(const void *x, const void *y)
{
    const odc_eclipse *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind - b->kind;          /* penumbra (0) first */
    if (a->entry_s != b->entry_s)
        return a->entry_s < b->entry_s ? -1 : 1;
    return 0;
}

static double gsl_dark(double t, void *p)
{
    geom *g = p;
    double r[3], s[3];
    if (g->pos(g->pos_ctx, t, r) != 0 || g->sun(g->sun_ctx, t, s) != 0) {
        g->failed = 1;
        return 0.0;
    }
    return 1.0 - odc_shadow_illumination(r, s, g->sh);
}

static double dark_integral(geom *g, gsl_integration_glfixed_table *gl,
                            double a, double b)
{
    if (!(b > a))
        return 0.0;
    gsl_function F = {gsl_dark, g};
    return gsl_integration_glfixed(&F, a, b, gl);
}

static void passage(odc_eclipse_stats *st, const odc_eclipse *e, double gap_s)
{
    st->n_eclipses++;
    double d = e->exit_s - e->entry_s;
    if (!e->entry_open && !e->exit_open && d > st->longest_s) {
        st->longest_s = d;
        st->longest_entry_s = e->entry_s;
    }
    size_t ns = st->n_seasons;
    if (ns > 0 && e->entry_s - st->season_end_s[ns - 1] <= gap_s) {
        st->season_end_s[ns - 1] = e->exit_s;
    } else if (ns < ODC_ECL_MAX_SEASONS) {
        st->season_start_s[ns] = e->entry_s;
        st->season_end_s[ns] = e->exit_s;
        st->n_seasons++;
    } else {
        st->seasons_truncated = 1;
    }
}

int odc_eclipse_stats_compute(odc_pos_fn pos, void *pos_ctx, odc_sunpos_fn sun,
                              void *sun_ctx, const odc_eclipse_opts *o,
                              double t0_s, double t1_s, double season_gap_s,
                              odc_eclipse_stats *st, odc_err *err)
{
    odc_eclipse_opts def;
    if (!o) {
        odc_eclipse_opts_default(&def);
        o = &def;
    }
    memset(st, 0, sizeof *st);
    double gap = season_gap_s > 0.0 ? season_gap_s : 172800.0;
    int conical = o->shadow.model != ODC_SHADOW_CYLINDRICAL;
    acc A = {NULL, 0, 0};
    int rc = odc_eclipse_find(pos, pos_ctx, sun, sun_ctx, o, t0_s, t1_s,
                              collect, &A, err);
    if (rc != ODC_OK) {
        free(A.e);
        return rc;
    }
    gsl_integration_glfixed_table *gl = gsl_integration_glfixed_table_alloc(20);
    if (!gl) {
        free(A.e);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "out of memory for the quadrature table");
    }
    if (A.n) /* qsort(NULL, 0, ...) is undefined behaviour (C17 7.22.5) */
        qsort(A.e, A.n, sizeof *A.e, by_kind_entry);
    size_t npen = 0;
    while (npen < A.n && A.e[npen].kind == ODC_ECL_PENUMBRA)
        npen++;
    const odc_eclipse *pen = A.e, *umb = A.e + npen;
    size_t numb = A.n - npen;

    double lost = 0.0;
    for (size_t k = 0; k < numb; k++) {
        double d = umb[k].exit_s - umb[k].entry_s;
        st->n_umbra++;
        st->umbra_s += d;
        lost += d;
        if (!umb[k].entry_open && !umb[k].exit_open && d > st->longest_umbra_s)
            st->longest_umbra_s = d;
        if (!conical)
            passage(st, &umb[k], gap);
    }
    geom g;
    memset(&g, 0, sizeof g);
    g.pos = pos;
    g.pos_ctx = pos_ctx;
    g.sun = sun;
    g.sun_ctx = sun_ctx;
    g.sh = &o->shadow;
    /* Each penumbra passage: darkness integrated over its parts outside
     * the umbra eclipses it contains (both lists sorted by entry; umbra
     * eclipses nest inside passages, so one forward pointer suffices). */
    size_t ku = 0;
    for (size_t k = 0; k < npen; k++) {
        double a = pen[k].entry_s, b = pen[k].exit_s, pen_only = 0.0;
        while (ku < numb && umb[ku].entry_s < a)
            ku++;
        while (ku < numb && umb[ku].entry_s <= b) {
            lost += dark_integral(&g, gl, a, umb[ku].entry_s);
            pen_only += umb[ku].entry_s - a;
            if (umb[ku].exit_s > a)
                a = umb[ku].exit_s;
            ku++;
        }
        lost += dark_integral(&g, gl, a, b);
        pen_only += b > a ? b - a : 0.0;
        st->penumbra_s += pen_only;
        passage(st, &pen[k], gap);
    }
    gsl_integration_glfixed_table_free(gl);
    free(A.e);
    if (g.failed)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "position",
                           "position or Sun callback failed while "
                           "integrating the penumbra");
    st->span_s = t1_s - t0_s;
    st->sunlit_fraction = st->span_s > 0.0 ? 1.0 - lost / st->span_s : 1.0;
    if (st->sunlit_fraction < 0.0)
        st->sunlit_fraction = 0.0;
    return ODC_OK;
}
