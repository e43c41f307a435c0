/* libFuzzer target for the decision sections of a scenario (economics,
 * terrestrial, grid, uncertainty, sweep; src/lib/scenario_decide.c): any
 * bytes must load or give problems that each carry a position and a field,
 * never a crash; every stored parameter path must be a known parameter
 * whose value is inside its range. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "odc/decide.h"
#include "odc/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    odc_scenario *sc = calloc(1, sizeof *sc);
    odc_diag d;
    if (!sc)
        return 0;
    odc_diag_init(&d);
    odc_scenario_load_string((const char *)data, size, "fuzz.yaml", sc, &d);
    for (size_t i = 0; i < d.n; i++)
        if (!d.items[i].msg[0])
            abort();
    const odc_scenario_decide *D = &sc->decide;
    for (size_t i = 0; i < D->n_nums; i++) {
        const odc_param *p = odc_param_find(D->nums[i].path);
        if (!p || odc_param_check(p, D->nums[i].value, NULL) != ODC_OK)
            abort();
    }
    for (size_t i = 0; i < D->n_dists; i++)
        if (!odc_param_find(D->dists[i].path))
            abort();
    for (size_t i = 0; i < D->n_axes; i++)
        if (!odc_param_find(D->axes[i].path))
            abort();
    odc_diag_free(&d);
    odc_scenario_free(sc);
    free(sc);
    return 0;
}
