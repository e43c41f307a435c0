/* OMM as JSON (CelesTrak's FORMAT=json): an array of objects, one per
 * element set, keys being OMM keywords; a single object is taken as a
 * one-element array. Values may be numbers or strings (Space-Track quotes
 * its numbers). Parsed with cJSON; a syntax error gives line and column,
 * a bad value the record number and keyword. */
#include <cjson/cJSON.h>
#include <string.h>

#include "elset_internal.h"
#include "omm_internal.h"

static void line_col(const char *t, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (t[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

int omm__read_json(const char *text, size_t len, const char *file, odc_elset_list *out,
                   odc_err *err)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    int line, col;
    if (!root) {
        size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        line_col(text, off, &line, &col);
        return odc_err_set(err, ODC_EINPUT, file, line, col, NULL, "JSON syntax error");
    }
    /* Only blanks may follow the value. */
    for (const char *p = end; p && p < text + len && *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            line_col(text, (size_t)(p - text), &line, &col);
            cJSON_Delete(root);
            return odc_err_set(err, ODC_EINPUT, file, line, col, NULL,
                               "text after the end of the JSON value");
        }
    int rc = ODC_OK;
    int single = cJSON_IsObject(root);
    if (!single && !cJSON_IsArray(root)) {
        cJSON_Delete(root);
        return odc_err_set(err, ODC_EINPUT, file, 1, 1, NULL,
                           "expected an array of OMM objects (or one object)");
    }
    int recno = 0;
    const cJSON *obj = single ? root : root->child;
    for (; obj && rc == ODC_OK; obj = single ? NULL : obj->next) {
        recno++;
        omm_where w = {file, recno, 0, 0};
        if (!cJSON_IsObject(obj)) {
            rc = odc_err_set(err, ODC_EINPUT, file, 0, 0, NULL,
                             "record %d: expected an object of OMM keywords", recno);
            break;
        }
        omm_rec rec;
        omm__begin(&rec);
        for (const cJSON *it = obj->child; it && rc == ODC_OK; it = it->next) {
            const char *k = it->string ? it->string : "";
            if (cJSON_IsString(it))
                rc = omm__set_text(&rec, k, strlen(k), it->valuestring, strlen(it->valuestring),
                                   &w, err);
            else if (cJSON_IsNumber(it))
                rc = omm__set_number(&rec, k, strlen(k), it->valuedouble, &w, err);
            else if (cJSON_IsNull(it))
                rc = omm__set_text(&rec, k, strlen(k), "", 0, &w, err);
            else
                rc = omm__set_wrong_type(&rec, k, strlen(k),
                                         cJSON_IsBool(it) ? "a boolean" : "an array or object",
                                         &w, err);
        }
        if (rc == ODC_OK)
            rc = omm__finish(&rec, &w, err);
        if (rc == ODC_OK)
            rc = odc_elset__append(out, &rec.el, 0, NULL, err);
    }
    cJSON_Delete(root);
    return rc;
}
