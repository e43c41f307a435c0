/* Total cost of ownership: discounting (CRF, NPV), the default unit costs
 * of data/costs.json, the cost sheet common to orbit and ground, and the
 * orbit sheet. The ground sheet is built in terrestrial.c. */
#include "odc/tco.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "econ_internal.h"

#define HOURS_PER_YR 8766.0        /* 365.25 d */
#define SECONDS_PER_YR 31557600.0

int odc_crf(double r, double n_yr, double *crf, odc_err *err)
{
    if (!(r > -1.0) || !isfinite(r))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "discount_rate",
                           "expected > -1 (a fraction per year), got %g", r);
    if (!(n_yr > 0) || !isfinite(n_yr))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_yr", "expected > 0, got %g", n_yr);
    if (fabs(r) < 1e-12) {
        *crf = 1.0 / n_yr;
        return ODC_OK;
    }
    /* r / (1 - (1+r)^-n), the same as r(1+r)^n / ((1+r)^n - 1) without
     * overflow for long periods; expm1/log1p keep small r accurate. */
    double g = -expm1(-n_yr * log1p(r));
    *crf = r / g;
    return ODC_OK;
}

int odc_npv(double r, const double *cf, int n, double *npv, odc_err *err)
{
    if (!(r > -1.0) || !isfinite(r))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "discount_rate",
                           "expected > -1 (a fraction per year), got %g", r);
    if (n < 1 || !cf)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n", "expected >= 1 cash flows");
    double s = 0.0, d = 1.0;
    for (int t = 0; t < n; t++) {
        if (!isfinite(cf[t])) {
            char f[32];
            snprintf(f, sizeof f, "cf[%d]", t);
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "not a finite number");
        }
        s += cf[t] / d;
        d *= 1.0 + r;
    }
    *npv = s;
    return ODC_OK;
}

/* ---- data/costs.json ------------------------------------------------- */

enum { R_GT0, R_GE0, R_FRAC, R_GE1 };  /* (0,inf) [0,inf) (0,1] [1,inf) */

typedef struct cost_key {
    const char *key, *unit;
    size_t off;
    int range;
} cost_key;

#define F(x) offsetof(odc_costs, x)
static const cost_key CKEYS[] = {
    {"chip.price_usd", "USD", F(chip_usd), R_GT0},
    {"chip.host_overhead_frac", "1", F(host_overhead_frac), R_GE0},
    {"chip.failure_rate_per_yr", "1/yr", F(chip_failure_per_yr), R_GE0},
    {"chip.life_yr", "yr", F(chip_life_yr), R_GT0},
    {"orbit.bus_usd_per_kg", "USD/kg", F(bus_usd_per_kg), R_GE0},
    {"orbit.solar_usd_per_w", "USD/W", F(solar_usd_per_w), R_GE0},
    {"orbit.radiator_usd_per_m2", "USD/m^2", F(radiator_usd_per_m2), R_GE0},
    {"orbit.battery_usd_per_kwh", "USD/kWh", F(sat_battery_usd_per_kwh), R_GE0},
    {"orbit.launch_insurance_frac", "1", F(launch_insurance_frac), R_GE0},
    {"orbit.ground_station_usd", "USD", F(ground_station_usd), R_GE0},
    {"orbit.ground_station_usd_per_yr", "USD/yr", F(ground_station_usd_per_yr), R_GE0},
    {"orbit.ops_frac_per_yr", "1/yr", F(orbit_ops_frac_per_yr), R_GE0},
    {"orbit.staff_usd_per_yr", "USD/yr", F(orbit_staff_usd_per_yr), R_GE0},
    {"orbit.sat_life_yr", "yr", F(sat_life_yr), R_GT0},
    {"orbit.lead_time_yr", "yr", F(orbit_lead_yr), R_GE0},
    {"ground.building_usd_per_mw", "USD/MW", F(building_usd_per_mw), R_GE0},
    {"ground.power_equipment_usd_per_mw", "USD/MW", F(power_equipment_usd_per_mw), R_GE0},
    {"ground.cooling_usd_per_mw", "USD/MW", F(cooling_usd_per_mw), R_GE0},
    {"ground.grid_connection_usd_per_mw", "USD/MW", F(grid_connection_usd_per_mw), R_GE0},
    {"ground.facility_life_yr", "yr", F(facility_life_yr), R_GT0},
    {"ground.maintenance_frac_per_yr", "1/yr", F(facility_maint_frac_per_yr), R_GE0},
    {"ground.insurance_frac_per_yr", "1/yr", F(facility_insurance_frac_per_yr), R_GE0},
    {"ground.staff_usd_per_mw_yr", "USD/MW/yr", F(staff_usd_per_mw_yr), R_GE0},
    {"grid.tariff_usd_per_mwh", "USD/MWh", F(grid_usd_per_mwh), R_GE0},
    {"grid.queue_yr", "yr", F(grid_queue_yr), R_GE0},
    {"gas.heat_rate_btu_per_kwh", "Btu/kWh", F(gas_heat_rate_btu_per_kwh), R_GT0},
    {"gas.fuel_usd_per_mmbtu", "USD/MMBtu", F(gas_usd_per_mmbtu), R_GE0},
    {"gas.capex_usd_per_kw", "USD/kW", F(gas_capex_usd_per_kw), R_GE0},
    {"gas.fixed_om_usd_per_kw_yr", "USD/kW/yr", F(gas_fixed_om_usd_per_kw_yr), R_GE0},
    {"gas.var_om_usd_per_mwh", "USD/MWh", F(gas_var_om_usd_per_mwh), R_GE0},
    {"gas.life_yr", "yr", F(gas_life_yr), R_GT0},
    {"gas.lead_time_yr", "yr", F(gas_lead_yr), R_GE0},
    {"fuel_cell.heat_rate_btu_per_kwh", "Btu/kWh", F(fc_heat_rate_btu_per_kwh), R_GT0},
    {"fuel_cell.capex_usd_per_kw", "USD/kW", F(fc_capex_usd_per_kw), R_GE0},
    {"fuel_cell.var_om_usd_per_mwh", "USD/MWh", F(fc_var_om_usd_per_mwh), R_GE0},
    {"fuel_cell.life_yr", "yr", F(fc_life_yr), R_GT0},
    {"fuel_cell.lead_time_yr", "yr", F(fc_lead_yr), R_GE0},
    {"solar.capex_usd_per_kw", "USD/kW", F(pv_capex_usd_per_kw), R_GE0},
    {"solar.capacity_factor", "1", F(pv_cf), R_FRAC},
    {"solar.fixed_om_usd_per_kw_yr", "USD/kW/yr", F(pv_fixed_om_usd_per_kw_yr), R_GE0},
    {"solar.life_yr", "yr", F(pv_life_yr), R_GT0},
    {"solar.lead_time_yr", "yr", F(pv_lead_yr), R_GE0},
    {"bess.usd_per_kwh", "USD/kWh", F(bess_usd_per_kwh), R_GE0},
    {"bess.round_trip_eff", "1", F(bess_rte), R_FRAC},
    {"bess.life_yr", "yr", F(bess_life_yr), R_GT0},
    {"water.wue_l_per_kwh", "L/kWh", F(wue_l_per_kwh), R_GE0},
    {"water.usd_per_m3", "USD/m^3", F(water_usd_per_m3), R_GE0},
    {"launch.learning_rate", "1", F(launch_learning_rate), R_FRAC},
    {"launch.floor_usd_per_kg", "USD/kg", F(launch_floor_usd_per_kg), R_GE0},
};
#undef F
#define N_CKEYS ((int)(sizeof CKEYS / sizeof CKEYS[0]))

int odc_costs_load(const char *path, odc_costs *c, odc_err *err)
{
    if (!c)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, "costs", "missing output");
    memset(c, 0, sizeof *c);
    cJSON *root = odc_econ_json_load(path, "odcsim-costs/1", err);
    if (!root)
        return err ? err->code : ODC_EINPUT;
    static const char *const TOP[] = {"schema", "note", "dollar_year", "params"};
    int rc = odc_econ_keys(path, "", root, TOP, 4, err);
    double dy;
    if (!rc)
        rc = odc_econ_num(path, "", root, "dollar_year", 1990, 0, 2100, 0, &dy, err);
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "params");
    if (!rc && !cJSON_IsObject(params))
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "params", "expected an object");
    const char *keys[64];
    for (int i = 0; i < N_CKEYS; i++) keys[i] = CKEYS[i].key;
    if (!rc)
        rc = odc_econ_keys(path, "", params, keys, N_CKEYS, err);
    static const char *const EKEYS[] = {"value", "unit", "source", "date"};
    for (int i = 0; !rc && i < N_CKEYS; i++) {
        const cost_key *k = &CKEYS[i];
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(params, k->key);
        double v = 0;
        char unit[24];
        if ((rc = odc_econ_keys(path, k->key, e, EKEYS, 4, err)) ||
            (rc = odc_econ_str(path, k->key, e, "unit", unit, sizeof unit, err)) ||
            (rc = odc_econ_str(path, k->key, e, "source", NULL, 0, err)) ||
            (rc = odc_econ_str(path, k->key, e, "date", NULL, 0, err)))
            break;
        if (strcmp(unit, k->unit) != 0) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                             "unit must be \"%s\", got \"%s\"", k->unit, unit);
            break;
        }
        switch (k->range) {
        case R_GT0: rc = odc_econ_num(path, k->key, e, "value", 0, 1, 1e15, 0, &v, err); break;
        case R_GE0: rc = odc_econ_num(path, k->key, e, "value", 0, 0, 1e15, 0, &v, err); break;
        case R_FRAC: rc = odc_econ_num(path, k->key, e, "value", 0, 1, 1, 0, &v, err); break;
        default: rc = odc_econ_num(path, k->key, e, "value", 1, 0, 1e15, 0, &v, err); break;
        }
        if (!rc)
            *(double *)((char *)c + k->off) = v;
    }
    cJSON_Delete(root);
    return rc;
}

/* ---- cost sheet ------------------------------------------------------ */

int odc_tco_add(odc_tco_sheet *s, const char *name, double usd, double life_yr, odc_err *err)
{
    if (!s || !name)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sheet", "missing sheet or name");
    if (!(usd >= 0) || !isfinite(usd))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, name, "cost expected >= 0, got %g", usd);
    if (!(life_yr >= 0) || !isfinite(life_yr))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, name, "life expected >= 0, got %g",
                           life_yr);
    int capex = life_yr > 0;
    int *n = capex ? &s->n_capex : &s->n_opex;
    if (*n >= ODC_TCO_ITEMS_MAX)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, name, "sheet full (%d items)",
                           ODC_TCO_ITEMS_MAX);
    odc_tco_item *it = capex ? &s->capex[*n] : &s->opex[*n];
    snprintf(it->name, sizeof it->name, "%s", name);
    it->usd = usd;
    it->life_yr = life_yr;
    (*n)++;
    return ODC_OK;
}

static int frac_ok(double v) { return v > 0 && v <= 1; }

int odc_tco_evaluate(const odc_tco_sheet *s, const odc_tco_perf *p, const odc_finance *f,
                     odc_tco_result *r, odc_err *err)
{
    if (!s || !p || !f || !r)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tco", "missing argument");
    if (!(p->n_chips > 0) || !isfinite(p->n_chips))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_chips", "expected > 0, got %g",
                           p->n_chips);
    if (!(p->it_kw > 0) || !isfinite(p->it_kw))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "it_kw", "expected > 0, got %g", p->it_kw);
    if (!(p->pflops_per_chip >= 0) || !isfinite(p->pflops_per_chip))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "pflops_per_chip",
                           "expected >= 0, got %g", p->pflops_per_chip);
    if (!(p->tokens_per_s_per_chip >= 0) || !isfinite(p->tokens_per_s_per_chip))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tokens_per_s_per_chip",
                           "expected >= 0, got %g", p->tokens_per_s_per_chip);
    if (!frac_ok(p->utilisation))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "utilisation",
                           "expected in (0,1], got %g", p->utilisation);
    if (!frac_ok(p->availability))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "availability",
                           "expected in (0,1], got %g", p->availability);
    if (!frac_ok(p->survival))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "survival", "expected in (0,1], got %g",
                           p->survival);
    double crf_h;
    int rc = odc_crf(f->discount_rate, f->horizon_yr, &crf_h, err);
    if (rc) {
        if (err && strcmp(err->field, "n_yr") == 0)
            snprintf(err->field, sizeof err->field, "horizon_yr");
        return rc;
    }
    memset(r, 0, sizeof *r);
    for (int i = 0; i < s->n_capex; i++) {
        const odc_tco_item *it = &s->capex[i];
        double crf;
        if (!(it->usd >= 0) || !isfinite(it->usd) || !(it->life_yr > 0))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, it->name,
                               "capital item needs usd >= 0 and life_yr > 0");
        if ((rc = odc_crf(f->discount_rate, it->life_yr, &crf, err)))
            return rc;
        r->capex_usd += it->usd;
        r->annual_capex_usd += it->usd * crf;
    }
    for (int i = 0; i < s->n_opex; i++) {
        if (!(s->opex[i].usd >= 0) || !isfinite(s->opex[i].usd))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, s->opex[i].name,
                               "operating item needs usd >= 0");
        r->opex_usd_per_yr += s->opex[i].usd;
    }
    r->annual_usd = r->annual_capex_usd + r->opex_usd_per_yr;
    r->npv_usd = r->annual_usd / crf_h;
    double live = p->availability * p->survival;
    r->chip_hours_per_yr = p->n_chips * HOURS_PER_YR * live;
    r->pflop_years_per_yr = p->n_chips * p->pflops_per_chip * p->utilisation * live;
    r->it_mwh_per_yr = p->it_kw / 1000.0 * HOURS_PER_YR * live;
    r->mtok_per_yr = p->n_chips * p->tokens_per_s_per_chip * SECONDS_PER_YR * live / 1e6;
    r->usd_per_chip_hour = r->annual_usd / r->chip_hours_per_yr;
    r->usd_per_it_mwh = r->annual_usd / r->it_mwh_per_yr;
    r->usd_per_pflop_year = r->pflop_years_per_yr > 0 ? r->annual_usd / r->pflop_years_per_yr : 0;
    r->usd_per_mtok = r->mtok_per_yr > 0 ? r->annual_usd / r->mtok_per_yr : 0;
    r->first_compute_yr = s->first_compute_yr;
    return ODC_OK;
}

/* ---- orbit sheet ----------------------------------------------------- */

int odc_tco_orbit_sheet(const odc_orbit_design *d, const odc_costs *c, odc_tco_sheet *s,
                        odc_tco_perf *perf, odc_err *err)
{
    if (!d || !c || !s || !perf)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "orbit", "missing argument");
    if (d->n_sats < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_sats", "expected >= 1, got %ld",
                           d->n_sats);
    struct { const char *name; double v; int strict; } pos[] = {
        {"chips_per_sat", d->chips_per_sat, 1}, {"it_kw_per_sat", d->it_kw_per_sat, 1},
        {"sat_mass_kg", d->sat_mass_kg, 1},     {"array_w_bol", d->array_w_bol, 0},
        {"radiator_m2", d->radiator_m2, 0},     {"battery_wh", d->battery_wh, 0},
        {"launch_usd_per_kg", d->launch_usd_per_kg, 0}};
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++)
        if (!isfinite(pos[i].v) || (pos[i].strict ? !(pos[i].v > 0) : !(pos[i].v >= 0)))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, pos[i].name, "expected %s 0, got %g",
                               pos[i].strict ? ">" : ">=", pos[i].v);
    if (d->n_ground_stations < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_ground_stations",
                           "expected >= 0, got %d", d->n_ground_stations);
    memset(s, 0, sizeof *s);
    double n = (double)d->n_sats, L = c->sat_life_yr;
    double compute = n * d->chips_per_sat * c->chip_usd * (1.0 + c->host_overhead_frac);
    double bus = n * d->sat_mass_kg * c->bus_usd_per_kg;
    double solar = n * d->array_w_bol * c->solar_usd_per_w;
    double rad = n * d->radiator_m2 * c->radiator_usd_per_m2;
    double bat = n * d->battery_wh / 1000.0 * c->sat_battery_usd_per_kwh;
    double launch = n * d->sat_mass_kg * d->launch_usd_per_kg;
    double hw = compute + bus + solar + rad + bat;
    double ins = c->launch_insurance_frac * (hw + launch);
    double gs = d->n_ground_stations * c->ground_station_usd;
    int rc;
    if ((rc = odc_tco_add(s, "compute (chips + hosts)", compute, L, err)) ||
        (rc = odc_tco_add(s, "bus and integration", bus, L, err)) ||
        (rc = odc_tco_add(s, "solar array", solar, L, err)) ||
        (rc = odc_tco_add(s, "radiator", rad, L, err)) ||
        (rc = odc_tco_add(s, "battery", bat, L, err)) ||
        (rc = odc_tco_add(s, "launch", launch, L, err)) ||
        (rc = odc_tco_add(s, "launch insurance", ins, L, err)) ||
        (rc = odc_tco_add(s, "ground stations", gs, c->facility_life_yr, err)) ||
        (rc = odc_tco_add(s, "mission operations", c->orbit_ops_frac_per_yr * hw, 0, err)) ||
        (rc = odc_tco_add(s, "ground segment",
                          d->n_ground_stations * c->ground_station_usd_per_yr, 0, err)) ||
        (rc = odc_tco_add(s, "staff", c->orbit_staff_usd_per_yr, 0, err)))
        return rc;
    s->first_compute_yr = c->orbit_lead_yr;
    double lt = c->chip_failure_per_yr * L;
    perf->survival = lt > 1e-12 ? -expm1(-lt) / lt : 1.0;
    perf->n_chips = n * d->chips_per_sat;
    perf->it_kw = n * d->it_kw_per_sat;
    return ODC_OK;
}
