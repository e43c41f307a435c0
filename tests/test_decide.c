/* Decision tools (odc/decide.h): breakeven launch price solves
 * cost_orbit(p) = cost_ground (checked by re-evaluating), zero-width Monte
 * Carlo equals the deterministic result exactly, percentiles of a linear
 * output follow the input distribution's theory, same seed same draws,
 * tornado ranking on a constructed case, sweep axes and grid sizes, the
 * learning-curve crossing, and parameter paths / distributions refused
 * with line, column and field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/decide.h"
#include "odc/scenario.h"

#define DATA ODC_SOURCE_DIR "/data"

static const char *HEAD =
    "odcsim: 1\n"
    "time: {epoch: 2026-03-20T00:00:00Z}\n"
    "constellations:\n"
    "  - {name: c, type: sso, n: 1, alt_km: 650}\n";

/* A case where orbit can beat ground: cheap arrays and buses, no chip
 * failures. */
static const char *ECON =
    "economics:\n"
    "  vehicle: starship-current\n"
    "  chips: 7700\n"
    "  satellite: {chips: 77, it_kw: 100, kg_per_it_kw: 20, array_w_per_it_kw: 1500,\n"
    "              radiator_m2_per_it_kw: 1.5, battery_wh_per_it_kw: 45, volume_m3: 40}\n"
    "  chip: {pflops: 0.989, tokens_per_s: 1000, utilisation: 0.4}\n"
    "  discount_rate: 0.08\n"
    "  costs:\n"
    "    orbit: {solar_usd_per_w: 2, bus_usd_per_kg: 100, staff_usd_per_yr: 0,\n"
    "            radiator_usd_per_m2: 200, launch_insurance_frac: 0}\n"
    "    chip.failure_rate_per_yr: 0\n"
    "  learning: {x0_kg: 1.0e6, mass0_kg_per_yr: 1.0e6, growth_per_yr: 0.5, years: 40}\n"
    "terrestrial:\n"
    "  site: gw-campus-grid\n";

static odc_scenario *load(const char *extra, odc_diag *d)
{
    static char buf[8192];
    snprintf(buf, sizeof buf, "%s%s%s", HEAD, ECON, extra ? extra : "");
    odc_scenario *sc = calloc(1, sizeof *sc);
    assert_non_null(sc);
    odc_diag_init(d);
    odc_scenario_load_string(buf, strlen(buf), "t.yaml", sc, d);
    return sc;
}

static void model(const char *extra, odc_decide_model *m)
{
    odc_diag d;
    odc_scenario *sc = load(extra, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%d:%d %s %s\n", d.items[i].line, d.items[i].col, d.items[i].field,
                d.items[i].msg);
    assert_int_equal(d.n, 0);
    odc_err e = {0};
    int rc = odc_decide_model_init(sc, DATA, m, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    assert_int_equal(rc, ODC_OK);
    odc_diag_free(&d);
    odc_scenario_free(sc);
    free(sc);
}

static void test_breakeven(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    odc_decide_result r;
    odc_err e = {0};
    assert_int_equal(odc_decide_eval(&m, &r, &e), ODC_OK);
    assert_int_equal(r.n_sats, 100);
    double p;
    int found;
    assert_int_equal(odc_decide_breakeven(&m, &p, &found, &e), ODC_OK);
    assert_int_equal(found, 1);
    assert_true(p > 0);
    odc_decide_model mb = m;
    mb.launch_usd_per_kg = p;
    assert_int_equal(odc_decide_eval(&mb, &r, &e), ODC_OK);
    double rel = fabs(r.orbit.usd_per_chip_hour - r.ground.usd_per_chip_hour) /
                 r.ground.usd_per_chip_hour;
    fprintf(stderr, "breakeven %.6f USD/kg, relative mismatch %.3g\n", p, rel);
    assert_true(rel < 1e-10);
    /* The orbit's cost is affine in p: the root from two evaluations. */
    odc_decide_result r0, r1;
    mb.launch_usd_per_kg = 0;
    assert_int_equal(odc_decide_eval(&mb, &r0, &e), ODC_OK);
    mb.launch_usd_per_kg = 1000;
    assert_int_equal(odc_decide_eval(&mb, &r1, &e), ODC_OK);
    double slope = (r1.orbit.usd_per_chip_hour - r0.orbit.usd_per_chip_hour) / 1000;
    double p_lin = (r.ground.usd_per_chip_hour - r0.orbit.usd_per_chip_hour) / slope;
    assert_true(fabs(p_lin - p) < 1e-6 * p);
    /* terrestrial.it_mw equal to chips x the satellite's kW per chip
     * (7700 x 100/77 kW = 10 MW) leaves the ground unchanged; twice that
     * costs more. */
    odc_decide_result rg;
    mb = m;
    mb.ground_it_mw = 10.0;
    assert_int_equal(odc_decide_eval(&mb, &rg, &e), ODC_OK);
    assert_true(fabs(rg.ground.usd_per_chip_hour - r0.ground.usd_per_chip_hour) <
                1e-12 * r0.ground.usd_per_chip_hour);
    mb.ground_it_mw = 20.0;
    assert_int_equal(odc_decide_eval(&mb, &rg, &e), ODC_OK);
    assert_true(rg.ground.usd_per_chip_hour > r0.ground.usd_per_chip_hour);
    assert_true(fabs(rg.ground_facility_mw - 24.0) < 1e-12);
    /* No root: orbit dearer even with free launch (expensive arrays). */
    mb = m;
    mb.costs.solar_usd_per_w = 500;
    assert_int_equal(odc_decide_breakeven(&mb, &p, &found, &e), ODC_OK);
    assert_int_equal(found, 0);
    assert_true(isnan(p));
}

static void test_crossing(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    odc_err e = {0};
    double p, year, price[200];
    int found;
    assert_int_equal(odc_decide_breakeven(&m, &p, &found, &e), ODC_OK);
    assert_int_equal(found, 1);
    assert_int_equal(odc_decide_crossing(&m, p, &year, price, &e), ODC_OK);
    assert_false(isnan(year));
    int k = (int)(year - m.learning.start_year);
    fprintf(stderr, "crossing %g: price %.1f <= breakeven %.1f\n", year, price[k], p);
    assert_true(price[k] <= p);
    if (k > 0)
        assert_true(price[k - 1] > p);
    /* Breakeven below the floor: never crosses. */
    assert_int_equal(odc_decide_crossing(&m, m.costs.launch_floor_usd_per_kg * 0.5, &year, NULL,
                                         &e), ODC_OK);
    assert_true(isnan(year));
}

static odc_dist D(const char *path, odc_dist_type t, double a, double b, double c)
{
    odc_dist d = {odc_param_find(path), t, a, b, c};
    assert_non_null(d.param);
    return d;
}

static void test_zero_width(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    odc_dist d[4] = {
        D("economics.launch.price_per_kg_usd", ODC_DIST_NORMAL, 321.5, 0, 0),
        D("economics.satellite.kg_per_it_kw", ODC_DIST_LOGNORMAL, 17.3, 0, 0),
        D("terrestrial.tariff_usd_per_mwh", ODC_DIST_UNIFORM, 91.1, 91.1, 0),
        D("terrestrial.pue", ODC_DIST_TRIANGULAR, 1.31, 1.31, 1.31),
    };
    odc_mc_summary s;
    odc_err e = {0};
    double o[50], g[50];
    assert_int_equal(odc_montecarlo(&m, d, 4, 50, 3, o, g, &s, &e), ODC_OK);
    odc_decide_model md = m;
    md.launch_usd_per_kg = 321.5;
    md.kg_per_it_kw = 17.3;
    md.costs.grid_usd_per_mwh = 91.1;
    md.site.pue = 1.31;
    odc_decide_result r;
    assert_int_equal(odc_decide_eval(&md, &r, &e), ODC_OK);
    for (int i = 0; i < 50; i++) {
        assert_true(o[i] == r.orbit.usd_per_chip_hour);
        assert_true(g[i] == r.ground.usd_per_chip_hour);
    }
    assert_true(s.orbit_p5 == r.orbit.usd_per_chip_hour);
    assert_true(s.orbit_p95 == r.orbit.usd_per_chip_hour);
    assert_true(s.orbit_mean == r.orbit.usd_per_chip_hour);
    assert_true(s.ground_p50 == r.ground.usd_per_chip_hour);
    assert_true(s.ground_mean == r.ground.usd_per_chip_hour);
    assert_true(s.p_orbit_cheaper == (r.orbit.usd_per_chip_hour < r.ground.usd_per_chip_hour));
}

/* Ground cost per chip-hour is affine in the tariff (energy = MWh x tariff):
 * its percentiles are the tariff's, mapped. */
static void test_linear_percentiles(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    odc_err e = {0};
    odc_decide_result r0, r1;
    odc_decide_model a = m;
    a.costs.grid_usd_per_mwh = 0;
    assert_int_equal(odc_decide_eval(&a, &r0, &e), ODC_OK);
    a.costs.grid_usd_per_mwh = 100;
    assert_int_equal(odc_decide_eval(&a, &r1, &e), ODC_OK);
    double alpha = r0.ground.usd_per_chip_hour;
    double beta = (r1.ground.usd_per_chip_hour - alpha) / 100;
    assert_true(beta > 0);
    const size_t n = 20000;
    odc_mc_summary s;
    /* uniform(40, 120): P_q = 40 + 80 q */
    odc_dist u = D("terrestrial.tariff_usd_per_mwh", ODC_DIST_UNIFORM, 40, 120, 0);
    assert_int_equal(odc_montecarlo(&m, &u, 1, n, 11, NULL, NULL, &s, &e), ODC_OK);
    /* sd of a sample quantile: sqrt(q(1-q)/n)/density = 0.0015*80 = 0.12 USD/MWh; 4 sigma */
    double tol = 0.5 * beta;
    fprintf(stderr, "uniform: P5 %.6f vs %.6f, P50 %.6f vs %.6f, P95 %.6f vs %.6f\n",
            s.ground_p5, alpha + beta * 44, s.ground_p50, alpha + beta * 80, s.ground_p95,
            alpha + beta * 116);
    assert_true(fabs(s.ground_p5 - (alpha + beta * 44)) < tol);
    assert_true(fabs(s.ground_p50 - (alpha + beta * 80)) < tol);
    assert_true(fabs(s.ground_p95 - (alpha + beta * 116)) < tol);
    assert_true(fabs(s.ground_mean - (alpha + beta * 80)) < tol);
    /* normal(80, 10): P95 = 80 + 1.6449 * 10; mean sd 10/sqrt(n) = 0.07 */
    odc_dist nd = D("terrestrial.tariff_usd_per_mwh", ODC_DIST_NORMAL, 80, 10, 0);
    assert_int_equal(odc_montecarlo(&m, &nd, 1, n, 12, NULL, NULL, &s, &e), ODC_OK);
    double z95 = gsl_cdf_ugaussian_Pinv(0.95);
    fprintf(stderr, "normal: P95 %.6f vs %.6f, mean %.6f vs %.6f\n", s.ground_p95,
            alpha + beta * (80 + 10 * z95), s.ground_mean, alpha + beta * 80);
    assert_true(fabs(s.ground_p95 - (alpha + beta * (80 + 10 * z95))) < 0.6 * beta);
    assert_true(fabs(s.ground_p5 - (alpha + beta * (80 - 10 * z95))) < 0.6 * beta);
    assert_true(fabs(s.ground_mean - (alpha + beta * 80)) < 0.3 * beta);
    /* Orbit does not depend on the tariff. */
    assert_true(s.orbit_p5 == s.orbit_p95);
}

static void test_seed(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    odc_dist d[2] = {D("economics.launch.price_per_kg_usd", ODC_DIST_LOGNORMAL, 300, 0.5, 0),
                     D("terrestrial.pue", ODC_DIST_TRIANGULAR, 1.1, 1.2, 1.5)};
    double o1[200], o2[200], o3[200], g1[200], g2[200];
    odc_mc_summary s1, s2, s3;
    odc_err e = {0};
    assert_int_equal(odc_montecarlo(&m, d, 2, 200, 42, o1, g1, &s1, &e), ODC_OK);
    assert_int_equal(odc_montecarlo(&m, d, 2, 200, 42, o2, g2, &s2, &e), ODC_OK);
    assert_int_equal(odc_montecarlo(&m, d, 2, 200, 43, o3, NULL, &s3, &e), ODC_OK);
    assert_memory_equal(o1, o2, sizeof o1);
    assert_memory_equal(g1, g2, sizeof g1);
    assert_true(memcmp(o1, o3, sizeof o1) != 0);
    assert_true(s1.orbit_p50 == s2.orbit_p50);
}

/* Quantiles: triangular closed form against its CDF; lognormal median. */
static void test_quantiles(void **st)
{
    (void)st;
    odc_dist t = {NULL, ODC_DIST_TRIANGULAR, 1, 2, 5};
    for (double q = 0.05; q < 1; q += 0.1) {
        double x = odc_dist_quantile(&t, q);
        double F = x <= 2 ? (x - 1) * (x - 1) / ((5 - 1) * (2 - 1))
                          : 1 - (5 - x) * (5 - x) / ((5 - 1) * (5 - 2));
        assert_true(fabs(F - q) < 1e-12);
    }
    odc_dist l = {NULL, ODC_DIST_LOGNORMAL, 200, 0.7, 0};
    assert_true(fabs(odc_dist_quantile(&l, 0.5) - 200) < 1e-9);
    assert_true(fabs(odc_dist_quantile(&l, 0.9) - 200 * exp(0.7 * gsl_cdf_ugaussian_Pinv(0.9))) <
                1e-9);
}

/* Constructed tornado: a wide launch-price range, a narrow tariff range and
 * a parameter with no effect (ground stations at zero cost). */
static void test_tornado(void **st)
{
    (void)st;
    odc_decide_model m;
    model(NULL, &m);
    m.costs.ground_station_usd = 0;
    m.costs.ground_station_usd_per_yr = 0;
    odc_dist d[3] = {D("economics.ground_stations", ODC_DIST_UNIFORM, 0, 0, 0),
                     D("terrestrial.tariff_usd_per_mwh", ODC_DIST_UNIFORM, 79, 81, 0),
                     D("economics.launch.price_per_kg_usd", ODC_DIST_UNIFORM, 100, 2100, 0)};
    odc_tornado_row rows[3];
    double bo, bg;
    odc_err e = {0};
    assert_int_equal(odc_tornado(&m, d, 3, rows, &bo, &bg, &e), ODC_OK);
    assert_string_equal(rows[0].param->path, "economics.launch.price_per_kg_usd");
    assert_string_equal(rows[1].param->path, "terrestrial.tariff_usd_per_mwh");
    assert_string_equal(rows[2].param->path, "economics.ground_stations");
    assert_true(rows[2].swing == 0);
    assert_true(fabs(rows[0].lo_value - 300) < 1e-9 && fabs(rows[0].hi_value - 1900) < 1e-9);
    /* Swing of the launch price recomputed by hand: others at medians. */
    odc_decide_model a = m;
    a.costs.grid_usd_per_mwh = 80;
    a.n_ground_stations = 0;
    odc_decide_result r1, r2;
    a.launch_usd_per_kg = 300;
    assert_int_equal(odc_decide_eval(&a, &r1, &e), ODC_OK);
    a.launch_usd_per_kg = 1900;
    assert_int_equal(odc_decide_eval(&a, &r2, &e), ODC_OK);
    double sw = fabs((r2.orbit.usd_per_chip_hour - r2.ground.usd_per_chip_hour) -
                     (r1.orbit.usd_per_chip_hour - r1.ground.usd_per_chip_hour));
    assert_true(fabs(sw - rows[0].swing) < 1e-12 * sw);
}

static void test_sweep_axes(void **st)
{
    (void)st;
    odc_sweep_axis a[3];
    odc_err e = {0};
    assert_int_equal(odc_sweep_axis_parse("economics.chips=1:10:4", &a[0], &e), ODC_OK);
    assert_int_equal(a[0].n, 4);
    assert_true(a[0].v[0] == 1 && a[0].v[1] == 4 && a[0].v[2] == 7 && a[0].v[3] == 10);
    assert_int_equal(odc_sweep_axis_parse("terrestrial.pue=1.1,1.2,1.5", &a[1], &e), ODC_OK);
    assert_int_equal(a[1].n, 3);
    assert_int_equal(odc_sweep_axis_parse("economics.discount_rate=0:0.1:5", &a[2], &e), ODC_OK);
    assert_int_equal(odc_sweep_points(a, 3), 60);
    double v[3];
    odc_sweep_point(a, 3, 0, v);
    assert_true(v[0] == 1 && v[1] == 1.1 && v[2] == 0);
    odc_sweep_point(a, 3, 59, v);
    assert_true(v[0] == 10 && v[1] == 1.5 && v[2] == 0.1);
    odc_sweep_point(a, 3, 5 * 3 + 2 * 5 + 1, v); /* second chip value, pue 1.5, rate 0.025 */
    assert_true(v[0] == 4 && v[1] == 1.5 && fabs(v[2] - 0.025) < 1e-15);
    /* errors */
    assert_int_equal(odc_sweep_axis_parse("economics.chps=1:2:3", &a[0], &e), ODC_EINPUT);
    assert_non_null(strstr(e.msg, "did you mean 'economics.chips'"));
    assert_int_equal(odc_sweep_axis_parse("terrestrial.pue=0.5,1.2", &a[0], &e), ODC_EINPUT);
    assert_string_equal(e.field, "terrestrial.pue");
    assert_int_equal(odc_sweep_axis_parse("economics.chips=1:2:1", &a[0], &e), ODC_EINPUT);
    assert_int_equal(odc_sweep_axis_parse("economics.chips=1:x:3", &a[0], &e), ODC_EINPUT);
    assert_int_equal(odc_sweep_axis_parse("economics.chips", &a[0], &e), ODC_EINPUT);
    assert_int_equal(odc_sweep_axis_parse("grid.it_mw=1,2", &a[0], &e), ODC_OK);
    assert_int_equal(a[0].param->model, ODC_PARAM_GRID);
    /* every table path set/get round-trips in its model */
    size_t n;
    const odc_param *t = odc_param_table(&n);
    static odc_decide_model dm;
    static odc_grid_model gm;
    for (size_t i = 0; i < n; i++) {
        void *mm = t[i].model == ODC_PARAM_ECON ? (void *)&dm : (void *)&gm;
        double x = t[i].range == ODC_PR_GE1 || t[i].range == ODC_PR_INT1 ||
                           t[i].range == ODC_PR_INT0 ? 2.0 : 0.5;
        assert_int_equal(odc_param_set(&t[i], mm, x, &e), ODC_OK);
        assert_true(odc_param_get(&t[i], mm) == x);
        assert_ptr_equal(odc_param_find(t[i].path), &t[i]);
    }
}

/* Problems reported with line, column and field. */
static int expect_failures;
static void expect(const char *extra, int rel_line, int col, const char *field, const char *text)
{
    int line = rel_line;
    for (const char *q = HEAD; *q; q++)
        line += *q == '\n';
    for (const char *q = ECON; *q; q++)
        line += *q == '\n';
    odc_diag d;
    odc_scenario *sc = load(extra, &d);
    int hit = 0;
    for (size_t i = 0; i < d.n; i++) {
        fprintf(stderr, "  %d:%d %s: %s\n", d.items[i].line, d.items[i].col, d.items[i].field,
                d.items[i].msg);
        if (d.items[i].line == line && d.items[i].col == col &&
            !strcmp(d.items[i].field, field) && strstr(d.items[i].msg, text))
            hit = 1;
    }
    if (!hit)
        fprintf(stderr, "MISSING %d:%d %s\n", line, col, field);
    expect_failures += !hit;
    odc_diag_free(&d);
    odc_scenario_free(sc);
    free(sc);
}

static void test_errors(void **st)
{
    (void)st;
    /* Lines are counted from the first line of the extra text (1). */
    expect("uncertainty:\n  economics.launch.price_per_kg: {dist: normal, mean: 1, sd: 1}\n", 2,
           3, "uncertainty.economics.launch.price_per_kg",
           "did you mean 'economics.launch.price_per_kg_usd'");
    expect("uncertainty:\n  terrestrial.pue: {dist: normal, mean: 1.2, sd: -1}\n", 2, 20,
           "uncertainty.terrestrial.pue", "sd >= 0");
    expect("uncertainty:\n  terrestrial.pue: {dist: gamma, mean: 1.2}\n", 2, 27,
           "uncertainty.terrestrial.pue.dist", "expected normal, lognormal");
    expect("uncertainty:\n  terrestrial.pue: {dist: uniform, min: 1.2}\n", 2, 20,
           "uncertainty.terrestrial.pue.max", "got no 'max' key");
    expect("uncertainty:\n  terrestrial.pue: {dist: uniform, min: 0.2, max: 0.4}\n", 2, 20,
           "uncertainty.terrestrial.pue", "median");
    expect("uncertainty:\n  terrestrial.pue: {dist: normal, mean: 1.2, sd: 0.1, max: 2}\n", 2,
           55, "uncertainty.terrestrial.pue.max", "keys of a normal distribution");
    expect("sweep:\n  - {param: terrestrial.pue, range: [1.2, 1.5, 1]}\n", 2, 48,
           "sweep[0].range", "whole number of points");
    expect("sweep:\n  - {param: terrestrial.pu, values: [1.2]}\n", 2, 13, "sweep[0].param",
           "did you mean 'terrestrial.pue'");
    expect("sweep:\n  param: terrestrial.pue\n  values: [1.2, 0.9]\n", 3, 17, "sweep.values",
           "a number >= 1");
    expect("grid:\n  it_mw: 100\n  smoothing: {ramp_limt_mw_s: 3}\n", 3, 15,
           "grid.smoothing.ramp_limt_mw_s", "did you mean 'grid.smoothing.ramp_limit_mw_s'");
    expect("grid:\n  it_mw: \"100\"\n", 2, 10, "grid.it_mw", "expected a number (MW)");
    expect("grid:\n  it_mw: 100\n  lvrt: {dips: [[0, 0.5], [5]]}\n", 3, 27, "grid.lvrt.dips[1]",
           "pair");
    expect("grid:\n  reference: eastern\n", 2, 3, "grid.it_mw", "got no 'it_mw' key");
    expect("sweep:\n  - {param: terrestrial.pue, values: [1.2]}\n  - {param: grid.it_mw, values: [1]}\n",
           3, 13, "sweep[1].param", "axes of one kind");
    expect("uncertainty:\n  grid.it_mw: {dist: uniform, min: 1, max: 2}\n", 2, 3,
           "uncertainty.grid.it_mw", "Monte Carlo outputs are costs");
    assert_int_equal(expect_failures, 0);
}

static void test_econ_errors(void **st)
{
    (void)st;
    static const char *bad =
        "odcsim: 1\n"
        "time: {epoch: 2026-03-20T00:00:00Z}\n"
        "constellations: [{name: c, type: sso, n: 1, alt_km: 650}]\n"
        "economics:\n"
        "  vehicle: starship-current\n"
        "  chips: -5\n"
        "  satelite: {chips: 1}\n"
        "  discount_rate: 1.5\n"
        "terrestrial: {power: coal}\n";
    odc_scenario *sc = calloc(1, sizeof *sc);
    odc_diag d;
    odc_diag_init(&d);
    assert_int_equal(odc_scenario_load_string(bad, strlen(bad), "b.yaml", sc, &d), ODC_EINPUT);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "  %d:%d %s: %s\n", d.items[i].line, d.items[i].col, d.items[i].field,
                d.items[i].msg);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.items[0].line, 6);
    assert_int_equal(d.items[0].col, 10);
    assert_string_equal(d.items[0].field, "economics.chips");
    assert_int_equal(d.items[1].line, 7);
    assert_int_equal(d.items[1].col, 3);
    assert_non_null(strstr(d.items[1].msg, "did you mean 'economics.satellite"));
    assert_string_equal(d.items[2].field, "economics.discount_rate");
    assert_int_equal(d.items[3].line, 9);
    assert_int_equal(d.items[3].col, 22);
    assert_string_equal(d.items[3].field, "terrestrial.power");
    odc_diag_free(&d);
    odc_scenario_free(sc);
    /* unknown vehicle: caught when the catalog is read, with its position */
    static const char *bad2 =
        "odcsim: 1\n"
        "time: {epoch: 2026-03-20T00:00:00Z}\n"
        "constellations: [{name: c, type: sso, n: 1, alt_km: 650}]\n"
        "economics:\n"
        "  vehicle: saturn5\n"
        "  chips: 10\n"
        "  satellite: {chips: 1, it_kw: 1, kg_per_it_kw: 10, volume_m3: 1}\n"
        "  discount_rate: 0.05\n"
        "terrestrial: {site: gw-campus-grid}\n";
    odc_diag_init(&d);
    assert_int_equal(odc_scenario_load_string(bad2, strlen(bad2), "b2.yaml", sc, &d), ODC_OK);
    odc_decide_model m;
    odc_err e = {0};
    assert_int_equal(odc_decide_model_init(sc, DATA, &m, &e), ODC_EINPUT);
    assert_int_equal(e.line, 5);
    assert_int_equal(e.col, 12);
    assert_string_equal(e.field, "economics.vehicle");
    assert_non_null(strstr(e.msg, "starship-target"));
    odc_diag_free(&d);
    odc_scenario_free(sc);
    free(sc);
}

static void test_grid_model(void **st)
{
    (void)st;
    odc_diag d;
    odc_scenario *sc =
        load("grid:\n  reference: ercot\n  it_mw: 500\n  battery: {units: 100, rte: 0.9}\n"
             "  smoothing: {ramp_limit_mw_s: 5}\n  network: {h_s: 4}\n",
             &d);
    assert_int_equal(d.n, 0);
    odc_grid_model g;
    odc_err e = {0};
    assert_int_equal(odc_grid_model_init(sc, DATA, &g, &e), ODC_OK);
    /* 100 Megapack 2 XL 2-h units: 1.927 MW, 3.854 MWh each (data/grids.json) */
    assert_true(fabs(g.batt.p_max_mw - 192.7) < 1e-9);
    assert_true(fabs(g.batt.e_mwh - 385.4) < 1e-9);
    assert_true(g.batt.rte == 0.9);
    assert_true(g.prof.p_it_mw == 500);
    assert_true(g.smooth.ramp_limit_mw_s == 5);
    assert_true(g.grid.h_s == 4);
    assert_true(g.grid.f0_hz == 60);
    assert_true(g.loss_batt.p_max_mw == g.batt.p_max_mw);
    /* units rescale the plant; the defaulted sink follows it */
    assert_int_equal(odc_grid_param_set(odc_param_find("grid.battery.units"), &g, 300, &e),
                     ODC_OK);
    assert_true(fabs(g.batt.p_max_mw - 578.1) < 1e-9 && fabs(g.batt.e_mwh - 1156.2) < 1e-9);
    assert_true(g.loss_batt.p_max_mw == g.batt.p_max_mw);
    assert_int_equal(odc_grid_param_set(odc_param_find("grid.battery.units"), &g, -1, &e),
                     ODC_EINPUT);
    odc_diag_free(&d);
    odc_scenario_free(sc);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breakeven),   cmocka_unit_test(test_crossing),
        cmocka_unit_test(test_zero_width),  cmocka_unit_test(test_linear_percentiles),
        cmocka_unit_test(test_seed),        cmocka_unit_test(test_quantiles),
        cmocka_unit_test(test_tornado),     cmocka_unit_test(test_sweep_axes),
        cmocka_unit_test(test_errors),      cmocka_unit_test(test_econ_errors),
        cmocka_unit_test(test_grid_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
