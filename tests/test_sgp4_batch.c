/* Batch SGP4 against the scalar path (odc_sgp4_propagate), which itself is
 * verified against the reference output tcppver.out (test_sgp4_verification)
 * and python-sgp4 (oracle test). Here: every case of SGP4-VER.TLE (Vallado
 * et al., AIAA 2006-6753) and a few thousand generated element sets (random
 * LEO incl. simplified-drag and decaying ones, plus deep space), at several
 * times, through both entry points (common tsince, common UTC instant):
 * error codes identical, states within POS_TOL_KM / VEL_TOL_KM_S (the
 * differences are the last bits of libmvec's vector sin/cos/atan2/pow), NaN
 * where the scalar path gives NaN; results independent of the thread count
 * (bit for bit); nothing written past n. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/sgp4.h"
#include "odc/sgp4_batch.h"
#include "odc/tle.h"

#define TLE_PATH ODC_SHARED_DIR "/testdata/sgp4/SGP4-VER.TLE"

/* Bounds on |batch - scalar| for states within 10000 km and 10 km/s
 * (scaled up beyond); measured values are printed and in
 * docs/performance.md. Almost every state agrees to ~1e-11 km (the last
 * bits of the vector sin/cos/atan2). Rarely, a Newton step of Kepler's
 * equation lands within the noise of the stopping test |step| < 1e-12 rad,
 * one path takes one more step than the other, and the state differs by
 * that step (~1e-12 rad, ~1e-8 km): both are within the theory's own
 * convergence tolerance. Such states are counted ("Kepler stop") and must
 * stay rare. Decayed states (code 6: below the surface, ill-conditioned
 * near r = 0) are compared relative to their size. */
static const double POS_TOL_KM = 1e-9;
static const double VEL_TOL_KM_S = 1e-12;
static const double POS_TOL_KEPLER_KM = 1e-7;
static const double VEL_TOL_KEPLER_KM_S = 1e-10;
static const double DECAYED_REL_TOL = 1e-6;
/* test_sgp4_batch_exact.c builds the batch step with scalar libm: then every
 * state must be bit-identical to the scalar path */
#ifdef ODC_BATCH_EXPECT_EXACT
static const int EXPECT_EXACT = 1;
#else
static const int EXPECT_EXACT = 0;
#endif

typedef struct states {
    size_t n;
    double *a[6];
    int *err;
    odc_sgp4_batch_state st;
} states;

static void states_alloc(states *s, size_t n)
{
    s->n = n;
    /* one spare entry per array, filled with a canary, to catch writes
     * past n */
    for (int c = 0; c < 6; c++) {
        s->a[c] = malloc((n + 1) * sizeof(double));
        assert_non_null(s->a[c]);
        s->a[c][n] = 12345.0;
    }
    s->err = malloc((n + 1) * sizeof(int));
    assert_non_null(s->err);
    s->err[n] = 12345;
    s->st = (odc_sgp4_batch_state){s->a[0], s->a[1], s->a[2],
                                   s->a[3], s->a[4], s->a[5], s->err};
}

static void states_check_canary(const states *s)
{
    for (int c = 0; c < 6; c++)
        assert_true(s->a[c][s->n] == 12345.0);
    assert_int_equal(s->err[s->n], 12345);
}

static void states_free(states *s)
{
    for (int c = 0; c < 6; c++)
        free(s->a[c]);
    free(s->err);
}

typedef struct diff {
    double dr, dv;          /* max over the states within the tight bound  */
    double dr_k, dv_k;      /* max over the "Kepler stop" states           */
    double rel_decayed;     /* max relative difference, decayed states     */
    size_t compared;        /* states compared, decayed ones not counted  */
    size_t errors, nan_ok, kepler, exact, decayed;
} diff;

/* Compare the batch output with the scalar path for every satellite at
 * tsince t[i] (per satellite). */
static void compare(const odc_sgp4 *recs, size_t n, const double *t,
                    const states *s, diff *d)
{
    for (size_t i = 0; i < n; i++) {
        double r[3], v[3];
        int code = odc_sgp4_propagate(&recs[i], t[i], r, v);
        if (code != s->err[i])
            fail_msg("satellite %zu (norad %ld) tsince %.17g: batch code %d, "
                     "scalar %d", i, recs[i].norad, t[i], s->err[i], code);
        d->errors += code != ODC_SGP4_OK;
        double dr = 0.0, dv = 0.0;
        int nan = 0;
        for (int c = 0; c < 3; c++) {
            double br = s->a[c][i], bv = s->a[3 + c][i];
            if (isnan(r[c]) || isnan(v[c])) {
                assert_true(isnan(br) && isnan(bv));
                nan = 1;
                continue;
            }
            /* states beyond 1e4 km or 10 km/s (orbits raised by negative
             * drag over years): the bound scales with the size */
            double sr = fabs(r[c]) > 1e4 ? fabs(r[c]) / 1e4 : 1.0;
            double sv = fabs(v[c]) > 10.0 ? fabs(v[c]) / 10.0 : 1.0;
            double er = fabs(br - r[c]) / sr, ev = fabs(bv - v[c]) / sv;
            if (code == ODC_SGP4_DECAYED) {
                /* below the surface: no orbit, and near r = 0 the state is
                 * ill-conditioned (|v| up to 1e6 km/s seen); only relative
                 * agreement is asked for */
                double rr = fabs(br - r[c]) / (fabs(r[c]) + 1e-300);
                double rv = fabs(bv - v[c]) / (fabs(v[c]) + 1e-300);
                if (!(rr <= DECAYED_REL_TOL) || !(rv <= DECAYED_REL_TOL))
                    fail_msg("satellite %zu (norad %ld) tsince %.17g comp %d "
                             "(decayed): batch %.17g %.17g scalar %.17g "
                             "%.17g", i, recs[i].norad, t[i], c, br, bv,
                             r[c], v[c]);
                d->rel_decayed = rr > d->rel_decayed ? rr : d->rel_decayed;
                d->rel_decayed = rv > d->rel_decayed ? rv : d->rel_decayed;
                continue;
            }
            if (!(er <= POS_TOL_KEPLER_KM) || !(ev <= VEL_TOL_KEPLER_KM_S))
                fail_msg("satellite %zu (norad %ld) tsince %.17g comp %d: "
                         "batch %.17g %.17g scalar %.17g %.17g", i,
                         recs[i].norad, t[i], c, br, bv, r[c], v[c]);
            dr = er > dr ? er : dr;
            dv = ev > dv ? ev : dv;
        }
        d->nan_ok += nan;
        if (code == ODC_SGP4_DECAYED) {
            d->decayed++;
            continue;
        }
        d->exact += !nan && dr == 0.0 && dv == 0.0;
        if (dr <= POS_TOL_KM && dv <= VEL_TOL_KM_S) {
            d->dr = dr > d->dr ? dr : d->dr;
            d->dv = dv > d->dv ? dv : d->dv;
        } else {
            d->kepler++;
            d->dr_k = dr > d->dr_k ? dr : d->dr_k;
            d->dv_k = dv > d->dv_k ? dv : d->dv_k;
        }
        d->compared++;
    }
}

/* splitmix64: a small deterministic generator for the element sets */
static uint64_t rng_state = 0x0dc5eed5ULL;
static double urand(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}
static double uniform(double lo, double hi) { return lo + (hi - lo) * urand(); }

/* Random LEO (mean motion 11-16.4 rev/day, e 0-0.2, any inclination,
 * bstar +-1e-3) and, for every tenth set, deep space (1-6 rev/day,
 * e 0-0.7, including the 12 h and 24 h resonances). Epochs spread over
 * 2020-2026. Sets that fail initialisation are kept: the batch must report
 * the same codes. */
static odc_sgp4 *random_records(size_t n, char opsmode)
{
    odc_sgp4 *recs = calloc(n, sizeof *recs);
    assert_non_null(recs);
    for (size_t i = 0; i < n; i++) {
        odc_elements el;
        memset(&el, 0, sizeof el);
        el.norad = (long)(90000 + i);
        assert_int_equal(odc_elements_set_epoch_jd(
                             &el, 2458849.5, uniform(0.0, 2190.0), NULL),
                         ODC_OK);
        if (i % 10 == 9) {
            static const double nn[] = {1.0027, 2.006, 1.5, 3.0, 6.0};
            el.mean_motion_rev_day = i % 20 == 9 ? nn[(i / 20) % 5]
                                                 : uniform(1.0, 6.0);
            el.ecc = uniform(0.0, 0.7);
            el.bstar = uniform(-1e-4, 1e-4);
        } else {
            el.mean_motion_rev_day = uniform(11.0, 16.4);
            el.ecc = uniform(0.0, 0.2);
            el.bstar = uniform(-1e-3, 1e-3);
        }
        el.incl_deg = uniform(0.0, 180.0);
        el.raan_deg = uniform(0.0, 360.0);
        el.argp_deg = uniform(0.0, 360.0);
        el.mean_anomaly_deg = uniform(0.0, 360.0);
        int rc = odc_sgp4_init(&recs[i], &el, ODC_WGS72, opsmode, NULL);
        assert_true(rc == ODC_OK || rc == ODC_EMODEL);
    }
    return recs;
}

static void run_times(const odc_sgp4 *recs, size_t n, const double *times,
                      size_t nt, diff *d)
{
    odc_sgp4_batch b;
    assert_int_equal(odc_sgp4_batch_init(&b, recs, n, NULL), ODC_OK);
    assert_int_equal(b.n, n);
    states s1, s2;
    states_alloc(&s1, n);
    states_alloc(&s2, n);
    double *t = malloc((n ? n : 1) * sizeof *t);
    assert_non_null(t);
    for (size_t k = 0; k < nt; k++) {
        /* (a) common tsince */
        size_t bad = odc_sgp4_batch_propagate_tsince(&b, times[k], 1, &s1.st);
        for (size_t i = 0; i < n; i++)
            t[i] = times[k];
        compare(recs, n, t, &s1, d);
        size_t nbad = 0;
        for (size_t i = 0; i < n; i++)
            nbad += s1.err[i] != 0;
        assert_int_equal(bad, nbad);
        /* two threads: the same bits */
        odc_sgp4_batch_propagate_tsince(&b, times[k], 2, &s2.st);
        for (int c = 0; c < 6; c++)
            assert_memory_equal(s1.a[c], s2.a[c], n * sizeof(double));
        assert_memory_equal(s1.err, s2.err, n * sizeof(int));

        /* (b) common UTC instant: the first satellite's epoch + times[k] */
        double jd = recs[0].epoch_jd, fr = recs[0].epoch_jd_frac
                                           + times[k] / 1440.0;
        odc_sgp4_batch_propagate_utc(&b, jd, fr, 1, &s2.st);
        for (size_t i = 0; i < n; i++)
            t[i] = odc_sgp4_tsince_min(&recs[i], jd, fr);
        compare(recs, n, t, &s2, d);
        states_check_canary(&s1);
        states_check_canary(&s2);
    }
    free(t);
    states_free(&s1);
    states_free(&s2);
    odc_sgp4_batch_free(&b);
}

static void test_verification_set(void **state)
{
    (void)state;
    odc_tle_options opt = {.verify_checksum = 0};
    odc_elset_list list;
    assert_int_equal(odc_tle_read_file(TLE_PATH, &opt, &list, NULL), ODC_OK);
    odc_sgp4 *recs = calloc(list.n, sizeof *recs);
    assert_non_null(recs);
    static const double times[] = {0.0, -1440.0, 1.0, 360.0, 720.5,
                                   1440.0, 4320.0, 10080.0, 43200.0};
    for (int mode = 0; mode < 2; mode++) {
        size_t near = 0;
        for (size_t i = 0; i < list.n; i++) {
            int rc = odc_sgp4_init(&recs[i], &list.el[i], ODC_WGS72,
                                   mode ? 'a' : 'i', NULL);
            assert_true(rc == ODC_OK || rc == ODC_EMODEL);
            near += !recs[i].deep;
        }
        diff d = {0};
        run_times(recs, list.n, times, sizeof times / sizeof *times, &d);
        printf("SGP4-VER (%c): %zu sets (%zu near earth), %zu states, "
               "%zu errors, %zu bit-identical: max |dr| %.3g km, |dv| %.3g km/s; "
               "Kepler stop %zu (max %.3g km, %.3g km/s); %zu decayed (max "
               "relative %.3g)\n",
               mode ? 'a' : 'i', list.n, near, d.compared, d.errors, d.exact,
               d.dr, d.dv, d.kepler, d.dr_k, d.dv_k, d.decayed,
               d.rel_decayed);
        assert_int_equal(d.kepler, 0);
        if (EXPECT_EXACT)
            assert_true(d.dr == 0.0 && d.dv == 0.0 && d.rel_decayed == 0.0
                        && d.exact + d.nan_ok == d.compared);
        assert_true(d.errors > 0); /* the set's decay/eccentricity cases */
    }
    free(recs);
    odc_elset_list_free(&list);
}

static void test_random_sets(void **state)
{
    (void)state;
    const size_t n = 2001; /* not a multiple of the block */
    static const double times[] = {0.0, 37.5, -720.0, 1440.0, 5000.0,
                                   20000.0, 100000.0};
    for (int mode = 0; mode < 2; mode++) {
        odc_sgp4 *recs = random_records(n, mode ? 'a' : 'i');
        size_t isimp = 0, deep = 0;
        for (size_t i = 0; i < n; i++) {
            isimp += recs[i].isimp && !recs[i].deep;
            deep += recs[i].deep;
        }
        diff d = {0};
        run_times(recs, n, times, sizeof times / sizeof *times, &d);
        printf("random (%c): %zu sets (%zu simplified drag, %zu deep), "
               "%zu states, %zu errors, %zu bit-identical: max |dr| %.3g km, |dv| %.3g "
               "km/s; Kepler stop %zu (max %.3g km, %.3g km/s); %zu decayed "
               "(max relative %.3g)\n",
               mode ? 'a' : 'i', n, isimp, deep, d.compared, d.errors, d.exact,
               d.dr, d.dv, d.kepler, d.dr_k, d.dv_k, d.decayed,
               d.rel_decayed);
        assert_true(d.kepler * 1000 < d.compared);
        if (EXPECT_EXACT)
            assert_true(d.dr == 0.0 && d.dv == 0.0 && d.rel_decayed == 0.0
                        && d.exact + d.nan_ok == d.compared);
        assert_true(isimp > 100 && deep > 100 && d.errors > 100);
        free(recs);
    }
}

static void test_domain_and_sizes(void **state)
{
    (void)state;
    odc_sgp4 *recs = random_records(37, 'i');
    odc_sgp4_batch b;
    assert_int_equal(odc_sgp4_batch_init(&b, recs, 37, NULL), ODC_OK);
    states s;
    states_alloc(&s, 37);
    const double bad_t[] = {NAN, INFINITY, 1.0e8 * 1.0000001};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(odc_sgp4_batch_propagate_tsince(&b, bad_t[k], 0,
                                                         &s.st), 37);
        for (size_t i = 0; i < 37; i++) {
            int want = recs[i].unusable ? recs[i].init_error
                                        : ODC_SGP4_DOMAIN;
            assert_int_equal(s.err[i], want);
            assert_true(isnan(s.a[0][i]) && isnan(s.a[5][i]));
        }
    }
    states_check_canary(&s);
    states_free(&s);
    odc_sgp4_batch_free(&b);
    odc_sgp4_batch_free(&b); /* twice is fine */
    /* an empty batch */
    assert_int_equal(odc_sgp4_batch_init(&b, NULL, 0, NULL), ODC_OK);
    states_alloc(&s, 0);
    assert_int_equal(odc_sgp4_batch_propagate_tsince(&b, 0.0, 0, &s.st), 0);
    states_check_canary(&s);
    states_free(&s);
    odc_sgp4_batch_free(&b);
    odc_err err;
    assert_int_equal(odc_sgp4_batch_init(&b, NULL, 5, &err), ODC_EINPUT);
    free(recs);

    /* deep space only: blocks with no SIMD lane at all (skipped), then a
     * partial one */
    recs = random_records(400, 'i');
    size_t nd = 0;
    for (size_t i = 0; i < 400; i++)
        if (recs[i].deep)
            recs[nd++] = recs[i];
    assert_true(nd > ODC_SGP4_BATCH_BLOCK && nd % ODC_SGP4_BATCH_BLOCK);
    static const double times[] = {0.0, 1440.0};
    diff d = {0};
    run_times(recs, nd, times, 2, &d);
    assert_true(d.exact + d.nan_ok == d.compared);
    /* one near-earth satellite among deep ones: lane copies, block skips */
    odc_sgp4 *mix = random_records(1, 'i');
    assert_false(mix[0].deep);
    recs[nd / 2] = mix[0];
    diff d2 = {0};
    run_times(recs, nd, times, 2, &d2);
    free(mix);
    free(recs);
}

#ifdef ODC_BATCH_EXPECT_EXACT
/* fmod_2pi (static in sgp4_batch.c, included by test_sgp4_batch_exact.c)
 * equals glibc's fmod(x, 2 pi) bit for bit: random arguments over 1e-3 ..
 * 1e9 rad of both signs, and exact multiples of 2 pi and their neighbours,
 * where the rounded quotient overshoots. Run in a SIMD loop compiled for
 * the baseline and, where the CPU has it, for x86-64-v4 (AVX-512, FMA
 * available but contraction off). */
#define NF 20000

static void fmod_loop(const double *x, double *r)
{
#pragma omp simd
    for (int i = 0; i < NF; i++)
        r[i] = fmod_2pi(x[i]);
}
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target("arch=x86-64-v4")))
static void fmod_loop_v4(const double *x, double *r)
{
#pragma omp simd
    for (int i = 0; i < NF; i++)
        r[i] = fmod_2pi(x[i]);
}
#endif

static void test_fmod_2pi(void **state)
{
    (void)state;
    static double x[NF], r[NF];
    for (int i = 0; i < NF; i++) {
        if (i % 4 == 3) { /* near k * 2 pi */
            double k = floor(uniform(0.0, 1e6));
            double m = k * TWOPI;
            x[i] = i % 8 == 3 ? nextafter(m, 0.0) : nextafter(m, 1e300);
            if (i % 16 == 7)
                x[i] = m;
            if (i % 64 == 15) /* exact multiples: zero remainder */
                x[i] = ldexp(TWOPI, i % 40);
        } else {
            x[i] = pow(10.0, uniform(-3.0, 9.0));
        }
        if (i % 2)
            x[i] = -x[i];
    }
    fmod_loop(x, r);
    for (int i = 0; i < NF; i++)
        if (memcmp(&r[i], &(double){fmod(x[i], TWOPI)}, sizeof(double)))
            fail_msg("fmod_2pi(%.17g) = %.17g, fmod %.17g", x[i], r[i],
                     fmod(x[i], TWOPI));
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl")) {
        memset(r, 0, sizeof r);
        fmod_loop_v4(x, r);
        for (int i = 0; i < NF; i++)
            if (memcmp(&r[i], &(double){fmod(x[i], TWOPI)}, sizeof(double)))
                fail_msg("v4: fmod_2pi(%.17g) = %.17g, fmod %.17g", x[i],
                         r[i], fmod(x[i], TWOPI));
    }
#endif
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verification_set),
        cmocka_unit_test(test_random_sets),
        cmocka_unit_test(test_domain_and_sizes),
#ifdef ODC_BATCH_EXPECT_EXACT
        cmocka_unit_test(test_fmod_2pi),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
