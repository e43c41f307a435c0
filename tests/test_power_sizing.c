/* odc_size_spacecraft against a case computed by hand step by step. The
 * technology numbers are written here (equal to the shipped defaults at
 * the time of writing) so the expected values do not move when a user
 * edits data/spacecraft_defaults.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "odc/spacecraft_sizing.h"

#include "testutil.h"

static odc_sc_defaults defaults(void)
{
    odc_sc_defaults d;
    memset(&d, 0, sizeof d);
    d.s_1au_w_m2 = 1361.0; d.eff_ref = 0.307; d.t_ref_k = 301.15;
    d.temp_coeff_per_k = -0.0024; d.packing_factor = 0.90; d.inherent_deg = 0.77;
    d.degr_per_yr = 0.0275; d.t_cell_k = 333.15; d.areal_density_kg_m2 = 2.0;
    d.specific_power_w_kg = 100.0; d.xe = 0.65; d.xd = 0.85;
    d.bat_specific_energy_wh_kg = 120.0; d.bat_eta_charge = 0.96;
    d.bat_eta_discharge = 0.96; d.bat_c_rate_charge_per_h = 0.5;
    d.bat_c_rate_discharge_per_h = 1.0; d.bat_dod_floor = 0.10;
    d.n_cycle_life = 2;
    d.cycle_life_cycles[0] = 1800.0; d.cycle_life_dod[0] = 0.80;
    d.cycle_life_cycles[1] = 40000.0; d.cycle_life_dod[1] = 0.25;
    d.albedo = 0.30; d.earth_ir_w_m2 = 237.0; d.rad_eps = 0.88; d.rad_alpha = 0.15;
    d.rad_t_k = 320.0; d.rad_areal_density_kg_m2 = 6.0; d.payload_t_limit_k = 358.15;
    d.payload_heat_capacity_j_k_per_kw = 40000.0;
    d.eta_it_conv = 0.95; d.eta_other_conv = 0.90; d.eta_distribution = 0.97;
    d.isl_w_per_terminal = 120.0; d.avionics_w_per_kw = 20.0; d.pumps_w_per_kw = 15.0;
    return d;
}

static void test_hand_case(void **state)
{
    (void)state;
    odc_sc_defaults d = defaults();
    odc_sizing_in in = {
        .it_w = 100e3, .period_s = 5700.0, .sunlit_frac = 0.63, .max_eclipse_s = 2100.0,
        .eclipse_orbit_frac = 1.0, .mission_years = 5.0, .alt_km = 550.0, .n_isl = 4,
        .it_in_eclipse = 1,
    };
    odc_sizing_out o;
    odc_err e;
    int rc = odc_size_spacecraft(&in, &d, &o, &e);
    if (rc) {
        char buf[1024];
        fail_msg("%s", odc_err_format(&e, buf, sizeof buf));
    }
    /* Budget: other loads 4*120 + 20*100 + 15*100 = 3980 W;
     *   bus = 100000/0.95 + 3980/0.90 = 109685.380 W;
     *   source = /0.97 = 113077.711 W (same in eclipse: IT stays on). */
    assert_rel(o.day.source_w, 113077.71146078254, 1e-12);
    assert_rel(o.p_eclipse_w, o.day.source_w, 0.0);
    /* SMAD: Td = 0.63*5700 = 3591 s, Te = 2100 s;
     *   P_sa = (113077.71*2100/0.65 + 113077.71*3591/0.85)/3591
     *        = 234766.94 W. */
    assert_rel(o.p_array_eol_w, 234766.93501661767, 1e-12);
    /* Array: eta = 0.307*(1-0.0024*32) = 0.2834224; EOL per m^2 =
     *   1361*0.2834224*0.9*0.77*0.9725^5 = 232.52710 W/m^2;
     *   area = 234766.94/232.52710 = 1009.6326 m^2; mass 2019.27 kg;
     *   BOL = 234766.94/0.8698574 = 269891.30 W. */
    assert_rel(o.array_area_m2, 1009.632562688593, 1e-12);
    assert_rel(o.array_mass_kg, 2019.265125377186, 1e-12);
    assert_rel(o.p_array_bol_w, 269891.29682507465, 1e-12);
    /* Battery: cycles = 5*365.25*86400/5700 = 27682.105; DoD from the
     * table = 0.31528386; capacity = 113077.71*2100/3600/(0.31528*0.96)
     *   = 217931.92 Wh; C-rate checks: discharge needs 113077.71 Wh,
     *   charge 113077.71*2100/(0.96*0.96*3591)/0.5 = 143505.46 Wh, both
     *   smaller; mass = 217931.92/120 = 1816.10 kg. */
    assert_rel(o.battery_cycles, 27682.105263157893, 1e-14);
    assert_rel(o.battery_dod, 0.31528385693204886, 1e-12);
    assert_int_equal(o.battery_dod_extrapolated, 0);
    assert_rel(o.battery_capacity_wh, 217931.91576229988, 1e-12);
    assert_rel(o.battery_mass_kg, 1816.0992980191656, 1e-12);
    /* Heat = P_sa - Pe*Te/(0.96*Td) = 234766.94 - 68882.62 = 165884.31 W.
     * Radiator edge-on at 550 km: H = 6928.137/6378.137, F = 0.2578859;
     *   absorbed per face = 0.15*1361*0.3*F + 0.88*237*F = 69.5789 W/m^2;
     *   emitted per face = 0.88*sigma*320^4 = 523.2320 W/m^2;
     *   area = 165884.31/(2*(523.2320-69.5789)) = 182.8317 m^2;
     *   mass = 6*182.8317 = 1096.99 kg. */
    assert_rel(o.heat_w, 165884.31351272966, 1e-12);
    assert_rel(o.radiator_area_m2, 182.83166690179075, 1e-10);
    assert_rel(o.radiator_mass_kg, 1096.9900014107445, 1e-10);
    /* Total 2019.27 + 1816.10 + 1096.99 = 4932.35 kg -> 49.32 kg per IT kW. */
    assert_rel(o.total_mass_kg, 4932.354424807096, 1e-10);
    assert_rel(o.kg_per_it_kw, 49.32354424807096, 1e-10);
}

static void test_rate_limit_and_shedding(void **state)
{
    (void)state;
    odc_sc_defaults d = defaults();
    /* Short eclipse (600 s): energy alone would need
     * Pe*600/3600/(0.315*0.96) = 0.55*Pe Wh, less than the 1 C discharge
     * limit requires (Pe Wh), so capacity = Pe / 1 h. */
    odc_sizing_in in = {
        .it_w = 50e3, .period_s = 5700.0, .sunlit_frac = 0.89, .max_eclipse_s = 600.0,
        .eclipse_orbit_frac = 1.0, .mission_years = 5.0, .alt_km = 550.0, .n_isl = 2,
        .it_in_eclipse = 1,
    };
    odc_sizing_out o;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, NULL), ODC_OK);
    assert_rel(o.battery_capacity_wh, o.p_eclipse_w / 1.0, 1e-15);
    /* Shedding IT in eclipse: eclipse source is the platform only,
     * (2*120 + 20*50 + 15*50)/0.90/0.97 = 1990/0.873 = 2279.50 W. */
    in.it_in_eclipse = 0;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, NULL), ODC_OK);
    assert_rel(o.p_eclipse_w, 1990.0 / 0.90 / 0.97, 1e-14);
    /* No eclipse at all: no battery. */
    in.max_eclipse_s = 0.0;
    in.sunlit_frac = 1.0;
    in.eclipse_orbit_frac = 0.0;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, NULL), ODC_OK);
    assert_true(o.battery_capacity_wh == 0.0 && o.battery_mass_kg == 0.0);
    assert_rel(o.p_array_eol_w, o.day.source_w / 0.85, 1e-14);
}

static void test_validation(void **state)
{
    (void)state;
    odc_sc_defaults d = defaults();
    odc_sizing_in in = {
        .it_w = 1e3, .period_s = 5700.0, .sunlit_frac = 0.63, .max_eclipse_s = 2100.0,
        .eclipse_orbit_frac = 1.0, .mission_years = 5.0, .alt_km = 550.0,
    };
    odc_sizing_out o;
    odc_err e;
    in.sunlit_frac = 0.9;       /* 5130 + 2100 > 5700 */
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, &e), ODC_EINPUT);
    assert_string_equal(e.field, "max_eclipse_s");
    in.sunlit_frac = 1.5;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, &e), ODC_EINPUT);
    assert_string_equal(e.field, "sunlit_frac");
    in.sunlit_frac = 0.63;
    in.it_w = -1.0;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, &e), ODC_EINPUT);
    assert_string_equal(e.field, "it_w");
    in.it_w = 1e3;
    in.alt_km = 0.0;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    in.alt_km = 550.0;
    /* A radiator too cold for its environment is a model error. */
    d.rad_t_k = 150.0;
    assert_int_equal(odc_size_spacecraft(&in, &d, &o, &e), ODC_EMODEL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_case),
        cmocka_unit_test(test_rate_limit_and_shedding),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
