/* odcsim size FILE [--json] [--data-dir DIR]: size one compute satellite
 * from a scenario's `spacecraft:` section (docs/sizing.md): orbit ->
 * sunlit fraction, eclipses, dose, drag -> power, array, battery, radiator,
 * masses by subsystem, mass per IT kW. */
#include "cli.h"
#include "odc/chips.h"
#include "odc/scenario.h"
#include "odc/sizing.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Statistics span: one Julian year from the scenario epoch. */
#define SPAN_S (365.25 * 86400.0)

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim size FILE [--json] [--data-dir DIR]\n\n"
            "Size one compute satellite from the scenario's 'spacecraft:' section\n"
            "(docs/sizing.md): sunlit fraction and longest eclipse over the first year\n"
            "from the scenario epoch, power budget, solar array (EOL), battery, radiator,\n"
            "mass by subsystem, station-keeping propellant, lifetime, total ionizing dose.\n\n"
            "  --json          print one JSON object instead of the readable breakdown\n"
            "  --data-dir DIR  folder of spacecraft_defaults.json, sizing_defaults.json,\n"
            "                  chips.json, radiation/ and atmosphere/ (default: $ODCSIM_DATA,\n"
            "                  else ./data)\n\n"
            "Exit status: 0 sized, 2 bad scenario or input (FILE:LINE:COL: field ...),\n"
            "1 a model could not size it (e.g. radiator cannot reject the heat).\n");
}

/* Report an error of the sizing at a place in the scenario. */
static int report_at(const odc_scenario *sc, int line, int col, const char *field,
                     const odc_err *e)
{
    odc_err x = *e;
    size_t fl = strlen(sc->file) < sizeof x.file ? strlen(sc->file) : sizeof x.file - 1;
    memcpy(x.file, sc->file, fl);
    x.file[fl] = '\0';
    x.line = line;
    x.col = col;
    if (field)
        snprintf(x.field, sizeof x.field, "%s", field);
    char buf[1200];
    fprintf(stderr, "%s\n", odc_err_format(&x, buf, sizeof buf));
    return x.code == ODC_EINPUT ? 2 : 1;
}

static void jnum(cJSON *o, const char *k, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

typedef struct sized {
    const odc_scenario *sc;
    const odc_mission_out *m;
    double chip_tid_krad, chip_degrade_krad;
    const char *chip;
    const odc_chip *cat;       /* catalog entry, NULL if the chip is not in it */
    double it_w, chip_w;       /* resolved IT power and power per chip (W)     */
} sized;

static int print_json(const sized *z)
{
    const odc_mission_out *m = z->m;
    const odc_scenario_spacecraft *s = &z->sc->spacecraft;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", z->sc->name);
    jnum(o, "it_power_w", z->it_w);
    if (s->chip_count > 0) {
        cJSON_AddNumberToObject(o, "chip_count", (double)s->chip_count);
        jnum(o, "chip_power_w", z->chip_w);
    }
    if (z->chip)
        cJSON_AddStringToObject(o, "chip", z->chip);
    if (z->cat && s->chip_count > 0) {
        double n = (double)s->chip_count;
        jnum(o, "bf16_dense_pflops", n * z->cat->bf16_dense_tflops / 1000.0);
        jnum(o, "fp8_dense_pflops", n * odc_chip_dense_tflops(z->cat, "fp8") / 1000.0);
        jnum(o, "hbm_tb", n * z->cat->hbm_gb / 1000.0);
        jnum(o, "bf16_dense_tflops_per_kg", n * z->cat->bf16_dense_tflops / m->mass_kg);
    }
    cJSON *orb = cJSON_AddObjectToObject(o, "orbit");
    jnum(orb, "alt_km", s->orbit.alt_km);
    jnum(orb, "incl_deg", m->env.incl_deg);
    cJSON_AddBoolToObject(orb, "sso", s->orbit.sso);
    if (s->orbit.sso)
        jnum(orb, "ltan_h", s->orbit.ltan_h);
    jnum(orb, "period_s", m->env.period_s);
    jnum(o, "mission_years", s->mission_years);
    jnum(o, "sunlit_fraction", m->env.sunlit_fraction);
    jnum(o, "eclipse_max_s", m->env.eclipse_max_s);
    jnum(o, "eclipse_orbit_fraction", m->env.eclipse_orbit_frac);
    cJSON_AddNumberToObject(o, "eclipses_first_year", (double)m->env.n_eclipses);
    jnum(o, "beta_min_deg", m->env.beta_min_deg);
    jnum(o, "beta_max_deg", m->env.beta_max_deg);
    jnum(o, "bus_power_day_w", m->pt.day.source_w);
    jnum(o, "bus_power_eclipse_w", m->pt.p_eclipse_w);
    jnum(o, "array_power_eol_w", m->pt.p_array_eol_w);
    jnum(o, "array_power_bol_w", m->pt.p_array_bol_w);
    jnum(o, "pv_area_m2", m->pt.array_area_m2);
    jnum(o, "battery_energy_wh", m->pt.battery_capacity_wh);
    jnum(o, "battery_dod", m->pt.battery_dod);
    jnum(o, "battery_cycles", m->pt.battery_cycles);
    jnum(o, "heat_rejected_w", m->pt.heat_w);
    jnum(o, "radiator_area_m2", m->pt.radiator_area_m2);
    cJSON_AddNumberToObject(o, "isl_terminals", m->n_isl);
    jnum(o, "mass_kg", m->mass_kg);
    jnum(o, "mass_dry_kg", m->mass_dry_kg);
    cJSON *ms = cJSON_AddObjectToObject(o, "mass_by_subsystem_kg");
    jnum(ms, "solar_array", m->m_array);
    jnum(ms, "battery", m->m_battery);
    jnum(ms, "radiator", m->m_radiator);
    jnum(ms, "structure", m->m_structure);
    jnum(ms, "compute", m->m_compute);
    jnum(ms, "isl", m->m_isl);
    jnum(ms, "avionics", m->m_avionics);
    jnum(ms, "propulsion", m->m_propulsion);
    jnum(ms, "propellant", m->m_propellant);
    jnum(ms, "shielding", m->m_shielding);
    jnum(o, "mass_per_it_kw_kg", m->kg_per_it_kw);
    if (s->orbit.cons_index >= 0) {
        double n = (double)z->sc->cons[s->orbit.cons_index].n_sat;
        cJSON *fl = cJSON_AddObjectToObject(o, "constellation");
        cJSON_AddStringToObject(fl, "name", s->orbit.constellation);
        cJSON_AddNumberToObject(fl, "satellites", n);
        jnum(fl, "it_power_w", n * z->it_w);
        jnum(fl, "mass_kg", n * m->mass_kg);
        jnum(fl, "pv_area_m2", n * m->pt.array_area_m2);
    }
    jnum(o, "drag_area_m2", m->drag_area_m2);
    jnum(o, "ballistic_coeff_kg_m2", m->ballistic_kg_m2);
    jnum(o, "density_kg_m3", m->rho_kg_m3);
    jnum(o, "stationkeeping_dv_m_s_per_year", m->dv_m_s_per_yr);
    jnum(o, "stationkeeping_dv_m_s_mission", m->dv_m_s_mission);
    jnum(o, "lifetime_years", m->lifetime_years);
    jnum(o, "dose_rad_per_year", m->dose_rad_per_yr);
    jnum(o, "dose_krad_mission", m->dose_krad_mission);
    jnum(o, "dose_table_alt_km", m->dose_alt_km);
    cJSON_AddBoolToObject(o, "dose_altitude_scaled", m->dose_scaled);
    cJSON_AddBoolToObject(o, "dose_alt_nearest_table_node", m->dose_alt_clamped);
    jnum(o, "chip_tid_krad", z->chip_tid_krad);
    jnum(o, "tid_margin", m->tid_margin);
    jnum(o, "tid_degrade_margin", m->dose_krad_mission > 0 ? z->chip_degrade_krad /
                                                                  m->dose_krad_mission
                                                            : NAN);
    char *txt = cJSON_Print(o);
    cJSON_Delete(o);
    if (!txt) {
        fprintf(stderr, "odcsim size: out of memory\n");
        return 1;
    }
    printf("%s\n", txt);
    free(txt);
    return 0;
}

static void print_text(const sized *z)
{
    const odc_mission_out *m = z->m;
    const odc_scenario_spacecraft *s = &z->sc->spacecraft;
    printf("odcsim size: %s (%s)\n\n", z->sc->name, z->sc->file);
    printf("IT power              %12.1f kW", z->it_w / 1000.0);
    if (s->chip_count > 0)
        printf("  (%ld x %s%s%g W)", s->chip_count, z->chip ? z->chip : "chip",
               z->chip ? " at " : " x ", z->chip_w);
    printf("\n");
    if (z->cat && s->chip_count > 0)
        printf("Compute               %12.1f PFLOP/s dense BF16, %.1f TB HBM\n",
               (double)s->chip_count * z->cat->bf16_dense_tflops / 1000.0,
               (double)s->chip_count * z->cat->hbm_gb / 1000.0);
    if (s->orbit.sso)
        printf("Orbit                 %12.1f km sun-synchronous, i = %.2f deg, LTAN %.2f h\n",
               s->orbit.alt_km, m->env.incl_deg, s->orbit.ltan_h);
    else
        printf("Orbit                 %12.1f km, i = %.2f deg\n", s->orbit.alt_km,
               m->env.incl_deg);
    printf("Mission               %12.1f years\n\n", s->mission_years);
    printf("Environment (first year from the epoch)\n");
    printf("  sunlit fraction     %12.4f\n", m->env.sunlit_fraction);
    printf("  longest eclipse     %12.1f s  (%zu shadow passages, %.0f %% of orbits)\n",
           m->env.eclipse_max_s, m->env.n_eclipses, 100.0 * m->env.eclipse_orbit_frac);
    printf("  beta angle          %6.1f .. %.1f deg\n", m->env.beta_min_deg,
           m->env.beta_max_deg);
    printf("  period              %12.1f s\n\n", m->env.period_s);
    printf("Power and thermal\n");
    printf("  bus power, day      %12.1f kW (eclipse %.1f kW)\n", m->pt.day.source_w / 1000.0,
           m->pt.p_eclipse_w / 1000.0);
    printf("  array power EOL/BOL %12.1f / %.1f kW\n", m->pt.p_array_eol_w / 1000.0,
           m->pt.p_array_bol_w / 1000.0);
    printf("  solar array area    %12.1f m^2\n", m->pt.array_area_m2);
    printf("  battery             %12.1f kWh (DoD %.2f, %.0f cycles)\n",
           m->pt.battery_capacity_wh / 1000.0, m->pt.battery_dod, m->pt.battery_cycles);
    printf("  heat rejected       %12.1f kW\n", m->pt.heat_w / 1000.0);
    printf("  radiator area       %12.1f m^2 (two faces)\n\n", m->pt.radiator_area_m2);
    printf("Mass by subsystem\n");
    const char *nm[] = {"solar array", "battery", "radiator", "structure", "compute",
                        "ISL terminals", "avionics", "propulsion", "propellant", "shielding"};
    double v[] = {m->m_array, m->m_battery, m->m_radiator, m->m_structure, m->m_compute,
                  m->m_isl, m->m_avionics, m->m_propulsion, m->m_propellant, m->m_shielding};
    for (int i = 0; i < 10; i++)
        printf("  %-19s %12.1f kg  %5.1f %%\n", nm[i], v[i], 100.0 * v[i] / m->mass_kg);
    printf("  %-19s %12.1f kg\n", "total", m->mass_kg);
    printf("  %-19s %12.2f kg/kW\n", "per IT kW", m->kg_per_it_kw);
    if (s->orbit.cons_index >= 0) {
        size_t n = z->sc->cons[s->orbit.cons_index].n_sat;
        printf("  constellation '%s': %zu satellites, %.1f kW IT, %.1f t\n",
               s->orbit.constellation, n, (double)n * z->it_w / 1000.0,
               (double)n * m->mass_kg / 1000.0);
    }
    printf("\n");
    printf("Drag\n");
    printf("  density (mean)      %12.3e kg/m^3, area %.1f m^2\n", m->rho_kg_m3,
           m->drag_area_m2);
    printf("  station keeping     %12.2f m/s per year, %.1f m/s over the mission\n",
           m->dv_m_s_per_yr, m->dv_m_s_mission);
    if (isfinite(m->lifetime_years))
        printf("  uncontrolled life   %12.2f years\n\n", m->lifetime_years);
    else
        printf("  uncontrolled life   above the density table (> centuries)\n\n");
    printf("Radiation\n");
    printf("  dose                %12.3f krad(Si) over the mission (%.1f rad/yr)\n",
           m->dose_krad_mission, m->dose_rad_per_yr);
    if (m->dose_scaled)
        printf("  note: %.0f km is not a dose-table altitude: altitude scaling law used\n",
               s->orbit.alt_km);
    if (m->dose_alt_clamped)
        printf("  note: no dose data for %.0f km; read at %.0f km\n", s->orbit.alt_km,
               m->dose_alt_km);
    if (isfinite(z->chip_tid_krad))
        printf("  chip tolerance      %12.1f krad(Si): margin x%.1f\n", z->chip_tid_krad,
               m->tid_margin);
}

static const char *data_dir(const char *opt)
{
    if (opt)
        return opt;
    const char *e = getenv("ODCSIM_DATA");
    return e && *e ? e : "data";
}

int cmd_size(int argc, char **argv)
{
    const char *file = NULL, *dd = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--data-dir")) {
            if (++i >= argc)
                return cli_usage("size", "--data-dir needs a folder");
            dd = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("size", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("size", "expected one scenario file, got '%s' too", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("size", "expected a scenario file");
    dd = data_dir(dd);

    odc_scenario sc;
    odc_diag diag;
    odc_diag_init(&diag);
    int rc = odc_scenario_load(file, &sc, &diag);
    int status = 0;
    odc_dose_table dose, edose;
    odc_tid_alt_scaling scal;
    memset(&dose, 0, sizeof dose);
    memset(&edose, 0, sizeof edose);
    odc_atmos_table *atm = NULL;
    odc_chip_catalog cat = {0, NULL};
    if (rc || diag.n) {
        for (size_t i = 0; i < diag.n; i++) {
            char buf[1200];
            fprintf(stderr, "%s\n", odc_err_format(&diag.items[i], buf, sizeof buf));
        }
        status = rc == ODC_EINPUT || rc == ODC_EIO ? 2 : 1;
        goto done;
    }
    const odc_scenario_spacecraft *s = &sc.spacecraft;
    if (!s->present) {
        fprintf(stderr, "%s:1:1: field 'spacecraft': expected a spacecraft section to size "
                        "(docs/sizing.md), got none\n", file);
        status = 2;
        goto done;
    }
    if (s->orbit.cons_index >= 0 && !sc.cons[s->orbit.cons_index].valid) {
        status = 2;
        goto done;
    }

    char path[ODC_SCENARIO_PATH_MAX + 64];
    odc_err err;
    memset(&err, 0, sizeof err);
    odc_sc_defaults d;
    odc_sizing_params p;
    snprintf(path, sizeof path, "%s/spacecraft_defaults.json", dd);
    if ((rc = odc_sc_defaults_load(path, &d, &err))) {
        status = cli_report(&err);
        goto done;
    }
    snprintf(path, sizeof path, "%s/sizing_defaults.json", dd);
    if ((rc = odc_sizing_params_load(path, &p, &err))) {
        status = cli_report(&err);
        goto done;
    }
    for (size_t i = 0; i < s->n_tech; i++)
        if ((rc = odc_sizing_tech_apply(&d, &p, s->tech[i].key, s->tech[i].value, &err))) {
            status = report_at(&sc, s->tech[i].line, s->tech[i].col, NULL, &err);
            goto done;
        }
    sized z = {&sc, NULL, s->chip_tid_krad, NAN, NULL, NULL, s->it_power_w, s->chip_power_w};
    if (s->chip[0]) {
        /* The chip may be in the catalog (power, throughput), in the
         * radiation file (TID tolerance), or both; in neither is an error. */
        snprintf(path, sizeof path, "%s/chips.json", dd);
        if ((rc = odc_chips_load(path, &cat, &err))) {
            status = cli_report(&err);
            goto done;
        }
        z.cat = odc_chips_find(&cat, s->chip);
        odc_chip_rad chip;
        snprintf(path, sizeof path, "%s/radiation/chips.csv", dd);
        rc = odc_chip_rad_load(path, s->chip, &chip, &err);
        if (rc && !(rc == ODC_EINPUT && !strcmp(err.field, "name"))) {
            status = cli_report(&err);
            goto done;
        }
        if (rc && !z.cat) {
            snprintf(err.msg, sizeof err.msg,
                     "expected a chip of %.160s/chips.json or %.160s/radiation/chips.csv, "
                     "got '%s'", dd, dd, s->chip);
            status = report_at(&sc, s->chip_line, s->chip_col, "spacecraft.chip", &err);
            goto done;
        }
        z.chip = s->chip;
        if (!rc) {
            if (!isfinite(z.chip_tid_krad))
                z.chip_tid_krad = chip.tid_fail_krad_si;
            z.chip_degrade_krad = chip.tid_degrade_krad_si;
        }
        if (s->chip_count > 0 && !(s->chip_power_w > 0)) {
            if (!z.cat) {
                odc_err_set(&err, ODC_EINPUT, NULL, 0, 0, NULL,
                            "expected chip_power_w, or a chip of %.200s/chips.json that "
                            "gives its power, got '%s' (only in radiation/chips.csv)",
                            dd, s->chip);
                status = report_at(&sc, s->chip_line, s->chip_col, "spacecraft.chip", &err);
                goto done;
            }
            z.chip_w = z.cat->tdp_w;
            z.it_w = z.chip_w * (double)s->chip_count;
        }
    }
    snprintf(path, sizeof path, "%s/radiation/tid_spenvis_sh2_leo.csv", dd);
    if ((rc = odc_dose_table_load(&dose, path, &err))) {
        status = cli_report(&err);
        goto done;
    }
    snprintf(path, sizeof path, "%s/radiation/tid_spenvis_sh2_leo_electrons.csv", dd);
    if ((rc = odc_dose_table_load(&edose, path, &err))) {
        status = cli_report(&err);
        goto done;
    }
    snprintf(path, sizeof path, "%s/radiation/tid_alt_scaling.csv", dd);
    if ((rc = odc_tid_alt_scaling_load(&scal, path, &err))) {
        status = cli_report(&err);
        goto done;
    }
    odc_sizing_dose dz = {&dose, &edose, &scal};
    atm = malloc(sizeof *atm);
    if (!atm) {
        fprintf(stderr, "odcsim size: out of memory\n");
        status = 1;
        goto done;
    }
    snprintf(path, sizeof path, "%s/atmosphere/harris_priester_mg2000.csv", dd);
    if ((rc = odc_atmos_load(atm, path, &err))) {
        status = cli_report(&err);
        goto done;
    }

    odc_sizing_orbit o = {
        .alt_km = s->orbit.alt_km, .incl_deg = s->orbit.incl_deg, .sso = s->orbit.sso,
        .ltan_h = s->orbit.ltan_h, .epoch_jd1 = sc.time.epoch_jd1,
        .epoch_jd2 = sc.time.epoch_jd2, .span_s = SPAN_S, .cylindrical = s->cylindrical,
    };
    odc_orbit_env env;
    if ((rc = odc_sizing_orbit_env(&o, &env, &err))) {
        status = report_at(&sc, s->orbit.alt_line, s->orbit.alt_col, NULL, &err);
        goto done;
    }
    odc_mission_in in = {
        .it_w = z.it_w, .mission_years = s->mission_years,
        .n_isl = s->isl_terminals, .it_in_eclipse = s->it_in_eclipse,
        .activity = (odc_solar_activity)s->solar_activity, .chip_tid_krad = z.chip_tid_krad,
    };
    odc_mission_out m;
    if ((rc = odc_size_mission(&in, &env, s->orbit.alt_km, &d, &p, &dz, atm, &m, &err))) {
        int line = s->line, col = s->col;
        if (!strcmp(err.field, "alt_km")) {
            line = s->orbit.alt_line;
            col = s->orbit.alt_col;
        } else if (!strcmp(err.field, "it_w") || !strcmp(err.field, "it_power_w")) {
            line = s->it_line;
            col = s->it_col;
        }
        status = report_at(&sc, line, col, NULL, &err);
        goto done;
    }
    z.m = &m;
    if (json)
        status = print_json(&z);
    else
        print_text(&z);
done:
    odc_dose_table_free(&dose);
    odc_dose_table_free(&edose);
    odc_chips_free(&cat);
    free(atm);
    odc_diag_free(&diag);
    odc_scenario_free(&sc);
    return status;
}
