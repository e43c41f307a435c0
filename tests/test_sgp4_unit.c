/* SGP4/SDP4 unit tests with element sets filled in by hand (no TLE reader):
 * gravity constants, near-earth and deep-space (12 h and 24 h resonance)
 * states against the published verification output (tcppver.out of
 * Vallado et al., AIAA 2006-6753), purity of propagation (any order, many
 * threads), and the error codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/sgp4.h"

/* Julian date of 0h UTC on "January 0" (31 December before) of a Gregorian
 * year in 1901..2099 (Meeus, "Astronomical Algorithms", ch. 7). */
static double jd_jan0(int year)
{
    int y = year - 1;
    return 1721424.5 + 365.0 * y + y / 4 - y / 100 + y / 400;
}

/* Element set as the TLE gives it (degrees, rev/day), epoch as yy doy. */
static odc_elements make_el(long norad, int year, double doy, double bstar,
                            double incl, double raan, double ecc, double argp,
                            double ma, double n)
{
    odc_elements el;
    memset(&el, 0, sizeof el);
    el.norad = norad;
    el.epoch_year = year;
    el.epoch_doy = doy;
    el.epoch_jd = jd_jan0(year) + floor(doy);
    el.epoch_jd_frac = doy - floor(doy);
    el.bstar = bstar;
    el.incl_deg = incl;
    el.raan_deg = raan;
    el.ecc = ecc;
    el.argp_deg = argp;
    el.mean_anomaly_deg = ma;
    el.mean_motion_rev_day = n;
    return el;
}

/* Cases from SGP4-VER.TLE (Vallado et al. 2006). */
static odc_elements el_00005(void) /* near earth, e = 0.186 */
{
    return make_el(5, 2000, 179.78495062, 0.28098e-4, 34.2682, 348.7242,
                   0.1859667, 331.7664, 19.3264, 10.82419157);
}
static odc_elements el_08195(void) /* Molniya, 12 h resonant */
{
    return make_el(8195, 2006, 176.33215444, 0.11873e-3, 64.1586, 279.0717,
                   0.6877146, 264.7651, 20.2257, 2.00491383);
}
static odc_elements el_24208(void) /* geosynchronous, 24 h resonant */
{
    return make_el(24208, 2006, 177.04061740, 0.10000e-3, 3.8536, 80.0121,
                   0.0026640, 311.0977, 48.3000, 1.00778054);
}

/* Position to 1e-5 km, velocity to 1e-8 km/s (the project's acceptance
 * tolerance; tcppver.out prints 8 and 9 decimals). */
static void check_state(const odc_sgp4 *rec, double t, const double want[6])
{
    double r[3], v[3];
    assert_int_equal(odc_sgp4_propagate(rec, t, r, v), ODC_SGP4_OK);
    for (int i = 0; i < 3; i++) {
        if (fabs(r[i] - want[i]) > 1e-5 || fabs(v[i] - want[3 + i]) > 1e-8) {
            fprintf(stderr, "t=%g axis %d: r %.8f want %.8f, v %.9f want %.9f\n",
                    t, i, r[i], want[i], v[i], want[3 + i]);
            fail();
        }
    }
}

static void test_grav_constants(void **state)
{
    (void)state;
    odc_grav_consts c;
    odc_grav_get(ODC_WGS72, &c);
    /* xke = 60 / sqrt(re^3 / mu) in earth radii^1.5 per minute. */
    assert_true(fabs(c.xke - 60.0 / sqrt(6378.135 * 6378.135 * 6378.135 / 398600.8)) < 1e-16);
    assert_true(fabs(c.xke - 0.07436691613317342) < 1e-15);
    assert_true(fabs(c.tumin * c.xke - 1.0) < 1e-15);
    assert_true(fabs(c.j3oj2 - (-0.00000253881 / 0.001082616)) < 1e-18);
    odc_grav_get(ODC_WGS72OLD, &c);
    assert_true(c.xke == 0.0743669161);
    odc_grav_get(ODC_WGS84, &c);
    assert_true(c.radius_km == 6378.137 && c.mu_km3_s2 == 398600.5);
    assert_true(c.j2 == 0.00108262998905);
}

static void test_near_earth(void **state)
{
    (void)state;
    odc_elements el = el_00005();
    odc_sgp4 rec;
    odc_err err;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_OK);
    assert_false(rec.deep);
    const double t0[6] = {7022.46529266, -1400.08296755, 0.03995155,
                          1.893841015, 6.405893759, 4.534807250};
    const double t4320[6] = {-9060.47373569, 4658.70952502, 813.68673153,
                             -2.232832783, -4.110453490, -3.157345433};
    check_state(&rec, 0.0, t0);
    check_state(&rec, 4320.0, t4320);
}

static void test_deep_12h(void **state)
{
    (void)state;
    odc_elements el = el_08195();
    odc_sgp4 rec;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', NULL), ODC_OK);
    assert_true(rec.deep);
    assert_int_equal(rec.irez, 2);
    const double t120[6] = {15223.91713658, -17852.95881713, 25280.39558224,
                            1.079041732, 0.875187372, 2.485682813};
    const double t2880[6] = {3417.20931586, -16038.79510665, 1894.74934058,
                             2.585515864, -2.596818146, 4.456882556};
    /* Out of order on purpose: the integrator must not depend on the
     * previous call. */
    check_state(&rec, 2880.0, t2880);
    check_state(&rec, 120.0, t120);
    check_state(&rec, 2880.0, t2880);
}

static void test_deep_24h(void **state)
{
    (void)state;
    odc_elements el = el_24208();
    odc_sgp4 rec;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', NULL), ODC_OK);
    assert_int_equal(rec.irez, 1);
    const double t720[6] = {-6874.77975542, -41530.38329422, -46.60245459,
                            3.027415087, -0.494671177, -0.207337260};
    const double t1440[6] = {5501.08137100, 41590.27784405, 138.32522930,
                             -3.050691874, 0.409203052, 0.207958133};
    check_state(&rec, 1440.0, t1440);
    check_state(&rec, 720.0, t720);
}

/* One const record, many threads, any order: bit-identical results. */
static void test_pure_threads(void **state)
{
    (void)state;
    odc_elements el = el_08195();
    odc_sgp4 rec;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', NULL), ODC_OK);
    enum { N = 256 };
    static double serial[N][6], par[N][6];
    for (int k = 0; k < N; k++) {
        double t = -20000.0 + 157.3 * k;
        odc_sgp4_propagate(&rec, t, serial[k], serial[k] + 3);
    }
    const odc_sgp4 *crec = &rec;
#pragma omp parallel for schedule(dynamic, 1)
    for (int k = N - 1; k >= 0; k--) {
        double t = -20000.0 + 157.3 * k;
        odc_sgp4_propagate(crec, t, par[k], par[k] + 3);
    }
    assert_memory_equal(serial, par, sizeof serial);
}

static void test_errors(void **state)
{
    (void)state;
    odc_sgp4 rec;
    odc_err err;
    double r[3], v[3];

    /* Eccentricity >= 1 and mean motion <= 0 are refused at init. */
    odc_elements el = el_00005();
    el.ecc = 1.2;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_EMODEL);
    assert_int_equal(rec.init_error, ODC_SGP4_ECC);
    assert_int_equal(odc_sgp4_propagate(&rec, 10.0, r, v), ODC_SGP4_ECC);
    assert_true(isnan(r[0]) && isnan(v[2]));
    el = el_00005();
    el.mean_motion_rev_day = -1.0;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_EMODEL);
    assert_int_equal(rec.init_error, ODC_SGP4_MEANMOTION);

    /* SGP4-VER.TLE 33334: 1e-5 rev/day; the reference reports code 3 at
     * epoch (python-sgp4's tcppver test lists the same). */
    el = make_el(33334, 2006, 174.85818871, 0.10000e-3, 68.4714, 236.1303,
                 0.5602877, 123.7484, 302.5767, 0.00001000);
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_EMODEL);
    assert_int_equal(rec.init_error, ODC_SGP4_PERTECC);
    assert_non_null(strstr(err.msg, "33334"));

    /* 33333: e = 0.995; semi-latus rectum negative at 25 min. */
    el = make_el(33333, 2005, 333.02012661, 0.24476e-3, 96.4736, 157.9986,
                 0.9950000, 244.0492, 110.6523, 4.00004038);
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_OK);
    assert_int_equal(odc_sgp4_propagate(&rec, 20.0, r, v), ODC_SGP4_OK);
    assert_int_equal(odc_sgp4_propagate(&rec, 25.0, r, v), ODC_SGP4_SEMILATUS);

    /* 28872: sub-orbital, decays between 50 and 55 min; the state below
     * the surface is still returned. */
    el = make_el(28872, 2005, 333.02012661, 0.24476e-3, 96.4736, 157.9986,
                 0.0303955, 244.0492, 110.6523, 16.46015938);
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_OK);
    assert_int_equal(odc_sgp4_propagate(&rec, 50.0, r, v), ODC_SGP4_OK);
    assert_int_equal(odc_sgp4_propagate(&rec, 55.0, r, v), ODC_SGP4_DECAYED);
    assert_true(sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]) < 6378.135);

    /* Times outside the domain: the resonance integrator would never end
     * on NaN, and would take 1e11 steps at 1e14 min. */
    el = el_08195();
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_OK);
    assert_int_equal(odc_sgp4_propagate(&rec, NAN, r, v), ODC_SGP4_DOMAIN);
    assert_int_equal(odc_sgp4_propagate(&rec, 1e14, r, v), ODC_SGP4_DOMAIN);
    assert_true(isnan(r[1]));
    assert_int_equal(odc_sgp4_propagate(&rec, -ODC_SGP4_MAX_TSINCE_MIN / 100, r, v),
                     ODC_SGP4_OK);

    /* Bad arguments. */
    el = el_00005();
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'x', &err), ODC_EINPUT);
    el.incl_deg = NAN;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'i', &err), ODC_EINPUT);
    assert_non_null(odc_sgp4_strerror(ODC_SGP4_DECAYED));
}

static void test_tsince(void **state)
{
    (void)state;
    odc_elements el = el_00005();
    odc_sgp4 rec;
    assert_int_equal(odc_sgp4_init(&rec, &el, ODC_WGS72, 'a', NULL), ODC_OK);
    /* 1.25 days after epoch. */
    double t = odc_sgp4_tsince_min(&rec, el.epoch_jd + 1.0, el.epoch_jd_frac + 0.25);
    assert_true(fabs(t - 1800.0) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grav_constants),
        cmocka_unit_test(test_near_earth),
        cmocka_unit_test(test_deep_12h),
        cmocka_unit_test(test_deep_24h),
        cmocka_unit_test(test_pure_threads),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_tsince),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
