/* Time scales, calendar and ISO 8601, against references no one here wrote:
 *  - SOFA/ERFA published test values (t_sofa_c.c / t_erfa_c.c: t_utctai,
 *    t_utcut1, t_taitt, t_gmst82), all for UTC 2006-01-15 21:24:37.5;
 *  - the worked example of SOFA "Time Scale and Calendar Tools" sec. 1.5
 *    (UTC 2010-07-24 11:18:07.318 = TT 11:19:13.502);
 *  - TAI-UTC from IERS Bulletin C (10 s at 1972-01-01, 32 s in 2000,
 *    36 s in 2016, 37 s since 2017-01-01);
 *  - the closed-form Gregorian calendar -> Julian Day Number of Fliegel &
 *    Van Flandern, Comm. ACM 11, 657 (1968), and J2000 = JD 2451545.0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/timescale.h"

/* Fliegel & Van Flandern (1968): Julian Day Number (noon) of a Gregorian
 * date, integer arithmetic with truncating division. */
static long jdn_fvf(long y, long m, long d)
{
    return (1461 * (y + 4800 + (m - 14) / 12)) / 4 +
           (367 * (m - 2 - 12 * ((m - 14) / 12))) / 12 -
           (3 * ((y + 4900 + (m - 14) / 12) / 100)) / 4 + d - 32075;
}

/* Seconds between two two-part JDs (a - b), keeping precision. */
static double diff_s(double a1, double a2, double b1, double b2)
{
    return ((a1 - b1) + (a2 - b2)) * ODC_SEC_PER_DAY;
}

static void test_sofa_published(void **state)
{
    (void)state;
    odc_err e;
    double a1, a2;
    /* t_utctai: 2453750.5 + 0.892100694 UTC -> TAI 0.8924826384444444444 */
    assert_int_equal(odc_utc_to_tai(2453750.5, 0.892100694, &a1, &a2, &e), 0);
    assert_true(fabs(a1 - 2453750.5) < 1e-6);
    assert_true(fabs(a2 - 0.8924826384444444444) < 1e-13);
    /* t_utcut1 with UT1-UTC = 0.3341 s -> 0.8921045608981481481 */
    assert_int_equal(odc_utc_to_ut1(2453750.5, 0.892100694, 0.3341, &a1, &a2,
                                    &e), 0);
    assert_true(fabs(a2 - 0.8921045608981481481) < 1e-13);
    /* t_taitt: TAI 0.892482639 -> TT 0.892855139; here from UTC: TT - UTC
     * = 33 + 32.184 s on that date. */
    assert_int_equal(odc_utc_to_tt(2453750.5, 0.892100694, &a1, &a2, &e), 0);
    assert_true(fabs(diff_s(a1, a2, 2453750.5, 0.892100694) - 65.184) < 1e-6);
    /* t_gmst82: GMST(UT1 = 2400000.5 + 53736.0) = 1.754174981860675096 rad.
     * odc_gmst82 is our own code (Vallado's gstime), not ERFA's. */
    assert_true(fabs(odc_gmst82(2400000.5, 53736.0) - 1.754174981860675096) <
                1e-12);
    /* Same instant split differently gives the same angle. */
    assert_true(fabs(odc_gmst82(2453736.5, 0.0) - 1.754174981860675096) <
                1e-12);
    assert_true(fabs(odc_gmst82(2453736.0, 0.5) - 1.754174981860675096) <
                1e-12);
}

static void test_cookbook_utc_to_tt(void **state)
{
    (void)state;
    odc_err e;
    double u1, u2, t1, t2;
    assert_int_equal(odc_time_parse_iso("2010-07-24T11:18:07.318Z", &u1, &u2,
                                        &e), 0);
    assert_int_equal(odc_utc_to_tt(u1, u2, &t1, &t2, &e), 0);
    /* Expected TT 2010-07-24 11:19:13.502 from the closed form. */
    double x1 = (double)jdn_fvf(2010, 7, 24) - 0.5;
    double x2 = (11 * 3600.0 + 19 * 60.0 + 13.502) / ODC_SEC_PER_DAY;
    assert_true(fabs(diff_s(t1, t2, x1, x2)) < 1e-6);
}

static void test_leap_seconds(void **state)
{
    (void)state;
    static const struct { const char *utc; double dat; } cases[] = {
        {"1972-01-01T00:00:00Z", 10.0}, {"2000-01-01T00:00:00Z", 32.0},
        {"2000-06-30T18:50:19Z", 32.0}, {"2016-12-31T12:00:00Z", 36.0},
        {"2017-01-01T00:00:00Z", 37.0}, {"2024-03-01T00:00:00Z", 37.0},
        {"2012-06-30T23:59:59Z", 34.0}, {"2012-07-01T00:00:00Z", 35.0},
    };
    odc_err e;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double u1, u2, dat;
        assert_int_equal(odc_time_parse_iso(cases[i].utc, &u1, &u2, &e), 0);
        assert_int_equal(odc_leap_seconds(u1, u2, &dat, &e), 0);
        if (fabs(dat - cases[i].dat) > 1e-9)
            fail_msg("%s: TAI-UTC %g, expected %g", cases[i].utc, dat,
                     cases[i].dat);
    }
    /* The leap second itself: 2016-12-31T23:59:60.5 is 0.5 s of TAI before
     * 2017-01-01T00:00:00 UTC, and 1.5 s after 23:59:59.0. */
    double a1, a2, b1, b2, c1, c2, u1, u2;
    assert_int_equal(odc_time_parse_iso("2016-12-31T23:59:60.5Z", &u1, &u2,
                                        &e), 0);
    assert_int_equal(odc_utc_to_tai(u1, u2, &a1, &a2, &e), 0);
    assert_int_equal(odc_time_parse_iso("2017-01-01T00:00:00Z", &u1, &u2, &e),
                     0);
    assert_int_equal(odc_utc_to_tai(u1, u2, &b1, &b2, &e), 0);
    assert_int_equal(odc_time_parse_iso("2016-12-31T23:59:59Z", &u1, &u2, &e),
                     0);
    assert_int_equal(odc_utc_to_tai(u1, u2, &c1, &c2, &e), 0);
    assert_true(fabs(diff_s(b1, b2, a1, a2) - 0.5) < 1e-6);
    assert_true(fabs(diff_s(a1, a2, c1, c2) - 1.5) < 1e-6);
    /* A day without a leap second has no 23:59:60. */
    assert_int_equal(odc_time_parse_iso("2015-12-31T23:59:60Z", &u1, &u2, &e),
                     ODC_EINPUT);
    assert_non_null(strstr(e.msg, "second 60 out of range (60 only in a leap second"));
    assert_int_equal(odc_time_parse_iso("2015-06-30T23:59:60Z", &u1, &u2, &e),
                     0);
    /* The leap second formats back as itself. */
    char buf[64];
    assert_int_equal(odc_time_parse_iso("2016-12-31T23:59:60.250Z", &u1, &u2,
                                        &e), 0);
    assert_int_equal(odc_time_format_iso(u1, u2, 3, buf, sizeof buf), 0);
    assert_string_equal(buf, "2016-12-31T23:59:60.250Z");
}

static void test_calendar_closed_form(void **state)
{
    (void)state;
    odc_err e;
    double j1, j2;
    assert_int_equal(odc_time_from_calendar(2000, 1, 1, 12, 0, 0.0, &j1, &j2,
                                            &e), 0);
    assert_true(j1 + j2 == ODC_JD_J2000);
    assert_int_equal(odc_time_parse_iso("2000-01-01T12:00:00Z", &j1, &j2, &e),
                     0);
    assert_true(j1 + j2 == ODC_JD_J2000);
    /* Many dates 1960..2199 against Fliegel & Van Flandern. */
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 5000; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        int y = 1960 + (int)((s >> 33) % 240);
        int m = 1 + (int)((s >> 20) % 12);
        int d = 1 + (int)((s >> 8) % 28);
        int h = (int)((s >> 40) % 24), mi = (int)((s >> 45) % 60);
        int us = (int)((s >> 12) % 60000000);
        char iso[40];
        snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m,
                 d, h, mi, us / 1000000, us % 1000000);
        assert_int_equal(odc_time_parse_iso(iso, &j1, &j2, &e), 0);
        double x1 = (double)jdn_fvf(y, m, d) - 0.5;
        double x2 = (h * 3600.0 + mi * 60.0 + us * 1e-6) / ODC_SEC_PER_DAY;
        double ds = diff_s(j1, j2, x1, x2);
        if (fabs(ds) > 1e-6)
            fail_msg("%s: %g s from the closed form", iso, ds);
        /* Round trip through the formatter, to the microsecond. */
        char out[40];
        assert_int_equal(odc_time_format_iso(j1, j2, 6, out, sizeof out), 0);
        assert_string_equal(out, iso);
    }
}

static void test_iso_forms_and_rounding(void **state)
{
    (void)state;
    odc_err e;
    double a1, a2, b1, b2;
    char buf[64];
    /* Date only, 'Z', space instead of 'T' are the same instant. */
    assert_int_equal(odc_time_parse_iso("2000-01-01", &a1, &a2, &e), 0);
    assert_int_equal(odc_time_parse_iso("2000-01-01T00:00:00Z", &b1, &b2, &e),
                     0);
    assert_true(diff_s(a1, a2, b1, b2) == 0.0);
    assert_int_equal(odc_time_parse_iso("2000-01-01 00:00:00", &b1, &b2, &e),
                     0);
    assert_true(diff_s(a1, a2, b1, b2) == 0.0);
    assert_int_equal(odc_time_parse_iso("2000-01-01Z", &b1, &b2, &e), 0);
    assert_true(diff_s(a1, a2, b1, b2) == 0.0);

    static const struct { const char *in; int ndp; const char *out; } r[] = {
        {"2000-01-01T23:59:59.9996", 3, "2000-01-02T00:00:00.000Z"},
        {"1999-12-31T23:59:59.5", 0, "2000-01-01T00:00:00Z"},
        {"1999-12-31T23:59:59.4", 0, "1999-12-31T23:59:59Z"},
        {"2016-12-31T23:59:59.9996", 3, "2016-12-31T23:59:60.000Z"},
        {"2016-12-31T23:59:60.9996", 3, "2017-01-01T00:00:00.000Z"},
        {"2000-02-28T23:59:59.99", 1, "2000-02-29T00:00:00.0Z"},
        {"2100-02-28T23:59:59.99", 1, "2100-03-01T00:00:00.0Z"},
        {"2024-06-30T12:34:56.123456", 9, "2024-06-30T12:34:56.123456000Z"},
        {"2024-06-30T12:34:56.987654", 2, "2024-06-30T12:34:56.99Z"},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        assert_int_equal(odc_time_parse_iso(r[i].in, &a1, &a2, &e), 0);
        assert_int_equal(odc_time_format_iso(a1, a2, r[i].ndp, buf,
                                             sizeof buf), 0);
        if (strcmp(buf, r[i].out))
            fail_msg("%s (%d dp): got %s, expected %s", r[i].in, r[i].ndp,
                     buf, r[i].out);
    }
    /* Bad formatter arguments. */
    assert_int_equal(odc_time_format_iso(a1, a2, 10, buf, sizeof buf),
                     ODC_EINPUT);
    assert_int_equal(odc_time_format_iso(a1, a2, 3, buf, 10), ODC_EINPUT);
    assert_string_equal(buf, "");
    assert_int_equal(odc_time_format_iso(NAN, 0.0, 3, buf, sizeof buf),
                     ODC_EINPUT);
}

static void test_iso_malformed(void **state)
{
    (void)state;
    static const struct { const char *in; const char *msg; } bad[] = {
        {"", "column 1: empty"},
        {"200", "column 1: year must be 4 digits"},
        {"2000-01", "column 8: expected '-' after the month"},
        {"2000-13-01", "month 13 out of range"},
        {"2000-00-10", "month 00 out of range"},
        {"2000-02-30", "day 30 out of range for month 2 of 2000"},
        {"2001-02-29", "day 29 out of range for month 2 of 2001"},
        {"2000-04-31T00:00:00", "day 31 out of range for month 4"},
        {"2000-01-32", "day 32 out of range"},
        {"2000-01-01T24:00:00", "column 12: hour 24"},
        {"2000-01-01T12:60:00", "column 15: minute 60"},
        {"2000-01-01T12:00:61", "column 18: second 61"},
        {"2000-01-01T12:30:60", "second 60 is only valid at 23:59"},
        {"2000-1-01", "column 6: month must be 2 digits"},
        {"20000-01-01", "column 5: expected '-' after the year"},
        {"y2k0-01-01", "column 1: year must be 4 digits"},
        {"2000-01-01T12:00", "column 17: expected ':' and seconds"},
        {"2000-01-01T12:00:00.", "column 21: expected digits after"},
        {"2000-01-01T12:00:00.1234567", "more than 6 decimals"},
        {"2000-01-01T12:00:00+01:00", "time-zone offsets are not accepted"},
        {"2000-01-01T12:00:00Zjunk", "column 21: unexpected trailing text"},
        {"2000-01-01T12:00:00z", "unexpected trailing text 'z'"},
        {"2000-01-01x", "column 11: expected 'T'"},
        {"2000-01-01T1:00:00", "column 12: hour must be 2 digits"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        odc_err e;
        odc_err_clear(&e);
        double a1 = -1, a2 = -1;
        int rc = odc_time_parse_iso(bad[i].in, &a1, &a2, &e);
        if (rc != ODC_EINPUT || e.code != ODC_EINPUT ||
            !strstr(e.msg, bad[i].msg))
            fail_msg("'%s': rc %d, message '%s' lacks '%s'", bad[i].in, rc,
                     e.msg, bad[i].msg);
        /* Outputs untouched on error. */
        assert_true(a1 == -1 && a2 == -1);
    }
    odc_err e;
    assert_int_equal(odc_time_parse_iso(NULL, NULL, NULL, &e), ODC_EINPUT);
    double j1, j2;
    assert_int_equal(odc_time_from_calendar(2001, 2, 29, 0, 0, 0.0, &j1, &j2,
                                            &e), ODC_EINPUT);
    assert_non_null(strstr(e.msg, "day 29"));
    assert_int_equal(odc_time_from_calendar(2001, 2, 1, 0, 0, NAN, &j1, &j2,
                                            &e), ODC_EINPUT);
    assert_int_equal(odc_utc_to_ut1(2451545.0, 0.0, 1.5, &j1, &j2, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "dut1");
}

static void test_tle_day_of_year(void **state)
{
    (void)state;
    double j1, j2, x1, x2;
    char buf[64];
    odc_err e;
    /* Satellite 00005 of SGP4-VER.TLE: epoch 00179.78495062 is
     * 2000-06-27 18:50:19.7336 UTC (Vallado et al. 2006, app. C). */
    odc_time_from_doy(2000, 179.78495062, &j1, &j2);
    assert_int_equal(odc_time_format_iso(j1, j2, 3, buf, sizeof buf), 0);
    assert_string_equal(buf, "2000-06-27T18:50:19.734Z");
    assert_true(j2 >= 0.0 && j2 < 1.0);
    /* Day 1.0 is 1 January 0h; day 366.5 of leap year 2000 is Dec 31 noon. */
    odc_time_from_doy(2021, 1.0, &j1, &j2);
    assert_int_equal(odc_time_parse_iso("2021-01-01", &x1, &x2, &e), 0);
    assert_true(diff_s(j1, j2, x1, x2) == 0.0);
    odc_time_from_doy(2000, 366.5, &j1, &j2);
    assert_int_equal(odc_time_parse_iso("2000-12-31T12:00:00", &x1, &x2, &e),
                     0);
    assert_true(fabs(diff_s(j1, j2, x1, x2)) < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sofa_published),
        cmocka_unit_test(test_cookbook_utc_to_tt),
        cmocka_unit_test(test_leap_seconds),
        cmocka_unit_test(test_calendar_closed_form),
        cmocka_unit_test(test_iso_forms_and_rounding),
        cmocka_unit_test(test_iso_malformed),
        cmocka_unit_test(test_tle_day_of_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
