/* Where odcsim finds its data files (chip catalog, defaults, tables): one
 * rule for every command, so a user can run odcsim from any folder. */
#include "cli.h"

#include <stdlib.h>
#include <unistd.h>

static int has_catalog(const char *dir)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/chips.json", dir);
    return access(p, R_OK) == 0;
}

const char *cli_data_dir(const char *opt)
{
    /* 1. --data-dir, 2. $ODCSIM_DATA: the user's explicit choice, used even
     * if incomplete (the loader then names the missing file). */
    if (opt && *opt)
        return opt;
    const char *e = getenv("ODCSIM_DATA");
    if (e && *e)
        return e;
    /* 3. ./data of a source checkout, 4. the installed share/odcsim,
     * 5. the source tree this binary was built from. */
    if (has_catalog("data"))
        return "data";
    if (has_catalog(ODC_INSTALL_DATADIR))
        return ODC_INSTALL_DATADIR;
    return ODC_SOURCE_DATADIR;
}
