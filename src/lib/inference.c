/* Roofline model of transformer serving, mean-value queues and the
 * ground-to-satellite latency budget. All closed forms. */
#include "odc/inference.h"

#include <math.h>

#define C_KM_S 299792.458   /* speed of light, exact by SI definition */

static int bad_pos(double x) { return !isfinite(x) || !(x > 0.0); }
static int bad_nonneg(double x) { return !isfinite(x) || x < 0.0; }

#define POS(s, fld) do { if (bad_pos((s)->fld)) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, #fld, \
    "must be finite and > 0, got %g", (double)(s)->fld); } while (0)
#define INTMIN(s, fld, lo) do { if ((s)->fld < (lo)) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, #fld, \
    "must be >= %d, got %d", lo, (s)->fld); } while (0)
#define ARGPOS(x) do { if (bad_pos(x)) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, #x, \
    "must be finite and > 0, got %g", (double)(x)); } while (0)
#define ARGNONNEG(x) do { if (bad_nonneg(x)) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, #x, \
    "must be finite and >= 0, got %g", (double)(x)); } while (0)

double odc_kv_bytes_per_token(const odc_infer_model *m)
{
    return 2.0 * m->layers * m->kv_heads * m->head_dim * m->kv_bytes;
}

int odc_infer_check(const odc_infer_model *m, const odc_infer_config *c,
                    const odc_chip_params *chip, odc_err *err)
{
    if (!m) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "model", "missing");
    if (!c) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "config", "missing");
    if (!chip) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "chip", "missing");
    POS(m, params);
    if (bad_nonneg(m->active_params) || m->active_params > m->params)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "active_params",
                           "must be in [0, params = %g], got %g", m->params,
                           m->active_params);
    POS(m, bytes_per_param);
    INTMIN(m, layers, 1);
    INTMIN(m, kv_heads, 1);
    POS(m, head_dim);
    INTMIN(m, q_heads, 1);
    POS(m, kv_bytes);
    POS(m, context_tokens);
    INTMIN(c, tp, 1);
    INTMIN(c, batch, 1);
    if (bad_pos(c->compute_eff) || c->compute_eff > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "compute_eff",
                           "must be in (0,1], got %g", c->compute_eff);
    if (bad_pos(c->hbm_usable_frac) || c->hbm_usable_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "hbm_usable_frac",
                           "must be in (0,1], got %g", c->hbm_usable_frac);
    POS(chip, peak_flops);
    POS(chip, hbm_bytes);
    POS(chip, hbm_bw_bytes_s);
    POS(chip, power_w);
    return ODC_OK;
}

static double active(const odc_infer_model *m)
{
    return m->active_params > 0.0 ? m->active_params : m->params;
}

/* Decode FLOPs per generated token: 2 N_act + 4 L ctx d_attn. */
static double flops_per_token(const odc_infer_model *m)
{
    return 2.0 * active(m) + 4.0 * m->layers * m->context_tokens * m->q_heads * m->head_dim;
}

int odc_infer_max_batch(const odc_infer_model *m, const odc_infer_config *c,
                        const odc_chip_params *chip, int *max_batch, odc_err *err)
{
    int rc;
    if ((rc = odc_infer_check(m, c, chip, err))) return rc;
    if (!max_batch)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "max_batch", "output pointer is NULL");
    double usable_chip = c->hbm_usable_frac * chip->hbm_bytes;
    double weights = m->params * m->bytes_per_param;
    double free_b = c->tp * usable_chip - weights;
    if (free_b <= 0.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tp",
                           "weights %.4g GB do not fit in %d chip(s) x %.4g GB usable; "
                           "need tp >= %.0f", weights / 1e9, c->tp, usable_chip / 1e9,
                           floor(weights / usable_chip) + 1.0);
    double per_seq = m->context_tokens * odc_kv_bytes_per_token(m);
    double b = floor(free_b / per_seq);
    if (b < 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tp",
                           "after the weights, %.4g GB are left: less than one "
                           "sequence's KV cache (%.4g GB at %g tokens)", free_b / 1e9,
                           per_seq / 1e9, m->context_tokens);
    *max_batch = b > 2147483647.0 ? 2147483647 : (int)b;
    return ODC_OK;
}

int odc_infer_decode(const odc_infer_model *m, const odc_infer_config *c,
                     const odc_chip_params *chip, odc_infer_decode_result *r,
                     odc_err *err)
{
    int rc, maxb;
    if ((rc = odc_infer_max_batch(m, c, chip, &maxb, err))) return rc;
    if (!r) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "r", "output pointer is NULL");
    if (c->batch > maxb)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "batch",
                           "batch %d exceeds the %d sequences whose KV caches fit "
                           "(context %g tokens, tp %d)", c->batch, maxb,
                           m->context_tokens, c->tp);
    double b = c->batch;
    r->max_batch = maxb;
    r->bytes_per_step = m->params * m->bytes_per_param +
                        b * m->context_tokens * odc_kv_bytes_per_token(m);
    r->flops_per_step = b * flops_per_token(m);
    r->mem_s = r->bytes_per_step / (c->tp * chip->hbm_bw_bytes_s);
    r->compute_s = r->flops_per_step / (c->tp * chip->peak_flops * c->compute_eff);
    r->compute_bound = r->compute_s > r->mem_s;
    r->step_s = r->compute_bound ? r->compute_s : r->mem_s;
    r->tokens_per_s = b / r->step_s;
    r->tokens_per_s_chip = r->tokens_per_s / c->tp;
    return ODC_OK;
}

int odc_infer_crossover_batch(const odc_infer_model *m, const odc_infer_config *c,
                              const odc_chip_params *chip, double *batch,
                              odc_err *err)
{
    int rc;
    if ((rc = odc_infer_check(m, c, chip, err))) return rc;
    if (!batch) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "batch", "output pointer is NULL");
    double bw = chip->hbm_bw_bytes_s, pk = chip->peak_flops * c->compute_eff;
    double per_seq_gap = flops_per_token(m) / pk -
                         m->context_tokens * odc_kv_bytes_per_token(m) / bw;
    *batch = per_seq_gap > 0.0 ? (m->params * m->bytes_per_param / bw) / per_seq_gap
                               : INFINITY;
    return ODC_OK;
}

int odc_infer_prefill_s(const odc_infer_model *m, const odc_infer_config *c,
                        const odc_chip_params *chip, double prompt_tokens,
                        double *t_s, odc_err *err)
{
    int rc;
    if ((rc = odc_infer_check(m, c, chip, err))) return rc;
    ARGPOS(prompt_tokens);
    if (!t_s) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "t_s", "output pointer is NULL");
    double p = prompt_tokens;
    double flops = p * 2.0 * active(m) +
                   4.0 * m->layers * m->q_heads * m->head_dim * p * p / 2.0;
    double t_c = flops / (c->tp * chip->peak_flops * c->compute_eff);
    double t_m = m->params * m->bytes_per_param / (c->tp * chip->hbm_bw_bytes_s);
    *t_s = t_c > t_m ? t_c : t_m;
    return ODC_OK;
}

static int queue_common(double lambda, double mu, odc_queue_result *q, odc_err *err)
{
    ARGNONNEG(lambda);
    ARGPOS(mu);
    if (!q) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "q", "output pointer is NULL");
    if (lambda >= mu)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "lambda",
                           "arrival rate %g/s >= service rate %g/s: utilisation "
                           "%g >= 1, the queue has no steady state", lambda, mu,
                           lambda / mu);
    q->rho = lambda / mu;
    return ODC_OK;
}

static void little(double lambda, double mu, odc_queue_result *q)
{
    q->w_s = q->wq_s + 1.0 / mu;
    q->lq = lambda * q->wq_s;
    q->l = lambda * q->w_s;
}

int odc_queue_mm1(double lambda, double mu, odc_queue_result *q, odc_err *err)
{
    int rc;
    if ((rc = queue_common(lambda, mu, q, err))) return rc;
    q->wq_s = q->rho / (mu - lambda);
    little(lambda, mu, q);
    return ODC_OK;
}

int odc_queue_md1(double lambda, double mu, odc_queue_result *q, odc_err *err)
{
    int rc;
    if ((rc = queue_common(lambda, mu, q, err))) return rc;
    q->wq_s = q->rho / (2.0 * mu * (1.0 - q->rho));
    little(lambda, mu, q);
    return ODC_OK;
}

int odc_queue_mmc(double lambda, double mu, int c, odc_queue_result *q, odc_err *err)
{
    int rc;
    ARGNONNEG(lambda);
    ARGPOS(mu);
    if (c < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "c", "servers must be >= 1, got %d", c);
    if ((rc = queue_common(lambda, c * mu, q, err))) return rc;   /* rho = lambda/(c mu) */
    double a = lambda / mu, b = 1.0;
    for (int k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    double erlang_c = b / (1.0 - q->rho * (1.0 - b));
    q->wq_s = erlang_c / (c * mu - lambda);
    little(lambda, mu, q);
    return ODC_OK;
}

int odc_infer_serve(const odc_infer_model *m, const odc_infer_config *c,
                    const odc_chip_params *chip, double prompt_tokens,
                    double output_tokens, double arrival_per_s, double slant_km,
                    double isl_km, int isl_hops, double per_hop_s,
                    odc_infer_service *s, odc_err *err)
{
    int rc;
    odc_infer_decode_result d;
    if ((rc = odc_infer_decode(m, c, chip, &d, err))) return rc;
    if (!isfinite(output_tokens) || output_tokens < 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "output_tokens",
                           "must be finite and >= 1, got %g", output_tokens);
    ARGNONNEG(arrival_per_s);
    if (!s) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "s", "output pointer is NULL");
    if ((rc = odc_infer_prefill_s(m, c, chip, prompt_tokens, &s->prefill_s, err))) return rc;
    s->step_s = d.step_s;
    s->request_s = s->prefill_s + output_tokens * d.step_s;
    s->capacity_per_s = c->batch / s->request_s;
    if (arrival_per_s >= s->capacity_per_s)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "arrival_per_s",
                           "%g requests/s reach the replica's capacity %g/s "
                           "(batch %d, %g s per request)", arrival_per_s,
                           s->capacity_per_s, c->batch, s->request_s);
    if ((rc = odc_queue_mmc(arrival_per_s, 1.0 / s->request_s, c->batch, &s->queue, err)))
        return rc;
    if ((rc = odc_infer_latency(slant_km, isl_km, isl_hops, per_hop_s, s->queue.wq_s,
                                s->prefill_s, s->step_s, &s->one_way_s, &s->ttft_s,
                                &s->tpot_s, err)))
        return rc;
    s->e2e_s = s->ttft_s + (output_tokens - 1.0) * s->step_s;
    return ODC_OK;
}

int odc_infer_latency(double slant_km, double isl_km, int isl_hops, double per_hop_s,
                      double queue_s, double prefill_s, double decode_step_s,
                      double *one_way_s, double *ttft_s, double *tpot_s,
                      odc_err *err)
{
    ARGPOS(slant_km);
    ARGNONNEG(isl_km);
    if (isl_hops < 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "isl_hops",
                           "must be >= 0, got %d", isl_hops);
    ARGNONNEG(per_hop_s);
    ARGNONNEG(queue_s);
    ARGNONNEG(prefill_s);
    ARGNONNEG(decode_step_s);
    double ow = (slant_km + isl_km) / C_KM_S + isl_hops * per_hop_s;
    if (one_way_s) *one_way_s = ow;
    if (ttft_s) *ttft_s = 2.0 * ow + queue_s + prefill_s;
    if (tpot_s) *tpot_s = decode_step_s;
    return ODC_OK;
}
