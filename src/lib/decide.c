/* Orbit against ground for the same chips: builds the economics model from
 * the data files and the scenario, evaluates both cost sheets (tco.h), finds
 * the breakeven launch price by root finding and the year a launch-price
 * learning curve reaches it. */
#include "odc/decide.h"
#include "odc/scenario.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAYS_PER_YR 365.25
#define BREAKEVEN_MAX_USD_PER_KG 1e7

static int scn_err(odc_err *err, const odc_scenario *sc, int line, int col, const char *field,
                   const char *msg, const char *what)
{
    return odc_err_set(err, ODC_EINPUT, sc->file, line, col, field, "%s, got '%s'", msg, what);
}

int odc_decide_model_init(const odc_scenario *sc, const char *data_dir, odc_decide_model *m,
                          odc_err *err)
{
    char path[4200];
    const odc_scenario_decide *D = &sc->decide;
    memset(m, 0, sizeof *m);
    snprintf(path, sizeof path, "%s/costs.json", data_dir);
    int rc = odc_costs_load(path, &m->costs, err);
    if (rc)
        return rc;
    odc_launch_catalog cat;
    snprintf(path, sizeof path, "%s/launch_vehicles.json", data_dir);
    if ((rc = odc_launch_catalog_load(path, &cat, err)))
        return rc;
    odc_site_list sites;
    snprintf(path, sizeof path, "%s/terrestrial_sites.json", data_dir);
    if ((rc = odc_sites_load(path, &sites, err)))
        return rc;

    if (!D->has_economics)
        return odc_err_set(err, ODC_EINPUT, sc->file, 0, 0, "economics",
                           "expected an economics section (see docs/decisions.md), got none");
    if (!D->has_terrestrial)
        return odc_err_set(err, ODC_EINPUT, sc->file, 0, 0, "terrestrial",
                           "expected a terrestrial section (see docs/decisions.md), got none");
    const odc_launch_vehicle *lv = odc_launch_find(&cat, D->vehicle.value);
    if (!lv) {
        char list[400] = "";
        for (int i = 0; i < cat.n; i++) {
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", cat.v[i].name);
        }
        char msg[480];
        snprintf(msg, sizeof msg, "expected a vehicle of launch_vehicles.json (%s)", list);
        return scn_err(err, sc, D->vehicle.line, D->vehicle.col, "economics.vehicle", msg,
                       D->vehicle.value);
    }
    m->lv = *lv;
    m->sso = strcmp(D->orbit.value, "leo") != 0; /* default SSO: dawn-dusk orbits */
    m->launch_usd_per_kg = odc_launch_usd_per_kg(lv, m->sso);
    /* Defaults (docs/decisions.md gives the reasons). */
    m->volume_eff = 1.0;
    m->utilisation = 1.0;
    m->orbit_availability = 1.0;
    m->ground_availability = 1.0;
    m->fin.horizon_yr = 20.0;
    m->learning.start_year = 2025.0;
    m->learning.years = 30.0;
    if (D->site.value[0]) {
        const odc_site *s = odc_site_find(&sites, D->site.value);
        if (!s) {
            char list[600] = "", msg[700];
            for (int i = 0; i < sites.n; i++) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", sites.s[i].name);
            }
            snprintf(msg, sizeof msg, "expected a site of terrestrial_sites.json (%s)", list);
            return scn_err(err, sc, D->site.line, D->site.col, "terrestrial.site", msg,
                           D->site.value);
        }
        m->site = *s;
        m->site_bess_h = s->bess_mwh / s->facility_mw;
    } else {
        snprintf(m->site.name, sizeof m->site.name, "explicit");
        m->site.pue = 1.0;
    }
    if (D->power.value[0]) {
        static const char *const w[] = {"grid", "gas", "fuel_cell", "solar_storage"};
        for (int i = 0; i < 4; i++)
            if (!strcmp(D->power.value, w[i]))
                m->site.power = ODC_PWR_GRID + i;
    }
    for (size_t i = 0; i < D->n_nums; i++) {
        const odc_param *p = odc_param_find(D->nums[i].path);
        if (!p || p->model != ODC_PARAM_ECON)
            continue;
        if ((rc = odc_param_set(p, m, D->nums[i].value, err))) {
            err->line = D->nums[i].line;
            err->col = D->nums[i].col;
            snprintf(err->file, sizeof err->file, "%.200s", sc->file);
            return rc;
        }
    }
    return ODC_OK;
}

/* Chips actually deployed: whole satellites. */
static long sats_of(const odc_decide_model *m, double *n_chips)
{
    double n = m->n_chips;
    if (m->it_mw > 0)
        n = floor(m->it_mw * 1000.0 * m->chips_per_sat / m->sat_it_kw + 0.5);
    long ns = (long)ceil(n / m->chips_per_sat - 1e-9);
    if (ns < 1)
        ns = 1;
    *n_chips = (double)ns * m->chips_per_sat;
    return ns;
}

/* Both sheets; deploy is skipped when want_deploy is 0 (root finding). */
static int eval(const odc_decide_model *m, odc_decide_result *r, int want_deploy, odc_err *err)
{
    memset(r, 0, sizeof *r);
    if (!(m->chips_per_sat > 0) || !(m->sat_it_kw > 0) || !(m->n_chips > 0 || m->it_mw > 0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "economics",
                           "expected chips (or it_mw), satellite.chips and satellite.it_kw > 0");
    double n_chips;
    long ns = sats_of(m, &n_chips);
    r->n_sats = ns;
    r->sat_mass_kg = m->kg_per_it_kw * m->sat_it_kw;
    odc_orbit_design d = {
        .n_sats = ns,
        .chips_per_sat = m->chips_per_sat,
        .it_kw_per_sat = m->sat_it_kw,
        .sat_mass_kg = r->sat_mass_kg,
        .array_w_bol = m->array_w_per_it_kw * m->sat_it_kw,
        .radiator_m2 = m->radiator_m2_per_it_kw * m->sat_it_kw,
        .battery_wh = m->battery_wh_per_it_kw * m->sat_it_kw,
        .launch_usd_per_kg = m->launch_usd_per_kg,
        .n_ground_stations = (int)m->n_ground_stations,
    };
    odc_tco_perf po = {0}, pg = {0};
    int rc = odc_tco_orbit_sheet(&d, &m->costs, &r->orbit_sheet, &po, err);
    if (rc)
        return rc;
    po.pflops_per_chip = m->pflops_per_chip;
    po.tokens_per_s_per_chip = m->tokens_per_s_per_chip;
    po.utilisation = m->utilisation;
    po.availability = m->orbit_availability;
    if ((rc = odc_tco_evaluate(&r->orbit_sheet, &po, &m->fin, &r->orbit, err)))
        return rc;

    odc_site s = m->site;
    double kw = m->ground_it_mw > 0            ? m->ground_it_mw * 1000.0 / n_chips
                : m->ground_it_kw_per_chip > 0 ? m->ground_it_kw_per_chip
                                               : m->sat_it_kw / m->chips_per_sat;
    s.n_gpus = n_chips;
    s.facility_mw = n_chips * kw / 1000.0 * s.pue;
    s.bess_mwh = m->site_bess_h * s.facility_mw;
    r->ground_facility_mw = s.facility_mw;
    if (s.power < ODC_PWR_GRID || s.power > ODC_PWR_SOLAR_STORAGE)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "terrestrial.power",
                           "expected grid, gas, fuel_cell or solar_storage (or a site), got none");
    if ((rc = odc_tco_ground_sheet(&s, &m->costs, m->ground_availability, &r->ground_sheet, &pg,
                                   err)))
        return rc;
    pg.pflops_per_chip = m->pflops_per_chip;
    pg.tokens_per_s_per_chip = m->tokens_per_s_per_chip;
    pg.utilisation = m->utilisation;
    pg.availability = m->ground_availability;
    if ((rc = odc_tco_evaluate(&r->ground_sheet, &pg, &m->fin, &r->ground, err)))
        return rc;
    r->orbit_first_compute_yr = r->orbit.first_compute_yr;
    r->ground_first_compute_yr = r->ground.first_compute_yr;
    if (!want_deploy)
        return ODC_OK;

    odc_deploy_in din = {r->sat_mass_kg, m->sat_volume_m3, ns, m->sso, m->volume_eff, 0};
    if ((rc = odc_deploy_plan(&din, &m->lv, &r->deploy, err)))
        return rc;
    r->orbit_full_yr = r->orbit_first_compute_yr + r->deploy.days_to_full / DAYS_PER_YR;
    r->launch_usd_per_it_kw_yr = m->launch_usd_per_kg * m->kg_per_it_kw / m->costs.sat_life_yr;
    odc_site_energy e;
    if ((rc = odc_site_energy_calc(&s, &m->costs, m->ground_availability, &e, err)))
        return rc;
    double crf = 0;
    if (e.gen_capex_usd > 0 && (rc = odc_crf(m->fin.discount_rate, e.gen_life_yr, &crf, err)))
        return rc;
    r->ground_energy_usd_per_it_kw_yr =
        (e.energy_usd_per_yr + e.gen_fixed_om_usd_per_yr + e.gen_capex_usd * crf) /
        (e.it_mw * 1000.0);
    r->launch_parity_usd_per_kg =
        r->ground_energy_usd_per_it_kw_yr * m->costs.sat_life_yr / m->kg_per_it_kw;
    return ODC_OK;
}

int odc_decide_eval(const odc_decide_model *m, odc_decide_result *r, odc_err *err)
{
    return eval(m, r, 1, err);
}

typedef struct bctx {
    odc_decide_model m;
    double ground;
    int rc;
    odc_err *err;
} bctx;

/* cost_orbit(p) - cost_ground in USD per chip-hour. */
static double gap(double p, void *vp)
{
    bctx *b = vp;
    odc_decide_result r;
    b->m.launch_usd_per_kg = p;
    int rc = eval(&b->m, &r, 0, b->err);
    if (rc && !b->rc)
        b->rc = rc;
    return rc ? NAN : r.orbit.usd_per_chip_hour - b->ground;
}

int odc_decide_breakeven(const odc_decide_model *m, double *usd_per_kg, int *found, odc_err *err)
{
    bctx b = {*m, 0, 0, err};
    odc_decide_result r;
    int rc = eval(m, &r, 0, err);
    if (rc)
        return rc;
    b.ground = r.ground.usd_per_chip_hour;
    *usd_per_kg = NAN;
    double f0 = gap(0, &b);
    if (b.rc)
        return b.rc;
    if (f0 > 0) {
        *found = 0;
        return ODC_OK;
    }
    if (f0 == 0) {
        *usd_per_kg = 0;
        *found = 1;
        return ODC_OK;
    }
    double hi = fmax(1000.0, m->launch_usd_per_kg), fh = gap(hi, &b);
    while (fh < 0 && hi < BREAKEVEN_MAX_USD_PER_KG) {
        hi = fmin(2 * hi, BREAKEVEN_MAX_USD_PER_KG);
        fh = gap(hi, &b);
    }
    if (b.rc)
        return b.rc;
    if (fh < 0) {
        *found = 2;
        return ODC_OK;
    }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) {
        gsl_set_error_handler(old);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, "breakeven", "out of memory");
    }
    gsl_function F = {gap, &b};
    gsl_root_fsolver_set(s, &F, 0.0, hi);
    double x = NAN;
    for (int it = 0; it < 200; it++) {
        gsl_root_fsolver_iterate(s);
        x = gsl_root_fsolver_root(s);
        double lo = gsl_root_fsolver_x_lower(s), up = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(lo, up, 1e-12, 1e-12) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    gsl_set_error_handler(old);
    if (b.rc)
        return b.rc;
    *usd_per_kg = x;
    *found = 1;
    return ODC_OK;
}

int odc_decide_crossing(const odc_decide_model *m, double breakeven_usd_per_kg, double *year,
                        double *price_k, odc_err *err)
{
    *year = NAN;
    int n = (int)m->learning.years;
    if (n < 1 || n > 200)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "economics.learning.years",
                           "expected 1..200 years, got %g", m->learning.years);
    if (!(m->learning.x0_kg > 0) || !(m->launch_usd_per_kg > 0))
        return ODC_OK; /* no forecast given: nothing to cross */
    odc_learning l = {m->launch_usd_per_kg, m->learning.x0_kg, m->costs.launch_learning_rate,
                      m->costs.launch_floor_usd_per_kg};
    double mass[200], price[200];
    for (int k = 0; k < n; k++)
        mass[k] = m->learning.mass0_kg_per_yr * pow(1.0 + m->learning.growth_per_yr, k);
    int rc = odc_learning_series(&l, m->learning.x0_kg, mass, n, price, NULL, NULL, err);
    if (rc)
        return rc;
    if (price_k)
        memcpy(price_k, price, (size_t)n * sizeof *price);
    if (!isfinite(breakeven_usd_per_kg))
        return ODC_OK;
    for (int k = 0; k < n; k++)
        if (price[k] <= breakeven_usd_per_kg) {
            *year = m->learning.start_year + k;
            break;
        }
    return ODC_OK;
}
