/* Error records and atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odc/afile.h"
#include "odc/error.h"

static void test_format(void **state)
{
    (void)state;
    odc_err e;
    char buf[256];
    odc_err_clear(&e);
    assert_int_equal(odc_err_set(&e, ODC_EINPUT, "a.tle", 3, 19, "ECCENTRICITY",
                                 "expected %d digits", 7), ODC_EINPUT);
    assert_string_equal(odc_err_format(&e, buf, sizeof buf),
                        "a.tle:3:19: field 'ECCENTRICITY': expected 7 digits");
    odc_err_set(&e, ODC_EIO, NULL, 0, 0, NULL, "disk full");
    assert_string_equal(odc_err_format(&e, buf, sizeof buf), "disk full");
    /* Truncation keeps a terminated string. */
    odc_err_set(&e, ODC_EIO, "f", 1, 1, NULL, "xxxxxxxxxxxxxxxxxxxxxxxxxx");
    odc_err_format(&e, buf, 8);
    assert_int_equal(strlen(buf), 7);
}

static void test_afile(void **state)
{
    (void)state;
    char dir[] = "/tmp/odc_afile_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/sub/dir/out.csv", dir);
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub/dir", dir);
    assert_int_equal(odc_mkdir_p(sub, NULL), ODC_OK);

    odc_afile af;
    assert_int_equal(odc_afile_open(&af, path, NULL), ODC_OK);
    fputs("a,b\n", af.fp);
    /* Nothing at the final path until commit. */
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(odc_afile_commit(&af, NULL), ODC_OK);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[16];
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "a,b\n");

    /* An aborted rewrite leaves the old content. */
    assert_int_equal(odc_afile_open(&af, path, NULL), ODC_OK);
    fputs("torn", af.fp);
    odc_afile_abort(&af);
    f = fopen(path, "r");
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "a,b\n");
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_afile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
