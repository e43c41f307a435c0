/* odcsim: the command-line front end. It only parses arguments, calls libodc
 * and prints; all models live in the library. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* No subcommand takes an option twice; a second value would otherwise
 * silently replace the first (--step 60 ... --step 1). "--out=DIR" counts as
 * "--out". Option values that look like options are rare enough to accept
 * the false alarm. Returns 0 or the usage status 2. */
/* Options that are lists by design: each occurrence adds one item. */
static int repeatable(const char *opt, size_t len)
{
    static const char *const list[] = {"--param"};
    for (size_t k = 0; k < sizeof list / sizeof list[0]; k++)
        if (strlen(list[k]) == len && !strncmp(opt, list[k], len))
            return 1;
    return 0;
}

int cli_check_duplicates(const char *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) || !argv[i][2])
            continue;
        if (repeatable(argv[i], strcspn(argv[i], "=")))
            continue;
        size_t li = strcspn(argv[i], "=");
        for (int j = 1; j < i; j++)
            if (strcspn(argv[j], "=") == li && !strncmp(argv[i], argv[j], li))
                return cli_usage(cmd, "option %.*s given twice (each option once)",
                                 (int)li, argv[i]);
    }
    return 0;
}

int cli_input_file(const char *cmd, const char *opt, const char *path)
{
    struct stat st;
    if (!*path)
        return cli_usage(cmd, "%s: expected a file name, got an empty string", opt);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return cli_usage(cmd, "%s '%s': expected a file, got a directory", opt, path);
    return 0;
}

int cmd_version(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: odcsim version\nPrints the version of odcsim.\n");
        return 0;
    }
    if (argc > 1)
        return cli_usage("version", "takes no arguments, got '%s'", argv[1]);
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
        if (!strcmp(argv[1], commands[i].name)) {
            int st = cli_check_duplicates(argv[1], argc - 1, argv + 1);
            if (!st)
                st = commands[i].fn(argc - 1, argv + 1);
            /* A full disk or closed pipe must not look like success: rows
             * lost at the last flush would otherwise pass silently. */
            errno = 0;
            if ((fflush(stdout) != 0 || ferror(stdout)) && st == 0) {
                fprintf(stderr, "odcsim %s: cannot write standard output: %s\n", argv[1],
                        errno ? strerror(errno) : "write error");
                st = 1;
            }
            return st;
        }
    fprintf(stderr, "odcsim: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
