/* The grid study's model: data/grids.json (reference grid, battery unit,
 * LVRT policy, training profile) with the scenario's grid section on top. */
#include "odc/decide.h"
#include "odc/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int odc_grid_model_init(const odc_scenario *sc, const char *data_dir, odc_grid_model *g,
                        odc_err *err)
{
    const odc_scenario_decide *D = &sc->decide;
    char path[4200];
    memset(g, 0, sizeof *g);
    snprintf(path, sizeof path, "%s/grids.json", data_dir);
    if (!D->has_grid)
        return odc_err_set(err, ODC_EINPUT, sc->file, 0, 0, "grid",
                           "expected a grid section (see docs/decisions.md), got none");
    const char *ref = D->grid_ref.value[0] ? D->grid_ref.value : "eastern";
    int rc = odc_grid_load(path, ref, &g->grid, err);
    if (rc) {
        if (D->grid_ref.value[0] && rc == ODC_EINPUT) {
            char m[600];
            snprintf(m, sizeof m, "%.200s", err->msg);
            return odc_err_set(err, ODC_EINPUT, sc->file, D->grid_ref.line, D->grid_ref.col,
                               "grid.reference", "expected a grid of %s, got '%s' (%s)", path,
                               ref, m);
        }
        return rc;
    }
    if ((rc = odc_train_profile_load(path, 1.0, &g->prof, err)) ||
        (rc = odc_lvrt_load(path, &g->lvrt, err)))
        return rc;
    g->lvrt_n_dips = g->lvrt.n_dips;
    /* Battery: units of a catalog unit first, explicit fields override. */
    double units = 0;
    for (size_t i = 0; i < D->n_nums; i++)
        if (!strcmp(D->nums[i].path, "grid.battery.units"))
            units = D->nums[i].value;
    const char *unit = D->battery_unit.value[0] ? D->battery_unit.value : "megapack2xl_2h";
    if ((rc = odc_battery_unit_load(path, unit, units > 0 ? units : 1.0, &g->batt, err))) {
        if (D->battery_unit.value[0] && rc == ODC_EINPUT) {
            char m[600];
            snprintf(m, sizeof m, "%.200s", err->msg);
            return odc_err_set(err, ODC_EINPUT, sc->file, D->battery_unit.line,
                               D->battery_unit.col, "grid.battery.unit",
                               "expected a battery unit of %s, got '%s' (%s)", path, unit, m);
        }
        return rc;
    }
    g->batt_units = units;
    if (units <= 0)
        g->batt.p_max_mw = g->batt.e_mwh = 0; /* none unless given explicitly */
    /* Defaults of the controller and runs (docs/decisions.md). */
    g->smooth.tau_s = 0;
    g->smooth.ramp_limit_mw_s = INFINITY;
    g->smooth.soc_target = 0.5;
    g->smooth.soc_gain_per_s = 1.0 / 600.0;
    g->duration_s = 900;
    g->dt_s = 0.05;
    g->freq_duration_s = 60;
    g->freq_dt_s = 0.01;
    g->loss_batt.p_max_mw = g->loss_batt.e_max_mwh = NAN;
    g->loss_batt.ramp_down_mw_s = NAN;
    g->loss_batt.delay_s = 0.2;
    g->loss_batt.ramp_up_mw_s = 1e4;
    g->loss_batt.hold_s = 10;
    g->prof.p_it_mw = 0;
    for (size_t i = 0; i < D->n_nums; i++) {
        const odc_param *p = odc_param_find(D->nums[i].path);
        if (!p || p->model != ODC_PARAM_GRID)
            continue;
        if ((rc = odc_param_set(p, g, D->nums[i].value, err))) {
            err->line = D->nums[i].line;
            err->col = D->nums[i].col;
            snprintf(err->file, sizeof err->file, "%.200s", sc->file);
            return rc;
        }
    }
    g->lvrt.n_dips = (int)g->lvrt_n_dips;
    if (!(g->prof.p_it_mw > 0))
        return odc_err_set(err, ODC_EINPUT, sc->file, D->has_grid, 1, "grid.it_mw",
                           "expected the site IT power in MW, got no 'it_mw' key");
    if (isnan(g->loss_batt.p_max_mw))
        g->loss_batt.p_max_mw = g->batt.p_max_mw;
    if (isnan(g->loss_batt.e_max_mwh))
        g->loss_batt.e_max_mwh =
            g->batt.e_mwh > 0 ? (g->batt.soc_max - g->batt.soc0) * g->batt.e_mwh : 1.0;
    if (!(g->loss_batt.e_max_mwh > 0))
        g->loss_batt.e_max_mwh = 1e-6;
    if (isnan(g->loss_batt.ramp_down_mw_s))
        g->loss_batt.ramp_down_mw_s = g->loss_batt.p_max_mw > 0 ? g->loss_batt.p_max_mw / 60.0
                                                                : 1.0;
    g->n_dips = D->n_dips;
    memcpy(g->dip_t_s, D->dip_t_s, sizeof g->dip_t_s);
    memcpy(g->dip_v_pu, D->dip_v_pu, sizeof g->dip_v_pu);
    return ODC_OK;
}
