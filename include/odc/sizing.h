/* Whole-spacecraft sizing of one compute satellite (`odcsim size`): the
 * glue from an orbit to its environment (yearly sunlit fraction and longest
 * eclipse from the Sun/shadow/eclipse modules, beta-angle range, trapped-
 * radiation dose, drag) and on to the spacecraft (power and thermal from
 * odc_size_spacecraft, then every other subsystem's mass, station-keeping
 * propellant, total mass and mass per IT kW).
 *
 * Technology numbers: data/spacecraft_defaults.json (power, battery,
 * thermal; odc/spacecraft_defaults.h) and data/sizing_defaults.json (mass
 * of structure, compute payload, ISL terminals, avionics, propulsion,
 * shielding, drag); every one can be overridden by its dotted key in a
 * scenario's spacecraft.technology mapping. docs/sizing.md gives the chain
 * of equations, the sources and how it was verified. */
#ifndef ODC_SIZING_H
#define ODC_SIZING_H

#include <stddef.h>
#include "odc/atmosphere.h"
#include "odc/error.h"
#include "odc/radiation.h"
#include "odc/spacecraft_defaults.h"
#include "odc/spacecraft_sizing.h"

/* ---- technology parameters beyond power/thermal ------------------------ */

typedef struct odc_sizing_params {
    double structure_frac;          /* structure / dry mass, [0, 0.9]          */
    double compute_kg_per_kw;       /* compute payload mass per IT kW (kg/kW)  */
    double isl_terminals;           /* default number of ISL terminals         */
    double isl_kg_per_terminal;     /* mass of one optical terminal (kg)       */
    double avionics_kg;             /* fixed avionics mass (kg)                */
    double avionics_kg_per_kw;      /* avionics mass growing with IT (kg/kW)   */
    double prop_isp_s;              /* electric thruster specific impulse (s)  */
    double prop_tank_frac;          /* tank + feed mass / propellant mass      */
    double prop_fixed_kg;           /* thrusters, PPU (kg)                     */
    double prop_margin;             /* delta-v margin factor, >= 1             */
    double shield_mm_al;            /* Al wall around the compute payload (mm) */
    double shield_m2_per_kw;        /* that wall's area per IT kW (m^2/kW)     */
    double al_density_kg_m3;        /* aluminium density (kg/m^3)              */
    double drag_cd;                 /* drag coefficient                        */
    double drag_bus_area_m2;        /* bus cross-section always facing the flow*/
    double atm_n_exp;               /* Harris-Priester exponent, 2..6          */
    double reentry_alt_km;          /* lifetime end altitude (km)              */
    double battery_dod;             /* 0: DoD from the cycle-life table; > 0:
                                       this fixed depth of discharge, (0, 1]   */
} odc_sizing_params;

/* Read data/sizing_defaults.json (same layout as spacecraft_defaults.json:
 * "params": {"key": {value, unit, source, date}}). Strict: every key once,
 * unit as expected, value in range, no unknown key.
 * returns ODC_OK, ODC_EIO, ODC_EINPUT (file, field named) or ODC_ENOMEM. */
int odc_sizing_params_load(const char *path, odc_sizing_params *p, odc_err *err);

/* Check one technology override (key as in either defaults file, e.g.
 * "solar.eff_ref" or "structure.fraction") and its value.
 * returns ODC_OK, or ODC_EINPUT with a message "expected ..." (err->field
 * = key): unknown key (with the nearest key suggested) or value out of the
 * key's range. A NaN value checks the key only. */
int odc_sizing_tech_check(const char *key, double value, odc_err *err);

/* Apply a checked override to the defaults d or p (whichever holds key).
 * returns as odc_sizing_tech_check. */
int odc_sizing_tech_apply(odc_sc_defaults *d, odc_sizing_params *p,
                          const char *key, double value, odc_err *err);

/* Number of technology keys and the i-th key's name and unit (for help
 * text and docs); NULL when i is out of range. */
size_t odc_sizing_tech_count(void);
const char *odc_sizing_tech_key(size_t i, const char **unit);

/* ---- orbit environment -------------------------------------------------- */

typedef struct odc_sizing_orbit {
    double alt_km;            /* circular altitude above Re (km), >= 150     */
    double incl_deg;          /* inclination (deg); ignored when sso != 0    */
    int    sso;               /* 1: sun-synchronous, node at ltan_h          */
    double ltan_h;            /* local time of ascending node (h), 0..24     */
    double epoch_jd1, epoch_jd2; /* UTC two-part JD: start of the year       */
    double span_s;            /* statistics span (s), usually one year       */
    int    cylindrical;       /* 1: cylindrical shadow, 0: conical (default) */
} odc_sizing_orbit;

typedef struct odc_orbit_env {
    double incl_deg;          /* the inclination used (SSO: computed)        */
    double period_s;          /* Keplerian period 2 pi sqrt(a^3/mu) (s)      */
    double sunlit_fraction;   /* time average over the span, penumbra weighted*/
    double eclipse_max_s;     /* longest complete shadow passage (s)         */
    double eclipse_orbit_frac;/* shadow passages per orbit, capped at 1      */
    size_t n_eclipses;        /* shadow passages in the span                 */
    double beta_min_deg, beta_max_deg; /* Sun elevation over the orbit plane */
    double mean_abs_cos_beta; /* time mean of |cos beta| (drag of arrays)    */
} odc_orbit_env;

/* Eclipse and beta statistics of one circular orbit over a span: a single
 * satellite with the J2 design propagator (odc_constellation_state, mean
 * elements, TEME-like), the Sun from a 6-hourly odc_sun_table (TEME), and
 * odc_eclipse_stats_compute (conical shadow by default; 60 s bracketing
 * step, exact event times by Brent). Beta angles are sampled every 6 h.
 * returns ODC_OK, ODC_EINPUT (field "alt_km", "incl_deg", "ltan_h",
 * "span_s"), ODC_EMODEL or ODC_ENOMEM. Reference: docs/sun-shadow.md. */
int odc_sizing_orbit_env(const odc_sizing_orbit *o, odc_orbit_env *env, odc_err *err);

/* Closed-form check used in the tests: eclipse half-angle of a circular
 * orbit in a cylindrical shadow at beta angle beta_rad,
 * cos(half) = cos(rho) / cos(beta), sin(rho) = R / (R + h), i.e.
 * cos(rho) = sqrt(h^2 + 2 R h) / (R + h) (Wertz & Larson, SMAD 3rd ed.
 * 1999, sec. 5.1, eclipse duration of a circular orbit; eclipse fraction
 * = half/pi); 0 when cos(half) would exceed 1 (no eclipse).
 * returns the eclipse fraction of the orbit, [0, 0.5). */
double odc_eclipse_fraction_cylindrical(double alt_km, double beta_rad);

/* ---- the whole spacecraft ----------------------------------------------- */

/* Dose data: the dose-depth table, and optionally (both non-NULL) its
 * electron part and the altitude scaling law of odc_tid_rate_scaled for
 * altitudes the table lacks. */
typedef struct odc_sizing_dose {
    const odc_dose_table      *total;
    const odc_dose_table      *electron;   /* may be NULL */
    const odc_tid_alt_scaling *scaling;    /* may be NULL */
} odc_sizing_dose;

typedef struct odc_mission_in {
    double it_w;              /* IT power (W), > 0                           */
    double mission_years;     /* design life (years), > 0                     */
    int    n_isl;             /* ISL terminals; < 0: params.isl_terminals    */
    int    it_in_eclipse;     /* 1: IT runs through eclipse on battery       */
    odc_solar_activity activity; /* atmosphere block for drag                */
    double chip_tid_krad;     /* chip TID tolerance (krad(Si)); NaN: unknown */
} odc_mission_in;

typedef struct odc_mission_out {
    odc_orbit_env   env;
    odc_sizing_out  pt;       /* power and thermal (array, battery, radiator)*/
    /* masses (kg) */
    double m_array, m_battery, m_radiator, m_structure, m_compute, m_isl;
    double m_avionics, m_propulsion, m_propellant, m_shielding;
    double mass_dry_kg, mass_kg, kg_per_it_kw;
    /* drag and propulsion */
    double drag_area_m2, ballistic_kg_m2, rho_kg_m3;
    double dv_m_s_per_yr, dv_m_s_mission;
    double lifetime_years;    /* uncontrolled decay to reentry_alt_km; NaN
                                 when the orbit is above the density table  */
    /* radiation */
    double dose_alt_km;       /* altitude the dose was evaluated at          */
    int    dose_scaled;       /* 1: altitude scaling law used (approximation)*/
    int    dose_alt_clamped;  /* 1: neither table nor law covers alt_km; read
                                 at the nearest table altitude instead       */
    double dose_rad_per_yr, dose_krad_mission, tid_margin;  /* NaN: unknown  */
    int    n_isl;
} odc_mission_out;

/* Size one satellite (see the file comment and docs/sizing.md).
 *
 * env      from odc_sizing_orbit_env for the satellite's orbit
 * alt_km   its altitude (km); incl_deg from env
 * d, p     technology (defaults with overrides applied)
 * dose     dose data; the dose is read at p->shield_mm_al with
 *          odc_tid_rate_scaled when the scaling law is given (the table
 *          itself at its altitudes), else, or outside the law's range, at
 *          the table altitude nearest alt_km (flagged in dose_alt_clamped)
 * atm      Harris-Priester table for drag
 * Masses: structure = structure_frac of the dry mass; propellant for the
 * station-keeping delta-v over the mission (odc_stationkeeping_dv x years
 * x margin, Tsiolkovsky), iterated with the wet mass because the drag
 * ballistic coefficient depends on it.
 * returns ODC_OK, ODC_EINPUT (field named), ODC_EMODEL. */
int odc_size_mission(const odc_mission_in *in, const odc_orbit_env *env, double alt_km,
                     const odc_sc_defaults *d, const odc_sizing_params *p,
                     const odc_sizing_dose *dose, const odc_atmos_table *atm,
                     odc_mission_out *out, odc_err *err);

#endif
