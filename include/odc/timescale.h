/* Time: calendar <-> Julian date, ISO 8601, and the scales UTC, TAI, TT and
 * UT1 (leap seconds from ERFA's table). Every instant is a two-part Julian
 * date (jd1 + jd2, ERFA's convention) so microseconds survive.
 *
 * Reference: IAU SOFA/ERFA (eraCal2jd, eraDat, eraUtctai, eraTaitt,
 * eraUtcut1); leap seconds as in ERFA's built-in table (valid to the
 * table's last entry; ERFA warns beyond ~5 years after its release). UT1-UTC
 * is an input (default 0: |UT1-UTC| < 0.9 s by definition). */
#ifndef ODC_TIMESCALE_H
#define ODC_TIMESCALE_H

#include <stddef.h>
#include "odc/error.h"

#define ODC_SEC_PER_DAY 86400.0
#define ODC_JD_J2000 2451545.0

/* Parse an ISO 8601 UTC time.
 *
 * iso       "YYYY-MM-DDThh:mm:ss[.f..f][Z]" with 1..6 decimals of seconds,
 *           or "YYYY-MM-DD[Z]" (0h); a space may replace 'T'. Strict: no
 *           time-zone offsets, no missing seconds, 23:59:60 only on a day
 *           that ends with a leap second (ERFA's table).
 * jd1, jd2  UTC as ERFA's two-part quasi-JD (jd1 = JD at 0h, jd2 = fraction
 *           of the UTC day, which is 86401 s long on leap-second days);
 *           untouched on error
 * returns   ODC_OK, or ODC_EINPUT with a message quoting the string and
 *           naming the bad part and its 1-based column.
 * Years 0000..9999; before 1960 UTC is undefined and ERFA's TAI-UTC = 0 is
 * used (accepted without error). */
int odc_time_parse_iso(const char *iso, double *jd1, double *jd2, odc_err *err);

/* Format a UTC two-part JD as "YYYY-MM-DDThh:mm:ss[.fff]Z".
 *
 * ndp      decimals of seconds, 0..9 (0: no decimal point)
 * buf, n   output buffer and its size (21 + ndp + 1 bytes are enough)
 * returns  ODC_OK; ODC_EINPUT for bad ndp, a non-finite or out-of-range date
 *          or a too-small buffer (buf is then "").
 * Rounds to ndp decimals and carries into the next minute, day or year,
 * knowing leap-second days (eraD2dtf): 23:59:59.9996 on 2016-12-31 with 3
 * decimals gives 23:59:60.000. */
int odc_time_format_iso(double jd1, double jd2, int ndp, char *buf, size_t n);

/* Calendar date and time (UTC) to a two-part JD (as odc_time_parse_iso,
 * same validation; sec may be 60.x in a leap second). */
int odc_time_from_calendar(int year, int month, int day, int hour, int min,
                           double sec, double *jd1, double *jd2, odc_err *err);

/* TLE epoch to a UTC two-part JD: year (4 digits) and day of year with
 * fraction, 1.0 = 1 January 0h UTC (Hoots & Roehrich 1980, Spacetrack
 * Report #3; days of 86400 s, as SGP4 assumes). jd2 is in [0, 1). A year
 * ERFA cannot take (before -4799) gives NaN. */
void odc_time_from_doy(int year, double doy, double *jd1, double *jd2);

/* Scale conversions on two-part JDs (ERFA eraUtctai, eraTaitt, eraUtcut1).
 *
 * u1, u2    UTC quasi-JD (as from odc_time_parse_iso)
 * a*, t*, b* TAI, TT (= TAI + 32.184 s), UT1 two-part JDs
 * dut1_s    UT1-UTC in seconds, |dut1_s| <= 1 (IERS Bulletin A; 0 when
 *           unknown: error < 0.9 s of Earth rotation, ~420 m at the equator)
 * returns   ODC_OK, or ODC_EINPUT (date outside ERFA's range, or dut1_s
 *           out of range, field "dut1").
 * Leap seconds: ERFA's built-in table (liberfa 2.0.0: last entry 2017-01-01,
 * TAI-UTC = 37 s). ERFA flags years after 2026 as "dubious" (no table
 * beyond); such dates are accepted with the last known TAI-UTC. */
int odc_utc_to_tai(double u1, double u2, double *a1, double *a2, odc_err *err);
int odc_utc_to_tt(double u1, double u2, double *t1, double *t2, odc_err *err);
int odc_utc_to_ut1(double u1, double u2, double dut1_s, double *b1,
                   double *b2, odc_err *err);
/* TAI-UTC in seconds (eraDat) at a UTC instant; ODC_OK or ODC_EINPUT. */
int odc_leap_seconds(double u1, double u2, double *tai_utc_s, odc_err *err);

/* Greenwich mean sidereal time, IAU 1982 model (Aoki et al. 1982), in
 * radians, 0..2pi, from a UT1 two-part JD: the angle that defines
 * TEME -> PEF in the SGP4 literature (Vallado, Crawford, Hujsak & Kelso,
 * AIAA 2006-6753, gstime). Own implementation; agrees with ERFA's
 * eraGmst82 to ~1e-12 rad (tests/oracle/test_frames_oracle.py). */
double odc_gmst82(double ut1_1, double ut1_2);

#endif
