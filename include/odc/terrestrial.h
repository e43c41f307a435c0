/* Terrestrial AI factory: site power, energy cost by power source, water,
 * time to power, and the ground cost sheet that tco.h evaluates with the
 * same accounting as an orbital deployment.
 *
 * Reference sites (data/terrestrial_sites.json) are shaped like today's
 * largest clusters, each with its source and date. Unit costs come from
 * data/costs.json (odc_costs). */
#ifndef ODC_TERRESTRIAL_H
#define ODC_TERRESTRIAL_H

#include "odc/error.h"
#include "odc/tco.h"

#define ODC_SITES_MAX 16

enum { ODC_PWR_GRID = 1, ODC_PWR_GAS = 2, ODC_PWR_FUEL_CELL = 3, ODC_PWR_SOLAR_STORAGE = 4 };

typedef struct odc_site {
    char   name[48];
    double facility_mw;      /* total site power at full load (MW), > 0        */
    double pue;              /* power usage effectiveness, >= 1                */
    double n_gpus;           /* accelerators, > 0                              */
    int    power;            /* ODC_PWR_*                                      */
    double storage_h;        /* solar_storage: hours of full load from storage */
    double bess_mwh;         /* battery energy storage on site (MWh), >= 0     */
    double build_yr;         /* construction, decision -> ready for IT (yr)    */
} odc_site;

typedef struct odc_site_list {
    int n;
    odc_site s[ODC_SITES_MAX];
} odc_site_list;

/* Load data/terrestrial_sites.json (strict; see odc_costs_load for errors).
 * power is one of "grid", "gas", "fuel_cell", "solar_storage". */
int odc_sites_load(const char *path, odc_site_list *l, odc_err *err);

/* Site by name, or NULL. */
const odc_site *odc_site_find(const odc_site_list *l, const char *name);

/* Check a site's fields. returns ODC_OK or ODC_EINPUT naming the field. */
int odc_site_check(const odc_site *s, odc_err *err);

typedef struct odc_site_energy {
    double it_mw;              /* facility_mw / pue                               */
    double facility_mwh_per_yr;/* facility_mw * 8766 h * availability              */
    double it_mwh_per_yr;
    double fuel_mmbtu_per_yr;  /* gas and fuel cell: MWh * heat rate              */
    double energy_usd_per_yr;  /* tariff, or fuel + variable O&M                  */
    double gen_capex_usd;      /* on-site generation (turbines, cells, PV)        */
    double gen_fixed_om_usd_per_yr;
    double gen_life_yr;
    double pv_mw;              /* solar_storage: PV AC capacity                   */
    double storage_mwh;        /* solar_storage: usable storage for storage_h     */
    double water_m3_per_yr;    /* WUE * IT kWh / 1000                             */
    double time_to_power_yr;   /* grid: queue; on-site: generation lead time      */
} odc_site_energy;

/* Energy and power-source economics of a site running availability of the
 * year (the load is flat at facility_mw while running).
 * grid:  energy = MWh * tariff.
 * gas, fuel cell: fuel = MWh * heat_rate / 1000 (Btu/kWh -> MMBtu/MWh);
 *        energy = fuel * price + MWh * var O&M;
 *        capex = facility kW * $/kW.
 * solar_storage: storage_mwh = facility_mw * storage_h; PV sized so that
 *        one day's PV energy covers the directly served hours and the
 *        stored hours through the battery's round trip:
 *        pv_mw = facility_mw * ((24 - storage_h) + storage_h / rte) / (24 cf);
 *        capex = PV + storage; no fuel.
 * Water: WUE (L/kWh of IT energy, The Green Grid 2011 definition).
 * returns ODC_OK or ODC_EINPUT naming the field. */
int odc_site_energy_calc(const odc_site *s, const odc_costs *c, double availability,
                         odc_site_energy *e, odc_err *err);

/* Build the ground cost sheet: compute (chips + hosts, chip_life_yr),
 * building, power equipment, cooling (facility life), grid connection
 * (grid only), on-site generation, site battery (bess_mwh), and yearly
 * energy, maintenance, insurance, staff, water and replacement of failed
 * chips (failure rate x chips x chip price: a failed accelerator is
 * swapped, its host kept, so perf->survival = 1). perf->n_chips, perf->it_kw and perf->survival are
 * set; first_compute_yr = max(build_yr, time_to_power_yr).
 * returns ODC_OK or ODC_EINPUT naming the field. */
int odc_tco_ground_sheet(const odc_site *site, const odc_costs *c, double availability,
                         odc_tco_sheet *s, odc_tco_perf *perf, odc_err *err);

#endif
