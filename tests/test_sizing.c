/* Whole-spacecraft sizing (odc_size_mission, odc_sizing_orbit_env): the
 * glue is checked by recomposing its results from the individual model
 * functions (power/thermal sizing, ballistic coefficient, station-keeping
 * delta-v, Tsiolkovsky, lifetime, dose table), the eclipse statistics
 * against the closed-form cylindrical eclipse of a circular orbit, and
 * sanity: more IT power -> more area and mass; a never-eclipsed dawn-dusk
 * orbit -> no battery. Technology numbers come from the shipped data/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/constellation.h"
#include "odc/lifetime.h"
#include "odc/sizing.h"

#define DATA ODC_SOURCE_DIR "/data/"

/* 2026-03-20 00:00 UTC (near the March equinox). */
#define EPOCH_JD1 2461119.5
#define EPOCH_JD2 0.0

typedef struct fixture {
    odc_sc_defaults d;
    odc_sizing_params p;
    odc_dose_table dose, edose;
    odc_tid_alt_scaling scal;
    odc_atmos_table atm;
    odc_sizing_dose dz;
} fixture;

static fixture *F;

static void assert_rel(double got, double want, double tol)
{
    double d = fabs(got - want) / fmax(fabs(want), 1e-300);
    if (d > tol)
        fail_msg("got %.17g want %.17g (rel %.3g > %.3g)", got, want, d, tol);
}

static int setup(void **state)
{
    (void)state;
    odc_err e;
    F = calloc(1, sizeof *F);
    if (!F)
        return -1;
    if (odc_sc_defaults_load(DATA "spacecraft_defaults.json", &F->d, &e) ||
        odc_sizing_params_load(DATA "sizing_defaults.json", &F->p, &e) ||
        odc_dose_table_load(&F->dose, DATA "radiation/tid_spenvis_sh2_leo.csv", &e) ||
        odc_dose_table_load(&F->edose, DATA "radiation/tid_spenvis_sh2_leo_electrons.csv",
                            &e) ||
        odc_tid_alt_scaling_load(&F->scal, DATA "radiation/tid_alt_scaling.csv", &e) ||
        odc_atmos_load(&F->atm, DATA "atmosphere/harris_priester_mg2000.csv", &e)) {
        fprintf(stderr, "setup: %s (%s)\n", e.msg, e.field);
        return -1;
    }
    F->dz = (odc_sizing_dose){&F->dose, &F->edose, &F->scal};
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    odc_dose_table_free(&F->dose);
    odc_dose_table_free(&F->edose);
    free(F);
    return 0;
}

static odc_orbit_env env_of(double alt, double incl, int sso, double ltan, double span,
                            int cyl)
{
    odc_sizing_orbit o = {alt, incl, sso, ltan, EPOCH_JD1, EPOCH_JD2, span, cyl};
    odc_orbit_env env;
    odc_err e;
    int rc = odc_sizing_orbit_env(&o, &env, &e);
    if (rc)
        fail_msg("orbit env: %s (%s)", e.msg, e.field);
    return env;
}

/* A 100 kW satellite at 550 km, 53 deg, composed by hand from the model
 * functions. 550 km is a dose-table node, so the dose is the table's. */
static void test_end_to_end(void **state)
{
    (void)state;
    const odc_sc_defaults *d = &F->d;
    const odc_sizing_params *p = &F->p;
    odc_orbit_env env = env_of(550.0, 53.0, 0, 0.0, 30 * 86400.0, 0);
    odc_mission_in in = {100e3, 5.0, -1, 1, ODC_SOLAR_MEAN, 15.0};
    odc_mission_out m;
    odc_err e;
    assert_int_equal(odc_size_mission(&in, &env, 550.0, d, p, &F->dz, &F->atm, &m, &e), 0);

    /* Power and thermal: the worst orbit, longest eclipse. */
    double te = env.eclipse_max_s;
    assert_true(te > 1500.0 && te < 2200.0);   /* 550 km, 53 deg: ~35 min max */
    odc_sizing_in si = {100e3, env.period_s, (env.period_s - te) / env.period_s, te,
                        env.eclipse_orbit_frac, 5.0, 550.0, 4, 1};
    odc_sizing_out pt;
    assert_int_equal(odc_size_spacecraft(&si, d, &pt, &e), 0);
    assert_rel(m.pt.array_area_m2, pt.array_area_m2, 1e-14);
    assert_rel(m.pt.battery_capacity_wh, pt.battery_capacity_wh, 1e-14);
    assert_rel(m.pt.radiator_area_m2, pt.radiator_area_m2, 1e-14);
    assert_int_equal(m.n_isl, 4);   /* the default of sizing_defaults.json */

    /* Masses. */
    double shield = p->shield_m2_per_kw * 100.0 * p->shield_mm_al * 1e-3 *
                    p->al_density_kg_m3;
    assert_rel(m.m_shielding, shield, 1e-14);
    assert_rel(m.m_compute, p->compute_kg_per_kw * 100.0, 1e-14);
    assert_rel(m.m_isl, 4 * p->isl_kg_per_terminal, 1e-14);
    assert_rel(m.m_avionics, p->avionics_kg + 100.0 * p->avionics_kg_per_kw, 1e-14);
    double sum = m.m_array + m.m_battery + m.m_radiator + m.m_structure + m.m_compute +
                 m.m_isl + m.m_avionics + m.m_propulsion + m.m_propellant + m.m_shielding;
    assert_rel(m.mass_kg, sum, 1e-12);
    assert_rel(m.m_structure, p->structure_frac * m.mass_dry_kg, 1e-12);
    assert_rel(m.m_propulsion, p->prop_fixed_kg + p->prop_tank_frac * m.m_propellant, 1e-12);
    assert_rel(m.kg_per_it_kw, m.mass_kg / 100.0, 1e-14);

    /* Drag: area from the beta statistics, station keeping at the wet mass,
     * Tsiolkovsky propellant. */
    assert_rel(m.drag_area_m2,
               pt.array_area_m2 * 2.0 / M_PI * env.mean_abs_cos_beta + p->drag_bus_area_m2,
               1e-14);
    double bc, dv, prop, rho;
    assert_int_equal(odc_ballistic_coeff(m.mass_kg, p->drag_cd, m.drag_area_m2, &bc, &e), 0);
    odc_hp_mean_ctx hc = {&F->atm, p->atm_n_exp, ODC_SOLAR_MEAN};
    assert_int_equal(odc_stationkeeping_dv(odc_density_hp_mean, &hc, 550.0, bc, &dv, &e), 0);
    assert_rel(m.dv_m_s_per_yr, dv, 1e-9);
    assert_rel(m.dv_m_s_mission, dv * 5.0 * p->prop_margin, 1e-9);
    assert_int_equal(odc_propellant_mass(m.mass_kg, m.dv_m_s_mission, p->prop_isp_s, &prop, &e),
                     0);
    assert_rel(m.m_propellant, prop, 1e-9);
    assert_int_equal(odc_hp_density_mean(&F->atm, 550.0, p->atm_n_exp, ODC_SOLAR_MEAN, &rho,
                                         &e), 0);
    assert_rel(m.rho_kg_m3, rho, 1e-14);
    double t_s;
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &hc, 550.0, p->reentry_alt_km, bc, &t_s,
                                  &e), 0);
    assert_rel(m.lifetime_years, t_s / ODC_YEAR_S, 1e-9);

    /* Dose at a table node: the table itself, no scaling. */
    double r;
    assert_int_equal(odc_tid_rate(&F->dose, 550.0, 53.0, p->shield_mm_al, &r, &e), 0);
    assert_rel(m.dose_rad_per_yr, r, 1e-14);
    assert_rel(m.dose_krad_mission, r * 5.0 / 1000.0, 1e-14);
    assert_int_equal(m.dose_scaled, 0);
    assert_int_equal(m.dose_alt_clamped, 0);
    assert_rel(m.tid_margin, 15.0 / m.dose_krad_mission, 1e-14);

    /* A fixed DoD (battery.dod) replaces the cycle-life DoD: capacity =
     * Pe Te / (DoD eta_d) (the C-rate limits do not bind here). */
    odc_sizing_params p2 = *p;
    p2.battery_dod = 0.2;
    assert_true(m.pt.battery_dod > 0.2 + 0.05);
    assert_int_equal(odc_size_mission(&in, &env, 550.0, d, &p2, &F->dz, &F->atm, &m, &e), 0);
    assert_rel(m.pt.battery_dod, 0.2, 1e-12);
    assert_rel(m.pt.battery_capacity_wh,
               m.pt.p_eclipse_w * te / 3600.0 / (0.2 * d->bat_eta_discharge), 1e-12);
}

/* Cylindrical shadow, equatorial orbit, one day from the March equinox:
 * beta stays within a degree of 0 and the longest eclipse and sunlit
 * fraction follow the closed form (SMAD 3rd ed. sec. 5.1). */
static void test_closed_form_eclipse(void **state)
{
    (void)state;
    double alt = 700.0;
    double r = ODC_RE_EARTH_KM + alt;
    /* The design propagator moves the satellite at the J2 rate of its
     * true longitude (equatorial: node + perigee + mean-anomaly rates),
     * the Sun by ~1 deg/day the same way: an eclipse lasts its angle
     * 2 pi f over the relative rate, and a span of 15 such synodic
     * periods holds exactly 15 eclipses' worth of shadow. */
    double raan_dot, argp_dot, m_dot;
    odc_j2_rates(r, 0.0, 0.0, &raan_dot, &argp_dot, &m_dot);
    double rate = raan_dot + argp_dot + m_dot - 2.0 * M_PI / (ODC_TROPICAL_YEAR_DAYS * 86400.0);
    odc_orbit_env env = env_of(alt, 0.0, 0, 0.0, 15.0 * 2.0 * M_PI / rate, 1);
    assert_true(fabs(env.beta_min_deg) < 1.0 && fabs(env.beta_max_deg) < 1.0);
    double f_lo = odc_eclipse_fraction_cylindrical(alt, fmax(fabs(env.beta_min_deg),
                                                             fabs(env.beta_max_deg)) *
                                                            M_PI / 180.0);
    double f_hi = odc_eclipse_fraction_cylindrical(alt, 0.0);
    /* Closed form at beta 0: cos(half) = sqrt(h^2 + 2Rh)/(R+h). */
    assert_rel(f_hi, acos(sqrt(alt * alt + 2 * ODC_RE_EARTH_KM * alt) / r) / M_PI, 1e-15);
    double t_lo = 2.0 * M_PI * f_lo / rate, t_hi = 2.0 * M_PI * f_hi / rate;
    print_message("eclipse %.3f s, closed form %.3f .. %.3f s\n", env.eclipse_max_s, t_lo,
                  t_hi);
    assert_true(env.eclipse_max_s >= t_lo - 0.1 && env.eclipse_max_s <= t_hi + 0.1);
    /* Shadow time fraction over whole synodic periods = angle fraction. */
    double ns = 1.0 - env.sunlit_fraction;
    print_message("shadow fraction %.6f, closed form %.6f .. %.6f\n", ns, f_lo, f_hi);
    assert_true(ns >= f_lo * 0.9999 && ns <= f_hi * 1.0001);
    assert_rel(env.eclipse_orbit_frac, 1.0, 0.02);
    /* No eclipse above the beta limit: beta > asin(R/(R+h)). */
    assert_true(odc_eclipse_fraction_cylindrical(alt, asin(ODC_RE_EARTH_KM / r) + 1e-6) == 0.0);
}

static void size_it(double it_w, double alt, int sso, double ltan, double span_s,
                    odc_mission_out *m)
{
    odc_orbit_env env = env_of(alt, 53.0, sso, ltan, span_s, 0);
    odc_mission_in in = {it_w, 5.0, 4, 1, ODC_SOLAR_MEAN, NAN};
    odc_err e;
    int rc = odc_size_mission(&in, &env, alt, &F->d, &F->p, &F->dz, &F->atm, m, &e);
    if (rc)
        fail_msg("size: %s (%s)", e.msg, e.field);
}

static void test_monotonic(void **state)
{
    (void)state;
    odc_mission_out a, b;
    size_it(50e3, 600.0, 0, 0.0, 10 * 86400.0, &a);
    size_it(200e3, 600.0, 0, 0.0, 10 * 86400.0, &b);
    assert_true(b.pt.array_area_m2 > 3.9 * a.pt.array_area_m2);
    assert_true(b.pt.radiator_area_m2 > 3.9 * a.pt.radiator_area_m2);
    assert_true(b.pt.battery_capacity_wh > 3.9 * a.pt.battery_capacity_wh);
    assert_true(b.mass_kg > a.mass_kg);
    /* Fixed masses (avionics, ISL) spread over more kW. */
    assert_true(b.kg_per_it_kw < a.kg_per_it_kw);
    assert_true(isnan(a.tid_margin));
}

/* A dawn-dusk SSO at 1600 km never enters the shadow (beta > ~54 deg all
 * year > asin(R/(R+h)) = 52.4 deg): no battery, sunlit fraction 1; the same
 * satellite at 650 km has a June-solstice eclipse season and a battery. */
static void test_dawn_dusk(void **state)
{
    (void)state;
    odc_mission_out hi, lo;
    size_it(100e3, 1600.0, 1, 6.0, 365.25 * 86400.0, &hi);
    size_it(100e3, 650.0, 1, 6.0, 365.25 * 86400.0, &lo);
    assert_true(hi.env.sunlit_fraction == 1.0);
    assert_true(hi.env.eclipse_max_s == 0.0);
    assert_true(hi.pt.battery_capacity_wh == 0.0 && hi.m_battery == 0.0);
    assert_true(fabs(hi.env.beta_max_deg) > 52.4 && fabs(hi.env.beta_min_deg) > 52.4);
    assert_true(lo.env.sunlit_fraction > 0.95 && lo.env.sunlit_fraction < 1.0);
    assert_true(lo.env.eclipse_orbit_frac < 0.4);
    assert_true(lo.pt.battery_capacity_wh > 0.0);
    /* Above the density table: no drag, no propellant, lifetime unknown. */
    assert_true(hi.m_propellant == 0.0 && isnan(hi.lifetime_years));
    /* 1600 km is beyond the dose data: nearest table altitude, flagged. */
    assert_int_equal(hi.dose_alt_clamped, 1);
    assert_int_equal(lo.dose_scaled, 1);
}

static void test_errors(void **state)
{
    (void)state;
    odc_err e;
    odc_sizing_orbit o = {140.0, 53.0, 0, 0.0, EPOCH_JD1, EPOCH_JD2, 86400.0, 0};
    odc_orbit_env env;
    assert_int_equal(odc_sizing_orbit_env(&o, &env, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    o.alt_km = 500.0;
    o.incl_deg = 181.0;
    assert_int_equal(odc_sizing_orbit_env(&o, &env, &e), ODC_EINPUT);
    assert_string_equal(e.field, "incl_deg");
    env = env_of(550.0, 53.0, 0, 0.0, 86400.0, 0);
    odc_mission_in in = {-1.0, 5.0, 4, 1, ODC_SOLAR_MEAN, NAN};
    odc_mission_out m;
    assert_int_equal(odc_size_mission(&in, &env, 550.0, &F->d, &F->p, &F->dz, &F->atm, &m, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "it_power_w");
    in.it_w = 1e3;
    in.mission_years = 0.0;
    assert_int_equal(odc_size_mission(&in, &env, 550.0, &F->d, &F->p, &F->dz, &F->atm, &m, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "mission_years");
    /* Technology keys: range, unknown with suggestion, key-only check. */
    assert_int_equal(odc_sizing_tech_check("solar.eff_ref", 1.2, &e), ODC_EINPUT);
    assert_string_equal(e.field, "solar.eff_ref");
    assert_non_null(strstr(e.msg, "(0, 1]"));
    assert_int_equal(odc_sizing_tech_check("solar.eff_rf", 0.3, &e), ODC_EINPUT);
    assert_non_null(strstr(e.msg, "did you mean 'solar.eff_ref'"));
    assert_int_equal(odc_sizing_tech_check("structure.fraction", NAN, &e), 0);
    odc_sc_defaults d = F->d;
    odc_sizing_params p = F->p;
    assert_int_equal(odc_sizing_tech_apply(&d, &p, "thermal.rad_t_k", 350.0, &e), 0);
    assert_true(d.rad_t_k == 350.0);
    assert_int_equal(odc_sizing_tech_apply(&d, &p, "shielding.mm_al", 10.0, &e), 0);
    assert_true(p.shield_mm_al == 10.0);
    assert_int_equal(odc_sizing_tech_apply(&d, &p, "drag.cd", -1.0, &e), ODC_EINPUT);
    /* Every key listed has a unit. */
    for (size_t i = 0; i < odc_sizing_tech_count(); i++) {
        const char *u = NULL;
        assert_non_null(odc_sizing_tech_key(i, &u));
        assert_non_null(u);
    }
    assert_null(odc_sizing_tech_key(odc_sizing_tech_count(), NULL));
    /* A defaults file with a wrong unit is refused, naming the key. */
    assert_int_equal(odc_sizing_params_load(ODC_SOURCE_DIR "/tests/data/sizing_bad_unit.json",
                                            &p, &e), ODC_EINPUT);
    assert_string_equal(e.field, "drag.cd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_end_to_end),
        cmocka_unit_test(test_closed_form_eclipse),
        cmocka_unit_test(test_monotonic),
        cmocka_unit_test(test_dawn_dusk),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
