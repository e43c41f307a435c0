/* Inference workload: roofline decode of a 70B model in BF16 on an
 * H100-like chip worked by hand (does not fit one chip; batch-1 decode ~
 * HBM bandwidth / weight bytes), the compute-bound crossover batch against
 * the chip's FLOP/byte ratio, the batch that fits, prefill, M/M/1 and
 * M/D/1 against closed forms and against a Lindley-recursion simulation
 * with GSL's RNG, M/M/c (Erlang C) against M/M/2 by hand and a
 * multi-server simulation, a served replica end to end, and the
 * ground-user latency budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "odc/inference.h"

#include "testutil.h"

/* Llama-3-70B shape (arXiv:2407.21783 Table 3): 80 layers, 64 query
 * heads, 8 KV heads, head_dim 128; BF16 weights and KV cache. */
static const odc_infer_model M70 = {
    .params = 70e9, .active_params = 0, .bytes_per_param = 2, .layers = 80,
    .kv_heads = 8, .head_dim = 128, .q_heads = 64, .kv_bytes = 2,
    .context_tokens = 4096};
/* H100-SXM-like: 989 TFLOP/s dense BF16, 80 GB, 3.35 TB/s, 700 W (NVIDIA
 * H100 data sheet; the chip catalog on branch links holds the sourced
 * values; these are only test inputs). */
static const odc_chip_params H100 = {989e12, 80e9, 3.35e12, 700.0};

static void test_kv_and_fit(void **state)
{
    (void)state;
    /* 2 * 80 * 8 * 128 * 2 B = 327680 B = 320 KiB per token. */
    assert_rel(odc_kv_bytes_per_token(&M70), 327680.0, 1e-15);
    /* 140 GB of weights > 80 GB: one chip refused; message names tp >= 2. */
    odc_infer_config c = {.tp = 1, .batch = 1, .compute_eff = 1.0, .hbm_usable_frac = 1.0};
    odc_err e;
    int mb;
    assert_int_equal(odc_infer_max_batch(&M70, &c, &H100, &mb, &e), ODC_EINPUT);
    assert_string_equal(e.field, "tp");
    assert_non_null(strstr(e.msg, "need tp >= 2"));
    /* tp 2, 90 % usable: 144 GB - 140 GB = 4 GB; a 4096-token sequence
     * holds 4096 * 327680 = 1.342e9 B -> 2 sequences. */
    c.tp = 2;
    c.hbm_usable_frac = 0.9;
    assert_int_equal(odc_infer_max_batch(&M70, &c, &H100, &mb, &e), ODC_OK);
    assert_int_equal(mb, 2);
    /* tp 4: 288 - 140 = 148 GB -> floor(148e9 / 1.34217728e9) = 110. */
    c.tp = 4;
    assert_int_equal(odc_infer_max_batch(&M70, &c, &H100, &mb, &e), ODC_OK);
    assert_int_equal(mb, 110);
    c.batch = 111;
    odc_infer_decode_result r;
    assert_int_equal(odc_infer_decode(&M70, &c, &H100, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "batch");
}

static void test_decode_batch1(void **state)
{
    (void)state;
    odc_infer_config c = {.tp = 2, .batch = 1, .compute_eff = 1.0, .hbm_usable_frac = 0.9};
    odc_infer_decode_result r;
    assert_int_equal(odc_infer_decode(&M70, &c, &H100, &r, NULL), ODC_OK);
    /* bytes = 140e9 + 4096*327680 = 141.342e9; over 2 x 3.35 TB/s =
     * 0.02109585 s. flops = 2*70e9 + 4*80*4096*64*128 = 1.50737e11 over
     * 2 x 989e12 = 7.62e-5 s: memory-bound by 277x. */
    assert_rel(r.bytes_per_step, 140e9 + 4096.0 * 327680.0, 1e-15);
    assert_rel(r.flops_per_step, 1.4e11 + 4.0 * 80 * 4096 * 64 * 128, 1e-15);
    assert_rel(r.mem_s, r.bytes_per_step / 6.7e12, 1e-15);
    assert_int_equal(r.compute_bound, 0);
    assert_rel(r.step_s, r.mem_s, 1e-15);
    /* ~ HBM bandwidth / weight bytes: 6.7e12/140e9 = 47.86 tokens/s; the
     * KV cache read makes it 0.96 % slower. */
    assert_rel(r.tokens_per_s, 6.7e12 / 140e9, 0.01);
    assert_rel(r.tokens_per_s, 6.7e12 / 141342177280.0, 1e-14);   /* 47.4027 */
    assert_rel(r.tokens_per_s_chip, r.tokens_per_s / 2.0, 1e-15);
}

static void test_crossover(void **state)
{
    (void)state;
    /* Short context (1 token): B* -> bpp peak / (2 bw) = peak/bw for
     * BF16 = 989/3.35 = 295.2 (FLOP per byte of the chip). */
    odc_infer_model m = M70;
    m.context_tokens = 1;
    odc_infer_config c = {.tp = 8, .batch = 1, .compute_eff = 1.0, .hbm_usable_frac = 0.9};
    double bstar;
    assert_int_equal(odc_infer_crossover_batch(&m, &c, &H100, &bstar, NULL), ODC_OK);
    assert_rel(bstar, 989.0 / 3.35, 0.002);
    /* Exact: (140e9/3.35e12) / ((1.4e11 + 4*80*64*128)/989e12 -
     * 327680/3.35e12). */
    double f = 1.4e11 + 4.0 * 80 * 64 * 128;
    assert_rel(bstar, (140e9 / 3.35e12) / (f / 989e12 - 327680.0 / 3.35e12), 1e-13);
    /* Decode just below is memory-bound, just above compute-bound. */
    odc_infer_decode_result r;
    c.batch = (int)floor(bstar);
    assert_int_equal(odc_infer_decode(&m, &c, &H100, &r, NULL), ODC_OK);
    assert_int_equal(r.compute_bound, 0);
    c.batch = (int)ceil(bstar);
    assert_int_equal(odc_infer_decode(&m, &c, &H100, &r, NULL), ODC_OK);
    assert_int_equal(r.compute_bound, 1);
    /* Throughput grows ~linearly with batch while memory-bound: batch 64
     * vs 1 at tiny context: step grows only by the (tiny) KV reads. */
    odc_infer_decode_result r1, r64;
    c.batch = 1;
    assert_int_equal(odc_infer_decode(&m, &c, &H100, &r1, NULL), ODC_OK);
    c.batch = 64;
    assert_int_equal(odc_infer_decode(&m, &c, &H100, &r64, NULL), ODC_OK);
    assert_rel(r64.tokens_per_s / r1.tokens_per_s, 64.0, 1e-3);
    /* Long context (128K): KV reads per sequence (4.3e10 B/3.35e12 =
     * 12.8 ms) exceed its compute (0.49 ms): never compute-bound. */
    m.context_tokens = 131072;
    assert_int_equal(odc_infer_crossover_batch(&m, &c, &H100, &bstar, NULL), ODC_OK);
    assert_true(isinf(bstar));
}

static void test_prefill(void **state)
{
    (void)state;
    odc_infer_config c = {.tp = 2, .batch = 1, .compute_eff = 0.5, .hbm_usable_frac = 0.9};
    double t;
    /* 2000-token prompt: 2000*1.4e11 + 4*80*8192*2000^2/2 = 2.8e14 +
     * 5.24288e12 FLOPs over 2 * 989e12 * 0.5 -> 0.288412 s; the weight
     * read (0.0209 s) is hidden. */
    assert_int_equal(odc_infer_prefill_s(&M70, &c, &H100, 2000.0, &t, NULL), ODC_OK);
    assert_rel(t, (2.8e14 + 4.0 * 80 * 8192 * 2000.0 * 2000.0 / 2.0) / 989e12, 1e-14);
    /* One token: memory-bound at the weight read. */
    assert_int_equal(odc_infer_prefill_s(&M70, &c, &H100, 1.0, &t, NULL), ODC_OK);
    assert_rel(t, 140e9 / 6.7e12, 1e-14);
}

/* Mean wait in an M/M/1 or M/D/1 queue by Lindley's recursion
 * W_{n+1} = max(0, W_n + S_n - A_{n+1}), n customers after a warm-up. */
static double lindley(gsl_rng *r, double lambda, double mu, int deterministic, int n,
                      double *mean_sys)
{
    double w = 0.0, sum = 0.0, sum_sys = 0.0;
    for (int i = -10000; i < n; i++) {
        double s = deterministic ? 1.0 / mu : gsl_ran_exponential(r, 1.0 / mu);
        if (i >= 0) { sum += w; sum_sys += w + s; }
        double a = gsl_ran_exponential(r, 1.0 / lambda);
        w = w + s - a;
        if (w < 0.0) w = 0.0;
    }
    *mean_sys = sum_sys / n;
    return sum / n;
}

static void test_queues(void **state)
{
    (void)state;
    odc_queue_result q;
    /* M/M/1, lambda 0.8, mu 1: Wq = 0.8/0.2 = 4, W = 5, Lq = 3.2, L = 4
     * (Kleinrock 1975 sec. 3.2: L = rho/(1-rho)). */
    assert_int_equal(odc_queue_mm1(0.8, 1.0, &q, NULL), ODC_OK);
    assert_rel(q.rho, 0.8, 1e-15);
    assert_rel(q.wq_s, 4.0, 1e-14);
    assert_rel(q.w_s, 5.0, 1e-14);
    assert_rel(q.lq, 3.2, 1e-14);
    assert_rel(q.l, 0.8 / 0.2, 1e-14);
    /* M/D/1: Wq = rho/(2 mu (1-rho)) = 2, half of M/M/1; Lq = rho^2/(2(1-rho)) = 1.6. */
    assert_int_equal(odc_queue_md1(0.8, 1.0, &q, NULL), ODC_OK);
    assert_rel(q.wq_s, 2.0, 1e-14);
    assert_rel(q.lq, 1.6, 1e-14);

    /* Simulation, rho = 0.5, 4e6 customers: mean within 2 %. */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20261123);
    double sys, wq;
    wq = lindley(r, 5.0, 10.0, 0, 4000000, &sys);
    assert_int_equal(odc_queue_mm1(5.0, 10.0, &q, NULL), ODC_OK);
    print_message("M/M/1 sim Wq %.5g (model %.5g), W %.5g (model %.5g)\n", wq, q.wq_s,
                  sys, q.w_s);
    assert_rel(wq, q.wq_s, 0.02);
    assert_rel(sys, q.w_s, 0.02);
    wq = lindley(r, 5.0, 10.0, 1, 4000000, &sys);
    assert_int_equal(odc_queue_md1(5.0, 10.0, &q, NULL), ODC_OK);
    print_message("M/D/1 sim Wq %.5g (model %.5g), W %.5g (model %.5g)\n", wq, q.wq_s,
                  sys, q.w_s);
    assert_rel(wq, q.wq_s, 0.02);
    assert_rel(sys, q.w_s, 0.02);
    gsl_rng_free(r);

    odc_err e;
    assert_int_equal(odc_queue_mm1(1.0, 1.0, &q, &e), ODC_EINPUT);
    assert_string_equal(e.field, "lambda");
    assert_int_equal(odc_queue_md1(0.5, 0.0, &q, &e), ODC_EINPUT);
    assert_string_equal(e.field, "mu");
    assert_int_equal(odc_queue_mm1(-0.5, 1.0, &q, &e), ODC_EINPUT);
    assert_string_equal(e.field, "lambda");
}

/* M/M/c: c = 1 is M/M/1; M/M/2 at rho = 0.5 has P(wait) = 2 rho^2/(1+rho)
 * = 1/3 and Wq = (1/3)/(2 mu - lambda) = 1/3 (mu = lambda = 1); and an
 * 8-server FCFS simulation (each arrival takes the earliest-free server)
 * at rho = 0.7 agrees within 2 %. */
static void test_mmc(void **state)
{
    (void)state;
    odc_queue_result q, q1;
    assert_int_equal(odc_queue_mmc(0.8, 1.0, 1, &q, NULL), ODC_OK);
    assert_int_equal(odc_queue_mm1(0.8, 1.0, &q1, NULL), ODC_OK);
    assert_rel(q.wq_s, q1.wq_s, 1e-14);
    assert_int_equal(odc_queue_mmc(1.0, 1.0, 2, &q, NULL), ODC_OK);
    assert_rel(q.rho, 0.5, 1e-15);
    assert_rel(q.wq_s, 1.0 / 3.0, 1e-14);
    assert_rel(q.w_s, 4.0 / 3.0, 1e-14);
    /* Large c stays finite (Erlang B recursion, no factorials). */
    assert_int_equal(odc_queue_mmc(900.0, 1.0, 1000, &q, NULL), ODC_OK);
    assert_true(isfinite(q.wq_s) && q.wq_s >= 0.0 && q.wq_s < 0.01);

    const int c = 8, n = 2000000;
    const double lambda = 5.6, mu = 1.0;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 99);
    double free_at[8] = {0}, t = 0.0, sum = 0.0;
    for (int i = -10000; i < n; i++) {
        t += gsl_ran_exponential(r, 1.0 / lambda);
        int k = 0;
        for (int j = 1; j < c; j++) if (free_at[j] < free_at[k]) k = j;
        double start = free_at[k] > t ? free_at[k] : t;
        if (i >= 0) sum += start - t;
        free_at[k] = start + gsl_ran_exponential(r, 1.0 / mu);
    }
    gsl_rng_free(r);
    assert_int_equal(odc_queue_mmc(lambda, mu, c, &q, NULL), ODC_OK);
    print_message("M/M/8 sim Wq %.5g (model %.5g)\n", sum / n, q.wq_s);
    assert_rel(sum / n, q.wq_s, 0.02);
    odc_err e;
    assert_int_equal(odc_queue_mmc(8.0, 1.0, 8, &q, &e), ODC_EINPUT);
    assert_string_equal(e.field, "lambda");
    assert_int_equal(odc_queue_mmc(1.0, 1.0, 0, &q, &e), ODC_EINPUT);
    assert_string_equal(e.field, "c");
}

/* A replica of the 70B model on 4 chips serving 8 sequences of 4096
 * tokens: request = prefill(1000) + 200 decode steps; capacity 8/request;
 * the wait is the M/M/8 wait; TTFT, TPOT and end-to-end latency add the
 * propagation of a 1000 km slant range plus one 3000 km ISL hop. */
static void test_serve(void **state)
{
    (void)state;
    odc_infer_config c = {.tp = 4, .batch = 8, .compute_eff = 0.6, .hbm_usable_frac = 0.9};
    odc_infer_service s;
    odc_err e;
    double pre, lam;
    odc_infer_decode_result d;
    assert_int_equal(odc_infer_decode(&M70, &c, &H100, &d, NULL), ODC_OK);
    assert_int_equal(odc_infer_prefill_s(&M70, &c, &H100, 1000.0, &pre, NULL), ODC_OK);
    double req = pre + 200.0 * d.step_s;
    lam = 0.75 * 8.0 / req;
    assert_int_equal(odc_infer_serve(&M70, &c, &H100, 1000.0, 200.0, lam, 1000.0, 3000.0,
                                     1, 1e-4, &s, &e), ODC_OK);
    assert_rel(s.request_s, req, 1e-15);
    assert_rel(s.capacity_per_s, 8.0 / req, 1e-15);
    odc_queue_result q;
    assert_int_equal(odc_queue_mmc(lam, 1.0 / req, 8, &q, NULL), ODC_OK);
    assert_rel(s.queue.wq_s, q.wq_s, 1e-15);
    assert_rel(s.queue.rho, 0.75, 1e-14);
    double ow = 4000.0 / 299792.458 + 1e-4;
    assert_rel(s.ttft_s, 2.0 * ow + q.wq_s + pre, 1e-14);
    assert_rel(s.tpot_s, d.step_s, 1e-15);
    assert_rel(s.e2e_s, s.ttft_s + 199.0 * d.step_s, 1e-14);
    print_message("70B tp4 b8: prefill %.3f s, step %.4f s, capacity %.3f req/s, "
                  "wait %.3f s, TTFT %.3f s\n", pre, d.step_s, s.capacity_per_s,
                  q.wq_s, s.ttft_s);
    assert_int_equal(odc_infer_serve(&M70, &c, &H100, 1000.0, 200.0, 8.0 / req, 1000.0, 0.0,
                                     0, 0.0, &s, &e), ODC_EINPUT);
    assert_string_equal(e.field, "arrival_per_s");
    assert_int_equal(odc_infer_serve(&M70, &c, &H100, 1000.0, 0.5, lam, 1000.0, 0.0,
                                     0, 0.0, &s, &e), ODC_EINPUT);
    assert_string_equal(e.field, "output_tokens");
}

static void test_latency(void **state)
{
    (void)state;
    double ow, ttft, tpot;
    /* Slant range 1000 km, 2 ISL hops of 2000 km each, 50 us switching
     * per hop: one way = 5000/299792.458 + 1e-4 = 0.016778 s. TTFT adds
     * 0.05 s queueing and 0.3 s prefill; TPOT is the decode step. */
    assert_int_equal(odc_infer_latency(1000.0, 4000.0, 2, 50e-6, 0.05, 0.3, 0.021, &ow,
                                       &ttft, &tpot, NULL), ODC_OK);
    assert_rel(ow, 5000.0 / 299792.458 + 1e-4, 1e-15);
    assert_rel(ttft, 2.0 * ow + 0.35, 1e-15);
    assert_rel(tpot, 0.021, 1e-15);
    odc_err e;
    assert_int_equal(odc_infer_latency(0.0, 0, 0, 0, 0, 0, 0, &ow, NULL, NULL, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "slant_km");
    assert_int_equal(odc_infer_latency(500.0, 0, -1, 0, 0, 0, 0, &ow, NULL, NULL, &e),
                     ODC_EINPUT);
    assert_string_equal(e.field, "isl_hops");
}

static void test_validation(void **state)
{
    (void)state;
    odc_err e;
    odc_infer_decode_result r;
    odc_infer_model m;
    odc_infer_config c;
    odc_chip_params h;
    const odc_infer_config C0 = {.tp = 4, .batch = 1, .compute_eff = 1.0,
                                 .hbm_usable_frac = 0.9};
#define BAD(expr, fld) do { m = M70; c = C0; h = H100; expr; \
        assert_int_equal(odc_infer_decode(&m, &c, &h, &r, &e), ODC_EINPUT); \
        assert_string_equal(e.field, fld); } while (0)
    BAD(m.params = -1, "params");
    BAD(m.active_params = 1e12, "active_params");
    BAD(m.bytes_per_param = 0, "bytes_per_param");
    BAD(m.layers = 0, "layers");
    BAD(m.kv_heads = 0, "kv_heads");
    BAD(m.head_dim = NAN, "head_dim");
    BAD(m.q_heads = 0, "q_heads");
    BAD(m.kv_bytes = 0, "kv_bytes");
    BAD(m.context_tokens = 0, "context_tokens");
    BAD(c.tp = 0, "tp");
    BAD(c.batch = 0, "batch");
    BAD(c.compute_eff = 2, "compute_eff");
    BAD(c.hbm_usable_frac = 0, "hbm_usable_frac");
    BAD(h.peak_flops = 0, "peak_flops");
    BAD(h.hbm_bw_bytes_s = -1, "hbm_bw_bytes_s");
    BAD(m.context_tokens = 1e9, "tp");      /* one sequence's KV does not fit */
#undef BAD
    double t;
    assert_int_equal(odc_infer_prefill_s(&M70, &C0, &H100, 0.0, &t, &e), ODC_EINPUT);
    assert_string_equal(e.field, "prompt_tokens");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kv_and_fit),
        cmocka_unit_test(test_decode_batch1),
        cmocka_unit_test(test_crossover),
        cmocka_unit_test(test_prefill),
        cmocka_unit_test(test_queues),
        cmocka_unit_test(test_mmc),
        cmocka_unit_test(test_serve),
        cmocka_unit_test(test_latency),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
