/* odcsim montecarlo FILE [--samples N] [--seed S] [--json] [--out CSV]:
 * draw the scenario's uncertain parameters (uncertainty section), report
 * percentiles of USD per GPU-hour in orbit and on the ground, the
 * probability orbit is cheaper, and a tornado ranking. docs/decisions.md. */
#include "cli.h"
#include "decide_cli.h"
#include "odc/afile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SAMPLES 10000000UL

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim montecarlo FILE [--samples N] [--seed S] [--json] [--out CSV]\n\n"
            "Draw every parameter of the scenario's uncertainty section (normal,\n"
            "lognormal, uniform, triangular; docs/decisions.md) N times (default 10000)\n"
            "from a Mersenne Twister seeded with S (default 1: same seed, same output),\n"
            "and report P5/P50/P95 and mean of USD per GPU-hour in orbit and on the\n"
            "ground, the probability orbit is cheaper, and a tornado table: each\n"
            "parameter at its P10 and P90 with the others at their medians, ranked by the\n"
            "swing of (orbit - ground) USD per GPU-hour.\n"
            "  --out CSV  also write every sample (sample,orbit,ground) to CSV\n"
            "  --json     one JSON object on stdout\n");
}

static const char *dist_name(odc_dist_type t)
{
    static const char *const w[] = {"normal", "lognormal", "uniform", "triangular"};
    return w[t];
}

int cmd_montecarlo(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    int json = 0;
    unsigned long n = 10000, seed = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--samples") || !strcmp(argv[i], "--seed") ||
                 !strcmp(argv[i], "--out")) {
            if (i + 1 >= argc)
                return cli_usage("montecarlo", "%s needs a value", argv[i]);
            if (!strcmp(argv[i], "--out")) {
                out = argv[++i];
                continue;
            }
            char *e;
            errno = 0;
            const char *v = argv[i + 1];
            unsigned long x = strtoul(v, &e, 10);
            if (!*v || *e || errno || v[0] == '-' ||
                (!strcmp(argv[i], "--samples") && (x < 1 || x > MAX_SAMPLES)))
                return cli_usage("montecarlo", "%s expects %s, got '%s'", argv[i],
                                 !strcmp(argv[i], "--seed") ? "a non-negative integer"
                                                            : "an integer 1..10000000",
                                 v);
            if (!strcmp(argv[i], "--samples"))
                n = x;
            else
                seed = x;
            i++;
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("montecarlo", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("montecarlo", "expected one scenario file, got a second '%s'",
                             argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("montecarlo", "expected a scenario file");
    odc_scenario *sc = NULL;
    odc_decide_model m;
    int st = dcli_model(file, &sc, &m);
    if (st)
        return st;
    const odc_scenario_decide *D = &sc->decide;
    if (!D->n_dists) {
        dcli_free(sc);
        return cli_usage("montecarlo", "no uncertainty section in %s", file);
    }
    odc_dist d[ODC_SCN_DISTS_MAX];
    for (size_t j = 0; j < D->n_dists; j++) {
        d[j].param = odc_param_find(D->dists[j].path);
        d[j].type = (odc_dist_type)D->dists[j].type;
        d[j].a = D->dists[j].a;
        d[j].b = D->dists[j].b;
        d[j].c = D->dists[j].c;
    }
    odc_err err = {0};
    odc_mc_summary s;
    odc_tornado_row rows[ODC_SCN_DISTS_MAX];
    double bo, bg;
    double *o = out ? malloc(n * sizeof *o) : NULL, *g = out ? malloc(n * sizeof *g) : NULL;
    if (out && (!o || !g)) {
        fprintf(stderr, "odcsim: out of memory\n");
        st = 1;
        goto done;
    }
    if (odc_montecarlo(&m, d, D->n_dists, n, seed, o, g, &s, &err) ||
        odc_tornado(&m, d, D->n_dists, rows, &bo, &bg, &err)) {
        st = cli_report(&err);
        goto done;
    }
    if (out) {
        odc_afile af;
        if (odc_afile_open(&af, out, &err)) {
            st = cli_report(&err);
            goto done;
        }
        FILE *f = af.fp;
        fprintf(f, "sample,orbit_usd_per_gpu_h,ground_usd_per_gpu_h\n");
        for (size_t i = 0; i < n; i++)
            fprintf(f, "%zu,%.10g,%.10g\n", i, o[i], g[i]);
        if (odc_afile_commit(&af, &err)) {
            st = cli_report(&err);
            goto done;
        }
    }
    if (json) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "scenario", file);
        cJSON_AddNumberToObject(j, "samples", (double)n);
        cJSON_AddNumberToObject(j, "seed", (double)seed);
        cJSON_AddNumberToObject(j, "redrawn", (double)s.n_redrawn);
        const char *side[2] = {"orbit", "ground"};
        double v[2][4] = {{s.orbit_p5, s.orbit_p50, s.orbit_p95, s.orbit_mean},
                          {s.ground_p5, s.ground_p50, s.ground_p95, s.ground_mean}};
        for (int k = 0; k < 2; k++) {
            cJSON *x = cJSON_CreateObject();
            cJSON_AddNumberToObject(x, "p5", v[k][0]);
            cJSON_AddNumberToObject(x, "p50", v[k][1]);
            cJSON_AddNumberToObject(x, "p95", v[k][2]);
            cJSON_AddNumberToObject(x, "mean", v[k][3]);
            cJSON_AddItemToObject(j, side[k], x);
        }
        cJSON_AddNumberToObject(j, "p_orbit_cheaper", s.p_orbit_cheaper);
        cJSON *t = cJSON_CreateObject();
        cJSON_AddNumberToObject(t, "base_orbit_usd_per_gpu_h", bo);
        cJSON_AddNumberToObject(t, "base_ground_usd_per_gpu_h", bg);
        cJSON *ra = cJSON_CreateArray();
        for (size_t k = 0; k < D->n_dists; k++) {
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "param", rows[k].param->path);
            cJSON_AddNumberToObject(x, "p10", rows[k].lo_value);
            cJSON_AddNumberToObject(x, "p90", rows[k].hi_value);
            cJSON_AddNumberToObject(x, "orbit_at_p10", rows[k].orbit_lo);
            cJSON_AddNumberToObject(x, "orbit_at_p90", rows[k].orbit_hi);
            cJSON_AddNumberToObject(x, "ground_at_p10", rows[k].ground_lo);
            cJSON_AddNumberToObject(x, "ground_at_p90", rows[k].ground_hi);
            cJSON_AddNumberToObject(x, "swing", rows[k].swing);
            cJSON_AddItemToArray(ra, x);
        }
        cJSON_AddItemToObject(t, "rows", ra);
        cJSON_AddItemToObject(j, "tornado", t);
        char *p = cJSON_Print(j);
        if (p)
            printf("%s\n", p);
        free(p);
        cJSON_Delete(j);
        goto done;
    }
    printf("odcsim montecarlo %s: %lu samples, seed %lu", file, n, seed);
    if (s.n_redrawn)
        printf(" (%zu draws outside a parameter's range redrawn)", s.n_redrawn);
    printf("\nuncertain parameters:\n");
    for (size_t j = 0; j < D->n_dists; j++) {
        static const char *const pn[4][3] = {{"mean", "sd", ""}, {"median", "sigma", ""},
                                             {"min", "max", ""}, {"min", "mode", "max"}};
        printf("  %-50s %-10s %s %g, %s %g", d[j].param->path, dist_name(d[j].type),
               pn[d[j].type][0], d[j].a, pn[d[j].type][1], d[j].b);
        if (d[j].type == ODC_DIST_TRIANGULAR)
            printf(", %s %g", pn[d[j].type][2], d[j].c);
        printf("\n");
    }
    printf("\nUSD per GPU-hour        P5          P50         P95         mean\n");
    printf("orbit          %11.6g %11.6g %11.6g %11.6g\n", s.orbit_p5, s.orbit_p50,
           s.orbit_p95, s.orbit_mean);
    printf("ground         %11.6g %11.6g %11.6g %11.6g\n", s.ground_p5, s.ground_p50,
           s.ground_p95, s.ground_mean);
    printf("P(orbit cheaper than ground) = %.4f\n", s.p_orbit_cheaper);
    printf("\ntornado (others at median: orbit %.6g, ground %.6g USD per GPU-hour)\n", bo, bg);
    printf("%-50s %11s %11s %11s %11s %11s %11s %11s\n", "parameter", "P10", "P90",
           "orbit@P10", "orbit@P90", "ground@P10", "ground@P90", "swing");
    for (size_t k = 0; k < D->n_dists; k++)
        printf("%-50s %11.5g %11.5g %11.5g %11.5g %11.5g %11.5g %11.5g\n", rows[k].param->path,
               rows[k].lo_value, rows[k].hi_value, rows[k].orbit_lo, rows[k].orbit_hi,
               rows[k].ground_lo, rows[k].ground_hi, rows[k].swing);
done:
    free(o);
    free(g);
    dcli_free(sc);
    return st;
}
