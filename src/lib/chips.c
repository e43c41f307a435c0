/* Loader of the compute chip catalog (data/chips.json). Strict on purpose:
 * a misspelt key or a sparse figure typed as negative must stop the run
 * with the entry and key named, not fall back to something silently. */
#include "odc/chips.h"
#include "odc/datafile.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAME_LEN_MAX 40   /* so that "<name>.<key>" fits odc_err.field */

enum { K_STR, K_NUM, K_NUM_OR_NULL, K_EST };

typedef struct key_spec {
    const char *key;
    int kind;
    size_t off;        /* into odc_chip */
    size_t cap;        /* string capacity */
    unsigned est_bit;  /* for numeric keys */
} key_spec;

#define F(m) offsetof(odc_chip, m)
static const key_spec KEYS[] = {
    {"name", K_STR, F(name), sizeof(((odc_chip *)0)->name), 0},
    {"vendor", K_STR, F(vendor), sizeof(((odc_chip *)0)->vendor), 0},
    {"bf16_dense_tflops", K_NUM, F(bf16_dense_tflops), 0, ODC_CHIP_EST_BF16},
    {"fp8_dense_tflops", K_NUM_OR_NULL, F(fp8_dense_tflops), 0, ODC_CHIP_EST_FP8},
    {"hbm_gb", K_NUM, F(hbm_gb), 0, ODC_CHIP_EST_HBM_GB},
    {"hbm_tb_s", K_NUM, F(hbm_tb_s), 0, ODC_CHIP_EST_HBM_TB_S},
    {"tdp_w", K_NUM, F(tdp_w), 0, ODC_CHIP_EST_TDP},
    {"mass_kg", K_NUM_OR_NULL, F(mass_kg), 0, ODC_CHIP_EST_MASS},
    {"estimated", K_EST, 0, 0, 0},
    {"source", K_STR, F(source), sizeof(((odc_chip *)0)->source), 0},
    {"url", K_STR, F(url), sizeof(((odc_chip *)0)->url), 0},
    {"date", K_STR, F(date), sizeof(((odc_chip *)0)->date), 0},
};
#undef F
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

/* Where in the text the idx-th object of the top-level "chips" array
 * starts, or (key != NULL) where that key appears inside it; NULL if not
 * found. cJSON keeps no positions, so this is a small scan of the
 * (already validated) JSON text that tracks nesting and skips strings. */
static const char *locate(const char *text, int idx, const char *key)
{
    int depth = 0, in_chips = 0, elem = -1;
    const char *obj = NULL;
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            const char *s = p + 1, *e = s;
            while (*e && *e != '"') {
                if (*e == '\\' && e[1])
                    e++;
                e++;
            }
            if (!*e)
                return obj;
            size_t len = (size_t)(e - s);
            const char *q = e + 1;
            while (isspace((unsigned char)*q))
                q++;
            if (*q == ':') {
                if (depth == 1 && len == 5 && !strncmp(s, "chips", 5))
                    in_chips = 1;
                else if (obj && key && depth == 3 && strlen(key) == len &&
                         !strncmp(s, key, len))
                    return p;
            }
            p = e;
            continue;
        }
        if (*p == '{' || *p == '[') {
            depth++;
            if (in_chips == 1 && *p == '[' && depth == 2) {
                in_chips = 2;
            } else if (in_chips == 2 && depth == 3 && *p == '{') {
                if (++elem == idx) {
                    obj = p;
                    if (!key)
                        return p;
                }
            }
        } else if (*p == '}' || *p == ']') {
            if (obj && depth == 3)
                return obj;   /* end of the entry: the key is not there */
            depth--;
            if (in_chips == 2 && depth == 1)
                in_chips = 0;
        }
    }
    return obj;
}

/* Context for error messages about entry idx. */
typedef struct ectx {
    const char *path, *text;
    int idx;
    const char *label;    /* chip name when known, else NULL */
    odc_err *err;
} ectx;

static int entry_err(const ectx *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int entry_err(const ectx *c, const char *key, const char *fmt, ...)
{
    char field[64], who[48], msg[400];
    if (c->label)
        snprintf(who, sizeof who, "%s", c->label);
    else
        snprintf(who, sizeof who, "chips[%d]", c->idx);
    if (key)
        snprintf(field, sizeof field, "%.40s.%.22s", who, key);
    else
        snprintf(field, sizeof field, "%s", who);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *at = locate(c->text, c->idx, key);
    int line = 0, col = 0;   /* unknown when the key is not in the text */
    if (at)
        odc_text_line_col(c->text, at, &line, &col);
    return odc_err_set(c->err, ODC_EINPUT, c->path, line, col, field, "chip entry %d: %s",
                       c->idx + 1, msg);
}

static const key_spec *find_key(const char *k)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(KEYS[i].key, k))
            return &KEYS[i];
    return NULL;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > NAME_LEN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!isalnum(ch) && ch != '-' && ch != '_' && ch != '.' && ch != '+')
            return 0;
    }
    return 1;
}

static int read_estimated(const ectx *c, const cJSON *v, odc_chip *chip, const cJSON *obj)
{
    if (!cJSON_IsArray(v))
        return entry_err(c, "estimated", "expected an array of field names "
                         "(e.g. [\"tdp_w\"]), [] if every value is published");
    unsigned bits = 0;
    for (const cJSON *e = v->child; e; e = e->next) {
        const key_spec *k = cJSON_IsString(e) ? find_key(e->valuestring) : NULL;
        if (!k || (k->kind != K_NUM && k->kind != K_NUM_OR_NULL))
            return entry_err(c, "estimated", "'%s' is not a numeric field (expected "
                             "bf16_dense_tflops, fp8_dense_tflops, hbm_gb, hbm_tb_s, "
                             "tdp_w, mass_kg)",
                             cJSON_IsString(e) ? e->valuestring : "(not a string)");
        if (bits & k->est_bit)
            return entry_err(c, "estimated", "'%s' listed twice", k->key);
        if (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(obj, k->key)))
            return entry_err(c, "estimated", "'%s' is null (unknown) and cannot be "
                             "an estimate: give the estimated value", k->key);
        bits |= k->est_bit;
    }
    chip->estimated = bits;
    return ODC_OK;
}

static int read_entry(const ectx *c0, const cJSON *obj, odc_chip *chip)
{
    ectx c = *c0;
    if (!cJSON_IsObject(obj))
        return entry_err(&c, NULL, "expected an object {name, vendor, ...}");
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(obj, "name");
    if (cJSON_IsString(nm) && valid_name(nm->valuestring))
        c.label = nm->valuestring;
    memset(chip, 0, sizeof *chip);
    unsigned char seen[NKEYS] = {0};
    for (const cJSON *e = obj->child; e; e = e->next) {
        const key_spec *k = find_key(e->string);
        if (!k)
            return entry_err(&c, e->string, "unknown key (expected one of name, vendor, "
                             "bf16_dense_tflops, fp8_dense_tflops, hbm_gb, hbm_tb_s, "
                             "tdp_w, mass_kg, estimated, source, url, date)");
        size_t ki = (size_t)(k - KEYS);
        if (seen[ki])
            return entry_err(&c, k->key, "duplicate key");
        seen[ki] = 1;
    }
    for (size_t ki = 0; ki < NKEYS; ki++)
        if (!seen[ki])
            return entry_err(&c, KEYS[ki].key, "missing key");
    for (size_t ki = 0; ki < NKEYS; ki++) {
        const key_spec *k = &KEYS[ki];
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, k->key);
        switch (k->kind) {
        case K_STR:
            if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
                return entry_err(&c, k->key, "expected a non-empty string");
            if (strlen(v->valuestring) >= k->cap)
                return entry_err(&c, k->key, "string longer than %zu characters",
                                 k->cap - 1);
            if (!strcmp(k->key, "name") && !valid_name(v->valuestring))
                return entry_err(&c, k->key, "'%s': expected 1..%d characters from "
                                 "A-Z a-z 0-9 - _ . +", v->valuestring, NAME_LEN_MAX);
            strcpy((char *)chip + k->off, v->valuestring);
            break;
        case K_NUM:
        case K_NUM_OR_NULL:
            if (k->kind == K_NUM_OR_NULL && cJSON_IsNull(v)) {
                *(double *)((char *)chip + k->off) = 0.0;
                break;
            }
            if (!cJSON_IsNumber(v))
                return entry_err(&c, k->key, "expected a number%s",
                                 k->kind == K_NUM_OR_NULL ? " or null" : "");
            if (!isfinite(v->valuedouble) || !(v->valuedouble > 0.0))
                return entry_err(&c, k->key, "value %g: expected a finite number > 0",
                                 v->valuedouble);
            *(double *)((char *)chip + k->off) = v->valuedouble;
            break;
        default: {
            int rc = read_estimated(&c, v, chip, obj);
            if (rc)
                return rc;
        }
        }
    }
    return ODC_OK;
}

void odc_chips_free(odc_chip_catalog *cat)
{
    if (!cat)
        return;
    free(cat->chips);
    cat->chips = NULL;
    cat->n = 0;
}

int odc_chips_load(const char *path, odc_chip_catalog *cat, odc_err *err)
{
    if (!path || !cat)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "path", "missing path or output");
    cat->n = 0;
    cat->chips = NULL;
    char *text;
    cJSON *root;
    int rc = odc_json_parse_file(path, &root, &text, err);
    if (rc != ODC_OK)
        return rc;
    const cJSON *schema = NULL, *chips = NULL;
    if (!cJSON_IsObject(root)) {
        rc = odc_err_set(err, ODC_EINPUT, path, 1, 1, NULL,
                         "expected a JSON object {schema, note, chips}");
        goto done;
    }
    for (const cJSON *e = root->child; e; e = e->next) {
        if (!strcmp(e->string, "schema"))
            schema = e;
        else if (!strcmp(e->string, "chips"))
            chips = e;
        else if (strcmp(e->string, "note") != 0) {
            rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, e->string,
                             "unknown top-level key (expected schema, note, chips)");
            goto done;
        }
    }
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "odcsim-chips/1") != 0) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "schema",
                         "expected \"odcsim-chips/1\"");
        goto done;
    }
    int n = cJSON_GetArraySize(chips);
    if (!cJSON_IsArray(chips) || n < 1) {
        rc = odc_err_set(err, ODC_EINPUT, path, 0, 0, "chips",
                         "expected a non-empty array of chip entries");
        goto done;
    }
    cat->chips = calloc((size_t)n, sizeof *cat->chips);
    if (!cat->chips) {
        rc = odc_err_set(err, ODC_ENOMEM, path, 0, 0, NULL, "out of memory");
        goto done;
    }
    int i = 0;
    for (const cJSON *e = chips->child; e; e = e->next, i++) {
        ectx c = {path, text, i, NULL, err};
        if ((rc = read_entry(&c, e, &cat->chips[i])))
            goto done;
        for (int j = 0; j < i; j++)
            if (!strcasecmp(cat->chips[j].name, cat->chips[i].name)) {
                c.label = cat->chips[i].name;
                rc = entry_err(&c, "name", "duplicate chip name (names are compared "
                               "ignoring case; first use is entry %d)", j + 1);
                goto done;
            }
        cat->n = i + 1;
    }
done:
    if (rc)
        odc_chips_free(cat);
    cJSON_Delete(root);
    free(text);
    return rc;
}

const odc_chip *odc_chips_find(const odc_chip_catalog *cat, const char *name)
{
    if (!cat || !name)
        return NULL;
    for (int i = 0; i < cat->n; i++)
        if (!strcasecmp(cat->chips[i].name, name))
            return &cat->chips[i];
    return NULL;
}

double odc_chip_dense_tflops(const odc_chip *c, const char *precision)
{
    if (!c || !precision)
        return 0.0;
    if (!strcasecmp(precision, "bf16"))
        return c->bf16_dense_tflops;
    if (!strcasecmp(precision, "fp8"))
        return c->fp8_dense_tflops > 0.0 ? c->fp8_dense_tflops : c->bf16_dense_tflops;
    return 0.0;
}
