/* Neighbour selection: the grid-hashed selection gives exactly the links
 * of an independent O(N^2) enumeration of the same rule, respects the
 * terminal limit, the range limit and Earth blockage, reports bad input,
 * and scales near-linearly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "odc/isl.h"
#include "odc/neighbors.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ---- independent reference: all pairs, closed-form blockage via the
 * perpendicular distance |r1 x r2| / |r2 - r1| ------------------------- */

typedef struct { double d2; int i, j; } ref_cand;

static int ref_cmp(const void *a, const void *b)
{
    const ref_cand *x = a, *y = b;
    if (x->d2 < y->d2) return -1;
    if (x->d2 > y->d2) return 1;
    if (x->i != y->i) return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : (x->j > y->j);
}

static int ref_blocked(const double a[3], const double b[3], double rb)
{
    double ra = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    double rbv = sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double len = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    double m = fmin(ra, rbv);
    /* Foot of the perpendicular inside the segment iff the angles at both
     * ends are acute (a.d < 0 and b.d > 0). */
    double ad = a[0] * d[0] + a[1] * d[1] + a[2] * d[2];
    double bd = b[0] * d[0] + b[1] * d[1] + b[2] * d[2];
    if (len > 0 && ad < 0 && bd > 0) {
        double c[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                       a[0] * b[1] - a[1] * b[0]};
        m = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]) / len;
    }
    return !(m > rb);
}

/* Returns the number of edges written to out (i, j, range). */
static size_t reference(size_t n, const double *x, const double *y, const double *z,
                        double range, int k, double rb, odc_nbr_edge *out)
{
    size_t cap = n * (n - 1) / 2, nc = 0;
    ref_cand *c = malloc((cap ? cap : 1) * sizeof *c);
    int *deg = calloc(n, sizeof *deg);
    assert_non_null(c);
    assert_non_null(deg);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double dx = x[j] - x[i], dy = y[j] - y[i], dz = z[j] - z[i];
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > range * range)
                continue;
            double a[3] = {x[i], y[i], z[i]}, b[3] = {x[j], y[j], z[j]};
            if (rb > 0 && ref_blocked(a, b, rb))
                continue;
            c[nc].d2 = d2;
            c[nc].i = (int)i;
            c[nc].j = (int)j;
            nc++;
        }
    qsort(c, nc, sizeof *c, ref_cmp);
    size_t ne = 0;
    for (size_t q = 0; q < nc; q++)
        if (deg[c[q].i] < k && deg[c[q].j] < k) {
            deg[c[q].i]++;
            deg[c[q].j]++;
            out[ne].i = c[q].i;
            out[ne].j = c[q].j;
            out[ne].range_km = sqrt(c[q].d2);
            ne++;
        }
    free(c);
    free(deg);
    return ne;
}

static int edge_cmp(const void *a, const void *b)
{
    const odc_nbr_edge *x = a, *y = b;
    if (x->i != y->i) return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : (x->j > y->j);
}

/* Deterministic uniform numbers (splitmix64). */
static double urand(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static void select_ok(odc_nbr_ws *ws, size_t n, const double *x, const double *y,
                      const double *z, odc_nbr_edge *e, size_t cap, size_t *ne)
{
    odc_err err;
    odc_err_clear(&err);
    if (odc_nbr_select(ws, n, x, y, z, e, cap, ne, &err)) {
        char buf[1024];
        fail_msg("%s", odc_err_format(&err, buf, sizeof buf));
    }
}

/* Compare grid and reference on one configuration. */
static void compare(size_t n, const double *x, const double *y, const double *z,
                    double range, int k, double rb, size_t *n_links)
{
    odc_nbr_params p = {.max_range_km = range, .k_terminals = k, .r_block_km = rb,
                        .max_candidates = n * 200};
    odc_nbr_ws *ws;
    assert_int_equal(odc_nbr_ws_create(n, &p, &ws, NULL), ODC_OK);
    size_t cap = n * (size_t)k / 2 + 1, ne = 0;
    odc_nbr_edge *e = malloc(cap * sizeof *e), *r = malloc(cap * sizeof *r);
    assert_non_null(e);
    assert_non_null(r);
    select_ok(ws, n, x, y, z, e, cap, &ne);
    /* Output is sorted by range. */
    for (size_t q = 1; q < ne; q++)
        assert_true(e[q].range_km >= e[q - 1].range_km);
    size_t nr = reference(n, x, y, z, range, k, rb, r);
    assert_int_equal(ne, nr);
    qsort(e, ne, sizeof *e, edge_cmp);
    qsort(r, nr, sizeof *r, edge_cmp);
    for (size_t q = 0; q < ne; q++) {
        if (e[q].i != r[q].i || e[q].j != r[q].j)
            fail_msg("link %zu: grid (%d,%d), reference (%d,%d)", q, e[q].i, e[q].j, r[q].i,
                     r[q].j);
        assert_true(fabs(e[q].range_km - r[q].range_km) <= 1e-12 * r[q].range_km);
    }
    /* Terminal limit and range limit. */
    int *deg = calloc(n, sizeof *deg);
    for (size_t q = 0; q < ne; q++) {
        assert_true(e[q].i < e[q].j);
        assert_true(e[q].range_km <= range);
        deg[e[q].i]++;
        deg[e[q].j]++;
    }
    for (size_t i = 0; i < n; i++)
        assert_true(deg[i] <= k);
    free(deg);
    *n_links = ne;
    free(e);
    free(r);
    odc_nbr_ws_free(ws);
}

static void test_against_brute_force(void **state)
{
    (void)state;
    enum { N = 1500 };
    static double x[N], y[N], z[N];
    uint64_t seed = 12345;
    size_t links;
    /* (a) random shell at 550 km, 700 km range, 4 terminals, blockage at
     * 80 km grazing height. */
    for (int trial = 0; trial < 3; trial++) {
        for (int i = 0; i < N; i++) {
            double u = 2 * urand(&seed) - 1, ph = 2 * M_PI * urand(&seed);
            double r = ODC_ISL_R_EARTH_KM + 550 + 50 * urand(&seed), s = sqrt(1 - u * u);
            x[i] = r * s * cos(ph);
            y[i] = r * s * sin(ph);
            z[i] = r * u;
        }
        compare(N, x, y, z, 700.0 + 300.0 * trial, 2 + trial, ODC_ISL_R_EARTH_KM + 80, &links);
        assert_true(links > N / 2);
    }
    /* (b) long links where blockage matters: 200 satellites at 550 km,
     * 8000 km range, many terminals. */
    for (int i = 0; i < 200; i++) {
        double u = 2 * urand(&seed) - 1, ph = 2 * M_PI * urand(&seed);
        double r = ODC_ISL_R_EARTH_KM + 550, s = sqrt(1 - u * u);
        x[i] = r * s * cos(ph);
        y[i] = r * s * sin(ph);
        z[i] = r * u;
    }
    compare(200, x, y, z, 8000.0, 30, ODC_ISL_R_EARTH_KM + 80, &links);
    assert_true(links > 1000);
    /* (c) formation cluster: 1000 satellites in a 2 km box at 650 km,
     * 250 m range, 3 terminals, no blockage test. */
    for (int i = 0; i < 1000; i++) {
        x[i] = 7028.137 + 2 * urand(&seed);
        y[i] = 2 * urand(&seed) - 1;
        z[i] = 2 * urand(&seed) - 1;
    }
    compare(1000, x, y, z, 0.25, 3, 0.0, &links);
    assert_true(links > 300);
    /* (d) exact ties: a cubic lattice (all nearest distances equal). */
    int q = 0;
    for (int a = 0; a < 8; a++)
        for (int b = 0; b < 8; b++)
            for (int c = 0; c < 8; c++, q++) {
                x[q] = 7000.0 + a * 0.1;
                y[q] = b * 0.1;
                z[q] = c * 0.1;
            }
    compare(512, x, y, z, 0.1000001, 4, 0.0, &links);
    assert_true(links > 512);
}

static void test_terminal_and_range_limits(void **state)
{
    (void)state;
    /* A hub with six satellites on the +x, +y, +z, -x, -y, -z axes at 10,
     * 11, ..., 15 km. Spoke-to-spoke distances are >= sqrt(10^2 + 11^2) =
     * 14.87 km > 12 km, so with 3 terminals the hub's three shortest
     * candidates (10, 11, 12 km) come first and fill it. */
    double x[7] = {7000}, y[7] = {0}, z[7] = {0};
    for (int s = 1; s <= 6; s++) {
        double d = 9.0 + s, sg = s <= 3 ? 1.0 : -1.0;
        int axis = (s - 1) % 3;
        x[s] = 7000 + (axis == 0 ? sg * d : 0);
        y[s] = axis == 1 ? sg * d : 0;
        z[s] = axis == 2 ? sg * d : 0;
    }
    odc_nbr_params p = {.max_range_km = 1000, .k_terminals = 3, .r_block_km = 0};
    odc_nbr_ws *ws;
    assert_int_equal(odc_nbr_ws_create(7, &p, &ws, NULL), ODC_OK);
    odc_nbr_edge e[64];
    size_t ne;
    select_ok(ws, 7, x, y, z, e, 64, &ne);
    int hub = 0;
    for (size_t q = 0; q < ne; q++)
        if (e[q].i == 0) {
            assert_true(e[q].j >= 1 && e[q].j <= 3);
            assert_true(fabs(e[q].range_km - (9.0 + e[q].j)) < 1e-9);
            hub++;
        }
    assert_int_equal(hub, 3);
    /* The first three links are the hub's, in order of range. */
    assert_true(e[0].i == 0 && e[0].j == 1 && e[1].j == 2 && e[2].j == 3);
    odc_nbr_ws_free(ws);

    /* A line of satellites 100 km apart; range 150 km: only neighbours on
     * the line link; range exactly 100 km is included; 99.999 km excludes
     * all. */
    double lx[20], ly[20], lz[20];
    for (int i = 0; i < 20; i++) {
        lx[i] = 7000.0;
        ly[i] = 100.0 * i;
        lz[i] = 0.0;
    }
    const double ranges[3] = {150.0, 100.0, 99.999};
    const size_t expect[3] = {19, 19, 0};
    for (int c = 0; c < 3; c++) {
        p.max_range_km = ranges[c];
        p.k_terminals = 4;
        assert_int_equal(odc_nbr_ws_create(20, &p, &ws, NULL), ODC_OK);
        select_ok(ws, 20, lx, ly, lz, e, 64, &ne);
        assert_int_equal(ne, expect[c]);
        for (size_t q = 0; q < ne; q++)
            assert_int_equal(e[q].j, e[q].i + 1);
        odc_nbr_ws_free(ws);
    }
}

static void test_blockage(void **state)
{
    (void)state;
    /* Four satellites on a 550 km circle at 0, 40, 90 and 180 deg; range
     * 20000 km, 3 terminals, 80 km grazing: critical separation 42.45 deg
     * (see test_isl), so only the 0-40 and 40-90 deg pairs (40 and 50
     * deg... 50 > 42.45 is blocked) -- i.e. only 0-40 links. */
    double r = ODC_ISL_R_EARTH_KM + 550, ang[4] = {0, 40, 90, 180};
    double x[4], y[4], z[4];
    for (int i = 0; i < 4; i++) {
        x[i] = r * cos(ang[i] * M_PI / 180);
        y[i] = r * sin(ang[i] * M_PI / 180);
        z[i] = 0;
    }
    odc_nbr_params p = {.max_range_km = 20000, .k_terminals = 3,
                        .r_block_km = ODC_ISL_R_EARTH_KM + 80};
    odc_nbr_ws *ws;
    assert_int_equal(odc_nbr_ws_create(4, &p, &ws, NULL), ODC_OK);
    odc_nbr_edge e[8];
    size_t ne;
    select_ok(ws, 4, x, y, z, e, 8, &ne);
    assert_int_equal(ne, 1);
    assert_int_equal(e[0].i, 0);
    assert_int_equal(e[0].j, 1);
    assert_int_equal(odc_nbr_last_candidates(ws), 1);
    odc_nbr_ws_free(ws);
    /* With blockage disabled, all 6 pairs are candidates; 3 terminals let
     * every satellite link to every other. */
    p.r_block_km = 0;
    assert_int_equal(odc_nbr_ws_create(4, &p, &ws, NULL), ODC_OK);
    select_ok(ws, 4, x, y, z, e, 8, &ne);
    assert_int_equal(ne, 6);
    odc_nbr_ws_free(ws);
}

static void test_errors(void **state)
{
    (void)state;
    odc_nbr_params p = {.max_range_km = 100, .k_terminals = 2, .r_block_km = 0};
    odc_nbr_ws *ws = NULL;
    odc_err e;
    odc_nbr_params bad = p;
    bad.max_range_km = 0;
    assert_int_equal(odc_nbr_ws_create(10, &bad, &ws, &e), ODC_EINPUT);
    assert_string_equal(e.field, "max_range_km");
    assert_null(ws);
    bad = p;
    bad.k_terminals = 0;
    assert_int_equal(odc_nbr_ws_create(10, &bad, &ws, &e), ODC_EINPUT);
    assert_string_equal(e.field, "k_terminals");
    bad = p;
    bad.r_block_km = -1;
    assert_int_equal(odc_nbr_ws_create(10, &bad, &ws, &e), ODC_EINPUT);
    assert_string_equal(e.field, "r_block_km");
    assert_int_equal(odc_nbr_ws_create(0, &p, &ws, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n_max");

    p.max_candidates = 3;
    assert_int_equal(odc_nbr_ws_create(10, &p, &ws, &e), ODC_OK);
    double x[10], y[10], z[10];
    for (int i = 0; i < 10; i++) {
        x[i] = 7000;
        y[i] = i * 10.0;
        z[i] = 0;
    }
    odc_nbr_edge ed[10];
    size_t ne;
    /* More satellites than the workspace. */
    assert_int_equal(odc_nbr_select(ws, 11, x, y, z, ed, 10, &ne, &e), ODC_EINPUT);
    assert_string_equal(e.field, "n");
    /* 10 satellites 10 km apart, range 100 km: 45 candidates > 3. */
    assert_int_equal(odc_nbr_select(ws, 10, x, y, z, ed, 10, &ne, &e), ODC_EMODEL);
    assert_string_equal(e.field, "max_candidates");
    assert_non_null(strstr(e.msg, "45 candidate pairs"));
    odc_nbr_ws_free(ws);
    p.max_candidates = 0;
    assert_int_equal(odc_nbr_ws_create(10, &p, &ws, &e), ODC_OK);
    /* Edge buffer too small: 10 satellites, 2 terminals -> up to 9 links. */
    assert_int_equal(odc_nbr_select(ws, 10, x, y, z, ed, 4, &ne, &e), ODC_EMODEL);
    assert_string_equal(e.field, "edge_cap");
    /* Non-finite position, named with its index. */
    y[7] = NAN;
    assert_int_equal(odc_nbr_select(ws, 10, x, y, z, ed, 10, &ne, &e), ODC_EINPUT);
    assert_string_equal(e.field, "y_km[7]");
    y[7] = 70;
    /* Range too small for the spread of positions. */
    odc_nbr_ws_free(ws);
    p.max_range_km = 1e-9;
    assert_int_equal(odc_nbr_ws_create(10, &p, &ws, &e), ODC_OK);
    y[9] = 1e6;
    assert_int_equal(odc_nbr_select(ws, 10, x, y, z, ed, 10, &ne, &e), ODC_EINPUT);
    assert_string_equal(e.field, "max_range_km");
    /* Fewer than two satellites: no links, no error. */
    assert_int_equal(odc_nbr_select(ws, 1, x, y, z, ed, 10, &ne, &e), ODC_OK);
    assert_int_equal(ne, 0);
    odc_nbr_ws_free(ws);
}

/* Walker-like shell: P planes of S satellites, inclination 53 deg,
 * 550 km, phasing 1. */
static void walker(size_t p_planes, size_t s_per, double *x, double *y, double *z)
{
    const double r = ODC_ISL_R_EARTH_KM + 550, inc = 53 * M_PI / 180;
    size_t n = p_planes * s_per;
    for (size_t p = 0; p < p_planes; p++) {
        double raan = 2 * M_PI * p / p_planes;
        for (size_t s = 0; s < s_per; s++) {
            double u = 2 * M_PI * s / s_per + 2 * M_PI * p / n;
            size_t i = p * s_per + s;
            x[i] = r * (cos(u) * cos(raan) - sin(u) * cos(inc) * sin(raan));
            y[i] = r * (cos(u) * sin(raan) + sin(u) * cos(inc) * cos(raan));
            z[i] = r * sin(u) * sin(inc);
        }
    }
}

/* Processor time of this process: unlike wall time it is not inflated
 * when other builds share the CPU while ctest runs tests in parallel. */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Time per step for an S x S Walker shell with the range scaled to 1.5
 * in-plane spacings, so the candidates per satellite stay constant. */
static double time_step(size_t s_per, size_t *links)
{
    size_t n = s_per * s_per;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
    assert_true(x && y && z);
    walker(s_per, s_per, x, y, z);
    double spacing = 2 * M_PI * (ODC_ISL_R_EARTH_KM + 550) / s_per;
    odc_nbr_params p = {.max_range_km = 1.5 * spacing, .k_terminals = 4,
                        .r_block_km = ODC_ISL_R_EARTH_KM + 80};
    odc_nbr_ws *ws;
    assert_int_equal(odc_nbr_ws_create(n, &p, &ws, NULL), ODC_OK);
    odc_nbr_edge *e = malloc(2 * n * sizeof *e);
    assert_non_null(e);
    double best = INFINITY;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now_s();
        select_ok(ws, n, x, y, z, e, 2 * n, links);
        double dt = now_s() - t0;
        best = dt < best ? dt : best;
    }
    odc_nbr_ws_free(ws);
    free(e);
    free(x);
    free(y);
    free(z);
    return best;
}

static void test_scaling(void **state)
{
    (void)state;
    size_t l1, l2;
    double t1 = time_step(100, &l1);   /*  10,000 satellites */
    double t2 = time_step(316, &l2);   /*  99,856 satellites */
    printf("# neighbour selection: N=10000 %.2f ms (%zu links), N=99856 %.2f ms "
           "(%zu links), ratio %.2f\n", 1e3 * t1, l1, 1e3 * t2, l2, t2 / t1);
    /* Nearly every satellite uses all 4 terminals on a regular shell. */
    assert_true(l1 > 10000 * 3 / 2 && l2 > 99856 * 3 / 2);
    /* Near-linear: 10x satellites within 40x time (expected ~10-15x). */
    assert_true(t2 / t1 < 40.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_brute_force),
        cmocka_unit_test(test_terminal_and_range_limits),
        cmocka_unit_test(test_blockage),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_scaling),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
