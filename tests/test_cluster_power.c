/* Training-cluster load profile and battery smoothing: analytic step
 * response of the filter, energy bookkeeping, ramp-limit compliance, the
 * direct battery sizing (tight from both sides), hand-computed ride-through
 * times, input validation and data/grids.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odc/cluster_power.h"
#include "odc/grid.h"

#include "testutil.h"

#define GRIDS ODC_SOURCE_DIR "/data/grids.json"

/* Dyadic timing so sample times, phase boundaries and fmod are exact. */
static odc_train_profile exact_profile(void)
{
    odc_train_profile p = {
        .p_it_mw = 1000.0, .iter_period_s = 2.0, .compute_frac = 0.75,
        .comm_power_frac = 0.5, .ckpt_interval_s = 300.0, .ckpt_duration_s = 20.0,
        .ckpt_power_frac = 0.25, .rise_s = 0.0, .fall_s = 0.0, .pue = 1.25,
        .cooling_tau_s = 30.0};
    return p;
}

static void test_profile_mean_and_levels(void **state)
{
    (void)state;
    odc_train_profile p = exact_profile();
    const double dt = 0.0625;
    const size_t n = 9600; /* 600 s: two checkpoint intervals */
    double *it = malloc(n * sizeof *it), *site = malloc(n * sizeof *site);
    odc_err e;
    assert_int_equal(odc_train_load_series(&p, dt, n, it, site, &e), ODC_OK);
    double sum = 0, sum_site = 0;
    for (size_t k = 0; k < n; k++) {
        sum += it[k];
        sum_site += site[k];
    }
    /* Hand value: (280/300)*(0.75 + 0.25*0.5) + (20/300)*0.25
     * = 0.816667 + 0.016667 = 0.833333 of 1000 MW */
    double hand = 1000.0 * ((280.0 / 300.0) * 0.875 + (20.0 / 300.0) * 0.25);
    assert_true(fabs(odc_train_mean_it_mw(&p) - hand) < 1e-9);
    assert_true(fabs(sum / n - hand) < 1e-9);
    /* Non-IT lag keeps the mean up to its start-up transient (~0.3 % here:
     * tau x initial offset / run length). */
    assert_true(fabs(sum_site / n - 1.25 * hand) / (1.25 * hand) < 1e-2);
    /* Levels: compute at t=0, comm at t=1.5 s, checkpoint at t=290 s. */
    assert_true(fabs(it[0] - 1000.0) < 1e-12);
    assert_true(fabs(it[24] - 500.0) < 1e-12);
    assert_true(fabs(it[(size_t)(290.0 / dt)] - 250.0) < 1e-12);
    free(it);
    free(site);
}

/* Cooling lag: constant compute (compute_frac = 1), so non-IT starts at
 * (pue-1)*mean and relaxes to (pue-1)*p_it as exp(-t/tau) until the
 * checkpoint at 280 s drops IT to 250 MW. */
static void test_cooling_first_order(void **state)
{
    (void)state;
    odc_train_profile p = exact_profile();
    p.compute_frac = 1.0;
    const double dt = 0.0625;
    const size_t n = 4800;
    double *it = malloc(n * sizeof *it), *site = malloc(n * sizeof *site);
    odc_err e;
    assert_int_equal(odc_train_load_series(&p, dt, n, it, site, &e), ODC_OK);
    double mean = (280.0 / 300.0) * 1000.0 + (20.0 / 300.0) * 250.0; /* 950 MW */
    double maxerr = 0;
    for (size_t k = 0; k < 280.0 / dt; k++) {
        double want = 250.0 + (0.25 * mean - 250.0) * exp(-(double)k * dt / 30.0);
        maxerr = fmax(maxerr, fabs(site[k] - it[k] - want));
    }
    print_message("cooling lag: max |non-IT - analytic| = %.3e MW\n", maxerr);
    assert_true(maxerr < 1e-9);
    free(it);
    free(site);
}

static void test_profile_slew(void **state)
{
    (void)state;
    odc_train_profile p = exact_profile();
    p.rise_s = 0.25;
    p.fall_s = 0.125;
    const double dt = 0.0078125;
    const size_t n = 2000;
    double *it = malloc(n * sizeof *it);
    odc_err e;
    assert_int_equal(odc_train_load_series(&p, dt, n, it, NULL, &e), ODC_OK);
    double up = 0, dn = 0;
    for (size_t k = 1; k < n; k++) {
        double r = (it[k] - it[k - 1]) / dt;
        if (r > up) up = r;
        if (-r > dn) dn = -r;
    }
    /* Full scale in rise_s / fall_s: 4000 MW/s up, 8000 MW/s down. */
    assert_true(fabs(up - 4000.0) < 1e-6);
    assert_true(fabs(dn - 8000.0) < 1e-6);
    /* The 500 MW fall lasts 0.0625 s = 8 steps from the boundary at 1.5 s
     * (sample 192 is the first one lower). */
    assert_true(fabs(it[191] - 1000.0) < 1e-9);
    assert_true(fabs(it[192 + 7] - 500.0) < 1e-9);
    assert_true(fabs(it[192 + 6] - 562.5) < 1e-9);
    free(it);
}

static odc_site_battery big_battery(double rte)
{
    odc_site_battery b = {.p_max_mw = 1e4, .e_mwh = 1e5, .rte = rte, .soc_min = 0.0,
                          .soc_max = 1.0, .soc0 = 0.5};
    return b;
}

/* Low-pass step response: battery power = step * exp(-t/tau), energy =
 * step * tau (continuous limit). */
static void test_filter_step_analytic(void **state)
{
    (void)state;
    const double dt = 0.01, tau = 5.0, step = 50.0;
    const size_t n = 6000; /* 60 s = 12 tau */
    double *L = malloc(n * sizeof *L), *b = malloc(n * sizeof *b), *g = malloc(n * sizeof *g);
    for (size_t k = 0; k < n; k++)
        L[k] = k == 0 ? 100.0 : 100.0 + step;
    odc_smoother c = {.tau_s = tau, .ramp_limit_mw_s = INFINITY, .soc_target = 0.5,
                      .soc_gain_per_s = 0.0};
    odc_site_battery bat = big_battery(1.0);
    bat.e_mwh = 1.0; /* 3600 MW s: room for the 250 MW s, little rounding */
    odc_smooth_summary s;
    odc_err e;
    assert_int_equal(odc_smooth_run(L, n, dt, &c, &bat, g, b, NULL, &s, &e), ODC_OK);
    double maxerr = 0, ebatt = 0;
    for (size_t k = 1; k < n; k++) {
        double want = step * exp(-(double)k * dt / tau);
        maxerr = fmax(maxerr, fabs(b[k] - want));
        ebatt += b[k] * dt;
    }
    print_message("filter step: max |b - step e^(-t/tau)| = %.3e MW; energy %.6f vs %.6f MW s\n",
                  maxerr, ebatt, step * tau);
    assert_true(maxerr < 1e-9);
    /* Held-input sum is step*dt*a/(1-a) = step*(tau - dt/2) + O(dt^2). */
    assert_true(fabs(ebatt - step * tau) / (step * tau) < dt / tau);
    assert_true(fabs(ebatt - step * (tau - dt / 2)) / (step * tau) < 1e-5);
    assert_true(fabs(-s.e_stored_delta_mwh * 3600.0 - ebatt) < 1e-8);
    /* Peak grid ramp: first step of the filter, step*(1 - a)/dt. */
    assert_true(fabs(s.grid_ramp_max_mw_s - step * (1 - exp(-dt / tau)) / dt) < 1e-9);
    assert_true(fabs(s.load_ramp_max_mw_s - step / dt) < 1e-9);
    free(L); free(b); free(g);
}

static double *training_load(size_t n, double dt)
{
    odc_train_profile p = exact_profile();
    p.p_it_mw = 100.0;
    p.rise_s = 0.25;
    p.fall_s = 0.125;
    p.ckpt_interval_s = 120.0;
    double *L = malloc(n * sizeof *L);
    odc_err e;
    assert_int_equal(odc_train_load_series(&p, dt, n, NULL, L, &e), ODC_OK);
    return L;
}

/* grid + energy drawn from storage = load + losses, with clipping active. */
static void test_energy_conservation(void **state)
{
    (void)state;
    const double dt = 0.05;
    const size_t n = 6000;
    double *L = training_load(n, dt);
    odc_smoother c = {.tau_s = 20.0, .ramp_limit_mw_s = 2.0, .soc_target = 0.5,
                      .soc_gain_per_s = 0.01};
    double rtes[2] = {0.92, 1.0};
    double sizes[2] = {0.5, 20.0}; /* MWh: the first one clips */
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            odc_site_battery b = {.p_max_mw = 30.0, .e_mwh = sizes[j], .rte = rtes[i],
                                  .soc_min = 0.1, .soc_max = 0.9, .soc0 = 0.5};
            odc_smooth_summary s;
            odc_err e;
            assert_int_equal(odc_smooth_run(L, n, dt, &c, &b, NULL, NULL, NULL, &s, &e),
                             ODC_OK);
            double lhs = s.e_grid_mwh - s.e_stored_delta_mwh;
            double rhs = s.e_load_mwh + s.e_loss_mwh;
            print_message("rte %.2f E %.1f MWh: |grid - dstored - load - loss| = %.2e MWh"
                          " (load %.3f MWh, loss %.4f, limited %zu)\n", rtes[i], sizes[j],
                          fabs(lhs - rhs), s.e_load_mwh, s.e_loss_mwh, s.n_limited);
            assert_true(fabs(lhs - rhs) <= 1e-9 * s.e_load_mwh);
            assert_true(s.soc_min >= 0.1 - 1e-12 && s.soc_max <= 0.9 + 1e-12);
            if (rtes[i] == 1.0) assert_true(fabs(s.e_loss_mwh) < 1e-12);
            else assert_true(s.e_loss_mwh > 0);
            if (j == 0) assert_true(s.n_limited > 0);
        }
    free(L);
}

/* Size from the unconstrained run; the sized battery holds the ramp limit
 * with no clipping, and 2 % less power or energy does not. */
static void test_sizing_tight_and_ramp_compliance(void **state)
{
    (void)state;
    const double dt = 0.05;
    const size_t n = 6000;
    double *L = training_load(n, dt);
    odc_smoother c = {.tau_s = 30.0, .ramp_limit_mw_s = 1.0, .soc_target = 0.5,
                      .soc_gain_per_s = 0.005};
    double p = 0, emwh = 0;
    odc_err e;
    assert_int_equal(odc_smooth_size(L, n, dt, &c, 0.92, 0.1, 0.9, &p, &emwh, &e), ODC_OK);
    print_message("100 MW IT site, 1 MW/s: battery %.3f MW, %.4f MWh\n", p, emwh);
    assert_true(p > 10.0 && emwh > 0);
    odc_site_battery b = {.p_max_mw = p * (1 + 1e-9), .e_mwh = emwh * (1 + 1e-9),
                          .rte = 0.92, .soc_min = 0.1, .soc_max = 0.9, .soc0 = 0.5};
    odc_smooth_summary s;
    double *g = malloc(n * sizeof *g);
    assert_int_equal(odc_smooth_run(L, n, dt, &c, &b, g, NULL, NULL, &s, &e), ODC_OK);
    assert_int_equal(s.n_limited, 0);
    double rmax = 0;
    for (size_t k = 1; k < n; k++)
        rmax = fmax(rmax, fabs(g[k] - g[k - 1]) / dt);
    print_message("peak ramp: load %.1f MW/s, grid %.6f MW/s (limit 1)\n",
                  s.load_ramp_max_mw_s, rmax);
    assert_true(rmax <= 1.0 * (1 + 1e-9));
    assert_true(fabs(rmax - s.grid_ramp_max_mw_s) < 1e-12);
    assert_true(s.load_ramp_max_mw_s > 100.0);
    /* Tight from below. */
    b.p_max_mw = 0.98 * p;
    assert_int_equal(odc_smooth_run(L, n, dt, &c, &b, NULL, NULL, NULL, &s, &e), ODC_OK);
    assert_true(s.n_limited > 0 && s.grid_ramp_max_mw_s > 1.0 + 1e-6);
    b.p_max_mw = p * (1 + 1e-9);
    b.e_mwh = 0.98 * emwh;
    assert_int_equal(odc_smooth_run(L, n, dt, &c, &b, NULL, NULL, NULL, &s, &e), ODC_OK);
    assert_true(s.n_limited > 0);
    free(L);
    free(g);
}

/* Hand-checked outage ride-through. */
static void test_ride_through(void **state)
{
    (void)state;
    odc_site_battery b = {.p_max_mw = 100.0, .e_mwh = 400.0, .rte = 0.81, .soc_min = 0.1,
                          .soc_max = 1.0, .soc0 = 1.0};
    double tf, tt, fr;
    odc_err e;
    /* usable = 0.9 * 400 * sqrt(0.81) = 324 MWh; 324/81 h = 4 h. */
    assert_int_equal(odc_ride_through(&b, 81.0, &tf, &tt, &fr, &e), ODC_OK);
    assert_true(fabs(tf - 14400.0) < 1e-9 && fabs(tt - 14400.0) < 1e-9 && fr == 1.0);
    /* Power-limited: 200 MW load on 100 MW: no ride-through at full load;
     * throttled to 100 MW for 3.24 h = 11664 s, half the compute. */
    assert_int_equal(odc_ride_through(&b, 200.0, &tf, &tt, &fr, &e), ODC_OK);
    assert_true(tf == 0.0 && fabs(tt - 11664.0) < 1e-9 && fabs(fr - 0.5) < 1e-15);
    /* 1 GW site on 520 Megapack 2 XL (2 h) units from the data file, full. */
    odc_site_battery mp;
    assert_int_equal(odc_battery_unit_load(GRIDS, "megapack2xl_2h", 520, &mp, &e), ODC_OK);
    mp.soc0 = 1.0;
    assert_int_equal(odc_ride_through(&mp, 1000.0, &tf, &tt, &fr, &e), ODC_OK);
    double hand = 520 * 3.854 * sqrt(0.92) / 1000.0 * 3600.0;
    print_message("1 GW on 520 Megapack 2 XL: %.0f MW, %.0f MWh, ride-through %.0f s\n",
                  mp.p_max_mw, mp.e_mwh, tf);
    assert_true(fabs(tf - hand) < 1e-6);
}

static void test_validation(void **state)
{
    (void)state;
    double L[4] = {1, 2, 3, 4}, out[4];
    odc_train_profile p0 = exact_profile(), p;
    struct { size_t off; double v; const char *f; } pm[] = {
        {offsetof(odc_train_profile, p_it_mw), -1, "p_it_mw"},
        {offsetof(odc_train_profile, iter_period_s), 0, "iter_period_s"},
        {offsetof(odc_train_profile, compute_frac), 0, "compute_frac"},
        {offsetof(odc_train_profile, comm_power_frac), 1.5, "comm_power_frac"},
        {offsetof(odc_train_profile, ckpt_interval_s), -5, "ckpt_interval_s"},
        {offsetof(odc_train_profile, ckpt_duration_s), 300, "ckpt_duration_s"},
        {offsetof(odc_train_profile, ckpt_power_frac), -0.1, "ckpt_power_frac"},
        {offsetof(odc_train_profile, rise_s), -1, "rise_s"},
        {offsetof(odc_train_profile, fall_s), NAN, "fall_s"},
        {offsetof(odc_train_profile, pue), 0.9, "pue"},
        {offsetof(odc_train_profile, cooling_tau_s), 0, "cooling_tau_s"},
    };
    for (size_t i = 0; i < sizeof pm / sizeof pm[0]; i++) {
        p = p0;
        *(double *)((char *)&p + pm[i].off) = pm[i].v;
        EXPECT_FIELD(odc_train_load_series(&p, 0.1, 4, out, NULL, &e_), pm[i].f);
    }
    EXPECT_FIELD(odc_train_load_series(&p0, 0.0, 4, out, NULL, &e_), "dt_s");
    EXPECT_FIELD(odc_train_load_series(&p0, 0.1, 0, out, NULL, &e_), "n");

    odc_smoother c0 = {.tau_s = 1, .ramp_limit_mw_s = 1, .soc_target = 0.5,
                       .soc_gain_per_s = 0}, c;
    odc_site_battery b0 = {10, 10, 0.9, 0.1, 0.9, 0.5}, b;
    struct { int which; size_t off; double v; const char *f; } bm[] = {
        {0, offsetof(odc_smoother, tau_s), -1, "tau_s"},
        {0, offsetof(odc_smoother, ramp_limit_mw_s), 0, "ramp_limit_mw_s"},
        {0, offsetof(odc_smoother, soc_target), 1.1, "soc_target"},
        {0, offsetof(odc_smoother, soc_gain_per_s), -1, "soc_gain_per_s"},
        {1, offsetof(odc_site_battery, p_max_mw), 0, "p_max_mw"},
        {1, offsetof(odc_site_battery, e_mwh), -3, "e_mwh"},
        {1, offsetof(odc_site_battery, rte), 1.2, "rte"},
        {1, offsetof(odc_site_battery, soc_min), -0.1, "soc_min"},
        {1, offsetof(odc_site_battery, soc_max), 0.05, "soc_max"},
        {1, offsetof(odc_site_battery, soc0), 0.95, "soc0"},
    };
    for (size_t i = 0; i < sizeof bm / sizeof bm[0]; i++) {
        c = c0;
        b = b0;
        *(double *)((char *)(bm[i].which ? (void *)&b : (void *)&c) + bm[i].off) = bm[i].v;
        EXPECT_FIELD(odc_smooth_run(L, 4, 0.1, &c, &b, NULL, NULL, NULL, NULL, &e_), bm[i].f);
    }
    EXPECT_FIELD(odc_smooth_run(L, 4, -0.1, &c0, &b0, NULL, NULL, NULL, NULL, &e_), "dt_s");
    EXPECT_FIELD(odc_smooth_run(L, 1, 0.1, &c0, &b0, NULL, NULL, NULL, NULL, &e_), "n");
    double Ln[4] = {1, NAN, 3, 4};
    EXPECT_FIELD(odc_smooth_run(Ln, 4, 0.1, &c0, &b0, NULL, NULL, NULL, NULL, &e_), "load_mw");
    double pp, ee;
    EXPECT_FIELD(odc_smooth_size(L, 4, 0.1, &c0, 0.0, 0.1, 0.9, &pp, &ee, &e_), "rte");
    c = c0;
    c.soc_target = 0.1;
    EXPECT_FIELD(odc_smooth_size(L, 4, 0.1, &c, 0.9, 0.1, 0.9, &pp, &ee, &e_), "soc_target");
    EXPECT_FIELD(odc_ride_through(&b0, 0.0, NULL, NULL, NULL, &e_), "load_mw");
}

static void test_data_file(void **state)
{
    (void)state;
    odc_site_battery b;
    odc_train_profile p;
    odc_err e;
    assert_int_equal(odc_battery_unit_load(GRIDS, "megapack2xl_2h", 100, &b, &e), ODC_OK);
    assert_true(fabs(b.p_max_mw - 192.7) < 1e-9 && fabs(b.e_mwh - 385.4) < 1e-9);
    assert_true(fabs(b.rte - 0.92) < 1e-12);
    assert_int_equal(odc_battery_unit_load(GRIDS, "megapack2xl_4h", 1, &b, &e), ODC_OK);
    assert_true(fabs(b.e_mwh / b.p_max_mw - 4.0) < 0.01);
    assert_int_equal(odc_train_profile_load(GRIDS, 1000.0, &p, &e), ODC_OK);
    assert_true(p.p_it_mw == 1000.0 && p.iter_period_s > 0 && p.pue >= 1.0);
    odc_err_clear(&e);
    assert_int_equal(odc_battery_unit_load(GRIDS, "no_such", 1, &b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "battery_units.no_such");
    assert_int_equal(odc_battery_unit_load("/nonexistent/grids.json", "x", 1, &b, &e), ODC_EIO);
}

/* Worked example of docs/grid-dynamics.md: a 1 GW (IT) training cluster
 * with the reference profile of data/grids.json over 10 min (two
 * checkpoints), held to 10 MW/s at the grid. Prints the figures the doc
 * quotes; asserts what must hold whatever the data say. */
static void test_worked_example_1gw(void **state)
{
    (void)state;
    odc_train_profile p;
    odc_err e;
    assert_int_equal(odc_train_profile_load(GRIDS, 1000.0, &p, &e), ODC_OK);
    const double dt = 0.05;
    const size_t n = 12000;
    double *L = malloc(n * sizeof *L), *g = malloc(n * sizeof *g);
    double *soc = malloc(n * sizeof *soc);
    assert_int_equal(odc_train_load_series(&p, dt, n, NULL, L, &e), ODC_OK);
    double lmin = L[0], lmax = L[0];
    for (size_t k = 0; k < n; k++) { lmin = fmin(lmin, L[k]); lmax = fmax(lmax, L[k]); }
    odc_site_battery unit;
    assert_int_equal(odc_battery_unit_load(GRIDS, "megapack2xl_2h", 1, &unit, &e), ODC_OK);
    odc_smoother c = {.tau_s = 30.0, .ramp_limit_mw_s = 10.0, .soc_target = 0.5,
                      .soc_gain_per_s = 0.002};
    double pw, en;
    assert_int_equal(odc_smooth_size(L, n, dt, &c, unit.rte, unit.soc_min, unit.soc_max,
                                     &pw, &en, &e), ODC_OK);
    double units = ceil(fmax(pw / unit.p_max_mw, en / unit.e_mwh));
    odc_site_battery b;
    assert_int_equal(odc_battery_unit_load(GRIDS, "megapack2xl_2h", units, &b, &e), ODC_OK);
    odc_smooth_summary s;
    assert_int_equal(odc_smooth_run(L, n, dt, &c, &b, g, NULL, soc, &s, &e), ODC_OK);
    print_message("1 GW IT: site load %.0f..%.0f MW, peak load ramp %.0f MW/s; "
                  "held to 10 MW/s: battery >= %.1f MW, %.2f MWh -> %.0f Megapack 2 XL (2 h) "
                  "= %.0f MW / %.0f MWh; grid ramp %.3f MW/s, SOC %.3f..%.3f, losses %.3f MWh "
                  "of %.1f MWh\n", lmin, lmax, s.load_ramp_max_mw_s, pw, en, units, b.p_max_mw,
                  b.e_mwh, s.grid_ramp_max_mw_s, s.soc_min, s.soc_max, s.e_loss_mwh,
                  s.e_load_mwh);
    assert_int_equal(s.n_limited, 0);
    assert_true(s.grid_ramp_max_mw_s <= 10.0 * (1 + 1e-9));
    assert_true(s.load_ramp_max_mw_s > 100.0 * s.grid_ramp_max_mw_s);
    /* power, not energy, sizes the plant: the swing is fast */
    assert_true(pw / unit.p_max_mw > en / unit.e_mwh);
    double tf, tt, fr;
    b.soc0 = 0.5;
    assert_int_equal(odc_ride_through(&b, lmax, &tf, &tt, &fr, &e), ODC_OK);
    print_message("  outage at full load from SOC 0.5: ride-through %.0f s at full load "
                  "(%.0f s throttled to %.0f %%)\n", tf, tt, 100 * fr);
    /* Frequency on each reference grid if the whole site (peak draw) leaves. */
    const char *names[3] = {"eastern", "ercot", "island_5gw"};
    for (int i = 0; i < 3; i++) {
        odc_grid gr;
        odc_freq_summary fs;
        assert_int_equal(odc_grid_load(GRIDS, names[i], &gr, &e), ODC_OK);
        assert_int_equal(odc_grid_load_loss(&gr, NULL, lmax, 0.0, 0.01, 6001, NULL, NULL,
                                            NULL, &fs, &e), ODC_OK);
        double dpmax;
        int why;
        assert_int_equal(odc_grid_max_load_loss(&gr, NULL, 0.01, 6001, &dpmax, &why, &e),
                         ODC_OK);
        print_message("  %-10s loses %.0f MW: RoCoF0 %.3f Hz/s, RoCoF(%.1f s) %.3f, "
                      "zenith %.3f Hz at %.1f s, settles +%.3f Hz, trip %s; max safe loss "
                      "%.0f MW\n", names[i], lmax, fs.rocof_init_hz_s, gr.rocof_window_s,
                      fs.rocof_max_hz_s, fs.f_peak_hz, fs.t_peak_s, fs.df_ss_hz,
                      fs.trip_over_f ? "over-f" : fs.trip_rocof ? "RoCoF" : "none", dpmax);
        if (fs.trip_over_f || fs.trip_rocof) {
            odc_grid_battery tm = {.p_max_mw = 0, .e_max_mwh = 1e4, .delay_s = 0.05,
                                   .ramp_up_mw_s = 20000.0, .hold_s = 10.0,
                                   .ramp_down_mw_s = 20.0};
            double need;
            int rc = odc_grid_battery_needed(&gr, &tm, lmax, 0.01, 6001, &need, &e);
            if (rc == ODC_OK)
                print_message("    battery sink (50 ms, 20 GW/s, 10 s hold, 20 MW/s down) "
                              "needed: %.0f MW\n", need);
            else
                print_message("    no battery sink keeps it safe: %s\n", e.msg);
        }
    }
    free(L); free(g); free(soc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_mean_and_levels),
        cmocka_unit_test(test_cooling_first_order),
        cmocka_unit_test(test_profile_slew),
        cmocka_unit_test(test_filter_step_analytic),
        cmocka_unit_test(test_energy_conservation),
        cmocka_unit_test(test_sizing_tight_and_ramp_compliance),
        cmocka_unit_test(test_ride_through),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_data_file),
        cmocka_unit_test(test_worked_example_1gw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
