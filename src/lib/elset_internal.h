/* Internal helpers shared by the element-set readers (tle.c, omm_*.c,
 * elsets.c): growing an odc_elset_list, reading a whole file, and the
 * calendar arithmetic of the epoch. Not part of the public API. */
#ifndef ODC_ELSET_INTERNAL_H
#define ODC_ELSET_INTERNAL_H

#include <stddef.h>
#include "odc/tle.h"

/* Append one set (verif may be NULL). ODC_OK or ODC_ENOMEM. */
int odc_elset__append(odc_elset_list *l, const odc_elements *el, int line,
                      const double *verif, odc_err *err);

/* Read a whole file into a NUL-terminated heap buffer (*len bytes without
 * the NUL). ODC_EIO when it cannot be read, ODC_EINPUT when it holds a NUL
 * byte (element files are text). */
int odc_elset__slurp(const char *path, char **buf, size_t *len, odc_err *err);

/* Julian date at 0h UTC of 1 January of a proleptic Gregorian year
 * (ends in .5; exact in double). */
double odc_elset__jd_jan1(int year);
/* Days in a Gregorian year (365 or 366). */
int odc_elset__days_in_year(int year);
/* Julian date at 0h UTC of a Gregorian calendar date (ends in .5). */
double odc_elset__jd_date(int year, int month, int day);

/* Parse an unsigned decimal "123", "12.5", ".5" of len bytes into a double,
 * correctly rounded (integer mantissa / power of ten); no locale. Returns 0
 * on success, -1 when the text is not of that form or has more than 17
 * significant digits. sign may be given in front when allow_sign. */
int odc_elset__decimal(const char *s, size_t len, int allow_sign, double *out);

/* Offset of the first byte of s[0..n) that breaks UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF included), or n when valid. */
size_t odc_elset__utf8_bad(const char *s, size_t n);

#endif
