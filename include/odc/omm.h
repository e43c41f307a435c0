/* CCSDS Orbit Mean-elements Messages (OMM) as CelesTrak publishes them:
 * CSV (one header row of keywords), JSON (an array of objects) and XML
 * (NDM/XML 'ndm/omm' tree). Each gives the same odc_elements as the
 * equivalent TLE.
 *
 * Reference: CCSDS 502.0-B-3, Orbit Data Messages, sec. 4 and annex for
 * keywords; CelesTrak "A New Way to Obtain GP Data" (Kelso, 2020). */
#ifndef ODC_OMM_H
#define ODC_OMM_H

#include <stdio.h>
#include "odc/tle.h"

typedef enum odc_omm_format {
    ODC_OMM_CSV = 0,
    ODC_OMM_JSON = 1,
    ODC_OMM_XML = 2
} odc_omm_format;

/* Parse OMM text; the format is detected from the first non-blank
 * character ('<' XML, '[' or '{' JSON, otherwise CSV). file is used in
 * error messages (which name the record, field and, where the format
 * allows, line and column). */
int odc_omm_read_string(const char *text, size_t len, const char *file,
                        odc_elset_list *out, odc_err *err);
int odc_omm_read_file(const char *path, odc_elset_list *out, odc_err *err);

/* Write n element sets as OMM in the given format. */
int odc_omm_write(FILE *fp, const odc_elements *el, size_t n,
                  odc_omm_format fmt, odc_err *err);

/* "2020-10-13T04:52:48.472320" <-> two-part UTC Julian date (whole day
 * ending in .5 + fraction); also fills epoch_year/epoch_doy of el. */
int odc_omm_parse_epoch(const char *iso, odc_elements *el, odc_err *err);

#endif
