/* Two-line element sets: the fixed-column reader (with checksum, Alpha-5
 * catalogue numbers, implied decimal points and exponents, 2- and 3-line
 * files) and the writer. Every field is checked for its characters and
 * range, so a damaged line gives an error that names the file, line, column
 * and field instead of a silently wrong orbit.
 *
 * Format: CelesTrak, "NORAD Two-Line Element Set Format" (T.S. Kelso,
 * https://celestrak.org/NORAD/documentation/tle-fmt.php); Alpha-5: 18 SDS,
 * https://www.space-track.org/documentation#tle-alpha5. */
#include "odc/tle.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elset_internal.h"

/* One line being parsed, for error messages. */
typedef struct tle_line {
    const char *s;     /* the text (not NUL-terminated at len)            */
    size_t      len;   /* length without trailing blanks / CR             */
    const char *file;
    int         lineno;
    odc_err    *err;
} tle_line;

/* Column ranges (1-based, inclusive) and field names of both lines; used
 * to name the field that a missing column belongs to. */
typedef struct col_field {
    int c0, c1;
    const char *name;
} col_field;

static const col_field L1_FIELDS[] = {
    {1, 1, "LINE_NUMBER"}, {2, 2, "separator"}, {3, 7, "NORAD_CAT_ID"},
    {8, 8, "CLASSIFICATION_TYPE"}, {9, 9, "separator"}, {10, 17, "OBJECT_ID"},
    {18, 18, "separator"}, {19, 20, "EPOCH_YEAR"}, {21, 32, "EPOCH_DAY"},
    {33, 33, "separator"}, {34, 43, "MEAN_MOTION_DOT"}, {44, 44, "separator"},
    {45, 52, "MEAN_MOTION_DDOT"}, {53, 53, "separator"}, {54, 61, "BSTAR"},
    {62, 62, "separator"}, {63, 63, "EPHEMERIS_TYPE"}, {64, 64, "separator"},
    {65, 68, "ELEMENT_SET_NO"}, {69, 69, "CHECKSUM"}, {0, 0, NULL}};

static const col_field L2_FIELDS[] = {
    {1, 1, "LINE_NUMBER"}, {2, 2, "separator"}, {3, 7, "NORAD_CAT_ID"},
    {8, 8, "separator"}, {9, 16, "INCLINATION"}, {17, 17, "separator"},
    {18, 25, "RA_OF_ASC_NODE"}, {26, 26, "separator"}, {27, 33, "ECCENTRICITY"},
    {34, 34, "separator"}, {35, 42, "ARG_OF_PERICENTER"}, {43, 43, "separator"},
    {44, 51, "MEAN_ANOMALY"}, {52, 52, "separator"}, {53, 63, "MEAN_MOTION"},
    {64, 68, "REV_AT_EPOCH"}, {69, 69, "CHECKSUM"}, {0, 0, NULL}};

static const char *field_at(const col_field *t, int col)
{
    for (; t->name; t++)
        if (col >= t->c0 && col <= t->c1)
            return t->name;
    return "CHECKSUM";
}

/* Columns c0..c1 of the line as a quoted, printable string. */
static void quote_cols(const tle_line *ln, int c0, int c1, char *out, size_t n)
{
    size_t o = 0;
    out[o++] = '"';
    for (int c = c0; c <= c1 && (size_t)c <= ln->len && o + 6 < n; c++) {
        unsigned char ch = (unsigned char)ln->s[c - 1];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')
            out[o++] = (char)ch;
        else
            o += (size_t)snprintf(out + o, n - o, "\\x%02x", ch);
    }
    out[o++] = '"';
    out[o] = '\0';
}

static int bad(const tle_line *ln, int col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bad(const tle_line *ln, int col, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return odc_err_set(ln->err, ODC_EINPUT, ln->file, ln->lineno, col, field, "%s", msg);
}

/* "expected <what>, got "<columns c0..c1>"" at column c0. */
static int bad_field(const tle_line *ln, int c0, int c1, const char *field, const char *what)
{
    char q[96];
    quote_cols(ln, c0, c1, q, sizeof q);
    return bad(ln, c0, field, "expected %s, got %s", what, q);
}

static char col(const tle_line *ln, int c)
{
    return ln->s[c - 1];
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int sep(const tle_line *ln, int c, const col_field *t)
{
    if (col(ln, c) == ' ')
        return ODC_OK;
    /* The field after the separator is the likely culprit (shifted). */
    char what[80];
    snprintf(what, sizeof what, "a blank column separator before %s", field_at(t, c + 1));
    return bad_field(ln, c, c, "separator", what);
}

/* Right-justified unsigned integer in c0..c1 (leading blanks allowed; all
 * blank allowed when blank_ok, giving 0). */
static int int_field(const tle_line *ln, int c0, int c1, const char *field,
                     int blank_ok, long *out)
{
    int c = c0;
    while (c <= c1 && col(ln, c) == ' ')
        c++;
    if (c > c1) {
        if (blank_ok) {
            *out = 0;
            return ODC_OK;
        }
        return bad_field(ln, c0, c1, field, "digits, got a blank field; full field");
    }
    long v = 0;
    for (; c <= c1; c++) {
        if (!is_digit(col(ln, c))) {
            char what[64];
            snprintf(what, sizeof what, "%d right-justified digits", c1 - c0 + 1);
            return bad_field(ln, c0, c1, field, what);
        }
        v = v * 10 + (col(ln, c) - '0');
    }
    *out = v;
    return ODC_OK;
}

/* Fixed-point number in c0..c1 with its decimal point in column cpoint:
 * leading blanks, an optional sign (allow_sign), integer digits (maybe
 * none), '.', then digits up to c1. The point's position is part of the
 * format: a point elsewhere means a shifted or damaged line. */
static int dec_field(const tle_line *ln, int c0, int c1, int cpoint, const char *field,
                     int allow_sign, const char *what, double *out)
{
    int c = c0;
    while (c < cpoint && col(ln, c) == ' ')
        c++;
    int start = c;
    if (allow_sign && c < cpoint && (col(ln, c) == '-' || col(ln, c) == '+'))
        c++;
    for (; c < cpoint; c++)
        if (!is_digit(col(ln, c)))
            return bad_field(ln, c0, c1, field, what);
    if (col(ln, cpoint) != '.')
        return bad_field(ln, c0, c1, field, what);
    for (c = cpoint + 1; c <= c1; c++)
        if (!is_digit(col(ln, c)))
            return bad_field(ln, c0, c1, field, what);
    if (odc_elset__decimal(ln->s + start - 1, (size_t)(c1 - start + 1), allow_sign, out))
        return bad_field(ln, c0, c1, field, what);
    return ODC_OK;
}

/* 8 columns "SMMMMMsE": value = S 0.MMMMM x 10^(sE), S one of ' ', '+',
 * '-', s one of '-', '+', ' ' (as '+'). */
static int exp_field(const tle_line *ln, int c0, const char *field, double *out)
{
    static const char *what =
        "[sign]5 digits, exponent sign and digit (implied leading decimal "
        "point, e.g. \" 12345-3\" = 0.12345e-3)";
    char s = col(ln, c0), es = col(ln, c0 + 6), ed = col(ln, c0 + 7);
    if (s != ' ' && s != '+' && s != '-')
        return bad_field(ln, c0, c0 + 7, field, what);
    long m = 0;
    for (int c = c0 + 1; c <= c0 + 5; c++) {
        if (!is_digit(col(ln, c)))
            return bad_field(ln, c0, c0 + 7, field, what);
        m = m * 10 + (col(ln, c) - '0');
    }
    if ((es != '-' && es != '+' && es != ' ') || !is_digit(ed))
        return bad_field(ln, c0, c0 + 7, field, what);
    static const double p10[15] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14};
    int k = (es == '-' ? -(ed - '0') : (ed - '0')) - 5; /* -14 .. 4 */
    double v = k < 0 ? (double)m / p10[-k] : (double)m * p10[k];
    *out = s == '-' ? -v : v;
    return ODC_OK;
}

/* Alpha-5 letters: A=10 .. Z=33 without I and O. */
static int alpha5_value(char c)
{
    if (c < 'A' || c > 'Z' || c == 'I' || c == 'O')
        return -1;
    int v = 10 + (c - 'A');
    if (c > 'I')
        v--;
    if (c > 'O')
        v--;
    return v;
}

static char alpha5_letter(long v)
{
    static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    return letters[v - 10];
}

static int catno_field(const tle_line *ln, long *out)
{
    char c = col(ln, 3);
    if (c >= 'A' && c <= 'Z') {
        int a = alpha5_value(c);
        long rest = 0;
        int ok = a >= 0;
        for (int k = 4; k <= 7 && ok; k++) {
            ok = is_digit(col(ln, k));
            rest = rest * 10 + (col(ln, k) - '0');
        }
        if (!ok)
            return bad_field(ln, 3, 7, "NORAD_CAT_ID",
                             "a catalogue number: 5 digits, or Alpha-5 (a letter "
                             "A-Z other than I and O, then 4 digits)");
        *out = a * 10000L + rest;
        return ODC_OK;
    }
    return int_field(ln, 3, 7, "NORAD_CAT_ID", 0, out);
}

static int angle_field(const tle_line *ln, int c0, const char *field, double max, double *out)
{
    int rc = dec_field(ln, c0, c0 + 7, c0 + 3, field, 0,
                       "an angle in degrees \"ddd.dddd\" (4 decimals)", out);
    if (rc)
        return rc;
    if (*out > max) {
        char q[32];
        quote_cols(ln, c0, c0 + 7, q, sizeof q);
        return bad(ln, c0, field, "%s degrees is out of range 0..%g", q, max);
    }
    return ODC_OK;
}

/* Trim trailing blanks, tabs and CR. */
static size_t trimmed_len(const char *s)
{
    size_t n = strcspn(s, "\n");
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

static int check_length(const tle_line *ln, const col_field *t, int verify)
{
    size_t need = verify ? 69 : 68;
    if (ln->len >= need)
        return ODC_OK;
    int c = (int)ln->len + 1;
    return bad(ln, c, field_at(t, c),
               "line is %zu characters long, expected 69 (missing columns from %d)",
               ln->len, c);
}

static int check_sum(const tle_line *ln, int verify)
{
    if (!verify)
        return ODC_OK;
    char c = col(ln, 69);
    if (!is_digit(c))
        return bad_field(ln, 69, 69, "CHECKSUM", "a checksum digit");
    int sum = 0;
    for (int k = 1; k <= 68; k++) {
        char d = col(ln, k);
        if (is_digit(d))
            sum += d - '0';
        else if (d == '-')
            sum += 1;
    }
    if (sum % 10 != c - '0')
        return bad(ln, 69, "CHECKSUM",
                   "checksum is %c but columns 1-68 sum to %d (mod 10)", c, sum % 10);
    return ODC_OK;
}

int odc_tle_checksum(const char *line)
{
    int sum = 0;
    for (int k = 0; k < 68 && line[k]; k++) {
        if (is_digit(line[k]))
            sum += line[k] - '0';
        else if (line[k] == '-')
            sum += 1;
    }
    return sum % 10;
}

static int parse_line1(const tle_line *ln, int verify, odc_elements *el)
{
    int rc;
    const col_field *t = L1_FIELDS;
    if ((rc = check_length(ln, t, verify)))
        return rc;
    if (col(ln, 1) != '1')
        return bad_field(ln, 1, 1, "LINE_NUMBER", "'1' (first line of an element set)");
    if ((rc = sep(ln, 2, t)) || (rc = catno_field(ln, &el->norad)))
        return rc;
    char cl = col(ln, 8);
    if (cl != 'U' && cl != 'C' && cl != 'S')
        return bad_field(ln, 8, 8, "CLASSIFICATION_TYPE", "'U', 'C' or 'S'");
    el->classification = cl;
    if ((rc = sep(ln, 9, t)))
        return rc;

    /* International designator YYNNNPPP: launch year, launch number of the
     * year, piece (1-3 letters, left-justified); may be blank. */
    el->object_id[0] = '\0';
    int blank = 1;
    for (int k = 10; k <= 17; k++)
        blank &= col(ln, k) == ' ';
    if (!blank) {
        static const char *what = "an international designator YYNNNPPP (launch year, "
                                  "launch number, 1-3 piece letters) or blanks";
        int ok = 1;
        for (int k = 10; k <= 14; k++)
            ok &= is_digit(col(ln, k));
        int np = 0;
        while (np < 3 && col(ln, 15 + np) >= 'A' && col(ln, 15 + np) <= 'Z')
            np++;
        for (int k = 15 + np; k <= 17; k++)
            ok &= col(ln, k) == ' ';
        if (!ok || np == 0)
            return bad_field(ln, 10, 17, "OBJECT_ID", what);
        int yy = (col(ln, 10) - '0') * 10 + (col(ln, 11) - '0');
        snprintf(el->object_id, sizeof el->object_id, "%d-%.3s%.*s",
                 yy >= 57 ? 1900 + yy : 2000 + yy, ln->s + 11, np, ln->s + 14);
    }
    if ((rc = sep(ln, 18, t)))
        return rc;

    /* Epoch: two-digit year (57-99 -> 19xx, 00-56 -> 20xx) and day of year
     * with fraction, 1.0 = 1 January 0h UTC. The fraction's digits are kept
     * as an exact decimal in epoch_jd_frac. */
    if (!is_digit(col(ln, 19)) || !is_digit(col(ln, 20)))
        return bad_field(ln, 19, 20, "EPOCH_YEAR", "2 digits (57-99 = 19xx, 00-56 = 20xx)");
    int yy = (col(ln, 19) - '0') * 10 + (col(ln, 20) - '0');
    int year = yy >= 57 ? 1900 + yy : 2000 + yy;
    {
        static const char *what = "day of year with fraction \"ddd.dddddddd\"";
        int c = 21;
        while (c <= 32 && col(ln, c) == ' ')
            c++;
        long day = 0;
        int nd = 0;
        for (; c <= 32 && is_digit(col(ln, c)); c++, nd++)
            day = day * 10 + (col(ln, c) - '0');
        if (nd == 0 || c != 24 || col(ln, c) != '.')
            return bad_field(ln, 21, 32, "EPOCH_DAY", what);
        int cpoint = c++;
        for (int k = c; k <= 32; k++)
            if (!is_digit(col(ln, k)))
                return bad_field(ln, 21, 32, "EPOCH_DAY", what);
        /* ".dddddddd" and "ddd.dddddddd", each correctly rounded. */
        double frac = 0.0, doy = (double)day;
        if (c <= 32) {
            odc_elset__decimal(ln->s + cpoint - 1, (size_t)(33 - cpoint), 0, &frac);
            odc_elset__decimal(ln->s + cpoint - 1 - nd, (size_t)(33 - cpoint + nd), 0, &doy);
        }
        int ndays = odc_elset__days_in_year(year);
        if (day < 1 || day > ndays) {
            char q[32];
            quote_cols(ln, 21, 32, q, sizeof q);
            return bad(ln, 21, "EPOCH_DAY", "day of year %s is out of range 1..%d+fraction for %d",
                       q, ndays, year);
        }
        el->epoch_year = year;
        el->epoch_doy = doy;
        el->epoch_jd = odc_elset__jd_jan1(year) + (double)(day - 1);
        el->epoch_jd_frac = frac;
    }
    if ((rc = sep(ln, 33, t)))
        return rc;
    if ((rc = dec_field(ln, 34, 43, 35, "MEAN_MOTION_DOT", 1,
                        "[sign].dddddddd (rev/day^2, first derivative / 2; point in column 35)",
                        &el->mean_motion_dot)))
        return rc;
    if (fabs(el->mean_motion_dot) >= 1.0)
        return bad_field(ln, 34, 43, "MEAN_MOTION_DOT", "a magnitude below 1 rev/day^2");
    if ((rc = sep(ln, 44, t)) || (rc = exp_field(ln, 45, "MEAN_MOTION_DDOT", &el->mean_motion_ddot)) ||
        (rc = sep(ln, 53, t)) || (rc = exp_field(ln, 54, "BSTAR", &el->bstar)) ||
        (rc = sep(ln, 62, t)))
        return rc;
    char et = col(ln, 63);
    if (et != ' ' && !is_digit(et))
        return bad_field(ln, 63, 63, "EPHEMERIS_TYPE", "one digit or a blank");
    el->ephemeris_type = et == ' ' ? 0 : et - '0';
    long esn;
    if ((rc = sep(ln, 64, t)) || (rc = int_field(ln, 65, 68, "ELEMENT_SET_NO", 1, &esn)))
        return rc;
    el->element_set_no = (int)esn;
    if (ln->len > 69)
        return bad(ln, 70, "line 1", "unexpected text after column 69");
    return check_sum(ln, verify);
}

/* Start, stop, step (minutes) after column 69 of line 2, as SGP4-VER.TLE
 * (Vallado et al. 2006) gives them. */
static int parse_verif(const tle_line *ln, double v[3])
{
    size_t i = 69;
    int n = 0;
    if (ln->s[69] != ' ' && ln->s[69] != '\t')
        return bad(ln, 70, "VERIFICATION", "expected a blank after the checksum in column 69");
    while (i < ln->len) {
        while (i < ln->len && (ln->s[i] == ' ' || ln->s[i] == '\t'))
            i++;
        size_t j = i;
        while (j < ln->len && ln->s[j] != ' ' && ln->s[j] != '\t')
            j++;
        if (j == i)
            break;
        if (n == 3 || odc_elset__decimal(ln->s + i, j - i, 1, &v[n]))
            return bad(ln, (int)i + 1, "VERIFICATION",
                       "expected three numbers after column 69 (start, stop, step in "
                       "minutes since epoch), got \"%.*s\"",
                       (int)(ln->len - 69 > 60 ? 60 : ln->len - 69), ln->s + 69);
        n++;
        i = j;
    }
    if (n != 3)
        return bad(ln, 70, "VERIFICATION",
                   "expected three numbers after column 69 (start, stop, step in "
                   "minutes since epoch), found %d", n);
    if (!(v[2] > 0))
        return bad(ln, 70, "VERIFICATION", "step must be positive");
    return ODC_OK;
}

static int parse_line2(const tle_line *ln, int verify, odc_elements *el, double verif[3],
                       int *has_verif)
{
    int rc;
    const col_field *t = L2_FIELDS;
    if ((rc = check_length(ln, t, verify)))
        return rc;
    if (col(ln, 1) != '2')
        return bad_field(ln, 1, 1, "LINE_NUMBER", "'2' (second line of an element set)");
    long cat2;
    if ((rc = sep(ln, 2, t)) || (rc = catno_field(ln, &cat2)))
        return rc;
    if (cat2 != el->norad) {
        char q[32];
        quote_cols(ln, 3, 7, q, sizeof q);
        return bad(ln, 3, "NORAD_CAT_ID",
                   "catalogue number %s (%ld) differs from line 1 (%ld)", q, cat2, el->norad);
    }
    if ((rc = sep(ln, 8, t)) || (rc = angle_field(ln, 9, "INCLINATION", 180.0, &el->incl_deg)) ||
        (rc = sep(ln, 17, t)) || (rc = angle_field(ln, 18, "RA_OF_ASC_NODE", 360.0, &el->raan_deg)) ||
        (rc = sep(ln, 26, t)))
        return rc;
    long e = 0;
    for (int c = 27; c <= 33; c++) {
        if (!is_digit(col(ln, c)))
            return bad_field(ln, 27, 33, "ECCENTRICITY",
                             "7 digits (implied leading decimal point)");
        e = e * 10 + (col(ln, c) - '0');
    }
    el->ecc = (double)e / 1e7;
    if ((rc = sep(ln, 34, t)) ||
        (rc = angle_field(ln, 35, "ARG_OF_PERICENTER", 360.0, &el->argp_deg)) ||
        (rc = sep(ln, 43, t)) ||
        (rc = angle_field(ln, 44, "MEAN_ANOMALY", 360.0, &el->mean_anomaly_deg)) ||
        (rc = sep(ln, 52, t)))
        return rc;
    if ((rc = dec_field(ln, 53, 63, 55, "MEAN_MOTION", 0,
                        "mean motion \"dd.dddddddd\" (rev/day, point in column 55)",
                        &el->mean_motion_rev_day)))
        return rc;
    if (!(el->mean_motion_rev_day > 0))
        return bad_field(ln, 53, 63, "MEAN_MOTION", "a positive mean motion (rev/day)");
    if ((rc = int_field(ln, 64, 68, "REV_AT_EPOCH", 1, &el->rev_at_epoch)))
        return rc;
    if ((rc = check_sum(ln, verify)))
        return rc;
    *has_verif = 0;
    if (ln->len > 69) {
        if ((rc = parse_verif(ln, verif)))
            return rc;
        *has_verif = 1;
    }
    return ODC_OK;
}

static int set_name(odc_elements *el, const char *line0, size_t len, const char *file,
                    int lineno, odc_err *err)
{
    const char *start = line0;
    /* "0 NAME" (Space-Track 3LE) or "NAME" (CelesTrak). */
    if (len >= 2 && line0[0] == '0' && line0[1] == ' ') {
        line0 += 2;
        len -= 2;
    }
    while (len > 0 && line0[0] == ' ') {
        line0++;
        len--;
    }
    int c0 = (int)(line0 - start) + 1;
    if (len > sizeof el->name - 1)
        return odc_err_set(err, ODC_EINPUT, file, lineno, c0, "OBJECT_NAME",
                           "name of %zu bytes is longer than %zu", len, sizeof el->name - 1);
    size_t bad = odc_elset__utf8_bad(line0, len);
    if (bad < len)
        return odc_err_set(err, ODC_EINPUT, file, lineno, c0 + (int)bad, "OBJECT_NAME",
                           "invalid UTF-8 in the name line");
    memcpy(el->name, line0, len);
    el->name[len] = '\0';
    return ODC_OK;
}

static int check_name(const char *file, int lineno, const char *s, size_t len, odc_err *err)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return odc_err_set(err, ODC_EINPUT, file, lineno, (int)i + 1, "OBJECT_NAME",
                               "control character 0x%02x in the name line", c);
    }
    return ODC_OK;
}

/* Parse one set; lines are NUL- or newline-terminated. */
static int parse_set(const char *line0, int lineno0, const char *line1, int lineno1,
                     const char *line2, int lineno2, int verify, const char *file,
                     odc_elements *el, double verif[3], int *has_verif, odc_err *err)
{
    int rc;
    memset(el, 0, sizeof *el);
    if (line0) {
        size_t n0 = trimmed_len(line0);
        if ((rc = check_name(file, lineno0, line0, n0, err)))
            return rc;
        if ((rc = set_name(el, line0, n0, file, lineno0, err)))
            return rc;
    }
    tle_line l1 = {line1, trimmed_len(line1), file, lineno1, err};
    tle_line l2 = {line2, trimmed_len(line2), file, lineno2, err};
    if ((rc = parse_line1(&l1, verify, el)))
        return rc;
    return parse_line2(&l2, verify, el, verif, has_verif);
}

int odc_tle_parse(const char *line0, const char *line1, const char *line2,
                  const odc_tle_options *opt, const char *file, int lineno1,
                  odc_elements *el, odc_err *err)
{
    double verif[3];
    int hv;
    int verify = opt ? opt->verify_checksum : 1;
    if (!line1 || !line2)
        return odc_err_set(err, ODC_EINPUT, file, lineno1, 0, NULL, "missing TLE line");
    odc_elements tmp;
    int rc = parse_set(line0, lineno1 - 1, line1, lineno1, line2, lineno1 + 1, verify,
                       file, &tmp, verif, &hv, err);
    if (rc == ODC_OK)
        *el = tmp;
    return rc;
}

static int is_skipped(const char *s)
{
    size_t n = trimmed_len(s);
    return n == 0 || s[0] == '#';
}

static int is_line1(const char *s)
{
    return s[0] == '1' && (s[1] == ' ' || s[1] == '\t');
}

static int is_line2(const char *s)
{
    return s[0] == '2' && (s[1] == ' ' || s[1] == '\t');
}

int odc_tle_read_string(const char *text, const char *file, const odc_tle_options *opt,
                        odc_elset_list *out, odc_err *err)
{
    int verify = opt ? opt->verify_checksum : 1;
    odc_elset_list l = {0};
    const char *name = NULL;
    int name_no = 0;
    const char *p = text;
    int lineno = 0;
    int rc = ODC_OK;
    if (!file)
        file = "<string>";

    /* Walk line by line; remember a pending name line and a pending line 1. */
    const char *l1 = NULL;
    int l1_no = 0;
    while (*p) {
        const char *s = p;
        const char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : p + strlen(p);
        lineno++;
        if (is_skipped(s))
            continue;
        if (l1) {
            if (!is_line2(s)) {
                tle_line ln = {s, trimmed_len(s), file, lineno, err};
                char q[32];
                quote_cols(&ln, 1, 1, q, sizeof q);
                rc = bad(&ln, 1, "LINE_NUMBER",
                         "expected '2 ' (line 2 of the element set starting at line %d), got %s",
                         l1_no, q);
                break;
            }
            odc_elements el;
            double verif[3];
            int hv = 0;
            rc = parse_set(name, name_no, l1, l1_no, s, lineno, verify, file, &el, verif, &hv, err);
            if (rc)
                break;
            rc = odc_elset__append(&l, &el, name ? name_no : l1_no, hv ? verif : NULL, err);
            if (rc)
                break;
            l1 = NULL;
            name = NULL;
            continue;
        }
        if (is_line1(s)) {
            l1 = s;
            l1_no = lineno;
            continue;
        }
        if (name) {
            tle_line ln = {s, trimmed_len(s), file, lineno, err};
            char q[96];
            quote_cols(&ln, 1, ln.len < 40 ? (int)ln.len : 40, q, sizeof q);
            rc = bad(&ln, 1, "LINE_NUMBER",
                     is_line2(s) ? "expected '1 ' (line 1 of the element set named at line %d), got "
                                   "a line 2: %s"
                                 : "expected '1 ' (line 1 of the element set named at line %d), "
                                   "got %s",
                     name_no, q);
            break;
        }
        if (is_line2(s)) {
            tle_line ln = {s, trimmed_len(s), file, lineno, err};
            rc = bad(&ln, 1, "LINE_NUMBER", "line 2 without a line 1 before it");
            break;
        }
        name = s;
        name_no = lineno;
    }
    if (rc == ODC_OK && l1)
        rc = odc_err_set(err, ODC_EINPUT, file, l1_no, 0, NULL,
                         "line 1 at the end of the file without its line 2");
    else if (rc == ODC_OK && name)
        rc = odc_err_set(err, ODC_EINPUT, file, name_no, 0, NULL,
                         "name line at the end of the file without its two element lines");
    if (rc) {
        odc_elset_list_free(&l);
        return rc;
    }
    *out = l;
    return ODC_OK;
}

int odc_tle_read_file(const char *path, const odc_tle_options *opt, odc_elset_list *out,
                      odc_err *err)
{
    char *buf;
    size_t len;
    int rc = odc_elset__slurp(path, &buf, &len, err);
    if (rc)
        return rc;
    rc = odc_tle_read_string(buf, path, opt, out, err);
    free(buf);
    return rc;
}

/* ------------------------------------------------------------------ write */

int odc_elements_set_epoch_jd(odc_elements *el, double jd, double jd_frac, odc_err *err)
{
    if (!isfinite(jd) || !isfinite(jd_frac) || jd < 0 || jd > 1e8 || fabs(jd_frac) > 1e6)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                           "epoch Julian date %.17g + %.17g is not a date", jd, jd_frac);
    /* Split into a whole day D (JD = D + 0.5 at 0h UTC) and a fraction. */
    double a = jd - 0.5;
    double d = floor(a);
    double f = (a - d) + jd_frac;
    double fi = floor(f);
    d += fi;
    f -= fi;
    if (f >= 1.0) { /* f - fi may round up to 1 */
        d += 1.0;
        f = 0.0;
    }
    long dn = (long)d; /* days since JD -0.5, i.e. JD at 0h = dn + 0.5 */
    int year = (int)floor((double)(dn - 1721425) / 365.2425) + 1;
    while (odc_elset__jd_jan1(year) > (double)dn + 0.5)
        year--;
    while (odc_elset__jd_jan1(year + 1) <= (double)dn + 0.5)
        year++;
    el->epoch_jd = (double)dn + 0.5;
    el->epoch_jd_frac = f;
    el->epoch_year = year;
    el->epoch_doy = (el->epoch_jd - odc_elset__jd_jan1(year)) + 1.0 + f;
    return ODC_OK;
}

/* Exponent field " 12345-3" for v = 0.12345e-3; ODC_EINPUT when |v| is too
 * large (>= 0.99999e9 after rounding). */
static int fmt_exp(double v, char out[9], const char *field, odc_err *err)
{
    static const double p10[24] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22, 1e23};
    double a = fabs(v);
    if (!isfinite(v))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field, "value %g is not finite", v);
    long long m = 0;
    int e = 0;
    if (a > 0) {
        e = (int)floor(log10(a)) + 1;
        for (int iter = 0; iter < 4; iter++) {
            if (e > 9)
                return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                                   "%g does not fit a TLE exponent field (max 0.99999e9)", v);
            if (e < -9)
                e = -9;
            int k = 5 - e; /* scale so that m has 5 digits: -4 .. 14 */
            m = llround(k >= 0 ? a * p10[k] : a / p10[-k]);
            if (m >= 100000)
                e++;
            else if (m < 10000 && e > -9 && m != 0)
                e--;
            else
                break;
        }
    }
    if (m == 0) {
        memcpy(out, " 00000-0", 9);
        return ODC_OK;
    }
    /* Here 10000 <= m <= 99999 (or smaller at e = -9) and -9 <= e <= 9. */
    out[0] = v < 0 ? '-' : ' ';
    for (int k = 5; k >= 1; k--, m /= 10)
        out[k] = (char)('0' + m % 10);
    out[6] = e < 0 ? '-' : '+';
    out[7] = (char)('0' + abs(e));
    out[8] = '\0';
    return ODC_OK;
}

int odc_tle_format(const odc_elements *el, char line1[70], char line2[70], odc_err *err)
{
    /* Scratch lines larger than 69 characters so that no compiler sees a
     * possible truncation; the field checks above bound every width. */
    char intl[9] = "        ", ndd[9], bst[9], l1[256], l2[256];
    if (el->norad < 0 || el->norad > 339999)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "NORAD_CAT_ID",
                           "%ld cannot be written: TLE catalogue numbers are 0..339999 "
                           "(Alpha-5 above 99999)", el->norad);
    char cat[24];
    if (el->norad > 99999)
        snprintf(cat, sizeof cat, "%c%04ld", alpha5_letter(el->norad / 10000), el->norad % 10000);
    else
        snprintf(cat, sizeof cat, "%05ld", el->norad);
    char cl = el->classification ? el->classification : 'U';
    if (cl != 'U' && cl != 'C' && cl != 'S')
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "CLASSIFICATION_TYPE",
                           "expected 'U', 'C' or 'S', got 0x%02x", (unsigned char)cl);
    if (el->object_id[0]) {
        /* "YYYY-NNNP{1,3}" */
        const char *o = el->object_id;
        size_t n = strlen(o);
        int ok = n >= 9 && n <= 11 && o[4] == '-';
        for (int k = 0; ok && k < 4; k++)
            ok = is_digit(o[k]);
        for (int k = 5; ok && k < 8; k++)
            ok = is_digit(o[k]);
        for (size_t k = 8; ok && k < n; k++)
            ok = o[k] >= 'A' && o[k] <= 'Z';
        int y = ok ? atoi(o) : 0;
        if (!ok || y < 1957 || y > 2056)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "OBJECT_ID",
                               "expected a COSPAR designator \"YYYY-NNNP\" (launch year "
                               "1957-2056, 3-digit launch number, 1-3 piece letters), got \"%.15s\"",
                               o);
        snprintf(intl, sizeof intl, "%.2s%.3s%-3s", o + 2, o + 5, o + 8);
    }
    /* Epoch from the two-part Julian date (authoritative); when both parts
     * are zero, from year and day of year. */
    odc_elements ep = *el;
    if (el->epoch_jd == 0 && el->epoch_jd_frac == 0) {
        if (el->epoch_year < 1957 || el->epoch_year > 2056 || !(el->epoch_doy >= 1.0))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                               "no epoch (epoch_jd is 0 and year %d / day %g are not valid)",
                               el->epoch_year, el->epoch_doy);
        double day = floor(el->epoch_doy);
        ep.epoch_jd = odc_elset__jd_jan1(el->epoch_year) + (day - 1.0);
        ep.epoch_jd_frac = el->epoch_doy - day;
    }
    int rc = odc_elements_set_epoch_jd(&ep, ep.epoch_jd, ep.epoch_jd_frac, err);
    if (rc)
        return rc;
    /* Round the fraction to the 8 decimals of the field, carrying into the
     * day (and year). */
    long long f8 = llround(ep.epoch_jd_frac * 1e8);
    if (f8 >= 100000000LL) {
        if ((rc = odc_elements_set_epoch_jd(&ep, ep.epoch_jd + 1.0, 0.0, err)))
            return rc;
        f8 = 0;
    }
    if (ep.epoch_year < 1957 || ep.epoch_year > 2056)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPOCH",
                           "epoch year %d cannot be written (TLE years are 1957-2056)",
                           ep.epoch_year);
    long doy = lround(ep.epoch_jd - odc_elset__jd_jan1(ep.epoch_year)) + 1;

    /* Range first: llround of a huge value is unspecified. */
    long long nd = fabs(el->mean_motion_dot) < 1.0 ? llround(fabs(el->mean_motion_dot) * 1e8) : 0;
    if (!(fabs(el->mean_motion_dot) < 1.0) || nd >= 100000000LL)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "MEAN_MOTION_DOT",
                           "%g does not fit the TLE field (|value| < 1 rev/day^2)",
                           el->mean_motion_dot);
    if ((rc = fmt_exp(el->mean_motion_ddot, ndd, "MEAN_MOTION_DDOT", err)) ||
        (rc = fmt_exp(el->bstar, bst, "BSTAR", err)))
        return rc;
    if (el->ephemeris_type < 0 || el->ephemeris_type > 9)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "EPHEMERIS_TYPE",
                           "%d does not fit one digit", el->ephemeris_type);
    if (el->element_set_no < 0 || el->element_set_no > 9999)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ELEMENT_SET_NO",
                           "%d does not fit 4 digits (0..9999)", el->element_set_no);
    snprintf(l1, sizeof l1, "1 %s%c %s %02d%03ld.%08lld %c.%08lld %s %s %d %4d", cat, cl, intl,
             ep.epoch_year % 100, doy, f8, (el->mean_motion_dot < 0 && nd > 0) ? '-' : ' ', nd,
             ndd, bst, el->ephemeris_type, el->element_set_no);

    struct {
        double v, max;
        const char *name;
    } ang[4] = {{el->incl_deg, 180.0, "INCLINATION"},
                {el->raan_deg, 360.0, "RA_OF_ASC_NODE"},
                {el->argp_deg, 360.0, "ARG_OF_PERICENTER"},
                {el->mean_anomaly_deg, 360.0, "MEAN_ANOMALY"}};
    for (int k = 0; k < 4; k++)
        if (!(ang[k].v >= 0 && ang[k].v <= ang[k].max))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, ang[k].name,
                               "%g degrees is out of range 0..%g", ang[k].v, ang[k].max);
    long long e7 = el->ecc >= 0 && el->ecc < 1 ? llround(el->ecc * 1e7) : 0;
    if (!(el->ecc >= 0 && el->ecc < 1) || e7 >= 10000000LL)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ECCENTRICITY",
                           "%g is out of range 0 <= e < 1 (7 decimals)", el->ecc);
    if (!(el->mean_motion_rev_day > 0) || el->mean_motion_rev_day >= 99.999999995)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "MEAN_MOTION",
                           "%g rev/day is out of range (0, 100)", el->mean_motion_rev_day);
    if (el->rev_at_epoch < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "REV_AT_EPOCH", "%ld is negative",
                           el->rev_at_epoch);
    /* The 5-digit revolution counter wraps, as in published TLEs. */
    snprintf(l2, sizeof l2, "2 %s %8.4f %8.4f %07lld %8.4f %8.4f %11.8f%5ld", cat, el->incl_deg,
             el->raan_deg, e7, el->argp_deg, el->mean_anomaly_deg, el->mean_motion_rev_day,
             el->rev_at_epoch % 100000);
    if (strlen(l1) != 68 || strlen(l2) != 68)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL,
                           "internal: formatted lines are %zu and %zu characters, not 68",
                           strlen(l1), strlen(l2));
    memcpy(line1, l1, 68);
    memcpy(line2, l2, 68);
    line1[68] = (char)('0' + odc_tle_checksum(l1));
    line2[68] = (char)('0' + odc_tle_checksum(l2));
    line1[69] = line2[69] = '\0';
    return ODC_OK;
}

int odc_tle_write(FILE *fp, const odc_elements *el, size_t n, odc_err *err)
{
    char a[70], b[70];
    for (size_t i = 0; i < n; i++) {
        int rc = odc_tle_format(&el[i], a, b, err);
        if (rc) {
            char msg[sizeof err->msg], field[sizeof err->field];
            snprintf(msg, sizeof msg, "%s", err->msg);
            snprintf(field, sizeof field, "%s", err->field);
            return odc_err_set(err, rc, NULL, 0, 0, field, "set %zu (NORAD %ld): %s", i + 1,
                               el[i].norad, msg);
        }
        for (const unsigned char *p = (const unsigned char *)el[i].name; *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "OBJECT_NAME",
                                   "set %zu: control character 0x%02x in the name", i + 1, *p);
    }
    for (size_t i = 0; i < n; i++) {
        odc_tle_format(&el[i], a, b, err);
        /* A name that would read back as a TLE line or a comment gets the
         * "0 " prefix of the 3LE form (the reader strips it). */
        const char *nm = el[i].name;
        int prefix = (nm[0] == '0' || nm[0] == '1' || nm[0] == '2') && (nm[1] == ' ' || nm[1] == '\t');
        prefix |= nm[0] == '#';
        if (nm[0])
            fprintf(fp, "%s%s\n", prefix ? "0 " : "", nm);
        fprintf(fp, "%s\n%s\n", a, b);
    }
    if (ferror(fp))
        return odc_err_set(err, ODC_EIO, NULL, 0, 0, NULL, "write error");
    return ODC_OK;
}
