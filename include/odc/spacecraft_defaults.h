/* Technology defaults for power, battery and thermal sizing, read from
 * data/spacecraft_defaults.json (installed as share/odcsim/). Each entry in
 * the file carries value, unit, source and date; the loader checks that
 * every expected key is present once, with the expected unit, in range,
 * and that no unknown key is present. */
#ifndef ODC_SPACECRAFT_DEFAULTS_H
#define ODC_SPACECRAFT_DEFAULTS_H

#include "odc/error.h"

#define ODC_SC_CYCLE_LIFE_MAX 16

typedef struct odc_sc_defaults {
    /* solar array (see power.h) */
    double s_1au_w_m2, eff_ref, t_ref_k, temp_coeff_per_k, packing_factor;
    double inherent_deg, degr_per_yr, t_cell_k, areal_density_kg_m2;
    double specific_power_w_kg, xe, xd;
    /* battery (see battery.h) */
    double bat_specific_energy_wh_kg, bat_eta_charge, bat_eta_discharge;
    double bat_c_rate_charge_per_h, bat_c_rate_discharge_per_h, bat_dod_floor;
    int    n_cycle_life;
    double cycle_life_cycles[ODC_SC_CYCLE_LIFE_MAX];
    double cycle_life_dod[ODC_SC_CYCLE_LIFE_MAX];
    /* thermal (see thermal.h) */
    double albedo, earth_ir_w_m2, rad_eps, rad_alpha, rad_t_k;
    double rad_areal_density_kg_m2, payload_t_limit_k;
    double payload_heat_capacity_j_k_per_kw;
    /* power budget */
    double eta_it_conv, eta_other_conv, eta_distribution;
    double isl_w_per_terminal, avionics_w_per_kw, pumps_w_per_kw;
} odc_sc_defaults;

/* Load and validate a defaults file.
 * path   JSON file (data/spacecraft_defaults.json layout)
 * d      out: every field filled
 * returns ODC_OK; ODC_EIO if unreadable; ODC_EINPUT with file, line and
 * column for JSON syntax errors, or file and field (the key, e.g.
 * "solar.eff_ref") for a missing, duplicate, unknown, mistyped, wrong-unit
 * or out-of-range entry. */
int odc_sc_defaults_load(const char *path, odc_sc_defaults *d, odc_err *err);

#endif
