/* Walker delta and star patterns: the T/P/F definition (node spacing,
 * in-plane spacing, inter-plane phasing), the symmetry that makes every
 * satellite see the same neighbourhood, and the minimum distance between
 * satellites against the closed form from spherical trigonometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "odc/constellation.h"
#include "odc/tle.h"

#define DEG (M_PI / 180.0)
#define JD0 2461041.5

static double angdiff(double a, double b)
{
    return remainder(a - b, 2.0 * M_PI);
}

static void check_definition(int t, int p, int f, int star, double raan0_deg)
{
    odc_constellation c;
    odc_err err;
    assert_int_equal(odc_walker(&c, t, p, f, 550.0, 53.0, raan0_deg, star, JD0, 0.0, &err), ODC_OK);
    assert_int_equal((int)c.n, t);
    int s = t / p;
    double dnode = (star ? 180.0 : 360.0) / p * DEG;
    for (size_t i = 0; i < c.n; i++) {
        int j = c.plane[i], k = (int)(i % (size_t)s);
        assert_true(fabs(angdiff(c.raan_rad[i], raan0_deg * DEG + j * dnode)) < 1e-12);
        assert_true(fabs(c.a_km[i] - (ODC_RE_EARTH_KM + 550.0)) < 1e-12);
        assert_true(c.ecc[i] == 0.0 && fabs(c.incl_rad[i] - 53.0 * DEG) < 1e-15);
        if (k > 0)   /* in-plane spacing 360 P / T */
            assert_true(fabs(angdiff(c.mean_anom_rad[i] - c.mean_anom_rad[i - 1],
                                     360.0 * p / t * DEG)) < 1e-12);
        if (j > 0)   /* adjacent planes: phase offset F * 360 / T */
            assert_true(fabs(angdiff(c.mean_anom_rad[i] - c.mean_anom_rad[i - (size_t)s],
                                     f * 360.0 / t * DEG)) < 1e-12);
    }
    odc_constellation_free(&c);
}

static void test_definition(void **state)
{
    (void)state;
    check_definition(24, 6, 1, 0, 0.0);      /* GPS-like delta 24/6/1 */
    check_definition(66, 6, 2, 1, 10.0);     /* Iridium-like star 66/6/2 */
    check_definition(1584, 72, 39, 0, 0.0);  /* large shell */
    check_definition(5, 5, 0, 0, 350.0);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorted distances from satellite i to all others at dt_s (two-body). */
static void dist_list(const odc_constellation *c, size_t i, double dt_s, double *d)
{
    double x[64], y[64], z[64];
    odc_constellation_propagate(c, dt_s, 0, x, y, z, NULL, NULL, NULL);
    int m = 0;
    for (size_t j = 0; j < c->n; j++)
        if (j != i)
            d[m++] = sqrt(pow(x[i] - x[j], 2) + pow(y[i] - y[j], 2) + pow(z[i] - z[j], 2));
    qsort(d, c->n - 1, sizeof d[0], cmp_d);
}

static void check_symmetry(int t, int p, int f, double alt, double incl)
{
    /* A delta pattern is mapped onto itself by a rotation of 360/P about the
     * pole combined with a time shift of F/T of a period (and by a shift of
     * P/T of a period alone), so every satellite is equivalent (Walker
     * 1984): satellite i at time t sees exactly the distances satellite 0
     * sees at t + u_i/n, u_i its argument of latitude at epoch. A wrong
     * phasing (e.g. F*360/P) breaks this. */
    odc_constellation c;
    assert_int_equal(odc_walker(&c, t, p, f, alt, incl, 0.0, 0, JD0, 0.0, NULL), ODC_OK);
    double n = sqrt(ODC_MU_EARTH_KM3_S2 / pow(c.a_km[0], 3)), d0[64], d[64], worst = 0;
    double times[3] = {0.0, 3 * 3600.0, 86400.0 * 1.3};
    for (int it = 0; it < 3; it++)
        for (size_t i = 1; i < c.n; i++) {
            dist_list(&c, i, times[it], d);
            dist_list(&c, 0, times[it] + c.mean_anom_rad[i] / n, d0);
            for (size_t m = 0; m + 1 < c.n; m++)
                worst = fmax(worst, fabs(d[m] - d0[m]));
        }
    printf("walker %d/%d/%d: symmetry max distance mismatch %.3g km\n", t, p, f, worst);
    assert_true(worst < 1e-6);
    odc_constellation_free(&c);
}

static void test_symmetry(void **state)
{
    (void)state;
    check_symmetry(24, 6, 1, 20180.0, 55.0);
    check_symmetry(24, 6, 4, 20180.0, 55.0);
    check_symmetry(60, 12, 5, 1200.0, 60.0);
}

/* Central angle of closest approach between two circular orbits with the
 * same radius and inclination i, node difference dO and argument-of-
 * latitude difference du (derived from r1.r2 with u1 = u - du/2,
 * u2 = u + du/2: cos d = 1/2 cos du [cos dO (1+cos^2 i) + sin^2 i]
 * + 1/2 sin^2 i (cos dO - 1) cos 2u - sin dO cos i sin du, minimal over u
 * at cos 2u = -1). */
static double dmin_closed(double i, double d_o, double du)
{
    double c = cos(d_o), s = sin(d_o), si2 = sin(i) * sin(i);
    double cd = 0.5 * cos(du) * (c * (1 + cos(i) * cos(i)) + si2) - 0.5 * si2 * (c - 1)
                - s * cos(i) * sin(du);
    return acos(fmin(1.0, cd));
}

static void check_min_distance(int t, int p, int f, int star, double alt, double incl)
{
    odc_constellation c;
    assert_int_equal(odc_walker(&c, t, p, f, alt, incl, 0.0, star, JD0, 0.0, NULL), ODC_OK);
    double a = c.a_km[0];
    /* Closed form over all pairs with satellite 0 (symmetric patterns) or
     * all pairs (star). */
    double best = 1e9;
    for (size_t i = 0; i < c.n; i++)
        for (size_t j = i + 1; j < c.n; j++) {
            if (!star && i > 0)
                break;
            double dm = dmin_closed(incl * DEG, c.raan_rad[j] - c.raan_rad[i],
                                    c.mean_anom_rad[j] - c.mean_anom_rad[i]);
            best = fmin(best, 2 * a * sin(dm / 2));
        }
    /* Sampled: propagate one period (two-body) every 5 s. */
    double period = 2 * M_PI * sqrt(a * a * a / ODC_MU_EARTH_KM3_S2), seen = 1e9;
    double *x = malloc(3 * c.n * sizeof *x), *y = x + c.n, *z = y + c.n;
    for (double tt = 0; tt <= period; tt += 5.0) {
        odc_constellation_propagate(&c, tt, 0, x, y, z, NULL, NULL, NULL);
        for (size_t i = 0; i < c.n; i++)
            for (size_t j = i + 1; j < c.n; j++)
                seen = fmin(seen, sqrt(pow(x[i] - x[j], 2) + pow(y[i] - y[j], 2) +
                                       pow(z[i] - z[j], 2)));
    }
    printf("walker %d/%d/%d%s at %.0f km, %.1f deg: min distance closed form %.4f km, "
           "sampled (5 s) %.4f km\n", t, p, f, star ? " star" : "", alt, incl, best, seen);
    assert_true(seen >= best - 1e-6);
    assert_true(seen - best < 1e-3);   /* 5 s sampling error; measured <= 1e-4 km */
    free(x);
    odc_constellation_free(&c);
}

static void test_min_distance(void **state)
{
    (void)state;
    check_min_distance(24, 6, 1, 0, 20180.0, 55.0);   /* GPS-like */
    check_min_distance(66, 6, 2, 1, 780.0, 86.4);     /* Iridium-like star */
    check_min_distance(12, 3, 1, 0, 1000.0, 50.0);
}

static void test_errors(void **state)
{
    (void)state;
    odc_constellation c;
    odc_err err;
    assert_int_equal(odc_walker(&c, 25, 6, 1, 550, 53, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_string_equal(err.field, "p");
    assert_int_equal(odc_walker(&c, 24, 6, 6, 550, 53, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_string_equal(err.field, "f");
    assert_int_equal(odc_walker(&c, 24, 6, -1, 550, 53, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_int_equal(odc_walker(&c, 0, 1, 0, 550, 53, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_int_equal(odc_walker(&c, 24, 6, 1, -5, 53, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_int_equal(odc_walker(&c, 24, 6, 1, 550, 181, 0, 0, JD0, 0, &err), ODC_EINPUT);
    assert_int_equal(odc_walker(&c, 24, 6, 1, 550, NAN, 0, 0, JD0, 0, &err), ODC_EINPUT);
}

static void test_export(void **state)
{
    (void)state;
    /* Export to TLE/OMM mean elements: n from Kepler's third law,
     * n = sqrt(mu/a^3) -> rev/day; angles in degrees 0..360; epoch as TLE
     * year + day of year (JD0 = 2026-01-01 0h UTC is day 1.0). */
    odc_constellation c;
    odc_err err;
    assert_int_equal(odc_walker(&c, 24, 6, 1, 20180.0, 55.0, 0.0, 0, JD0, 0.25, &err), ODC_OK);
    odc_elements el[24];
    assert_int_equal(odc_constellation_to_elements(&c, 80001, "GPSLIKE", el, &err), ODC_OK);
    double a = ODC_RE_EARTH_KM + 20180.0;
    double n = sqrt(ODC_MU_EARTH_KM3_S2 / (a * a * a)) * 86400.0 / (2 * M_PI);
    assert_true(fabs(el[5].mean_motion_rev_day - n) < 1e-12);
    /* GPS-like: half a sidereal day period -> ~2.0059 rev/day. */
    assert_true(fabs(el[5].mean_motion_rev_day - 2.0059) < 1e-3);
    assert_int_equal(el[0].epoch_year, 2026);
    assert_true(fabs(el[0].epoch_doy - 1.25) < 1e-9);
    assert_int_equal(el[23].norad, 80024);
    assert_string_equal(el[23].name, "GPSLIKE-24");
    assert_true(el[7].raan_deg >= 0.0 && el[7].raan_deg < 360.0);
    assert_true(fabs(el[7].raan_deg - 60.0) < 1e-9);     /* plane 1 */
    assert_true(el[3].bstar == 0.0 && el[3].ecc == 0.0);
    /* Through the TLE writer and reader: same values to TLE precision. */
    char l1[70], l2[70];
    odc_elements back;
    assert_int_equal(odc_tle_format(&el[9], l1, l2, &err), ODC_OK);
    assert_int_equal(odc_tle_parse(NULL, l1, l2, NULL, "mem", 1, &back, &err), ODC_OK);
    assert_true(fabs(back.mean_motion_rev_day - el[9].mean_motion_rev_day) < 1e-8);
    assert_true(fabs(back.mean_anomaly_deg - el[9].mean_anomaly_deg) < 1e-4);
    assert_true(fabs(back.incl_deg - 55.0) < 1e-4);
    assert_int_equal(back.norad, 80010);
    /* Catalogue numbers beyond Alpha-5 are refused. */
    assert_int_equal(odc_constellation_to_elements(&c, 339990, "X", el, &err), ODC_EINPUT);
    assert_string_equal(err.field, "first_norad");
    assert_int_equal(odc_constellation_to_elements(&c, 0, "X", el, &err), ODC_EINPUT);
    odc_constellation_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definition),
        cmocka_unit_test(test_symmetry),
        cmocka_unit_test(test_min_distance),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
