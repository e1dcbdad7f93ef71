/* engine.c: see engine.h.  The order of work for one message:
 * push -> decode (or dead-letter) -> reorder buffer -> release in event-time
 * order -> duplicate check -> message rules -> file into the state -> kit
 * rules for the shipment it joined -> expire the window -> done. */
#include "engine.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "decode.h"
#include "join.h"
#include "kit.h"
#include "log.h"
#include "map.h"
#include "normalise.h"
#include "state.h"
#include "util.h"

const char *const cw_bad_reason_names[CW_BAD_REASONS] = {"json", "type", "field", "size", "encoding"};

/* An identifier on more documents than this links nothing on its own. */
#define MAX_LINK_DF 12

typedef struct {
    cw_msg msg;
    void *cause;
    uint64_t seq; /* arrival order: the last tie-break */
} pending;

typedef struct {
    int id;
    int64_t max_ms; /* largest event time seen there */
    bool idle;
} source;

struct cw_engine {
    const cw_config *cfg;
    cw_ruleset *rules;
    cw_sink sink;
    cw_eval ev;
    cw_engine_stats stats;

    struct held {
        int64_t ms; /* its event time, here so that ordering seldom reads the message */
        pending *p;
    } *heap; /* min-heap on (event time, id, seq) */
    size_t nheap, capheap;
    uint64_t seq;
    source *sources;
    size_t nsources;
    int64_t released_ms; /* largest event time released to the rules */
    time_t evicted_said; /* when evictions were last logged */

    /* message id hash -> its event time: a message is a duplicate while
     * an earlier one of its id is within the window; those that left it
     * are swept out when the map is full (seen_before) */
    cw_map seen;
    int64_t seen_horizon;

    cw_state state;
    void *cause; /* of the message being processed */
};

/* --- reorder buffer --- */

static bool before(struct held a, struct held b)
{
    if (a.ms != b.ms)
        return a.ms < b.ms;
    int c = strcmp(a.p->msg.id, b.p->msg.id);
    if (c)
        return c < 0;
    return a.p->seq < b.p->seq;
}

static void heap_push(cw_engine *e, pending *p)
{
    if (e->nheap == e->capheap) {
        e->capheap = e->capheap ? e->capheap * 2 : 256;
        e->heap = cw_xrealloc(e->heap, e->capheap * sizeof *e->heap);
    }
    struct held h = {p->msg.event_ms, p};
    size_t i = e->nheap++;
    while (i && before(h, e->heap[(i - 1) / 2])) {
        e->heap[i] = e->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    e->heap[i] = h;
}

static pending *heap_pop(cw_engine *e)
{
    pending *top = e->heap[0].p;
    struct held last = e->heap[--e->nheap];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= e->nheap)
            break;
        if (c + 1 < e->nheap && before(e->heap[c + 1], e->heap[c]))
            c++;
        if (!before(e->heap[c], last))
            break;
        e->heap[i] = e->heap[c];
        i = c;
    }
    if (e->nheap)
        e->heap[i] = last;
    return top;
}

static source *find_source(cw_engine *e, int id)
{
    for (size_t i = 0; i < e->nsources; i++)
        if (e->sources[i].id == id)
            return &e->sources[i];
    return NULL;
}

/* The event time up to which everything may be released. */
static int64_t watermark(const cw_engine *e)
{
    int64_t low = INT64_MAX, high = INT64_MIN;
    bool any_active = false;
    for (size_t i = 0; i < e->nsources; i++) {
        const source *s = &e->sources[i];
        if (s->max_ms > high)
            high = s->max_ms;
        if (!s->idle) {
            any_active = true;
            if (s->max_ms < low)
                low = s->max_ms;
        }
    }
    int64_t w = any_active ? low : high;
    if (w == INT64_MIN || w == INT64_MAX)
        return INT64_MIN;
    return w - e->cfg->lateness_ms;
}

/* --- duplicates --- */

/* An event time as a map value: never NULL, as no event time is INT64_MIN. */
_Static_assert(sizeof(uintptr_t) >= sizeof(int64_t), "the duplicate check keeps event times in map values");
static void *ms_value(int64_t ms) { return (void *)(uintptr_t)((uint64_t)ms ^ UINT64_C(1) << 63); }
static int64_t value_ms(void *v) { return (int64_t)((uint64_t)(uintptr_t)v ^ UINT64_C(1) << 63); }

static bool left_window(void *v, void *horizon) { return value_ms(v) < *(int64_t *)horizon; }

static bool seen_before(cw_engine *e, const cw_msg *m)
{
    uint64_t h = cw_hash64(m->id, strlen(m->id));
    void *v = cw_map_get(&e->seen, h);
    if (v && value_ms(v) >= e->seen_horizon)
        return true;
    if (!v && cw_map_full(&e->seen)) {
        /* sweep out what left the window; grow if that freed less than a third */
        cw_map_sweep(&e->seen, left_window, &e->seen_horizon);
        if (cw_map_full(&e->seen) || e->seen.len * 2 > e->seen.cap)
            cw_map_grow(&e->seen);
    }
    cw_map_put(&e->seen, h, ms_value(m->event_ms));
    return false;
}

/* --- alerts --- */

static void emit(void *ud, const char *id, char *json, cw_severity sev)
{
    cw_engine *e = ud;
    e->stats.alerts++;
    e->stats.alerts_by_severity[sev]++;
    e->sink.alert(e->sink.ud, id, json, strlen(json), e->cause);
    free(json);
}

static void message_alert(cw_engine *e, const cw_msg *m, const cw_rule_hit *hit)
{
    const cw_rule *r = hit->rule;
    char id[40];
    cw_alert_id("rule", r->id, &m->id, 1, id);
    char text[1024];
    if (!r->output || !cw_rules_render(r->output, m, &e->ev, hit, text, sizeof text))
        snprintf(text, sizeof text, "%s on %s %s.", r->title, cw_kind_name(m->kind), cw_msg_ref(m));
    cJSON *a = cw_alert_new(id, NULL, r->id, r->title, r->severity, r->score, m->event_ms, text);
    cw_alert_add_evidence(a, m->kind, m->id, cw_msg_ref(m), r->title, e->ev.matches + hit->first, hit->count);
    if (m->npath) {
        char path[CW_MAX_PATH * (CW_LOCODE_LEN + 1) + 1] = "";
        for (size_t i = 0; i < m->npath; i++) {
            if (i)
                strcat(path, " ");
            strcat(path, m->path[i]);
        }
        cw_alert_add_route(a, path);
    }
    cw_alert_add_tags(a, r->tags, r->ntags);
    emit(e, id, cw_alert_finish(a, cw_rules_version(e->rules)), r->severity);
}

/* Declared value per kg ten times off what the HS subheading usually
 * carries in the window (the heading, where the subheading has too few
 * lines): underdeclared controlled goods and overpriced "salt" both show.
 * Low on its own; medium when a line whose words name a kit component is
 * declared at a twentieth or less of what its own subheading usually
 * carries (a heading mixes goods worth cents and hundreds a kilogram: 6815
 * holds stone articles and composite cylinders; and a line that is a
 * component by its code alone, "STONE" under 6815.13, is cheap because it
 * is what its words say). */
#define VALUE_MIN_LINES 30
#define VALUE_FACTOR 10.0

static void value_check(cw_engine *e, const cw_msg *m, const cw_doc *d)
{
    cw_match matches[8];
    size_t n = 0;
    cw_severity sev = CW_SEV_LOW;
    const struct cw_value_line *vals = cw_doc_vals(d);
    for (size_t i = 0; i < d->nvals && n < 8; i++) {
        const struct cw_value_line *v = &vals[i];
        bool finer = false; /* the same line's subheading has enough lines */
        for (size_t j = 0; j < d->nvals && v->digits == 4 && !finer; j++)
            finer = vals[j].goods == v->goods && vals[j].digits == 6 &&
                    cw_state_value_ratio(&e->state, &vals[j], VALUE_MIN_LINES) != 0;
        double r = finer ? 0 : cw_state_value_ratio(&e->state, v, VALUE_MIN_LINES);
        if (r == 0 || (r < VALUE_FACTOR && r > 1.0 / VALUE_FACTOR))
            continue;
        const cw_goods *g = &m->goods[v->goods];
        cw_match *x = &matches[n++];
        snprintf(x->field, sizeof x->field, "goods[%d].value", v->goods);
        snprintf(x->rule_part, sizeof x->rule_part, "value-per-kg:%.*s", v->digits, g->hs);
        snprintf(x->excerpt, sizeof x->excerpt, "%.0f %s for %.0f kg (%.2f per kg, %s %.0f times the usual for %s %.*s)",
                 g->value, g->currency ? g->currency : "", g->weight_kg, g->value / g->weight_kg,
                 r > 1 ? "over" : "under", r > 1 ? r : 1 / r, v->digits == 6 ? "subheading" : "heading", v->digits,
                 g->hs);
        for (size_t c = 0; c < e->ev.ncomponents && v->digits == 6 && r <= 1.0 / (2 * VALUE_FACTOR); c++)
            if (e->ev.components[c].goods == v->goods && !strstr(e->ev.components[c].match.rule_part, ":hs "))
                sev = CW_SEV_MEDIUM;
    }
    if (!n)
        return;
    char id[40];
    cw_alert_id("rule", "value-per-kg-outlier", &m->id, 1, id);
    char summary[512];
    snprintf(summary, sizeof summary,
             "Manifest %s declares a value per kilogram far from what its HS heading usually carries in this "
             "port's feed (%s).",
             m->bl, matches[0].excerpt);
    cJSON *a = cw_alert_new(id, NULL, "value-per-kg-outlier", "Declared value far from its HS heading's usual", sev,
                            sev == CW_SEV_MEDIUM ? 45 : 20, m->event_ms, summary);
    cw_alert_add_evidence(a, m->kind, m->id, m->bl, "declared value per kg out of line", matches, n);
    cw_alert_add_route(a, cw_doc_path(d));
    char *tags[] = {"typology:misdeclared-value"};
    cw_alert_add_tags(a, tags, 1);
    emit(e, id, cw_alert_finish(a, cw_rules_version(e->rules)), sev);
}

/* --- processing --- */

/* Shipments left the window before their time: say so, once a minute. */
static void evicted_say(cw_engine *e)
{
    time_t now = time(NULL);
    if (now - e->evicted_said < 60)
        return;
    e->evicted_said = now;
    cw_warn("window full: %" PRIu64 " shipments dropped before their window ended so far (%zu held, %zu bytes; "
            "limits.max_window_entries %zu, max_window_bytes %zu): correlations through them are missed",
            e->state.evicted, e->state.nodes.len, e->state.bytes, e->cfg->max_window_entries,
            e->cfg->max_window_bytes);
}

static void process(cw_engine *e, pending *p)
{
    cw_msg *m = &p->msg;
    e->cause = p->cause;
    if (m->event_ms < e->released_ms)
        e->stats.late++;
    else
        e->released_ms = m->event_ms;

    if (seen_before(e, m)) {
        e->stats.duplicates++;
        goto done;
    }
    if (m->kind == CW_MANIFEST)
        e->stats.amendments += m->action == CW_AMEND, e->stats.cancels += m->action == CW_CANCEL;

    if (cw_rules_eval(e->rules, m, &e->ev) != 0)
        cw_warn("rules failed on message %s", m->id);
    e->stats.pattern_limit_hits += e->ev.limit_hits;
    if (m->kind != CW_MANIFEST || m->action != CW_CANCEL)
        for (size_t i = 0; i < e->ev.nhits; i++)
            message_alert(e, m, &e->ev.hits[i]);

    if (cw_log_level() >= LOG_DEBUG)
        for (size_t i = 0; i < e->ev.ncomponents; i++)
            cw_debug("%s %s carries %s (%s: %s)", cw_kind_name(m->kind), cw_msg_ref(m),
                     e->ev.components[i].match.rule_part, e->ev.components[i].match.field,
                     e->ev.components[i].match.excerpt);
    cw_doc *d = cw_doc_new(m, e->rules, &e->ev);
    if (m->kind == CW_MANIFEST && m->action != CW_CANCEL)
        value_check(e, m, d);
    cw_node *n = cw_state_file(&e->state, d, m);
    cw_kit_ctx ctx = {MAX_LINK_DF, cw_rules_version(e->rules), emit, e};
    cw_join_check(n, e->rules, &ctx);
    if (cw_node_carries(n, 0)) {
        for (size_t k = 0; k < cw_rules_nkits(e->rules); k++)
            cw_kit_check(&e->state, cw_rules_kit(e->rules, k), n, e->released_ms, &ctx);
    }
    int64_t horizon = e->released_ms - e->cfg->window_ms;
    cw_state_expire(&e->state, horizon);
    e->seen_horizon = horizon;
    if (e->state.evicted > e->stats.evicted)
        evicted_say(e);
    e->stats.evicted = e->state.evicted;
    e->stats.window_shipments = e->state.nodes.len;
    e->stats.window_bytes = e->state.bytes;
done:
    e->cause = NULL;
    e->sink.done(e->sink.ud, p->cause);
    cw_msg_free(m);
    free(p);
}

static void release(cw_engine *e, bool all)
{
    int64_t w = all ? INT64_MAX : watermark(e);
    while (e->nheap && e->heap[0].ms <= w)
        process(e, heap_pop(e));
    e->stats.buffered = e->nheap;
}

/* --- API --- */

cw_engine *cw_engine_new(const cw_config *cfg, cw_ruleset *rules, const cw_sink *sink)
{
    cw_engine *e = cw_xcalloc(1, sizeof *e);
    e->cfg = cfg;
    e->rules = rules;
    e->sink = *sink;
    e->released_ms = INT64_MIN;
    cw_eval_init(&e->ev);
    cw_map_init(&e->seen);
    e->seen_horizon = INT64_MIN;
    cw_state_init(&e->state, cfg->max_window_entries, cfg->max_window_bytes);
    cw_norm_warm();
    return e;
}

void cw_engine_free(cw_engine *e)
{
    if (!e)
        return;
    while (e->nheap) {
        pending *p = heap_pop(e);
        cw_msg_free(&p->msg);
        free(p);
    }
    free(e->heap);
    free(e->sources);
    cw_map_free(&e->seen);
    cw_state_free(&e->state);
    cw_eval_free(&e->ev);
    cw_rules_free(e->rules);
    free(e);
}

void cw_engine_set_rules(cw_engine *e, cw_ruleset *rules)
{
    cw_eval_free(&e->ev);
    cw_rules_free(e->rules);
    e->rules = rules;
    cw_eval_init(&e->ev);
}

const cw_ruleset *cw_engine_rules(const cw_engine *e) { return e->rules; }

void cw_engine_source_add(cw_engine *e, int id)
{
    source *s = find_source(e, id);
    if (!s) {
        e->sources = cw_xrealloc(e->sources, (e->nsources + 1) * sizeof *e->sources);
        s = &e->sources[e->nsources++];
        s->id = id;
        s->max_ms = INT64_MIN;
    }
    s->idle = false;
}

void cw_engine_source_remove(cw_engine *e, int id)
{
    source *s = find_source(e, id);
    if (!s)
        return;
    *s = e->sources[--e->nsources];
    release(e, false);
}

void cw_engine_source_idle(cw_engine *e, int id)
{
    source *s = find_source(e, id);
    if (s && !s->idle) {
        s->idle = true;
        release(e, false);
    }
}

void cw_engine_push(cw_engine *e, int src, const char *buf, size_t len, void *cause)
{
    char err[256];
    int bad;
    pending *p = NULL;
    if (len > e->cfg->max_message_bytes) {
        bad = 1 + CW_BAD_SIZE;
        snprintf(err, sizeof err, "too large: %zu bytes, limit %zu", len, e->cfg->max_message_bytes);
    } else {
        p = cw_xmalloc(sizeof *p);
        bad = cw_decode(buf, len, &p->msg, err, sizeof err);
    }
    if (bad) {
        free(p);
        e->stats.bad++;
        e->stats.bad_by_reason[bad - 1]++;
        e->sink.dead(e->sink.ud, err, cause);
        e->sink.done(e->sink.ud, cause);
        return;
    }
    if (p->msg.kind == CW_MANIFEST)
        e->stats.in_manifest++;
    else
        e->stats.in_insurance++;
    p->cause = cause;
    p->seq = e->seq++;
    cw_engine_source_add(e, src);
    source *s = find_source(e, src);
    if (p->msg.event_ms > s->max_ms)
        s->max_ms = p->msg.event_ms;
    heap_push(e, p);
    release(e, false);
}

void cw_engine_flush(cw_engine *e) { release(e, true); }

const cw_engine_stats *cw_engine_stats_get(const cw_engine *e) { return &e->stats; }
