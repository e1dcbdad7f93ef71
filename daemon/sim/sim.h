/* sim.h: the port-feed simulator's modules and the plain structs they hand
 * to each other.  One header for the whole program because the modules are
 * small and share a handful of types; each .c file says at its top what it
 * owns.  Nothing here is used by the daemon. */
#ifndef CW_SIM_H
#define CW_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MIN_MS (60LL * 1000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS (24 * HOUR_MS)

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Copies src into dst of size n, cut to fit; returns the length copied.
 * snprintf(dst, n, "%s", src) did the same at many times the cost. */
static inline size_t scopy(char *dst, size_t n, const char *src)
{
    if (n == 0)
        return 0;
    size_t len = strlen(src);
    if (len >= n)
        len = n - 1;
    memmove(dst, src, len);
    dst[len] = 0;
    return len;
}

/* ---- rng.c: the simulator's own random numbers (xoshiro256**) ---------- */

typedef struct { uint64_t s[4]; } rng;

/* Seeds one named stream: the same (seed, stream) gives the same numbers. */
void rng_seed(rng *r, uint64_t seed, const char *stream);
uint64_t rng_next(rng *r);
uint32_t rng_below(rng *r, uint32_t n);           /* 0 .. n-1; 0 when n == 0 */
int rng_range(rng *r, int lo, int hi);            /* lo .. hi inclusive */
double rng_unit(rng *r);                          /* [0, 1) */
double rng_uniform(rng *r, double lo, double hi);
bool rng_chance(rng *r, double p);
double rng_normal(rng *r);
double rng_lognormal(rng *r, double median, double sigma);
double rng_exponential(rng *r, double mean);
/* Index into a table of cumulative weights (ascending, last = total). */
size_t rng_cumulative(rng *r, const double *cum, size_t n);
/* Skewed pick in 0 .. n-1: low indices are drawn far more often, as a few
 * big shippers file most of a port's manifests. */
uint32_t rng_skewed(rng *r, uint32_t n);

/* text.c: dst = the NULL-terminated strings one after another, cut to
 * fit; returns the length.  utoa10 writes v in decimal into buf. */
size_t sjoin(char *dst, size_t n, ...);
const char *utoa10(unsigned v, char buf[12]);
void upcase_utf8(char *s);

#define RNG_PICK(r, arr) ((arr)[rng_below((r), (uint32_t)COUNT_OF(arr))])

/* ---- strlist (truth.c) ------------------------------------------------- */

typedef struct { char **v; size_t n, cap; } strlist;
void strlist_add(strlist *l, const char *s);
bool strlist_has(const strlist *l, const char *s);
void strlist_free(strlist *l);

/* ---- keyset.c: a set of 64-bit keys --------------------------------- */

typedef struct {
    uint64_t *slot;
    size_t cap, n;
} keyset;

bool keyset_has(const keyset *k, uint64_t key);
void keyset_add(keyset *k, uint64_t key);   /* key 0 is stored as 1 */
void keyset_free(keyset *k);

/* ---- data.c: reference data from rules/reference ----------------------- */

typedef struct {
    char code[6];          /* UN/LOCODE */
    char cc[3];
    char name[48];         /* without diacritics */
    double lat, lon;
    bool has_pos;
    bool approved;         /* status says an authority confirmed it */
} ref_port;

typedef struct {
    char code[7];          /* six-digit subheading */
    const char *desc;      /* official text */
    const char *heading;   /* text of its four-digit heading */
} ref_hs;

typedef struct {
    char a2[3];
    char name[64];
    char dial[8];          /* digits only: "86" */
    char currency[4];
    char subregion[40];
    char capital[48];
} ref_country;

typedef struct {
    ref_port *ports;       size_t nports;      /* sorted by code */
    ref_hs *hs;            size_t nhs;         /* sorted by code */
    ref_country *countries; size_t ncountries; /* sorted by a2 */
    strlist text;          /* owns the HS texts */
} refdata;

bool ref_load(refdata *d, const char *dir);
void ref_free(refdata *d);
const ref_port *ref_port_find(const refdata *d, const char *code);
const ref_hs *ref_hs_find(const refdata *d, const char *code6);
const ref_country *ref_country_find(const refdata *d, const char *a2);

/* ---- ids.c: identifiers with their real formats and check digits ------- */

void id_message(rng *r, char out[40]);                     /* a UUID */
void id_container(rng *r, const char *owner4, char out[12]); /* ISO 6346 */
int iso6346_check_digit(const char *first10);
bool imo_valid(const char *imo7);
void id_imo(rng *r, char out[8]);
void id_seal(rng *r, const char *scac, char out[16]);
/* A bill of lading number in the carrier's style; unique per counter. */
void id_bl(const char *scac, const char *origin, uint64_t counter, char out[32]);
void id_house_bl(const char *prefix, uint64_t counter, char out[32]);

/* ---- world.c: ports, regions, carriers, services, sailings ------------- */

enum {
    R_EAST_ASIA, R_SE_ASIA, R_SOUTH_ASIA, R_MIDDLE_EAST, R_MED, R_N_EUROPE,
    R_NA_WEST, R_NA_EAST, R_LATAM, R_AFRICA, R_OCEANIA, R_COUNT
};

typedef struct {
    char code[6];
    char cc[3];
    double lat, lon;
    bool has_pos;
    double weight;         /* share of benign calls; 0 for tail ports */
    int region;
} port;

typedef struct {
    char name[40];
    char imo[8];
    int carrier;
} vessel;

/* One B/L's voyage as the manifest tells it. */
typedef struct {
    int carrier;
    const vessel *vessel;
    char voyage[16];
    int64_t departure, arrival;
    char receipt[6], loading[6], ts[2][6], discharge[6], delivery[6];
    int nts;
    int service;
    int voyage_index;
} sailing;

typedef struct world world;

world *world_new(const refdata *ref, uint64_t seed);
void world_free(world *w);
const char *carrier_scac(int carrier);
int carrier_count(void);
int carrier_by_scac(const char *scac);
/* A container number from the carrier's own boxes or a leasing company's. */
void world_container(world *w, rng *r, int carrier, char out[12]);
const port *world_port(const world *w, const char *code);
int world_region_of(const world *w, const char *cc, double lon);
/* An ordinary sailing on the world's services, filed at `filed_at`. */
void world_benign_sailing(world *w, rng *r, int64_t filed_at, sailing *out);
/* A sailing from `loading` through `hubs` to `discharge` on a carrier not in
 * `avoid` (a bit set of carrier numbers). */
void world_sailing_via(world *w, rng *r, int64_t filed_at, const char *loading,
                       const char *const *hubs, int nhubs, const char *discharge,
                       uint32_t avoid, sailing *out);
/* The same service's sailing `weeks` later (an amendment that rolls a B/L). */
void world_roll_sailing(world *w, sailing *s, int weeks);
/* How much longer the path through the given ports is than the direct
 * distance from the first to the last (1 = on the way). */
double world_detour(const world *w, const char *const *path, int n);
/* A seaport of country cc for a feeder call or a fresh shipper's loading. */
const char *world_port_in(world *w, rng *r, const char *cc);

/* ---- names.c and parties.c: companies and how filers spell them -------- */

typedef struct style style;   /* naming habits of one country (names.c) */

typedef struct {
    const style *st;
    char cc[3];
    const char *fixed;          /* forwarders and insurers: fixed trading name */
    const char *capital;        /* city for styles without a city list */
    uint16_t brand, brand2, trade, city, tpl, form, street;
    uint16_t house_no, unit, district;
    char zip[12];
    char dial[8], area[8], local[12];
    char email_local[24], domain[64];
    char reg[32];
    uint8_t pinned_name;        /* NAME_*: a company always filed in one form */
    uint8_t phone_share, email_share, reg_share, addr_share; /* % of filings */
} company;

enum { NAME_AUTO, NAME_LATIN, NAME_ALT, NAME_NATIVE };

typedef struct {
    char name[513];
    char address[1025];
    char country[3];
    char phone[65];
    char email[257];
    char registration[65];
} party;

/* How to file a party: -1 = as the company usually does, 0 = leave out,
 * 1 = always include. */
typedef struct {
    int name_mode;
    int phone_format;      /* -1: any */
    signed char phone, address, email, reg, country;
    bool clean;            /* no typos (an insurer's own letterhead) */
} filing_opts;

#define FILING_DEFAULT { NAME_AUTO, -1, -1, -1, -1, -1, -1, false }

typedef struct parties parties;

parties *parties_new(const refdata *ref, uint64_t seed);
void parties_free(parties *p);
/* A company from the country's pool of regular traders. */
const company *parties_pick(parties *p, rng *r, const char *cc);
/* A new company found in no pool and sharing no identifier with any other
 * (schemes' middlemen and fronts); the caller may then copy identifiers. */
company *parties_fresh(parties *p, rng *r, const char *cc);
const company *parties_forwarder(parties *p, rng *r);
const company *parties_insurer(parties *p, rng *r, int *index);
const company *parties_insurer_at(parties *p, int index);
int parties_insurer_count(void);
bool parties_is_freemail(const company *c);
void party_file(const company *c, rng *r, const filing_opts *o, party *out);
void party_file_default(const company *c, rng *r, party *out);
/* The company's name as it would read in its register (truth files). */
void company_name(const company *c, char *out, size_t n);
/* An insurer's code for certificate numbers ("PMI"). */
const char *insurer_code(int index);
/* Number format families in party_file (for "same phone, other format"). */
#define PHONE_FORMATS 8

/* names.c */
const style *style_for(const char *cc);
int name_render(const company *c, int mode, int form_variant, int tpl_variant,
                char *out, size_t n);
int style_brand_count(const style *s);
int style_trade_count(const style *s);
int style_city_count(const style *s);
int style_form_count(const style *s);
int style_tpl_count(const style *s);
int style_street_count(const style *s);
int style_form_variants(const style *s, int form);
int style_tpl_variants(const style *s, int tpl);
bool style_has_native(const style *s);
bool style_has_alt(const company *c);
bool style_brand_native(const company *c);
/* Do all the style's names carry the city (so two cities, two names)? */
bool style_names_city(const style *s);
const char *style_city_area(const style *s, int city, rng *r);
const char *style_city_latin(const style *s, int city);
void style_address(const company *c, rng *r, int variant, char *out, size_t n);
void style_email_domain(const company *c, rng *r, char *out, size_t n);
void style_registration(const style *s, rng *r, char *out, size_t n);
void style_registration_render(const company *c, rng *r, char *out, size_t n);
int style_local_digits(const style *s);
bool style_uses_trunk_zero(const style *s);

/* ---- goods.c: goods lines as shippers declare them --------------------- */

typedef struct {
    char description[700];
    char hs[11];
    int packages;
    char package_type[16];
    double weight_kg;
    double value;
    char currency[4];
    int container;         /* index into the manifest's boxes, -1 none */
    char origin[3];
} goods_line;

typedef struct goods goods;

goods *goods_new(const refdata *ref);
void goods_free(goods *g);
/* Ordinary cargo for one B/L: lines spread over `nbox` containers. */
int goods_benign(goods *g, rng *r, const char *origin, const char *dest_cc,
                 int nbox, goods_line *lines, int max);
/* A line from a bait entry (benign dual-use look-alike); returns false if
 * the table has no fit. */
int goods_bait(goods *g, rng *r, const char *origin, int nbox,
               goods_line *lines, int max);
/* Shipper's wording for an official text: shortened, trade words. */
void goods_shipper_text(rng *r, const char *official, const char *hs,
                        char *out, size_t n);
/* 6 digits, or extended to 8 or 10 with a national suffix. */
void goods_extend_hs(rng *r, const char *hs6, char out[11]);
double goods_usd_rate(const char *currency);
const char *goods_currency_for(rng *r, const char *origin_cc);
/* What the insurer is told: the manifest's goods in certificate words. */
void goods_subject_matter(rng *r, const goods_line *lines, int n, char *out,
                          size_t size);
/* Checks every HS code the simulator's tables name exists in HS 2022. */
bool goods_check_tables(const refdata *ref);

/* ---- the messages ------------------------------------------------------ */

#define MAX_BOXES 6
#define MAX_LINES 6

typedef struct {
    char number[12];
    char seal[16];
    char type[5];
} container;

typedef struct {
    char bl[32], master_bl[32];
    sailing s;
    int64_t filed_at;
    party shipper, consignee, notify;
    bool has_notify;
    container box[MAX_BOXES];
    int nbox;
    goods_line line[MAX_LINES];
    int nline;
} manifest;

typedef struct {
    char certificate[40], policy[48];
    int64_t issued_at;
    party insurer, assured, beneficiary;
    bool has_insurer, has_beneficiary, has_conveyance;
    char claims_payable_at[128];
    char from[6], via[2][6], to[6], final_destination[6];
    int nvia;
    char subject_matter[1000];
    double sum_insured;
    char currency[4];
    const char *source;    /* "insurer", "broker", "tip" */
    bool refs_bl, refs_boxes;
} certificate;

/* emit.c: JSON text of one message (malloc'd, no newline). */
char *emit_manifest(const manifest *m, const char *id, const char *action);
char *emit_certificate(const certificate *c, const manifest *m, const char *id);

/* insurance.c: certificates as insurers and brokers issue them. */
typedef struct insurance insurance;
insurance *insurance_new(parties *p, uint64_t seed);
void insurance_free(insurance *in);
/* An ordinary certificate for a manifest: open cover or single policy. */
void insurance_benign(insurance *in, rng *r, const manifest *m,
                      const company *shipper, const company *consignee,
                      certificate *c);
/* Fills the fixed parts every certificate has (number, insurer, voyage,
 * conveyance) and leaves the parties and subject matter to the caller. */
void insurance_base(insurance *in, rng *r, const manifest *m, int insurer,
                    certificate *c);
void insurance_policy_number(insurance *in, rng *r, int insurer, char *out,
                             size_t n);

/* ---- feed.c: the reordering window between generation and output ------ */

enum { MSG_MANIFEST, MSG_INSURANCE };

typedef struct sink sink;
typedef struct feed feed;

feed *feed_new(sink *s);
/* Takes ownership of line; it goes out once the clock passes emit_at. */
void feed_push(feed *f, int64_t emit_at, int type, const char *key, char *line);
/* Writes every message due before `now`. Returns false on a sink error. */
bool feed_release(feed *f, int64_t now);
bool feed_finish(feed *f);
void feed_free(feed *f);
size_t feed_written(const feed *f);
size_t feed_bytes(const feed *f);

/* ---- sink.c: JSON Lines file or Kafka ---------------------------------- */

sink *sink_file(const char *path);
/* paced: the feed goes out at a set rate, each message at once (no linger) */
sink *sink_kafka(const char *brokers, const char *manifest_topic,
                 const char *insurance_topic, bool paced);
void sink_set_rate(sink *s, double per_second);
bool sink_write(sink *s, int type, const char *key, const char *line, size_t len);
/* Flushes and closes; false if anything failed to arrive. */
bool sink_close(sink *s);

/* ---- filings.c: one shipment as the feed carries it -------------------- */

typedef struct {
    strlist manifest_ids, insurance_ids, bls;
} id_record;

typedef struct {
    feed *f;
    world *w;
    rng r;
    long budget;           /* messages still to make */
    long made;
    int64_t end;           /* last event time of the run */
} publisher;

typedef struct {
    double p_amend, p_cancel, p_dup;
    bool must_fit;         /* specials: never trimmed to the budget */
} publish_plan;

/* Publishes the manifest (and certificate if c) with its amendments,
 * cancel and duplicates as the plan draws them. Records ids in rec. */
void publish(publisher *p, manifest *m, certificate *c, const publish_plan *plan,
             id_record *rec);
/* How many messages a publish can make at most (for the budget). */
int publish_max_messages(void);
int64_t feed_lateness(rng *r);

/* ---- truth.c: the ground truth file ------------------------------------ */

typedef struct {
    char label[16];        /* S0001 or L0001 */
    bool split;
    const char *kit;
    int level;
    char end_user[513];
    char end_user_country[3];
    const char *components[8];
    int ncomponents;
    const char *links[6];
    int nlinks;
    char destination[6];   /* the real final destination */
    char machine[64];      /* splits: what was delivered */
    id_record ids;
} truth_rec;

bool truth_write(FILE *f, const truth_rec *t);
void id_record_free(id_record *r);

/* ---- the run: sim.c owns the options and calls the generators ---------- */

typedef struct {
    uint64_t seed;
    long messages;
    int schemes, splits;
    int days;
    int64_t start, end;
} sim_options;

typedef struct {
    sim_options opt;
    refdata ref;
    world *w;
    parties *pt;
    goods *g;
    insurance *ins;
    publisher pub;
    uint64_t bl_counter;
} sim;

/* benign.c */
void benign_run(sim *s);
void benign_fill_manifest(sim *s, rng *r, manifest *m, const sailing *sl,
                          const company *shipper, const company *consignee,
                          int64_t filed_at);
void benign_notify(sim *s, rng *r, manifest *m, const company *consignee);
void sim_new_bl(sim *s, rng *r, manifest *m);
void sim_boxes(sim *s, rng *r, manifest *m, int n, const char *type);

/* splits.c */
void splits_plan(sim *s, truth_rec *out, int n);
bool splits_check_tables(const refdata *ref);

/* schemes.c */
void schemes_plan(sim *s, truth_rec *out, int n);

#endif
