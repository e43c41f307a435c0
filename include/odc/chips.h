/* Compute chip catalog, read from data/chips.json (installed as
 * share/odcsim/chips.json): peak dense BF16/FP8 throughput, HBM capacity
 * and bandwidth, power and mass of each accelerator, with the source and
 * date of every entry and flags for the values that are estimates. The
 * numbers are data, not code: users add their own chips to the file. */
#ifndef ODC_CHIPS_H
#define ODC_CHIPS_H

#include "odc/error.h"

#define ODC_CHIP_NAME_MAX 48

/* Bits of odc_chip.estimated: which values are estimates. */
enum {
    ODC_CHIP_EST_BF16 = 1 << 0,
    ODC_CHIP_EST_FP8 = 1 << 1,
    ODC_CHIP_EST_HBM_GB = 1 << 2,
    ODC_CHIP_EST_HBM_TB_S = 1 << 3,
    ODC_CHIP_EST_TDP = 1 << 4,
    ODC_CHIP_EST_MASS = 1 << 5
};

typedef struct odc_chip {
    char   name[ODC_CHIP_NAME_MAX];   /* lookup key, unique ignoring case  */
    char   vendor[ODC_CHIP_NAME_MAX];
    double bf16_dense_tflops;  /* peak dense BF16 tensor rate (TFLOP/s)     */
    double fp8_dense_tflops;   /* peak dense FP8 rate (TFLOP/s); 0 if the
                                  chip has no native FP8 (file: null)       */
    double hbm_gb;             /* HBM capacity (GB, 10^9 bytes)             */
    double hbm_tb_s;           /* HBM bandwidth (TB/s, 10^12 bytes/s)       */
    double tdp_w;              /* board / module power limit (W)            */
    double mass_kg;            /* module mass (kg); 0 if unknown (null)     */
    unsigned estimated;        /* ODC_CHIP_EST_* bits                       */
    char   source[640];        /* document and table the values come from   */
    char   url[256];
    char   date[32];           /* date of the source                        */
} odc_chip;

typedef struct odc_chip_catalog {
    int       n;
    odc_chip *chips;
} odc_chip_catalog;

/* Load and validate a catalog.
 * path  JSON file in the data/chips.json layout ("schema":
 *       "odcsim-chips/1", "chips": [ {...}, ... ])
 * cat   out: the chips; free with odc_chips_free (also after an error)
 * returns ODC_OK; ODC_EIO if the file cannot be read; ODC_EINPUT with the
 *       file, line and column for JSON syntax errors, and for a bad entry
 *       with the line and column of the entry or key and err->field =
 *       "<chip name or chips[i]>.<key>": unknown or missing key, wrong
 *       type, non-positive or non-finite value, empty string, unknown
 *       field named in "estimated", duplicate chip name. */
int odc_chips_load(const char *path, odc_chip_catalog *cat, odc_err *err);

void odc_chips_free(odc_chip_catalog *cat);

/* Find a chip by name, ignoring case. Returns NULL if absent. */
const odc_chip *odc_chips_find(const odc_chip_catalog *cat, const char *name);

/* Dense rate for a precision: "bf16" or "fp8" (an FP8 request on a chip
 * without native FP8 returns the BF16 rate). Returns 0 for an unknown
 * precision. (TFLOP/s) */
double odc_chip_dense_tflops(const odc_chip *c, const char *precision);

#endif
