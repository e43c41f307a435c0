/* Two-line element sets: reading (2- and 3-line files), checksum, Alpha-5
 * catalogue numbers, and writing. Also the container for lists of element
 * sets that the TLE and OMM readers share.
 *
 * Reference: CelesTrak, "NORAD Two-Line Element Set Format" (T.S. Kelso);
 * Alpha-5: USSF 18 SDS, "Alpha-5 catalog numbers" (2020). */
#ifndef ODC_TLE_H
#define ODC_TLE_H

#include <stddef.h>
#include <stdio.h>
#include "odc/elements.h"
#include "odc/error.h"

/* A list of element sets as read from one file. */
typedef struct odc_elset_list {
    odc_elements *el;      /* n element sets                                */
    size_t        n;
    int          *line;    /* source line (1-based) of each set's first line:
                              the name line when there is one (TLE), the
                              CSV row, the XML <segment>; 0 for JSON      */
    /* SGP4-VER.TLE carries start, stop and step (minutes since epoch) after
     * column 69 of line 2 for verification runs. verif[i][0..2] hold them;
     * has_verif[i] is 1 when present. */
    double      (*verif)[3];
    int          *has_verif;
} odc_elset_list;

typedef struct odc_tle_options {
    int verify_checksum;   /* 1 (default): a wrong checksum is an error     */
} odc_tle_options;

/* Parse one element set. line0 (the name line, may start with "0 ") may be
 * NULL. file and lineno1 (line number of line1; line2 is taken to follow)
 * are used in error messages. Lines may end in CR/LF or trailing blanks;
 * text after column 69 of line 2 must be three numbers (SGP4-VER
 * start/stop/step), which this routine checks and drops.
 * Returns ODC_OK or ODC_EINPUT with err naming file, line, column (first
 * column of the field) and field (the OMM keyword of the column, e.g.
 * "ECCENTRICITY", or "separator", "LINE_NUMBER", "CHECKSUM"). el is only
 * written on success. Checks: docs/elements.md. */
int odc_tle_parse(const char *line0, const char *line1, const char *line2,
                  const odc_tle_options *opt, const char *file, int lineno1,
                  odc_elements *el, odc_err *err);

/* Read every element set in a text buffer / a file (2- or 3-line form,
 * mixed; blank lines and lines starting with '#' are skipped). opt may be
 * NULL (defaults). On error nothing is returned in out. */
int odc_tle_read_string(const char *text, const char *file,
                        const odc_tle_options *opt, odc_elset_list *out,
                        odc_err *err);
int odc_tle_read_file(const char *path, const odc_tle_options *opt,
                      odc_elset_list *out, odc_err *err);

/* Format as two 69-character lines (plus NUL) with checksums; catalogue
 * numbers above 99999 are written in Alpha-5. ODC_EINPUT when a field cannot
 * be represented (e.g. norad > 339999, ecc >= 1). */
int odc_tle_format(const odc_elements *el, char line1[70], char line2[70],
                   odc_err *err);

/* Set the epoch of el from a two-part UTC Julian date (any split of
 * jd + jd_frac): normalises it to epoch_jd = a whole day ending in .5 and
 * epoch_jd_frac in [0, 1), and fills epoch_year and epoch_doy. For the
 * constellation generators and the OMM reader. ODC_EINPUT when not finite
 * or outside JD 0 .. 1e8. */
int odc_elements_set_epoch_jd(odc_elements *el, double jd, double jd_frac,
                              odc_err *err);

/* Write n element sets as TLE text: a name line (when el[i].name is not
 * empty) and the two lines of odc_tle_format, LF line ends. Every set is
 * formatted before anything is written, so an error leaves fp untouched.
 * ODC_EINPUT (err names the set and field) or ODC_EIO. */
int odc_tle_write(FILE *fp, const odc_elements *el, size_t n, odc_err *err);

/* Checksum of the first 68 characters: digits add their value, '-' adds 1. */
int odc_tle_checksum(const char *line);

/* Read TLE or OMM (CSV, JSON, XML), chosen from the content. */
int odc_elsets_read_file(const char *path, const odc_tle_options *opt,
                         odc_elset_list *out, odc_err *err);

void odc_elset_list_free(odc_elset_list *l);

#endif
