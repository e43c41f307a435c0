/* Terrestrial AI factory: energy cost by power source (grid, gas turbines,
 * fuel cells, solar plus storage), water, time to power, reference sites,
 * and the ground cost sheet evaluated by tco.c with the orbit's accounting. */
#include "odc/terrestrial.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "econ_internal.h"

#define HOURS_PER_YR 8766.0

static const char *const SITE_KEYS[] = {"name", "facility_mw", "pue", "n_gpus", "power",
                                        "storage_h", "bess_mwh", "build_yr", "source", "date",
                                        "note"};
#define N_SITE_KEYS ((int)(sizeof SITE_KEYS / sizeof SITE_KEYS[0]))

static int power_of(const char *s)
{
    if (strcmp(s, "grid") == 0) return ODC_PWR_GRID;
    if (strcmp(s, "gas") == 0) return ODC_PWR_GAS;
    if (strcmp(s, "fuel_cell") == 0) return ODC_PWR_FUEL_CELL;
    if (strcmp(s, "solar_storage") == 0) return ODC_PWR_SOLAR_STORAGE;
    return 0;
}

int odc_site_check(const odc_site *s, odc_err *err)
{
    if (!s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "site", "missing site");
    if (!(s->facility_mw > 0) || !isfinite(s->facility_mw))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "facility_mw", "expected > 0, got %g",
                           s->facility_mw);
    if (!(s->pue >= 1 && s->pue <= 5))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "pue", "expected in [1,5], got %g",
                           s->pue);
    if (!(s->n_gpus > 0) || !isfinite(s->n_gpus))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_gpus", "expected > 0, got %g",
                           s->n_gpus);
    if (s->power < ODC_PWR_GRID || s->power > ODC_PWR_SOLAR_STORAGE)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "power",
                           "expected grid, gas, fuel_cell or solar_storage");
    if (!(s->storage_h >= 0 && s->storage_h < 24))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "storage_h", "expected in [0,24), got %g",
                           s->storage_h);
    if (!(s->bess_mwh >= 0) || !isfinite(s->bess_mwh))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "bess_mwh", "expected >= 0, got %g",
                           s->bess_mwh);
    if (!(s->build_yr >= 0 && s->build_yr <= 50))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "build_yr", "expected in [0,50], got %g",
                           s->build_yr);
    return ODC_OK;
}

int odc_sites_load(const char *path, odc_site_list *l, odc_err *err)
{
    if (!l)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "sites", "missing output");
    memset(l, 0, sizeof *l);
    cJSON *root = odc_econ_json_load(path, "odcsim-terrestrial-sites/1", err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    static const char *const TOP[] = {"schema", "note", "sites"};
    int rc = odc_econ_keys(path, "", root, TOP, 3, err);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "sites");
    if (!rc && (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < 1 ||
                cJSON_GetArraySize(a) > ODC_SITES_MAX))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "sites",
                         "expected an array of 1..%d sites", ODC_SITES_MAX);
    int i = 0;
    for (const cJSON *o = rc ? NULL : a->child; o && !rc; o = o->next, i++) {
        char w[32], pw[24], f[48];
        odc_site *s = &l->s[i];
        snprintf(w, sizeof w, "sites[%d]", i);
        if ((rc = odc_econ_keys(path, w, o, SITE_KEYS, N_SITE_KEYS, err)) ||
            (rc = odc_econ_str(path, w, o, "name", s->name, sizeof s->name, err)) ||
            (rc = odc_econ_num(path, w, o, "facility_mw", 0, 1, 1e6, 0, &s->facility_mw, err)) ||
            (rc = odc_econ_num(path, w, o, "pue", 1, 0, 5, 0, &s->pue, err)) ||
            (rc = odc_econ_num(path, w, o, "n_gpus", 0, 1, 1e9, 0, &s->n_gpus, err)) ||
            (rc = odc_econ_str(path, w, o, "power", pw, sizeof pw, err)) ||
            (rc = odc_econ_num(path, w, o, "storage_h", 0, 0, 24, 1, &s->storage_h, err)) ||
            (rc = odc_econ_num(path, w, o, "bess_mwh", 0, 0, 1e7, 0, &s->bess_mwh, err)) ||
            (rc = odc_econ_num(path, w, o, "build_yr", 0, 0, 50, 0, &s->build_yr, err)) ||
            (rc = odc_econ_str(path, w, o, "source", NULL, 0, err)) ||
            (rc = odc_econ_str(path, w, o, "date", NULL, 0, err)) ||
            (rc = odc_econ_str(path, w, o, "note", NULL, 0, err)))
            break;
        if (!(s->power = power_of(pw))) {
            snprintf(f, sizeof f, "%s.power", w);
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, f,
                             "expected grid, gas, fuel_cell or solar_storage, got '%s'", pw);
        }
        for (int j = 0; !rc && j < i; j++)
            if (strcmp(l->s[j].name, s->name) == 0)
                rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, w, "duplicate name '%s'", s->name);
        l->n = i + 1;
    }
    cJSON_Delete(root);
    if (rc)
        l->n = 0;
    return rc;
}

const odc_site *odc_site_find(const odc_site_list *l, const char *name)
{
    for (int i = 0; l && name && i < l->n; i++)
        if (strcmp(l->s[i].name, name) == 0)
            return &l->s[i];
    return NULL;
}

int odc_site_energy_calc(const odc_site *s, const odc_costs *c, double availability,
                         odc_site_energy *e, odc_err *err)
{
    int rc = odc_site_check(s, err);
    if (rc)
        return rc;
    if (!c || !e)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "costs", "missing argument");
    if (!(availability > 0 && availability <= 1))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "availability",
                           "expected in (0,1], got %g", availability);
    memset(e, 0, sizeof *e);
    double mw = s->facility_mw;
    e->it_mw = mw / s->pue;
    e->facility_mwh_per_yr = mw * HOURS_PER_YR * availability;
    e->it_mwh_per_yr = e->it_mw * HOURS_PER_YR * availability;
    /* WUE: litres per kWh of IT energy; 1 MWh = 1000 kWh, 1 m^3 = 1000 L */
    e->water_m3_per_yr = c->wue_l_per_kwh * e->it_mwh_per_yr;
    switch (s->power) {
    case ODC_PWR_GRID:
        e->energy_usd_per_yr = e->facility_mwh_per_yr * c->grid_usd_per_mwh;
        e->time_to_power_yr = c->grid_queue_yr;
        break;
    case ODC_PWR_GAS:
        e->fuel_mmbtu_per_yr = e->facility_mwh_per_yr * c->gas_heat_rate_btu_per_kwh / 1000.0;
        e->energy_usd_per_yr = e->fuel_mmbtu_per_yr * c->gas_usd_per_mmbtu +
                               e->facility_mwh_per_yr * c->gas_var_om_usd_per_mwh;
        e->gen_capex_usd = mw * 1000.0 * c->gas_capex_usd_per_kw;
        e->gen_fixed_om_usd_per_yr = mw * 1000.0 * c->gas_fixed_om_usd_per_kw_yr;
        e->gen_life_yr = c->gas_life_yr;
        e->time_to_power_yr = c->gas_lead_yr;
        break;
    case ODC_PWR_FUEL_CELL:
        e->fuel_mmbtu_per_yr = e->facility_mwh_per_yr * c->fc_heat_rate_btu_per_kwh / 1000.0;
        e->energy_usd_per_yr = e->fuel_mmbtu_per_yr * c->gas_usd_per_mmbtu +
                               e->facility_mwh_per_yr * c->fc_var_om_usd_per_mwh;
        e->gen_capex_usd = mw * 1000.0 * c->fc_capex_usd_per_kw;
        e->gen_life_yr = c->fc_life_yr;
        e->time_to_power_yr = c->fc_lead_yr;
        break;
    default: /* solar plus storage */
        e->storage_mwh = mw * s->storage_h;
        e->pv_mw = mw * ((24.0 - s->storage_h) + s->storage_h / c->bess_rte) / (24.0 * c->pv_cf);
        e->gen_capex_usd = e->pv_mw * 1000.0 * c->pv_capex_usd_per_kw;
        e->gen_fixed_om_usd_per_yr = e->pv_mw * 1000.0 * c->pv_fixed_om_usd_per_kw_yr;
        e->gen_life_yr = c->pv_life_yr;
        e->time_to_power_yr = c->pv_lead_yr;
        break;
    }
    return ODC_OK;
}

int odc_tco_ground_sheet(const odc_site *site, const odc_costs *c, double availability,
                         odc_tco_sheet *s, odc_tco_perf *perf, odc_err *err)
{
    odc_site_energy e;
    int rc = odc_site_energy_calc(site, c, availability, &e, err);
    if (rc)
        return rc;
    if (!s || !perf)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sheet", "missing argument");
    memset(s, 0, sizeof *s);
    double it = e.it_mw, Lf = c->facility_life_yr;
    double compute = site->n_gpus * c->chip_usd * (1.0 + c->host_overhead_frac);
    double building = it * c->building_usd_per_mw;
    double power_eq = it * c->power_equipment_usd_per_mw;
    double cooling = it * c->cooling_usd_per_mw;
    double grid = site->power == ODC_PWR_GRID ? site->facility_mw * c->grid_connection_usd_per_mw
                                              : 0.0;
    double facility = building + power_eq + cooling + grid;
    double bess = (site->bess_mwh + e.storage_mwh) * 1000.0 * c->bess_usd_per_kwh;
    if ((rc = odc_tco_add(s, "compute (chips + hosts)", compute, c->chip_life_yr, err)) ||
        (rc = odc_tco_add(s, "building and land", building, Lf, err)) ||
        (rc = odc_tco_add(s, "power equipment", power_eq, Lf, err)) ||
        (rc = odc_tco_add(s, "cooling", cooling, Lf, err)) ||
        (rc = odc_tco_add(s, "grid connection", grid, Lf, err)) ||
        (rc = odc_tco_add(s, "on-site generation", e.gen_capex_usd,
                          e.gen_life_yr > 0 ? e.gen_life_yr : Lf, err)) ||
        (rc = odc_tco_add(s, "battery storage", bess, c->bess_life_yr, err)) ||
        (rc = odc_tco_add(s, "energy (electricity or fuel)", e.energy_usd_per_yr, 0, err)) ||
        (rc = odc_tco_add(s, "generation fixed O&M", e.gen_fixed_om_usd_per_yr, 0, err)) ||
        (rc = odc_tco_add(s, "facility maintenance", c->facility_maint_frac_per_yr * facility, 0,
                          err)) ||
        (rc = odc_tco_add(s, "insurance", c->facility_insurance_frac_per_yr * (facility + compute),
                          0, err)) ||
        (rc = odc_tco_add(s, "staff", c->staff_usd_per_mw_yr * it, 0, err)) ||
        (rc = odc_tco_add(s, "water", e.water_m3_per_yr * c->water_usd_per_m3, 0, err)) ||
        (rc = odc_tco_add(s, "failed-chip replacement",
                          c->chip_failure_per_yr * site->n_gpus * c->chip_usd, 0, err)))
        return rc;
    s->first_compute_yr = fmax(site->build_yr, e.time_to_power_yr);
    perf->n_chips = site->n_gpus;
    perf->it_kw = it * 1000.0;
    perf->survival = 1.0;
    return ODC_OK;
}
