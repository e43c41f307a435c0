/* Drag, decay and lifetime: the quadrature and ODE integrators against the
 * closed-form lifetime in an exponential atmosphere (Dawson function), the
 * King-Hele approximation, the energy equation, the rocket equation, and
 * input validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_sf_dawson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/lifetime.h"

#include "testutil.h"

static const double MU = 398600.4418e9, RE = 6378137.0;

/* rho = rho0 exp(-(h - h0)/H), written here so the library's integrators are
 * checked against a model they did not supply. */
struct expo { double rho0, h0_km, H_km; };
static int expo_rho(void *ctx, double alt_km, double *rho, odc_err *err)
{
    const struct expo *x = ctx;
    if (alt_km < 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "alt_km", "below 0");
    *rho = x->rho0 * exp(-(alt_km - x->h0_km) / x->H_km);
    return ODC_OK;
}

/* Closed form. With u = sqrt(a/H) and the Dawson integral D,
 * integral a^-1/2 e^((a-a0)/H) da = 2 sqrt(H) e^((a-a0)/H) D(sqrt(a/H)), so
 * t = B / (rho0 sqrt(mu)) * 2 sqrt(H) [e^((a1-a0)/H) D(u1) - e^((a2-a0)/H) D(u2)]. */
static double expo_lifetime(const struct expo *x, double alt1_km, double alt2_km,
                            double bc)
{
    double H = x->H_km * 1e3, a0 = RE + x->h0_km * 1e3;
    double a1 = RE + alt1_km * 1e3, a2 = RE + alt2_km * 1e3;
    double F1 = exp((a1 - a0) / H) * gsl_sf_dawson(sqrt(a1 / H));
    double F2 = exp((a2 - a0) / H) * gsl_sf_dawson(sqrt(a2 / H));
    return bc / (x->rho0 * sqrt(MU)) * 2.0 * sqrt(H) * (F1 - F2);
}

static void test_closed_form(void **state)
{
    (void)state;
    odc_err e;
    const struct { double rho0, h0, H, alt0, alt_end, bc; } c[] = {
        {3.9e-13, 500.0, 60.0, 500.0, 120.0, 50.0},
        {1.0e-11, 300.0, 40.0, 350.0, 150.0, 20.0},
        {2.0e-14, 800.0, 120.0, 900.0, 700.0, 200.0},
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        struct expo x = {c[k].rho0, c[k].h0, c[k].H};
        double t;
        assert_int_equal(odc_lifetime(expo_rho, &x, c[k].alt0, c[k].alt_end, c[k].bc,
                                      &t, &e), ODC_OK);
        double ref = expo_lifetime(&x, c[k].alt0, c[k].alt_end, c[k].bc);
        assert_rel(t, ref, 1e-7);   /* requirement: < 1 % */
        /* King-Hele: t ~ H / |da/dt| at the start (decay to far below),
         * which neglects the sqrt(a) variation: good to a few parts in 1e3. */
        double dadt;
        double rho0 = 0.0;
        assert_int_equal(expo_rho(&x, c[k].alt0, &rho0, &e), 0);
        assert_int_equal(odc_decay_rate(c[k].alt0, rho0, c[k].bc, &dadt, &e), 0);
        double kh = c[k].H * 1e3 / fabs(dadt) *
                    (1.0 - exp(-(c[k].alt0 - c[k].alt_end) / c[k].H));
        assert_rel(t, kh, 2e-2);
    }
}

/* da/dt integrated in time with GSL RKF45 here in the test, against the
 * library's altitude after the same time. */
static int ode_rhs(double t, const double y[], double f[], void *p)
{
    (void)t;
    const struct expo *x = p;
    double rho = 0.0;
    if (expo_rho((void *)x, (y[0] - RE) * 1e-3, &rho, NULL))
        return GSL_EBADFUNC;
    f[0] = -sqrt(MU * y[0]) * rho / 50.0;
    return GSL_SUCCESS;
}

static void test_ode_matches(void **state)
{
    (void)state;
    odc_err e;
    struct expo x = {3.9e-13, 500.0, 60.0};
    gsl_odeiv2_system sys = {ode_rhs, NULL, 1, &x};
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rkf45,
                                                         60.0, 0.0, 1e-11);
    double t = 0.0, y[1] = {RE + 500e3};
    const double day = 86400.0;
    for (int k = 1; k <= 5; k++) {       /* 300, 600, ..., 1500 days */
        assert_int_equal(gsl_odeiv2_driver_apply(d, &t, k * 300.0 * day, y), GSL_SUCCESS);
        double alt, tf;
        assert_int_equal(odc_decay_altitude(expo_rho, &x, 500.0, 120.0, 50.0, t, &alt,
                                            &tf, &e), 0);
        if (fabs(alt - (y[0] - RE) * 1e-3) > 1e-6)
            fail_msg("day %g: library %.9f km, RKF45 %.9f km", t / day, alt,
                     (y[0] - RE) * 1e-3);
        assert_true(tf < 0.0);
    }
    gsl_odeiv2_driver_free(d);
    /* Past the lifetime the floor is reported with the time it was hit. */
    double tl, alt, tf;
    assert_int_equal(odc_lifetime(expo_rho, &x, 500.0, 120.0, 50.0, &tl, &e), 0);
    assert_int_equal(odc_decay_altitude(expo_rho, &x, 500.0, 120.0, 50.0, 2.0 * tl,
                                        &alt, &tf, &e), 0);
    assert_true(alt == 120.0);
    assert_rel(tf, tl, 1e-12);
}

/* da/dt from the energy equation: dE/dt = -v a_d, E = -mu/2a, so
 * da/dt = -2 a^2 v a_d / mu. Plus one hand-computed value. */
static void test_decay_rate(void **state)
{
    (void)state;
    odc_err e;
    double dadt, acc;
    double alt = 500.0, rho = 1e-12, bc = 100.0, a = RE + alt * 1e3;
    double v = sqrt(MU / a);
    assert_int_equal(odc_decay_rate(alt, rho, bc, &dadt, &e), 0);
    assert_int_equal(odc_drag_accel(rho, v, bc, &acc, &e), 0);
    assert_rel(dadt, -2.0 * a * a * v * acc / MU, 1e-14);
    /* sqrt(3.986004418e14 * 6878137) * 1e-12 / 100 = 5.2360e-4 m/s */
    assert_rel(dadt, -5.2360e-4, 1e-4);
    /* 0.5 * 1e-12 * 7612.68^2 / 100 = 2.8976e-7 m/s^2 */
    assert_rel(acc, 2.8976e-7, 1e-4);
}

/* Holding altitude costs, per year, the Hohmann delta-v that would undo a
 * year's decay: dv = v |da| / (2a) (small-change limit), which equals the
 * drag acceleration times a year. */
static void test_stationkeeping(void **state)
{
    (void)state;
    odc_err e;
    struct expo x = {2.0e-13, 550.0, 65.0};
    double dv, dadt;
    assert_int_equal(odc_stationkeeping_dv(expo_rho, &x, 550.0, 80.0, &dv, &e), 0);
    assert_int_equal(odc_decay_rate(550.0, 2.0e-13, 80.0, &dadt, &e), 0);
    double a = RE + 550e3, v = sqrt(MU / a);
    assert_rel(dv, v * fabs(dadt) * ODC_YEAR_S / (2.0 * a), 1e-13);
    /* Hand value: 0.5*2e-13*7585.8^2/80 * 31557600 = 2.27 m/s/yr. */
    assert_rel(dv, 2.2699, 1e-3);
}

static void test_rocket(void **state)
{
    (void)state;
    odc_err e;
    double mp;
    /* dv = Isp g0 ln 2 leaves half the mass. */
    assert_int_equal(odc_propellant_mass(1000.0, 300.0 * 9.80665 * log(2.0), 300.0,
                                         &mp, &e), 0);
    assert_rel(mp, 500.0, 1e-14);
    /* dv = Isp g0 -> 1 - 1/e. g0 is exactly 9.80665. */
    assert_true(ODC_G0_M_S2 == 9.80665);
    assert_int_equal(odc_propellant_mass(2000.0, 1500.0 * 9.80665, 1500.0, &mp, &e), 0);
    assert_rel(mp, 2000.0 * (1.0 - exp(-1.0)), 1e-14);
    /* Small dv: m0 dv / (Isp g0) to first order. */
    assert_int_equal(odc_propellant_mass(500.0, 1e-6, 220.0, &mp, &e), 0);
    assert_rel(mp, 500.0 * 1e-6 / (220.0 * 9.80665), 1e-9);
    assert_int_equal(odc_propellant_mass(500.0, 10.0, 0.0, &mp, &e), ODC_EINPUT);
    assert_string_equal(e.field, "isp_s");
    assert_int_equal(odc_propellant_mass(500.0, -1.0, 300.0, &mp, &e), ODC_EINPUT);
    assert_string_equal(e.field, "dv_m_s");
    assert_int_equal(odc_propellant_mass(0.0, 1.0, 300.0, &mp, &e), ODC_EINPUT);
    assert_string_equal(e.field, "m0_kg");
}

static void test_ballistic(void **state)
{
    (void)state;
    odc_err e;
    double bc;
    assert_int_equal(odc_ballistic_coeff(1000.0, ODC_CD_DEFAULT, 10.0, &bc, &e), 0);
    assert_rel(bc, 1000.0 / 22.0, 1e-15);
    assert_int_equal(odc_ballistic_coeff(1000.0, 2.2, -1.0, &bc, &e), ODC_EINPUT);
    assert_string_equal(e.field, "area_m2");
    assert_int_equal(odc_ballistic_coeff(1000.0, 0.0, 1.0, &bc, &e), ODC_EINPUT);
    assert_string_equal(e.field, "cd");
}

static int hp_night(void *ctx, double alt_km, double *rho, odc_err *err)
{
    return odc_hp_minmax(ctx, alt_km, ODC_SOLAR_MEAN, rho, NULL, err);
}

/* With the Harris-Priester table: lifetime grows with altitude, and a
 * re-entry height below the table is an input error naming alt_km. */
static void test_hp_lifetime(void **state)
{
    (void)state;
    odc_err e;
    odc_atmos_table tab;
    assert_int_equal(odc_atmos_load(&tab, ODC_SOURCE_DIR
                                    "/data/atmosphere/harris_priester_mg2000.csv", &e), 0);
    odc_hp_mean_ctx c = {&tab, 2.0, ODC_SOLAR_MEAN};
    double t400, t500, t;
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 400.0, 120.0, 50.0, &t400, &e), 0);
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 500.0, 120.0, 50.0, &t500, &e), 0);
    assert_true(t500 > 3.0 * t400);
    /* The night-side profile is exactly piecewise exponential, so the
     * closed form summed over table segments must match the integrator. */
    double sum = 0.0, tn;
    const odc_hp_block *b = &tab.block[ODC_SOLAR_MEAN];
    for (int i = 0; i + 1 < b->n && b->h_km[i] < 500.0; i++) {
        if (b->h_km[i + 1] <= 120.0)
            continue;
        double lo_h = fmax(b->h_km[i], 120.0), hi_h = fmin(b->h_km[i + 1], 500.0);
        struct expo seg = {b->rho_min_kg_m3[i], b->h_km[i],
                           (b->h_km[i + 1] - b->h_km[i]) /
                               log(b->rho_min_kg_m3[i] / b->rho_min_kg_m3[i + 1])};
        sum += expo_lifetime(&seg, hi_h, lo_h, 50.0);
    }
    assert_int_equal(odc_lifetime(hp_night, &tab, 500.0, 120.0, 50.0, &tn, &e), 0);
    assert_rel(tn, sum, 1e-7);
    assert_true(tn > t500);   /* night side is the thinnest air */
    /* Just before re-entry at the bottom of the table the altitude search
     * stays inside the table. */
    double tl100, alt;
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 500.0, 100.0, 50.0, &tl100, &e), 0);
    assert_int_equal(odc_decay_altitude(odc_density_hp_mean, &c, 500.0, 100.0, 50.0,
                                        tl100 * (1.0 - 1e-12), &alt, NULL, &e), 0);
    assert_true(alt >= 100.0 && alt < 101.0);
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 400.0, 90.0, 50.0, &t, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 100.0, 120.0, 50.0, &t, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "alt0_km");
    assert_int_equal(odc_lifetime(odc_density_hp_mean, &c, 400.0, 120.0, 0.0, &t, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "bc_kg_m2");
    double dv;
    assert_int_equal(odc_stationkeeping_dv(odc_density_hp_mean, &c, 1200.0, 50.0, &dv, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_form),
        cmocka_unit_test(test_ode_matches),
        cmocka_unit_test(test_decay_rate),
        cmocka_unit_test(test_stationkeeping),
        cmocka_unit_test(test_rocket),
        cmocka_unit_test(test_ballistic),
        cmocka_unit_test(test_hp_lifetime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
