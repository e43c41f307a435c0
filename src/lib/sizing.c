/* Whole-spacecraft sizing: power and thermal (odc_size_spacecraft) on the
 * orbit's worst eclipse, then the masses of every other subsystem, the
 * station-keeping propellant against drag over the mission, uncontrolled
 * lifetime and the mission's total ionizing dose. This is the library side
 * of `odcsim size`; docs/sizing.md lists the equations. */
#include "odc/sizing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/lifetime.h"

static int bad_in(const odc_mission_in *in, odc_err *err)
{
    if (!isfinite(in->it_w) || !(in->it_w > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "it_power_w",
                           "expected an IT power > 0 W, got %g", in->it_w);
    if (!isfinite(in->mission_years) || !(in->mission_years > 0.0) || in->mission_years > 50.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mission_years",
                           "expected a mission of (0, 50] years, got %g", in->mission_years);
    if (in->activity < ODC_SOLAR_LOW || in->activity > ODC_SOLAR_HIGH)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "solar_activity",
                           "expected low, mean or high");
    return ODC_OK;
}

/* Dose rate behind mm of aluminium: the table (and the altitude scaling
 * law where given and valid), else the table altitude nearest alt_km (the
 * tables hold few altitudes; say so rather than refuse); inclination
 * folded into 0..90 deg (i and 180-i cover the same latitudes). */
static int dose_rate(const odc_sizing_dose *dz, double alt_km, double incl_deg, double mm,
                     odc_mission_out *out, odc_err *err)
{
    const odc_dose_table *t = dz->total;
    if (incl_deg > 90.0)
        incl_deg = 180.0 - incl_deg;
    int rc;
    out->dose_alt_km = alt_km;
    int in_table = 0;
    for (int i = 0; i < t->n_alt; i++)
        in_table |= t->alt_km[i] == alt_km;
    if (!in_table && dz->electron && dz->scaling && alt_km >= dz->scaling->alt_min_km &&
        alt_km <= dz->scaling->alt_max_km) {
        rc = odc_tid_rate_scaled(t, dz->electron, dz->scaling, alt_km, incl_deg, mm,
                                 &out->dose_rad_per_yr, err);
        out->dose_scaled = rc == ODC_OK;
    } else {
        double best = t->alt_km[0];
        for (int i = 1; i < t->n_alt; i++)
            if (fabs(t->alt_km[i] - alt_km) < fabs(best - alt_km))
                best = t->alt_km[i];
        out->dose_alt_km = best;
        out->dose_alt_clamped = best != alt_km;
        rc = odc_tid_rate(t, best, incl_deg, mm, &out->dose_rad_per_yr, err);
    }
    if (rc && err && !strcmp(err->field, "depth_mm_al"))
        snprintf(err->field, sizeof err->field, "shielding.mm_al");
    return rc;
}

int odc_size_mission(const odc_mission_in *in, const odc_orbit_env *env, double alt_km,
                     const odc_sc_defaults *d, const odc_sizing_params *p,
                     const odc_sizing_dose *dose, const odc_atmos_table *atm,
                     odc_mission_out *out, odc_err *err)
{
    if (!in || !env || !d || !p || !dose || !dose->total || !atm || !out)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sizing", "missing argument");
    int rc = bad_in(in, err);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    out->env = *env;
    double it_kw = in->it_w / 1000.0;
    out->n_isl = in->n_isl >= 0 ? in->n_isl : (int)lround(p->isl_terminals);

    /* Power and thermal on the worst orbit of the year: longest eclipse Te,
     * the rest of that orbit in daylight. */
    double te = fmin(env->eclipse_max_s, env->period_s);
    odc_sizing_in si = {
        .it_w = in->it_w,
        .period_s = env->period_s,
        .sunlit_frac = (env->period_s - te) / env->period_s,
        .max_eclipse_s = te,
        .eclipse_orbit_frac = te > 0.0 ? env->eclipse_orbit_frac : 0.0,
        .mission_years = in->mission_years,
        .alt_km = alt_km,
        .n_isl = out->n_isl,
        .it_in_eclipse = in->it_in_eclipse,
    };
    /* A fixed DoD replaces the cycle-life table by a flat one. */
    odc_sc_defaults dd = *d;
    if (p->battery_dod > 0.0) {
        dd.n_cycle_life = 2;
        dd.cycle_life_cycles[0] = 1.0;
        dd.cycle_life_cycles[1] = 1e12;
        dd.cycle_life_dod[0] = dd.cycle_life_dod[1] = p->battery_dod;
        dd.bat_dod_floor = fmin(dd.bat_dod_floor, p->battery_dod);
    }
    if ((rc = odc_size_spacecraft(&si, &dd, &out->pt, err)))
        return rc;

    out->m_array = out->pt.array_mass_kg;
    out->m_battery = out->pt.battery_mass_kg;
    out->m_radiator = out->pt.radiator_mass_kg;
    out->m_compute = p->compute_kg_per_kw * it_kw;
    out->m_isl = out->n_isl * p->isl_kg_per_terminal;
    out->m_avionics = p->avionics_kg + p->avionics_kg_per_kw * it_kw;
    out->m_shielding = p->shield_m2_per_kw * it_kw * p->shield_mm_al * 1e-3 *
                       p->al_density_kg_m3;

    /* Drag: a Sun-tracking array turning about the orbit normal shows
     * A cos(beta) |cos(u - u_sun)| to the flow, 2/pi A cos(beta) on
     * average over an orbit; radiators edge-on to nadir and in the orbit
     * plane show their edge. */
    out->drag_area_m2 = out->pt.array_area_m2 * (2.0 / M_PI) * env->mean_abs_cos_beta +
                        p->drag_bus_area_m2;
    const odc_hp_block *blk = &atm->block[in->activity];
    int in_atm = blk->n > 0 && alt_km <= blk->h_km[blk->n - 1] && alt_km >= blk->h_km[0];
    odc_hp_mean_ctx hctx = {atm, p->atm_n_exp, in->activity};
    out->rho_kg_m3 = 0.0;
    if (in_atm && (rc = odc_hp_density_mean(atm, alt_km, p->atm_n_exp, in->activity,
                                            &out->rho_kg_m3, err)))
        return rc;

    /* Masses with propellant. For a given delta-v the propellant solves
     * prop = k m0, m0 = dry + prop, dry = (S + fixed + tank prop)/(1 - f),
     * k = 1 - exp(-dv/(Isp g0)) (Tsiolkovsky); the delta-v depends on the
     * wet mass through the ballistic coefficient, so iterate on it. */
    double f = p->structure_frac;
    double s = out->m_array + out->m_battery + out->m_radiator + out->m_compute + out->m_isl +
               out->m_avionics + out->m_shielding + p->prop_fixed_kg;
    double prop = 0.0, m0 = s / (1.0 - f);
    double ve = p->prop_isp_s * ODC_G0_M_S2;
    for (int it = 0; it < 200; it++) {
        double dv_yr = 0.0;
        if (in_atm && out->drag_area_m2 > 0.0) {
            double bc;
            if ((rc = odc_ballistic_coeff(m0, p->drag_cd, out->drag_area_m2, &bc, err)))
                return rc;
            out->ballistic_kg_m2 = bc;
            if ((rc = odc_stationkeeping_dv(odc_density_hp_mean, &hctx, alt_km, bc, &dv_yr,
                                            err)))
                return rc;
        }
        out->dv_m_s_per_yr = dv_yr;
        out->dv_m_s_mission = dv_yr * in->mission_years * p->prop_margin;
        double k = 1.0 - exp(-out->dv_m_s_mission / ve);
        double den = 1.0 - k * (1.0 + p->prop_tank_frac / (1.0 - f));
        if (den < 0.1)
            return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "alt_km",
                               "station keeping at %g km needs %.0f m/s over the mission: "
                               "propellant would exceed 90 %% of the wet mass (raise the "
                               "orbit or the specific impulse)", alt_km, out->dv_m_s_mission);
        double prop_new = k * s / (1.0 - f) / den;
        double m0_new = (s + p->prop_tank_frac * prop_new) / (1.0 - f) + prop_new;
        int done = fabs(m0_new - m0) <= 1e-12 * m0_new;
        prop = prop_new;
        m0 = m0_new;
        if (done)
            break;
    }
    out->m_propellant = prop;
    out->m_propulsion = p->prop_fixed_kg + p->prop_tank_frac * prop;
    double other = s - p->prop_fixed_kg + out->m_propulsion;
    out->m_structure = f / (1.0 - f) * other;
    out->mass_dry_kg = other + out->m_structure;
    out->mass_kg = out->mass_dry_kg + out->m_propellant;
    out->kg_per_it_kw = out->mass_kg / it_kw;

    /* Uncontrolled lifetime at the wet mass (the satellite dead on day 1). */
    out->lifetime_years = NAN;
    if (in_atm && out->drag_area_m2 > 0.0 && alt_km > p->reentry_alt_km &&
        p->reentry_alt_km >= blk->h_km[0]) {
        double bc, t_s;
        if ((rc = odc_ballistic_coeff(out->mass_kg, p->drag_cd, out->drag_area_m2, &bc, err)))
            return rc;
        if ((rc = odc_lifetime(odc_density_hp_mean, &hctx, alt_km, p->reentry_alt_km, bc, &t_s,
                               err)))
            return rc;
        out->lifetime_years = t_s / ODC_YEAR_S;
    }

    /* Total ionizing dose behind the payload shield. */
    if ((rc = dose_rate(dose, alt_km, env->incl_deg, p->shield_mm_al, out, err)))
        return rc;
    out->dose_krad_mission = out->dose_rad_per_yr * in->mission_years / 1000.0;
    out->tid_margin = isfinite(in->chip_tid_krad) && out->dose_krad_mission > 0.0
                          ? in->chip_tid_krad / out->dose_krad_mission
                          : NAN;
    return ODC_OK;
}
