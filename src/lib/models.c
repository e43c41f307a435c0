/* Loader for data/models.json: published transformer architectures that
 * the workload models take as input. Strict: unknown or missing keys are
 * errors, so a typo in the data file cannot silently fall back to zero. */
#include "odc/models.h"
#include "odc/datafile.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

enum { K_NUM, K_INT, K_STR };
typedef struct { const char *key; int kind; size_t off; size_t size; int may_be_zero; } key_spec;

#define NUM(k, z) {#k, K_NUM, offsetof(odc_model_ref, k), 0, z}
#define INT(k) {#k, K_INT, offsetof(odc_model_ref, k), 0, 0}
#define STR(k) {#k, K_STR, offsetof(odc_model_ref, k), sizeof(((odc_model_ref *)0)->k), 0}
static const key_spec KEYS[] = {
    STR(name), NUM(params, 0), NUM(active_params, 0), INT(layers), NUM(hidden, 0),
    INT(heads), INT(kv_heads), NUM(head_dim, 0), NUM(context_tokens, 0),
    NUM(train_tokens, 0), NUM(train_flops_published, 1), STR(source), STR(date),
};
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

static int read_model(const char *path, int idx, const cJSON *o, odc_model_ref *m,
                      odc_err *err)
{
    char f[96];
    if (!cJSON_IsObject(o)) {
        snprintf(f, sizeof f, "models[%d]", idx);
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected an object");
    }
    unsigned char seen[NKEYS] = {0};
    for (const cJSON *e = o->child; e; e = e->next) {
        size_t i = 0;
        while (i < NKEYS && strcmp(KEYS[i].key, e->string) != 0) i++;
        snprintf(f, sizeof f, "models[%d].%.60s", idx, e->string);
        if (i == NKEYS)
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "unknown key");
        if (seen[i])
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "duplicate key");
        seen[i] = 1;
        const key_spec *k = &KEYS[i];
        char *dst = (char *)m + k->off;
        if (k->kind == K_STR) {
            if (!cJSON_IsString(e) || e->valuestring[0] == '\0' ||
                strlen(e->valuestring) >= k->size)
                return odc_err_set(err, ODC_EINPUT, path, 0, 0, f,
                                   "expected a non-empty string shorter than %zu bytes",
                                   k->size);
            memcpy(dst, e->valuestring, strlen(e->valuestring) + 1);
            continue;
        }
        if (!cJSON_IsNumber(e) || !isfinite(e->valuedouble))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected a number");
        double v = e->valuedouble;
        if (!(v > 0.0) && !(k->may_be_zero && v == 0.0))
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected %s, got %g",
                               k->may_be_zero ? ">= 0" : "> 0", v);
        if (k->kind == K_INT) {
            if (v != floor(v) || v > 1e6)
                return odc_err_set(err, ODC_EINPUT, path, 0, 0, f,
                                   "expected an integer 1..1000000, got %g", v);
            *(int *)dst = (int)v;
        } else {
            *(double *)dst = v;
        }
    }
    for (size_t i = 0; i < NKEYS; i++)
        if (!seen[i]) {
            snprintf(f, sizeof f, "models[%d].%s", idx, KEYS[i].key);
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "missing");
        }
    if (m->active_params > m->params) {
        snprintf(f, sizeof f, "models[%d].active_params", idx);
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f,
                           "%g exceeds params %g", m->active_params, m->params);
    }
    return ODC_OK;
}

int odc_models_load(const char *path, odc_model_ref *out, int cap, int *n,
                    odc_err *err)
{
    if (!path || !out || !n || cap < 1)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path",
                           "missing path, output array or count");
    *n = 0;
    cJSON *root;
    int rc = odc_json_parse_file(path, &root, NULL, err);
    if (rc != ODC_OK)
        return rc;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(root, "models");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "odcsim-models/1") != 0) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema",
                         "expected \"odcsim-models/1\"");
        goto done;
    }
    if (!cJSON_IsArray(models) || cJSON_GetArraySize(models) < 1) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "models",
                         "expected a non-empty array");
        goto done;
    }
    int i = 0;
    for (const cJSON *o = models->child; o; o = o->next, i++) {
        if (i >= cap) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "models",
                             "more than %d models", cap);
            goto done;
        }
        memset(&out[i], 0, sizeof out[i]);
        if ((rc = read_model(path, i, o, &out[i], err)))
            goto done;
        if (odc_models_find(out, i, out[i].name) >= 0) {
            char f[96];
            snprintf(f, sizeof f, "models[%d].name", i);
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, f,
                             "duplicate model name '%s'", out[i].name);
            goto done;
        }
    }
    *n = i;
done:
    cJSON_Delete(root);
    return rc;
}

int odc_models_find(const odc_model_ref *models, int n, const char *name)
{
    if (!models || !name)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(models[i].name, name) == 0)
            return i;
    return -1;
}
