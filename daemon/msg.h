/* msg.h: a decoded contract message (manifest or insurance certificate).
 *
 * Owns one block holding every string below (copied out of the cJSON
 * tree it was decoded from, which is gone once decoding succeeds) and its
 * goods, container and B/L arrays; freed with cw_msg_free().  A string
 * field added here is added to decode.c's each_string() too.  Anything
 * kept beyond the message (window state, alerts) copies what it needs.
 * The contract is ../spec/README.md.
 */
#ifndef CW_MSG_H
#define CW_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cJSON cJSON;

typedef enum { CW_MANIFEST = 0, CW_INSURANCE = 1 } cw_kind;
typedef enum { CW_ORIGINAL = 0, CW_AMEND = 1, CW_CANCEL = 2 } cw_action;
typedef enum { CW_SRC_INSURER = 0, CW_SRC_BROKER = 1, CW_SRC_TIP = 2 } cw_source;

/* Roles a party can have; the index into cw_msg.party[]. */
typedef enum {
    CW_SHIPPER = 0,
    CW_CONSIGNEE,
    CW_NOTIFY,
    CW_INSURER,
    CW_ASSURED,
    CW_BENEFICIARY,
    CW_ROLE_COUNT
} cw_role;

typedef struct {
    const char *name; /* NULL when the party is absent */
    const char *address, *country, *phone, *email, *registration;
} cw_party;

typedef struct {
    const char *description; /* never NULL */
    const char *hs, *package_type, *currency, *container, *origin;
    int64_t packages;        /* -1 when absent */
    double weight_kg, value; /* < 0 when absent */
} cw_goods;

#define CW_LOCODE_LEN 5
#define CW_MAX_PATH 20 /* receipt + loading + 16 transshipment + discharge + delivery */

typedef struct cw_msg {
    cw_kind kind;
    const char *id;
    int64_t event_ms; /* filed_at or issued_at, ms since the epoch */
    const char *event_time; /* the RFC 3339 text as filed */

    cw_party party[CW_ROLE_COUNT];

    /* The logistics path: manifest receipt, loading, transshipment...,
     * discharge, delivery (those present); insurance from, via..., to,
     * final_destination.  NUL-terminated 5-letter LOCODEs. */
    char path[CW_MAX_PATH][CW_LOCODE_LEN + 1];
    size_t npath;

    const char **containers; /* container numbers */
    size_t ncontainers;

    /* manifest */
    cw_action action;
    const char *bl, *master_bl, *carrier, *vessel_name, *vessel_imo, *voyage;
    const char *loading, *discharge, *delivery; /* point into path[] or NULL */
    cw_goods *goods;
    size_t ngoods;

    /* insurance */
    const char *certificate, *policy, *claims_payable_at, *subject_matter, *currency;
    const char *voyage_from, *voyage_to, *final_destination; /* into path[] or NULL */
    const char **bl_refs;
    size_t nbl_refs;
    double sum_insured; /* < 0 when absent */
    cw_source source;

    cJSON *json; /* while decoding: the tree the strings are read from; then NULL */
    void *mem;   /* the block the strings are in (decode.c) */
} cw_msg;

void cw_msg_free(cw_msg *m);

/* The reference a human uses for the message: B/L or certificate number. */
static inline const char *cw_msg_ref(const cw_msg *m)
{
    return m->kind == CW_MANIFEST ? m->bl : m->certificate;
}

static inline const char *cw_kind_name(cw_kind k)
{
    return k == CW_MANIFEST ? "manifest" : "insurance";
}

#endif
