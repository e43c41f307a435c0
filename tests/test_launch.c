/* Launch catalog, Wright's-law learning curve and deployment planning:
 * every expected number below is worked by hand in the comment beside it. */
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

#include "odc/launch.h"

#define CATALOG ODC_SOURCE_DIR "/data/launch_vehicles.json"

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

/* The shipped catalog with the first `from` replaced by `to`, in a temp file. */
static const char *mutated(const char *from, const char *to)
{
    static char path[64];
    char *text = read_all(CATALOG);
    char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(path, sizeof path, "/tmp/odc_lv_XXXXXX");
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

static void expect_load_error(const char *from, const char *to, const char *field)
{
    odc_launch_catalog c;
    odc_err e;
    odc_err_clear(&e);
    const char *p = mutated(from, to);
    assert_int_equal(odc_launch_catalog_load(p, &c, &e), ODC_EINPUT);
    if (strcmp(field, e.field) != 0)
        fail_msg("expected field '%s', got '%s' (%s)", field, e.field, e.msg);
    assert_int_equal(c.n, 0);
    unlink(p);
}

static void test_catalog_shipped(void **state)
{
    (void)state;
    odc_launch_catalog c;
    odc_err e;
    odc_err_clear(&e);
    assert_int_equal(odc_launch_catalog_load(CATALOG, &c, &e), ODC_OK);
    assert_true(c.n >= 5);
    const odc_launch_vehicle *f9 = odc_launch_find(&c, "falcon9-reusable");
    assert_non_null(f9);
    assert_non_null(odc_launch_find(&c, "falcon9-expendable"));
    assert_non_null(odc_launch_find(&c, "falcon-heavy"));
    assert_non_null(odc_launch_find(&c, "starship-current"));
    const odc_launch_vehicle *ss = odc_launch_find(&c, "starship-target");
    assert_non_null(ss);
    assert_null(odc_launch_find(&c, "saturn-v"));
    /* SpaceX's published Falcon 9 price and the 17.5 t reusable payload */
    assert_true(f9->price_usd == 69750000.0 && f9->leo_kg == 17500.0 && f9->reusable);
    assert_int_equal(f9->price_year, 2024);
    /* 69,750,000 / 17,500 = 3985.714... USD/kg */
    assert_true(fabs(odc_launch_usd_per_kg(f9, 0) - 3985.7142857) < 1e-6);
    /* target Starship: 10M / 150 t = 66.67 USD/kg, flagged as an estimate */
    assert_true(fabs(odc_launch_usd_per_kg(ss, 0) - 66.666667) < 1e-5);
    assert_true(ss->estimate);
}

static void test_catalog_errors(void **state)
{
    (void)state;
    expect_load_error("\"leo_kg\": 17500", "\"leo_kgs\": 17500", "vehicles[0].leo_kgs");
    expect_load_error("\"leo_kg\": 17500, ", "", "vehicles[0].leo_kg");          /* missing */
    expect_load_error("\"price_usd\": 69750000", "\"price_usd\": -1", "vehicles[0].price_usd");
    expect_load_error("\"leo_kg\": 22800", "\"leo_kg\": \"22800\"", "vehicles[1].leo_kg");
    expect_load_error("\"reusable\": true", "\"reusable\": 1", "vehicles[0].reusable");
    expect_load_error("\"price_year\": 2024", "\"price_year\": 2024.5", "vehicles[0].price_year");
    expect_load_error("\"cadence_per_yr\": 130", "\"cadence_per_yr\": 0",
                      "vehicles[0].cadence_per_yr");
    expect_load_error("\"name\": \"falcon9-expendable\"", "\"name\": \"falcon9-reusable\"",
                      "vehicles[1]");                                            /* duplicate */
    expect_load_error("\"odcsim-launch-vehicles/1\"", "\"odcsim-launch-vehicles/2\"", "schema");
    expect_load_error("\"leo_kg\": 17500,", "\"leo_kg\": 17500, \"leo_kg\": 1,",
                      "vehicles[0].leo_kg");                                     /* twice */

    /* A syntax error reports its line and column: the catalog's line 5 is
     * `    {"name": "falcon9-reusable",`; removing the colon leaves cJSON
     * stopped at the string that follows "name" (column 13). */
    odc_launch_catalog c;
    odc_err e;
    odc_err_clear(&e);
    const char *p = mutated("{\"name\": \"falcon9-reusable\"", "{\"name\" \"falcon9-reusable\"");
    assert_int_equal(odc_launch_catalog_load(p, &c, &e), ODC_EINPUT);
    assert_int_equal(e.line, 5);
    assert_int_equal(e.col, 13);
    unlink(p);
    odc_err_clear(&e);
    assert_int_equal(odc_launch_catalog_load("/nonexistent/lv.json", &c, &e), ODC_EIO);
}

/* ---- learning curve --------------------------------------------------- */

static const odc_learning L80 = {1000.0, 1e6, 0.8, 0.0};

static void test_learning_closed_form(void **state)
{
    (void)state;
    double p;
    odc_err e;
    /* Doubling cumulative mass multiplies price by LR: 1e6 -> 1000,
     * 2e6 -> 800, 4e6 -> 640, 8e6 -> 512. */
    double x = 1e6, expect = 1000.0;
    for (int k = 0; k < 6; k++, x *= 2, expect *= 0.8) {
        assert_int_equal(odc_learning_usd_per_kg(&L80, x, &p, &e), ODC_OK);
        assert_true(fabs(p - expect) < 1e-9 * expect);
    }
    /* Between doublings: x = x1 * 2^3.5 gives 1000 * 0.8^3.5 = 458.0 */
    assert_int_equal(odc_learning_usd_per_kg(&L80, 1e6 * pow(2, 3.5), &p, &e), ODC_OK);
    assert_true(fabs(p - 1000.0 * pow(0.8, 3.5)) < 1e-9);
    assert_true(fabs(p - 457.95) < 0.01);
    /* As a power law in x: b = log2 0.8 = -0.321928; x = 10 x1 gives
     * 10^-0.321928 * 1000 = 476.51 */
    assert_int_equal(odc_learning_usd_per_kg(&L80, 1e7, &p, &e), ODC_OK);
    assert_true(fabs(p - 476.51) < 0.01);
    /* Floor 500: at 8e6 Wright gives 512 (above), at 16e6 409.6 -> 500. */
    odc_learning lf = L80;
    lf.floor_usd_per_kg = 500.0;
    assert_int_equal(odc_learning_usd_per_kg(&lf, 8e6, &p, &e), ODC_OK);
    assert_true(fabs(p - 512.0) < 1e-9);
    assert_int_equal(odc_learning_usd_per_kg(&lf, 16e6, &p, &e), ODC_OK);
    assert_true(p == 500.0);
    /* LR = 1: no learning */
    odc_learning l1 = {1000.0, 1e6, 1.0, 0.0};
    assert_int_equal(odc_learning_usd_per_kg(&l1, 1e9, &p, &e), ODC_OK);
    assert_true(p == 1000.0);
}

/* Mean price over [a, b] by the midpoint rule, independent of the closed form. */
static double numeric_mean(const odc_learning *l, double a, double b)
{
    const int n = 200000;
    double h = (b - a) / n, s = 0.0;
    for (int i = 0; i < n; i++) {
        double x = a + (i + 0.5) * h;
        s += fmax(l->floor_usd_per_kg, l->c1_usd_per_kg * pow(x / l->x1_kg, log2(l->lr)));
    }
    return s * h / (b - a);
}

static void test_learning_series(void **state)
{
    (void)state;
    odc_err e;
    double m[3] = {1e6, 2e6, 4e6}, p[3], cum[3], sp[3];
    /* Year 0 covers x in [1e6, 2e6]: mean of 1000 (x/1e6)^b, b = log2 0.8:
     * 1000 * 1e6 / (b+1) * (2^(b+1) - 1) / 1e6 = 1000 * (1.6 - 1)/0.678072
     * = 884.86 */
    assert_int_equal(odc_learning_series(&L80, 1e6, m, 3, p, cum, sp, &e), ODC_OK);
    assert_true(fabs(p[0] - 600.0 / (1.0 + log2(0.8))) < 1e-9);
    assert_true(fabs(p[0] - 884.86) < 0.01);
    /* Year 1 is one doubling later on a power law: exactly 0.8 x year 0;
     * year 2 another doubling: 0.64 x. */
    assert_true(fabs(p[1] - 0.8 * p[0]) < 1e-9);
    assert_true(fabs(p[2] - 0.64 * p[0]) < 1e-9);
    assert_true(cum[2] == 8e6 && fabs(sp[1] - p[1] * 2e6) < 1e-3);
    /* The floor crossed inside a year, and LR = 0.5 (logarithmic integral):
     * closed form against the midpoint rule. */
    odc_learning lf = {1000.0, 1e6, 0.8, 600.0};
    double m1[1] = {1e7}, q[1];
    assert_int_equal(odc_learning_series(&lf, 1e6, m1, 1, q, NULL, NULL, &e), ODC_OK);
    assert_true(fabs(q[0] - numeric_mean(&lf, 1e6, 1.1e7)) < 1e-6 * q[0]);
    odc_learning lh = {1000.0, 1e6, 0.5, 0.0};
    assert_int_equal(odc_learning_series(&lh, 1e6, m1, 1, q, NULL, NULL, &e), ODC_OK);
    /* 1000 * 1e6 * ln(11) / 1e7 = 239.79 */
    assert_true(fabs(q[0] - 100.0 * log(11.0)) < 1e-9);
    assert_true(fabs(q[0] - numeric_mean(&lh, 1e6, 1.1e7)) < 1e-6 * q[0]);
    /* A year with no launches is priced at the current point of the curve */
    double z[1] = {0.0};
    assert_int_equal(odc_learning_series(&L80, 2e6, z, 1, q, NULL, NULL, &e), ODC_OK);
    assert_true(fabs(q[0] - 800.0) < 1e-9);
}

static void test_learning_validation(void **state)
{
    (void)state;
    odc_err e;
    double p;
    struct { odc_learning l; const char *field; } bad[] = {
        {{1000, 1e6, 0.0, 0}, "lr"},
        {{1000, 1e6, 1.2, 0}, "lr"},
        {{1000, 1e6, NAN, 0}, "lr"},
        {{-5, 1e6, 0.8, 0}, "c1_usd_per_kg"},
        {{1000, 0, 0.8, 0}, "x1_kg"},
        {{1000, 1e6, 0.8, -1}, "floor_usd_per_kg"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        assert_int_equal(odc_learning_usd_per_kg(&bad[i].l, 1e6, &p, &e), ODC_EINPUT);
        assert_string_equal(e.field, bad[i].field);
    }
    assert_int_equal(odc_learning_usd_per_kg(&L80, 0.0, &p, &e), ODC_EINPUT);
    assert_string_equal(e.field, "x_kg");
    double m[2] = {1e6, -1}, q[2];
    assert_int_equal(odc_learning_series(&L80, 1e6, m, 2, q, NULL, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "mass_kg[1]");
    assert_int_equal(odc_learning_series(&L80, -1, m, 1, q, NULL, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "x0_kg");
}

/* ---- deployment ------------------------------------------------------- */

static odc_launch_vehicle veh(double leo, double m3, double price, double cadence)
{
    odc_launch_vehicle v;
    memset(&v, 0, sizeof v);
    snprintf(v.name, sizeof v.name, "test");
    v.leo_kg = leo;
    v.sso_kg = 0.8 * leo;
    v.fairing_m3 = m3;
    v.price_usd = price;
    v.cadence_per_yr = cadence;
    return v;
}

static void test_deploy_mass_and_volume(void **state)
{
    (void)state;
    odc_err e;
    odc_deploy_out o;
    odc_launch_vehicle v = veh(17500, 145, 69.75e6, 130);
    /* Mass-limited: 1000 kg, 1 m^3 -> floor(17500/1000) = 17 by mass,
     * 145 by volume; 100 satellites take ceil(100/17) = 6 launches, the last
     * with 100 - 5*17 = 15; fill 100 t / (6 * 17.5 t) = 0.952381; the last
     * launch flies 5 gaps of 365.25/130 d after the first: 14.0481 d. */
    odc_deploy_in in = {1000, 1.0, 100, 0, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&in, &v, &o, &e), ODC_OK);
    assert_int_equal(o.sats_per_launch_mass, 17);
    assert_int_equal(o.sats_per_launch_volume, 145);
    assert_int_equal(o.sats_per_launch, 17);
    assert_int_equal(o.limit, ODC_LIMIT_MASS);
    assert_int_equal(o.launches, 6);
    assert_int_equal(o.last_launch_sats, 15);
    assert_true(fabs(o.mass_fill - 100000.0 / 105000.0) < 1e-12);
    assert_true(fabs(o.days_to_full - 5 * 365.25 / 130) < 1e-12);
    assert_true(o.launch_cost_usd == 6 * 69.75e6);
    /* Volume-limited: 100 kg, 10 m^3, 70 % packing: floor(0.7*145/10) =
     * floor(10.15) = 10 by volume, 175 by mass; 25 satellites -> 3 launches,
     * last with 5. At cadence 12/yr the last flies on day 2*30.4375 = 60.875. */
    odc_deploy_in iv = {100, 10.0, 25, 0, 0.7, 12};
    assert_int_equal(odc_deploy_plan(&iv, &v, &o, &e), ODC_OK);
    assert_int_equal(o.sats_per_launch, 10);
    assert_int_equal(o.sats_per_launch_mass, 175);
    assert_int_equal(o.limit, ODC_LIMIT_VOLUME);
    assert_int_equal(o.launches, 3);
    assert_int_equal(o.last_launch_sats, 5);
    assert_true(fabs(o.days_to_full - 60.875) < 1e-12);
    /* SSO uses the SSO payload: 14000 / 1000 = 14 per launch */
    odc_deploy_in is = {1000, 1.0, 28, 1, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&is, &v, &o, &e), ODC_OK);
    assert_int_equal(o.sats_per_launch, 14);
    assert_int_equal(o.launches, 2);
}

static void test_deploy_edges(void **state)
{
    (void)state;
    odc_err e;
    odc_deploy_out o;
    /* Exact multiple that floating point misses: 0.3 / 0.1 evaluates to
     * 2.9999999999999996, yet three 0.1 kg satellites fit in 0.3 kg. */
    odc_launch_vehicle v = veh(0.3, 100, 1e6, 10);
    odc_deploy_in in = {0.1, 1.0, 30, 0, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&in, &v, &o, &e), ODC_OK);
    assert_int_equal(o.sats_per_launch, 3);
    assert_int_equal(o.launches, 10);          /* 30 / 3, no partial launch */
    assert_int_equal(o.last_launch_sats, 3);
    assert_true(fabs(o.mass_fill - 1.0) < 1e-12);
    /* Tie between mass and volume (17 and 17): reported as mass-limited */
    odc_launch_vehicle w = veh(17500, 17, 1e6, 10);
    odc_deploy_in it = {1000, 1.0, 17, 0, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&it, &w, &o, &e), ODC_OK);
    assert_int_equal(o.limit, ODC_LIMIT_MASS);
    assert_int_equal(o.launches, 1);
    assert_true(o.days_to_full == 0.0);
    /* One satellite heavier than the payload or bigger than the fairing */
    odc_deploy_in heavy = {20000, 1.0, 1, 0, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&heavy, &w, &o, &e), ODC_EMODEL);
    assert_string_equal(e.field, "sat_mass_kg");
    odc_deploy_in big = {10, 20.0, 1, 0, 1.0, 0};
    assert_int_equal(odc_deploy_plan(&big, &w, &o, &e), ODC_EMODEL);
    assert_string_equal(e.field, "sat_volume_m3");
    /* Bad inputs name their field */
    struct { odc_deploy_in in; const char *field; } bad[] = {
        {{-1, 1, 1, 0, 1, 0}, "sat_mass_kg"},
        {{1, 0, 1, 0, 1, 0}, "sat_volume_m3"},
        {{1, 1, 0, 0, 1, 0}, "n_sats"},
        {{1, 1, 1, 0, 1.5, 0}, "volume_eff"},
        {{1, 1, 1, 0, 1, -3}, "cadence_per_yr"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err_clear(&e);
        assert_int_equal(odc_deploy_plan(&bad[i].in, &w, &o, &e), ODC_EINPUT);
        assert_string_equal(e.field, bad[i].field);
    }
}

static void test_schedule_dates(void **state)
{
    (void)state;
    odc_err e;
    int d[3 * 13];
    /* Monthly from 2028-01-01: gap 365.25/12 = 30.4375 d.
     * i=1: day 30 -> Jan 31; i=2: day 60.875 -> 60 = Jan 31 + Feb 29 (2028
     * is a leap year) -> Mar 1; i=3: day 91 -> Apr 1; i=12: day 365 ->
     * Dec 31 (2028 has 366 days). */
    assert_int_equal(odc_launch_schedule(2028, 1, 1, 12, 13, d, &e), ODC_OK);
    int want[][3] = {{2028, 1, 1}, {2028, 1, 31}, {2028, 3, 1}, {2028, 4, 1}};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(d[3 * i], want[i][0]);
        assert_int_equal(d[3 * i + 1], want[i][1]);
        assert_int_equal(d[3 * i + 2], want[i][2]);
    }
    assert_int_equal(d[36], 2028);
    assert_int_equal(d[37], 12);
    assert_int_equal(d[38], 31);
    /* Daily cadence (365.25/yr: gap 1 d) across the 2100 non-leap Feb:
     * 2100-02-28 + 1 d = 2100-03-01. */
    assert_int_equal(odc_launch_schedule(2100, 2, 28, 365.25, 2, d, &e), ODC_OK);
    assert_int_equal(d[3], 2100);
    assert_int_equal(d[4], 3);
    assert_int_equal(d[5], 1);
    /* Across a year end: 2027-12-20 + 15 d (cadence 24.35/yr: 365.25/24.35
     * = 15.0 d) = 2028-01-04. */
    assert_int_equal(odc_launch_schedule(2027, 12, 20, 24.35, 2, d, &e), ODC_OK);
    assert_int_equal(d[3], 2028);
    assert_int_equal(d[4], 1);
    assert_int_equal(d[5], 4);
    assert_int_equal(odc_launch_schedule(2027, 2, 29, 12, 1, d, &e), ODC_EINPUT);
    assert_string_equal(e.field, "start_date");
    assert_int_equal(odc_launch_schedule(2027, 1, 1, 0, 1, d, &e), ODC_EINPUT);
    assert_string_equal(e.field, "cadence_per_yr");
}

static void test_launches_per_year(void **state)
{
    (void)state;
    odc_err e;
    double n;
    /* 100 GW/yr at 10 kg/kW on 100 t launches fully filled:
     * 100e6 kW * 10 kg/kW / 1e5 kg = 10,000 launches per year. */
    assert_int_equal(odc_launches_per_year(100, 10, 100000, 1.0, &n, &e), ODC_OK);
    assert_true(fabs(n - 10000.0) < 1e-9);
    /* 90 % fill: 10000 / 0.9 = 11111.1 */
    assert_int_equal(odc_launches_per_year(100, 10, 100000, 0.9, &n, &e), ODC_OK);
    assert_true(fabs(n - 11111.111111) < 1e-5);
    assert_int_equal(odc_launches_per_year(-1, 10, 1e5, 1, &n, &e), ODC_EINPUT);
    assert_string_equal(e.field, "gw_per_yr");
    assert_int_equal(odc_launches_per_year(1, 0, 1e5, 1, &n, &e), ODC_EINPUT);
    assert_string_equal(e.field, "kg_per_it_kw");
    assert_int_equal(odc_launches_per_year(1, 1, 0, 1, &n, &e), ODC_EINPUT);
    assert_string_equal(e.field, "payload_kg");
    assert_int_equal(odc_launches_per_year(1, 1, 1, 0, &n, &e), ODC_EINPUT);
    assert_string_equal(e.field, "mass_fill");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_shipped),
        cmocka_unit_test(test_catalog_errors),
        cmocka_unit_test(test_learning_closed_form),
        cmocka_unit_test(test_learning_series),
        cmocka_unit_test(test_learning_validation),
        cmocka_unit_test(test_deploy_mass_and_volume),
        cmocka_unit_test(test_deploy_edges),
        cmocka_unit_test(test_schedule_dates),
        cmocka_unit_test(test_launches_per_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
