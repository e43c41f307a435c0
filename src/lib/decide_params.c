/* Parameter paths: the one table that maps every numeric key of the
 * scenario sections economics, terrestrial and grid to a double in the
 * resolved model, with its unit and valid range. The scenario loader,
 * sweeps, Monte Carlo and the tornado all use it, so any numeric input can
 * be varied, and an unknown path is refused with a suggestion. */
#include "odc/decide.h"
#include "odc/scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define E(path, unit, field, range, help) \
    {path, unit, ODC_PARAM_ECON, offsetof(odc_decide_model, field), range, help}
#define G(path, unit, field, range, help) \
    {path, unit, ODC_PARAM_GRID, offsetof(odc_grid_model, field), range, help}

static const odc_param T[] = {
    /* launch */
    E("economics.launch.price_per_kg_usd", "USD/kg", launch_usd_per_kg, ODC_PR_GE0,
      "launch price (default: the vehicle's full-launch price per kg)"),
    E("economics.learning.rate", "1", costs.launch_learning_rate, ODC_PR_FRAC,
      "price multiplier per doubling of cumulative mass (Wright)"),
    E("economics.learning.floor_usd_per_kg", "USD/kg", costs.launch_floor_usd_per_kg,
      ODC_PR_GE0, "launch price floor"),
    E("economics.learning.start_year", "yr", learning.start_year, ODC_PR_GT0,
      "calendar year of forecast year 0"),
    E("economics.learning.x0_kg", "kg", learning.x0_kg, ODC_PR_GT0,
      "cumulative mass launched before year 0"),
    E("economics.learning.mass0_kg_per_yr", "kg/yr", learning.mass0_kg_per_yr, ODC_PR_GE0,
      "mass launched in year 0"),
    E("economics.learning.growth_per_yr", "1/yr", learning.growth_per_yr, ODC_PR_RATE,
      "yearly growth of the mass launched"),
    E("economics.learning.years", "yr", learning.years, ODC_PR_INT1, "forecast length"),
    /* deployment */
    E("economics.chips", "1", n_chips, ODC_PR_GT0, "accelerators deployed (both sides)"),
    E("economics.it_mw", "MW", it_mw, ODC_PR_GE0,
      "deployment as IT power instead of a chip count (0: use chips)"),
    E("economics.satellite.chips", "1", chips_per_sat, ODC_PR_GT0, "accelerators per satellite"),
    E("economics.satellite.it_kw", "kW", sat_it_kw, ODC_PR_GT0, "IT power per satellite"),
    E("economics.satellite.kg_per_it_kw", "kg/kW", kg_per_it_kw, ODC_PR_GT0,
      "launched mass per IT kW"),
    E("economics.satellite.array_w_per_it_kw", "W/kW", array_w_per_it_kw, ODC_PR_GE0,
      "BOL solar array per IT kW"),
    E("economics.satellite.radiator_m2_per_it_kw", "m^2/kW", radiator_m2_per_it_kw,
      ODC_PR_GE0, "radiator area per IT kW"),
    E("economics.satellite.battery_wh_per_it_kw", "Wh/kW", battery_wh_per_it_kw, ODC_PR_GE0,
      "battery capacity per IT kW"),
    E("economics.satellite.volume_m3", "m^3", sat_volume_m3, ODC_PR_GT0,
      "stowed volume of one satellite"),
    E("economics.satellite.volume_eff", "1", volume_eff, ODC_PR_FRAC,
      "usable fraction of the fairing volume"),
    E("economics.ground_stations", "1", n_ground_stations, ODC_PR_INT0, "ground stations"),
    E("economics.chip.pflops", "PFLOP/s", pflops_per_chip, ODC_PR_GE0, "peak per chip"),
    E("economics.chip.tokens_per_s", "1/s", tokens_per_s_per_chip, ODC_PR_GE0,
      "reference-model tokens per second per chip"),
    E("economics.chip.utilisation", "1", utilisation, ODC_PR_FRAC,
      "fraction of peak FLOP/s achieved"),
    E("economics.availability", "1", orbit_availability, ODC_PR_FRAC,
      "orbit: fraction of hours in service"),
    E("economics.discount_rate", "1/yr", fin.discount_rate, ODC_PR_RATE, "real discount rate"),
    E("economics.horizon_yr", "yr", fin.horizon_yr, ODC_PR_GT0, "NPV horizon"),
    E("economics.mission_years", "yr", costs.sat_life_yr, ODC_PR_GT0,
      "satellite design life (= economics.costs.orbit.sat_life_yr)"),
    /* costs.json overrides (keys as in data/costs.json) */
    E("economics.costs.chip.price_usd", "USD", costs.chip_usd, ODC_PR_GT0, ""),
    E("economics.costs.chip.host_overhead_frac", "1", costs.host_overhead_frac, ODC_PR_GE0, ""),
    E("economics.costs.chip.failure_rate_per_yr", "1/yr", costs.chip_failure_per_yr,
      ODC_PR_GE0, ""),
    E("economics.costs.chip.life_yr", "yr", costs.chip_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.orbit.bus_usd_per_kg", "USD/kg", costs.bus_usd_per_kg, ODC_PR_GE0, ""),
    E("economics.costs.orbit.solar_usd_per_w", "USD/W", costs.solar_usd_per_w, ODC_PR_GE0, ""),
    E("economics.costs.orbit.radiator_usd_per_m2", "USD/m^2", costs.radiator_usd_per_m2,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.battery_usd_per_kwh", "USD/kWh", costs.sat_battery_usd_per_kwh,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.launch_insurance_frac", "1", costs.launch_insurance_frac,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.ground_station_usd", "USD", costs.ground_station_usd,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.ground_station_usd_per_yr", "USD/yr",
      costs.ground_station_usd_per_yr, ODC_PR_GE0, ""),
    E("economics.costs.orbit.ops_frac_per_yr", "1/yr", costs.orbit_ops_frac_per_yr,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.staff_usd_per_yr", "USD/yr", costs.orbit_staff_usd_per_yr,
      ODC_PR_GE0, ""),
    E("economics.costs.orbit.sat_life_yr", "yr", costs.sat_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.orbit.lead_time_yr", "yr", costs.orbit_lead_yr, ODC_PR_GE0, ""),
    E("economics.costs.ground.building_usd_per_mw", "USD/MW", costs.building_usd_per_mw,
      ODC_PR_GE0, ""),
    E("economics.costs.ground.power_equipment_usd_per_mw", "USD/MW",
      costs.power_equipment_usd_per_mw, ODC_PR_GE0, ""),
    E("economics.costs.ground.cooling_usd_per_mw", "USD/MW", costs.cooling_usd_per_mw,
      ODC_PR_GE0, ""),
    E("economics.costs.ground.grid_connection_usd_per_mw", "USD/MW",
      costs.grid_connection_usd_per_mw, ODC_PR_GE0, ""),
    E("economics.costs.ground.facility_life_yr", "yr", costs.facility_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.ground.maintenance_frac_per_yr", "1/yr",
      costs.facility_maint_frac_per_yr, ODC_PR_GE0, ""),
    E("economics.costs.ground.insurance_frac_per_yr", "1/yr",
      costs.facility_insurance_frac_per_yr, ODC_PR_GE0, ""),
    E("economics.costs.ground.staff_usd_per_mw_yr", "USD/MW/yr", costs.staff_usd_per_mw_yr,
      ODC_PR_GE0, ""),
    E("economics.costs.grid.tariff_usd_per_mwh", "USD/MWh", costs.grid_usd_per_mwh,
      ODC_PR_GE0, ""),
    E("economics.costs.grid.queue_yr", "yr", costs.grid_queue_yr, ODC_PR_GE0, ""),
    E("economics.costs.gas.heat_rate_btu_per_kwh", "Btu/kWh", costs.gas_heat_rate_btu_per_kwh,
      ODC_PR_GT0, ""),
    E("economics.costs.gas.fuel_usd_per_mmbtu", "USD/MMBtu", costs.gas_usd_per_mmbtu,
      ODC_PR_GE0, ""),
    E("economics.costs.gas.capex_usd_per_kw", "USD/kW", costs.gas_capex_usd_per_kw,
      ODC_PR_GE0, ""),
    E("economics.costs.gas.fixed_om_usd_per_kw_yr", "USD/kW/yr",
      costs.gas_fixed_om_usd_per_kw_yr, ODC_PR_GE0, ""),
    E("economics.costs.gas.var_om_usd_per_mwh", "USD/MWh", costs.gas_var_om_usd_per_mwh,
      ODC_PR_GE0, ""),
    E("economics.costs.gas.life_yr", "yr", costs.gas_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.gas.lead_time_yr", "yr", costs.gas_lead_yr, ODC_PR_GE0, ""),
    E("economics.costs.fuel_cell.heat_rate_btu_per_kwh", "Btu/kWh",
      costs.fc_heat_rate_btu_per_kwh, ODC_PR_GT0, ""),
    E("economics.costs.fuel_cell.capex_usd_per_kw", "USD/kW", costs.fc_capex_usd_per_kw,
      ODC_PR_GE0, ""),
    E("economics.costs.fuel_cell.var_om_usd_per_mwh", "USD/MWh", costs.fc_var_om_usd_per_mwh,
      ODC_PR_GE0, ""),
    E("economics.costs.fuel_cell.life_yr", "yr", costs.fc_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.fuel_cell.lead_time_yr", "yr", costs.fc_lead_yr, ODC_PR_GE0, ""),
    E("economics.costs.solar.capex_usd_per_kw", "USD/kW", costs.pv_capex_usd_per_kw,
      ODC_PR_GE0, ""),
    E("economics.costs.solar.capacity_factor", "1", costs.pv_cf, ODC_PR_FRAC, ""),
    E("economics.costs.solar.fixed_om_usd_per_kw_yr", "USD/kW/yr",
      costs.pv_fixed_om_usd_per_kw_yr, ODC_PR_GE0, ""),
    E("economics.costs.solar.life_yr", "yr", costs.pv_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.solar.lead_time_yr", "yr", costs.pv_lead_yr, ODC_PR_GE0, ""),
    E("economics.costs.bess.usd_per_kwh", "USD/kWh", costs.bess_usd_per_kwh, ODC_PR_GE0, ""),
    E("economics.costs.bess.round_trip_eff", "1", costs.bess_rte, ODC_PR_FRAC, ""),
    E("economics.costs.bess.life_yr", "yr", costs.bess_life_yr, ODC_PR_GT0, ""),
    E("economics.costs.water.wue_l_per_kwh", "L/kWh", costs.wue_l_per_kwh, ODC_PR_GE0, ""),
    E("economics.costs.water.usd_per_m3", "USD/m^3", costs.water_usd_per_m3, ODC_PR_GE0, ""),
    E("economics.costs.launch.learning_rate", "1", costs.launch_learning_rate, ODC_PR_FRAC, ""),
    E("economics.costs.launch.floor_usd_per_kg", "USD/kg", costs.launch_floor_usd_per_kg,
      ODC_PR_GE0, ""),
    /* terrestrial */
    E("terrestrial.pue", "1", site.pue, ODC_PR_GE1, "power usage effectiveness"),
    E("terrestrial.storage_h", "h", site.storage_h, ODC_PR_GE0,
      "solar_storage: hours of full load from storage"),
    E("terrestrial.battery_h", "h", site_bess_h, ODC_PR_GE0,
      "site battery, hours of facility load"),
    E("terrestrial.build_yr", "yr", site.build_yr, ODC_PR_GE0, "decision -> ready for IT"),
    E("terrestrial.availability", "1", ground_availability, ODC_PR_FRAC,
      "fraction of hours in service"),
    E("terrestrial.it_kw_per_chip", "kW", ground_it_kw_per_chip, ODC_PR_GE0,
      "IT power per chip with its host share (0: the satellite's)"),
    E("terrestrial.it_mw", "MW", ground_it_mw, ODC_PR_GE0,
      "IT power of the ground site for the same chips (0: chips x it_kw_per_chip)"),
    E("terrestrial.tariff_usd_per_mwh", "USD/MWh", costs.grid_usd_per_mwh, ODC_PR_GE0,
      "grid tariff (= economics.costs.grid.tariff_usd_per_mwh)"),
    E("terrestrial.queue_yr", "yr", costs.grid_queue_yr, ODC_PR_GE0,
      "grid interconnection queue (= economics.costs.grid.queue_yr)"),
    E("terrestrial.fuel_usd_per_mmbtu", "USD/MMBtu", costs.gas_usd_per_mmbtu, ODC_PR_GE0,
      "gas price (= economics.costs.gas.fuel_usd_per_mmbtu)"),
    /* grid study */
    G("grid.it_mw", "MW", prof.p_it_mw, ODC_PR_GT0, "site IT power in the compute phase"),
    G("grid.duration_s", "s", duration_s, ODC_PR_GT0, "power-profile run length"),
    G("grid.dt_s", "s", dt_s, ODC_PR_GT0, "power-profile step"),
    G("grid.freq_duration_s", "s", freq_duration_s, ODC_PR_GT0, "frequency run length"),
    G("grid.freq_dt_s", "s", freq_dt_s, ODC_PR_GT0, "frequency run step"),
    G("grid.profile.iter_period_s", "s", prof.iter_period_s, ODC_PR_GT0, ""),
    G("grid.profile.compute_frac", "1", prof.compute_frac, ODC_PR_FRAC, ""),
    G("grid.profile.comm_power_frac", "1", prof.comm_power_frac, ODC_PR_FRAC0, ""),
    G("grid.profile.ckpt_interval_s", "s", prof.ckpt_interval_s, ODC_PR_GE0, ""),
    G("grid.profile.ckpt_duration_s", "s", prof.ckpt_duration_s, ODC_PR_GE0, ""),
    G("grid.profile.ckpt_power_frac", "1", prof.ckpt_power_frac, ODC_PR_FRAC0, ""),
    G("grid.profile.rise_s", "s", prof.rise_s, ODC_PR_GE0, ""),
    G("grid.profile.fall_s", "s", prof.fall_s, ODC_PR_GE0, ""),
    G("grid.profile.pue", "1", prof.pue, ODC_PR_GE1, ""),
    G("grid.profile.cooling_tau_s", "s", prof.cooling_tau_s, ODC_PR_GT0, ""),
    G("grid.battery.units", "1", batt_units, ODC_PR_GE0,
      "units of the catalog battery (grid.battery.unit)"),
    G("grid.battery.p_max_mw", "MW", batt.p_max_mw, ODC_PR_GT0, ""),
    G("grid.battery.e_mwh", "MWh", batt.e_mwh, ODC_PR_GT0, ""),
    G("grid.battery.rte", "1", batt.rte, ODC_PR_FRAC, ""),
    G("grid.battery.soc_min", "1", batt.soc_min, ODC_PR_FRAC0, ""),
    G("grid.battery.soc_max", "1", batt.soc_max, ODC_PR_FRAC, ""),
    G("grid.battery.soc0", "1", batt.soc0, ODC_PR_FRAC0, ""),
    G("grid.smoothing.tau_s", "s", smooth.tau_s, ODC_PR_GE0, "low-pass time constant"),
    G("grid.smoothing.ramp_limit_mw_s", "MW/s", smooth.ramp_limit_mw_s, ODC_PR_GT0,
      "grid ramp limit"),
    G("grid.smoothing.soc_target", "1", smooth.soc_target, ODC_PR_FRAC0, ""),
    G("grid.smoothing.soc_gain_per_s", "1/s", smooth.soc_gain_per_s, ODC_PR_GE0, ""),
    G("grid.network.f0_hz", "Hz", grid.f0_hz, ODC_PR_GT0, ""),
    G("grid.network.s_base_mva", "MVA", grid.s_base_mva, ODC_PR_GT0, ""),
    G("grid.network.h_s", "s", grid.h_s, ODC_PR_GT0, ""),
    G("grid.network.d_pu", "1", grid.d_pu, ODC_PR_GE0, ""),
    G("grid.network.r_pu", "1", grid.r_pu, ODC_PR_GT0, ""),
    G("grid.network.k_gov", "1", grid.k_gov, ODC_PR_FRAC0, ""),
    G("grid.network.t_gov_s", "s", grid.t_gov_s, ODC_PR_GT0, ""),
    G("grid.network.f_trip_hi_hz", "Hz", grid.f_trip_hi_hz, ODC_PR_GT0, ""),
    G("grid.network.f_cont_hi_hz", "Hz", grid.f_cont_hi_hz, ODC_PR_GT0, ""),
    G("grid.network.rocof_limit_hz_s", "Hz/s", grid.rocof_limit_hz_s, ODC_PR_GT0, ""),
    G("grid.network.rocof_window_s", "s", grid.rocof_window_s, ODC_PR_GE0, ""),
    G("grid.loss_battery.p_max_mw", "MW", loss_batt.p_max_mw, ODC_PR_GE0, ""),
    G("grid.loss_battery.e_max_mwh", "MWh", loss_batt.e_max_mwh, ODC_PR_GT0, ""),
    G("grid.loss_battery.delay_s", "s", loss_batt.delay_s, ODC_PR_GE0, ""),
    G("grid.loss_battery.ramp_up_mw_s", "MW/s", loss_batt.ramp_up_mw_s, ODC_PR_GT0, ""),
    G("grid.loss_battery.hold_s", "s", loss_batt.hold_s, ODC_PR_GE0, ""),
    G("grid.loss_battery.ramp_down_mw_s", "MW/s", loss_batt.ramp_down_mw_s, ODC_PR_GT0, ""),
    G("grid.lvrt.v_transfer_pu", "1", lvrt.v_transfer_pu, ODC_PR_GT0, ""),
    G("grid.lvrt.n_dips", "1", lvrt_n_dips, ODC_PR_INT1, ""),
    G("grid.lvrt.window_s", "s", lvrt.window_s, ODC_PR_GT0, ""),
};
#undef E
#undef G
#define NT (sizeof T / sizeof T[0])

const odc_param *odc_param_table(size_t *n)
{
    if (n)
        *n = NT;
    return T;
}

const odc_param *odc_param_find(const char *path)
{
    if (!path)
        return NULL;
    for (size_t i = 0; i < NT; i++)
        if (!strcmp(T[i].path, path))
            return &T[i];
    return NULL;
}

const char *odc_param_suggest(const char *path)
{
    int best = 1 << 30;
    const char *bp = NULL;
    for (size_t i = 0; i < NT; i++) {
        int d = odc_edit_distance(path, T[i].path);
        if (d < best) {
            best = d;
            bp = T[i].path;
        }
    }
    /* A typo, not a different parameter: at most a third of the length. */
    int lim = (int)strlen(path) / 3;
    if (lim < 2)
        lim = 2;
    return best <= lim ? bp : NULL;
}

static const char *range_words(odc_param_range r)
{
    switch (r) {
    case ODC_PR_GT0: return "a number > 0";
    case ODC_PR_GE0: return "a number >= 0";
    case ODC_PR_FRAC: return "a fraction 0 < x <= 1";
    case ODC_PR_FRAC0: return "a fraction 0 <= x <= 1";
    case ODC_PR_GE1: return "a number >= 1";
    case ODC_PR_RATE: return "a rate -1 < x < 1";
    case ODC_PR_INT1: return "a whole number >= 1";
    case ODC_PR_INT0: return "a whole number >= 0";
    default: return "a finite number";
    }
}

int odc_param_check(const odc_param *p, double v, odc_err *err)
{
    int ok = isfinite(v);
    if (ok)
        switch (p->range) {
        case ODC_PR_GT0: ok = v > 0; break;
        case ODC_PR_GE0: ok = v >= 0; break;
        case ODC_PR_FRAC: ok = v > 0 && v <= 1; break;
        case ODC_PR_FRAC0: ok = v >= 0 && v <= 1; break;
        case ODC_PR_GE1: ok = v >= 1; break;
        case ODC_PR_RATE: ok = v > -1 && v < 1; break;
        case ODC_PR_INT1: ok = v >= 1 && v == floor(v) && v <= 1e9; break;
        case ODC_PR_INT0: ok = v >= 0 && v == floor(v) && v <= 1e9; break;
        default: break;
        }
    if (ok)
        return ODC_OK;
    int dimless = !strcmp(p->unit, "1");
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, p->path, "expected %s%s%s%s, got %.10g",
                       range_words(p->range), dimless ? "" : " (", dimless ? "" : p->unit,
                       dimless ? "" : ")", v);
}

double odc_param_get(const odc_param *p, const void *model)
{
    double v;
    memcpy(&v, (const char *)model + p->off, sizeof v);
    return v;
}

int odc_param_set(const odc_param *p, void *model, double v, odc_err *err)
{
    int rc = odc_param_check(p, v, err);
    if (rc)
        return rc;
    memcpy((char *)model + p->off, &v, sizeof v);
    return ODC_OK;
}
