/* Radiation environment and its effects on compute chips: total ionizing
 * dose (TID) from a tabulated dose-depth dataset, the South Atlantic Anomaly
 * (SAA) as a geographic region crossed by a ground track, and single-event
 * effect (SEE) rates from cross-sections times fluxes, giving upsets per
 * chip-day and the mean time between functional interrupts (MTBI) that
 * sizes checkpoint/restart.
 *
 * Data (each file names its source and date):
 *   data/radiation/tid_spenvis_sh2_leo.csv   dose-depth table (SPENVIS
 *       SHIELDOSE-2, AP-8 solar min + AE-8 solar max, Pfandzelter & Bermbach
 *       2023), 550 km, inclination 0..100 deg, 0.05..20 mm Al;
 *   data/radiation/tid_spenvis_sh2_leo_electrons.csv  its electron part;
 *   data/radiation/tid_alt_scaling.csv       opt-in altitude scaling law
 *       (approximation, 400..1000 km; see odc_tid_rate_scaled);
 *   data/radiation/saa_fermi_gbm.csv         SAA polygon (Fermi GBM);
 *   data/radiation/chips.csv                 chip tolerances and
 *       cross-sections (Google Suncatcher 2025, JPL Snapdragon 820 tests;
 *       NVIDIA rows transferred estimates);
 *   data/radiation/chips_ion.csv             heavy-ion cross-sections vs LET
 *       (transferred estimates from JPL Snapdragon 820 / DDR4 data);
 *   data/radiation/saa_proton_flux.csv       in-SAA trapped-proton flux
 *       (SPENVIS AP-8 MIN orbit average / polygon time fraction);
 *   data/radiation/gcr_let_leo.csv           GCR heavy-ion LET spectrum
 *       (OMERE, 800 km 98 deg, 3.5 mm Al, solar minimum).
 * odc_see_default_assess ties them together (default environment).
 * Not modelled: solar particle events, GCR dose, time variation of the belts
 * (AP-8/AE-8 are static), secondary-particle effects, shielding geometry
 * other than the centre of a solid aluminium sphere. See docs/radiation.md. */
#ifndef ODC_RADIATION_H
#define ODC_RADIATION_H

#include <stddef.h>
#include "odc/error.h"

/* ---- total ionizing dose ------------------------------------------------- */

/* A complete grid dose(alt, incl, depth), kept as natural-log dose rate. */
typedef struct odc_dose_table {
    int     n_alt, n_incl, n_depth;
    double *alt_km;          /* ascending, n_alt                          */
    double *incl_deg;        /* ascending, n_incl                         */
    double *depth_mm_al;     /* ascending, n_depth                        */
    double *ln_rate;         /* ln(rad(Si)/yr), [(ia*n_incl+ii)*n_depth+id] */
    double  duration_days;   /* mission length of the source runs         */
    char    path[256];
} odc_dose_table;

/* Read a dose-depth table (format: data/radiation/tid_spenvis_sh2_leo.csv:
 * '#' comments, "duration_days,<d>", header "alt_km,incl_deg,depth_mm_al,
 * dose_rad_si", then one row per grid point, dose in rad(Si) accumulated over
 * duration_days). The grid must be complete, doses > 0 and non-increasing
 * with depth at every (alt, incl), so interpolated dose is monotonic in
 * depth. Allocates; free with odc_dose_table_free.
 * returns ODC_OK, ODC_EIO, ODC_EINPUT (file, line, column, field named),
 * ODC_ENOMEM. */
int  odc_dose_table_load(odc_dose_table *t, const char *path, odc_err *err);
void odc_dose_table_free(odc_dose_table *t);

/* Dose rate behind a spherical aluminium shield, by linear interpolation of
 * ln(dose) in altitude, inclination and depth (trilinear). A grid axis with a
 * single node accepts only that exact value. Table nodes are reproduced
 * exactly (up to exp(ln(x)) rounding).
 *
 * alt_km        circular-orbit altitude (km)
 * incl_deg      inclination (deg)
 * depth_mm_al   aluminium shield thickness (mm), table range
 * dose_rad_si_per_yr  output, rad(Si) per Julian year (365.25 d)
 * returns ODC_OK or ODC_EINPUT naming alt_km, incl_deg or depth_mm_al when
 * outside the table (never extrapolates). */
int odc_tid_rate(const odc_dose_table *t, double alt_km, double incl_deg,
                 double depth_mm_al, double *dose_rad_si_per_yr, odc_err *err);

/* Altitude scaling law for TID (an approximation, opt-in): the dose at
 * altitudes outside the dose table, from the table block at ref_alt_km,
 * with the trapped-proton and electron parts growing exponentially with
 * altitude. Format and calibration: data/radiation/tid_alt_scaling.csv. */
typedef struct odc_tid_alt_scaling {
    double ref_alt_km;       /* table altitude scaled from (km)              */
    double h_proton_km;      /* e-folding height, trapped-proton dose (km)   */
    double h_electron_km;    /* e-folding height, electron + brems dose (km) */
    double alt_min_km, alt_max_km;  /* where the law may be used (km)        */
    char   path[256];
} odc_tid_alt_scaling;

/* Read the scaling-law constants (format: data/radiation/tid_alt_scaling.csv:
 * '#' comments, then lines "ref_alt_km,<km>", "h_proton_km,<km>",
 * "h_electron_km,<km>", "alt_range_km,<min>,<max>", all required, heights
 * > 0, min < max).
 * returns ODC_OK, ODC_EIO or ODC_EINPUT (file, line, column, field). */
int odc_tid_alt_scaling_load(odc_tid_alt_scaling *s, const char *path, odc_err *err);

/* Dose rate with the altitude scaling law as a fallback. Inside the altitude
 * span of `total` this is exactly odc_tid_rate(total, ...) (the law is never
 * used between or at table altitudes). Outside it, and only within
 * [alt_min_km, alt_max_km] of `s`:
 *   T = odc_tid_rate(total, ref_alt_km, incl, depth)
 *   E = min(T, odc_tid_rate(electron, ref_alt_km, incl, depth))
 *   rate = (T - E) exp((alt - ref)/h_proton) + E exp((alt - ref)/h_electron)
 *
 * total      dose table (data/radiation/tid_spenvis_sh2_leo.csv)
 * electron   its trapped-electron + bremsstrahlung part on the same
 *            inclination/depth grid (tid_spenvis_sh2_leo_electrons.csv)
 * s          scaling constants (tid_alt_scaling.csv)
 * alt_km, incl_deg, depth_mm_al, dose_rad_si_per_yr  as odc_tid_rate
 * returns ODC_OK; ODC_EINPUT naming alt_km when outside both the table and
 * the law's range, incl_deg / depth_mm_al when outside the table grid, or
 * when ref_alt_km is not an altitude of both tables.
 * Validity: calibrated on SPENVIS AP-8 MIN / AE-8 MAX orbit-averaged fluxes
 * at 530 and 825 km; an engineering estimate elsewhere (docs/radiation.md). */
int odc_tid_rate_scaled(const odc_dose_table *total, const odc_dose_table *electron,
                        const odc_tid_alt_scaling *s, double alt_km, double incl_deg,
                        double depth_mm_al, double *dose_rad_si_per_yr, odc_err *err);

/* ---- South Atlantic Anomaly ---------------------------------------------- */

#define ODC_SAA_MAX_VERTS 64

/* A closed lat/lon polygon (east longitude, -180..180, not crossing the
 * antimeridian) applying between alt_min_km and alt_max_km. */
typedef struct odc_saa_region {
    int    n;
    double lat_deg[ODC_SAA_MAX_VERTS];
    double lon_deg[ODC_SAA_MAX_VERTS];
    double alt_min_km, alt_max_km;
    char   path[256];
} odc_saa_region;

/* Read an SAA polygon (format: data/radiation/saa_fermi_gbm.csv: comments,
 * "alt_range_km,<min>,<max>", header "lat_deg,lon_deg", vertices).
 * returns ODC_OK, ODC_EIO or ODC_EINPUT. */
int odc_saa_load(odc_saa_region *s, const char *path, odc_err *err);

/* 1 if (lat_deg, lon_deg) is inside the polygon (even-odd rule), else 0.
 * lon_deg in any range (wrapped to -180..180). */
int odc_saa_contains(const odc_saa_region *s, double lat_deg, double lon_deg);

/* Fraction of ground-track samples inside the SAA. Samples should be equally
 * spaced in time over a whole number of repeat cycles (or many days) so that
 * the fraction is the fraction of time.
 * n                       number of samples (> 0)
 * lat_deg, lon_deg, alt_km  geodetic latitude, east longitude (deg), altitude
 *                         (km); every alt_km must lie in the region's range
 * returns ODC_OK or ODC_EINPUT (field "alt_km" with the sample index, "lat_deg",
 * or "n"). */
int odc_saa_fraction(const odc_saa_region *s, size_t n, const double *lat_deg,
                     const double *lon_deg, const double *alt_km, double *frac,
                     odc_err *err);

/* Same, with samples produced by a callback (e.g. a propagator):
 * sample(ctx, i, &lat_deg, &lon_deg, &alt_km) fills sample i (0..n-1) and
 * returns ODC_OK or an error code (then passed on). */
typedef int (*odc_track_fn)(void *ctx, size_t i, double *lat_deg, double *lon_deg,
                            double *alt_km, odc_err *err);
int odc_saa_fraction_cb(const odc_saa_region *s, size_t n, odc_track_fn sample,
                        void *ctx, double *frac, odc_err *err);

/* Orbit-averaged flux from the SAA time fraction: frac * flux_saa +
 * (1 - frac) * flux_outside (particles/cm^2/s, same energy threshold).
 * returns ODC_OK or ODC_EINPUT (frac outside 0..1 or a negative flux). */
int odc_orbit_avg_flux(double frac, double flux_saa_cm2_s,
                       double flux_outside_cm2_s, double *flux_cm2_s, odc_err *err);

/* ---- single-event effects ------------------------------------------------ */

/* Weibull fit of a heavy-ion cross-section versus LET:
 * sigma(L) = sigma_sat * (1 - exp(-((L - L0)/W)^s)) for L > L0, else 0
 * (E. Petersen, "Single Event Effects in Aerospace", Wiley-IEEE 2011). */
typedef struct odc_weibull {
    double sigma_sat_cm2;    /* saturated cross-section (per bit or device) */
    double l0_mev_cm2_mg;    /* threshold LET                                */
    double w_mev_cm2_mg;     /* width                                        */
    double s;                /* shape                                        */
} odc_weibull;

/* sigma(L) in the units of sigma_sat_cm2; 0 below the threshold. */
double odc_weibull_xs(const odc_weibull *w, double let_mev_cm2_mg);

/* Heavy-ion event rate R = integral sigma(L) d(-Phi(>L)) over an integral
 * LET spectrum given at n ascending LET points (trapezoid rule in the
 * Stieltjes sense: sum of mean sigma over each bin times the flux in it).
 * Phi(>L) in particles/cm^2/s, non-increasing. Ignores path-length and
 * angle effects (normal-incidence LET), so it is a first estimate, not a
 * CREME96-style RPP calculation.
 * returns rate_per_s (events/s per bit or device) or ODC_EINPUT. */
int odc_see_rate_let(const odc_weibull *w, size_t n, const double *let_mev_cm2_mg,
                     const double *flux_gt_let_cm2_s, double *rate_per_s,
                     odc_err *err);

/* Radiation parameters of one chip, from data/radiation/chips.csv. Unknown
 * values are NaN. */
typedef struct odc_chip_rad {
    char   name[64];
    double tid_fail_krad_si;      /* no hard failure observed up to (>=)  */
    double tid_degrade_krad_si;   /* first parametric/soft degradation     */
    double sefi_xs_cm2;           /* proton functional-interrupt xs, per chip */
    double seu_xs_cm2;            /* proton upset xs, per chip (all bits)  */
    double proton_mev;            /* beam energy of those cross-sections   */
    char   status[16];            /* "measured", "digitized" or "estimate" */
    char   source[256];
} odc_chip_rad;

/* Find chip `name` in a chips.csv file.
 * returns ODC_OK, ODC_EIO, or ODC_EINPUT (bad row; or field "name" when the
 * chip is not in the file). */
int odc_chip_rad_load(const char *path, const char *name, odc_chip_rad *chip,
                      odc_err *err);

/* What a chip sees over a mission. */
typedef struct odc_see_result {
    double dose_krad_si;          /* TID over the mission                   */
    double tid_margin;            /* tid_fail / dose (>1 is good); NaN if unknown */
    double tid_degrade_margin;    /* tid_degrade / dose; NaN if unknown    */
    double upsets_per_chip_day;   /* seu_xs * flux * 86400 (+ ion rate)    */
    double sefi_per_s;            /* functional interrupts per second      */
    double mtbi_s;                /* 1 / sefi_per_s (INFINITY if 0)        */
} odc_see_result;

/* Combine TID and SEE for one chip:
 * dose_rad_si_per_yr   from odc_tid_rate (>= 0)
 * mission_yr           mission length in Julian years (> 0)
 * proton_flux_cm2_s    orbit-averaged flux of protons above the energy at
 *                      which the cross-sections were measured (>= 0)
 * ion_upset_per_s, ion_sefi_per_s  heavy-ion rates per chip from
 *                      odc_see_rate_let (>= 0; 0 if not modelled)
 * A NaN (unknown) cross-section in chip makes the outputs that need it NaN
 * (upsets_per_chip_day for seu_xs_cm2; sefi_per_s and mtbi_s for
 * sefi_xs_cm2) unless proton_flux_cm2_s is 0.
 * returns ODC_OK or ODC_EINPUT naming the bad argument. */
int odc_see_assess(const odc_chip_rad *chip, double dose_rad_si_per_yr,
                   double mission_yr, double proton_flux_cm2_s,
                   double ion_upset_per_s, double ion_sefi_per_s,
                   odc_see_result *out, odc_err *err);

/* ---- default SEE environment (data/radiation/, docs/radiation.md) ------- */

#define ODC_SAA_FLUX_MAX 64
#define ODC_LET_MAX 128

/* In-SAA trapped-proton integral flux versus altitude and energy, derived
 * from a published orbit-averaged spectrum at a reference orbit divided by
 * that orbit's time fraction in the SAA polygon (format and derivation:
 * data/radiation/saa_proton_flux.csv). */
typedef struct odc_saa_flux {
    double ref_alt_km, ref_incl_deg;  /* orbit of the published spectrum      */
    double ref_saa_fraction;          /* its time fraction in the SAA polygon */
    double h_proton_km;               /* e-folding height of the flux (km)    */
    double alt_min_km, alt_max_km;    /* where the altitude law may be used   */
    double see_threshold_mev;         /* energy above which SEE cross-sections
                                         are taken as saturated (MeV)         */
    int    n;                         /* energy nodes, ascending              */
    double e_mev[ODC_SAA_FLUX_MAX];
    double flux_avg_cm2_s[ODC_SAA_FLUX_MAX];  /* orbit average above e_mev   */
    char   path[256];
} odc_saa_flux;

/* Read an SAA flux file (format: data/radiation/saa_proton_flux.csv: '#'
 * comments; lines "ref_orbit,<alt_km>,<incl_deg>", "ref_saa_fraction,<f>",
 * "h_proton_km,<km>", "alt_range_km,<min>,<max>", "see_threshold_mev,<E>",
 * all required; header "energy_mev,flux_orbit_avg_cm2_s"; then rows with
 * ascending energy and positive, non-increasing integral flux).
 * returns ODC_OK, ODC_EIO or ODC_EINPUT (file, line, column, field). */
int odc_saa_flux_load(odc_saa_flux *f, const char *path, odc_err *err);

/* Mean integral flux of trapped protons above e_mev inside the SAA polygon
 * at altitude alt_km:
 *   flux = Phi_ref(>E) / ref_saa_fraction * exp((alt - ref_alt)/h_proton)
 * with Phi_ref interpolated log-log between the energy nodes.
 * alt_km   circular-orbit altitude (km), within [alt_min_km, alt_max_km]
 * e_mev    proton energy threshold (MeV), within the energy nodes
 * returns ODC_OK or ODC_EINPUT naming alt_km or e_mev.
 * Validity: an engineering estimate (docs/radiation.md): AP-8 MIN, one
 * reference orbit, flux outside the polygon neglected; reproduces the
 * second published SPENVIS run (825 km, 98.8 deg) within a factor 1.5. */
int odc_saa_flux_at(const odc_saa_flux *f, double alt_km, double e_mev,
                    double *flux_cm2_s, odc_err *err);

/* Fraction of time a circular orbit spends inside the SAA polygon, from its
 * ground track: spherical Earth rotating at 7.2921150e-5 rad/s, two-body
 * circular motion (no nodal precession), ascending node at longitude 0 at
 * t = 0, samples at the middle of each step.
 * alt_km    altitude (km), must lie in the polygon's altitude band
 * incl_deg  inclination (deg, 0..180)
 * days      length of the track (days, > 0; 30 or more for a stable value)
 * step_s    sample spacing (s, > 0)
 * returns ODC_OK or ODC_EINPUT (field alt_km, incl_deg, days or step_s). */
int odc_saa_fraction_circular(const odc_saa_region *s, double alt_km, double incl_deg,
                              double days, double step_s, double *frac, odc_err *err);

/* An integral LET spectrum Phi(>L) (heavy ions, behind shielding). */
typedef struct odc_let_spectrum {
    int    n;
    double let_mev_cm2_mg[ODC_LET_MAX];      /* ascending                   */
    double flux_gt_let_cm2_s[ODC_LET_MAX];   /* non-increasing, >= 0        */
    char   path[256];
} odc_let_spectrum;

/* Read a LET spectrum (format: data/radiation/gcr_let_leo.csv: '#' comments,
 * header "let_mev_cm2_mg,flux_gt_let_cm2_s", rows ascending in LET).
 * returns ODC_OK, ODC_EIO or ODC_EINPUT (file, line, column, field). */
int odc_let_spectrum_load(odc_let_spectrum *s, const char *path, odc_err *err);

/* A heavy-ion cross-section tabulated against LET (per device): zero below
 * the first LET, log-log interpolation between points, the last value
 * beyond the last point (taken as saturated). */
#define ODC_XS_MAX 16
typedef struct odc_xs_table {
    int    n;                              /* 0 = no data                  */
    double let_mev_cm2_mg[ODC_XS_MAX];     /* ascending                    */
    double xs_cm2[ODC_XS_MAX];             /* > 0, per device              */
} odc_xs_table;

/* Read the heavy-ion rows of chip `name` from a chips_ion.csv file (format:
 * data/radiation/chips_ion.csv: '#' comments, header
 * "name,effect,let_mev_cm2_mg,xs_cm2,status,source", effect "sefi" or
 * "seu", rows of one chip and effect ascending in LET). A chip without rows
 * gets n = 0 in both tables (not an error).
 * returns ODC_OK, ODC_EIO or ODC_EINPUT (file, line, column, field). */
int odc_chip_ion_load(const char *path, const char *name, odc_xs_table *sefi,
                      odc_xs_table *seu, odc_err *err);

/* Heavy-ion event rate R = integral sigma(L) d(-Phi(>L)) for a tabulated
 * cross-section (odc_xs_table rules) over an integral LET spectrum given at
 * n ascending points. The table's LETs are added to the spectrum grid (Phi
 * interpolated log-log there) so the step at the first LET is exact; then
 * the trapezoid rule in the Stieltjes sense, as odc_see_rate_let, plus
 * sigma(L_last) Phi(>L_last) for the particles above the last spectrum LET.
 * returns ODC_OK (rate 0 for an empty table) or ODC_EINPUT (field
 * let_mev_cm2_mg, flux_gt_let_cm2_s, xs_cm2 or n). */
int odc_see_rate_let_table(const odc_xs_table *xs, size_t n, const double *let_mev_cm2_mg,
                           const double *flux_gt_let_cm2_s, double *rate_per_s,
                           odc_err *err);

/* Every default data file of the SEE assessment, loaded once. */
typedef struct odc_see_env {
    odc_dose_table      total, electron;  /* tid_spenvis_sh2_leo*.csv       */
    odc_tid_alt_scaling scaling;          /* tid_alt_scaling.csv            */
    odc_saa_region      saa;              /* saa_fermi_gbm.csv              */
    odc_saa_flux        saa_flux;         /* saa_proton_flux.csv            */
    odc_let_spectrum    gcr;              /* gcr_let_leo.csv                */
    char                chips_path[512];  /* radiation/chips.csv            */
    char                ion_path[512];    /* radiation/chips_ion.csv        */
} odc_see_env;

/* Load the defaults from data_dir (the data/ folder: files under
 * data_dir/radiation/). Free with odc_see_env_free.
 * returns ODC_OK, ODC_EIO, ODC_EINPUT or ODC_ENOMEM from the file loaders. */
int  odc_see_env_load(odc_see_env *env, const char *data_dir, odc_err *err);
void odc_see_env_free(odc_see_env *env);

/* Result of odc_see_default_assess. Rates are per chip unless named _sat. */
typedef struct odc_see_default_result {
    odc_see_result see;           /* dose, margins, upsets/chip-day, sefi/s, MTBI (s) */
    odc_chip_rad   chip;          /* the row of chips.csv used            */
    double dose_rad_si_per_yr;    /* TID rate behind the shield           */
    double proton_e_mev;          /* energy threshold of the proton flux  */
    double saa_flux_cm2_s;        /* flux above it inside the SAA         */
    double proton_flux_cm2_s;     /* orbit average = saa_frac * saa_flux  */
    double ion_upset_per_s;       /* heavy-ion rates (0 when not modelled) */
    double ion_sefi_per_s;
    double ion_upsets_per_chip_day; /* heavy-ion upsets alone (a lower bound
                                     on upsets when the proton SEU
                                     cross-section is unknown)             */
    double sefi_per_chip_day;     /* functional interrupts per chip-day   */
    double mtbi_sat_h;            /* MTBI of a satellite of n_chips (h)   */
} odc_see_default_result;

/* Dose, upsets and functional interrupts of one chip type in a circular
 * LEO orbit, from the default environment:
 *   dose      odc_tid_rate_scaled(alt, incl, shielding) x mission_yr
 *   E         min(chip proton_mev, see_threshold_mev); see_threshold_mev
 *             alone when the chip has no beam energy
 *   protons   Phi = saa_frac x odc_saa_flux_at(alt, E)  (none outside)
 *   ions      odc_see_rate_let(ion_*, GCR spectrum) when ion_* != NULL,
 *             else odc_see_rate_let_table with the chip's rows of
 *             chips_ion.csv (none: 0)
 *   then odc_see_assess(chip, dose, mission_yr, Phi, ions) and
 *   sefi_per_chip_day = 86400 sefi_per_s, mtbi_sat_h = 1/(n_chips sefi_per_s)/3600.
 * env              from odc_see_env_load
 * chip_name        a row of env->chips_path (names as in data/chips.json)
 * alt_km           circular altitude (km), 400..1000 (TID law and SAA flux)
 * incl_deg         inclination (deg), dose-table range 0..100
 * shielding_mm_al  aluminium sphere thickness (mm), 0.05..20
 * mission_yr       mission length (Julian years, > 0)
 * saa_frac         time fraction in the SAA polygon (0..1), e.g. from
 *                  odc_saa_fraction_circular or odc_saa_fraction_cb
 * n_chips          chips per satellite (>= 1)
 * ion_seu, ion_sefi  heavy-ion Weibull fits per chip overriding
 *                  chips_ion.csv, or NULL
 * Shielding enters the dose only: the proton flux is the external flux
 * (conservative) and the GCR spectrum is the one behind 3.5 mm Al.
 * Unknown chip values (empty in chips.csv) give NaN outputs, as in
 * odc_see_assess. returns ODC_OK or ODC_EINPUT naming the field (alt_km,
 * incl_deg, depth_mm_al, mission_yr, saa_frac, n_chips, name, ...). */
int odc_see_default_assess(const odc_see_env *env, const char *chip_name,
                           double alt_km, double incl_deg, double shielding_mm_al,
                           double mission_yr, double saa_frac, int n_chips,
                           const odc_weibull *ion_seu, const odc_weibull *ion_sefi,
                           odc_see_default_result *out, odc_err *err);

#endif
