/* Helpers of the decision commands: scenario loading with all problems
 * printed, data folder, number formatting. */
#include "decide_cli.h"
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const char *dcli_data_dir(void)
{
    const char *d = getenv("ODCSIM_DATA");
    return d && *d ? d : "data";
}

int dcli_load(const char *file, odc_scenario **scp)
{
    odc_scenario *sc = calloc(1, sizeof *sc);
    odc_diag d;
    odc_diag_init(&d);
    if (!sc) {
        fprintf(stderr, "odcsim: out of memory\n");
        return 1;
    }
    int rc = odc_scenario_load(file, sc, &d);
    for (size_t i = 0; i < d.n; i++) {
        char buf[1200];
        fprintf(stderr, "%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
    }
    if (d.n > 1)
        fprintf(stderr, "%s: %zu problems\n", file, d.n);
    odc_diag_free(&d);
    if (rc) {
        odc_scenario_free(sc);
        free(sc);
        return rc == ODC_EINPUT ? 2 : 1;
    }
    *scp = sc;
    return 0;
}

int dcli_model(const char *file, odc_scenario **sc, odc_decide_model *m)
{
    int st = dcli_load(file, sc);
    if (st)
        return st;
    odc_err err = {0};
    if (odc_decide_model_init(*sc, dcli_data_dir(), m, &err)) {
        st = cli_report(&err);
        dcli_free(*sc);
        *sc = NULL;
        return st;
    }
    return 0;
}

void dcli_free(odc_scenario *sc)
{
    if (sc) {
        odc_scenario_free(sc);
        free(sc);
    }
}

const char *dcli_g(double x, char *buf, size_t n)
{
    if (isnan(x))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.6g", x);
    return buf;
}
