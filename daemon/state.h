/* state.h: what the engine remembers, within the window, of the messages
 * it has seen.
 *
 * Owns shipments ("nodes": one per B/L, holding its latest manifest and
 * the insurance certificates that cover it), the identifiers of their
 * parties with how many documents carry each (so common ones are weighed
 * down), the index of shipments that carry kit components, and eviction
 * on event time.  Everything here can be rebuilt by replaying the input:
 * it is a cache of the log.
 */
#ifndef CW_STATE_H
#define CW_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "map.h"
#include "msg.h"
#include "rules.h"

typedef enum {
    CW_ID_NAME = 0,
    CW_ID_NAME_START, /* the first two words of a name: survives typos further on */
    CW_ID_NAME_SOUNDS, /* its distinctive consonants: survives script and translation */
    CW_ID_PHONE,
    CW_ID_EMAIL,
    CW_ID_DOMAIN,
    CW_ID_ADDRESS,
    CW_ID_REGISTRATION,
    CW_ID_POLICY,
    CW_ID_KINDS
} cw_idkind;
extern const char *const cw_idkind_names[CW_ID_KINDS];
extern const char *const cw_role_names[CW_ROLE_COUNT];

/* One identifier of one party on one document: a held document has a
 * dozen or more, so 11 bytes, not 16 (packed: never take the address of
 * h; x86-64 and arm64 read it unaligned at no cost). */
typedef struct __attribute__((packed)) cw_ident {
    uint64_t h;         /* hash of kind and normalised value */
    uint8_t kind : 4;   /* cw_idkind */
    uint8_t role : 4;   /* cw_role: its party's name is the document's party_at[role] */
    uint16_t value;     /* offset of the value in the document's text */
} cw_ident;
_Static_assert(CW_ID_KINDS <= 16 && CW_ROLE_COUNT <= 16 && sizeof(cw_ident) == 11, "cw_ident: 4 bits of kind and role");

/* A kit component seen on a document. */
typedef struct cw_seen {
    uint64_t kit, comp; /* hashes of the kit and component ids */
    char *comp_name;
    cw_match match;
} cw_seen;

/* One manifest or certificate, as much of it as correlation needs: one
 * block of memory, its header (a cw_doc, or for a certificate a cw_cert),
 * then its join keys, components, value lines and identifiers, then its
 * text (state.c).  Where each part starts follows from the header's
 * counts: the accessors below, not pointers.  The text holds the message
 * id first (a UUID as its 16 bytes: 21 fewer), then ref, path, final
 * destination, the identifiers' values and parties' names, all within
 * 64 KiB, then component names. */
struct __attribute__((packed, aligned(4))) cw_value_line {
    uint64_t key;   /* HS heading (4 digits) or subheading (6) and currency */
    uint16_t goods; /* goods line index */
    uint8_t bin;    /* log-scale bin of value per kg, below CW_VALUE_BINS */
    uint8_t digits; /* 4 or 6: one entry for each level a line's code reaches */
};

typedef struct cw_doc {
    /* one of these per held document, and no padding: 72 bytes */
    int64_t ms;
    double value;         /* manifest: declared value of its goods; certificate: sum insured; < 0 unknown */
    uint32_t bytes;       /* memory it holds (its block), for limits.max_window_bytes */
    uint16_t nids, nseen, ncontainers, nvals;
    uint16_t ref_at, path_at; /* offsets in its text (the id is at 0) */
    uint16_t final_at;    /* certificates: voyage.final_destination's offset + 1; 0 none */
    uint16_t party_at[CW_ROLE_COUNT]; /* offset in text of each role's party name */
    uint8_t kind;         /* cw_kind */
    uint8_t party_form[CW_ROLE_COUNT]; /* cw_norm_legal_form of each role's party name */
    char currency[4];
    char discharge[CW_LOCODE_LEN + 1], delivery[CW_LOCODE_LEN + 1];
    bool lane : 1;        /* the last join key is the lane: shipper (assured) and ports */
    bool by_lane : 1;     /* certificate: joined on the lane alone, not a B/L or container */
    bool vague : 1;       /* a goods line says nothing (rules list vague-descriptions) */
    bool uuid : 1;        /* the id is a UUID, kept as its 16 bytes (cw_doc_id) */
} cw_doc;
_Static_assert(sizeof(cw_doc) == 72, "a held document's header: 72 bytes, a multiple of 8 for its join keys");

/* A certificate: what a manifest has, and its place among the shipment's
 * certificates and what it was last held against. */
typedef struct cw_cert {
    cw_doc doc;
    struct cw_cert *next; /* the node's other certificates */
    uint64_t checked;     /* the manifest id it was last held against */
    uint64_t told;        /* digest of the discrepancy last alerted, 0 none */
} cw_cert;

static inline size_t cw_doc_head(const cw_doc *d)
{
    return d->kind == CW_INSURANCE ? sizeof(cw_cert) : sizeof(cw_doc);
}
static inline cw_cert *cw_doc_cert(cw_doc *d) { return d->kind == CW_INSURANCE ? (cw_cert *)(void *)d : NULL; }
/* A certificate as a document: the whole block, not only its doc member,
 * so that reading past the header reads what the block holds. */
static inline cw_doc *cw_cert_doc(const cw_cert *c) { return c ? (cw_doc *)(void *)c : NULL; }
/* hashes of its container numbers, then its lane's */
static inline const uint64_t *cw_doc_containers(const cw_doc *d)
{
    return (const uint64_t *)(const void *)((const char *)d + cw_doc_head(d));
}
static inline uint64_t cw_doc_lane(const cw_doc *d)
{
    return d->lane ? cw_doc_containers(d)[d->ncontainers - 1] : 0;
}
static inline const cw_seen *cw_doc_seen(const cw_doc *d)
{
    return (const cw_seen *)(const void *)(cw_doc_containers(d) + d->ncontainers);
}
static inline const struct cw_value_line *cw_doc_vals(const cw_doc *d)
{
    return (const struct cw_value_line *)(const void *)(cw_doc_seen(d) + d->nseen);
}
static inline const cw_ident *cw_doc_ids(const cw_doc *d)
{
    return (const cw_ident *)(const void *)(cw_doc_vals(d) + d->nvals);
}
static inline const char *cw_doc_text(const cw_doc *d) { return (const char *)(cw_doc_ids(d) + d->nids); }
static inline const char *cw_doc_ref(const cw_doc *d) { return cw_doc_text(d) + d->ref_at; }
/* "CNDLC SGSIN AEJEA" */
static inline const char *cw_doc_path(const cw_doc *d) { return cw_doc_text(d) + d->path_at; }
static inline const char *cw_doc_final_dest(const cw_doc *d)
{
    return d->final_at ? cw_doc_text(d) + d->final_at - 1 : NULL;
}

/* Value per kilogram: a histogram per HS heading and currency over the
 * window, on a log scale of CW_VALUE_BINS_PER_DECADE bins a decade. */
#define CW_VALUE_BINS 80
#define CW_VALUE_BINS_PER_DECADE 8
typedef struct {
    uint32_t n;
    uint32_t bins[CW_VALUE_BINS];
} cw_value_hist;

typedef struct cw_kit_record cw_kit_record;

/* What few shipments have: those that carry components, or were evidence. */
typedef struct cw_node_links {
    struct {
        uint64_t kit;
        cw_kit_record *rec;
    } *alerts;         /* the kit alerts it is evidence of, one a kit */
    uint64_t *indexed; /* identifier hashes it is listed under in cw_state.carriers */
    uint32_t nalerts, nindexed;
} cw_node_links;

/* A shipment: keyed by its B/L, or, for a certificate that names none, by
 * its container or certificate number.  56 bytes, a 64-byte piece of the
 * heap: one per shipment held. */
typedef struct cw_node {
    uint64_t key;
    cw_doc *manifest;   /* latest filing, NULL until one arrives or after a cancel */
    cw_cert *certs;     /* certificates covering it, newest first */
    int64_t last_ms;    /* latest event time of any document */
    uint64_t visit;     /* the cluster search's mark (how it got here: kit.c's member) */
    cw_node_links *links; /* NULL until it has some */
    uint32_t queued;    /* its entries in the eviction queue: the last is the one that counts */
} cw_node;
_Static_assert(sizeof(cw_node) <= 56, "a node and malloc's 8 bytes fit 64");

/* The node's links, made empty on first use. */
cw_node_links *cw_node_links_of(cw_node *n);

struct cw_kit_record {
    char id[40];
    size_t ncomp, npaths, nnodes;
    size_t refs;
};

typedef struct cw_state {
    cw_map nodes;    /* key -> cw_node */
    cw_map df;       /* identifier hash -> (uintptr_t) documents carrying it */
    cw_map carriers; /* identifier hash -> cw_nodelist of nodes carrying components */
    cw_map containers; /* container hash -> node whose documents name it */
    cw_map values;     /* HS heading+currency -> cw_value_hist */
    /* eviction queue: nodes in the order they were last touched, each
     * again at every touch; an entry before a node's last is skipped */
    cw_node **fifo;
    size_t fifo_head, fifo_len, fifo_cap;
    size_t max_nodes;
    size_t bytes, max_bytes; /* held by the shipments and their documents */
    uint64_t evicted;
    uint64_t visit_gen;
} cw_state;

typedef struct {
    cw_node **v;
    size_t n, cap;
} cw_nodelist;

/* At most max_nodes shipments holding max_bytes (0: no limit); beyond
 * either the least recently touched are evicted, and counted. */
void cw_state_init(cw_state *s, size_t max_nodes, size_t max_bytes);
void cw_state_free(cw_state *s);

/* The message id, in buf when it is a UUID kept as bytes.  The contract
 * allows 128 bytes. */
#define CW_DOC_ID_MAX 129
const char *cw_doc_id(const cw_doc *d, char buf[CW_DOC_ID_MAX]);

/* Build a document from a decoded message and the components the rules
 * found on it (kits and components named by hash, so they survive a
 * rule reload). */
cw_doc *cw_doc_new(const cw_msg *m, const cw_ruleset *rs, const cw_eval *ev);
void cw_doc_free(cw_doc *d);
bool cw_doc_has(const cw_doc *d, uint64_t ident);
/* What an alert shows of an identifier: its readable normal form.  A
 * name's is not kept (it was most of a document's text) but made again
 * from its party's name, in buf (CW_IDENT_VALUE_MAX bytes). */
#define CW_IDENT_VALUE_MAX 1024
const char *cw_ident_value(const cw_doc *d, const cw_ident *id, char buf[CW_IDENT_VALUE_MAX]);
const char *cw_ident_party(const cw_doc *d, const cw_ident *id);

/* File a document: a manifest replaces the node's earlier filing (amend)
 * or withdraws it (cancel: doc is consumed and freed); a certificate joins
 * the shipment it names.  Returns the node it now belongs to. */
cw_node *cw_state_file(cw_state *s, cw_doc *d, const cw_msg *m);

/* A node's documents: its manifest first, then its certificates. */
const cw_doc *cw_node_docs(const cw_node *n);
const cw_doc *cw_node_next_doc(const cw_node *n, const cw_doc *d);
/* The side of a shipment a role is on: the sender (shipper; the assured,
 * who insures what it sends) or the receiver (consignee, notify,
 * beneficiary).  Parties link within a side: a supplier that shares a name
 * with somebody's customer is not the customer. */
int cw_role_side(cw_role role);

/* The identifier h, held by a party on the given side, on one of the
 * node's documents, and that document. */
const cw_ident *cw_node_find_ident(const cw_node *n, uint64_t h, int side, const cw_doc **doc);

/* How many documents in the window carry this identifier. */
size_t cw_state_df(const cw_state *s, uint64_t ident);
bool cw_node_carries(const cw_node *n, uint64_t kit);
/* Does it hide what it carries (a vague goods line)?  The cluster search
 * may step through such a shipment from one carrier to another: a
 * component declared as "ELECTRONIC COMPONENTS" still links its parties. */
bool cw_node_vague(const cw_node *n);
const char *cw_node_path(const cw_node *n);
const char *cw_node_ref(const cw_node *n);

/* Drop what is older than horizon_ms (event time), or beyond max_nodes. */
void cw_state_expire(cw_state *s, int64_t horizon_ms);

void cw_record_unref(cw_kit_record *r);

/* How far a goods line's value per kg sits from what its HS heading
 * usually carries in the window: 10^x where x is in decades (1.0 = the
 * median bin); 0 when the heading has fewer than min_n lines. */
double cw_state_value_ratio(const cw_state *s, const struct cw_value_line *v, uint32_t min_n);

#endif
