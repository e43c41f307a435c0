/* Element-set files named by a scenario's tle/omm constellations: read with
 * the TLE or OMM reader, their own errors (file, line, column, field)
 * passed through unchanged so the user is pointed into the right file. */
#include "odc/scenario.h"
#include "odc/omm.h"

#include <string.h>

int odc_scenario_load_elsets(odc_scenario *sc, odc_elset_list *sets, odc_diag *diag)
{
    size_t before = diag->n;
    for (size_t i = 0; i < sc->n_cons; i++) {
        odc_scenario_cons *k = &sc->cons[i];
        memset(&sets[i], 0, sizeof sets[i]);
        if ((k->type != ODC_CONS_TLE && k->type != ODC_CONS_OMM) || !k->elset.exists)
            continue;
        odc_err e;
        odc_err_clear(&e);
        int rc = k->type == ODC_CONS_TLE ? odc_tle_read_file(k->elset.path, NULL, &sets[i], &e)
                                         : odc_omm_read_file(k->elset.path, &sets[i], &e);
        if (rc != ODC_OK) {
            /* The reader's own position comes first; the scenario line that
             * named the file is added so both are found. */
            if (!e.file[0])
                snprintf(e.file, sizeof e.file, "%.255s", k->elset.path);
            size_t l = strlen(e.msg);
            snprintf(e.msg + l, sizeof e.msg - l, " (file named at %.200s:%d:%d)", sc->file,
                     k->elset.line, k->elset.col);
            odc_diag_add_err(diag, &e);
            memset(&sets[i], 0, sizeof sets[i]);
            continue;
        }
        if (sets[i].n == 0) {
            char p[64];
            snprintf(p, sizeof p, "constellations[%zu].file", i);
            odc_diag_add(diag, sc->file, k->elset.line, k->elset.col, p,
                         "expected a file with at least one element set, got none in '%s'",
                         k->elset.file);
        }
        k->n_sat = sets[i].n;
    }
    return diag->n > before ? ODC_EINPUT : ODC_OK;
}

void odc_scenario_free_elsets(const odc_scenario *sc, odc_elset_list *sets)
{
    for (size_t i = 0; i < sc->n_cons; i++)
        if (sets[i].el)
            odc_elset_list_free(&sets[i]);
}
