/* Terrestrial AI factory: energy by power source, water, time to power,
 * the ground cost sheet and data/terrestrial_sites.json. Expected numbers
 * are worked by hand in the comments. */
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

#include "odc/terrestrial.h"

#define SITES ODC_SOURCE_DIR "/data/terrestrial_sites.json"
#define COSTS ODC_SOURCE_DIR "/data/costs.json"
#define CLOSE(a, b, rel) assert_true(fabs((a) - (b)) <= (rel) * fabs(b))

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
    char *text = read_all(SITES);
    char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(path, sizeof path, "/tmp/odc_sites_XXXXXX");
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

/* Unit costs fixed in the test so that the arithmetic below stays valid
 * whatever the data file says. */
static odc_costs test_costs(void)
{
    odc_costs c;
    odc_err e;
    assert_int_equal(odc_costs_load(COSTS, &c, &e), ODC_OK);
    c.chip_usd = 25000; c.host_overhead_frac = 0.6; c.chip_failure_per_yr = 0.09;
    c.chip_life_yr = 5;
    c.building_usd_per_mw = 2.5e6; c.power_equipment_usd_per_mw = 4.5e6;
    c.cooling_usd_per_mw = 3e6; c.grid_connection_usd_per_mw = 2e5;
    c.facility_life_yr = 20; c.facility_maint_frac_per_yr = 0.03;
    c.facility_insurance_frac_per_yr = 0.005; c.staff_usd_per_mw_yr = 1e5;
    c.grid_usd_per_mwh = 80; c.grid_queue_yr = 5;
    c.gas_heat_rate_btu_per_kwh = 9000; c.gas_usd_per_mmbtu = 3.5;
    c.gas_capex_usd_per_kw = 1500; c.gas_fixed_om_usd_per_kw_yr = 20;
    c.gas_var_om_usd_per_mwh = 5; c.gas_life_yr = 25; c.gas_lead_yr = 1;
    c.fc_heat_rate_btu_per_kwh = 6300; c.fc_capex_usd_per_kw = 4000;
    c.fc_var_om_usd_per_mwh = 20; c.fc_life_yr = 10; c.fc_lead_yr = 0.5;
    c.pv_capex_usd_per_kw = 1300; c.pv_cf = 0.25; c.pv_fixed_om_usd_per_kw_yr = 22;
    c.pv_life_yr = 30; c.pv_lead_yr = 2;
    c.bess_usd_per_kwh = 300; c.bess_rte = 0.92; c.bess_life_yr = 15;
    c.wue_l_per_kwh = 1.8; c.water_usd_per_m3 = 2.0;
    return c;
}

static const odc_site SITE300 = {"t300", 300, 1.3, 150000, ODC_PWR_GRID, 0, 300, 0.5};

static void test_energy_by_source(void **state)
{
    (void)state;
    odc_costs c = test_costs();
    odc_err e;
    odc_site_energy en;
    odc_site s = SITE300;
    /* Grid: 300 MW x 8766 h = 2,629,800 MWh; x 80 USD = 210,384,000 USD. */
    assert_int_equal(odc_site_energy_calc(&s, &c, 1.0, &en, &e), ODC_OK);
    CLOSE(en.facility_mwh_per_yr, 2629800.0, 1e-14);
    CLOSE(en.energy_usd_per_yr, 210384000.0, 1e-14);
    assert_true(en.gen_capex_usd == 0 && en.time_to_power_yr == 5.0);
    /* IT: 300/1.3 = 230.7692 MW; x 8766 = 2,022,923.08 MWh. Water at 1.8 L
     * per IT kWh: 2.02292308e9 kWh x 1.8 L = 3.6412615e9 L = 3,641,261.5 m^3. */
    CLOSE(en.it_mwh_per_yr, 2022923.0769, 1e-10);
    CLOSE(en.water_m3_per_yr, 3641261.538, 1e-9);
    /* Availability 0.5 halves energy */
    odc_site_energy half;
    assert_int_equal(odc_site_energy_calc(&s, &c, 0.5, &half, &e), ODC_OK);
    CLOSE(half.energy_usd_per_yr, 0.5 * en.energy_usd_per_yr, 1e-14);
    /* Gas: 9000 Btu/kWh = 9 MMBtu/MWh; fuel 2,629,800 x 9 = 23,668,200 MMBtu
     * x 3.5 = 82,838,700; variable O&M 2,629,800 x 5 = 13,149,000; total
     * 95,987,700 USD/yr. Capex 300,000 kW x 1500 = 4.5e8; fixed O&M 6e6. */
    s.power = ODC_PWR_GAS;
    assert_int_equal(odc_site_energy_calc(&s, &c, 1.0, &en, &e), ODC_OK);
    CLOSE(en.fuel_mmbtu_per_yr, 23668200.0, 1e-14);
    CLOSE(en.energy_usd_per_yr, 95987700.0, 1e-14);
    CLOSE(en.gen_capex_usd, 4.5e8, 1e-14);
    CLOSE(en.gen_fixed_om_usd_per_yr, 6e6, 1e-14);
    assert_true(en.time_to_power_yr == 1.0);
    /* Fuel cell: 6.3 MMBtu/MWh -> 16,567,740 MMBtu x 3.5 = 57,987,090
     * + 20 x 2,629,800 = 52,596,000 -> 110,583,090 USD/yr; capex 1.2e9. */
    s.power = ODC_PWR_FUEL_CELL;
    assert_int_equal(odc_site_energy_calc(&s, &c, 1.0, &en, &e), ODC_OK);
    CLOSE(en.energy_usd_per_yr, 110583090.0, 1e-14);
    CLOSE(en.gen_capex_usd, 1.2e9, 1e-14);
    /* Solar + storage, 1000 MW, 14 h storage, RTE 0.92, CF 0.25:
     * PV = 1000 (10 + 14/0.92) / (24 x 0.25) = 1000 x 25.2173913 / 6
     * = 4202.899 MW; storage 14,000 MWh; no fuel. */
    odc_site g = {"sol", 1000, 1.2, 450000, ODC_PWR_SOLAR_STORAGE, 14, 0, 2};
    assert_int_equal(odc_site_energy_calc(&g, &c, 1.0, &en, &e), ODC_OK);
    CLOSE(en.pv_mw, 4202.898551, 1e-9);
    assert_true(en.storage_mwh == 14000.0 && en.energy_usd_per_yr == 0.0);
    /* Independent energy balance: one day's PV output equals the load
     * served directly plus what the battery must take in. */
    CLOSE(en.pv_mw * 24 * c.pv_cf, 1000.0 * 10 + 1000.0 * 14 / 0.92, 1e-12);
    CLOSE(en.gen_capex_usd, 4202.898551e3 * 1300, 1e-9);
}

static void test_ground_sheet_by_hand(void **state)
{
    (void)state;
    odc_costs c = test_costs();
    odc_err e;
    odc_tco_sheet s;
    odc_tco_perf p = {0, 0, 0.989, 0, 0.4, 0.95, 0};
    assert_int_equal(odc_tco_ground_sheet(&SITE300, &c, 0.95, &s, &p, &e), ODC_OK);
    /* Capital: compute 150,000 x 25,000 x 1.6 = 6.0e9 (5 yr);
     * IT 230.7692 MW: building 5.769231e8, power equipment 1.0384615e9,
     * cooling 6.923077e8, grid 300 MW x 2e5 = 6e7 (20 yr): facility
     * 2.3676923e9; Megapacks 300 MWh x 300 USD/kWh = 9e7 (15 yr). */
    double it = 300.0 / 1.3, facility = it * 10e6 + 6e7;
    assert_string_equal(s.capex[0].name, "compute (chips + hosts)");
    CLOSE(s.capex[0].usd, 6e9, 1e-14);
    assert_true(s.capex[0].life_yr == 5);
    CLOSE(s.capex[1].usd + s.capex[2].usd + s.capex[3].usd + s.capex[4].usd, facility, 1e-14);
    CLOSE(facility, 2.3676923e9, 1e-7);
    assert_true(s.capex[5].usd == 0);                       /* no on-site generation */
    CLOSE(s.capex[6].usd, 9e7, 1e-14);
    /* Yearly: energy 300 x 8766 x 0.95 x 80 = 199,864,800; maintenance 3 %
     * of facility = 71,030,769; insurance 0.5 % of (facility + compute)
     * = 41,838,462; staff 1e5 x 230.77 = 23,076,923; water 1.8 x IT kWh
     * (230.77 x 8766 x 0.95 x 1000) / 1000 x 2 USD = 6,918,397;
     * failed chips 9 % x 150,000 x 25,000 = 3.375e8 (the chip, not
     * its host); total 680,229,351 USD/yr. */
    double opex = 199864800.0 + 0.03 * facility + 0.005 * (facility + 6e9) + 1e5 * it +
                  1.8 * it * 8766 * 0.95 * 2.0 + 3.375e8;
    odc_tco_result r;
    odc_finance f = {0.08, 20};
    assert_int_equal(odc_tco_evaluate(&s, &p, &f, &r, &e), ODC_OK);
    CLOSE(r.opex_usd_per_yr, opex, 1e-12);
    CLOSE(r.opex_usd_per_yr, 6.8022935e8, 1e-7);
    double crf5, crf15, crf20;
    odc_crf(0.08, 5, &crf5, &e);
    odc_crf(0.08, 15, &crf15, &e);
    odc_crf(0.08, 20, &crf20, &e);
    CLOSE(r.annual_capex_usd, 6e9 * crf5 + facility * crf20 + 9e7 * crf15, 1e-12);
    /* Failed chips are swapped on the ground: no survival loss */
    assert_true(p.survival == 1.0 && p.n_chips == 150000);
    CLOSE(p.it_kw, it * 1000, 1e-14);
    /* chip-hours = 150,000 x 8766 x 0.95 */
    CLOSE(r.chip_hours_per_yr, 150000.0 * 8766 * 0.95, 1e-14);
    /* Time to first compute: the 5-year queue, not the 0.5-year build */
    assert_true(r.first_compute_yr == 5.0);
    odc_site gas = SITE300;
    gas.power = ODC_PWR_GAS;
    assert_int_equal(odc_tco_ground_sheet(&gas, &c, 0.95, &s, &p, &e), ODC_OK);
    assert_true(s.first_compute_yr == 1.0);             /* max(0.5 build, 1 turbines) */
    assert_true(s.capex[4].usd == 0);                   /* no grid connection */
    CLOSE(s.capex[5].usd, 4.5e8, 1e-14);
}

static void test_site_validation(void **state)
{
    (void)state;
    odc_costs c = test_costs();
    odc_err e;
    odc_site_energy en;
    struct { odc_site s; const char *field; } bad[] = {
        {{"x", 0, 1.3, 1, ODC_PWR_GRID, 0, 0, 1}, "facility_mw"},
        {{"x", 10, 0.9, 1, ODC_PWR_GRID, 0, 0, 1}, "pue"},
        {{"x", 10, 1.3, 0, ODC_PWR_GRID, 0, 0, 1}, "n_gpus"},
        {{"x", 10, 1.3, 1, 9, 0, 0, 1}, "power"},
        {{"x", 10, 1.3, 1, ODC_PWR_SOLAR_STORAGE, 24, 0, 1}, "storage_h"},
        {{"x", 10, 1.3, 1, ODC_PWR_GRID, 0, -1, 1}, "bess_mwh"},
        {{"x", 10, 1.3, 1, ODC_PWR_GRID, 0, 0, -1}, "build_yr"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        assert_int_equal(odc_site_energy_calc(&bad[i].s, &c, 1.0, &en, &e), ODC_EINPUT);
        assert_string_equal(e.field, bad[i].field);
    }
    assert_int_equal(odc_site_energy_calc(&SITE300, &c, 0.0, &en, &e), ODC_EINPUT);
    assert_string_equal(e.field, "availability");
}

static void test_sites_file(void **state)
{
    (void)state;
    odc_site_list l;
    odc_err e;
    odc_err_clear(&e);
    assert_int_equal(odc_sites_load(SITES, &l, &e), ODC_OK);
    const odc_site *col = odc_site_find(&l, "colossus-like-300mw");
    assert_non_null(col);
    assert_true(col->facility_mw == 300 && col->n_gpus == 150000 && col->power == ODC_PWR_GRID);
    const odc_site *gw = odc_site_find(&l, "gw-campus-grid");
    assert_non_null(gw);
    assert_true(gw->facility_mw == 1000);
    assert_non_null(odc_site_find(&l, "gw-campus-solar-storage"));
    assert_null(odc_site_find(&l, "nowhere"));
    struct { const char *from, *to, *field; } bad[] = {
        {"\"power\": \"grid\"", "\"power\": \"coal\"", "sites[0].power"},
        {"\"pue\": 1.3,", "\"pue\": 0.8,", "sites[0].pue"},
        {"\"pue\": 1.3,", "\"pue\": 1.3, \"cop\": 3,", "sites[0].cop"},
        {"\"pue\": 1.3,", "", "sites[0].pue"},
        {"\"odcsim-terrestrial-sites/1\"", "\"odcsim-sites/1\"", "schema"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        const char *p = mutated(bad[i].from, bad[i].to);
        assert_int_equal(odc_sites_load(p, &l, &e), ODC_EINPUT);
        if (strcmp(e.field, bad[i].field) != 0)
            fail_msg("case %zu: expected field '%s', got '%s' (%s)", i, bad[i].field, e.field,
                     e.msg);
        assert_int_equal(l.n, 0);
        unlink(p);
    }
    /* Syntax error: a trailing comma after the last site (line 30 holds
     * the closing `]`); cJSON stops at that bracket, column 3. */
    odc_err_clear(&e);
    const char *p = mutated("\n  ]\n}", ",\n  ]\n}");
    assert_int_equal(odc_sites_load(p, &l, &e), ODC_EINPUT);
    assert_int_equal(e.line, 30);
    assert_int_equal(e.col, 3);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_energy_by_source),
        cmocka_unit_test(test_ground_sheet_by_hand),
        cmocka_unit_test(test_site_validation),
        cmocka_unit_test(test_sites_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
