/* Scenario loader: YAML (libyaml's document tree, which keeps the line and
 * column of every node) walked against odcsim's schema, collecting every
 * problem with its position and field path instead of stopping at the
 * first. libyaml is used directly rather than through libcyaml because
 * libcyaml stops at the first error and does not give positions for
 * semantic (range) problems. */
#include "odc/scenario.h"
#include "odc/constellation.h"
#include "odc/sizing.h"
#include "scenario_decide_internal.h"

#include <erfa.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

/* Lowest altitude a scenario may hold. Below ~150 km atmospheric drag
 * brings a satellite down within about a day (King-Hele, "Satellite Orbits
 * in an Atmosphere", 1987, ch. 6), so it is not an orbit to simulate. */
#define MIN_ALT_KM 150.0
/* Upper bound on samples per satellite, to catch unit slips (e.g. step_s
 * given in minutes as 0.001) before they fill a disk. */
#define MAX_STEPS 10000000.0
/* Tropical year (days), Vallado (2013) sec. 3.5. */
#define TROPICAL_YEAR_D 365.2421897

typedef struct ctx {
    yaml_document_t *doc;
    const char      *file;
    odc_diag        *d;
    odc_scenario    *sc;
} ctx;

static int ln(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }
static int cl(const yaml_node_t *n) { return (int)n->start_mark.column + 1; }

static void problem(ctx *c, const yaml_node_t *n, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void problem(ctx *c, const yaml_node_t *n, const char *path,
                    const char *fmt, ...)
{
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    odc_diag_add(c->d, c->file, n ? ln(n) : 0, n ? cl(n) : 0, path, "%s", msg);
}

static yaml_node_t *node(ctx *c, int id)
{
    return yaml_document_get_node(c->doc, id);
}

static const char *sval(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static int is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = sval(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

/* What the user wrote, for "got ..." (quoted and shortened). */
static const char *got(const yaml_node_t *n, char *buf, size_t len)
{
    if (n->type == YAML_MAPPING_NODE)
        snprintf(buf, len, "a mapping");
    else if (n->type == YAML_SEQUENCE_NODE)
        snprintf(buf, len, "a list");
    else if (is_null(n))
        snprintf(buf, len, "nothing (null)");
    else {
        const char *s = sval(n);
        const char *kind = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "" : "quoted string ";
        if (strlen(s) > 40)
            snprintf(buf, len, "%s'%.37s...'", kind, s);
        else
            snprintf(buf, len, "%s'%s'", kind, s);
    }
    return buf;
}
#define GOT(n) got((n), gbuf, sizeof gbuf)

static void path_join(char *out, size_t n, const char *base, const char *key)
{
    if (base && *base)
        snprintf(out, n, "%s.%s", base, key);
    else
        snprintf(out, n, "%s", key);
}

/* ---- typed scalars -------------------------------------------------- */

static int plain_scalar(ctx *c, yaml_node_t *n, const char *path, const char *want)
{
    char gbuf[96];
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        is_null(n)) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    /* The loader gives untagged scalars the default (str) tag; any other
     * (!!int, !!timestamp, !custom) would be silently ignored. */
    if (n->tag && strcmp((const char *)n->tag, YAML_DEFAULT_SCALAR_TAG)) {
        problem(c, n, path, "expected %s without a YAML tag, got tag '%.40s'", want,
                (const char *)n->tag);
        return 0;
    }
    return 1;
}

static int get_num(ctx *c, yaml_node_t *n, const char *path, const char *want,
                   double *out)
{
    char gbuf[96];
    if (!plain_scalar(c, n, path, want))
        return 0;
    const char *s = sval(n);
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* strtod also takes hex, "inf" and "nan": none is a YAML number here. */
    if (end == s || *end || errno == ERANGE || !isfinite(v) || strpbrk(s, "xXnN")) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    *out = v;
    return 1;
}

static int get_int(ctx *c, yaml_node_t *n, const char *path, const char *want,
                   long *out)
{
    char gbuf[96];
    if (!plain_scalar(c, n, path, want))
        return 0;
    const char *s = sval(n);
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno == ERANGE) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    *out = v;
    return 1;
}

static int get_bool(ctx *c, yaml_node_t *n, const char *path, int *out)
{
    char gbuf[96];
    if (!plain_scalar(c, n, path, "true or false"))
        return 0;
    const char *s = sval(n);
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
        *out = 1;
    else if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
        *out = 0;
    else {
        problem(c, n, path, "expected true or false, got %s", GOT(n));
        return 0;
    }
    return 1;
}

/* A string scalar (plain or quoted) of at most max-1 bytes. */
static int get_str(ctx *c, yaml_node_t *n, const char *path, const char *want,
                   char *out, size_t max)
{
    char gbuf[96];
    if (n->type != YAML_SCALAR_NODE || is_null(n)) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    if (n->data.scalar.length >= max || n->data.scalar.length == 0) {
        problem(c, n, path, "expected %s of 1 to %zu characters, got %zu characters",
                want, max - 1, n->data.scalar.length);
        return 0;
    }
    memcpy(out, sval(n), n->data.scalar.length + 1);
    return 1;
}

/* One of a fixed list of words; returns its index or -1. */
static int get_enum(ctx *c, yaml_node_t *n, const char *path,
                    const char *const *words, int nwords, const char *extra)
{
    char gbuf[96], list[256] = "";
    for (int i = 0; i < nwords; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i ? (i == nwords - 1 ? " or " : ", ") : "",
                 words[i]);
    }
    if (n->type == YAML_SCALAR_NODE && !is_null(n))
        for (int i = 0; i < nwords; i++)
            if (!strcmp(sval(n), words[i]))
                return i;
    problem(c, n, path, "expected %s%s, got %s", list, extra ? extra : "", GOT(n));
    return -1;
}

/* ISO 8601 UTC "YYYY-MM-DD[Thh:mm[:ss[.fff]]][Z|+00:00]" to a two-part JD
 * (eraDtf2d, which also knows which days have a leap second). */
static int get_epoch(ctx *c, yaml_node_t *n, const char *path, char *iso,
                     size_t isomax, double *jd1, double *jd2)
{
    char gbuf[96];
    const char *want = "an ISO 8601 UTC date-time like 2026-03-20T00:00:00Z";
    if (n->type != YAML_SCALAR_NODE || is_null(n)) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    const char *s = sval(n);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, used = 0;
    double sec = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    const char *p = s + 10;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        int u2 = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &u2) != 2 || u2 != 5) {
            problem(c, n, path, "expected %s, got %s", want, GOT(n));
            return 0;
        }
        p += 1 + u2;
        if (*p == ':') {
            char *end;
            p++;
            if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')) {
                problem(c, n, path, "expected %s, got %s", want, GOT(n));
                return 0;
            }
            sec = strtod(p, &end);
            p = end;
        }
    }
    if (!strcmp(p, "Z") || !strcmp(p, "z") || !strcmp(p, "+00:00") || !*p) {
        /* UTC */
    } else if (*p == '+' || *p == '-') {
        problem(c, n, path, "expected a UTC time (suffix Z or none), got offset '%s' in %s",
                p, GOT(n));
        return 0;
    } else {
        problem(c, n, path, "expected %s, got %s", want, GOT(n));
        return 0;
    }
    int st = eraDtf2d("UTC", y, mo, d, h, mi, sec, jd1, jd2);
    if (st < 0 || st >= 2 || y < 1960 || y > 2199) {
        const char *what = st == -2 ? "month" : st == -3 ? "day" : st == -4 ? "hour"
                         : st == -5 ? "minute" : (st == -6 || st >= 2) ? "second" : "year";
        problem(c, n, path, "expected a valid UTC date-time (years 1960-2199), got %s (bad %s)",
                GOT(n), what);
        return 0;
    }
    snprintf(iso, isomax, "%s", s);
    return 1;
}

/* ---- mappings --------------------------------------------------------- */

/* Check that n is a mapping whose keys are all in keys[0..nk-1] (unknown
 * ones are reported with the nearest valid key; duplicates too) and return
 * each key's value node in val[] (NULL where absent). other_keys[] are
 * keys that exist but do not apply here; why explains that. */
static int walk_map(ctx *c, yaml_node_t *n, const char *path, const char *const *keys,
                    int nk, yaml_node_t **val, const char *const *other_keys, int no,
                    const char *why)
{
    char gbuf[96];
    for (int i = 0; i < nk; i++)
        val[i] = NULL;
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, *path ? path : "(top level)", "expected a mapping of keys, got %s",
                GOT(n));
        return 0;
    }
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = node(c, pr->key), *v = node(c, pr->value);
        char kp[128];
        if (k->type != YAML_SCALAR_NODE) {
            problem(c, k, *path ? path : "(top level)", "expected a key name, got %s", GOT(k));
            continue;
        }
        const char *ks = sval(k);
        path_join(kp, sizeof kp, path, ks);
        /* Echo at most 40 characters of a key in messages. */
        char kshort[48];
        if (strlen(ks) > 40)
            snprintf(kshort, sizeof kshort, "%.37s...", ks);
        else
            snprintf(kshort, sizeof kshort, "%s", ks);
        int found = -1;
        for (int i = 0; i < nk; i++)
            if (!strcmp(ks, keys[i]))
                found = i;
        if (found >= 0) {
            if (val[found])
                problem(c, k, kp, "expected each key once, got a second '%s' (first on line %d)",
                        kshort, ln(val[found]));
            else
                val[found] = v;
            continue;
        }
        int other = 0;
        for (int i = 0; i < no; i++)
            if (!strcmp(ks, other_keys[i]))
                other = 1;
        /* Suggest the nearest valid key when it is close enough to be a
         * typo: at most a third of the key's length, and at least 2 edits. */
        int best = -1, bd = 1 << 30;
        size_t kl = strlen(ks);
        for (int i = 0; i < nk; i++) {
            /* A key written without its unit suffix ("step" for "step_s")
             * is the likeliest slip: prefer it over a closer spelling. */
            int dd = !strncmp(ks, keys[i], kl) && keys[i][kl] == '_'
                         ? 0 : odc_edit_distance(ks, keys[i]);
            if (dd < bd) {
                bd = dd;
                best = i;
            }
        }
        int lim = (int)strlen(ks) / 3;
        if (lim < 2)
            lim = 2;
        char valid[400] = "";
        for (int i = 0; i < nk; i++) {
            size_t l = strlen(valid);
            snprintf(valid + l, sizeof valid - l, "%s%s", i ? ", " : "", keys[i]);
        }
        if (other)
            problem(c, k, kp, "expected one of the keys of %s (%s), got '%s', which %s", path[0] ? path : "the top level", valid, kshort, why);
        else if (best >= 0 && bd <= lim)
            problem(c, k, kp, "expected a known key, got unknown key '%s' (did you mean '%s'?)",
                    kshort, keys[best]);
        else
            problem(c, k, kp, "expected one of %s, got unknown key '%s'", valid, kshort);
    }
    return 1;
}

static void missing(ctx *c, yaml_node_t *map, const char *path, const char *key,
                    const char *what)
{
    char kp[128];
    path_join(kp, sizeof kp, path, key);
    problem(c, map, kp, "expected %s, got no '%s' key", what, key);
}

/* ---- sections --------------------------------------------------------- */

static void parse_time(ctx *c, yaml_node_t *n)
{
    static const char *const keys[] = {"epoch", "duration_s", "stop", "step_s"};
    yaml_node_t *v[4];
    odc_scenario *sc = c->sc;
    if (!walk_map(c, n, "time", keys, 4, v, NULL, 0, NULL))
        return;
    int epoch_ok = 0;
    if (v[0])
        epoch_ok = get_epoch(c, v[0], "time.epoch", sc->time.epoch_iso,
                             sizeof sc->time.epoch_iso, &sc->time.epoch_jd1,
                             &sc->time.epoch_jd2);
    else
        missing(c, n, "time", "epoch",
                "the start instant as an ISO 8601 UTC date-time (no default: results "
                "depend on it)");
    if (v[1] && v[2])
        problem(c, v[2], "time.stop",
                "expected either duration_s or stop, got both (duration_s on line %d)",
                ln(v[1]));
    else if (v[1]) {
        double x;
        if (get_num(c, v[1], "time.duration_s", "a duration in seconds", &x)) {
            if (x <= 0)
                problem(c, v[1], "time.duration_s", "expected a duration > 0 s, got %g", x);
            else
                sc->time.duration_s = x;
        }
    } else if (v[2]) {
        double s1, s2;
        if (get_epoch(c, v[2], "time.stop", sc->time.stop_iso, sizeof sc->time.stop_iso,
                      &s1, &s2) && epoch_ok) {
            /* Elapsed SI seconds: through TAI, so a leap second counts. */
            double a1, a2, b1, b2;
            eraUtctai(sc->time.epoch_jd1, sc->time.epoch_jd2, &a1, &a2);
            eraUtctai(s1, s2, &b1, &b2);
            double dur = ((b1 - a1) + (b2 - a2)) * 86400.0;
            if (dur <= 0)
                problem(c, v[2], "time.stop", "expected an instant after time.epoch (%s), got %s",
                        sc->time.epoch_iso, sc->time.stop_iso);
            else {
                sc->time.duration_s = dur;
                sc->time.has_stop = 1;
            }
        }
    }
    if (v[3]) {
        double x;
        if (get_num(c, v[3], "time.step_s", "a step in seconds", &x)) {
            if (x <= 0)
                problem(c, v[3], "time.step_s", "expected a step > 0 s, got %g", x);
            else if (sc->time.duration_s / x + 1 > MAX_STEPS)
                problem(c, v[3], "time.step_s",
                        "expected at most %.0f steps over the span (%g s), got step %g s "
                        "(%.0f steps)",
                        MAX_STEPS, sc->time.duration_s, x, floor(sc->time.duration_s / x) + 1);
            else
                sc->time.step_s = x;
        }
    }
}

static void parse_output(ctx *c, yaml_node_t *n)
{
    static const char *const keys[] = {"dir", "frame", "ephemeris"};
    static const char *const frames[] = {"teme", "itrf", "gcrs"};
    yaml_node_t *v[3];
    odc_scenario *sc = c->sc;
    if (!walk_map(c, n, "output", keys, 3, v, NULL, 0, NULL))
        return;
    if (v[0])
        get_str(c, v[0], "output.dir", "a folder path", sc->output.dir, sizeof sc->output.dir);
    if (v[1]) {
        int f = get_enum(c, v[1], "output.frame", frames, 3, NULL);
        if (f >= 0)
            sc->output.frame = (odc_frame)f;
    }
    if (v[2])
        get_bool(c, v[2], "output.ephemeris", &sc->output.ephemeris);
}

static int name_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* Keys by constellation type. Common keys first. */
enum { K_NAME, K_TYPE, K_PROP, K_FIRST_NORAD, K_COMMON };
static const char *const common_keys[] = {"name", "type", "propagator", "first_norad"};
static const char *const walker_keys[] = {"t", "p", "f", "alt_km", "incl_deg", "raan0_deg",
                                          "pattern"};
static const char *const sso_keys[] = {"n", "alt_km", "ltan_h"};
static const char *const cluster_keys[] = {"n", "radius_m", "min_spacing_m", "alt_km",
                                           "ltan_h"};
static const char *const elset_keys[] = {"file"};
static const char *const type_words[] = {"walker", "sso", "cluster", "tle", "omm"};

static double sso_max_alt(void)
{
    return odc_sso_max_alt_km();
}

static void check_alt(ctx *c, yaml_node_t *n, const char *path, double *out, int sso)
{
    double x;
    if (!get_num(c, n, path, "an altitude in km", &x))
        return;
    if (x < MIN_ALT_KM)
        problem(c, n, path,
                "expected an altitude >= %g km (below that drag brings a satellite down "
                "within about a day: not an orbit a scenario can hold), got %g",
                MIN_ALT_KM, x);
    else if (sso && x > sso_max_alt())
        problem(c, n, path,
                "expected an altitude <= %.0f km (no sun-synchronous orbit exists higher: "
                "J2 precession is too slow), got %g",
                sso_max_alt(), x);
    else if (x > 1.0e6)
        problem(c, n, path, "expected an altitude <= 1000000 km (beyond the Moon), got %g", x);
    else
        *out = x;
}

static void check_ltan(ctx *c, yaml_node_t *n, const char *path, double *out)
{
    double x;
    if (!get_num(c, n, path, "a local time of the ascending node in hours", &x))
        return;
    if (x < 0 || x >= 24)
        problem(c, n, path, "expected a local time in hours, 0 <= ltan_h < 24, got %g", x);
    else
        *out = x;
}

static int check_count(ctx *c, yaml_node_t *n, const char *path, const char *what, long lo,
                       long hi, int *out)
{
    long x;
    char want[128];
    snprintf(want, sizeof want, "an integer %s", what);
    if (!get_int(c, n, path, want, &x))
        return 0;
    if (x < lo || x > hi) {
        problem(c, n, path, "expected a %s from %ld to %ld, got %ld", what, lo, hi, x);
        return 0;
    }
    *out = (int)x;
    return 1;
}

#define MAX_SATS 1000000L

static void parse_cons(ctx *c, yaml_node_t *n, size_t idx, odc_scenario_cons *k)
{
    char path[64], p[128];
    char gbuf[96];
    snprintf(path, sizeof path, "constellations[%zu]", idx);
    k->line = ln(n);
    k->col = cl(n);
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, path, "expected a mapping with name, type and the type's keys, got %s",
                GOT(n));
        return;
    }
    /* Find the type first: it decides which keys are valid. */
    int type = -1;
    yaml_node_t *type_node = NULL;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *kk = node(c, pr->key);
        if (kk->type == YAML_SCALAR_NODE && !strcmp(sval(kk), "type") && !type_node)
            type_node = node(c, pr->value);
    }
    if (type_node) {
        path_join(p, sizeof p, path, "type");
        type = get_enum(c, type_node, p, type_words, 5, NULL);
    } else
        missing(c, n, path, "type", "the constellation type (walker, sso, cluster, tle or omm)");

    const char *const *tk = NULL;
    int ntk = 0;
    switch (type) {
    case ODC_CONS_WALKER: tk = walker_keys; ntk = 7; break;
    case ODC_CONS_SSO: tk = sso_keys; ntk = 3; break;
    case ODC_CONS_CLUSTER: tk = cluster_keys; ntk = 5; break;
    case ODC_CONS_TLE:
    case ODC_CONS_OMM: tk = elset_keys; ntk = 1; break;
    default: break;
    }
    const char *keys[32];
    int nk = 0;
    for (int i = 0; i < K_COMMON; i++)
        keys[nk++] = common_keys[i];
    for (int i = 0; i < ntk; i++)
        keys[nk++] = tk[i];
    /* Keys of the other types, for a clearer message. When the type is
     * unknown every type's keys are accepted (one error, not a cascade). */
    const char *others[32];
    int no = 0;
    const char *const *all[] = {walker_keys, sso_keys, cluster_keys, elset_keys};
    const int nall[] = {7, 3, 5, 1};
    for (int t = 0; t < 4; t++)
        for (int i = 0; i < nall[t]; i++) {
            int dup = 0;
            for (int j = 0; j < nk; j++)
                dup |= !strcmp(keys[j], all[t][i]);
            for (int j = 0; j < no; j++)
                dup |= !strcmp(others[j], all[t][i]);
            if (!dup) {
                if (type < 0)
                    keys[nk++] = all[t][i];
                else
                    others[no++] = all[t][i];
            }
        }
    char why[96];
    snprintf(why, sizeof why, "does not apply to type %s",
             type >= 0 ? type_words[type] : "?");
    yaml_node_t *v[32];
    walk_map(c, n, path, keys, nk, v, others, no, why);
    if (v[K_NAME]) {
        k->name_line = ln(v[K_NAME]);
        k->name_col = cl(v[K_NAME]);
        path_join(p, sizeof p, path, "name");
        if (get_str(c, v[K_NAME], p, "a name", k->name, sizeof k->name) && !name_ok(k->name)) {
            problem(c, v[K_NAME], p,
                    "expected a name of letters, digits, '-', '_' or '.', got %s",
                    GOT(v[K_NAME]));
            k->name[0] = '\0';
        }
    } else
        missing(c, n, path, "name", "a name for the constellation (used in results)");
    if (type < 0)
        return;
    k->type = (odc_cons_type)type;
    int designed = type <= ODC_CONS_CLUSTER;

    static const char *const props_designed[] = {"j2", "kepler", "sgp4"};
    k->propagator = designed ? ODC_PROP_J2 : ODC_PROP_SGP4;
    if (v[K_PROP]) {
        path_join(p, sizeof p, path, "propagator");
        if (designed) {
            int pr = get_enum(c, v[K_PROP], p, props_designed, 3, NULL);
            if (pr >= 0)
                k->propagator = (odc_propagator)pr;
        } else {
            static const char *const props_elset[] = {"sgp4"};
            get_enum(c, v[K_PROP], p, props_elset, 1,
                     " (element sets hold SGP4 mean elements)");
        }
    }
    if (v[K_FIRST_NORAD]) {
        path_join(p, sizeof p, path, "first_norad");
        long x;
        if (!designed)
            problem(c, v[K_FIRST_NORAD], p,
                    "expected no first_norad for type %s (element sets carry their own "
                    "catalogue numbers), got %s",
                    type_words[type], GOT(v[K_FIRST_NORAD]));
        else if (get_int(c, v[K_FIRST_NORAD], p, "a catalogue number", &x)) {
            if (x < 1 || x > 339999)
                problem(c, v[K_FIRST_NORAD], p,
                        "expected a catalogue number 1 to 339999 (Alpha-5 range), got %ld", x);
            else
                k->first_norad = x;
        }
    }

    yaml_node_t **tv = v + K_COMMON;
    const char *const *names = tk;
#define TP(i) (path_join(p, sizeof p, path, names[i]), p)
#define REQ(i, what)                                                            \
    do {                                                                        \
        if (!tv[i])                                                             \
            missing(c, n, path, names[i], what);                               \
    } while (0)

    if (type == ODC_CONS_WALKER) {
        int ok_t = 0, ok_p = 0;
        REQ(0, "the total number of satellites t");
        REQ(1, "the number of orbital planes p");
        REQ(2, "the Walker phasing factor f (0 <= f < p)");
        REQ(3, "the altitude in km");
        REQ(4, "the inclination in degrees");
        if (tv[0])
            ok_t = check_count(c, tv[0], TP(0), "number of satellites", 1, MAX_SATS,
                               &k->walker.t);
        if (tv[1])
            ok_p = check_count(c, tv[1], TP(1), "number of planes", 1, MAX_SATS, &k->walker.p);
        if (ok_t && ok_p && k->walker.t % k->walker.p)
            problem(c, tv[0], TP(0),
                    "expected a multiple of p (%d) so every plane holds the same number, got %d",
                    k->walker.p, k->walker.t);
        if (tv[2]) {
            long f;
            if (get_int(c, tv[2], TP(2), "an integer phasing factor", &f)) {
                if (ok_p && (f < 0 || f >= k->walker.p))
                    problem(c, tv[2], TP(2), "expected 0 <= f < p (%d), got %ld", k->walker.p,
                            f);
                else if (f < 0)
                    problem(c, tv[2], TP(2), "expected 0 <= f < p, got %ld", f);
                else
                    k->walker.f = (int)f;
            }
        }
        if (tv[3])
            check_alt(c, tv[3], TP(3), &k->walker.alt_km, 0);
        if (tv[4]) {
            double x;
            if (get_num(c, tv[4], TP(4), "an inclination in degrees", &x)) {
                if (x < 0 || x > 180)
                    problem(c, tv[4], TP(4), "expected 0 <= incl_deg <= 180, got %g", x);
                else
                    k->walker.incl_deg = x;
            }
        }
        if (tv[5]) {
            double x;
            if (get_num(c, tv[5], TP(5), "a right ascension in degrees", &x)) {
                if (x < 0 || x >= 360)
                    problem(c, tv[5], TP(5), "expected 0 <= raan0_deg < 360, got %g", x);
                else
                    k->walker.raan0_deg = x;
            }
        }
        if (tv[6]) {
            static const char *const pat[] = {"delta", "star"};
            int s = get_enum(c, tv[6], TP(6), pat, 2, NULL);
            if (s >= 0)
                k->walker.star = s;
        }
        if (ok_t)
            k->n_sat = (size_t)k->walker.t;
    } else if (type == ODC_CONS_SSO) {
        REQ(0, "the number of satellites n");
        REQ(1, "the altitude in km");
        if (tv[0] && check_count(c, tv[0], TP(0), "number of satellites", 1, MAX_SATS,
                                 &k->sso.n))
            k->n_sat = (size_t)k->sso.n;
        if (tv[1])
            check_alt(c, tv[1], TP(1), &k->sso.alt_km, 1);
        if (tv[2])
            check_ltan(c, tv[2], TP(2), &k->sso.ltan_h);
    } else if (type == ODC_CONS_CLUSTER) {
        REQ(0, "the number of satellites n");
        REQ(1, "the cluster radius in metres");
        REQ(2, "the minimum distance between satellites in metres");
        REQ(3, "the altitude in km");
        if (tv[0] && check_count(c, tv[0], TP(0), "number of satellites", 1, 100000,
                                 &k->cluster.n))
            k->n_sat = (size_t)k->cluster.n;
        double r = 0, s = 0;
        int okr = 0, oks = 0;
        if (tv[1] && get_num(c, tv[1], TP(1), "a radius in metres", &r)) {
            if (r <= 0 || r > 1.0e6)
                problem(c, tv[1], TP(1), "expected 0 < radius_m <= 1000000, got %g", r);
            else
                okr = 1, k->cluster.radius_m = r;
        }
        if (tv[2] && get_num(c, tv[2], TP(2), "a distance in metres", &s)) {
            if (s <= 0)
                problem(c, tv[2], TP(2), "expected min_spacing_m > 0, got %g", s);
            else
                oks = 1, k->cluster.min_spacing_m = s;
        }
        if (okr && oks && k->cluster.n >= 2) {
            /* n balls of diameter s inside a ball of radius r + s/2 must
             * fit by volume: n <= ((2r + s)/s)^3 (a necessary condition). */
            double cap = pow((2 * r + s) / s, 3);
            if (s > 2 * r)
                problem(c, tv[2], TP(2),
                        "expected min_spacing_m <= 2 * radius_m (%g) so two satellites fit, "
                        "got %g",
                        2 * r, s);
            else if ((double)k->cluster.n > cap)
                problem(c, tv[0], TP(0),
                        "expected at most %.0f satellites (volume bound for radius %g m, "
                        "spacing %g m), got %d",
                        floor(cap), r, s, k->cluster.n);
        }
        if (tv[3])
            check_alt(c, tv[3], TP(3), &k->cluster.alt_km, 1);
        if (tv[4])
            check_ltan(c, tv[4], TP(4), &k->cluster.ltan_h);
    } else {
        REQ(0, type == ODC_CONS_TLE ? "the path of a TLE file" : "the path of an OMM file");
        if (tv[0] && get_str(c, tv[0], TP(0), "a file path", k->elset.file,
                             sizeof k->elset.file)) {
            k->elset.line = ln(tv[0]);
            k->elset.col = cl(tv[0]);
            if (k->elset.file[0] == '/' || !strcmp(c->sc->dir, "."))
                snprintf(k->elset.path, sizeof k->elset.path, "%s", k->elset.file);
            else if (snprintf(k->elset.path, sizeof k->elset.path, "%s/%s", c->sc->dir,
                              k->elset.file) >= (int)sizeof k->elset.path)
                problem(c, tv[0], TP(0), "expected a shorter path, got %zu characters",
                        strlen(k->elset.file));
            struct stat st;
            if (stat(k->elset.path, &st) != 0)
                problem(c, tv[0], TP(0),
                        "expected an existing file (relative to the scenario's folder), got "
                        "'%s' (%s: %s)",
                        k->elset.file, k->elset.path, strerror(errno));
            else if (!S_ISREG(st.st_mode))
                problem(c, tv[0], TP(0), "expected a regular file, got '%s' (%s)",
                        k->elset.file, S_ISDIR(st.st_mode) ? "a folder" : "not a file");
            else
                k->elset.exists = 1;
        }
    }
    if (designed && k->first_norad && k->n_sat && k->first_norad + (long)k->n_sat - 1 > 339999)
        problem(c, v[K_FIRST_NORAD], (path_join(p, sizeof p, path, "first_norad"), p),
                "expected first_norad + n - 1 <= 339999, got %ld + %zu - 1", k->first_norad,
                k->n_sat);
#undef TP
#undef REQ
}

static void parse_constellations(ctx *c, yaml_node_t *n)
{
    char gbuf[96];
    odc_scenario *sc = c->sc;
    if (n->type != YAML_SEQUENCE_NODE) {
        problem(c, n, "constellations", "expected a list of constellations, got %s", GOT(n));
        return;
    }
    size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (cnt == 0) {
        problem(c, n, "constellations", "expected at least one constellation, got an empty list");
        return;
    }
    sc->cons = calloc(cnt, sizeof *sc->cons);
    if (!sc->cons) {
        problem(c, n, "constellations", "out of memory");
        return;
    }
    sc->n_cons = cnt;
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *e = node(c, n->data.sequence.items.start[i]);
        size_t n0 = c->d->n;
        parse_cons(c, e, i, &sc->cons[i]);
        sc->cons[i].valid = c->d->n == n0;
        for (size_t j = 0; j < i; j++)
            if (sc->cons[i].name[0] && !strcmp(sc->cons[i].name, sc->cons[j].name)) {
                char p[64];
                snprintf(p, sizeof p, "constellations[%zu].name", i);
                sc->cons[i].valid = 0;
                odc_diag_add(c->d, c->file, sc->cons[i].name_line, sc->cons[i].name_col, p,
                             "expected a unique name, got '%s' again (also on line %d)",
                             sc->cons[i].name, sc->cons[j].name_line);
            }
    }
}

/* ---- spacecraft (odcsim size; docs/sizing.md) ------------------------- */

/* Lowest orbit `odcsim size` sizes for: below ~150 km a satellite decays in
 * days (Vallado 2013, sec. 9.7). */
#define SIZE_MIN_ALT_KM 150.0

static int get_pos(ctx *c, yaml_node_t *n, const char *path, const char *want, double hi,
                   double *out)
{
    double x;
    if (!get_num(c, n, path, want, &x))
        return 0;
    if (!(x > 0) || x > hi) {
        problem(c, n, path, "expected %s > 0 and <= %g, got %g", want, hi, x);
        return 0;
    }
    *out = x;
    return 1;
}

static void parse_sc_orbit(ctx *c, yaml_node_t *n)
{
    static const char *const keys[] = {"constellation", "alt_km", "incl_deg", "sso", "ltan_h"};
    yaml_node_t *v[5];
    odc_scenario_spacecraft *s = &c->sc->spacecraft;
    s->orbit.line = ln(n);
    s->orbit.col = cl(n);
    if (!walk_map(c, n, "spacecraft.orbit", keys, 5, v, NULL, 0, NULL))
        return;
    if (v[0]) {
        for (int i = 1; i < 5; i++)
            if (v[i]) {
                problem(c, v[i], "spacecraft.orbit",
                        "expected either 'constellation' (its orbit is used) or an orbit of "
                        "its own (alt_km with incl_deg or sso/ltan_h), got both "
                        "(constellation on line %d)", ln(v[0]));
                return;
            }
        if (!get_str(c, v[0], "spacecraft.orbit.constellation", "a constellation name",
                     s->orbit.constellation, sizeof s->orbit.constellation))
            return;
        const odc_scenario *sc = c->sc;
        for (size_t i = 0; i < sc->n_cons; i++)
            if (!strcmp(sc->cons[i].name, s->orbit.constellation)) {
                const odc_scenario_cons *k = &sc->cons[i];
                s->orbit.cons_index = (long)i;
                s->orbit.alt_line = ln(v[0]);
                s->orbit.alt_col = cl(v[0]);
                if (k->type == ODC_CONS_WALKER) {
                    s->orbit.alt_km = k->walker.alt_km;
                    s->orbit.incl_deg = k->walker.incl_deg;
                } else if (k->type == ODC_CONS_SSO) {
                    s->orbit.alt_km = k->sso.alt_km;
                    s->orbit.ltan_h = k->sso.ltan_h;
                    s->orbit.sso = 1;
                } else if (k->type == ODC_CONS_CLUSTER) {
                    s->orbit.alt_km = k->cluster.alt_km;
                    s->orbit.ltan_h = k->cluster.ltan_h;
                    s->orbit.sso = 1;
                } else {
                    problem(c, v[0], "spacecraft.orbit.constellation",
                            "expected a designed constellation (walker, sso or cluster: "
                            "a circular orbit), got '%s' of type %s",
                            k->name, odc_cons_type_name(k->type));
                    return;
                }
                if (k->valid && s->orbit.alt_km < SIZE_MIN_ALT_KM)
                    problem(c, v[0], "spacecraft.orbit.constellation",
                            "expected a constellation at >= %g km for sizing, got '%s' at "
                            "%g km", SIZE_MIN_ALT_KM, k->name, s->orbit.alt_km);
                return;
            }
        problem(c, v[0], "spacecraft.orbit.constellation",
                "expected the name of one of the scenario's constellations, got '%s'",
                s->orbit.constellation);
        return;
    }
    if (!v[1]) {
        missing(c, n, "spacecraft.orbit", "alt_km",
                "an altitude in km (or 'constellation: NAME' to use a constellation's orbit)");
        return;
    }
    int sso = 0;
    if (v[3])
        get_bool(c, v[3], "spacecraft.orbit.sso", &sso);
    s->orbit.sso = sso;
    s->orbit.alt_line = ln(v[1]);
    s->orbit.alt_col = cl(v[1]);
    double alt;
    if (get_num(c, v[1], "spacecraft.orbit.alt_km", "an altitude in km", &alt)) {
        if (alt < SIZE_MIN_ALT_KM)
            problem(c, v[1], "spacecraft.orbit.alt_km",
                    "expected an altitude >= %g km (lower orbits decay within days), got %g",
                    SIZE_MIN_ALT_KM, alt);
        else if (sso && alt > sso_max_alt())
            problem(c, v[1], "spacecraft.orbit.alt_km",
                    "expected an altitude <= %.0f km (no sun-synchronous orbit exists "
                    "higher), got %g", sso_max_alt(), alt);
        else if (alt > 40000.0)
            problem(c, v[1], "spacecraft.orbit.alt_km",
                    "expected an altitude <= 40000 km (LEO to GEO), got %g", alt);
        else
            s->orbit.alt_km = alt;
    }
    if (sso) {
        if (v[2])
            problem(c, v[2], "spacecraft.orbit.incl_deg",
                    "expected no inclination with 'sso: true' (it follows from the "
                    "altitude), got one");
        if (v[4])
            check_ltan(c, v[4], "spacecraft.orbit.ltan_h", &s->orbit.ltan_h);
        else
            missing(c, n, "spacecraft.orbit", "ltan_h",
                    "the local time of the ascending node in hours with 'sso: true' (6 = "
                    "dawn-dusk)");
    } else {
        if (v[4])
            problem(c, v[4], "spacecraft.orbit.ltan_h",
                    "expected ltan_h only with 'sso: true', got it without");
        if (v[2]) {
            double x;
            if (get_num(c, v[2], "spacecraft.orbit.incl_deg", "an inclination in degrees",
                        &x)) {
                if (x < 0 || x > 180)
                    problem(c, v[2], "spacecraft.orbit.incl_deg",
                            "expected an inclination in [0, 180] deg, got %g", x);
                else
                    s->orbit.incl_deg = x;
            }
        } else
            missing(c, n, "spacecraft.orbit", "incl_deg",
                    "an inclination in degrees (or 'sso: true' with ltan_h)");
    }
}

static void parse_sc_tech(ctx *c, yaml_node_t *n)
{
    char gbuf[96];
    odc_scenario_spacecraft *s = &c->sc->spacecraft;
    if (n->type != YAML_MAPPING_NODE) {
        problem(c, n, "spacecraft.technology",
                "expected a mapping of technology keys to numbers (e.g. solar.eff_ref: "
                "0.32), got %s", GOT(n));
        return;
    }
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = node(c, pr->key), *v = node(c, pr->value);
        char kp[128];
        if (k->type != YAML_SCALAR_NODE) {
            problem(c, k, "spacecraft.technology", "expected a key name, got %s", GOT(k));
            continue;
        }
        snprintf(kp, sizeof kp, "spacecraft.technology.%.60s", sval(k));
        /* Duplicates are found among all earlier keys, valid or not. */
        int dup_line = 0;
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < pr && !dup_line; q++) {
            yaml_node_t *k2 = node(c, q->key);
            if (k2->type == YAML_SCALAR_NODE && !strcmp(sval(k2), sval(k)))
                dup_line = ln(k2);
        }
        if (dup_line) {
            problem(c, k, kp, "expected each key once, got a second '%.60s' (first on line %d)",
                    sval(k), dup_line);
            continue;
        }
        odc_err e;
        memset(&e, 0, sizeof e);
        if (odc_sizing_tech_check(sval(k), NAN, &e)) {
            problem(c, k, kp, "%s", e.msg);
            continue;
        }
        double x;
        if (!get_num(c, v, kp, "a number", &x))
            continue;
        memset(&e, 0, sizeof e);
        if (odc_sizing_tech_check(sval(k), x, &e)) {
            problem(c, v, kp, "%s", e.msg);
            continue;
        }
        if (s->n_tech >= ODC_SCENARIO_TECH_MAX) {
            problem(c, k, kp, "expected at most %d technology overrides",
                    ODC_SCENARIO_TECH_MAX);
            continue;
        }
        odc_scenario_tech *t = &s->tech[s->n_tech++];
        snprintf(t->key, sizeof t->key, "%s", sval(k));
        t->value = x;
        t->line = ln(v);
        t->col = cl(v);
    }
}

static void parse_spacecraft(ctx *c, yaml_node_t *n)
{
    static const char *const keys[] = {
        "it_power_w", "it_power_kw", "chip", "chip_count", "chip_power_w", "chip_tid_krad",
        "orbit", "mission_years", "it_in_eclipse", "isl_terminals", "solar_activity",
        "shadow", "technology"};
    enum { K_ITW, K_ITKW, K_CHIP, K_CNT, K_CPW, K_TID, K_ORBIT, K_YEARS, K_ECL, K_ISL,
           K_ACT, K_SHADOW, K_TECH, K_N };
    static const char *const act_words[] = {"low", "mean", "high"};
    static const char *const shadow_words[] = {"conical", "cylindrical"};
    yaml_node_t *v[K_N];
    odc_scenario_spacecraft *s = &c->sc->spacecraft;
    s->present = 1;
    s->line = ln(n);
    s->col = cl(n);
    if (!walk_map(c, n, "spacecraft", keys, K_N, v, NULL, 0, NULL))
        return;
    /* IT power: exactly one of it_power_w, it_power_kw, chips. */
    yaml_node_t *first = NULL;
    int nsrc = 0;
    for (int i = K_ITW; i <= K_CNT; i++)
        if (i != K_CHIP && v[i]) {
            if (!first)
                first = v[i];
            else
                problem(c, v[i], "spacecraft",
                        "expected the IT power once: it_power_w, it_power_kw, or chip_count "
                        "with chip_power_w, got a second one (first on line %d)", ln(first));
            nsrc++;
        }
    if (nsrc == 0)
        missing(c, n, "spacecraft", "it_power_w",
                "the IT power (it_power_w, it_power_kw, or chip_count with chip_power_w)");
    if (v[K_ITW] && get_pos(c, v[K_ITW], "spacecraft.it_power_w", "an IT power in W", 1e10,
                            &s->it_power_w)) {
        s->it_line = ln(v[K_ITW]);
        s->it_col = cl(v[K_ITW]);
    }
    if (v[K_ITKW] && get_pos(c, v[K_ITKW], "spacecraft.it_power_kw", "an IT power in kW", 1e7,
                             &s->it_power_w)) {
        s->it_power_w *= 1000.0;
        s->it_line = ln(v[K_ITKW]);
        s->it_col = cl(v[K_ITKW]);
    }
    if (v[K_CPW] && !v[K_CNT])
        problem(c, v[K_CPW], "spacecraft.chip_power_w",
                "expected chip_power_w together with chip_count, got no chip_count");
    if (v[K_CNT]) {
        int cnt = 0;
        double w = 0;
        if (check_count(c, v[K_CNT], "spacecraft.chip_count", "chip count", 1, 10000000L,
                        &cnt))
            s->chip_count = cnt;
        if (!v[K_CPW] && !v[K_CHIP])
            missing(c, n, "spacecraft", "chip_power_w",
                    "with chip_count, the power of one chip in W, or 'chip: NAME' of the "
                    "chip catalog data/chips.json (its tdp_w)");
        else if (!v[K_CPW]) {
            /* Power per chip from the catalog, resolved by `odcsim size`. */
            s->it_line = ln(v[K_CNT]);
            s->it_col = cl(v[K_CNT]);
        } else if (get_pos(c, v[K_CPW], "spacecraft.chip_power_w", "a chip power in W", 1e5,
                         &w) && s->chip_count > 0) {
            s->it_power_w = w * (double)s->chip_count;
            s->chip_power_w = w;
            s->it_line = ln(v[K_CNT]);
            s->it_col = cl(v[K_CNT]);
        }
    }
    if (v[K_CHIP] && get_str(c, v[K_CHIP], "spacecraft.chip", "a chip name", s->chip,
                             sizeof s->chip)) {
        s->chip_line = ln(v[K_CHIP]);
        s->chip_col = cl(v[K_CHIP]);
    }
    if (v[K_TID])
        get_pos(c, v[K_TID], "spacecraft.chip_tid_krad", "a TID tolerance in krad(Si)", 1e6,
                &s->chip_tid_krad);
    if (v[K_ORBIT])
        parse_sc_orbit(c, v[K_ORBIT]);
    else
        missing(c, n, "spacecraft", "orbit",
                "an orbit (alt_km with incl_deg or sso/ltan_h, or constellation: NAME)");
    if (v[K_YEARS])
        get_pos(c, v[K_YEARS], "spacecraft.mission_years", "a mission length in years", 50,
                &s->mission_years);
    if (v[K_ECL])
        get_bool(c, v[K_ECL], "spacecraft.it_in_eclipse", &s->it_in_eclipse);
    if (v[K_ISL])
        check_count(c, v[K_ISL], "spacecraft.isl_terminals", "number of ISL terminals", 0, 64,
                    &s->isl_terminals);
    if (v[K_ACT]) {
        int a = get_enum(c, v[K_ACT], "spacecraft.solar_activity", act_words, 3, NULL);
        if (a >= 0)
            s->solar_activity = a;
    }
    if (v[K_SHADOW]) {
        int a = get_enum(c, v[K_SHADOW], "spacecraft.shadow", shadow_words, 2, NULL);
        if (a >= 0)
            s->cylindrical = a;
    }
    if (v[K_TECH])
        parse_sc_tech(c, v[K_TECH]);
}

/* Top-level keys. Later sections add a row here and a member in
 * odc_scenario. */
enum { T_ODCSIM, T_NAME, T_TIME, T_CONS, T_OUTPUT, T_SPACECRAFT,
       T_ECONOMICS, T_TERRESTRIAL, T_GRID, T_UNCERTAINTY, T_SWEEP,
       T_N };
static const char *const top_keys[T_N] = {"odcsim", "name", "time", "constellations", "output",
                                          "spacecraft", "economics", "terrestrial", "grid",
                                          "uncertainty", "sweep"};

static void defaults(odc_scenario *sc, const char *path)
{
    /* Documented in docs/scenario.md with their reasons. */
    sc->time.duration_s = 86400.0;
    sc->time.step_s = 60.0;
    sc->output.frame = ODC_FRAME_TEME;
    sc->output.ephemeris = 1;
    sc->spacecraft.chip_tid_krad = NAN;
    sc->spacecraft.orbit.cons_index = -1;
    sc->spacecraft.mission_years = 5.0;
    sc->spacecraft.it_in_eclipse = 1;
    sc->spacecraft.isl_terminals = -1;
    sc->spacecraft.solar_activity = 1;
    /* name: the file's base name without extension. */
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(sc->name, sizeof sc->name, "%s", b);
    char *dot = strrchr(sc->name, '.');
    if (dot && dot != sc->name)
        *dot = '\0';
    if (!name_ok(sc->name) || !sc->name[0])
        snprintf(sc->name, sizeof sc->name, "scenario");
    snprintf(sc->file, sizeof sc->file, "%s", path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(sc->dir, sizeof sc->dir, ".");
    else if (slash == path)
        snprintf(sc->dir, sizeof sc->dir, "/");
    else
        snprintf(sc->dir, sizeof sc->dir, "%.*s", (int)(slash - path), path);
}

/* Deepest nesting of collections a scenario may use. A scenario needs 4
 * (top level, constellations, one entry, a flow list); libyaml's scanner
 * re-checks every pending simple key of every open flow level at each
 * token (yaml_parser_stale_simple_keys), so nesting N deep costs O(N) per
 * token: 200000 '[' took minutes. The limit is checked on the token stream
 * before the document is loaded, which stops the scan early. */
#define SCENARIO_MAX_DEPTH 64

/* 1 (after adding a problem) when collections nest deeper than the limit;
 * 0 otherwise, also on a syntax error, which the loader then reports. */
static int too_deep(const char *text, size_t len, const char *path, odc_diag *diag)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return 0;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int depth = 0, deep = 0;
    for (;;) {
        yaml_token_t t;
        if (!yaml_parser_scan(&p, &t))
            break;
        yaml_token_type_t ty = t.type;
        if (ty == YAML_FLOW_SEQUENCE_START_TOKEN || ty == YAML_FLOW_MAPPING_START_TOKEN ||
            ty == YAML_BLOCK_SEQUENCE_START_TOKEN || ty == YAML_BLOCK_MAPPING_START_TOKEN)
            depth++;
        else if ((ty == YAML_FLOW_SEQUENCE_END_TOKEN || ty == YAML_FLOW_MAPPING_END_TOKEN ||
                  ty == YAML_BLOCK_END_TOKEN) && depth > 0)
            depth--;
        if (depth > SCENARIO_MAX_DEPTH) {
            odc_diag_add(diag, path, (int)t.start_mark.line + 1, (int)t.start_mark.column + 1,
                         NULL, "expected lists and mappings nested at most %d deep, got "
                         "deeper here", SCENARIO_MAX_DEPTH);
            deep = 1;
        }
        yaml_token_delete(&t);
        if (deep || ty == YAML_STREAM_END_TOKEN)
            break;
    }
    yaml_parser_delete(&p);
    return deep;
}

/* Line and column (1-based) of byte offset off in text: libyaml's reader
 * errors (bad UTF-8, control characters) give only an offset. */
static void offset_pos(const char *text, size_t len, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            ++*col;   /* count characters, not UTF-8 continuation bytes */
        }
    }
}

int odc_scenario_load_string(const char *text, size_t len, const char *path,
                             odc_scenario *sc, odc_diag *diag)
{
    memset(sc, 0, sizeof *sc);
    defaults(sc, path);
    size_t before = diag->n;
    sc->text = malloc(len + 1);
    if (!sc->text)
        return odc_diag_add(diag, path, 0, 0, NULL, "out of memory"), ODC_ENOMEM;
    memcpy(sc->text, text, len);
    sc->text[len] = '\0';
    sc->text_len = len;

    yaml_parser_t parser;
    yaml_document_t doc;
    if (too_deep(text, len, path, diag))
        return ODC_EINPUT;
    if (!yaml_parser_initialize(&parser))
        return odc_diag_add(diag, path, 0, 0, NULL, "out of memory"), ODC_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        const yaml_mark_t *m = &parser.problem_mark;
        int line = (int)m->line + 1, col = (int)m->column + 1;
        char ctxs[160] = "";
        if (parser.error == YAML_READER_ERROR)
            offset_pos(text, len, parser.problem_offset, &line, &col);
        if (parser.context)
            snprintf(ctxs, sizeof ctxs, " (%s at line %d, column %d)", parser.context,
                     (int)parser.context_mark.line + 1, (int)parser.context_mark.column + 1);
        odc_diag_add(diag, path, line, col, NULL,
                     "YAML syntax: %s%s", parser.problem ? parser.problem : "error", ctxs);
        yaml_parser_delete(&parser);
        return ODC_EINPUT;
    }
    ctx c = {&doc, path, diag, sc};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) {
        odc_diag_add(diag, path, 1, 1, "odcsim",
                     "expected a scenario (a mapping starting with 'odcsim: 1'), got an empty "
                     "file");
        goto done;
    }
    {
        /* A second document would be silently ignored: refuse it. */
        yaml_document_t doc2;
        if (yaml_parser_load(&parser, &doc2)) {
            yaml_node_t *r2 = yaml_document_get_root_node(&doc2);
            if (r2)
                odc_diag_add(diag, path, ln(r2), cl(r2), NULL,
                             "expected one YAML document, got a second one");
            yaml_document_delete(&doc2);
        } else {
            const yaml_mark_t *m = &parser.problem_mark;
            odc_diag_add(diag, path, (int)m->line + 1, (int)m->column + 1, NULL,
                         "YAML syntax: %s", parser.problem ? parser.problem : "error");
        }
    }
    yaml_node_t *v[T_N];
    if (!walk_map(&c, root, "", top_keys, T_N, v, NULL, 0, NULL))
        goto done;
    if (!v[T_ODCSIM])
        odc_diag_add(diag, path, ln(root), cl(root), "odcsim",
                     "expected the format version 'odcsim: %d' first in the file, got no "
                     "'odcsim' key",
                     ODC_SCENARIO_VERSION);
    else {
        long ver;
        char gbuf[96];
        if (v[T_ODCSIM]->type == YAML_SCALAR_NODE && !is_null(v[T_ODCSIM]) &&
            get_int(&c, v[T_ODCSIM], "odcsim", "the format version 1", &ver)) {
            if (ver != ODC_SCENARIO_VERSION)
                problem(&c, v[T_ODCSIM], "odcsim",
                        "expected format version %d (the one this odcsim reads), got %ld",
                        ODC_SCENARIO_VERSION, ver);
            else
                sc->version = (int)ver;
        } else if (v[T_ODCSIM]->type != YAML_SCALAR_NODE || is_null(v[T_ODCSIM]))
            problem(&c, v[T_ODCSIM], "odcsim", "expected the format version 1, got %s",
                    GOT(v[T_ODCSIM]));
    }
    if (v[T_NAME]) {
        if (get_str(&c, v[T_NAME], "name", "a scenario name", sc->name, sizeof sc->name) &&
            !name_ok(sc->name)) {
            char gbuf[96];
            problem(&c, v[T_NAME], "name",
                    "expected a name of letters, digits, '-', '_' or '.' (it names the "
                    "results folder), got %s",
                    GOT(v[T_NAME]));
        }
    }
    if (v[T_TIME])
        parse_time(&c, v[T_TIME]);
    else
        missing(&c, root, "", "time", "a time section with at least 'epoch'");
    if (v[T_CONS])
        parse_constellations(&c, v[T_CONS]);
    else
        missing(&c, root, "", "constellations", "a list of constellations");
    if (v[T_OUTPUT])
        parse_output(&c, v[T_OUTPUT]);
    if (v[T_SPACECRAFT])
        parse_spacecraft(&c, v[T_SPACECRAFT]);
    for (int t = T_ECONOMICS; t <= T_SWEEP; t++)
        if (v[t])
            odc_scn_parse_decide(&doc, path, diag, sc, top_keys[t], v[t]);
done:
    /* Report in document order (checks of one entry run key by key, cross
     * checks after): a stable insertion sort on (line, column). */
    for (size_t i = before + 1; i < diag->n; i++) {
        odc_err e = diag->items[i];
        size_t j = i;
        while (j > before && (diag->items[j - 1].line > e.line ||
                              (diag->items[j - 1].line == e.line && diag->items[j - 1].col > e.col))) {
            diag->items[j] = diag->items[j - 1];
            j--;
        }
        diag->items[j] = e;
    }
    if (!sc->output.dir[0])
        snprintf(sc->output.dir, sizeof sc->output.dir, "results/%s", sc->name);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return diag->n > before ? ODC_EINPUT : ODC_OK;
}

int odc_scenario_load(const char *path, odc_scenario *sc, odc_diag *diag)
{
    memset(sc, 0, sizeof *sc);
    FILE *f = fopen(path, "rb");
    if (!f) {
        odc_diag_add(diag, path, 0, 0, NULL, "cannot open scenario: %s", strerror(errno));
        return ODC_EIO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        odc_diag_add(diag, path, 0, 0, NULL, "expected a scenario file, got a directory");
        return ODC_EINPUT;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got_n = fread(buf + len, 1, cap - len, f);
        len += got_n;
        if (len < cap)
            break;
        if (cap >= (size_t)64 << 20) {
            free(buf);
            fclose(f);
            odc_diag_add(diag, path, 0, 0, NULL,
                         "expected a scenario file under 64 MiB, got a larger file");
            return ODC_EINPUT;
        }
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf) {
        odc_diag_add(diag, path, 0, 0, NULL, "out of memory");
        return ODC_ENOMEM;
    }
    if (rerr) {
        free(buf);
        odc_diag_add(diag, path, 0, 0, NULL, "cannot read scenario");
        return ODC_EIO;
    }
    int rc = odc_scenario_load_string(buf, len, path, sc, diag);
    free(buf);
    return rc;
}

void odc_scenario_free(odc_scenario *sc)
{
    if (!sc)
        return;
    free(sc->cons);
    free(sc->text);
    memset(sc, 0, sizeof *sc);
}

size_t odc_scenario_n_sat(const odc_scenario *sc)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_cons; i++)
        n += sc->cons[i].n_sat;
    return n;
}

double odc_sso_max_alt_km(void)
{
    /* |cos i| <= 1 in  dOmega/dt = -3/2 n J2 (Re/a)^2 cos i  with the
     * required rate 2 pi / tropical year: a^(7/2) <= 3/2 J2 Re^2 sqrt(mu) / rate. */
    double rate = 2.0 * M_PI / (TROPICAL_YEAR_D * 86400.0);
    double a = pow(1.5 * ODC_J2_EARTH * ODC_RE_EARTH_KM * ODC_RE_EARTH_KM *
                       sqrt(ODC_MU_EARTH_KM3_S2) / rate,
                   2.0 / 7.0);
    return a - ODC_RE_EARTH_KM;
}
