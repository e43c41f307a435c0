/* Kepler's equation and elements <-> state: analytic cases, Vallado's
 * worked example, conservation of energy and angular momentum, and a
 * two-body propagation checked against GSL's Runge-Kutta-Prince-Dormand
 * 8(9) integrator (an independent implementation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include "odc/constellation.h"
#include "odc/kepler.h"

#define DEG (M_PI / 180.0)
#define MU ODC_MU_EARTH_KM3_S2

static void test_solve_analytic(void **state)
{
    (void)state;
    /* Vallado (2013), Example 2-1: M = 235.4 deg, e = 0.4 gives
     * E = 220.512074767522 deg. */
    double e_an = odc_kepler_solve(235.4 * DEG, 0.4);
    double e_deg = fmod(e_an / DEG + 360.0, 360.0);
    assert_true(fabs(e_deg - 220.512074767522) < 1e-9);
    /* Exact roots: e = 0 gives E = M; M = 0 and M = pi are fixed points. */
    assert_true(fabs(odc_kepler_solve(1.234, 0.0) - 1.234) < 1e-15);
    assert_true(fabs(odc_kepler_solve(0.0, 0.9)) < 1e-15);
    assert_true(fabs(fabs(odc_kepler_solve(M_PI, 0.99)) - M_PI) < 1e-14);
    /* Near-parabolic, M -> 0: E ~ (6M)^(1/3) for e = 1 (series of
     * E - sin E = E^3/6). */
    double m = 1e-9;
    double e1 = odc_kepler_solve(m, 1.0 - 1e-12);
    assert_true(fabs(e1 - cbrt(6.0 * m)) / cbrt(6.0 * m) < 1e-3);
}

static void test_solve_residual_grid(void **state)
{
    (void)state;
    /* Every e < 1 and M: the residual of Kepler's equation stays at the
     * level of the arithmetic (a few ulp of E). */
    double eccs[] = {0.0, 1e-6, 0.1, 0.5, 0.8, 0.9, 0.99, 0.999, 0.999999, 1.0 - 1e-12};
    double worst = 0.0;
    for (size_t k = 0; k < sizeof eccs / sizeof eccs[0]; k++)
        for (int j = -400; j <= 400; j++) {
            double mm = j * (M_PI / 400.0) * 1.0000001;   /* include +-pi edges */
            double e = eccs[k];
            double ea = odc_kepler_solve(mm, e);
            double mr = remainder(mm, 2.0 * M_PI);
            double res = fabs(ea - e * sin(ea) - mr);
            if (res > worst)
                worst = res;
            assert_true(ea >= mr - e - 1e-15 && ea <= mr + e + 1e-15);
        }
    printf("kepler: worst residual |E - e sin E - M| = %.3g rad\n", worst);
    assert_true(worst < 2e-15);
}

static void check_roundtrip(odc_kepler_el in)
{
    double r[3], v[3];
    odc_kepler_el out;
    odc_err err;
    odc_kepler_to_state(MU, &in, r, v);
    assert_int_equal(odc_kepler_from_state(MU, r, v, &out, &err), ODC_OK);
    double r2[3], v2[3];
    odc_kepler_to_state(MU, &out, r2, v2);
    for (int k = 0; k < 3; k++) {
        assert_true(fabs(r2[k] - r[k]) < 1e-8);
        assert_true(fabs(v2[k] - v[k]) < 1e-11);
    }
    assert_true(fabs(out.a_km - in.a_km) < 1e-8 * in.a_km);
    assert_true(fabs(out.ecc - in.ecc) < 1e-12);
    assert_true(fabs(out.incl_rad - in.incl_rad) < 1e-12);
}

static void test_roundtrip(void **state)
{
    (void)state;
    check_roundtrip((odc_kepler_el){7000.0, 0.001, 98.0 * DEG, 30 * DEG, 40 * DEG, 50 * DEG});
    check_roundtrip((odc_kepler_el){26600.0, 0.74, 63.4 * DEG, 300 * DEG, 270 * DEG, 1 * DEG});
    check_roundtrip((odc_kepler_el){42164.0, 0.0, 0.0, 0.0, 0.0, 123 * DEG});      /* GEO */
    check_roundtrip((odc_kepler_el){7000.0, 0.0, 51.6 * DEG, 10 * DEG, 0.0, 200 * DEG});
    check_roundtrip((odc_kepler_el){9000.0, 0.2, 180.0 * DEG, 0.0, 45 * DEG, 3.0});
    check_roundtrip((odc_kepler_el){1e5, 0.995, 120 * DEG, 5 * DEG, 6 * DEG, 3.1});
    /* Exact values for a general case: same elements back. */
    odc_kepler_el in = {8000.0, 0.3, 40 * DEG, 20 * DEG, 60 * DEG, 80 * DEG}, out;
    double r[3], v[3];
    odc_kepler_to_state(MU, &in, r, v);
    assert_int_equal(odc_kepler_from_state(MU, r, v, &out, NULL), ODC_OK);
    assert_true(fabs(out.raan_rad - in.raan_rad) < 1e-12);
    assert_true(fabs(out.argp_rad - in.argp_rad) < 1e-12);
    assert_true(fabs(out.mean_anom_rad - in.mean_anom_rad) < 1e-12);
    /* Perigee distance and speed: r = a(1-e), v = sqrt(mu (1+e)/(a(1-e))). */
    odc_kepler_el pe = {8000.0, 0.3, 40 * DEG, 20 * DEG, 60 * DEG, 0.0};
    odc_kepler_to_state(MU, &pe, r, v);
    assert_true(fabs(sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]) - 5600.0) < 1e-9);
    assert_true(fabs(sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) -
                     sqrt(MU * 1.3 / 5600.0)) < 1e-12);
    /* Unbound and degenerate states are input errors. */
    odc_err err;
    double rr[3] = {7000, 0, 0}, vesc[3] = {0, 11.0, 0}, vrad[3] = {1.0, 0, 0};
    assert_int_equal(odc_kepler_from_state(MU, rr, vesc, &out, &err), ODC_EINPUT);
    assert_int_equal(odc_kepler_from_state(MU, rr, vrad, &out, &err), ODC_EINPUT);
}

static void test_conservation(void **state)
{
    (void)state;
    /* Along one orbit the states must share energy -mu/2a and angular
     * momentum vector sqrt(mu p) h_hat. */
    odc_kepler_el el = {26600.0, 0.74, 63.4 * DEG, 300 * DEG, 270 * DEG, 0.0};
    double h0[3] = {0};
    double hmag = sqrt(MU * el.a_km * (1 - el.ecc * el.ecc));
    double worst_e = 0, worst_h = 0;
    for (int k = 0; k < 360; k++) {
        el.mean_anom_rad = k * DEG;
        double r[3], v[3];
        odc_kepler_to_state(MU, &el, r, v);
        double rm = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        double en = 0.5 * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) - MU / rm;
        double h[3] = {r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2],
                       r[0] * v[1] - r[1] * v[0]};
        if (k == 0)
            for (int j = 0; j < 3; j++)
                h0[j] = h[j];
        double de = fabs(en / (-MU / (2 * el.a_km)) - 1.0);
        double dh = sqrt(pow(h[0] - h0[0], 2) + pow(h[1] - h0[1], 2) + pow(h[2] - h0[2], 2)) / hmag;
        dh = fmax(dh, fabs(sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]) / hmag - 1.0));
        worst_e = fmax(worst_e, de);
        worst_h = fmax(worst_h, dh);
    }
    printf("kepler: energy rel. error %.3g, angular momentum rel. error %.3g\n", worst_e, worst_h);
    assert_true(worst_e < 1e-13);
    assert_true(worst_h < 1e-13);
}

static int twobody(double t, const double y[], double f[], void *params)
{
    (void)t;
    (void)params;
    double r3 = pow(y[0] * y[0] + y[1] * y[1] + y[2] * y[2], 1.5);
    for (int k = 0; k < 3; k++) {
        f[k] = y[k + 3];
        f[k + 3] = -MU * y[k] / r3;
    }
    return GSL_SUCCESS;
}

static double propagate_vs_gsl(odc_kepler_el el, double span_s)
{
    double y[6];
    odc_kepler_to_state(MU, &el, y, y + 3);
    gsl_odeiv2_system sys = {twobody, NULL, 6, NULL};
    gsl_odeiv2_driver *d =
        gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 10.0, 1e-13, 1e-13);
    double t = 0.0, worst = 0.0, n = sqrt(MU / pow(el.a_km, 3));
    for (double ti = 600.0; ti <= span_s; ti += 600.0) {
        assert_int_equal(gsl_odeiv2_driver_apply(d, &t, ti, y), GSL_SUCCESS);
        odc_kepler_el e2 = el;
        e2.mean_anom_rad += n * ti;
        double r[3], v[3];
        odc_kepler_to_state(MU, &e2, r, v);
        for (int k = 0; k < 3; k++)
            worst = fmax(worst, fabs(r[k] - y[k]));
    }
    gsl_odeiv2_driver_free(d);
    return worst;
}

static void test_vs_numerical(void **state)
{
    (void)state;
    /* Molniya-like (e = 0.74) over two days and a LEO orbit over one day. */
    double w1 = propagate_vs_gsl((odc_kepler_el){26600.0, 0.74, 63.4 * DEG, 1.0, 4.7, 0.3}, 172800.0);
    double w2 = propagate_vs_gsl((odc_kepler_el){7000.0, 0.001, 98 * DEG, 1.0, 2.0, 3.0}, 86400.0);
    printf("kepler vs GSL rk8pd: max position difference %.3g km (e=0.74, 2 d), "
           "%.3g km (LEO, 1 d)\n", w1, w2);
    assert_true(w1 < 1e-6);
    assert_true(w2 < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solve_analytic),
        cmocka_unit_test(test_solve_residual_grid),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_conservation),
        cmocka_unit_test(test_vs_numerical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
