/* rules_eval.c: evaluating one message against a loaded ruleset,
 * rendering output templates, and running the rule files' test cases.
 *
 * Each text field of the message is scanned by the matcher at most once,
 * the first time a rule asks about it; the hits are kept in the eval's
 * scratch for every other rule.  Conditions record the evidence they rest
 * on as they go, and a branch that turns out false takes its evidence back
 * with it, so a hit carries only what made it true.
 */
#include "rules_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "map.h"
#include "normalise.h"

#define MAX_MATCHES_PER_HIT 32
#define CONTEXT_CHARS 30

typedef struct slot {
    bool scanned;
    uint32_t off, n; /* in escratch.hits */
} slot;

typedef struct cmark {
    bool set, hs;
    const char *part;
    uint32_t start, end;
} cmark;

typedef struct escratch {
    uint64_t serial;
    cw_match_scratch *ms;
    size_t base[CW_F_COUNT + 1];
    slot *slots;
    size_t capslots;
    cw_pat_hit *hits;
    size_t nhits, caphits;
    cmark *marks;
    cw_map names;     /* names lists: (list, form, key) -> the nform bsearch finds */
    bool names_exact; /* no two entries of names share a key: usable */
    cw_map byform;    /* (form, key) -> chain of nrec, every names list at once */
    struct nrec *nrecs;
    bool byform_ok;   /* every names list has a memo bit */
    struct msg_name *msg_names; /* this message's names and their answers */
    size_t nmsg_names;
} escratch;

typedef struct ectx {
    const cw_ruleset *rs;
    const cw_msg *m;
    cw_eval *ev;
    escratch *sc;
    size_t first; /* first match of the hit being built */
    int err;
} ectx;

/* A party name's answers from the names lists (see names_fill below). */
static cw_memo form_memo = CW_MEMO_INIT(16384);

void cw_eval_init(cw_eval *ev)
{
    memset(ev, 0, sizeof *ev);
}

static void scratch_free(escratch *sc)
{
    if (!sc)
        return;
    cw_match_scratch_free(sc->ms);
    free(sc->slots);
    free(sc->hits);
    free(sc->marks);
    cw_map_free(&sc->names);
    cw_map_free(&sc->byform);
    free(sc->nrecs);
    free(sc->msg_names);
    free(sc);
}

void cw_eval_free(cw_eval *ev)
{
    cw_memo_free(&form_memo); /* shared by every eval; made again when next needed */
    free(ev->hits);
    free(ev->matches);
    free(ev->components);
    scratch_free(ev->scratch);
    memset(ev, 0, sizeof *ev);
}

static void names_index(const cw_ruleset *rs, escratch *sc);

/* Make the scratch fit this ruleset and message; empty the results. */
static int prepare(const cw_ruleset *rs, const cw_msg *m, cw_eval *ev, ectx *x)
{
    escratch *sc = ev->scratch;
    if (!sc)
        sc = ev->scratch = cw_xcalloc(1, sizeof *sc);
    if (sc->serial != rs->serial || !sc->ms) {
        cw_match_scratch_free(sc->ms);
        sc->ms = cw_match_scratch_new(rs->matcher);
        free(sc->marks);
        sc->marks = cw_xcalloc(rs->ncomps_total + 1, sizeof(cmark));
        sc->serial = rs->serial;
        names_index(rs, sc);
        if (!sc->ms)
            return -1;
    }
    ev->nhits = ev->nmatches = ev->ncomponents = 0;
    ev->limit_hits = 0;
    size_t total = 0;
    for (int f = 0; f < CW_F_COUNT; f++) {
        sc->base[f] = total;
        total += cw_field_count((cw_field)f, m);
    }
    sc->base[CW_F_COUNT] = total;
    if (total > sc->capslots) {
        sc->capslots = total + 16;
        sc->slots = cw_xrealloc(sc->slots, sc->capslots * sizeof(slot));
    }
    if (total)
        memset(sc->slots, 0, total * sizeof(slot));
    sc->nhits = 0;
    sc->nmsg_names = 0;
    *x = (ectx){rs, m, ev, sc, 0, 0};
    return 0;
}

/* The confirmed pattern hits of the i-th value of field f. */
static const cw_pat_hit *text_hits(ectx *x, cw_field f, size_t i, const char *text, size_t *n)
{
    escratch *sc = x->sc;
    *n = 0;
    size_t k = sc->base[f] + i;
    if (k >= sc->base[f + 1] || !text)
        return NULL;
    slot *s = &sc->slots[k];
    if (!s->scanned) {
        s->scanned = true;
        s->off = (uint32_t)sc->nhits;
        int rc = cw_matcher_scan(x->rs->matcher, sc->ms, text, strlen(text), &sc->hits, &sc->nhits,
                                 &sc->caphits, &x->ev->limit_hits);
        if (rc < 0) {
            x->err = -1;
            rc = 0;
        }
        s->n = (uint32_t)rc;
    }
    *n = s->n;
    return sc->hits ? sc->hits + s->off : NULL; /* no hits yet: NULL + 0 is undefined */
}

static const cw_pat_hit *find_hit(const cw_pat_hit *h, size_t n, int id)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].id == id)
            return &h[i];
    return NULL;
}

/* ---- evidence ------------------------------------------------------ */

static bool utf8_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The match with up to CONTEXT_CHARS characters each side, cut on
 * character boundaries, control characters shown as blanks. */
static void make_excerpt(const char *text, size_t start, size_t end, char *out, size_t outlen)
{
    size_t len = strlen(text);
    if (end > len)
        end = len;
    if (start > end)
        start = end;
    size_t a = start, b = end;
    for (int c = 0; c < CONTEXT_CHARS && a > 0; c++) {
        a--;
        while (a > 0 && utf8_cont((unsigned char)text[a]))
            a--;
    }
    for (int c = 0; c < CONTEXT_CHARS && b < len; c++) {
        b++;
        while (b < len && utf8_cont((unsigned char)text[b]))
            b++;
    }
    /* too long: shorten the tail, then the head */
    while (b - a >= outlen && b > end) {
        b--;
        while (b > end && utf8_cont((unsigned char)text[b]))
            b--;
    }
    while (b - a >= outlen && a < start) {
        a++;
        while (a < start && utf8_cont((unsigned char)text[a]))
            a++;
    }
    if (b - a >= outlen) {
        b = a + outlen - 1;
        while (b > a && utf8_cont((unsigned char)text[b]))
            b--;
    }
    size_t o = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        out[o++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    out[o] = '\0';
}

static void add_match(ectx *x, const char *label, const char *part, const char *text, size_t start,
                      size_t end)
{
    cw_eval *ev = x->ev;
    if (ev->nmatches - x->first >= MAX_MATCHES_PER_HIT)
        return;
    cw_match mt;
    snprintf(mt.field, sizeof mt.field, "%s", label);
    snprintf(mt.rule_part, sizeof mt.rule_part, "%s", part);
    make_excerpt(text, start, end, mt.excerpt, sizeof mt.excerpt);
    for (size_t i = x->first; i < ev->nmatches; i++) {
        const cw_match *o = &ev->matches[i];
        if (!strcmp(o->field, mt.field) && !strcmp(o->rule_part, mt.rule_part) &&
            !strcmp(o->excerpt, mt.excerpt))
            return;
    }
    if (ev->nmatches == ev->capmatches) {
        ev->capmatches = ev->capmatches ? ev->capmatches * 2 : 32;
        ev->matches = cw_xrealloc(ev->matches, ev->capmatches * sizeof(cw_match));
    }
    ev->matches[ev->nmatches++] = mt;
}

/* ---- list membership ----------------------------------------------- */

static int cmp_key(const void *k, const void *item)
{
    return strcmp((const char *)k, *(char *const *)item);
}

static bool sorted_has(char *const *items, size_t n, const char *key)
{
    return n && bsearch(key, items, n, sizeof(char *), cmp_key) != NULL;
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cw_rules_name_forms(const char *name, char forms[4][CW_NAME_FORM_MAX])
{
    forms[0][0] = forms[1][0] = forms[2][0] = forms[3][0] = '\0';
    if (cw_norm_name(name, forms[0], CW_NAME_FORM_MAX) == 0)
        return;
    char tmp[CW_NAME_FORM_MAX], *words[CW_NAME_FORM_MAX / 2];
    size_t nw = 0;
    size_t l0 = strnlen(forms[0], sizeof tmp - 1);
    memcpy(tmp, forms[0], l0);
    tmp[l0] = '\0';
    for (char *save = NULL, *w = strtok_r(tmp, " ", &save); w && nw < CW_NAME_FORM_MAX / 2;
         w = strtok_r(NULL, " ", &save))
        words[nw++] = w;
    qsort(words, nw, sizeof(char *), cmp_word);
    size_t o = 0; /* the words joined by one space (no snprintf: once per new name) */
    for (size_t i = 0; i < nw && o + 1 < CW_NAME_FORM_MAX; i++) {
        if (i)
            forms[1][o++] = ' ';
        size_t wl = strlen(words[i]);
        if (wl > CW_NAME_FORM_MAX - 1 - o)
            wl = CW_NAME_FORM_MAX - 1 - o;
        memcpy(forms[1] + o, words[i], wl);
        o += wl;
    }
    forms[1][o] = '\0';
    for (int f = 0; f < 2; f++) {
        size_t k = 0;
        for (const char *p = forms[f]; *p; p++)
            if (*p != ' ')
                forms[2 + f][k++] = *p;
        forms[2 + f][k] = '\0';
        if (k < CW_NAME_KEY_MIN)
            forms[2 + f][0] = '\0';
    }
}

static int cmp_nform_key(const void *k, const void *item)
{
    return strcmp((const char *)k, ((const nform *)item)->form);
}

/* A party name is held against every names list of the pack by every
 * rule that screens parties, and the same parties file again and again:
 * so each recent name keeps the answers every names list of a ruleset
 * gave it, in a memo by the name and the ruleset's serial (util.h's
 * cw_memo; the engine is one thread, as is normalise.c).  Most names are
 * on no list; a name on more than FORM_HITS lists, or too long to keep,
 * is looked up each time. */
#define FORM_MEMO 64 /* names lists a ruleset may have for the memo to serve */
#define FORM_HITS 4
typedef struct form_entry {
    size_t nhits;
    struct {
        long li; /* the list's index */
        const nform *hit;
    } hits[FORM_HITS];
} form_entry;

/* Every party name is held against every names list (tens of thousands of
 * entries each) in up to four forms: a binary search of each was a fifth
 * of the engine's time.  A hash index per ruleset, built with the scratch,
 * answers each in one probe; it stores the very entry bsearch would find,
 * so evidence names the same listed name either way. */
static uint64_t names_key(const rlist *l, int f, const char *form)
{
    uint64_t h = cw_hash64(form, strlen(form));
    return h ^ (((uint64_t)(uintptr_t)l * 4 + (uint64_t)f) * UINT64_C(0x9E3779B97F4A7C15));
}

/* One entry of a name form in one names list, chained by form. */
typedef struct nrec {
    const char *form;
    int f, maxf; /* the form, and how many forms the list compares */
    long li;     /* the list's index */
    const nform *hit;
    struct nrec *next;
} nrec;

static void names_index(const cw_ruleset *rs, escratch *sc)
{
    cw_map_free(&sc->names);
    cw_map_init(&sc->names);
    sc->names_exact = true;
    cw_map_free(&sc->byform);
    cw_map_init(&sc->byform);
    free(sc->nrecs);
    sc->nrecs = NULL;
    sc->byform_ok = true;
    size_t total = 0, used = 0;
    for (size_t i = 0; i < rs->nlists; i++)
        if (rs->lists[i].kind == LK_NAMES) {
            if (i >= FORM_MEMO)
                sc->byform_ok = false;
            for (int f = 0; f < 4; f++)
                total += rs->lists[i].nforms[f];
        }
    if (sc->byform_ok && total)
        sc->nrecs = cw_xcalloc(total, sizeof(nrec));
    for (size_t i = 0; i < rs->nlists; i++) {
        const rlist *l = &rs->lists[i];
        if (l->kind != LK_NAMES)
            continue;
        for (int f = 0; f < 4; f++)
            for (size_t k = 0; k < l->nforms[f]; k++) {
                const char *form = l->forms[f][k].form;
                uint64_t key = names_key(l, f, form);
                const nform *old = cw_map_get(&sc->names, key);
                if (old) {
                    if (strcmp(old->form, form) != 0)
                        sc->names_exact = false; /* two forms, one key */
                    continue;
                }
                const nform *hit = bsearch(form, l->forms[f], l->nforms[f], sizeof(nform), cmp_nform_key);
                cw_map_put(&sc->names, key, (void *)hit);
                if (sc->nrecs) {
                    nrec *r = &sc->nrecs[used++];
                    uint64_t fk = names_key(NULL, f, form);
                    *r = (nrec){form, f, name_nforms[l->nmatch], (long)i, hit, cw_map_get(&sc->byform, fk)};
                    cw_map_put(&sc->byform, fk, r);
                }
            }
    }
}

/* Every names list's answer for one name, in one probe a form: the first
 * form (in order) that a list holds decides, as names_find would.  False
 * when the name is on more lists than the entry holds. */
static bool names_fill(const escratch *sc, form_entry *e, char forms[4][CW_NAME_FORM_MAX])
{
    uint64_t found = 0;
    e->nhits = 0;
    for (int f = 0; f < 4; f++) {
        if (!forms[f][0])
            continue;
        for (const nrec *r = cw_map_get(&sc->byform, names_key(NULL, f, forms[f])); r; r = r->next)
            if (r->f == f && f < r->maxf && !(found >> r->li & 1) && strcmp(r->form, forms[f]) == 0) {
                if (e->nhits == FORM_HITS)
                    return false;
                e->hits[e->nhits].li = r->li;
                e->hits[e->nhits++].hit = r->hit;
                found |= UINT64_C(1) << r->li;
            }
    }
    return true;
}

/* A message's party names are each held against every names list by
 * several rules, a dozen lookups a name: the answers found for this
 * message are kept beside the scratch, by the value's address (and text:
 * a value may be formatted into a reused buffer), so that the memo above
 * is probed once a name, not hashed again for every list. */
#define MSG_NAMES 8
struct msg_name {
    const char *v;
    char in[120];
    form_entry e;
};

/* Every names list's answer for v, from the memo or found and kept there;
 * false when v is on more lists than an entry holds. */
static bool remembered_answers(const escratch *sc, const char *v, size_t len, form_entry *e)
{
    char key[CW_MEMO_TEXT];
    if (len + sizeof sc->serial >= sizeof key)
        return false;
    memcpy(key, v, len);
    memcpy(key + len, &sc->serial, sizeof sc->serial);
    size_t klen = len + sizeof sc->serial, n;
    cw_memo_slot *keep;
    const char *kept = cw_memo_get(&form_memo, key, klen, &n, &keep);
    if (kept && n == sizeof *e) {
        memcpy(e, kept, sizeof *e);
        return true;
    }
    char forms[4][CW_NAME_FORM_MAX];
    cw_rules_name_forms(v, forms);
    if (!names_fill(sc, e, forms))
        return false;
    cw_memo_keep(&form_memo, keep, key, klen, e, sizeof *e);
    return true;
}

/* Every names list's answer for v, or NULL when it is to be looked up. */
static const form_entry *cached_answers(escratch *sc, const char *v)
{
    for (size_t i = 0; i < sc->nmsg_names; i++)
        if (sc->msg_names[i].v == v && strcmp(sc->msg_names[i].in, v) == 0)
            return &sc->msg_names[i].e;
    size_t len = strlen(v);
    if (len >= sizeof sc->msg_names->in || sc->nmsg_names == MSG_NAMES)
        return NULL;
    if (!sc->msg_names)
        sc->msg_names = cw_xcalloc(MSG_NAMES, sizeof *sc->msg_names);
    struct msg_name *mn = &sc->msg_names[sc->nmsg_names];
    if (!remembered_answers(sc, v, len, &mn->e))
        return NULL;
    mn->v = v;
    memcpy(mn->in, v, len + 1);
    sc->nmsg_names++;
    return &mn->e;
}

static const nform *names_find(const cw_map *idx, const rlist *l, int f, const char *form)
{
    if (!idx)
        return bsearch(form, l->forms[f], l->nforms[f], sizeof(nform), cmp_nform_key);
    const nform *hit = cw_map_get(idx, names_key(l, f, form));
    if (hit && (hit < l->forms[f] || hit >= l->forms[f] + l->nforms[f] || strcmp(hit->form, form) != 0))
        hit = NULL;
    return hit;
}

/* Is a name in a names list, by the list's way of comparing?  The listed
 * name as written goes into part.  serial and li (the list's index in its
 * ruleset, or -1) let the answer be remembered with the name. */
static bool names_has(const rlist *l, const char *v, char *part, size_t partlen, escratch *sc, long li)
{
    const nform *hit = NULL;
    const form_entry *e = NULL;
    if (sc && sc->names_exact && sc->byform_ok && li >= 0 && li < FORM_MEMO)
        e = cached_answers(sc, v);
    if (e) {
        for (size_t k = 0; k < e->nhits && !hit; k++)
            if (e->hits[k].li == li)
                hit = e->hits[k].hit;
    } else {
        char forms[4][CW_NAME_FORM_MAX];
        cw_rules_name_forms(v, forms);
        const cw_map *idx = sc && sc->names_exact ? &sc->names : NULL;
        for (int f = 0; f < name_nforms[l->nmatch] && !hit; f++) {
            if (!forms[f][0] || !l->nforms[f])
                continue;
            hit = names_find(idx, l, f, forms[f]);
        }
    }
    if (hit)
        snprintf(part, partlen, "%.24s:%s", l->name, hit->orig);
    return hit != NULL;
}

static long list_index(const cw_ruleset *rs, const rlist *l)
{
    return l >= rs->lists && l < rs->lists + rs->nlists ? (long)(l - rs->lists) : -1;
}

/* Is v in list l?  part gets the name to report ("telling-hs:841290"). */
static bool list_has(const rlist *l, const char *v, char *part, size_t partlen, escratch *sc, long li)
{
    char buf[512];
    size_t n = 0;
    bool in = false;
    switch (l->kind) {
    case LK_HS:
        for (const char *p = v; *p && n + 1 < sizeof buf; p++)
            if (isdigit((unsigned char)*p))
                buf[n++] = *p;
        for (size_t len = n < 10 ? n : 10; len >= 2; len--) {
            buf[len] = '\0';
            if (sorted_has(l->items, l->n, buf)) {
                snprintf(part, partlen, "%.48s:%.10s", l->name, buf);
                return true;
            }
        }
        return false;
    case LK_LOCODES:
    case LK_COUNTRIES:
        for (const char *p = v; *p && n + 1 < sizeof buf; p++)
            if (*p != ' ')
                buf[n++] = (char)toupper((unsigned char)*p);
        buf[n] = '\0';
        in = sorted_has(l->items, l->n, buf);
        break;
    case LK_NAMES:
        return names_has(l, v, part, partlen, sc, li);
    case LK_IMO:
        for (const char *p = v; *p && n + 1 < sizeof buf; p++)
            if (isdigit((unsigned char)*p))
                buf[n++] = *p;
        buf[n] = '\0';
        in = n == 7 && sorted_has(l->items, l->n, buf);
        break;
    case LK_TERMS:
        cw_rules_fold_term(v, buf, sizeof buf);
        in = buf[0] && sorted_has(l->folded, l->n, buf);
        break;
    }
    if (in) /* the list's name, only when it is needed */
        snprintf(part, partlen, "%s", l->name);
    return in;
}

static bool in(const rlist *l, const char *value)
{
    char part[64];
    return l && value && list_has(l, value, part, sizeof part, NULL, -1);
}

bool cw_rules_in_list(const cw_ruleset *rs, const char *list, const char *value)
{
    return in(cw_rules_find_list(rs, list), value);
}

bool cw_rules_in_known(const cw_ruleset *rs, cw_known_list which, const char *value)
{
    return in(rs->known[which], value);
}

/* ---- conditions ---------------------------------------------------- */

/* The label of a value ("goods[2].description"), made only for evidence:
 * formatting it for every value looked at cost a tenth of the engine. */
static const char *field_label(ectx *x, const cond *c, size_t i, char *label, size_t len)
{
    char tmp[64];
    cw_field_value(c->field, x->m, i, tmp, sizeof tmp, label, len);
    return label;
}

static bool leaf_one(ectx *x, const cond *c, size_t i)
{
    char tmp[64], label[48], part[64];
    const char *v = cw_field_value(c->field, x->m, i, tmp, sizeof tmp, NULL, 0);
    double num;
    switch (c->op) {
    case C_EXISTS:
        if (!c->exists)
            return v == NULL;
        if (!v)
            return false;
        add_match(x, field_label(x, c, i, label, sizeof label), "exists", v, 0, strlen(v));
        return true;
    case C_MATCHES: {
        if (!v)
            return false;
        size_t n;
        const cw_pat_hit *h = text_hits(x, c->field, i, v, &n);
        bool found = false;
        for (size_t p = 0; p < c->npats && n; p++) {
            const cw_pat_hit *hit = find_hit(h, n, c->pats[p].id);
            if (hit) {
                add_match(x, field_label(x, c, i, label, sizeof label), c->pats[p].name, v, hit->start, hit->end);
                found = true;
            }
        }
        return found;
    }
    case C_IN:
        if (!v || !list_has(c->list, v, part, sizeof part, x->sc, list_index(x->rs, c->list)))
            return false;
        add_match(x, field_label(x, c, i, label, sizeof label), part, v, 0, strlen(v));
        return true;
    case C_EQUALS:
        if (!v)
            return false;
        if (cw_field_kind_of(c->field) == CW_FK_NUMBER) {
            if (!cw_field_number(c->field, x->m, i, &num) || num != c->num)
                return false;
        } else if (strcasecmp(v, c->value) != 0) {
            return false;
        }
        add_match(x, field_label(x, c, i, label, sizeof label), "equals", v, 0, strlen(v));
        return true;
    case C_ABOVE:
    case C_BELOW:
        if (!cw_field_number(c->field, x->m, i, &num))
            return false;
        if (c->op == C_ABOVE ? !(num > c->num) : !(num < c->num))
            return false;
        add_match(x, field_label(x, c, i, label, sizeof label), c->op == C_ABOVE ? "above" : "below", v, 0, strlen(v));
        return true;
    default:
        return false;
    }
}

static bool eval_leaf(ectx *x, const cond *c, int line)
{
    bool goods = cw_field_is_goods(c->field);
    if (goods && line >= 0)
        return leaf_one(x, c, (size_t)line);
    size_t n = cw_field_count(c->field, x->m);
    if (c->op == C_EXISTS && !c->exists && !goods) {
        char tmp[64];
        for (size_t i = 0; i < n; i++)
            if (cw_field_value(c->field, x->m, i, tmp, sizeof tmp, NULL, 0))
                return false;
        return true;
    }
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any |= leaf_one(x, c, i);
    return any;
}

static bool eval_cond(ectx *x, const cond *c, int line)
{
    size_t save = x->ev->nmatches;
    switch (c->op) {
    case C_ALL:
        if (line < 0 && c->goods && x->m->kind == CW_MANIFEST && x->m->ngoods > 0) {
            /* goods-line predicates of one `all` hold on the same line */
            bool found = false;
            for (size_t g = 0; g < x->m->ngoods; g++) {
                size_t s = x->ev->nmatches;
                bool ok = true;
                for (size_t k = 0; k < c->nkids && ok; k++)
                    ok = eval_cond(x, c->kids[k], (int)g);
                if (ok)
                    found = true;
                else
                    x->ev->nmatches = s;
            }
            return found;
        }
        for (size_t k = 0; k < c->nkids; k++)
            if (!eval_cond(x, c->kids[k], line)) {
                x->ev->nmatches = save;
                return false;
            }
        return true;
    case C_ANY: {
        bool any = false;
        for (size_t k = 0; k < c->nkids; k++)
            any |= eval_cond(x, c->kids[k], line);
        return any;
    }
    case C_NOT: {
        bool r = eval_cond(x, c->kids[0], line);
        x->ev->nmatches = save;
        return !r;
    }
    default:
        return eval_leaf(x, c, line);
    }
}

static bool applies(const cw_rule *r, const cw_msg *m)
{
    return r->applies_to == CW_APPLIES_ANY ||
           (r->applies_to == CW_APPLIES_MANIFEST) == (m->kind == CW_MANIFEST);
}

static bool eval_rule(ectx *x, size_t i)
{
    const cw_ruleset *rs = x->rs;
    cw_eval *ev = x->ev;
    x->first = ev->nmatches;
    if (!eval_cond(x, rs->when[i], -1)) {
        ev->nmatches = x->first;
        return false;
    }
    if (ev->nhits == ev->caphits) {
        ev->caphits = ev->caphits ? ev->caphits * 2 : 16;
        ev->hits = cw_xrealloc(ev->hits, ev->caphits * sizeof(cw_rule_hit));
    }
    ev->hits[ev->nhits++] = (cw_rule_hit){&rs->rules[i], x->first, ev->nmatches - x->first};
    return true;
}

/* ---- kit components ------------------------------------------------ */

static void add_component(ectx *x, size_t kit, size_t comp, int goods, const char *label,
                          const char *part, const char *text, size_t start, size_t end)
{
    cw_eval *ev = x->ev;
    if (ev->ncomponents == ev->capcomponents) {
        ev->capcomponents = ev->capcomponents ? ev->capcomponents * 2 : 16;
        ev->components = cw_xrealloc(ev->components, ev->capcomponents * sizeof(cw_component_hit));
    }
    cw_component_hit *h = &ev->components[ev->ncomponents++];
    h->kit = kit;
    h->component = comp;
    h->goods = goods;
    snprintf(h->match.field, sizeof h->match.field, "%s", label);
    snprintf(h->match.rule_part, sizeof h->match.rule_part, "%s", part);
    make_excerpt(text, start, end, h->match.excerpt, sizeof h->match.excerpt);
}

static bool hs_starts(const char *hs, const char *prefix)
{
    size_t i = 0;
    for (const char *p = hs; *p && prefix[i]; p++) {
        if (!isdigit((unsigned char)*p))
            continue;
        if (*p != prefix[i])
            return false;
        i++;
    }
    return prefix[i] == '\0';
}

/* Which components does one text (a goods line, or a subject matter)
 * carry?  One hit per component, by pattern first, else by HS code. */
static void classify(ectx *x, cw_field f, size_t i, int goods)
{
    const cw_ruleset *rs = x->rs;
    const cw_msg *m = x->m;
    cmark *mk = x->sc->marks;
    char tmp[64], label[48], hslabel[48];
    const char *text = cw_field_value(f, m, i, tmp, sizeof tmp, NULL, 0);
    memset(mk, 0, rs->ncomps_total * sizeof(cmark));
    bool any = false;
    size_t n = 0;
    const cw_pat_hit *h = text ? text_hits(x, f, i, text, &n) : NULL;
    for (size_t j = 0; h && j < n; j++) {
        for (size_t r = rs->comp_first[h[j].id]; r < rs->comp_first[h[j].id + 1]; r++) {
            const compref *cr = &rs->comp_refs[r];
            cmark *c = &mk[rs->compbase[cr->kit] + cr->comp];
            if (!c->set) {
                *c = (cmark){true, false, cr->name, h[j].start, h[j].end};
                any = true;
            }
        }
    }
    const char *hs = goods >= 0 ? m->goods[goods].hs : NULL;
    if (hs || any) {
        for (size_t k = 0; k < rs->nkits; k++)
            for (size_t c = 0; c < rs->kits[k].ncomponents; c++) {
                cmark *mc = &mk[rs->compbase[k] + c];
                const kcomp *kc = &rs->kcomps[k][c];
                bool excluded = false;
                for (size_t p = 0; p < kc->nexcl && h && !excluded; p++)
                    excluded = find_hit(h, n, kc->excl[p].id) != NULL;
                if (excluded) {
                    mc->set = false; /* what the text says it is overrides */
                    continue;
                }
                for (size_t p = 0; hs && p < kc->nhs && !mc->set; p++)
                    if (hs_starts(hs, kc->hs[p])) {
                        *mc = (cmark){true, true, kc->hs[p], 0, 0};
                        any = true;
                    }
            }
    }
    if (!any)
        return;
    /* the labels, only for what was found */
    cw_field_value(f, m, i, tmp, sizeof tmp, label, sizeof label);
    snprintf(hslabel, sizeof hslabel, "goods[%d].hs", goods);
    for (size_t k = 0; k < rs->nkits; k++)
        for (size_t c = 0; c < rs->kits[k].ncomponents; c++) {
            const cmark *mc = &mk[rs->compbase[k] + c];
            if (!mc->set)
                continue;
            char part[128];
            const cw_kit *kit = &rs->kits[k];
            if (mc->hs) {
                snprintf(part, sizeof part, "%s/%s:hs %s", kit->id, kit->components[c].id, mc->part);
                add_component(x, k, c, goods, hslabel, part, hs, 0, strlen(hs));
            } else {
                snprintf(part, sizeof part, "%s/%s:%s", kit->id, kit->components[c].id, mc->part);
                add_component(x, k, c, goods, label, part, text, mc->start, mc->end);
            }
        }
}

static void classify_message(ectx *x)
{
    if (x->rs->nkits == 0)
        return;
    if (x->m->kind == CW_MANIFEST) {
        for (size_t g = 0; g < x->m->ngoods; g++)
            classify(x, CW_F_GOODS_DESCRIPTION, g, (int)g);
    } else {
        classify(x, CW_F_SUBJECT_MATTER, 0, -1);
    }
}

int cw_rules_eval(const cw_ruleset *rs, const cw_msg *m, cw_eval *ev)
{
    ectx x;
    if (prepare(rs, m, ev, &x) != 0)
        return -1;
    for (size_t i = 0; i < rs->nrules; i++)
        if (rs->rules[i].enabled && applies(&rs->rules[i], m))
            eval_rule(&x, i);
    classify_message(&x);
    return x.err;
}

/* ---- output templates ---------------------------------------------- */

typedef struct rbuf {
    char *buf;
    size_t len, cap;
} rbuf;

static void put(rbuf *o, const char *s, size_t n)
{
    if (!o->cap)
        return;
    if (o->len + n >= o->cap) {
        n = o->cap - 1 - o->len;
        while (n > 0 && utf8_cont((unsigned char)s[n]))
            n--; /* do not cut a character in two */
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

/* The goods line a hit is about: that of its first goods evidence. */
static int hit_goods_line(const cw_eval *ev, const cw_rule_hit *hit)
{
    if (!ev || !hit)
        return -1;
    for (size_t i = hit->first; i < hit->first + hit->count && i < ev->nmatches; i++) {
        int g;
        if (sscanf(ev->matches[i].field, "goods[%d]", &g) == 1)
            return g;
    }
    return -1;
}

static const char *field_for_render(cw_field f, const cw_msg *m, const cw_eval *ev,
                                    const cw_rule_hit *hit, char *tmp, size_t tmplen)
{
    char label[48];
    if (cw_field_is_goods(f)) {
        int g = hit_goods_line(ev, hit);
        return cw_field_value(f, m, g < 0 ? 0 : (size_t)g, tmp, tmplen, NULL, 0);
    }
    size_t n = cw_field_count(f, m);
    const char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *v = cw_field_value(f, m, i, tmp, tmplen, label, sizeof label);
        if (!v)
            continue;
        if (!first)
            first = v;
        for (size_t j = hit ? hit->first : 0; ev && hit && j < hit->first + hit->count; j++)
            if (strcmp(ev->matches[j].field, label) == 0)
                return v;
    }
    /* tmp may have been overwritten by a later number; numbers are goods
     * fields, handled above, so first is still valid here. */
    return first;
}

/* The value of one placeholder name, or NULL. */
static const char *placeholder(const char *name, const cw_msg *m, const cw_eval *ev,
                               const cw_rule_hit *hit, cw_render_var var, void *ud, char *tmp,
                               size_t tmplen)
{
    int f = cw_field_lookup(name);
    const char *v = NULL;
    if (!strcmp(name, "match")) {
        if (ev && hit && hit->count && hit->first < ev->nmatches)
            v = ev->matches[hit->first].excerpt;
    } else if (!strcmp(name, "ref")) {
        v = m ? cw_msg_ref(m) : NULL;
    } else if (!strcmp(name, "id")) {
        v = m ? m->id : NULL;
    } else if (!strcmp(name, "rule")) {
        v = hit ? hit->rule->id : NULL;
    } else if (!strcmp(name, "title")) {
        v = hit ? hit->rule->title : NULL;
    } else if (!strcmp(name, "severity")) {
        v = hit ? cw_severity_names[hit->rule->severity] : NULL;
    } else if (f >= 0 && m) {
        v = field_for_render((cw_field)f, m, ev, hit, tmp, tmplen);
    }
    if (!v && var && f < 0)
        v = var(ud, name);
    return v;
}

size_t cw_rules_render_ex(const char *tmpl, const cw_msg *m, const cw_eval *ev,
                          const cw_rule_hit *hit, cw_render_var var, void *ud, char *buf,
                          size_t buflen)
{
    rbuf o = {buf, 0, buflen};
    if (buflen)
        buf[0] = '\0';
    for (const char *p = tmpl; *p;) {
        const char *s = strstr(p, "%{");
        const char *e = s ? strchr(s, '}') : NULL;
        if (!s || !e) {
            put(&o, p, strlen(p));
            break;
        }
        put(&o, p, (size_t)(s - p));
        char tmp[64];
        const char *v = NULL;
        for (const char *a = s + 2; a < e && (!v || !*v);) {
            const char *bar = memchr(a, '|', (size_t)(e - a));
            const char *end = bar ? bar : e;
            char name[64];
            size_t n = (size_t)(end - a);
            snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), a);
            v = placeholder(name, m, ev, hit, var, ud, tmp, sizeof tmp);
            a = end + 1;
        }
        if (!v || !*v)
            v = "-";
        put(&o, v, strlen(v));
        p = e + 1;
    }
    return o.len;
}

size_t cw_rules_render(const char *tmpl, const cw_msg *m, const cw_eval *ev,
                       const cw_rule_hit *hit, char *buf, size_t buflen)
{
    return cw_rules_render_ex(tmpl, m, ev, hit, NULL, NULL, buf, buflen);
}

/* ---- rule-file tests ----------------------------------------------- */

static void describe_evidence(const cw_match *mt, size_t n, cw_buf *b)
{
    for (size_t i = 0; i < n && i < 3; i++)
        cw_buf_printf(b, "%s%s matched %s in \"%s\"", i ? "; " : "", mt[i].field, mt[i].rule_part,
                      mt[i].excerpt);
}

static int run_tests(const cw_ruleset *rs, const rtest *tests, size_t ntests, cw_buf *out)
{
    int failures = 0;
    cw_eval ev;
    cw_eval_init(&ev);
    for (size_t t = 0; t < ntests; t++) {
        const rtest *tc = &tests[t];
        const cw_rule *rule = tc->is_kit ? NULL : cw_rules_find_rule(rs, tc->target);
        if (!tc->is_kit && !rule)
            continue; /* reported at load */
        for (size_t i = 0; i < tc->nmsgs; i++) {
            const tmsg *tm = &tc->msgs[i];
            char *json = cJSON_PrintUnformatted(tm->json);
            cw_msg m;
            char err[256];
            int rc = cw_decode(json, strlen(json), &m, err, sizeof err);
            free(json);
            if (rc != 0) {
                cw_buf_printf(out, "%s:%d: test %s: message does not decode: %s\n", tc->file,
                              tm->line, tc->name, err);
                failures++;
                continue;
            }
            ectx x;
            if (prepare(rs, &m, &ev, &x) != 0) {
                cw_msg_free(&m);
                cw_buf_printf(out, "%s:%d: test %s: cannot evaluate\n", tc->file, tm->line, tc->name);
                failures++;
                continue;
            }
            bool fired = false;
            cw_buf why = {0};
            if (tc->is_kit) {
                classify_message(&x);
                for (size_t c = 0; c < ev.ncomponents; c++)
                    if (ev.components[c].kit == tc->kit) {
                        if (!fired)
                            cw_buf_printf(&why, "%s matched %s in \"%s\"",
                                          ev.components[c].match.field,
                                          ev.components[c].match.rule_part,
                                          ev.components[c].match.excerpt);
                        fired = true;
                    }
            } else if (applies(rule, &m)) {
                fired = eval_rule(&x, (size_t)(rule - rs->rules));
                if (fired)
                    describe_evidence(ev.matches + ev.hits[0].first, ev.hits[0].count, &why);
            }
            if (fired != tm->fires) {
                failures++;
                if (tm->fires)
                    cw_buf_printf(out, "%s:%d: test %s: %s %s should %s this message but did not\n",
                                  tc->file, tm->line, tc->name, tc->is_kit ? "kit" : "rule",
                                  tc->target, tc->is_kit ? "find a component in" : "fire on");
                else
                    cw_buf_printf(out, "%s:%d: test %s: %s %s should stay quiet but %s: %s\n",
                                  tc->file, tm->line, tc->name, tc->is_kit ? "kit" : "rule",
                                  tc->target, tc->is_kit ? "found a component" : "fired",
                                  why.p ? why.p : "");
            }
            cw_buf_free(&why);
            cw_msg_free(&m);
        }
    }
    cw_eval_free(&ev);
    return failures;
}

int cw_rules_selftest(const cw_ruleset *rs, const char *dir, char *err, size_t errlen)
{
    cw_buf out = {0};
    int failures = run_tests(rs, rs->tests, rs->ntests, &out);
    char *real = dir ? realpath(dir, NULL) : NULL;
    if (dir && (!real || strcmp(real, rs->dir) != 0)) {
        /* A separate directory of test files: load them beside (not into)
         * the immutable ruleset, run them, drop them. */
        cw_ruleset tmp = *rs;
        tmp.tests = NULL;
        tmp.ntests = tmp.captests = 0;
        tmp.files = NULL;
        tmp.nfiles = 0;
        char lerrs[8192];
        int nerr = cw_rules_load_tests(&tmp, dir, lerrs, sizeof lerrs);
        if (nerr) {
            cw_buf_puts(&out, lerrs);
            failures += nerr;
        }
        failures += run_tests(&tmp, tmp.tests, tmp.ntests, &out);
        for (size_t i = 0; i < tmp.ntests; i++) {
            for (size_t j = 0; j < tmp.tests[i].nmsgs; j++)
                cJSON_Delete(tmp.tests[i].msgs[j].json);
            free(tmp.tests[i].msgs);
            free(tmp.tests[i].name);
            free(tmp.tests[i].target);
        }
        free(tmp.tests);
        for (size_t i = 0; i < tmp.nfiles; i++)
            free(tmp.files[i]);
        free(tmp.files);
    }
    free(real);
    if (err && errlen) {
        size_t n = out.len < errlen ? out.len : errlen - 1;
        memcpy(err, out.p ? out.p : "", n);
        err[n] = '\0';
    }
    cw_buf_free(&out);
    return failures;
}
