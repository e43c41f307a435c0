/* odcsim subcommands. Each lives in its own cmd_<name>.c and returns the
 * process exit status: 0 success, 1 a model/runtime failure, 2 usage or
 * input error (with a message on stderr naming file, line, column, field). */
#ifndef ODCSIM_CLI_H
#define ODCSIM_CLI_H

#include <stdio.h>

#include "odc/error.h"

typedef int (*odc_cmd_fn)(int argc, char **argv);

/* Print "odcsim: <formatted error>" to stderr; returns the exit status the
 * error maps to (2 for input, 1 otherwise). */
int cli_report(const odc_err *err);
/* Print a usage error to stderr and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Folder of odcsim's data files: opt (--data-dir) if given, else
 * $ODCSIM_DATA, else ./data when it holds the catalog, else the installed
 * share/odcsim, else the source tree's data/ (a build-tree binary). */
const char *cli_data_dir(const char *opt);
/* Usage error (returns 2) when an option "--x" appears twice in argv[1..],
 * except list options such as sweep's --param. */
int cli_check_duplicates(const char *cmd, int argc, char **argv);

/* Usage error (returns 2) when an input file named by option opt is an
 * empty string or a directory; 0 otherwise (the reader reports the rest). */
int cli_input_file(const char *cmd, const char *opt, const char *path);

/* Subcommands (add one line here and one row in odcsim.c's table). */
int cmd_version(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_propagate(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_convert_frame(int argc, char **argv);
int cmd_illumination(int argc, char **argv);
int cmd_eclipses(int argc, char **argv);
int cmd_size(int argc, char **argv);
int cmd_chips(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_montecarlo(int argc, char **argv);
int cmd_grid(int argc, char **argv);

#endif
