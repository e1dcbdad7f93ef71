/* kit.c: see kit.h. */
#include "kit.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "util.h"

/* A shipment of the cluster, and how the search reached it: from which
 * shipment, by which identifier (here and there, with the documents that
 * carry it); from is NULL for the start.  Kept with the search, not in
 * every held shipment. */
typedef struct {
    cw_node *node;
    const cw_node *from;
    const cw_doc *doc_here, *doc_there;
    const cw_ident *here, *there;
} member;

typedef struct {
    member *nodes;
    size_t nnodes, cap;
    uint64_t *comps;
    const char **comp_names;
    size_t ncomps;
    const char **paths;
    size_t npaths;
} cluster;

static bool in_window(const cw_node *n, int64_t now_ms, const cw_kit *kit)
{
    return n->last_ms >= now_ms - kit->window_ms;
}

static void push_node(cluster *c, member m)
{
    if (c->nnodes == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->nodes = cw_xrealloc(c->nodes, c->cap * sizeof *c->nodes);
    }
    c->nodes[c->nnodes++] = m;
}

static bool is_name(uint8_t kind)
{
    return kind == CW_ID_NAME || kind == CW_ID_NAME_START || kind == CW_ID_NAME_SOUNDS;
}

/* The kinds of company the parties going by the name h on one side of a
 * shipment say they are, over all its documents. */
static unsigned forms_of(const cw_node *n, uint64_t h, int side)
{
    unsigned kinds = 0;
    for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d))
        for (const cw_ident *id = cw_doc_ids(d), *end = id + d->nids; id < end; id++)
            if (id->h == h && cw_role_side(id->role) == side)
                kinds |= d->party_form[id->role];
    return kinds;
}

/* Two parties that share a name but are registered as different kinds of
 * company are namesakes, not one party: the name does not link them. */
static bool namesakes(const cw_node *a, const cw_node *b, uint64_t h, int side)
{
    unsigned fa = forms_of(a, h, side), fb = forms_of(b, h, side);
    return fa && fb && !(fa & fb);
}

/* Walk from start over identifiers rare enough to be evidence, visiting
 * shipments that carry this kit, and from those, vague shipments that may
 * hide a component (one step: a vague shipment leads only to carriers). */
static void gather(cw_state *s, const cw_kit *kit, uint64_t kh, cw_node *start, int64_t now_ms,
                   size_t max_df, cluster *c)
{
    uint64_t gen = ++s->visit_gen;
    start->visit = gen;
    push_node(c, (member){start, NULL, NULL, NULL, NULL, NULL});
    for (size_t qi = 0; qi < c->nnodes; qi++) {
        cw_node *n = c->nodes[qi].node;
        bool n_carries = cw_node_carries(n, kh);
        for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d)) {
            for (size_t i = 0; i < d->nids; i++) {
                const cw_ident *id = &cw_doc_ids(d)[i];
                if (cw_state_df(s, id->h) > max_df)
                    continue;
                cw_nodelist *l = cw_map_get(&s->carriers, id->h);
                for (size_t j = 0; l && j < l->n; j++) {
                    cw_node *m = l->v[j];
                    if (m->visit == gen || !in_window(m, now_ms, kit))
                        continue;
                    if (!cw_node_carries(m, kh) && !(n_carries && cw_node_vague(m)))
                        continue;
                    const cw_doc *md;
                    const cw_ident *mid = cw_node_find_ident(m, id->h, cw_role_side(id->role), &md);
                    if (!mid)
                        continue;
                    if (is_name(id->kind) && namesakes(n, m, id->h, cw_role_side(id->role)))
                        continue;
                    m->visit = gen;
                    push_node(c, (member){m, n, md, d, mid, id});
                }
            }
        }
    }
}

static void tally(cluster *c, uint64_t kh)
{
    for (size_t i = 0; i < c->nnodes; i++) {
        const cw_node *n = c->nodes[i].node;
        if (!cw_node_carries(n, kh))
            continue; /* a vague link: its route is no component's */
        const char *path = cw_node_path(n);
        bool seen_path = false;
        for (size_t j = 0; j < c->npaths && !seen_path; j++)
            seen_path = !strcmp(c->paths[j], path);
        if (!seen_path && *path) {
            c->paths = cw_xrealloc(c->paths, (c->npaths + 1) * sizeof *c->paths);
            c->paths[c->npaths++] = path;
        }
        for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d)) {
            for (const cw_seen *sn = cw_doc_seen(d), *end = sn + d->nseen; sn < end; sn++) {
                if (sn->kit != kh)
                    continue;
                bool have = false;
                for (size_t j = 0; j < c->ncomps && !have; j++)
                    have = c->comps[j] == sn->comp;
                if (have)
                    continue;
                c->comps = cw_xrealloc(c->comps, (c->ncomps + 1) * sizeof *c->comps);
                c->comp_names = cw_xrealloc(c->comp_names, (c->ncomps + 1) * sizeof *c->comp_names);
                c->comps[c->ncomps] = sn->comp;
                c->comp_names[c->ncomps++] = sn->comp_name;
            }
        }
    }
}

static int cmp_node(const void *a, const void *b)
{
    const cw_node *x = ((const member *)a)->node, *y = ((const member *)b)->node;
    int64_t xm = x->manifest ? x->manifest->ms : x->last_ms, ym = y->manifest ? y->manifest->ms : y->last_ms;
    if (xm != ym)
        return xm < ym ? -1 : 1;
    return strcmp(cw_node_ref(x), cw_node_ref(y));
}

static cw_kit_record *record_of(const cw_node *n, uint64_t kh)
{
    for (size_t i = 0; n->links && i < n->links->nalerts; i++)
        if (n->links->alerts[i].kit == kh)
            return n->links->alerts[i].rec;
    return NULL;
}

static void set_record(cw_node *n, uint64_t kh, cw_kit_record *r)
{
    r->refs++;
    cw_node_links *k = cw_node_links_of(n);
    for (size_t i = 0; i < k->nalerts; i++) {
        if (k->alerts[i].kit == kh) {
            cw_record_unref(k->alerts[i].rec);
            k->alerts[i].rec = r;
            return;
        }
    }
    k->alerts = cw_xrealloc(k->alerts, (k->nalerts + 1) * sizeof *k->alerts);
    k->alerts[k->nalerts].kit = kh;
    k->alerts[k->nalerts++].rec = r;
}

static void list_join(cw_buf *b, const char **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            cw_buf_puts(b, i + 1 == n ? " and " : ", ");
        cw_buf_puts(b, items[i]);
    }
}

/* Plain-language account of the cluster for the compliance officer. */
static char *summary(const cw_kit *kit, const cluster *c)
{
    cw_buf b = {0};
    cw_buf_printf(&b, "%zu of the %zu components of %s (", c->ncomps, kit->ncomponents, kit->title);
    list_join(&b, c->comp_names, c->ncomps);
    cw_buf_printf(&b, ") were shipped on %zu B/Ls (", c->nnodes);
    for (size_t i = 0; i < c->nnodes; i++) {
        if (i)
            cw_buf_puts(&b, ", ");
        cw_buf_puts(&b, cw_node_ref(c->nodes[i].node));
    }
    cw_buf_printf(&b, ") by %zu different routes", c->npaths);
    size_t nlinks = 0;
    for (size_t i = 0; i < c->nnodes; i++) {
        const member *m = &c->nodes[i];
        if (!m->from)
            continue;
        cw_buf_puts(&b, nlinks++ ? "; " : " to parties linked: ");
        char v[CW_IDENT_VALUE_MAX];
        cw_buf_printf(&b, "%s (%s, %s) shares %s \"%s\" with %s (%s, %s)", cw_ident_party(m->doc_here, m->here),
                      cw_role_names[m->here->role], cw_node_ref(m->node), cw_idkind_names[m->here->kind],
                      cw_ident_value(m->doc_here, m->here, v), cw_ident_party(m->doc_there, m->there),
                      cw_role_names[m->there->role], cw_node_ref(m->from));
    }
    cw_buf_puts(&b, ". Shipped apart, these parts make up one controlled item");
    if (kit->ntags) {
        cw_buf_puts(&b, " (");
        list_join(&b, (const char **)kit->tags, kit->ntags);
        cw_buf_puts(&b, ")");
    }
    cw_buf_puts(&b, ".");
    return b.p;
}

static void add_evidence(cJSON *a, const cw_doc *d, uint64_t kh)
{
    cw_match *ms = cw_xcalloc(d->nseen ? d->nseen : 1, sizeof *ms);
    size_t n = 0;
    cw_buf why = {0};
    for (const cw_seen *sn = cw_doc_seen(d), *end = sn + d->nseen; sn < end; sn++) {
        if (sn->kit != kh)
            continue;
        ms[n++] = sn->match;
        cw_buf_puts(&why, n == 1 ? "carries " : ", ");
        cw_buf_puts(&why, sn->comp_name);
    }
    if (!n)
        cw_buf_printf(&why, "%s of the shipment", d->kind == CW_MANIFEST ? "manifest" : "insurance certificate");
    if (cw_doc_final_dest(d))
        cw_buf_printf(&why, "; final destination %s", cw_doc_final_dest(d));
    char id[CW_DOC_ID_MAX];
    cw_alert_add_evidence(a, d->kind, cw_doc_id(d, id), cw_doc_ref(d), why.p, ms, n);
    cw_buf_free(&why);
    free(ms);
}

static void add_party_link(cJSON *parties, const member *m)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "name", cw_ident_party(m->doc_here, m->here));
    cJSON_AddStringToObject(p, "role", cw_role_names[m->here->role]);
    cJSON_AddStringToObject(p, "ref", cw_node_ref(m->node));
    cJSON_AddStringToObject(p, "linked_to", cw_ident_party(m->doc_there, m->there));
    cJSON_AddStringToObject(p, "linked_role", cw_role_names[m->there->role]);
    cJSON_AddStringToObject(p, "linked_ref", cw_node_ref(m->from));
    cJSON_AddStringToObject(p, "via", cw_idkind_names[m->here->kind]);
    char v[CW_IDENT_VALUE_MAX];
    cJSON_AddStringToObject(p, "value", cw_ident_value(m->doc_here, m->here, v));
    cJSON_AddItemToArray(parties, p);
}

/* A kit fires at its severity once min_components are in; with fewer, but
 * at least watch_components, it is a watch: the same alert at low
 * severity, superseded when the rest arrives. */
static void fire(const cw_kit *kit, uint64_t kh, cluster *c, cw_kit_record *prev, const cw_kit_ctx *ctx)
{
    bool watch = c->ncomps < (size_t)kit->min_components;
    cw_severity severity = watch ? CW_SEV_LOW : kit->severity;
    /* evidence ids first: they make the alert's id */
    size_t cap = 0;
    for (size_t i = 0; i < c->nnodes; i++)
        for (const cw_doc *d = cw_node_docs(c->nodes[i].node); d; d = cw_node_next_doc(c->nodes[i].node, d))
            cap++;
    const char **ids = cw_xcalloc(cap, sizeof *ids);
    char (*idtext)[CW_DOC_ID_MAX] = cw_xcalloc(cap, sizeof *idtext);
    size_t nids = 0;
    int64_t event_ms = 0;
    for (size_t i = 0; i < c->nnodes; i++) {
        const cw_node *n = c->nodes[i].node;
        for (const cw_doc *d = cw_node_docs(n); d; d = cw_node_next_doc(n, d), nids++)
            ids[nids] = cw_doc_id(d, idtext[nids]);
        if (n->last_ms > event_ms)
            event_ms = n->last_ms;
    }
    char id[40];
    cw_alert_id("kit", kit->id, ids, nids, id);
    free(idtext);
    free(ids);

    char title[512];
    snprintf(title, sizeof title, "%s: %zu of %zu components converging by %zu routes%s", kit->title, c->ncomps,
             kit->ncomponents, c->npaths, watch ? " (watch)" : "");
    char *text = summary(kit, c);
    double score = kit->score + 2.0 * ((double)c->ncomps - kit->min_components);
    cJSON *a = cw_alert_new(id, prev ? prev->id : NULL, kit->id, title, severity, score, event_ms, text);
    free(text);
    for (size_t i = 0; i < c->nnodes; i++)
        for (const cw_doc *d = cw_node_docs(c->nodes[i].node); d; d = cw_node_next_doc(c->nodes[i].node, d))
            add_evidence(a, d, kh);
    cJSON *parties = cw_alert_parties(a);
    for (size_t i = 0; i < c->nnodes; i++)
        if (c->nodes[i].from)
            add_party_link(parties, &c->nodes[i]);
    for (size_t i = 0; i < c->npaths; i++)
        cw_alert_add_route(a, c->paths[i]);
    cw_alert_add_tags(a, kit->tags, kit->ntags);

    cw_kit_record *r = cw_xcalloc(1, sizeof *r);
    memcpy(r->id, id, sizeof id);
    r->ncomp = c->ncomps;
    r->npaths = c->npaths;
    r->nnodes = c->nnodes;
    for (size_t i = 0; i < c->nnodes; i++)
        set_record(c->nodes[i].node, kh, r);
    ctx->emit(ctx->ud, id, cw_alert_finish(a, ctx->rules_version), severity);
}

void cw_kit_check(cw_state *s, const cw_kit *kit, cw_node *start, int64_t now_ms, const cw_kit_ctx *ctx)
{
    uint64_t kh = cw_hash64(kit->id, strlen(kit->id));
    if (!cw_node_carries(start, kh))
        return;
    cluster c = {0};
    gather(s, kit, kh, start, now_ms, ctx->max_link_df, &c);
    tally(&c, kh);
    size_t enough = (size_t)(kit->watch_components ? kit->watch_components : kit->min_components);
    if (c.ncomps >= enough && c.npaths >= (size_t)kit->min_paths) {
        /* the most complete earlier alert on this cluster, if any */
        cw_kit_record *prev = NULL;
        for (size_t i = 0; i < c.nnodes; i++) {
            cw_kit_record *r = record_of(c.nodes[i].node, kh);
            if (r && (!prev || r->nnodes > prev->nnodes ||
                      (r->nnodes == prev->nnodes && strcmp(r->id, prev->id) < 0)))
                prev = r;
        }
        bool grew = !prev || c.ncomps > prev->ncomp || c.npaths > prev->npaths || c.nnodes > prev->nnodes;
        if (grew) {
            qsort(c.nodes, c.nnodes, sizeof *c.nodes, cmp_node);
            fire(kit, kh, &c, prev, ctx);
        }
    }
    free(c.nodes);
    free(c.comps);
    free(c.comp_names);
    free(c.paths);
}
