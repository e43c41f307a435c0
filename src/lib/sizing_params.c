/* Technology parameters of whole-spacecraft sizing: the loader of
 * data/sizing_defaults.json and the one table of every key a scenario may
 * override (those of data/spacecraft_defaults.json and those of
 * data/sizing_defaults.json), with units and ranges, so that the scenario
 * loader and `odcsim size` check overrides the same way the files are
 * checked. */
#include "odc/sizing.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odc/scenario.h"

enum { GT_LE, GE_LE, GT_INF, GE_INF, OPEN_ABS };
enum { IN_SC, IN_SZ };   /* which struct holds the key */

typedef struct tech_key {
    const char *key, *unit;
    int where;
    size_t off;
    int range;
    double lo, hi;
} tech_key;

#define D(f) IN_SC, offsetof(odc_sc_defaults, f)
#define P(f) IN_SZ, offsetof(odc_sizing_params, f)
/* Ranges of the spacecraft_defaults keys are those its loader enforces
 * (src/lib/spacecraft_defaults.c); the sizing keys' ranges are physical
 * limits (fractions in [0,1], positive masses). */
static const tech_key KEYS[] = {
    {"solar.s_1au_w_m2", "W/m^2", D(s_1au_w_m2), GT_INF, 0, 0},
    {"solar.eff_ref", "1", D(eff_ref), GT_LE, 0, 1},
    {"solar.t_ref_k", "K", D(t_ref_k), GT_INF, 0, 0},
    {"solar.temp_coeff_per_k", "1/K", D(temp_coeff_per_k), OPEN_ABS, 0, 0.05},
    {"solar.packing_factor", "1", D(packing_factor), GT_LE, 0, 1},
    {"solar.inherent_deg", "1", D(inherent_deg), GT_LE, 0, 1},
    {"solar.degr_per_yr", "1/yr", D(degr_per_yr), GE_LE, 0, 0.999},
    {"solar.t_cell_k", "K", D(t_cell_k), GT_INF, 0, 0},
    {"solar.areal_density_kg_m2", "kg/m^2", D(areal_density_kg_m2), GT_INF, 0, 0},
    {"solar.specific_power_w_kg", "W/kg", D(specific_power_w_kg), GT_INF, 0, 0},
    {"solar.xe", "1", D(xe), GT_LE, 0, 1},
    {"solar.xd", "1", D(xd), GT_LE, 0, 1},
    {"battery.specific_energy_wh_kg", "Wh/kg", D(bat_specific_energy_wh_kg), GT_INF, 0, 0},
    {"battery.eta_charge", "1", D(bat_eta_charge), GT_LE, 0, 1},
    {"battery.eta_discharge", "1", D(bat_eta_discharge), GT_LE, 0, 1},
    {"battery.c_rate_charge_per_h", "1/h", D(bat_c_rate_charge_per_h), GT_INF, 0, 0},
    {"battery.c_rate_discharge_per_h", "1/h", D(bat_c_rate_discharge_per_h), GT_INF, 0, 0},
    {"battery.dod_floor", "1", D(bat_dod_floor), GT_LE, 0, 1},
    {"thermal.albedo", "1", D(albedo), GE_LE, 0, 1},
    {"thermal.earth_ir_w_m2", "W/m^2", D(earth_ir_w_m2), GE_LE, 0, 1e4},
    {"thermal.rad_eps", "1", D(rad_eps), GT_LE, 0, 1},
    {"thermal.rad_alpha", "1", D(rad_alpha), GE_LE, 0, 1},
    {"thermal.rad_t_k", "K", D(rad_t_k), GT_INF, 0, 0},
    {"thermal.rad_areal_density_kg_m2", "kg/m^2", D(rad_areal_density_kg_m2), GT_INF, 0, 0},
    {"thermal.payload_t_limit_k", "K", D(payload_t_limit_k), GT_INF, 0, 0},
    {"thermal.payload_heat_capacity_j_k_per_kw", "J/K/kW", D(payload_heat_capacity_j_k_per_kw),
     GT_INF, 0, 0},
    {"budget.eta_it_conv", "1", D(eta_it_conv), GT_LE, 0, 1},
    {"budget.eta_other_conv", "1", D(eta_other_conv), GT_LE, 0, 1},
    {"budget.eta_distribution", "1", D(eta_distribution), GT_LE, 0, 1},
    {"budget.isl_w_per_terminal", "W", D(isl_w_per_terminal), GE_LE, 0, 1e6},
    {"budget.avionics_w_per_kw", "W/kW", D(avionics_w_per_kw), GE_LE, 0, 1e3},
    {"budget.pumps_w_per_kw", "W/kW", D(pumps_w_per_kw), GE_LE, 0, 1e3},
    /* data/sizing_defaults.json */
    {"structure.fraction", "1", P(structure_frac), GE_LE, 0, 0.9},
    {"compute.kg_per_kw", "kg/kW", P(compute_kg_per_kw), GE_INF, 0, 0},
    {"isl.terminals", "1", P(isl_terminals), GE_LE, 0, 64},
    {"isl.kg_per_terminal", "kg", P(isl_kg_per_terminal), GE_INF, 0, 0},
    {"avionics.kg", "kg", P(avionics_kg), GE_INF, 0, 0},
    {"avionics.kg_per_kw", "kg/kW", P(avionics_kg_per_kw), GE_INF, 0, 0},
    {"propulsion.isp_s", "s", P(prop_isp_s), GT_INF, 0, 0},
    {"propulsion.tank_fraction", "1", P(prop_tank_frac), GE_LE, 0, 1},
    {"propulsion.fixed_kg", "kg", P(prop_fixed_kg), GE_INF, 0, 0},
    {"propulsion.dv_margin", "1", P(prop_margin), GE_LE, 1, 10},
    {"shielding.mm_al", "mm", P(shield_mm_al), GE_LE, 0, 100},
    {"shielding.m2_per_kw", "m^2/kW", P(shield_m2_per_kw), GE_INF, 0, 0},
    {"shielding.al_density_kg_m3", "kg/m^3", P(al_density_kg_m3), GT_INF, 0, 0},
    {"drag.cd", "1", P(drag_cd), GT_LE, 0, 10},
    {"drag.bus_area_m2", "m^2", P(drag_bus_area_m2), GE_INF, 0, 0},
    {"drag.hp_exponent", "1", P(atm_n_exp), GE_LE, 2, 6},
    {"drag.reentry_alt_km", "km", P(reentry_alt_km), GE_LE, 100, 150},
    {"battery.dod", "1", P(battery_dod), GE_LE, 0, 1},
};
#undef D
#undef P
#define NKEYS (sizeof KEYS / sizeof KEYS[0])
/* The sizing_defaults.json keys start here. */
#define FIRST_SZ 32

size_t odc_sizing_tech_count(void) { return NKEYS; }

const char *odc_sizing_tech_key(size_t i, const char **unit)
{
    if (i >= NKEYS)
        return NULL;
    if (unit)
        *unit = KEYS[i].unit;
    return KEYS[i].key;
}

static const char *range_text(const tech_key *k, char *buf, size_t n)
{
    switch (k->range) {
    case GT_LE: snprintf(buf, n, "in (%g, %g]", k->lo, k->hi); break;
    case GE_LE: snprintf(buf, n, "in [%g, %g]", k->lo, k->hi); break;
    case GT_INF: snprintf(buf, n, "> %g", k->lo); break;
    case GE_INF: snprintf(buf, n, ">= %g", k->lo); break;
    default: snprintf(buf, n, "with |value| < %g", k->hi); break;
    }
    return buf;
}

static int in_range(const tech_key *k, double v)
{
    if (!isfinite(v))
        return 0;
    switch (k->range) {
    case GT_LE: return v > k->lo && v <= k->hi;
    case GE_LE: return v >= k->lo && v <= k->hi;
    case GT_INF: return v > k->lo;
    case GE_INF: return v >= k->lo;
    default: return fabs(v) < k->hi;
    }
}

static const tech_key *find(const char *key)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(KEYS[i].key, key))
            return &KEYS[i];
    return NULL;
}

int odc_sizing_tech_check(const char *key, double value, odc_err *err)
{
    char rt[64];
    const tech_key *k = key ? find(key) : NULL;
    if (!k) {
        int best = -1, bd = 1 << 30;
        for (size_t i = 0; key && i < NKEYS; i++) {
            int dd = odc_edit_distance(key, KEYS[i].key);
            if (dd < bd) {
                bd = dd;
                best = (int)i;
            }
        }
        if (best >= 0 && bd <= 4)
            return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, key,
                               "expected a technology key of data/spacecraft_defaults.json "
                               "or data/sizing_defaults.json, got unknown key '%.60s' (did "
                               "you mean '%s'?)", key, KEYS[best].key);
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, key ? key : "technology",
                           "expected a technology key of data/spacecraft_defaults.json or "
                           "data/sizing_defaults.json (e.g. solar.eff_ref), got unknown "
                           "key '%.60s'", key ? key : "");
    }
    if (isnan(value))
        return ODC_OK;
    if (!in_range(k, value))
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, key, "expected a value %s%s%s, got %g",
                           range_text(k, rt, sizeof rt), strcmp(k->unit, "1") ? " " : "",
                           strcmp(k->unit, "1") ? k->unit : "", value);
    return ODC_OK;
}

int odc_sizing_tech_apply(odc_sc_defaults *d, odc_sizing_params *p, const char *key,
                          double value, odc_err *err)
{
    int rc = odc_sizing_tech_check(key, value, err);
    if (rc)
        return rc;
    const tech_key *k = find(key);
    char *base = k->where == IN_SC ? (char *)d : (char *)p;
    *(double *)(base + k->off) = value;
    return ODC_OK;
}

static char *slurp(const char *path, odc_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) || ftell(fp) < 0 || ftell(fp) > (1L << 24)) {
        fclose(fp);
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot read (or larger than 16 MiB)");
        return NULL;
    }
    long n = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        fclose(fp);
        odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
        return NULL;
    }
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    if (got != (size_t)n) {
        free(buf);
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "read error");
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

int odc_sizing_params_load(const char *path, odc_sizing_params *p, odc_err *err)
{
    if (!path || !p)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path", "missing path or output");
    char *text = slurp(path, err);
    if (!text)
        return err ? err->code : ODC_EIO;
    cJSON *root = cJSON_Parse(text);
    int rc = ODC_OK;
    if (!root) {
        /* Locate cJSON's error pointer as line/column. */
        const char *ep = cJSON_GetErrorPtr();
        int line = 1, col = 1;
        for (const char *s = text; ep && s < ep && *s; s++) {
            if (*s == '\n') {
                line++;
                col = 1;
            } else
                col++;
        }
        rc = odc_err_set(err, ODC_EINPUT, path, line, col, NULL, "JSON syntax error");
        free(text);
        return rc;
    }
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "params");
    if (!cJSON_IsObject(params)) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "params", "expected an object 'params'");
        goto out;
    }
    memset(p, 0, sizeof *p);
    int seen[NKEYS] = {0};
    for (const cJSON *e = params->child; e; e = e->next) {
        const tech_key *k = find(e->string ? e->string : "");
        if (!k || k->where != IN_SZ) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, e->string,
                             "unknown key (expected one of the sizing keys, see "
                             "docs/sizing.md)");
            goto out;
        }
        size_t ix = (size_t)(k - KEYS);
        if (seen[ix]++) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key, "key given twice");
            goto out;
        }
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "unit");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
        const cJSON *dt = cJSON_GetObjectItemCaseSensitive(e, "date");
        char rt[64];
        if (!cJSON_IsNumber(v)) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key, "'value' must be a number");
            goto out;
        }
        if (!cJSON_IsString(u) || strcmp(u->valuestring, k->unit)) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key, "'unit' must be \"%s\"",
                             k->unit);
            goto out;
        }
        if (!cJSON_IsString(s) || !s->valuestring[0] || !cJSON_IsString(dt) ||
            !dt->valuestring[0]) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                             "'source' and 'date' must be non-empty strings");
            goto out;
        }
        if (!in_range(k, v->valuedouble)) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                             "value %g out of range: expected %s %s", v->valuedouble,
                             range_text(k, rt, sizeof rt), k->unit);
            goto out;
        }
        *(double *)((char *)p + k->off) = v->valuedouble;
    }
    for (size_t i = FIRST_SZ; i < NKEYS; i++)
        if (!seen[i]) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, KEYS[i].key, "missing key");
            goto out;
        }
out:
    cJSON_Delete(root);
    free(text);
    return rc;
}
