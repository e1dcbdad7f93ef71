/* state.c: see state.h. */
#include "state.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "namekey.h"
#include "normalise.h"
#include "util.h"

const char *const cw_idkind_names[CW_ID_KINDS] = {
    "name", "name", "name", "phone", "email", "email domain", "address", "registration", "policy",
};

const char *const cw_role_names[CW_ROLE_COUNT] = {
    "shipper", "consignee", "notify", "insurer", "assured", "beneficiary",
};

/* Shortest normalised value worth linking on: "abc trading" yes, "ab" no.
 * By name, so that a new kind cannot shift the others' minimums. */
static const size_t min_len[CW_ID_KINDS] = {
    [CW_ID_NAME] = 4,  [CW_ID_NAME_START] = 8, [CW_ID_NAME_SOUNDS] = 7,    [CW_ID_PHONE] = 7,  [CW_ID_EMAIL] = 6,
    [CW_ID_DOMAIN] = 4, [CW_ID_ADDRESS] = 12,  [CW_ID_REGISTRATION] = 5, [CW_ID_POLICY] = 3,
};

static uint64_t key_of(const char *prefix, const char *s)
{
    cw_hash h;
    cw_hash_init(&h);
    cw_hash_str(&h, prefix);
    cw_hash_str(&h, s);
    return cw_hash_fold(&h) | 1; /* never 0 */
}

/* --- documents --- */

/* A document's identifiers as they are found, and the text they show:
 * each party's name once (every identifier of a role is that party's),
 * and each value once (a name's three keys show the same normal form, an
 * address's two keys the address, an email domain is the end of the
 * email).  cw_doc_new copies both into the document's block. */
typedef struct {
    cw_ident *ids;
    size_t n, cap;
    cw_buf text;
    uint32_t party_at[CW_ROLE_COUNT]; /* offset + 1 of the role's name; 0: not yet */
    size_t last, lastlen;             /* the value added last */
} ident_builder;

/* An identifier's key (0: none) from what must be equal for two
 * identifiers to match. */
static uint64_t ident_key(cw_idkind kind, const char *key)
{
    return strlen(key) < min_len[kind] ? 0 : key_of(cw_idkind_names[kind], key);
}

/* An identifier's value offset that says: the normal form of its party's
 * name, made again when shown (cw_ident_value). */
#define VALUE_PARTY_NAME UINT16_MAX

/* h is the identifier's key (0: none); value is what an alert shows (the
 * readable normal form; NULL: its party's name's). */
static void add_ident_h(ident_builder *b, cw_idkind kind, cw_role role, uint64_t h, const char *value,
                        const char *party)
{
    if (!h)
        return;
    for (size_t i = 0; i < b->n; i++)
        if (b->ids[i].h == h)
            return;
    size_t vl = value ? strlen(value) : 0, at;
    if (b->text.len + strlen(party) + vl + 2 > UINT16_MAX)
        return; /* past what the contract's lengths allow a document: not linked on */
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 8;
        b->ids = cw_xrealloc(b->ids, b->cap * sizeof *b->ids);
    }
    if (!b->party_at[role]) {
        b->party_at[role] = (uint32_t)b->text.len + 1;
        cw_buf_add(&b->text, party, strlen(party) + 1);
    }
    if (!value) {
        at = VALUE_PARTY_NAME;
    } else if (b->lastlen && b->lastlen >= vl && !strcmp(b->text.p + b->last + (b->lastlen - vl), value)) {
        at = b->last + (b->lastlen - vl); /* the same, or its end */
    } else {
        at = b->last = b->text.len;
        b->lastlen = vl;
        cw_buf_add(&b->text, value, vl + 1);
    }
    b->ids[b->n++] = (cw_ident){h, (uint8_t)kind, (uint8_t)role, (uint16_t)at};
}

/* An identifier whose value is also its key. */
static void add_ident(ident_builder *b, cw_idkind kind, cw_role role, const char *value, const char *party)
{
    add_ident_h(b, kind, role, ident_key(kind, value), value, party);
}

/* Words that say nothing about which address it is.  Every word of
 * every address is held against them: their lengths are known, so a
 * word is compared only with those of its length. */
#define NOISE(w) {w, sizeof w - 1}
static bool address_noise(const char *t, size_t n)
{
    static const struct {
        const char *w;
        size_t n;
    } words[] = {
        NOISE("street"), NOISE("road"), NOISE("avenue"), NOISE("boulevard"), NOISE("lane"), NOISE("drive"),
        NOISE("court"), NOISE("place"), NOISE("square"), NOISE("highway"), NOISE("no"), NOISE("number"),
        NOISE("building"), NOISE("floor"), NOISE("room"), NOISE("suite"), NOISE("unit"), NOISE("office"),
        NOISE("block"), NOISE("district"), NOISE("province"), NOISE("po"), NOISE("box"), NOISE("kh"),
        NOISE("khiaban"), NOISE("jalan"), NOISE("sokak"), NOISE("sok"), NOISE("cad"), NOISE("caddesi"),
        NOISE("the"), NOISE("of"), NOISE("and"), NOISE("city"), NOISE("industrial"), NOISE("zone"),
        NOISE("area"), NOISE("park"), NOISE("free"), NOISE("tower"), NOISE("prospekt"), NOISE("prosp"),
        NOISE("dom"), NOISE("ulitsa"), NOISE("ul"), NOISE("korpus"), NOISE("kuyok"), NOISE("dong"),
        NOISE("gu"), NOISE("ro"), NOISE("gil"), NOISE("lot"),
    };
    if (n <= 2 && !(t[0] >= '0' && t[0] <= '9'))
        return true; /* country codes, "a", "b" */
    bool digits = true;
    for (size_t i = 0; i < n; i++)
        digits = digits && t[i] >= '0' && t[i] <= '9';
    if (digits && n >= 5)
        return true; /* postcodes: often left out or changed */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i].n == n && words[i].w[0] == t[0] && !memcmp(words[i].w, t, n))
            return true;
    return false;
}
#undef NOISE

static int cmp_token(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The telling tokens of a normalised address: house number, street and
 * place names, each by its phonetic fold (vowels are spelt every way in
 * romanised street names), sorted.  "No.602 Beheshti Kh., Pasdaran,
 * Tabriz 68180, IR" and "NO. 602 BEHESHTI STREET PASDARAN TABRIZ" meet
 * here, and "Jomhuri Ave." meets "JOMHOURI AVENUE". */
static size_t address_core(const char *norm, char *out, size_t outlen)
{
    char folded[64][32];
    const char *tok[64];
    size_t ntok = 0;
    for (const char *p = norm; *p && ntok < 64;) {
        size_t n = strcspn(p, " ");
        char word[32];
        if (n && n < sizeof word && !address_noise(p, n)) {
            memcpy(word, p, n);
            word[n] = '\0';
            if (cw_norm_name_fold(word, folded[ntok], sizeof folded[ntok])) {
                tok[ntok] = folded[ntok];
                ntok++;
            }
        }
        p += n;
        p += strspn(p, " ");
    }
    if (ntok < 3)
        return 0;
    qsort(tok, ntok, sizeof *tok, cmp_token);
    size_t len = 0;
    for (size_t i = 0; i < ntok; i++) {
        size_t n = strlen(tok[i]);
        if (len + n + 2 > outlen)
            break;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, tok[i], n);
        len += n;
    }
    out[len] = '\0';
    return len;
}

/* The street part of an address, in filed order: its house, unit and
 * building numbers (postcodes, five digits or more, left out) and the
 * street's name, the first telling word after the last number ("Rm 615,
 * No. 1444 Huanghe Dadao, Shinan Dist., Yiwu" and "ROOM 615, NO. 1444
 * HUANGHE AVENUE, SHINAN DISTRICT" -> "1444 615 kuank"), folded.  Survives
 * the district and city written or not, and the street's kind translated
 * or not. */
static size_t address_street(const char *address, char *out, size_t outlen)
{
    char norm[512];
    if (!cw_norm_name(address, norm, sizeof norm))
        return 0;
    const char *num[8], *street = NULL;
    size_t nlen[8], nnum = 0, slen = 0;
    for (const char *p = norm; *p;) {
        size_t n = strcspn(p, " ");
        bool digits = n > 0;
        for (size_t i = 0; i < n; i++)
            digits = digits && p[i] >= '0' && p[i] <= '9';
        if (digits && n <= 4 && nnum < 8) {
            num[nnum] = p;
            nlen[nnum++] = n;
            street = NULL; /* the street follows the last number */
        } else if (!digits && nnum && !street && !address_noise(p, n)) {
            street = p;
            slen = n;
        }
        p += n;
        p += strspn(p, " ");
    }
    if (!nnum || !street || slen >= 64)
        return 0;
    /* numbers in order, then the street's name */
    for (size_t i = 1; i < nnum; i++)
        for (size_t j = i; j > 0 && (nlen[j - 1] > nlen[j] ||
                                     (nlen[j - 1] == nlen[j] && memcmp(num[j - 1], num[j], nlen[j]) > 0)); j--) {
            const char *t = num[j];
            num[j] = num[j - 1];
            num[j - 1] = t;
            size_t l = nlen[j];
            nlen[j] = nlen[j - 1];
            nlen[j - 1] = l;
        }
    size_t len = 0;
    for (size_t i = 0; i < nnum && len + nlen[i] + 1 < outlen; i++) {
        memcpy(out + len, num[i], nlen[i]);
        len += nlen[i];
        out[len++] = ' ';
    }
    char word[64], folded[64];
    memcpy(word, street, slen);
    word[slen] = '\0';
    size_t f = cw_norm_name_fold(word, folded, sizeof folded);
    if (!f || len + f + 1 > outlen)
        return 0;
    memcpy(out + len, folded, f + 1);
    return len + f;
}

/* The identifying part of a registration as filed: its token with the
 * most digits, labels dropped, so "INN: 5998703181", "Tax ID 5998703181"
 * and "ИНН 5998703181" meet. */
static size_t registration_core(const char *in, char *out, size_t outlen)
{
    char norm[256];
    size_t best = 0, best_digits = 0;
    for (const char *p = in; *p;) {
        size_t n = 0, digits = 0;
        while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '/')) {
            digits += isdigit((unsigned char)p[n]) != 0;
            n++;
        }
        if (digits > best_digits && n < sizeof norm) {
            memcpy(norm, p, n);
            norm[n] = '\0';
            best = cw_norm_registration(norm, out, outlen);
            best_digits = digits;
        }
        p += n ? n : 1;
    }
    return best_digits >= 5 ? best : 0;
}

/* The first two words of a normalised name, as a matching key. */
static size_t name_start(const char *norm, char *out, size_t outlen)
{
    const char *sp = strchr(norm, ' ');
    if (!sp)
        return 0;
    const char *sp2 = strchr(sp + 1, ' ');
    if (!sp2)
        return 0; /* two words only: the whole name says it */
    char first[256];
    size_t n = (size_t)(sp2 - norm);
    if (n >= sizeof first)
        return 0;
    memcpy(first, norm, n);
    first[n] = '\0';
    return cw_norm_name_fold(first, out, outlen);
}

/* Everything a document takes from a party's name: its normal form (what
 * an alert shows), its three name identifiers' keys, what its shipping
 * lane's key takes from it, and its legal form.  A feed names the same
 * parties again and again, and working these out (folds, sound keys,
 * legal forms, hashes) was a fifth of the engine's time: so a name's card
 * is kept by the name as filed, in a memo, the normal form after it. */
typedef struct {
    uint64_t name, start, sounds; /* identifier keys; 0: none */
    uint64_t lane;                /* the lane key's name part; 0: none */
    uint8_t form;                 /* cw_norm_legal_form */
    char norm[CW_IDENT_VALUE_MAX]; /* "": the name normalises to nothing */
} name_card;

#define CARD_HEAD offsetof(name_card, norm)
static cw_memo card_memo = CW_MEMO_INIT(16384);

static void name_card_of(const char *name, name_card *c)
{
    size_t n = strlen(name), kept_n;
    cw_memo_slot *slot;
    const char *kept = cw_memo_get(&card_memo, name, n, &kept_n, &slot);
    if (kept && kept_n >= CARD_HEAD && kept_n - CARD_HEAD < sizeof c->norm) {
        memcpy(c, kept, kept_n); /* the head, then the normal form */
        c->norm[kept_n - CARD_HEAD] = '\0';
        return;
    }
    memset(c, 0, CARD_HEAD);
    c->form = (uint8_t)cw_norm_legal_form(name);
    c->norm[0] = '\0';
    char key[1024], start[256];
    if (cw_norm_name(name, c->norm, sizeof c->norm)) {
        size_t kl = cw_norm_name_fold(c->norm, key, sizeof key);
        if (kl)
            c->name = ident_key(CW_ID_NAME, key);
        size_t sl = name_start(c->norm, start, sizeof start);
        if (sl)
            c->start = ident_key(CW_ID_NAME_START, start);
        if (sl || kl)
            c->lane = key_of("lane", sl ? start : key);
        /* kept apart from the name keys: "sounds:" never starts one */
        char sounds[128] = "sounds:";
        if (cw_name_sounds(name, sounds + 7, sizeof sounds - 7))
            c->sounds = ident_key(CW_ID_NAME_SOUNDS, sounds);
    }
    cw_memo_keep(&card_memo, slot, name, n, c, CARD_HEAD + strlen(c->norm));
}

/* An address's two identifier keys (0: none): its telling tokens and its
 * street.  Kept by the address as filed, as a name's card is. */
static cw_memo address_memo = CW_MEMO_INIT(8192);

static void address_keys(const char *address, uint64_t keys[2])
{
    size_t n = strlen(address), kept_n;
    cw_memo_slot *keep;
    const char *kept = cw_memo_get(&address_memo, address, n, &kept_n, &keep);
    if (kept && kept_n == 2 * sizeof *keys) {
        memcpy(keys, kept, kept_n);
        return;
    }
    char v[1024], key[1024];
    keys[0] = keys[1] = 0;
    if (cw_norm_address(address, v, sizeof v) && address_core(v, key, sizeof key))
        keys[0] = ident_key(CW_ID_ADDRESS, key);
    if (address_street(address, key + 7, sizeof key - 7)) {
        memcpy(key, "street:", 7); /* kept apart from the address keys */
        keys[1] = ident_key(CW_ID_ADDRESS, key);
    }
    cw_memo_keep(&address_memo, keep, address, n, keys, 2 * sizeof *keys);
}

static void party_idents(ident_builder *b, const cw_party *p, cw_role role, const name_card *c)
{
    if (!p->name)
        return;
    char v[1024];
    add_ident_h(b, CW_ID_NAME, role, c->name, NULL, p->name);
    add_ident_h(b, CW_ID_NAME_START, role, c->start, NULL, p->name);
    add_ident_h(b, CW_ID_NAME_SOUNDS, role, c->sounds, NULL, p->name);
    if (p->phone && cw_norm_phone(p->phone, p->country, v, sizeof v))
        add_ident(b, CW_ID_PHONE, role, v, p->name);
    size_t vl;
    if (p->email && (vl = cw_norm_email(p->email, v, sizeof v))) {
        add_ident(b, CW_ID_EMAIL, role, v, p->name);
        /* the domain is what follows the "@" of the address just made,
         * unless that was cut short (cw_norm_email_domain reads it all) */
        const char *at = strrchr(v, '@');
        if (vl + 1 < sizeof v && at && at[1]) {
            if (!cw_norm_freemail(at + 1))
                add_ident(b, CW_ID_DOMAIN, role, at + 1, p->name);
        } else if (cw_norm_email_domain(p->email, v, sizeof v) && !cw_norm_freemail(v)) {
            add_ident(b, CW_ID_DOMAIN, role, v, p->name);
        }
    }
    if (p->address) {
        uint64_t keys[2];
        address_keys(p->address, keys);
        add_ident_h(b, CW_ID_ADDRESS, role, keys[0], p->address, p->name);
        add_ident_h(b, CW_ID_ADDRESS, role, keys[1], p->address, p->name);
    }
    if (p->registration && registration_core(p->registration, v, sizeof v))
        add_ident(b, CW_ID_REGISTRATION, role, v, p->name);
}

/* The roles whose identifiers can link shipments.  Insurers are left out:
 * a handful of them cover everything. */
static const cw_role linking_roles[] = {CW_SHIPPER, CW_CONSIGNEE, CW_NOTIFY, CW_ASSURED, CW_BENEFICIARY};

/* The logistics path as text: "CNDLC SGSIN AEJEA". */
static void join_path(const cw_msg *m, cw_buf *b)
{
    for (size_t i = 0; i < m->npath; i++) {
        if (i)
            cw_buf_puts(b, " ");
        cw_buf_puts(b, m->path[i]);
    }
}

static void add_seen(cw_seen **seen, size_t *nseen, const cw_kit *kit, const cw_component_hit *c)
{
    const cw_kit_component *comp = &kit->components[c->component];
    uint64_t kh = cw_hash64(kit->id, strlen(kit->id));
    uint64_t ch = cw_hash64(comp->id, strlen(comp->id)) ^ kh;
    for (size_t i = 0; i < *nseen; i++)
        if ((*seen)[i].kit == kh && (*seen)[i].comp == ch)
            return; /* keep the first match of a component */
    *seen = cw_xrealloc(*seen, (*nseen + 1) * sizeof **seen);
    cw_seen *s = &(*seen)[(*nseen)++];
    s->kit = kh;
    s->comp = ch;
    s->comp_name = (char *)(comp->name ? comp->name : comp->id); /* copied into the doc's block */
    s->match = c->match;
}

/* A document is one block: the cw_doc (or cw_cert), then its join keys,
 * components, value lines and identifiers, then its text (id, ref, path
 * and final destination, then the identifiers' values and parties'
 * names, then component names).  One allocation where there were ten: a
 * shipment held in the window is mostly its documents, and a malloc'd
 * piece costs its header and rounding besides what it holds.  The header
 * holds counts and text offsets, not pointers: state.h's accessors find
 * each part from them (only a component's name is a pointer, into the
 * text). */

/* A message id in the form UUIDs are written, lower-case, as its 16
 * bytes; false if it is not one. */
static bool uuid_bytes(const char *id, uint8_t out[16])
{
    static const char form[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t n = 0;
    for (size_t i = 0; i < sizeof form - 1; i++) {
        char c = id[i];
        if (form[i] == '-') {
            if (c != '-')
                return false;
            continue;
        }
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return false;
        out[n / 2] = (uint8_t)(n % 2 ? out[n / 2] | v : v << 4);
        n++;
    }
    return id[sizeof form - 1] == '\0';
}

const char *cw_doc_id(const cw_doc *d, char buf[CW_DOC_ID_MAX])
{
    const char *t = cw_doc_text(d);
    if (!d->uuid)
        return t;
    static const char hex[] = "0123456789abcdef";
    char *o = buf;
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[(uint8_t)t[i] >> 4];
        *o++ = hex[(uint8_t)t[i] & 15];
    }
    *o = '\0';
    return buf;
}

/* Append s and its NUL to b; returns its offset. */
static size_t text_add(cw_buf *b, const char *s)
{
    size_t at = b->len;
    cw_buf_add(b, s, strlen(s) + 1);
    return at;
}

cw_doc *cw_doc_new(const cw_msg *m, const cw_ruleset *rs, const cw_eval *ev)
{
    cw_doc h = {0}; /* the header, copied into the block at the end */
    struct cw_value_line *vals = NULL;
    h.kind = m->kind;
    h.ms = m->event_ms;
    if (m->discharge)
        memcpy(h.discharge, m->discharge, sizeof h.discharge);
    if (m->delivery)
        memcpy(h.delivery, m->delivery, sizeof h.delivery);
    h.value = m->kind == CW_INSURANCE ? m->sum_insured : -1;
    if (m->kind == CW_INSURANCE && m->currency)
        snprintf(h.currency, sizeof h.currency, "%s", m->currency);
    for (size_t i = 0; i < m->ngoods; i++) {
        const cw_goods *g = &m->goods[i];
        if (rs && g->description && cw_rules_in_known(rs, CW_LIST_VAGUE_DESCRIPTIONS, g->description))
            h.vague = true;
        if (g->hs && g->value > 0 && g->weight_kg > 0) {
            double per_kg = g->value / g->weight_kg;
            int bin = (int)floor((log10(per_kg) + 3.0) * CW_VALUE_BINS_PER_DECADE);
            bin = bin < 0 ? 0 : bin >= CW_VALUE_BINS ? CW_VALUE_BINS - 1 : bin;
            size_t hslen = strlen(g->hs), curlen = g->currency ? strlen(g->currency) : 0;
            for (int digits = 4; digits <= 6 && hslen >= (size_t)digits; digits += 2) {
                /* "8471 USD" (as "%.*s %s" would write it, cut to 23 bytes;
                 * by hand: twice for every goods line) */
                char key[24];
                size_t kl = (size_t)digits;
                memcpy(key, g->hs, kl);
                key[kl++] = ' ';
                size_t cl = curlen < sizeof key - 1 - kl ? curlen : sizeof key - 1 - kl;
                memcpy(key + kl, g->currency ? g->currency : "", cl);
                kl += cl;
                vals = cw_xrealloc(vals, (h.nvals + 1) * sizeof *vals);
                vals[h.nvals++] = (struct cw_value_line){cw_hash64(key, kl), (uint16_t)i, (uint8_t)bin,
                                                         (uint8_t)digits};
            }
        }
        if (m->goods[i].value < 0)
            continue;
        h.value = (h.value < 0 ? 0 : h.value) + m->goods[i].value;
        if (m->goods[i].currency && !h.currency[0])
            snprintf(h.currency, sizeof h.currency, "%s", m->goods[i].currency);
    }

    /* the text: what every document has first, then the identifiers' */
    ident_builder b = {0};
    cw_buf *t = &b.text;
    uint8_t uuid[16];
    if ((h.uuid = uuid_bytes(m->id, uuid)))
        cw_buf_add(t, (const char *)uuid, sizeof uuid);
    else
        text_add(t, m->id);
    h.ref_at = (uint16_t)text_add(t, cw_msg_ref(m));
    h.path_at = (uint16_t)t->len;
    join_path(m, t);
    cw_buf_add(t, "", 1);
    if (m->final_destination)
        h.final_at = (uint16_t)(text_add(t, m->final_destination) + 1);
    name_card cards[CW_ROLE_COUNT];
    for (int r = 0; r < CW_ROLE_COUNT; r++)
        memset(&cards[r], 0, CARD_HEAD + 1);
    for (size_t i = 0; i < sizeof linking_roles / sizeof *linking_roles; i++) {
        cw_role r = linking_roles[i];
        if (m->party[r].name)
            name_card_of(m->party[r].name, &cards[r]);
        party_idents(&b, &m->party[r], r, &cards[r]);
    }
    if (m->policy) {
        char v[128];
        if (cw_norm_registration(m->policy, v, sizeof v))
            add_ident(&b, CW_ID_POLICY, CW_ASSURED, v, m->party[CW_ASSURED].name);
    }
    for (int r = 0; r < CW_ROLE_COUNT; r++) {
        h.party_at[r] = (uint16_t)(b.party_at[r] ? b.party_at[r] - 1 : 0);
        h.party_form[r] = b.party_at[r] ? cards[r].form : 0;
    }

    /* Join keys: the containers, and for a certificate that names neither
     * B/L nor container, who ships what where: the shipper (or assured)
     * and the ports of loading and discharge (or voyage from and to). */
    uint64_t *containers = cw_xcalloc(m->ncontainers + 1, sizeof *containers);
    for (size_t i = 0; i < m->ncontainers; i++)
        containers[h.ncontainers++] = key_of("ctr", m->containers[i]);
    const cw_party *owner = &m->party[m->kind == CW_MANIFEST ? CW_SHIPPER : CW_ASSURED];
    const char *from = m->kind == CW_MANIFEST ? m->loading : m->voyage_from;
    const char *to = m->kind == CW_MANIFEST ? m->discharge : m->voyage_to;
    const name_card *oc = &cards[m->kind == CW_MANIFEST ? CW_SHIPPER : CW_ASSURED];
    if (owner->name && from && to && oc->lane) {
        cw_hash lh;
        cw_hash_init(&lh);
        cw_hash_add(&lh, &oc->lane, sizeof oc->lane);
        cw_hash_str(&lh, from);
        cw_hash_str(&lh, to);
        containers[h.ncontainers++] = cw_hash_fold(&lh) | 1;
        h.lane = true;
    }
    cw_seen *seen = NULL;
    size_t nseen = 0;
    for (size_t i = 0; ev && i < ev->ncomponents && nseen < UINT16_MAX; i++)
        add_seen(&seen, &nseen, cw_rules_kit(rs, ev->components[i].kit), &ev->components[i]);

    /* the rest of the text, after the identifiers' */
    size_t *comp_at = nseen ? cw_xcalloc(nseen, sizeof *comp_at) : NULL;
    for (size_t i = 0; i < nseen; i++)
        comp_at[i] = text_add(t, seen[i].comp_name);

    /* 8-byte aligned parts first, then those aligned to 4, then text:
     * the order cw_doc_containers() and the others in state.h follow */
    size_t at_ctr = cw_doc_head(&h), at_seen = at_ctr + h.ncontainers * sizeof *containers;
    size_t at_vals = at_seen + nseen * sizeof *seen, at_ids = at_vals + h.nvals * sizeof *vals;
    size_t at_text = at_ids + b.n * sizeof *b.ids, size = at_text + t->len;
    char *block = cw_xmalloc(size);
    memset(block, 0, at_ctr); /* a certificate's own fields start empty */
    cw_doc *d = (cw_doc *)block;
    *d = h;
    d->nids = (uint16_t)b.n;
    d->nseen = (uint16_t)nseen;
    if (h.ncontainers) /* (memcpy from NULL is undefined, even of 0 bytes) */
        memcpy(block + at_ctr, containers, h.ncontainers * sizeof *containers);
    if (h.nvals)
        memcpy(block + at_vals, vals, h.nvals * sizeof *vals);
    if (b.n)
        memcpy(block + at_ids, b.ids, b.n * sizeof *b.ids);
    char *text = block + at_text;
    memcpy(text, t->p, t->len);
    cw_seen *dseen = (cw_seen *)(block + at_seen);
    for (size_t i = 0; i < nseen; i++) {
        dseen[i] = seen[i];
        dseen[i].comp_name = text + comp_at[i];
    }
    d->bytes = (uint32_t)size;
    free(comp_at);
    free(seen);
    free(vals);
    free(containers);
    free(b.ids);
    cw_buf_free(&b.text);
    return d;
}

void cw_doc_free(cw_doc *d)
{
    free(d); /* one block */
}

bool cw_doc_has(const cw_doc *d, uint64_t ident)
{
    for (const cw_ident *id = cw_doc_ids(d), *end = id + d->nids; id < end; id++)
        if (id->h == ident)
            return true;
    return false;
}

const char *cw_ident_value(const cw_doc *d, const cw_ident *id, char buf[CW_IDENT_VALUE_MAX])
{
    if (id->value != VALUE_PARTY_NAME)
        return cw_doc_text(d) + id->value;
    name_card c; /* the name's normal form, as it was when the identifier was made */
    name_card_of(cw_ident_party(d, id), &c);
    memcpy(buf, c.norm, strlen(c.norm) + 1);
    return buf;
}

const char *cw_ident_party(const cw_doc *d, const cw_ident *id) { return cw_doc_text(d) + d->party_at[id->role]; }

/* --- state --- */

void cw_state_init(cw_state *s, size_t max_nodes, size_t max_bytes)
{
    memset(s, 0, sizeof *s);
    cw_map_init(&s->nodes);
    cw_map_init(&s->df);
    cw_map_init(&s->carriers);
    cw_map_init(&s->containers);
    cw_map_init(&s->values);
    s->max_nodes = max_nodes ? max_nodes : (size_t)-1;
    s->max_bytes = max_bytes ? max_bytes : (size_t)-1;
}

size_t cw_state_df(const cw_state *s, uint64_t ident)
{
    return (size_t)(uintptr_t)cw_map_get(&s->df, ident);
}

static void values_add(cw_state *s, const cw_doc *d, int delta)
{
    for (const struct cw_value_line *v = cw_doc_vals(d), *end = v + d->nvals; v < end; v++) {
        cw_value_hist *h = cw_map_get(&s->values, v->key);
        if (!h) {
            if (delta < 0)
                continue;
            h = cw_xcalloc(1, sizeof *h);
            cw_map_put(&s->values, v->key, h);
        }
        if (delta > 0) {
            h->n++;
            h->bins[v->bin]++;
        } else if (h->bins[v->bin]) {
            h->n--;
            h->bins[v->bin]--;
            if (!h->n)
                free(cw_map_del(&s->values, v->key));
        }
    }
}

double cw_state_value_ratio(const cw_state *s, const struct cw_value_line *v, uint32_t min_n)
{
    const cw_value_hist *h = cw_map_get(&s->values, v->key);
    if (!h || h->n < min_n)
        return 0;
    uint32_t half = (h->n + 1) / 2, seen = 0;
    int median = 0;
    while (median < CW_VALUE_BINS - 1 && (seen += h->bins[median]) < half)
        median++;
    return pow(10.0, (double)(v->bin - median) / CW_VALUE_BINS_PER_DECADE);
}

/* A document enters (+1) or leaves (-1) the window: its identifiers'
 * frequencies, its heading's values, the bytes held. */
static void df_add(cw_state *s, const cw_doc *d, int delta)
{
    values_add(s, d, delta);
    s->bytes = delta > 0 ? s->bytes + d->bytes : s->bytes - d->bytes;
    for (const cw_ident *id = cw_doc_ids(d), *end = id + d->nids; id < end; id++) {
        size_t n = cw_state_df(s, id->h);
        n = delta > 0 ? n + 1 : (n ? n - 1 : 0);
        if (n)
            cw_map_put(&s->df, id->h, (void *)(uintptr_t)n);
        else
            cw_map_del(&s->df, id->h);
    }
}

const cw_doc *cw_node_docs(const cw_node *n) { return n->manifest ? n->manifest : cw_cert_doc(n->certs); }

const cw_doc *cw_node_next_doc(const cw_node *n, const cw_doc *d)
{
    return cw_cert_doc(d == n->manifest ? n->certs : ((const cw_cert *)(const void *)d)->next);
}

int cw_role_side(cw_role role)
{
    return role == CW_SHIPPER || role == CW_ASSURED ? 0 : 1;
}

const cw_ident *cw_node_find_ident(const cw_node *n, uint64_t h, int side, const cw_doc **doc)
{
    for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d)) {
        for (const cw_ident *id = cw_doc_ids(d), *end = id + d->nids; id < end; id++) {
            if (id->h == h && cw_role_side(id->role) == side) {
                *doc = d;
                return id;
            }
        }
    }
    return NULL;
}

bool cw_node_carries(const cw_node *n, uint64_t kit)
{
    for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d))
        for (const cw_seen *sn = cw_doc_seen(d), *end = sn + d->nseen; sn < end; sn++)
            if (!kit || sn->kit == kit)
                return true;
    return false;
}

bool cw_node_vague(const cw_node *n)
{
    return n->manifest && n->manifest->vague;
}

const char *cw_node_path(const cw_node *n)
{
    if (n->manifest)
        return cw_doc_path(n->manifest);
    return n->certs ? cw_doc_path(cw_cert_doc(n->certs)) : "";
}

const char *cw_node_ref(const cw_node *n)
{
    if (n->manifest)
        return cw_doc_ref(n->manifest);
    return n->certs ? cw_doc_ref(cw_cert_doc(n->certs)) : "";
}

cw_node_links *cw_node_links_of(cw_node *n)
{
    if (!n->links)
        n->links = cw_xcalloc(1, sizeof *n->links);
    return n->links;
}

/* List the node under every identifier of its documents, so that the
 * cluster search can walk from one carrier to the next. */
static void index_node(cw_state *s, cw_node *n)
{
    cw_node_links *k = cw_node_links_of(n);
    for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d)) {
        for (size_t i = 0; i < d->nids; i++) {
            uint64_t h = cw_doc_ids(d)[i].h;
            bool have = false;
            for (size_t j = 0; j < k->nindexed && !have; j++)
                have = k->indexed[j] == h;
            if (have)
                continue;
            k->indexed = cw_xrealloc(k->indexed, (k->nindexed + 1) * sizeof *k->indexed);
            k->indexed[k->nindexed++] = h;
            cw_nodelist *l = cw_map_get(&s->carriers, h);
            if (!l) {
                l = cw_xcalloc(1, sizeof *l);
                cw_map_put(&s->carriers, h, l);
            }
            if (l->n == l->cap) {
                l->cap = l->cap ? l->cap * 2 : 4;
                l->v = cw_xrealloc(l->v, l->cap * sizeof *l->v);
            }
            l->v[l->n++] = n;
        }
    }
}

static void unindex_node(cw_state *s, cw_node *n)
{
    cw_node_links *k = n->links;
    if (!k)
        return;
    for (size_t i = 0; i < k->nindexed; i++) {
        cw_nodelist *l = cw_map_get(&s->carriers, k->indexed[i]);
        if (!l)
            continue;
        for (size_t j = 0; j < l->n; j++) {
            if (l->v[j] == n) {
                memmove(&l->v[j], &l->v[j + 1], (l->n - j - 1) * sizeof *l->v);
                l->n--;
                break;
            }
        }
        if (!l->n) {
            cw_map_del(&s->carriers, k->indexed[i]);
            free(l->v);
            free(l);
        }
    }
    free(k->indexed);
    k->indexed = NULL;
    k->nindexed = 0;
}

static void containers_claim(cw_state *s, cw_node *n, const cw_doc *d)
{
    for (size_t i = 0; i < d->ncontainers; i++)
        cw_map_put(&s->containers, cw_doc_containers(d)[i], n);
}

static void containers_release(cw_state *s, cw_node *n, const cw_doc *d)
{
    for (size_t i = 0; d && i < d->ncontainers; i++) {
        uint64_t k = cw_doc_containers(d)[i];
        if (cw_map_get(&s->containers, k) == n)
            cw_map_del(&s->containers, k);
    }
}

void cw_record_unref(cw_kit_record *r)
{
    if (r && --r->refs == 0)
        free(r);
}

static void node_free(cw_state *s, cw_node *n)
{
    unindex_node(s, n);
    for (cw_doc *d = (cw_doc *)cw_node_docs(n), *next; d; d = next) {
        next = (cw_doc *)cw_node_next_doc(n, d);
        containers_release(s, n, d);
        df_add(s, d, -1);
        cw_doc_free(d);
    }
    if (n->links) {
        for (size_t i = 0; i < n->links->nalerts; i++)
            cw_record_unref(n->links->alerts[i].rec);
        free(n->links->alerts);
        free(n->links);
    }
    free(n);
    s->bytes -= sizeof *n;
}

static void enqueue(cw_state *s, cw_node *n)
{
    if (s->fifo_len == s->fifo_cap) {
        size_t ncap = s->fifo_cap ? s->fifo_cap * 2 : 1024;
        s->fifo = cw_xrealloc(s->fifo, ncap * sizeof *s->fifo);
        /* unwrap the ring into the larger array */
        for (size_t i = 0; i < s->fifo_head; i++)
            s->fifo[s->fifo_cap + i] = s->fifo[i];
        if (s->fifo_head + s->fifo_len > s->fifo_cap) {
            memmove(s->fifo, s->fifo + s->fifo_head, s->fifo_len * sizeof *s->fifo);
            s->fifo_head = 0;
        }
        s->fifo_cap = ncap;
    }
    s->fifo[(s->fifo_head + s->fifo_len++) % s->fifo_cap] = n;
    n->queued++;
}

static cw_node *node_get(cw_state *s, uint64_t key)
{
    cw_node *n = cw_map_get(&s->nodes, key);
    if (!n) {
        n = cw_xcalloc(1, sizeof *n);
        n->key = key;
        n->last_ms = INT64_MIN;
        cw_map_put(&s->nodes, key, n);
        s->bytes += sizeof *n;
    }
    return n;
}

/* A certificate filed before its manifest, naming no B/L, waits in a node
 * keyed by its container; the manifest adopts it when it arrives. */
static void adopt_placeholders(cw_state *s, cw_node *n, const cw_doc *d)
{
    for (size_t i = 0; i < d->ncontainers; i++) {
        uint64_t k = cw_doc_containers(d)[i];
        cw_node *p = cw_map_get(&s->containers, k);
        if (!p || p == n || p->manifest)
            continue;
        while (p->certs) {
            cw_cert *c = p->certs;
            cw_cert_doc(c)->by_lane = cw_cert_doc(c)->by_lane || k == cw_doc_lane(d);
            p->certs = c->next;
            containers_release(s, p, cw_cert_doc(c));
            c->next = n->certs;
            n->certs = c;
            containers_claim(s, n, cw_cert_doc(c));
        }
        if (p->last_ms > n->last_ms)
            n->last_ms = p->last_ms;
        /* p stays, empty, until the eviction queue reaches it */
        unindex_node(s, p);
    }
}

cw_node *cw_state_file(cw_state *s, cw_doc *d, const cw_msg *m)
{
    cw_node *n;
    if (d->kind == CW_MANIFEST) {
        n = node_get(s, key_of("bl", m->bl));
        if (n->manifest) {
            containers_release(s, n, n->manifest);
            df_add(s, n->manifest, -1);
            cw_doc_free(n->manifest);
            n->manifest = NULL;
        }
        if (m->action == CW_CANCEL) {
            cw_doc_free(d);
            d = NULL;
        } else {
            n->manifest = d;
            adopt_placeholders(s, n, d);
        }
    } else {
        n = NULL;
        if (m->nbl_refs)
            n = node_get(s, key_of("bl", m->bl_refs[0]));
        const uint64_t *ctr = cw_doc_containers(d);
        for (size_t i = 0; !n && i < d->ncontainers; i++)
            if ((n = cw_map_get(&s->containers, ctr[i])))
                d->by_lane = ctr[i] == cw_doc_lane(d);
        if (!n)
            n = node_get(s, d->ncontainers ? ctr[0] : key_of("cert", m->certificate));
        /* a re-issued certificate replaces the earlier one */
        for (cw_cert **pp = &n->certs; *pp; pp = &(*pp)->next) {
            if (!strcmp(cw_doc_ref(cw_cert_doc(*pp)), cw_doc_ref(d))) {
                cw_cert *old = *pp;
                *pp = old->next;
                containers_release(s, n, cw_cert_doc(old));
                df_add(s, cw_cert_doc(old), -1);
                cw_doc_free(cw_cert_doc(old));
                break;
            }
        }
        cw_cert *c = cw_doc_cert(d);
        c->next = n->certs;
        n->certs = c;
    }
    if (d) {
        df_add(s, d, +1);
        containers_claim(s, n, d);
        if (d->ms > n->last_ms)
            n->last_ms = d->ms;
    }
    /* listed again under its identifiers, which may have changed */
    unindex_node(s, n);
    if (cw_node_carries(n, 0) || cw_node_vague(n))
        index_node(s, n);
    enqueue(s, n);
    return n;
}

void cw_state_expire(cw_state *s, int64_t horizon_ms)
{
    while (s->fifo_len) {
        cw_node *n = s->fifo[s->fifo_head];
        bool old = n->last_ms < horizon_ms;
        bool full = s->nodes.len > s->max_nodes || s->bytes > s->max_bytes;
        if (n->queued == 1 && !old && !full)
            break;
        s->fifo_head = (s->fifo_head + 1) % s->fifo_cap;
        s->fifo_len--;
        if (--n->queued)
            continue;
        if (!old)
            s->evicted++;
        cw_map_del(&s->nodes, n->key);
        node_free(s, n);
    }
}

void cw_state_free(cw_state *s)
{
    cw_map_each(&s->nodes, i) node_free(s, s->nodes.slots[i].val);
    cw_map_free(&s->nodes);
    cw_map_free(&s->df);
    cw_map_each(&s->carriers, i)
    {
        cw_nodelist *l = s->carriers.slots[i].val;
        free(l->v);
        free(l);
    }
    cw_map_free(&s->carriers);
    cw_map_free(&s->containers);
    cw_map_each(&s->values, i) free(s->values.slots[i].val);
    cw_map_free(&s->values);
    free(s->fifo);
    memset(s, 0, sizeof *s);
    cw_memo_free(&card_memo); /* shared by every state; made again when next needed */
    cw_memo_free(&address_memo);
}
