/* Power and thermal subsystem sizing of one compute satellite, chaining the
 * power, battery and thermal models with the technology defaults. This is
 * the library side of `odcsim size`. */
#include "odc/spacecraft_sizing.h"

#include <math.h>
#include <string.h>

#include "odc/battery.h"
#include "odc/constellation.h"
#include "odc/thermal.h"

static int bad(double x) { return !isfinite(x); }

static int check_in(const odc_sizing_in *in, odc_err *err)
{
    if (!in)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sizing", "missing inputs");
    if (bad(in->it_w) || in->it_w < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "it_w",
                           "IT power must be >= 0 W, got %g", in->it_w);
    if (bad(in->period_s) || !(in->period_s > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "period_s",
                           "orbital period must be > 0 s, got %g", in->period_s);
    if (bad(in->sunlit_frac) || !(in->sunlit_frac > 0.0) || in->sunlit_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "sunlit_frac",
                           "sunlit fraction must be in (0,1], got %g", in->sunlit_frac);
    if (bad(in->max_eclipse_s) || in->max_eclipse_s < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "max_eclipse_s",
                           "eclipse duration must be >= 0 s, got %g", in->max_eclipse_s);
    if (in->sunlit_frac * in->period_s + in->max_eclipse_s > in->period_s * (1.0 + 1e-9))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "max_eclipse_s",
                           "daylight (%g s) plus eclipse (%g s) exceed the period (%g s)",
                           in->sunlit_frac * in->period_s, in->max_eclipse_s, in->period_s);
    if (bad(in->eclipse_orbit_frac) || in->eclipse_orbit_frac < 0.0 ||
        in->eclipse_orbit_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "eclipse_orbit_frac",
                           "fraction of orbits with eclipse must be in [0,1], got %g",
                           in->eclipse_orbit_frac);
    if (bad(in->mission_years) || in->mission_years < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mission_years",
                           "mission duration must be >= 0 years, got %g", in->mission_years);
    if (bad(in->alt_km) || !(in->alt_km > 0.0))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km",
                           "altitude must be > 0 km, got %g", in->alt_km);
    if (in->n_isl < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "n_isl",
                           "number of ISL terminals must be >= 0, got %d", in->n_isl);
    return ODC_OK;
}

int odc_size_spacecraft(const odc_sizing_in *in, const odc_sc_defaults *d,
                        odc_sizing_out *out, odc_err *err)
{
    int rc = check_in(in, err);
    if (rc) return rc;
    if (!d || !out)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "defaults",
                           "missing defaults or output");
    memset(out, 0, sizeof *out);
    double it_kw = in->it_w / 1000.0;

    /* Power budget in daylight and in eclipse. */
    odc_power_budget b = {
        .it_w = in->it_w,
        .isl_w = in->n_isl * d->isl_w_per_terminal,
        .avionics_w = d->avionics_w_per_kw * it_kw,
        .thermal_w = d->pumps_w_per_kw * it_kw,
        .other_w = 0.0,
        .eta_it_conv = d->eta_it_conv,
        .eta_other_conv = d->eta_other_conv,
        .eta_distribution = d->eta_distribution,
    };
    if ((rc = odc_power_budget_sum(&b, &out->day, err))) return rc;
    odc_power_total ecl = out->day;
    if (!in->it_in_eclipse) {
        odc_power_budget be = b;
        be.it_w = 0.0;
        if ((rc = odc_power_budget_sum(&be, &ecl, err))) return rc;
    }
    out->p_eclipse_w = ecl.source_w;

    /* Array: SMAD eq. 11-5 on the worst orbit, then EOL area. */
    double te = in->max_eclipse_s, td = in->sunlit_frac * in->period_s;
    if ((rc = odc_smad_array_power(out->p_eclipse_w, te, out->day.source_w, td, d->xe, d->xd,
                                   &out->p_array_eol_w, err)))
        return rc;
    odc_solar_array sa = {
        .eff_ref = d->eff_ref, .t_ref_k = d->t_ref_k, .temp_coeff_per_k = d->temp_coeff_per_k,
        .packing_factor = d->packing_factor, .inherent_deg = d->inherent_deg,
        .degr_per_yr = d->degr_per_yr, .areal_density_kg_m2 = d->areal_density_kg_m2,
    };
    if ((rc = odc_solar_array_size(&sa, out->p_array_eol_w, d->s_1au_w_m2, 1.0, d->t_cell_k,
                                   in->mission_years, &out->array_area_m2,
                                   &out->array_mass_kg, &out->p_array_bol_w, err)))
        return rc;

    /* Battery for the worst eclipse, DoD from cycle life. */
    if (te > 0.0 && in->eclipse_orbit_frac > 0.0 && out->p_eclipse_w > 0.0 &&
        in->mission_years > 0.0) {
        if ((rc = odc_battery_cycles(in->mission_years, in->period_s, in->eclipse_orbit_frac,
                                     &out->battery_cycles, err)))
            return rc;
        if ((rc = odc_battery_dod_for_cycles(d->cycle_life_cycles, d->cycle_life_dod,
                                             d->n_cycle_life, out->battery_cycles,
                                             d->bat_dod_floor, &out->battery_dod,
                                             &out->battery_dod_extrapolated, err)))
            return rc;
        double cap;
        if ((rc = odc_battery_size(out->p_eclipse_w, te, out->battery_dod,
                                   d->bat_eta_discharge, d->bat_specific_energy_wh_kg, &cap,
                                   NULL, err)))
            return rc;
        /* C-rate limits: discharge at Pe, recharge of Pe*Te/eta_d (stored)
         * over Td, i.e. a charge power Pe*Te/(eta_d*eta_c*Td). */
        double p_chg = out->p_eclipse_w * te / (d->bat_eta_discharge * d->bat_eta_charge * td);
        cap = fmax(cap, out->p_eclipse_w / d->bat_c_rate_discharge_per_h);
        cap = fmax(cap, p_chg / d->bat_c_rate_charge_per_h);
        out->battery_capacity_wh = cap;
        out->battery_mass_kg = cap / d->bat_specific_energy_wh_kg;
    }

    /* Radiator for the daylight heat. */
    out->heat_w = out->p_array_eol_w - out->p_eclipse_w * te / (d->bat_eta_discharge * td);
    double f_earth;
    if ((rc = odc_vf_plate_sphere(in->alt_km, ODC_RE_EARTH_KM, M_PI / 2.0, &f_earth, err)))
        return rc;
    odc_thermal_env env = {d->s_1au_w_m2, d->albedo, d->earth_ir_w_m2};
    odc_face faces[2] = {{0.0, f_earth, 1.0}, {0.0, f_earth, 1.0}};
    if ((rc = odc_radiator_area(out->heat_w, d->rad_t_k, d->rad_eps, d->rad_alpha, 2, faces,
                                &env, &out->radiator_area_m2, err)))
        return rc;
    out->radiator_mass_kg = out->radiator_area_m2 * d->rad_areal_density_kg_m2;

    out->total_mass_kg = out->array_mass_kg + out->battery_mass_kg + out->radiator_mass_kg;
    out->kg_per_it_kw = it_kw > 0.0 ? out->total_mass_kg / it_kw : 0.0;
    return ODC_OK;
}
