/* odcsim run FILE [--out DIR]: load a scenario, propagate every satellite
 * over its span and write the results folder (docs/scenario.md). */
#include "cli.h"
#include "odc/scenario.h"
#include "odc/sgp4.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim run FILE [--out DIR]\n\n"
            "Run a scenario (docs/scenario.md): build its constellations, step\n"
            "through the time span and write DIR (default: output.dir of the\n"
            "scenario, else results/<name>) with ephemeris.csv, satellites.csv,\n"
            "scenario.yaml and summary.txt, each written atomically.\n"
            "  --out DIR   results folder (overrides output.dir)\n"
            "Exit status: 0 done (satellites that failed to propagate are listed\n"
            "on stderr and in summary.txt), 2 bad scenario or usage, 1 could not\n"
            "write the results or interrupted.\n");
}

static void progress(void *ctx, size_t step, size_t nsteps)
{
    (void)ctx;
    /* About 100 updates over the run, on the terminal only. */
    if (step == nsteps || step % (nsteps / 100 + 1) == 0)
        fprintf(stderr, "\rodcsim run: step %zu/%zu (%3.0f%%)%s", step, nsteps,
                100.0 * (double)step / (double)nsteps, step == nsteps ? "\n" : "");
}

int cmd_run(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--out")) {
            if (i + 1 >= argc)
                return cli_usage("run", "--out needs a folder");
            out = argv[++i];
        } else if (!strncmp(argv[i], "--out=", 6))
            out = argv[i] + 6;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("run", "unknown option '%s'", argv[i]);
        else if (file)
            return cli_usage("run", "expected one scenario file, got '%s' and '%s'", file,
                             argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return cli_usage("run", "expected a scenario file");
    if (out && !*out)
        return cli_usage("run", "--out needs a folder");

    odc_scenario sc;
    odc_diag d;
    odc_diag_init(&d);
    int rc = odc_scenario_load(file, &sc, &d);
    odc_elset_list *sets = calloc(sc.n_cons ? sc.n_cons : 1, sizeof *sets);
    if (!sets) {
        fprintf(stderr, "odcsim run: out of memory\n");
        odc_scenario_free(&sc);
        odc_diag_free(&d);
        return 1;
    }
    if (rc == ODC_OK)
        odc_scenario_load_elsets(&sc, sets, &d);
    if (d.n) {
        for (size_t i = 0; i < d.n; i++) {
            char buf[1200];
            fprintf(stderr, "%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
        }
        fprintf(stderr, "odcsim run: %s has %zu problem%s (see 'odcsim validate')\n", file,
                d.n, d.n == 1 ? "" : "s");
        int status = rc == ODC_EIO ? 2 : 2;
        odc_scenario_free_elsets(&sc, sets);
        free(sets);
        odc_scenario_free(&sc);
        odc_diag_free(&d);
        return status;
    }
    odc_diag_free(&d);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    odc_run_opts opt = {out, isatty(STDERR_FILENO) ? progress : NULL, NULL, &interrupted};
    odc_run_result res;
    odc_err err;
    odc_err_clear(&err);
    rc = odc_scenario_run(&sc, sets, &opt, &res, &err);
    int status = 0;
    for (size_t i = 0; i < res.n_fail; i++) {
        const odc_run_failure *f = &res.fail[i];
        fprintf(stderr, "odcsim run: constellation '%s' sat %zu (norad %ld) failed at t = %.1f s: "
                        "%s; dropped from later steps\n",
                sc.cons[f->cons].name, f->sat, f->norad, f->t_s, f->msg);
    }
    if (rc != ODC_OK) {
        if (opt.progress)
            fprintf(stderr, "\n");
        status = cli_report(&err);
    } else
        printf("odcsim run: %zu satellite%s in %zu constellation%s, %zu step%s, %zu failed; "
               "results in %s/ (summary.txt)\n",
               res.n_sat, res.n_sat == 1 ? "" : "s", sc.n_cons, sc.n_cons == 1 ? "" : "s",
               res.n_steps, res.n_steps == 1 ? "" : "s", res.n_fail, res.out_dir);
    odc_run_result_free(&res);
    odc_scenario_free_elsets(&sc, sets);
    free(sets);
    odc_scenario_free(&sc);
    return status;
}
