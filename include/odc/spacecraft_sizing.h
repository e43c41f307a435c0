/* First-order sizing of the power and thermal subsystems of one compute
 * satellite: power budget -> SMAD eclipse-recharge array power -> EOL
 * array area and mass; worst eclipse -> battery capacity (DoD from the
 * cycle-life table, raised if a C-rate limit binds) and mass; daylight
 * heat -> two-sided radiator area in the Earth/albedo environment and
 * mass; and mass per kW of IT power. Technology numbers come from an
 * odc_sc_defaults (data/spacecraft_defaults.json).
 *
 * References: as in power.h, battery.h and thermal.h (SMAD 3rd ed. sec.
 * 11.4 and 11.5; Gilmore 2002 ch. 2). */
#ifndef ODC_SPACECRAFT_SIZING_H
#define ODC_SPACECRAFT_SIZING_H

#include "odc/error.h"
#include "odc/power.h"
#include "odc/spacecraft_defaults.h"

typedef struct odc_sizing_in {
    double it_w;              /* IT (compute) power at its input (W), >= 0       */
    double period_s;          /* orbital period (s), > 0                        */
    double sunlit_frac;       /* fraction of the sizing (worst) orbit in full
                                 sunlight, (0,1]; daylight Td = frac*period      */
    double max_eclipse_s;     /* longest eclipse of the mission (s), >= 0;
                                 Td + Te must not exceed the period           */
    double eclipse_orbit_frac;/* fraction of orbits with an eclipse, [0,1]      */
    double mission_years;     /* design life (years), >= 0                      */
    double alt_km;            /* altitude for the radiator's Earth view (km) > 0 */
    int    n_isl;             /* inter-satellite link terminals, >= 0           */
    int    it_in_eclipse;     /* 1: IT runs through eclipse on battery;
                                 0: IT is shed in eclipse (platform only)       */
} odc_sizing_in;

typedef struct odc_sizing_out {
    odc_power_total day;      /* daylight budget (loads, losses, source)        */
    double p_eclipse_w;       /* source power needed in eclipse (W)             */
    double p_array_eol_w;     /* SMAD eq. 11-5 array power at EOL (W)           */
    double p_array_bol_w;     /* same array at BOL (W)                          */
    double array_area_m2, array_mass_kg;
    double battery_cycles;    /* charge/discharge cycles over the mission       */
    double battery_dod;       /* DoD used (0 when there is no eclipse)          */
    int    battery_dod_extrapolated; /* 1 if outside the cycle-life table        */
    double battery_capacity_wh, battery_mass_kg;
    double heat_w;            /* daylight heat the radiator rejects (W)          */
    double radiator_area_m2;  /* panel area, both faces radiating (m^2)         */
    double radiator_mass_kg;
    double total_mass_kg;     /* array + battery + radiator (kg)                */
    double kg_per_it_kw;      /* total_mass_kg / (it_w/1000); 0 if it_w == 0    */
} odc_sizing_out;

/* Size the power and thermal subsystems (see the file comment).
 * Daylight heat = P_sa(EOL) - Pe*Te/(eta_discharge*Td): all array output
 * becomes heat inside the spacecraft except the energy being stored.
 * Radiator: two faces, edge-on to nadir (Earth view factor of a vertical
 * plate at alt_km), Sun in the radiator plane, sub-solar albedo (hot
 * case), temperature thermal.rad_t_k.
 * returns ODC_OK, ODC_EINPUT naming the bad field, or ODC_EMODEL if the
 * radiator cannot reject heat at its temperature in that environment. */
int odc_size_spacecraft(const odc_sizing_in *in, const odc_sc_defaults *d,
                        odc_sizing_out *out, odc_err *err);

#endif
