/* odc_scenario_run through the library: the progress callback sees every
 * step, the cancel flag stops the run without leaving a file under a final
 * name, element-set failures are listed, and a generator's refusal is
 * reported at the scenario entry. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odc/scenario.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/odc_test_scenario_run.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void load(const char *text, odc_scenario *sc, odc_elset_list *sets)
{
    odc_diag d;
    odc_diag_init(&d);
    assert_int_equal(odc_scenario_load_string(text, strlen(text), "t.yaml", sc, &d), ODC_OK);
    memset(sets, 0, sc->n_cons * sizeof *sets);
    assert_int_equal(odc_scenario_load_elsets(sc, sets, &d), ODC_OK);
    odc_diag_free(&d);
}

static const char *walker =
    "odcsim: 1\ntime: {epoch: 2026-01-01T00:00:00Z, duration_s: 600, step_s: 60}\n"
    "constellations:\n  - {name: w, type: walker, t: 6, p: 3, f: 1, alt_km: 550, "
    "incl_deg: 53}\n";

typedef struct prog {
    size_t calls, last, cancel_at;
    int   *cancel;
} prog;

static void on_progress(void *ctx, size_t step, size_t nsteps)
{
    prog *p = ctx;
    assert_int_equal(nsteps, 11);
    assert_int_equal(step, p->last + 1);
    p->last = step;
    p->calls++;
    if (p->cancel_at && step == p->cancel_at)
        *p->cancel = 1;
}

static void test_progress_and_files(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_elset_list sets[1];
    load(walker, &sc, sets);
    char out[512];
    snprintf(out, sizeof out, "%s/full", tmpdir);
    int cancel = 0;
    prog p = {0, 0, 0, &cancel};
    odc_run_opts opt = {out, on_progress, &p, &cancel};
    odc_run_result res;
    odc_err err;
    assert_int_equal(odc_scenario_run(&sc, sets, &opt, &res, &err), ODC_OK);
    assert_int_equal(p.calls, 11);
    assert_int_equal(res.n_steps, 11);
    assert_int_equal(res.n_sat, 6);
    assert_int_equal(res.n_rows, 66);
    assert_int_equal(res.n_fail, 0);
    assert_string_equal(res.out_dir, out);
    assert_int_equal(count_entries(out), 4);
    odc_run_result_free(&res);
    odc_scenario_free_elsets(&sc, sets);
    odc_scenario_free(&sc);
}

static void test_cancel(void **state)
{
    (void)state;
    odc_scenario sc;
    odc_elset_list sets[1];
    load(walker, &sc, sets);
    char out[512];
    snprintf(out, sizeof out, "%s/cancel", tmpdir);
    int cancel = 0;
    prog p = {0, 0, 4, &cancel};
    odc_run_opts opt = {out, on_progress, &p, &cancel};
    odc_run_result res;
    odc_err err;
    odc_err_clear(&err);
    assert_int_equal(odc_scenario_run(&sc, sets, &opt, &res, &err), ODC_EIO);
    assert_string_equal(err.msg, "interrupted at step 4 of 11; no results written");
    assert_int_equal(p.calls, 4);
    /* the folder exists, but holds nothing: the temporary was removed */
    assert_int_equal(access(out, F_OK), 0);
    assert_int_equal(count_entries(out), 0);
    odc_run_result_free(&res);
    odc_scenario_free_elsets(&sc, sets);
    odc_scenario_free(&sc);
}

static void test_generator_refusal(void **state)
{
    (void)state;
    /* Passes the loader's volume bound (n <= 27) but not the lattice. */
    const char *y = "odcsim: 1\ntime: {epoch: 2026-01-01}\nconstellations:\n"
                    "  - {name: ok, type: sso, n: 2, alt_km: 700}\n"
                    "  - {name: c, type: cluster, n: 20, radius_m: 100, min_spacing_m: 100, "
                    "alt_km: 650}\n";
    odc_scenario sc;
    odc_elset_list sets[2];
    load(y, &sc, sets);
    odc_diag d;
    odc_diag_init(&d);
    assert_int_equal(odc_scenario_check_designed(&sc, &d), ODC_EINPUT);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].col, 5);
    assert_string_equal(d.items[0].field, "constellations[1]");
    odc_diag_free(&d);
    char out[512];
    snprintf(out, sizeof out, "%s/refused", tmpdir);
    odc_run_opts opt = {out, NULL, NULL, NULL};
    odc_run_result res;
    odc_err err;
    assert_int_equal(odc_scenario_run(&sc, sets, &opt, &res, &err), ODC_EINPUT);
    assert_string_equal(err.file, "t.yaml");
    assert_int_equal(err.line, 5);
    assert_int_equal(access(out, F_OK), -1);  /* nothing created */
    odc_run_result_free(&res);
    odc_scenario_free_elsets(&sc, sets);
    odc_scenario_free(&sc);
}

static void test_elset_failure_listed(void **state)
{
    (void)state;
    char y[2048];
    snprintf(y, sizeof y,
             "odcsim: 1\ntime: {epoch: 2005-11-29T00:30:00Z, duration_s: 1800, step_s: 60}\n"
             "constellations:\n  - {name: d, type: tle, file: %s/tests/data/scenarios/data/decay.tle}\n"
             "output: {ephemeris: false}\n",
             ODC_SOURCE_DIR);
    odc_scenario sc;
    odc_elset_list sets[1];
    load(y, &sc, sets);
    assert_int_equal(sc.cons[0].n_sat, 2);
    char out[512];
    snprintf(out, sizeof out, "%s/decay", tmpdir);
    odc_run_opts opt = {out, NULL, NULL, NULL};
    odc_run_result res;
    odc_err err;
    assert_int_equal(odc_scenario_run(&sc, sets, &opt, &res, &err), ODC_OK);
    assert_int_equal(res.n_fail, 1);
    assert_int_equal(res.fail[0].sat, 1);
    assert_int_equal(res.fail[0].norad, 33333);
    assert_true(res.fail[0].t_s == 1200.0);
    assert_int_equal(res.fail[0].code, 4);
    assert_int_equal(res.n_rows, 0);          /* ephemeris off */
    assert_int_equal(count_entries(out), 3);  /* satellites, scenario, summary */
    odc_run_result_free(&res);
    odc_scenario_free_elsets(&sc, sets);
    odc_scenario_free(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_and_files),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_generator_refusal),
        cmocka_unit_test(test_elset_failure_listed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
