/* Checkpoint/restart for long training jobs: optimum checkpoint interval
 * (Young 1974, Daly 2006), expected wall time and wasted fraction under
 * exponentially distributed interrupts, and permanent chip attrition.
 *
 * Symbols (Daly 2006): delta = time to write one checkpoint (s), M = mean
 * time between interrupts of the whole job (s), R = restart time after an
 * interrupt (reload checkpoint, re-initialise; s), tau = compute time
 * between checkpoints (s), Ts = failure-free solve time (s).
 *
 * References: J. W. Young, "A first order approximation to the optimum
 * checkpoint interval", Commun. ACM 17(9):530-531 (1974); J. T. Daly, "A
 * higher order estimate of the optimum checkpoint interval for restart
 * dumps", Future Generation Computer Systems 22(3):303-312 (2006). */
#ifndef ODC_CHECKPOINT_H
#define ODC_CHECKPOINT_H

#include "odc/error.h"

/* Young's first-order optimum interval tau = sqrt(2 delta M).
 * delta_s > 0, mtbi_s > 0. It minimises the first-order waste
 * delta/tau + tau/(2M) (checkpoint overhead + half a segment lost per
 * interrupt). Valid for delta << M. ODC_EINPUT naming the bad argument. */
int odc_ckpt_young_s(double delta_s, double mtbi_s, double *tau_s, odc_err *err);

/* Daly's higher-order optimum interval (Daly 2006,
 * doi:10.1016/j.future.2004.11.016, perturbation solution):
 *   tau = sqrt(2 delta M) [1 + (1/3) sqrt(delta/(2M)) + (1/9) delta/(2M)] - delta
 *         for delta < 2M,   tau = M otherwise.
 * Tends to Young's value as delta/M -> 0. ODC_EINPUT naming the bad
 * argument. */
int odc_ckpt_daly_s(double delta_s, double mtbi_s, double *tau_s, odc_err *err);

/* Expected wall time to finish Ts of work that checkpoints every tau
 * (Daly 2006, complete model with Ts/tau segments):
 *   Tw = M exp(R/M) (exp((tau + delta)/M) - 1) Ts/tau
 * Interrupts are Poisson with mean spacing M; an interrupt may also hit a
 * checkpoint write or a restart. tau, delta, mtbi > 0; solve_s, restart_s
 * >= 0. waste_frac (may be NULL) = 1 - Ts/Tw, the fraction of wall time
 * not spent on work that is kept. ODC_EINPUT naming the bad argument. */
int odc_ckpt_wall_s(double solve_s, double tau_s, double delta_s,
                    double restart_s, double mtbi_s, double *wall_s,
                    double *waste_frac, odc_err *err);

/* Permanent chip attrition, pooled fluid model: n0 chips (in use + hot
 * spares), each failing at rate lambda (per chip-year, exponential
 * lifetimes, no repair in orbit), so n(t) = n0 exp(-lambda t). A replica
 * needs chips_per_replica chips; the job runs min(replicas, floor(n(t) /
 * chips_per_replica)) replicas (any surviving chip can replace a failed
 * one: an upper bound when spares are tied to a satellite).
 *
 * odc_attrition_replicas: replicas running at t_yr.
 * odc_attrition_drop_yr: time (yr) at which the running count falls below
 * k (k in 1..replicas; returns +inf when lambda = 0):
 *   t_k = ln(n0 / (k chips_per_replica)) / lambda, clamped at 0.
 * Arguments: replicas >= 1, chips_per_replica >= 1, spares >= 0, lambda >=
 * 0 per chip-year, t_yr >= 0. ODC_EINPUT naming the bad argument. */
int odc_attrition_replicas(int replicas, int chips_per_replica, int spares,
                           double lambda_per_chip_yr, double t_yr, int *running,
                           odc_err *err);
int odc_attrition_drop_yr(int replicas, int chips_per_replica, int spares,
                          double lambda_per_chip_yr, int k, double *t_yr,
                          odc_err *err);

#endif
