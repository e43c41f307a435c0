/* Upper-atmosphere density for drag and orbit lifetime: the modified
 * Harris-Priester model of Montenbruck & Gill, driven by a density table in
 * data/atmosphere/ (height, night-side minimum and day-side maximum density).
 *
 * Reference: O. Montenbruck and E. Gill, "Satellite Orbits: Models, Methods
 * and Applications", Springer 2000, sec. 3.5.2 (eqs. 3.99-3.103, Table 3.8);
 * I. Harris and W. Priester, J. Atmos. Sci. 19 (1962) 286. Valid 100..1000 km
 * (the table range). Static: no solar-cycle, seasonal-latitudinal or
 * geomagnetic-storm variation beyond choosing the table block. */
#ifndef ODC_ATMOSPHERE_H
#define ODC_ATMOSPHERE_H

#include "odc/error.h"

#define ODC_ATMOS_MAX_ROWS 128

/* Solar activity level; each level is one block of the table file. */
typedef enum odc_solar_activity {
    ODC_SOLAR_LOW = 0,   /* F10.7 < 100 sfu        */
    ODC_SOLAR_MEAN = 1,  /* 100 <= F10.7 <= 200 sfu */
    ODC_SOLAR_HIGH = 2   /* F10.7 > 200 sfu        */
} odc_solar_activity;

/* One activity block: heights ascending, densities > 0 and, for each of
 * rho_min and rho_max, strictly decreasing with height. */
typedef struct odc_hp_block {
    int    n;                                 /* rows, 0 = block absent   */
    double h_km[ODC_ATMOS_MAX_ROWS];          /* height above ellipsoid   */
    double rho_min_kg_m3[ODC_ATMOS_MAX_ROWS]; /* antapex (night) density  */
    double rho_max_kg_m3[ODC_ATMOS_MAX_ROWS]; /* apex (bulge) density     */
} odc_hp_block;

typedef struct odc_atmos_table {
    odc_hp_block block[3];     /* indexed by odc_solar_activity */
    char path[256];            /* file it came from              */
} odc_atmos_table;

/* Read a Harris-Priester table (format: see
 * data/atmosphere/harris_priester_mg2000.csv: '#' comments, "activity,<low|
 * mean|high>" lines each followed by the header "h_km,rho_min_g_km3,
 * rho_max_g_km3" and rows, densities in g/km^3).
 * returns ODC_OK, ODC_EIO (cannot open), ODC_EINPUT (bad row: file, line,
 * column and field named; heights not ascending; densities not positive or
 * not decreasing with height; rho_max < rho_min). */
int odc_atmos_load(odc_atmos_table *t, const char *path, odc_err *err);

/* Activity level for a 81-day mean F10.7 (sfu, 1e-22 W m^-2 Hz^-1), using
 * odcsim's bands above. ODC_EINPUT if f107_sfu is not finite or <= 0. */
int odc_solar_activity_from_f107(double f107_sfu, odc_solar_activity *act,
                                 odc_err *err);

/* Night-side and day-side density at a height: exponential interpolation
 * between table nodes with the local scale height
 * H_i = (h_i - h_{i+1}) / ln(rho(h_{i+1}) / rho(h_i))  (M&G eq. 3.100).
 *
 * alt_km         height above the ellipsoid (km), table range inclusive
 * act            which block
 * rho_min_kg_m3, rho_max_kg_m3   outputs (kg/m^3); either may be NULL
 * returns ODC_OK, or ODC_EINPUT (field "alt_km" outside the table, or field
 * "activity" when the file has no block for act). */
int odc_hp_minmax(const odc_atmos_table *t, double alt_km, odc_solar_activity act,
                  double *rho_min_kg_m3, double *rho_max_kg_m3, odc_err *err);

/* Harris-Priester density with the diurnal bulge (M&G eq. 3.102):
 * rho = rho_min + (rho_max - rho_min) * cos^n(psi/2), with
 * cos^n(psi/2) = ((1 + cos_psi)/2)^(n/2).
 *
 * cos_psi   cosine of the angle between the satellite position and the bulge
 *           apex (use odc_hp_cos_psi), in [-1, 1]
 * n_exp     2 (low inclination) .. 6 (polar), M&G recommendation; any
 *           value in [2, 6] is accepted
 * returns ODC_OK or ODC_EINPUT (alt_km, cos_psi, n_exp or activity). */
int odc_hp_density(const odc_atmos_table *t, double alt_km, double cos_psi,
                   double n_exp, odc_solar_activity act, double *rho_kg_m3,
                   odc_err *err);

/* Cosine of the angle between the unit position vector and the bulge apex,
 * which lags the Sun by 30 deg in right ascension at the Sun's declination
 * (M&G eq. 3.101).
 * r[3]      satellite position, any Earth-centred equatorial inertial frame
 * sun[3]    Sun position in the same frame (only the direction is used)
 * returns cos_psi in [-1, 1] (0 when either vector is zero). */
double odc_hp_cos_psi(const double r[3], const double sun[3]);

/* Density averaged over all bulge geometries: the mean of cos^n(psi/2) over a
 * sphere of directions is 1/(n/2 + 1), so
 * rho_mean = rho_min + (rho_max - rho_min) / (n_exp/2 + 1).
 * Used for orbit-averaged decay and station keeping, where the satellite
 * samples all local times (an approximation for sun-synchronous orbits,
 * which see a fixed local time; use odc_hp_density for those).
 * returns as odc_hp_density. */
int odc_hp_density_mean(const odc_atmos_table *t, double alt_km, double n_exp,
                        odc_solar_activity act, double *rho_kg_m3, odc_err *err);

#endif
