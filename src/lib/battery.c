/* Battery energy accounting and sizing. The step is written so that every
 * joule offered or demanded ends up in exactly one bucket (stored, lost in
 * conversion, dumped, delivered, unserved): the engine's energy balance
 * must close, and the tests check that it does to 1e-9. */
#include "odc/battery.h"

#include <math.h>

static int bad(double x) { return !isfinite(x); }

static int frac01(double x, const char *field, const char *what, odc_err *err)
{
    if (bad(x) || !(x > 0.0) || x > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "%s must be in (0,1], got %g", what, x);
    return ODC_OK;
}

static int positive(double x, const char *field, const char *what, odc_err *err)
{
    if (bad(x) || !(x > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, field,
                           "%s must be > 0, got %g", what, x);
    return ODC_OK;
}

int odc_battery_check(const odc_battery *b, odc_err *err)
{
    int rc;
    if (!b)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "battery", "missing");
    if ((rc = positive(b->capacity_wh, "capacity_wh", "capacity (Wh)", err))) return rc;
    if ((rc = frac01(b->dod_max, "dod_max", "depth of discharge", err))) return rc;
    if ((rc = frac01(b->eta_charge, "eta_charge", "charge efficiency", err))) return rc;
    if ((rc = frac01(b->eta_discharge, "eta_discharge", "discharge efficiency", err)))
        return rc;
    if ((rc = positive(b->p_charge_max_w, "p_charge_max_w", "charge power limit (W)", err)))
        return rc;
    if ((rc = positive(b->p_discharge_max_w, "p_discharge_max_w",
                       "discharge power limit (W)", err)))
        return rc;
    return ODC_OK;
}

void odc_battery_step(const odc_battery *b, double *e_wh, double p_net_w,
                      double dt_s, odc_battery_flows *f)
{
    double e_max = b->capacity_wh;
    double e_min = b->capacity_wh * (1.0 - b->dod_max);
    double e = *e_wh;
    if (e > e_max) e = e_max;
    if (e < e_min) e = e_min;
    double h = dt_s / 3600.0;
    double offered = 0, accepted = 0, dumped = 0;
    double demand = 0, delivered = 0, unserved = 0, loss = 0;
    double e_new = e;
    if (p_net_w > 0.0) {
        offered = p_net_w * h;
        double by_power = fmin(p_net_w, b->p_charge_max_w) * h;
        double by_room = (e_max - e) / b->eta_charge;  /* terminals energy to fill */
        accepted = fmin(by_power, by_room);
        if (accepted < 0.0) accepted = 0.0;
        dumped = offered - accepted;
        double stored = accepted * b->eta_charge;
        loss = accepted - stored;
        e_new = e + stored;
        if (accepted == by_room) e_new = e_max;    /* exact fill, no rounding drift */
    } else if (p_net_w < 0.0) {
        demand = -p_net_w * h;
        double by_power = fmin(-p_net_w, b->p_discharge_max_w) * h;
        double by_energy = (e - e_min) * b->eta_discharge; /* deliverable */
        delivered = fmin(by_power, by_energy);
        if (delivered < 0.0) delivered = 0.0;
        unserved = demand - delivered;
        double drawn = delivered / b->eta_discharge;
        loss = drawn - delivered;
        e_new = e - drawn;
        if (delivered == by_energy) e_new = e_min;
    }
    *e_wh = e_new;
    if (f) {
        f->offered_wh += offered;
        f->accepted_wh += accepted;
        f->dumped_wh += dumped;
        f->demand_wh += demand;
        f->delivered_wh += delivered;
        f->unserved_wh += unserved;
        f->loss_wh += loss;
        f->stored_delta_wh += e_new - e;
    }
}

void odc_battery_step_n(const odc_battery *b, size_t n, double *e_wh,
                        const double *p_net_w, double dt_s, odc_battery_flows *f)
{
    for (size_t i = 0; i < n; i++)
        odc_battery_step(b, &e_wh[i], p_net_w[i], dt_s, f);
}

int odc_battery_size(double p_ecl_w, double t_ecl_s, double dod,
                     double eta_discharge, double specific_energy_wh_kg,
                     double *capacity_wh, double *mass_kg, odc_err *err)
{
    int rc;
    if (bad(p_ecl_w) || p_ecl_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "p_ecl_w",
                           "eclipse load must be >= 0 W, got %g", p_ecl_w);
    if (bad(t_ecl_s) || t_ecl_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_ecl_s",
                           "eclipse duration must be >= 0 s, got %g", t_ecl_s);
    if ((rc = frac01(dod, "dod", "depth of discharge", err))) return rc;
    if ((rc = frac01(eta_discharge, "eta_discharge", "discharge efficiency", err)))
        return rc;
    if ((rc = positive(specific_energy_wh_kg, "specific_energy_wh_kg",
                       "specific energy (Wh/kg)", err)))
        return rc;
    double cap = p_ecl_w * t_ecl_s / 3600.0 / (dod * eta_discharge);
    *capacity_wh = cap;
    if (mass_kg)
        *mass_kg = cap / specific_energy_wh_kg;
    return ODC_OK;
}

int odc_battery_cycles(double years, double period_s, double eclipse_orbit_frac,
                       double *cycles, odc_err *err)
{
    if (bad(years) || years < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "years",
                           "mission duration must be >= 0 years, got %g", years);
    int rc = positive(period_s, "period_s", "orbital period (s)", err);
    if (rc) return rc;
    if (bad(eclipse_orbit_frac) || eclipse_orbit_frac < 0.0 || eclipse_orbit_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "eclipse_orbit_frac",
                           "fraction of orbits with eclipse must be in [0,1], got %g",
                           eclipse_orbit_frac);
    *cycles = years * 365.25 * 86400.0 / period_s * eclipse_orbit_frac;
    return ODC_OK;
}

int odc_battery_dod_for_cycles(const double *cycles, const double *dod, int n,
                               double n_cycles, double dod_floor,
                               double *dod_out, int *extrapolated, odc_err *err)
{
    if (!cycles || !dod || n < 2)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cycle_life",
                           "cycle-life table needs at least 2 points, got %d", n);
    for (int i = 0; i < n; i++) {
        if (bad(cycles[i]) || !(cycles[i] > 0.0) || (i > 0 && !(cycles[i] > cycles[i - 1])))
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cycle_life.cycles",
                               "cycles must be > 0 and strictly ascending (entry %d = %g)",
                               i, cycles[i]);
        if (bad(dod[i]) || !(dod[i] > 0.0) || dod[i] > 1.0)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "cycle_life.dod",
                               "DoD must be in (0,1] (entry %d = %g)", i, dod[i]);
    }
    if (bad(n_cycles) || !(n_cycles > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_cycles",
                           "required cycles must be > 0, got %g", n_cycles);
    int rc = frac01(dod_floor, "dod_floor", "DoD floor", err);
    if (rc) return rc;
    int k = 0;                       /* segment [k, k+1] */
    while (k < n - 2 && n_cycles > cycles[k + 1])
        k++;
    double x0 = log10(cycles[k]), x1 = log10(cycles[k + 1]);
    double x = log10(n_cycles);
    double v = dod[k] + (dod[k + 1] - dod[k]) * (x - x0) / (x1 - x0);
    if (v > 1.0) v = 1.0;
    if (v < dod_floor) v = dod_floor;
    if (extrapolated)
        *extrapolated = n_cycles < cycles[0] || n_cycles > cycles[n - 1];
    *dod_out = v;
    return ODC_OK;
}
