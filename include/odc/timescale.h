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

/* Parse ISO 8601 UTC "YYYY-MM-DDThh:mm:ss[.ffffff][Z]" (also 'YYYY-MM-DD',
 * a space for 'T'). Returns ODC_OK or ODC_EINPUT naming the bad part. */
int odc_time_parse_iso(const char *iso, double *jd1, double *jd2, odc_err *err);

/* Format a UTC two-part JD as "YYYY-MM-DDThh:mm:ss.fffZ" with ndp decimal
 * places of seconds (0..9), rounding correctly across minute/day ends. */
int odc_time_format_iso(double jd1, double jd2, int ndp, char *buf, size_t n);

/* Calendar date and time (UTC) to a two-part JD. */
int odc_time_from_calendar(int year, int month, int day, int hour, int min,
                           double sec, double *jd1, double *jd2, odc_err *err);

/* TLE epoch (year, day-of-year with fraction, 1.0 = 1 Jan 0h) to JD. */
void odc_time_from_doy(int year, double doy, double *jd1, double *jd2);

/* Scale conversions on two-part JDs. Each returns ODC_OK or ODC_EINPUT
 * (date outside ERFA's valid range). dut1_s = UT1-UTC in seconds. */
int odc_utc_to_tai(double u1, double u2, double *a1, double *a2, odc_err *err);
int odc_utc_to_tt(double u1, double u2, double *t1, double *t2, odc_err *err);
int odc_utc_to_ut1(double u1, double u2, double dut1_s, double *b1,
                   double *b2, odc_err *err);
/* TAI-UTC in seconds at a UTC instant. */
int odc_leap_seconds(double u1, double u2, double *tai_utc_s, odc_err *err);

/* Greenwich mean sidereal time, IAU 1982 model (radians, 0..2pi), from a
 * UT1 two-part JD: the angle that defines TEME -> PEF in the SGP4
 * literature (Vallado et al. 2006, gstime). */
double odc_gmst82(double ut1_1, double ut1_2);

#endif
