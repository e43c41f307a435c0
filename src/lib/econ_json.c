/* Strict reading of the economics data files. A typo in a key must be an
 * error, never a silent fallback, and a broken file must say where. */
#include "econ_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, odc_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) != 0) {
        fclose(fp);
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "cannot seek");
        return NULL;
    }
    long n = ftell(fp);
    if (n < 0 || n > (1L << 26)) {
        fclose(fp);
        odc_err_set(err, ODC_EIO, path, 0, 0, NULL, "unreadable or larger than 64 MiB");
        return NULL;
    }
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

cJSON *odc_econ_json_load(const char *path, const char *schema, odc_err *err)
{
    if (!path) {
        odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path", "missing path");
        return NULL;
    }
    char *text = slurp(path, err);
    if (!text)
        return NULL;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        /* cJSON reports where parsing stopped; count lines up to there. */
        int line = 1, col = 1;
        for (const char *p = text; end && p < end && *p; p++) {
            if (*p == '\n') { line++; col = 1; } else col++;
        }
        free(text);
        odc_err_set(err, ODC_EINPUT, path, line, col, NULL, "invalid JSON");
        return NULL;
    }
    free(text);
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root) || !cJSON_IsString(s) || strcmp(s->valuestring, schema) != 0) {
        cJSON_Delete(root);
        odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema", "expected \"%s\"", schema);
        return NULL;
    }
    return root;
}

int odc_econ_keys(const char *path, const char *where, const cJSON *obj,
                  const char *const *keys, int n, odc_err *err)
{
    char f[96];
    if (!cJSON_IsObject(obj))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, where, "expected an object");
    unsigned char seen[64] = {0};
    if (n > 64)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, where, "too many keys");
    for (const cJSON *e = obj->child; e; e = e->next) {
        int i = 0;
        while (i < n && strcmp(keys[i], e->string) != 0) i++;
        snprintf(f, sizeof f, "%s%s%s", where, where[0] ? "." : "", e->string);
        if (i == n)
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "unknown key");
        if (seen[i])
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "duplicate key");
        seen[i] = 1;
    }
    for (int i = 0; i < n; i++)
        if (!seen[i]) {
            snprintf(f, sizeof f, "%s%s%s", where, where[0] ? "." : "", keys[i]);
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "missing key");
        }
    return ODC_OK;
}

int odc_econ_num(const char *path, const char *where, const cJSON *obj, const char *key,
                 double lo, int lo_open, double hi, int hi_open, double *v, odc_err *err)
{
    char f[96];
    snprintf(f, sizeof f, "%s%s%s", where, where[0] ? "." : "", key);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(x))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected a number");
    double d = x->valuedouble;
    int ok = isfinite(d) && (lo_open ? d > lo : d >= lo) && (hi_open ? d < hi : d <= hi);
    if (!ok)
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "value %g out of range: expected %c%g, %g%c",
                           d, lo_open ? '(' : '[', lo, hi, hi_open ? ')' : ']');
    *v = d;
    return ODC_OK;
}

int odc_econ_str(const char *path, const char *where, const cJSON *obj, const char *key,
                 char *buf, size_t n, odc_err *err)
{
    char f[96];
    snprintf(f, sizeof f, "%s%s%s", where, where[0] ? "." : "", key);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(x) || x->valuestring[0] == '\0')
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected a non-empty string");
    if (buf) {
        if (strlen(x->valuestring) >= n)
            return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "longer than %zu characters",
                               n - 1);
        memcpy(buf, x->valuestring, strlen(x->valuestring) + 1);
    }
    return ODC_OK;
}

int odc_econ_bool(const char *path, const char *where, const cJSON *obj, const char *key,
                  int *v, odc_err *err)
{
    char f[96];
    snprintf(f, sizeof f, "%s%s%s", where, where[0] ? "." : "", key);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsBool(x))
        return odc_err_set(err, ODC_EINPUT, path, 0, 0, f, "expected true or false");
    *v = cJSON_IsTrue(x) ? 1 : 0;
    return ODC_OK;
}
