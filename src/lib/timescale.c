/* Time scales and calendar: why this file exists.
 *
 * Every instant in odcsim is a two-part Julian date (ERFA's convention:
 * jd1 + jd2, usually jd1 = JD at 0h and jd2 = fraction of the day) so that
 * microseconds survive over centuries. Leap seconds and the UTC/TAI/TT/UT1
 * relations come from ERFA; this file adds a strict ISO 8601 reader and
 * writer and the IAU 1982 sidereal angle used by SGP4's TEME frame. */
#include "odc/timescale.h"

#include <erfa.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message about input string `iso` at 1-based column col. */
static int iso_error(odc_err *err, const char *iso, int col, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

static int iso_error(odc_err *err, const char *iso, int col, const char *fmt,
                     ...)
{
    char what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                       "ISO 8601 time '%.80s', column %d: %s "
                       "(expected YYYY-MM-DD[Thh:mm:ss[.ffffff]][Z], UTC)",
                       iso, col, what);
}

/* Read exactly n decimal digits at s; returns -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Convert a validated calendar date and time to a two-part JD with ERFA,
 * turning ERFA's status into a message. `iso` may be NULL (calendar call). */
static int to_jd(const char *iso, int y, int mo, int d, int h, int mi,
                 double sec, double *jd1, double *jd2, odc_err *err)
{
    double a, b;
    int j = eraDtf2d("UTC", y, mo, d, h, mi, sec, &a, &b);
    /* ERFA's status: negative = bad field; +2 (or +3 with a dubious year)
     * = the time is past the end of that UTC day, i.e. second 60 on a day
     * without a leap second: an error here. */
    if (j >= 2)
        j = -6;
    if (j < 0) {
        char why[160];
        switch (j) {
        case -1: snprintf(why, sizeof why, "year %d out of range (ERFA: "
                          "-4799 onwards)", y); break;
        case -2: snprintf(why, sizeof why, "month %d out of range 1..12", mo);
                 break;
        case -3: snprintf(why, sizeof why, "day %d out of range for month "
                          "%d of %d", d, mo, y); break;
        case -4: snprintf(why, sizeof why, "hour %d out of range 0..23", h);
                 break;
        case -5: snprintf(why, sizeof why, "minute %d out of range 0..59", mi);
                 break;
        default: snprintf(why, sizeof why, "second %g out of range (60 only "
                          "in a leap second: 23:59:60 on a day that ends with "
                          "one)", sec); break;
        }
        if (iso)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                               "ISO 8601 time '%.80s': %s", iso, why);
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "calendar date: %s", why);
    }
    /* j == +1: year before 1960 (UTC undefined, TAI-UTC taken as 0) or
     * after ERFA's table horizon (last leap second assumed): accepted. */
    *jd1 = a;
    *jd2 = b;
    return ODC_OK;
}

int odc_time_parse_iso(const char *iso, double *jd1, double *jd2, odc_err *err)
{
    if (!iso)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "ISO 8601 time missing");
    const char *s = iso;
    int y, mo, d, h = 0, mi = 0;
    double sec = 0.0;

    /* Characters are checked in order, so no read passes the NUL. */
    if (!*s)
        return iso_error(err, iso, 1, "empty");
    if ((y = read_digits(s, 4)) < 0)
        return iso_error(err, iso, 1, "year must be 4 digits");
    if (s[4] != '-')
        return iso_error(err, iso, 5, "expected '-' after the year");
    if ((mo = read_digits(s + 5, 2)) < 0)
        return iso_error(err, iso, 6, "month must be 2 digits");
    if (mo < 1 || mo > 12)
        return iso_error(err, iso, 6, "month %02d out of range 01..12", mo);
    if (s[7] != '-')
        return iso_error(err, iso, 8, "expected '-' after the month");
    if ((d = read_digits(s + 8, 2)) < 0)
        return iso_error(err, iso, 9, "day must be 2 digits");
    if (d < 1 || d > 31)
        return iso_error(err, iso, 9, "day %02d out of range 01..31", d);
    const char *p = s + 10;
    if (*p == 'T' || *p == ' ') {
        p++;
        int c = (int)(p - s) + 1;
        if ((h = read_digits(p, 2)) < 0)
            return iso_error(err, iso, c, "hour must be 2 digits");
        if (h > 23)
            return iso_error(err, iso, c, "hour %02d out of range 00..23", h);
        if (p[2] != ':')
            return iso_error(err, iso, c + 2, "expected ':' after the hour");
        if ((mi = read_digits(p + 3, 2)) < 0)
            return iso_error(err, iso, c + 3, "minute must be 2 digits");
        if (mi > 59)
            return iso_error(err, iso, c + 3, "minute %02d out of range 00..59",
                           mi);
        if (p[5] != ':')
            return iso_error(err, iso, c + 5,
                           "expected ':' and seconds after the minute");
        int is = read_digits(p + 6, 2);
        if (is < 0)
            return iso_error(err, iso, c + 6, "second must be 2 digits");
        if (is > 60)
            return iso_error(err, iso, c + 6, "second %02d out of range 00..60",
                           is);
        p += 8;
        /* Fraction: integer microseconds, so the value is exact. */
        long us = 0;
        if (*p == '.') {
            int nd = 0;
            p++;
            while (p[nd] >= '0' && p[nd] <= '9')
                nd++;
            if (nd == 0)
                return iso_error(err, iso, (int)(p - s) + 1,
                               "expected digits after the decimal point");
            if (nd > 6)
                return iso_error(err, iso, (int)(p - s) + 7,
                               "more than 6 decimals of seconds (microseconds "
                               "are the finest accepted)");
            for (int i = 0; i < 6; i++)
                us = us * 10 + (i < nd ? p[i] - '0' : 0);
            p += nd;
        }
        sec = is + us * 1e-6;
        if (is == 60 && !(h == 23 && mi == 59))
            return iso_error(err, iso, c + 6,
                           "second 60 is only valid at 23:59 on a leap-second "
                           "day");
    } else if (*p && *p != 'Z') {
        return iso_error(err, iso, 11, "expected 'T' or ' ' before the time, "
                       "'Z' or the end after the date, found '%c'", *p);
    }
    if (*p == 'Z')
        p++;
    if (*p) {
        if (*p == '+' || *p == '-')
            return iso_error(err, iso, (int)(p - s) + 1,
                           "time-zone offsets are not accepted; give UTC "
                           "with 'Z' or nothing");
        return iso_error(err, iso, (int)(p - s) + 1,
                       "unexpected trailing text '%.20s'", p);
    }
    return to_jd(iso, y, mo, d, h, mi, sec, jd1, jd2, err);
}

int odc_time_format_iso(double jd1, double jd2, int ndp, char *buf, size_t n)
{
    int y, mo, d, ihmsf[4];
    if (!buf || n == 0)
        return ODC_EINPUT;
    buf[0] = '\0';
    if (ndp < 0 || ndp > 9 || !isfinite(jd1) || !isfinite(jd2))
        return ODC_EINPUT;
    /* eraD2dtf rounds to ndp decimals and carries into the next second,
     * minute and day, knowing the length of leap-second days. */
    if (eraD2dtf("UTC", ndp, jd1, jd2, &y, &mo, &d, ihmsf) < 0)
        return ODC_EINPUT;
    if (y < 0 || y > 9999)
        return ODC_EINPUT;
    int w;
    if (ndp > 0)
        w = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%0*dZ", y, mo, d,
                     ihmsf[0], ihmsf[1], ihmsf[2], ndp, ihmsf[3]);
    else
        w = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
                     ihmsf[0], ihmsf[1], ihmsf[2]);
    if (w < 0 || (size_t)w >= n) {
        buf[0] = '\0';
        return ODC_EINPUT;
    }
    return ODC_OK;
}

int odc_time_from_calendar(int year, int month, int day, int hour, int min,
                           double sec, double *jd1, double *jd2, odc_err *err)
{
    if (!isfinite(sec))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "calendar seconds not finite");
    return to_jd(NULL, year, month, day, hour, min, sec, jd1, jd2, err);
}

void odc_time_from_doy(int year, double doy, double *jd1, double *jd2)
{
    double djm0, djm;
    if (eraCal2jd(year, 1, 1, &djm0, &djm) != 0) {
        djm0 = 2400000.5; /* year before -4799: result NaN, visibly */
        djm = NAN;
    }
    /* Keep the day count in jd1 and a fraction in [0, 1) in jd2; both the
     * floor and the subtraction are exact. */
    double days = doy - 1.0;
    double whole = floor(days);
    *jd1 = djm0 + djm + whole;
    *jd2 = days - whole;
}

/* ERFA status: -1 bad date (error), +1 dubious year (accepted, see header). */
static int erfa_status(int j, double u1, double u2, const char *what,
                       odc_err *err)
{
    if (j < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "%s: date JD %.6f outside ERFA's range", what,
                           u1 + u2);
    return ODC_OK;
}

int odc_utc_to_tai(double u1, double u2, double *a1, double *a2, odc_err *err)
{
    int j = eraUtctai(u1, u2, a1, a2);
    return erfa_status(j, u1, u2, "UTC to TAI", err);
}

int odc_utc_to_tt(double u1, double u2, double *t1, double *t2, odc_err *err)
{
    double a1, a2;
    int rc = odc_utc_to_tai(u1, u2, &a1, &a2, err);
    if (rc)
        return rc;
    eraTaitt(a1, a2, t1, t2); /* cannot fail: TT = TAI + 32.184 s */
    return ODC_OK;
}

int odc_utc_to_ut1(double u1, double u2, double dut1_s, double *b1,
                   double *b2, odc_err *err)
{
    if (!isfinite(dut1_s) || fabs(dut1_s) > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "dut1",
                           "UT1-UTC %g s outside -1..1 s (IERS keeps it "
                           "within 0.9 s)", dut1_s);
    int j = eraUtcut1(u1, u2, dut1_s, b1, b2);
    return erfa_status(j, u1, u2, "UTC to UT1", err);
}

int odc_leap_seconds(double u1, double u2, double *tai_utc_s, odc_err *err)
{
    int y, mo, d;
    double fd;
    if (eraJd2cal(u1, u2, &y, &mo, &d, &fd) != 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "TAI-UTC: date JD %.6f outside ERFA's range",
                           u1 + u2);
    int j = eraDat(y, mo, d, fd, tai_utc_s);
    return erfa_status(j, u1, u2, "TAI-UTC", err);
}

double odc_gmst82(double ut1_1, double ut1_2)
{
    /* Vallado et al. (2006) gstime / Aoki et al. (1982):
     *   GMST(s) = 67310.54841 + (876600 h + 8640184.812866 s) T
     *             + 0.093104 T^2 - 6.2e-6 T^3,
     * T = UT1 Julian centuries from J2000.0 (JD 2451545.0, noon). Since
     * 876600 h * T is 86400 s per day elapsed, only the fractions of the
     * two JD parts matter for that term; splitting it this way keeps the
     * precision of the two-part date. */
    double d1 = ut1_1 - ODC_JD_J2000, d2 = ut1_2;
    double t = (d1 + d2) / 36525.0;
    double frac_s = ODC_SEC_PER_DAY * (fmod(d1, 1.0) + fmod(d2, 1.0));
    double gmst_s = 67310.54841 +
                    t * (8640184.812866 + t * (0.093104 - t * 6.2e-6)) +
                    frac_s;
    double th = fmod(gmst_s * (2.0 * M_PI / ODC_SEC_PER_DAY), 2.0 * M_PI);
    if (th < 0.0)
        th += 2.0 * M_PI;
    return th;
}
