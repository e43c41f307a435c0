/* Internal interface between the OMM keyword layer (omm.c) and the three
 * syntaxes (omm_csv.c, omm_json.c, omm_xml.c). Not part of the public API. */
#ifndef ODC_OMM_INTERNAL_H
#define ODC_OMM_INTERNAL_H

#include <stddef.h>
#include "odc/omm.h"

/* Where a value came from, for error messages. */
typedef struct omm_where {
    const char *file;
    int recno;         /* 1-based record (CSV row, JSON object, XML segment) */
    int line, col;     /* 0 when the syntax does not tell                     */
} omm_where;

/* One record being assembled. */
typedef struct omm_rec {
    odc_elements el;
    unsigned long seen;   /* bit k: keyword k of the table was given */
} omm_rec;

void omm__begin(omm_rec *r);
/* Set keyword key (keylen bytes) from text (vlen bytes; surrounding blanks
 * are ignored). Unknown keywords are ignored (OMM producers add their own,
 * e.g. Space-Track's SEMIMAJOR_AXIS); a keyword given twice is an error. */
int omm__set_text(omm_rec *r, const char *key, size_t keylen, const char *val,
                  size_t vlen, const omm_where *w, odc_err *err);
/* The same for a JSON number. */
int omm__set_number(omm_rec *r, const char *key, size_t keylen, double v,
                    const omm_where *w, odc_err *err);
/* A value of a type that no keyword takes (JSON boolean, array, object):
 * an error when key is a known keyword, ignored otherwise. */
int omm__set_wrong_type(omm_rec *r, const char *key, size_t keylen,
                        const char *what, const omm_where *w, odc_err *err);
/* Check that the required keywords were given; w->line/col point at the
 * record's start. */
int omm__finish(omm_rec *r, const omm_where *w, odc_err *err);

/* Readers of the three syntaxes: append to out (already zeroed). */
int omm__read_csv(const char *text, size_t len, const char *file,
                  odc_elset_list *out, odc_err *err);
int omm__read_json(const char *text, size_t len, const char *file,
                   odc_elset_list *out, odc_err *err);
int omm__read_xml(const char *text, size_t len, const char *file,
                  odc_elset_list *out, odc_err *err);

/* Shortest decimal text that reads back to exactly v ("%.{1..17}g"). */
void omm__fmt_double(double v, char *buf, size_t n);
/* "YYYY-MM-DDThh:mm:ss.ffffff" from epoch_jd + epoch_jd_frac (microseconds,
 * rounded). ODC_EINPUT when the epoch is not a valid date in 0..9999. */
int omm__fmt_epoch(const odc_elements *el, char buf[32], odc_err *err);

#endif
