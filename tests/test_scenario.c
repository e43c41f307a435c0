/* Scenario loader: good files load to the expected values; each kind of
 * problem in the bad files under tests/data/scenarios/ is reported with the
 * exact line, column, field and message, all of them, in document order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/scenario.h"

#define SRC ODC_SOURCE_DIR

static void load_ok(const char *rel, odc_scenario *sc)
{
    char path[1024];
    odc_diag d;
    odc_diag_init(&d);
    snprintf(path, sizeof path, "%s/%s", SRC, rel);
    int rc = odc_scenario_load(path, sc, &d);
    for (size_t i = 0; i < d.n; i++) {
        char buf[1200];
        print_error("%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
    }
    assert_int_equal(rc, ODC_OK);
    assert_int_equal(d.n, 0);
    odc_diag_free(&d);
}

static void test_default(void **state)
{
    (void)state;
    odc_scenario sc;
    load_ok("scenarios/default.yaml", &sc);
    assert_int_equal(sc.version, 1);
    assert_string_equal(sc.name, "suncatcher-cluster");
    /* 2026-03-20 0h UTC: JD 2461119.5 (Python datetime ordinal + 1721424.5). */
    assert_true(sc.time.epoch_jd1 + sc.time.epoch_jd2 == 2461119.5);
    assert_true(sc.time.duration_s == 86400.0);
    assert_true(sc.time.step_s == 60.0);
    assert_int_equal(sc.n_cons, 1);
    const odc_scenario_cons *k = &sc.cons[0];
    assert_string_equal(k->name, "suncatcher");
    assert_int_equal(k->type, ODC_CONS_CLUSTER);
    assert_int_equal(k->propagator, ODC_PROP_J2);
    assert_int_equal(k->cluster.n, 81);
    assert_true(k->cluster.radius_m == 1000.0 && k->cluster.min_spacing_m == 100.0);
    assert_true(k->cluster.alt_km == 650.0 && k->cluster.ltan_h == 6.0);
    assert_int_equal(odc_scenario_n_sat(&sc), 81);
    assert_int_equal(sc.output.frame, ODC_FRAME_TEME);
    assert_int_equal(sc.output.ephemeris, 1);
    assert_string_equal(sc.output.dir, "results/suncatcher-cluster");
    assert_int_equal(sc.cons[0].line, 13);
    assert_int_equal(sc.cons[0].col, 5);
    odc_scenario_free(&sc);
}

static void test_walker_example(void **state)
{
    (void)state;
    odc_scenario sc;
    load_ok("scenarios/walker-example.yaml", &sc);
    assert_int_equal(sc.n_cons, 2);
    const odc_scenario_cons *w = &sc.cons[0], *s = &sc.cons[1];
    assert_int_equal(w->type, ODC_CONS_WALKER);
    assert_int_equal(w->walker.t, 24);
    assert_int_equal(w->walker.p, 4);
    assert_int_equal(w->walker.f, 1);
    assert_true(w->walker.alt_km == 550 && w->walker.incl_deg == 53 && w->walker.raan0_deg == 0);
    assert_int_equal(w->walker.star, 0);
    assert_int_equal(w->first_norad, 90001);
    assert_int_equal(s->type, ODC_CONS_SSO);
    assert_int_equal(s->propagator, ODC_PROP_SGP4);
    assert_int_equal(s->sso.n, 6);
    assert_true(s->sso.ltan_h == 10.5 && s->sso.alt_km == 800);
    assert_int_equal(s->first_norad, 0);
    assert_int_equal(sc.output.frame, ODC_FRAME_ITRF);
    assert_true(sc.time.duration_s == 21600 && sc.time.step_s == 120);
    assert_true(sc.time.epoch_jd1 + sc.time.epoch_jd2 == 2461041.5);
    assert_int_equal(odc_scenario_n_sat(&sc), 30);
    odc_scenario_free(&sc);
}

static void test_tle_example(void **state)
{
    (void)state;
    odc_scenario sc;
    load_ok("scenarios/tle-example.yaml", &sc);
    assert_int_equal(sc.n_cons, 1);
    assert_int_equal(sc.cons[0].type, ODC_CONS_TLE);
    assert_int_equal(sc.cons[0].propagator, ODC_PROP_SGP4);
    assert_string_equal(sc.cons[0].elset.file, "data/near-earth-3.tle");
    char want[1024];
    snprintf(want, sizeof want, "%s/scenarios/data/near-earth-3.tle", SRC);
    assert_string_equal(sc.cons[0].elset.path, want);
    assert_int_equal(sc.time.has_stop, 1);
    assert_true(fabs(sc.time.duration_s - 21600.0) < 1e-6);
    assert_true(sc.time.epoch_jd1 + sc.time.epoch_jd2 == 2453912.5);
    odc_scenario_free(&sc);
}

/* A span over the leap second inserted at the end of 2016 (IERS Bulletin
 * C 52) lasts one second more than the clock readings suggest. */
static void test_stop_over_leap_second(void **state)
{
    (void)state;
    const char *y = "odcsim: 1\ntime:\n  epoch: 2016-12-31T23:59:00Z\n"
                    "  stop: 2017-01-01T00:01:00Z\nconstellations:\n"
                    "  - {name: a, type: sso, n: 1, alt_km: 700}\n";
    odc_scenario sc;
    odc_diag d;
    odc_diag_init(&d);
    assert_int_equal(odc_scenario_load_string(y, strlen(y), "leap.yaml", &sc, &d), ODC_OK);
    assert_true(fabs(sc.time.duration_s - 121.0) < 1e-6);
    /* defaults */
    assert_string_equal(sc.name, "leap");
    assert_true(sc.time.step_s == 60.0);
    assert_true(sc.cons[0].sso.ltan_h == 0.0 || sc.cons[0].sso.ltan_h == 6.0);
    odc_scenario_free(&sc);
    odc_diag_free(&d);
}

typedef struct expect {
    int line, col;
    const char *field, *msg;
} expect;

static void check_bad(const char *name, const expect *ex, size_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/scenarios/%s", SRC, name);
    odc_scenario sc;
    odc_diag d;
    odc_diag_init(&d);
    int rc = odc_scenario_load(path, &sc, &d);
    assert_int_equal(rc, ODC_EINPUT);
    if (d.n != n)
        for (size_t i = 0; i < d.n; i++) {
            char buf[1200];
            print_message("%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
        }
    assert_int_equal(d.n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(d.items[i].file, path);
        assert_int_equal(d.items[i].line, ex[i].line);
        assert_int_equal(d.items[i].col, ex[i].col);
        assert_string_equal(d.items[i].field, ex[i].field);
        assert_string_equal(d.items[i].msg, ex[i].msg);
        assert_int_equal(d.items[i].code, ODC_EINPUT);
    }
    odc_diag_free(&d);
    odc_scenario_free(&sc);
}

static void test_bad_syntax(void **state)
{
    (void)state;
    static const expect ex[] = {
        {6, 15, "", "YAML syntax: did not find expected ',' or ']' (while parsing a flow "
                    "sequence at line 5, column 11)"},
    };
    check_bad("bad-syntax.yaml", ex, 1);
}

static void test_bad_keys(void **state)
{
    (void)state;
    static const expect ex[] = {
        {5, 3, "time.step", "expected a known key, got unknown key 'step' (did you mean 'step_s'?)"},
        {6, 1, "constelations",
         "expected a known key, got unknown key 'constelations' (did you mean 'constellations'?)"},
        {15, 5, "constellations[0].ltan_h",
         "expected one of the keys of constellations[0] (name, type, propagator, first_norad, "
         "t, p, f, alt_km, incl_deg, raan0_deg, pattern), got 'ltan_h', which does not apply "
         "to type walker"},
        {16, 11, "constellations[1].name", "expected a unique name, got 'w' again (also on line 8)"},
        {20, 5, "constellations[1].alt_km",
         "expected each key once, got a second 'alt_km' (first on line 19)"},
        {22, 11, "constellations[2].type", "expected walker, sso, cluster, tle or omm, got 'cloud'"},
        {27, 3, "output.colour", "expected one of dir, frame, ephemeris, got unknown key 'colour'"},
    };
    check_bad("bad-keys.yaml", ex, sizeof ex / sizeof ex[0]);
}

static void test_bad_ranges(void **state)
{
    (void)state;
    static const expect ex[] = {
        {1, 9, "odcsim", "expected format version 1 (the one this odcsim reads), got 2"},
        {5, 15, "time.duration_s", "expected a duration > 0 s, got -5"},
        {6, 11, "time.step_s", "expected a step > 0 s, got 0"},
        {10, 8, "constellations[0].t",
         "expected a multiple of p (4) so every plane holds the same number, got 10"},
        {12, 8, "constellations[0].f", "expected 0 <= f < p (4), got 4"},
        {13, 13, "constellations[0].alt_km",
         "expected an altitude >= 150 km (below that drag brings a satellite down within "
         "about a day: not an orbit a scenario can hold), got 120"},
        {14, 15, "constellations[0].incl_deg", "expected 0 <= incl_deg <= 180, got 200"},
        {17, 8, "constellations[1].n",
         "expected a number of satellites from 1 to 1000000, got 0"},
        {18, 13, "constellations[1].alt_km",
         "expected an altitude <= 5974 km (no sun-synchronous orbit exists higher: J2 "
         "precession is too slow), got 7000"},
        {19, 13, "constellations[1].ltan_h",
         "expected a local time in hours, 0 <= ltan_h < 24, got 24"},
        {24, 20, "constellations[2].min_spacing_m",
         "expected min_spacing_m <= 2 * radius_m (20) so two satellites fit, got 100"},
        {28, 11, "constellations[3].file", NULL},
        {29, 17, "constellations[3].propagator",
         "expected sgp4 (element sets hold SGP4 mean elements), got 'j2'"},
    };
    static char missing_msg[2048];
    snprintf(missing_msg, sizeof missing_msg,
             "expected an existing file (relative to the scenario's folder), got "
             "'data/no-such-file.tle' (%s/tests/data/scenarios/data/no-such-file.tle: No such "
             "file or directory)",
             SRC);
    expect e2[sizeof ex / sizeof ex[0]];
    memcpy(e2, ex, sizeof ex);
    e2[11].msg = missing_msg;
    check_bad("bad-ranges.yaml", e2, sizeof ex / sizeof ex[0]);
}

static void test_bad_types(void **state)
{
    (void)state;
    static const expect ex[] = {
        {1, 9, "odcsim", "expected the format version 1, got 'one'"},
        {2, 7, "name",
         "expected a name of letters, digits, '-', '_' or '.' (it names the results folder), "
         "got quoted string 'has space'"},
        {4, 10, "time.epoch",
         "expected a valid UTC date-time (years 1960-2199), got '2026-13-01T00:00:00Z' (bad "
         "month)"},
        {5, 9, "time.stop",
         "expected a UTC time (suffix Z or none), got offset '+02:00' in "
         "'2026-01-02T00:00:00+02:00'"},
        {6, 11, "time.step_s", "expected a step in seconds, got 'sixty'"},
        {8, 5, "constellations[0].f",
         "expected the Walker phasing factor f (0 <= f < p), got no 'f' key"},
        {10, 8, "constellations[0].t", "expected an integer number of satellites, got '24.5'"},
        {11, 8, "constellations[0].p",
         "expected an integer number of planes, got quoted string '4'"},
        {12, 13, "constellations[0].alt_km", "expected an altitude in km, got a list"},
        {14, 14, "constellations[0].pattern", "expected delta or star, got 'zigzag'"},
        {15, 5, "constellations[1]",
         "expected a mapping with name, type and the type's keys, got 'just a string'"},
        {16, 9, "output", "expected a mapping of keys, got 'teme'"},
    };
    check_bad("bad-types.yaml", ex, sizeof ex / sizeof ex[0]);
}

static void test_bad_missing(void **state)
{
    (void)state;
    static const expect ex[] = {
        {1, 1, "odcsim",
         "expected the format version 'odcsim: 1' first in the file, got no 'odcsim' key"},
        {1, 1, "constellations", "expected a list of constellations, got no 'constellations' key"},
        {3, 3, "time.epoch",
         "expected the start instant as an ISO 8601 UTC date-time (no default: results "
         "depend on it), got no 'epoch' key"},
        {4, 9, "time.stop", "expected either duration_s or stop, got both (duration_s on line 3)"},
    };
    check_bad("bad-missing.yaml", ex, sizeof ex / sizeof ex[0]);
}

static int load_str(const char *y, odc_diag *d)
{
    odc_scenario sc;
    odc_diag_init(d);
    int rc = odc_scenario_load_string(y, strlen(y), "s.yaml", &sc, d);
    odc_scenario_free(&sc);
    return rc;
}

static void test_whole_file_problems(void **state)
{
    (void)state;
    odc_diag d;
    assert_int_equal(load_str("", &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].msg,
                        "expected a scenario (a mapping starting with 'odcsim: 1'), got an "
                        "empty file");
    odc_diag_free(&d);
    assert_int_equal(load_str("- 1\n- 2\n", &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].field, "(top level)");
    assert_string_equal(d.items[0].msg, "expected a mapping of keys, got a list");
    odc_diag_free(&d);
    const char *two = "odcsim: 1\ntime: {epoch: 2026-01-01}\nconstellations:\n"
                      "  - {name: a, type: sso, n: 1, alt_km: 700}\n---\nodcsim: 1\n";
    assert_int_equal(load_str(two, &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 6);
    assert_string_equal(d.items[0].msg, "expected one YAML document, got a second one");
    odc_diag_free(&d);
    /* A tab where indentation is expected is a YAML syntax error. */
    assert_int_equal(load_str("odcsim: 1\ntime:\n\tepoch: 2026-01-01\n", &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].msg, "YAML syntax"));
    odc_diag_free(&d);
    /* Numbers: no hex, inf or nan; too many steps; walker with f < 0. */
    const char *nums = "odcsim: 1\ntime: {epoch: 2026-01-01, duration_s: 0x10, step_s: .nan}\n"
                       "constellations:\n"
                       "  - {name: a, type: walker, t: 4, p: 2, f: -1, alt_km: inf, incl_deg: 10}\n";
    assert_int_equal(load_str(nums, &d), ODC_EINPUT);
    assert_int_equal(d.n, 4);
    assert_string_equal(d.items[0].field, "time.duration_s");
    assert_string_equal(d.items[1].field, "time.step_s");
    assert_string_equal(d.items[2].msg, "expected 0 <= f < p (2), got -1");
    assert_string_equal(d.items[3].msg, "expected an altitude in km, got 'inf'");
    odc_diag_free(&d);
    const char *steps = "odcsim: 1\ntime: {epoch: 2026-01-01, duration_s: 1e9, step_s: 1}\n"
                        "constellations:\n  - {name: a, type: sso, n: 1, alt_km: 700}\n";
    assert_int_equal(load_str(steps, &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].field, "time.step_s");
    odc_diag_free(&d);
    /* Cluster that cannot fit by volume; tle with designed-only key. */
    const char *cl = "odcsim: 1\ntime: {epoch: 2026-01-01}\nconstellations:\n"
                     "  - {name: a, type: cluster, n: 100, radius_m: 100, min_spacing_m: 100, "
                     "alt_km: 650}\n"
                     "  - {name: b, type: tle, file: /dev/null, first_norad: 5}\n";
    assert_int_equal(load_str(cl, &d), ODC_EINPUT);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.items[0].msg,
                        "expected at most 27 satellites (volume bound for radius 100 m, "
                        "spacing 100 m), got 100");
    /* same line: in column order */
    assert_string_equal(d.items[1].msg,
                        "expected a regular file, got '/dev/null' (not a file)");
    assert_string_equal(d.items[2].field, "constellations[1].first_norad");
    odc_diag_free(&d);
}

static void test_helpers(void **state)
{
    (void)state;
    assert_int_equal(odc_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(odc_edit_distance("", "abc"), 3);
    assert_int_equal(odc_edit_distance("alt_km", "alt_km"), 0);
    /* The highest sun-synchronous circular orbit is near 5,970 km
     * (i = 180 deg), e.g. Boain, AAS 04-108 (2004), fig. 1. */
    double h = odc_sso_max_alt_km();
    assert_true(h > 5900 && h < 6050);
    assert_string_equal(odc_cons_type_name(ODC_CONS_OMM), "omm");
    assert_string_equal(odc_frame_name(ODC_FRAME_GCRS), "gcrs");
    assert_string_equal(odc_propagator_name(ODC_PROP_KEPLER), "kepler");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_walker_example),
        cmocka_unit_test(test_tle_example),
        cmocka_unit_test(test_stop_over_leap_second),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_bad_keys),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_bad_types),
        cmocka_unit_test(test_bad_missing),
        cmocka_unit_test(test_whole_file_problems),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
