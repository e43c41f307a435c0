/* Shared between results.c (the store) and results_export.c (CSV and text
 * exports): not a public interface. */
#ifndef ODC_RESULTS_INTERNAL_H
#define ODC_RESULTS_INTERNAL_H

#include <sqlite3.h>
#include "odc/results.h"

/* Write the export files of dir from db (inside whatever transaction db is
 * in, so a finishing run exports its own uncommitted rows).
 * summary_text: contents of summary.txt, NULL to compose it from the
 * summary table. Returns ODC_OK or ODC_EIO. */
int odc_results_export_db(sqlite3 *db, const char *dir, int with_sat_csv,
                          const char *summary_text, odc_err *err);

#endif
