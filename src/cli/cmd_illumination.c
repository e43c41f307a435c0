/* odcsim illumination: the fraction of the solar disc each satellite sees and
 * its beta angle on a UTC grid, as CSV. This file also holds what
 * `odcsim eclipses` shares with it (options, loading satellites from a TLE/
 * OMM file, the position callback, the --stats table); cmd_eclipses.c
 * declares those sunsh_* functions itself, so no header outside this
 * module changes. Satellites are propagated with SGP4 (TEME), the Sun is
 * put in TEME (odc/sun.h), and the shadow is odc/shadow.h's. */
#include "cli.h"

#include <errno.h>
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

/* ---- shared with cmd_eclipses.c (declared again there) ---------------- */

typedef struct sunsh_args {
    const char *tle, *scenario, *utc_iso, *out;
    double duration_s, step_s;
    int have_duration, have_step;
    int stats, no_checksum;
    odc_shadow_opts shadow;
    double u1, u2;             /* start, UTC two-part JD */
} sunsh_args;

typedef struct sunsh_sats {
    size_t n;
    long *norad;
    odc_sgp4 *rec;
    double *tsince0_min;       /* minutes from each epoch to the start */
    odc_elset_list list;
} sunsh_sats;

/* Context of the position callback for satellite i. */
typedef struct sunsh_pos {
    const sunsh_sats *s;
    size_t i;
    int code;                  /* last SGP4 error, 0 if none */
    double t_fail_s;
} sunsh_pos;

int sunsh_parse(const char *cmd, int argc, char **argv, int step_required,
                void (*help)(FILE *), sunsh_args *a);
int sunsh_load(const sunsh_args *a, sunsh_sats *s, odc_err *err);
void sunsh_free(sunsh_sats *s);
int sunsh_state(const sunsh_sats *s, size_t i, double t_s, double r[3],
                double v[3]);
int sunsh_pos_fn(void *ctx, double t_s, double r[3]);
int sunsh_open_out(const sunsh_args *a, odc_afile *af, FILE **fp, odc_err *err);
int sunsh_close_out(const sunsh_args *a, odc_afile *af, int ok, odc_err *err);
void sunsh_stats_header(FILE *fp);
int sunsh_stats_row(FILE *fp, const sunsh_args *a, long norad,
                    const odc_eclipse_stats *st);
void sunsh_sat_failed(const char *cmd, const sunsh_sats *s, size_t i,
                      const sunsh_args *a, const sunsh_pos *p);

/* ---------------------------------------------------------------------- */

static int parse_num(const char *cmd, const char *opt, const char *s, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(x))
        return cli_usage(cmd, "%s '%s': expected a finite number", opt, s);
    *out = x;
    return 0;
}

/* Returns -1 when the command should go on, else the exit status. */
int sunsh_parse(const char *cmd, int argc, char **argv, int step_required,
                void (*help)(FILE *), sunsh_args *a)
{
    memset(a, 0, sizeof *a);
    odc_shadow_opts_default(&a->shadow);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            help(stdout);
            return 0;
        }
        if (!strcmp(o, "--stats")) {
            a->stats = 1;
            continue;
        }
        if (!strcmp(o, "--no-checksum")) {
            a->no_checksum = 1;
            continue;
        }
        static const char *const valued[] = {
            "--tle", "--scenario", "--utc", "--duration", "--step-s",
            "--shadow", "--out", "--earth-inflation-km",
        };
        int known = 0;
        for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++)
            known |= !strcmp(o, valued[k]);
        if (!known)
            return cli_usage(cmd, "unknown argument '%s'", o);
        if (i + 1 >= argc)
            return cli_usage(cmd, "%s needs a value", o);
        const char *v = argv[++i];
        if (!strcmp(o, "--tle")) {
            a->tle = v;
        } else if (!strcmp(o, "--scenario")) {
            a->scenario = v;
        } else if (!strcmp(o, "--utc")) {
            a->utc_iso = v;
        } else if (!strcmp(o, "--out")) {
            a->out = v;
        } else if (!strcmp(o, "--duration")) {
            if (parse_num(cmd, o, v, &a->duration_s))
                return 2;
            a->have_duration = 1;
        } else if (!strcmp(o, "--step-s")) {
            if (parse_num(cmd, o, v, &a->step_s))
                return 2;
            a->have_step = 1;
        } else if (!strcmp(o, "--earth-inflation-km")) {
            if (parse_num(cmd, o, v, &a->shadow.inflate_km))
                return 2;
            if (a->shadow.inflate_km < 0.0 || a->shadow.inflate_km > 1000.0)
                return cli_usage(cmd, "--earth-inflation-km %g: expected 0..1000",
                                 a->shadow.inflate_km);
        } else { /* --shadow */
            if (!strcmp(v, "conical"))
                a->shadow.model = ODC_SHADOW_CONICAL;
            else if (!strcmp(v, "cylindrical"))
                a->shadow.model = ODC_SHADOW_CYLINDRICAL;
            else
                return cli_usage(cmd, "--shadow '%s': expected conical or cylindrical", v);
        }
    }
    if (!!a->tle + !!a->scenario != 1)
        return cli_usage(cmd, "give exactly one of --tle FILE or --scenario FILE");
    if (a->scenario)
        return cli_usage(cmd, "--scenario is not available in this build yet; "
                         "use --tle FILE");
    if (!a->utc_iso)
        return cli_usage(cmd, "--utc START_ISO is required");
    if (!a->have_duration)
        return cli_usage(cmd, "--duration S is required");
    if (step_required && !a->have_step)
        return cli_usage(cmd, "--step-s S is required");
    if (!a->have_step)
        a->step_s = 60.0;
    if (!(a->duration_s >= 0.0) || !(a->step_s > 0.0))
        return cli_usage(cmd, "--duration must be >= 0 and --step-s > 0 (seconds)");
    if (a->duration_s / a->step_s > 1e9)
        return cli_usage(cmd, "more than 1e9 steps: raise --step-s");
    odc_err terr;
    if (odc_time_parse_iso(a->utc_iso, &a->u1, &a->u2, &terr) != ODC_OK) {
        snprintf(terr.field, sizeof terr.field, "--utc");
        return cli_report(&terr);
    }
    return -1;
}

int sunsh_load(const sunsh_args *a, sunsh_sats *s, odc_err *err)
{
    memset(s, 0, sizeof *s);
    odc_tle_options opt = {.verify_checksum = !a->no_checksum};
    int rc = odc_elsets_read_file(a->tle, &opt, &s->list, err);
    if (rc != ODC_OK)
        return rc;
    size_t n = s->list.n;
    s->norad = calloc(n ? n : 1, sizeof *s->norad);
    s->rec = calloc(n ? n : 1, sizeof *s->rec);
    s->tsince0_min = calloc(n ? n : 1, sizeof *s->tsince0_min);
    if (!s->norad || !s->rec || !s->tsince0_min) {
        sunsh_free(s);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    s->n = n;
    for (size_t i = 0; i < n; i++) {
        s->norad[i] = s->list.el[i].norad;
        /* WGS-72 and the improved mode: the defaults of the reference
         * implementation (Vallado et al. 2006) and of odcsim propagate. */
        rc = odc_sgp4_init(&s->rec[i], &s->list.el[i], ODC_WGS72, 'i', err);
        if (rc == ODC_EINPUT) {
            err->line = s->list.line ? s->list.line[i] : 0;
            snprintf(err->file, sizeof err->file, "%s", a->tle);
            sunsh_free(s);
            return rc;
        }
        s->tsince0_min[i] = odc_sgp4_tsince_min(&s->rec[i], a->u1, a->u2);
    }
    return ODC_OK;
}

void sunsh_free(sunsh_sats *s)
{
    free(s->norad);
    free(s->rec);
    free(s->tsince0_min);
    odc_elset_list_free(&s->list);
    memset(s, 0, sizeof *s);
}

/* State (TEME, km, km/s) of satellite i at t_s seconds from the start.
 * Returns 0 or the SGP4 error code. */
int sunsh_state(const sunsh_sats *s, size_t i, double t_s, double r[3],
                double v[3])
{
    if (s->rec[i].init_error)
        return s->rec[i].init_error;
    return odc_sgp4_propagate(&s->rec[i], s->tsince0_min[i] + t_s / 60.0, r, v);
}

int sunsh_pos_fn(void *ctx, double t_s, double r[3])
{
    sunsh_pos *p = ctx;
    double v[3];
    int code = sunsh_state(p->s, p->i, t_s, r, v);
    if (code) {
        p->code = code;
        p->t_fail_s = t_s;
    }
    return code;
}

int sunsh_open_out(const sunsh_args *a, odc_afile *af, FILE **fp, odc_err *err)
{
    static char obuf[1 << 16];
    if (!a->out) {
        setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
        *fp = stdout;
        return ODC_OK;
    }
    int rc = odc_afile_open(af, a->out, err);
    if (rc == ODC_OK)
        *fp = af->fp;
    return rc;
}

int sunsh_close_out(const sunsh_args *a, odc_afile *af, int ok, odc_err *err)
{
    if (!a->out) {
        fflush(stdout);
        return ODC_OK;
    }
    if (!ok) {
        odc_afile_abort(af);
        return ODC_OK;
    }
    return odc_afile_commit(af, err);
}

void sunsh_stats_header(FILE *fp)
{
    fprintf(fp, "norad,start_utc,end_utc,sunlit_fraction,eclipses,umbra_eclipses,"
                "longest_eclipse_s,longest_umbra_s,umbra_s,penumbra_s,seasons\n");
}

static void iso_at(const sunsh_args *a, double t_s, int ndp, char *buf, size_t n)
{
    if (odc_time_format_iso(a->u1, a->u2 + t_s / ODC_SEC_PER_DAY, ndp, buf, n) != ODC_OK)
        snprintf(buf, n, "invalid");
}

int sunsh_stats_row(FILE *fp, const sunsh_args *a, long norad,
                    const odc_eclipse_stats *st)
{
    char t0[48], t1[48];
    iso_at(a, 0.0, 3, t0, sizeof t0);
    iso_at(a, a->duration_s, 3, t1, sizeof t1);
    fprintf(fp, "%ld,%s,%s,%.7f,%zu,%zu,%.3f,%.3f,%.3f,%.3f,", norad, t0, t1,
            st->sunlit_fraction, st->n_eclipses, st->n_umbra, st->longest_s,
            st->longest_umbra_s, st->umbra_s, st->penumbra_s);
    for (size_t k = 0; k < st->n_seasons; k++) {
        char s0[48], s1[48];
        iso_at(a, st->season_start_s[k], 0, s0, sizeof s0);
        iso_at(a, st->season_end_s[k], 0, s1, sizeof s1);
        fprintf(fp, "%s%s/%s", k ? ";" : "", s0, s1);
    }
    if (st->seasons_truncated)
        fprintf(fp, ";...");
    fprintf(fp, "\n");
    return 0;
}

void sunsh_sat_failed(const char *cmd, const sunsh_sats *s, size_t i,
                      const sunsh_args *a, const sunsh_pos *p)
{
    char iso[48];
    iso_at(a, p->t_fail_s, 3, iso, sizeof iso);
    fprintf(stderr, "odcsim %s: satellite %ld: SGP4 error %d at %s: %s; "
            "its rows stop there\n", cmd, s->norad[i], p->code, iso,
            odc_sgp4_strerror(p->code));
}

/* ---- odcsim illumination ----------------------------------------------- */

static void illumination_help(FILE *f)
{
    fprintf(f,
"usage: odcsim illumination --tle FILE --utc START_ISO --duration S --step-s S\n"
"                           [--shadow conical|cylindrical] [--stats] [options]\n"
"\n"
"Illumination of every satellite of FILE (TLE, SGP4) on the grid START,\n"
"START+S, ... up to and including START+duration, as CSV:\n"
"  norad,utc,illumination,beta_deg\n"
"illumination: fraction of the solar disc seen (0 umbra .. 1 full Sun);\n"
"beta_deg: angle of the Sun above the orbit plane (positive on the side of\n"
"the orbit normal r x v). utc is ISO 8601 with milliseconds.\n"
"\n"
"  --tle FILE               element sets: TLE (2-/3-line) or CCSDS OMM\n"
"  --utc START_ISO          start (UTC), e.g. 2024-03-20T00:00:00Z\n"
"  --duration S --step-s S  span and grid step (seconds)\n"
"  --shadow M               conical (default: umbra + penumbra, Montenbruck &\n"
"                           Gill 2000 sec. 3.4.2) or cylindrical (0 or 1)\n"
"  --earth-inflation-km X   add X km to the Earth's radius (6378.137 km) for\n"
"                           the atmosphere (default 0)\n"
"  --stats                  instead of rows, one summary line per satellite\n"
"                           (as odcsim eclipses --stats; see docs/sun-shadow.md)\n"
"  --out FILE               write atomically to FILE instead of stdout\n"
"  --no-checksum            accept TLE lines with wrong checksums\n"
"\n"
"A satellite that SGP4 cannot propagate stops with one line on stderr; the\n"
"others go on (exit 0). Usage or input errors exit 2.\n");
}

int cmd_illumination(int argc, char **argv)
{
    const char *cmd = "illumination";
    sunsh_args a;
    int st = sunsh_parse(cmd, argc, argv, 1, illumination_help, &a);
    if (st >= 0)
        return st;
    odc_err err;
    odc_err_clear(&err);
    sunsh_sats s;
    if (sunsh_load(&a, &s, &err) != ODC_OK)
        return cli_report(&err);
    odc_sun_table tab;
    if (odc_sun_table_init(&tab, a.u1, a.u2, -3600.0, a.duration_s + 3600.0,
                           3600.0, ODC_SUN_TEME, &err) != ODC_OK) {
        sunsh_free(&s);
        return cli_report(&err);
    }
    odc_afile af;
    FILE *fp;
    if (sunsh_open_out(&a, &af, &fp, &err) != ODC_OK) {
        odc_sun_table_free(&tab);
        sunsh_free(&s);
        return cli_report(&err);
    }
    int status = 0;
    if (a.stats)
        sunsh_stats_header(fp);
    else
        fprintf(fp, "norad,utc,illumination,beta_deg\n");
    odc_eclipse_opts eo;
    odc_eclipse_opts_default(&eo);
    eo.shadow = a.shadow;
    for (size_t i = 0; i < s.n; i++) {
        sunsh_pos p = {&s, i, 0, 0.0};
        if (a.stats) {
            eo.step_s = a.step_s;
            odc_eclipse_stats es;
            int rc = odc_eclipse_stats_compute(sunsh_pos_fn, &p, odc_sun_table_fn,
                                               &tab, &eo, 0.0, a.duration_s, 0.0,
                                               &es, &err);
            if (rc == ODC_OK)
                sunsh_stats_row(fp, &a, s.norad[i], &es);
            else if (p.code)
                sunsh_sat_failed(cmd, &s, i, &a, &p);
            else {
                status = cli_report(&err);
                break;
            }
            continue;
        }
        double tol = 1e-9 * a.step_s;
        for (long k = 0;; k++) {
            double t = (double)k * a.step_s;
            int last = 0;
            if (a.duration_s - t <= tol) {
                t = a.duration_s;
                last = 1;
            }
            double r[3], v[3], sun[3];
            int code = sunsh_state(&s, i, t, r, v);
            if (code) {
                p.code = code;
                p.t_fail_s = t;
                sunsh_sat_failed(cmd, &s, i, &a, &p);
                break;
            }
            odc_sun_table_eval(&tab, t, sun);
            double nu = odc_shadow_illumination(r, sun, &a.shadow);
            double beta = odc_beta_angle(r, v, sun) * 180.0 / M_PI;
            char iso[48];
            iso_at(&a, t, 3, iso, sizeof iso);
            fprintf(fp, "%ld,%s,%.6f,%.4f\n", s.norad[i], iso, nu, beta);
            if (last)
                break;
        }
    }
    if (sunsh_close_out(&a, &af, status == 0, &err) != ODC_OK && status == 0)
        status = cli_report(&err);
    odc_sun_table_free(&tab);
    sunsh_free(&s);
    return status;
}
