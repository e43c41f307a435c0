/* J2 secular rates: hand-computed closed-form values, the ISS nodal
 * regression, the critical inclination, and a numerical check against a
 * GSL integration of the full (osculating) J2 force model. */
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
#define RE ODC_RE_EARTH_KM
#define J2 ODC_J2_EARTH

static int rel_close(double x, double ref, double tol)
{
    return fabs(x - ref) <= tol * fabs(ref);
}

static void test_hand_values(void **state)
{
    (void)state;
    /* a = 7000 km, e = 0, i = 98 deg. By hand (15 digits, Python float):
     * n = sqrt(mu/a^3) = 1.078007612872506e-3 rad/s,
     * k = n J2 (Re/a)^2, cos 98 = -0.139173100960065, sin^2 98 = 0.980631...
     * raan_dot = -1.5 k cos i = 2.022733761708629e-7 rad/s (+1.00133 deg/day)
     * argp_dot = 0.75 k (4 - 5 sin^2 i) = -6.563195618852331e-7 rad/s
     * m_dot = n + 0.75 k (2 - 3 sin^2 i) = 1.077323142297617e-3 rad/s */
    double od, wd, md;
    odc_j2_rates(7000.0, 0.0, 98.0 * DEG, &od, &wd, &md);
    assert_true(rel_close(od, 2.022733761708629e-07, 1e-12));
    assert_true(rel_close(wd, -6.563195618852331e-07, 1e-12));
    assert_true(rel_close(md, 1.077323142297617e-03, 1e-12));
    /* e = 0.01: p = a(1-e^2) enters (Re/p)^2 and sqrt(1-e^2) the M rate. */
    odc_j2_rates(7000.0, 0.01, 98.0 * DEG, &od, &wd, &md);
    assert_true(rel_close(od, 2.023138369151075e-07, 1e-12));
    assert_true(rel_close(wd, -6.564508454898226e-07, 1e-12));
    assert_true(rel_close(md, 1.077323039614196e-03, 1e-12));
    /* NULL outputs are allowed. */
    odc_j2_rates(7000.0, 0.0, 0.5, NULL, NULL, &md);
}

static void test_iss(void **state)
{
    (void)state;
    /* ISS, ~400 km, 51.6 deg: nodal regression about -5 deg/day (e.g.
     * Vallado 2013 sec. 9.6 discussion; NASA ISS trajectory data show the
     * node moving ~5 deg west per day). */
    double od;
    odc_j2_rates(RE + 400.0, 0.0, 51.6 * DEG, &od, NULL, NULL);
    double deg_day = od / DEG * 86400.0;
    printf("j2: ISS node rate %.4f deg/day\n", deg_day);
    assert_true(deg_day > -5.05 && deg_day < -4.95);
    /* Retrograde orbits precess eastward; polar orbits not at all. */
    odc_j2_rates(RE + 400.0, 0.0, 90.0 * DEG, &od, NULL, NULL);
    assert_true(fabs(od) < 1e-20);
}

static void test_critical_inclination(void **state)
{
    (void)state;
    /* argp_dot = 0 where sin^2 i = 4/5: i = 63.4349488 deg and 116.5650512
     * deg (the Molniya inclination). */
    double ic = asin(sqrt(0.8));
    double wd, wlo, whi;
    odc_j2_rates(26600.0, 0.74, ic, NULL, &wd, NULL);
    odc_j2_rates(26600.0, 0.74, ic - 0.1 * DEG, NULL, &wlo, NULL);
    odc_j2_rates(26600.0, 0.74, ic + 0.1 * DEG, NULL, &whi, NULL);
    assert_true(fabs(ic / DEG - 63.43494882) < 1e-8);
    assert_true(fabs(wd) < 1e-12 * fabs(wlo));
    assert_true(wlo > 0.0 && whi < 0.0);
    odc_j2_rates(26600.0, 0.74, M_PI - ic, NULL, &wd, NULL);
    assert_true(fabs(wd) < 1e-12 * fabs(wlo));
}

/* Two-body plus the J2 term of the geopotential, in an Earth-centred
 * inertial frame with z along the pole (Vallado 2013 eq. 8-30). */
static int j2_accel(double t, const double y[], double f[], void *params)
{
    (void)t;
    (void)params;
    double x = y[0], yy = y[1], z = y[2];
    double r2 = x * x + yy * yy + z * z, r = sqrt(r2);
    double k = -MU / (r2 * r);
    double c = 1.5 * J2 * RE * RE / r2, zz = 5.0 * z * z / r2;
    f[0] = y[3];
    f[1] = y[4];
    f[2] = y[5];
    f[3] = k * x * (1.0 + c * (1.0 - zz));
    f[4] = k * yy * (1.0 + c * (1.0 - zz));
    f[5] = k * z * (1.0 + c * (3.0 - zz));
    return GSL_SUCCESS;
}

/* Integrate `days` days from the elements (taken as osculating) and fit
 * straight lines to the unwrapped node and perigee angles sampled each
 * minute: the short-period terms average out over many orbits. */
static void fit_rates(odc_kepler_el el, double days, double *raan_rate, double *argp_rate)
{
    double y[6];
    odc_kepler_to_state(MU, &el, y, y + 3);
    gsl_odeiv2_system sys = {j2_accel, NULL, 6, NULL};
    gsl_odeiv2_driver *d =
        gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 10.0, 1e-11, 1e-11);
    double t = 0.0, st = 0, so = 0, sw = 0, stt = 0, sto = 0, stw = 0, n = 0;
    double prev_o = el.raan_rad, prev_w = el.argp_rad, off_o = 0, off_w = 0;
    for (double ti = 0.0; ti <= days * 86400.0; ti += 60.0) {
        if (ti > 0.0)
            assert_int_equal(gsl_odeiv2_driver_apply(d, &t, ti, y), GSL_SUCCESS);
        odc_kepler_el o;
        assert_int_equal(odc_kepler_from_state(MU, y, y + 3, &o, NULL), ODC_OK);
        double om = o.raan_rad + off_o, w = o.argp_rad + off_w;
        while (om - prev_o > M_PI) { om -= 2 * M_PI; off_o -= 2 * M_PI; }
        while (om - prev_o < -M_PI) { om += 2 * M_PI; off_o += 2 * M_PI; }
        while (w - prev_w > M_PI) { w -= 2 * M_PI; off_w -= 2 * M_PI; }
        while (w - prev_w < -M_PI) { w += 2 * M_PI; off_w += 2 * M_PI; }
        prev_o = om;
        prev_w = w;
        st += ti; so += om; sw += w; stt += ti * ti; sto += ti * om; stw += ti * w; n++;
    }
    gsl_odeiv2_driver_free(d);
    double den = n * stt - st * st;
    *raan_rate = (n * sto - st * so) / den;
    *argp_rate = (n * stw - st * sw) / den;
}

static void test_vs_numerical_j2(void **state)
{
    (void)state;
    /* Eccentric orbit (perigee well defined) at 50 deg and a retrograde
     * near-SSO one. Osculating and mean elements differ by O(J2) (a by
     * ~10 km in LEO), so agreement to ~1% is what first-order theory
     * promises (measured 0.04-0.3%); a wrong coefficient or sign is off by 25% or more. */
    odc_kepler_el e1 = {8000.0, 0.05, 50.0 * DEG, 0.3, 1.0, 0.0};
    odc_kepler_el e2 = {7200.0, 0.02, 98.0 * DEG, 2.0, 0.5, 0.0};
    odc_kepler_el *cases[2] = {&e1, &e2};
    for (int c = 0; c < 2; c++) {
        double fo, fw, od, wd;
        fit_rates(*cases[c], 5.0, &fo, &fw);
        odc_j2_rates(cases[c]->a_km, cases[c]->ecc, cases[c]->incl_rad, &od, &wd, NULL);
        printf("j2 vs GSL J2 integration (a=%.0f e=%.2f i=%.0f): node %.6f vs %.6f deg/day "
               "(%.2f%%), perigee %.6f vs %.6f deg/day (%.2f%%)\n",
               cases[c]->a_km, cases[c]->ecc, cases[c]->incl_rad / DEG,
               od / DEG * 86400, fo / DEG * 86400, 100 * (od / fo - 1),
               wd / DEG * 86400, fw / DEG * 86400, 100 * (wd / fw - 1));
        assert_true(rel_close(od, fo, 0.01));
        assert_true(rel_close(wd, fw, 0.01));
    }
}

static void test_propagator_applies_rates(void **state)
{
    (void)state;
    /* odc_constellation_state: after dt the orbit normal has turned about z
     * by raan_dot*dt, and the perigee direction by argp_dot*dt. */
    odc_constellation c;
    assert_int_equal(odc_constellation_alloc(&c, 1, NULL), ODC_OK);
    c.a_km[0] = 8000.0; c.ecc[0] = 0.05; c.incl_rad[0] = 50 * DEG;
    c.raan_rad[0] = 0.3; c.argp_rad[0] = 1.0; c.mean_anom_rad[0] = 0.2;
    double od, wd, md, dt = 3.0 * 86400.0;
    odc_j2_rates(8000.0, 0.05, 50 * DEG, &od, &wd, &md);
    double r[3], v[3];
    odc_constellation_state(&c, 0, dt, r, v);
    odc_kepler_el o;
    assert_int_equal(odc_kepler_from_state(MU, r, v, &o, NULL), ODC_OK);
    assert_true(fabs(remainder(o.raan_rad - (0.3 + od * dt), 2 * M_PI)) < 1e-10);
    assert_true(fabs(remainder(o.argp_rad - (1.0 + wd * dt), 2 * M_PI)) < 1e-9);
    assert_true(fabs(remainder(o.mean_anom_rad - (0.2 + md * dt), 2 * M_PI)) < 1e-9);
    /* The Kepler-only variant keeps node and perigee fixed. */
    odc_constellation_state_kepler(&c, 0, dt, r, v);
    assert_int_equal(odc_kepler_from_state(MU, r, v, &o, NULL), ODC_OK);
    assert_true(fabs(remainder(o.raan_rad - 0.3, 2 * M_PI)) < 1e-12);
    /* The SoA batch gives the same states. */
    double x, y, z, vx, vy, vz;
    odc_constellation_propagate(&c, dt, 1, &x, &y, &z, &vx, &vy, &vz);
    odc_constellation_state(&c, 0, dt, r, v);
    assert_true(x == r[0] && y == r[1] && z == r[2] && vz == v[2]);
    odc_constellation_free(&c);
    odc_constellation_free(&c);     /* safe twice */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_values),
        cmocka_unit_test(test_iss),
        cmocka_unit_test(test_critical_inclination),
        cmocka_unit_test(test_vs_numerical_j2),
        cmocka_unit_test(test_propagator_applies_rates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
