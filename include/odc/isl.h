/* Laser inter-satellite links: optical link budget (received power and
 * achievable data rate versus range) and Earth blockage of the line of
 * sight. Used by the neighbour selection (neighbors.h) and by the network
 * model to turn a geometry into link capacities.
 *
 * Budget (Kaushal & Kaddoum, "Optical communication in space: challenges
 * and mitigation techniques", IEEE Commun. Surveys & Tutorials 19(1), 2017,
 * sec. III; Hemmati (ed.), "Deep Space Optical Communications", Wiley 2006,
 * ch. 1 and 4):
 *
 *   P_rx = P_tx * G_tx * G_rx * L_fs * L_point * L_impl
 *   G    = eta * (pi D / lambda)^2        diffraction-limited aperture gain
 *   L_fs = (lambda / (4 pi R))^2          free-space path loss
 *
 * G_tx * G_rx * L_fs = eta_tx eta_rx (pi D_tx D_rx / (4 lambda R))^2. The
 * bracket is the geometric fraction of the transmitted beam that the
 * receive aperture collects; it cannot exceed 1, so it is capped at 1
 * (aperture-limited / near-field regime, R below ~D^2/lambda, where the
 * far-field formula would promise more power than was sent).
 *
 * Rate: a photon-counting receiver that needs N_ppb photons per bit at the
 * target error rate supports rate = P / (N_ppb h c / lambda). The total
 * received power is shared equally by n_channels WDM channels (a common
 * optical amplifier's output is split among the channels it carries); each
 * channel is capped at the terminal's per-channel maximum rate and the
 * channel rates add up. Constants h and c: CODATA 2018 (exact SI values). */
#ifndef ODC_ISL_H
#define ODC_ISL_H

#include "odc/error.h"

#define ODC_PLANCK_J_S   6.62607015e-34  /* h, CODATA 2018 (exact, SI 2019)   */
#define ODC_C_M_S        299792458.0     /* c, CODATA 2018 (exact)            */
#define ODC_ISL_R_EARTH_KM 6378.137      /* WGS-84 equatorial radius a (km);
                                            a sphere of this radius is the
                                            conservative blocking body       */

/* One terminal pair (identical ends are the usual case, but transmit and
 * receive apertures are given separately). All values must be finite. */
typedef struct odc_isl_terminal {
    double p_tx_w;           /* optical power leaving the transmit telescope,
                                all WDM channels together            (W), > 0 */
    double d_tx_m, d_rx_m;   /* transmit / receive aperture diameter (m), > 0 */
    double wavelength_m;     /* carrier wavelength                   (m), > 0 */
    double eta_tx, eta_rx;   /* aperture (antenna) efficiencies, (0, 1]:
                                0.81 for an optimally truncated Gaussian
                                beam, Klein & Degnan, Appl. Opt. 13 (1974) */
    double pointing_loss_db; /* mean pointing loss, both ends   (dB), >= 0 */
    double impl_loss_db;     /* optics transmission, coupling and other
                                implementation losses           (dB), >= 0 */
    double n_ppb;            /* receiver sensitivity: photons per bit
                                at the target bit error rate         (1), > 0 */
    double max_rate_bps;     /* per-channel maximum rate of the
                                transceiver                       (bit/s), > 0 */
    int    n_channels;       /* number of WDM channels, >= 1 */
} odc_isl_terminal;

/* Result of one budget evaluation. */
typedef struct odc_isl_budget {
    double g_tx, g_rx;       /* aperture gains, linear (eta included)        */
    double l_fs;             /* free-space path loss, linear (< 1)          */
    double geom_fraction;    /* (pi D_tx D_rx / (4 lambda R))^2 capped at 1 */
    double p_rx_w;           /* received power, all channels         (W)    */
    double p_rx_dbm;         /* the same in dBm                             */
    double rate_uncapped_bps;/* photon-limited rate, all channels (bit/s)  */
    double rate_bps;         /* achievable rate, all channels, each channel
                                capped at max_rate_bps               (bit/s) */
    int    aperture_limited; /* 1 if the geometric cap was applied          */
    int    near_field;       /* 1 if R < D_tx^2 / lambda                    */
    int    rate_capped;      /* 1 if the terminal maximum rate binds        */
} odc_isl_budget;

/* Check a terminal description.
 * t        terminal to check
 * returns  ODC_OK, or ODC_EINPUT with err->field naming the first bad
 *          field (e.g. "d_tx_m") and the expected range. */
int odc_isl_terminal_check(const odc_isl_terminal *t, odc_err *err);

/* Link budget between two identical-ended terminals at a given range.
 * t        terminal pair (checked with odc_isl_terminal_check)
 * range_km distance between the apertures (km), > 0 and finite
 * out      filled on success
 * returns  ODC_OK; ODC_EINPUT for a bad terminal or range.
 * Reference: see the file comment (Kaushal & Kaddoum 2017; Hemmati 2006).
 * Validity: vacuum path (no atmosphere), static pointing loss, receiver
 * sensitivity expressed in photons per bit; in the aperture-limited regime
 * the received power is P_tx x efficiencies x losses, no more. */
int odc_isl_budget_eval(const odc_isl_terminal *t, double range_km,
                        odc_isl_budget *out, odc_err *err);

/* Achievable rate only (same model as odc_isl_budget_eval), without
 * checks, for hot loops over many links.
 * t        a terminal that passed odc_isl_terminal_check
 * range_km distance (km), > 0
 * returns  rate over all channels (bit/s). */
double odc_isl_rate_bps(const odc_isl_terminal *t, double range_km);

/* Smallest distance from the Earth's centre to the segment between two
 * points (closed form: project the centre on the line, clamp to the
 * segment).
 * r1_km, r2_km  positions in any Earth-centred frame (km)
 * returns       distance (km). */
double odc_isl_segment_min_dist_km(const double r1_km[3], const double r2_km[3]);

/* Whether the line of sight between two satellites clears a sphere of
 * radius r_block_km centred on the Earth (r_block_km = ODC_ISL_R_EARTH_KM +
 * grazing altitude; e.g. +80 km keeps the beam above the mesosphere and
 * most of the atmosphere's refraction and absorption).
 * returns  1 if the minimum distance from the centre to the segment is
 *          > r_block_km, 0 otherwise (also 0 if either end is inside). */
int odc_isl_los_clear(const double r1_km[3], const double r2_km[3], double r_block_km);

#endif
