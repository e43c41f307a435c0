/* Sun position against independent references:
 * - Meeus, "Astronomical Algorithms" (2nd ed. 1998), example 25.a:
 *   1992 Oct 13.0 TD, apparent alpha = 13h13m31.4s (198.38083 deg),
 *   delta = -7 deg 47' 06" (-7.78507 deg), R = 0.99766 AU, from the
 *   chapter's low-accuracy theory (stated accuracy 0.01 deg);
 * - the same low-accuracy theory (Meeus ch. 25, eqs. 25.2-25.8, written
 *   here) at 400 dates 1950-2050: an independent solar theory;
 * - astropy 5.2.1 get_sun (GCRS) and its TEME frame at 24 random dates
 *   1960-2090, tabulated below by:
 *     /usr/bin/python3: for jd in sorted(uniform(1960, 2090)) :
 *       s = get_sun(Time(jd, format='jd', scale='tt'))
 *       s.cartesian.xyz (km), s.transform_to(TEME(obstime=t)).cartesian.xyz
 *   (seed 7; astropy's own coordinate machinery on top of ERFA). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <erfa.h>
#include <math.h>
#include <stdio.h>

#include "odc/frames.h"
#include "odc/sun.h"

#define D2R (M_PI / 180.0)

static const struct {
    double jd1, jd2;          /* TT */
    double gcrs[3], teme[3];  /* km */
} astropy_ref[] = {
    {2437184.5, 0.012456687, {-145545954.047, 35967677.109, 15596321.164}, {-145163378.239, 37246142.254, 16151231.389}},
    {2439020.5, 0.498364030, {-149723924.720, 12366714.463, 5361450.519}, {-149605836.242, 13514058.887, 5865013.768}},
    {2444541.5, 0.348003672, {-119667355.355, -80768890.234, -35022508.544}, {-120078481.415, -80256057.840, -34793521.714}},
    {2447157.5, 0.502918321, {16343972.728, -134135705.473, -58158803.795}, {15915874.543, -134176589.284, -58183221.049}},
    {2447627.5, 0.513002323, {139283996.570, 50943720.158, 22089219.652}, {139428399.242, 50608647.213, 21947989.907}},
    {2449035.5, 0.972630581, {127280573.940, -69041706.802, -29934430.601}, {127155452.200, -69237320.681, -30014268.552}},
    {2450154.5, 0.483339381, {147313562.728, -18439156.298, -7993798.003}, {147294944.983, -18564836.137, -8045812.390}},
    {2451186.5, 0.795706440, {45616767.942, -128317234.698, -55632455.246}, {45582348.350, -128329343.360, -55632737.361}},
    {2451322.5, 0.888722661, {68131606.246, 124148429.176, 53825551.102}, {68152964.997, 124141004.214, 53815635.487}},
    {2458067.5, 0.558232225, {-98944310.439, -101144361.930, -43845983.596}, {-98464406.635, -101540088.980, -44011359.352}},
    {2459152.5, 0.955365879, {-117522875.045, -83310913.871, -36115062.904}, {-117061475.881, -83857038.146, -36348869.520}},
    {2460891.5, 0.464980100, {-101509769.902, 103513483.283, 44871398.898}, {-102212095.149, 102928630.703, 44621761.874}},
    {2463215.5, 0.714768553, {-17769716.904, -134110053.420, -58131827.067}, {-16628933.687, -134234924.440, -58181115.583}},
    {2466019.5, 0.218029696, {-124893170.140, 78556507.325, 34051802.031}, {-125713669.700, 77445597.886, 33573898.061}},
    {2466476.5, 0.936351555, {-81320474.746, -113290277.123, -49104014.159}, {-80087032.726, -114026942.891, -49425036.104}},
    {2466615.5, 0.408040789, {143620276.775, 38765774.766, 16801287.275}, {143188364.612, 40088561.272, 17373886.822}},
    {2473765.5, 0.883629913, {-113079554.808, -88206443.305, -38226603.035}, {-111641682.827, -89733833.300, -38892278.832}},
    {2474571.5, 0.965910027, {66783323.547, -120330124.224, -52150149.719}, {68792076.237, -119372089.672, -51739188.918}},
    {2474781.5, 0.247685433, {-118761776.989, 86355182.713, 37427102.743}, {-120208069.887, 84653503.660, 36690182.979}},
    {2475928.5, 0.388990069, {-146604935.431, -27439016.050, -11888617.649}, {-146098313.605, -29624254.669, -12842594.028}},
    {2478412.5, 0.938247751, {-79672028.816, 118720868.115, 51449167.185}, {-81979177.120, 117392819.018, 50868792.668}},
    {2479536.5, 0.402911438, {-128571314.616, 73244647.972, 31742219.531}, {-130039667.323, 71027868.331, 30784033.888}},
    {2483892.5, 0.794692379, {-81839357.847, 117468570.523, 50902712.272}, {-84586057.429, 115822044.293, 50180520.268}},
    {2484203.5, 0.339958315, {50997349.207, 131072691.844, 56794301.419}, {47870211.602, 132064016.528, 57218102.265}},
};

static double angle_between(const double a[3], const double b[3])
{
    double c[3];
    eraPxp((double *)a, (double *)b, c);
    return atan2(eraPm(c), eraPdp((double *)a, (double *)b));
}

/* Meeus ch. 25 low-accuracy apparent Sun: RA, Dec (rad) and R (AU),
 * referred to the true equator and equinox of date. */
static void meeus_sun(double jde, double *ra, double *dec, double *r_au)
{
    double T = (jde - 2451545.0) / 36525.0;
    double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
    double M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
    double e = 0.016708634 - 0.000042037 * T - 0.0000001267 * T * T;
    double Mr = M * D2R;
    double C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(Mr) +
               (0.019993 - 0.000101 * T) * sin(2 * Mr) + 0.000289 * sin(3 * Mr);
    double lon = L0 + C, nu = (M + C) * D2R;
    *r_au = 1.000001018 * (1 - e * e) / (1 + e * cos(nu));
    double Om = (125.04 - 1934.136 * T) * D2R;
    double lam = (lon - 0.00569 - 0.00478 * sin(Om)) * D2R;
    double eps0 = 23.0 + 26.0 / 60 + 21.448 / 3600 -
                  (46.8150 * T + 0.00059 * T * T - 0.001813 * T * T * T) / 3600;
    double eps = (eps0 + 0.00256 * cos(Om)) * D2R;
    *ra = atan2(cos(eps) * sin(lam), cos(lam));
    *dec = asin(sin(eps) * sin(lam));
}

/* Our apparent Sun rotated to the true equator/equinox of date with
 * ERFA's IAU 2006/2000A equinox-based matrix (not used by the module). */
static void ours_tod(double tt1, double tt2, double *ra, double *dec, double *r_au)
{
    double s[3], m[3][3];
    assert_int_equal(odc_sun_tt(tt1, tt2, ODC_SUN_GCRS, s, r_au, NULL), ODC_OK);
    eraPnm06a(tt1, tt2, m);
    eraRxp(m, s, s);
    *ra = atan2(s[1], s[0]);
    *dec = atan2(s[2], sqrt(s[0] * s[0] + s[1] * s[1]));
}

static double wrap(double x)
{
    return remainder(x, 2.0 * M_PI);
}

static void test_meeus_example(void **state)
{
    (void)state;
    double ra, dec, r;
    ours_tod(2448908.5, 0.0, &ra, &dec, &r);
    double dra = wrap(ra - 198.38083 * D2R) / D2R;
    double ddec = (dec - (-7.78507 * D2R)) / D2R;
    printf("Meeus 25.a: dRA %.5f deg, dDec %.5f deg, dR %.2e AU\n", dra, ddec,
           r - 0.99766);
    assert_true(fabs(dra) < 0.01 && fabs(ddec) < 0.01);
    assert_float_equal(r, 0.99766, 1e-4);
    /* and the test's own transcription of the theory reproduces the book */
    double mra, mdec, mr;
    meeus_sun(2448908.5, &mra, &mdec, &mr);
    assert_float_equal(wrap(mra - 198.38083 * D2R) / D2R, 0.0, 1e-4);
    assert_float_equal(mdec / D2R, -7.78507, 1e-4);
    assert_float_equal(mr, 0.99766, 1e-5);
}

static void test_meeus_many(void **state)
{
    (void)state;
    double worst = 0.0, worst_r = 0.0;
    for (int i = 0; i < 400; i++) {
        double jde = 2433282.5 + i * 91.3109;    /* 1950 .. 2050 */
        double ra, dec, r, mra, mdec, mr;
        ours_tod(jde, 0.0, &ra, &dec, &r);
        meeus_sun(jde, &mra, &mdec, &mr);
        double a[3], b[3];
        eraS2c(ra, dec, a);
        eraS2c(mra, mdec, b);
        double d = angle_between(a, b) / D2R;
        if (d > worst) worst = d;
        if (fabs(r - mr) > worst_r) worst_r = fabs(r - mr);
    }
    printf("vs Meeus low accuracy, 400 dates 1950-2050: max %.5f deg, max dR %.2e AU\n",
           worst, worst_r);
    assert_true(worst < 0.01);
    assert_true(worst_r < 1e-4);
}

static void test_astropy(void **state)
{
    (void)state;
    double wg = 0.0, wt = 0.0, wd = 0.0;
    size_t n = sizeof astropy_ref / sizeof astropy_ref[0];
    for (size_t i = 0; i < n; i++) {
        double g[3], t[3], d_au;
        assert_int_equal(odc_sun_tt(astropy_ref[i].jd1, astropy_ref[i].jd2,
                                    ODC_SUN_GCRS, g, &d_au, NULL), ODC_OK);
        assert_int_equal(odc_sun_tt(astropy_ref[i].jd1, astropy_ref[i].jd2,
                                    ODC_SUN_TEME, t, NULL, NULL), ODC_OK);
        double ag = angle_between(g, astropy_ref[i].gcrs);
        double at = angle_between(t, astropy_ref[i].teme);
        double dd = fabs(eraPm(g) - eraPm((double *)astropy_ref[i].gcrs));
        if (ag > wg) wg = ag;
        if (at > wt) wt = at;
        if (dd > wd) wd = dd;
        assert_float_equal(d_au * ODC_AU_KM, eraPm(g), 1e-6);
    }
    printf("vs astropy get_sun, %zu dates: GCRS %.3f mas, TEME %.3f mas, "
           "distance %.1f km\n", n, wg / D2R * 3.6e6, wt / D2R * 3.6e6, wd);
    /* 1 mas is 7e-4 km on a 7000 km orbit: nothing for the shadow. The
     * bound leaves room for astropy's extra light-deflection term. */
    assert_true(wg < 20.0 * D2R / 3.6e6);
    assert_true(wt < 20.0 * D2R / 3.6e6);
    assert_true(wd < 1.0);
}

static void test_table_and_errors(void **state)
{
    (void)state;
    odc_sun_table tab;
    double u1 = 2460390.5, u2 = 0.0;   /* 2024-03-20 */
    assert_int_equal(odc_sun_table_init(&tab, u1, u2, -7200.0, 30 * 86400.0,
                                        3600.0, ODC_SUN_TEME, NULL), ODC_OK);
    double worst = 0.0, worstkm = 0.0;
    for (int i = 0; i < 300; i++) {
        double t = -7200.0 + i * 8653.7;
        if (t > 30 * 86400.0) break;
        double a[3], b[3];
        odc_sun_table_eval(&tab, t, a);
        assert_int_equal(odc_sun_utc(u1, u2 + t / 86400.0, ODC_SUN_TEME, b,
                                     NULL, NULL), ODC_OK);
        double ang = angle_between(a, b), dk = fabs(eraPm(a) - eraPm(b));
        if (ang > worst) worst = ang;
        if (dk > worstkm) worstkm = dk;
    }
    printf("table (1 h nodes) vs direct: %.2e rad, %.3f km\n", worst, worstkm);
    assert_true(worst < 1e-9);
    assert_true(worstkm < 12.0);   /* R w^2 h^2 / 8 = 9.7 km */
    odc_sun_table_free(&tab);

    odc_err err;
    double s[3];
    assert_int_equal(odc_sun_tt(2490000.0, 0.0, ODC_SUN_GCRS, s, NULL, &err),
                     ODC_EINPUT);   /* 2100+ */
    assert_int_equal(odc_sun_table_init(&tab, u1, u2, 0.0, 10.0, 0.0,
                                        ODC_SUN_GCRS, &err), ODC_EINPUT);
    /* the TEME matrix is a rotation */
    double m[3][3], mt[3][3], p[3][3];
    odc_sun_gcrs_to_teme_matrix(2460390.5, 0.0, m);
    eraTr(m, mt);
    eraRxr(m, mt, p);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            assert_float_equal(p[i][j], i == j, 1e-14);
}

/* The module's GCRS -> TEME matrix against the frames module's
 * odc_gcrs_to_teme (UT1 from UTC, which the matrix approximates by TT). */
static void test_teme_vs_frames(void **state)
{
    (void)state;
    double worst = 0.0;
    for (int i = 0; i < 40; i++) {
        double u1 = 2444239.5 + i * 400.37, u2 = 0.3;   /* 1980 .. 2023 */
        double g[3], t[3], t2[3], v0[3] = {0, 0, 0}, vout[3];
        assert_int_equal(odc_sun_utc(u1, u2, ODC_SUN_GCRS, g, NULL, NULL), ODC_OK);
        assert_int_equal(odc_sun_utc(u1, u2, ODC_SUN_TEME, t, NULL, NULL), ODC_OK);
        assert_int_equal(odc_gcrs_to_teme(g, v0, u1, u2, 0.0, 0.0, 0.0, t2, vout,
                                          NULL), ODC_OK);
        double a = angle_between(t, t2);
        if (a > worst) worst = a;
    }
    printf("GCRS->TEME vs odc_gcrs_to_teme: max %.3f mas\n", worst / D2R * 3.6e6);
    assert_true(worst < 1.0 * D2R / 3.6e6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meeus_example),
        cmocka_unit_test(test_meeus_many),
        cmocka_unit_test(test_astropy),
        cmocka_unit_test(test_table_and_errors),
        cmocka_unit_test(test_teme_vs_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
