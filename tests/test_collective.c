/* Collective time models: ring all-reduce against its closed form worked
 * by hand, the per-hop ring (uniform hops reduce to the closed form, a slow
 * hop sets the pace), an event-driven simulation of the ring schedule
 * (the bulk-synchronous bottleneck formula is its upper bound, exact for
 * identical hops), Rabenseifner for powers of two and not, and input
 * validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "odc/collective.h"

#include "testutil.h"

static void test_ring_closed_form(void **state)
{
    (void)state;
    double t;
    /* p = 8, S = 1 GB, B = 100 GB/s, alpha = 5 us:
     * 2*(7/8)*1e9/1e11 = 0.0175 s; 2*7*5e-6 = 7e-5 s; total 0.01757 s. */
    assert_int_equal(odc_allreduce_ring_s(8, 1e9, 1e11, 5e-6, &t, NULL), ODC_OK);
    assert_rel(t, 0.01757, 1e-14);
    /* One rank: nothing to exchange. */
    assert_int_equal(odc_allreduce_ring_s(1, 1e9, 1e11, 5e-6, &t, NULL), ODC_OK);
    assert_true(t == 0.0);
    /* Large p: bandwidth term tends to 2 S/B (the bandwidth-optimal bound,
     * Patarasuk & Yuan 2009): p = 1e6, alpha 0 -> 2*(1-1e-6)*0.01. */
    assert_int_equal(odc_allreduce_ring_s(1000000, 1e9, 1e11, 0.0, &t, NULL), ODC_OK);
    assert_rel(t, 0.02 * (1.0 - 1e-6), 1e-14);
}

static void test_ring_hops(void **state)
{
    (void)state;
    double bw[6], lat[6], t, t0;
    for (int i = 0; i < 6; i++) { bw[i] = 2.5e10; lat[i] = 3e-3; }
    /* Uniform hops: identical to the closed form. */
    assert_int_equal(odc_allreduce_ring_hops_s(6, 6e9, bw, lat, &t, NULL), ODC_OK);
    assert_int_equal(odc_allreduce_ring_s(6, 6e9, 2.5e10, 3e-3, &t0, NULL), ODC_OK);
    assert_rel(t, t0, 1e-14);
    /* By hand: chunk 1e9 B; step 3e-3 + 1e9/2.5e10 = 0.043 s; 10 steps. */
    assert_rel(t, 0.43, 1e-14);
    /* One slow hop (5 GB/s) and one long hop (20 ms): steps take
     * max(3e-3 + 0.2, 20e-3 + 0.04) = 0.203 s -> 2.03 s. */
    bw[2] = 5e9;
    lat[4] = 20e-3;
    assert_int_equal(odc_allreduce_ring_hops_s(6, 6e9, bw, lat, &t, NULL), ODC_OK);
    assert_rel(t, 2.03, 1e-14);
    /* Small message: the latency hop dominates: 1e6 B -> chunk 1.667e5;
     * hop 2: 3e-3 + 3.333e-5, hop 4: 20e-3 + 6.667e-6 -> 10 * 0.0200066667. */
    assert_int_equal(odc_allreduce_ring_hops_s(6, 1e6, bw, lat, &t, NULL), ODC_OK);
    assert_rel(t, 10.0 * (20e-3 + 1e6 / 6.0 / 2.5e10), 1e-14);
    /* Bad hop named by index. */
    odc_err e;
    bw[3] = 0.0;
    assert_int_equal(odc_allreduce_ring_hops_s(6, 1e6, bw, lat, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "bw_bytes_s[3]");
    bw[3] = 1e9;
    lat[5] = -1.0;
    assert_int_equal(odc_allreduce_ring_hops_s(6, 1e6, bw, lat, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "lat_s[5]");
    assert_int_equal(odc_allreduce_ring_hops_s(6, 1e6, NULL, lat, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "bw_bytes_s");
}

/* Event-driven ring: rank i sends its step-k chunk over hop i once its
 * own step-(k-1) send has left the link and the step-(k-1) chunk from rank
 * i-1 has arrived; a send occupies the link chunk/bw and arrives lat
 * later. Returns the time the last chunk arrives. */
static double ring_events(int p, double bytes, const double *bw, const double *lat)
{
    double free_at[64], arrive[64], next[64];
    for (int i = 0; i < p; i++) { free_at[i] = 0.0; arrive[i] = 0.0; }
    double chunk = bytes / p, end = 0.0;
    for (int k = 0; k < 2 * (p - 1); k++) {
        for (int i = 0; i < p; i++) {
            double have = k == 0 ? 0.0 : arrive[(i + p - 1) % p];
            double start = free_at[i] > have ? free_at[i] : have;
            free_at[i] = start + chunk / bw[i];
            next[i] = free_at[i] + lat[i];
            if (next[i] > end) end = next[i];
        }
        for (int i = 0; i < p; i++) arrive[i] = next[i];
    }
    return end;
}

static void test_ring_events(void **state)
{
    (void)state;
    double bw[64], lat[64], t, lo;
    /* Identical hops: the schedule never slips, formula exact. */
    for (int i = 0; i < 16; i++) { bw[i] = 1e10; lat[i] = 2e-3; }
    assert_int_equal(odc_allreduce_ring_hops_s(16, 3.2e9, bw, lat, &t, NULL), ODC_OK);
    assert_rel(ring_events(16, 3.2e9, bw, lat), t, 1e-12);
    double w[32], ts;
    assert_int_equal(odc_allreduce_ring_sched_s(16, 3.2e9, bw, lat, w, &ts, NULL), ODC_OK);
    assert_rel(ts, t, 1e-12);
    odc_err e;
    assert_int_equal(odc_allreduce_ring_sched_s(16, 3.2e9, bw, lat, NULL, &ts, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "work");
    /* Random hops (rates 1..20 GB/s, latencies 0..20 ms): the simulated
     * ring finishes no later than the bottleneck formula and no earlier
     * than 2(p-1) chunk/min(bw) (the slowest link's busy time). */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double worst_ratio = 1.0;
    for (int trial = 0; trial < 200; trial++) {
        int p = 2 + (int)gsl_rng_uniform_int(r, 40);
        double bytes = 1e6 * pow(10.0, 4.0 * gsl_rng_uniform(r));
        double bwmin = INFINITY;
        for (int i = 0; i < p; i++) {
            bw[i] = 1e9 + 19e9 * gsl_rng_uniform(r);
            lat[i] = 20e-3 * gsl_rng_uniform(r);
            if (bw[i] < bwmin) bwmin = bw[i];
        }
        assert_int_equal(odc_allreduce_ring_hops_s(p, bytes, bw, lat, &t, NULL), ODC_OK);
        double sim = ring_events(p, bytes, bw, lat);
        lo = 2.0 * (p - 1) * bytes / p / bwmin;
        double work[128], ts;
        assert_int_equal(odc_allreduce_ring_sched_s(p, bytes, bw, lat, work, &ts, NULL),
                         ODC_OK);
        assert_rel(ts, sim, 1e-12);
        assert_true(sim <= t * (1.0 + 1e-12));
        assert_true(sim >= lo * (1.0 - 1e-12));
        if (sim / t < worst_ratio) worst_ratio = sim / t;
        /* Zero latency: the slowest link is busy at every step in both
         * models, so they agree exactly whatever the rates. */
        for (int i = 0; i < p; i++) lat[i] = 0.0;
        assert_int_equal(odc_allreduce_ring_hops_s(p, bytes, bw, lat, &t, NULL), ODC_OK);
        assert_rel(ring_events(p, bytes, bw, lat), t, 1e-12);
    }
    gsl_rng_free(r);
    print_message("event-driven / bottleneck formula: min ratio %.3f over 200 rings\n",
                  worst_ratio);
}

static void test_rabenseifner(void **state)
{
    (void)state;
    double t, tr;
    /* p = 16: 2*4*alpha + 2*(15/16) S/B; same bandwidth term as the ring,
     * 8 latencies instead of 30. S = 1.6e9, B = 1e10, alpha = 1e-3:
     * 0.008 + 0.3 = 0.308 s; ring 0.03 + 0.3 = 0.33 s. */
    assert_int_equal(odc_allreduce_rabenseifner_s(16, 1.6e9, 1e10, 1e-3, &t, NULL), ODC_OK);
    assert_rel(t, 0.308, 1e-14);
    assert_int_equal(odc_allreduce_s(ODC_ALLREDUCE_RING, 16, 1.6e9, 1e10, 1e-3, &tr, NULL),
                     ODC_OK);
    assert_rel(tr, 0.33, 1e-14);
    /* p = 12: p' = 8, 3 halving steps: 6 alpha + 2*(7/8) S/B, plus the
     * fold-in and hand-back 2 (alpha + S/B): S/B = 0.16 ->
     * 0.006 + 0.28 + 2*(0.001 + 0.16) = 0.608 s. */
    assert_int_equal(odc_allreduce_s(ODC_ALLREDUCE_RABENSEIFNER, 12, 1.6e9, 1e10, 1e-3, &t,
                                     NULL), ODC_OK);
    assert_rel(t, 0.608, 1e-14);
    /* Reduce-scatter / all-gather is half a ring all-reduce. */
    assert_int_equal(odc_ring_gather_s(16, 1.6e9, 1e10, 1e-3, &t, NULL), ODC_OK);
    assert_rel(t, 0.165, 1e-14);
}

static void test_errors(void **state)
{
    (void)state;
    odc_err e;
    double t;
    assert_int_equal(odc_allreduce_ring_s(0, 1e9, 1e9, 0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "p");
    assert_int_equal(odc_allreduce_ring_s(4, -1, 1e9, 0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "bytes");
    assert_int_equal(odc_allreduce_ring_s(4, 1e9, 0, 0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "bw_bytes_s");
    assert_int_equal(odc_allreduce_ring_s(4, 1e9, 1e9, NAN, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "alpha_s");
    assert_int_equal(odc_allreduce_s(7, 4, 1e9, 1e9, 0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "algo");
    assert_int_equal(odc_ring_gather_s(4, 1e9, 1e9, 0, NULL, &e), ODC_EINPUT);
    assert_string_equal(e.field, "t_s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_closed_form),
        cmocka_unit_test(test_ring_hops),
        cmocka_unit_test(test_ring_events),
        cmocka_unit_test(test_rabenseifner),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
