/* odcsim illumination: the fraction of the solar disc each satellite sees and
 * its beta angle on a UTC grid, as CSV. This file also holds what
 * `odcsim eclipses` shares with it (options, loading satellites from a TLE/
 * OMM file, the position callback, the --stats table); cmd_eclipses.c
 * declares those sunsh_* functions itself, so no header outside this
 * module changes (sunsh.h). Satellites are propagated with SGP4 or the
 * scenario's design propagator (TEME), the Sun is put in TEME (odc/sun.h),
 * and the shadow is odc/shadow.h's. */
#include "cli.h"
#include "sunsh.h"
#include "args.h"

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
            if (cli_arg_double(cmd, o, v, &a->duration_s))
                return 2;
            a->have_duration = 1;
        } else if (!strcmp(o, "--step-s")) {
            if (cli_arg_double(cmd, o, v, &a->step_s))
                return 2;
            a->have_step = 1;
        } else if (!strcmp(o, "--earth-inflation-km")) {
            if (cli_arg_double(cmd, o, v, &a->shadow.inflate_km))
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
    a->have_utc = a->utc_iso != NULL;
    if (!a->scenario) {
        if (!a->utc_iso)
            return cli_usage(cmd, "--utc START_ISO is required");
        if (!a->have_duration)
            return cli_usage(cmd, "--duration S is required");
        if (step_required && !a->have_step)
            return cli_usage(cmd, "--step-s S is required");
    }
    if (a->have_duration && !(a->duration_s >= 0.0))
        return cli_usage(cmd, "--duration must be >= 0 (seconds)");
    if (a->have_step && !(a->step_s > 0.0))
        return cli_usage(cmd, "--step-s must be > 0 (seconds)");
    if (a->utc_iso) {
        odc_err terr;
        if (odc_time_parse_iso(a->utc_iso, &a->u1, &a->u2, &terr) != ODC_OK) {
            snprintf(terr.field, sizeof terr.field, "--utc");
            return cli_report(&terr);
        }
    }
    return -1;
}

/* Defaults that need the satellites' source, and the step check. */
static int finish_args(const char *cmd, sunsh_args *a, const odc_scenario *sc)
{
    if (sc) {
        if (!a->have_utc) {
            a->u1 = sc->time.epoch_jd1;
            a->u2 = sc->time.epoch_jd2;
        }
        if (!a->have_duration)
            a->duration_s = sc->time.duration_s;
        if (!a->have_step)
            a->step_s = sc->time.step_s;
    } else if (!a->have_step) {
        a->step_s = 60.0;
    }
    if (!(a->step_s > 0.0) || !(a->duration_s >= 0.0))
        return cli_usage(cmd, "duration must be >= 0 and step > 0 (seconds)");
    if (a->duration_s / a->step_s > 1e9)
        return cli_usage(cmd, "more than 1e9 steps: raise --step-s");
    return 0;
}

static int alloc_sats(sunsh_sats *s, size_t n)
{
    size_t m = n ? n : 1;
    s->norad = calloc(m, sizeof *s->norad);
    s->prop = calloc(m, sizeof *s->prop);
    s->rec = calloc(m, sizeof *s->rec);
    s->tsince0_min = calloc(m, sizeof *s->tsince0_min);
    s->con = calloc(m, sizeof *s->con);
    s->con_i = calloc(m, sizeof *s->con_i);
    s->dt0_s = calloc(m, sizeof *s->dt0_s);
    if (!s->norad || !s->prop || !s->rec || !s->tsince0_min || !s->con ||
        !s->con_i || !s->dt0_s)
        return -1;
    return 0;
}

/* SGP4 record for satellite k from el; SGP4 errors at initialisation are
 * kept in rec->init_error and reported when the satellite is used. */
static int init_sgp4(sunsh_sats *s, size_t k, const odc_elements *el,
                     const sunsh_args *a, odc_err *err)
{
    s->prop[k] = SUNSH_SGP4;
    /* WGS-72 and the improved mode: the defaults of the reference
     * implementation (Vallado et al. 2006) and of odcsim propagate. */
    int rc = odc_sgp4_init(&s->rec[k], el, ODC_WGS72, 'i', err);
    if (rc == ODC_EINPUT)
        return rc;
    s->tsince0_min[k] = odc_sgp4_tsince_min(&s->rec[k], a->u1, a->u2);
    return ODC_OK;
}

static int load_tle(const char *cmd, sunsh_args *a, sunsh_sats *s)
{
    odc_err err;
    odc_err_clear(&err);
    odc_tle_options opt = {.verify_checksum = !a->no_checksum};
    if (cli_input_file(cmd, "--tle", a->tle))
        return 2;
    if (odc_elsets_read_file(a->tle, &opt, &s->list, &err) != ODC_OK) {
        cli_report(&err);
        return 2; /* an unreadable --tle file (EIO) is an input error too */
    }
    if (s->list.n == 0) {
        odc_err_set(&err, ODC_EINPUT, a->tle, 0, 0, NULL,
                    "expected at least one element set (TLE or OMM), found none");
        return cli_report(&err);
    }
    int st = finish_args(cmd, a, NULL);
    if (st)
        return st;
    if (alloc_sats(s, s->list.n)) {
        odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return cli_report(&err);
    }
    s->n = s->list.n;
    for (size_t i = 0; i < s->n; i++) {
        s->norad[i] = s->list.el[i].norad;
        if (init_sgp4(s, i, &s->list.el[i], a, &err) != ODC_OK) {
            err.line = s->list.line ? s->list.line[i] : 0;
            snprintf(err.file, sizeof err.file, "%.255s", a->tle);
            return cli_report(&err);
        }
    }
    return 0;
}

/* Generator of a designed constellation entry (as odcsim run builds it:
 * a cluster is placed around one satellite of a sun-synchronous plane). */
static int build_designed(const odc_scenario *sc, const odc_scenario_cons *k,
                          odc_constellation *c, odc_err *err)
{
    double j1 = sc->time.epoch_jd1, j2 = sc->time.epoch_jd2;
    if (k->type == ODC_CONS_WALKER)
        return odc_walker(c, k->walker.t, k->walker.p, k->walker.f,
                          k->walker.alt_km, k->walker.incl_deg,
                          k->walker.raan0_deg, k->walker.star, j1, j2, err);
    if (k->type == ODC_CONS_SSO)
        return odc_sso(c, k->sso.n, k->sso.alt_km, k->sso.ltan_h, j1, j2, err);
    odc_constellation ref;
    memset(&ref, 0, sizeof ref);
    int rc = odc_sso(&ref, 1, k->cluster.alt_km, k->cluster.ltan_h, j1, j2, err);
    if (rc == ODC_OK)
        rc = odc_cluster(c, &ref, k->cluster.n, k->cluster.radius_m,
                         k->cluster.min_spacing_m, NULL, err);
    odc_constellation_free(&ref);
    return rc;
}

static int load_scenario(const char *cmd, sunsh_args *a, sunsh_sats *s)
{
    odc_diag d;
    odc_diag_init(&d);
    int rc = odc_scenario_load(a->scenario, &s->sc, &d);
    s->have_sc = 1;
    s->sets = calloc(s->sc.n_cons ? s->sc.n_cons : 1, sizeof *s->sets);
    if (!s->sets) {
        odc_diag_free(&d);
        fprintf(stderr, "odcsim %s: out of memory\n", cmd);
        return 1;
    }
    if (rc == ODC_OK)
        odc_scenario_load_elsets(&s->sc, s->sets, &d);
    if (d.n) {
        for (size_t i = 0; i < d.n; i++) {
            char buf[1200];
            fprintf(stderr, "%s\n", odc_err_format(&d.items[i], buf, sizeof buf));
        }
        fprintf(stderr, "odcsim %s: %s has %zu problem%s (see 'odcsim validate')\n",
                cmd, a->scenario, d.n, d.n == 1 ? "" : "s");
        odc_diag_free(&d);
        return 2;
    }
    odc_diag_free(&d);
    int st = finish_args(cmd, a, &s->sc);
    if (st)
        return st;

    odc_err err;
    odc_err_clear(&err);
    s->cons = calloc(s->sc.n_cons ? s->sc.n_cons : 1, sizeof *s->cons);
    if (!s->cons) {
        odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return cli_report(&err);
    }
    s->n_cons = s->sc.n_cons;
    size_t total = 0;
    for (size_t i = 0; i < s->sc.n_cons; i++) {
        const odc_scenario_cons *k = &s->sc.cons[i];
        if (k->type <= ODC_CONS_CLUSTER) {
            odc_err e;
            odc_err_clear(&e);
            if (build_designed(&s->sc, k, &s->cons[i], &e) != ODC_OK) {
                odc_err_set(&err, e.code ? e.code : ODC_EINPUT, s->sc.file, k->line,
                            k->col, "constellations", "%s: %s", k->name, e.msg);
                return cli_report(&err);
            }
            total += s->cons[i].n;
        } else {
            total += s->sets[i].n;
        }
    }
    if (alloc_sats(s, total)) {
        odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        return cli_report(&err);
    }
    size_t j = 0;
    for (size_t i = 0; i < s->sc.n_cons; i++) {
        const odc_scenario_cons *k = &s->sc.cons[i];
        if (k->type > ODC_CONS_CLUSTER) {
            for (size_t q = 0; q < s->sets[i].n; q++, j++) {
                s->norad[j] = s->sets[i].el[q].norad;
                if (init_sgp4(s, j, &s->sets[i].el[q], a, &err) != ODC_OK) {
                    snprintf(err.file, sizeof err.file, "%.255s", k->elset.path);
                    err.line = s->sets[i].line ? s->sets[i].line[q] : 0;
                    return cli_report(&err);
                }
            }
            continue;
        }
        const odc_constellation *c = &s->cons[i];
        odc_elements *el = NULL;
        if (k->propagator == ODC_PROP_SGP4) {
            /* Designed elements go to SGP4 as mean elements (bstar 0), as
             * odcsim run does. */
            el = calloc(c->n ? c->n : 1, sizeof *el);
            if (!el || odc_constellation_to_elements(c, k->first_norad ? k->first_norad : 1,
                                                     k->name, el, &err) != ODC_OK) {
                free(el);
                if (!err.code)
                    odc_err_set(&err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
                return cli_report(&err);
            }
        }
        for (size_t q = 0; q < c->n; q++, j++) {
            /* A catalogue number from first_norad; without one, the
             * satellite's 1-based position in the scenario. */
            s->norad[j] = k->first_norad ? k->first_norad + (long)q : (long)j + 1;
            if (el) {
                if (init_sgp4(s, j, &el[q], a, &err) != ODC_OK) {
                    free(el);
                    return cli_report(&err);
                }
                continue;
            }
            s->prop[j] = k->propagator == ODC_PROP_KEPLER ? SUNSH_KEPLER : SUNSH_J2;
            s->con[j] = c;
            s->con_i[j] = q;
            s->dt0_s[j] = ((a->u1 - c->epoch_jd) + (a->u2 - c->epoch_jd_frac)) *
                          ODC_SEC_PER_DAY;
        }
        free(el);
    }
    s->n = total;
    return 0;
}

int sunsh_load(const char *cmd, sunsh_args *a, sunsh_sats *s)
{
    memset(s, 0, sizeof *s);
    return a->scenario ? load_scenario(cmd, a, s) : load_tle(cmd, a, s);
}

void sunsh_free(sunsh_sats *s)
{
    free(s->norad);
    free(s->prop);
    free(s->rec);
    free(s->tsince0_min);
    free(s->con);
    free(s->con_i);
    free(s->dt0_s);
    for (size_t i = 0; i < s->n_cons; i++)
        odc_constellation_free(&s->cons[i]);
    free(s->cons);
    odc_elset_list_free(&s->list);
    if (s->have_sc) {
        if (s->sets)
            odc_scenario_free_elsets(&s->sc, s->sets);
        free(s->sets);
        odc_scenario_free(&s->sc);
    }
    memset(s, 0, sizeof *s);
}

int sunsh_state(const sunsh_sats *s, size_t i, double t_s, double r[3],
                double v[3])
{
    if (s->prop[i] == SUNSH_J2) {
        odc_constellation_state(s->con[i], s->con_i[i], s->dt0_s[i] + t_s, r, v);
        return 0;
    }
    if (s->prop[i] == SUNSH_KEPLER) {
        odc_constellation_state_kepler(s->con[i], s->con_i[i], s->dt0_s[i] + t_s, r, v);
        return 0;
    }
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

int sunsh_iso(const sunsh_args *a, double t_s, int ndp, char *buf, size_t n)
{
    if (odc_time_format_iso(a->u1, a->u2 + t_s / ODC_SEC_PER_DAY, ndp, buf, n) != ODC_OK) {
        snprintf(buf, n, "invalid");
        return -1;
    }
    return 0;
}

void sunsh_stats_row(FILE *fp, const sunsh_args *a, long norad,
                    const odc_eclipse_stats *st)
{
    char t0[48], t1[48];
    sunsh_iso(a, 0.0, 3, t0, sizeof t0);
    sunsh_iso(a, a->duration_s, 3, t1, sizeof t1);
    fprintf(fp, "%ld,%s,%s,%.7f,%zu,%zu,%.3f,%.3f,%.3f,%.3f,", norad, t0, t1,
            st->sunlit_fraction, st->n_eclipses, st->n_umbra, st->longest_s,
            st->longest_umbra_s, st->umbra_s, st->penumbra_s);
    for (size_t k = 0; k < st->n_seasons; k++) {
        char s0[48], s1[48];
        sunsh_iso(a, st->season_start_s[k], 0, s0, sizeof s0);
        sunsh_iso(a, st->season_end_s[k], 0, s1, sizeof s1);
        fprintf(fp, "%s%s/%s", k ? ";" : "", s0, s1);
    }
    if (st->seasons_truncated)
        fprintf(fp, ";...");
    fprintf(fp, "\n");
}

void sunsh_sat_failed(const char *cmd, const sunsh_sats *s, size_t i,
                      const sunsh_args *a, const sunsh_pos *p)
{
    char iso[48];
    sunsh_iso(a, p->t_fail_s, 3, iso, sizeof iso);
    fprintf(stderr, "odcsim %s: satellite %ld: SGP4 error %d at %s: %s; "
            "its rows stop there\n", cmd, s->norad[i], p->code, iso,
            odc_sgp4_strerror(p->code));
}

/* --stats for every satellite: computed in parallel (OpenMP; each
 * satellite is independent and the Sun table is read-only), printed in
 * input order. Returns the exit status. */
int sunsh_stats_all(const char *cmd, const sunsh_args *a, const sunsh_sats *s,
                    const odc_sun_table *tab, const odc_eclipse_opts *eo, FILE *fp)
{
    size_t n = s->n;
    odc_eclipse_stats *st = calloc(n ? n : 1, sizeof *st);
    int *rc = calloc(n ? n : 1, sizeof *rc);
    sunsh_pos *p = calloc(n ? n : 1, sizeof *p);
    odc_err *errs = calloc(n ? n : 1, sizeof *errs);
    int status = 0;
    if (!st || !rc || !p || !errs) {
        odc_err e;
        odc_err_set(&e, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        status = cli_report(&e);
        goto out;
    }
    sunsh_stats_header(fp);
#pragma omp parallel for schedule(dynamic, 1)
    for (long i = 0; i < (long)n; i++) {
        p[i].s = s;
        p[i].i = (size_t)i;
        rc[i] = odc_eclipse_stats_compute(sunsh_pos_fn, &p[i], odc_sun_table_fn,
                                          (void *)tab, eo, 0.0, a->duration_s,
                                          0.0, &st[i], &errs[i]);
    }
    for (size_t i = 0; i < n; i++) {
        if (rc[i] == ODC_OK)
            sunsh_stats_row(fp, a, s->norad[i], &st[i]);
        else if (p[i].code)
            sunsh_sat_failed(cmd, s, i, a, &p[i]);
        else {
            status = cli_report(&errs[i]);
            break;
        }
    }
out:
    free(st);
    free(rc);
    free(p);
    free(errs);
    return status;
}

/* ---- odcsim illumination ----------------------------------------------- */

static void illumination_help(FILE *f)
{
    fprintf(f,
"usage: odcsim illumination --tle FILE --utc START_ISO --duration S --step-s S\n"
"                           [--shadow conical|cylindrical] [--stats] [options]\n"
"       odcsim illumination --scenario FILE [--utc ..] [--duration ..] [--step-s ..]\n"
"\n"
"Illumination of every satellite (TLE/OMM with SGP4, or a scenario's\n"
"constellations with their propagators) on the grid START, START+S, ... up\n"
"to and including START+duration, as CSV:\n"
"  norad,utc,illumination,beta_deg\n"
"illumination: fraction of the solar disc seen (0 umbra .. 1 full Sun);\n"
"beta_deg: angle of the Sun above the orbit plane (positive on the side of\n"
"the orbit normal r x v). utc is ISO 8601 with milliseconds.\n"
"\n"
"  --tle FILE               element sets: TLE (2-/3-line) or CCSDS OMM\n"
"  --scenario FILE          a scenario (odcsim run's input); --utc, --duration\n"
"                           and --step-s default to its time block; designed\n"
"                           satellites without first_norad are numbered by\n"
"                           their 1-based position in the scenario\n"
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

int sunsh_begin(const char *cmd, int argc, char **argv, int step_required,
                void (*help)(FILE *), const char *header, sunsh_run *r)
{
    int st = sunsh_parse(cmd, argc, argv, step_required, help, &r->a);
    if (st >= 0)
        return st;
    st = sunsh_load(cmd, &r->a, &r->s);
    if (st) {
        sunsh_free(&r->s);
        return st;
    }
    odc_err_clear(&r->err);
    if (odc_sun_table_init(&r->tab, r->a.u1, r->a.u2, -3600.0, r->a.duration_s + 3600.0,
                           3600.0, ODC_SUN_TEME, &r->err) != ODC_OK) {
        sunsh_free(&r->s);
        return cli_report(&r->err);
    }
    if (sunsh_open_out(&r->a, &r->af, &r->fp, &r->err) != ODC_OK) {
        odc_sun_table_free(&r->tab);
        sunsh_free(&r->s);
        return cli_report(&r->err);
    }
    odc_eclipse_opts_default(&r->eo);
    r->eo.shadow = r->a.shadow;
    r->eo.step_s = r->a.step_s;
    r->status = 0;
    if (r->a.stats)
        r->status = sunsh_stats_all(cmd, &r->a, &r->s, &r->tab, &r->eo, r->fp);
    else
        fputs(header, r->fp);
    return -1;
}

int sunsh_end(sunsh_run *r)
{
    if (sunsh_close_out(&r->a, &r->af, r->status == 0, &r->err) != ODC_OK &&
        r->status == 0)
        r->status = cli_report(&r->err);
    odc_sun_table_free(&r->tab);
    sunsh_free(&r->s);
    return r->status;
}

int cmd_illumination(int argc, char **argv)
{
    const char *cmd = "illumination";
    sunsh_run r;
    int st = sunsh_begin(cmd, argc, argv, 1, illumination_help,
                         "norad,utc,illumination,beta_deg\n", &r);
    if (st >= 0)
        return st;
    const sunsh_args *a = &r.a;
    for (size_t i = 0; i < r.s.n && !a->stats; i++) {
        sunsh_pos p = {&r.s, i, 0, 0.0};
        double tol = 1e-9 * a->step_s;
        for (long k = 0;; k++) {
            double t = (double)k * a->step_s;
            int last = 0;
            if (a->duration_s - t <= tol) {
                t = a->duration_s;
                last = 1;
            }
            double rr[3], v[3], sun[3];
            int code = sunsh_state(&r.s, i, t, rr, v);
            if (code) {
                p.code = code;
                p.t_fail_s = t;
                sunsh_sat_failed(cmd, &r.s, i, a, &p);
                break;
            }
            odc_sun_table_eval(&r.tab, t, sun);
            double nu = odc_shadow_illumination(rr, sun, &a->shadow);
            double beta = odc_beta_angle(rr, v, sun) * 180.0 / M_PI;
            char iso[48];
            sunsh_iso(a, t, 3, iso, sizeof iso);
            fprintf(r.fp, "%ld,%s,%.6f,%.4f\n", r.s.norad[i], iso, nu, beta);
            if (last)
                break;
        }
    }
    return sunsh_end(&r);
}
