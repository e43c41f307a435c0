/* Error records: how libodc reports what went wrong without printing. */
#include "odc/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void odc_err_clear(odc_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int odc_err_set(odc_err *err, int code, const char *file, int line, int col,
                const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

char *odc_err_format(const odc_err *err, char *buf, size_t n)
{
    char where[320] = "", field[96] = "", full[1024];
    if (!buf || n == 0)
        return buf;
    buf[0] = '\0';
    if (!err)
        return buf;
    if (err->file[0]) {
        if (err->line > 0 && err->col > 0)
            snprintf(where, sizeof where, "%.250s:%d:%d: ", err->file, err->line, err->col);
        else if (err->line > 0)
            snprintf(where, sizeof where, "%.250s:%d: ", err->file, err->line);
        else
            snprintf(where, sizeof where, "%.250s: ", err->file);
    }
    if (err->field[0])
        snprintf(field, sizeof field, "field '%.63s': ", err->field);
    snprintf(full, sizeof full, "%s%s%s", where, field, err->msg);
    /* Copy with explicit truncation (the caller's buffer may be small). */
    size_t len = strlen(full);
    if (len >= n)
        len = n - 1;
    memcpy(buf, full, len);
    buf[len] = '\0';
    return buf;
}
