/* Strict readers for the data files users edit (JSON catalogs and
 * defaults, data/ CSV tables): read a whole file, parse JSON with the line
 * and column of a syntax error, parse numbers with nothing left over, and
 * split a CSV table into rows and fields that remember where they stood.
 * Every loader of libodc uses these, so every data file fails the same way:
 * a message with file, line, column and what was expected. */
#ifndef ODC_DATAFILE_H
#define ODC_DATAFILE_H

#include <stddef.h>

#include "odc/error.h"

struct cJSON;

/* Largest file odc_file_slurp reads, in bytes (a guard against reading a
 * wrong, huge file into memory; data files are kilobytes). */
#define ODC_FILE_SLURP_MAX ((size_t)1 << 26)

/* Read a whole file into memory.
 *
 * path     file to read
 * len      if not NULL, receives the number of bytes read (the buffer holds
 *          len bytes plus a terminating NUL)
 * err      receives the error, file set to path
 * returns  a malloc'ed, NUL-terminated buffer the caller frees; NULL on
 *          error: ODC_EIO ("cannot open: <strerror>", "read error"),
 *          ODC_ENOMEM ("file too large or out of memory", for files of
 *          ODC_FILE_SLURP_MAX bytes or more). */
char *odc_file_slurp(const char *path, size_t *len, odc_err *err);

/* 1-based line and column of position `at` inside `text` (tabs count as
 * one column). at == NULL or at == text gives line 1, column 1. */
void odc_text_line_col(const char *text, const char *at, int *line, int *col);

/* Parse JSON text with cJSON (no trailing garbage allowed).
 *
 * text     NUL-terminated JSON text
 * path     file name used in the error message (may be NULL)
 * root     receives the parsed tree; the caller frees it with cJSON_Delete
 * err      on a syntax error: ODC_EINPUT with the line and column where
 *          cJSON stopped, message "invalid JSON (syntax error at or before
 *          this position)"
 * returns  ODC_OK, ODC_EINPUT, or ODC_ENOMEM.
 * Reference: cJSON 1.7 (Dave Gamble et al.), cJSON_ParseWithOpts. */
int odc_json_parse_text(const char *text, const char *path, struct cJSON **root,
                        odc_err *err);

/* odc_file_slurp followed by odc_json_parse_text.
 *
 * path     JSON file to read
 * root     receives the parsed tree (cJSON_Delete it), NULL on error
 * text     if not NULL, receives the file text as well (the caller frees it;
 *          useful to locate keys in the text for messages); NULL on error
 * returns  ODC_OK, ODC_EINPUT (missing path, syntax error), ODC_EIO or
 *          ODC_ENOMEM, with err filled as above. */
int odc_json_parse_file(const char *path, struct cJSON **root, char **text,
                        odc_err *err);

/* Parse a decimal number (strtod syntax) that fills the whole string and is
 * finite: "1e3" is accepted; "", "1e3x", "nan", "inf" and out-of-range
 * values (ERANGE) are not.
 *
 * s        NUL-terminated text, already trimmed of blanks
 * v        receives the value (unspecified on failure)
 * returns  0 on success, -1 otherwise. */
int odc_parse_double_strict(const char *s, double *v);

/* One CSV row: its 1-based line number in the file and its fields, each
 * trimmed of blanks and line ends, with the 1-based column where the
 * trimmed field starts. */
typedef struct odc_csv_row {
    int line;
    int nf;
    char **field;
    int *col;
} odc_csv_row;

/* A CSV table: every line of the file that is neither blank nor a comment
 * (first character '#'), split at each comma. Fields are not quoted; the
 * data files of odcsim never need commas inside a field. */
typedef struct odc_csv_table {
    int nline;        /* lines in the file, comments and blanks included */
    int nrow;
    odc_csv_row *row;
    char *text_;      /* the file text the fields point into (internal) */
    char **fields_;   /* storage behind row[i].field (internal)         */
    int *cols_;       /* storage behind row[i].col (internal)           */
} odc_csv_table;

/* Read a CSV table.
 *
 * path     CSV file to read
 * t        receives the table; free it with odc_csv_free (also on error)
 * err      ODC_EIO / ODC_ENOMEM as for odc_file_slurp
 * returns  ODC_OK, ODC_EIO or ODC_ENOMEM. Header rows and the meaning of
 *          each column are left to the caller. */
int odc_csv_read(const char *path, odc_csv_table *t, odc_err *err);

/* Free a table read by odc_csv_read (t may be zeroed or NULL). */
void odc_csv_free(odc_csv_table *t);

#endif
