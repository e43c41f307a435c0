/* data/spacecraft_defaults.json: the shipped file loads, its values are
 * the cited ones, and every way of breaking it is reported with the key. */
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

#include "odc/battery.h"
#include "odc/spacecraft_defaults.h"

#include "testutil.h"

#define DEFAULTS ODC_SOURCE_DIR "/data/spacecraft_defaults.json"

/* Write the shipped file with the first occurrence of `from` replaced by
 * `to` into a temporary file; returns its path (static buffer). */
static const char *mutated(const char *from, const char *to)
{
    static char path[64];
    char *text = read_all(DEFAULTS);
    char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(path, sizeof path, "/tmp/odc_scdef_XXXXXX");
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

static void test_shipped_file(void **state)
{
    (void)state;
    odc_sc_defaults d;
    odc_err e;
    odc_err_clear(&e);
    int rc = odc_sc_defaults_load(DEFAULTS, &d, &e);
    if (rc) {
        char buf[1024];
        fail_msg("%s", odc_err_format(&e, buf, sizeof buf));
    }
    /* Values named in the docs and their sources. */
    assert_true(d.s_1au_w_m2 == 1361.0);        /* Kopp & Lean 2011 / IAU B3 */
    assert_true(d.eff_ref == 0.307);            /* XTJ Prime */
    assert_true(d.inherent_deg == 0.77);        /* SMAD Table 11-35 */
    assert_true(d.xe == 0.65 && d.xd == 0.85);  /* SMAD eq. 11-5 DET */
    assert_true(d.albedo == 0.30 && d.earth_ir_w_m2 == 237.0);  /* Gilmore */
    assert_int_equal(d.n_cycle_life, 2);
    /* The cycle-life table is usable by the battery model. */
    double dod;
    assert_int_equal(odc_battery_dod_for_cycles(d.cycle_life_cycles, d.cycle_life_dod,
                                                d.n_cycle_life, 27682.0, d.bat_dod_floor,
                                                &dod, NULL, NULL), ODC_OK);
    assert_true(dod > 0.25 && dod < 0.80);
}

static void expect_field(const char *path, int code, const char *field, const char *msg_part)
{
    odc_sc_defaults d;
    odc_err e;
    odc_err_clear(&e);
    assert_int_equal(odc_sc_defaults_load(path, &d, &e), code);
    assert_string_equal(e.field, field);
    assert_string_equal(e.file, path);
    if (msg_part && !strstr(e.msg, msg_part))
        fail_msg("message '%s' lacks '%s'", e.msg, msg_part);
    unlink(path);
}

static void test_broken_files(void **state)
{
    (void)state;
    expect_field(mutated("\"solar.xd\"", "\"solar.xdd\""), ODC_EINPUT, "solar.xdd",
                 "unknown key");
    expect_field(mutated("\"solar.xd\"", "\"solar.xe\""), ODC_EINPUT, "solar.xe",
                 "duplicate");
    expect_field(mutated("\"value\": 0.307, \"unit\": \"1\"",
                         "\"value\": 0.307, \"unit\": \"%\""),
                 ODC_EINPUT, "solar.eff_ref", "\"1\"");
    expect_field(mutated("\"value\": 0.307", "\"value\": 30.7"), ODC_EINPUT, "solar.eff_ref",
                 "(0, 1]");
    expect_field(mutated("\"value\": 301.15", "\"value\": -3"), ODC_EINPUT, "solar.t_ref_k",
                 "> 0");
    expect_field(mutated("\"value\": 0.10, \"unit\"", "\"value\": 0.0, \"unit\""),
                 ODC_EINPUT, "battery.dod_floor", NULL);
    expect_field(mutated("\"value\": 0.88", "\"value\": \"0.88\""), ODC_EINPUT,
                 "thermal.rad_eps", "number");
    expect_field(mutated("\"dod\": [0.80, 0.25]", "\"dod\": [0.80, 1.25]"), ODC_EINPUT,
                 "battery.cycle_life", "(0,1]");
    expect_field(mutated("\"params\": {", "\"params\": {\"solar.eff_ref\": 1, "), ODC_EINPUT,
                 "solar.eff_ref", "object");
    /* Missing keys: an empty params object names the first expected key. */
    expect_field(mutated("\"params\": {", "\"params\": {}, \"unused\": {"), ODC_EINPUT,
                 "solar.s_1au_w_m2", "missing");
    /* Syntax error on line 4 is located. */
    const char *p = mutated("\"params\": {", "\"params\": {,");
    odc_sc_defaults d;
    odc_err e;
    assert_int_equal(odc_sc_defaults_load(p, &d, &e), ODC_EINPUT);
    assert_int_equal(e.line, 4);
    assert_true(e.col > 1);
    unlink(p);
    assert_int_equal(odc_sc_defaults_load("/nonexistent/defaults.json", &d, &e), ODC_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_file),
        cmocka_unit_test(test_broken_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
