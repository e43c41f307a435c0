/* Thermal models against closed forms, hand arithmetic, a numerical
 * integration of the view-factor definition and GSL's rk8pd integrator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include "odc/thermal.h"

#include "testutil.h"

#define RE 6378.137   /* km, WGS-84 equatorial radius */

/* ---- view factor ------------------------------------------------------- */

/* Definition of the view factor from a differential plate to a sphere:
 * F = (1/pi) * integral over the sphere of cos(t_p) cos(t_s) / s^2 dA,
 * over the part visible to the plate (cos t_p > 0) and facing it (cos t_s
 * > 0). Midpoint rule on the visible cap in (psi, lambda): psi is the
 * Earth-central angle from the sub-plate point. Independent of the closed
 * forms in the library. */
static double vf_numeric(double alt, double r, double tilt, int n)
{
    double d = r + alt;
    double psi_max = acos(r / d);
    double np[3] = {sin(tilt), 0.0, -cos(tilt)};
    double sum = 0.0;
    double dpsi = psi_max / n, dlam = 2.0 * M_PI / n;
    for (int i = 0; i < n; i++) {
        double psi = (i + 0.5) * dpsi;
        double sp = sin(psi), cp = cos(psi);
        for (int j = 0; j < n; j++) {
            double lam = (j + 0.5) * dlam;
            double q[3] = {r * sp * cos(lam), r * sp * sin(lam), r * cp};
            double s[3] = {q[0], q[1], q[2] - d};
            double s2 = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
            double sl = sqrt(s2);
            double cos_p = (np[0] * s[0] + np[1] * s[1] + np[2] * s[2]) / sl;
            double cos_s = (d * cp - r) / sl;
            if (cos_p > 0.0 && cos_s > 0.0)
                sum += cos_p * cos_s / s2 * r * r * sp;
        }
    }
    return sum * dpsi * dlam / M_PI;
}

static void test_vf_limits(void **state)
{
    (void)state;
    double f;
    /* Nadir plate: F = (R/(R+h))^2. At 500 km: H = 6878.137/6378.137
     * = 1.0783927971; F = 1/H^2 = 0.8598962265. */
    assert_int_equal(odc_vf_plate_sphere(500.0, RE, 0.0, &f, NULL), ODC_OK);
    assert_rel(f, 0.8598962264831957, 1e-12);
    /* h -> 0: F -> 1 (the plate sees a half-space filled by the Earth). */
    assert_int_equal(odc_vf_plate_sphere(1e-9, RE, 0.0, &f, NULL), ODC_OK);
    assert_rel(f, 1.0, 1e-9);
    /* Large h: (R/(R+h))^2, e.g. GEO altitude 35786 km -> 0.0228... */
    assert_int_equal(odc_vf_plate_sphere(35786.0, RE, 0.0, &f, NULL), ODC_OK);
    assert_rel(f, pow(RE / (RE + 35786.0), 2), 1e-14);
    /* Edge-on plate (tilt 90 deg), second closed form written with atan:
     * F = (1/pi)[atan(1/sqrt(H^2-1)) - sqrt(H^2-1)/H^2]; at 500 km
     * sqrt(H^2-1) = 0.4030..., F = 0.2673978580. The library uses the
     * asin/acos form of Howell C-137, so this is a check of the algebra. */
    assert_int_equal(odc_vf_plate_sphere(500.0, RE, M_PI / 2, &f, NULL), ODC_OK);
    assert_rel(f, 0.2673978580215895, 1e-12);
    /* Edge-on, h -> 0: F -> 1/2 (half the sky is Earth, seen edge-on). */
    assert_int_equal(odc_vf_plate_sphere(1e-9, RE, M_PI / 2, &f, NULL), ODC_OK);
    assert_abs(f, 0.5, 1e-5);
    /* Edge-on, large h: with x = 1/sqrt(H^2-1), pi*F = atan(x) - x/(1+x^2)
     * = (x - x^3/3) - (x - x^3) + O(x^5) = (2/3) x^3, so F ~ 2/(3 pi H^3). */
    double h = 1e6;
    double H = (RE + h) / RE;
    assert_int_equal(odc_vf_plate_sphere(h, RE, M_PI / 2, &f, NULL), ODC_OK);
    assert_rel(f, 2.0 / (3.0 * M_PI * H * H * H), 1e-4);
    /* Zenith-facing plate sees no Earth. */
    assert_int_equal(odc_vf_plate_sphere(500.0, RE, M_PI, &f, NULL), ODC_OK);
    assert_abs(f, 0.0, 0.0);
}

static void test_vf_numeric(void **state)
{
    (void)state;
    /* Tilts on both sides of the full-view limit acos(1/H) (21.9 deg at
     * 500 km), altitudes LEO..MEO. Midpoint rule with 1200^2 cells: the
     * clipped integrand limits it to ~1e-6 absolute. */
    const double alts[] = {500.0, 2000.0, 20000.0};
    const double tilts_deg[] = {10.0, 45.0, 90.0, 120.0, 150.0};
    for (size_t a = 0; a < 3; a++)
        for (size_t t = 0; t < 5; t++) {
            double tilt = tilts_deg[t] * M_PI / 180.0, f;
            assert_int_equal(odc_vf_plate_sphere(alts[a], RE, tilt, &f, NULL), ODC_OK);
            double num = vf_numeric(alts[a], RE, tilt, 1200);
            assert_abs(f, num, 5e-6);   /* measured max 1.4e-6 */
        }
    /* Continuity at the full-view limit. */
    double H = (RE + 500.0) / RE, lim = acos(1.0 / H), f1, f2;
    odc_vf_plate_sphere(500.0, RE, lim - 1e-9, &f1, NULL);
    odc_vf_plate_sphere(500.0, RE, lim + 1e-9, &f2, NULL);
    assert_abs(f1, f2, 1e-8);
}

/* ---- environment and radiator sizing ----------------------------------- */

static void test_radiator_area(void **state)
{
    (void)state;
    double a;
    /* Deep space, 10 kW at 300 K, eps 0.9, two faces:
     * sigma T^4 = 5.670374419e-8 * 300^4 = 5.670374419e-8 * 8.1e9
     *           = 459.300327939 W/m^2; x eps = 413.370295145 per face;
     * two faces 826.740590290 W/m^2; area = 10000 / 826.740590290
     *           = 12.0956925515 m^2. */
    assert_int_equal(odc_radiator_area(10000.0, 300.0, 0.9, 0.2, 2, NULL, NULL, &a, NULL),
                     ODC_OK);
    assert_rel(a, 12.095692551504976, 1e-12);
    /* One face: twice the area. */
    assert_int_equal(odc_radiator_area(10000.0, 300.0, 0.9, 0.2, 1, NULL, NULL, &a, NULL),
                     ODC_OK);
    assert_rel(a, 2.0 * 12.095692551504976, 1e-12);

    /* Edge-on radiator at 500 km, both faces see the Earth with F = 0.26740
     * (edge-on value above), Sun in the radiator plane (cos_sun = 0),
     * sub-solar albedo (factor 1). alpha 0.2, eps 0.9, S 1361, a 0.3,
     * OLR 237:
     *   albedo  = 0.2*1361*0.3*0.2673978580 = 21.834...:
     *             0.2*1361 = 272.2; *0.3 = 81.66; *0.26739786 = 21.8357
     *   IR      = 0.9*237*0.26739786 = 213.3*0.26739786 = 57.0360
     *   q_abs   = 78.8717 W/m^2 per face
     *   net     = 2*(413.3703 - 78.8717) = 668.9971 W/m^2
     *   area    = 10000/668.9971 = 14.9477 m^2. */
    double f;
    odc_vf_plate_sphere(500.0, RE, M_PI / 2, &f, NULL);
    odc_thermal_env env = {1361.0, 0.3, 237.0};
    odc_face faces[2] = {{0.0, f, 1.0}, {0.0, f, 1.0}};
    double q;
    assert_int_equal(odc_face_absorbed_w_m2(0.2, 0.9, &env, &faces[0], &q, NULL), ODC_OK);
    double q_hand = 0.2 * 1361.0 * 0.3 * 0.2673978580215895 + 0.9 * 237.0 * 0.2673978580215895;
    assert_rel(q, q_hand, 1e-13);
    assert_abs(q, 78.8717, 1e-4);
    assert_int_equal(odc_radiator_area(10000.0, 300.0, 0.9, 0.2, 2, faces, &env, &a, NULL),
                     ODC_OK);
    assert_rel(a, 10000.0 / (2.0 * (413.3702951451 - q_hand)), 1e-10);
    assert_abs(a, 14.9477, 1e-4);

    /* One face in full Sun (cos 1): absorbs 0.2*1361 = 272.2 W/m^2 more. */
    odc_face sunny = {1.0, 0.0, 0.0};
    assert_int_equal(odc_face_absorbed_w_m2(0.2, 0.9, &env, &sunny, &q, NULL), ODC_OK);
    assert_rel(q, 272.2, 1e-14);
    /* A black face at 200 K facing the Sun cannot reject heat:
     * 0.9*sigma*200^4 = 81.65 W/m^2 < 0.9*1361. */
    odc_face sun_only = {1.0, 0.0, 0.0};
    odc_err e;
    assert_int_equal(odc_radiator_area(100.0, 200.0, 0.9, 0.9, 1, &sun_only, &env, &a, &e),
                     ODC_EMODEL);
}

/* ---- equilibrium ------------------------------------------------------- */

static void test_equilibrium(void **state)
{
    (void)state;
    double t;
    /* Pure radiator: a4 = 0.9*sigma*10 m^2 = 5.1033e-7 W/K^4; q = 4000 W:
     * T = (4000/5.1033369771e-7)^(1/4) = (7.838e9)^(1/4) = 297.55 K. */
    double a4 = 0.9 * ODC_SIGMA_SB * 10.0;
    assert_int_equal(odc_equilibrium_temp(a4, 0.0, 0.0, 4000.0, &t, NULL), ODC_OK);
    assert_rel(t, pow(4000.0 / a4, 0.25), 1e-14);
    assert_abs(t, 297.55, 0.01);
    /* With conduction to a 250 K sink through 5 W/K: heat in = heat out to
     * 1e-9 relative at the returned root, and it lies below the
     * radiative-only root (the sink at 250 K is colder). */
    const double gs[] = {0.0, 5.0, 50.0, 1e4};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(odc_equilibrium_temp(a4, gs[i], 250.0, 4000.0, &t, NULL), ODC_OK);
        double out = a4 * pow(t, 4) + gs[i] * (t - 250.0);
        assert_rel(out, 4000.0, 1e-9);
    }
    /* Strong coupling: T -> sink + small correction. */
    assert_int_equal(odc_equilibrium_temp(a4, 1e9, 250.0, 4000.0, &t, NULL), ODC_OK);
    assert_abs(t, 250.0, 1e-5);
    /* Panel in the environment: 1 m^2 black-ish plate facing the Sun, one
     * face radiating: alpha S = eps sigma T^4 -> T = (0.9*1361/(0.9 sigma))^(1/4)
     * = (1361/5.670374419e-8)^(1/4) = 393.6 K. */
    assert_int_equal(odc_equilibrium_temp(0.9 * ODC_SIGMA_SB, 0.0, 0.0, 0.9 * 1361.0, &t,
                                          NULL), ODC_OK);
    assert_rel(t, pow(1361.0 / ODC_SIGMA_SB, 0.25), 1e-14);
    assert_abs(t, 393.6, 0.1);
}

/* ---- transient ---------------------------------------------------------- */

typedef struct { double c, a4, q; } ode_par;

static int rhs(double t, const double y[], double dydt[], void *p)
{
    (void)t;
    const ode_par *m = p;
    dydt[0] = (m->q - m->a4 * y[0] * y[0] * y[0] * y[0]) / m->c;
    return GSL_SUCCESS;
}

static double gsl_solve(const ode_par *p, double t0, double dt)
{
    gsl_odeiv2_system sys = {rhs, NULL, 1, (void *)p};
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd,
                                                         1.0, 1e-13, 1e-13);
    double t = 0.0, y[1] = {t0};
    int rc = gsl_odeiv2_driver_apply(d, &t, dt, y);
    gsl_odeiv2_driver_free(d);
    assert_int_equal(rc, GSL_SUCCESS);
    return y[0];
}

static void test_transient_vs_gsl(void **state)
{
    (void)state;
    /* 100 kW payload, 40 MJ/K heat capacity, radiator 300 m^2 eps 0.9. */
    odc_lumped m = {4.0e6, 0.9 * ODC_SIGMA_SB * 300.0};
    const double q_list[] = {0.0, 5.0e4, 1.0e5, 2.0e5};
    const double t0_list[] = {200.0, 290.0, 380.0};
    const double dt_list[] = {1.0, 600.0, 5400.0, 1e5};
    for (size_t iq = 0; iq < 4; iq++)
        for (size_t it = 0; it < 3; it++)
            for (size_t id = 0; id < 4; id++) {
                ode_par p = {m.c_j_k, m.a4_w_k4, q_list[iq]};
                double t1;
                assert_int_equal(odc_lumped_step(&m, t0_list[it], q_list[iq], dt_list[id],
                                                 0.0, &t1, NULL, NULL), ODC_OK);
                double ref = gsl_solve(&p, t0_list[it], dt_list[id]);
                assert_rel(t1, ref, 1e-11);   /* measured 1.4e-14 */
            }
}

static void test_transient_linearized(void **state)
{
    (void)state;
    /* Small deviation: T - Te ~ (T0 - Te) exp(-4 a4 Te^3 t / C).
     * a4 = 0.9*sigma*300 = 1.531e-5; q = 1e5 -> Te = (1e5/1.531e-5)^(1/4)
     * = 284.3 K; tau = C/(4 a4 Te^3) = 4e6/(4*1.531e-5*2.298e7) = 2843 s.
     * With dT0 = 0.01 K the quadratic term is ~ 1.5*dT/Te = 5e-5 of the
     * deviation, so compare the deviation to 2e-4 relative. */
    odc_lumped m = {4.0e6, 0.9 * ODC_SIGMA_SB * 300.0};
    double q = 1.0e5;
    double te = pow(q / m.a4_w_k4, 0.25);
    double tau = m.c_j_k / (4.0 * m.a4_w_k4 * te * te * te);
    assert_abs(te, 284.3, 0.1);
    assert_abs(tau, 2843.0, 2.0);
    const double d0s[] = {0.01, -0.01};
    for (size_t k = 0; k < 2; k++)
        for (double t = 100.0; t <= 10000.0; t *= 10.0) {
            double t1;
            assert_int_equal(odc_lumped_step(&m, te + d0s[k], q, t, 0.0, &t1, NULL, NULL),
                             ODC_OK);
            double lin = d0s[k] * exp(-t / tau);
            assert_rel(t1 - te, lin, 2e-4);
        }
    /* Exact steady state: after a very long step T equals Te to the last
     * bits, from below and from above, and never overshoots. */
    double t1;
    odc_lumped_step(&m, 100.0, q, 1e9, 0.0, &t1, NULL, NULL);
    assert_rel(t1, te, 1e-15);
    odc_lumped_step(&m, 500.0, q, 1e9, 0.0, &t1, NULL, NULL);
    assert_rel(t1, te, 1e-15);
    /* Zero input: T = T0 / (1 + 3 a4 T0^3 t / C)^(1/3). */
    odc_lumped_step(&m, 300.0, 0.0, 3600.0, 0.0, &t1, NULL, NULL);
    assert_rel(t1, 300.0 / cbrt(1.0 + 3.0 * m.a4_w_k4 * 2.7e7 * 3600.0 / m.c_j_k), 1e-14);
    /* Composition: two half steps equal one full step (exact integration). */
    double ta, tb;
    odc_lumped_step(&m, 250.0, q, 1000.0, 0.0, &ta, NULL, NULL);
    odc_lumped_step(&m, ta, q, 1000.0, 0.0, &tb, NULL, NULL);
    odc_lumped_step(&m, 250.0, q, 2000.0, 0.0, &t1, NULL, NULL);
    assert_rel(tb, t1, 1e-13);
}

static void test_limit_and_throttle(void **state)
{
    (void)state;
    odc_lumped m = {4.0e6, 0.9 * ODC_SIGMA_SB * 300.0};
    double q = 2.0e5;                   /* Te = 338 K */
    double lim = 320.0, t1, th;
    assert_int_equal(odc_lumped_step(&m, 280.0, q, 1e4, lim, &t1, &th, NULL), ODC_OK);
    assert_true(th > 0.0 && th < 1e4);
    /* Stepping exactly to the hit time lands on the limit. */
    double tl;
    odc_lumped_step(&m, 280.0, q, th, 0.0, &tl, NULL, NULL);
    assert_rel(tl, lim, 1e-12);
    /* Limit above Te: never reached. */
    odc_lumped_step(&m, 280.0, q, 1e6, 400.0, &t1, &th, NULL);
    assert_true(th == -1.0);
    /* Already above the limit: hit at 0. */
    odc_lumped_step(&m, 330.0, q, 10.0, lim, &t1, &th, NULL);
    assert_true(th == 0.0);
    /* Throttle: the largest internal power keeping T(dt) <= limit. With
     * q_env 1e4 W and dt 600 s, from 310 K. */
    double p;
    assert_int_equal(odc_lumped_max_power(&m, 310.0, 1.0e4, 600.0, lim, &p, NULL), ODC_OK);
    odc_lumped_step(&m, 310.0, 1.0e4 + p, 600.0, 0.0, &t1, NULL, NULL);
    assert_rel(t1, lim, 1e-9);
    odc_lumped_step(&m, 310.0, 1.0e4 + p * (1.0 + 1e-6), 600.0, 0.0, &t1, NULL, NULL);
    assert_true(t1 > lim);
    /* In steady state the throttle is a4*lim^4 - q_env. */
    assert_int_equal(odc_lumped_max_power(&m, lim, 1.0e4, 1e9, lim, &p, NULL), ODC_OK);
    assert_rel(p, m.a4_w_k4 * pow(lim, 4) - 1.0e4, 1e-9);
    /* Too hot to recover in one step with no power: 0 W. */
    assert_int_equal(odc_lumped_max_power(&m, 400.0, 1.0e4, 1.0, lim, &p, NULL), ODC_OK);
    assert_true(p == 0.0);
}

static void test_validation(void **state)
{
    (void)state;
    odc_err e;
    double x;
    odc_thermal_env env = {1361.0, 0.3, 237.0};
    odc_face face = {0.5, 0.2, 0.5};
    assert_int_equal(odc_vf_plate_sphere(-1.0, RE, 0.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alt_km");
    assert_int_equal(odc_vf_plate_sphere(500.0, RE, 4.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "tilt_rad");
    assert_int_equal(odc_radiator_area(1.0, 0.0, 0.9, 0.2, 2, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_k");
    assert_int_equal(odc_radiator_area(1.0, -5.0, 0.9, 0.2, 2, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_k");
    assert_int_equal(odc_radiator_area(1.0, 300.0, 1.2, 0.2, 2, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eps");
    assert_int_equal(odc_radiator_area(1.0, 300.0, 0.0, 0.2, 2, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "eps");
    assert_int_equal(odc_radiator_area(-1.0, 300.0, 0.9, 0.2, 2, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "q_w");
    assert_int_equal(odc_radiator_area(1.0, 300.0, 0.9, 0.2, 3, NULL, NULL, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_faces");
    assert_int_equal(odc_radiator_area(1.0, 300.0, 0.9, NAN, 1, &face, &env, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alpha");
    odc_thermal_env bad_env = {1361.0, 1.5, 237.0};
    assert_int_equal(odc_face_absorbed_w_m2(0.2, 0.9, &bad_env, &face, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "albedo");
    odc_face bad_face = {0.5, 1.5, 0.5};
    assert_int_equal(odc_face_absorbed_w_m2(0.2, 0.9, &env, &bad_face, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "f_earth");
    assert_int_equal(odc_equilibrium_temp(0.0, 0.0, 0.0, 1.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "a4_w_k4");
    assert_int_equal(odc_equilibrium_temp(1.0, 1.0, 0.0, 1.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_sink_k");
    assert_int_equal(odc_equilibrium_temp(1.0, 0.0, 0.0, -1.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "q_in_w");
    odc_lumped m = {0.0, 1.0};
    assert_int_equal(odc_lumped_step(&m, 300.0, 1.0, 1.0, 0.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "c_j_k");
    m.c_j_k = 1.0;
    assert_int_equal(odc_lumped_step(&m, 0.0, 1.0, 1.0, 0.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t0_k");
    assert_int_equal(odc_lumped_step(&m, 300.0, 1.0, -1.0, 0.0, &x, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "dt_s");
    assert_int_equal(odc_lumped_max_power(&m, 300.0, 1.0, 1.0, -3.0, &x, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_limit_k");
    assert_non_null(strstr(e.msg, "> 0 K"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vf_limits),
        cmocka_unit_test(test_vf_numeric),
        cmocka_unit_test(test_radiator_area),
        cmocka_unit_test(test_equilibrium),
        cmocka_unit_test(test_transient_vs_gsl),
        cmocka_unit_test(test_transient_linearized),
        cmocka_unit_test(test_limit_and_throttle),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
