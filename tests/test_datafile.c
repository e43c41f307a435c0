/* The shared data-file readers: whole-file reads, JSON syntax errors with
 * line and column, strict numbers, and CSV rows whose fields keep their
 * line and column (values worked out by hand from the texts below). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odc/datafile.h"

#include "testutil.h"

static void test_slurp(void **state)
{
    (void)state;
    odc_err e;
    size_t len = 99;
    assert_null(odc_file_slurp("/nonexistent/odc.json", &len, &e));
    assert_int_equal(e.code, ODC_EIO);
    assert_int_equal(len, 0);
    assert_non_null(strstr(e.msg, "cannot open"));
    /* Larger than the first buffer, so the growth path runs. */
    char *big = malloc(40001);
    assert_non_null(big);
    memset(big, 'x', 40000);
    big[40000] = '\0';
    const char *path = tmp_file_with(big);
    char *got = odc_file_slurp(path, &len, &e);
    assert_non_null(got);
    assert_int_equal(len, 40000);
    assert_string_equal(got, big);
    free(got);
    free(big);
    unlink(path);
}

static void test_json(void **state)
{
    (void)state;
    odc_err e;
    cJSON *root;
    char *text;
    /* cJSON stops at the 'o' of "oops": line 2, column 5. */
    const char *path = tmp_file_with("{\"a\": 1,\n \"b\":oops}\n");
    assert_int_equal(odc_json_parse_file(path, &root, &text, &e), ODC_EINPUT);
    assert_null(root);
    assert_null(text);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.col, 6);
    assert_string_equal(e.file, path);
    assert_non_null(strstr(e.msg, "invalid JSON"));
    /* Trailing garbage is an error too. */
    unlink(path);
    path = tmp_file_with("{}\n}");
    assert_int_equal(odc_json_parse_file(path, &root, NULL, &e), ODC_EINPUT);
    assert_int_equal(e.line, 2);
    unlink(path);
    path = tmp_file_with("{\"a\": [1, 2]}");
    assert_int_equal(odc_json_parse_file(path, &root, &text, &e), ODC_OK);
    assert_string_equal(text, "{\"a\": [1, 2]}");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "a")), 2);
    cJSON_Delete(root);
    free(text);
    unlink(path);
    assert_int_equal(odc_json_parse_file(NULL, &root, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "path");
    int line, col;
    odc_text_line_col("ab\ncd\n", NULL, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
}

static void test_numbers(void **state)
{
    (void)state;
    double v;
    assert_int_equal(odc_parse_double_strict("1e3", &v), 0);
    assert_true(v == 1000.0);
    assert_int_equal(odc_parse_double_strict("-0.25", &v), 0);
    assert_true(v == -0.25);
    const char *bad[] = {"", "1e3x", "nan", "inf", "1e999", " ", "1,5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(odc_parse_double_strict(bad[i], &v), -1);
}

static void test_csv(void **state)
{
    (void)state;
    odc_err e;
    odc_csv_table t;
    const char *path = tmp_file_with("# comment, with commas\n"
                                 "h_km, rho\r\n"
                                 "\n"
                                 "  \t\n"
                                 "100,\t2.5 ,\n"
                                 "x");
    assert_int_equal(odc_csv_read(path, &t, &e), ODC_OK);
    assert_int_equal(t.nline, 6);
    assert_int_equal(t.nrow, 3);
    assert_int_equal(t.row[0].line, 2);
    assert_int_equal(t.row[0].nf, 2);
    assert_string_equal(t.row[0].field[0], "h_km");
    assert_string_equal(t.row[0].field[1], "rho");
    assert_int_equal(t.row[0].col[1], 7);
    assert_int_equal(t.row[1].line, 5);
    assert_int_equal(t.row[1].nf, 3);
    assert_string_equal(t.row[1].field[1], "2.5");
    assert_int_equal(t.row[1].col[1], 6);
    assert_string_equal(t.row[1].field[2], "");
    assert_int_equal(t.row[1].col[2], 11);
    assert_int_equal(t.row[2].line, 6);
    assert_string_equal(t.row[2].field[0], "x");
    odc_csv_free(&t);
    odc_csv_free(&t);   /* freeing twice is harmless */
    unlink(path);
    assert_int_equal(odc_csv_read("/nonexistent/x.csv", &t, &e), ODC_EIO);
    odc_csv_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slurp),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
