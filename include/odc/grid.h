/* What a grid's frequency does when a large data-center load leaves it at
 * once, and the mechanism that makes it leave.
 *
 * Cascade: a transmission fault with automatic reclosing produces a train
 * of voltage dips; each dip below the UPS transfer threshold moves the site
 * onto its UPS batteries, and after N dips within a window the site's
 * controls stop returning to the grid (the load is lost until operators
 * reconnect it). Reference: NERC, "Incident Review: Considering
 * Simultaneous Voltage-Sensitive Load Reductions" (January 2025), on the
 * 10 July 2024 event in northern Virginia (~1,500 MW of data-center load
 * lost after repeated reclosing on a faulted 230 kV line).
 *
 * Frequency: an aggregated single-machine (single-area) grid, per unit on
 * the online generation base S:
 *   2H dw/dt  = Pm - Pl - D w,            w = df/f0 (pu)
 *   Tg dPm/dt = -k_gov w / R - Pm          (droop R, governor-turbine lag Tg)
 * with Pl the change of load (pu): -loss + battery charging. Kundur,
 * "Power System Stability and Control" (1994), sec. 11.1 (Figs. 11.4-11.13).
 * k_gov is the share of S whose governors respond (the rest is blocked or
 * at its limit), as in the low-order system frequency response model of
 * Anderson & Mirheydar, IEEE Trans. Power Syst. 5(3) 720 (1990).
 * Closed forms: initial RoCoF = dP f0 / (2 H S) (Hz/s, dP in MW, S in MVA),
 * steady state df_ss = f0 dP/S / (D + k_gov/R).
 *
 * Validity: one frequency for the whole interconnection (no inter-area
 * oscillation, no network), no voltage dynamics, linear (no governor
 * dead-band, no rate or power limits of the turbines, no AGC), seconds to
 * a minute after the event. */
#ifndef ODC_GRID_H
#define ODC_GRID_H

#include <stddef.h>
#include "odc/error.h"

typedef struct odc_grid {
    char   name[64];
    double f0_hz;            /* nominal frequency (Hz), > 0                */
    double s_base_mva;       /* online synchronous generation base (MVA), > 0 */
    double h_s;              /* inertia constant on s_base (s), > 0        */
    double d_pu;             /* load damping (pu power / pu freq), >= 0    */
    double r_pu;             /* governor droop (pu freq / pu power), > 0   */
    double k_gov;            /* share of s_base with governor response, [0,1] */
    double t_gov_s;          /* governor-turbine time constant (s), > 0    */
    double f_trip_hi_hz;     /* over-frequency at which generator trips are
                                allowed at once (PRC-024 no-trip boundary) */
    double f_cont_hi_hz;     /* highest frequency allowed continuously      */
    double rocof_limit_hz_s; /* RoCoF at which protection may act (Hz/s) > 0 */
    double rocof_window_s;   /* RoCoF measured as (f(t)-f(t-window))/window;
                                0: instantaneous df/dt (s), >= 0          */
} odc_grid;

/* Battery that takes up the lost load: a controllable sink at the grid
 * (grid-side storage, or the site's plant in grid-forming mode staying
 * connected and charging). After delay_s from the loss it ramps its
 * charging power at ramp_up_mw_s up to min(p_max_mw, lost load), holds it
 * for hold_s, then ramps down at ramp_down_mw_s so the governors take over.
 * The schedule is shortened (hold first, then the plateau) so that the
 * absorbed energy never exceeds e_max_mwh. */
typedef struct odc_grid_battery {
    double p_max_mw;        /* charging power limit (MW), >= 0 (0: none)   */
    double e_max_mwh;       /* energy it can absorb (MWh), > 0             */
    double delay_s;         /* detection + command delay (s), >= 0          */
    double ramp_up_mw_s;    /* ramp to full charging (MW/s), > 0            */
    double hold_s;          /* time at full charging (s), >= 0              */
    double ramp_down_mw_s;  /* ramp back to zero (MW/s), > 0                */
} odc_grid_battery;

/* Result of one load-loss simulation. */
typedef struct odc_freq_summary {
    double rocof_init_hz_s;  /* closed form of the jump: dP_net f0/(2 H S)  */
    double rocof_max_hz_s;   /* largest |RoCoF| over the run, measured over
                                rocof_window_s (instantaneous if 0); the
                                frequency before t = 0 is f0              */
    double f_peak_hz;        /* zenith of the frequency                     */
    double t_peak_s;         /* when (s)                                    */
    double f_end_hz;         /* frequency at the last sample                */
    double df_ss_hz;         /* closed-form steady deviation once the battery
                                has let go: f0 (dP/S)/(D + k_gov/R)         */
    double batt_e_mwh;       /* energy the battery absorbed                 */
    int    trip_over_f;      /* f_peak >= f_trip_hi_hz                      */
    int    over_cont;        /* f_peak >  f_cont_hi_hz                      */
    int    trip_rocof;       /* rocof_max >= rocof_limit_hz_s               */
} odc_freq_summary;

/* UPS behaviour of a site during repeated voltage dips. */
typedef struct odc_lvrt_policy {
    double v_transfer_pu;   /* UPS moves to battery when V < this (pu)      */
    int    n_dips;          /* dips within window_s that lock the site out  */
    double window_s;        /* counting window (s), > 0                     */
} odc_lvrt_policy;

int odc_grid_check(const odc_grid *g, odc_err *err);
int odc_grid_battery_check(const odc_grid_battery *b, odc_err *err);
int odc_lvrt_check(const odc_lvrt_policy *p, odc_err *err);

/* Closed forms for a load loss dp_mw (MW, > 0 frequency rises):
 * initial RoCoF (Hz/s) = dp f0/(2 H S); steady-state deviation (Hz) =
 * f0 (dp/S)/(D + k_gov/R); first-order case (k_gov = 0) time constant
 * 2H/D (s). g must be checked. */
double odc_grid_rocof0_hz_s(const odc_grid *g, double dp_mw);
double odc_grid_dfss_hz(const odc_grid *g, double dp_mw);

/* Simulate a sudden loss of dp_mw of load at t_loss_s, with an optional
 * battery sink (b may be NULL), by fixed-step classical RK4 on
 * x = (w, Pm); steps are split at the loss and at the battery's schedule
 * corners so the piecewise-linear forcing is integrated without error.
 * g, b        grid and battery (validated here)
 * dp_mw       load lost (MW), >= 0 (finite)
 * t_loss_s    time of the loss (s), >= 0
 * dt_s, n     output at t_k = k dt_s, k = 0..n-1 (dt_s > 0, n >= 2); the
 *             state at t = 0 is the undisturbed steady state
 * f_hz        out: frequency (Hz), n values (may be NULL)
 * p_gov_mw    out: governor/turbine power change (MW) (may be NULL)
 * p_batt_mw   out: battery charging power (MW) (may be NULL)
 * s           out: summary (may be NULL)
 * returns ODC_OK or ODC_EINPUT naming the bad field (also when
 * rocof_window_s/dt_s exceeds ODC_GRID_ROCOF_WINDOW_MAX samples). */
#define ODC_GRID_ROCOF_WINDOW_MAX 4096
int odc_grid_load_loss(const odc_grid *g, const odc_grid_battery *b, double dp_mw,
                       double t_loss_s, double dt_s, size_t n, double *f_hz,
                       double *p_gov_mw, double *p_batt_mw, odc_freq_summary *s,
                       odc_err *err);

/* Largest load (MW) the grid can lose without f_peak reaching f_trip_hi_hz
 * or RoCoF reaching rocof_limit_hz_s, with battery b (may be NULL).
 * Bisection (60 halvings) over [0, s_base]; each trial simulates dt_s x n
 * from a loss at t = 0. *limited_by (may be NULL) says which bound binds:
 * 1 over-frequency, 2 RoCoF. returns ODC_OK or ODC_EINPUT. */
int odc_grid_max_load_loss(const odc_grid *g, const odc_grid_battery *b, double dt_s,
                           size_t n, double *dp_max_mw, int *limited_by, odc_err *err);

/* Smallest battery charging power (MW) that keeps a loss of dp_mw below both
 * trip thresholds, the other battery fields taken from tmpl (its p_max_mw is
 * ignored). Bisection over [0, dp_mw] to 1e-6 relative. *p_mw is set to 0 if
 * no battery is needed; returns ODC_EMODEL if even p = dp_mw does not keep it
 * safe (e.g. the delay lets the initial RoCoF through). */
int odc_grid_battery_needed(const odc_grid *g, const odc_grid_battery *tmpl,
                            double dp_mw, double dt_s, size_t n, double *p_mw,
                            odc_err *err);

/* Replay a train of voltage dips against a site's UPS policy.
 * t_s[i], v_pu[i]  dip times (s, ascending) and residual voltage (pu), n dips
 * *n_transfers     out: dips that moved the site onto its UPS
 * *t_disconnect_s  out: time of the dip that locked the site out (the
 *                  n_dips-th transfer within window_s), or -1 if none
 * returns ODC_OK or ODC_EINPUT (times not ascending, bad voltage). */
int odc_lvrt_cascade(const odc_lvrt_policy *p, const double *t_s, const double *v_pu,
                     size_t n, int *n_transfers, double *t_disconnect_s, odc_err *err);

/* Load a reference grid (by name) from data/grids.json. Each parameter is
 * {value, unit, source, date}; ODC_EIO if unreadable, ODC_EINPUT naming the
 * key (e.g. "grids.ercot.h_s") if missing, mistyped, wrong unit or out of
 * range. */
int odc_grid_load(const char *path, const char *name, odc_grid *g, odc_err *err);

/* Load a battery unit (by name, e.g. "megapack2xl_2h") from the same file
 * and build a plant of n_units: p_max_mw and e_mwh scale with n_units, rte
 * from the datasheet, soc_min/soc_max/soc0 from the file's "soc_window". */
struct odc_site_battery;
int odc_battery_unit_load(const char *path, const char *name, double n_units,
                          struct odc_site_battery *b, odc_err *err);

/* Load the UPS policy defaults ("lvrt") from the same file. */
int odc_lvrt_load(const char *path, odc_lvrt_policy *p, odc_err *err);

/* Load the reference training-job profile ("training_profile") from the
 * same file; p_it_mw is set to site_it_mw (> 0), the rest from the file. */
struct odc_train_profile;
int odc_train_profile_load(const char *path, double site_it_mw,
                           struct odc_train_profile *p, odc_err *err);

#endif
