/* Formation-flying cluster: hexagonal lattice in the Clohessy-Wiltshire
 * circular-relative-orbit plane, mapped to absolute elements through
 * relative orbital elements. Checks the geometry (60 deg plane, radius,
 * spacing), that both hold over a day of two-body propagation (the
 * nonlinear error), the failure when N does not fit, and measures what J2
 * does over a day against the linearised differential J2 rates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "odc/constellation.h"

#define DEG (M_PI / 180.0)
#define JD1 2461119.5
#define JD2 0.25
#define NMAX 128

typedef struct {
    double max_radius_m, min_spacing_m, max_radius_change_m, max_pair_change_m;
    double max_plane_err_m;
} stats;

static void rtn(const double r0[3], const double v0[3], const double r[3], double out[3])
{
    double rn = sqrt(r0[0] * r0[0] + r0[1] * r0[1] + r0[2] * r0[2]);
    double h[3] = {r0[1] * v0[2] - r0[2] * v0[1], r0[2] * v0[0] - r0[0] * v0[2],
                   r0[0] * v0[1] - r0[1] * v0[0]};
    double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
    double R[3] = {r0[0] / rn, r0[1] / rn, r0[2] / rn}, N[3] = {h[0] / hn, h[1] / hn, h[2] / hn};
    double T[3] = {N[1] * R[2] - N[2] * R[1], N[2] * R[0] - N[0] * R[2], N[0] * R[1] - N[1] * R[0]};
    double d[3] = {r[0] - r0[0], r[1] - r0[1], r[2] - r0[2]};
    out[0] = d[0] * R[0] + d[1] * R[1] + d[2] * R[2];
    out[1] = d[0] * T[0] + d[1] * T[1] + d[2] * T[2];
    out[2] = d[0] * N[0] + d[1] * N[1] + d[2] * N[2];
}

/* Statistics over `hours` at 60 s steps; satellite 0 is the reference
 * (centre of the lattice). Distances in metres. */
static stats measure(const odc_constellation *c, int use_j2, double hours)
{
    static double x[NMAX], y[NMAX], z[NMAX], vx[NMAX], vy[NMAX], vz[NMAX];
    static double r0[NMAX], p0[NMAX][NMAX];
    stats s = {0, 1e30, 0, 0, 0};
    size_t n = c->n;
    for (double t = 0; t <= hours * 3600.0; t += 60.0) {
        odc_constellation_propagate(c, t, use_j2, x, y, z, vx, vy, vz);
        double rr[3] = {x[0], y[0], z[0]}, vv[3] = {vx[0], vy[0], vz[0]};
        for (size_t i = 0; i < n; i++) {
            double ri = 1000.0 * sqrt(pow(x[i] - x[0], 2) + pow(y[i] - y[0], 2) + pow(z[i] - z[0], 2));
            if (t == 0)
                r0[i] = ri;
            s.max_radius_m = fmax(s.max_radius_m, ri);
            s.max_radius_change_m = fmax(s.max_radius_change_m, fabs(ri - r0[i]));
            double ri3[3] = {x[i], y[i], z[i]}, q[3];
            rtn(rr, vv, ri3, q);
            /* Plane of the circular relative orbit: z = sqrt(3) x. */
            s.max_plane_err_m = fmax(s.max_plane_err_m, 1000.0 * fabs(q[2] - sqrt(3.0) * q[0]) / 2.0);
            for (size_t j = i + 1; j < n; j++) {
                double d = 1000.0 * sqrt(pow(x[i] - x[j], 2) + pow(y[i] - y[j], 2) +
                                         pow(z[i] - z[j], 2));
                if (t == 0)
                    p0[i][j] = d;
                s.min_spacing_m = fmin(s.min_spacing_m, d);
                s.max_pair_change_m = fmax(s.max_pair_change_m, fabs(d - p0[i][j]));
            }
        }
    }
    return s;
}

static void test_suncatcher_81(void **state)
{
    (void)state;
    /* 81 satellites within 1 km at 650 km dawn-dusk, as in Google's
     * "Project Suncatcher" (arXiv:2511.19468, Nov 2025), spacing >= 100 m. */
    odc_constellation ref, c;
    odc_err err;
    double sp;
    assert_int_equal(odc_sso(&ref, 1, 650.0, 6.0, JD1, JD2, &err), ODC_OK);
    assert_int_equal(odc_cluster(&c, &ref, 81, 1000.0, 100.0, &sp, &err), ODC_OK);
    assert_int_equal((int)c.n, 81);
    assert_true(sp >= 100.0 && sp <= 1000.0);
    /* Satellite 0 is the lattice centre: the reference orbit itself. */
    double ra[3], va[3], rb[3], vb[3];
    odc_constellation_state(&ref, 0, 1234.0, ra, va);
    odc_constellation_state(&c, 0, 1234.0, rb, vb);
    for (int k = 0; k < 3; k++)
        assert_true(fabs(ra[k] - rb[k]) < 1e-9);
    /* Same semi-major axis for all (delta a = 0). */
    for (size_t i = 0; i < c.n; i++)
        assert_true(c.a_km[i] == ref.a_km[0]);

    stats k = measure(&c, 0, 24.0);
    printf("cluster 81/1 km/650 km, 24 h two-body: lattice spacing %.3f m, max radius "
           "%.4f m, min spacing %.4f m, max radius change %.4f m, max pair-distance "
           "change %.4f m, max off-plane %.4f m\n", sp, k.max_radius_m, k.min_spacing_m,
           k.max_radius_change_m, k.max_pair_change_m, k.max_plane_err_m);
    /* Linear theory is exact up to O(rho^2/a) = 0.14 m at 1 km: allow 1 m. */
    assert_true(k.max_radius_m <= 1000.0 + 1.0);
    assert_true(k.min_spacing_m >= sp - 1.0);
    assert_true(k.max_pair_change_m < 1.0);
    assert_true(k.max_plane_err_m < 1.0);
    /* And the formation is not trivially static: the lattice really spans
     * the radius, neighbours really are at the spacing. */
    assert_true(k.max_radius_m > 999.0);
    assert_true(k.min_spacing_m < sp + 1.0);

    /* J2 over one day: the differential secular rates shear the formation.
     * Linearised (D'Amico 2010, sec. 2.4, J2 effect on relative orbital
     * elements): delta lambda drifts at -10.5 k sin i cos i delta i_x and
     * delta i_y at 1.5 k sin^2 i delta i_x (k = n J2 (Re/a)^2); delta e
     * rotates at the perigee rate (a bounded oscillation). The orbit
     * average of the along-track offset (J2 minus two-body) removes the
     * oscillating part and must equal a * delta lambda drift. */
    stats j = measure(&c, 1, 24.0);
    printf("cluster 81/1 km/650 km, 24 h with J2: max radius %.2f m, min spacing %.2f m, "
           "max radius change %.2f m, max pair-distance change %.2f m\n",
           j.max_radius_m, j.min_spacing_m, j.max_radius_change_m, j.max_pair_change_m);
    double a = ref.a_km[0] * 1000.0, inc = ref.incl_rad[0];
    double nn = sqrt(ODC_MU_EARTH_KM3_S2 / pow(ref.a_km[0], 3));
    double kk = nn * ODC_J2_EARTH * pow(ODC_RE_EARTH_KM / ref.a_km[0], 2);
    double period = 2 * M_PI / nn, worst = 0, biggest = 0;
    for (size_t i = 1; i < c.n; i++) {
        double dix = c.incl_rad[i] - c.incl_rad[0];
        double want = a * (-10.5 * kk * sin(inc) * cos(inc) * dix) * 86400.0;
        double sum = 0;
        int m = 0;
        for (double t = 86400.0 - period / 2; t < 86400.0 + period / 2; t += 30.0, m++) {
            double rr[3], vv[3], r1[3], v1[3], rk[3], vk[3], r2[3], v2[3], q1[3], q2[3];
            odc_constellation_state(&c, 0, t, rr, vv);
            odc_constellation_state(&c, i, t, r1, v1);
            odc_constellation_state_kepler(&c, 0, t, rk, vk);
            odc_constellation_state_kepler(&c, i, t, r2, v2);
            rtn(rr, vv, r1, q1);
            rtn(rk, vk, r2, q2);
            sum += (q1[1] - q2[1]) * 1000.0;
        }
        double got = sum / m;
        worst = fmax(worst, fabs(got - want));
        biggest = fmax(biggest, fabs(got));
    }
    double rim = fabs(a * 10.5 * kk * sin(inc) * cos(inc) * (0.5 * sqrt(3.0) * 1000.0 / a) * 86400.0);
    printf("cluster J2 after 24 h: max orbit-averaged along-track drift %.2f m (linear "
           "theory, delta i_x = full rim value: %.2f m); max |measured - linear| %.3f m\n",
           biggest, rim, worst);
    assert_true(biggest > 10.0 && biggest <= rim);
    assert_true(worst < 0.02 * biggest + 0.5);
    odc_constellation_free(&c);
    odc_constellation_free(&ref);
}

static void test_fit_and_errors(void **state)
{
    (void)state;
    odc_constellation ref, c;
    odc_err err;
    double sp;
    assert_int_equal(odc_sso(&ref, 1, 650.0, 6.0, JD1, JD2, &err), ODC_OK);
    /* 7 points: centre + first hexagon ring at R: spacing exactly R. */
    assert_int_equal(odc_cluster(&c, &ref, 7, 500.0, 100.0, &sp, &err), ODC_OK);
    assert_true(fabs(sp - 500.0) < 1e-9);
    stats k = measure(&c, 0, 2.0);
    assert_true(fabs(k.min_spacing_m - 500.0) < 0.5);
    odc_constellation_free(&c);
    /* 19 points: rings at 1, sqrt3, 2 -> spacing R/2. */
    assert_int_equal(odc_cluster(&c, &ref, 19, 1000.0, 100.0, &sp, &err), ODC_OK);
    assert_true(fabs(sp - 500.0) < 1e-9);
    odc_constellation_free(&c);
    /* A single satellite is the reference itself. */
    assert_int_equal(odc_cluster(&c, &ref, 1, 10.0, 100.0, &sp, &err), ODC_OK);
    assert_true(sp == 0.0 && c.n == 1);
    odc_constellation_free(&c);
    /* Cannot fit: 81 within 1 km needs spacing <= ~205 m. */
    assert_int_equal(odc_cluster(&c, &ref, 81, 1000.0, 300.0, &sp, &err), ODC_EINPUT);
    printf("cluster error: %s\n", err.msg);
    assert_string_equal(err.field, "n");
    assert_int_equal(odc_cluster(&c, &ref, 0, 1000.0, 100.0, &sp, &err), ODC_EINPUT);
    assert_int_equal(odc_cluster(&c, &ref, 5, -1.0, 100.0, &sp, &err), ODC_EINPUT);
    assert_int_equal(odc_cluster(&c, &ref, 5, 1000.0, 0.0, &sp, &err), ODC_EINPUT);
    assert_int_equal(odc_cluster(&c, &ref, 5, 1e6, 1.0, &sp, &err), ODC_EINPUT);
    /* Equatorial reference: node undefined. */
    ref.incl_rad[0] = 0.0;
    assert_int_equal(odc_cluster(&c, &ref, 5, 1000.0, 10.0, &sp, &err), ODC_EINPUT);
    odc_constellation_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suncatcher_81),
        cmocka_unit_test(test_fit_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
