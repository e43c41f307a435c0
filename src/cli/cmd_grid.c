/* odcsim grid FILE [--out CSV] [--json]: the training cluster's power swings
 * with and without its smoothing battery, the battery a ramp limit needs,
 * ride-through, and what the grid's frequency does when the whole cluster
 * leaves at once (LVRT cascade). Models: cluster_power.h, grid.h;
 * docs/decisions.md and docs/grid-dynamics.md. */
#include "cli.h"
#include "decide_cli.h"
#include "odc/afile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim grid FILE [--out CSV] [--json]\n\n"
            "Scenario section grid (docs/decisions.md): the training job's site load over\n"
            "grid.duration_s at grid.dt_s, its largest ramp, the grid draw and battery\n"
            "state of charge with the smoothing controller, the smallest battery that\n"
            "holds grid.smoothing.ramp_limit_mw_s, ride-through time; then the site's\n"
            "full load lost at once: peak frequency, RoCoF against the reference grid's\n"
            "protection thresholds, with and without the battery taking up the loss, the\n"
            "largest load loss that stays safe, and the battery power that keeps it safe;\n"
            "and the LVRT cascade over grid.lvrt.dips.\n"
            "  --out CSV  write t_s,it_mw,site_mw,grid_mw,batt_mw,soc (atomically)\n"
            "  --json     one JSON object on stdout\n");
}

typedef struct freq_case {
    int rc;
    odc_freq_summary s;
} freq_case;

static cJSON *freq_json(const freq_case *c)
{
    cJSON *o = cJSON_CreateObject();
    if (c->rc) {
        cJSON_AddStringToObject(o, "error", "not run");
        return o;
    }
    cJSON_AddNumberToObject(o, "rocof_init_hz_s", c->s.rocof_init_hz_s);
    cJSON_AddNumberToObject(o, "rocof_max_hz_s", c->s.rocof_max_hz_s);
    cJSON_AddNumberToObject(o, "f_peak_hz", c->s.f_peak_hz);
    cJSON_AddNumberToObject(o, "t_peak_s", c->s.t_peak_s);
    cJSON_AddNumberToObject(o, "df_ss_hz", c->s.df_ss_hz);
    cJSON_AddNumberToObject(o, "battery_absorbed_mwh", c->s.batt_e_mwh);
    cJSON_AddBoolToObject(o, "trip_over_frequency", c->s.trip_over_f);
    cJSON_AddBoolToObject(o, "above_continuous_limit", c->s.over_cont);
    cJSON_AddBoolToObject(o, "trip_rocof", c->s.trip_rocof);
    return o;
}

int cmd_grid(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--out")) {
            if (i + 1 >= argc)
                return cli_usage("grid", "--out needs a file name");
            out = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("grid", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("grid", "expected one scenario file, got a second '%s'", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("grid", "expected a scenario file");
    odc_scenario *sc = NULL;
    int st = dcli_load(file, &sc);
    if (st)
        return st;
    odc_err err = {0};
    odc_grid_model *g = malloc(sizeof *g);
    double *it = NULL, *site = NULL, *grid = NULL, *batt = NULL, *soc = NULL;
    if (!g) {
        fprintf(stderr, "odcsim: out of memory\n");
        dcli_free(sc);
        return 1;
    }
    if (odc_grid_model_init(sc, dcli_data_dir(), g, &err)) {
        st = cli_report(&err);
        goto done;
    }
    double ns = floor(g->duration_s / g->dt_s) + 1;
    size_t n = ns >= 2 && ns <= ODC_GRID_SAMPLES_MAX ? (size_t)ns : 0;
    odc_grid_study S;
    double *series[5] = {0};
    if (out && n) {
        for (int k = 0; k < 5; k++)
            if (!(series[k] = malloc(n * sizeof(double)))) {
                fprintf(stderr, "odcsim: out of memory\n");
                st = 1;
                goto done;
            }
    }
    if (odc_grid_study_run(g, out ? series : NULL, &S, &err)) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%.200s", sc->file);
        st = cli_report(&err);
        goto done;
    }
    it = series[0];
    site = series[1];
    grid = series[2];
    batt = series[3];
    soc = series[4];
    if (out) {
        odc_afile af;
        if (odc_afile_open(&af, out, &err)) {
            st = cli_report(&err);
            goto done;
        }
        fprintf(af.fp, "t_s,it_mw,site_mw,grid_mw,batt_mw,soc\n");
        for (size_t k = 0; k < n; k++) {
            fprintf(af.fp, "%.6f,%.9g,%.9g,%.9g,%.9g,", (double)k * g->dt_s, it[k], site[k],
                    grid[k], batt[k]);
            if (isnan(soc[k]))
                fprintf(af.fp, "\n");
            else
                fprintf(af.fp, "%.9g\n", soc[k]);
        }
        if (odc_afile_commit(&af, &err)) {
            st = cli_report(&err);
            goto done;
        }
    }
    int have_batt = S.have_batt, have_ramp = isfinite(g->smooth.ramp_limit_mw_s);
    int have_lb = S.have_sink;
    odc_smooth_summary ss = S.smooth;
    double site_peak = S.site_peak_mw, site_min = S.site_min_mw, site_max = S.site_max_mw;
    double load_ramp = S.load_ramp_max_mw_s, size_p = S.size_p_mw, size_e = S.size_e_mwh;
    double rt_full = S.ride_full_s, rt_thr = S.ride_throttled_s, served = S.served_frac;
    double dp = S.load_lost_mw, safe = S.safe_loss_mw, safe_b = S.safe_loss_sink_mw;
    double need = S.sink_needed_mw;
    int lim = S.limited_by, need_rc = isnan(need), n_tr = S.n_transfers;
    double t_disc = isnan(S.t_disconnect_s) ? -1 : S.t_disconnect_s;
    freq_case nob = {0, S.freq}, wb = {!have_lb, S.freq_sink};
    static const char *const limw[] = {"-", "over-frequency", "RoCoF"};
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", file);
        cJSON_AddStringToObject(o, "reference_grid", g->grid.name);
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "it_mw", g->prof.p_it_mw);
        cJSON_AddNumberToObject(p, "site_peak_mw", site_peak);
        cJSON_AddNumberToObject(p, "site_min_mw", site_min);
        cJSON_AddNumberToObject(p, "site_max_mw", site_max);
        cJSON_AddNumberToObject(p, "mean_it_mw", S.mean_it_mw);
        cJSON_AddNumberToObject(p, "load_ramp_max_mw_s", load_ramp);
        cJSON_AddNumberToObject(p, "samples", (double)S.n);
        cJSON_AddItemToObject(o, "profile", p);
        cJSON *b = cJSON_CreateObject();
        cJSON_AddBoolToObject(b, "present", have_batt);
        cJSON_AddNumberToObject(b, "p_max_mw", g->batt.p_max_mw);
        cJSON_AddNumberToObject(b, "e_mwh", g->batt.e_mwh);
        if (have_batt) {
            cJSON_AddNumberToObject(b, "grid_ramp_max_mw_s", ss.grid_ramp_max_mw_s);
            cJSON_AddNumberToObject(b, "batt_p_max_used_mw", ss.batt_p_max_mw);
            cJSON_AddNumberToObject(b, "soc_min", ss.soc_min);
            cJSON_AddNumberToObject(b, "soc_max", ss.soc_max);
            cJSON_AddNumberToObject(b, "steps_limited", (double)ss.n_limited);
            cJSON_AddNumberToObject(b, "loss_mwh", ss.e_loss_mwh);
            cJSON_AddNumberToObject(b, "ride_through_full_s", rt_full);
            cJSON_AddNumberToObject(b, "ride_through_throttled_s", rt_thr);
            cJSON_AddNumberToObject(b, "served_frac", served);
        }
        cJSON_AddNumberToObject(b, "ramp_limit_mw_s", have_ramp ? g->smooth.ramp_limit_mw_s : NAN);
        cJSON_AddNumberToObject(b, "size_for_ramp_p_mw", size_p);
        cJSON_AddNumberToObject(b, "size_for_ramp_e_mwh", size_e);
        cJSON_AddItemToObject(o, "battery", b);
        cJSON *c = cJSON_CreateObject();
        cJSON_AddNumberToObject(c, "load_lost_mw", dp);
        cJSON_AddItemToObject(c, "without_battery", freq_json(&nob));
        cJSON_AddItemToObject(c, "with_battery", freq_json(&wb));
        cJSON_AddNumberToObject(c, "largest_safe_loss_mw", safe);
        cJSON_AddStringToObject(c, "limited_by", limw[lim >= 0 && lim <= 2 ? lim : 0]);
        cJSON_AddNumberToObject(c, "largest_safe_loss_with_battery_mw", safe_b);
        cJSON_AddNumberToObject(c, "battery_power_needed_mw", need);
        cJSON_AddNumberToObject(c, "f_trip_hi_hz", g->grid.f_trip_hi_hz);
        cJSON_AddNumberToObject(c, "rocof_limit_hz_s", g->grid.rocof_limit_hz_s);
        cJSON_AddItemToObject(o, "load_loss", c);
        cJSON *l = cJSON_CreateObject();
        cJSON_AddNumberToObject(l, "dips", (double)g->n_dips);
        cJSON_AddNumberToObject(l, "transfers", n_tr);
        cJSON_AddNumberToObject(l, "disconnect_s", t_disc >= 0 ? t_disc : NAN);
        cJSON_AddItemToObject(o, "lvrt", l);
        char *s = cJSON_Print(o);
        if (s)
            printf("%s\n", s);
        free(s);
        cJSON_Delete(o);
        goto done;
    }
    char b1[32], b2[32], b3[32];
    printf("odcsim grid %s (reference grid %s)\n", file, g->grid.name);
    printf("training load: IT %g MW, PUE %g -> site %.6g..%.6g MW (mean IT %.6g MW) over %g s at "
           "%g s\n", g->prof.p_it_mw, g->prof.pue, site_min, site_max,
           S.mean_it_mw, g->duration_s, g->dt_s);
    printf("largest site-load ramp without battery: %.6g MW/s\n", load_ramp);
    if (have_batt) {
        printf("with battery %.6g MW / %.6g MWh: grid ramp %.6g MW/s, battery up to %.6g MW, "
               "SOC %.4f..%.4f, %zu limited steps, losses %.4g MWh\n",
               g->batt.p_max_mw, g->batt.e_mwh, ss.grid_ramp_max_mw_s, ss.batt_p_max_mw,
               ss.soc_min, ss.soc_max, ss.n_limited, ss.e_loss_mwh);
        printf("ride-through of the full site (%.6g MW): %s s at full load, %s s throttled "
               "(%.3g of compute)\n", site_peak, dcli_g(rt_full, b1, sizeof b1),
               dcli_g(rt_thr, b2, sizeof b2), served);
    } else
        printf("no smoothing battery (grid.battery.units or p_max_mw/e_mwh not given)\n");
    if (have_ramp)
        printf("battery for a %g MW/s ramp limit: %.6g MW, %.6g MWh\n",
               g->smooth.ramp_limit_mw_s, size_p, size_e);
    printf("\nwhole site (%.6g MW) leaves at once:      without battery   with battery\n", dp);
    printf("  initial RoCoF (Hz/s)                    %14.6g %14s\n", nob.s.rocof_init_hz_s,
           dcli_g(wb.rc ? NAN : wb.s.rocof_init_hz_s, b1, sizeof b1));
    printf("  largest RoCoF over %g s (Hz/s)         %14.6g %14s   limit %g\n",
           g->grid.rocof_window_s, nob.s.rocof_max_hz_s,
           dcli_g(wb.rc ? NAN : wb.s.rocof_max_hz_s, b1, sizeof b1), g->grid.rocof_limit_hz_s);
    printf("  peak frequency (Hz)                     %14.6g %14s   trip at %g, continuous %g\n",
           nob.s.f_peak_hz, dcli_g(wb.rc ? NAN : wb.s.f_peak_hz, b1, sizeof b1),
           g->grid.f_trip_hi_hz, g->grid.f_cont_hi_hz);
    printf("  protection acts                         %14s %14s\n",
           nob.s.trip_over_f || nob.s.trip_rocof ? "yes" : "no",
           wb.rc ? "-" : (wb.s.trip_over_f || wb.s.trip_rocof ? "yes" : "no"));
    printf("largest safe load loss: %.6g MW without battery (%s limits)%s%s%s\n", safe,
           limw[lim >= 0 && lim <= 2 ? lim : 0], have_lb ? ", " : "",
           have_lb ? dcli_g(safe_b, b3, sizeof b3) : "", have_lb ? " MW with it" : "");
    if (need_rc)
        printf("battery power that keeps this loss safe: none suffices (the delay of %g s lets the "
               "initial RoCoF through)\n", g->loss_batt.delay_s);
    else
        printf("battery power that keeps this loss safe: %.6g MW\n", need);
    if (g->n_dips) {
        if (t_disc >= 0)
            printf("LVRT: %zu dips, %d transfers to UPS, site locked out at t = %g s\n",
                   g->n_dips, n_tr, t_disc);
        else
            printf("LVRT: %zu dips, %d transfers to UPS, site stays connected\n", g->n_dips,
                   n_tr);
    }
    if (out)
        printf("series written to %s\n", out);
done:
    free(it);
    free(site);
    free(grid);
    free(batt);
    free(soc);
    free(g);
    dcli_free(sc);
    return st;
}
