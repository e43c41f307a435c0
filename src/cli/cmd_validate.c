/* odcsim validate FILE...: check scenario files and report every problem,
 * one per line as FILE:LINE:COL: field 'path': expected ..., got ... */
#include "cli.h"
#include "odc/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    fprintf(f,
            "usage: odcsim validate FILE...\n\n"
            "Check scenario files (docs/scenario.md) and report every problem as\n"
            "  FILE:LINE:COL: field 'path.to.key': what was expected, got what\n"
            "Element-set files named by tle/omm constellations are read too.\n"
            "Exit status: 0 all valid, 2 any problem.\n");
}

/* Check one file; prints its problems to stderr. Returns 0 or 2. */
static int validate_one(const char *path)
{
    odc_scenario sc;
    odc_diag d;
    odc_diag_init(&d);
    int rc = odc_scenario_load(path, &sc, &d);
    if (rc == ODC_OK || rc == ODC_EINPUT) {
        odc_elset_list *sets = calloc(sc.n_cons ? sc.n_cons : 1, sizeof *sets);
        if (!sets)
            odc_diag_add(&d, path, 0, 0, NULL, "out of memory");
        else {
            odc_scenario_load_elsets(&sc, sets, &d);
            odc_scenario_free_elsets(&sc, sets);
            odc_scenario_check_designed(&sc, &d);
            free(sets);
        }
    }
    for (size_t i = 0; i < d.n; i++) {
        char buf[1200];
        fprintf(stderr, "%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
    }
    int status = d.n ? 2 : 0;
    if (!d.n)
        printf("%s: OK (%zu satellite%s in %zu constellation%s)\n", path,
               odc_scenario_n_sat(&sc), odc_scenario_n_sat(&sc) == 1 ? "" : "s", sc.n_cons,
               sc.n_cons == 1 ? "" : "s");
    else
        fprintf(stderr, "%s: %zu problem%s\n", path, d.n, d.n == 1 ? "" : "s");
    odc_diag_free(&d);
    odc_scenario_free(&sc);
    return status;
}

int cmd_validate(int argc, char **argv)
{
    int nfiles = 0, status = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("validate", "unknown option '%s'", argv[i]);
    }
    for (int i = 1; i < argc; i++) {
        nfiles++;
        if (validate_one(argv[i]))
            status = 2;
    }
    if (!nfiles)
        return cli_usage("validate", "expected a scenario file");
    return status;
}
