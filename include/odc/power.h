/* Spacecraft electrical power: solar array output (irradiance, cell
 * temperature, pointing, radiation degradation), end-of-life array sizing
 * with the SMAD eclipse-recharge formula, array mass, and the per-satellite
 * power budget (loads, conversion and distribution losses).
 *
 * References: Kopp & Lean, "A new, lower value of total solar irradiance",
 * Geophys. Res. Lett. 38, L01706 (2011) (TSI 1360.8 +/- 0.5 W/m^2; IAU 2015
 * Resolution B3 nominal 1361 W/m^2); Wertz & Larson (eds.), "Space Mission
 * Analysis and Design" (SMAD, 3rd ed., 1999), sec. 11.4 (eqs. 11-5 .. 11-9:
 * array power with eclipse recharge, inherent degradation, lifetime
 * degradation (1-d)^years); Spectrolab XTJ Prime data sheet (2016) for
 * triple-junction efficiency and temperature coefficient. Defaults with
 * their sources are in data/spacecraft_defaults.json. */
#ifndef ODC_POWER_H
#define ODC_POWER_H

#include "odc/error.h"

/* Solar array technology parameters. */
typedef struct odc_solar_array {
    double eff_ref;              /* cell efficiency at t_ref_k, AM0, (0,1]      */
    double t_ref_k;              /* reference cell temperature (K), > 0        */
    double temp_coeff_per_k;     /* relative efficiency change per K (1/K),
                                    e.g. -0.0024 = -0.24 %/K; |x| < 0.05        */
    double packing_factor;       /* cell area / panel area, (0,1]              */
    double inherent_deg;         /* SMAD inherent degradation Id (wiring,
                                    shadowing, design), (0,1]                 */
    double degr_per_yr;          /* fractional power loss per year, [0,1)      */
    double areal_density_kg_m2;  /* array mass per panel area (kg/m^2), > 0    */
} odc_solar_array;

/* Check every field; ODC_EINPUT naming the first bad field. */
int odc_solar_array_check(const odc_solar_array *sa, odc_err *err);

/* Solar irradiance (W/m^2) at distance d_au from the Sun:
 * s_1au_w_m2 / d_au^2 (inverse-square law). ODC_EINPUT if d_au <= 0 or
 * s_1au_w_m2 < 0. */
int odc_solar_irradiance(double s_1au_w_m2, double d_au, double *s_w_m2,
                         odc_err *err);

/* Electrical power (W) of an array of panel area area_m2:
 *   P = S * max(cos_inc,0) * eta(T) * packing * Id * (1 - d)^years * A,
 *   eta(T) = eff_ref * (1 + temp_coeff*(T - t_ref)), floored at 0.
 * s_w_m2     irradiance on the spacecraft (W/m^2), >= 0 (0 in eclipse)
 * cos_inc    cosine of the Sun incidence angle on the panel normal, [-1,1]:
 *            1 for a Sun-tracking array; cos(theta) for a body-fixed one
 * t_cell_k   operating cell temperature (K), > 0
 * years      time since beginning of life (years), >= 0
 * Model: SMAD sec. 11.4 (eqs. 11-5..11-9) with a linear temperature
 * coefficient. Valid for cell temperatures within ~100 K of t_ref. */
int odc_solar_array_power(const odc_solar_array *sa, double area_m2,
                          double s_w_m2, double cos_inc, double t_cell_k,
                          double years, double *p_w, odc_err *err);

/* SMAD eq. 11-5: power the array must deliver in daylight so that the
 * loads are met in daylight and the battery is recharged for the eclipse:
 *   P_sa = (Pe*Te/Xe + Pd*Td/Xd) / Td
 * pe_w, pd_w  load power in eclipse and daylight (W), >= 0
 * te_s, td_s  eclipse and daylight durations per orbit (s), te >= 0, td > 0
 * xe, xd      path efficiencies array->battery->loads and array->loads,
 *             (0,1] (SMAD: 0.65/0.85 direct energy transfer, 0.60/0.80
 *             peak-power tracking). */
int odc_smad_array_power(double pe_w, double te_s, double pd_w, double td_s,
                         double xe, double xd, double *psa_w, odc_err *err);

/* Array sized for end of life: the panel area such that
 * odc_solar_array_power(area, s, cos_inc, t_cell, years) == p_eol_w.
 * Outputs (any may be NULL except area_m2): area_m2, mass_kg (area *
 * areal density) and p_bol_w (power of that area at year 0, same
 * conditions). ODC_EMODEL if the array produces nothing under these
 * conditions (s = 0, cos_inc <= 0, or efficiency floored at 0). */
int odc_solar_array_size(const odc_solar_array *sa, double p_eol_w,
                         double s_w_m2, double cos_inc, double t_cell_k,
                         double years, double *area_m2, double *mass_kg,
                         double *p_bol_w, odc_err *err);

/* Array mass (kg) from a specific power at beginning of life (W/kg), the
 * way array vendors quote it: mass = p_bol_w / specific_power_w_kg.
 * ODC_EINPUT if p_bol_w < 0 or specific power <= 0. */
int odc_solar_array_mass_specific(double p_bol_w, double specific_power_w_kg,
                                  double *mass_kg, odc_err *err);

/* Per-satellite power budget. Loads are at their own inputs; the bus must
 * also supply conversion and distribution losses. */
typedef struct odc_power_budget {
    double it_w;            /* compute payload (accelerators, hosts) (W)     */
    double isl_w;           /* inter-satellite optical/RF terminals (W)      */
    double avionics_w;      /* C&DH, ADCS, comms, heaters (W)                */
    double thermal_w;       /* pumped-loop pumps, heaters of the radiators (W)*/
    double other_w;         /* anything else, e.g. propulsion standby (W)    */
    double eta_it_conv;     /* bus -> IT point-of-load conversion, (0,1]     */
    double eta_other_conv;  /* bus -> other loads conversion, (0,1]          */
    double eta_distribution;/* harness + PCDU (array/battery -> bus), (0,1]  */
} odc_power_budget;

typedef struct odc_power_total {
    double load_w;          /* sum of the loads at their inputs (W)          */
    double conv_loss_w;     /* point-of-load conversion losses (W)           */
    double dist_loss_w;     /* distribution losses (W)                       */
    double source_w;        /* what the array/battery must deliver (W):
                               load + conversion + distribution losses       */
    double heat_w;          /* heat dissipated inside the spacecraft (W):
                               equals source_w (all electrical power ends as
                               heat; optical/RF radiated power is neglected) */
} odc_power_total;

/* Sum a budget: source = (it/eta_it + (isl+avionics+thermal+other)/eta_other)
 * / eta_distribution; losses are the differences. ODC_EINPUT naming a
 * negative load or an efficiency outside (0,1]. */
int odc_power_budget_sum(const odc_power_budget *b, odc_power_total *t,
                         odc_err *err);

#endif
