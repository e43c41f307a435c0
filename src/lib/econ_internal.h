/* Strict JSON reading shared by the economics data files (launch vehicles,
 * costs, terrestrial sites): load with line/column on syntax errors, check
 * a schema tag, refuse unknown, duplicate and missing keys. Internal to
 * libodc. */
#ifndef ODC_ECON_INTERNAL_H
#define ODC_ECON_INTERNAL_H

#include <cjson/cJSON.h>

#include "odc/error.h"

/* Parse path; ODC_EINPUT with 1-based line/column on a syntax error.
 * Checks root."schema" == schema. Returns the tree (caller frees) or NULL. */
cJSON *odc_econ_json_load(const char *path, const char *schema, odc_err *err);

/* Every member of obj must be one of keys[0..n-1] and appear once; every
 * key must be present. where names the object in messages ("vehicles[2]"). */
int odc_econ_keys(const char *path, const char *where, const cJSON *obj,
                  const char *const *keys, int n, odc_err *err);

/* Number member key of obj with lo <= v <= hi (lo_open/hi_open make the
 * bound strict). Field in errors is "where.key". */
int odc_econ_num(const char *path, const char *where, const cJSON *obj, const char *key,
                 double lo, int lo_open, double hi, int hi_open, double *v, odc_err *err);

/* Non-empty string member (copied to buf, at most n-1 chars). */
int odc_econ_str(const char *path, const char *where, const cJSON *obj, const char *key,
                 char *buf, size_t n, odc_err *err);

/* Boolean member. */
int odc_econ_bool(const char *path, const char *where, const cJSON *obj, const char *key,
                  int *v, odc_err *err);

#endif
