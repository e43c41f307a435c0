/* Shared argument parsers for the subcommands (see args.h). */
#include "args.h"
#include "cli.h"

#include "odc/datafile.h"

int cli_arg_double(const char *cmd, const char *opt, const char *s, double *out)
{
    double x;
    if (odc_parse_double_strict(s, &x) != 0)
        return cli_usage(cmd, "%s '%s': expected a finite number", opt, s);
    *out = x;
    return 0;
}
