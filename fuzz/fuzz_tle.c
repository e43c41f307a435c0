/* libFuzzer target for the TLE reader: any bytes must give either element
 * sets or an ODC_EINPUT error with a position, never a crash; every set
 * read must survive format -> parse unchanged (the writer's contract). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "odc/tle.h"

static int same(const odc_elements *a, const odc_elements *b)
{
    return a->norad == b->norad && !strcmp(a->object_id, b->object_id) &&
           a->classification == b->classification && a->epoch_jd == b->epoch_jd &&
           a->epoch_jd_frac == b->epoch_jd_frac && a->epoch_year == b->epoch_year &&
           a->mean_motion_rev_day == b->mean_motion_rev_day && a->ecc == b->ecc &&
           a->incl_deg == b->incl_deg && a->raan_deg == b->raan_deg &&
           a->argp_deg == b->argp_deg && a->mean_anomaly_deg == b->mean_anomaly_deg &&
           a->bstar == b->bstar && a->mean_motion_dot == b->mean_motion_dot &&
           a->mean_motion_ddot == b->mean_motion_ddot &&
           a->ephemeris_type == b->ephemeris_type && a->element_set_no == b->element_set_no &&
           a->rev_at_epoch == b->rev_at_epoch;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (int verify = 0; verify <= 1; verify++) {
        odc_tle_options opt = {verify};
        odc_elset_list l;
        odc_err err;
        odc_err_clear(&err);
        int rc = odc_tle_read_string(text, "fuzz.tle", &opt, &l, &err);
        if (rc != ODC_OK) {
            if (rc != ODC_EINPUT || err.line < 1 || !err.msg[0])
                abort(); /* every input error must say where */
            continue;
        }
        for (size_t i = 0; i < l.n; i++) {
            char a[70], b[70];
            if (odc_tle_format(&l.el[i], a, b, &err) != ODC_OK)
                abort(); /* whatever was read can be written */
            odc_elements back;
            if (odc_tle_parse(NULL, a, b, NULL, "rt", 1, &back, &err) != ODC_OK)
                abort();
            if (!same(&l.el[i], &back))
                abort();
        }
        odc_elset_list_free(&l);
    }
    free(text);
    return 0;
}
