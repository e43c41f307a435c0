/* Progress text (odc/progress.h): exact line layout, ETA arithmetic for a
 * constant rate (exact whatever the call intervals), the moving average's
 * response to a rate change against its closed form r1 + (r2 - r1)(1 -
 * exp(-dt/tau)), H:MM:SS rounding, resumed runs, the end line, truncation
 * and the redraw limiter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/progress.h"

static void test_layout(void **state)
{
    (void)state;
    odc_progress p;
    char buf[128];
    odc_progress_init(&p, 2730, 0, 1000.0);
    /* 1234 steps in 100 s: 12.34 steps/s, 1496 left: 121.23 s -> 0:02:01 */
    odc_progress_format(&p, 1234, 1100.0, buf, sizeof buf);
    assert_string_equal(buf, "[#########...........]  45.2%  step 1234/2730  ETA 0:02:01");
    p.width = 10;
    odc_progress_format(&p, 1234, 1100.0, buf, sizeof buf);   /* dt = 0: rate kept */
    assert_string_equal(buf, "[####......]  45.2%  step 1234/2730  ETA 0:02:01");
}

static void test_constant_rate_exact(void **state)
{
    (void)state;
    odc_progress p;
    char buf[128];
    odc_progress_init(&p, 100000, 0, 0.0);
    /* 25 steps/s, sampled at irregular intervals: the ETA is always the
     * remaining steps / 25, rounded to the second. */
    const double ts[] = {0.3, 0.35, 2.0, 7.7, 7.71, 31.0, 100.0, 1234.5};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        int64_t done = (int64_t)llround(25.0 * ts[i] * 1e6) / 1000000;
        double t = (double)done / 25.0;   /* the exact time of that step count */
        odc_progress_format(&p, done, t, buf, sizeof buf);
        assert_true(fabs(p.rate - 25.0) < 1e-9);
        char want[48], eta[32];
        odc_progress_hms((double)(100000 - done) / 25.0, eta, sizeof eta);
        snprintf(want, sizeof want, "ETA %s", eta);
        assert_non_null(strstr(buf, want));
    }
}

static void test_rate_change_closed_form(void **state)
{
    (void)state;
    odc_progress p;
    char buf[128];
    odc_progress_init(&p, 1000000, 0, 0.0);
    p.tau_s = 20.0;
    odc_progress_format(&p, 1000, 100.0, buf, sizeof buf);   /* 10 steps/s */
    assert_true(fabs(p.rate - 10.0) < 1e-12);
    /* one interval of dt = tau at 20 steps/s */
    odc_progress_format(&p, 1400, 120.0, buf, sizeof buf);
    double want = 10.0 + 10.0 * (1.0 - exp(-1.0));
    assert_true(fabs(p.rate - want) < 1e-12);
    char eta[32], w[48];
    odc_progress_hms((1000000.0 - 1400.0) / want, eta, sizeof eta);
    snprintf(w, sizeof w, "ETA %s", eta);
    assert_non_null(strstr(buf, w));
    /* two intervals of tau/2 give the same weight as one of tau */
    odc_progress q;
    odc_progress_init(&q, 1000000, 0, 0.0);
    odc_progress_format(&q, 1000, 100.0, buf, sizeof buf);
    odc_progress_format(&q, 1200, 110.0, buf, sizeof buf);
    odc_progress_format(&q, 1400, 120.0, buf, sizeof buf);
    assert_true(fabs(q.rate - want) < 1e-12);
    /* long after the change the average is the new rate */
    for (int k = 1; k <= 60; k++)
        odc_progress_format(&q, 1400 + 200 * k, 120.0 + 10.0 * k, buf, sizeof buf);
    assert_true(fabs(q.rate - 20.0) < 20.0 * exp(-30.0) * 10.0 + 1e-9);
}

static void test_hms(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(odc_progress_hms(0.0, b, sizeof b), "0:00:00");
    assert_string_equal(odc_progress_hms(59.6, b, sizeof b), "0:01:00");
    assert_string_equal(odc_progress_hms(83.0, b, sizeof b), "0:01:23");
    assert_string_equal(odc_progress_hms(3599.4, b, sizeof b), "0:59:59");
    assert_string_equal(odc_progress_hms(36000.0, b, sizeof b), "10:00:00");
    assert_string_equal(odc_progress_hms(400000.0, b, sizeof b), "111:06:40");
    assert_string_equal(odc_progress_hms(-1.0, b, sizeof b), "--:--:--");
    assert_string_equal(odc_progress_hms(NAN, b, sizeof b), "--:--:--");
    assert_string_equal(odc_progress_hms(INFINITY, b, sizeof b), "--:--:--");
}

static void test_resume_start_and_end(void **state)
{
    (void)state;
    odc_progress p;
    char buf[128];
    /* a resumed run: half done, no rate measured yet */
    odc_progress_init(&p, 2000, 1000, 50.0);
    odc_progress_format(&p, 1000, 50.0, buf, sizeof buf);
    assert_string_equal(buf, "[##########..........]  50.0%  step 1000/2000  ETA --:--:--");
    odc_progress_format(&p, 1000, 60.0, buf, sizeof buf);   /* no step yet: still unknown */
    assert_non_null(strstr(buf, "ETA --:--:--"));
    /* the rate counts only this session's steps: 100 in 20 s (since 50) */
    odc_progress_format(&p, 1100, 70.0, buf, sizeof buf);
    assert_true(fabs(p.rate - 5.0) < 1e-12);
    assert_non_null(strstr(buf, "ETA 0:03:00"));
    /* just before the end: never 100.0% */
    odc_progress_format(&p, 1999, 300.0, buf, sizeof buf);
    assert_non_null(strstr(buf, " 99.9%"));
    /* the end: elapsed time of the session */
    odc_progress_format(&p, 2000, 50.0 + 3723.0, buf, sizeof buf);
    assert_string_equal(buf, "[####################] 100.0%  step 2000/2000  done in 1:02:03");
    /* beyond the end is clamped */
    odc_progress_format(&p, 2500, 50.0 + 3723.0, buf, sizeof buf);
    assert_non_null(strstr(buf, "step 2000/2000"));
}

static void test_truncation_and_due(void **state)
{
    (void)state;
    odc_progress p;
    char buf[16];
    memset(buf, 'x', sizeof buf);
    odc_progress_init(&p, 10, 0, 0.0);
    odc_progress_format(&p, 5, 1.0, buf, 10);
    assert_int_equal(strlen(buf), 9);
    assert_int_equal(buf[10], 'x');
    assert_true(odc_progress_due(&p, 0.0, 0.1));
    assert_false(odc_progress_due(&p, 0.05, 0.1));
    assert_true(odc_progress_due(&p, 0.1, 0.1));
    assert_false(odc_progress_due(&p, 0.15, 0.1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_constant_rate_exact),
        cmocka_unit_test(test_rate_change_closed_form),
        cmocka_unit_test(test_hms),
        cmocka_unit_test(test_resume_start_and_end),
        cmocka_unit_test(test_truncation_and_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
