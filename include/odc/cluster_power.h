/* Power draw of a synchronous AI training cluster at sub-second resolution,
 * and a site battery that smooths what the grid sees.
 *
 * A synchronous training job alternates, every iteration, between a compute
 * phase (GPUs near board power) and a communication phase (all-reduce:
 * power drops by tens of percent); checkpoints pause compute for longer
 * (deep drops). The whole site therefore swings by tens of percent within a
 * second. Reference: E. Choukse et al. (Microsoft, OpenAI, NVIDIA), "Power
 * Stabilization for AI Training Datacenters", arXiv:2508.14318 (2025),
 * sec. 2 and Fig. 1 (DGX-H100 rack power of an at-scale job).
 *
 * The battery controller makes the grid draw follow a first-order low-pass
 * filtered, ramp-rate-limited version of the site load, plus a slow
 * state-of-charge recovery term; the battery supplies the difference.
 *
 * Every routine writes into caller-provided arrays and never allocates;
 * energies are in MW*s internally and reported in MWh. */
#ifndef ODC_CLUSTER_POWER_H
#define ODC_CLUSTER_POWER_H

#include <stddef.h>
#include "odc/error.h"

/* Training-job load profile. Phases are laid out in time from t = 0:
 * iteration k occupies [k*iter_period_s, (k+1)*iter_period_s), with compute
 * first (fraction compute_frac), then communication. Checkpoint pauses
 * occupy the last ckpt_duration_s of every ckpt_interval_s and override the
 * iteration pattern. Transitions are slew-limited: a rise from 0 to full IT
 * power takes rise_s, a fall fall_s (linear ramps). Non-IT load (cooling,
 * power conversion) is (pue - 1) times IT power, filtered by a first-order
 * lag of time constant cooling_tau_s, because chillers and pumps follow
 * heat, not GPU phases. */
typedef struct odc_train_profile {
    double p_it_mw;          /* IT power in the compute phase (MW), > 0      */
    double iter_period_s;    /* training iteration period (s), > 0           */
    double compute_frac;     /* share of an iteration in compute, (0, 1]     */
    double comm_power_frac;  /* IT power in all-reduce / compute, [0, 1]     */
    double ckpt_interval_s;  /* checkpoint period (s); 0 = no checkpoints    */
    double ckpt_duration_s;  /* checkpoint pause (s), [0, ckpt_interval_s)   */
    double ckpt_power_frac;  /* IT power in a checkpoint / compute, [0, 1]   */
    double rise_s;           /* full-scale rise time (s), >= 0 (0: a step)   */
    double fall_s;           /* full-scale fall time (s), >= 0               */
    double pue;              /* power usage effectiveness, >= 1              */
    double cooling_tau_s;    /* non-IT first-order lag (s), > 0              */
} odc_train_profile;

/* Site battery at the grid connection (Megapack-class plant).
 * Round-trip efficiency is split evenly: eta_charge = eta_discharge =
 * sqrt(rte). Power limits apply at the grid terminals. */
typedef struct odc_site_battery {
    double p_max_mw;   /* charge and discharge limit (MW), > 0            */
    double e_mwh;      /* nameplate energy (MWh), > 0                     */
    double rte;        /* round-trip efficiency, (0, 1]                   */
    double soc_min;    /* lowest allowed state of charge, [0, soc_max)    */
    double soc_max;    /* highest allowed state of charge, (soc_min, 1]   */
    double soc0;       /* initial state of charge, [soc_min, soc_max]     */
} odc_site_battery;

/* Smoothing controller. Grid reference = low-pass(load) - k*(E - E_target),
 * then limited to |d grid/dt| <= ramp_limit_mw_s. */
typedef struct odc_smoother {
    double tau_s;           /* low-pass time constant (s), >= 0 (0: none)   */
    double ramp_limit_mw_s; /* grid ramp limit (MW/s), > 0; INFINITY: none  */
    double soc_target;      /* SOC the recovery term steers to, [0, 1]      */
    double soc_gain_per_s;  /* recovery gain k (1/s), >= 0: MW per MW*s of
                               stored-energy error                          */
} odc_smoother;

/* What a smoothing run did. Ramps are max |x[k]-x[k-1]|/dt over the run. */
typedef struct odc_smooth_summary {
    double load_ramp_max_mw_s;  /* peak site-load ramp (no battery)        */
    double grid_ramp_max_mw_s;  /* peak grid-draw ramp with the battery    */
    double batt_p_max_mw;       /* largest |battery power|                 */
    double e_load_mwh;          /* energy of the site load                  */
    double e_grid_mwh;          /* energy drawn from the grid               */
    double e_loss_mwh;          /* battery conversion losses                */
    double e_stored_delta_mwh;  /* stored(end) - stored(start)              */
    double soc_min, soc_max;    /* extremes of the SOC trajectory           */
    double dev_min_mwh, dev_max_mwh; /* stored-energy excursion from start  */
    size_t n_limited;           /* steps where a battery limit (power or
                                   SOC) overrode the controller, so the
                                   grid took the remainder                  */
} odc_smooth_summary;

/* Check a profile / battery / controller; ODC_EINPUT naming the first bad
 * field (e.g. "iter_period_s"). */
int odc_train_profile_check(const odc_train_profile *p, odc_err *err);
int odc_site_battery_check(const odc_site_battery *b, odc_err *err);
int odc_smoother_check(const odc_smoother *c, odc_err *err);

/* Mean IT power of the profile (MW), ignoring the finite rise/fall times:
 *   mean = p_it * [(1 - c)*(f + (1 - f)*a) + c*k],
 * c = ckpt_duration/ckpt_interval, f = compute_frac, a = comm_power_frac,
 * k = ckpt_power_frac. Exact over whole checkpoint intervals when those are
 * whole multiples of the iteration period. p must be checked. */
double odc_train_mean_it_mw(const odc_train_profile *p);

/* Sample the site load at t_k = k*dt_s, k = 0..n-1.
 * p          the profile (validated here)
 * dt_s       step (s), > 0; 0.01..0.1 s resolves the phases
 * p_it_mw    out: IT power (MW), n values (may be NULL)
 * p_site_mw  out: IT + non-IT power (MW), n values (may be NULL)
 * The non-IT lag starts at its periodic mean (pue-1)*mean IT, and is
 * advanced exactly for an input held over each step.
 * returns ODC_OK, or ODC_EINPUT naming the bad field ("dt_s", "n", ...). */
int odc_train_load_series(const odc_train_profile *p, double dt_s, size_t n,
                          double *p_it_mw, double *p_site_mw, odc_err *err);

/* Run the smoothing controller over a load series.
 * load_mw   site load (MW), n >= 2 samples, spacing dt_s (s) > 0
 * c, b      controller and battery (validated here)
 * grid_mw   out: grid draw (MW), positive import (may be NULL)
 * batt_mw   out: battery power at the terminals (MW), positive discharge
 *           (may be NULL)
 * soc       out: state of charge after each step (may be NULL)
 * s         out: summary (may be NULL)
 * Per step: f_k = L_k + (f_{k-1} - L_k) exp(-dt/tau) (exact first-order
 * filter for a held input, f = L when tau = 0); reference
 * r_k = f_k - k_soc*(E - E_target); grid g_k = g_{k-1} clamped to
 * r_k +- ramp*dt; battery b_k = L_k - g_k, clipped to +-p_max and to the
 * energy between soc_min and soc_max (then g_k = L_k - b_k and the step is
 * counted in n_limited). Discharge draws b*dt/eta from storage, charge
 * stores |b|*dt*eta. Identity (checked by test): E_grid - dE_stored =
 * E_load + E_loss. The first sample is a steady state (g_0 = L_0).
 * returns ODC_OK or ODC_EINPUT. */
int odc_smooth_run(const double *load_mw, size_t n, double dt_s,
                   const odc_smoother *c, const odc_site_battery *b,
                   double *grid_mw, double *batt_mw, double *soc,
                   odc_smooth_summary *s, odc_err *err);

/* Smallest battery (power, energy) that holds the controller's ramp limit
 * over a load series without ever clipping, starting at soc_target.
 * The controller is run with an unconstrained store; because the recovery
 * term acts on the stored-energy error (not on SOC), the trajectory does
 * not depend on the size, so the size follows directly:
 *   p_mw  = max |b_k|
 *   e_mwh = max(dev_max/(soc_max - soc_target), -dev_min/(soc_target - soc_min))
 * rte, soc_min, soc_max as in odc_site_battery; soc_target strictly inside
 * (soc_min, soc_max). returns ODC_OK or ODC_EINPUT. */
int odc_smooth_size(const double *load_mw, size_t n, double dt_s,
                    const odc_smoother *c, double rte, double soc_min,
                    double soc_max, double *p_mw, double *e_mwh, odc_err *err);

/* How long the battery carries the site through a grid outage.
 * usable energy = (soc0 - soc_min) * e_mwh * sqrt(rte)   (delivered, MWh)
 * t_full_s      time at full load: usable/load if p_max >= load, else 0
 *               (the plant cannot carry the load, compute stops at once)
 * t_throttled_s time if the site throttles to min(load, p_max):
 *               usable / min(load, p_max)
 * served_frac   min(1, p_max/load)
 * Any output pointer may be NULL. load_mw > 0. returns ODC_OK/ODC_EINPUT. */
int odc_ride_through(const odc_site_battery *b, double load_mw, double *t_full_s,
                     double *t_throttled_s, double *served_frac, odc_err *err);

#endif
