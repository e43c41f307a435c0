/* Mean orbital elements of one object as a two-line element set (TLE) or a
 * CCSDS OMM with SGP4 mean elements carries them. This is the common record
 * that the TLE and OMM readers produce, SGP4 consumes and the constellation
 * generators export. Units are those of the TLE/OMM fields themselves.
 *
 * Reference: CCSDS 502.0-B-3 (Orbit Data Messages), sec. 4 (OMM);
 * Hoots & Roehrich, Spacetrack Report #3 (1980), TLE format;
 * Vallado et al., "Revisiting Spacetrack Report #3", AIAA 2006-6753. */
#ifndef ODC_ELEMENTS_H
#define ODC_ELEMENTS_H

typedef struct odc_elements {
    char   name[64];            /* OBJECT_NAME / TLE line 0, "" if none      */
    char   object_id[16];       /* OBJECT_ID, COSPAR form "1958-002B"; ""    */
    long   norad;               /* NORAD_CAT_ID (Alpha-5 decoded, 0..339999) */
    char   classification;      /* 'U', 'C' or 'S'                           */
    int    ephemeris_type;      /* 0 for SGP4 mean elements                  */
    int    element_set_no;      /* ELEMENT_SET_NO                            */
    long   rev_at_epoch;        /* REV_AT_EPOCH                              */
    /* Epoch, UTC, as a two-part Julian date (jd + jd_frac) to keep
     * microseconds: epoch_jd is a whole day ending in .5, epoch_jd_frac in
     * [0, 1). Also kept as the TLE gives it (year, day of year with fraction,
     * 1.0 = 1 January 0h UTC), since SGP4's deep-space terms use it. */
    double epoch_jd;
    double epoch_jd_frac;
    int    epoch_year;          /* four digits                               */
    double epoch_doy;           /* day of year with fraction                 */
    double mean_motion_rev_day; /* MEAN_MOTION (rev/day, Kozai mean)         */
    double ecc;                 /* ECCENTRICITY                              */
    double incl_deg;            /* INCLINATION                               */
    double raan_deg;            /* RA_OF_ASC_NODE                            */
    double argp_deg;            /* ARG_OF_PERICENTER                         */
    double mean_anomaly_deg;    /* MEAN_ANOMALY                              */
    double bstar;               /* BSTAR drag term (1/earth radii)           */
    double mean_motion_dot;     /* MEAN_MOTION_DOT = ndot/2 (rev/day^2)      */
    double mean_motion_ddot;    /* MEAN_MOTION_DDOT = nddot/6 (rev/day^3)    */
} odc_elements;

#endif
