/* odcsim compare FILE [--json]: an orbital and a terrestrial deployment of
 * the same chips side by side (cost sheets, unit costs, time to compute),
 * the breakeven launch price and the year a launch learning curve reaches
 * it. docs/decisions.md. */
#include "cli.h"
#include "decide_cli.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim compare FILE [--json]\n\n"
            "Orbit against ground for the same chips (scenario sections economics and\n"
            "terrestrial, docs/decisions.md): capital and operating cost lines, cost per\n"
            "GPU-hour, per PFLOP-year, per MWh of IT energy, per million tokens, time to\n"
            "first compute, the breakeven launch price (USD/kg) at which orbit costs the\n"
            "same per GPU-hour as ground, and the year the launch learning curve reaches\n"
            "it (economics.learning).\n"
            "  --json   one JSON object on stdout instead of the text report\n"
            "Data files from $ODCSIM_DATA (default ./data). Exit: 0, 1 model, 2 input.\n");
}

static const char *power_name(int p)
{
    static const char *const w[] = {"?", "grid", "gas", "fuel_cell", "solar_storage"};
    return p >= 1 && p <= 4 ? w[p] : "?";
}

static cJSON *items_json(const odc_tco_item *it, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", it[i].name);
        cJSON_AddNumberToObject(o, "usd", it[i].usd);
        if (it[i].life_yr > 0)
            cJSON_AddNumberToObject(o, "life_yr", it[i].life_yr);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *side_json(const odc_tco_sheet *s, const odc_tco_result *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "capex_items", items_json(s->capex, s->n_capex));
    cJSON_AddItemToObject(o, "opex_items", items_json(s->opex, s->n_opex));
    cJSON_AddNumberToObject(o, "capex_usd", r->capex_usd);
    cJSON_AddNumberToObject(o, "annual_capex_usd", r->annual_capex_usd);
    cJSON_AddNumberToObject(o, "opex_usd_per_yr", r->opex_usd_per_yr);
    cJSON_AddNumberToObject(o, "annual_usd", r->annual_usd);
    cJSON_AddNumberToObject(o, "npv_usd", r->npv_usd);
    cJSON_AddNumberToObject(o, "usd_per_gpu_hour", r->usd_per_chip_hour);
    cJSON_AddNumberToObject(o, "usd_per_pflop_year", r->usd_per_pflop_year);
    cJSON_AddNumberToObject(o, "usd_per_it_mwh", r->usd_per_it_mwh);
    cJSON_AddNumberToObject(o, "usd_per_mtok", r->usd_per_mtok);
    cJSON_AddNumberToObject(o, "chip_hours_per_yr", r->chip_hours_per_yr);
    cJSON_AddNumberToObject(o, "first_compute_yr", r->first_compute_yr);
    return o;
}

static void print_items(const char *side, const odc_tco_item *it, int n, int capex)
{
    for (int i = 0; i < n; i++)
        if (capex)
            printf("  %-6s %-28s %14.6g USD   every %g yr\n", side, it[i].name, it[i].usd,
                   it[i].life_yr);
        else
            printf("  %-6s %-28s %14.6g USD/yr\n", side, it[i].name, it[i].usd);
}

int cmd_compare(int argc, char **argv)
{
    const char *file = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("compare", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("compare", "expected one scenario file, got a second '%s'", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("compare", "expected a scenario file");
    odc_scenario *sc = NULL;
    odc_decide_model m;
    int st = dcli_model(file, &sc, &m);
    if (st)
        return st;
    odc_err err = {0};
    odc_decide_result *r = malloc(sizeof *r), *rb = malloc(sizeof *rb);
    double be = NAN, year = NAN, year_par = NAN, prices[200];
    int found = 0;
    if (!r || !rb) {
        fprintf(stderr, "odcsim: out of memory\n");
        st = 1;
        goto out;
    }
    if (odc_decide_eval(&m, r, &err) || odc_decide_breakeven(&m, &be, &found, &err) ||
        odc_decide_crossing(&m, be, &year, prices, &err) ||
        odc_decide_crossing(&m, r->launch_parity_usd_per_kg, &year_par, NULL, &err)) {
        st = cli_report(&err);
        goto out;
    }
    /* Re-evaluate at the breakeven price: the check printed beside it. */
    double be_orbit = NAN;
    if (found == 1) {
        odc_decide_model mb = m;
        mb.launch_usd_per_kg = be;
        if (odc_decide_eval(&mb, rb, &err)) {
            st = cli_report(&err);
            goto out;
        }
        be_orbit = rb->orbit.usd_per_chip_hour;
    }
    int nyears = m.learning.x0_kg > 0 ? (int)m.learning.years : 0;
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", file);
        cJSON *orb = side_json(&r->orbit_sheet, &r->orbit);
        cJSON_AddStringToObject(orb, "vehicle", m.lv.name);
        cJSON_AddStringToObject(orb, "orbit", m.sso ? "sso" : "leo");
        cJSON_AddNumberToObject(orb, "launch_usd_per_kg", m.launch_usd_per_kg);
        cJSON_AddNumberToObject(orb, "n_sats", (double)r->n_sats);
        cJSON_AddNumberToObject(orb, "n_chips", (double)r->n_sats * m.chips_per_sat);
        cJSON_AddNumberToObject(orb, "sat_mass_kg", r->sat_mass_kg);
        cJSON_AddNumberToObject(orb, "launches", (double)r->deploy.launches);
        cJSON_AddNumberToObject(orb, "sats_per_launch", (double)r->deploy.sats_per_launch);
        cJSON_AddNumberToObject(orb, "full_deployment_yr", r->orbit_full_yr);
        cJSON_AddNumberToObject(orb, "launch_usd_per_it_kw_yr", r->launch_usd_per_it_kw_yr);
        cJSON_AddItemToObject(o, "orbit", orb);
        cJSON *gr = side_json(&r->ground_sheet, &r->ground);
        cJSON_AddStringToObject(gr, "site", m.site.name);
        cJSON_AddStringToObject(gr, "power", power_name(m.site.power));
        cJSON_AddNumberToObject(gr, "pue", m.site.pue);
        cJSON_AddNumberToObject(gr, "facility_mw", r->ground_facility_mw);
        cJSON_AddNumberToObject(gr, "energy_usd_per_it_kw_yr", r->ground_energy_usd_per_it_kw_yr);
        cJSON_AddItemToObject(o, "ground", gr);
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "status", found == 1 ? "found"
                                             : found == 0 ? "orbit costlier even with free launch"
                                                          : "orbit cheaper at any price");
        cJSON_AddNumberToObject(b, "usd_per_kg", be);
        cJSON_AddNumberToObject(b, "orbit_usd_per_gpu_hour_at_breakeven", be_orbit);
        cJSON_AddNumberToObject(b, "launch_energy_parity_usd_per_kg", r->launch_parity_usd_per_kg);
        cJSON_AddItemToObject(o, "breakeven", b);
        cJSON *l = cJSON_CreateObject();
        cJSON_AddNumberToObject(l, "crossing_year", year);
        cJSON_AddNumberToObject(l, "launch_energy_parity_year", year_par);
        cJSON_AddNumberToObject(l, "start_year", m.learning.start_year);
        cJSON *pa = cJSON_CreateArray();
        for (int k = 0; k < nyears; k++)
            cJSON_AddItemToArray(pa, cJSON_CreateNumber(prices[k]));
        cJSON_AddItemToObject(l, "usd_per_kg_by_year", pa);
        cJSON_AddItemToObject(o, "learning", l);
        char *s = cJSON_Print(o);
        if (s)
            printf("%s\n", s);
        free(s);
        cJSON_Delete(o);
        goto out;
    }
    char b1[32], b2[32];
    printf("odcsim compare %s\n", file);
    printf("orbit:  %ld satellites x %g chips = %g chips, %g kW IT and %g kg each; %s to %s at "
           "%.6g USD/kg; %ld launches (%ld per launch)\n",
           r->n_sats, m.chips_per_sat, (double)r->n_sats * m.chips_per_sat, m.sat_it_kw,
           r->sat_mass_kg, m.lv.name, m.sso ? "SSO" : "LEO", m.launch_usd_per_kg,
           r->deploy.launches, r->deploy.sats_per_launch);
    printf("ground: site %s, power %s, PUE %g, facility %.6g MW, same %g chips\n\n", m.site.name,
           power_name(m.site.power), m.site.pue, r->ground_facility_mw,
           (double)r->n_sats * m.chips_per_sat);
    printf("capital items (USD at purchase, renewed every life)\n");
    print_items("orbit", r->orbit_sheet.capex, r->orbit_sheet.n_capex, 1);
    print_items("ground", r->ground_sheet.capex, r->ground_sheet.n_capex, 1);
    printf("operating items\n");
    print_items("orbit", r->orbit_sheet.opex, r->orbit_sheet.n_opex, 0);
    print_items("ground", r->ground_sheet.opex, r->ground_sheet.n_opex, 0);
    printf("\n%-36s %14s %14s\n", "", "orbit", "ground");
#define ROW(label, f) printf("%-36s %14.6g %14.6g\n", label, r->orbit.f, r->ground.f)
    ROW("capex (USD)", capex_usd);
    ROW("annual cost (USD/yr)", annual_usd);
    printf("%-36s %14.6g %14.6g\n", "NPV over the horizon (USD)", r->orbit.npv_usd,
           r->ground.npv_usd);
    ROW("USD per GPU-hour", usd_per_chip_hour);
    ROW("USD per PFLOP-year", usd_per_pflop_year);
    ROW("USD per MWh of IT energy", usd_per_it_mwh);
    ROW("USD per million tokens", usd_per_mtok);
    ROW("time to first compute (yr)", first_compute_yr);
#undef ROW
    printf("%-36s %14.6g %14s\n", "time to full deployment (yr)", r->orbit_full_yr, "-");
    printf("%-36s %14.6g %14.6g\n", "launch vs energy (USD per IT kW-yr)",
           r->launch_usd_per_it_kw_yr, r->ground_energy_usd_per_it_kw_yr);
    if (found == 1)
        printf("\nbreakeven launch price: %.6g USD/kg (orbit then %s USD per GPU-hour, ground "
               "%s)\n",
               be, dcli_g(be_orbit, b1, sizeof b1),
               dcli_g(r->ground.usd_per_chip_hour, b2, sizeof b2));
    else if (found == 0)
        printf("\nbreakeven launch price: none (orbit costs more than ground even with free "
               "launch)\n");
    else
        printf("\nbreakeven launch price: none (orbit costs less than ground at any price up "
               "to 1e7 USD/kg)\n");
    printf("launch-energy parity: %.6g USD/kg (launch per IT kW-yr = ground energy per IT kW-yr)\n",
           r->launch_parity_usd_per_kg);
    if (nyears) {
        if (isnan(year))
            printf("learning curves: no crossing within %d years from %g\n", nyears,
                   m.learning.start_year);
        else
            printf("learning curves cross in %g (launch price then %.6g USD/kg)\n", year,
                   prices[(int)(year - m.learning.start_year)]);
        if (!isnan(year_par))
            printf("launch price reaches launch-energy parity in %g (%.6g USD/kg)\n", year_par,
                   prices[(int)(year_par - m.learning.start_year)]);
        else
            printf("launch price does not reach launch-energy parity within %d years\n", nyears);
    } else
        printf("learning curves: no forecast (economics.learning.x0_kg not given)\n");
out:
    free(r);
    free(rb);
    dcli_free(sc);
    return st;
}
