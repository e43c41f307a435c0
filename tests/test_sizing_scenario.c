/* The `spacecraft:` section of a scenario as loaded into
 * odc_scenario_spacecraft: values, defaults, an orbit taken from a
 * constellation, technology overrides with their line/column, and that a
 * scenario without the section still loads as before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "odc/scenario.h"

static const char *HEAD =
    "odcsim: 1\n"
    "time:\n"
    "  epoch: 2026-03-20T00:00:00Z\n"
    "constellations:\n"
    "  - name: dd\n"
    "    type: sso\n"
    "    n: 3\n"
    "    alt_km: 650\n"
    "    ltan_h: 6.0\n";

static int load(const char *tail, odc_scenario *sc, odc_diag *d)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s%s", HEAD, tail);
    odc_diag_init(d);
    return odc_scenario_load_string(buf, strlen(buf), "mem.yaml", sc, d);
}

static void test_values(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_diag d;
    int rc = load("spacecraft:\n"
                  "  it_power_kw: 20\n"
                  "  orbit:\n"
                  "    constellation: dd\n"
                  "  mission_years: 7\n"
                  "  isl_terminals: 2\n"
                  "  solar_activity: high\n"
                  "  technology:\n"
                  "    solar.eff_ref: 0.32\n"
                  "    shielding.mm_al: 10\n",
                  &sc, &d);
    for (size_t i = 0; i < d.n; i++)
        print_message("%s\n", d.items[i].msg);
    assert_int_equal(rc, ODC_OK);
    const odc_scenario_spacecraft *s = &sc.spacecraft;
    assert_int_equal(s->present, 1);
    assert_true(s->it_power_w == 20000.0);
    assert_int_equal(s->it_line, 11);
    assert_int_equal(s->orbit.cons_index, 0);
    assert_int_equal(s->orbit.sso, 1);
    assert_true(s->orbit.alt_km == 650.0 && s->orbit.ltan_h == 6.0);
    assert_true(s->mission_years == 7.0);
    assert_int_equal(s->isl_terminals, 2);
    assert_int_equal(s->solar_activity, 2);
    assert_int_equal(s->it_in_eclipse, 1);
    assert_true(isnan(s->chip_tid_krad));
    assert_int_equal((int)s->n_tech, 2);
    assert_string_equal(s->tech[0].key, "solar.eff_ref");
    assert_true(s->tech[0].value == 0.32);
    assert_int_equal(s->tech[0].line, 18);
    assert_int_equal(s->tech[0].col, 20);
    assert_string_equal(s->tech[1].key, "shielding.mm_al");
    odc_diag_free(&d);
    odc_scenario_free(&sc);
}

static void test_own_orbit_and_chips(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_diag d;
    int rc = load("spacecraft:\n"
                  "  chip_count: 8\n"
                  "  chip_power_w: 700\n"
                  "  orbit:\n"
                  "    alt_km: 550\n"
                  "    incl_deg: 53\n",
                  &sc, &d);
    assert_int_equal(rc, ODC_OK);
    const odc_scenario_spacecraft *s = &sc.spacecraft;
    assert_true(s->it_power_w == 5600.0);
    assert_int_equal(s->chip_count, 8);
    assert_int_equal(s->orbit.cons_index, -1);
    assert_int_equal(s->orbit.sso, 0);
    assert_true(s->orbit.alt_km == 550.0 && s->orbit.incl_deg == 53.0);
    assert_true(s->mission_years == 5.0);   /* default */
    assert_int_equal(s->isl_terminals, -1); /* technology default */
    odc_diag_free(&d);
    odc_scenario_free(&sc);
}

static void test_absent(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_diag d;
    assert_int_equal(load("", &sc, &d), ODC_OK);
    assert_int_equal(sc.spacecraft.present, 0);
    odc_diag_free(&d);
    odc_scenario_free(&sc);
}

static void test_problems(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_diag d;
    int rc = load("spacecraft:\n"
                  "  it_power_w: 0\n"
                  "  orbit:\n"
                  "    alt_km: 149.9\n"
                  "    incl_deg: 53\n"
                  "  technology:\n"
                  "    thermal.rad_alpha: 1.5\n",
                  &sc, &d);
    assert_int_equal(rc, ODC_EINPUT);
    assert_int_equal((int)d.n, 3);
    assert_string_equal(d.items[0].field, "spacecraft.it_power_w");
    assert_int_equal(d.items[0].line, 11);
    assert_int_equal(d.items[0].col, 15);
    assert_string_equal(d.items[1].field, "spacecraft.orbit.alt_km");
    assert_int_equal(d.items[1].line, 13);
    assert_string_equal(d.items[2].field, "spacecraft.technology.thermal.rad_alpha");
    assert_int_equal(d.items[2].line, 16);
    assert_int_equal(d.items[2].col, 24);
    assert_non_null(strstr(d.items[2].msg, "[0, 1]"));
    odc_diag_free(&d);
    odc_scenario_free(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_own_orbit_and_chips),
        cmocka_unit_test(test_absent),
        cmocka_unit_test(test_problems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
