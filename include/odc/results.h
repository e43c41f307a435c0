/* The results store of the time-stepped engine: one SQLite database per run,
 * DIR/results.sqlite, holding a copy of the scenario, the run's metadata,
 * the time series per satellite and aggregated, events, summary metrics and
 * the engine's last state snapshot, plus CSV exports and a text summary
 * written when the run finishes. docs/results.md gives the schema.
 *
 * Writes are grouped in transactions that end at a checkpoint: the series
 * rows and events since the previous checkpoint, the engine's state blob
 * and run.last_committed_step commit together, so a process killed at any
 * moment leaves a consistent database whose rows stop exactly at
 * last_committed_step, and odc_results_resume continues it from there.
 *
 * A handle is used by one thread. The results folder is locked (flock on
 * the folder) while a handle is open, so two processes cannot write the
 * same run; readers (the sqlite3 shell) can query a running run (WAL).
 *
 * Reference: SQLite 3 file format, WAL and atomic commit documents
 * (sqlite.org/fileformat2.html, wal.html, atomiccommit.html, 2024);
 * SHA-256: FIPS PUB 180-4 (NIST, 2015). */
#ifndef ODC_RESULTS_H
#define ODC_RESULTS_H

#include <stddef.h>
#include <stdint.h>
#include "odc/error.h"

#define ODC_RESULTS_DB "results.sqlite"
#define ODC_RESULTS_SCHEMA_VERSION 1
#define ODC_RESULTS_QMAX 64          /* quantities per series table        */
#define ODC_RESULTS_NAME_MAX 48      /* quantity (column) name length + 1  */

/* Storage type of a quantity column. Values are passed as double either
 * way; ODC_Q_INT columns store llround(value). NaN is stored as NULL (SQL
 * has no NaN) and exported as an empty CSV field. */
typedef enum odc_qtype { ODC_Q_REAL = 0, ODC_Q_INT = 1 } odc_qtype;

/* One column of series_sat or series_agg, also a row of table `quantity`.
 * name: [a-z][a-z0-9_]*, at most ODC_RESULTS_NAME_MAX-1 chars, not one of
 * the key columns (step, sat, t_s). */
typedef struct odc_quantity {
    const char *name;
    const char *unit;          /* "km", "W", "1" (dimensionless), ...     */
    odc_qtype   type;
    const char *description;
} odc_quantity;

/* One satellite (row `id` = its index 0..n_sat-1 in every series call). */
typedef struct odc_results_sat {
    const char *constellation;
    const char *name;          /* may be NULL                              */
    long        norad;         /* 0: none (stored as NULL)                 */
} odc_results_sat;

/* What a run is; read by odc_results_open, checked by odc_results_resume. */
typedef struct odc_results_meta {
    const char *version;       /* odcsim version; NULL: the library's      */
    uint64_t    seed;          /* random seed of the run                   */
    int64_t     n_steps;       /* planned steps (step = 0 .. n_steps-1)    */
    double      step_s;        /* time step (s)                            */
    const char *epoch_iso;     /* scenario epoch, ISO 8601 UTC (may be NULL) */
    size_t      n_sat;
    const odc_results_sat *sats;   /* n_sat entries, or NULL (no names)    */
    /* Columns of series_sat / series_agg, in order. NULL: the defaults
     * below. At most ODC_RESULTS_QMAX each. */
    const odc_quantity *sat_q;
    size_t              n_sat_q;
    const odc_quantity *agg_q;
    size_t              n_agg_q;
    /* Options (0 = default). */
    int         overwrite;     /* replace an existing results.sqlite       */
    int         export_sat_csv;   /* finish also writes series_sat.csv     */
    int         index_by_sat;     /* finish adds index (sat, step)         */
} odc_results_meta;

/* The engine's per-satellite and aggregated quantities (data in
 * src/lib/results_quantities.c; docs/results.md lists them with units). */
const odc_quantity *odc_results_default_sat_q(size_t *n);
const odc_quantity *odc_results_default_agg_q(size_t *n);

typedef struct odc_results odc_results;   /* opaque handle */

/* One summary metric. value is used when text is NULL. */
typedef struct odc_results_kv {
    const char *key;
    double      value;
    const char *unit;          /* may be NULL                              */
    const char *text;          /* non-NULL: a textual value instead        */
} odc_results_kv;

/* Create DIR (with parents) and DIR/results.sqlite for a new run: schema,
 * the scenario copy and its SHA-256, run metadata (status 'running',
 * last_committed_step -1), satellites and quantities. The database is
 * built as DIR/results.sqlite.new and renamed into place, so
 * results.sqlite, when it exists, always holds a complete schema. Then a
 * write transaction is opened for the first steps.
 *
 * dir            results folder
 * scenario_text  the scenario file's bytes (scenario_len of them)
 * scenario_path  where it was read from (stored; may be NULL)
 * meta           the run; see odc_results_meta
 * res            receives the handle (NULL on error)
 * returns ODC_OK; ODC_EINPUT (bad quantity name, n_steps < 1, step_s <= 0,
 *         results.sqlite exists and meta->overwrite is 0, folder locked by
 *         another process); ODC_EIO (cannot create or write); ODC_ENOMEM. */
int odc_results_open(const char *dir, const char *scenario_text, size_t scenario_len,
                     const char *scenario_path, const odc_results_meta *meta,
                     odc_results **res, odc_err *err);

/* Reopen an incomplete run (status 'running' or 'interrupted') to go on.
 *
 * dir            results folder of the interrupted run
 * scenario_text  the scenario now: its SHA-256 must equal the stored one
 * meta           the run as the engine would write it now: version, n_sat,
 *                n_steps, step_s and the quantity columns must match (the
 *                state blob is only meaningful to the same engine); sats,
 *                seed and options other than export_sat_csv/index_by_sat
 *                are not re-read
 * res            receives the handle
 * state, state_len  receive the state blob of the last checkpoint (owned by
 *                the handle, valid until the next checkpoint or the end of
 *                the handle); NULL/0 when no checkpoint was committed
 * step           receives last_committed_step: the engine continues at
 *                step + 1 (-1: start from step 0)
 * Rows beyond last_committed_step (there are none after a kill; the
 * delete is a safety net) are removed; status is set back to 'running'.
 * returns ODC_OK; ODC_EINPUT ("scenario changed since the interrupted run",
 *         run already complete, metadata mismatch, not a results database,
 *         folder locked); ODC_EIO; ODC_ENOMEM. */
int odc_results_resume(const char *dir, const char *scenario_text, size_t scenario_len,
                       const odc_results_meta *meta, odc_results **res,
                       const void **state, size_t *state_len, int64_t *step,
                       odc_err *err);

/* Write one step of every satellite from structure-of-arrays buffers.
 *
 * step    0 .. n_steps-1, above the last checkpoint
 * t_s     time since the epoch (s)
 * q       n_sat_q arrays (in column order), each of n_sat values
 * active  n_sat flags, 0 = no row for that satellite (dropped); NULL: all
 * returns ODC_OK, ODC_EINPUT (step out of range or already written) or
 *         ODC_EIO. Reuses one prepared statement; allocates nothing. */
int odc_results_sat_step(odc_results *res, int64_t step, double t_s,
                         const double *const *q, const unsigned char *active,
                         odc_err *err);
/* One row of series_sat: q holds n_sat_q values in column order. */
int odc_results_sat_row(odc_results *res, int64_t step, double t_s, size_t sat,
                        const double *q, odc_err *err);
/* One row of series_agg: q holds n_agg_q values in column order. */
int odc_results_agg_row(odc_results *res, int64_t step, double t_s, const double *q,
                        odc_err *err);
/* One event (eclipse entry, interrupt, upset, ...) at step / t_s.
 * sat < 0: not about one satellite (NULL). kind: short word; text may be
 * NULL. */
int odc_results_event(odc_results *res, int64_t step, double t_s, long sat,
                      const char *kind, double value, const char *text, odc_err *err);

/* Checkpoint: store the engine state after `step` (replacing the previous
 * one), set last_committed_step = step, and COMMIT everything written
 * since the previous checkpoint in the same transaction; then open the
 * next one. Rows of steps > step written before the call are refused
 * (ODC_EINPUT) so the database never holds rows past its state.
 * Commit every N steps so that one transaction holds 10^4..10^6 rows
 * (odc_results_checkpoint_due helps); each commit costs one WAL append. */
int odc_results_checkpoint(odc_results *res, int64_t step, const void *state,
                           size_t state_len, odc_err *err);
/* 1 when `step` should end a transaction: at least max(1, 65536 / rows
 * per step) steps since the last checkpoint, or at least 2 s of wall
 * time, or the last step. */
int odc_results_checkpoint_due(const odc_results *res, int64_t step);

/* Finish the run, in one transaction: commit the remaining rows, write the
 * summary table, set status 'complete', end time and last_committed_step
 * (the highest step written), and write the exports atomically
 * (odc_afile): series_agg.csv, events.csv, summary.csv, series_sat.csv
 * when meta.export_sat_csv, and summary.txt (summary_text when not NULL,
 * else one "key = value unit" line per summary entry). The exports are
 * written before the commit, so a complete run always has them. Then the
 * WAL is folded back (journal_mode DELETE: one self-contained file) and
 * the handle freed, also on error (the run then stays incomplete). */
int odc_results_finish(odc_results *res, const odc_results_kv *kv, size_t n_kv,
                       const char *summary_text, odc_err *err);

/* Stop without finishing (e.g. on SIGINT): roll back what was written
 * since the last checkpoint, set status 'interrupted' and free the handle.
 * The run can be resumed. res may be NULL. */
void odc_results_close(odc_results *res);

/* Write the exports of a results folder again from its database (any
 * status). Same files as odc_results_finish; summary.txt from the summary
 * table. Returns ODC_OK, ODC_EINPUT (not a results database), ODC_EIO. */
int odc_results_export(const char *dir, int with_sat_csv, odc_err *err);

/* Accessors. */
size_t  odc_results_n_sat(const odc_results *res);
int64_t odc_results_last_step(const odc_results *res);   /* last committed */

/* SHA-256 of len bytes (FIPS 180-4) as 64 lowercase hex digits + NUL. */
void odc_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
