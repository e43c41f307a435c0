/* Shadow model: illumination fraction against an independent numerical
 * integration of the disc overlap, the umbra cone's apex from similar
 * triangles, continuity across the penumbra, and the beta angle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "odc/shadow.h"
#include "odc/sun.h"

static const double RE = 6378.137, AU = 149597870.7;

/* Visible fraction of a disc of radius a (centre at 0) not covered by a
 * disc of radius b at distance c, by integrating over the Sun disc in
 * vertical strips (midpoint rule, n strips): an independent route to the
 * lens area (M&G use the closed form). */
static double visible_numeric(double a, double b, double c, int n)
{
    double covered = 0.0, h = 2.0 * a / n;
    for (int i = 0; i < n; i++) {
        double x = -a + (i + 0.5) * h;
        double ya = sqrt(a * a - x * x);       /* Sun chord: [-ya, ya]    */
        double dx = x - c;
        if (fabs(dx) >= b)
            continue;
        double yb = sqrt(b * b - dx * dx);     /* Earth chord: [-yb, yb]  */
        covered += 2.0 * fmin(ya, yb) * h;
    }
    return 1.0 - covered / (M_PI * a * a);
}

/* Satellite at distance r from Earth's centre, at angle theta (rad) from
 * the anti-Sun direction, Sun on +x at 1 AU. */
static void place(double r, double theta, double pos[3], double sun[3])
{
    pos[0] = -r * cos(theta);
    pos[1] = r * sin(theta);
    pos[2] = 0.0;
    sun[0] = AU;
    sun[1] = sun[2] = 0.0;
}

static void test_overlap_vs_numeric(void **state)
{
    (void)state;
    double sun[3], pos[3];
    double worst = 0.0;
    int partial = 0;
    /* Sweep the penumbra at LEO and GEO radii. */
    const double radii[] = {RE + 400.0, RE + 650.0, 42164.0};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i <= 400; i++) {
            /* +-0.6 deg around the tangent angle asin(Re/r), where the
             * penumbra (~0.53 deg wide) lies. */
            double th = asin(RE / radii[k]) + (i / 400.0 - 0.5) * 1.2 * M_PI / 180.0;
            place(radii[k], th, pos, sun);
            double nu = odc_shadow_illumination(pos, sun, NULL);
            /* Apparent radii and separation, recomputed here. */
            double d[3] = {sun[0] - pos[0], -pos[1], -pos[2]};
            double dn = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            double rn = radii[k];
            double a = asin(ODC_SUN_RADIUS_KM / dn), b = asin(RE / rn);
            double cosc = -(pos[0] * d[0] + pos[1] * d[1]) / (rn * dn);
            double c = acos(fmax(-1.0, fmin(1.0, cosc)));
            double ref = visible_numeric(a, b, c, 40000);
            assert_true(nu >= 0.0 && nu <= 1.0);
            if (nu > 0.0 && nu < 1.0)
                partial++;
            if (fabs(nu - ref) > worst)
                worst = fabs(nu - ref);
        }
    }
    printf("overlap: %d partial points, max |nu - numeric| = %.2e\n", partial, worst);
    assert_true(partial > 300);
    assert_true(worst < 1e-5);
}

/* The umbra cone ends where similar triangles put its apex:
 * L = D * Re / (Rs - Re) behind the Earth. Before it, on the axis: 0;
 * beyond it: annular, 1 - (b/a)^2. */
static void test_umbra_apex(void **state)
{
    (void)state;
    double sun[3] = {AU, 0, 0};
    double L = AU * RE / (ODC_SUN_RADIUS_KM - RE);
    double p1[3] = {-(L * 0.999), 0, 0}, p2[3] = {-(L * 1.001), 0, 0};
    assert_true(odc_shadow_illumination(p1, sun, NULL) == 0.0);
    double nu2 = odc_shadow_illumination(p2, sun, NULL);
    double a = asin(ODC_SUN_RADIUS_KM / (AU + L * 1.001)), b = asin(RE / (L * 1.001));
    assert_true(nu2 > 0.0);
    assert_float_equal(nu2, 1.0 - (b * b) / (a * a), 1e-12);
}

static void test_continuity_and_models(void **state)
{
    (void)state;
    double sun[3], pos[3];
    odc_shadow_opts cyl;
    odc_shadow_opts_default(&cyl);
    cyl.model = ODC_SHADOW_CYLINDRICAL;
    double r = RE + 650.0, prev = 1.0, maxjump = 0.0;
    int n = 200000;
    /* theta from 90 deg (terminator) down to 0 (anti-Sun): illumination
     * must fall monotonically and without jumps (penumbra ~8 s wide at
     * 7.5 km/s; step here 0.45 mdeg ~ 55 m). */
    for (int i = 0; i <= n; i++) {
        double th = M_PI / 2.0 * (1.0 - (double)i / n);
        place(r, th, pos, sun);
        double nu = odc_shadow_illumination(pos, sun, NULL);
        assert_true(nu <= prev + 1e-12);
        if (prev - nu > maxjump)
            maxjump = prev - nu;
        prev = nu;
        /* cylindrical: dark exactly inside the cylinder of radius Re */
        double cyl_nu = odc_shadow_illumination(pos, sun, &cyl);
        double perp = r * sin(th);
        assert_true(cyl_nu == (perp < RE ? 0.0 : 1.0));
        /* boundary functions agree with the fraction's classification */
        double gp, gu;
        odc_shadow_functions(pos, sun, NULL, &gp, &gu);
        assert_true((gp < 0.0) == (nu < 1.0) || fabs(gp) < 1e-12);
        assert_true((gu < 0.0) == (nu == 0.0) || fabs(gu) < 1e-12);
    }
    printf("largest drop between neighbouring points: %.3e\n", maxjump);
    assert_true(maxjump < 0.01);
    assert_true(prev == 0.0);
    /* Inflating the Earth darkens a point in the penumbra. */
    odc_shadow_opts infl;
    odc_shadow_opts_default(&infl);
    infl.inflate_km = 50.0;
    double th = asin(RE / r);   /* geometric tangent line: mid-penumbra */
    place(r, th, pos, sun);
    double nu0 = odc_shadow_illumination(pos, sun, NULL);
    double nu1 = odc_shadow_illumination(pos, sun, &infl);
    assert_true(nu0 > 0.3 && nu0 < 0.7);
    assert_true(nu1 < nu0);
    /* Inside the Earth: dark, no NaN. */
    double in[3] = {100.0, 0, 0};
    assert_true(odc_shadow_illumination(in, sun, NULL) == 0.0);
}

static void test_beta(void **state)
{
    (void)state;
    /* Orbit in the x-y plane (normal +z), Sun at elevation 30 deg. */
    double r[3] = {7000, 0, 0}, v[3] = {0, 7.5, 0};
    double s[3] = {AU * cos(M_PI / 6), 0, AU * sin(M_PI / 6)};
    assert_float_equal(odc_beta_angle(r, v, s), M_PI / 6, 1e-12);
    double vr[3] = {0, -7.5, 0};   /* retrograde: normal -z */
    assert_float_equal(odc_beta_angle(r, vr, s), -M_PI / 6, 1e-12);
    double s2[3] = {0, 0, AU};
    assert_float_equal(odc_beta_angle(r, v, s2), M_PI / 2, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlap_vs_numeric),
        cmocka_unit_test(test_umbra_apex),
        cmocka_unit_test(test_continuity_and_models),
        cmocka_unit_test(test_beta),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
