/* Collective-communication time models (alpha-beta cost model) for the
 * gradient all-reduce of data-parallel training and the activation
 * all-reduce of tensor parallelism.
 *
 * Cost model: sending m bytes over one link costs alpha + m/B (Hockney
 * 1994; Thakur, Rabenseifner & Gropp, "Optimization of collective
 * communication operations in MPICH", Int. J. High Perf. Comput. Appl.
 * 19(1):49-66, 2005, sec. 2). The reduction arithmetic (gamma term) is
 * left out: on accelerators it runs at HBM speed, far above link rates.
 *
 * Ring all-reduce = reduce-scatter + all-gather, 2(p-1) steps of S/p bytes
 * (Patarasuk & Yuan, "Bandwidth optimal all-reduce algorithms for clusters
 * of workstations", J. Parallel Distrib. Comput. 69(2):117-124, 2009;
 * Thakur et al. 2005 sec. 4.5). Rabenseifner's algorithm (recursive
 * halving reduce-scatter + recursive doubling all-gather, Thakur et al.
 * 2005 sec. 4.5): 2 log2(p) alpha + 2 (p-1)/p S/B for p a power of two.
 *
 * All sizes in bytes, bandwidths in bytes/s (one direction of a link),
 * latencies in s. Contention between concurrent collectives sharing a
 * link is the caller's business: pass the share of the link each ring
 * gets. */
#ifndef ODC_COLLECTIVE_H
#define ODC_COLLECTIVE_H

#include "odc/error.h"

enum {
    ODC_ALLREDUCE_RING = 0,        /* bandwidth optimal, latency 2(p-1) alpha  */
    ODC_ALLREDUCE_RABENSEIFNER = 1 /* halving-doubling, latency ~2 log2(p) alpha */
};

/* Ring all-reduce on p ranks over identical links.
 *   t = 2 (p-1)/p * bytes/bw + 2 (p-1) * alpha
 * p         ranks, >= 1 (p = 1 costs 0)
 * bytes     size of the vector each rank contributes (bytes), >= 0
 * bw_bytes_s  link bandwidth per direction (bytes/s), > 0
 * alpha_s   per-message latency (s), >= 0
 * t_s       out: time (s)
 * returns ODC_OK or ODC_EINPUT naming the bad argument.
 * Reference: Patarasuk & Yuan (2009) sec. 3; Thakur et al. (2005) sec. 4.5. */
int odc_allreduce_ring_s(int p, double bytes, double bw_bytes_s, double alpha_s,
                         double *t_s, odc_err *err);

/* Ring all-reduce over an ordered ring of p ranks whose hops differ: hop i
 * goes from rank i to rank (i+1) mod p with bandwidth bw_bytes_s[i] and
 * latency lat_s[i]. Each of the 2(p-1) steps moves one S/p chunk over every
 * hop at once and ends when the slowest hop finishes, so
 *   t = 2 (p-1) * max_i (lat_s[i] + bytes/(p bw_bytes_s[i]))
 * which equals odc_allreduce_ring_s for identical hops. A hop made of
 * several ISL links in series passes its bottleneck rate and its summed
 * latency. No allocation: suitable for per-step use.
 * returns ODC_OK or ODC_EINPUT naming "bw_bytes_s[i]" / "lat_s[i]". */
int odc_allreduce_ring_hops_s(int p, double bytes, const double *bw_bytes_s,
                              const double *lat_s, double *t_s, odc_err *err);

/* The same ring without the bulk-synchronous assumption: rank i starts its
 * step-k send over hop i when its step-(k-1) send has left the link and
 * the step-(k-1) chunk from rank i-1 has arrived; a send holds the link
 * bytes/(p bw_i) and arrives lat_i later. Returns the time the last of the
 * 2(p-1) steps arrives (a max-plus recursion, O(p^2)). Lies between
 * 2 (p-1) bytes/(p min bw) and odc_allreduce_ring_hops_s, equal to the
 * latter for identical hops; it is lower when latencies differ, because a
 * long hop delays its neighbours only once, not at every step.
 * work      scratch of 2p doubles supplied by the caller (no allocation)
 * Other arguments and errors as odc_allreduce_ring_hops_s. */
int odc_allreduce_ring_sched_s(int p, double bytes, const double *bw_bytes_s,
                               const double *lat_s, double *work, double *t_s,
                               odc_err *err);

/* Rabenseifner all-reduce on p ranks over identical links.
 * For p = 2^k: t = 2 log2(p) alpha + 2 (p-1)/p bytes/bw.
 * Other p: the r = p - p' extra ranks (p' the largest power of two <= p)
 * first hand their vector to a partner and get the result back at the end,
 * adding 2 (alpha + bytes/bw) (Thakur et al. 2005 sec. 4.5).
 * Arguments and errors as odc_allreduce_ring_s. */
int odc_allreduce_rabenseifner_s(int p, double bytes, double bw_bytes_s,
                                 double alpha_s, double *t_s, odc_err *err);

/* Reduce-scatter or all-gather on a ring (half an all-reduce):
 *   t = (p-1)/p * bytes/bw + (p-1) alpha,  bytes = the full vector.
 * Used for ZeRO-3 parameter gathers (Rajbhandari et al. 2020 sec. 7.2).
 * Arguments and errors as odc_allreduce_ring_s. */
int odc_ring_gather_s(int p, double bytes, double bw_bytes_s, double alpha_s,
                      double *t_s, odc_err *err);

/* Dispatch on algo (ODC_ALLREDUCE_RING or ODC_ALLREDUCE_RABENSEIFNER);
 * ODC_EINPUT "algo" for any other value. */
int odc_allreduce_s(int algo, int p, double bytes, double bw_bytes_s,
                    double alpha_s, double *t_s, odc_err *err);

#endif
