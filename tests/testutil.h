/* Helpers that several cmocka test programs share. CMake builds every
 * tests/test_*.c into its own program, so these are static (inline) and
 * header-only: include "testutil.h" after cmocka.h. */
#ifndef ODC_TESTUTIL_H
#define ODC_TESTUTIL_H

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

#include "odc/error.h"

/* Fail unless |got - want| <= tol * |want| (|want| floored at 1e-300, so a
 * zero `want` needs got == 0); NaN always fails. */
static inline void assert_rel(double got, double want, double tol)
{
    double d = fabs(got - want) / fmax(fabs(want), 1e-300);
    if (!(d <= tol))
        fail_msg("got %.17g want %.17g (rel %.3g > %.3g)", got, want, d, tol);
}

/* Fail unless |got - want| <= tol; NaN always fails. */
static inline void assert_abs(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g want %.17g (abs %.3g > %.3g)", got, want,
                 fabs(got - want), tol);
}

/* Whole file as a NUL-terminated malloc'ed string (the test fails if it
 * cannot be read). */
static inline char *read_all(const char *path)
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

/* Write text to a fresh temporary file /tmp/odc_test_XXXXXX; returns its
 * path (a static buffer, overwritten by the next call; unlink it). */
static inline char *tmp_file_with(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/odc_test_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* `call` (which fills an odc_err named e_) must fail with ODC_EINPUT
 * naming field `name`. */
#define EXPECT_FIELD(call, name)                                   \
    do {                                                           \
        odc_err e_;                                                \
        odc_err_clear(&e_);                                        \
        assert_int_equal((call), ODC_EINPUT);                      \
        if (strcmp(e_.field, (name)) != 0)                         \
            fail_msg("expected field %s, got '%s' (%s)", (name), e_.field, e_.msg); \
    } while (0)

#endif
