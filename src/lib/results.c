/* The results store: one SQLite database per run, written in transactions
 * that end at engine checkpoints so that a killed run is consistent and
 * resumable (docs/results.md, "Transactions and resume").
 *
 * Why WAL with synchronous=NORMAL: in WAL mode a commit appends the
 * transaction's pages to the -wal file and a commit record; a process
 * killed at any point leaves either the whole transaction (its frames and
 * commit record are in the OS page cache, which outlives the process) or
 * none of it (a WAL tail without commit record is ignored on recovery).
 * NORMAL skips the fsync at each commit: after a power loss or OS crash
 * the last transactions may be lost, but the file is never corrupted and
 * what remains is a consistent earlier checkpoint (rows, state blob and
 * last_committed_step travel together), so resume still works. FULL would
 * add one fsync per checkpoint for durability of the last few seconds of a
 * simulation that can be recomputed. WAL also lets the sqlite3 shell read
 * a run while it is written. (sqlite.org/wal.html, pragma.html#pragma_
 * synchronous, atomiccommit.html.) */
#include "odc/results.h"
#include "odc/afile.h"
#include "results_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef ODC_VERSION
#define ODC_VERSION "unknown"
#endif

#define CK_ROWS 65536      /* rows per transaction that checkpoint_due aims at */
#define CK_WALL_S 2.0      /* ... or this much wall time, whichever first      */

struct odc_results {
    sqlite3      *db;
    int           dirfd;                       /* holds the folder's flock  */
    char          dir[4096];
    sqlite3_stmt *ins_sat, *ins_agg, *ins_ev, *put_state, *put_run;
    size_t        n_sat, nq_sat, nq_agg;
    unsigned char int_sat[ODC_RESULTS_QMAX], int_agg[ODC_RESULTS_QMAX];
    int64_t       n_steps, last, max_written;
    double        t_commit, t_open, wall_before;   /* monotonic clock (s)   */
    int64_t       ck_every;
    int           in_txn, export_sat_csv, index_by_sat;
    void         *state;
    size_t        state_len;
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void utc_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int db_err(odc_err *err, sqlite3 *db, const char *path, const char *what)
{
    return odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "%s: %s", what,
                       db ? sqlite3_errmsg(db) : "out of memory");
}

static int exec(sqlite3 *db, const char *sql, const char *path, odc_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return ODC_OK;
    odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "SQLite: %s (in: %.80s)",
                msg ? msg : "error", sql);
    sqlite3_free(msg);
    return ODC_EIO;
}

/* ---- checking what the caller describes ------------------------------- */

static int name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= ODC_RESULTS_NAME_MAX || !(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return strcmp(s, "step") && strcmp(s, "sat") && strcmp(s, "t_s");
}

static int check_q(const odc_quantity *q, size_t n, const char *tbl, odc_err *err)
{
    if (n == 0 || n > ODC_RESULTS_QMAX)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, tbl,
                           "expected 1..%d quantities, got %zu", ODC_RESULTS_QMAX, n);
    for (size_t i = 0; i < n; i++) {
        if (!name_ok(q[i].name))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, tbl,
                               "quantity %zu: expected a name [a-z][a-z0-9_]* of at most %d "
                               "characters other than step, sat, t_s, got '%s'",
                               i, ODC_RESULTS_NAME_MAX - 1, q[i].name ? q[i].name : "(null)");
        for (size_t j = 0; j < i; j++)
            if (!strcmp(q[i].name, q[j].name))
                return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, tbl,
                                   "quantity '%s' listed twice", q[i].name);
    }
    return ODC_OK;
}

/* The quantity lists of meta with defaults filled in. */
static int meta_q(const odc_results_meta *m, const odc_quantity **sq, size_t *ns,
                  const odc_quantity **aq, size_t *na, odc_err *err)
{
    *sq = m->sat_q ? m->sat_q : odc_results_default_sat_q(ns);
    if (m->sat_q)
        *ns = m->n_sat_q;
    *aq = m->agg_q ? m->agg_q : odc_results_default_agg_q(na);
    if (m->agg_q)
        *na = m->n_agg_q;
    int rc = check_q(*sq, *ns, "series_sat", err);
    return rc ? rc : check_q(*aq, *na, "series_agg", err);
}

/* ---- the folder lock -------------------------------------------------- */

static int lock_dir(const char *dir, int *fd, odc_err *err)
{
    *fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*fd < 0)
        return odc_err_set(err, errno == ENOENT ? ODC_EINPUT : ODC_EIO, dir, 0, 0, NULL,
                           "cannot open results folder: %s", strerror(errno));
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(*fd);
        *fd = -1;
        if (e == EWOULDBLOCK)
            return odc_err_set(err, ODC_EINPUT, dir, 0, 0, NULL,
                               "results folder is in use by another odcsim process");
        return odc_err_set(err, ODC_EIO, dir, 0, 0, NULL, "flock: %s", strerror(e));
    }
    return ODC_OK;
}

static void db_path(char *buf, size_t n, const char *dir, const char *suffix)
{
    snprintf(buf, n, "%s/%s%s", dir, ODC_RESULTS_DB, suffix);
}

static void unlink_db(const char *dir, const char *base)
{
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[4200];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s%s", dir, base, sfx[i]);
        unlink(p);
    }
}

/* ---- schema ----------------------------------------------------------- */

static const char *sqltype(odc_qtype t) { return t == ODC_Q_INT ? "INTEGER" : "REAL"; }

/* CREATE TABLE for a series table into buf (names were checked). */
static int series_ddl(char *buf, size_t n, const char *tbl, const char *keys,
                      const char *tail, const odc_quantity *q, size_t nq)
{
    size_t k = (size_t)snprintf(buf, n, "CREATE TABLE %s(%s", tbl, keys);
    for (size_t i = 0; i < nq && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, ", %s %s", q[i].name, sqltype(q[i].type));
    if (k < n)
        k += (size_t)snprintf(buf + k, n - k, "%s", tail);
    return k < n;
}

static const char schema_fixed[] =
    "CREATE TABLE run("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " schema_version INTEGER NOT NULL,"
    " odcsim_version TEXT NOT NULL,"
    " scenario_path TEXT,"
    " scenario TEXT NOT NULL,"
    " scenario_sha256 TEXT NOT NULL,"
    " started_utc TEXT NOT NULL,"
    " ended_utc TEXT,"
    " wall_s REAL NOT NULL DEFAULT 0,"
    " resumed INTEGER NOT NULL DEFAULT 0,"
    " seed INTEGER NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),"
    " last_committed_step INTEGER NOT NULL DEFAULT -1,"
    " n_steps INTEGER NOT NULL,"
    " n_sat INTEGER NOT NULL,"
    " step_s REAL NOT NULL,"
    " epoch TEXT);"
    "CREATE TABLE satellite(id INTEGER PRIMARY KEY, constellation TEXT, name TEXT,"
    " norad INTEGER);"
    "CREATE TABLE quantity(tbl TEXT NOT NULL, position INTEGER NOT NULL,"
    " name TEXT NOT NULL, unit TEXT, type TEXT NOT NULL, description TEXT,"
    " PRIMARY KEY (tbl, position));"
    "CREATE TABLE event(id INTEGER PRIMARY KEY, step INTEGER NOT NULL,"
    " t_s REAL NOT NULL, sat INTEGER, kind TEXT NOT NULL, value REAL, text TEXT);"
    "CREATE INDEX event_by_step ON event(step);"
    "CREATE TABLE summary(key TEXT PRIMARY KEY, value, unit TEXT);"
    "CREATE TABLE state(id INTEGER PRIMARY KEY CHECK (id = 1),"
    " step INTEGER NOT NULL, blob BLOB NOT NULL);";

static int bind_text(sqlite3_stmt *s, int i, const char *t)
{
    return t ? sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}

static int step_done(sqlite3 *db, sqlite3_stmt *s, const char *path, odc_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ODC_OK : db_err(err, db, path, "SQLite write");
}

static int write_quantities(sqlite3 *db, const char *tbl, const odc_quantity *q, size_t n,
                            const char *path, odc_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO quantity VALUES (?,?,?,?,?,?)", -1, &s, NULL))
        return db_err(err, db, path, "SQLite prepare");
    int rc = ODC_OK;
    for (size_t i = 0; i < n && rc == ODC_OK; i++) {
        sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_text(s, 3, q[i].name, -1, SQLITE_STATIC);
        bind_text(s, 4, q[i].unit);
        sqlite3_bind_text(s, 5, sqltype(q[i].type), -1, SQLITE_STATIC);
        bind_text(s, 6, q[i].description);
        rc = step_done(db, s, path, err);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Build the complete database of a new run at path (one transaction). */
static int create_db(const char *path, const char *text, size_t len, const char *spath,
                     const odc_results_meta *m, const odc_quantity *sq, size_t ns,
                     const odc_quantity *aq, size_t na, odc_err *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)) {
        int rc = db_err(err, db, path, "cannot create database");
        sqlite3_close(db);
        return rc;
    }
    char ddl[ODC_RESULTS_QMAX * (ODC_RESULTS_NAME_MAX + 16) + 256];
    int rc = exec(db, "PRAGMA journal_mode=WAL; BEGIN;", path, err);
    if (!rc)
        rc = exec(db, schema_fixed, path, err);
    if (!rc) {
        series_ddl(ddl, sizeof ddl, "series_sat",
                   "step INTEGER NOT NULL, sat INTEGER NOT NULL, t_s REAL NOT NULL",
                   ", PRIMARY KEY (step, sat)) WITHOUT ROWID", sq, ns);
        rc = exec(db, ddl, path, err);
    }
    if (!rc) {
        series_ddl(ddl, sizeof ddl, "series_agg",
                   "step INTEGER PRIMARY KEY, t_s REAL NOT NULL", ")", aq, na);
        rc = exec(db, ddl, path, err);
    }
    if (!rc)
        rc = write_quantities(db, "series_sat", sq, ns, path, err);
    if (!rc)
        rc = write_quantities(db, "series_agg", aq, na, path, err);
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(db,
                                  "INSERT INTO run(id, schema_version, odcsim_version,"
                                  " scenario_path, scenario, scenario_sha256, started_utc,"
                                  " seed, status, n_steps, n_sat, step_s, epoch)"
                                  " VALUES (1,?,?,?,?,?,?,?,'running',?,?,?,?)",
                                  -1, &s, NULL))
        rc = db_err(err, db, path, "SQLite prepare");
    if (!rc) {
        char hex[65], now[32];
        odc_sha256_hex(text, len, hex);
        utc_now(now);
        sqlite3_bind_int(s, 1, ODC_RESULTS_SCHEMA_VERSION);
        sqlite3_bind_text(s, 2, m->version ? m->version : ODC_VERSION, -1, SQLITE_STATIC);
        bind_text(s, 3, spath);
        sqlite3_bind_text(s, 4, text, (int)len, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, hex, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
        /* uint64 seed kept bit for bit in SQLite's signed 64-bit integer */
        sqlite3_bind_int64(s, 7, (sqlite3_int64)m->seed);
        sqlite3_bind_int64(s, 8, m->n_steps);
        sqlite3_bind_int64(s, 9, (sqlite3_int64)m->n_sat);
        sqlite3_bind_double(s, 10, m->step_s);
        bind_text(s, 11, m->epoch_iso);
        rc = step_done(db, s, path, err);
    }
    sqlite3_finalize(s);
    s = NULL;
    if (!rc && sqlite3_prepare_v2(db, "INSERT INTO satellite VALUES (?,?,?,?)", -1, &s, NULL))
        rc = db_err(err, db, path, "SQLite prepare");
    for (size_t i = 0; !rc && i < m->n_sat; i++) {
        const odc_results_sat *st = m->sats ? &m->sats[i] : NULL;
        sqlite3_bind_int64(s, 1, (sqlite3_int64)i);
        bind_text(s, 2, st ? st->constellation : NULL);
        bind_text(s, 3, st ? st->name : NULL);
        if (st && st->norad)
            sqlite3_bind_int64(s, 4, st->norad);
        else
            sqlite3_bind_null(s, 4);
        rc = step_done(db, s, path, err);
    }
    sqlite3_finalize(s);
    if (!rc)
        rc = exec(db, "COMMIT;", path, err);
    /* Closing the only connection folds the WAL into the file and fsyncs
     * it, so the file renamed into place stands alone. */
    if (sqlite3_close(db) != SQLITE_OK && !rc)
        rc = odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot close database");
    return rc;
}

/* ---- the open handle -------------------------------------------------- */

static void free_handle(odc_results *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->ins_sat);
    sqlite3_finalize(r->ins_agg);
    sqlite3_finalize(r->ins_ev);
    sqlite3_finalize(r->put_state);
    sqlite3_finalize(r->put_run);
    if (r->db)
        sqlite3_close(r->db);
    if (r->dirfd >= 0)
        close(r->dirfd);   /* releases the flock */
    free(r->state);
    free(r);
}

static int insert_sql(char *buf, size_t n, const char *tbl, size_t nkeys, size_t nq)
{
    size_t k = (size_t)snprintf(buf, n, "INSERT INTO %s VALUES (?", tbl);
    for (size_t i = 1; i < nkeys + nq && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, ",?");
    if (k < n)
        k += (size_t)snprintf(buf + k, n - k, ")");
    return k < n;
}

/* Open dir/results.sqlite for writing, with the pragmas of the store. */
static int attach(odc_results *r, const char *path, odc_err *err)
{
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL))
        return db_err(err, r->db, path, "cannot open database");
    sqlite3_busy_timeout(r->db, 2000);
    /* 64 MiB page cache: a transaction of ~10^5 wide rows stays in memory
     * until its commit. */
    int rc = exec(r->db,
                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  " PRAGMA cache_size=-65536;",
                  path, err);
    return rc;
}

/* The statements reused for every row and checkpoint. */
static int prepare_all(odc_results *r, const char *path, odc_err *err)
{
    char sql[ODC_RESULTS_QMAX * 2 + 64];
    insert_sql(sql, sizeof sql, "series_sat", 3, r->nq_sat);
    if (sqlite3_prepare_v3(r->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &r->ins_sat, NULL))
        return db_err(err, r->db, path, "SQLite prepare");
    insert_sql(sql, sizeof sql, "series_agg", 2, r->nq_agg);
    if (sqlite3_prepare_v3(r->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &r->ins_agg, NULL))
        return db_err(err, r->db, path, "SQLite prepare");
    if (sqlite3_prepare_v3(r->db,
                           "INSERT INTO event(step, t_s, sat, kind, value, text)"
                           " VALUES (?,?,?,?,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &r->ins_ev, NULL) ||
        sqlite3_prepare_v3(r->db, "INSERT OR REPLACE INTO state(id, step, blob) VALUES (1,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &r->put_state, NULL) ||
        sqlite3_prepare_v3(r->db,
                           "UPDATE run SET last_committed_step = ?, wall_s = ? WHERE id = 1",
                           -1, SQLITE_PREPARE_PERSISTENT, &r->put_run, NULL))
        return db_err(err, r->db, path, "SQLite prepare");
    return ODC_OK;
}

static int begin(odc_results *r, odc_err *err)
{
    int rc = exec(r->db, "BEGIN IMMEDIATE;", r->dir, err);
    r->in_txn = rc == ODC_OK;
    r->t_commit = mono_s();
    return rc;
}

static void set_every(odc_results *r)
{
    int64_t rows = (int64_t)r->n_sat + 1;
    r->ck_every = CK_ROWS / rows > 1 ? CK_ROWS / rows : 1;
}

static odc_results *new_handle(const char *dir, size_t n_sat, int64_t n_steps,
                               const odc_quantity *sq, size_t ns, const odc_quantity *aq,
                               size_t na, const odc_results_meta *m)
{
    odc_results *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->dirfd = -1;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    r->n_sat = n_sat;
    r->n_steps = n_steps;
    r->nq_sat = ns;
    r->nq_agg = na;
    for (size_t i = 0; i < ns; i++)
        r->int_sat[i] = sq[i].type == ODC_Q_INT;
    for (size_t i = 0; i < na; i++)
        r->int_agg[i] = aq[i].type == ODC_Q_INT;
    r->last = r->max_written = -1;
    r->export_sat_csv = m->export_sat_csv;
    r->index_by_sat = m->index_by_sat;
    r->t_open = mono_s();
    set_every(r);
    return r;
}

/* The status of an existing results database, "unknown" if unreadable. */
static const char *peek_status(const char *path, char buf[16])
{
    snprintf(buf, 16, "unknown");
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT status FROM run WHERE id = 1", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(buf, 16, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return buf;
}

int odc_results_open(const char *dir, const char *scenario_text, size_t scenario_len,
                     const char *scenario_path, const odc_results_meta *meta,
                     odc_results **res, odc_err *err)
{
    *res = NULL;
    const odc_quantity *sq, *aq;
    size_t ns, na;
    int rc = meta_q(meta, &sq, &ns, &aq, &na, err);
    if (rc)
        return rc;
    if (meta->n_steps < 1 || !(meta->step_s > 0.0) || !isfinite(meta->step_s))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "meta",
                           "expected n_steps >= 1 and a finite step_s > 0, got %lld, %g",
                           (long long)meta->n_steps, meta->step_s);
    if (scenario_len > 1000000000u || strlen(dir) > 3800)
        return odc_err_set(err, ODC_EINPUT, dir, 0, 0, NULL, "scenario or path too long");
    rc = odc_mkdir_p(dir, err);
    if (rc)
        return rc;
    odc_results *r = new_handle(dir, meta->n_sat, meta->n_steps, sq, ns, aq, na, meta);
    if (!r)
        return odc_err_set(err, ODC_ENOMEM, dir, 0, 0, NULL, "out of memory");
    rc = lock_dir(dir, &r->dirfd, err);
    char path[4200], tmp[4200];
    db_path(path, sizeof path, dir, "");
    db_path(tmp, sizeof tmp, dir, ".new");
    struct stat st;
    if (!rc && stat(path, &st) == 0) {
        char status[16];
        if (!meta->overwrite && !strcmp(peek_status(path, status), "complete"))
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                             "already holds a complete run (choose another folder, or "
                             "replace it)");
        else if (!meta->overwrite)
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                             "already holds a run (status %s): resume it, or replace it",
                             status);
        else
            unlink_db(dir, ODC_RESULTS_DB);
    }
    if (!rc) {
        unlink_db(dir, ODC_RESULTS_DB ".new");   /* a creation cut short */
        rc = create_db(tmp, scenario_text, scenario_len, scenario_path, meta, sq, ns, aq,
                       na, err);
        if (!rc && rename(tmp, path) != 0)
            rc = odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "rename: %s", strerror(errno));
        if (!rc && fsync(r->dirfd) != 0)
            rc = odc_err_set(err, ODC_EIO, dir, 0, 0, NULL, "fsync: %s", strerror(errno));
        if (rc)
            unlink_db(dir, ODC_RESULTS_DB ".new");
    }
    if (!rc)
        rc = attach(r, path, err);
    if (!rc)
        rc = prepare_all(r, path, err);
    if (!rc)
        rc = begin(r, err);
    if (rc) {
        free_handle(r);
        return rc;
    }
    *res = r;
    return ODC_OK;
}

/* ---- resume ----------------------------------------------------------- */

static int check_stored_q(sqlite3 *db, const char *tbl, const odc_quantity *q, size_t n,
                          const char *path, odc_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT name, type FROM quantity WHERE tbl = ? ORDER BY position",
                           -1, &s, NULL))
        return db_err(err, db, path, "SQLite prepare");
    sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
    size_t i = 0;
    int rc = ODC_OK;
    while (rc == ODC_OK && sqlite3_step(s) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        const char *type = (const char *)sqlite3_column_text(s, 1);
        if (i >= n || !name || !type || strcmp(name, q[i].name) ||
            strcmp(type, sqltype(q[i].type)))
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, tbl,
                             "the interrupted run has column %zu '%s' %s, this odcsim "
                             "writes '%s' %s: cannot resume with a different schema",
                             i, name ? name : "?", type ? type : "?",
                             i < n ? q[i].name : "(none)",
                             i < n ? sqltype(q[i].type) : "");
        i++;
    }
    if (rc == ODC_OK && i != n)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, tbl,
                         "the interrupted run has %zu columns, this odcsim writes %zu", i, n);
    sqlite3_finalize(s);
    return rc;
}

/* Read the run row and check it against the scenario and meta. */
static int check_run(odc_results *r, const char *path, const char *text, size_t len,
                     const odc_results_meta *m, const odc_quantity *sq, size_t ns,
                     const odc_quantity *aq, size_t na, odc_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db,
                           "SELECT schema_version, odcsim_version, scenario_sha256, status,"
                           " last_committed_step, n_steps, n_sat, step_s, wall_s"
                           " FROM run WHERE id = 1",
                           -1, &s, NULL) ||
        sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                           "not an odcsim results database (%s)", sqlite3_errmsg(r->db));
    }
    char hex[65];
    odc_sha256_hex(text, len, hex);
    const char *ver = (const char *)sqlite3_column_text(s, 1);
    const char *sha = (const char *)sqlite3_column_text(s, 2);
    const char *status = (const char *)sqlite3_column_text(s, 3);
    const char *myver = m->version ? m->version : ODC_VERSION;
    int rc = ODC_OK;
    if (sqlite3_column_int(s, 0) != ODC_RESULTS_SCHEMA_VERSION)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema_version",
                         "results schema %d, this odcsim reads %d", sqlite3_column_int(s, 0),
                         ODC_RESULTS_SCHEMA_VERSION);
    else if (!status || !strcmp(status, "complete"))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "status",
                         "the run is complete: nothing to resume (start a new run in "
                         "another folder, or replace this one)");
    else if (!sha || strcmp(sha, hex))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "scenario_sha256",
                         "scenario changed since the interrupted run (sha256 %.12s... "
                         "stored, %.12s... now): rerun it from the start",
                         sha ? sha : "?", hex);
    else if (!ver || strcmp(ver, myver))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "odcsim_version",
                         "the interrupted run was written by odcsim %s, this is %s: its "
                         "saved state cannot be trusted; rerun it from the start",
                         ver ? ver : "?", myver);
    else if (sqlite3_column_int64(s, 5) != m->n_steps ||
             sqlite3_column_int64(s, 6) != (sqlite3_int64)m->n_sat ||
             sqlite3_column_double(s, 7) != m->step_s)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "run",
                         "the interrupted run has %lld steps of %g s for %lld satellites, "
                         "this one %lld of %g s for %zu",
                         (long long)sqlite3_column_int64(s, 5), sqlite3_column_double(s, 7),
                         (long long)sqlite3_column_int64(s, 6), (long long)m->n_steps,
                         m->step_s, m->n_sat);
    r->last = sqlite3_column_int64(s, 4);
    r->wall_before = sqlite3_column_double(s, 8);
    sqlite3_finalize(s);
    if (!rc)
        rc = check_stored_q(r->db, "series_sat", sq, ns, path, err);
    if (!rc)
        rc = check_stored_q(r->db, "series_agg", aq, na, path, err);
    return rc;
}

static int load_state(odc_results *r, const char *path, odc_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db, "SELECT step, blob FROM state WHERE id = 1", -1, &s, NULL))
        return db_err(err, r->db, path, "SQLite prepare");
    int rc = ODC_OK, row = sqlite3_step(s) == SQLITE_ROW;
    if (row && sqlite3_column_int64(s, 0) != r->last)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "state",
                         "state saved at step %lld but last_committed_step is %lld",
                         (long long)sqlite3_column_int64(s, 0), (long long)r->last);
    else if (!row && r->last >= 0)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "state",
                         "no saved state for last_committed_step %lld", (long long)r->last);
    else if (row) {
        int n = sqlite3_column_bytes(s, 1);
        const void *b = sqlite3_column_blob(s, 1);
        r->state = malloc(n > 0 ? (size_t)n : 1);
        if (!r->state)
            rc = odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
        else {
            if (n > 0)
                memcpy(r->state, b, (size_t)n);
            r->state_len = (size_t)n;
        }
    }
    sqlite3_finalize(s);
    return rc;
}

int odc_results_resume(const char *dir, const char *scenario_text, size_t scenario_len,
                       const odc_results_meta *meta, odc_results **res,
                       const void **state, size_t *state_len, int64_t *step,
                       odc_err *err)
{
    *res = NULL;
    *state = NULL;
    *state_len = 0;
    *step = -1;
    const odc_quantity *sq, *aq;
    size_t ns, na;
    int rc = meta_q(meta, &sq, &ns, &aq, &na, err);
    if (rc)
        return rc;
    if (strlen(dir) > 3800)
        return odc_err_set(err, ODC_EINPUT, dir, 0, 0, NULL, "path too long");
    odc_results *r = new_handle(dir, meta->n_sat, meta->n_steps, sq, ns, aq, na, meta);
    if (!r)
        return odc_err_set(err, ODC_ENOMEM, dir, 0, 0, NULL, "out of memory");
    char path[4200];
    db_path(path, sizeof path, dir, "");
    struct stat st;
    rc = lock_dir(dir, &r->dirfd, err);
    if (!rc && stat(path, &st) != 0)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL,
                         "no results database here: nothing to resume");
    if (!rc)
        rc = attach(r, path, err);
    if (rc == ODC_EIO && r->db && sqlite3_errcode(r->db) == SQLITE_NOTADB)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL, "not an odcsim results database");
    /* Read and tidy in one write transaction, so the checks and the
     * delete see the same committed state. */
    if (!rc)
        rc = begin(r, err);
    if (!rc)
        rc = check_run(r, path, scenario_text, scenario_len, meta, sq, ns, aq, na, err);
    if (!rc)
        rc = load_state(r, path, err);
    if (!rc) {
        char sql[512];
        long long L = (long long)r->last;
        snprintf(sql, sizeof sql,
                 "DELETE FROM series_sat WHERE step > %lld; DELETE FROM series_agg WHERE "
                 "step > %lld; DELETE FROM event WHERE step > %lld; UPDATE run SET status "
                 "= 'running', resumed = resumed + 1, ended_utc = NULL WHERE id = 1; COMMIT;",
                 L, L, L);
        rc = exec(r->db, sql, path, err);
        r->in_txn = 0;
    }
    /* Prepared only now: against a mismatched schema they would fail with
     * a less helpful message than check_run's. */
    if (!rc)
        rc = prepare_all(r, path, err);
    if (!rc)
        rc = begin(r, err);
    if (rc) {
        if (r->in_txn)
            sqlite3_exec(r->db, "ROLLBACK;", NULL, NULL, NULL);
        free_handle(r);
        return rc;
    }
    r->max_written = r->last;
    *res = r;
    *state = r->state;
    *state_len = r->state_len;
    *step = r->last;
    return ODC_OK;
}

/* ---- writing ---------------------------------------------------------- */

static int check_step(odc_results *r, int64_t step, odc_err *err)
{
    if (!r->in_txn)
        return odc_err_set(err, ODC_EIO, r->dir, 0, 0, NULL,
                           "results store not writable after an earlier error");
    if (step <= r->last || step >= r->n_steps)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "step",
                           "expected a step in %lld..%lld (after the last checkpoint), got "
                           "%lld",
                           (long long)r->last + 1, (long long)r->n_steps - 1,
                           (long long)step);
    if (step > r->max_written)
        r->max_written = step;
    return ODC_OK;
}

/* Bind value v of a quantity column (NaN -> NULL, INT columns rounded). */
static void bind_q(sqlite3_stmt *s, int col, double v, int is_int)
{
    if (isnan(v))
        sqlite3_bind_null(s, col);
    else if (is_int && fabs(v) < 9.2e18)
        sqlite3_bind_int64(s, col, (sqlite3_int64)llround(v));
    else
        sqlite3_bind_double(s, col, v);
}

static int row_done(odc_results *r, sqlite3_stmt *s, int64_t step, long sat, odc_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return ODC_OK;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "step",
                           "step %lld%s%ld written twice", (long long)step,
                           sat >= 0 ? ", satellite " : "", sat >= 0 ? sat : 0L);
    return db_err(err, r->db, r->dir, "SQLite insert");
}

int odc_results_sat_step(odc_results *r, int64_t step, double t_s, const double *const *q,
                         const unsigned char *active, odc_err *err)
{
    int rc = check_step(r, step, err);
    if (rc)
        return rc;
    sqlite3_stmt *s = r->ins_sat;
    /* Bindings survive sqlite3_reset: the step and time once per step. */
    sqlite3_bind_int64(s, 1, step);
    sqlite3_bind_double(s, 3, t_s);
    for (size_t i = 0; i < r->n_sat; i++) {
        if (active && !active[i])
            continue;
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        for (size_t j = 0; j < r->nq_sat; j++)
            bind_q(s, (int)j + 4, q[j][i], r->int_sat[j]);
        rc = row_done(r, s, step, (long)i, err);
        if (rc)
            return rc;
    }
    return ODC_OK;
}

int odc_results_sat_row(odc_results *r, int64_t step, double t_s, size_t sat,
                        const double *q, odc_err *err)
{
    int rc = check_step(r, step, err);
    if (rc)
        return rc;
    if (sat >= r->n_sat)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "sat",
                           "expected a satellite index below %zu, got %zu", r->n_sat, sat);
    sqlite3_stmt *s = r->ins_sat;
    sqlite3_bind_int64(s, 1, step);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)sat);
    sqlite3_bind_double(s, 3, t_s);
    for (size_t j = 0; j < r->nq_sat; j++)
        bind_q(s, (int)j + 4, q[j], r->int_sat[j]);
    return row_done(r, s, step, (long)sat, err);
}

int odc_results_agg_row(odc_results *r, int64_t step, double t_s, const double *q,
                        odc_err *err)
{
    int rc = check_step(r, step, err);
    if (rc)
        return rc;
    sqlite3_stmt *s = r->ins_agg;
    sqlite3_bind_int64(s, 1, step);
    sqlite3_bind_double(s, 2, t_s);
    for (size_t j = 0; j < r->nq_agg; j++)
        bind_q(s, (int)j + 3, q[j], r->int_agg[j]);
    return row_done(r, s, step, -1, err);
}

int odc_results_event(odc_results *r, int64_t step, double t_s, long sat, const char *kind,
                      double value, const char *text, odc_err *err)
{
    int rc = check_step(r, step, err);
    if (rc)
        return rc;
    if (!kind || !*kind)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "kind", "expected an event kind");
    sqlite3_stmt *s = r->ins_ev;
    sqlite3_bind_int64(s, 1, step);
    sqlite3_bind_double(s, 2, t_s);
    if (sat >= 0)
        sqlite3_bind_int64(s, 3, sat);
    else
        sqlite3_bind_null(s, 3);
    sqlite3_bind_text(s, 4, kind, -1, SQLITE_STATIC);
    bind_q(s, 5, value, 0);
    sqlite3_bind_text(s, 6, text, -1, SQLITE_STATIC);   /* NULL binds NULL */
    rc = row_done(r, s, step, sat, err);
    sqlite3_clear_bindings(s);   /* no pointer to the caller's strings kept */
    return rc;
}

static double wall_total(const odc_results *r) { return r->wall_before + mono_s() - r->t_open; }

int odc_results_checkpoint(odc_results *r, int64_t step, const void *state, size_t state_len,
                           odc_err *err)
{
    if (!r->in_txn)
        return odc_err_set(err, ODC_EIO, r->dir, 0, 0, NULL,
                           "results store not writable after an earlier error");
    if (step < r->last || step >= r->n_steps || step < r->max_written)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "step",
                           "checkpoint at step %lld: expected %lld..%lld, not below the "
                           "highest step written (%lld)",
                           (long long)step, (long long)r->last, (long long)r->n_steps - 1,
                           (long long)r->max_written);
    if (state_len > 0x7fffffffu)
        return odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "state", "state blob over 2 GiB");
    sqlite3_bind_int64(r->put_state, 1, step);
    sqlite3_bind_blob(r->put_state, 2, state_len ? state : "", (int)state_len,
                      SQLITE_STATIC);
    int rc = step_done(r->db, r->put_state, r->dir, err);
    sqlite3_clear_bindings(r->put_state);
    if (!rc) {
        sqlite3_bind_int64(r->put_run, 1, step);
        sqlite3_bind_double(r->put_run, 2, wall_total(r));
        rc = step_done(r->db, r->put_run, r->dir, err);
    }
    if (!rc)
        rc = exec(r->db, "COMMIT;", r->dir, err);
    if (rc) {
        /* A failed commit leaves nothing half-done: roll back to the last
         * checkpoint and refuse further writes on this handle. */
        sqlite3_exec(r->db, "ROLLBACK;", NULL, NULL, NULL);
        r->in_txn = 0;
        return rc;
    }
    r->last = step;
    return begin(r, err);
}

int odc_results_checkpoint_due(const odc_results *r, int64_t step)
{
    return step - r->last >= r->ck_every || step >= r->n_steps - 1 ||
           mono_s() - r->t_commit >= CK_WALL_S;
}

static int write_summary(odc_results *r, const odc_results_kv *kv, size_t n, odc_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db, "INSERT OR REPLACE INTO summary VALUES (?,?,?)", -1, &s,
                           NULL))
        return db_err(err, r->db, r->dir, "SQLite prepare");
    int rc = ODC_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!kv[i].key || !*kv[i].key) {
            rc = odc_err_set(err, ODC_EINPUT, r->dir, 0, 0, "summary",
                             "entry %zu has no key", i);
            break;
        }
        sqlite3_bind_text(s, 1, kv[i].key, -1, SQLITE_STATIC);
        if (kv[i].text)
            sqlite3_bind_text(s, 2, kv[i].text, -1, SQLITE_STATIC);
        else
            bind_q(s, 2, kv[i].value, 0);
        bind_text(s, 3, kv[i].unit);
        rc = step_done(r->db, s, r->dir, err);
    }
    sqlite3_finalize(s);
    return rc;
}

int odc_results_finish(odc_results *r, const odc_results_kv *kv, size_t n_kv,
                       const char *summary_text, odc_err *err)
{
    if (!r)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, NULL, "no results handle");
    int rc = r->in_txn ? ODC_OK
                       : odc_err_set(err, ODC_EIO, r->dir, 0, 0, NULL,
                                     "results store not writable after an earlier error");
    if (!rc)
        rc = write_summary(r, kv, n_kv, err);
    if (!rc) {
        char sql[256], now[32];
        utc_now(now);
        snprintf(sql, sizeof sql,
                 "DELETE FROM state; UPDATE run SET status = 'complete', ended_utc = '%s',"
                 " wall_s = %.17g, last_committed_step = %lld WHERE id = 1;",
                 now, wall_total(r), (long long)r->max_written);
        rc = exec(r->db, sql, r->dir, err);
    }
    if (!rc && r->index_by_sat)
        rc = exec(r->db,
                  "CREATE INDEX IF NOT EXISTS series_sat_by_sat ON series_sat(sat, step);",
                  r->dir, err);
    /* Exports first, commit last: a database marked complete always has
     * its exports beside it; a kill in between leaves an incomplete run
     * whose resume rewrites them. */
    if (!rc)
        rc = odc_results_export_db(r->db, r->dir, r->export_sat_csv, summary_text, err);
    if (!rc)
        rc = exec(r->db, "COMMIT;", r->dir, err);
    if (rc) {
        odc_results_close(r);
        return rc;
    }
    r->in_txn = 0;
    /* Fold the WAL back: a finished run is one self-contained file. Fails
     * harmlessly (stays WAL) while a reader has the database open. */
    sqlite3_exec(r->db, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL);
    free_handle(r);
    return ODC_OK;
}

void odc_results_close(odc_results *r)
{
    if (!r)
        return;
    if (r->db) {
        if (r->in_txn)
            sqlite3_exec(r->db, "ROLLBACK;", NULL, NULL, NULL);
        char sql[160];
        snprintf(sql, sizeof sql,
                 "UPDATE run SET status = 'interrupted', wall_s = %.17g WHERE id = 1 AND "
                 "status = 'running';",
                 wall_total(r));
        sqlite3_exec(r->db, sql, NULL, NULL, NULL);
    }
    free_handle(r);
}

int odc_results_export(const char *dir, int with_sat_csv, odc_err *err)
{
    char path[4200];
    if (strlen(dir) > 3800)
        return odc_err_set(err, ODC_EINPUT, dir, 0, 0, NULL, "path too long");
    db_path(path, sizeof path, dir, "");
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL)) {
        int rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL, "cannot open: %s",
                             db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db, 2000);
    int rc = exec(db, "BEGIN;", path, err);   /* one snapshot for all files */
    if (!rc && sqlite3_exec(db, "SELECT 1 FROM run", NULL, NULL, NULL) != SQLITE_OK)
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, NULL, "not an odcsim results database");
    if (!rc)
        rc = odc_results_export_db(db, dir, with_sat_csv, NULL, err);
    sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

size_t odc_results_n_sat(const odc_results *r) { return r->n_sat; }
int64_t odc_results_last_step(const odc_results *r) { return r->last; }
