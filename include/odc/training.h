/* Training workload: step time of a 3-D parallel (data x tensor x pipeline)
 * transformer training job on compute satellites, its memory footprint per
 * chip, and the whole run (time to train, goodput, energy) under
 * checkpoint/restart and hardware attrition.
 *
 * Mapping: tensor parallelism stays inside a satellite (tp divides
 * chips_per_sat); pipeline stages and data-parallel replicas talk over
 * inter-satellite links (ISL). Every chip of a satellite runs its own
 * data-parallel ring at the same time, so each ring gets isl_bw /
 * chips_per_sat of the satellite's link (conservative when several
 * replicas share a satellite).
 *
 * Step time (one optimizer step, m micro-batches of b sequences of s tokens
 * per pipeline):
 *   t_mb   = F_hw / (dp m) / tp * ceil(L/pp)/L / (peak mfu) + t_tp   largest stage, per micro-batch
 *   t_step = (m + pp - 1) t_mb                     1F1B/GPipe schedule with bubble
 *          + 2 (pp-1) (alpha_isl + b s h B_act / bw_pp)    pipeline fill/drain sends
 *          + (1 - overlap) t_allreduce(dp, N/tp ceil(L/pp)/L B_grad)
 * F_hw = flops_per_token * tokens (+ 2 N_active per token with full
 * recomputation, one extra forward). FLOPs and parameters are spread
 * evenly over layers (embeddings ignored); when pp does not divide L the
 * largest stage, ceil(L/pp) layers, sets the pace, the DP shard and the
 * memory. t_tp = ceil(L/pp) * (4 [+2 full recompute])
 * ring all-reduces of b s h B_act bytes over the intra-satellite link
 * (Megatron: 2 all-reduces forward, 2 backward per layer; Shoeybi et al.
 * 2019, sec. 3; Narayanan et al. SC21, sec. 3.3).
 *
 * References: 6N FLOPs per token, Kaplan et al., "Scaling laws for neural
 * language models", arXiv:2001.08361 (2020), sec. 2.1; Hoffmann et al.,
 * "Training compute-optimal LLMs", arXiv:2203.15556 (2022). Bubble
 * (pp-1)/(m+pp-1): Huang et al., "GPipe", NeurIPS 2019, sec. 2.3;
 * Narayanan et al., "Efficient large-scale language model training on GPU
 * clusters using Megatron-LM", SC21, sec. 2.2. Memory: 16 bytes/param for
 * mixed-precision Adam and ZeRO stages, Rajbhandari et al., "ZeRO", SC20,
 * sec. 3.1 and 5; activations per layer s b h (34 + 5 a s / h) / tp bytes
 * (sequence + tensor parallel, 16-bit activations), 34 s b h / tp with
 * selective recomputation of attention (what FlashAttention does inside its
 * kernel), 2 s b h / tp with full recomputation, Korthikanti et al., "Reducing activation recomputation in
 * large transformer models", MLSys 2023, sec. 4 (Table 2). MFU: Chowdhery
 * et al., "PaLM", arXiv:2204.02311, app. B. */
#ifndef ODC_TRAINING_H
#define ODC_TRAINING_H

#include "odc/collective.h"   /* ODC_ALLREDUCE_* */
#include "odc/error.h"

/* Plain chip parameters (the chip catalog fills these). */
typedef struct odc_chip_params {
    double peak_flops;      /* dense peak at the compute precision (FLOP/s), > 0 */
    double hbm_bytes;       /* HBM capacity (bytes), > 0                          */
    double hbm_bw_bytes_s;  /* HBM bandwidth (bytes/s), > 0                       */
    double power_w;         /* board power while busy (W), > 0                    */
} odc_chip_params;

/* The model being trained. */
typedef struct odc_train_model {
    double params;           /* N: total parameters (all held in memory), > 0    */
    double active_params;    /* parameters used per token (MoE); 0 means = N     */
    double tokens;           /* D: training tokens, > 0                          */
    double flops_per_token;  /* training FLOPs per token; 0 means 6 * active     */
    int    layers;           /* L, >= 1                                          */
    double hidden;           /* h: model width, > 0                              */
    int    heads;            /* a: attention heads, >= 1                         */
    double seq_len;          /* s: tokens per sequence, > 0                      */
    double bytes_per_param;  /* weights and activations in compute precision (2 = BF16) */
    double bytes_per_grad;   /* gradient element as all-reduced (2 = BF16), > 0  */
    double optim_bytes_per_param; /* FP32 master copy + Adam moments: 12; >= 0 */
} odc_train_model;

/* Parallel layout and schedule. dp * tp * pp chips in all. */
typedef struct odc_train_parallel {
    int    dp, tp, pp;       /* degrees, each >= 1; pp <= layers                 */
    int    chips_per_sat;    /* chips per satellite, a multiple of tp            */
    int    chips;            /* chips available (satellites x chips_per_sat): must
                                equal dp*tp*pp; 0 = not checked                 */
    int    micro_batch;      /* b: sequences per micro-batch, >= 1               */
    int    micro_batches;    /* m: micro-batches per pipeline per step, >= 1     */
    int    zero_stage;       /* 0..3: shard optimizer (1), + grads (2), + weights (3) over dp */
    int    recompute;        /* 0: keep activations; 1: selective (attention
                                scores recomputed / FlashAttention, no extra
                                FLOPs counted); 2: full (one extra forward)      */
    int    allreduce_algo;   /* ODC_ALLREDUCE_RING or ODC_ALLREDUCE_RABENSEIFNER */
    double mfu;              /* fraction of peak reached by the math kernels, (0,1] */
    double overlap;          /* fraction of the DP all-reduce hidden behind backward, [0,1] */
    double hbm_usable_frac;  /* fraction of HBM the job may use, (0,1]           */
} odc_train_parallel;

/* Links. The optional per-hop arrays describe the actual DP ring (dp
 * entries, hop i from replica i to i+1 mod dp; link rates, before the
 * chips_per_sat share): then the ring time is set by its slowest hop
 * (odc_allreduce_ring_hops_s; always a ring whatever allreduce_algo, and
 * the ZeRO-3 gather uses the slowest hop's rate and the largest latency). */
typedef struct odc_train_net {
    double intra_bw_bytes_s;   /* chip-to-chip inside a satellite, per direction, > 0 */
    double intra_lat_s;        /* >= 0 */
    double isl_bw_bytes_s;     /* satellite-to-satellite link, per direction, > 0 */
    double isl_lat_s;          /* per hop: propagation + switching, >= 0 */
    const double *dp_ring_bw_bytes_s;  /* NULL, or dp per-hop link rates        */
    const double *dp_ring_lat_s;       /* NULL, or dp per-hop latencies (s)     */
} odc_train_net;

/* One optimizer step at the given layout. All times in s, memory in bytes
 * per chip (the most loaded chip: first pipeline stage). */
typedef struct odc_train_step_result {
    double tokens_per_step;     /* dp m b s                                       */
    double model_flops_per_step;/* flops_per_token * tokens_per_step              */
    double compute_s;           /* m * per-micro-batch stage compute (no bubble)  */
    double tp_comm_s;           /* m * per-micro-batch tensor-parallel all-reduces */
    double bubble_s;            /* (pp-1) * per-micro-batch stage time            */
    double bubble_frac;         /* (pp-1)/(m+pp-1)                                */
    double pp_p2p_s;            /* exposed pipeline sends (fill and drain)        */
    double dp_allreduce_s;      /* full gradient all-reduce (+ ZeRO-3 gather)     */
    double dp_exposed_s;        /* (1 - overlap) * dp_allreduce_s                 */
    double step_s;              /* total                                          */
    double mfu_achieved;        /* model_flops_per_step / (chips peak step_s)     */
    double mem_weights_bytes, mem_grads_bytes, mem_optim_bytes, mem_act_bytes;
    double mem_total_bytes;
} odc_train_step_result;

/* Check every field of model, layout, chip and links. ODC_EINPUT naming
 * the first bad field (e.g. "tp" when it does not divide chips_per_sat,
 * "pp" when it exceeds layers, "dp" when dp*tp*pp differs from a nonzero
 * chips, "chips" when chips is not a multiple of chips_per_sat). Does not
 * check memory fit. */
int odc_train_check(const odc_train_model *m, const odc_train_parallel *p,
                    const odc_chip_params *chip, const odc_train_net *net,
                    odc_err *err);

/* Step time and memory of one optimizer step (formulas in the header
 * comment). returns ODC_OK; ODC_EINPUT naming the bad field; ODC_EINPUT
 * field "hbm_bytes" when the per-chip footprint exceeds hbm_usable_frac *
 * hbm_bytes (r is still filled, so a caller can show the footprint).
 * Allocation-free. */
int odc_train_step(const odc_train_model *m, const odc_train_parallel *p,
                   const odc_chip_params *chip, const odc_train_net *net,
                   odc_train_step_result *r, odc_err *err);

enum { ODC_CKPT_YOUNG = 0, ODC_CKPT_DALY = 1 };

/* Reliability, checkpointing and energy of a whole run. */
typedef struct odc_train_ops {
    double interrupts_per_chip_yr; /* transient faults that stop the job (restart from checkpoint), >= 0 */
    double failures_per_chip_yr;   /* permanent chip losses (attrition), >= 0   */
    int    spares;                 /* extra chips that replace failed ones, >= 0 */
    double ckpt_write_bytes_s;     /* aggregate checkpoint write rate, > 0      */
    double ckpt_read_bytes_s;      /* aggregate checkpoint read rate, > 0       */
    double restart_s;              /* fixed restart overhead besides the reload, >= 0 */
    int    ckpt_rule;              /* ODC_CKPT_YOUNG or ODC_CKPT_DALY           */
    double energy_overhead;        /* >= 1: facility energy / chip energy (conversion, cooling, network) */
} odc_train_ops;

typedef struct odc_train_run_result {
    odc_train_step_result step;   /* at the full dp                            */
    double ckpt_bytes;            /* N (bytes_per_param + optim_bytes_per_param) */
    double ckpt_write_s;          /* delta = ckpt_bytes / write rate           */
    double restart_total_s;       /* R = restart_s + ckpt_bytes / read rate    */
    double mtbi_s;                /* M at the full dp: 1 / (chips * rate)      */
    double ckpt_interval_s;       /* tau at the full dp (inf: no interrupts)   */
    double waste_frac;            /* 1 - Ts/Tw at the full dp                  */
    double time_to_train_s;       /* wall time to process D tokens             */
    double useful_time_frac;      /* time in kept steps / wall time            */
    double goodput;               /* flops_per_token D / (peak dp tp pp wall)  */
    double energy_j;              /* sum over phases: chips running * power * time * overhead */
    int    replicas_end;          /* data-parallel replicas left at the end    */
} odc_train_run_result;

/* Whole run: phases of constant replica count k = dp, dp-1, ... as chips
 * fail (odc_attrition_drop_yr); in each phase the step is recomputed at
 * dp = k (same micro-batching, so fewer tokens per step; a per-hop DP ring
 * is replaced by a uniform ring at its slowest hop), interrupts arrive at
 * k tp pp interrupts_per_chip_yr, and wall time stretches by Daly's Tw/Ts.
 * Interrupts at rate 0 mean no checkpoints (factor 1). Years are Julian
 * (365.25 d).
 * returns ODC_OK; ODC_EINPUT naming the bad field (including memory fit);
 * ODC_EMODEL when attrition leaves no replica before D tokens are done or
 * a smaller dp no longer fits memory. Cost O(dp) step evaluations. */
int odc_train_run(const odc_train_model *m, const odc_train_parallel *p,
                  const odc_chip_params *chip, const odc_train_net *net,
                  const odc_train_ops *ops, odc_train_run_result *r,
                  odc_err *err);

#endif
