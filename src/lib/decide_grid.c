/* The grid study's model: data/grids.json (reference grid, battery unit,
 * LVRT policy, training profile) with the scenario's grid section on top. */
#include "odc/decide.h"
#include "odc/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
    g->unit_p_mw = g->batt.p_max_mw / (units > 0 ? units : 1.0);
    g->unit_e_mwh = g->batt.e_mwh / (units > 0 ? units : 1.0);
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
    g->sink_follows = isnan(g->loss_batt.p_max_mw) && isnan(g->loss_batt.e_max_mwh) &&
                      isnan(g->loss_batt.ramp_down_mw_s);
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

static void sink_defaults(odc_grid_model *g)
{
    g->loss_batt.p_max_mw = g->batt.p_max_mw;
    g->loss_batt.e_max_mwh =
        g->batt.e_mwh > 0 ? (g->batt.soc_max - g->batt.soc0) * g->batt.e_mwh : 1.0;
    if (!(g->loss_batt.e_max_mwh > 0))
        g->loss_batt.e_max_mwh = 1e-6;
    g->loss_batt.ramp_down_mw_s = g->loss_batt.p_max_mw > 0 ? g->loss_batt.p_max_mw / 60.0 : 1.0;
}

int odc_grid_param_set(const odc_param *p, odc_grid_model *g, double v, odc_err *err)
{
    int rc = odc_param_set(p, g, v, err);
    if (rc)
        return rc;
    if (!strcmp(p->path, "grid.battery.units")) {
        g->batt.p_max_mw = v * g->unit_p_mw;
        g->batt.e_mwh = v * g->unit_e_mwh;
    } else if (!strcmp(p->path, "grid.lvrt.n_dips"))
        g->lvrt.n_dips = (int)v;
    if (g->sink_follows && !strncmp(p->path, "grid.battery.", 13))
        sink_defaults(g);
    if (!strncmp(p->path, "grid.loss_battery.", 18))
        g->sink_follows = 0;
    return ODC_OK;
}

int odc_grid_study_run(const odc_grid_model *g, double *const series[5], odc_grid_study *s,
                       odc_err *err)
{
    memset(s, 0, sizeof *s);
    double ns = floor(g->duration_s / g->dt_s) + 1;
    double nf = floor(g->freq_duration_s / g->freq_dt_s) + 1;
    if (!(ns >= 2 && ns <= ODC_GRID_SAMPLES_MAX))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "grid.dt_s",
                           "expected 2 to %.0f samples over grid.duration_s, got %.0f",
                           ODC_GRID_SAMPLES_MAX, ns);
    if (!(nf >= 2 && nf <= ODC_GRID_SAMPLES_MAX))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "grid.freq_dt_s",
                           "expected 2 to %.0f samples over grid.freq_duration_s, got %.0f",
                           ODC_GRID_SAMPLES_MAX, nf);
    size_t n = (size_t)ns, nfs = (size_t)nf;
    s->n = n;
    double *own[5] = {0}, *a[5];
    int rc = ODC_OK;
    for (int k = 0; k < 5; k++) {
        a[k] = series ? series[k] : NULL;
        if (!a[k] && !(a[k] = own[k] = malloc(n * sizeof(double)))) {
            rc = odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, "grid", "out of memory");
            goto out;
        }
    }
    double *it = a[0], *site = a[1], *grid = a[2], *batt = a[3], *soc = a[4];
    if ((rc = odc_train_load_series(&g->prof, g->dt_s, n, it, site, err)))
        goto out;
    s->site_peak_mw = g->prof.p_it_mw * g->prof.pue;
    s->mean_it_mw = odc_train_mean_it_mw(&g->prof);
    s->site_min_mw = INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (k)
            s->load_ramp_max_mw_s = fmax(s->load_ramp_max_mw_s,
                                         fabs(site[k] - site[k - 1]) / g->dt_s);
        s->site_max_mw = fmax(s->site_max_mw, site[k]);
        s->site_min_mw = fmin(s->site_min_mw, site[k]);
    }
    s->have_batt = g->batt.p_max_mw > 0 && g->batt.e_mwh > 0;
    s->ride_full_s = s->ride_throttled_s = s->served_frac = NAN;
    if (s->have_batt) {
        if ((rc = odc_smooth_run(site, n, g->dt_s, &g->smooth, &g->batt, grid, batt, soc,
                                 &s->smooth, err)) ||
            (rc = odc_ride_through(&g->batt, s->site_peak_mw, &s->ride_full_s,
                                   &s->ride_throttled_s, &s->served_frac, err)))
            goto out;
    } else
        for (size_t k = 0; k < n; k++) {
            grid[k] = site[k];
            batt[k] = 0;
            soc[k] = NAN;
        }
    s->size_p_mw = s->size_e_mwh = NAN;
    if (isfinite(g->smooth.ramp_limit_mw_s)) {
        /* Without a plant, size one of the default unit's chemistry. */
        double rte = s->have_batt ? g->batt.rte : 0.92;
        double smin = s->have_batt ? g->batt.soc_min : 0.0;
        double smax = s->have_batt ? g->batt.soc_max : 1.0;
        if ((rc = odc_smooth_size(site, n, g->dt_s, &g->smooth, rte, smin, smax, &s->size_p_mw,
                                  &s->size_e_mwh, err)))
            goto out;
    }
    /* The whole site at full compute lost at t = 1 s. */
    s->load_lost_mw = s->site_peak_mw;
    if ((rc = odc_grid_load_loss(&g->grid, NULL, s->load_lost_mw, 1.0, g->freq_dt_s, nfs, NULL,
                                 NULL, NULL, &s->freq, err)) ||
        (rc = odc_grid_max_load_loss(&g->grid, NULL, g->freq_dt_s, nfs, &s->safe_loss_mw,
                                     &s->limited_by, err)))
        goto out;
    s->have_sink = g->loss_batt.p_max_mw > 0;
    s->safe_loss_sink_mw = NAN;
    if (s->have_sink &&
        ((rc = odc_grid_load_loss(&g->grid, &g->loss_batt, s->load_lost_mw, 1.0, g->freq_dt_s,
                                  nfs, NULL, NULL, NULL, &s->freq_sink, err)) ||
         (rc = odc_grid_max_load_loss(&g->grid, &g->loss_batt, g->freq_dt_s, nfs,
                                      &s->safe_loss_sink_mw, &s->limited_by_sink, err))))
        goto out;
    rc = odc_grid_battery_needed(&g->grid, &g->loss_batt, s->load_lost_mw, g->freq_dt_s, nfs,
                                 &s->sink_needed_mw, err);
    if (rc == ODC_EMODEL) {
        s->sink_needed_mw = NAN;
        rc = ODC_OK;
    }
    if (rc)
        goto out;
    s->t_disconnect_s = NAN;
    if (g->n_dips) {
        double t = -1;
        if ((rc = odc_lvrt_cascade(&g->lvrt, g->dip_t_s, g->dip_v_pu, g->n_dips, &s->n_transfers,
                                   &t, err)))
            goto out;
        if (t >= 0)
            s->t_disconnect_s = t;
    }
out:
    for (int k = 0; k < 5; k++)
        free(own[k]);
    return rc;
}
