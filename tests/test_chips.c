/* data/chips.json: the shipped catalog loads, its values are the figures
 * of the cited vendor documents (written out here next to their source),
 * lookups work, and every way of breaking the file is reported with the
 * entry, the key, and the line and column. */
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

#include "odc/chips.h"

#include "testutil.h"

#define CATALOG ODC_SOURCE_DIR "/data/chips.json"

/* Line and column (1-based) of the first occurrence of needle in text. */
static void where(const char *text, const char *needle, int *line, int *col)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* The shipped file with the first occurrence of `from` replaced by `to`,
 * written to a temporary file; returns its path (static buffer) and, if
 * text_out is given, the mutated text (caller frees). */
static const char *mutated(const char *from, const char *to, char **text_out)
{
    static char path[64];
    char *text = read_all(CATALOG);
    char *at = strstr(text, from);
    if (!at)
        fail_msg("'%s' not in the catalog", from);
    snprintf(path, sizeof path, "/tmp/odc_chips_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    size_t head = (size_t)(at - text);
    fwrite(text, 1, head, f);
    fputs(to, f);
    fputs(at + strlen(from), f);
    fclose(f);
    if (text_out) {
        size_t n = head + strlen(to) + strlen(at + strlen(from));
        char *m = malloc(n + 1);
        assert_non_null(m);
        memcpy(m, text, head);
        strcpy(m + head, to);
        strcat(m, at + strlen(from));
        *text_out = m;
    }
    free(text);
    return path;
}

static void load_ok(odc_chip_catalog *cat)
{
    odc_err e;
    odc_err_clear(&e);
    if (odc_chips_load(CATALOG, cat, &e)) {
        char buf[1024];
        fail_msg("%s", odc_err_format(&e, buf, sizeof buf));
    }
}

static void test_cited_values(void **state)
{
    (void)state;
    odc_chip_catalog cat;
    load_ok(&cat);
    assert_true(cat.n >= 6);
    const odc_chip *c;

    /* NVIDIA H100 Tensor Core GPU Architecture whitepaper v1.04 (2022),
     * H100 SXM5: BF16 989.4 dense (1978.9 sparse), FP8 1978.9 dense
     * (3957.8 sparse), 80 GB HBM3 at 3.35 TB/s; datasheet: up to 700 W. */
    c = odc_chips_find(&cat, "nvidia-h100-sxm");
    assert_non_null(c);
    assert_true(c->bf16_dense_tflops == 989.4);
    assert_true(c->fp8_dense_tflops == 1978.9);
    assert_true(c->fp8_dense_tflops == 3957.8 / 2);
    assert_true(c->hbm_gb == 80.0 && c->hbm_tb_s == 3.35 && c->tdp_w == 700.0);
    assert_true(c->mass_kg == 0.0);     /* null: not published */
    assert_int_equal(c->estimated, 0);

    /* NVIDIA H200 datasheet (2024), H200 SXM: BF16 1,979 and FP8 3,958
     * TFLOPS with sparsity, 141 GB HBM3e, 4.8 TB/s, up to 700 W. */
    c = odc_chips_find(&cat, "nvidia-h200-sxm");
    assert_non_null(c);
    assert_true(c->bf16_dense_tflops == 1979.0 / 2 && c->fp8_dense_tflops == 3958.0 / 2);
    assert_true(c->hbm_gb == 141.0 && c->hbm_tb_s == 4.8 && c->tdp_w == 700.0);
    assert_int_equal(c->estimated, 0);

    /* NVIDIA HGX B200 (8 GPUs): BF16 36 PF and FP8 72 PF sparse, 1.44 TB;
     * DGX B200: 64 TB/s for 8 GPUs; Blackwell brief: 1,000 W per GPU. */
    c = odc_chips_find(&cat, "nvidia-b200");
    assert_non_null(c);
    assert_true(c->bf16_dense_tflops == 36e3 / 8 / 2 && c->fp8_dense_tflops == 72e3 / 8 / 2);
    assert_true(c->hbm_gb == 1440.0 / 8 && c->hbm_tb_s == 64.0 / 8 && c->tdp_w == 1000.0);
    assert_int_equal(c->estimated, 0);

    /* NVIDIA GB300 NVL72 (72 Blackwell Ultra GPUs): BF16 360 PF and FP8
     * 720 PF sparse, 288 GB HBM3e per GPU, 576 TB/s; power estimated. */
    c = odc_chips_find(&cat, "nvidia-b300");
    assert_non_null(c);
    assert_true(c->bf16_dense_tflops == 360e3 / 72 / 2 && c->fp8_dense_tflops == 720e3 / 72 / 2);
    assert_true(c->hbm_gb == 288.0 && c->hbm_tb_s == 576.0 / 72);
    assert_int_equal(c->estimated, ODC_CHIP_EST_TDP);

    /* Google Cloud TPU docs, "TPU v6e": 918 TFLOPs bf16, 32 GB HBM,
     * 1638 GBps; no FP8 rate, no published power (estimated). */
    c = odc_chips_find(&cat, "google-tpu-v6e");
    assert_non_null(c);
    assert_true(c->bf16_dense_tflops == 918.0);
    assert_true(c->fp8_dense_tflops == 0.0);   /* null: no native FP8 */
    assert_true(c->hbm_gb == 32.0 && c->hbm_tb_s == 1.638);
    assert_int_equal(c->estimated, ODC_CHIP_EST_TDP);
    /* FP8 work on a chip without FP8 runs at the BF16 rate. */
    assert_true(odc_chip_dense_tflops(c, "fp8") == 918.0);
    assert_true(odc_chip_dense_tflops(c, "bf16") == 918.0);
    assert_true(odc_chip_dense_tflops(c, "fp4") == 0.0);

    /* The user-defined example: every value flagged as an estimate. */
    c = odc_chips_find(&cat, "example-inference-asic");
    assert_non_null(c);
    assert_int_equal(c->estimated, ODC_CHIP_EST_BF16 | ODC_CHIP_EST_FP8 | ODC_CHIP_EST_HBM_GB |
                                       ODC_CHIP_EST_HBM_TB_S | ODC_CHIP_EST_TDP |
                                       ODC_CHIP_EST_MASS);
    assert_true(c->mass_kg > 0.0);

    /* Every entry names its source and date; all numbers positive. */
    for (int i = 0; i < cat.n; i++) {
        c = &cat.chips[i];
        assert_true(strlen(c->source) > 20 && c->date[0] && c->url[0]);
        assert_true(c->bf16_dense_tflops > 0 && c->hbm_gb > 0 && c->hbm_tb_s > 0 &&
                    c->tdp_w > 0);
        /* Dense FP8 is twice dense BF16 on every chip that has FP8. */
        if (c->fp8_dense_tflops > 0)
            assert_true(fabs(c->fp8_dense_tflops / c->bf16_dense_tflops - 2.0) < 1e-3);
    }
    /* Lookup ignores case; unknown names give NULL. */
    assert_ptr_equal(odc_chips_find(&cat, "NVIDIA-H100-SXM"),
                     odc_chips_find(&cat, "nvidia-h100-sxm"));
    assert_null(odc_chips_find(&cat, "nvidia-h100"));
    assert_null(odc_chips_find(&cat, NULL));
    odc_chips_free(&cat);
    assert_int_equal(cat.n, 0);
    assert_null(cat.chips);
}

/* Load a mutated file; check code, field, message part, and that the
 * line is the one of `at_text` in the mutated text (if given). */
static void expect(const char *from, const char *to, const char *field, const char *msg_part,
                   const char *at_text)
{
    char *text = NULL;
    const char *path = mutated(from, to, &text);
    odc_chip_catalog cat;
    odc_err e;
    odc_err_clear(&e);
    int rc = odc_chips_load(path, &cat, &e);
    char buf[1024];
    odc_err_format(&e, buf, sizeof buf);
    if (rc != ODC_EINPUT)
        fail_msg("expected ODC_EINPUT for '%s' -> '%s', got %d (%s)", from, to, rc, buf);
    assert_string_equal(e.file, path);
    if (field && strcmp(e.field, field) != 0)
        fail_msg("field '%s', expected '%s' (%s)", e.field, field, buf);
    if (msg_part && !strstr(e.msg, msg_part))
        fail_msg("message '%s' lacks '%s'", e.msg, msg_part);
    if (at_text) {
        int line, col;
        where(text, at_text, &line, &col);
        if (e.line != line || e.col != col)
            fail_msg("reported %d:%d, expected %d:%d (%s)", e.line, e.col, line, col, buf);
    }
    assert_null(cat.chips);
    assert_int_equal(cat.n, 0);
    free(text);
    unlink(path);
}

static void test_rejections(void **state)
{
    (void)state;
    /* Non-positive and non-numeric values, located at the key. */
    expect("\"tdp_w\": 700,", "\"tdp_w\": -700,", "nvidia-h100-sxm.tdp_w", "> 0",
           "\"tdp_w\": -700");
    expect("\"hbm_gb\": 141,", "\"hbm_gb\": 0,", "nvidia-h200-sxm.hbm_gb", "> 0",
           "\"hbm_gb\": 0");
    expect("\"bf16_dense_tflops\": 918,", "\"bf16_dense_tflops\": \"918\",",
           "google-tpu-v6e.bf16_dense_tflops", "expected a number", "\"bf16_dense_tflops\": \"918\"");
    expect("\"hbm_tb_s\": 3.35,", "\"hbm_tb_s\": null,", "nvidia-h100-sxm.hbm_tb_s",
           "expected a number", "\"hbm_tb_s\": null");
    expect("\"fp8_dense_tflops\": 1978.9,", "\"fp8_dense_tflops\": -1,",
           "nvidia-h100-sxm.fp8_dense_tflops", "> 0", "\"fp8_dense_tflops\": -1");
    expect("\"mass_kg\": 1.2,", "\"mass_kg\": 0,", "example-inference-asic.mass_kg", "> 0",
           "\"mass_kg\": 0,");
    /* Unknown and missing keys. */
    expect("\"tdp_w\": 1000,", "\"tdp_watts\": 1000,", "nvidia-b200.tdp_watts", "unknown key",
           "\"tdp_watts\"");
    expect("\"hbm_tb_s\": 4.8,", "", "nvidia-h200-sxm.hbm_tb_s", "missing key", NULL);
    expect("\"tdp_w\": 700,", "\"tdp_w\": 700, \"tdp_w\": 700,", "nvidia-h100-sxm.tdp_w",
           "duplicate key", NULL);
    /* Strings. */
    expect("\"vendor\": \"Google\",", "\"vendor\": \"\",", "google-tpu-v6e.vendor",
           "non-empty string", "\"vendor\": \"\"");
    expect("\"date\": \"2024-11\"", "\"date\": 2024", "nvidia-h200-sxm.date",
           "non-empty string", "\"date\": 2024");
    expect("\"name\": \"nvidia-b200\"", "\"name\": \"nvidia b200\"", "chips[2].name",
           "expected 1..40 characters", "\"name\": \"nvidia b200\"");
    expect("\"name\": \"nvidia-b200\"", "\"name\": \"NVIDIA-H100-SXM\"", "NVIDIA-H100-SXM.name",
           "duplicate chip name", "\"name\": \"NVIDIA-H100-SXM\"");
    /* Estimated flags. */
    expect("\"estimated\": [\"tdp_w\"],", "\"estimated\": [\"power\"],",
           "nvidia-b300.estimated", "'power' is not a numeric field", "\"estimated\": [\"power\"]");
    expect("\"estimated\": [\"tdp_w\"],", "\"estimated\": [\"tdp_w\", \"tdp_w\"],",
           "nvidia-b300.estimated", "listed twice", NULL);
    expect("\"estimated\": [\"tdp_w\"],", "\"estimated\": [\"tdp_w\", \"mass_kg\"],",
           "nvidia-b300.estimated", "null", NULL);
    expect("\"estimated\": [\"tdp_w\"],", "\"estimated\": \"tdp_w\",", "nvidia-b300.estimated",
           "expected an array", NULL);
    /* An entry that is not an object. */
    expect("\"chips\": [", "\"chips\": [42, ", "chips[0]", "expected an object", NULL);
    /* File-level structure. */
    expect("\"odcsim-chips/1\"", "\"odcsim-chips/2\"", "schema", "odcsim-chips/1", NULL);
    expect("\"note\":", "\"notes\":", "notes", "unknown top-level key", NULL);
    /* JSON syntax error: reported on the line of the damage. */
    char *text = NULL;
    const char *path = mutated("\"hbm_gb\": 80,", "\"hbm_gb\": 80,,", &text);
    odc_chip_catalog cat;
    odc_err e;
    assert_int_equal(odc_chips_load(path, &cat, &e), ODC_EINPUT);
    int line, col;
    where(text, "\"hbm_gb\": 80,,", &line, &col);
    assert_int_equal(e.line, line);
    assert_true(e.col >= col && e.col <= col + 15);
    assert_non_null(strstr(e.msg, "invalid JSON"));
    free(text);
    unlink(path);
    /* Unreadable file. */
    assert_int_equal(odc_chips_load("/nonexistent/chips.json", &cat, &e), ODC_EIO);
    assert_null(cat.chips);
}

static void test_empty_catalog(void **state)
{
    (void)state;
    char path[] = "/tmp/odc_chips_empty_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"schema\": \"odcsim-chips/1\", \"chips\": []}\n", f);
    fclose(f);
    odc_chip_catalog cat;
    odc_err e;
    assert_int_equal(odc_chips_load(path, &cat, &e), ODC_EINPUT);
    assert_string_equal(e.field, "chips");
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cited_values),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_empty_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
