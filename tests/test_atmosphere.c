/* Harris-Priester density: table nodes against Montenbruck & Gill Table 3.8,
 * exponential interpolation between nodes, diurnal bulge, sphere mean, and
 * input errors. */
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

#include "odc/atmosphere.h"

#include "testutil.h"

#define HP_FILE ODC_SOURCE_DIR "/data/atmosphere/harris_priester_mg2000.csv"

static odc_atmos_table tab;

static int setup(void **state)
{
    (void)state;
    odc_err e;
    odc_err_clear(&e);
    return odc_atmos_load(&tab, HP_FILE, &e) == ODC_OK ? 0 : -1;
}

/* Nodes typed from Montenbruck & Gill (2000) Table 3.8, g/km^3 -> kg/m^3. */
static void test_nodes(void **state)
{
    (void)state;
    const struct { double h, lo, hi; } ref[] = {
        {100, 4.974e+05, 4.974e+05}, {200, 2.557e+02, 3.162e+02},
        {400, 2.249e+00, 7.492e+00}, {500, 3.916e-01, 2.042e+00},
        {550, NAN, NAN},             /* not a node: skipped below */
        {800, 7.069e-03, 8.059e-02}, {1000, 1.150e-03, 1.810e-02}};
    odc_err e;
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        if (isnan(ref[i].lo))
            continue;
        double lo, hi;
        assert_int_equal(odc_hp_minmax(&tab, ref[i].h, ODC_SOLAR_MEAN, &lo, &hi, &e), 0);
        assert_rel(lo, ref[i].lo * 1e-12, 1e-15);
        assert_rel(hi, ref[i].hi * 1e-12, 1e-15);
    }
    assert_int_equal(tab.block[ODC_SOLAR_MEAN].n, 50);
}

/* Between nodes the density is exponential with the local scale height
 * H = (h_i+1 - h_i) / ln(rho_i / rho_i+1) (M&G eq. 3.100). */
static void test_interpolation(void **state)
{
    (void)state;
    odc_err e;
    double r500 = 3.916e-13, r520 = 2.819e-13, H = 20.0 / log(r500 / r520);
    double lo;
    for (double h = 500.0; h <= 520.0; h += 2.5) {
        assert_int_equal(odc_hp_minmax(&tab, h, ODC_SOLAR_MEAN, &lo, NULL, &e), 0);
        assert_rel(lo, r500 * exp(-(h - 500.0) / H), 1e-13);
    }
    /* Midpoint is the geometric mean; density decreases monotonically. */
    assert_int_equal(odc_hp_minmax(&tab, 510.0, ODC_SOLAR_MEAN, &lo, NULL, &e), 0);
    assert_rel(lo, sqrt(r500 * r520), 1e-13);
    double prev = INFINITY;
    for (double h = 100.0; h <= 1000.0; h += 0.7) {
        double hi;
        assert_int_equal(odc_hp_minmax(&tab, h, ODC_SOLAR_MEAN, &lo, &hi, &e), 0);
        assert_true(lo < prev);
        assert_true(hi >= lo);
        prev = lo;
    }
}

static void test_bulge(void **state)
{
    (void)state;
    odc_err e;
    double lo, hi, r;
    assert_int_equal(odc_hp_minmax(&tab, 600.0, ODC_SOLAR_MEAN, &lo, &hi, &e), 0);
    assert_int_equal(odc_hp_density(&tab, 600.0, 1.0, 2.0, ODC_SOLAR_MEAN, &r, &e), 0);
    assert_rel(r, hi, 1e-15);
    assert_int_equal(odc_hp_density(&tab, 600.0, -1.0, 6.0, ODC_SOLAR_MEAN, &r, &e), 0);
    assert_rel(r, lo, 1e-15);
    /* psi = 90 deg: cos^2(45 deg) = 1/2; cos^6(45 deg) = 1/8. */
    assert_int_equal(odc_hp_density(&tab, 600.0, 0.0, 2.0, ODC_SOLAR_MEAN, &r, &e), 0);
    assert_rel(r, lo + 0.5 * (hi - lo), 1e-14);
    assert_int_equal(odc_hp_density(&tab, 600.0, 0.0, 6.0, ODC_SOLAR_MEAN, &r, &e), 0);
    assert_rel(r, lo + 0.125 * (hi - lo), 1e-14);

    /* Apex lags the Sun by 30 deg in right ascension (M&G eq. 3.101). */
    double sun[3] = {1.496e8, 0.0, 0.0};
    double at_apex[3] = {7000.0 * cos(M_PI / 6), 7000.0 * sin(M_PI / 6), 0.0};
    double anti[3] = {-at_apex[0], -at_apex[1], 0.0};
    double pole[3] = {0.0, 0.0, 7000.0};
    assert_rel(odc_hp_cos_psi(at_apex, sun), 1.0, 1e-15);
    assert_rel(odc_hp_cos_psi(anti, sun), -1.0, 1e-15);
    assert_true(fabs(odc_hp_cos_psi(pole, sun)) < 1e-15);
    /* Sun at declination 23.44 deg: apex at the same declination. */
    double d = 23.44 * M_PI / 180.0;
    double sun2[3] = {cos(d), 0.0, sin(d)};
    double r2[3] = {cos(d) * cos(M_PI / 6), cos(d) * sin(M_PI / 6), sin(d)};
    assert_rel(odc_hp_cos_psi(r2, sun2), 1.0, 1e-14);
}

/* The sphere mean of ((1 + cos psi)/2)^(n/2) is 1/(n/2 + 1): check the
 * library against a direct numerical average over directions. */
static void test_sphere_mean(void **state)
{
    (void)state;
    odc_err e;
    const double ns[] = {2.0, 3.0, 6.0};
    for (int k = 0; k < 3; k++) {
        double n = ns[k], sum = 0.0;
        const int m = 20000;   /* midpoint rule in mu = cos psi, uniform on the sphere */
        for (int i = 0; i < m; i++) {
            double mu = -1.0 + (i + 0.5) * 2.0 / m;
            sum += pow(0.5 * (1.0 + mu), 0.5 * n);
        }
        double wbar = sum / m, lo, hi, r;
        assert_int_equal(odc_hp_minmax(&tab, 450.0, ODC_SOLAR_MEAN, &lo, &hi, &e), 0);
        assert_int_equal(odc_hp_density_mean(&tab, 450.0, n, ODC_SOLAR_MEAN, &r, &e), 0);
        assert_rel(r, lo + (hi - lo) * wbar, 1e-8);
    }
}

static void test_f107(void **state)
{
    (void)state;
    odc_err e;
    odc_solar_activity a;
    assert_int_equal(odc_solar_activity_from_f107(70.0, &a, &e), 0);
    assert_int_equal(a, ODC_SOLAR_LOW);
    assert_int_equal(odc_solar_activity_from_f107(150.0, &a, &e), 0);
    assert_int_equal(a, ODC_SOLAR_MEAN);
    assert_int_equal(odc_solar_activity_from_f107(250.0, &a, &e), 0);
    assert_int_equal(a, ODC_SOLAR_HIGH);
    assert_int_equal(odc_solar_activity_from_f107(-5.0, &a, &e), ODC_EINPUT);
    assert_string_equal(e.field, "f107_sfu");
}

static void test_input_errors(void **state)
{
    (void)state;
    odc_err e;
    double r;
    odc_err_clear(&e);
    assert_int_equal(odc_hp_density(&tab, 99.0, 0.0, 2.0, ODC_SOLAR_MEAN, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    assert_int_equal(odc_hp_density(&tab, 1000.5, 0.0, 2.0, ODC_SOLAR_MEAN, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    assert_int_equal(odc_hp_density(&tab, NAN, 0.0, 2.0, ODC_SOLAR_MEAN, &r, &e), ODC_EINPUT);
    assert_int_equal(odc_hp_density(&tab, 500.0, 1.5, 2.0, ODC_SOLAR_MEAN, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "cos_psi");
    assert_int_equal(odc_hp_density(&tab, 500.0, 0.0, 1.0, ODC_SOLAR_MEAN, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_exp");
    /* The shipped file has only the mean block. */
    assert_int_equal(odc_hp_density(&tab, 500.0, 0.0, 2.0, ODC_SOLAR_HIGH, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "activity");
    assert_non_null(strstr(e.msg, "high"));
}

static void load_text(const char *text, odc_err *e, int want)
{
    const char *path = tmp_file_with(text);
    odc_atmos_table t;
    odc_err_clear(e);
    assert_int_equal(odc_atmos_load(&t, path, e), want);
    unlink(path);
}

static void test_bad_files(void **state)
{
    (void)state;
    odc_err e;
    load_text("activity,mean\nh_km,rho_min_g_km3,rho_max_g_km3\n100,5,6\n90,4,5\n",
              &e, ODC_EINPUT);
    assert_int_equal(e.line, 4);
    assert_string_equal(e.field, "h_km");
    load_text("activity,mean\nh_km,rho_min_g_km3,rho_max_g_km3\n100,5,6\n110,x,5\n",
              &e, ODC_EINPUT);
    assert_int_equal(e.line, 4);
    assert_int_equal(e.col, 5);
    assert_string_equal(e.field, "rho_min_g_km3");
    load_text("activity,mean\nh_km,rho_min_g_km3,rho_max_g_km3\n100,5,6\n110,5.5,5.8\n",
              &e, ODC_EINPUT);   /* density grows with height */
    assert_string_equal(e.field, "rho_min_g_km3");
    load_text("activity,medium\n", &e, ODC_EINPUT);
    assert_string_equal(e.field, "activity");
    load_text("activity,low\nh_km,rho_min_g_km3,rho_max_g_km3\n100,5,6\n200,1,2\n"
              "activity,high\nh_km,rho_min_g_km3,rho_max_g_km3\n100,50,60\n200,10,20\n",
              &e, ODC_OK);
    odc_atmos_table t;
    assert_int_equal(odc_atmos_load(&t, "/nonexistent/x.csv", &e), ODC_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nodes),
        cmocka_unit_test(test_interpolation),
        cmocka_unit_test(test_bulge),
        cmocka_unit_test(test_sphere_mean),
        cmocka_unit_test(test_f107),
        cmocka_unit_test(test_input_errors),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
