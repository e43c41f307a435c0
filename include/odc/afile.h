/* Atomic output files: write to a temporary file in the same directory, then
 * fsync and rename over the target, so a run interrupted half-way leaves
 * either the old file or the complete new one, never a torn one. */
#ifndef ODC_AFILE_H
#define ODC_AFILE_H

#include <stdio.h>
#include "odc/error.h"

typedef struct odc_afile {
    FILE *fp;            /* write through this                          */
    char  path[4096];    /* final path                                   */
    char  tmp[4096];     /* temporary path (same directory)              */
} odc_afile;

/* Open a temporary file beside path. Returns ODC_OK, ODC_EINPUT (path empty
 * or an existing directory) or ODC_EIO. */
int odc_afile_open(odc_afile *af, const char *path, odc_err *err);
/* Flush, fsync and rename into place. Returns ODC_OK or ODC_EIO (the
 * temporary is removed on failure). */
int odc_afile_commit(odc_afile *af, odc_err *err);
/* Abandon: close and remove the temporary. Safe to call twice. */
void odc_afile_abort(odc_afile *af);

/* Create a directory and its parents (like mkdir -p). ODC_OK, ODC_EINPUT
 * (dir empty, or it exists and is not a directory) or ODC_EIO. */
int odc_mkdir_p(const char *dir, odc_err *err);

#endif
