/* Running a scenario: build every constellation, step through the span and
 * write the results folder (ephemeris, satellite table, input copy,
 * summary), each file atomically so an interrupted run leaves no torn file
 * under a final name. The per-step loop works on structure-of-arrays
 * buffers allocated once before it. */
#include "odc/scenario.h"
#include "odc/afile.h"
#include "odc/constellation.h"
#include "odc/frames.h"
#include "odc/sgp4.h"
#include "odc/timescale.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TWO_PI 6.283185307179586476925286766559
#define RAD2DEG (180.0 / M_PI)

/* One constellation while running. */
typedef struct cons_rt {
    size_t             n;
    int                use_sgp4, use_j2;
    odc_constellation  c;         /* designed: mean elements                  */
    odc_elements      *el;        /* sgp4: element sets (owned if designed)   */
    odc_sgp4          *rec;       /* sgp4: one record per satellite           */
    int               *dead;      /* 1 once a satellite failed                */
    double            *x, *y, *z, *vx, *vy, *vz;   /* TEME state this step    */
    double             alt_min, alt_max;           /* geodetic, over the run  */
    double             per_min, per_max;           /* period (min)            */
    double             spacing_m;                  /* cluster lattice spacing */
    double             dmin_m, dref_max_m;         /* cluster: closest pair,
                                                      farthest from sat 0    */
} cons_rt;

static void rt_free(cons_rt *r, const odc_scenario_cons *k)
{
    odc_constellation_free(&r->c);
    if (k->type != ODC_CONS_TLE && k->type != ODC_CONS_OMM)
        free(r->el);
    free(r->rec);
    free(r->dead);
    free(r->x);
    memset(r, 0, sizeof *r);
}

static int entry_err(odc_err *err, const odc_scenario *sc, size_t i, const odc_err *e)
{
    char field[64];
    snprintf(field, sizeof field, "constellations[%zu]", i);
    return odc_err_set(err, e->code ? e->code : ODC_EINPUT, sc->file, sc->cons[i].line,
                       sc->cons[i].col, field, "%s%s%s", e->field[0] ? e->field : "",
                       e->field[0] ? ": " : "", e->msg);
}

/* Designed constellations: run the generator into r->c. */
static int build_designed(const odc_scenario *sc, size_t i, cons_rt *r, odc_err *err)
{
    const odc_scenario_cons *k = &sc->cons[i];
    double j1 = sc->time.epoch_jd1, j2 = sc->time.epoch_jd2;
    odc_err e;
    odc_err_clear(&e);
    int rc = ODC_OK;
    if (k->type == ODC_CONS_WALKER)
        rc = odc_walker(&r->c, k->walker.t, k->walker.p, k->walker.f, k->walker.alt_km,
                        k->walker.incl_deg, k->walker.raan0_deg, k->walker.star, j1, j2, &e);
    else if (k->type == ODC_CONS_SSO)
        rc = odc_sso(&r->c, k->sso.n, k->sso.alt_km, k->sso.ltan_h, j1, j2, &e);
    else {
        /* The reference orbit of a cluster: one satellite of a
         * sun-synchronous plane at the cluster's altitude and LTAN. */
        odc_constellation ref;
        memset(&ref, 0, sizeof ref);
        rc = odc_sso(&ref, 1, k->cluster.alt_km, k->cluster.ltan_h, j1, j2, &e);
        if (rc == ODC_OK)
            rc = odc_cluster(&r->c, &ref, k->cluster.n, k->cluster.radius_m,
                             k->cluster.min_spacing_m, &r->spacing_m, &e);
        odc_constellation_free(&ref);
    }
    if (rc != ODC_OK)
        return entry_err(err, sc, i, &e);
    return ODC_OK;
}

static int build(const odc_scenario *sc, const odc_elset_list *sets, size_t i, cons_rt *r,
                 odc_run_result *res, odc_err *err)
{
    const odc_scenario_cons *k = &sc->cons[i];
    memset(r, 0, sizeof *r);
    int designed = k->type <= ODC_CONS_CLUSTER;
    if (designed) {
        int rc = build_designed(sc, i, r, err);
        if (rc)
            return rc;
        r->n = r->c.n;
    } else {
        r->n = sets[i].n;
        r->el = sets[i].el;
    }
    r->use_sgp4 = k->propagator == ODC_PROP_SGP4;
    r->use_j2 = k->propagator == ODC_PROP_J2;
    size_t n = r->n ? r->n : 1;
    r->dead = calloc(n, sizeof *r->dead);
    r->x = malloc(6 * n * sizeof *r->x);
    if (!r->dead || !r->x)
        return odc_err_set(err, ODC_ENOMEM, sc->file, k->line, k->col, NULL, "out of memory");
    r->y = r->x + n;
    r->z = r->y + n;
    r->vx = r->z + n;
    r->vy = r->vx + n;
    r->vz = r->vy + n;
    r->alt_min = INFINITY;
    r->alt_max = -INFINITY;
    r->per_min = INFINITY;
    r->per_max = -INFINITY;
    r->dmin_m = INFINITY;
    r->dref_max_m = 0.0;
    if (!r->use_sgp4)
        return ODC_OK;
    if (designed) {
        /* Designed elements go to SGP4 as mean elements with bstar 0;
         * catalogue numbers only identify them here. */
        r->el = malloc(n * sizeof *r->el);
        if (!r->el)
            return odc_err_set(err, ODC_ENOMEM, sc->file, k->line, k->col, NULL,
                               "out of memory");
        odc_err e;
        odc_err_clear(&e);
        if (odc_constellation_to_elements(&r->c, k->first_norad ? k->first_norad : 1, k->name,
                                          r->el, &e))
            return entry_err(err, sc, i, &e);
    }
    r->rec = calloc(n, sizeof *r->rec);
    if (!r->rec)
        return odc_err_set(err, ODC_ENOMEM, sc->file, k->line, k->col, NULL, "out of memory");
    for (size_t s = 0; s < r->n; s++) {
        odc_err e;
        odc_err_clear(&e);
        /* WGS-72 and the 'improved' operation mode: the constants the
         * element sets are fitted with, and Vallado et al. (2006)'s
         * recommended mode. */
        int rc = odc_sgp4_init(&r->rec[s], &r->el[s], ODC_WGS72, 'i', &e);
        if (rc != ODC_OK || r->rec[s].init_error) {
            odc_run_failure *f = realloc(res->fail, (res->n_fail + 1) * sizeof *f);
            if (!f)
                return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
            res->fail = f;
            f += res->n_fail++;
            memset(f, 0, sizeof *f);
            f->cons = i;
            f->sat = s;
            f->norad = designed && !k->first_norad ? 0 : r->el[s].norad;
            f->code = rc != ODC_OK ? rc : r->rec[s].init_error;
            snprintf(f->msg, sizeof f->msg, "SGP4 initialisation: %.130s",
                     rc != ODC_OK ? e.msg : odc_sgp4_strerror(r->rec[s].init_error));
            r->dead[s] = 1;
        }
    }
    return ODC_OK;
}

int odc_scenario_check_designed(const odc_scenario *sc, odc_diag *diag)
{
    size_t before = diag->n;
    for (size_t i = 0; i < sc->n_cons; i++) {
        /* Only entries that loaded cleanly, with a valid epoch: the
         * others already have their problems reported. */
        if (sc->cons[i].type > ODC_CONS_CLUSTER || !sc->cons[i].valid ||
            sc->time.epoch_jd1 == 0.0)
            continue;
        cons_rt r;
        odc_err e;
        odc_err_clear(&e);
        memset(&r, 0, sizeof r);
        if (build_designed(sc, i, &r, &e) != ODC_OK)
            odc_diag_add_err(diag, &e);
        odc_constellation_free(&r.c);
    }
    return diag->n > before ? ODC_EINPUT : ODC_OK;
}

static long sat_norad(const odc_scenario_cons *k, const cons_rt *r, size_t s)
{
    if (k->type == ODC_CONS_TLE || k->type == ODC_CONS_OMM)
        return r->el[s].norad;
    return k->first_norad ? k->first_norad + (long)s : 0;
}

static void norad_str(long norad, char *buf, size_t n)
{
    if (norad > 0)
        snprintf(buf, n, "%ld", norad);
    else
        buf[0] = '\0';
}

static void fail_sat(odc_run_result *res, size_t ci, size_t s, long norad, double t_s,
                     int code)
{
    odc_run_failure *f = realloc(res->fail, (res->n_fail + 1) * sizeof *f);
    if (!f)
        return;  /* the satellite is still dropped; only the record is lost */
    res->fail = f;
    f += res->n_fail++;
    memset(f, 0, sizeof *f);
    f->cons = ci;
    f->sat = s;
    f->norad = norad;
    f->t_s = t_s;
    f->code = code;
    snprintf(f->msg, sizeof f->msg, "SGP4 error %d (%s)", code, odc_sgp4_strerror(code));
}

/* Osculating-free element summary for satellites.csv. */
typedef struct sat_el {
    double a_km, ecc, incl_deg, raan_deg, argp_deg, ma_deg, n_rev_day, period_min;
    int    plane;
    double jd1, jd2;
} sat_el;

static double wrap360(double d)
{
    d = fmod(d, 360.0);
    return d < 0 ? d + 360.0 : d;
}

static void sat_elements(const odc_scenario_cons *k, const cons_rt *r, size_t s, sat_el *o)
{
    memset(o, 0, sizeof *o);
    if (k->type <= ODC_CONS_CLUSTER) {
        const odc_constellation *c = &r->c;
        double a = c->a_km[s];
        o->a_km = a;
        o->ecc = c->ecc[s];
        o->incl_deg = c->incl_rad[s] * RAD2DEG;
        o->raan_deg = wrap360(c->raan_rad[s] * RAD2DEG);
        o->argp_deg = wrap360(c->argp_rad[s] * RAD2DEG);
        o->ma_deg = wrap360(c->mean_anom_rad[s] * RAD2DEG);
        o->period_min = TWO_PI * sqrt(a * a * a / ODC_MU_EARTH_KM3_S2) / 60.0;
        o->n_rev_day = 1440.0 / o->period_min;
        o->plane = c->plane ? c->plane[s] : 0;
        o->jd1 = c->epoch_jd;
        o->jd2 = c->epoch_jd_frac;
    } else {
        const odc_elements *e = &r->el[s];
        o->ecc = e->ecc;
        o->incl_deg = e->incl_deg;
        o->raan_deg = e->raan_deg;
        o->argp_deg = e->argp_deg;
        o->ma_deg = e->mean_anomaly_deg;
        o->n_rev_day = e->mean_motion_rev_day;
        o->jd1 = e->epoch_jd;
        o->jd2 = e->epoch_jd_frac;
        /* SGP4's own (un-Kozaied) mean semi-major axis and period when the
         * record initialised, else Kepler's third law on the TLE's n. */
        if (r->rec && !r->rec[s].unusable && r->rec[s].no_unkozai > 0) {
            o->a_km = r->rec[s].a * r->rec[s].gc.radius_km;
            o->period_min = TWO_PI / r->rec[s].no_unkozai;
        } else if (e->mean_motion_rev_day > 0) {
            double nrad = e->mean_motion_rev_day * TWO_PI / 86400.0;
            o->a_km = cbrt(ODC_MU_EARTH_KM3_S2 / (nrad * nrad));
            o->period_min = 1440.0 / e->mean_motion_rev_day;
        }
    }
}

/* The writers below fill an open odc_afile; odc_scenario_run commits all
 * the results files together once every one is written. */
static void write_satellites(const odc_scenario *sc, cons_rt *rt, odc_afile *af)
{
    fprintf(af->fp, "constellation,sat,norad,name,plane,epoch_utc,a_km,ecc,incl_deg,raan_deg,"
                   "argp_deg,mean_anomaly_deg,mean_motion_rev_day,period_min,perigee_alt_km,"
                   "apogee_alt_km,propagator\n");
    for (size_t i = 0; i < sc->n_cons; i++) {
        const odc_scenario_cons *k = &sc->cons[i];
        for (size_t s = 0; s < rt[i].n; s++) {
            sat_el o;
            char nb[24], ep[40], name[96];
            sat_elements(k, &rt[i], s, &o);
            norad_str(sat_norad(k, &rt[i], s), nb, sizeof nb);
            if (odc_time_format_iso(o.jd1, o.jd2, 6, ep, sizeof ep))
                snprintf(ep, sizeof ep, "?");
            if (k->type <= ODC_CONS_CLUSTER)
                snprintf(name, sizeof name, "%s-%zu", k->name, s + 1);
            else {
                /* A name with a comma or quote is quoted as CSV wants. */
                const char *nm = rt[i].el[s].name;
                if (strpbrk(nm, ",\"")) {
                    size_t j = 0;
                    name[j++] = '"';
                    for (const char *p = nm; *p && j < sizeof name - 3; p++) {
                        if (*p == '"')
                            name[j++] = '"';
                        name[j++] = *p;
                    }
                    name[j++] = '"';
                    name[j] = '\0';
                } else
                    snprintf(name, sizeof name, "%s", nm);
            }
            if (o.period_min > rt[i].per_max)
                rt[i].per_max = o.period_min;
            if (o.period_min < rt[i].per_min)
                rt[i].per_min = o.period_min;
            fprintf(af->fp, "%s,%zu,%s,%s,%d,%s,%.6f,%.8f,%.6f,%.6f,%.6f,%.6f,%.8f,%.6f,%.3f,%.3f,%s\n",
                    k->name, s, nb, name, o.plane, ep, o.a_km, o.ecc, o.incl_deg, o.raan_deg,
                    o.argp_deg, o.ma_deg, o.n_rev_day, o.period_min,
                    o.a_km * (1 - o.ecc) - ODC_RE_EARTH_KM, o.a_km * (1 + o.ecc) - ODC_RE_EARTH_KM,
                    odc_propagator_name(k->propagator));
        }
    }
}

static void write_copy(const odc_scenario *sc, odc_afile *af)
{
    fwrite(sc->text, 1, sc->text_len, af->fp);
}

static void write_summary(const odc_scenario *sc, const cons_rt *rt, const odc_run_result *res,
                          odc_afile *af)
{
    FILE *f = af->fp;
    char t0[40], t1[40];
    double span_d = (double)(res->n_steps ? res->n_steps - 1 : 0) * sc->time.step_s / 86400.0;
    odc_time_format_iso(sc->time.epoch_jd1, sc->time.epoch_jd2, 3, t0, sizeof t0);
    odc_time_format_iso(sc->time.epoch_jd1, sc->time.epoch_jd2 + span_d, 3, t1, sizeof t1);
    fprintf(f, "odcsim run: scenario '%s'\n", sc->name);
    fprintf(f, "input:        %s (copied to scenario.yaml)\n", sc->file);
    fprintf(f, "time:         %s to %s, step %g s, %zu steps (span %g s)\n", t0, t1,
            sc->time.step_s, res->n_steps, span_d * 86400.0);
    fprintf(f, "frame:        %s\n", odc_frame_name(sc->output.frame));
    fprintf(f, "satellites:   %zu in %zu constellation%s, %zu failed\n", res->n_sat, sc->n_cons,
            sc->n_cons == 1 ? "" : "s", res->n_fail);
    fprintf(f, "results:      %s/\n", res->out_dir);
    if (sc->output.ephemeris)
        fprintf(f, "  ephemeris.csv   %zu rows: constellation,sat,norad,utc,t_s,x_km,y_km,z_km,"
                   "vx_km_s,vy_km_s,vz_km_s\n", res->n_rows);
    else
        fprintf(f, "  ephemeris.csv   not written (output.ephemeris: false)\n");
    fprintf(f, "  satellites.csv  %zu rows: mean elements at epoch, one per satellite\n",
            res->n_sat);
    fprintf(f, "  scenario.yaml   the input, byte for byte\n");
    fprintf(f, "  summary.txt     this file\n");
    for (size_t i = 0; i < sc->n_cons; i++) {
        const odc_scenario_cons *k = &sc->cons[i];
        const cons_rt *r = &rt[i];
        fprintf(f, "\nconstellation '%s': type %s, propagator %s, %zu satellites\n", k->name,
                odc_cons_type_name(k->type), odc_propagator_name(k->propagator), r->n);
        switch (k->type) {
        case ODC_CONS_WALKER:
            fprintf(f, "  walker %s %g deg: %d/%d/%d at %g km, first node %g deg\n",
                    k->walker.star ? "star" : "delta", k->walker.incl_deg, k->walker.t,
                    k->walker.p, k->walker.f, k->walker.alt_km, k->walker.raan0_deg);
            break;
        case ODC_CONS_SSO:
            fprintf(f, "  sun-synchronous at %g km, LTAN %g h, inclination %.4f deg\n",
                    k->sso.alt_km, k->sso.ltan_h, r->n ? r->c.incl_rad[0] * RAD2DEG : 0.0);
            break;
        case ODC_CONS_CLUSTER:
            fprintf(f, "  cluster within %g m, lattice spacing %.1f m (minimum %g m), "
                       "reference SSO at %g km, LTAN %g h, inclination %.4f deg\n",
                    k->cluster.radius_m, r->spacing_m, k->cluster.min_spacing_m,
                    k->cluster.alt_km, k->cluster.ltan_h,
                    r->n ? r->c.incl_rad[0] * RAD2DEG : 0.0);
            if (r->dmin_m < INFINITY)
                fprintf(f, "  over the run: closest pair %.1f m, farthest from the centre "
                           "satellite %.1f m\n", r->dmin_m, r->dref_max_m);
            break;
        default:
            fprintf(f, "  element sets from %s\n", k->elset.path);
        }
        if (r->per_min <= r->per_max)
            fprintf(f, "  period (mean elements):     %.3f to %.3f min\n", r->per_min,
                    r->per_max);
        if (r->alt_min <= r->alt_max)
            fprintf(f, "  altitude (WGS-84, sampled): %.3f to %.3f km\n", r->alt_min,
                    r->alt_max);
    }
    if (res->n_fail) {
        fprintf(f, "\nfailed satellites (dropped from later steps):\n");
        for (size_t j = 0; j < res->n_fail; j++) {
            const odc_run_failure *x = &res->fail[j];
            fprintf(f, "  %s sat %zu (norad %ld) at t = %.1f s: %s\n", sc->cons[x->cons].name,
                    x->sat, x->norad, x->t_s, x->msg);
        }
    }
}

/* Closest pair and largest distance from the reference (satellite 0, the
 * cluster centre) at this step: checks that the formation holds its
 * spacing and radius under the chosen propagator. O(n^2) per step. */
static void cluster_stats(cons_rt *r)
{
    for (size_t a = 0; a < r->n; a++) {
        if (r->dead[a])
            continue;
        for (size_t b = a + 1; b < r->n; b++) {
            if (r->dead[b])
                continue;
            double dx = r->x[a] - r->x[b], dy = r->y[a] - r->y[b], dz = r->z[a] - r->z[b];
            double d = sqrt(dx * dx + dy * dy + dz * dz) * 1000.0;
            if (d < r->dmin_m)
                r->dmin_m = d;
            if (a == 0 && d > r->dref_max_m)
                r->dref_max_m = d;
        }
    }
}

/* The TEME -> ITRF and TEME -> GCRS maps of one instant as 6x6 matrices on
 * (r, v). Both maps (rotations and Earth-rate cross products,
 * odc_teme_to_itrf, odc_teme_to_gcrs) are linear in (r, v), so their
 * columns are the images of the unit vectors: six calls per step instead
 * of one per satellite (about 40 us of ERFA each for GCRS). */
static int frame_matrix(int gcrs, double jd1, double jd2, double ut1_1, double ut1_2,
                        double m[6][6], odc_err *err)
{
    for (int j = 0; j < 6; j++) {
        double r[3] = {0, 0, 0}, v[3] = {0, 0, 0}, ro[3], vo[3];
        if (j < 3)
            r[j] = 1.0;
        else
            v[j - 3] = 1.0;
        if (gcrs) {
            int rc = odc_teme_to_gcrs(r, v, jd1, jd2, 0.0, 0.0, 0.0, ro, vo, err);
            if (rc)
                return rc;
        } else
            odc_teme_to_itrf(r, v, ut1_1, ut1_2, 0.0, 0.0, ro, vo);
        for (int i = 0; i < 3; i++) {
            m[i][j] = ro[i];
            m[i + 3][j] = vo[i];
        }
    }
    return ODC_OK;
}

static void apply6(const double m[6][6], const double r[3], const double v[3], double ro[3],
                   double vo[3])
{
    for (int q = 0; q < 3; q++) {
        ro[q] = m[q][0] * r[0] + m[q][1] * r[1] + m[q][2] * r[2] + m[q][3] * v[0] +
                m[q][4] * v[1] + m[q][5] * v[2];
        vo[q] = m[q + 3][0] * r[0] + m[q + 3][1] * r[1] + m[q + 3][2] * r[2] +
                m[q + 3][3] * v[0] + m[q + 3][4] * v[1] + m[q + 3][5] * v[2];
    }
}

/* Propagate constellation r to t_s (TEME, km, km/s); marks failures. */
static void step_cons(const odc_scenario *sc, size_t ci, cons_rt *r, double jd1, double jd2,
                      double t_s, odc_run_result *res)
{
    if (!r->use_sgp4) {
        odc_constellation_propagate(&r->c, t_s, r->use_j2, r->x, r->y, r->z, r->vx, r->vy,
                                    r->vz);
        return;
    }
    for (size_t s = 0; s < r->n; s++) {
        if (r->dead[s])
            continue;
        double rr[3], vv[3];
        double tsince = odc_sgp4_tsince_min(&r->rec[s], jd1, jd2);
        int rc = odc_sgp4_propagate(&r->rec[s], tsince, rr, vv);
        if (rc != ODC_SGP4_OK) {
            r->dead[s] = 1;
            fail_sat(res, ci, s, sat_norad(&sc->cons[ci], r, s), t_s, rc);
            continue;
        }
        r->x[s] = rr[0];
        r->y[s] = rr[1];
        r->z[s] = rr[2];
        r->vx[s] = vv[0];
        r->vy[s] = vv[1];
        r->vz[s] = vv[2];
    }
}

int odc_scenario_run(const odc_scenario *sc, const odc_elset_list *sets,
                     const odc_run_opts *opt, odc_run_result *res, odc_err *err)
{
    odc_run_opts none = {0};
    if (!opt)
        opt = &none;
    memset(res, 0, sizeof *res);
    snprintf(res->out_dir, sizeof res->out_dir, "%s", opt->out_dir ? opt->out_dir : sc->output.dir);
    cons_rt *rt = calloc(sc->n_cons ? sc->n_cons : 1, sizeof *rt);
    if (!rt)
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    int rc = ODC_OK;
    odc_afile eph, aux[3];
    memset(&eph, 0, sizeof eph);
    memset(aux, 0, sizeof aux);
    for (size_t i = 0; i < sc->n_cons && rc == ODC_OK; i++) {
        rc = build(sc, sets, i, &rt[i], res, err);
        res->n_sat += rt[i].n;
    }
    if (rc)
        goto out;
    if ((rc = odc_mkdir_p(res->out_dir, err)))
        goto out;
    char path[ODC_SCENARIO_PATH_MAX + 32];
    if (sc->output.ephemeris) {
        snprintf(path, sizeof path, "%s/ephemeris.csv", res->out_dir);
        if ((rc = odc_afile_open(&eph, path, err)))
            goto out;
        fprintf(eph.fp, "constellation,sat,norad,utc,t_s,x_km,y_km,z_km,vx_km_s,vy_km_s,"
                        "vz_km_s\n");
    }
    res->n_steps = (size_t)floor(sc->time.duration_s / sc->time.step_s + 1e-9) + 1;
    for (size_t k = 0; k < res->n_steps; k++) {
        if (opt->cancel && *opt->cancel) {
            rc = odc_err_set(err, ODC_EIO, res->out_dir, 0, 0, NULL,
                             "interrupted at step %zu of %zu; no results written", k,
                             res->n_steps);
            goto out;
        }
        double t_s = (double)k * sc->time.step_s;
        double jd1 = sc->time.epoch_jd1, jd2 = sc->time.epoch_jd2 + t_s / 86400.0;
        char utc[40];
        odc_time_format_iso(jd1, jd2, 3, utc, sizeof utc);
        double ut1_1, ut1_2;
        odc_err e;
        /* UT1-UTC taken as 0 (|UT1-UTC| < 0.9 s by definition). */
        double m_itrf[6][6], m_gcrs[6][6];
        odc_err_clear(&e);
        if (odc_utc_to_ut1(jd1, jd2, 0.0, &ut1_1, &ut1_2, &e) ||
            frame_matrix(0, jd1, jd2, ut1_1, ut1_2, m_itrf, &e) ||
            (sc->output.frame == ODC_FRAME_GCRS &&
             frame_matrix(1, jd1, jd2, ut1_1, ut1_2, m_gcrs, &e))) {
            rc = odc_err_set(err, e.code, sc->file, 0, 0, "time", "%s", e.msg);
            goto out;
        }
        for (size_t i = 0; i < sc->n_cons; i++) {
            cons_rt *r = &rt[i];
            const odc_scenario_cons *kc = &sc->cons[i];
            step_cons(sc, i, r, jd1, jd2, t_s, res);
            if (kc->type == ODC_CONS_CLUSTER)
                cluster_stats(r);
            for (size_t s = 0; s < r->n; s++) {
                if (r->dead[s])
                    continue;
                double rt_[3] = {r->x[s], r->y[s], r->z[s]};
                double vt[3] = {r->vx[s], r->vy[s], r->vz[s]};
                double ri[3], vi[3], lat, lon, h;
                apply6(m_itrf, rt_, vt, ri, vi);
                odc_itrf_to_geodetic(ri, &lat, &lon, &h);
                if (h < r->alt_min)
                    r->alt_min = h;
                if (h > r->alt_max)
                    r->alt_max = h;
                if (!eph.fp)
                    continue;
                const double *po = rt_, *vo = vt;
                double rg[3], vg[3];
                if (sc->output.frame == ODC_FRAME_ITRF) {
                    po = ri;
                    vo = vi;
                } else if (sc->output.frame == ODC_FRAME_GCRS) {
                    apply6(m_gcrs, rt_, vt, rg, vg);
                    po = rg;
                    vo = vg;
                }
                char nb[24];
                norad_str(sat_norad(kc, r, s), nb, sizeof nb);
                fprintf(eph.fp, "%s,%zu,%s,%s,%.3f,%.6f,%.6f,%.6f,%.9f,%.9f,%.9f\n", kc->name, s,
                        nb, utc, t_s, po[0], po[1], po[2], vo[0], vo[1], vo[2]);
                res->n_rows++;
            }
        }
        if (opt->progress)
            opt->progress(opt->progress_ctx, k + 1, res->n_steps);
    }
    /* Write every file to its temporary first and rename them only when
     * all are complete, so a failed run never leaves a new ephemeris beside
     * the summary of an older run (the renames are the only window). */
    static const char *const aux_name[3] = {"satellites.csv", "scenario.yaml", "summary.txt"};
    for (int j = 0; j < 3; j++) {
        snprintf(path, sizeof path, "%s/%s", res->out_dir, aux_name[j]);
        if ((rc = odc_afile_open(&aux[j], path, err)))
            goto out;
    }
    write_satellites(sc, rt, &aux[0]);
    write_copy(sc, &aux[1]);
    write_summary(sc, rt, res, &aux[2]);
    if (eph.fp && (rc = odc_afile_commit(&eph, err)))
        goto out;
    for (int j = 0; j < 3 && rc == ODC_OK; j++)
        rc = odc_afile_commit(&aux[j], err);
out:
    odc_afile_abort(&eph);
    for (int j = 0; j < 3; j++)
        odc_afile_abort(&aux[j]);
    for (size_t i = 0; i < sc->n_cons; i++)
        rt_free(&rt[i], &sc->cons[i]);
    free(rt);
    return rc;
}

void odc_run_result_free(odc_run_result *res)
{
    free(res->fail);
    memset(res, 0, sizeof *res);
}
