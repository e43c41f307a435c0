/* odcsim: the command-line front end. It only parses arguments, calls libodc
 * and prints; all models live in the library. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    odc_cmd_fn  fn;
    const char *help;
} commands[] = {
    {"version", cmd_version, "print the version"},
    {"validate", cmd_validate, "check scenario files, report every problem"},
    {"run", cmd_run, "run a scenario, write its results folder"},
    {"propagate", cmd_propagate, "SGP4/SDP4 states (TEME CSV) from TLE/OMM element sets"},
    {"generate", cmd_generate, "design a Walker/SSO/cluster constellation, export TLE/OMM"},
    {"convert", cmd_convert, "convert element sets between TLE and OMM (CSV, JSON, XML)"},
    {"convert-frame", cmd_convert_frame, "convert a state between TEME, ITRF, GCRS, geodetic"},
    {"illumination", cmd_illumination, "sunlit fraction and beta angle per satellite (CSV)"},
    {"eclipses", cmd_eclipses, "umbra/penumbra entry and exit times, --stats yearly summary"},
    {"size", cmd_size, "size one compute satellite: power, thermal, mass, dose, drag"},
    {"chips", cmd_chips, "list the compute chip catalog (data/chips.json)"},
    {"compare", cmd_compare, "orbit vs ground for the same chips: costs, breakeven launch price"},
    {"sweep", cmd_sweep, "vary scenario parameters over a range or grid (CSV table)"},
    {"montecarlo", cmd_montecarlo, "uncertain inputs: cost percentiles, P(orbit cheaper), tornado"},
    {"grid", cmd_grid, "training-cluster power swings, battery smoothing, load-loss cascade"},
};

int cli_report(const odc_err *err)
{
    char buf[1024];
    fprintf(stderr, "odcsim: %s\n", odc_err_format(err, buf, sizeof buf));
    return err->code == ODC_EINPUT ? 2 : 1;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "odcsim %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(run 'odcsim help' for usage)\n");
    return 2;
}

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("odcsim 0.1.0\n");
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: odcsim <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n'odcsim <command> --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "odcsim: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
