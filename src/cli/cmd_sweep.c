/* odcsim sweep FILE [--param PATH=START:STOP:N | PATH=v1,v2,...]... [--json]:
 * evaluate orbit and ground over a grid of parameter values (the scenario's
 * sweep section, or --param axes which replace it) and print one CSV row
 * (or JSON object) per point. docs/decisions.md. */
#include "cli.h"
#include "decide_cli.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POINTS 100000

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim sweep FILE [--param PATH=START:STOP:N | --param PATH=v1,v2,...]...\n"
            "                   [--json]\n\n"
            "Vary scenario parameters (dotted paths, e.g.\n"
            "economics.launch.price_per_kg_usd, terrestrial.pue; docs/decisions.md lists\n"
            "them) and print a CSV table: one row per point of the grid of all axes (first\n"
            "axis slowest), with orbit and ground USD per GPU-hour, their ratio, USD per\n"
            "PFLOP-year and per million tokens, capex, the breakeven launch price and\n"
            "the launch-energy parity price.\n"
            "START:STOP:N gives N >= 2 evenly spaced values, ends included. --param axes\n"
            "replace the scenario's sweep section. At most %d points.\n"
            "Grid parameters (grid.*) sweep the grid study instead (odcsim grid): site\n"
            "load range and ramp, grid ramp with the plant, the plant a ramp limit needs,\n"
            "RoCoF and peak frequency of the full-site loss, largest safe loss, sink power\n"
            "needed, LVRT lock-out time. Axes of both kinds cannot be mixed.\n"
            "  --json   a JSON array of points instead of CSV\n",
            MAX_POINTS);
}

static const char *const COLS[] = {
    "orbit_usd_per_gpu_h", "ground_usd_per_gpu_h", "orbit_to_ground",
    "orbit_usd_per_pflop_yr", "ground_usd_per_pflop_yr", "orbit_usd_per_mtok",
    "ground_usd_per_mtok", "orbit_capex_usd", "ground_capex_usd", "breakeven_usd_per_kg",
    "launch_energy_parity_usd_per_kg"};
#define NCOLS (sizeof COLS / sizeof COLS[0])

static const char *const GCOLS[] = {
    "site_min_mw", "site_max_mw", "load_ramp_max_mw_s", "grid_ramp_max_mw_s",
    "batt_p_max_used_mw", "size_for_ramp_p_mw", "size_for_ramp_e_mwh",
    "ride_through_throttled_s", "rocof_init_hz_s", "rocof_max_hz_s", "f_peak_hz",
    "f_peak_with_sink_hz", "safe_loss_mw", "safe_loss_with_sink_mw", "sink_needed_mw",
    "disconnect_s"};
#define NGCOLS (sizeof GCOLS / sizeof GCOLS[0])

/* Grid axes: the grid study (odc_grid_study_run) at every point. */
static int sweep_grid(const char *file, const odc_scenario *sc, const odc_sweep_axis *ax,
                      size_t nax, size_t np, int json)
{
    (void)file;
    odc_err err = {0};
    odc_grid_model *g0 = malloc(sizeof *g0), *g = malloc(sizeof *g);
    int st = 0;
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (!g0 || !g) {
        fprintf(stderr, "odcsim: out of memory\n");
        st = 1;
        goto done;
    }
    if (odc_grid_model_init(sc, dcli_data_dir(), g0, &err)) {
        st = cli_report(&err);
        goto done;
    }
    if (!json) {
        for (size_t j = 0; j < nax; j++)
            printf("%s,", ax[j].param->path);
        for (size_t c = 0; c < NGCOLS; c++)
            printf("%s%s", GCOLS[c], c + 1 < NGCOLS ? "," : "\n");
    }
    for (size_t k = 0; k < np; k++) {
        double vals[ODC_SWEEP_AXES_MAX];
        odc_grid_study S;
        *g = *g0;
        odc_sweep_point(ax, nax, k, vals);
        for (size_t j = 0; j < nax && !st; j++)
            if (odc_grid_param_set(ax[j].param, g, vals[j], &err))
                st = cli_report(&err);
        if (st)
            goto done;
        if (odc_grid_study_run(g, NULL, &S, &err)) {
            st = cli_report(&err);
            goto done;
        }
        double out[NGCOLS] = {S.site_min_mw, S.site_max_mw, S.load_ramp_max_mw_s,
                              S.have_batt ? S.smooth.grid_ramp_max_mw_s : NAN,
                              S.have_batt ? S.smooth.batt_p_max_mw : NAN, S.size_p_mw,
                              S.size_e_mwh, S.ride_throttled_s, S.freq.rocof_init_hz_s,
                              S.freq.rocof_max_hz_s, S.freq.f_peak_hz,
                              S.have_sink ? S.freq_sink.f_peak_hz : NAN, S.safe_loss_mw,
                              S.safe_loss_sink_mw, S.sink_needed_mw, S.t_disconnect_s};
        if (json) {
            cJSON *p = cJSON_CreateObject();
            for (size_t j = 0; j < nax; j++)
                cJSON_AddNumberToObject(p, ax[j].param->path, vals[j]);
            for (size_t c = 0; c < NGCOLS; c++)
                cJSON_AddNumberToObject(p, GCOLS[c], out[c]);
            cJSON_AddItemToArray(arr, p);
        } else {
            for (size_t j = 0; j < nax; j++)
                printf("%.10g,", vals[j]);
            for (size_t c = 0; c < NGCOLS; c++) {
                if (!isnan(out[c]))
                    printf("%.10g", out[c]);
                printf("%s", c + 1 < NGCOLS ? "," : "\n");
            }
        }
    }
    if (json) {
        char *s = cJSON_Print(arr);
        if (s)
            printf("%s\n", s);
        free(s);
    }
done:
    cJSON_Delete(arr);
    free(g0);
    free(g);
    return st;
}

int cmd_sweep(int argc, char **argv)
{
    const char *file = NULL;
    int json = 0;
    static odc_sweep_axis ax[ODC_SWEEP_AXES_MAX];
    size_t nax = 0;
    odc_err err = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--param")) {
            if (i + 1 >= argc)
                return cli_usage("sweep", "--param needs PATH=START:STOP:N or PATH=v1,v2,...");
            if (nax >= ODC_SWEEP_AXES_MAX)
                return cli_usage("sweep", "at most %d --param axes", ODC_SWEEP_AXES_MAX);
            if (odc_sweep_axis_parse(argv[++i], &ax[nax], &err))
                return cli_report(&err);
            nax++;
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("sweep", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("sweep", "expected one scenario file, got a second '%s'", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("sweep", "expected a scenario file");
    for (size_t j = 1; j < nax; j++)
        if (ax[j].param->model != ax[0].param->model)
            return cli_usage("sweep", "expected axes of one kind (all economics/terrestrial, or "
                                      "all grid), got '%s' with '%s'",
                             ax[j].param->path, ax[0].param->path);
    odc_scenario *sc = NULL;
    int st = dcli_load(file, &sc);
    if (st)
        return st;
    if (!nax) {
        const odc_scenario_decide *D = &sc->decide;
        for (size_t i = 0; i < D->n_axes; i++) {
            const odc_scn_axis *s = &D->axes[i];
            odc_sweep_axis *a = &ax[nax++];
            a->param = odc_param_find(s->path);
            if (s->is_range) {
                a->n = (size_t)s->n;
                for (size_t k = 0; k < a->n; k++)
                    a->v[k] = k + 1 == a->n ? s->stop
                                            : s->start + (s->stop - s->start) * (double)k /
                                                             (double)(a->n - 1);
            } else {
                a->n = s->nv;
                memcpy(a->v, s->v, s->nv * sizeof *s->v);
            }
        }
    }
    if (!nax) {
        dcli_free(sc);
        return cli_usage("sweep", "no axes: give --param or a sweep section in %s", file);
    }
    size_t np = odc_sweep_points(ax, nax);
    if (np > MAX_POINTS) {
        dcli_free(sc);
        return cli_usage("sweep", "expected at most %d points, got %zu", MAX_POINTS, np);
    }
    if (ax[0].param->model == ODC_PARAM_GRID) {
        st = sweep_grid(file, sc, ax, nax, np, json);
        dcli_free(sc);
        return st;
    }
    odc_decide_model m;
    if (odc_decide_model_init(sc, dcli_data_dir(), &m, &err)) {
        dcli_free(sc);
        return cli_report(&err);
    }
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (!json) {
        for (size_t j = 0; j < nax; j++)
            printf("%s,", ax[j].param->path);
        for (size_t c = 0; c < NCOLS; c++)
            printf("%s%s", COLS[c], c + 1 < NCOLS ? "," : "\n");
    }
    odc_decide_result *r = malloc(sizeof *r);
    if (!r) {
        fprintf(stderr, "odcsim: out of memory\n");
        dcli_free(sc);
        cJSON_Delete(arr);
        return 1;
    }
    for (size_t k = 0; k < np; k++) {
        double vals[ODC_SWEEP_AXES_MAX], be;
        int found;
        odc_decide_model mk = m;
        odc_sweep_point(ax, nax, k, vals);
        for (size_t j = 0; j < nax; j++)
            if (odc_param_set(ax[j].param, &mk, vals[j], &err))
                goto fail;
        if (odc_decide_eval(&mk, r, &err) || odc_decide_breakeven(&mk, &be, &found, &err))
            goto fail;
        odc_decide_outputs o;
        odc_decide_outputs_of(r, &o);
        double out[NCOLS] = {o.orbit_usd_per_chip_h, o.ground_usd_per_chip_h,
                             o.orbit_usd_per_chip_h / o.ground_usd_per_chip_h,
                             o.orbit_usd_per_pflop_yr, o.ground_usd_per_pflop_yr,
                             o.orbit_usd_per_mtok, o.ground_usd_per_mtok, o.orbit_capex_usd,
                             o.ground_capex_usd, be, r->launch_parity_usd_per_kg};
        if (json) {
            cJSON *p = cJSON_CreateObject();
            for (size_t j = 0; j < nax; j++)
                cJSON_AddNumberToObject(p, ax[j].param->path, vals[j]);
            for (size_t c = 0; c < NCOLS; c++)
                cJSON_AddNumberToObject(p, COLS[c], out[c]);
            cJSON_AddItemToArray(arr, p);
        } else {
            for (size_t j = 0; j < nax; j++)
                printf("%.10g,", vals[j]);
            for (size_t c = 0; c < NCOLS; c++) {
                if (isnan(out[c]))
                    printf("%s", c + 1 < NCOLS ? "," : "\n");
                else
                    printf("%.10g%s", out[c], c + 1 < NCOLS ? "," : "\n");
            }
        }
        continue;
    fail:
        free(r);
        cJSON_Delete(arr);
        dcli_free(sc);
        return cli_report(&err);
    }
    if (json) {
        char *s = cJSON_Print(arr);
        if (s)
            printf("%s\n", s);
        free(s);
        cJSON_Delete(arr);
    }
    free(r);
    dcli_free(sc);
    return 0;
}
