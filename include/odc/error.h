/* Errors as values: every fallible libodc routine takes an odc_err * and
 * returns a status code; the message says where (file, line, column, field)
 * and what was expected. The library never prints or exits; the CLI decides
 * what the user sees. */
#ifndef ODC_ERROR_H
#define ODC_ERROR_H

#include <stddef.h>

enum {
    ODC_OK = 0,
    ODC_EINPUT = 2,   /* bad input (file content, arguments): CLI exits 2 */
    ODC_EIO = 3,      /* could not read or write a file                   */
    ODC_EMODEL = 4,   /* a model could not produce a result (e.g. decayed) */
    ODC_ENOMEM = 5
};

typedef struct odc_err {
    int  code;           /* one of the ODC_E* values, 0 when no error      */
    char file[256];      /* input file, "" if none                          */
    int  line;           /* 1-based line, 0 if unknown                      */
    int  col;            /* 1-based column, 0 if unknown                    */
    char field[64];      /* field or key name, "" if none                   */
    char msg[512];       /* what went wrong and what was expected           */
} odc_err;

/* Clear an error record (code 0, empty strings). err may be NULL. */
void odc_err_clear(odc_err *err);

/* Fill err (if not NULL) and return code. file/field may be NULL.
 * Formats msg printf-style. */
int odc_err_set(odc_err *err, int code, const char *file, int line, int col,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* "file:line:col: field 'X': message" (parts that are unknown are left out).
 * Writes at most n bytes including the terminating NUL; returns buf. */
char *odc_err_format(const odc_err *err, char *buf, size_t n);

#endif
