/* Batch SGP4: the near-earth step of sgp4.c over structure-of-arrays, SIMD
 * over satellites and OpenMP over blocks of them.
 *
 * Why a second copy of the near-earth step: the scalar odc_sgp4_propagate
 * branches per satellite (simplified drag, error returns, Kepler loop exit)
 * and reads an array-of-structures record, which the compiler cannot
 * vectorize. Here every branch is a select, the Kepler iteration is a masked
 * loop over a block (a lane stops updating once its step is below 1e-12 or
 * after 10 iterations, exactly as the scalar loop stops; the block stops
 * when all lanes have), and each quantity is its own aligned array. The
 * operations and their order are those of sgp4.c, so the only differences
 * are the last bits of libmvec's vector transcendental functions.
 *
 * Simplified drag (isimp) is folded into the constants: for such satellites
 * the SoA holds zero for omgcof, xmcof, bstar*cc5, d2..d4 and t3cof..t5cof,
 * so the full-drag terms add exactly zero, as the scalar branch skips them.
 *
 * fmod(x, 2 pi) is computed exactly without a libm call (see fmod_2pi), so it
 * vectorizes and still equals glibc's fmod bit for bit. */
#include "odc/sgp4_batch.h"

#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* glibc declares the libmvec vector variants of its math functions only
 * under -ffast-math (bits/math-vector.h), which this library does not use.
 * These declarations bind the same symbols under other names, marked as
 * having SIMD variants (x86-64 vector ABI: _ZGV{b,c,d,e}N*v_sin etc. in
 * libmvec, linked through libm's linker script). Other names also keep gcc
 * from fusing sin+cos of one argument into a sincos call that does not
 * vectorize. The functions are pure (errno is not used by this file). */
/* ODC_BATCH_SCALAR_MATH (tests only: test_sgp4_batch_exact.c) leaves them
 * scalar, so the SoA step runs with glibc's scalar functions and must then
 * equal the scalar path bit for bit. */
#ifdef ODC_BATCH_SCALAR_MATH
#define ODC_NO_CLONES
#define ODC_SIMD_DECL
#else
#define ODC_SIMD_DECL _Pragma("omp declare simd notinbranch")
#endif
ODC_SIMD_DECL
extern double odc_vsin(double) __asm__("sin") __attribute__((const));
ODC_SIMD_DECL
extern double odc_vcos(double) __asm__("cos") __attribute__((const));
ODC_SIMD_DECL
extern double odc_vatan2(double, double) __asm__("atan2")
    __attribute__((const));
ODC_SIMD_DECL
extern double odc_vpow(double, double) __asm__("pow") __attribute__((const));

/* clang (not the project's compiler) cannot vectorize some of the simd
 * loops and would turn that note into an error under -Werror */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpass-failed"
#endif

#define BLK ODC_SGP4_BATCH_BLOCK

static const double TWOPI = 2.0 * 3.14159265358979323846;

/* Quantities held per near-earth satellite (one SoA array each). */
enum {
    Q_EPJD, Q_EPFR,                 /* UTC epoch, two-part JD            */
    Q_MO, Q_MDOT, Q_ARGPO, Q_ARGPDOT, Q_NODEO, Q_NODEDOT, Q_NODECF,
    Q_CC1, Q_BC4, Q_T2COF,          /* BC4 = bstar*cc4                   */
    Q_OMGCOF, Q_ETA, Q_XMCOF, Q_DELMO, Q_D2, Q_D3, Q_D4, Q_BC5, Q_SINMAO,
    Q_T3COF, Q_T4COF, Q_T5COF,      /* BC5 = bstar*cc5; zero when isimp  */
    Q_NO, Q_ECCO, Q_INCLO, Q_SINIO, Q_COSIO,
    Q_AMFAC,                        /* pow(xke/no_unkozai, 2/3)          */
    Q_AYCOF, Q_XLCOF, Q_CON41, Q_X1MTH2, Q_X7THM1,
    Q_XKE, Q_HJ2, Q_RE, Q_VKMS,     /* HJ2 = 0.5*j2; VKMS = re*xke/60    */
    Q_COUNT
};

static int takes_scalar_path(const odc_sgp4 *r)
{
    return r->deep || r->unusable || !(r->no_unkozai > 0.0);
}

void odc_sgp4_batch_free(odc_sgp4_batch *b)
{
    if (!b)
        return;
    free(b->soa);
    free(b->scalar_idx);
    free(b->scalar_rec);
    free(b->scalar_first);
    memset(b, 0, sizeof *b);
}

int odc_sgp4_batch_init(odc_sgp4_batch *b, const odc_sgp4 *recs, size_t n,
                        odc_err *err)
{
    memset(b, 0, sizeof *b);
    if (n > 0 && !recs)
        return odc_err_set(err, ODC_EINPUT, NULL, 0, 0, "recs",
                           "batch of %zu satellites without records", n);
    size_t cap = (n + BLK - 1) / BLK * BLK;
    if (cap == 0)
        cap = BLK;
    if (cap > SIZE_MAX / (Q_COUNT * sizeof(double)))
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "batch of %zu satellites is too large", n);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++)
        ns += (size_t)takes_scalar_path(&recs[i]);
    b->soa = aligned_alloc(64, Q_COUNT * cap * sizeof(double));
    b->scalar_idx = malloc((ns ? ns : 1) * sizeof *b->scalar_idx);
    b->scalar_rec = malloc((ns ? ns : 1) * sizeof *b->scalar_rec);
    b->scalar_first = malloc((cap / BLK + 1) * sizeof *b->scalar_first);
    if (!b->soa || !b->scalar_idx || !b->scalar_rec || !b->scalar_first) {
        odc_sgp4_batch_free(b);
        return odc_err_set(err, ODC_ENOMEM, NULL, 0, 0, NULL,
                           "out of memory for a batch of %zu satellites", n);
    }
    b->n = n;
    b->cap = cap;
    /* Lanes of scalar-path satellites and padding are computed and then
     * overwritten or dropped. They get a copy of a near-earth satellite's
     * constants (below), not zeros: NaN arguments send libmvec's functions
     * into their slow per-lane special-case path. */
    memset(b->soa, 0, Q_COUNT * cap * sizeof(double));
    double *q[Q_COUNT];
    for (int k = 0; k < Q_COUNT; k++)
        q[k] = b->soa + (size_t)k * cap;
    for (size_t i = 0; i < n; i++) {
        const odc_sgp4 *r = &recs[i];
        if (takes_scalar_path(r)) {
            b->scalar_idx[b->n_scalar] = i;
            b->scalar_rec[b->n_scalar] = *r;
            b->n_scalar++;
            continue;
        }
        const double full = r->isimp ? 0.0 : 1.0; /* simplified drag */
        q[Q_EPJD][i] = r->epoch_jd;
        q[Q_EPFR][i] = r->epoch_jd_frac;
        q[Q_MO][i] = r->mo;
        q[Q_MDOT][i] = r->mdot;
        q[Q_ARGPO][i] = r->argpo;
        q[Q_ARGPDOT][i] = r->argpdot;
        q[Q_NODEO][i] = r->nodeo;
        q[Q_NODEDOT][i] = r->nodedot;
        q[Q_NODECF][i] = r->nodecf;
        q[Q_CC1][i] = r->cc1;
        q[Q_BC4][i] = r->bstar * r->cc4;
        q[Q_T2COF][i] = r->t2cof;
        q[Q_OMGCOF][i] = full * r->omgcof;
        q[Q_ETA][i] = r->eta;
        q[Q_XMCOF][i] = full * r->xmcof;
        q[Q_DELMO][i] = r->delmo;
        q[Q_D2][i] = full * r->d2;
        q[Q_D3][i] = full * r->d3;
        q[Q_D4][i] = full * r->d4;
        q[Q_BC5][i] = full * (r->bstar * r->cc5);
        q[Q_SINMAO][i] = r->sinmao;
        q[Q_T3COF][i] = full * r->t3cof;
        q[Q_T4COF][i] = full * r->t4cof;
        q[Q_T5COF][i] = full * r->t5cof;
        q[Q_NO][i] = r->no_unkozai;
        q[Q_ECCO][i] = r->ecco;
        q[Q_INCLO][i] = r->inclo;
        /* the scalar libm values, as sgp4.c computes them every call */
        q[Q_SINIO][i] = sin(r->inclo);
        q[Q_COSIO][i] = cos(r->inclo);
        q[Q_AMFAC][i] = pow(r->gc.xke / r->no_unkozai, 2.0 / 3.0);
        q[Q_AYCOF][i] = r->aycof;
        q[Q_XLCOF][i] = r->xlcof;
        q[Q_CON41][i] = r->con41;
        q[Q_X1MTH2][i] = r->x1mth2;
        q[Q_X7THM1][i] = r->x7thm1;
        q[Q_XKE][i] = r->gc.xke;
        q[Q_HJ2][i] = 0.5 * r->gc.j2;
        q[Q_RE][i] = r->gc.radius_km;
        q[Q_VKMS][i] = r->gc.radius_km * r->gc.xke / 60.0;
    }
    size_t donor = 0;
    while (donor < n && takes_scalar_path(&recs[donor]))
        donor++;
    if (donor < n)
        for (size_t i = 0; i < cap; i++)
            if (i >= n || takes_scalar_path(&recs[i]))
                for (int k = 0; k < Q_COUNT; k++)
                    q[k][i] = q[k][donor];
    /* block k's scalar-path satellites are scalar_first[k] .. [k+1]-1 */
    size_t j = 0;
    for (size_t k = 0; k <= cap / BLK; k++) {
        while (j < b->n_scalar && b->scalar_idx[j] < k * BLK)
            j++;
        b->scalar_first[k] = j;
    }
    return ODC_OK;
}

/* fmod(x, 2 pi) exactly, as glibc's fmod returns it, in arithmetic the
 * compiler can vectorize. With q = trunc(x / 2pi), q * 2pi is formed exactly
 * as ph + pl (Dekker's product with Veltkamp splitting); x - ph is exact by
 * Sterbenz's lemma and the true remainder x - q*2pi is representable, so
 * (x - ph) - pl is it. The rounded quotient can only overshoot by one, which
 * the final select undoes (again exactly); a zero gets x's sign, as fmod
 * gives it. Needs -ffp-contract=off (set for
 * the library in CMakeLists.txt). Valid for |x| < 2^52; NaN/inf give NaN. */
static inline double fmod_2pi(double x)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    const double yh = (split * TWOPI) - ((split * TWOPI) - TWOPI);
    const double yl = TWOPI - yh;
    double q = trunc(x / TWOPI);
    double c = split * q;
    double qh = c - (c - q);
    double ql = q - qh;
    double ph = q * TWOPI;
    double pl = ((qh * yh - ph) + qh * yl + ql * yh) + ql * yl;
    double r = (x - ph) - pl;
    /* the remainder has the sign of x (zero included) */
    double sx = x >= 0.0 ? 1.0 : -1.0;
    r = r * sx < 0.0 ? r + sx * TWOPI : r;
    return r == 0.0 ? x * 0.0 : r;
}

/* One block of BLK satellites starting at lane i0. utc selects how tsince
 * is formed: from the common tsince t0, or from the UTC instant
 * t0 + t1 (JD) and each satellite's epoch. Results go to ox..ovz and e
 * (BLK entries each: the caller's arrays, or local ones for the last,
 * partial block). The three loops are SIMD over the lanes of
 * the block; between them the block's state lives in small local arrays. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) \
    && defined(__has_attribute) && !defined(ODC_NO_CLONES)
#if __has_attribute(target_clones)
#define ODC_CLONES \
    __attribute__((target_clones("default", "arch=x86-64-v3", \
                                 "arch=x86-64-v4")))
#endif
#endif
#ifndef ODC_CLONES
#define ODC_CLONES
#endif

ODC_CLONES
static void block_step(const double *restrict soa, size_t cap, size_t i0,
                       int utc, double t0, double t1,
                       double *restrict ox, double *restrict oy,
                       double *restrict oz, double *restrict ovx,
                       double *restrict ovy, double *restrict ovz,
                       int *restrict e)
{
    const double *restrict q[Q_COUNT];
    for (int k = 0; k < Q_COUNT; k++)
        q[k] = soa + (size_t)k * cap + i0;
#define Q(name) q[Q_##name][i]

    /* block state carried between the loops */
    double am_[BLK], nm_[BLK], axnl_[BLK], aynl_[BLK], nodep_[BLK],
        u_[BLK], eo1_[BLK], step_[BLK], sine_[BLK], cose_[BLK];
    double code_[BLK]; /* ODC_SGP4_* code as a double: selects on it then
                          use one vector type with the state (gcc 12 does
                          not vectorize the mixed int/double selects) */

    /* ---- secular gravity and drag, J3 long-period terms (sgp4.c) ---- */
#pragma omp simd
    for (int i = 0; i < BLK; i++) {
        double t = utc ? ((t0 - Q(EPJD)) + (t1 - Q(EPFR))) * 1440.0 : t0;
        double code = !(fabs(t) <= ODC_SGP4_MAX_TSINCE_MIN)
                          ? ODC_SGP4_DOMAIN : ODC_SGP4_OK;
        double xmdf = Q(MO) + Q(MDOT) * t;
        double argpdf = Q(ARGPO) + Q(ARGPDOT) * t;
        double nodedf = Q(NODEO) + Q(NODEDOT) * t;
        double t2 = t * t;
        double nodem = nodedf + Q(NODECF) * t2;
        double tempa = 1.0 - Q(CC1) * t;
        double tempe = Q(BC4) * t;
        double templ = Q(T2COF) * t2;
        /* full-drag terms; exactly zero for isimp satellites */
        double delomg = Q(OMGCOF) * t;
        double dmt = 1.0 + Q(ETA) * odc_vcos(xmdf);
        double delm = Q(XMCOF) * (dmt * dmt * dmt - Q(DELMO));
        double dsum = delomg + delm;
        double mm = xmdf + dsum;
        double argpm = argpdf - dsum;
        double t3 = t2 * t, t4 = t3 * t;
        tempa = tempa - Q(D2) * t2 - Q(D3) * t3 - Q(D4) * t4;
        tempe = tempe + Q(BC5) * (odc_vsin(mm) - Q(SINMAO));
        templ = templ + Q(T3COF) * t3 + t4 * (Q(T4COF) + t * Q(T5COF));

        double am = Q(AMFAC) * tempa * tempa;
        double nm = Q(XKE) / odc_vpow(am, 1.5);
        double em = Q(ECCO) - tempe;
        /* first error wins, as the scalar path returns at the first */
        double cand = em >= 1.0 ? ODC_SGP4_ECC : 0.0;
        cand = em < -0.001 ? ODC_SGP4_ECC : cand;
        code = code != 0.0 ? code : cand;
        em = em < 1.0e-6 ? 1.0e-6 : em;
        mm = mm + Q(NO) * templ;
        double xlm = mm + argpm + nodem;
        nodem = fmod_2pi(nodem);
        argpm = fmod_2pi(argpm);
        xlm = fmod_2pi(xlm);
        mm = fmod_2pi(xlm - argpm - nodem);

        double ep = em;
        double axnl = ep * odc_vcos(argpm);
        double tmp = 1.0 / (am * (1.0 - ep * ep));
        double aynl = ep * odc_vsin(argpm) + tmp * Q(AYCOF);
        double xl = mm + argpm + nodem + tmp * Q(XLCOF) * axnl;

        am_[i] = am;
        nm_[i] = nm;
        axnl_[i] = axnl;
        aynl_[i] = aynl;
        nodep_[i] = nodem;
        double u = fmod_2pi(xl - nodem);
        u_[i] = u;
        eo1_[i] = u;
        step_[i] = 9999.9;
        sine_[i] = 0.0;
        cose_[i] = 1.0;
        code_[i] = code;
    }

    /* ---- Kepler's equation, masked Newton steps (sgp4.c) ---- */
    /* Flags and the "any lane still iterating" count are doubles: an
     * int/_Bool reduction makes gcc 12 pick a vectorization factor of 64
     * and give up on the loop. */
    for (int k = 1; k <= 10; k++) {
        double more = 0.0;
#pragma omp simd reduction(+ : more)
        for (int i = 0; i < BLK; i++) {
            double eo1 = eo1_[i], axnl = axnl_[i], aynl = aynl_[i];
            double active = fabs(step_[i]) >= 1.0e-12 ? 1.0 : 0.0;
            double s = odc_vsin(eo1), c = odc_vcos(eo1);
            double st = 1.0 - c * axnl - s * aynl;
            st = (u_[i] - aynl * c + axnl * s - eo1) / st;
            double lim = st > 0.0 ? 0.95 : -0.95;
            st = fabs(st) >= 0.95 ? lim : st;
            sine_[i] = active != 0.0 ? s : sine_[i];
            cose_[i] = active != 0.0 ? c : cose_[i];
            eo1_[i] = active != 0.0 ? eo1 + st : eo1;
            step_[i] = active != 0.0 ? st : step_[i];
            more += fabs(st) >= 1.0e-12 ? active : 0.0;
        }
        if (more == 0.0)
            break;
    }

    /* ---- short-period periodics (J2), orientation, state (sgp4.c) ---- */
#pragma omp simd
    for (int i = 0; i < BLK; i++) {
        double am = am_[i], nm = nm_[i], axnl = axnl_[i], aynl = aynl_[i];
        double sineo1 = sine_[i], coseo1 = cose_[i];
        double xke = Q(XKE);
        double ecose = axnl * coseo1 + aynl * sineo1;
        double esine = axnl * sineo1 - aynl * coseo1;
        double el2 = axnl * axnl + aynl * aynl;
        double pl = am * (1.0 - el2);
        double code = code_[i];
        double cand = pl < 0.0 ? ODC_SGP4_SEMILATUS : 0.0;
        code = code != 0.0 ? code : cand;
        double rl = am * (1.0 - ecose);
        double rdotl = sqrt(am) * esine / rl;
        double rvdotl = sqrt(pl) / rl;
        double betal = sqrt(1.0 - el2);
        double tmp = esine / (1.0 + betal);
        double sinu = am / rl * (sineo1 - aynl - axnl * tmp);
        double cosu = am / rl * (coseo1 - axnl + aynl * tmp);
        double su = odc_vatan2(sinu, cosu);
        double sin2u = (cosu + cosu) * sinu;
        double cos2u = 1.0 - 2.0 * sinu * sinu;
        tmp = 1.0 / pl;
        double temp1 = Q(HJ2) * tmp;
        double temp2 = temp1 * tmp;
        double con41 = Q(CON41), x1mth2 = Q(X1MTH2);
        double cosip = Q(COSIO), sinip = Q(SINIO);
        double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41)
                   + 0.5 * temp1 * x1mth2 * cos2u;
        su = su - 0.25 * temp2 * Q(X7THM1) * sin2u;
        double xnode = nodep_[i] + 1.5 * temp2 * cosip * sin2u;
        double xinc = Q(INCLO) + 1.5 * temp2 * cosip * sinip * cos2u;
        double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
        double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41)
                                / xke;

        double sinsu = odc_vsin(su), cossu = odc_vcos(su);
        double snod = odc_vsin(xnode), cnod = odc_vcos(xnode);
        double sini = odc_vsin(xinc), cosi = odc_vcos(xinc);
        double xmx = -snod * cosi, xmy = cnod * cosi;
        double ux = xmx * sinsu + cnod * cossu;
        double uy = xmy * sinsu + snod * cossu;
        double uz = sini * sinsu;
        double vx = xmx * cossu - cnod * sinsu;
        double vy = xmy * cossu - snod * sinsu;
        double vz = sini * cossu;

        double re = Q(RE), vkms = Q(VKMS);
        double r0 = (mrt * ux) * re, r1 = (mrt * uy) * re,
               r2 = (mrt * uz) * re;
        double v0 = (mvt * ux + rvdot * vx) * vkms;
        double v1 = (mvt * uy + rvdot * vy) * vkms;
        double v2 = (mvt * uz + rvdot * vz) * vkms;
        /* isfinite without a call: x - x is 0 for finite x, NaN else */
        double fin = (r0 - r0) + (r1 - r1) + (r2 - r2)
                   + (v0 - v0) + (v1 - v1) + (v2 - v2);
        cand = fin == 0.0 ? 0.0 : ODC_SGP4_DOMAIN;
        code = code != 0.0 ? code : cand;
        /* codes 1-4 and 7 give NaN; decayed (6) keeps the state */
        ox[i] = code == 0.0 ? r0 : NAN;
        oy[i] = code == 0.0 ? r1 : NAN;
        oz[i] = code == 0.0 ? r2 : NAN;
        ovx[i] = code == 0.0 ? v0 : NAN;
        ovy[i] = code == 0.0 ? v1 : NAN;
        ovz[i] = code == 0.0 ? v2 : NAN;
        cand = mrt < 1.0 ? ODC_SGP4_DECAYED : 0.0;
        code = code != 0.0 ? code : cand;
        e[i] = (int)code;
    }
#undef Q
}

static size_t run(const odc_sgp4_batch *b, int utc, double t0, double t1,
                  int nthreads, const odc_sgp4_batch_state *out)
{
    if (!b || b->n == 0)
        return 0;
    const size_t nblk = b->cap / BLK;
    const int nt = nthreads > 0 ? nthreads : omp_get_max_threads();
    double *dst[6] = {out->x_km, out->y_km, out->z_km,
                      out->vx_km_s, out->vy_km_s, out->vz_km_s};
    size_t nbad = 0;
    /* One static loop over blocks and one synchronisation: the thread that
     * owns a block also runs that block's scalar-path satellites (after
     * the SIMD step has written garbage into their lanes) and counts its
     * errors. Each block's results are the same whichever thread runs it. */
#pragma omp parallel for schedule(static) num_threads(nt) \
    reduction(+ : nbad)
    for (size_t k = 0; k < nblk; k++) {
        size_t i0 = k * BLK;
        size_t m = b->n - i0 < BLK ? b->n - i0 : BLK;
        if (b->scalar_first[k + 1] - b->scalar_first[k] == m) {
            /* nothing for the SIMD step in this block */
        } else if (m == BLK) {
            block_step(b->soa, b->cap, i0, utc, t0, t1, dst[0] + i0,
                       dst[1] + i0, dst[2] + i0, dst[3] + i0, dst[4] + i0,
                       dst[5] + i0, out->err + i0);
        } else { /* the last, partial block: through local arrays */
            double o[6][BLK];
            int e[BLK];
            block_step(b->soa, b->cap, i0, utc, t0, t1, o[0], o[1], o[2],
                       o[3], o[4], o[5], e);
            for (int c = 0; c < 6; c++)
                memcpy(dst[c] + i0, o[c], m * sizeof(double));
            memcpy(out->err + i0, e, m * sizeof(int));
        }
        for (size_t j = b->scalar_first[k]; j < b->scalar_first[k + 1]; j++) {
            const odc_sgp4 *r = &b->scalar_rec[j];
            size_t i = b->scalar_idx[j];
            double t = utc ? odc_sgp4_tsince_min(r, t0, t1) : t0;
            double rv[3], vv[3];
            out->err[i] = odc_sgp4_propagate(r, t, rv, vv);
            dst[0][i] = rv[0];
            dst[1][i] = rv[1];
            dst[2][i] = rv[2];
            dst[3][i] = vv[0];
            dst[4][i] = vv[1];
            dst[5][i] = vv[2];
        }
        for (size_t i = 0; i < m; i++)
            nbad += out->err[i0 + i] != ODC_SGP4_OK;
    }
    return nbad;
}

size_t odc_sgp4_batch_propagate_tsince(const odc_sgp4_batch *b,
                                       double tsince_min, int nthreads,
                                       const odc_sgp4_batch_state *out)
{
    return run(b, 0, tsince_min, 0.0, nthreads, out);
}

size_t odc_sgp4_batch_propagate_utc(const odc_sgp4_batch *b, double jd,
                                    double jd_frac, int nthreads,
                                    const odc_sgp4_batch_state *out)
{
    return run(b, 1, jd, jd_frac, nthreads, out);
}
