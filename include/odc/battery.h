/* Spacecraft battery: energy-accounting state-of-charge model for a
 * time-stepped engine (charge/discharge efficiencies, depth-of-discharge
 * floor, power limits; clipped energy is reported, never lost silently),
 * eclipse sizing, cycle counting and cycle-life-dependent depth of
 * discharge, and mass from specific energy.
 *
 * References: Wertz & Larson, SMAD (3rd ed., 1999), sec. 11.4 (battery
 * capacity Cr = Pe*Te/(DoD*N*n), DoD vs cycle life); Imamura, Inoue,
 * Yoshida, Komada (GS Yuasa), "Long-term life evaluation of large lithium-
 * ion cells for space", 27th Space Energy Symposium, JAXA/ISAS (2008): 40 000
 * LEO cycles at 25 % DoD and 40 GEO seasons at 80 % DoD. The cycle-life
 * table and specific energy default are in data/spacecraft_defaults.json.
 *
 * State lives in one double per satellite (stored energy, Wh), so an engine
 * can keep it as an array (structure of arrays) and share one odc_battery
 * design among all satellites of a type. */
#ifndef ODC_BATTERY_H
#define ODC_BATTERY_H

#include <stddef.h>
#include "odc/error.h"

typedef struct odc_battery {
    double capacity_wh;        /* usable nameplate energy at 100 % SoC (Wh), > 0 */
    double dod_max;            /* allowed depth of discharge, (0,1]: energy is
                                  never drawn below capacity*(1 - dod_max)     */
    double eta_charge;         /* stored / accepted energy, (0,1]              */
    double eta_discharge;      /* delivered / drawn energy, (0,1]              */
    double p_charge_max_w;     /* max power accepted from the bus (W), > 0     */
    double p_discharge_max_w;  /* max power delivered to the bus (W), > 0      */
} odc_battery;

/* Energy flows of one or more steps (Wh). odc_battery_step ADDS to these,
 * so zero the struct once and pass it to every step to accumulate.
 * Identities (each exact up to rounding):
 *   offered   = accepted + dumped        (charge side, bus terminals)
 *   demand    = delivered + unserved     (discharge side, bus terminals)
 *   stored_delta = accepted - delivered - loss
 *   loss      = (1-eta_c)*accepted + drawn - delivered, drawn = delivered/eta_d */
typedef struct odc_battery_flows {
    double offered_wh, accepted_wh, dumped_wh;
    double demand_wh, delivered_wh, unserved_wh;
    double loss_wh;
    double stored_delta_wh;
} odc_battery_flows;

/* Check every field; ODC_EINPUT naming the first bad one. */
int odc_battery_check(const odc_battery *b, odc_err *err);

/* Advance one battery by dt_s at constant bus power p_net_w: positive is
 * surplus offered for charging, negative is demand the battery should
 * serve. Exact for constant power within the step (the model is linear
 * in energy, so clipping at full/at the DoD floor/at the power limit is
 * computed in closed form).
 * b       a checked design (odc_battery_check), not re-validated here
 * e_wh    in/out: stored energy (Wh), clamped into [floor, capacity]
 * f       accumulator of flows (may be NULL)
 * No allocation, no error path: meant for per-satellite per-step loops. */
void odc_battery_step(const odc_battery *b, double *e_wh, double p_net_w,
                      double dt_s, odc_battery_flows *f);

/* The same step for n satellites sharing one design (structure of arrays):
 * e_wh[i] advances with p_net_w[i]; the flows of all of them are added to
 * f (may be NULL). dt_s >= 0 is a precondition of both step functions. */
void odc_battery_step_n(const odc_battery *b, size_t n, double *e_wh,
                        const double *p_net_w, double dt_s, odc_battery_flows *f);

/* Capacity (Wh) to carry p_ecl_w through t_ecl_s:
 *   capacity = p_ecl_w * t_ecl_s/3600 / (dod * eta_discharge)
 * and its mass (kg) = capacity / specific_energy_wh_kg (mass_kg may be
 * NULL). ODC_EINPUT naming the bad field. */
int odc_battery_size(double p_ecl_w, double t_ecl_s, double dod,
                     double eta_discharge, double specific_energy_wh_kg,
                     double *capacity_wh, double *mass_kg, odc_err *err);

/* Charge/discharge cycles over a mission: one per orbit that has an
 * eclipse. cycles = years * 365.25 * 86400 / period_s * eclipse_orbit_frac.
 * eclipse_orbit_frac in [0,1] is the fraction of orbits with an eclipse
 * (1 for most LEO; ~0.24 for GEO, whose eclipse seasons cover ~90 orbits
 * a year). */
int odc_battery_cycles(double years, double period_s, double eclipse_orbit_frac,
                       double *cycles, odc_err *err);

/* Allowed depth of discharge for a cycle-life requirement, interpolated
 * linearly in log10(cycles) in a table (cycles ascending, DoD descending),
 * and extrapolated with the nearest segment outside it; the result is
 * clamped to [dod_floor, 1], dod_floor in (0,1]. *extrapolated (may be NULL) is set to 1 when
 * n_cycles is outside the table. n >= 2 points.
 * ODC_EINPUT if the table is not strictly ascending in cycles, has DoD
 * outside (0,1], or n_cycles <= 0. */
int odc_battery_dod_for_cycles(const double *cycles, const double *dod, int n,
                               double n_cycles, double dod_floor,
                               double *dod_out, int *extrapolated, odc_err *err);

#endif
