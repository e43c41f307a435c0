/* Plumbing shared by the TLE and OMM readers: the growing list of element
 * sets, whole-file reading, Gregorian calendar day counts for the epoch and
 * a locale-free, correctly rounded decimal parser for the numeric fields. */
#include "elset_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int odc_elset__append(odc_elset_list *l, const odc_elements *el, int line,
                      const double *verif, odc_err *err)
{
    /* Capacity is the next power of two >= n, so grow when n is one. */
    size_t n = l->n;
    if ((n & (n - 1)) == 0) {
        size_t cap = n ? 2 * n : 1;
        odc_elements *e2 = realloc(l->el, cap * sizeof *e2);
        if (e2)
            l->el = e2;
        int *ln2 = e2 ? realloc(l->line, cap * sizeof *ln2) : NULL;
        if (ln2)
            l->line = ln2;
        double(*v2)[3] = ln2 ? realloc(l->verif, cap * sizeof *v2) : NULL;
        if (v2)
            l->verif = v2;
        int *hv2 = v2 ? realloc(l->has_verif, cap * sizeof *hv2) : NULL;
        if (!hv2)
            return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                               "out of memory after %zu element sets", n);
        l->has_verif = hv2;
    }
    l->el[n] = *el;
    l->line[n] = line;
    if (verif) {
        memcpy(l->verif[n], verif, sizeof l->verif[n]);
        l->has_verif[n] = 1;
    } else {
        l->verif[n][0] = l->verif[n][1] = l->verif[n][2] = 0.0;
        l->has_verif[n] = 0;
    }
    l->n = n + 1;
    return ODC_OK;
}

void odc_elset_list_free(odc_elset_list *l)
{
    if (!l)
        return;
    free(l->el);
    free(l->line);
    free(l->verif);
    free(l->has_verif);
    memset(l, 0, sizeof *l);
}

int odc_elset__slurp(const char *path, char **buf, size_t *len, odc_err *err)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s",
                           strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (n + 1 >= cap) {
            char *b2 = realloc(b, cap * 2);
            if (!b2) {
                free(b);
                b = NULL;
                break;
            }
            b = b2;
            cap *= 2;
        }
        size_t got = fread(b + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int rd_err = ferror(f);
    fclose(f);
    if (!b)
        return odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
    if (rd_err) {
        free(b);
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "read error");
    }
    b[n] = '\0';
    const char *nul = memchr(b, '\0', n);
    if (nul) {
        /* Report the line of the NUL so the user can find it. */
        int line = 1;
        size_t off = (size_t)(nul - b);
        for (const char *p = b; p < nul; p++)
            line += *p == '\n';
        free(b);
        return odc_err_set(err, ODC_EINPUT, path, line, 0, NULL,
                           "NUL byte at offset %zu: not a text file", off);
    }
    *buf = b;
    *len = n;
    return ODC_OK;
}

/* Days from 1 January of year 1 to 1 January of year y (proleptic
 * Gregorian): 365 per year plus the leap days of the years before. */
static long days_before_year(long y)
{
    long p = y - 1;
    long fl4 = p >= 0 ? p / 4 : -((-p + 3) / 4);
    long fl100 = p >= 0 ? p / 100 : -((-p + 99) / 100);
    long fl400 = p >= 0 ? p / 400 : -((-p + 399) / 400);
    return 365 * p + fl4 - fl100 + fl400;
}

double odc_elset__jd_jan1(int year)
{
    /* JD of 0001-01-01 0h (proleptic Gregorian) is 1721425.5; check:
     * 2000-01-01 0h = 2451544.5 (Meeus, Astronomical Algorithms, ch. 7). */
    return 1721425.5 + (double)days_before_year(year);
}

int odc_elset__days_in_year(int year)
{
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return 365 + leap;
}

double odc_elset__jd_date(int year, int month, int day)
{
    static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int doy = cum[month - 1] + day;
    if (month > 2 && odc_elset__days_in_year(year) == 366)
        doy++;
    return odc_elset__jd_jan1(year) + (doy - 1);
}

int odc_elset__decimal(const char *s, size_t len, int allow_sign, double *out)
{
    static const double p10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0;
    if (allow_sign && i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    uint64_t m = 0;
    int ndig = 0, nfrac = 0, seen_point = 0, sig = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            ndig++;
            if (m == 0 && c == '0') {
                /* leading zeros are not significant */
            } else {
                sig++;
                if (sig > 19)
                    return -1;
                m = m * 10 + (uint64_t)(c - '0');
            }
            if (seen_point)
                nfrac++;
        } else if (c == '.' && !seen_point) {
            seen_point = 1;
        } else {
            break;
        }
    }
    if (ndig == 0)
        return -1;
    int ex = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0, edig = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (++edig > 3)
                return -1;
            ex = ex * 10 + (s[i] - '0');
        }
        if (edig == 0)
            return -1;
        if (eneg)
            ex = -ex;
    }
    if (i != len)
        return -1;
    int k = ex - nfrac;
    double v;
    if (m < ((uint64_t)1 << 53) && k >= -22 && k <= 22) {
        /* Both operands exact, so one IEEE operation: correctly rounded. */
        v = k < 0 ? (double)m / p10[-k] : (double)m * p10[k];
    } else {
        /* Rare: long mantissas or large exponents. strtod is correctly
         * rounded in glibc; the text is plain ASCII with '.' (checked). */
        char tmp[64];
        if (len >= sizeof tmp)
            return -1;
        memcpy(tmp, s, len);
        tmp[len] = '\0';
        v = strtod(tmp, NULL);
        if (v < 0)
            v = -v;
    }
    *out = neg ? -v : v;
    return 0;
}

size_t odc_elset__utf8_bad(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        size_t len;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (size_t k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}
