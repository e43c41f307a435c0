/* Scenario sections of the decision tools: economics, terrestrial and grid
 * (every numeric key is a parameter of odc/decide.h's table, stored as
 * (path, value) after its range check), uncertainty (distributions keyed
 * by parameter path) and sweep (axes of parameter values). Every problem
 * is reported with line, column and the dotted field path, like the rest
 * of the scenario loader (scenario.c). */
#include "scenario_decide_internal.h"
#include "odc/decide.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dctx {
    yaml_document_t *doc;
    const char      *file;
    odc_diag        *d;
    odc_scenario    *sc;
} dctx;

static int ln(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }
static int cl(const yaml_node_t *n) { return (int)n->start_mark.column + 1; }

static void problem(dctx *c, const yaml_node_t *n, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(dctx *c, const yaml_node_t *n, const char *path, const char *fmt, ...)
{
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    odc_diag_add(c->d, c->file, n ? ln(n) : 0, n ? cl(n) : 0, path, "%s", msg);
}

static yaml_node_t *node(dctx *c, int id) { return yaml_document_get_node(c->doc, id); }
static const char *sval(const yaml_node_t *n) { return (const char *)n->data.scalar.value; }

static int is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = sval(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

static const char *got(const yaml_node_t *n, char *buf, size_t len)
{
    if (n->type == YAML_MAPPING_NODE)
        snprintf(buf, len, "a mapping");
    else if (n->type == YAML_SEQUENCE_NODE)
        snprintf(buf, len, "a list");
    else if (is_null(n))
        snprintf(buf, len, "nothing (null)");
    else
        snprintf(buf, len, "%s'%.40s'",
                 n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "" : "quoted string ",
                 sval(n));
    return buf;
}

/* A plain decimal number, as scenario.c reads them (no quotes, hex, inf,
 * nan). */
static int get_num(dctx *c, yaml_node_t *n, const char *path, const char *want, double *out)
{
    char gb[96];
    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        !is_null(n)) {
        const char *s = sval(n);
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end != s && !*end && errno != ERANGE && isfinite(v) && !strpbrk(s, "xXnN")) {
            *out = v;
            return 1;
        }
    }
    problem(c, n, path, "expected %s, got %s", want, got(n, gb, sizeof gb));
    return 0;
}

/* Numeric parameter: number, then the table's range. */
static int get_param(dctx *c, yaml_node_t *n, const odc_param *p, double *out)
{
    char want[160];
    if (!strcmp(p->unit, "1"))
        snprintf(want, sizeof want, "a number");
    else
        snprintf(want, sizeof want, "a number (%s)", p->unit);
    if (!get_num(c, n, p->path, want, out))
        return 0;
    odc_err e = {0};
    if (odc_param_check(p, *out, &e)) {
        problem(c, n, p->path, "%s", e.msg);
        return 0;
    }
    return 1;
}

/* ---- string keys and lists of the sections ------------------------------ */

static const char *const POWER_WORDS[] = {"grid", "gas", "fuel_cell", "solar_storage"};
static const char *const ORBIT_WORDS[] = {"leo", "sso"};

typedef struct skey {
    const char *path;
    size_t      off;           /* odc_scn_name in odc_scenario_decide */
    const char *const *words;  /* fixed words, or NULL (a catalog name) */
    int         nwords;
    const char *what;
} skey;

#define S(path, f, w, nw, what) {path, offsetof(odc_scenario_decide, f), w, nw, what}
static const skey SKEYS[] = {
    S("economics.vehicle", vehicle, NULL, 0, "a launch vehicle of data/launch_vehicles.json"),
    S("economics.orbit", orbit, ORBIT_WORDS, 2, "leo or sso (which payload of the vehicle)"),
    S("terrestrial.site", site, NULL, 0, "a site of data/terrestrial_sites.json"),
    S("terrestrial.power", power, POWER_WORDS, 4, "grid, gas, fuel_cell or solar_storage"),
    S("grid.reference", grid_ref, NULL, 0, "a grid of data/grids.json"),
    S("grid.battery.unit", battery_unit, NULL, 0, "a battery unit of data/grids.json"),
};
#undef S
#define NSKEYS (sizeof SKEYS / sizeof SKEYS[0])
static const char *const LIST_KEYS[] = {"grid.lvrt.dips"};

/* 1 if some known path starts with prefix + ".". */
static int is_prefix(const char *prefix)
{
    size_t n, l = strlen(prefix);
    const odc_param *t = odc_param_table(&n);
    for (size_t i = 0; i < n; i++)
        if (!strncmp(t[i].path, prefix, l) && t[i].path[l] == '.')
            return 1;
    for (size_t i = 0; i < NSKEYS; i++)
        if (!strncmp(SKEYS[i].path, prefix, l) && SKEYS[i].path[l] == '.')
            return 1;
    return !strncmp(LIST_KEYS[0], prefix, l) && LIST_KEYS[0][l] == '.';
}

/* Nearest key at the same level: the next path segment of every parameter,
 * string key and list under prefix (e.g. "economics.satellite" for
 * "economics.satelite"). */
static const char *suggest(const char *path, const char *prefix, char *buf, size_t len)
{
    size_t n, pl = strlen(prefix);
    const odc_param *t = odc_param_table(&n);
    int best = 1 << 30;
    buf[0] = '\0';
    for (size_t i = 0; i < n + NSKEYS + 1; i++) {
        const char *c = i < n ? t[i].path : i < n + NSKEYS ? SKEYS[i - n].path : LIST_KEYS[0];
        if (strncmp(c, prefix, pl) || c[pl] != '.')
            continue;
        const char *dot = strchr(c + pl + 1, '.');
        size_t l = dot ? (size_t)(dot - c) : strlen(c);
        char cand[128];
        snprintf(cand, sizeof cand, "%.*s", (int)l, c);
        int dd = odc_edit_distance(path, cand);
        if (dd < best) {
            best = dd;
            snprintf(buf, len, "%s", cand);
        }
    }
    int lim = (int)strlen(path + pl) / 3;
    return buf[0] && best <= (lim < 2 ? 2 : lim) ? buf : NULL;
}

static void parse_dips(dctx *c, yaml_node_t *n, const char *path)
{
    char gb[96];
    odc_scenario_decide *D = &c->sc->decide;
    if (n->type != YAML_SEQUENCE_NODE) {
        problem(c, n, path, "expected a list of [t_s, v_pu] pairs, got %s", got(n, gb, sizeof gb));
        return;
    }
    size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (cnt > ODC_SCN_DIPS_MAX) {
        problem(c, n, path, "expected at most %d dips, got %zu", ODC_SCN_DIPS_MAX, cnt);
        return;
    }
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *e = node(c, n->data.sequence.items.start[i]);
        char p[128];
        snprintf(p, sizeof p, "%s[%zu]", path, i);
        if (e->type != YAML_SEQUENCE_NODE || e->data.sequence.items.top -
                                                     e->data.sequence.items.start != 2) {
            problem(c, e, p, "expected a pair [t_s, v_pu], got %s", got(e, gb, sizeof gb));
            continue;
        }
        double t, v;
        if (!get_num(c, node(c, e->data.sequence.items.start[0]), p, "a time in s", &t) ||
            !get_num(c, node(c, e->data.sequence.items.start[1]), p, "a voltage in pu", &v))
            continue;
        if (v < 0 || (D->n_dips && t < D->dip_t_s[D->n_dips - 1])) {
            problem(c, e, p, "expected ascending times and a voltage >= 0 pu, got [%g, %g]", t, v);
            continue;
        }
        D->dip_t_s[D->n_dips] = t;
        D->dip_v_pu[D->n_dips++] = v;
    }
}

/* Walk a mapping of parameters under prefix. */
static void parse_params(dctx *c, yaml_node_t *n, const char *prefix)
{
    char gb[96];
    odc_scenario_decide *D = &c->sc->decide;
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, prefix, "expected a mapping of keys, got %s", got(n, gb, sizeof gb));
        return;
    }
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = node(c, pr->key), *v = node(c, pr->value);
        if (k->type != YAML_SCALAR_NODE) {
            problem(c, k, prefix, "expected a key name, got %s", got(k, gb, sizeof gb));
            continue;
        }
        char path[160];
        if (snprintf(path, sizeof path, "%s.%s", prefix, sval(k)) >= 96) {
            problem(c, k, prefix, "expected a known key, got an over-long key");
            continue;
        }
        /* repeated key */
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < pr; q++) {
            yaml_node_t *kq = node(c, q->key);
            if (kq->type == YAML_SCALAR_NODE && !strcmp(sval(kq), sval(k))) {
                problem(c, k, path, "expected each key once, got a second '%s' (first on line %d)",
                        sval(k), ln(kq));
                goto next;
            }
        }
        const odc_param *p = odc_param_find(path);
        if (p) {
            double x;
            if (get_param(c, v, p, &x)) {
                if (D->n_nums >= ODC_SCN_NUMS_MAX) {
                    problem(c, v, path, "expected at most %d numeric keys", ODC_SCN_NUMS_MAX);
                    continue;
                }
                odc_scn_num *o = &D->nums[D->n_nums++];
                snprintf(o->path, sizeof o->path, "%.95s", path);
                o->value = x;
                o->line = ln(v);
                o->col = cl(v);
            }
            continue;
        }
        for (size_t i = 0; i < NSKEYS; i++)
            if (!strcmp(SKEYS[i].path, path)) {
                odc_scn_name *o = (odc_scn_name *)((char *)D + SKEYS[i].off);
                int ok = v->type == YAML_SCALAR_NODE && !is_null(v) &&
                         v->data.scalar.length > 0 && v->data.scalar.length < sizeof o->value;
                if (ok && SKEYS[i].words) {
                    ok = 0;
                    for (int w = 0; w < SKEYS[i].nwords; w++)
                        ok |= !strcmp(sval(v), SKEYS[i].words[w]);
                }
                if (!ok)
                    problem(c, v, path, "expected %s, got %s", SKEYS[i].what, got(v, gb, sizeof gb));
                else {
                    snprintf(o->value, sizeof o->value, "%s", sval(v));
                    o->line = ln(v);
                    o->col = cl(v);
                }
                goto next;
            }
        if (!strcmp(path, LIST_KEYS[0])) {
            parse_dips(c, v, path);
            continue;
        }
        if (is_prefix(path)) {
            parse_params(c, v, path);
            continue;
        }
        {
            char sb[128];
            const char *s = suggest(path, prefix, sb, sizeof sb);
            if (s)
                problem(c, k, path, "expected a known key, got unknown key '%s' (did you mean '%s'?)",
                        sval(k), s);
            else
                problem(c, k, path,
                        "expected a known key of %s (see docs/decisions.md), got unknown key '%s'",
                        prefix, sval(k));
        }
    next:;
    }
}

/* Unknown parameter path (in uncertainty/sweep): message with suggestion. */
static const odc_param *param_of(dctx *c, yaml_node_t *n, const char *field, const char *path,
                                 int grid_ok)
{
    const odc_param *p = odc_param_find(path);
    if (p && (p->model == ODC_PARAM_ECON || grid_ok))
        return p;
    if (p)
        problem(c, n, field,
                "expected a parameter of economics or terrestrial (Monte Carlo outputs are "
                "costs), got grid parameter '%s'", path);
    else {
        const char *s = odc_param_suggest(path);
        if (s)
            problem(c, n, field, "expected a parameter path, got unknown '%s' (did you mean '%s'?)",
                    path, s);
        else
            problem(c, n, field,
                    "expected a parameter path like economics.launch.price_per_kg_usd, got "
                    "unknown '%s'", path);
    }
    return NULL;
}

/* ---- uncertainty ----------------------------------------------------------- */

static void parse_uncertainty(dctx *c, yaml_node_t *n)
{
    char gb[96];
    odc_scenario_decide *D = &c->sc->decide;
    static const char *const DWORDS[] = {"normal", "lognormal", "uniform", "triangular"};
    static const char *const DKEYS[4][3] = {{"mean", "sd", NULL},
                                            {"median", "sigma", NULL},
                                            {"min", "max", NULL},
                                            {"min", "mode", "max"}};
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, "uncertainty",
                "expected a mapping of parameter path: {dist: ..., ...}, got %s",
                got(n, gb, sizeof gb));
        return;
    }
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = node(c, pr->key), *v = node(c, pr->value);
        if (k->type != YAML_SCALAR_NODE) {
            problem(c, k, "uncertainty", "expected a parameter path, got %s", got(k, gb, sizeof gb));
            continue;
        }
        char field[160];
        snprintf(field, sizeof field, "uncertainty.%.96s", sval(k));
        const odc_param *p = param_of(c, k, field, sval(k), 0);
        if (!p)
            continue;
        for (size_t i = 0; i < D->n_dists; i++)
            if (!strcmp(D->dists[i].path, p->path)) {
                problem(c, k, field, "expected each parameter once, got '%s' again (line %d)",
                        p->path, D->dists[i].line);
                p = NULL;
                break;
            }
        if (!p)
            continue;
        if (v->type != YAML_MAPPING_NODE) {
            problem(c, v, field, "expected a mapping {dist: normal|lognormal|uniform|triangular, ...}, got %s",
                    got(v, gb, sizeof gb));
            continue;
        }
        yaml_node_t *dn = NULL;
        for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++)
            if (node(c, q->key)->type == YAML_SCALAR_NODE && !strcmp(sval(node(c, q->key)), "dist"))
                dn = node(c, q->value);
        char f2[240];
        snprintf(f2, sizeof f2, "%s.dist", field);
        if (!dn) {
            problem(c, v, f2, "expected a distribution (dist: normal, lognormal, uniform or "
                              "triangular), got no 'dist' key");
            continue;
        }
        int type = -1;
        for (int i = 0; i < 4; i++)
            if (dn->type == YAML_SCALAR_NODE && !strcmp(sval(dn), DWORDS[i]))
                type = i;
        if (type < 0) {
            problem(c, dn, f2, "expected normal, lognormal, uniform or triangular, got %s",
                    got(dn, gb, sizeof gb));
            continue;
        }
        double val[3] = {0, 0, 0};
        int have[3] = {0, 0, 0}, bad = 0;
        for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
            yaml_node_t *qk = node(c, q->key), *qv = node(c, q->value);
            if (qk->type != YAML_SCALAR_NODE || !strcmp(sval(qk), "dist"))
                continue;
            snprintf(f2, sizeof f2, "%s.%.40s", field, sval(qk));
            int slot = -1;
            for (int j = 0; j < 3; j++)
                if (DKEYS[type][j] && !strcmp(sval(qk), DKEYS[type][j]))
                    slot = j;
            if (slot < 0) {
                problem(c, qk, f2, "expected the keys of a %s distribution (%s, %s%s%s), got '%s'",
                        DWORDS[type], DKEYS[type][0], DKEYS[type][1], DKEYS[type][2] ? ", " : "",
                        DKEYS[type][2] ? DKEYS[type][2] : "", sval(qk));
                bad = 1;
                continue;
            }
            if (have[slot]) {
                problem(c, qk, f2, "expected each key once, got a second '%s'", sval(qk));
                bad = 1;
                continue;
            }
            if (get_num(c, qv, f2, "a number", &val[slot]))
                have[slot] = 1;
            else
                bad = 1;
        }
        for (int j = 0; j < 3; j++)
            if (DKEYS[type][j] && !have[j] && !bad) {
                snprintf(f2, sizeof f2, "%s.%s", field, DKEYS[type][j]);
                problem(c, v, f2, "expected '%s' for a %s distribution, got no '%s' key",
                        DKEYS[type][j], DWORDS[type], DKEYS[type][j]);
                bad = 1;
            }
        if (bad)
            continue;
        odc_dist dd = {p, (odc_dist_type)type, val[0], val[1], val[2]};
        odc_err e = {0};
        if (odc_dist_check(&dd, &e)) {
            problem(c, v, field, "%s", e.msg);
            continue;
        }
        if (D->n_dists >= ODC_SCN_DISTS_MAX) {
            problem(c, k, field, "expected at most %d uncertain parameters", ODC_SCN_DISTS_MAX);
            continue;
        }
        odc_scn_dist *o = &D->dists[D->n_dists++];
        snprintf(o->path, sizeof o->path, "%.95s", p->path);
        o->type = type;
        o->a = val[0];
        o->b = val[1];
        o->c = val[2];
        o->line = ln(k);
        o->col = cl(k);
    }
}

/* ---- sweep ----------------------------------------------------------------- */

static void parse_axis(dctx *c, yaml_node_t *n, const char *field)
{
    char gb[96], f2[160];
    odc_scenario_decide *D = &c->sc->decide;
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, field, "expected {param: PATH, range: [start, stop, n]} or {param: PATH, "
                             "values: [...]}, got %s", got(n, gb, sizeof gb));
        return;
    }
    yaml_node_t *pn = NULL, *rn = NULL, *vn = NULL;
    for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < n->data.mapping.pairs.top; q++) {
        yaml_node_t *qk = node(c, q->key), *qv = node(c, q->value);
        const char *ks = qk->type == YAML_SCALAR_NODE ? sval(qk) : "";
        if (!strcmp(ks, "param"))
            pn = qv;
        else if (!strcmp(ks, "range"))
            rn = qv;
        else if (!strcmp(ks, "values"))
            vn = qv;
        else {
            snprintf(f2, sizeof f2, "%s.%.40s", field, ks);
            problem(c, qk, f2, "expected one of param, range, values, got unknown key '%s'", ks);
            return;
        }
    }
    snprintf(f2, sizeof f2, "%s.param", field);
    if (!pn) {
        problem(c, n, f2, "expected the parameter path to vary, got no 'param' key");
        return;
    }
    if (pn->type != YAML_SCALAR_NODE) {
        problem(c, pn, f2, "expected a parameter path, got %s", got(pn, gb, sizeof gb));
        return;
    }
    const odc_param *p = param_of(c, pn, f2, sval(pn), 1);
    if (!p)
        return;
    if ((rn != NULL) == (vn != NULL)) {
        problem(c, n, field, "expected either range: [start, stop, n] or values: [...], got %s",
                rn ? "both" : "neither");
        return;
    }
    if (D->n_axes && odc_param_find(D->axes[0].path)->model != p->model) {
        problem(c, pn, f2, "expected axes of one kind (all economics/terrestrial, or all grid), "
                           "got '%s' after '%s'", p->path, D->axes[0].path);
        return;
    }
    if (D->n_axes >= ODC_SCN_AXES_MAX) {
        problem(c, n, field, "expected at most %d sweep axes", ODC_SCN_AXES_MAX);
        return;
    }
    odc_scn_axis *a = &D->axes[D->n_axes];
    memset(a, 0, sizeof *a);
    snprintf(a->path, sizeof a->path, "%.95s", p->path);
    a->line = ln(n);
    a->col = cl(n);
    yaml_node_t *ln_ = rn ? rn : vn;
    snprintf(f2, sizeof f2, "%s.%s", field, rn ? "range" : "values");
    if (ln_->type != YAML_SEQUENCE_NODE) {
        problem(c, ln_, f2, "expected a list, got %s", got(ln_, gb, sizeof gb));
        return;
    }
    size_t cnt = (size_t)(ln_->data.sequence.items.top - ln_->data.sequence.items.start);
    odc_err e = {0};
    if (rn) {
        double x[3];
        if (cnt != 3) {
            problem(c, rn, f2, "expected [start, stop, n], got a list of %zu", cnt);
            return;
        }
        for (int i = 0; i < 3; i++)
            if (!get_num(c, node(c, rn->data.sequence.items.start[i]), f2, "a number", &x[i]))
                return;
        if (x[2] != floor(x[2]) || x[2] < 2 || x[2] > ODC_SWEEP_VALUES_MAX) {
            problem(c, node(c, rn->data.sequence.items.start[2]), f2,
                    "expected a whole number of points 2..%d, got %g", ODC_SWEEP_VALUES_MAX, x[2]);
            return;
        }
        for (int i = 0; i < 2; i++)
            if (odc_param_check(p, x[i], &e)) {
                problem(c, node(c, rn->data.sequence.items.start[i]), f2, "%s", e.msg);
                return;
            }
        a->is_range = 1;
        a->start = x[0];
        a->stop = x[1];
        a->n = (long)x[2];
    } else {
        if (cnt < 1 || cnt > ODC_SCN_AXIS_VALUES_MAX) {
            problem(c, vn, f2, "expected 1 to %d values, got %zu", ODC_SCN_AXIS_VALUES_MAX, cnt);
            return;
        }
        for (size_t i = 0; i < cnt; i++) {
            yaml_node_t *e1 = node(c, vn->data.sequence.items.start[i]);
            double x;
            if (!get_num(c, e1, f2, "a number", &x))
                return;
            if (odc_param_check(p, x, &e)) {
                problem(c, e1, f2, "%s", e.msg);
                return;
            }
            a->v[a->nv++] = x;
        }
    }
    D->n_axes++;
}

static void parse_sweep(dctx *c, yaml_node_t *n)
{
    if (n->type == YAML_SEQUENCE_NODE) {
        size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        for (size_t i = 0; i < cnt; i++) {
            char f[32];
            snprintf(f, sizeof f, "sweep[%zu]", i);
            parse_axis(c, node(c, n->data.sequence.items.start[i]), f);
        }
    } else
        parse_axis(c, n, "sweep");
}

static int have(const odc_scenario_decide *D, const char *path)
{
    for (size_t i = 0; i < D->n_nums; i++)
        if (!strcmp(D->nums[i].path, path))
            return 1;
    return 0;
}

/* Keys without a default: the answer depends on them and no value would
 * be neutral (docs/decisions.md). */
static void required(dctx *c, yaml_node_t *n, const char *section)
{
    const odc_scenario_decide *D = &c->sc->decide;
    if (!strcmp(section, "economics")) {
        static const char *const req[][2] = {
            {"economics.satellite.chips", "the accelerators per satellite"},
            {"economics.satellite.it_kw", "the IT power per satellite in kW"},
            {"economics.satellite.kg_per_it_kw", "the launched mass per IT kW"},
            {"economics.satellite.volume_m3", "the stowed volume of a satellite in m^3"},
            {"economics.discount_rate", "the real discount rate per year"},
        };
        if (!D->vehicle.value[0])
            problem(c, n, "economics.vehicle", "expected %s, got no 'vehicle' key",
                    SKEYS[0].what);
        if (!have(D, "economics.chips") && !have(D, "economics.it_mw"))
            problem(c, n, "economics.chips",
                    "expected the number of chips deployed (or it_mw), got neither");
        for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
            if (!have(D, req[i][0]))
                problem(c, n, req[i][0], "expected %s, got no '%s' key", req[i][1],
                        strrchr(req[i][0], '.') + 1);
    } else if (!strcmp(section, "terrestrial")) {
        if (!D->site.value[0] && !D->power.value[0])
            problem(c, n, "terrestrial.site",
                    "expected a reference site (site: NAME) or an explicit power source "
                    "(power: grid|gas|fuel_cell|solar_storage), got neither");
    } else if (!strcmp(section, "grid")) {
        if (!have(D, "grid.it_mw"))
            problem(c, n, "grid.it_mw", "expected the site IT power in MW, got no 'it_mw' key");
    }
}

void odc_scn_parse_decide(yaml_document_t *doc, const char *file, odc_diag *d,
                          odc_scenario *sc, const char *section, yaml_node_t *n)
{
    dctx c = {doc, file, d, sc};
    if (!strcmp(section, "uncertainty"))
        parse_uncertainty(&c, n);
    else if (!strcmp(section, "sweep"))
        parse_sweep(&c, n);
    else {
        if (!strcmp(section, "economics"))
            sc->decide.has_economics = ln(n);
        else if (!strcmp(section, "terrestrial"))
            sc->decide.has_terrestrial = ln(n);
        else
            sc->decide.has_grid = ln(n);
        size_t n0 = d->n;
        parse_params(&c, n, section);
        if (d->n == n0 && n->type == YAML_MAPPING_NODE)
            required(&c, n, section);
    }
}
