/* Inference workload: roofline throughput of a served transformer
 * (memory-bound decode, compute-bound prefill), the batch that fits in HBM,
 * queueing delay (M/M/1, M/D/1) and the latency a ground user sees.
 *
 * Roofline: a kernel takes max(bytes / HBM bandwidth, flops / peak)
 * (Williams, Waterman & Patterson, "Roofline: an insightful visual
 * performance model for multicore architectures", CACM 52(4):65-76, 2009).
 * Decode step for a batch of B sequences (Pope et al., "Efficiently scaling
 * Transformer inference", MLSys 2023 / arXiv:2211.05102, sec. 2): the
 * weights are read once per step and each sequence's KV cache once,
 *   bytes = N bpp + B ctx kv_token,    flops = B (2 N_act + 4 L ctx d_attn)
 * with kv_token = 2 L kv_heads head_dim kv_bytes (keys and values), d_attn
 * = q_heads head_dim. 2 N FLOPs per token forward: Kaplan et al.
 * arXiv:2001.08361 sec. 2.1 (attention term: Q K^T and the weighted sum
 * over V, 2 ctx d_attn each per layer; Kaplan's table lists the first).
 * Tensor parallelism over tp chips of one satellite divides both bytes and
 * flops by tp; its all-reduce cost is not modelled (intra-node links).
 *
 * Queueing: Kleinrock, "Queueing Systems, Vol. 1: Theory" (Wiley 1975),
 * sec. 3.2 (M/M/1) and ch. 5 (Pollaczek-Khinchine mean value for
 * M/G/1, here deterministic service). */
#ifndef ODC_INFERENCE_H
#define ODC_INFERENCE_H

#include "odc/error.h"
#include "odc/training.h"   /* odc_chip_params */

typedef struct odc_infer_model {
    double params;          /* N: weights held in memory, > 0                  */
    double active_params;   /* used per token (MoE); 0 means = N               */
    double bytes_per_param; /* weight precision (2 = BF16, 1 = FP8), > 0       */
    int    layers;          /* L, >= 1                                         */
    int    kv_heads;        /* key/value heads (GQA/MQA), >= 1                 */
    double head_dim;        /* > 0                                             */
    int    q_heads;         /* query heads, >= 1 (attention FLOPs)             */
    double kv_bytes;        /* bytes per cached element, > 0                   */
    double context_tokens;  /* tokens in each sequence's KV cache, > 0         */
} odc_infer_model;

typedef struct odc_infer_config {
    int    tp;              /* chips serving one replica, inside a satellite, >= 1 */
    int    batch;           /* sequences decoded together, >= 1                    */
    double compute_eff;     /* fraction of peak reached by matmuls, (0,1]          */
    double hbm_usable_frac; /* fraction of HBM usable for weights + KV, (0,1]      */
} odc_infer_config;

typedef struct odc_infer_decode_result {
    double bytes_per_step;    /* HBM bytes read per decode step, whole replica  */
    double flops_per_step;
    double mem_s, compute_s;  /* the two roofline times                         */
    double step_s;            /* max of both: time per output token of each sequence */
    int    compute_bound;     /* 1 when compute_s > mem_s                       */
    double tokens_per_s;      /* batch / step_s, whole replica                  */
    double tokens_per_s_chip; /* tokens_per_s / tp                              */
    int    max_batch;         /* largest batch whose KV cache fits (odc_infer_max_batch) */
} odc_infer_decode_result;

/* KV-cache bytes per token: 2 L kv_heads head_dim kv_bytes (Pope et al.
 * 2023). The model is not validated here. */
double odc_kv_bytes_per_token(const odc_infer_model *m);

/* Validate model, configuration and chip; ODC_EINPUT naming the field. */
int odc_infer_check(const odc_infer_model *m, const odc_infer_config *c,
                    const odc_chip_params *chip, odc_err *err);

/* Largest batch whose weights plus KV caches fit in tp chips:
 *   floor((tp hbm usable_frac - N bpp) / (ctx kv_token))
 * returns ODC_OK; ODC_EINPUT field "tp" when the weights alone do not fit
 * (the message gives the smallest tp that would hold them) or when not even
 * one sequence's KV cache fits. Uses c->tp and c->hbm_usable_frac only. */
int odc_infer_max_batch(const odc_infer_model *m, const odc_infer_config *c,
                        const odc_chip_params *chip, int *max_batch, odc_err *err);

/* Roofline decode step at c->batch (formulas in the header comment).
 * returns ODC_OK; ODC_EINPUT naming the bad field, "tp" when the weights
 * do not fit, "batch" when c->batch exceeds the batch that fits. */
int odc_infer_decode(const odc_infer_model *m, const odc_infer_config *c,
                     const odc_chip_params *chip, odc_infer_decode_result *r,
                     odc_err *err);

/* Batch at which decode turns compute-bound: solve
 *   (N bpp + B ctx kv_token)/bw = B f_tok/(peak eff),
 *   B* = (N bpp / bw) / (f_tok/(peak eff) - ctx kv_token/bw),
 * f_tok = 2 N_act + 4 L ctx d_attn. Independent of tp. For a dense model
 * with a short context, B* ~ bpp peak eff / (2 bw): the chip's
 * FLOP-per-byte ratio for BF16. +inf when KV reads grow at least as fast as
 * compute (decode never compute-bound). ODC_EINPUT naming the bad field. */
int odc_infer_crossover_batch(const odc_infer_model *m, const odc_infer_config *c,
                              const odc_chip_params *chip, double *batch,
                              odc_err *err);

/* Prefill of one request of prompt_tokens (time to the first token's
 * logits): roofline with flops = P (2 N_act) + 4 L d_attn P^2/2 (causal
 * attention: P^2/2 query-key pairs), bytes = N bpp (weights once),
 *   t = max(bytes/(tp bw), flops/(tp peak eff)).
 * prompt_tokens > 0. ODC_EINPUT naming the bad field. */
int odc_infer_prefill_s(const odc_infer_model *m, const odc_infer_config *c,
                        const odc_chip_params *chip, double prompt_tokens,
                        double *t_s, odc_err *err);

/* Mean values of a single-server queue with Poisson arrivals at lambda
 * (1/s) and mean service time 1/mu (s). */
typedef struct odc_queue_result {
    double rho;      /* utilisation lambda/mu                     */
    double wq_s;     /* mean wait before service                  */
    double w_s;      /* mean time in system = wq + 1/mu           */
    double lq;       /* mean number waiting = lambda wq (Little)  */
    double l;        /* mean number in system = lambda w          */
} odc_queue_result;

/* M/M/1 (exponential service): Wq = rho / (mu - lambda), W = 1/(mu - lambda)
 * (Kleinrock 1975 sec. 3.2). lambda >= 0, mu > 0; ODC_EINPUT field
 * "lambda" when rho >= 1 (no steady state). */
int odc_queue_mm1(double lambda, double mu, odc_queue_result *q, odc_err *err);

/* M/D/1 (deterministic service), Pollaczek-Khinchine with zero service
 * variance: Wq = rho / (2 mu (1 - rho)) (Kleinrock 1975 ch. 5), half
 * the M/M/1 wait. Arguments and errors as odc_queue_mm1. */
int odc_queue_md1(double lambda, double mu, odc_queue_result *q, odc_err *err);

/* M/M/c (c identical servers, one queue; Erlang's C formula, Kleinrock
 * 1975 sec. 3.5): a = lambda/mu, rho = a/c,
 *   C(c,a) = B / (1 - rho (1 - B)),  B = Erlang B by the recursion
 *   B_0 = 1, B_k = a B_{k-1} / (k + a B_{k-1})  (stable for large c),
 *   Wq = C / (c mu - lambda).
 * c = 1 gives M/M/1. q->rho is the per-server utilisation. lambda >= 0,
 * mu > 0, c >= 1; ODC_EINPUT "lambda" when rho >= 1, "c" when c < 1. */
int odc_queue_mmc(double lambda, double mu, int c, odc_queue_result *q, odc_err *err);

/* Service a replica offers and the latency a ground user sees.
 * Each of the c->batch slots holds one request for
 *   request_s = prefill_s + output_tokens * step_s
 * (prefill by odc_infer_prefill_s, step by odc_infer_decode at the full
 * batch, i.e. the slowest decode). Requests arrive as a Poisson stream at
 * arrival_per_s and wait in an M/M/c queue with c = batch, mu =
 * 1/request_s (service times taken as exponential: output lengths vary).
 * Then (odc_infer_latency) ttft = 2 one_way + wait + prefill, tpot = step,
 * e2e = ttft + (output_tokens - 1) step. Prefill is not charged to the
 * other sequences' decode steps (no chunked-prefill interference). */
typedef struct odc_infer_service {
    double prefill_s, step_s, request_s;
    double capacity_per_s;  /* batch / request_s: requests/s at rho = 1     */
    odc_queue_result queue; /* M/M/c mean values                            */
    double one_way_s, ttft_s, tpot_s, e2e_s;
} odc_infer_service;

/* prompt_tokens > 0, output_tokens >= 1, arrival_per_s >= 0; geometry as
 * odc_infer_latency. ODC_EINPUT naming the bad field ("arrival_per_s"
 * when it reaches the capacity). */
int odc_infer_serve(const odc_infer_model *m, const odc_infer_config *c,
                    const odc_chip_params *chip, double prompt_tokens,
                    double output_tokens, double arrival_per_s, double slant_km,
                    double isl_km, int isl_hops, double per_hop_s,
                    odc_infer_service *s, odc_err *err);

/* Latency seen by a ground user of a model served on a satellite.
 *   one_way = slant_km / c + isl_km / c + isl_hops per_hop_s
 *   ttft    = 2 one_way + queue_s + prefill_s      (request up, first token down)
 *   tpot    = decode_step_s                        (tokens then stream at the step rate)
 * c = 299792.458 km/s (vacuum; RF and laser). slant_km > 0 (ground to the
 * access satellite), isl_km >= 0 (path from there to the serving satellite),
 * isl_hops >= 0, per_hop_s >= 0 (switching), queue_s, prefill_s,
 * decode_step_s >= 0. Any out pointer may be NULL. ODC_EINPUT naming the
 * bad argument. */
int odc_infer_latency(double slant_km, double isl_km, int isl_hops, double per_hop_s,
                      double queue_s, double prefill_s, double decode_step_s,
                      double *one_way_s, double *ttft_s, double *tpot_s,
                      odc_err *err);

#endif
