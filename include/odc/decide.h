/* Decision tools: an orbital and a terrestrial deployment of the same chips
 * side by side (odcsim compare), parameter sweeps, Monte Carlo over
 * uncertain inputs with a tornado ranking, and the training-cluster grid
 * study (odcsim grid).
 *
 * Every numeric input of the scenario sections `economics`, `terrestrial`
 * and `grid` is a *parameter* with a dotted path ("economics.launch.
 * price_per_kg_usd", "terrestrial.pue", "grid.battery.units"). One table
 * maps each path to a field of the resolved model with its unit and valid
 * range; the scenario loader, sweeps, Monte Carlo and the tornado all go
 * through it, so any numeric parameter can be varied and an unknown path
 * is refused with the nearest known one suggested.
 *
 * Cost accounting is tco.h's (capital recovery factor, same sheet for orbit
 * and ground); launch prices and learning are launch.h's; ground sites are
 * terrestrial.h's; the grid study is cluster_power.h and grid.h. docs/
 * decisions.md gives the equations, defaults and verification. */
#ifndef ODC_DECIDE_H
#define ODC_DECIDE_H

#include <stddef.h>
#include "odc/cluster_power.h"
#include "odc/error.h"
#include "odc/grid.h"
#include "odc/launch.h"
#include "odc/tco.h"
#include "odc/terrestrial.h"

struct odc_scenario;

/* ---- the resolved economics model ------------------------------------ */

typedef struct odc_decide_model {
    odc_costs costs;               /* data/costs.json + scenario overrides       */
    odc_launch_vehicle lv;         /* the chosen vehicle (catalog)               */
    int    sso;                    /* 1: SSO payload of the vehicle, 0: LEO      */
    double launch_usd_per_kg;      /* price used now (override or vehicle's)     */
    /* deployment: chips and satellites */
    double n_chips;                /* accelerators deployed (both sides), > 0    */
    double it_mw;                  /* > 0: deployment given as IT power instead;
                                      n_chips = round(it_mw*1000/(sat_it_kw/chips_per_sat)) */
    double chips_per_sat;          /* > 0                                        */
    double sat_it_kw;              /* IT power per satellite (kW), > 0           */
    double kg_per_it_kw;           /* launched mass per IT kW (kg/kW), > 0       */
    double array_w_per_it_kw;      /* BOL array W per IT kW, >= 0                */
    double radiator_m2_per_it_kw;  /* >= 0                                       */
    double battery_wh_per_it_kw;   /* >= 0                                       */
    double sat_volume_m3;          /* stowed volume of one satellite (m^3), > 0  */
    double volume_eff;             /* usable fairing fraction, (0,1]             */
    double n_ground_stations;      /* >= 0 (whole number)                        */
    /* performance (same chips both sides) */
    double pflops_per_chip, tokens_per_s_per_chip, utilisation;
    double orbit_availability, ground_availability;
    odc_finance fin;               /* discount rate, horizon (mission years)     */
    /* learning forecast for the crossing year */
    struct {
        double start_year;         /* calendar year of year 0                    */
        double x0_kg;              /* cumulative mass launched before year 0     */
        double mass0_kg_per_yr;    /* mass launched in year 0                    */
        double growth_per_yr;      /* yearly growth of that mass (0.5 = +50 %)   */
        double years;              /* forecast length (whole years, 1..200)      */
    } learning;
    /* ground */
    odc_site site;                 /* facility_mw and n_gpus set from n_chips    */
    double ground_it_kw_per_chip;  /* IT kW per chip on the ground (0: = orbit's) */
    double site_bess_h;            /* site battery, hours of facility load       */
    double ground_it_mw;           /* > 0: ground IT power for the same chips
                                      (sets IT kW per chip = it_mw*1000/n_chips) */
} odc_decide_model;

/* Everything compare prints. */
typedef struct odc_decide_result {
    odc_tco_sheet  orbit_sheet, ground_sheet;
    odc_tco_result orbit, ground;
    odc_deploy_out deploy;
    long   n_sats;
    double sat_mass_kg;
    double orbit_first_compute_yr;   /* lead time (first satellite computing)   */
    double orbit_full_yr;            /* lead + days to the last launch / 365.25 */
    double ground_first_compute_yr;
    double ground_facility_mw;
    double launch_usd_per_it_kw_yr;  /* launch $/kg * kg/kW / satellite life    */
    double ground_energy_usd_per_it_kw_yr; /* ground energy cost per IT kW-yr   */
    double launch_parity_usd_per_kg; /* launch price at which launch per IT
                                        kW-yr equals ground energy per IT kW-yr
                                        (Suncatcher's comparison):
                                        energy * sat_life / kg_per_it_kw      */
} odc_decide_result;

/* Build the model: data files (launch_vehicles.json, costs.json,
 * terrestrial_sites.json under data_dir), then the scenario's names
 * (vehicle, site, power source) and every numeric override.
 * returns ODC_OK, ODC_EIO (data file), ODC_EINPUT (unknown vehicle or site,
 * naming the scenario line/column). */
int odc_decide_model_init(const struct odc_scenario *sc, const char *data_dir,
                          odc_decide_model *m, odc_err *err);

/* Evaluate both deployments. Satellites = ceil(n_chips / chips_per_sat);
 * each carries sat_it_kw of IT, kg_per_it_kw * sat_it_kw kg, and array,
 * radiator, battery in proportion; the ground site holds the same n_chips
 * at ground_it_kw_per_chip (default sat_it_kw / chips_per_sat) with the
 * site's PUE. returns ODC_OK, ODC_EINPUT naming the field, ODC_EMODEL (a
 * satellite does not fit the vehicle). */
int odc_decide_eval(const odc_decide_model *m, odc_decide_result *r, odc_err *err);

/* Launch price (USD/kg) at which orbit's cost per chip-hour equals the
 * ground's: Brent's method (GSL) on cost_orbit(p) - cost_ground over
 * [0, hi], hi doubled from max(1000, current) up to 1e7 USD/kg; the
 * orbit's cost is affine in p (launch capex and its insurance), so the
 * root is unique when it exists. Interval converged to 1e-12 (absolute
 * and relative, gsl_root_test_interval).
 * *found: 1 root found; 0 orbit is costlier even with free launch (p set to
 *         NaN); 2 orbit is cheaper even at 1e7 USD/kg (NaN).
 * returns ODC_OK or an error of odc_decide_eval. */
int odc_decide_breakeven(const odc_decide_model *m, double *usd_per_kg, int *found,
                         odc_err *err);

/* First year of the learning forecast in which the mean launch price
 * (odc_learning_series, Wright's law from launch_usd_per_kg at x0_kg, the
 * costs' learning rate and floor) is at or below the breakeven price.
 * *year = start_year + k, or NaN when the curves do not cross within the
 * forecast (or no breakeven exists). price_k[] (may be NULL) receives
 * learning.years prices. */
int odc_decide_crossing(const odc_decide_model *m, double breakeven_usd_per_kg,
                        double *year, double *price_k, odc_err *err);

/* ---- parameter paths -------------------------------------------------- */

typedef enum odc_param_range {
    ODC_PR_GT0,    /* (0, inf)  */
    ODC_PR_GE0,    /* [0, inf)  */
    ODC_PR_FRAC,   /* (0, 1]    */
    ODC_PR_FRAC0,  /* [0, 1]    */
    ODC_PR_GE1,    /* [1, inf)  */
    ODC_PR_RATE,   /* (-1, 1)   discount rate, growth                          */
    ODC_PR_ANY,    /* finite    */
    ODC_PR_INT1,   /* whole number >= 1 */
    ODC_PR_INT0    /* whole number >= 0 */
} odc_param_range;

enum { ODC_PARAM_ECON = 0, ODC_PARAM_GRID = 1 };

typedef struct odc_param {
    const char *path;      /* "economics.launch.price_per_kg_usd"             */
    const char *unit;
    int         model;     /* ODC_PARAM_ECON (odc_decide_model) or _GRID       */
    size_t      off;       /* offset of the double in the model                */
    odc_param_range range;
    const char *help;
} odc_param;

/* Parameter by path, or NULL. */
const odc_param *odc_param_find(const char *path);
/* Table of all parameters (n out). */
const odc_param *odc_param_table(size_t *n);
/* Nearest path (edit distance) for a suggestion; NULL if none is close. */
const char *odc_param_suggest(const char *path);
/* Check v against p's range; returns ODC_OK or ODC_EINPUT with a message
 * "expected ..., got v" in err (field = path). */
int odc_param_check(const odc_param *p, double v, odc_err *err);
/* Read / write the parameter in a model (odc_decide_model* for ECON,
 * odc_grid_model* for GRID). set checks the range first. */
double odc_param_get(const odc_param *p, const void *model);
int odc_param_set(const odc_param *p, void *model, double v, odc_err *err);

/* ---- sweeps ----------------------------------------------------------- */

#define ODC_SWEEP_AXES_MAX 4
#define ODC_SWEEP_VALUES_MAX 1000

typedef struct odc_sweep_axis {
    const odc_param *param;
    size_t n;
    double v[ODC_SWEEP_VALUES_MAX];
} odc_sweep_axis;

/* Parse "PATH=START:STOP:N" (N >= 2 points, linear, ends included) or
 * "PATH=v1,v2,..." into an axis (values range-checked). ODC_EINPUT with a
 * message naming the problem. */
int odc_sweep_axis_parse(const char *spec, odc_sweep_axis *a, odc_err *err);
/* Points of a grid of axes (product of the counts). */
size_t odc_sweep_points(const odc_sweep_axis *ax, size_t n_axes);
/* Index k (0..points-1) to each axis' value, first axis slowest. */
void odc_sweep_point(const odc_sweep_axis *ax, size_t n_axes, size_t k, double *vals);

/* ---- distributions, Monte Carlo, tornado ------------------------------ */

typedef enum odc_dist_type {
    ODC_DIST_NORMAL = 0,     /* a = mean, b = sd (>= 0)                        */
    ODC_DIST_LOGNORMAL = 1,  /* a = median (> 0), b = sigma of ln x (>= 0)     */
    ODC_DIST_UNIFORM = 2,    /* a = min, b = max (>= a)                        */
    ODC_DIST_TRIANGULAR = 3  /* a = min, b = mode, c = max (a <= b <= c)       */
} odc_dist_type;

typedef struct odc_dist {
    const odc_param *param;
    odc_dist_type type;
    double a, b, c;
} odc_dist;

/* Check a distribution's parameters; ODC_EINPUT naming what is wrong. */
int odc_dist_check(const odc_dist *d, odc_err *err);
/* Quantile (inverse CDF) at probability q in [0,1] (GSL gsl_cdf_*_Pinv;
 * triangular in closed form). A zero-width distribution returns its
 * centre exactly. */
double odc_dist_quantile(const odc_dist *d, double q);
/* One draw (GSL gsl_ran_*); zero width returns the centre exactly.
 * rng  a gsl_rng * (void here so that this header needs no GSL header). */
double odc_dist_sample(const odc_dist *d, const void *rng);

/* One evaluated sample: the key outputs. */
typedef struct odc_decide_outputs {
    double orbit_usd_per_chip_h, ground_usd_per_chip_h;
    double orbit_usd_per_pflop_yr, ground_usd_per_pflop_yr;
    double orbit_usd_per_mtok, ground_usd_per_mtok;
    double orbit_capex_usd, ground_capex_usd;
} odc_decide_outputs;

void odc_decide_outputs_of(const odc_decide_result *r, odc_decide_outputs *o);

typedef struct odc_mc_summary {
    size_t n;
    double orbit_p5, orbit_p50, orbit_p95, orbit_mean;   /* USD per chip-hour */
    double ground_p5, ground_p50, ground_p95, ground_mean;
    double p_orbit_cheaper;        /* fraction of samples orbit < ground        */
    size_t n_redrawn;              /* draws outside a parameter's range, redrawn */
} odc_mc_summary;

/* Monte Carlo: n samples, each drawing every distribution in order from one
 * gsl_rng_mt19937 seeded with seed (same seed, same result), setting the
 * parameters in a copy of base and evaluating. A draw outside its
 * parameter's valid range is redrawn (truncated distribution; at most 1000
 * tries, then ODC_EINPUT). Percentiles: gsl_stats_quantile_from_sorted_data
 * (linear between order statistics). orbit[], ground[] (may be NULL)
 * receive the n samples of USD per chip-hour in draw order.
 * returns ODC_OK or the first evaluation error. */
int odc_montecarlo(const odc_decide_model *base, const odc_dist *d, size_t nd, size_t n,
                   unsigned long seed, double *orbit, double *ground, odc_mc_summary *s,
                   odc_err *err);

typedef struct odc_tornado_row {
    const odc_param *param;
    double lo_value, hi_value;           /* parameter at P10 and P90            */
    double orbit_lo, orbit_hi;           /* orbit USD/chip-h at those values     */
    double ground_lo, ground_hi;
    double swing;                        /* |gap(hi) - gap(lo)|, gap = orbit - ground */
} odc_tornado_row;

/* Tornado: every parameter of d at its P10 and P90 with all the others at
 * their medians (P50); rows sorted by swing, largest first (stable).
 * base_orbit/base_ground (may be NULL): all at median. */
int odc_tornado(const odc_decide_model *base, const odc_dist *d, size_t nd,
                odc_tornado_row *rows, double *base_orbit, double *base_ground,
                odc_err *err);

/* ---- grid study --------------------------------------------------------- */

typedef struct odc_grid_model {
    odc_train_profile prof;        /* p_it_mw = site IT power                    */
    odc_site_battery  batt;        /* smoothing battery                          */
    double            batt_units;  /* units of the catalog battery (info)        */
    odc_smoother      smooth;
    odc_grid          grid;        /* reference grid + overrides                 */
    odc_grid_battery  loss_batt;   /* sink after the load loss                   */
    odc_lvrt_policy   lvrt;
    double lvrt_n_dips;            /* as a double for the parameter table        */
    double duration_s, dt_s;       /* power-profile run                          */
    double freq_duration_s, freq_dt_s; /* frequency runs                         */
    size_t n_dips;
    double dip_t_s[64], dip_v_pu[64];
    double unit_p_mw, unit_e_mwh;  /* one catalog battery unit               */
    int    sink_follows;           /* loss_batt p/e/ramp-down from the plant  */
} odc_grid_model;

/* Set a grid parameter and what follows from it: grid.battery.units
 * rescales the plant (units x the catalog unit), and a sink left at its
 * defaults follows the plant. Range-checked like odc_param_set. */
int odc_grid_param_set(const odc_param *p, odc_grid_model *g, double v, odc_err *err);

/* Build from data/grids.json (reference grid, battery unit, LVRT and
 * training profile) and the scenario's grid section. */
int odc_grid_model_init(const struct odc_scenario *sc, const char *data_dir,
                        odc_grid_model *g, odc_err *err);

/* Everything odcsim grid reports (docs/decisions.md). NaN where a part
 * does not apply (no battery, no ramp limit, no dips). */
typedef struct odc_grid_study {
    size_t n;                        /* samples of the power run              */
    double site_min_mw, site_max_mw, site_peak_mw; /* peak = it_mw * pue      */
    double mean_it_mw;
    double load_ramp_max_mw_s;       /* without battery                       */
    int    have_batt;
    odc_smooth_summary smooth;       /* with the smoothing plant              */
    double size_p_mw, size_e_mwh;    /* smallest plant for the ramp limit     */
    double ride_full_s, ride_throttled_s, served_frac;
    double load_lost_mw;             /* = site_peak_mw                        */
    odc_freq_summary freq;           /* loss without the sink                 */
    int    have_sink;
    odc_freq_summary freq_sink;      /* loss with loss_batt                   */
    double safe_loss_mw, safe_loss_sink_mw;
    int    limited_by, limited_by_sink;  /* 1 over-frequency, 2 RoCoF        */
    double sink_needed_mw;           /* NaN when no sink power suffices       */
    int    n_transfers;
    double t_disconnect_s;           /* NaN when the site stays connected     */
} odc_grid_study;

/* Run the grid study. The series (n = floor(duration_s/dt_s) + 1 values
 * each; it_mw, site_mw, grid_mw, batt_mw, soc) are written when series is
 * non-NULL (5 caller-allocated arrays of n doubles; series[k] may be
 * NULL); otherwise, and for NULL entries, the routine allocates scratch.
 * The whole site at full compute (it_mw * pue) is the lost load, lost at
 * t = 1 s of the frequency run.
 * returns ODC_OK, ODC_EINPUT (run too long: more than 2e7 samples),
 * ODC_ENOMEM, or the errors of the models. */
#define ODC_GRID_SAMPLES_MAX 20000000.0
int odc_grid_study_run(const odc_grid_model *g, double *const series[5], odc_grid_study *s,
                       odc_err *err);

#endif
