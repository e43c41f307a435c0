/* odcsim eclipses: umbra and penumbra entry/exit times of every satellite
 * (Brent root finding on the shadow boundary, odc/eclipse.h), or with
 * --stats one summary line per satellite. Options, satellite loading and
 * the stats table are shared with cmd_illumination.c (sunsh.h). */
#include "cli.h"
#include "sunsh.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/afile.h"
#include "odc/eclipse.h"
#include "odc/sgp4.h"
#include "odc/shadow.h"
#include "odc/sun.h"
#include "odc/timescale.h"
#include "odc/tle.h"


static void eclipses_help(FILE *f)
{
    fprintf(f,
"usage: odcsim eclipses --tle FILE --utc START_ISO --duration S\n"
"                       [--step-s S] [--shadow conical|cylindrical] [--stats]\n"
"       odcsim eclipses --scenario FILE [--utc ..] [--duration ..] [options]\n"
"\n"
"Eclipses of every satellite (TLE/OMM with SGP4, or a scenario's\n"
"constellations with their propagators) between START and\n"
"START+duration, as CSV sorted by satellite, then entry time:\n"
"  norad,entry_utc,exit_utc,duration_s,kind\n"
"kind penumbra: the whole shadow passage (illumination < 1, from penumbra\n"
"entry to penumbra exit; it contains the umbra); kind umbra: the total part\n"
"(illumination = 0). The cylindrical model has only umbra rows. Times are\n"
"found by Brent root finding to 1e-4 s on the shadow-boundary functions,\n"
"bracketed by sampling every --step-s seconds (default 60; passes shorter\n"
"than a step are caught by an extremum search).\n"
"An eclipse already under way at START is reported with entry_utc = START,\n"
"one still under way at the end with exit_utc = START+duration (durations\n"
"clipped to the window; see docs/sun-shadow.md).\n"
"\n"
"  --tle FILE               element sets: TLE (2-/3-line) or CCSDS OMM\n"
"  --scenario FILE          a scenario; --utc, --duration and --step-s default\n"
"                           to its time block; designed satellites without\n"
"                           first_norad are numbered by their 1-based\n"
"                           position in the scenario\n"
"  --utc START_ISO          start (UTC), e.g. 2024-03-20T00:00:00Z\n"
"  --duration S             span (seconds)\n"
"  --step-s S               bracketing step (seconds, default 60; with\n"
"                           --scenario the scenario's step)\n"
"  --shadow M               conical (default) or cylindrical\n"
"  --earth-inflation-km X   add X km to the Earth's radius (default 0)\n"
"  --stats                  one line per satellite instead:\n"
"      norad,start_utc,end_utc,sunlit_fraction,eclipses,umbra_eclipses,\n"
"      longest_eclipse_s,longest_umbra_s,umbra_s,penumbra_s,seasons\n"
"    sunlit_fraction is the time average of the illumination; eclipses\n"
"    counts shadow passages; longest_* count complete ones only; seasons\n"
"    are START/END ranges (';'-separated) of eclipses with gaps <= 2 days\n"
"  --out FILE               write atomically to FILE instead of stdout\n"
"  --no-checksum            accept TLE lines with wrong checksums\n"
"\n"
"A satellite that SGP4 cannot propagate stops with one line on stderr; the\n"
"others go on (exit 0). Usage or input errors exit 2.\n");
}

typedef struct evbuf {
    odc_eclipse *e;
    size_t n, cap;
} evbuf;

static int push(void *ctx, const odc_eclipse *e)
{
    evbuf *b = ctx;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        odc_eclipse *p = realloc(b->e, cap * sizeof *p);
        if (!p)
            return 1;
        b->e = p;
        b->cap = cap;
    }
    b->e[b->n++] = *e;
    return 0;
}

static int by_entry(const void *x, const void *y)
{
    const odc_eclipse *a = x, *b = y;
    if (a->entry_s != b->entry_s)
        return a->entry_s < b->entry_s ? -1 : 1;
    return a->kind - b->kind;   /* penumbra (0) before umbra (1) */
}

int cmd_eclipses(int argc, char **argv)
{
    const char *cmd = "eclipses";
    sunsh_run r;
    int st = sunsh_begin(cmd, argc, argv, 0, eclipses_help,
                         "norad,entry_utc,exit_utc,duration_s,kind\n", &r);
    if (st >= 0)
        return st;
    const sunsh_args *a = &r.a;
    evbuf buf = {NULL, 0, 0};
    for (size_t i = 0; i < r.s.n && r.status == 0 && !a->stats; i++) {
        sunsh_pos p = {&r.s, i, 0, 0.0};
        int rc;
        buf.n = 0;
        rc = odc_eclipse_find(sunsh_pos_fn, &p, odc_sun_table_fn, &r.tab, &r.eo,
                              0.0, a->duration_s, push, &buf, &r.err);
        /* Rows found before an SGP4 failure are still valid. */
        if (buf.n) /* buf.e is NULL before the first event */
            qsort(buf.e, buf.n, sizeof *buf.e, by_entry);
        for (size_t k = 0; k < buf.n; k++) {
            const odc_eclipse *e = &buf.e[k];
            char t0[48], t1[48];
            if (sunsh_iso(a, e->entry_s, 3, t0, sizeof t0) != 0 ||
                sunsh_iso(a, e->exit_s, 3, t1, sizeof t1) != 0) {
                odc_err_set(&r.err, ODC_EINPUT, NULL, 0, 0, "--utc",
                            "time cannot be written as a UTC date");
                r.status = cli_report(&r.err);
                break;
            }
            fprintf(r.fp, "%ld,%s,%s,%.3f,%s\n", r.s.norad[i], t0, t1,
                    e->exit_s - e->entry_s,
                    e->kind == ODC_ECL_UMBRA ? "umbra" : "penumbra");
        }
        if (rc != ODC_OK && r.status == 0) {
            if (p.code)
                sunsh_sat_failed(cmd, &r.s, i, a, &p);
            else
                r.status = cli_report(&r.err);
        }
    }
    free(buf.e);
    return sunsh_end(&r);
}
