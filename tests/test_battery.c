/* Battery: energy conservation over a random profile, clipping cases
 * computed by hand, eclipse sizing, cycle counting and the cycle-life DoD
 * table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "odc/battery.h"

#include "testutil.h"

/* 1 kWh, 80 % DoD (floor 200 Wh), 95 % / 90 %, 500 W in, 1000 W out. */
static const odc_battery BAT = {1000.0, 0.8, 0.95, 0.90, 500.0, 1000.0};

static void test_conservation_random(void **state)
{
    (void)state;
    assert_int_equal(odc_battery_check(&BAT, NULL), ODC_OK);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20261123);
    odc_battery_flows f;
    memset(&f, 0, sizeof f);
    double e = 600.0, e0 = e;
    double offered = 0, demand = 0;
    for (int i = 0; i < 20000; i++) {
        double dt = 1.0 + 599.0 * gsl_rng_uniform(r);
        /* Powers beyond the limits on both sides, and exact zeros. */
        double p = (gsl_rng_uniform(r) < 0.05) ? 0.0 : -2500.0 + 4000.0 * gsl_rng_uniform(r);
        if (p > 0) offered += p * dt / 3600.0; else demand += -p * dt / 3600.0;
        odc_battery_step(&BAT, &e, p, dt, &f);
        assert_true(e >= 200.0 - 1e-9 && e <= 1000.0 + 1e-9);
    }
    gsl_rng_free(r);
    double scale = f.offered_wh + f.demand_wh;
    /* Every offered/demanded Wh is in exactly one bucket. */
    assert_rel(f.offered_wh, offered, 1e-12);
    assert_rel(f.demand_wh, demand, 1e-12);
    assert_abs(f.offered_wh - (f.accepted_wh + f.dumped_wh), 0.0, 1e-9 * scale);
    assert_abs(f.demand_wh - (f.delivered_wh + f.unserved_wh), 0.0, 1e-9 * scale);
    /* In = stored + losses + out: accepted = (E1 - E0) + loss + delivered. */
    assert_abs(f.accepted_wh - ((e - e0) + f.loss_wh + f.delivered_wh), 0.0, 1e-9 * scale);
    assert_abs(f.stored_delta_wh - (e - e0), 0.0, 1e-9 * scale);
    /* Losses from the efficiencies alone (independent of the step code):
     * (1-eta_c)*accepted + delivered*(1/eta_d - 1). */
    double loss = 0.05 * f.accepted_wh + f.delivered_wh * (1.0 / 0.9 - 1.0);
    assert_abs(f.loss_wh, loss, 1e-9 * scale);
    /* The profile exercised all clipping paths. */
    assert_true(f.dumped_wh > 0.0 && f.unserved_wh > 0.0);
}

static void test_step_n(void **state)
{
    (void)state;
    /* The array form equals n scalar steps, and totals add up. */
    double e1[4] = {900.0, 300.0, 600.0, 1000.0}, e2[4];
    const double p[4] = {600.0, -1000.0, -400.0, 0.0};
    memcpy(e2, e1, sizeof e1);
    odc_battery_flows fa, fb;
    memset(&fa, 0, sizeof fa);
    memset(&fb, 0, sizeof fb);
    odc_battery_step_n(&BAT, 4, e1, p, 1800.0, &fa);
    for (int i = 0; i < 4; i++)
        odc_battery_step(&BAT, &e2[i], p[i], 1800.0, &fb);
    assert_memory_equal(e1, e2, sizeof e1);
    assert_memory_equal(&fa, &fb, sizeof fa);
}

static void test_clipping_cases(void **state)
{
    (void)state;
    odc_battery_flows f;
    double e;
    /* Nearly full: 900 Wh, 600 W offered for 1 h.
     * room at the terminals = (1000-900)/0.95 = 105.2632 Wh < 500 Wh limit,
     * accepted 105.2632, dumped 600-105.2632 = 494.7368, loss 5.2632,
     * battery full at 1000 Wh. */
    memset(&f, 0, sizeof f);
    e = 900.0;
    odc_battery_step(&BAT, &e, 600.0, 3600.0, &f);
    assert_rel(e, 1000.0, 1e-15);
    assert_rel(f.accepted_wh, 105.26315789473684, 1e-14);
    assert_rel(f.dumped_wh, 494.73684210526316, 1e-14);
    assert_rel(f.loss_wh, 5.2631578947368, 1e-12);
    /* Power limit: 500 Wh, 800 W for 1 h: accepted 500 (limit), stored
     * 475, dumped 300, E = 975. */
    memset(&f, 0, sizeof f);
    e = 500.0;
    odc_battery_step(&BAT, &e, 800.0, 3600.0, &f);
    assert_rel(e, 975.0, 1e-15);
    assert_rel(f.dumped_wh, 300.0, 1e-15);
    /* Near the DoD floor: 300 Wh, 1000 W demanded for 1 h.
     * deliverable = (300-200)*0.9 = 90 Wh; unserved 910; drawn 100;
     * loss 10; E = 200 (floor). */
    memset(&f, 0, sizeof f);
    e = 300.0;
    odc_battery_step(&BAT, &e, -1000.0, 3600.0, &f);
    assert_rel(e, 200.0, 1e-15);
    assert_rel(f.delivered_wh, 90.0, 1e-14);
    assert_rel(f.unserved_wh, 910.0, 1e-14);
    assert_rel(f.loss_wh, 10.0, 1e-13);
    /* Unclipped discharge: 600 Wh, 400 W for 30 min: delivered 200 Wh,
     * drawn 200/0.9 = 222.2222, E = 377.7778. */
    memset(&f, 0, sizeof f);
    e = 600.0;
    odc_battery_step(&BAT, &e, -400.0, 1800.0, &f);
    assert_rel(e, 377.77777777777777, 1e-14);
    assert_true(f.unserved_wh == 0.0);
    /* Discharge power limit: 1500 W for 6 min from 1000 Wh: delivered
     * 1000 W * 0.1 h = 100 Wh, unserved 50 Wh. */
    memset(&f, 0, sizeof f);
    e = 1000.0;
    odc_battery_step(&BAT, &e, -1500.0, 360.0, &f);
    assert_rel(f.delivered_wh, 100.0, 1e-14);
    assert_rel(f.unserved_wh, 50.0, 1e-13);
}

static void test_sizing_cycles(void **state)
{
    (void)state;
    double cap, mass;
    /* 10 kW through a 35 min eclipse at 30 % DoD and 96 % discharge:
     *   10000 W * 35/60 h = 5833.333 Wh; / (0.30*0.96 = 0.288)
     *   = 20254.63 Wh; at 120 Wh/kg: 168.789 kg. */
    assert_int_equal(odc_battery_size(10e3, 2100.0, 0.30, 0.96, 120.0, &cap, &mass, NULL),
                     ODC_OK);
    assert_rel(cap, 20254.62962962963, 1e-14);
    assert_rel(mass, 168.7885802469136, 1e-14);
    /* 5 years of 95 min orbits, all with eclipse:
     *   5*365.25*86400/5700 = 157788000/5700 = 27682.105 cycles. */
    double n;
    assert_int_equal(odc_battery_cycles(5.0, 5700.0, 1.0, &n, NULL), ODC_OK);
    assert_rel(n, 27682.105263157893, 1e-14);
    /* GEO: 15 years, 1 sidereal day, 24 % of orbits with eclipse:
     *   15*365.25*86400 = 473364000 s; /86164.09 = 5493.751 orbits;
     *   * 0.24 = 1318.50 cycles. */
    assert_int_equal(odc_battery_cycles(15.0, 86164.09, 0.24, &n, NULL), ODC_OK);
    assert_rel(n, 15.0 * 365.25 * 86400.0 / 86164.09 * 0.24, 1e-15);
    assert_abs(n, 1318.50, 0.01);
}

static void test_cycle_life_dod(void **state)
{
    (void)state;
    /* Table of the defaults file: (1800, 0.80), (40000, 0.25). */
    const double c[] = {1800.0, 40000.0}, d[] = {0.80, 0.25};
    double dod;
    int ex;
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 1800.0, 0.1, &dod, &ex, NULL), ODC_OK);
    assert_rel(dod, 0.80, 1e-15);
    assert_int_equal(ex, 0);
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 40000.0, 0.1, &dod, &ex, NULL),
                     ODC_OK);
    assert_rel(dod, 0.25, 1e-14);
    /* Geometric mean sqrt(1800*40000) = 8485.28 is the log midpoint:
     * DoD = (0.80+0.25)/2 = 0.525. */
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, sqrt(1800.0 * 40000.0), 0.1, &dod,
                                                &ex, NULL), ODC_OK);
    assert_rel(dod, 0.525, 1e-14);
    /* 5-year LEO, 27682 cycles: log10 = 4.44221; fraction along the
     * segment (4.44221-3.25527)/(4.60206-3.25527) = 0.88130;
     * DoD = 0.80 - 0.55*0.88130 = 0.31529. */
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 27682.105, 0.1, &dod, &ex, NULL),
                     ODC_OK);
    assert_abs(dod, 0.31529, 1e-5);
    /* 10-year LEO, 55000 cycles: extrapolated 0.19352, flagged. */
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 55000.0, 0.1, &dod, &ex, NULL),
                     ODC_OK);
    assert_abs(dod, 0.19352, 1e-5);
    assert_int_equal(ex, 1);
    /* Far beyond: clamped at the floor. */
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 1e7, 0.1, &dod, &ex, NULL), ODC_OK);
    assert_rel(dod, 0.1, 0.0);
    /* Three-point table picks the right segment. */
    const double c3[] = {1000.0, 10000.0, 100000.0}, d3[] = {0.9, 0.5, 0.2};
    assert_int_equal(odc_battery_dod_for_cycles(c3, d3, 3, sqrt(1e9), 0.05, &dod, &ex, NULL),
                     ODC_OK);
    assert_rel(dod, 0.35, 1e-14);
}

static void test_validation(void **state)
{
    (void)state;
    odc_err e;
    odc_battery b = BAT;
    b.dod_max = 1.5;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "dod_max");
    b = BAT; b.dod_max = 0.0;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "dod_max");
    b = BAT; b.eta_charge = 1.01;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eta_charge");
    b = BAT; b.eta_discharge = -0.5;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eta_discharge");
    b = BAT; b.capacity_wh = -1.0;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "capacity_wh");
    b = BAT; b.p_charge_max_w = 0.0;
    assert_int_equal(odc_battery_check(&b, &e), ODC_EINPUT);
    assert_string_equal(e.field, "p_charge_max_w");
    double x;
    assert_int_equal(odc_battery_size(1.0, 1.0, 0.0, 0.9, 100.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "dod");
    assert_int_equal(odc_battery_size(1.0, 1.0, 0.5, 0.9, 0.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "specific_energy_wh_kg");
    assert_int_equal(odc_battery_size(-1.0, 1.0, 0.5, 0.9, 100.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "p_ecl_w");
    assert_int_equal(odc_battery_cycles(1.0, 0.0, 1.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "period_s");
    const double c[] = {100.0, 50.0}, d[] = {0.5, 0.4};
    assert_int_equal(odc_battery_dod_for_cycles(c, d, 2, 70.0, 0.1, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "cycle_life.cycles");
    const double c2[] = {50.0, 100.0}, d2[] = {0.5, 1.4};
    assert_int_equal(odc_battery_dod_for_cycles(c2, d2, 2, 70.0, 0.1, &x, NULL, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "cycle_life.dod");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conservation_random),
        cmocka_unit_test(test_step_n),
        cmocka_unit_test(test_clipping_cases),
        cmocka_unit_test(test_sizing_cycles),
        cmocka_unit_test(test_cycle_life_dod),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
