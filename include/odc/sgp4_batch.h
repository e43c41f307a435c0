/* Batch SGP4: many satellites propagated to one instant in one call.
 *
 * The near-earth constants of N initialised records (odc_sgp4) are copied
 * into structure-of-arrays form, one 64-byte aligned array per quantity, and
 * the SGP4 step runs over them in blocks of ODC_SGP4_BATCH_BLOCK satellites,
 * vectorized (SIMD over satellites, glibc libmvec for sin/cos/atan2/pow) and
 * parallel over blocks with OpenMP. Deep-space (SDP4) satellites and records
 * that cannot be propagated are kept in an index list and go through the
 * scalar odc_sgp4_propagate.
 *
 * The theory and its constants are those of odc/sgp4.h (Hoots & Roehrich,
 * Spacetrack Report #3, 1980; Vallado, Crawford, Hujsak & Kelso, AIAA
 * 2006-6753). The batch step is the scalar near-earth step with every branch
 * replaced by a select and the same operations in the same order; it differs
 * from the scalar path only by the last-bit differences of libmvec's vector
 * sin/cos/atan2/pow against glibc's scalar ones (measured over the
 * verification set and thousands of random element sets: see
 * tests/test_sgp4_batch.c and docs/performance.md). Results do not depend on
 * the thread count. */
#ifndef ODC_SGP4_BATCH_H
#define ODC_SGP4_BATCH_H

#include <stddef.h>

#include "odc/error.h"
#include "odc/sgp4.h"

/* Satellites per SIMD block: a multiple of every vector width in use (2, 4,
 * 8 doubles), so no satellite ever runs in a scalar remainder loop. */
#define ODC_SGP4_BATCH_BLOCK 16

/* A batch. Fields are read-only for users; odc_sgp4_batch_init fills them,
 * odc_sgp4_batch_free releases them. */
typedef struct odc_sgp4_batch {
    size_t    n;          /* satellites, in the order given to init          */
    size_t    cap;        /* n rounded up to whole blocks (SoA length)       */
    size_t    n_scalar;   /* satellites that take the scalar path            */
    size_t   *scalar_idx; /* their positions in the batch, ascending         */
    odc_sgp4 *scalar_rec; /* copies of their records (n_scalar)              */
    size_t   *scalar_first; /* private: per block, its first entry in the
                               scalar list (cap / BLOCK + 1 entries)       */
    double   *soa;        /* private: near-earth constants, one array of cap
                             doubles per quantity, 64-byte aligned           */
} odc_sgp4_batch;

/* States of a batch at one instant: n entries per array, indexed like the
 * records given to odc_sgp4_batch_init. The caller owns the arrays. */
typedef struct odc_sgp4_batch_state {
    double *x_km, *y_km, *z_km;          /* position, TEME of date (km)   */
    double *vx_km_s, *vy_km_s, *vz_km_s; /* velocity, TEME of date (km/s) */
    int    *err;                         /* ODC_SGP4_* code per satellite */
} odc_sgp4_batch_state;

/* Build a batch from n initialised records.
 *
 * b     batch to fill
 * recs  n records from odc_sgp4_init (any gravity model / opsmode; records
 *       whose init failed are accepted and report their error when
 *       propagated, as the scalar path does)
 * n     number of satellites (0 allowed)
 * err   may be NULL
 * returns ODC_OK; ODC_EINPUT (recs NULL with n > 0) or ODC_EMODEL (out of
 *         memory), with b left empty (safe to free).
 * Near-earth records go into the SoA; deep-space ones (period >= 225 min),
 * unusable ones and ones with a non-positive Brouwer mean motion take the
 * scalar path. Allocates; call once, propagate many times. */
int odc_sgp4_batch_init(odc_sgp4_batch *b, const odc_sgp4 *recs, size_t n,
                        odc_err *err);

/* Release a batch (NULL or an already freed/empty batch is fine). */
void odc_sgp4_batch_free(odc_sgp4_batch *b);

/* All satellites at a common time since each one's epoch.
 *
 * b           batch
 * tsince_min  minutes since every satellite's own epoch
 * nthreads    OpenMP threads; 0 or negative: the OpenMP default
 * out         n entries per array; for codes 1-4 and 7 the state is NaN,
 *             for 6 (decayed) it is the sub-surface state (as the scalar
 *             odc_sgp4_propagate)
 * returns     the number of satellites whose code is not ODC_SGP4_OK.
 * No allocation, no I/O; |tsince_min| <= ODC_SGP4_MAX_TSINCE_MIN else code
 * 7 for the satellite (as the scalar path). */
size_t odc_sgp4_batch_propagate_tsince(const odc_sgp4_batch *b,
                                       double tsince_min, int nthreads,
                                       const odc_sgp4_batch_state *out);

/* All satellites at a common UTC instant jd + jd_frac (two-part Julian date,
 * any split): each satellite's tsince is odc_sgp4_tsince_min of its record
 * (UTC days of 1440 min since its epoch). Arguments and return as
 * odc_sgp4_batch_propagate_tsince. */
size_t odc_sgp4_batch_propagate_utc(const odc_sgp4_batch *b, double jd,
                                    double jd_frac, int nthreads,
                                    const odc_sgp4_batch_state *out);

#endif
