/* CCSDS OMM keywords: what each one means in odc_elements, the checks on
 * its value (the same ranges as the TLE reader), the epoch in ISO form,
 * format detection, and the three writers (CSV, JSON, XML). The syntaxes
 * themselves are read in omm_csv.c, omm_json.c and omm_xml.c.
 *
 * Keywords: CCSDS 502.0-B-3, Orbit Data Messages (2023), sec. 4.2 (OMM
 * metadata and data, SGP4 mean elements and TLE-related parameters);
 * CelesTrak, "A New Way to Obtain GP Data" (T.S. Kelso, 2020). */
#include "odc/omm.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elset_internal.h"
#include "omm_internal.h"

enum kind { K_NAME, K_OBJID, K_EPOCH, K_DBL, K_INT, K_LONG, K_CLASS, K_META };

typedef struct kw {
    const char *name;
    enum kind   kind;
    size_t      off;       /* offset in odc_elements                        */
    int         required;
    double      lo, hi;    /* K_DBL / K_INT range                           */
    int         hi_open;   /* 1: value must be < hi                          */
    int         lo_open;   /* 1: value must be > lo                          */
    const char *meta;      /* K_META: the value SGP4 elements need           */
} kw;

#define OFF(f) offsetof(odc_elements, f)
static const kw KW[] = {
    {"OBJECT_NAME", K_NAME, OFF(name), 0, 0, 0, 0, 0, NULL},
    {"OBJECT_ID", K_OBJID, OFF(object_id), 0, 0, 0, 0, 0, NULL},
    {"EPOCH", K_EPOCH, 0, 1, 0, 0, 0, 0, NULL},
    {"MEAN_MOTION", K_DBL, OFF(mean_motion_rev_day), 1, 0, 1e3, 0, 1, NULL},
    {"ECCENTRICITY", K_DBL, OFF(ecc), 1, 0, 1, 1, 0, NULL},
    {"INCLINATION", K_DBL, OFF(incl_deg), 1, 0, 180, 0, 0, NULL},
    {"RA_OF_ASC_NODE", K_DBL, OFF(raan_deg), 1, 0, 360, 0, 0, NULL},
    {"ARG_OF_PERICENTER", K_DBL, OFF(argp_deg), 1, 0, 360, 0, 0, NULL},
    {"MEAN_ANOMALY", K_DBL, OFF(mean_anomaly_deg), 1, 0, 360, 0, 0, NULL},
    {"EPHEMERIS_TYPE", K_INT, OFF(ephemeris_type), 0, 0, 9, 0, 0, NULL},
    {"CLASSIFICATION_TYPE", K_CLASS, OFF(classification), 0, 0, 0, 0, 0, NULL},
    {"NORAD_CAT_ID", K_LONG, OFF(norad), 1, 0, 999999999, 0, 0, NULL},
    {"ELEMENT_SET_NO", K_INT, OFF(element_set_no), 0, 0, 99999999, 0, 0, NULL},
    {"REV_AT_EPOCH", K_LONG, OFF(rev_at_epoch), 0, 0, 999999999, 0, 0, NULL},
    {"BSTAR", K_DBL, OFF(bstar), 1, -1e3, 1e3, 0, 0, NULL},
    {"MEAN_MOTION_DOT", K_DBL, OFF(mean_motion_dot), 1, -1e3, 1e3, 0, 0, NULL},
    {"MEAN_MOTION_DDOT", K_DBL, OFF(mean_motion_ddot), 1, -1e3, 1e3, 0, 0, NULL},
    /* Metadata: when given they must say SGP4 mean elements about the Earth
     * in TEME, epoch in UTC; anything else would be propagated wrongly. */
    {"CENTER_NAME", K_META, 0, 0, 0, 0, 0, 0, "EARTH"},
    {"REF_FRAME", K_META, 0, 0, 0, 0, 0, 0, "TEME"},
    {"TIME_SYSTEM", K_META, 0, 0, 0, 0, 0, 0, "UTC"},
    {"MEAN_ELEMENT_THEORY", K_META, 0, 0, 0, 0, 0, 0, "SGP4"},
};
#define NKW (sizeof KW / sizeof KW[0])

static int where_err(const omm_where *w, const char *field, odc_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int where_err(const omm_where *w, const char *field, odc_err *err, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return odc_err_set(err, ODC_EINPUT, w->file, w->line, w->col, field, "record %d: %s",
                       w->recno, msg);
}

/* Printable, quoted copy of at most 40 bytes of s. */
static const char *quoted(const char *s, size_t n, char *buf, size_t bn)
{
    size_t o = 0;
    buf[o++] = '"';
    for (size_t i = 0; i < n && i < 40 && o + 6 < bn; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, bn - o, "\\x%02x", c);
    }
    if (n > 40 && o + 4 < bn) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

void omm__begin(omm_rec *r)
{
    memset(r, 0, sizeof *r);
    r->el.classification = 'U';
}

static const kw *find_kw(const char *key, size_t n, int *idx)
{
    for (size_t k = 0; k < NKW; k++)
        if (strlen(KW[k].name) == n && !memcmp(KW[k].name, key, n)) {
            *idx = (int)k;
            return &KW[k];
        }
    return NULL;
}

static int check_range(const kw *k, double v, const omm_where *w, odc_err *err)
{
    if (!isfinite(v) || (k->lo_open ? v <= k->lo : v < k->lo) ||
        (k->hi_open ? v >= k->hi : v > k->hi))
        return where_err(w, k->name, err, "%.17g is out of range %s%g, %g%s", v,
                         k->lo_open ? "(" : "[", k->lo, k->hi, k->hi_open ? ")" : "]");
    return ODC_OK;
}

static int set_int(omm_rec *r, const kw *k, double v, const omm_where *w, odc_err *err)
{
    if (v != floor(v))
        return where_err(w, k->name, err, "expected an integer, got %.17g", v);
    int rc = check_range(k, v, w, err);
    if (rc)
        return rc;
    if (k->kind == K_INT)
        *(int *)((char *)&r->el + k->off) = (int)v;
    else
        *(long *)((char *)&r->el + k->off) = (long)v;
    return ODC_OK;
}

static int mark_seen(omm_rec *r, int idx, const omm_where *w, odc_err *err)
{
    if (r->seen & (1UL << idx))
        return where_err(w, KW[idx].name, err, "keyword given twice");
    r->seen |= 1UL << idx;
    return ODC_OK;
}

int omm__set_text(omm_rec *r, const char *key, size_t keylen, const char *val, size_t vlen,
                  const omm_where *w, odc_err *err)
{
    int idx;
    const kw *k = find_kw(key, keylen, &idx);
    if (!k)
        return ODC_OK;
    int rc = mark_seen(r, idx, w, err);
    if (rc)
        return rc;
    while (vlen > 0 && (*val == ' ' || *val == '\t' || *val == '\r' || *val == '\n')) {
        val++;
        vlen--;
    }
    while (vlen > 0 && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t' ||
                        val[vlen - 1] == '\r' || val[vlen - 1] == '\n'))
        vlen--;
    char q[200];
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = (unsigned char)val[i];
        if (c < 0x20 || c == 0x7f)
            return where_err(w, k->name, err, "control character 0x%02x in %s", c,
                             quoted(val, vlen, q, sizeof q));
    }
    if (vlen == 0) {
        if (k->required)
            return where_err(w, k->name, err, "empty value for a required keyword");
        r->seen &= ~(1UL << idx); /* empty optional: as if absent */
        return ODC_OK;
    }
    switch (k->kind) {
    case K_NAME:
    case K_OBJID: {
        size_t bad = odc_elset__utf8_bad(val, vlen);
        if (bad < vlen)
            return where_err(w, k->name, err, "invalid UTF-8 at byte %zu of %s", bad + 1,
                             quoted(val, vlen, q, sizeof q));
        char *dst = (char *)&r->el + k->off;
        size_t cap = k->kind == K_NAME ? sizeof r->el.name : sizeof r->el.object_id;
        if (vlen >= cap)
            return where_err(w, k->name, err, "%s is longer than %zu bytes",
                             quoted(val, vlen, q, sizeof q), cap - 1);
        memcpy(dst, val, vlen);
        dst[vlen] = '\0';
        return ODC_OK;
    }
    case K_EPOCH: {
        char buf[64];
        if (vlen >= sizeof buf)
            return where_err(w, k->name, err, "expected an ISO date \"YYYY-MM-DDThh:mm:ss.ffffff\", "
                             "got %s", quoted(val, vlen, q, sizeof q));
        memcpy(buf, val, vlen);
        buf[vlen] = '\0';
        odc_err e2;
        if (odc_omm_parse_epoch(buf, &r->el, &e2))
            return where_err(w, k->name, err, "%s", e2.msg);
        return ODC_OK;
    }
    case K_DBL:
    case K_INT:
    case K_LONG: {
        double v;
        int isint = k->kind != K_DBL;
        int ok = !odc_elset__decimal(val, vlen, !isint, &v);
        if (ok && isint)
            for (size_t i = 0; i < vlen; i++)
                ok &= val[i] >= '0' && val[i] <= '9';
        if (!ok)
            return where_err(w, k->name, err, "expected %s, got %s",
                             isint ? "an unsigned integer" : "a decimal number",
                             quoted(val, vlen, q, sizeof q));
        if (isint)
            return set_int(r, k, v, w, err);
        if ((rc = check_range(k, v, w, err)))
            return rc;
        *(double *)((char *)&r->el + k->off) = v;
        return ODC_OK;
    }
    case K_CLASS:
        if (vlen != 1 || (val[0] != 'U' && val[0] != 'C' && val[0] != 'S'))
            return where_err(w, k->name, err, "expected U, C or S, got %s",
                             quoted(val, vlen, q, sizeof q));
        r->el.classification = val[0];
        return ODC_OK;
    case K_META:
        if (strlen(k->meta) != vlen || memcmp(k->meta, val, vlen))
            return where_err(w, k->name, err,
                             "expected %s (SGP4 mean elements: centre EARTH, frame TEME, "
                             "time UTC), got %s",
                             k->meta, quoted(val, vlen, q, sizeof q));
        return ODC_OK;
    }
    return ODC_OK;
}

int omm__set_number(omm_rec *r, const char *key, size_t keylen, double v, const omm_where *w,
                    odc_err *err)
{
    int idx;
    const kw *k = find_kw(key, keylen, &idx);
    if (!k)
        return ODC_OK;
    if (k->kind != K_DBL && k->kind != K_INT && k->kind != K_LONG)
        return where_err(w, k->name, err, "expected a string, got the number %.17g", v);
    int rc = mark_seen(r, idx, w, err);
    if (rc)
        return rc;
    if (k->kind != K_DBL)
        return set_int(r, k, v, w, err);
    if ((rc = check_range(k, v, w, err)))
        return rc;
    *(double *)((char *)&r->el + k->off) = v;
    return ODC_OK;
}

int omm__set_wrong_type(omm_rec *r, const char *key, size_t keylen, const char *what,
                        const omm_where *w, odc_err *err)
{
    int idx;
    (void)r;
    const kw *k = find_kw(key, keylen, &idx);
    if (!k)
        return ODC_OK;
    return where_err(w, k->name, err, "expected %s, got %s",
                     k->kind == K_DBL || k->kind == K_INT || k->kind == K_LONG ? "a number"
                                                                               : "a string",
                     what);
}

int omm__finish(omm_rec *r, const omm_where *w, odc_err *err)
{
    for (size_t k = 0; k < NKW; k++)
        if (KW[k].required && !(r->seen & (1UL << k)))
            return where_err(w, KW[k].name, err, "required keyword missing");
    return ODC_OK;
}

/* ---------------------------------------------------------------- epoch */

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int odc_omm_parse_epoch(const char *iso, odc_elements *el, odc_err *err)
{
    static const char *what =
        "expected an ISO date \"YYYY-MM-DDThh:mm:ss[.ffffff]\" or \"YYYY-DDDThh:mm:ss[.ffffff]\" (UTC)";
    char q[200];
    size_t n = strlen(iso);
    int y, mo = 0, d = 0, doy = 0, h, mi, s;
    const char *p = iso;
    if (n < 17 || digits(p, 4, &y) || p[4] != '-')
        goto bad;
    p += 5;
    if (n >= 19 && p[2] == '-') {
        if (digits(p, 2, &mo) || digits(p + 3, 2, &d))
            goto bad;
        p += 5;
    } else {
        if (digits(p, 3, &doy))
            goto bad;
        p += 3;
    }
    if ((size_t)(p - iso) + 9 > n || p[0] != 'T' || digits(p + 1, 2, &h) || p[3] != ':' ||
        digits(p + 4, 2, &mi) || p[6] != ':' || digits(p + 7, 2, &s))
        goto bad;
    p += 9;
    long long fnum = 0, fden = 1;
    if (*p == '.') {
        p++;
        int nf = 0;
        for (; *p >= '0' && *p <= '9'; p++, nf++) {
            if (nf == 9)
                goto bad; /* nanoseconds at most */
            fnum = fnum * 10 + (*p - '0');
            fden *= 10;
        }
        if (nf == 0)
            goto bad;
    }
    if (*p == 'Z')
        p++;
    if (*p)
        goto bad;
    int ndays = odc_elset__days_in_year(y);
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (doy == 0) {
        if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && ndays == 366))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                               "%s: no such date", quoted(iso, n, q, sizeof q));
    } else if (doy > ndays) {
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                           "%s: day of year out of range 1..%d", quoted(iso, n, q, sizeof q),
                           ndays);
    }
    if (h > 23 || mi > 59 || s > 59)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                           "%s: time of day out of range (00:00:00 .. 23:59:59.999999999)",
                           quoted(iso, n, q, sizeof q));
    double jd0 = doy ? odc_elset__jd_jan1(y) + (doy - 1) : odc_elset__jd_date(y, mo, d);
    /* Fraction of day as one division of exact integers (< 2^53):
     * correctly rounded. */
    long long num = ((long long)(h * 60 + mi) * 60 + s) * fden + fnum;
    double frac = (double)num / (86400.0 * (double)fden);
    return odc_elements_set_epoch_jd(el, jd0, frac, err);
bad:
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH", "%s, got %s", what,
                       quoted(iso, n, q, sizeof q));
}

int omm__fmt_epoch(const odc_elements *el, char buf[32], odc_err *err)
{
    odc_elements ep = *el;
    int rc = odc_elements_set_epoch_jd(&ep, el->epoch_jd, el->epoch_jd_frac, err);
    if (rc)
        return rc;
    long long us = llround(ep.epoch_jd_frac * 86400e6);
    if (us >= 86400000000LL) {
        if ((rc = odc_elements_set_epoch_jd(&ep, ep.epoch_jd + 1.0, 0.0, err)))
            return rc;
        us = 0;
    }
    if (ep.epoch_year < 0 || ep.epoch_year > 9999)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                           "year %d cannot be written as YYYY", ep.epoch_year);
    int mo = 1;
    while (mo < 12 && odc_elset__jd_date(ep.epoch_year, mo + 1, 1) <= ep.epoch_jd)
        mo++;
    int d = (int)lround(ep.epoch_jd - odc_elset__jd_date(ep.epoch_year, mo, 1)) + 1;
    long long sec = us / 1000000, usr = us % 1000000;
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld", ep.epoch_year, mo, d,
             (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60), usr);
    memcpy(buf, tmp, 27); /* 26 characters and the NUL */
    return ODC_OK;
}

void omm__fmt_double(double v, char *buf, size_t n)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* ------------------------------------------------------------ detection */

static const char *skip_space_bom(const char *t, size_t len, size_t *i)
{
    size_t k = 0;
    if (len >= 3 && (unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBB &&
        (unsigned char)t[2] == 0xBF)
        k = 3;
    while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n'))
        k++;
    *i = k;
    return t + k;
}

int odc_omm_read_string(const char *text, size_t len, const char *file, odc_elset_list *out,
                        odc_err *err)
{
    odc_elset_list l = {0};
    size_t i;
    if (!file)
        file = "<string>";
    skip_space_bom(text, len, &i);
    int rc;
    if (i < len && text[i] == '<')
        rc = omm__read_xml(text, len, file, &l, err);
    else if (i < len && (text[i] == '[' || text[i] == '{'))
        rc = omm__read_json(text, len, file, &l, err);
    else
        rc = omm__read_csv(text, len, file, &l, err);
    if (rc) {
        odc_elset_list_free(&l);
        return rc;
    }
    *out = l;
    return ODC_OK;
}

int odc_omm_read_file(const char *path, odc_elset_list *out, odc_err *err)
{
    char *buf;
    size_t len;
    int rc = odc_elset__slurp(path, &buf, &len, err);
    if (rc)
        return rc;
    rc = odc_omm_read_string(buf, len, path, out, err);
    free(buf);
    return rc;
}

int odc_elsets_read_file(const char *path, const odc_tle_options *opt, odc_elset_list *out,
                         odc_err *err)
{
    char *buf;
    size_t len, i;
    int rc = odc_elset__slurp(path, &buf, &len, err);
    if (rc)
        return rc;
    const char *t = skip_space_bom(buf, len, &i);
    int omm = 0;
    if (i < len && (*t == '<' || *t == '[' || *t == '{')) {
        omm = 1;
    } else if (i < len) {
        /* A CSV OMM starts with its header row of keywords. */
        size_t eol = strcspn(t, "\n");
        char first[4096];
        size_t m = eol < sizeof first - 1 ? eol : sizeof first - 1;
        memcpy(first, t, m);
        first[m] = '\0';
        omm = strchr(first, ',') && (strstr(first, "NORAD_CAT_ID") || strstr(first, "EPOCH"));
    }
    rc = omm ? odc_omm_read_string(buf, len, path, out, err)
             : odc_tle_read_string(buf, path, opt, out, err);
    free(buf);
    return rc;
}

/* -------------------------------------------------------------- writers */

static int check_text(const char *s, const char *field, size_t i, odc_err *err)
{
    if (odc_elset__utf8_bad(s, strlen(s)) < strlen(s))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "set %zu: invalid UTF-8 cannot be written", i + 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                               "set %zu: control character 0x%02x cannot be written", i + 1, *p);
    return ODC_OK;
}

static void csv_field(FILE *fp, const char *s)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL || (s[0] == ' ') ||
                (s[0] && s[strlen(s) - 1] == ' ');
    if (!quote) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void xml_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

/* cJSON prints numbers with 15 digits when they compare equal within a
 * relative epsilon, which does not always read back to the same double:
 * write the shortest exact text ourselves. */
static void add_num(cJSON *o, const char *key, double v)
{
    char buf[40];
    omm__fmt_double(v, buf, sizeof buf);
    cJSON_AddRawToObject(o, key, buf);
}

int odc_omm_write(FILE *fp, const odc_elements *el, size_t n, odc_omm_format fmt, odc_err *err)
{
    int rc;
    /* Validate everything first, so a bad set leaves no partial output
     * behind in the caller's (atomic) file. */
    for (size_t i = 0; i < n; i++) {
        char ep[32];
        if ((rc = omm__fmt_epoch(&el[i], ep, err)) ||
            (rc = check_text(el[i].name, "OBJECT_NAME", i, err)) ||
            (rc = check_text(el[i].object_id, "OBJECT_ID", i, err)))
            return rc;
        const double v[9] = {el[i].mean_motion_rev_day, el[i].ecc, el[i].incl_deg,
                             el[i].raan_deg, el[i].argp_deg, el[i].mean_anomaly_deg,
                             el[i].bstar, el[i].mean_motion_dot, el[i].mean_motion_ddot};
        for (int k = 0; k < 9; k++)
            if (!isfinite(v[k]))
                return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                                   "set %zu: an element is not a finite number", i + 1);
        char c = el[i].classification ? el[i].classification : 'U';
        if (c != 'U' && c != 'C' && c != 'S')
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "CLASSIFICATION_TYPE",
                               "set %zu: expected U, C or S", i + 1);
    }
    if (fmt == ODC_OMM_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr && i < n; i++) {
            const odc_elements *e = &el[i];
            char ep[32], cl[2] = {e->classification ? e->classification : 'U', 0};
            omm__fmt_epoch(e, ep, err);
            cJSON *o = cJSON_CreateObject();
            if (!o || !cJSON_AddItemToArray(arr, o)) {
                cJSON_Delete(o);
                cJSON_Delete(arr);
                arr = NULL;
                break;
            }
            cJSON_AddStringToObject(o, "OBJECT_NAME", e->name);
            cJSON_AddStringToObject(o, "OBJECT_ID", e->object_id);
            cJSON_AddStringToObject(o, "EPOCH", ep);
            add_num(o, "MEAN_MOTION", e->mean_motion_rev_day);
            add_num(o, "ECCENTRICITY", e->ecc);
            add_num(o, "INCLINATION", e->incl_deg);
            add_num(o, "RA_OF_ASC_NODE", e->raan_deg);
            add_num(o, "ARG_OF_PERICENTER", e->argp_deg);
            add_num(o, "MEAN_ANOMALY", e->mean_anomaly_deg);
            cJSON_AddNumberToObject(o, "EPHEMERIS_TYPE", e->ephemeris_type);
            cJSON_AddStringToObject(o, "CLASSIFICATION_TYPE", cl);
            cJSON_AddNumberToObject(o, "NORAD_CAT_ID", (double)e->norad);
            cJSON_AddNumberToObject(o, "ELEMENT_SET_NO", e->element_set_no);
            cJSON_AddNumberToObject(o, "REV_AT_EPOCH", (double)e->rev_at_epoch);
            add_num(o, "BSTAR", e->bstar);
            add_num(o, "MEAN_MOTION_DOT", e->mean_motion_dot);
            add_num(o, "MEAN_MOTION_DDOT", e->mean_motion_ddot);
        }
        char *txt = arr ? cJSON_Print(arr) : NULL;
        cJSON_Delete(arr);
        if (!txt)
            return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory writing JSON");
        fputs(txt, fp);
        fputc('\n', fp);
        cJSON_free(txt);
    } else if (fmt == ODC_OMM_CSV) {
        fputs("OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,"
              "RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,"
              "CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,"
              "MEAN_MOTION_DOT,MEAN_MOTION_DDOT\r\n",
              fp);
        for (size_t i = 0; i < n; i++) {
            const odc_elements *e = &el[i];
            char ep[32], v[7][40];
            omm__fmt_epoch(e, ep, err);
            csv_field(fp, e->name);
            fputc(',', fp);
            csv_field(fp, e->object_id);
            omm__fmt_double(e->mean_motion_rev_day, v[0], 40);
            omm__fmt_double(e->ecc, v[1], 40);
            omm__fmt_double(e->incl_deg, v[2], 40);
            omm__fmt_double(e->raan_deg, v[3], 40);
            omm__fmt_double(e->argp_deg, v[4], 40);
            omm__fmt_double(e->mean_anomaly_deg, v[5], 40);
            fprintf(fp, ",%s,%s,%s,%s,%s,%s,%s,%d,%c,%ld,%d,%ld,", ep, v[0], v[1], v[2], v[3],
                    v[4], v[5], e->ephemeris_type, e->classification ? e->classification : 'U',
                    e->norad, e->element_set_no, e->rev_at_epoch);
            omm__fmt_double(e->bstar, v[0], 40);
            omm__fmt_double(e->mean_motion_dot, v[1], 40);
            omm__fmt_double(e->mean_motion_ddot, v[2], 40);
            fprintf(fp, "%s,%s,%s\r\n", v[0], v[1], v[2]);
        }
    } else if (fmt == ODC_OMM_XML) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<ndm xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
              "xsi:noNamespaceSchemaLocation=\"https://sanaregistry.org/r/ndmxml_unqualified/"
              "ndmxml-3.0.0-master-3.0.xsd\">\n",
              fp);
        for (size_t i = 0; i < n; i++) {
            const odc_elements *e = &el[i];
            char ep[32], v[40];
            omm__fmt_epoch(e, ep, err);
            fputs("<omm id=\"CCSDS_OMM_VERS\" version=\"2.0\">\n"
                  "<header><CREATION_DATE/><ORIGINATOR/></header>\n"
                  "<body><segment>\n<metadata><OBJECT_NAME>",
                  fp);
            xml_text(fp, e->name);
            fputs("</OBJECT_NAME><OBJECT_ID>", fp);
            xml_text(fp, e->object_id);
            fputs("</OBJECT_ID><CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>TEME</REF_FRAME>"
                  "<TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY>"
                  "</metadata>\n<data><meanElements>",
                  fp);
            fprintf(fp, "<EPOCH>%s</EPOCH>", ep);
            const struct {
                const char *k;
                double v;
            } me[6] = {{"MEAN_MOTION", e->mean_motion_rev_day}, {"ECCENTRICITY", e->ecc},
                       {"INCLINATION", e->incl_deg}, {"RA_OF_ASC_NODE", e->raan_deg},
                       {"ARG_OF_PERICENTER", e->argp_deg}, {"MEAN_ANOMALY", e->mean_anomaly_deg}};
            for (int k = 0; k < 6; k++) {
                omm__fmt_double(me[k].v, v, sizeof v);
                fprintf(fp, "<%s>%s</%s>", me[k].k, v, me[k].k);
            }
            fprintf(fp,
                    "</meanElements>\n<tleParameters><EPHEMERIS_TYPE>%d</EPHEMERIS_TYPE>"
                    "<CLASSIFICATION_TYPE>%c</CLASSIFICATION_TYPE><NORAD_CAT_ID>%ld"
                    "</NORAD_CAT_ID><ELEMENT_SET_NO>%d</ELEMENT_SET_NO><REV_AT_EPOCH>%ld"
                    "</REV_AT_EPOCH>",
                    e->ephemeris_type, e->classification ? e->classification : 'U', e->norad,
                    e->element_set_no, e->rev_at_epoch);
            const struct {
                const char *k;
                double v;
            } tp[3] = {{"BSTAR", e->bstar}, {"MEAN_MOTION_DOT", e->mean_motion_dot},
                       {"MEAN_MOTION_DDOT", e->mean_motion_ddot}};
            for (int k = 0; k < 3; k++) {
                omm__fmt_double(tp[k].v, v, sizeof v);
                fprintf(fp, "<%s>%s</%s>", tp[k].k, v, tp[k].k);
            }
            fputs("</tleParameters></data>\n</segment></body>\n</omm>\n", fp);
        }
        fputs("</ndm>\n", fp);
    } else {
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL, "unknown OMM format %d", (int)fmt);
    }
    if (ferror(fp))
        return odc_err_set(err, ODC_EIO, NULL, 0, 0, NULL, "write error");
    return ODC_OK;
}
