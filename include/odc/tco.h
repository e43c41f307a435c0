/* Total cost of ownership, the same accounting for a constellation in orbit
 * and an AI factory on the ground.
 *
 * A deployment is a cost sheet: capital items, each bought at year 0 and
 * renewed every life_yr years, and operating items in USD per year. Money
 * is discounted at a real rate r. Each capital item is levelised with the
 * capital recovery factor
 *     CRF(r, n) = r (1+r)^n / ((1+r)^n - 1)     (CRF = 1/n at r = 0)
 * (the A/P factor of engineering economics: e.g. Newnan, Eschenbach &
 * Lavelle, "Engineering Economic Analysis", ch. 4; r = 8 %, n = 10 gives
 * 0.14903), which amounts to renewing it for ever at the same price. The
 * annual cost is the sum of levelised capital and yearly operating costs;
 * its present value over the horizon N is annual / CRF(r, N). Every output
 * is the annual cost divided by an annual delivered quantity: chip-hours,
 * PFLOP-years, MWh of IT energy, millions of tokens.
 *
 * Default unit costs are data (data/costs.json, each with source and date);
 * the orbit sheet is built here, the ground sheet in terrestrial.h. */
#ifndef ODC_TCO_H
#define ODC_TCO_H

#include "odc/error.h"

#define ODC_TCO_ITEMS_MAX 24

/* ---- engineering economics ------------------------------------------ */

/* Capital recovery factor CRF(r, n) (see the file comment).
 * r  discount rate per year, > -1 (fraction: 0.08 = 8 %)
 * n  periods (years), > 0 (need not be an integer)
 * returns ODC_OK or ODC_EINPUT ("discount_rate", "n_yr"). */
int odc_crf(double r, double n_yr, double *crf, odc_err *err);

/* Net present value of cash flows cf[0..n-1], cf[t] at the end of year t
 * (cf[0] at time 0, not discounted): sum cf[t] / (1+r)^t.
 * returns ODC_OK or ODC_EINPUT ("discount_rate", "n", "cf[3]"). */
int odc_npv(double r, const double *cf, int n, double *npv, odc_err *err);

/* ---- default unit costs (data/costs.json) --------------------------- */

typedef struct odc_costs {
    /* compute */
    double chip_usd;                 /* accelerator price (USD/chip)                 */
    double host_overhead_frac;       /* server, network, storage per chip / chip price */
    double chip_failure_per_yr;      /* chip failures per chip-year                   */
    double chip_life_yr;             /* ground refresh period (yr)                    */
    /* orbit */
    double bus_usd_per_kg;           /* bus, structure, integration per launched kg   */
    double solar_usd_per_w;          /* space array, per W at BOL                     */
    double radiator_usd_per_m2;
    double sat_battery_usd_per_kwh;  /* space-qualified battery                       */
    double launch_insurance_frac;    /* launch + first-year insurance, of insured value */
    double ground_station_usd;       /* one ground station (capex)                   */
    double ground_station_usd_per_yr;/* its operation                                 */
    double orbit_ops_frac_per_yr;    /* mission operations, of satellite capex per yr */
    double orbit_staff_usd_per_yr;   /* fixed operations team                         */
    double sat_life_yr;              /* satellite design life (yr)                    */
    double orbit_lead_yr;            /* decision -> first satellite computing (yr)    */
    /* ground facility (per MW of IT power) */
    double building_usd_per_mw;      /* shell, land, site works                       */
    double power_equipment_usd_per_mw; /* switchgear, UPS, PDUs, generators           */
    double cooling_usd_per_mw;       /* chillers, CDUs, towers, piping                */
    double grid_connection_usd_per_mw; /* substation and interconnection upgrades     */
    double facility_life_yr;
    double facility_maint_frac_per_yr; /* of facility capex                           */
    double facility_insurance_frac_per_yr;
    double staff_usd_per_mw_yr;
    /* power sources */
    double grid_usd_per_mwh;         /* tariff                                        */
    double grid_queue_yr;            /* interconnection queue (yr)                    */
    double gas_heat_rate_btu_per_kwh;
    double gas_usd_per_mmbtu;
    double gas_capex_usd_per_kw;
    double gas_fixed_om_usd_per_kw_yr;
    double gas_var_om_usd_per_mwh;
    double gas_life_yr, gas_lead_yr;
    double fc_heat_rate_btu_per_kwh; /* fuel cells on natural gas                     */
    double fc_capex_usd_per_kw;
    double fc_var_om_usd_per_mwh;
    double fc_life_yr, fc_lead_yr;
    double pv_capex_usd_per_kw;      /* utility PV, per kW AC                         */
    double pv_cf;                    /* capacity factor                               */
    double pv_fixed_om_usd_per_kw_yr;
    double pv_life_yr, pv_lead_yr;
    double bess_usd_per_kwh;         /* grid battery (Megapack-class), installed      */
    double bess_rte;                 /* round-trip efficiency                         */
    double bess_life_yr;
    double wue_l_per_kwh;            /* site water per kWh of IT energy               */
    double water_usd_per_m3;
    /* launch learning defaults (see odc_learning in launch.h) */
    double launch_learning_rate;     /* price multiplier per doubling, (0,1]     */
    double launch_floor_usd_per_kg;  /* price floor                              */
} odc_costs;

/* Load and validate data/costs.json: every key present once with its unit,
 * value in range, non-empty source and date; no unknown key.
 * returns ODC_OK; ODC_EIO; ODC_EINPUT with line/column on a JSON syntax
 * error, or the key ("orbit.bus_usd_per_kg") otherwise. */
int odc_costs_load(const char *path, odc_costs *c, odc_err *err);

/* ---- cost sheet and evaluation -------------------------------------- */

typedef struct odc_tco_item {
    char   name[40];
    double usd;       /* capital: USD at purchase; operating: USD per year     */
    double life_yr;   /* capital: renewal period (yr), > 0; operating: 0       */
} odc_tco_item;

typedef struct odc_tco_sheet {
    int n_capex, n_opex;
    odc_tco_item capex[ODC_TCO_ITEMS_MAX];
    odc_tco_item opex[ODC_TCO_ITEMS_MAX];
    double first_compute_yr;  /* decision -> first compute (yr)               */
} odc_tco_sheet;

/* Append an item (capital if life_yr > 0, operating if life_yr == 0).
 * returns ODC_OK or ODC_EINPUT (negative or non-finite usd, negative
 * life, full sheet), naming the item. */
int odc_tco_add(odc_tco_sheet *s, const char *name, double usd, double life_yr,
                odc_err *err);

typedef struct odc_tco_perf {
    double n_chips;               /* accelerators, > 0                          */
    double it_kw;                 /* IT power at full load (kW), > 0            */
    double pflops_per_chip;       /* peak PFLOP/s per chip at the precision used, >= 0 */
    double tokens_per_s_per_chip; /* reference model throughput per chip, >= 0  */
    double utilisation;           /* fraction of peak FLOP/s achieved, (0,1]   */
    double availability;          /* fraction of hours in service, (0,1]        */
    double survival;              /* mean fraction of chips alive, (0,1]
                                     (1 where failed chips are replaced)        */
} odc_tco_perf;

typedef struct odc_finance {
    double discount_rate;         /* real, per year, > -1                       */
    double horizon_yr;            /* analysis period for the NPV (yr), > 0      */
} odc_finance;

typedef struct odc_tco_result {
    double capex_usd;             /* sum of first purchases                     */
    double annual_capex_usd;      /* sum usd_i * CRF(r, life_i)                 */
    double opex_usd_per_yr;
    double annual_usd;            /* annual_capex_usd + opex_usd_per_yr         */
    double npv_usd;               /* annual_usd / CRF(r, horizon)              */
    double chip_hours_per_yr;     /* n * 8766 h * availability * survival       */
    double pflop_years_per_yr;    /* n * pflops * utilisation * avail * survival */
    double it_mwh_per_yr;         /* it_kw/1000 * 8766 * availability * survival */
    double mtok_per_yr;           /* n * tok/s * 3.15576e7 s * avail * surv / 1e6 */
    double usd_per_chip_hour, usd_per_pflop_year, usd_per_it_mwh, usd_per_mtok;
                                  /* 0 where the quantity is 0                  */
    double first_compute_yr;
} odc_tco_result;

/* Evaluate a sheet (see the file comment). A year is 365.25 days
 * (8766 h). Tokens assume the chips serve at tokens_per_s_per_chip
 * whenever available (utilisation applies to FLOP/s only).
 * returns ODC_OK or ODC_EINPUT naming the bad field. */
int odc_tco_evaluate(const odc_tco_sheet *s, const odc_tco_perf *p, const odc_finance *f,
                     odc_tco_result *r, odc_err *err);

/* ---- orbit ----------------------------------------------------------- */

typedef struct odc_orbit_design {
    long   n_sats;               /* satellites, >= 1                            */
    double chips_per_sat;        /* accelerators per satellite, > 0             */
    double it_kw_per_sat;        /* IT power per satellite (kW), > 0            */
    double sat_mass_kg;          /* launched mass per satellite (kg), > 0       */
    double array_w_bol;          /* solar array power at BOL per satellite (W)  */
    double radiator_m2;          /* radiator area per satellite (m^2)           */
    double battery_wh;           /* battery capacity per satellite (Wh)         */
    double launch_usd_per_kg;    /* launch price (catalog or learning curve)    */
    int    n_ground_stations;    /* >= 0                                        */
} odc_orbit_design;

/* Build the orbit cost sheet. Satellites (chips and hosts, bus, array,
 * radiator, battery, launch, insurance) are one capital item each with the
 * satellite life (a satellite is replaced whole, relaunched, at end of
 * life); failed chips in orbit are not replaced, so perf->survival is set to
 * the mean surviving fraction over a satellite life,
 *     (1 - exp(-lambda L)) / (lambda L)   (constant failure rate lambda),
 * and perf->n_chips and perf->it_kw to the fleet's. Ground stations are
 * capital with the facility life. first_compute_yr = orbit_lead_yr.
 * returns ODC_OK or ODC_EINPUT naming the design field. */
int odc_tco_orbit_sheet(const odc_orbit_design *d, const odc_costs *c, odc_tco_sheet *s,
                        odc_tco_perf *perf, odc_err *err);

#endif
