/* Neighbour selection for laser links: at each time step, choose which
 * satellites link to which, given positions, a maximum link range, a
 * number of terminals per satellite and Earth blockage.
 *
 * Rule (greedy matching by increasing distance): every pair closer than
 * max_range_km whose line of sight clears the blocking sphere is a
 * candidate; candidates are taken shortest first (ties by lower i, then
 * lower j) and a pair becomes a link when both ends still have a free
 * terminal. Links are mutual and use one terminal at each end, so every
 * satellite ends with at most k_terminals links. The greedy rule gives a
 * maximal (not maximum-cardinality) matching; for a degree bound of 1 it
 * is the classic 1/2-approximation of the minimum-length matching.
 *
 * Spatial index: a uniform 3-D grid of cubic cells of side max_range_km,
 * hashed into a table of 2^m >= 2N buckets (Teschner et al., "Optimized
 * spatial hashing for collision detection of deformable objects", VMV
 * 2003), rebuilt every step by a counting sort into buffers owned by the
 * workspace. Candidates of a satellite lie in its own cell or one of the 26
 * around it (scanned as a half stencil, each pair once). Cost per step:
 * O(N) to build, O(N c) to find the c candidates per satellite, O(N c) to
 * radix-sort them by distance; no allocation after odc_nbr_ws_create.
 * Algorithm, complexity and measured timings: docs/links.md. */
#ifndef ODC_NEIGHBORS_H
#define ODC_NEIGHBORS_H

#include <stddef.h>
#include <stdint.h>

#include "odc/error.h"

typedef struct odc_nbr_params {
    double max_range_km;     /* longest usable link (km), > 0              */
    int    k_terminals;      /* laser terminals per satellite, >= 1        */
    double r_block_km;       /* radius of the blocking sphere (km): Earth
                                radius + grazing altitude, e.g.
                                ODC_ISL_R_EARTH_KM + 80; 0 disables the
                                blockage test (formation clusters)         */
    size_t max_candidates;   /* capacity for candidate pairs within range;
                                0 selects 32 per satellite                 */
} odc_nbr_params;

/* One link: satellites i < j (indices into the position arrays). */
typedef struct odc_nbr_edge {
    int32_t i, j;
    double  range_km;
} odc_nbr_edge;

typedef struct odc_nbr_ws odc_nbr_ws;   /* opaque workspace */

/* Allocate a workspace for up to n_max satellites.
 * n_max    largest number of satellites per step, 1 .. 2^30
 * p        parameters (copied into the workspace)
 * ws       out: the workspace, free with odc_nbr_ws_free
 * returns  ODC_OK; ODC_EINPUT (field names the bad parameter);
 *          ODC_ENOMEM. */
int odc_nbr_ws_create(size_t n_max, const odc_nbr_params *p, odc_nbr_ws **ws,
                      odc_err *err);

void odc_nbr_ws_free(odc_nbr_ws *ws);

/* Choose the links of one time step.
 * ws           workspace from odc_nbr_ws_create
 * n            number of satellites, <= n_max
 * x_km, y_km, z_km  positions, structure of arrays, any common Earth-
 *              centred frame (km); all finite
 * edges        out: the links, sorted by increasing range
 * edge_cap     capacity of edges; n * k_terminals / 2 always suffices
 * n_edges      out: number of links
 * returns      ODC_OK; ODC_EINPUT for n > n_max or a non-finite position
 *              (field "x_km[i]"...); ODC_EMODEL if more candidate pairs
 *              than max_candidates or more links than edge_cap (message
 *              gives the count needed).
 * Validity: exact for the rule above (verified against an O(N^2)
 * enumeration); the grid needs (extent / max_range_km) < 2^30 per axis. */
int odc_nbr_select(odc_nbr_ws *ws, size_t n, const double *x_km, const double *y_km,
                   const double *z_km, odc_nbr_edge *edges, size_t edge_cap,
                   size_t *n_edges, odc_err *err);

/* Number of candidate pairs (within range, line of sight clear) found by
 * the last odc_nbr_select call; helps to size max_candidates. */
size_t odc_nbr_last_candidates(const odc_nbr_ws *ws);

#endif
