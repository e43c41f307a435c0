/* Reference model definitions read from data/models.json (installed as
 * share/odcsim/models.json): published architecture numbers of a few
 * transformers, each entry with its source and date, to fill
 * odc_train_model (training.h) and odc_infer_model (inference.h). */
#ifndef ODC_MODELS_H
#define ODC_MODELS_H

#include "odc/error.h"

#define ODC_MODELS_MAX 64

typedef struct odc_model_ref {
    char   name[64];
    double params;          /* total parameters                               */
    double active_params;   /* parameters used per token (= params if dense)  */
    int    layers, heads, kv_heads;
    double hidden, head_dim;
    double context_tokens;  /* longest supported context (tokens)             */
    double train_tokens;    /* pre-training tokens                            */
    double train_flops_published; /* 0 when the source gives none             */
    char   source[512];
    char   date[16];
} odc_model_ref;

/* Load every model of a models file.
 * path  JSON file (data/models.json layout: schema "odcsim-models/1", array
 *       "models" of objects with the fields above)
 * out   array of cap entries; n out: number loaded (<= cap)
 * returns ODC_OK; ODC_EIO if unreadable; ODC_EINPUT with line and column
 * for JSON syntax errors, or with field "models[i].key" for a missing,
 * unknown, mistyped or out-of-range entry (numbers must be > 0, except
 * train_flops_published >= 0; active_params <= params; heads divisible
 * by kv_heads is not required, MLA stores a compressed latent), and
 * for more than cap models or a duplicate name. */
int odc_models_load(const char *path, odc_model_ref *out, int cap, int *n,
                    odc_err *err);

/* Index of the model called name among n, or -1. */
int odc_models_find(const odc_model_ref *models, int n, const char *name);

#endif
