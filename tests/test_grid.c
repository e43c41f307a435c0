/* Grid frequency after a data-center load loss: the swing equation against
 * its analytic step responses (first order without governors, second order
 * with them), GSL's rk8pd as an independent integrator with a battery sink,
 * the closed-form RoCoF and steady state, the July 2024 case on the
 * Eastern Interconnection, the bisections, the UPS lock-out cascade, input
 * validation and data/grids.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odc/grid.h"

#include "testutil.h"

#define GRIDS ODC_SOURCE_DIR "/data/grids.json"

static odc_grid test_grid(double k_gov)
{
    odc_grid g = {.name = "test", .f0_hz = 60.0, .s_base_mva = 100000.0, .h_s = 4.0,
                  .d_pu = 1.0, .r_pu = 0.05, .k_gov = k_gov, .t_gov_s = 5.0,
                  .f_trip_hi_hz = 61.8, .f_cont_hi_hz = 60.5, .rocof_limit_hz_s = 0.5,
                  .rocof_window_s = 0.0};
    return g;
}

/* Without governors: df(t) = df_ss (1 - exp(-t D/(2H))), df_ss = f0 dP/(S D)
 * (Kundur 1994, sec. 11.1.3). Loss between samples to exercise step splitting. */
static void test_first_order_analytic(void **state)
{
    (void)state;
    odc_grid g = test_grid(0.0);
    const double dp = 1000.0, tl = 0.505, dt = 0.01;
    const size_t n = 4001;
    double *f = malloc(n * sizeof *f);
    odc_freq_summary s;
    odc_err e;
    assert_int_equal(odc_grid_load_loss(&g, NULL, dp, tl, dt, n, f, NULL, NULL, &s, &e),
                     ODC_OK);
    double dfss = 60.0 * 0.01 / 1.0, maxerr = 0;
    for (size_t k = 0; k < n; k++) {
        double t = k * dt;
        double want = 60.0 + (t > tl ? dfss * (1 - exp(-(t - tl) * 1.0 / 8.0)) : 0.0);
        maxerr = fmax(maxerr, fabs(f[k] - want));
    }
    print_message("first order: max |f - analytic| = %.3e Hz\n", maxerr);
    assert_true(maxerr < 1e-10);
    assert_true(fabs(s.df_ss_hz - 0.6) < 1e-12);
    /* RoCoF0 = dP f0/(2 H S) = 1000*60/(8*1e5) = 0.075 Hz/s */
    assert_true(fabs(s.rocof_init_hz_s - 0.075) < 1e-15);
    /* sampled just after the loss: within D*dw/(2H) of the jump */
    assert_true(fabs(s.rocof_max_hz_s - 0.075) < 0.075 * 1e-3);
    free(f);
}

/* With governors: w(s)/dP(s) = (1 + T s)/(2HT s^2 + (2H + D T) s + D + k/R);
 * step response written out by partial fractions (derived independently
 * in this test, not in the library). */
static double second_order(double t, double dp_pu, double H, double D, double kr, double T)
{
    double a = 2 * H * T, b = 2 * H + D * T, c = D + kr;
    double sg = b / (2 * a), wd = sqrt(c / a - sg * sg);
    double K = T / a - b / (2 * a * c);
    return dp_pu * ((1 - exp(-sg * t) * cos(wd * t)) / c + K * exp(-sg * t) * sin(wd * t) / wd);
}

static void test_second_order_analytic(void **state)
{
    (void)state;
    odc_grid g = test_grid(0.5);
    const double dp = 2000.0, dt = 0.005;
    const size_t n = 40001; /* 200 s */
    double *f = malloc(n * sizeof *f);
    odc_freq_summary s;
    odc_err e;
    assert_int_equal(odc_grid_load_loss(&g, NULL, dp, 0.0, dt, n, f, NULL, NULL, &s, &e),
                     ODC_OK);
    double maxerr = 0, fpk = 0, tpk = 0;
    for (size_t k = 0; k < n; k++) {
        double want = 60.0 * (1 + second_order(k * dt, 0.02, 4.0, 1.0, 10.0, 5.0));
        maxerr = fmax(maxerr, fabs(f[k] - want));
        if (want > fpk) { fpk = want; tpk = k * dt; }
    }
    /* zenith of the analytic response on a 0.1 ms grid near the sample peak */
    for (double t = tpk - 0.01; t < tpk + 0.01; t += 1e-4)
        fpk = fmax(fpk, 60.0 * (1 + second_order(t, 0.02, 4.0, 1.0, 10.0, 5.0)));
    double dfss = 60.0 * 0.02 / 11.0;
    print_message("second order: max |f - analytic| = %.3e Hz; zenith %.6f Hz at %.2f s "
                  "(analytic %.6f); f_end - f0 %.6f (closed form %.6f)\n", maxerr,
                  s.f_peak_hz, s.t_peak_s, fpk, s.f_end_hz - 60.0, dfss);
    assert_true(maxerr < 1e-9);
    assert_true(fabs(s.f_peak_hz - fpk) < 1e-6);
    assert_true(fabs(s.df_ss_hz - dfss) < 1e-12);
    assert_true(fabs(s.f_end_hz - 60.0 - dfss) < 1e-6);
    /* underdamped: the zenith overshoots the steady state */
    assert_true(s.f_peak_hz - 60.0 > 1.2 * dfss);
    free(f);
}

/* ---- GSL rk8pd oracle with a battery sink, integrated segment by segment */

typedef struct oracle {
    double a_w, d, kr, tg, s, dp;
    double t1, t2, t3, t4, p;
    int seg;
} oracle;

static double o_batt(const oracle *o, double t)
{
    switch (o->seg) {
    case 2: return o->p * (t - o->t1) / (o->t2 - o->t1);
    case 3: return o->p;
    case 4: return o->p * (o->t4 - t) / (o->t4 - o->t3);
    default: return 0.0;
    }
}

static int o_rhs(double t, const double y[], double dy[], void *params)
{
    const oracle *o = params;
    double pl = ((o->seg >= 1 ? -o->dp : 0.0) + o_batt(o, t)) / o->s;
    dy[0] = o->a_w * (y[1] - pl - o->d * y[0]);
    dy[1] = (-o->kr * y[0] - y[1]) / o->tg;
    return GSL_SUCCESS;
}

static void test_battery_vs_rk8pd(void **state)
{
    (void)state;
    odc_grid g = test_grid(0.3);
    odc_grid_battery b = {.p_max_mw = 1500.0, .e_max_mwh = 1e6, .delay_s = 0.05,
                          .ramp_up_mw_s = 10000.0, .hold_s = 10.0, .ramp_down_mw_s = 50.0};
    const double dp = 2000.0, tl = 1.0, dt = 0.01;
    const size_t n = 8001;
    double *f = malloc(n * sizeof *f), *pb = malloc(n * sizeof *pb);
    odc_freq_summary s;
    odc_err e;
    assert_int_equal(odc_grid_load_loss(&g, &b, dp, tl, dt, n, f, NULL, pb, &s, &e), ODC_OK);
    oracle o = {.a_w = 1 / 8.0, .d = 1.0, .kr = 6.0, .tg = 5.0, .s = 1e5, .dp = dp,
                .t1 = tl + 0.05, .p = 1500.0};
    o.t2 = o.t1 + 0.15;
    o.t3 = o.t2 + 10.0;
    o.t4 = o.t3 + 30.0;
    double bp[5] = {tl, o.t1, o.t2, o.t3, o.t4};
    gsl_odeiv2_system sys = {o_rhs, NULL, 2, &o};
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd,
                                                         1e-4, 1e-13, 0.0);
    double y[2] = {0, 0}, t = 0.0, maxerr = 0;
    o.seg = 0;
    for (size_t k = 1; k < n; k++) {
        double tk = k * dt;
        while (o.seg < 5 && bp[o.seg] <= tk) {
            assert_int_equal(gsl_odeiv2_driver_apply(d, &t, bp[o.seg], y), GSL_SUCCESS);
            o.seg++;
            gsl_odeiv2_driver_reset(d);
        }
        assert_int_equal(gsl_odeiv2_driver_apply(d, &t, tk, y), GSL_SUCCESS);
        maxerr = fmax(maxerr, fabs(f[k] - 60.0 * (1 + y[0])));
        /* the battery schedule at the sample time */
        int sg = o.seg;
        double want = sg == 2 ? o.p * (tk - o.t1) / 0.15 : sg == 3 ? o.p
                    : sg == 4 ? o.p * (o.t4 - tk) / 30.0 : 0.0;
        assert_true(fabs(pb[k] - want) < 1e-6);
    }
    gsl_odeiv2_driver_free(d);
    /* absorbed energy: 1500 MW x (0.15/2 + 10 + 30/2) s */
    double e_hand = 1500.0 * (0.075 + 10.0 + 15.0) / 3600.0;
    print_message("battery case: max |RK4 - rk8pd| = %.3e Hz; peak %.5f Hz; "
                  "E_batt %.4f MWh (hand %.4f)\n", maxerr, s.f_peak_hz, s.batt_e_mwh, e_hand);
    assert_true(maxerr < 1e-9);
    assert_true(fabs(s.batt_e_mwh - e_hand) < 1e-3 * e_hand);
    free(f);
    free(pb);
}

/* An energy-limited battery: the hold is cut first, then the plateau, so
 * the absorbed energy equals e_max. */
static void test_battery_energy_limit(void **state)
{
    (void)state;
    odc_grid g = test_grid(0.3);
    odc_grid_battery b = {.p_max_mw = 1000.0, .e_max_mwh = 1.0, .delay_s = 0.0,
                          .ramp_up_mw_s = 1000.0, .hold_s = 100.0, .ramp_down_mw_s = 100.0};
    odc_freq_summary s;
    odc_err e;
    /* Ramps alone need 1000^2 (1/2000 + 1/200) = 5500 MW s > 3600: plateau
     * p = sqrt(3600 / 0.0055) = 809.04 MW, no hold. */
    double *pb = malloc(20001 * sizeof *pb);
    assert_int_equal(odc_grid_load_loss(&g, &b, 2000.0, 0.0, 0.005, 20001, NULL, NULL, pb,
                                        &s, &e), ODC_OK);
    double pmax = 0;
    for (size_t k = 0; k < 20001; k++) pmax = fmax(pmax, pb[k]);
    assert_true(fabs(pmax - sqrt(3600.0 / 0.0055)) < 5.0); /* 1000 MW/s x dt */
    assert_true(fabs(s.batt_e_mwh - 1.0) < 1e-4);
    free(pb);
}

/* July 2024: ~1,500 MW lost on the Eastern Interconnection (data file):
 * RoCoF0 = 1500*60/(2*4*450000) = 0.025 Hz/s;
 * df_ss = 60*(1500/450000)/(1 + 0.1/0.05) = 0.0667 Hz. */
static void test_july_2024_eastern(void **state)
{
    (void)state;
    odc_grid g;
    odc_err e;
    assert_int_equal(odc_grid_load(GRIDS, "eastern", &g, &e), ODC_OK);
    assert_true(fabs(odc_grid_rocof0_hz_s(&g, 1500.0) - 0.025) < 1e-15);
    assert_true(fabs(odc_grid_dfss_hz(&g, 1500.0) - 0.2 / 3.0) < 1e-15);
    odc_freq_summary s;
    assert_int_equal(odc_grid_load_loss(&g, NULL, 1500.0, 0.0, 0.01, 12001, NULL, NULL,
                                        NULL, &s, &e), ODC_OK);
    print_message("July 2024 on 'eastern': RoCoF0 %.4f Hz/s, RoCoF(0.5 s) %.4f Hz/s, "
                  "zenith %.4f Hz at %.1f s, settles +%.4f Hz\n", s.rocof_init_hz_s,
                  s.rocof_max_hz_s, s.f_peak_hz, s.t_peak_s, s.df_ss_hz);
    assert_false(s.trip_over_f);
    assert_false(s.trip_rocof);
    assert_false(s.over_cont);
    /* windowed RoCoF is below the instantaneous one */
    assert_true(s.rocof_max_hz_s < s.rocof_init_hz_s && s.rocof_max_hz_s > 0.8 * 0.025);
}

/* Without a battery the model is linear, so the largest safe loss is the
 * 1 MW response scaled to the nearer threshold; the bisection must agree. */
static void test_max_load_loss_linear(void **state)
{
    (void)state;
    const char *names[3] = {"eastern", "ercot", "island_5gw"};
    for (int i = 0; i < 3; i++) {
        odc_grid g;
        odc_err e;
        assert_int_equal(odc_grid_load(GRIDS, names[i], &g, &e), ODC_OK);
        odc_freq_summary s1;
        assert_int_equal(odc_grid_load_loss(&g, NULL, 1.0, 0.0, 0.01, 6001, NULL, NULL,
                                            NULL, &s1, &e), ODC_OK);
        double by_f = (g.f_trip_hi_hz - g.f0_hz) / (s1.f_peak_hz - g.f0_hz);
        double by_r = g.rocof_limit_hz_s / s1.rocof_max_hz_s;
        double lin = fmin(by_f, by_r);
        double dpmax;
        int why;
        assert_int_equal(odc_grid_max_load_loss(&g, NULL, 0.01, 6001, &dpmax, &why, &e),
                         ODC_OK);
        print_message("%-10s: max load loss %.0f MW (linear %.0f), limited by %s\n",
                      names[i], dpmax, lin, why == 1 ? "over-frequency" : "RoCoF");
        assert_true(fabs(dpmax - lin) < 1e-6 * lin);
        assert_int_equal(why, by_f < by_r ? 1 : 2);
    }
}

static void test_battery_needed(void **state)
{
    (void)state;
    odc_grid g;
    odc_err e;
    assert_int_equal(odc_grid_load(GRIDS, "island_5gw", &g, &e), ODC_OK);
    odc_grid_battery tmpl = {.p_max_mw = 0, .e_max_mwh = 1e4, .delay_s = 0.05,
                             .ramp_up_mw_s = 20000.0, .hold_s = 10.0, .ramp_down_mw_s = 20.0};
    const double dp = 1000.0, dt = 0.01;
    const size_t n = 9001;
    odc_freq_summary s;
    assert_int_equal(odc_grid_load_loss(&g, NULL, dp, 0.0, dt, n, NULL, NULL, NULL, &s, &e),
                     ODC_OK);
    assert_true(s.trip_over_f || s.trip_rocof);
    double p;
    assert_int_equal(odc_grid_battery_needed(&g, &tmpl, dp, dt, n, &p, &e), ODC_OK);
    print_message("island_5gw losing 1 GW: no battery zenith %.3f Hz, RoCoF %.2f Hz/s; "
                  "battery needed %.1f MW\n", s.f_peak_hz, s.rocof_max_hz_s, p);
    odc_grid_battery b = tmpl;
    b.p_max_mw = p * (1 + 1e-5);
    assert_int_equal(odc_grid_load_loss(&g, &b, dp, 0.0, dt, n, NULL, NULL, NULL, &s, &e),
                     ODC_OK);
    assert_false(s.trip_over_f || s.trip_rocof);
    b.p_max_mw = p * (1 - 1e-5);
    assert_int_equal(odc_grid_load_loss(&g, &b, dp, 0.0, dt, n, NULL, NULL, NULL, &s, &e),
                     ODC_OK);
    assert_true(s.trip_over_f || s.trip_rocof);
    /* A battery that reacts after 2 s cannot stop the RoCoF trip. */
    tmpl.delay_s = 2.0;
    odc_err_clear(&e);
    assert_int_equal(odc_grid_battery_needed(&g, &tmpl, dp, dt, n, &p, &e), ODC_EMODEL);
    assert_string_equal(e.field, "p_max_mw");
}

static void test_lvrt_cascade(void **state)
{
    (void)state;
    odc_lvrt_policy pol;
    odc_err e;
    assert_int_equal(odc_lvrt_load(GRIDS, &pol, &e), ODC_OK);
    assert_int_equal(pol.n_dips, 3);
    /* six reclosing dips within 82 s (times illustrative) */
    double t[6] = {0.0, 5.0, 20.0, 40.0, 70.0, 82.0};
    double v[6] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    int nt;
    double td;
    assert_int_equal(odc_lvrt_cascade(&pol, t, v, 6, &nt, &td, &e), ODC_OK);
    assert_true(td == 20.0 && nt == 3);
    /* dips that stay above the transfer voltage do not count */
    double v2[6] = {0.95, 0.95, 0.5, 0.5, 0.5, 0.5}; /* transfers at 20, 40, 70 */
    assert_int_equal(odc_lvrt_cascade(&pol, t, v2, 6, &nt, &td, &e), ODC_OK);
    assert_true(td == 70.0 && nt == 3);
    /* a 10 s window never holds three of them */
    pol.window_s = 10.0;
    assert_int_equal(odc_lvrt_cascade(&pol, t, v, 6, &nt, &td, &e), ODC_OK);
    assert_true(td == -1.0 && nt == 6);
    double tb[3] = {0.0, 5.0, 4.0}, vb[3] = {0.5, 0.5, 0.5};
    odc_err_clear(&e);
    assert_int_equal(odc_lvrt_cascade(&pol, tb, vb, 3, &nt, &td, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_s");
}

static void test_validation(void **state)
{
    (void)state;
    odc_grid g0 = test_grid(0.3), g;
    struct { size_t off; double v; const char *f; } gm[] = {
        {offsetof(odc_grid, f0_hz), 0, "f0_hz"},
        {offsetof(odc_grid, s_base_mva), -1, "s_base_mva"},
        {offsetof(odc_grid, h_s), -4, "h_s"},
        {offsetof(odc_grid, h_s), 0, "h_s"},
        {offsetof(odc_grid, d_pu), -1, "d_pu"},
        {offsetof(odc_grid, r_pu), 0, "r_pu"},
        {offsetof(odc_grid, r_pu), -0.05, "r_pu"},
        {offsetof(odc_grid, k_gov), 1.5, "k_gov"},
        {offsetof(odc_grid, t_gov_s), 0, "t_gov_s"},
        {offsetof(odc_grid, f_trip_hi_hz), 59.0, "f_trip_hi_hz"},
        {offsetof(odc_grid, f_cont_hi_hz), 62.0, "f_cont_hi_hz"},
        {offsetof(odc_grid, rocof_limit_hz_s), 0, "rocof_limit_hz_s"},
        {offsetof(odc_grid, rocof_window_s), -1, "rocof_window_s"},
        {offsetof(odc_grid, h_s), NAN, "h_s"},
    };
    for (size_t i = 0; i < sizeof gm / sizeof gm[0]; i++) {
        g = g0;
        *(double *)((char *)&g + gm[i].off) = gm[i].v;
        EXPECT_FIELD(odc_grid_load_loss(&g, NULL, 100, 0, 0.01, 10, NULL, NULL, NULL, NULL,
                                        &e_), gm[i].f);
    }
    g = test_grid(0.0);
    g.d_pu = 0.0; /* no governor and no damping: no steady state */
    EXPECT_FIELD(odc_grid_load_loss(&g, NULL, 100, 0, 0.01, 10, NULL, NULL, NULL, NULL, &e_),
                 "d_pu");
    EXPECT_FIELD(odc_grid_load_loss(&g0, NULL, 100, 0, 0.0, 10, NULL, NULL, NULL, NULL, &e_),
                 "dt_s");
    EXPECT_FIELD(odc_grid_load_loss(&g0, NULL, 100, 0, 0.01, 1, NULL, NULL, NULL, NULL, &e_),
                 "n");
    EXPECT_FIELD(odc_grid_load_loss(&g0, NULL, -5, 0, 0.01, 10, NULL, NULL, NULL, NULL, &e_),
                 "dp_mw");
    EXPECT_FIELD(odc_grid_load_loss(&g0, NULL, 5, -1, 0.01, 10, NULL, NULL, NULL, NULL, &e_),
                 "t_loss_s");
    g = g0;
    g.rocof_window_s = 100.0;
    EXPECT_FIELD(odc_grid_load_loss(&g, NULL, 5, 0, 0.001, 10, NULL, NULL, NULL, NULL, &e_),
                 "rocof_window_s");
    odc_grid_battery b0 = {100, 1, 0.1, 100, 1, 10}, b;
    struct { size_t off; double v; const char *f; } bm[] = {
        {offsetof(odc_grid_battery, p_max_mw), -1, "p_max_mw"},
        {offsetof(odc_grid_battery, e_max_mwh), 0, "e_max_mwh"},
        {offsetof(odc_grid_battery, delay_s), -0.1, "delay_s"},
        {offsetof(odc_grid_battery, ramp_up_mw_s), 0, "ramp_up_mw_s"},
        {offsetof(odc_grid_battery, hold_s), -1, "hold_s"},
        {offsetof(odc_grid_battery, ramp_down_mw_s), INFINITY, "ramp_down_mw_s"},
    };
    for (size_t i = 0; i < sizeof bm / sizeof bm[0]; i++) {
        b = b0;
        *(double *)((char *)&b + bm[i].off) = bm[i].v;
        EXPECT_FIELD(odc_grid_load_loss(&g0, &b, 100, 0, 0.01, 10, NULL, NULL, NULL, NULL,
                                        &e_), bm[i].f);
    }
    odc_lvrt_policy p = {0.9, 0, 60};
    int nt;
    double td;
    EXPECT_FIELD(odc_lvrt_cascade(&p, NULL, NULL, 0, &nt, &td, &e_), "n_dips");
    p.n_dips = 3;
    p.window_s = 0;
    EXPECT_FIELD(odc_lvrt_cascade(&p, NULL, NULL, 0, &nt, &td, &e_), "window_s");
    p.window_s = 60;
    p.v_transfer_pu = -1;
    EXPECT_FIELD(odc_lvrt_cascade(&p, NULL, NULL, 0, &nt, &td, &e_), "v_transfer_pu");
}

/* Shipped file loads; a broken copy names the key. */
static void test_data_file(void **state)
{
    (void)state;
    odc_grid g;
    odc_err e;
    assert_int_equal(odc_grid_load(GRIDS, "ercot", &g, &e), ODC_OK);
    assert_true(g.f0_hz == 60.0 && g.r_pu == 0.05 && g.f_trip_hi_hz == 61.8);
    assert_string_equal(g.name, "ercot");
    odc_err_clear(&e);
    assert_int_equal(odc_grid_load(GRIDS, "atlantis", &g, &e), ODC_EINPUT);
    assert_string_equal(e.field, "grids.atlantis");

    char *text = read_all(GRIDS);
    const char *from = "\"h_s\": {\"value\": 3.3, \"unit\": \"s\"";
    char *at = strstr(text, from);
    assert_non_null(at);
    const char *tos[3] = {"\"h_s\": {\"value\": 3.3, \"unit\": \"ms\"",
                          "\"h_s\": {\"value\": -3.3, \"unit\": \"s\"",
                          "\"h_s\": {\"value\": 3.3, \"unit\": \"s\"}, \"h_s\": {"};
    for (int i = 0; i < 3; i++) {
        char path[64] = "/tmp/odc_grids_XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *o = fdopen(fd, "w");
        fwrite(text, 1, (size_t)(at - text), o);
        fputs(tos[i], o);
        fputs(at + strlen(from), o);
        fclose(o);
        odc_err_clear(&e);
        int rc = odc_grid_load(path, "ercot", &g, &e);
        unlink(path);
        if (i < 2) {
            assert_int_equal(rc, ODC_EINPUT);
            assert_string_equal(e.field, "grids.ercot.h_s");
        } else {
            assert_int_equal(rc, ODC_EINPUT); /* broken JSON: line and column */
            assert_true(e.line > 0 && e.col > 0);
        }
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_order_analytic),
        cmocka_unit_test(test_second_order_analytic),
        cmocka_unit_test(test_battery_vs_rk8pd),
        cmocka_unit_test(test_battery_energy_limit),
        cmocka_unit_test(test_july_2024_eastern),
        cmocka_unit_test(test_max_load_loss_linear),
        cmocka_unit_test(test_battery_needed),
        cmocka_unit_test(test_lvrt_cascade),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_data_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
