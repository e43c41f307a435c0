/* Launch vehicles, launch-price learning curves and deployment planning.
 *
 * The catalog (data/launch_vehicles.json) holds each vehicle's payload to
 * LEO and SSO, usable fairing volume and size, price per launch (USD of a
 * stated year), cadence and reusability, with the source and date of every
 * entry; estimates and targets are flagged as such.
 *
 * Price learning follows Wright's law (T. P. Wright, "Factors affecting the
 * cost of airplanes", J. Aeronautical Sciences 3(4):122-128, 1936): each
 * doubling of cumulative output multiplies unit cost by the learning rate
 * LR, so c(x) = c1 (x/x1)^b with b = log2(LR), here applied to $/kg versus
 * cumulative mass launched, with a floor price below which it never falls.
 *
 * Deployment planning packs indivisible satellites into launches limited by
 * both payload mass and fairing volume, schedules them at a cadence, and
 * answers the reverse question: launches per year for a target of IT power
 * deployed per year, given kg per IT kW (see spacecraft_sizing.h). */
#ifndef ODC_LAUNCH_H
#define ODC_LAUNCH_H

#include "odc/error.h"

#define ODC_LV_MAX 32

typedef struct odc_launch_vehicle {
    char   name[48];          /* catalog key, e.g. "falcon9-reusable"        */
    double leo_kg;            /* payload to LEO (kg), > 0                     */
    double sso_kg;            /* payload to SSO (kg), > 0                     */
    double fairing_m3;        /* usable payload volume (m^3), > 0            */
    double fairing_diam_m;    /* usable (dynamic envelope) diameter (m)       */
    double fairing_height_m;  /* usable height (m)                            */
    double price_usd;         /* price per launch (USD of price_year), > 0   */
    int    price_year;        /* year of the dollars                          */
    double cadence_per_yr;    /* launches per year the vehicle sustains, > 0 */
    int    reusable;          /* 1 if the booster (or all stages) is reused   */
    int    estimate;          /* 1 if the figures are estimates or targets    */
} odc_launch_vehicle;

typedef struct odc_launch_catalog {
    int n;
    odc_launch_vehicle v[ODC_LV_MAX];
} odc_launch_catalog;

/* Load and validate data/launch_vehicles.json.
 * returns ODC_OK; ODC_EIO if unreadable; ODC_EINPUT with line and column
 * for a JSON syntax error, or with the field ("vehicles[2].leo_kg") for a
 * missing, unknown, duplicate, mistyped or out-of-range entry. */
int odc_launch_catalog_load(const char *path, odc_launch_catalog *c, odc_err *err);

/* Vehicle by name, or NULL. */
const odc_launch_vehicle *odc_launch_find(const odc_launch_catalog *c, const char *name);

/* Price per kg of a full launch: price_usd / payload (LEO, or SSO if sso).
 * returns USD/kg (of the vehicle's price_year). */
double odc_launch_usd_per_kg(const odc_launch_vehicle *v, int sso);

/* ---- Wright's-law learning curve ------------------------------------ */

typedef struct odc_learning {
    double c1_usd_per_kg;     /* price at the reference cumulative mass, > 0  */
    double x1_kg;             /* reference cumulative mass launched (kg), > 0 */
    double lr;                /* learning rate per doubling, 0 < lr <= 1      */
    double floor_usd_per_kg;  /* price never falls below this, >= 0           */
} odc_learning;

/* Check a learning curve's parameters. returns ODC_OK or ODC_EINPUT naming
 * the field ("lr", "c1_usd_per_kg", "x1_kg", "floor_usd_per_kg"). */
int odc_learning_check(const odc_learning *l, odc_err *err);

/* Price per kg at cumulative mass x_kg (> 0):
 *   max(floor, c1 (x/x1)^(log2 lr)).
 * Wright (1936). returns ODC_OK or ODC_EINPUT ("x_kg" or a curve field). */
int odc_learning_usd_per_kg(const odc_learning *l, double x_kg, double *usd_per_kg,
                            odc_err *err);

/* Yearly price series for a launch-mass forecast.
 * x0_kg          cumulative mass launched before year 0 (kg), > 0
 * mass_kg[k]     mass launched in year k (kg), >= 0, k = 0..n-1
 * usd_per_kg[k]  out: mass-weighted mean price over year k's launches,
 *                (1/m) * integral from X_k to X_k + m of max(floor, c(x)) dx
 *                (closed form), or c(X_k) when m = 0
 * cum_kg[k]      out (may be NULL): cumulative mass at the end of year k
 * spend_usd[k]   out (may be NULL): usd_per_kg[k] * mass_kg[k]
 * returns ODC_OK or ODC_EINPUT naming the field ("mass_kg[3]", ...). */
int odc_learning_series(const odc_learning *l, double x0_kg, const double *mass_kg, int n,
                        double *usd_per_kg, double *cum_kg, double *spend_usd,
                        odc_err *err);

/* ---- deployment planning -------------------------------------------- */

enum { ODC_LIMIT_MASS = 1, ODC_LIMIT_VOLUME = 2 };

typedef struct odc_deploy_in {
    double sat_mass_kg;       /* mass of one satellite incl. its dispenser share (kg) > 0 */
    double sat_volume_m3;     /* stowed volume of one satellite (m^3), > 0   */
    long   n_sats;            /* satellites to deploy, >= 1                   */
    int    sso;               /* 1: use the vehicle's SSO payload, 0: LEO     */
    double volume_eff;        /* usable fraction of fairing volume after
                                 packing losses, (0,1]                        */
    double cadence_per_yr;    /* launches per year; 0 = the vehicle's cadence */
} odc_deploy_in;

typedef struct odc_deploy_out {
    long   sats_per_launch_mass;   /* floor(payload / sat_mass)                  */
    long   sats_per_launch_volume; /* floor(volume_eff * fairing / sat_volume)   */
    long   sats_per_launch;        /* the smaller: satellites are indivisible    */
    int    limit;                  /* ODC_LIMIT_MASS or ODC_LIMIT_VOLUME (mass on a tie) */
    long   launches;               /* ceil(n_sats / sats_per_launch)             */
    long   last_launch_sats;       /* satellites on the last launch              */
    double mass_fill;              /* launched mass / (launches * payload)       */
    double launch_cost_usd;        /* launches * price_usd                       */
    double cadence_per_yr;         /* cadence used                               */
    double days_to_full;           /* day of the last launch, first launch at day 0 */
} odc_deploy_out;

/* Launches needed for a constellation on one vehicle, and the time to put
 * it all up at the cadence (launch i at day i * 365.25 / cadence).
 * returns ODC_OK; ODC_EINPUT naming the bad field; ODC_EMODEL if one
 * satellite is heavier than the payload or larger than the fairing. */
int odc_deploy_plan(const odc_deploy_in *in, const odc_launch_vehicle *v,
                    odc_deploy_out *out, odc_err *err);

/* Calendar dates of launches 0..n-1 at a cadence, starting on the civil
 * (proleptic Gregorian) date y0-m0-d0: launch i on day floor(i * 365.25 /
 * cadence) after the start. Day arithmetic by the days-from-civil algorithm
 * (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", 2013).
 * ymd       out: 3*n ints, year, month, day of each launch
 * returns ODC_OK or ODC_EINPUT ("start_date", "cadence_per_yr", "n"). */
int odc_launch_schedule(int y0, int m0, int d0, double cadence_per_yr, long n, int *ymd,
                        odc_err *err);

/* Launches per year to deploy gw_per_yr of IT power per year.
 *   launches/yr = gw_per_yr * 1e6 (kW/GW) * kg_per_it_kw / (payload_kg * mass_fill)
 * gw_per_yr     IT power deployed per year (GW/yr), > 0
 * kg_per_it_kw  launched mass per kW of IT power (kg/kW), > 0
 * payload_kg    vehicle payload to the target orbit (kg), > 0
 * mass_fill     achieved fraction of the payload, (0,1]
 * returns ODC_OK or ODC_EINPUT naming the field. */
int odc_launches_per_year(double gw_per_yr, double kg_per_it_kw, double payload_kg,
                          double mass_fill, double *launches_per_yr, odc_err *err);

#endif
