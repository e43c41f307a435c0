/* Solar array power, SMAD eclipse sizing, EOL sizing and the power budget
 * against hand-computed cases (arithmetic in the comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "odc/power.h"

#include "testutil.h"

/* Triple-junction-like array used by the hand cases. */
static odc_solar_array array(void)
{
    odc_solar_array sa = {
        .eff_ref = 0.30, .t_ref_k = 301.15, .temp_coeff_per_k = -0.0024,
        .packing_factor = 0.90, .inherent_deg = 0.77, .degr_per_yr = 0.0275,
        .areal_density_kg_m2 = 2.0,
    };
    return sa;
}

static void test_irradiance(void **state)
{
    (void)state;
    double s;
    /* 1361 W/m^2 at 1 au; at aphelion 1.0167 au: 1361/1.0167^2
     * = 1361/1.03367889 = 1316.6565 W/m^2. */
    assert_int_equal(odc_solar_irradiance(1361.0, 1.0, &s, NULL), ODC_OK);
    assert_rel(s, 1361.0, 1e-15);
    assert_int_equal(odc_solar_irradiance(1361.0, 1.0167, &s, NULL), ODC_OK);
    assert_rel(s, 1316.6565, 1e-7);
    /* Mars at 1.524 au: 1361/2.322576 = 585.9873 W/m^2. */
    assert_int_equal(odc_solar_irradiance(1361.0, 1.524, &s, NULL), ODC_OK);
    assert_rel(s, 585.98728, 1e-7);
}

static void test_array_power(void **state)
{
    (void)state;
    odc_solar_array sa = array();
    double p;
    /* 10 m^2, Sun-tracking, 1361 W/m^2, cells at 60 C (333.15 K):
     *   eta(T) = 0.30*(1 - 0.0024*(333.15-301.15)) = 0.30*(1-0.0768)
     *          = 0.30*0.9232 = 0.27696
     *   BOL per m^2 = 1361*0.27696*0.90*0.77 = 261.2212 W/m^2
     *   after 5 years: (1-0.0275)^5 = 0.9725^5 = 0.869857375
     *   EOL per m^2 = 261.2212*0.869857 = 227.2252 W/m^2
     *   P(10 m^2, 5 yr) = 2272.2518 W. */
    assert_int_equal(odc_solar_array_power(&sa, 10.0, 1361.0, 1.0, 333.15, 5.0, &p, NULL),
                     ODC_OK);
    assert_rel(p, 2272.2518220100324, 1e-12);
    /* Beginning of life: 2612.2119 W. */
    assert_int_equal(odc_solar_array_power(&sa, 10.0, 1361.0, 1.0, 333.15, 0.0, &p, NULL),
                     ODC_OK);
    assert_rel(p, 2612.2119408, 1e-10);
    /* Body-fixed with 30 deg incidence: x cos 30 = 0.8660254 -> 1967.8278 W. */
    assert_int_equal(odc_solar_array_power(&sa, 10.0, 1361.0, cos(M_PI / 6), 333.15, 5.0,
                                           &p, NULL), ODC_OK);
    assert_rel(p, 1967.8278016561646, 1e-12);
    /* Back side lit or eclipse: nothing. */
    assert_int_equal(odc_solar_array_power(&sa, 10.0, 1361.0, -0.3, 333.15, 5.0, &p, NULL),
                     ODC_OK);
    assert_true(p == 0.0);
    assert_int_equal(odc_solar_array_power(&sa, 10.0, 0.0, 1.0, 333.15, 5.0, &p, NULL),
                     ODC_OK);
    assert_true(p == 0.0);
    /* At the reference temperature, no temperature loss:
     * 1361*0.30*0.9*0.77 = 282.9519 W/m^2. */
    assert_int_equal(odc_solar_array_power(&sa, 1.0, 1361.0, 1.0, 301.15, 0.0, &p, NULL),
                     ODC_OK);
    assert_rel(p, 282.9519, 1e-12);
    /* Power after N years is (1-d)^N of BOL: ratio after 15 years
     * 0.9725^15 = 0.6581792. */
    double p0, p15;
    odc_solar_array_power(&sa, 1.0, 1361.0, 1.0, 333.15, 0.0, &p0, NULL);
    odc_solar_array_power(&sa, 1.0, 1361.0, 1.0, 333.15, 15.0, &p15, NULL);
    assert_rel(p15 / p0, 0.6581792, 1e-7);
}

static void test_smad_and_eol_sizing(void **state)
{
    (void)state;
    /* SMAD eq. 11-5 for a 100 kW compute satellite (same load in eclipse
     * and daylight), 35 min eclipse, 60 min daylight, direct energy
     * transfer Xe 0.65, Xd 0.85:
     *   Pe Te/Xe = 100e3*2100/0.65 = 3.230769e8 J
     *   Pd Td/Xd = 100e3*3600/0.85 = 4.235294e8 J
     *   P_sa = (3.230769e8 + 4.235294e8)/3600 = 207390.65 W. */
    double psa;
    assert_int_equal(odc_smad_array_power(100e3, 2100.0, 100e3, 3600.0, 0.65, 0.85, &psa,
                                          NULL), ODC_OK);
    assert_rel(psa, 207390.64856711918, 1e-12);
    /* No eclipse: P_sa = Pd/Xd = 100e3/0.85 = 117647.06 W. */
    assert_int_equal(odc_smad_array_power(100e3, 0.0, 100e3, 5400.0, 0.65, 0.85, &psa, NULL),
                     ODC_OK);
    assert_rel(psa, 117647.05882352941, 1e-12);

    /* EOL sizing of that array after 5 years (227.2252 W/m^2, above):
     *   area = 207390.65/227.2252 = 912.7098 m^2
     *   mass = 912.7098 * 2.0 = 1825.42 kg
     *   BOL power = 207390.65/0.869857 = 238419.14 W. */
    odc_solar_array sa = array();
    odc_smad_array_power(100e3, 2100.0, 100e3, 3600.0, 0.65, 0.85, &psa, NULL);
    double area, mass, pbol, p;
    assert_int_equal(odc_solar_array_size(&sa, psa, 1361.0, 1.0, 333.15, 5.0, &area, &mass,
                                          &pbol, NULL), ODC_OK);
    assert_rel(area, 912.7097910462298, 1e-12);
    assert_rel(mass, 1825.4195820924597, 1e-12);
    assert_rel(pbol, 238419.14146560343, 1e-12);
    /* Round trip: that area delivers P_sa at EOL. */
    odc_solar_array_power(&sa, area, 1361.0, 1.0, 333.15, 5.0, &p, NULL);
    assert_rel(p, psa, 1e-14);
    /* Mass from specific power: 238419.14 W / 100 W/kg = 2384.19 kg. */
    assert_int_equal(odc_solar_array_mass_specific(pbol, 100.0, &mass, NULL), ODC_OK);
    assert_rel(mass, 2384.1914146560343, 1e-12);
    /* An array in the dark cannot be sized. */
    odc_err e;
    assert_int_equal(odc_solar_array_size(&sa, psa, 0.0, 1.0, 333.15, 5.0, &area, NULL, NULL,
                                          &e), ODC_EMODEL);
}

static void test_budget(void **state)
{
    (void)state;
    /* 100 kW IT at 95 %, 4 ISL terminals 120 W + 2 kW avionics + 1.5 kW
     * pumps at 90 %, 97 % distribution:
     *   other loads = 480 + 2000 + 1500 = 3980 W
     *   bus = 100000/0.95 + 3980/0.90 = 105263.158 + 4422.222 = 109685.380 W
     *   source = 109685.380/0.97 = 113077.711 W
     *   conversion loss = 109685.380 - 103980 = 5705.380 W
     *   distribution loss = 113077.711 - 109685.380 = 3392.331 W */
    odc_power_budget b = {
        .it_w = 100e3, .isl_w = 480.0, .avionics_w = 2000.0, .thermal_w = 1500.0,
        .other_w = 0.0, .eta_it_conv = 0.95, .eta_other_conv = 0.90,
        .eta_distribution = 0.97,
    };
    odc_power_total t;
    assert_int_equal(odc_power_budget_sum(&b, &t, NULL), ODC_OK);
    double bus = 100e3 / 0.95 + 3980.0 / 0.90;
    assert_rel(t.load_w, 103980.0, 1e-15);
    assert_rel(t.source_w, bus / 0.97, 1e-14);
    assert_rel(t.source_w, 113077.711, 1e-8);
    assert_rel(t.conv_loss_w, 5705.380, 1e-6);
    assert_rel(t.dist_loss_w, 3392.331, 1e-6);
    /* Losses close the balance. */
    assert_rel(t.load_w + t.conv_loss_w + t.dist_loss_w, t.source_w, 1e-15);
    assert_rel(t.heat_w, t.source_w, 0.0);
}

static void test_validation(void **state)
{
    (void)state;
    odc_err e;
    double x;
    odc_solar_array sa = array();
    sa.eff_ref = 1.2;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eff_ref");
    sa = array(); sa.eff_ref = 0.0;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eff_ref");
    sa = array(); sa.packing_factor = -0.1;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "packing_factor");
    sa = array(); sa.t_ref_k = 0.0;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_ref_k");
    sa = array(); sa.degr_per_yr = 1.0;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "degr_per_yr");
    sa = array(); sa.areal_density_kg_m2 = NAN;
    assert_int_equal(odc_solar_array_check(&sa, &e), ODC_EINPUT);
    assert_string_equal(e.field, "areal_density_kg_m2");
    sa = array();
    assert_int_equal(odc_solar_array_power(&sa, -1.0, 1361.0, 1.0, 300.0, 0.0, &x, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "area_m2");
    assert_non_null(strstr(e.msg, ">= 0 m^2"));
    assert_int_equal(odc_solar_array_power(&sa, 1.0, 1361.0, 1.0, -4.0, 0.0, &x, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "t_cell_k");
    assert_int_equal(odc_solar_array_power(&sa, 1.0, 1361.0, 1.5, 300.0, 0.0, &x, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "cos_inc");
    assert_int_equal(odc_solar_array_power(&sa, 1.0, 1361.0, 1.0, 300.0, -1.0, &x, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "years");
    assert_int_equal(odc_solar_irradiance(1361.0, 0.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "d_au");
    assert_int_equal(odc_smad_array_power(1.0, 1.0, 1.0, 1.0, 1.5, 0.8, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "xe");
    assert_int_equal(odc_smad_array_power(1.0, 1.0, 1.0, 0.0, 0.6, 0.8, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "td_s");
    odc_power_budget b = {.it_w = -5.0, .eta_it_conv = 0.9, .eta_other_conv = 0.9,
                          .eta_distribution = 0.9};
    odc_power_total t;
    assert_int_equal(odc_power_budget_sum(&b, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "it_w");
    b.it_w = 5.0; b.eta_distribution = 0.0;
    assert_int_equal(odc_power_budget_sum(&b, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eta_distribution");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_irradiance),
        cmocka_unit_test(test_array_power),
        cmocka_unit_test(test_smad_and_eol_sizing),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
