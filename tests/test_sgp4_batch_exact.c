/* The batch SGP4 step built with glibc's scalar sin/cos/atan2/pow instead of
 * libmvec's vector ones (ODC_BATCH_SCALAR_MATH; no target clones): every
 * state and error code must then equal the scalar path bit for bit, over
 * the same cases as test_sgp4_batch.c. This shows that the SoA form itself
 * (branches as selects, simplified drag folded into zero constants, the
 * exact fmod, the masked Kepler loop) is the scalar algorithm, and that the
 * vector build's differences come from libmvec's last bits alone. The
 * functions defined here take precedence over libodc's copies. */
#define ODC_BATCH_SCALAR_MATH
#define ODC_BATCH_EXPECT_EXACT
#include "../src/lib/sgp4_batch.c"
#include "test_sgp4_batch.c"
