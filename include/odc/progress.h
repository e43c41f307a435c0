/* Progress text for long runs: a bar, the percentage, the step count and
 * an estimated time to completion from a moving-average rate. The library
 * only formats the text into a buffer; the CLI decides whether to print it
 * (only when stderr is a terminal) and how often (odc_progress_due). */
#ifndef ODC_PROGRESS_H
#define ODC_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct odc_progress {
    int64_t total;         /* steps in the run                              */
    int64_t first;         /* steps already done when this session started  */
    double  t0_s;          /* clock at start (s, any monotonic origin)      */
    double  tau_s;         /* averaging time constant (s)                   */
    int     width;         /* bar characters between [ ]                    */
    /* moving average (updated by odc_progress_format) */
    double  rate;          /* steps per second, < 0 until first measured    */
    int64_t last_step;
    double  last_s;
    double  printed_s;     /* clock of the last odc_progress_due = 1        */
} odc_progress;

/* Start: total steps, steps already done (a resumed run: the rate counts
 * only steps done in this session), the clock now (s, e.g. CLOCK_MONOTONIC).
 * Defaults: tau_s 20 s, width 20; change the fields after the call. */
void odc_progress_init(odc_progress *p, int64_t total, int64_t done, double now_s);

/* Format the line for `done` steps completed at clock now_s into buf (at
 * most n bytes with the NUL; truncated if shorter), e.g.
 *   "[#########...........]  45.2%  step 1234/2730  ETA 0:01:23"
 * The rate is an exponential moving average of the step rate between
 * calls, weight 1 - exp(-dt / tau_s) for the newest interval (a constant
 * rate is followed exactly; a change is tracked with time constant
 * tau_s). ETA = (total - done) / rate, rounded to the second, shown as
 * H:MM:SS ("--:--:--" before a rate is known); at done == total the line
 * shows the session's elapsed time instead ("done in H:MM:SS").
 * Returns buf. */
char *odc_progress_format(odc_progress *p, int64_t done, double now_s, char *buf, size_t n);

/* 1 when at least min_interval_s passed since the last time it returned 1
 * (the first call returns 1): the CLI redraws at most that often. */
int odc_progress_due(odc_progress *p, double now_s, double min_interval_s);

/* Seconds as H:MM:SS (hours unbounded) into buf; returns buf. */
char *odc_progress_hms(double s, char *buf, size_t n);

#endif
