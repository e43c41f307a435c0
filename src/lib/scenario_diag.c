/* Problem lists for scenario checking: a growable array of odc_err, so a
 * check can report every problem rather than stopping at the first. Also the
 * small helpers (names of enums, edit distance) the scenario code shares. */
#include "odc/scenario.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void odc_diag_init(odc_diag *d)
{
    memset(d, 0, sizeof *d);
}

void odc_diag_free(odc_diag *d)
{
    free(d->items);
    memset(d, 0, sizeof *d);
}

/* A file of a million bad keys would otherwise take a million records
 * (850 bytes each) and a quadratic sort; nobody reads past the first few
 * hundred. The last slot says that the list was cut (line 0: listed first). */
#define DIAG_MAX 1000

static odc_err *diag_slot(odc_diag *d)
{
    if (d->n >= DIAG_MAX)
        return NULL;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        odc_err *p = realloc(d->items, cap * sizeof *p);
        if (!p)
            return NULL;
        d->items = p;
        d->cap = cap;
    }
    return &d->items[d->n++];
}

int odc_diag_add(odc_diag *d, const char *file, int line, int col,
                 const char *field, const char *fmt, ...)
{
    if (d->n == DIAG_MAX - 1) {
        odc_err *e = diag_slot(d);
        if (!e)
            return ODC_ENOMEM;
        odc_err_set(e, ODC_EINPUT, file, 0, 0, NULL,
                    "more than %d problems: only the first %d found are listed", DIAG_MAX - 1,
                    DIAG_MAX - 1);
        return ODC_EINPUT;
    }
    odc_err *e = diag_slot(d);
    if (!e)
        return d->n >= DIAG_MAX ? ODC_EINPUT : ODC_ENOMEM;
    char msg[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    odc_err_set(e, ODC_EINPUT, file, line, col, field, "%s", msg);
    return ODC_EINPUT;
}

int odc_diag_add_err(odc_diag *d, const odc_err *src)
{
    if (d->n == DIAG_MAX - 1) /* odc_diag_add puts the "more than" note there */
        return odc_diag_add(d, src->file, src->line, src->col, src->field, "%s", src->msg);
    odc_err *e = diag_slot(d);
    if (!e)
        return d->n >= DIAG_MAX ? ODC_EINPUT : ODC_ENOMEM;
    *e = *src;
    if (!e->code)
        e->code = ODC_EINPUT;
    return e->code;
}

const char *odc_cons_type_name(odc_cons_type t)
{
    switch (t) {
    case ODC_CONS_WALKER: return "walker";
    case ODC_CONS_SSO: return "sso";
    case ODC_CONS_CLUSTER: return "cluster";
    case ODC_CONS_TLE: return "tle";
    case ODC_CONS_OMM: return "omm";
    }
    return "?";
}

const char *odc_propagator_name(odc_propagator p)
{
    switch (p) {
    case ODC_PROP_J2: return "j2";
    case ODC_PROP_KEPLER: return "kepler";
    case ODC_PROP_SGP4: return "sgp4";
    }
    return "?";
}

const char *odc_frame_name(odc_frame f)
{
    switch (f) {
    case ODC_FRAME_TEME: return "teme";
    case ODC_FRAME_ITRF: return "itrf";
    case ODC_FRAME_GCRS: return "gcrs";
    }
    return "?";
}

int odc_edit_distance(const char *a, const char *b)
{
    /* Two-row dynamic programme; keys are short, so a fixed row suffices. */
    enum { MAXL = 128 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAXL || lb >= MAXL)
        return (int)(la > lb ? la : lb);
    int prev[MAXL], cur[MAXL];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            int m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}
