/* Loader of data/spacecraft_defaults.json: the technology numbers behind
 * the power, battery and thermal models live in that file (each with its
 * source and date) so users change them without recompiling. The loader is
 * strict: a typo in a key or a unit must not silently fall back to a
 * built-in value. */
#include "odc/spacecraft_defaults.h"
#include "odc/datafile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Range kinds: value must satisfy lo <op> v <op> hi. */
enum { GT_LE, GE_LE, GT_LT, GT_INF, OPEN_ABS };

typedef struct key_spec {
    const char *key;
    const char *unit;
    size_t off;
    int range;
    double lo, hi;
} key_spec;

#define F(field) offsetof(odc_sc_defaults, field)
static const key_spec KEYS[] = {
    {"solar.s_1au_w_m2", "W/m^2", F(s_1au_w_m2), GT_INF, 0, 0},
    {"solar.eff_ref", "1", F(eff_ref), GT_LE, 0, 1},
    {"solar.t_ref_k", "K", F(t_ref_k), GT_INF, 0, 0},
    {"solar.temp_coeff_per_k", "1/K", F(temp_coeff_per_k), OPEN_ABS, 0, 0.05},
    {"solar.packing_factor", "1", F(packing_factor), GT_LE, 0, 1},
    {"solar.inherent_deg", "1", F(inherent_deg), GT_LE, 0, 1},
    {"solar.degr_per_yr", "1/yr", F(degr_per_yr), GE_LE, 0, 0.999},
    {"solar.t_cell_k", "K", F(t_cell_k), GT_INF, 0, 0},
    {"solar.areal_density_kg_m2", "kg/m^2", F(areal_density_kg_m2), GT_INF, 0, 0},
    {"solar.specific_power_w_kg", "W/kg", F(specific_power_w_kg), GT_INF, 0, 0},
    {"solar.xe", "1", F(xe), GT_LE, 0, 1},
    {"solar.xd", "1", F(xd), GT_LE, 0, 1},
    {"battery.specific_energy_wh_kg", "Wh/kg", F(bat_specific_energy_wh_kg), GT_INF, 0, 0},
    {"battery.eta_charge", "1", F(bat_eta_charge), GT_LE, 0, 1},
    {"battery.eta_discharge", "1", F(bat_eta_discharge), GT_LE, 0, 1},
    {"battery.c_rate_charge_per_h", "1/h", F(bat_c_rate_charge_per_h), GT_INF, 0, 0},
    {"battery.c_rate_discharge_per_h", "1/h", F(bat_c_rate_discharge_per_h), GT_INF, 0, 0},
    {"battery.dod_floor", "1", F(bat_dod_floor), GT_LE, 0, 1},
    {"thermal.albedo", "1", F(albedo), GE_LE, 0, 1},
    {"thermal.earth_ir_w_m2", "W/m^2", F(earth_ir_w_m2), GE_LE, 0, 1e4},
    {"thermal.rad_eps", "1", F(rad_eps), GT_LE, 0, 1},
    {"thermal.rad_alpha", "1", F(rad_alpha), GE_LE, 0, 1},
    {"thermal.rad_t_k", "K", F(rad_t_k), GT_INF, 0, 0},
    {"thermal.rad_areal_density_kg_m2", "kg/m^2", F(rad_areal_density_kg_m2), GT_INF, 0, 0},
    {"thermal.payload_t_limit_k", "K", F(payload_t_limit_k), GT_INF, 0, 0},
    {"thermal.payload_heat_capacity_j_k_per_kw", "J/K/kW",
     F(payload_heat_capacity_j_k_per_kw), GT_INF, 0, 0},
    {"budget.eta_it_conv", "1", F(eta_it_conv), GT_LE, 0, 1},
    {"budget.eta_other_conv", "1", F(eta_other_conv), GT_LE, 0, 1},
    {"budget.eta_distribution", "1", F(eta_distribution), GT_LE, 0, 1},
    {"budget.isl_w_per_terminal", "W", F(isl_w_per_terminal), GE_LE, 0, 1e6},
    {"budget.avionics_w_per_kw", "W/kW", F(avionics_w_per_kw), GE_LE, 0, 1e3},
    {"budget.pumps_w_per_kw", "W/kW", F(pumps_w_per_kw), GE_LE, 0, 1e3},
};
#undef F
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

static const char *range_text(const key_spec *k, char *buf, size_t n)
{
    switch (k->range) {
    case GT_LE: snprintf(buf, n, "in (%g, %g]", k->lo, k->hi); break;
    case GE_LE: snprintf(buf, n, "in [%g, %g]", k->lo, k->hi); break;
    case GT_LT: snprintf(buf, n, "in (%g, %g)", k->lo, k->hi); break;
    case GT_INF: snprintf(buf, n, "> %g", k->lo); break;
    default: snprintf(buf, n, "with |value| < %g", k->hi); break;
    }
    return buf;
}

static int in_range(const key_spec *k, double v)
{
    if (!isfinite(v)) return 0;
    switch (k->range) {
    case GT_LE: return v > k->lo && v <= k->hi;
    case GE_LE: return v >= k->lo && v <= k->hi;
    case GT_LT: return v > k->lo && v < k->hi;
    case GT_INF: return v > k->lo;
    default: return fabs(v) < k->hi;
    }
}

/* Read one {"value","unit","source","date"} entry. */
static int read_entry(const char *path, const key_spec *k, const cJSON *e,
                      odc_sc_defaults *d, odc_err *err)
{
    char rt[64];
    if (!cJSON_IsObject(e))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                           "expected an object {value, unit, source, date}");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "unit");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
    const cJSON *dt = cJSON_GetObjectItemCaseSensitive(e, "date");
    if (!cJSON_IsNumber(v))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key, "'value' must be a number");
    if (!cJSON_IsString(u) || strcmp(u->valuestring, k->unit) != 0)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                           "'unit' must be \"%s\"", k->unit);
    if (!cJSON_IsString(s) || s->valuestring[0] == '\0')
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                           "'source' must be a non-empty string");
    if (!cJSON_IsString(dt) || dt->valuestring[0] == '\0')
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                           "'date' must be a non-empty string");
    if (!in_range(k, v->valuedouble))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, k->key,
                           "value %g out of range: expected %s %s", v->valuedouble,
                           range_text(k, rt, sizeof rt), k->unit);
    *(double *)((char *)d + k->off) = v->valuedouble;
    return ODC_OK;
}

static int read_cycle_life(const char *path, const cJSON *cl, odc_sc_defaults *d,
                           odc_err *err)
{
    const char *key = "battery.cycle_life";
    if (!cJSON_IsObject(cl))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                           "missing object {cycles: [...], dod: [...], source, date}");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(cl, "cycles");
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(cl, "dod");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(cl, "source");
    if (!cJSON_IsArray(c) || !cJSON_IsArray(q))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                           "'cycles' and 'dod' must be arrays");
    int n = cJSON_GetArraySize(c);
    if (n != cJSON_GetArraySize(q) || n < 2 || n > ODC_SC_CYCLE_LIFE_MAX)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                           "'cycles' and 'dod' need the same length, 2..%d",
                           ODC_SC_CYCLE_LIFE_MAX);
    if (!cJSON_IsString(s) || s->valuestring[0] == '\0')
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                           "'source' must be a non-empty string");
    for (int i = 0; i < n; i++) {
        const cJSON *a = cJSON_GetArrayItem(c, i), *b = cJSON_GetArrayItem(q, i);
        if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                               "entry %d is not a number", i);
        double nc = a->valuedouble, dd = b->valuedouble;
        if (!(nc > 0.0) || (i > 0 && !(nc > d->cycle_life_cycles[i - 1])))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                               "cycles must be > 0 and strictly ascending (entry %d)", i);
        if (!(dd > 0.0 && dd <= 1.0))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, key,
                               "dod entry %d = %g, expected in (0,1]", i, dd);
        d->cycle_life_cycles[i] = nc;
        d->cycle_life_dod[i] = dd;
    }
    d->n_cycle_life = n;
    return ODC_OK;
}

int odc_sc_defaults_load(const char *path, odc_sc_defaults *d, odc_err *err)
{
    if (!path || !d)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path", "missing path or output");
    cJSON *root;
    int rc = odc_json_parse_file(path, &root, NULL, err);
    if (rc != ODC_OK)
        return rc;
    memset(d, 0, sizeof *d);
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(root, "params");
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) ||
        strcmp(schema->valuestring, "odcsim-spacecraft-defaults/1") != 0) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema",
                         "expected \"odcsim-spacecraft-defaults/1\"");
        goto done;
    }
    if (!cJSON_IsObject(params)) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "params", "missing object");
        goto done;
    }
    /* Every key in the file must be known and appear once. */
    unsigned char seen[NKEYS] = {0};
    for (const cJSON *e = params->child; e; e = e->next) {
        size_t i = 0;
        while (i < NKEYS && strcmp(KEYS[i].key, e->string) != 0) i++;
        if (i == NKEYS) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, e->string, "unknown key");
            goto done;
        }
        if (seen[i]) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, e->string, "duplicate key");
            goto done;
        }
        seen[i] = 1;
        if ((rc = read_entry(path, &KEYS[i], e, d, err)))
            goto done;
    }
    for (size_t i = 0; i < NKEYS; i++)
        if (!seen[i]) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, KEYS[i].key, "missing key");
            goto done;
        }
    rc = read_cycle_life(path, cJSON_GetObjectItemCaseSensitive(root, "battery.cycle_life"),
                         d, err);
done:
    cJSON_Delete(root);
    return rc;
}
