/* Shared strict readers for data files (see odc/datafile.h): one copy of
 * "read the file", "parse JSON with a position", "parse a number with
 * nothing left over" and "split a CSV table", so that every loader reports
 * bad input the same way. */
#include "odc/datafile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *odc_file_slurp(const char *path, size_t *len_out, odc_err *err)
{
    if (len_out)
        *len_out = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 16384, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, fp);
        len += got;
        if (got == 0)
            break;
        if (len + 1 == cap) {
            char *nb = cap < ODC_FILE_SLURP_MAX ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(fp);
    fclose(fp);
    if (!buf) {
        odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "file too large or out of memory");
        return NULL;
    }
    if (rerr) {
        free(buf);
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "read error");
        return NULL;
    }
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

void odc_text_line_col(const char *text, const char *at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; at && p < at && *p; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

int odc_json_parse_text(const char *text, const char *path, cJSON **root, odc_err *err)
{
    const char *end = NULL;
    *root = cJSON_ParseWithOpts(text, &end, 1);
    if (*root)
        return ODC_OK;
    int line, col;
    odc_text_line_col(text, end, &line, &col);
    return odc_err_set(err, ODC_EINPUT, path, line, col, NULL,
                       "invalid JSON (syntax error at or before this position)");
}

int odc_json_parse_file(const char *path, cJSON **root, char **text_out, odc_err *err)
{
    *root = NULL;
    if (text_out)
        *text_out = NULL;
    if (!path)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path", "missing");
    char *text = odc_file_slurp(path, NULL, err);
    if (!text)
        return err ? err->code : ODC_EIO;
    int rc = odc_json_parse_text(text, path, root, err);
    if (rc == ODC_OK && text_out)
        *text_out = text;
    else
        free(text);
    return rc;
}

int odc_parse_double_strict(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return (end != s && *end == '\0' && errno == 0 && isfinite(*v)) ? 0 : -1;
}

/* A comment ('#' first) or a line of blanks only. */
static int csv_skip(const char *line)
{
    return line[0] == '#' || strspn(line, " \t\r\n") == strlen(line);
}

/* Split one line (NUL-terminated, without its '\n') at commas, in place. */
static int csv_split(char *line, char **field, int *col)
{
    int n = 0;
    char *p = line;
    for (;;) {
        field[n] = p;
        col[n] = (int)(p - line) + 1;
        n++;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    for (int i = 0; i < n; i++) {   /* trim blanks and line ends */
        char *s = field[i];
        while (*s == ' ' || *s == '\t') {
            s++;
            col[i]++;
        }
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            s[--len] = '\0';
        field[i] = s;
    }
    return n;
}

int odc_csv_read(const char *path, odc_csv_table *t, odc_err *err)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *text = odc_file_slurp(path, &len, err);
    if (!text)
        return err ? err->code : ODC_EIO;
    t->text_ = text;
    /* Upper bounds: a row per line, a field per comma plus one per line. */
    size_t nlines = 1, ncommas = 0;
    for (size_t i = 0; i < len; i++) {
        nlines += text[i] == '\n';
        ncommas += text[i] == ',';
    }
    t->row = malloc(nlines * sizeof *t->row);
    t->fields_ = malloc((nlines + ncommas) * sizeof *t->fields_);
    t->cols_ = malloc((nlines + ncommas) * sizeof *t->cols_);
    if (!t->row || !t->fields_ || !t->cols_) {
        odc_csv_free(t);
        return odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
    }
    size_t used = 0;
    int lineno = 0;
    for (char *p = text; p < text + len;) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        lineno++;
        if (nl)
            *nl = '\0';
        if (!csv_skip(p)) {
            odc_csv_row *r = &t->row[t->nrow++];
            r->line = lineno;
            r->field = t->fields_ + used;
            r->col = t->cols_ + used;
            r->nf = csv_split(p, r->field, r->col);
            used += (size_t)r->nf;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    t->nline = lineno;
    return ODC_OK;
}

void odc_csv_free(odc_csv_table *t)
{
    if (!t)
        return;
    free(t->text_);
    free(t->row);
    free(t->fields_);
    free(t->cols_);
    memset(t, 0, sizeof *t);
}
