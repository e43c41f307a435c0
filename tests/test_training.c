/* Training workload: a 3-D parallel step worked by hand term by term, the
 * pipeline bubble closed form, the DP ring over per-hop links, memory
 * (ZeRO stages, activations) and the fit check, a whole run without and
 * with interrupts and attrition (time, goodput, energy = power x time),
 * and validation of every input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "odc/checkpoint.h"
#include "odc/collective.h"
#include "odc/training.h"

#include "testutil.h"

#define YR (365.25 * 86400.0)

/* N = 1e9, D = 1e12, L = 8, h = 1000, a = 10, s = 1000, BF16 weights and
 * gradients, 12 bytes of Adam state. */
static const odc_train_model MODEL = {
    .params = 1e9, .active_params = 0, .tokens = 1e12, .flops_per_token = 0,
    .layers = 8, .hidden = 1000, .heads = 10, .seq_len = 1000,
    .bytes_per_param = 2, .bytes_per_grad = 2, .optim_bytes_per_param = 12};
/* dp 4 x tp 2 x pp 2 = 16 chips, 2 chips per satellite, b = 1, m = 6. */
static const odc_train_parallel PAR = {
    .dp = 4, .tp = 2, .pp = 2, .chips_per_sat = 2, .micro_batch = 1,
    .micro_batches = 6, .zero_stage = 0, .recompute = 0,
    .allreduce_algo = ODC_ALLREDUCE_RING, .mfu = 0.5, .overlap = 0.5,
    .hbm_usable_frac = 1.0};
static const odc_chip_params CHIP = {1e14, 80e9, 2e12, 1000.0};
static const odc_train_net NET = {1e11, 1e-6, 1e10, 1e-3, NULL, NULL};

/* Hand computation (every line is one term of the header formula):
 *   tokens/step  = 4*6*1*1000                       = 24000
 *   model flops  = 6e9 * 24000                      = 1.44e14
 *   t_c per mb   = 1.44e14 / 24 / 4 / (1e14*0.5)    = 0.03 s
 *   TP all-reduce of b s h 2 = 2e6 B, p = 2, 100 GB/s, 1 us:
 *                  2*(1/2)*2e6/1e11 + 2*1*1e-6      = 2.2e-5 s
 *   t_tp per mb  = (8/2 layers) * 4 * 2.2e-5        = 3.52e-4 s
 *   t_mb         = 0.030352 s
 *   pipeline     = (6 + 2 - 1) * t_mb               = 0.212464 s
 *   p2p          = 2*(2-1)*(1e-3 + 2e6/(1e10*2/2))  = 2.4e-3 s
 *   DP ring: shard 1e9/4 = 2.5e8 params, 5e8 B; link share 1e10/2 B/s
 *                  2*(3/4)*5e8/5e9 + 2*3*1e-3       = 0.156 s, exposed 0.078
 *   step         = 0.212464 + 0.0024 + 0.078        = 0.292864 s
 *   memory: weights 5e8, grads 5e8, Adam 3e9, activations
 *     (8/2) layers * min(6,2) * 1e6*(34 + 5*10*1000/1000)/2 = 3.36e8 */
static void test_step_by_hand(void **state)
{
    (void)state;
    odc_train_step_result r;
    odc_err e;
    assert_int_equal(odc_train_step(&MODEL, &PAR, &CHIP, &NET, &r, &e), ODC_OK);
    assert_rel(r.tokens_per_step, 24000.0, 1e-15);
    assert_rel(r.model_flops_per_step, 1.44e14, 1e-15);
    assert_rel(r.compute_s, 6 * 0.03, 1e-14);
    assert_rel(r.tp_comm_s, 6 * 3.52e-4, 1e-13);
    assert_rel(r.bubble_s, 0.030352, 1e-13);
    assert_rel(r.bubble_frac, 1.0 / 7.0, 1e-15);
    assert_rel(r.pp_p2p_s, 2.4e-3, 1e-14);
    assert_rel(r.dp_allreduce_s, 0.156, 1e-14);
    assert_rel(r.dp_exposed_s, 0.078, 1e-14);
    assert_rel(r.step_s, 0.292864, 1e-13);
    assert_rel(r.mfu_achieved, 1.44e14 / (16 * 1e14 * 0.292864), 1e-13);
    assert_rel(r.mem_weights_bytes, 5e8, 1e-15);
    assert_rel(r.mem_grads_bytes, 5e8, 1e-15);
    assert_rel(r.mem_optim_bytes, 3e9, 1e-15);
    assert_rel(r.mem_act_bytes, 3.36e8, 1e-15);
    assert_rel(r.mem_total_bytes, 4.336e9, 1e-15);

    /* The DP term is exactly the shared ring function the engine reuses. */
    double t_ar;
    assert_int_equal(odc_allreduce_ring_s(4, 5e8, 1e10 / 2, 1e-3, &t_ar, NULL), ODC_OK);
    assert_rel(r.dp_allreduce_s, t_ar, 1e-15);
}

/* Pipeline bubble (pp-1)/(m+pp-1) (GPipe) and the pipeline term
 * (m+pp-1) t_mb, with communication switched off (overlap 1, tp 1,
 * pp p2p latency 0 but bandwidth finite -> subtract it). */
static void test_bubble(void **state)
{
    (void)state;
    odc_train_parallel p = PAR;
    p.tp = 1; p.dp = 1; p.overlap = 1.0; p.pp = 4;
    for (int m = 1; m <= 64; m *= 2) {
        p.micro_batches = m;
        odc_train_step_result r;
        assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
        assert_rel(r.bubble_frac, 3.0 / (m + 3.0), 1e-15);
        /* t_c per mb: 6e9*1000 flops / (4 stages) / 5e13 = 0.03 s */
        double t_mb = 6e9 * 1000.0 / 4.0 / 5e13;
        assert_rel(r.step_s - r.pp_p2p_s, (m + 3.0) * t_mb, 1e-13);
        /* bubble share of the pipeline time */
        assert_rel(r.bubble_s / (r.step_s - r.pp_p2p_s), 3.0 / (m + 3.0), 1e-13);
    }
}

/* pp = 3 does not divide L = 8: the largest stage has 3 layers and sets
 * the pace: t_c per mb = 1.44e14/24/2 * 3/8 / 5e13 = 0.0225 s; TP 3 * 4 *
 * 2.2e-5 = 2.64e-4 s; DP shard 1e9/2 * 3/8 = 1.875e8 params, 3.75e8 B:
 * ring 2*(3/4)*3.75e8/5e9 + 6e-3 = 0.1185 s. Step = (6+2)*0.022764 +
 * 2*2*1.2e-3 + 0.5*0.1185. Chips 4*2*3 = 24. */
static void test_uneven_stages(void **state)
{
    (void)state;
    odc_train_parallel p = PAR;
    p.pp = 3;
    p.chips = 24;
    odc_train_step_result r;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.compute_s, 6 * 0.0225, 1e-14);
    assert_rel(r.tp_comm_s, 6 * 2.64e-4, 1e-13);
    assert_rel(r.dp_allreduce_s, 0.1185, 1e-14);
    assert_rel(r.step_s, 8 * 0.022764 + 4 * 1.2e-3 + 0.05925, 1e-13);
    assert_rel(r.mem_weights_bytes, 3.75e8, 1e-15);
    assert_rel(r.mem_act_bytes, 3 * 3 * 4.2e7, 1e-15);   /* 3 layers, min(6,3) in flight */
}

static void test_ring_hops_in_step(void **state)
{
    (void)state;
    /* Per-hop DP ring at the uniform ISL rate: same as the uniform case. */
    double bw[4] = {1e10, 1e10, 1e10, 1e10}, lat[4] = {1e-3, 1e-3, 1e-3, 1e-3};
    odc_train_net net = NET;
    net.dp_ring_bw_bytes_s = bw;
    net.dp_ring_lat_s = lat;
    odc_train_step_result r;
    assert_int_equal(odc_train_step(&MODEL, &PAR, &CHIP, &net, &r, NULL), ODC_OK);
    assert_rel(r.dp_allreduce_s, 0.156, 1e-14);
    /* One hop at 2.5e9 B/s (share 1.25e9): step chunk 5e8/4 = 1.25e8 B ->
     * 0.1 s + 1e-3 per step, 6 steps = 0.606 s. */
    bw[1] = 2.5e9;
    assert_int_equal(odc_train_step(&MODEL, &PAR, &CHIP, &net, &r, NULL), ODC_OK);
    assert_rel(r.dp_allreduce_s, 0.606, 1e-14);
    assert_rel(r.step_s, 0.212464 + 0.0024 + 0.303, 1e-13);
    /* Rabenseifner at p = 4: 2*2*1e-3 + 2*(3/4)*0.1 = 0.154 s. */
    odc_train_parallel p = PAR;
    p.allreduce_algo = ODC_ALLREDUCE_RABENSEIFNER;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.dp_allreduce_s, 0.154, 1e-14);
}

static void test_memory(void **state)
{
    (void)state;
    odc_train_parallel p = PAR;
    odc_train_step_result r;
    /* ZeRO-1: Adam state / dp = 7.5e8; ZeRO-2: + grads / dp = 1.25e8;
     * ZeRO-3: + weights / dp, and a parameter all-gather of 5e8 B:
     * (3/4)*5e8/5e9 + 3e-3 = 0.078 s on top of the all-reduce. */
    p.zero_stage = 1;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.mem_optim_bytes, 7.5e8, 1e-15);
    assert_rel(r.mem_grads_bytes, 5e8, 1e-15);
    p.zero_stage = 2;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.mem_grads_bytes, 1.25e8, 1e-15);
    assert_rel(r.dp_allreduce_s, 0.156, 1e-14);
    p.zero_stage = 3;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.mem_weights_bytes, 1.25e8, 1e-15);
    assert_rel(r.dp_allreduce_s, 0.156 + 0.078, 1e-14);
    /* Full recomputation: activations 2 s b h / tp per layer:
     * 4 * 2 * 2*1e6/2 = 8e6 B; one extra forward (2N per token) and 6
     * TP all-reduces per layer: t_c = 0.03*8/6 = 0.04 s per mb. */
    p.zero_stage = 0;
    p.recompute = 2;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.mem_act_bytes, 8e6, 1e-15);
    assert_rel(r.compute_s, 6 * 0.04, 1e-14);
    assert_rel(r.tp_comm_s, 6 * 4 * 6 * 2.2e-5, 1e-13);
    /* Selective: 34 s b h / tp per layer: 4 layers * 2 in flight * 34e6/2
     * = 1.36e8 B; no FLOPs or communication added. */
    p.recompute = 1;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.mem_act_bytes, 1.36e8, 1e-15);
    assert_rel(r.step_s, 0.292864, 1e-13);

    /* A 175e9-parameter model on 80 GB chips at tp 2 pp 2: 16 bytes per
     * param / 4 = 700 GB per chip, far beyond HBM: refused, field named,
     * footprint still reported. */
    odc_train_model big = MODEL;
    big.params = 175e9;
    odc_err e;
    assert_int_equal(odc_train_step(&big, &PAR, &CHIP, &NET, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "hbm_bytes");
    assert_rel(r.mem_weights_bytes + r.mem_grads_bytes + r.mem_optim_bytes,
               175e9 * 16 / 4, 1e-15);
    assert_non_null(strstr(e.msg, "does not fit"));
    /* hbm_usable_frac bites: 4.336 GB needed, 80 GB * 0.05 = 4 GB usable. */
    p = PAR;
    p.hbm_usable_frac = 0.05;
    assert_int_equal(odc_train_step(&MODEL, &p, &CHIP, &NET, &r, &e), ODC_EINPUT);
    assert_string_equal(e.field, "hbm_bytes");
}

static const odc_train_ops OPS0 = {
    .interrupts_per_chip_yr = 0, .failures_per_chip_yr = 0, .spares = 0,
    .ckpt_write_bytes_s = 1e10, .ckpt_read_bytes_s = 1e10, .restart_s = 60,
    .ckpt_rule = ODC_CKPT_DALY, .energy_overhead = 1.2};

static void test_run_ideal(void **state)
{
    (void)state;
    odc_train_run_result r;
    odc_err e;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &OPS0, &r, &e), ODC_OK);
    /* 1e12/24000 steps of 0.292864 s. */
    double wall = 1e12 / 24000.0 * 0.292864;
    assert_rel(r.time_to_train_s, wall, 1e-12);
    /* Energy = chips x power x time x overhead. */
    assert_rel(r.energy_j, 16 * 1000.0 * wall * 1.2, 1e-12);
    /* No losses: goodput = achieved MFU, all time useful. */
    assert_rel(r.goodput, r.step.mfu_achieved, 1e-12);
    assert_rel(r.useful_time_frac, 1.0, 1e-15);
    assert_int_equal(r.replicas_end, 4);
    assert_true(isinf(r.ckpt_interval_s));
    /* Checkpoint size N (2 + 12) bytes = 1.4e10 B: 1.4 s each way. */
    assert_rel(r.ckpt_bytes, 1.4e10, 1e-15);
    assert_rel(r.ckpt_write_s, 1.4, 1e-15);
    assert_rel(r.restart_total_s, 61.4, 1e-15);
}

static void test_run_interrupts(void **state)
{
    (void)state;
    odc_train_ops ops = OPS0;
    ops.interrupts_per_chip_yr = 10.0;     /* M = yr / 160 = 197235 s */
    odc_train_run_result r;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &r, NULL), ODC_OK);
    double M = YR / 160.0, tau, w, waste;
    assert_rel(r.mtbi_s, M, 1e-15);
    assert_int_equal(odc_ckpt_daly_s(1.4, M, &tau, NULL), ODC_OK);
    assert_rel(r.ckpt_interval_s, tau, 1e-15);
    double ts = 1e12 / 24000.0 * 0.292864;
    assert_int_equal(odc_ckpt_wall_s(ts, tau, 1.4, 61.4, M, &w, &waste, NULL), ODC_OK);
    assert_rel(r.time_to_train_s, w, 1e-12);
    assert_rel(r.waste_frac, waste, 1e-9);
    assert_rel(r.useful_time_frac, ts / w, 1e-12);
    /* First order: waste ~ delta/tau + (tau/2 + R)/M = 1.4/743.7 +
     * (371.8 + 61.4)/197235 = 0.00188 + 0.00220 = 0.0041. */
    assert_true(fabs(r.waste_frac - 0.0041) < 0.0002);
    assert_rel(r.energy_j, 16 * 1000.0 * w * 1.2, 1e-12);
    /* Young's interval wastes at least as much. */
    ops.ckpt_rule = ODC_CKPT_YOUNG;
    odc_train_run_result ry;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &ry, NULL), ODC_OK);
    assert_true(ry.time_to_train_s >= r.time_to_train_s * (1 - 1e-12));
}

/* Attrition: 16 chips, no spares, 0.5 failures per chip-year: the count
 * of 4-chip replicas falls to 3 at once (fluid model), to 2 at
 * 2 ln(4/3) = 0.5754 yr, to 1 at 2 ln 2 yr. */
static void test_run_attrition(void **state)
{
    (void)state;
    odc_train_ops ops = OPS0;
    ops.failures_per_chip_yr = 0.5;
    odc_train_run_result r;
    /* At dp = 3: tokens/step 18000; ring 2*(2/3)*0.1 + 4e-3 = 0.137333 s,
     * exposed 0.0686667; step 0.212464 + 0.0024 + 0.0686667 s.
     * D = 1e12 needs 1e12/18000 steps = 1.575e7 s < 0.5754 yr. */
    double step3 = 0.212464 + 0.0024 + 0.5 * (2.0 * 2.0 / 3.0 * 0.1 + 4e-3);
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &r, NULL), ODC_OK);
    assert_int_equal(r.replicas_end, 3);
    assert_rel(r.time_to_train_s, 1e12 / 18000.0 * step3, 1e-12);
    assert_rel(r.energy_j, 12 * 1000.0 * r.time_to_train_s * 1.2, 1e-12);
    /* D = 2.2e12: the phase at 3 replicas ends at t3, the rest at dp = 2
     * (step 0.212464 + 0.0024 + 0.5*(0.1 + 2e-3), 12000 tokens). */
    odc_train_model m = MODEL;
    m.tokens = 2.2e12;
    assert_int_equal(odc_train_run(&m, &PAR, &CHIP, &NET, &ops, &r, NULL), ODC_OK);
    double t3 = 2.0 * log(4.0 / 3.0) * YR;
    double done3 = t3 * 18000.0 / step3;
    double step2 = 0.212464 + 0.0024 + 0.5 * (0.1 + 2e-3);
    double t2 = (2.2e12 - done3) / 12000.0 * step2;
    assert_true(t2 < 2.0 * log(2.0) * YR - t3);   /* finishes at dp = 2 */
    assert_int_equal(r.replicas_end, 2);
    assert_rel(r.time_to_train_s, t3 + t2, 1e-12);
    assert_rel(r.energy_j, (12 * t3 + 8 * t2) * 1000.0 * 1.2, 1e-12);
    assert_rel(r.goodput, 6e9 * 2.2e12 / (1e14 * 16 * (t3 + t2)), 1e-12);
    /* Too many tokens: every replica is lost first. */
    m.tokens = 1e15;
    odc_err e;
    assert_int_equal(odc_train_run(&m, &PAR, &CHIP, &NET, &ops, &r, &e), ODC_EMODEL);
    assert_string_equal(e.field, "failures_per_chip_yr");
}

static void test_moe_and_explicit_flops(void **state)
{
    (void)state;
    odc_train_model m = MODEL;
    odc_train_step_result r;
    /* MoE: 1e9 held, 2.5e8 active: 6*2.5e8 FLOPs per token, weights
     * memory for all 1e9. */
    m.active_params = 2.5e8;
    assert_int_equal(odc_train_step(&m, &PAR, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.model_flops_per_step, 6 * 2.5e8 * 24000.0, 1e-15);
    assert_rel(r.compute_s, 6 * 0.03 / 4, 1e-14);
    assert_rel(r.mem_weights_bytes, 5e8, 1e-15);
    /* Explicit FLOPs per token overrides 6N. */
    m.active_params = 0;
    m.flops_per_token = 8e9;
    assert_int_equal(odc_train_step(&m, &PAR, &CHIP, &NET, &r, NULL), ODC_OK);
    assert_rel(r.model_flops_per_step, 8e9 * 24000.0, 1e-15);
}

static void test_validation(void **state)
{
    (void)state;
    odc_err e;
    odc_train_step_result r;
    odc_train_model m = MODEL;
    odc_train_parallel p = PAR;
    odc_chip_params c = CHIP;
    odc_train_net n = NET;
#define BAD(expr, fld) do { m = MODEL; p = PAR; c = CHIP; n = NET; expr; \
        assert_int_equal(odc_train_step(&m, &p, &c, &n, &r, &e), ODC_EINPUT); \
        assert_string_equal(e.field, fld); } while (0)
    BAD(m.params = 0, "params");
    BAD(m.params = NAN, "params");
    BAD(m.active_params = 2e9, "active_params");
    BAD(m.tokens = -1, "tokens");
    BAD(m.layers = 0, "layers");
    BAD(m.hidden = 0, "hidden");
    BAD(m.heads = 0, "heads");
    BAD(m.seq_len = 0, "seq_len");
    BAD(m.bytes_per_param = 0, "bytes_per_param");
    BAD(m.bytes_per_grad = -2, "bytes_per_grad");
    BAD(m.optim_bytes_per_param = -1, "optim_bytes_per_param");
    BAD(p.dp = 0, "dp");
    BAD(p.chips = 20, "dp");               /* 4*2*2 = 16 chips, not 20 */
    BAD((p.chips = 16, p.chips_per_sat = 32), "chips");   /* half a satellite */
    BAD(p.chips = -1, "chips");
    BAD(p.tp = 3, "tp");                   /* does not divide chips_per_sat 2 */
    BAD(p.pp = 9, "pp");                   /* more stages than layers */
    BAD(p.micro_batches = 0, "micro_batches");
    BAD(p.micro_batch = 0, "micro_batch");
    BAD(p.zero_stage = 4, "zero_stage");
    BAD(p.recompute = 3, "recompute");
    BAD(p.allreduce_algo = 9, "allreduce_algo");
    BAD(p.mfu = 1.5, "mfu");
    BAD(p.overlap = -0.1, "overlap");
    BAD(p.hbm_usable_frac = 0, "hbm_usable_frac");
    BAD(c.peak_flops = 0, "peak_flops");
    BAD(c.hbm_bytes = 0, "hbm_bytes");
    BAD(c.hbm_bw_bytes_s = INFINITY, "hbm_bw_bytes_s");
    BAD(c.power_w = 0, "power_w");
    BAD(n.isl_bw_bytes_s = 0, "isl_bw_bytes_s");
    BAD(n.intra_lat_s = -1, "intra_lat_s");
    double bw[4] = {1e10, 1e10, 0, 1e10}, lat[4] = {0, 0, 0, 0};
    BAD(n.dp_ring_bw_bytes_s = bw, "dp_ring_lat_s");
    BAD((n.dp_ring_bw_bytes_s = bw, n.dp_ring_lat_s = lat), "bw_bytes_s[2]");
#undef BAD
    odc_train_ops ops = OPS0;
    odc_train_run_result rr;
    ops.energy_overhead = 0.9;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &rr, &e), ODC_EINPUT);
    assert_string_equal(e.field, "energy_overhead");
    ops = OPS0;
    ops.ckpt_rule = 5;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &rr, &e), ODC_EINPUT);
    assert_string_equal(e.field, "ckpt_rule");
    ops = OPS0;
    ops.ckpt_write_bytes_s = 0;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &rr, &e), ODC_EINPUT);
    assert_string_equal(e.field, "ckpt_write_bytes_s");
    ops = OPS0;
    ops.spares = -1;
    assert_int_equal(odc_train_run(&MODEL, &PAR, &CHIP, &NET, &ops, &rr, &e), ODC_EINPUT);
    assert_string_equal(e.field, "spares");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_by_hand),
        cmocka_unit_test(test_bubble),
        cmocka_unit_test(test_uneven_stages),
        cmocka_unit_test(test_ring_hops_in_step),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_run_ideal),
        cmocka_unit_test(test_run_interrupts),
        cmocka_unit_test(test_run_attrition),
        cmocka_unit_test(test_moe_and_explicit_flops),
        cmocka_unit_test(test_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
