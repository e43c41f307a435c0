/* Loader of the decision sections of a scenario (economics, terrestrial,
 * grid, uncertainty, sweep); called by scenario.c for each present section.
 * Internal to libodc. */
#ifndef ODC_SCENARIO_DECIDE_INTERNAL_H
#define ODC_SCENARIO_DECIDE_INTERNAL_H

#include <yaml.h>

#include "odc/scenario.h"

/* section: "economics", "terrestrial", "grid", "uncertainty" or "sweep";
 * n: its value node. Problems go to d with file, line, column, field. */
void odc_scn_parse_decide(yaml_document_t *doc, const char *file, odc_diag *d,
                          odc_scenario *sc, const char *section, yaml_node_t *n);

#endif
