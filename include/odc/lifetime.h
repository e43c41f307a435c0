/* Drag, orbit decay, uncontrolled lifetime, station-keeping delta-v and the
 * propellant it costs, for near-circular orbits.
 *
 * Model: circular orbit decaying slowly under drag (King-Hele, "Satellite
 * Orbits in an Atmosphere: Theory and Applications", Blackie 1987, ch. 4;
 * Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed. 2013,
 * sec. 8.6 and 9.7): drag acceleration a_d = rho v^2 / (2 B) with the
 * ballistic coefficient B = m / (Cd A), v = sqrt(mu/a), and the semi-major
 * axis rate da/dt = -sqrt(mu a) rho / B. Spherical Earth for altitude
 * (a = R_e + h), non-rotating atmosphere, static density (no solar cycle
 * within a run). Constants: mu and R_e from odc/constellation.h (EGM-96 /
 * WGS-84). */
#ifndef ODC_LIFETIME_H
#define ODC_LIFETIME_H

#include "odc/atmosphere.h"
#include "odc/error.h"

/* Standard gravity for Isp in seconds, exact by definition (3rd CGPM 1901;
 * ISO 80000-3). */
#define ODC_G0_M_S2 9.80665
/* Default drag coefficient for a compact satellite in free-molecular flow:
 * Cd = 2.2 (G.E. Cook, "Satellite drag coefficients", Planet. Space Sci. 13
 * (1965) 929; Vallado 2013 sec. 8.6.2). */
#define ODC_CD_DEFAULT 2.2
/* Julian year (IAU), used for "per year" rates. */
#define ODC_YEAR_S 31557600.0

/* Density as a function of height, so that any model (Harris-Priester table,
 * exponential, a user's own) can drive decay and station keeping.
 * ctx         the model's data
 * alt_km      height above the ellipsoid (km)
 * rho_kg_m3   output density (kg/m^3)
 * returns ODC_OK or an error code with err filled (e.g. ODC_EINPUT for a
 * height outside the model). */
typedef int (*odc_density_fn)(void *ctx, double alt_km, double *rho_kg_m3,
                              odc_err *err);

/* Context for odc_density_hp_mean: orbit-averaged Harris-Priester density
 * (odc_hp_density_mean) from a loaded table. */
typedef struct odc_hp_mean_ctx {
    const odc_atmos_table *table;
    double n_exp;                 /* 2 .. 6 (M&G sec. 3.5.2)        */
    odc_solar_activity activity;
} odc_hp_mean_ctx;
int odc_density_hp_mean(void *ctx, double alt_km, double *rho_kg_m3, odc_err *err);

/* Ballistic coefficient B = m / (Cd A) (kg/m^2).
 * mass_kg > 0, cd > 0 (dimensionless; ODC_CD_DEFAULT when unknown),
 * area_m2 > 0 (mean cross-section normal to the velocity).
 * returns ODC_OK or ODC_EINPUT naming the bad field. */
int odc_ballistic_coeff(double mass_kg, double cd, double area_m2,
                        double *bc_kg_m2, odc_err *err);

/* Drag acceleration magnitude a_d = rho v^2 / (2 B) (m/s^2).
 * rho_kg_m3 >= 0, v_m_s >= 0 (speed relative to the atmosphere),
 * bc_kg_m2 > 0. returns ODC_OK or ODC_EINPUT. */
int odc_drag_accel(double rho_kg_m3, double v_m_s, double bc_kg_m2,
                   double *acc_m_s2, odc_err *err);

/* Semi-major-axis decay rate of a circular orbit, da/dt = -sqrt(mu a) rho / B
 * (m/s, negative), a = R_e + alt_km.
 * alt_km > 0, rho_kg_m3 >= 0, bc_kg_m2 > 0. */
int odc_decay_rate(double alt_km, double rho_kg_m3, double bc_kg_m2,
                   double *dadt_m_s, odc_err *err);

/* Uncontrolled lifetime: time for the circular orbit to decay from alt0_km to
 * alt_end_km, t = integral over a from a_end to a0 of B / (sqrt(mu a) rho) da,
 * evaluated with GSL adaptive Gauss-Kronrod quadrature (QAG, 21 points) on
 * 5 km slices (so kinks of a tabulated density sit on slice edges), relative
 * tolerance 1e-9. Equivalent to integrating da/dt in time because the
 * density here does not depend on time.
 * alt_end_km   re-entry threshold, commonly 120 km; 0 < alt_end_km < alt0_km
 * t_s          output lifetime (s)
 * returns ODC_OK, ODC_EINPUT (bad field, or density callback input error),
 * ODC_EMODEL (quadrature failed or density not positive). */
int odc_lifetime(odc_density_fn rho, void *ctx, double alt0_km, double alt_end_km,
                 double bc_kg_m2, double *t_s, odc_err *err);

/* Height after t_s seconds without station keeping: the h at which
 * odc_lifetime(alt0_km -> h) equals t_s, found with GSL's Brent solver
 * (altitude tolerance 1e-9 km absolute or 1e-13 relative). Because the
 * density does not depend on time this is the solution of da/dt above;
 * tests/test_lifetime.c checks it against a GSL RKF45 integration in time.
 * If the orbit reaches alt_floor_km before t_s, returns ODC_OK with
 * *alt_km = alt_floor_km and *t_floor_s = the time it got there (else
 * *t_floor_s = -1). t_floor_s may be NULL. Never evaluates the density
 * outside [alt_floor_km, alt0_km]. */
int odc_decay_altitude(odc_density_fn rho, void *ctx, double alt0_km,
                       double alt_floor_km, double bc_kg_m2, double t_s,
                       double *alt_km, double *t_floor_s, odc_err *err);

/* Delta-v per Julian year to hold a circular orbit at alt_km against drag:
 * the drag acceleration times one year (thrust exactly cancels drag).
 * returns dv_m_s_per_yr (m/s per year). */
int odc_stationkeeping_dv(odc_density_fn rho, void *ctx, double alt_km,
                          double bc_kg_m2, double *dv_m_s_per_yr, odc_err *err);

/* Propellant to deliver dv from an initial (wet) mass, by the Tsiolkovsky
 * rocket equation m_prop = m0 (1 - exp(-dv / (Isp g0))), g0 = ODC_G0_M_S2.
 * m0_kg > 0, dv_m_s >= 0, isp_s > 0. */
int odc_propellant_mass(double m0_kg, double dv_m_s, double isp_s,
                        double *m_prop_kg, odc_err *err);

#endif
