/* Engineering economics (CRF, NPV), the cost sheet evaluation, the orbit
 * sheet and data/costs.json; every expected number is worked by hand in the
 * comment beside it. */
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

#include "odc/tco.h"

#define COSTS ODC_SOURCE_DIR "/data/costs.json"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

static const char *mutated(const char *from, const char *to)
{
    static char path[64];
    char *text = read_all(COSTS);
    char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(path, sizeof path, "/tmp/odc_costs_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fwrite(text, 1, (size_t)(at - text), f);
    fputs(to, f);
    fputs(at + strlen(from), f);
    fclose(f);
    free(text);
    return path;
}

#define CLOSE(a, b, rel) assert_true(fabs((a) - (b)) <= (rel) * fabs(b))

static void test_crf(void **state)
{
    (void)state;
    double c;
    odc_err e;
    /* Interest-table A/P factors (e.g. Newnan et al., Engineering Economic
     * Analysis, compound interest tables): 8 %, 10 yr -> 0.14903;
     * 5 %, 20 yr -> 0.08024; 8 %, 5 yr -> 0.25046. */
    assert_int_equal(odc_crf(0.08, 10, &c, &e), ODC_OK);
    assert_true(fabs(c - 0.14903) < 5e-6);
    assert_int_equal(odc_crf(0.05, 20, &c, &e), ODC_OK);
    assert_true(fabs(c - 0.08024) < 5e-6);
    assert_int_equal(odc_crf(0.08, 5, &c, &e), ODC_OK);
    assert_true(fabs(c - 0.25046) < 5e-6);
    /* Against the textbook form r(1+r)^n / ((1+r)^n - 1) itself */
    double r = 0.07, g = pow(1 + r, 12);
    assert_int_equal(odc_crf(r, 12, &c, &e), ODC_OK);
    CLOSE(c, r * g / (g - 1), 1e-13);
    /* r = 0: straight line 1/n; tiny r tends to it; r < 0 is allowed > -1 */
    assert_int_equal(odc_crf(0.0, 8, &c, &e), ODC_OK);
    assert_true(c == 0.125);
    assert_int_equal(odc_crf(1e-9, 8, &c, &e), ODC_OK);
    CLOSE(c, 0.125, 1e-8);
    assert_int_equal(odc_crf(-0.02, 10, &c, &e), ODC_OK);
    g = pow(0.98, 10);
    CLOSE(c, -0.02 * g / (g - 1), 1e-12);
    /* Invalid */
    assert_int_equal(odc_crf(-1.0, 10, &c, &e), ODC_EINPUT);
    assert_string_equal(e.field, "discount_rate");
    assert_int_equal(odc_crf(NAN, 10, &c, &e), ODC_EINPUT);
    assert_string_equal(e.field, "discount_rate");
    assert_int_equal(odc_crf(0.08, 0, &c, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_yr");
}

static void test_npv(void **state)
{
    (void)state;
    double v;
    odc_err e;
    /* -1000 now, then 300, 400, 500 at 10 %:
     * -1000 + 272.7273 + 330.5785 + 375.6574 = -21.0368 */
    double cf[4] = {-1000, 300, 400, 500};
    assert_int_equal(odc_npv(0.10, cf, 4, &v, &e), ODC_OK);
    assert_true(fabs(v - (-21.0368)) < 1e-4);
    /* n equal payments A at the ends of years 1..n are worth A / CRF */
    double a[11] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, c;
    assert_int_equal(odc_npv(0.08, a, 11, &v, &e), ODC_OK);
    assert_int_equal(odc_crf(0.08, 10, &c, &e), ODC_OK);
    CLOSE(v, 1.0 / c, 1e-13);
    assert_int_equal(odc_npv(-1.5, cf, 4, &v, &e), ODC_EINPUT);
    assert_string_equal(e.field, "discount_rate");
    cf[2] = INFINITY;
    assert_int_equal(odc_npv(0.1, cf, 4, &v, &e), ODC_EINPUT);
    assert_string_equal(e.field, "cf[2]");
    assert_int_equal(odc_npv(0.1, cf, 0, &v, &e), ODC_EINPUT);
}

static void test_small_tco_by_hand(void **state)
{
    (void)state;
    odc_err e;
    odc_tco_sheet s;
    memset(&s, 0, sizeof s);
    /* Capital A = 1,000,000 renewed every 5 yr, B = 500,000 every 10 yr,
     * operating 100,000 per yr; r = 8 %, horizon 10 yr. */
    assert_int_equal(odc_tco_add(&s, "A", 1e6, 5, &e), ODC_OK);
    assert_int_equal(odc_tco_add(&s, "B", 5e5, 10, &e), ODC_OK);
    assert_int_equal(odc_tco_add(&s, "O", 1e5, 0, &e), ODC_OK);
    s.first_compute_yr = 1.5;
    odc_tco_perf p = {10, 10, 1.0, 1000, 0.5, 0.9, 1.0};
    odc_finance f = {0.08, 10};
    odc_tco_result r;
    assert_int_equal(odc_tco_evaluate(&s, &p, &f, &r, &e), ODC_OK);
    /* Step 1, levelised capital: A CRF(8%,5) = 1e6 x 0.2504565 = 250,456.45;
     *   B CRF(8%,10) = 5e5 x 0.1490295 = 74,514.74; sum 324,971.20.
     * Step 2, annual = 324,971.20 + 100,000 = 424,971.20.
     * Step 3, NPV over 10 yr = 424,971.20 / 0.1490295 = 2,851,591.34. */
    assert_true(r.capex_usd == 1.5e6);
    CLOSE(r.annual_capex_usd, 324971.1989, 1e-9);
    CLOSE(r.annual_usd, 424971.1989, 1e-9);
    CLOSE(r.npv_usd, 2851591.337, 1e-9);
    /* Independent check: the same horizon is a multiple of both lives, so
     * the explicit cash flows (A + B at t=0, A again at t=5, O at t=1..10)
     * must have exactly this NPV. */
    double cf[11];
    cf[0] = 1.5e6;
    for (int t = 1; t <= 10; t++) cf[t] = 1e5;
    cf[5] += 1e6;
    double npv;
    assert_int_equal(odc_npv(0.08, cf, 11, &npv, &e), ODC_OK);
    CLOSE(r.npv_usd, npv, 1e-12);
    /* Step 4, outputs with 10 chips, 10 kW, 1 PFLOP/s each, 1000 tok/s,
     * utilisation 0.5, availability 0.9:
     *   chip-hours = 10 x 8766 x 0.9 = 78,894      -> 5.386610 USD/chip-h
     *   PFLOP-years = 10 x 1 x 0.5 x 0.9 = 4.5     -> 94,438.04 USD
     *   IT MWh = 0.010 MW x 8766 x 0.9 = 78.894    -> 5,386.610 USD/MWh
     *   Mtok = 10 x 1000 x 31,557,600 x 0.9 / 1e6 = 284,018.4 -> 1.496281 USD */
    CLOSE(r.chip_hours_per_yr, 78894.0, 1e-12);
    CLOSE(r.usd_per_chip_hour, 5.386609868, 1e-9);
    CLOSE(r.usd_per_pflop_year, 94438.04420, 1e-9);
    CLOSE(r.usd_per_it_mwh, 5386.609868, 1e-9);
    CLOSE(r.usd_per_mtok, 1.496280519, 1e-9);
    assert_true(r.first_compute_yr == 1.5);
    /* Halving survival doubles every unit cost */
    p.survival = 0.5;
    odc_tco_result r2;
    assert_int_equal(odc_tco_evaluate(&s, &p, &f, &r2, &e), ODC_OK);
    CLOSE(r2.usd_per_chip_hour, 2 * r.usd_per_chip_hour, 1e-12);
}

static void test_tco_validation(void **state)
{
    (void)state;
    odc_err e;
    odc_tco_sheet s;
    memset(&s, 0, sizeof s);
    assert_int_equal(odc_tco_add(&s, "chips", -5, 5, &e), ODC_EINPUT);
    assert_string_equal(e.field, "chips");
    assert_int_equal(odc_tco_add(&s, "chips", 5, -1, &e), ODC_EINPUT);
    assert_string_equal(e.field, "chips");
    assert_int_equal(odc_tco_add(&s, "chips", 5, 5, &e), ODC_OK);
    odc_tco_result r;
    odc_finance f = {0.08, 10};
    struct { odc_tco_perf p; const char *field; } bad[] = {
        {{0, 1, 1, 1, 1, 1, 1}, "n_chips"},
        {{1, -1, 1, 1, 1, 1, 1}, "it_kw"},
        {{1, 1, -1, 1, 1, 1, 1}, "pflops_per_chip"},
        {{1, 1, 1, -1, 1, 1, 1}, "tokens_per_s_per_chip"},
        {{1, 1, 1, 1, 0, 1, 1}, "utilisation"},
        {{1, 1, 1, 1, 1, 1.2, 1}, "availability"},
        {{1, 1, 1, 1, 1, 1, 0}, "survival"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        assert_int_equal(odc_tco_evaluate(&s, &bad[i].p, &f, &r, &e), ODC_EINPUT);
        assert_string_equal(e.field, bad[i].field);
    }
    odc_tco_perf ok = {1, 1, 1, 1, 1, 1, 1};
    odc_finance fb = {-1.0, 10};
    assert_int_equal(odc_tco_evaluate(&s, &ok, &fb, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "discount_rate");
    odc_finance fh = {0.05, 0};
    assert_int_equal(odc_tco_evaluate(&s, &ok, &fh, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "horizon_yr");
}

static void test_costs_file(void **state)
{
    (void)state;
    odc_costs c;
    odc_err e;
    odc_err_clear(&e);
    assert_int_equal(odc_costs_load(COSTS, &c, &e), ODC_OK);
    assert_true(c.grid_queue_yr == 5.0);          /* LBNL Queued Up 2024 */
    assert_true(c.wue_l_per_kwh == 1.8);          /* Shehabi et al. 2016 */
    assert_true(c.chip_failure_per_yr == 0.09);   /* Llama 3, Table 5 */
    assert_true(c.bess_rte > 0.9 && c.bess_rte < 0.95);
    assert_true(c.launch_learning_rate == 0.85 && c.launch_floor_usd_per_kg == 10.0);
    struct { const char *from, *to, *field; } bad[] = {
        {"\"chip.price_usd\": {\"value\": 25000", "\"chip.price_usd\": {\"value\": -25000",
         "chip.price_usd.value"},
        {"\"chip.price_usd\"", "\"chip.prices_usd\"", "chip.prices_usd"},
        {"\"unit\": \"USD/kg\"", "\"unit\": \"EUR/kg\"", "orbit.bus_usd_per_kg"},
        {"\"solar.capacity_factor\": {\"value\": 0.25", "\"solar.capacity_factor\": {\"value\": 1.25",
         "solar.capacity_factor.value"},
        {"\"bess.round_trip_eff\": {\"value\": 0.92,", "\"bess.round_trip_eff\": {\"value\": 0.92, \"comment\": 1,",
         "bess.round_trip_eff.comment"},
        {"\"dollar_year\": 2025", "\"dollar_year\": \"2025\"", "dollar_year"},
        {"\"launch.learning_rate\": {\"value\": 0.85", "\"launch.learning_rate\": {\"value\": 0",
         "launch.learning_rate.value"},
        {"\"water.usd_per_m3\": {\"value\": 2.0, \"unit\": \"USD/m^3\",\n      \"source\":",
         "\"water.usd_per_m3\": {\"value\": 2.0, \"unit\": \"USD/m^3\",\n      \"sauce\":",
         "water.usd_per_m3.sauce"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        const char *p = mutated(bad[i].from, bad[i].to);
        assert_int_equal(odc_costs_load(p, &c, &e), ODC_EINPUT);
        if (strcmp(e.field, bad[i].field) != 0)
            fail_msg("case %zu: expected field '%s', got '%s' (%s)", i, bad[i].field, e.field,
                     e.msg);
        unlink(p);
    }
    /* A missing entry: drop the last one (and the comma before it). */
    {
        char *text = read_all(COSTS);
        char *at = strstr(text, ",\n    \"launch.floor_usd_per_kg\"");
        assert_non_null(at);
        char *end = strstr(at, "}\n  }\n}");
        assert_non_null(end);
        char path[64];
        snprintf(path, sizeof path, "/tmp/odc_costs_XXXXXX");
        int fd = mkstemp(path);
        FILE *f = fdopen(fd, "w");
        fwrite(text, 1, (size_t)(at - text), f);
        fputs(end + 1, f);
        fclose(f);
        free(text);
        odc_err_clear(&e);
        assert_int_equal(odc_costs_load(path, &c, &e), ODC_EINPUT);
        assert_string_equal(e.field, "launch.floor_usd_per_kg");
        assert_non_null(strstr(e.msg, "missing"));
        unlink(path);
    }
    /* Syntax error position: line 4 is `  "dollar_year": 2025,`; dropping
     * its colon stops cJSON at column 17, the value. */
    odc_err_clear(&e);
    const char *p = mutated("\"dollar_year\": 2025", "\"dollar_year\" 2025");
    assert_int_equal(odc_costs_load(p, &c, &e), ODC_EINPUT);
    assert_int_equal(e.line, 4);
    assert_int_equal(e.col, 17);
    unlink(p);
}

static void test_orbit_sheet_by_hand(void **state)
{
    (void)state;
    odc_costs c;
    odc_err e;
    assert_int_equal(odc_costs_load(COSTS, &c, &e), ODC_OK);
    /* Fix every figure used so the test does not move with the data file. */
    c.chip_usd = 25000; c.host_overhead_frac = 0.6; c.chip_failure_per_yr = 0.09;
    c.bus_usd_per_kg = 1000; c.solar_usd_per_w = 50; c.radiator_usd_per_m2 = 2000;
    c.sat_battery_usd_per_kwh = 1000; c.launch_insurance_frac = 0.05;
    c.ground_station_usd = 5e6; c.ground_station_usd_per_yr = 5e5;
    c.orbit_ops_frac_per_yr = 0.01; c.orbit_staff_usd_per_yr = 1e7;
    c.sat_life_yr = 5; c.facility_life_yr = 20; c.orbit_lead_yr = 2;
    odc_orbit_design d = {10, 4, 4, 1000, 6000, 10, 2000, 1000, 1};
    odc_tco_sheet s;
    odc_tco_perf p = {0, 0, 1.0, 100, 0.5, 0.95, 0};
    assert_int_equal(odc_tco_orbit_sheet(&d, &c, &s, &p, &e), ODC_OK);
    /* compute 10 x 4 x 25,000 x 1.6 = 1.6e6; bus 10 x 1000 kg x 1000 = 1e7;
     * array 10 x 6000 W x 50 = 3e6; radiator 10 x 10 m^2 x 2000 = 2e5;
     * battery 10 x 2 kWh x 1000 = 2e4; hardware 1.482e7; launch 10 x 1000 kg
     * x 1000 USD/kg = 1e7; insurance 5 % x 2.482e7 = 1.241e6; one ground
     * station 5e6. Capex 3.1061e7. Opex 1 % x 1.482e7 + 5e5 + 1e7 = 1.06482e7. */
    odc_tco_result r;
    odc_finance f = {0.08, 20};
    assert_int_equal(odc_tco_evaluate(&s, &p, &f, &r, &e), ODC_OK);
    CLOSE(r.capex_usd, 3.1061e7, 1e-12);
    CLOSE(r.opex_usd_per_yr, 1.06482e7, 1e-12);
    /* Levelised: (3.1061e7 - 5e6) x CRF(8%,5) + 5e6 x CRF(8%,20)
     * = 2.6061e7 x 0.2504565 + 5e6 x 0.1018522 = 6,527,146 + 509,261 */
    double crf5, crf20;
    odc_crf(0.08, 5, &crf5, &e);
    odc_crf(0.08, 20, &crf20, &e);
    CLOSE(r.annual_capex_usd, 2.6061e7 * 0.2504564546 + 5e6 * 0.1018522088, 1e-9);
    CLOSE(r.annual_capex_usd, 2.6061e7 * crf5 + 5e6 * crf20, 1e-12);
    /* Unrepaired chip failures: mean survival over 5 yr at 0.09/yr
     * = (1 - e^-0.45) / 0.45 = 0.8052708 */
    CLOSE(p.survival, 0.805270774, 1e-8);
    assert_true(p.n_chips == 40 && p.it_kw == 40);
    /* chip-hours = 40 x 8766 x 0.95 x 0.8052708 */
    CLOSE(r.chip_hours_per_yr, 40 * 8766 * 0.95 * 0.805270774, 1e-8);
    assert_true(r.first_compute_yr == 2.0);
    /* Validation */
    odc_orbit_design bad = d;
    bad.n_sats = 0;
    assert_int_equal(odc_tco_orbit_sheet(&bad, &c, &s, &p, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_sats");
    bad = d;
    bad.launch_usd_per_kg = -3;
    assert_int_equal(odc_tco_orbit_sheet(&bad, &c, &s, &p, &e), ODC_EINPUT);
    assert_string_equal(e.field, "launch_usd_per_kg");
    bad = d;
    bad.sat_mass_kg = 0;
    assert_int_equal(odc_tco_orbit_sheet(&bad, &c, &s, &p, &e), ODC_EINPUT);
    assert_string_equal(e.field, "sat_mass_kg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crf),
        cmocka_unit_test(test_npv),
        cmocka_unit_test(test_small_tco_by_hand),
        cmocka_unit_test(test_tco_validation),
        cmocka_unit_test(test_costs_file),
        cmocka_unit_test(test_orbit_sheet_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
