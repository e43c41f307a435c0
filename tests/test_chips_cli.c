/* odcsim chips: the CSV listing carries the catalog's values, --name
 * selects one chip, estimates are marked, and bad input exits 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "odc/chips.h"

#define ODCSIM ODC_BINARY_DIR "/odcsim"
#define CATALOG ODC_SOURCE_DIR "/data/chips.json"

/* Run a shell command; capture stdout (up to cap bytes); return exit code. */
static int run(const char *cmd, char *out, size_t cap)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static void test_csv_matches_catalog(void **state)
{
    (void)state;
    static char out[65536];
    assert_int_equal(run(ODCSIM " chips --csv --file " CATALOG, out, sizeof out), 0);
    odc_chip_catalog cat;
    assert_int_equal(odc_chips_load(CATALOG, &cat, NULL), ODC_OK);
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    assert_non_null(line);
    assert_non_null(strstr(line, "name,bf16_dense_tflops,fp8_dense_tflops"));
    int rows = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char name[64], field[64];
        assert_int_equal(sscanf(line, "%63[^,],%63[^,]", name, field), 2);
        const odc_chip *c = odc_chips_find(&cat, name);
        assert_non_null(c);
        /* estimates are printed with a leading '~' */
        int est = field[0] == '~';
        assert_int_equal(est, (c->estimated & ODC_CHIP_EST_BF16) != 0);
        double bf16 = atof(field + est);
        /* one decimal printed */
        assert_true(bf16 > c->bf16_dense_tflops - 0.051 && bf16 < c->bf16_dense_tflops + 0.051);
        rows++;
    }
    assert_int_equal(rows, cat.n);
    odc_chips_free(&cat);
}

static void test_name_and_errors(void **state)
{
    (void)state;
    static char out[65536];
    assert_int_equal(run("ODCSIM_DATA=" ODC_SOURCE_DIR "/data " ODCSIM
                         " chips --name GOOGLE-TPU-V6E", out, sizeof out), 0);
    assert_non_null(strstr(out, "google-tpu-v6e"));
    assert_non_null(strstr(out, "~300"));          /* estimated power marked */
    assert_non_null(strstr(out, "source: Google Cloud TPU documentation"));
    assert_int_equal(run(ODCSIM " chips --help", out, sizeof out), 0);
    assert_non_null(strstr(out, "usage: odcsim chips"));
    assert_int_equal(run(ODCSIM " chips --file " CATALOG " --name no-such-chip 2>/dev/null",
                         out, sizeof out), 2);
    assert_int_equal(run(ODCSIM " chips --bogus 2>/dev/null", out, sizeof out), 2);
    /* A catalog with a bad value: input error, exit 2, message names it. */
    char path[] = "/tmp/odc_chips_cli_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"schema\": \"odcsim-chips/1\", \"chips\": [{\"name\": \"x\", \"vendor\": \"v\",\n"
          " \"bf16_dense_tflops\": -1, \"fp8_dense_tflops\": null, \"hbm_gb\": 1,\n"
          " \"hbm_tb_s\": 1, \"tdp_w\": 1, \"mass_kg\": null, \"estimated\": [],\n"
          " \"source\": \"s\", \"url\": \"u\", \"date\": \"d\"}]}\n", f);
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, ODCSIM " chips --file %s 2>&1", path);
    assert_int_equal(run(cmd, out, sizeof out), 2);
    char expect[128];
    snprintf(expect, sizeof expect, "%s:2:2: field 'x.bf16_dense_tflops'", path);
    if (!strstr(out, expect))
        fail_msg("'%s' lacks '%s'", out, expect);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_matches_catalog),
        cmocka_unit_test(test_name_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
