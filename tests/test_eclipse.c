/* Eclipse finder on analytic circular orbits with a fixed Sun:
 * - cylindrical durations against the closed form
 *   T = (P/pi) acos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) )
 *   (Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed.
 *   2013, ch. 5 shadow analysis; the same geometry as CNES CelestLab's
 *   CL_gm_betaEclipse), evaluated independently here;
 * - conical umbra inside the cylinder inside the penumbra;
 * - grazing passes shorter than the step; eclipses open at the window ends;
 * - events agree with the illumination function; the sunlit fraction
 *   against brute-force fine sampling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "odc/eclipse.h"
#include "odc/shadow.h"

static const double RE = 6378.137, MU = 398600.4418, AU = 149597870.7;

/* Circular orbit in the x-y plane, starting on +x at phase0 (rad). */
typedef struct circ {
    double a_km, n_rad_s, phase0;
    int calls;
} circ;

static int circ_pos(void *ctx, double t, double r[3])
{
    circ *c = ctx;
    double u = c->phase0 + c->n_rad_s * t;
    r[0] = c->a_km * cos(u);
    r[1] = c->a_km * sin(u);
    r[2] = 0.0;
    c->calls++;
    return 0;
}

/* Fixed Sun at elevation beta above the orbit plane, on the +x side. */
typedef struct fixsun {
    double s[3];
} fixsun;

static int fix_sun(void *ctx, double t, double s[3])
{
    (void)t;
    memcpy(s, ((fixsun *)ctx)->s, sizeof ((fixsun *)ctx)->s);
    return 0;
}

static void set_sun(fixsun *fs, double beta)
{
    fs->s[0] = AU * cos(beta);
    fs->s[1] = 0.0;
    fs->s[2] = AU * sin(beta);
}

static void set_orbit(circ *c, double h_km, double phase0)
{
    c->a_km = RE + h_km;
    c->n_rad_s = sqrt(MU / (c->a_km * c->a_km * c->a_km));
    c->phase0 = phase0;
    c->calls = 0;
}

#define MAXEV 4096
typedef struct evlist {
    size_t n;
    odc_eclipse e[MAXEV];
} evlist;

static int collect(void *ctx, const odc_eclipse *e)
{
    evlist *l = ctx;
    if (l->n < MAXEV)
        l->e[l->n++] = *e;
    return 0;
}

static double closed_form(double h, double beta)
{
    double a = RE + h, P = 2.0 * M_PI * sqrt(a * a * a / MU);
    double arg = sqrt(h * h + 2.0 * RE * h) / (a * cos(beta));
    return arg >= 1.0 ? 0.0 : P / M_PI * acos(arg);
}

static void test_cylindrical_closed_form(void **state)
{
    (void)state;
    static evlist L;
    odc_eclipse_opts o;
    odc_eclipse_opts_default(&o);
    o.shadow.model = ODC_SHADOW_CYLINDRICAL;
    const double hs[] = {400.0, 650.0, 1200.0, 20200.0, 35786.0};
    const double betas_deg[] = {0.0, 20.0, 45.0, 60.0};
    double worst = 0.0;
    int cases = 0;
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 4; j++) {
            double beta = betas_deg[j] * M_PI / 180.0;
            double T = closed_form(hs[i], beta);
            circ c;
            fixsun fs;
            set_orbit(&c, hs[i], 0.0);     /* start at noon: sunlit */
            set_sun(&fs, beta);
            double P = 2.0 * M_PI / c.n_rad_s;
            L.n = 0;
            assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o,
                                              0.0, 3.0 * P, collect, &L, NULL),
                             ODC_OK);
            if (T == 0.0) {
                assert_int_equal(L.n, 0);
                continue;
            }
            assert_int_equal(L.n, 3);
            for (size_t k = 0; k < L.n; k++) {
                assert_int_equal(L.e[k].kind, ODC_ECL_UMBRA);
                double d = L.e[k].exit_s - L.e[k].entry_s;
                /* centred on midnight: half a period after noon */
                double mid = 0.5 * (L.e[k].exit_s + L.e[k].entry_s);
                assert_float_equal(mid, (k + 0.5) * P, 1e-3);
                if (fabs(d - T) > worst)
                    worst = fabs(d - T);
            }
            cases++;
        }
    }
    printf("cylindrical vs closed form: %d cases, max |dT| = %.2e s\n", cases, worst);
    assert_true(cases >= 13);   /* the rest are beyond the beta limit */
    assert_true(worst < 1e-3);   /* brief: 0.1 s; tol_s is 1e-4 s */
}

/* Conical: umbra < cylinder < penumbra; report the differences. */
static void test_conical_vs_cylinder(void **state)
{
    (void)state;
    static evlist L;
    odc_eclipse_opts o;
    odc_eclipse_opts_default(&o);
    const double hs[] = {650.0, 35786.0};
    for (int i = 0; i < 2; i++) {
        circ c;
        fixsun fs;
        set_orbit(&c, hs[i], 0.0);
        set_sun(&fs, 0.0);
        double P = 2.0 * M_PI / c.n_rad_s;
        L.n = 0;
        assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 0.0,
                                          P, collect, &L, NULL), ODC_OK);
        assert_int_equal(L.n, 2);
        /* umbra is reported first (it ends first) */
        assert_int_equal(L.e[0].kind, ODC_ECL_UMBRA);
        assert_int_equal(L.e[1].kind, ODC_ECL_PENUMBRA);
        double du = L.e[0].exit_s - L.e[0].entry_s;
        double dp = L.e[1].exit_s - L.e[1].entry_s;
        double T = closed_form(hs[i], 0.0);
        printf("h=%.0f km beta=0: umbra %.3f s, cylinder %.3f s, penumbra %.3f s\n",
               hs[i], du, T, dp);
        assert_true(L.e[1].entry_s < L.e[0].entry_s && L.e[0].exit_s < L.e[1].exit_s);
        assert_true(du < T && T < dp);
        /* Penumbra width: the Sun's apparent diameter (~0.53 deg) swept
         * at the orbit's angular rate, stretched by the shadow geometry:
         * a few seconds per side in LEO, a few minutes in GEO. */
        double side = 0.5 * (dp - du);
        if (i == 0)
            assert_true(side > 3.0 && side < 15.0);
        else
            assert_true(side > 60.0 && side < 300.0);
        /* Illumination agrees with the events. */
        double r[3], s[3];
        const double eps = 0.01;
        double tt[4] = {L.e[1].entry_s, L.e[0].entry_s, L.e[0].exit_s, L.e[1].exit_s};
        double before[4] = {1, -1, 0, -1}, after[4] = {-1, 0, -1, 1};
        for (int k = 0; k < 4; k++) {
            circ_pos(&c, tt[k] - eps, r);
            fix_sun(&fs, 0, s);
            double nb = odc_shadow_illumination(r, s, NULL);
            circ_pos(&c, tt[k] + eps, r);
            double na = odc_shadow_illumination(r, s, NULL);
            if (before[k] >= 0) assert_true(nb == before[k]);
            else assert_true(nb > 0.0 && nb < 1.0);
            if (after[k] >= 0) assert_true(na == after[k]);
            else assert_true(na > 0.0 && na < 1.0);
        }
    }
}

/* Beta just below the cylindrical limit: the eclipse lasts ~1 min, less
 * than a 600 s step. The extremum search must still find it, and match the
 * closed form. */
static void test_grazing(void **state)
{
    (void)state;
    static evlist L;
    odc_eclipse_opts o;
    odc_eclipse_opts_default(&o);
    o.shadow.model = ODC_SHADOW_CYLINDRICAL;
    o.step_s = 600.0;
    double h = 650.0, a = RE + h;
    double blim = acos(sqrt(h * h + 2 * RE * h) / a);
    double beta = blim - 0.0005;
    double T = closed_form(h, beta);
    circ c;
    fixsun fs;
    set_orbit(&c, h, 0.3);
    set_sun(&fs, beta);
    double P = 2.0 * M_PI / c.n_rad_s;
    L.n = 0;
    assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 0.0,
                                      4.0 * P, collect, &L, NULL), ODC_OK);
    printf("grazing: closed form %.3f s, step 600 s, found %zu eclipses\n", T, L.n);
    assert_true(T > 10.0 && T < 600.0);
    assert_int_equal(L.n, 4);
    for (size_t k = 0; k < L.n; k++)
        assert_float_equal(L.e[k].exit_s - L.e[k].entry_s, T, 1e-2);
    /* Beyond the limit: none. */
    set_sun(&fs, blim + 0.0005);
    L.n = 0;
    assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 0.0,
                                      4.0 * P, collect, &L, NULL), ODC_OK);
    assert_int_equal(L.n, 0);
}

static void test_open_ends(void **state)
{
    (void)state;
    static evlist L;
    odc_eclipse_opts o;
    odc_eclipse_opts_default(&o);
    circ c;
    fixsun fs;
    set_orbit(&c, 650.0, M_PI);       /* start at midnight: in umbra */
    set_sun(&fs, 0.0);
    double P = 2.0 * M_PI / c.n_rad_s;
    L.n = 0;
    /* One full period from midnight to midnight: each kind appears twice,
     * open at the start and open at the end. */
    assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 0.0, P,
                                      collect, &L, NULL), ODC_OK);
    assert_int_equal(L.n, 4);
    int open_start = 0, open_end = 0;
    for (size_t k = 0; k < L.n; k++) {
        if (L.e[k].entry_open) {
            open_start++;
            assert_true(L.e[k].entry_s == 0.0);
        }
        if (L.e[k].exit_open) {
            open_end++;
            assert_true(L.e[k].exit_s == P);
        }
    }
    assert_int_equal(open_start, 2);
    assert_int_equal(open_end, 2);
    /* Bad input */
    odc_err err;
    assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 10.0, 0.0,
                                      collect, &L, &err), ODC_EINPUT);
    o.step_s = 0.0;
    assert_int_equal(odc_eclipse_find(circ_pos, &c, fix_sun, &fs, &o, 0.0, 10.0,
                                      collect, &L, &err), ODC_EINPUT);
}

static int failing_pos(void *ctx, double t, double r[3])
{
    if (t > 3000.0)
        return 1;
    return circ_pos(ctx, t, r);
}

static void test_callback_failure(void **state)
{
    (void)state;
    static evlist L;
    circ c;
    fixsun fs;
    set_orbit(&c, 650.0, 0.0);
    set_sun(&fs, 0.0);
    odc_err err;
    L.n = 0;
    assert_int_equal(odc_eclipse_find(failing_pos, &c, fix_sun, &fs, NULL, 0.0,
                                      10000.0, collect, &L, &err), ODC_EMODEL);
}

/* Sunlit fraction against brute-force sampling of the illumination at
 * 0.05 s (trapezoid) over three orbits. */
static void test_sunlit_fraction(void **state)
{
    (void)state;
    const double betas[] = {0.0, 0.5, 1.0};
    for (int j = 0; j < 3; j++) {
        circ c;
        fixsun fs;
        set_orbit(&c, 650.0, 0.1);
        set_sun(&fs, betas[j]);
        double P = 2.0 * M_PI / c.n_rad_s, T1 = 3.0 * P;
        odc_eclipse_stats st;
        assert_int_equal(odc_eclipse_stats_compute(circ_pos, &c, fix_sun, &fs,
                                                   NULL, 0.0, T1, 0.0, &st, NULL),
                         ODC_OK);
        double h = 0.05, sum = 0.0, tprev = 0.0, fprev;
        long n = (long)ceil(T1 / h);
        double r[3], s[3];
        fix_sun(&fs, 0, s);
        circ_pos(&c, 0.0, r);
        fprev = odc_shadow_illumination(r, s, NULL);
        for (long k = 1; k <= n; k++) {
            double t = k == n ? T1 : k * h;
            circ_pos(&c, t, r);
            double f = odc_shadow_illumination(r, s, NULL);
            sum += 0.5 * (f + fprev) * (t - tprev);
            fprev = f;
            tprev = t;
        }
        double brute = sum / T1;
        printf("beta %.1f rad: sunlit fraction %.8f, brute force %.8f, "
               "%zu eclipses, longest %.2f s\n", betas[j], st.sunlit_fraction,
               brute, st.n_eclipses, st.longest_s);
        assert_float_equal(st.sunlit_fraction, brute, 2e-7);
        assert_int_equal(st.n_eclipses, 3);
        assert_int_equal(st.n_seasons, 1);
        assert_true(st.umbra_s > 0.0 && st.penumbra_s > 0.0);
    }
}

/* Grazing conical passes with a 600 s step: the short umbra is found by
 * the extremum search, possibly after its penumbra passage; the statistics
 * must still match brute-force sampling. */
static void test_grazing_stats(void **state)
{
    (void)state;
    double h = 650.0, a = RE + h;
    double blim = acos(sqrt(h * h + 2 * RE * h) / a);
    const double off[] = {0.0005, 0.002, 0.004, 0.006};
    for (int j = 0; j < 4; j++) {
        circ c;
        fixsun fs;
        set_orbit(&c, h, 0.2);
        set_sun(&fs, blim - off[j]);
        double P = 2.0 * M_PI / c.n_rad_s, T1 = 3.0 * P;
        odc_eclipse_opts o;
        odc_eclipse_opts_default(&o);
        o.step_s = 600.0;
        odc_eclipse_stats st;
        assert_int_equal(odc_eclipse_stats_compute(circ_pos, &c, fix_sun, &fs, &o,
                                                   0.0, T1, 0.0, &st, NULL), ODC_OK);
        double hh = 0.02, sum = 0.0, tprev = 0.0, fprev, r[3], s[3];
        long n = (long)ceil(T1 / hh);
        fix_sun(&fs, 0, s);
        circ_pos(&c, 0.0, r);
        fprev = odc_shadow_illumination(r, s, NULL);
        for (long k = 1; k <= n; k++) {
            double t = k == n ? T1 : k * hh;
            circ_pos(&c, t, r);
            double f = odc_shadow_illumination(r, s, NULL);
            sum += 0.5 * (f + fprev) * (t - tprev);
            fprev = f;
            tprev = t;
        }
        printf("grazing beta lim-%.4f: %zu passages, %zu umbra, longest %.2f s, "
               "sunlit %.9f vs brute %.9f\n", off[j], st.n_eclipses, st.n_umbra,
               st.longest_s, st.sunlit_fraction, sum / T1);
        assert_int_equal(st.n_eclipses, 3);
        assert_float_equal(st.sunlit_fraction, sum / T1, 1e-7);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cylindrical_closed_form),
        cmocka_unit_test(test_conical_vs_cylinder),
        cmocka_unit_test(test_grazing),
        cmocka_unit_test(test_open_ends),
        cmocka_unit_test(test_callback_failure),
        cmocka_unit_test(test_sunlit_fraction),
        cmocka_unit_test(test_grazing_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
