/* Argument parsing shared by the odcsim subcommands: one wording for a bad
 * number on the command line. */
#ifndef ODCSIM_ARGS_H
#define ODCSIM_ARGS_H

/* Parse option `opt`'s value `s` as a finite number filling the whole
 * argument. Returns 0 and sets *out, or prints
 * "odcsim <cmd>: <opt> '<s>': expected a finite number" (cli_usage) and
 * returns its exit status 2 (*out untouched). */
int cli_arg_double(const char *cmd, const char *opt, const char *s, double *out);

#endif
