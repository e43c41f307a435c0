/* Checkpoint intervals: Daly's published examples, Daly -> Young for small
 * delta/M, both against a numerical minimisation of the wall-time model
 * (GSL Brent), Daly's expected wall time against a Monte Carlo simulation
 * of checkpoint/restart with exponential interrupts (GSL RNG), and the
 * pooled attrition model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "odc/checkpoint.h"

#include "testutil.h"

/* Daly (2006), captions of Figs. 3-5: Ts = 500 h, R = 10 min, delta =
 * 5 min; the higher-order model predicts tau_opt = 117 min (M = 24 h),
 * 57 min (M = 6 h), 9.1 min (M = 15 min). Published to the digits
 * shown, so the tolerance is half a unit of the last digit. */
static void test_daly_published(void **state)
{
    (void)state;
    double tau;
    assert_int_equal(odc_ckpt_daly_s(300.0, 24 * 3600.0, &tau, NULL), ODC_OK);
    assert_true(fabs(tau / 60.0 - 117.0) <= 0.5);    /* 116.69 min */
    assert_int_equal(odc_ckpt_daly_s(300.0, 6 * 3600.0, &tau, NULL), ODC_OK);
    assert_true(fabs(tau / 60.0 - 57.0) <= 0.5);     /* 56.71 min */
    assert_int_equal(odc_ckpt_daly_s(300.0, 15 * 60.0, &tau, NULL), ODC_OK);
    assert_true(fabs(tau / 60.0 - 9.1) <= 0.05);     /* 9.141 min */
    /* delta >= 2M: checkpoint every M. */
    assert_int_equal(odc_ckpt_daly_s(2000.0, 1000.0, &tau, NULL), ODC_OK);
    assert_true(tau == 1000.0);
}

static void test_young(void **state)
{
    (void)state;
    double tau, tau_d;
    /* sqrt(2 * 300 * 86400) = 7200 s exactly. */
    assert_int_equal(odc_ckpt_young_s(300.0, 86400.0, &tau, NULL), ODC_OK);
    assert_rel(tau, 7200.0, 1e-15);
    /* Daly -> Young as delta/M -> 0. With x = delta/(2M), delta/sqrt(2
     * delta M) = sqrt(x), so (Daly - Young)/Young = sqrt(x)/3 + x/9 -
     * sqrt(x) = -(2/3) sqrt(x) + x/9: the gap shrinks like sqrt(delta/M). */
    double prev = 1.0;
    for (double M = 1e4; M <= 1e10; M *= 100.0) {
        assert_int_equal(odc_ckpt_young_s(10.0, M, &tau, NULL), ODC_OK);
        assert_int_equal(odc_ckpt_daly_s(10.0, M, &tau_d, NULL), ODC_OK);
        double gap = (tau_d - tau) / tau;
        double x = 10.0 / (2.0 * M);
        assert_true(fabs(gap) < prev);
        assert_true(fabs(gap - (-(2.0 / 3.0) * sqrt(x) + x / 9.0)) < 1e-12);
        prev = fabs(gap);
    }
    assert_true(prev < 3e-5);
}

typedef struct { double delta, R, M; } wparams;

static double wall_of_tau(double tau, void *vp)
{
    const wparams *p = vp;
    double w;
    if (odc_ckpt_wall_s(1.0, tau, p->delta, p->R, p->M, &w, NULL, NULL) != ODC_OK)
        return INFINITY;
    return w;
}

static double first_order_waste(double tau, void *vp)
{
    const wparams *p = vp;
    return p->delta / tau + tau / (2.0 * p->M);
}

static double minimise(double (*f)(double, void *), wparams *p, double guess,
                       double lo, double hi)
{
    gsl_function F = {f, p};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    assert_int_equal(gsl_min_fminimizer_set(s, &F, guess, lo, hi), GSL_SUCCESS);
    double x = guess;
    for (int i = 0; i < 200; i++) {
        gsl_min_fminimizer_iterate(s);
        x = gsl_min_fminimizer_x_minimum(s);
        double a = gsl_min_fminimizer_x_lower(s), b = gsl_min_fminimizer_x_upper(s);
        if (gsl_min_test_interval(a, b, 0.0, 1e-10) == GSL_SUCCESS) break;
    }
    gsl_min_fminimizer_free(s);
    return x;
}

/* Numerical minimum of Daly's complete wall-time model vs the interval
 * formulas, over delta/M from 1e-5 to 0.5. */
static void test_optimum_numerical(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    const double M = 3600.0;
    const double ratios[] = {1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.5};
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++) {
        wparams p = {ratios[i] * M, 600.0, M};
        double tau_y, tau_d;
        assert_int_equal(odc_ckpt_young_s(p.delta, M, &tau_y, NULL), ODC_OK);
        assert_int_equal(odc_ckpt_daly_s(p.delta, M, &tau_d, NULL), ODC_OK);
        /* Young is the exact minimiser of the first-order waste. */
        double x1 = minimise(first_order_waste, &p, tau_y * 1.1, tau_y * 0.01, tau_y * 10);
        assert_rel(x1, tau_y, 1e-6);
        /* Exact minimiser of the complete model. */
        double xo = minimise(wall_of_tau, &p, tau_d, tau_d * 0.05, tau_d * 5);
        double w_opt = wall_of_tau(xo, &p), w_d = wall_of_tau(tau_d, &p),
               w_y = wall_of_tau(tau_y, &p);
        /* Daly's interval: within 1 % of the true optimum (measured:
         * 3e-6 at delta/M = 0.01, 4e-4 at 0.1, 5.5e-3 at 0.5; Daly 2006
         * Fig. 2 shows the error growing with delta/M), and its wall time
         * within 1e-4 of the minimum (measured 1.1e-5 at 0.5). */
        assert_rel(tau_d, xo, 0.01);
        assert_rel(w_d, w_opt, 1e-4);
        /* Daly is never worse than Young, and strictly closer once the
         * higher-order terms matter. */
        assert_true(w_d <= w_y * (1.0 + 1e-12));
        if (ratios[i] >= 1e-3)
            assert_true(fabs(tau_d - xo) < fabs(tau_y - xo));
        print_message("delta/M %-6g tau_opt %.6g Daly %.6g Young %.6g  wall Daly/opt-1 %.2e\n",
                      ratios[i], xo, tau_d, tau_y, w_d / w_opt - 1.0);
    }
}

/* Monte Carlo of the process Daly's model describes: segments of tau +
 * delta; an interrupt (exponential, mean M) loses the segment, then a
 * restart of R that can itself be interrupted. */
static void test_wall_simulated(void **state)
{
    (void)state;
    const double M = 3600.0, tau = 1500.0, delta = 120.0, R = 300.0;
    const int nseg = 200000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 424242);
    double total = 0.0;
    for (int i = 0; i < nseg; i++) {
        for (;;) {
            double x = gsl_ran_exponential(r, M);
            if (x >= tau + delta) { total += tau + delta; break; }
            total += x;
            for (;;) {                      /* restart until one completes */
                double y = gsl_ran_exponential(r, M);
                if (y >= R) { total += R; break; }
                total += y;
            }
        }
    }
    gsl_rng_free(r);
    double w, waste;
    assert_int_equal(odc_ckpt_wall_s(nseg * tau, tau, delta, R, M, &w, &waste, NULL), ODC_OK);
    print_message("simulated %.6g model %.6g (rel %.2e)\n", total, w, total / w - 1.0);
    assert_rel(total, w, 0.01);
    assert_rel(waste, 1.0 - nseg * tau / total, 0.02);
    /* No interrupts in practice (M huge): wall = Ts (tau + delta)/tau. */
    assert_int_equal(odc_ckpt_wall_s(1000.0, 100.0, 1.0, 10.0, 1e15, &w, NULL, NULL), ODC_OK);
    assert_rel(w, 1010.0, 1e-9);
}

static void test_attrition(void **state)
{
    (void)state;
    int k;
    double t;
    /* 4 replicas x 4 chips, no spares, lambda 0.5/yr: n(t) = 16 e^-t/2;
     * falls below 3 replicas (12 chips) at ln(16/12)/0.5 = 0.575364 yr. */
    assert_int_equal(odc_attrition_drop_yr(4, 4, 0, 0.5, 3, &t, NULL), ODC_OK);
    assert_rel(t, 2.0 * log(4.0 / 3.0), 1e-15);
    assert_int_equal(odc_attrition_replicas(4, 4, 0, 0.5, t * 0.999, &k, NULL), ODC_OK);
    assert_int_equal(k, 3);
    assert_int_equal(odc_attrition_replicas(4, 4, 0, 0.5, t * 1.001, &k, NULL), ODC_OK);
    assert_int_equal(k, 2);
    assert_int_equal(odc_attrition_replicas(4, 4, 0, 0.5, 0.0, &k, NULL), ODC_OK);
    assert_int_equal(k, 4);
    /* 4 spares (20 chips): 4 replicas kept until n = 16: ln(20/16)/0.5. */
    assert_int_equal(odc_attrition_drop_yr(4, 4, 4, 0.5, 4, &t, NULL), ODC_OK);
    assert_rel(t, 2.0 * log(1.25), 1e-15);
    assert_int_equal(odc_attrition_replicas(4, 4, 4, 0.5, 0.4, &k, NULL), ODC_OK);
    assert_int_equal(k, 4);
    /* No failures: never. */
    assert_int_equal(odc_attrition_drop_yr(4, 4, 0, 0.0, 1, &t, NULL), ODC_OK);
    assert_true(isinf(t));
}

static void test_errors(void **state)
{
    (void)state;
    odc_err e;
    double t;
    int k;
    assert_int_equal(odc_ckpt_young_s(0.0, 1.0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "delta_s");
    assert_int_equal(odc_ckpt_daly_s(1.0, -1.0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "mtbi_s");
    assert_int_equal(odc_ckpt_wall_s(1.0, 1.0, 1.0, -1.0, 1.0, &t, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "restart_s");
    assert_int_equal(odc_ckpt_wall_s(1.0, 1e6, 1.0, 0.0, 1.0, &t, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "mtbi_s");   /* overflow */
    assert_int_equal(odc_attrition_replicas(0, 4, 0, 0.1, 1.0, &k, &e), ODC_EINPUT);
    assert_string_equal(e.field, "replicas");
    assert_int_equal(odc_attrition_replicas(4, 4, -1, 0.1, 1.0, &k, &e), ODC_EINPUT);
    assert_string_equal(e.field, "spares");
    assert_int_equal(odc_attrition_drop_yr(4, 4, 0, 0.1, 5, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "k");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daly_published),
        cmocka_unit_test(test_young),
        cmocka_unit_test(test_optimum_numerical),
        cmocka_unit_test(test_wall_simulated),
        cmocka_unit_test(test_attrition),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
