/* Shared by the decision commands (compare, sweep, montecarlo, grid):
 * load a scenario and print its problems, find the data folder. */
#ifndef ODCSIM_DECIDE_CLI_H
#define ODCSIM_DECIDE_CLI_H

#include "odc/decide.h"
#include "odc/scenario.h"

/* $ODCSIM_DATA if set, else "data". */
const char *dcli_data_dir(void);
/* Load FILE into *sc (heap), printing every problem as validate does.
 * Returns 0, or the exit status (2 input, 1 I/O). */
int dcli_load(const char *file, odc_scenario **sc);
/* Load + odc_decide_model_init. Returns 0 or the exit status. */
int dcli_model(const char *file, odc_scenario **sc, odc_decide_model *m);
void dcli_free(odc_scenario *sc);
/* Print a number for text/CSV: %.6g, "nan" printed as "-". */
const char *dcli_g(double x, char *buf, size_t n);

#endif
