/* OMM as CSV (CelesTrak's FORMAT=csv): a header row of OMM keywords in any
 * order, then one row per element set. Quoting follows RFC 4180 (fields in
 * double quotes may hold commas, quotes doubled, line breaks); LF or CRLF
 * line ends. Errors carry the line and column of the offending field. */
#include <stdlib.h>
#include <string.h>

#include "elset_internal.h"
#include "omm_internal.h"

#define MAX_COLS 128

typedef struct csv_field {
    const char *s;     /* unquoted text (in buf when quoted)              */
    size_t      n;
    int         line, col;
} csv_field;

typedef struct csv_reader {
    const char *t;
    size_t      len, i;
    int         line, col;     /* position of t[i]                        */
    const char *file;
    char       *buf;           /* unquoted copies of the row's fields     */
    size_t      bufcap;
} csv_reader;

static void adv(csv_reader *r)
{
    if (r->t[r->i] == '\n') {
        r->line++;
        r->col = 1;
    } else {
        r->col++;
    }
    r->i++;
}

/* Read one row into f[0..*nf). Returns ODC_OK, or 1 at end of input (no
 * row), or an error. Blank rows are skipped. */
static int read_row(csv_reader *r, csv_field *f, int *nf, int *row_line, odc_err *err)
{
    /* Skip blank lines. */
    for (;;) {
        size_t k = r->i;
        while (k < r->len && (r->t[k] == ' ' || r->t[k] == '\t' || r->t[k] == '\r'))
            k++;
        if (k >= r->len) {
            r->i = r->len;
            return 1;
        }
        if (r->t[k] != '\n')
            break;
        while (r->i <= k)
            adv(r);
    }
    *row_line = r->line;
    /* Unquoted copies go to buf; the row is at most the rest of the input. */
    size_t need = r->len - r->i + 1;
    if (need > r->bufcap) {
        char *b = realloc(r->buf, need);
        if (!b)
            return odc_err_set(err, ODC_ENOMEM, r->file, r->line, 0, NULL, "out of memory");
        r->buf = b;
        r->bufcap = need;
    }
    size_t bo = 0;
    *nf = 0;
    for (;;) {
        if (*nf == MAX_COLS)
            return odc_err_set(err, ODC_EINPUT, r->file, r->line, r->col, NULL,
                               "more than %d columns in a row", MAX_COLS);
        csv_field *cf = &f[(*nf)++];
        cf->line = r->line;
        cf->col = r->col;
        if (r->i < r->len && r->t[r->i] == '"') {
            adv(r);
            cf->s = r->buf + bo;
            for (;;) {
                if (r->i >= r->len)
                    return odc_err_set(err, ODC_EINPUT, r->file, cf->line, cf->col, NULL,
                                       "quoted field not closed before the end of the file");
                char c = r->t[r->i];
                if (c == '"') {
                    if (r->i + 1 < r->len && r->t[r->i + 1] == '"') {
                        r->buf[bo++] = '"';
                        adv(r);
                        adv(r);
                        continue;
                    }
                    adv(r);
                    break;
                }
                r->buf[bo++] = c;
                adv(r);
            }
            cf->n = (size_t)(r->buf + bo - cf->s);
            while (r->i < r->len && (r->t[r->i] == ' ' || r->t[r->i] == '\t'))
                adv(r);
            if (r->i < r->len && r->t[r->i] != ',' && r->t[r->i] != '\n' && r->t[r->i] != '\r')
                return odc_err_set(err, ODC_EINPUT, r->file, r->line, r->col, NULL,
                                   "expected ',' or the end of the line after a quoted field");
        } else {
            cf->s = r->t + r->i;
            while (r->i < r->len && r->t[r->i] != ',' && r->t[r->i] != '\n') {
                if (r->t[r->i] == '"')
                    return odc_err_set(err, ODC_EINPUT, r->file, r->line, r->col, NULL,
                                       "'\"' inside an unquoted field (quote the whole field)");
                adv(r);
            }
            cf->n = (size_t)(r->t + r->i - cf->s);
            if (cf->n > 0 && cf->s[cf->n - 1] == '\r')
                cf->n--;
        }
        if (r->i < r->len && r->t[r->i] == '\r')
            adv(r);
        if (r->i >= r->len)
            return ODC_OK;
        if (r->t[r->i] == '\n') {
            adv(r);
            return ODC_OK;
        }
        if (r->t[r->i] == ',') {
            adv(r);
            continue;
        }
        return odc_err_set(err, ODC_EINPUT, r->file, r->line, r->col, NULL,
                           "stray character after a field");
    }
}

int omm__read_csv(const char *text, size_t len, const char *file, odc_elset_list *out,
                  odc_err *err)
{
    csv_reader r = {text, len, 0, 1, 1, file, NULL, 0};
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        r.i = 3; /* UTF-8 byte-order mark */
    csv_field *hdr = calloc(MAX_COLS, sizeof *hdr), *row = calloc(MAX_COLS, sizeof *row);
    char (*names)[64] = calloc(MAX_COLS, sizeof *names);
    int nh = 0, nf, rl, rc = ODC_OK;
    if (!hdr || !row || !names) {
        rc = odc_err_set(err, ODC_ENOMEM, file, 0, 0, NULL, "out of memory");
        goto done;
    }
    rc = read_row(&r, hdr, &nh, &rl, err);
    if (rc == 1) {
        rc = odc_err_set(err, ODC_EINPUT, file, 0, 0, NULL,
                         "empty OMM CSV: expected a header row of keywords");
        goto done;
    }
    if (rc)
        goto done;
    /* The header's fields point into buf, which the next row reuses: keep
     * copies of the keywords. */
    for (int k = 0; k < nh; k++) {
        size_t n = hdr[k].n;
        while (n > 0 && (hdr[k].s[n - 1] == ' ' || hdr[k].s[n - 1] == '\t'))
            n--;
        const char *s = hdr[k].s;
        while (n > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        if (n >= sizeof names[k])
            n = sizeof names[k] - 1;
        memcpy(names[k], s, n);
        names[k][n] = '\0';
    }
    for (int k = 0; k < nh; k++)
        for (int j = 0; j < k; j++)
            if (names[k][0] && !strcmp(names[k], names[j])) {
                rc = odc_err_set(err, ODC_EINPUT, file, hdr[k].line, hdr[k].col, names[k],
                                 "keyword given twice in the header (columns %d and %d)", j + 1,
                                 k + 1);
                goto done;
            }
    {
        /* The header must name the keywords an element set needs. */
        int has_epoch = 0, has_mm = 0;
        for (int k = 0; k < nh; k++) {
            has_epoch |= !strcmp(names[k], "EPOCH");
            has_mm |= !strcmp(names[k], "MEAN_MOTION");
        }
        if (!has_epoch || !has_mm) {
            rc = odc_err_set(err, ODC_EINPUT, file, rl, 1, NULL,
                             "not an OMM CSV header: the first row must name the OMM keywords "
                             "(EPOCH, MEAN_MOTION, ...)");
            goto done;
        }
    }
    for (int recno = 1;; recno++) {
        rc = read_row(&r, row, &nf, &rl, err);
        if (rc == 1) {
            rc = ODC_OK;
            break;
        }
        if (rc)
            break;
        if (nf != nh) {
            rc = odc_err_set(err, ODC_EINPUT, file, rl, nf > nh ? row[nh].col : 0, NULL,
                             "record %d has %d fields, the header has %d", recno, nf, nh);
            break;
        }
        omm_rec rec;
        omm__begin(&rec);
        for (int k = 0; k < nf && rc == ODC_OK; k++) {
            omm_where w = {file, recno, row[k].line, row[k].col};
            rc = omm__set_text(&rec, names[k], strlen(names[k]), row[k].s, row[k].n, &w, err);
        }
        if (rc)
            break;
        omm_where w = {file, recno, rl, 0};
        if ((rc = omm__finish(&rec, &w, err)) ||
            (rc = odc_elset__append(out, &rec.el, rl, NULL, err)))
            break;
    }
done:
    free(hdr);
    free(row);
    free(names);
    free(r.buf);
    return rc;
}
