/* CSV and text exports of a results database, each file written
 * atomically (odc_afile): series_agg.csv, events.csv, summary.csv,
 * optionally series_sat.csv, and summary.txt. CSV follows RFC 4180
 * (comma, "\n" line ends, fields with a comma, quote or line break quoted,
 * quotes doubled); reals are written with the fewest digits (15..17) that
 * read back to the same double, so the CSV holds exactly what the
 * database holds. NULL is an empty field. */
#include "results_internal.h"
#include "odc/afile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest %.Ng (N = 15..17) that strtod reads back to v. */
static void put_real(FILE *f, double v)
{
    char buf[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, v);
        if (p == 17 || strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}

static void put_text(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_value(FILE *f, sqlite3_stmt *s, int c)
{
    switch (sqlite3_column_type(s, c)) {
    case SQLITE_INTEGER:
        fprintf(f, "%lld", (long long)sqlite3_column_int64(s, c));
        break;
    case SQLITE_FLOAT:
        put_real(f, sqlite3_column_double(s, c));
        break;
    case SQLITE_NULL:
        break;
    default: {
        const char *t = (const char *)sqlite3_column_text(s, c);
        put_text(f, t ? t : "");
    }
    }
}

/* Run sql and write its rows, with a header of the column names, to
 * dir/name atomically. */
static int export_query(sqlite3 *db, const char *dir, const char *name, const char *sql,
                        odc_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL))
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "SQLite: %s", sqlite3_errmsg(db));
    odc_afile af;
    int rc = odc_afile_open(&af, path, err);
    if (rc) {
        sqlite3_finalize(s);
        return rc;
    }
    int nc = sqlite3_column_count(s);
    for (int c = 0; c < nc; c++) {
        if (c)
            fputc(',', af.fp);
        put_text(af.fp, sqlite3_column_name(s, c));
    }
    fputc('\n', af.fp);
    int st;
    while ((st = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < nc; c++) {
            if (c)
                fputc(',', af.fp);
            put_value(af.fp, s, c);
        }
        fputc('\n', af.fp);
    }
    if (st != SQLITE_DONE)
        rc = odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "SQLite: %s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    if (rc) {
        odc_afile_abort(&af);
        return rc;
    }
    return odc_afile_commit(&af, err);
}

/* summary.txt: the caller's text, or one "key = value unit" line per row
 * of the summary table. */
static int export_text(sqlite3 *db, const char *dir, const char *text, odc_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.txt", dir);
    odc_afile af;
    int rc = odc_afile_open(&af, path, err);
    if (rc)
        return rc;
    if (text) {
        fputs(text, af.fp);
        return odc_afile_commit(&af, err);
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "SELECT key, value, unit FROM summary ORDER BY rowid", -1, &s,
                           NULL)) {
        odc_afile_abort(&af);
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "SQLite: %s", sqlite3_errmsg(db));
    }
    int st;
    while ((st = sqlite3_step(s)) == SQLITE_ROW) {
        fprintf(af.fp, "%s = ", (const char *)sqlite3_column_text(s, 0));
        int t = sqlite3_column_type(s, 1);
        if (t == SQLITE_FLOAT)
            fprintf(af.fp, "%.6g", sqlite3_column_double(s, 1));
        else if (t != SQLITE_NULL)
            fputs((const char *)sqlite3_column_text(s, 1), af.fp);
        const char *u = (const char *)sqlite3_column_text(s, 2);
        if (u && *u && strcmp(u, "1"))
            fprintf(af.fp, " %s", u);
        fputc('\n', af.fp);
    }
    sqlite3_finalize(s);
    if (st != SQLITE_DONE) {
        odc_afile_abort(&af);
        return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "SQLite: %s", sqlite3_errmsg(db));
    }
    return odc_afile_commit(&af, err);
}

int odc_results_export_db(sqlite3 *db, const char *dir, int with_sat_csv,
                          const char *summary_text, odc_err *err)
{
    int rc = export_query(db, dir, "series_agg.csv", "SELECT * FROM series_agg ORDER BY step",
                          err);
    if (!rc)
        rc = export_query(db, dir, "events.csv",
                          "SELECT step, t_s, sat, kind, value, text FROM event"
                          " ORDER BY step, id",
                          err);
    if (!rc)
        rc = export_query(db, dir, "summary.csv",
                          "SELECT key, value, unit FROM summary ORDER BY rowid", err);
    if (!rc && with_sat_csv)
        rc = export_query(db, dir, "series_sat.csv",
                          "SELECT * FROM series_sat ORDER BY step, sat", err);
    if (!rc)
        rc = export_text(db, dir, summary_text, err);
    return rc;
}
