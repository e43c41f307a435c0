/* Training step time, per-chip memory and whole-run goodput. The step is
 * an alpha-beta model on top of a roofline-free compute term (peak * MFU):
 * every term is a closed form so tests can redo it by hand. */
#include "odc/training.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "odc/checkpoint.h"
#include "odc/collective.h"

#define SECONDS_PER_YEAR (365.25 * 86400.0)   /* Julian year */

static int bad_pos(double x) { return !isfinite(x) || !(x > 0.0); }
static int bad_nonneg(double x) { return !isfinite(x) || x < 0.0; }

static int e_pos(const char *f, double x, odc_err *err)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "must be finite and > 0, got %g", x);
}

static int e_nonneg(const char *f, double x, odc_err *err)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "must be finite and >= 0, got %g", x);
}

static int e_int(const char *f, int x, int lo, odc_err *err)
{
    return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, f, "must be >= %d, got %d", lo, x);
}

#define POS(s, fld) do { if (bad_pos((s)->fld)) return e_pos(#fld, (s)->fld, err); } while (0)
#define NONNEG(s, fld) do { if (bad_nonneg((s)->fld)) return e_nonneg(#fld, (s)->fld, err); } while (0)
#define INTMIN(s, fld, lo) do { if ((s)->fld < (lo)) return e_int(#fld, (s)->fld, lo, err); } while (0)

int odc_train_check(const odc_train_model *m, const odc_train_parallel *p,
                    const odc_chip_params *chip, const odc_train_net *net,
                    odc_err *err)
{
    if (!m) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "model", "missing");
    if (!p) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "parallel", "missing");
    if (!chip) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "chip", "missing");
    if (!net) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "net", "missing");
    POS(m, params);
    NONNEG(m, active_params);
    if (m->active_params > m->params)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "active_params",
                           "active parameters %g exceed total parameters %g",
                           m->active_params, m->params);
    POS(m, tokens);
    NONNEG(m, flops_per_token);
    INTMIN(m, layers, 1);
    POS(m, hidden);
    INTMIN(m, heads, 1);
    POS(m, seq_len);
    POS(m, bytes_per_param);
    POS(m, bytes_per_grad);
    NONNEG(m, optim_bytes_per_param);

    INTMIN(p, dp, 1);
    INTMIN(p, tp, 1);
    INTMIN(p, pp, 1);
    INTMIN(p, chips_per_sat, 1);
    if (p->chips_per_sat % p->tp != 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "tp",
                           "tensor-parallel degree %d must divide chips_per_sat %d "
                           "(tensor parallelism stays inside one satellite)",
                           p->tp, p->chips_per_sat);
    if (p->pp > m->layers)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "pp",
                           "pipeline degree %d exceeds the %d layers", p->pp, m->layers);
    if (p->chips < 0)
        return e_int("chips", p->chips, 0, err);
    if (p->chips > 0 && (double)p->dp * p->tp * p->pp != (double)p->chips)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "dp",
                           "dp*tp*pp = %d*%d*%d = %.0f does not equal the %d chips",
                           p->dp, p->tp, p->pp, (double)p->dp * p->tp * p->pp, p->chips);
    if (p->chips > 0 && p->chips % p->chips_per_sat != 0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "chips",
                           "%d chips are not a whole number of satellites of %d",
                           p->chips, p->chips_per_sat);
    if ((double)p->dp * p->tp * p->pp > 1e9)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "dp",
                           "dp*tp*pp = %g chips is beyond 1e9",
                           (double)p->dp * p->tp * p->pp);
    INTMIN(p, micro_batch, 1);
    INTMIN(p, micro_batches, 1);
    if (p->zero_stage < 0 || p->zero_stage > 3)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "zero_stage",
                           "must be 0..3, got %d", p->zero_stage);
    if (p->recompute < 0 || p->recompute > 2)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "recompute",
                           "must be 0 (none), 1 (selective) or 2 (full), got %d",
                           p->recompute);
    if (p->allreduce_algo != ODC_ALLREDUCE_RING &&
        p->allreduce_algo != ODC_ALLREDUCE_RABENSEIFNER)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "allreduce_algo",
                           "must be %d (ring) or %d (Rabenseifner), got %d",
                           ODC_ALLREDUCE_RING, ODC_ALLREDUCE_RABENSEIFNER,
                           p->allreduce_algo);
    if (bad_pos(p->mfu) || p->mfu > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "mfu",
                           "must be in (0,1], got %g", p->mfu);
    if (bad_nonneg(p->overlap) || p->overlap > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "overlap",
                           "must be in [0,1], got %g", p->overlap);
    if (bad_pos(p->hbm_usable_frac) || p->hbm_usable_frac > 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "hbm_usable_frac",
                           "must be in (0,1], got %g", p->hbm_usable_frac);

    POS(chip, peak_flops);
    POS(chip, hbm_bytes);
    POS(chip, hbm_bw_bytes_s);
    POS(chip, power_w);

    POS(net, intra_bw_bytes_s);
    NONNEG(net, intra_lat_s);
    POS(net, isl_bw_bytes_s);
    NONNEG(net, isl_lat_s);
    if ((net->dp_ring_bw_bytes_s == NULL) != (net->dp_ring_lat_s == NULL))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0,
                           net->dp_ring_bw_bytes_s ? "dp_ring_lat_s" : "dp_ring_bw_bytes_s",
                           "per-hop DP ring needs both bandwidths and latencies");
    return ODC_OK;
}

/* The step at data-parallel degree dp (the run recomputes it as replicas
 * are lost). ring_bw/ring_lat: per-hop arrays of length dp or NULL;
 * bw_uni/lat_uni: the link used for uniform rings (the ISL, or the slowest
 * hop of the per-hop ring once the ring has shrunk). */
static int step_at(const odc_train_model *m, const odc_train_parallel *p,
                   const odc_chip_params *chip, const odc_train_net *net,
                   int dp, const double *ring_bw, const double *ring_lat,
                   double bw_uni, double lat_uni,
                   odc_train_step_result *r, odc_err *err)
{
    int rc;
    const double tp = p->tp, pp = p->pp, mb = p->micro_batches;
    const double b = p->micro_batch, s = m->seq_len, h = m->hidden;
    const double n_act = m->active_params > 0.0 ? m->active_params : m->params;
    const double fpt = m->flops_per_token > 0.0 ? m->flops_per_token : 6.0 * n_act;
    const double share = (double)p->chips_per_sat;   /* chips sharing one ISL */

    r->tokens_per_step = (double)dp * mb * b * s;
    r->model_flops_per_step = fpt * r->tokens_per_step;
    double hw_flops = r->model_flops_per_step +
                      (p->recompute == 2 ? 2.0 * n_act * r->tokens_per_step : 0.0);
    /* The pipeline moves at the pace of its largest stage: ceil(L/pp)
     * layers (FLOPs and parameters spread evenly over layers). */
    const double stage_layers = ceil((double)m->layers / pp);
    const double stage_frac = stage_layers / m->layers;
    double t_c_mb = hw_flops / ((double)dp * mb) / tp * stage_frac /
                    (chip->peak_flops * p->mfu);

    /* Tensor parallel: 4 activation all-reduces per layer (6 with full
     * recomputation) of b s h elements, inside the satellite. */
    double act_msg = b * s * h * m->bytes_per_param, t_ar1 = 0.0;
    if (p->tp > 1 &&
        (rc = odc_allreduce_s(p->allreduce_algo, p->tp, act_msg, net->intra_bw_bytes_s,
                              net->intra_lat_s, &t_ar1, err)))
        return rc;
    double t_tp_mb = stage_layers * (p->recompute == 2 ? 6.0 : 4.0) * t_ar1;
    double t_mb = t_c_mb + t_tp_mb;

    r->compute_s = mb * t_c_mb;
    r->tp_comm_s = mb * t_tp_mb;
    r->bubble_s = (pp - 1.0) * t_mb;
    r->bubble_frac = (pp - 1.0) / (mb + pp - 1.0);

    /* Pipeline fill and drain: 2(pp-1) activation/gradient sends on the
     * critical path; the satellite's chips_per_sat/tp TP groups share the
     * link. Steady-state sends are assumed hidden behind compute. */
    r->pp_p2p_s = 0.0;
    if (p->pp > 1)
        r->pp_p2p_s = 2.0 * (pp - 1.0) *
                      (net->isl_lat_s + act_msg / (net->isl_bw_bytes_s * tp / share));

    /* Data parallel: each chip all-reduces the gradients of its shard,
     * over 1/share of each ISL. */
    double shard = m->params / tp * stage_frac;
    double grad_bytes = shard * m->bytes_per_grad;
    r->dp_allreduce_s = 0.0;
    if (dp > 1) {
        if (ring_bw) {
            /* Slowest hop sets each step; 1/share of a link for S bytes
             * takes as long as the full link for share*S bytes. */
            if ((rc = odc_allreduce_ring_hops_s(dp, grad_bytes * share, ring_bw, ring_lat,
                                                &r->dp_allreduce_s, err)))
                return rc;
        } else if ((rc = odc_allreduce_s(p->allreduce_algo, dp, grad_bytes,
                                         bw_uni / share, lat_uni, &r->dp_allreduce_s,
                                         err))) {
            return rc;
        }
        if (p->zero_stage == 3) {   /* weights gathered again: 1.5x volume */
            double t_g;
            if ((rc = odc_ring_gather_s(dp, shard * m->bytes_per_param, bw_uni / share,
                                        lat_uni, &t_g, err)))
                return rc;
            r->dp_allreduce_s += t_g;
        }
    }
    r->dp_exposed_s = (1.0 - p->overlap) * r->dp_allreduce_s;

    r->step_s = (mb + pp - 1.0) * t_mb + r->pp_p2p_s + r->dp_exposed_s;
    double chips = (double)dp * tp * pp;
    r->mfu_achieved = r->model_flops_per_step / (chips * chip->peak_flops * r->step_s);

    /* Memory of a first-stage chip (taken as a largest stage). */
    r->mem_weights_bytes = shard * m->bytes_per_param;
    r->mem_grads_bytes = shard * m->bytes_per_grad;
    r->mem_optim_bytes = shard * m->optim_bytes_per_param;
    if (p->zero_stage >= 1) r->mem_optim_bytes /= dp;
    if (p->zero_stage >= 2) r->mem_grads_bytes /= dp;
    if (p->zero_stage >= 3) r->mem_weights_bytes /= dp;
    double per_layer = p->recompute == 2 ? 2.0 * s * b * h / tp
                     : p->recompute == 1 ? 34.0 * s * b * h / tp
                     : s * b * h * (34.0 + 5.0 * m->heads * s / h) / tp;
    double in_flight = mb < pp ? mb : pp;     /* 1F1B: first stage holds pp */
    r->mem_act_bytes = stage_layers * in_flight * per_layer;
    r->mem_total_bytes = r->mem_weights_bytes + r->mem_grads_bytes +
                         r->mem_optim_bytes + r->mem_act_bytes;
    double usable = p->hbm_usable_frac * chip->hbm_bytes;
    if (r->mem_total_bytes > usable)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "hbm_bytes",
                           "model does not fit: %.4g GB per chip needed (weights %.4g, "
                           "gradients %.4g, optimizer %.4g, activations %.4g GB) > "
                           "%.4g GB usable; raise tp or pp, zero_stage or recompute",
                           r->mem_total_bytes / 1e9, r->mem_weights_bytes / 1e9,
                           r->mem_grads_bytes / 1e9, r->mem_optim_bytes / 1e9,
                           r->mem_act_bytes / 1e9, usable / 1e9);
    return ODC_OK;
}

/* Slowest rate and largest latency of the per-hop DP ring (or the uniform
 * ISL when there is none). */
static int ring_worst(const odc_train_net *net, int dp, double *bw, double *lat,
                      odc_err *err)
{
    *bw = net->isl_bw_bytes_s;
    *lat = net->isl_lat_s;
    if (!net->dp_ring_bw_bytes_s)
        return ODC_OK;
    double t;
    /* validates the arrays (finite, bw > 0, lat >= 0) */
    int rc = odc_allreduce_ring_hops_s(dp, 0.0, net->dp_ring_bw_bytes_s,
                                       net->dp_ring_lat_s, &t, err);
    if (rc) return rc;
    *bw = INFINITY;
    *lat = 0.0;
    for (int i = 0; i < dp; i++) {
        if (net->dp_ring_bw_bytes_s[i] < *bw) *bw = net->dp_ring_bw_bytes_s[i];
        if (net->dp_ring_lat_s[i] > *lat) *lat = net->dp_ring_lat_s[i];
    }
    return ODC_OK;
}

int odc_train_step(const odc_train_model *m, const odc_train_parallel *p,
                   const odc_chip_params *chip, const odc_train_net *net,
                   odc_train_step_result *r, odc_err *err)
{
    int rc;
    if ((rc = odc_train_check(m, p, chip, net, err)))
        return rc;
    if (!r)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "r", "output pointer is NULL");
    double bw, lat;
    if ((rc = ring_worst(net, p->dp, &bw, &lat, err)))
        return rc;
    return step_at(m, p, chip, net, p->dp, net->dp_ring_bw_bytes_s, net->dp_ring_lat_s,
                   bw, lat, r, err);
}

/* Daly's Tw/Ts at k replicas; interval out. No interrupts: factor 1. */
static int ckpt_factor(const odc_train_ops *ops, double chips, double delta, double restart,
                       double *mtbi, double *tau, double *factor, odc_err *err)
{
    if (ops->interrupts_per_chip_yr == 0.0) {
        *mtbi = INFINITY;
        *tau = INFINITY;
        *factor = 1.0;
        return ODC_OK;
    }
    *mtbi = SECONDS_PER_YEAR / (chips * ops->interrupts_per_chip_yr);
    int rc = ops->ckpt_rule == ODC_CKPT_DALY ? odc_ckpt_daly_s(delta, *mtbi, tau, err)
                                             : odc_ckpt_young_s(delta, *mtbi, tau, err);
    if (rc) return rc;
    double wall;
    /* Ts = tau: the ratio Tw/Ts does not depend on Ts. */
    if ((rc = odc_ckpt_wall_s(*tau, *tau, delta, restart, *mtbi, &wall, NULL, err)))
        return rc;
    *factor = wall / *tau;
    return ODC_OK;
}

int odc_train_run(const odc_train_model *m, const odc_train_parallel *p,
                  const odc_chip_params *chip, const odc_train_net *net,
                  const odc_train_ops *ops, odc_train_run_result *r,
                  odc_err *err)
{
    int rc;
    if (!ops) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ops", "missing");
    if (!r) return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "r", "output pointer is NULL");
    NONNEG(ops, interrupts_per_chip_yr);
    NONNEG(ops, failures_per_chip_yr);
    INTMIN(ops, spares, 0);
    POS(ops, ckpt_write_bytes_s);
    POS(ops, ckpt_read_bytes_s);
    NONNEG(ops, restart_s);
    if (ops->ckpt_rule != ODC_CKPT_YOUNG && ops->ckpt_rule != ODC_CKPT_DALY)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "ckpt_rule",
                           "must be %d (Young) or %d (Daly), got %d",
                           ODC_CKPT_YOUNG, ODC_CKPT_DALY, ops->ckpt_rule);
    if (!isfinite(ops->energy_overhead) || ops->energy_overhead < 1.0)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "energy_overhead",
                           "must be finite and >= 1, got %g", ops->energy_overhead);
    if ((rc = odc_train_step(m, p, chip, net, &r->step, err)))
        return rc;

    const double cpr = (double)p->tp * p->pp;      /* chips per replica */
    const double fpt = m->flops_per_token > 0.0
        ? m->flops_per_token
        : 6.0 * (m->active_params > 0.0 ? m->active_params : m->params);
    r->ckpt_bytes = m->params * (m->bytes_per_param + m->optim_bytes_per_param);
    r->ckpt_write_s = r->ckpt_bytes / ops->ckpt_write_bytes_s;
    r->restart_total_s = ops->restart_s + r->ckpt_bytes / ops->ckpt_read_bytes_s;
    double fac;
    if ((rc = ckpt_factor(ops, p->dp * cpr, r->ckpt_write_s, r->restart_total_s,
                          &r->mtbi_s, &r->ckpt_interval_s, &fac, err)))
        return rc;
    r->waste_frac = 1.0 - 1.0 / fac;

    double bw_worst, lat_worst;
    if ((rc = ring_worst(net, p->dp, &bw_worst, &lat_worst, err)))
        return rc;

    /* Phases of constant replica count k, from t_prev to the time the
     * count falls below k. */
    double left = m->tokens, wall = 0.0, kept = 0.0, energy = 0.0;
    for (int k = p->dp; k >= 1; k--) {
        odc_train_step_result st;
        if (k == p->dp) {
            st = r->step;
        } else {
            odc_err e2;
            odc_err_clear(&e2);
            if ((rc = step_at(m, p, chip, net, k, NULL, NULL, bw_worst, lat_worst,
                              &st, &e2))) {
                if (strcmp(e2.field, "hbm_bytes") == 0)   /* ZeRO shards grew */
                    return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "hbm_bytes",
                                       "after attrition to %d replicas: %s", k, e2.msg);
                if (err) *err = e2;
                return rc;
            }
        }
        double mtbi, tau, f;
        if ((rc = ckpt_factor(ops, k * cpr, r->ckpt_write_s, r->restart_total_s,
                              &mtbi, &tau, &f, err)))
            return rc;
        double rate = st.tokens_per_step / st.step_s / f;    /* tokens per wall s */
        double t_end_yr;
        if ((rc = odc_attrition_drop_yr(p->dp, (int)cpr, ops->spares,
                                        ops->failures_per_chip_yr, k, &t_end_yr, err)))
            return rc;
        double span = t_end_yr * SECONDS_PER_YEAR - wall;   /* phase length (s) */
        if (span < 0.0) span = 0.0;
        double need = left / rate, dt = need <= span ? need : span;
        wall += dt;
        kept += dt / f;
        energy += dt * k * cpr * chip->power_w * ops->energy_overhead;
        left -= dt * rate;
        if (need <= span) {
            left = 0.0;
            r->replicas_end = k;
            break;
        }
    }
    if (left > 0.0)
        return odc_err_set(err, ODC_EMODEL, NULL, 0, 0, "failures_per_chip_yr",
                           "attrition leaves no data-parallel replica after %.4g yr "
                           "with %.4g of %.4g tokens left", wall / SECONDS_PER_YEAR,
                           left, m->tokens);
    r->time_to_train_s = wall;
    r->useful_time_frac = kept / wall;
    r->goodput = fpt * m->tokens / (chip->peak_flops * p->dp * cpr * wall);
    r->energy_j = energy;
    return ODC_OK;
}
