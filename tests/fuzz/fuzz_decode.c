/* fuzz_decode.c: hostile bytes into the decoder and into a long-lived
 * engine, as one Kafka message value each.
 *
 * The decoder must either accept the bytes and hand back a message whose
 * every field is there and readable, or refuse them with a one-line reason.
 * The engine is built once and kept across inputs, so its duplicate
 * memory, windows and kit state grow as they would in production; that is
 * where a message that decodes but carries odd values (times at the edge
 * of the calendar, twenty ports, a thousand goods lines) would do harm.
 * The sink checks the engine's promises to its drivers: every push ends in
 * exactly one done(), a dead letter names a one-line reason and comes
 * before its done(), an alert is one contract-shaped JSON object raised
 * while its cause is still open.
 *
 * The engine is flushed after every input by default, so that the work a
 * message causes happens while libFuzzer runs that input: coverage is
 * credited to the right input and a crash file reproduces alone (unless it
 * needs the state earlier inputs left).  CW_FUZZ_FLUSH_EVERY=N lets
 * messages wait in the reorder buffer for N inputs instead, which
 * exercises reordering and late messages but blurs both.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "decode.h"
#include "engine.h"
#include "log.h"
#include "rules.h"

#include "fuzz_util.h"

/* Smaller than production so that the size refusal and window eviction
 * are reached within a fuzzing run. */
#define FUZZ_MAX_MESSAGE (32u * 1024)
#define FUZZ_MAX_WINDOW 5000
#define MAX_FLUSH_EVERY 64  /* most inputs between cw_engine_flush calls */
#define REBUILD_EVERY 500000 /* inputs between engine rebuilds (each reloads the rules: seconds) */
#define NSOURCES 3

static cw_config cfg;
static cw_engine *engine;
static char rules_dir[4096];
static uint64_t nrun;
static unsigned flush_every = 1;

/* Causes pushed and not yet done: at most flush_every, so a list will do. */
static uintptr_t open_causes[MAX_FLUSH_EVERY + 1];
static size_t nopen;
static uintptr_t next_cause = 1;
/* What the sink saw for the message being pushed now. */
static uintptr_t pushing;
static int pushing_dead, pushing_done;

static bool is_open(uintptr_t c)
{
    for (size_t i = 0; i < nopen; i++)
        if (open_causes[i] == c)
            return true;
    return false;
}

static void close_cause(uintptr_t c)
{
    for (size_t i = 0; i < nopen; i++)
        if (open_causes[i] == c) {
            open_causes[i] = open_causes[--nopen];
            return;
        }
    fuzz_fail("done() for cause %zu, which is not open (done twice, or never pushed)", (size_t)c);
}

static void check_alert(const char *id, const char *json, size_t len)
{
    if (!id || !*id)
        fuzz_fail("alert with an empty id");
    if (memchr(json, '\0', len) || memchr(json, '\n', len))
        fuzz_fail("alert %s: JSON holds a NUL or a newline", id);
    if (!fuzz_utf8(json, len))
        fuzz_fail("alert %s: JSON is not UTF-8", id);
    cJSON *a = cJSON_ParseWithLength(json, len);
    if (!a || !cJSON_IsObject(a))
        fuzz_fail("alert %s: not a JSON object: %.*s", id, (int)(len > 400 ? 400 : len), json);
    static const char *const strings[] = {"type", "id", "rule", "title", "severity", "event_time",
                                          "detected_at", "summary", NULL};
    for (const char *const *k = strings; *k; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, *k);
        if (!cJSON_IsString(v) || !*v->valuestring)
            fuzz_fail("alert %s: field %s missing, empty or not a string", id, *k);
    }
    if (strcmp(cJSON_GetObjectItemCaseSensitive(a, "type")->valuestring, "alert") != 0)
        fuzz_fail("alert %s: type is not \"alert\"", id);
    if (strcmp(cJSON_GetObjectItemCaseSensitive(a, "id")->valuestring, id) != 0)
        fuzz_fail("alert %s: the JSON's id differs from the one given to the sink", id);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "version");
    if (!cJSON_IsNumber(v) || v->valuedouble != 1)
        fuzz_fail("alert %s: version is not 1", id);
    v = cJSON_GetObjectItemCaseSensitive(a, "score");
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= 100))
        fuzz_fail("alert %s: score is not a number from 0 to 100", id);
    static const char *const sev[] = {"info", "low", "medium", "high", "critical", NULL};
    const char *s = cJSON_GetObjectItemCaseSensitive(a, "severity")->valuestring;
    const char *const *p = sev;
    while (*p && strcmp(*p, s))
        p++;
    if (!*p)
        fuzz_fail("alert %s: severity \"%s\" is not one of the contract's", id, s);
    v = cJSON_GetObjectItemCaseSensitive(a, "evidence");
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1)
        fuzz_fail("alert %s: evidence is not an array of at least one", id);
    cJSON_Delete(a);
}

static void on_alert(void *ud, const char *id, const char *json, size_t len, void *cause)
{
    (void)ud;
    if (!is_open((uintptr_t)cause))
        fuzz_fail("alert %s for cause %zu, which is not open", id ? id : "(null)", (size_t)(uintptr_t)cause);
    check_alert(id, json, len);
}

static void on_dead(void *ud, const char *reason, void *cause)
{
    (void)ud;
    uintptr_t c = (uintptr_t)cause;
    if (!is_open(c))
        fuzz_fail("dead() for cause %zu, which is not open", (size_t)c);
    fuzz_check_line("dead() reason", reason);
    if (c == pushing)
        pushing_dead++;
}

static void on_done(void *ud, void *cause)
{
    (void)ud;
    uintptr_t c = (uintptr_t)cause;
    close_cause(c);
    if (c == pushing)
        pushing_done++;
}

static void build_engine(void)
{
    char err[8192];
    cw_ruleset *rs = cw_rules_load(rules_dir, err, sizeof err);
    if (!rs) {
        fprintf(stderr, "fuzz_decode: cannot load the rules in %s:\n%s\n", rules_dir, err);
        abort();
    }
    cw_sink sink = {on_alert, on_dead, on_done, NULL};
    engine = cw_engine_new(&cfg, rs, &sink);
    for (int s = 0; s < NSOURCES; s++)
        cw_engine_source_add(engine, s);
}

static void flush(void)
{
    cw_engine_flush(engine);
    if (nopen)
        fuzz_fail("%zu message(s) still without done() after cw_engine_flush", nopen);
    const cw_engine_stats *st = cw_engine_stats_get(engine);
    if (st->buffered)
        fuzz_fail("%llu message(s) still buffered after cw_engine_flush", (unsigned long long)st->buffered);
}

/* Counts of engines already rebuilt, so that CW_FUZZ_STATS reports the
 * whole run. */
static cw_engine_stats past;

static void add_stats(cw_engine_stats *to, const cw_engine_stats *st)
{
    to->in_manifest += st->in_manifest;
    to->in_insurance += st->in_insurance;
    to->bad += st->bad;
    for (int i = 0; i < CW_BAD_REASONS; i++)
        to->bad_by_reason[i] += st->bad_by_reason[i];
    to->duplicates += st->duplicates;
    to->late += st->late;
    to->alerts += st->alerts;
    to->evicted += st->evicted;
    to->pattern_limit_hits += st->pattern_limit_hits;
}

/* CW_FUZZ_STATS=1: what the engine saw, at exit, to judge a corpus by. */
static void print_stats(void)
{
    cw_engine_stats t = past;
    add_stats(&t, cw_engine_stats_get(engine));
    fprintf(stderr,
            "fuzz_decode: %llu inputs: %llu manifests, %llu certificates, %llu refused (json %llu, type %llu, "
            "field %llu, size %llu, encoding %llu), %llu duplicates, %llu late, %llu alerts, %llu evicted, "
            "%llu pattern limit hits\n",
            (unsigned long long)nrun, (unsigned long long)t.in_manifest, (unsigned long long)t.in_insurance,
            (unsigned long long)t.bad, (unsigned long long)t.bad_by_reason[CW_BAD_JSON],
            (unsigned long long)t.bad_by_reason[CW_BAD_TYPE], (unsigned long long)t.bad_by_reason[CW_BAD_FIELD],
            (unsigned long long)t.bad_by_reason[CW_BAD_SIZE], (unsigned long long)t.bad_by_reason[CW_BAD_ENCODING],
            (unsigned long long)t.duplicates, (unsigned long long)t.late, (unsigned long long)t.alerts,
            (unsigned long long)t.evicted, (unsigned long long)t.pattern_limit_hits);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    cw_log_set_level(LOG_ERR); /* the engine's warnings would slow the run to a crawl */
    const char *fe = getenv("CW_FUZZ_FLUSH_EVERY");
    if (fe && atoi(fe) > 0)
        flush_every = (unsigned)atoi(fe) > MAX_FLUSH_EVERY ? MAX_FLUSH_EVERY : (unsigned)atoi(fe);
    fuzz_rules_dir(rules_dir, sizeof rules_dir);
    cw_config_defaults(&cfg);
    cfg.max_message_bytes = FUZZ_MAX_MESSAGE;
    cfg.max_window_entries = FUZZ_MAX_WINDOW;
    build_engine();
    const char *stats = getenv("CW_FUZZ_STATS");
    if (stats && *stats && strcmp(stats, "0") != 0)
        atexit(print_stats);
    return 0;
}

/* --- the decoded message must be whole --- */

static void check_str(const char *what, const char *s, bool required)
{
    if (!s) {
        if (required)
            fuzz_fail("decoded message: %s is NULL", what);
        return;
    }
    size_t n = strlen(s); /* ASan: the pointer must be live and terminated */
    if (required && n == 0)
        fuzz_fail("decoded message: %s is empty", what);
    if (!fuzz_utf8(s, n))
        fuzz_fail("decoded message: %s is not UTF-8", what);
}

/* A port pointer of the message must be one of its path slots (or NULL). */
static bool in_path(const cw_msg *m, const char *p)
{
    if (!p)
        return true;
    for (size_t i = 0; i < m->npath; i++)
        if (p == m->path[i])
            return true;
    return false;
}

static void check_msg(const cw_msg *m)
{
    if (m->kind != CW_MANIFEST && m->kind != CW_INSURANCE)
        fuzz_fail("decoded message: kind %d", (int)m->kind);
    /* decoding keeps the strings in a block of their own, not the tree */
    if (m->json)
        fuzz_fail("decoded message: kept its JSON tree");
    if (!m->mem)
        fuzz_fail("decoded message: no block for its strings");
    check_str("id", m->id, true);
    check_str("event_time", m->event_time, true);
    if (m->npath > CW_MAX_PATH)
        fuzz_fail("decoded message: npath %zu > %d", m->npath, CW_MAX_PATH);
    for (size_t i = 0; i < m->npath; i++)
        if (strlen(m->path[i]) != CW_LOCODE_LEN)
            fuzz_fail("decoded message: path[%zu] \"%s\" is not 5 letters", i, m->path[i]);
    for (int r = 0; r < CW_ROLE_COUNT; r++) {
        const cw_party *p = &m->party[r];
        check_str("party name", p->name, false);
        check_str("party address", p->address, false);
        check_str("party country", p->country, false);
        check_str("party phone", p->phone, false);
        check_str("party email", p->email, false);
        check_str("party registration", p->registration, false);
    }
    if (m->ncontainers && !m->containers)
        fuzz_fail("decoded message: %zu containers, no array", m->ncontainers);
    /* The contract lets an insurance certificate's containers and bl_refs
     * be empty strings; a manifest's container numbers follow ISO 6346. */
    for (size_t i = 0; i < m->ncontainers; i++) {
        if (!m->containers[i])
            fuzz_fail("decoded message: container %zu is NULL", i);
        check_str("container", m->containers[i], m->kind == CW_MANIFEST);
    }
    if (m->kind == CW_MANIFEST) {
        check_str("bl", m->bl, true);
        check_str("shipper", m->party[CW_SHIPPER].name, true);
        check_str("consignee", m->party[CW_CONSIGNEE].name, true);
        check_str("master_bl", m->master_bl, false);
        check_str("carrier", m->carrier, false);
        check_str("vessel name", m->vessel_name, false);
        check_str("vessel imo", m->vessel_imo, false);
        check_str("voyage", m->voyage, false);
        if (!m->loading || !m->discharge || !in_path(m, m->loading) || !in_path(m, m->discharge) ||
            !in_path(m, m->delivery))
            fuzz_fail("decoded message: loading, discharge or delivery not in the path");
        if (m->ngoods < 1 || m->ngoods > 999 || !m->goods)
            fuzz_fail("decoded message: %zu goods lines", m->ngoods);
        for (size_t i = 0; i < m->ngoods; i++) {
            const cw_goods *g = &m->goods[i];
            check_str("goods description", g->description, true);
            check_str("goods hs", g->hs, false);
            check_str("goods package_type", g->package_type, false);
            check_str("goods currency", g->currency, false);
            check_str("goods container", g->container, false);
            check_str("goods origin", g->origin, false);
        }
        if (m->action != CW_ORIGINAL && m->action != CW_AMEND && m->action != CW_CANCEL)
            fuzz_fail("decoded message: action %d", (int)m->action);
    } else {
        check_str("certificate", m->certificate, true);
        check_str("subject_matter", m->subject_matter, true);
        check_str("assured", m->party[CW_ASSURED].name, true);
        check_str("policy", m->policy, false);
        check_str("claims_payable_at", m->claims_payable_at, false);
        check_str("currency", m->currency, false);
        if (!m->voyage_from || !m->voyage_to || !in_path(m, m->voyage_from) || !in_path(m, m->voyage_to) ||
            !in_path(m, m->final_destination))
            fuzz_fail("decoded message: voyage from, to or final destination not in the path");
        if (m->nbl_refs && !m->bl_refs)
            fuzz_fail("decoded message: %zu bl_refs, no array", m->nbl_refs);
        for (size_t i = 0; i < m->nbl_refs; i++) {
            if (!m->bl_refs[i])
                fuzz_fail("decoded message: bl_ref %zu is NULL", i);
            check_str("bl_ref", m->bl_refs[i], false);
        }
        if (m->source != CW_SRC_INSURER && m->source != CW_SRC_BROKER && m->source != CW_SRC_TIP)
            fuzz_fail("decoded message: source %d", (int)m->source);
    }
}

/* --- one input --- */

static int decode_once(const uint8_t *data, size_t size)
{
    cw_msg m;
    char err[256];
    memset(err, 0, sizeof err);
    int rc = cw_decode((const char *)data, size, &m, err, sizeof err);
    if (rc == 0) {
        check_msg(&m);
        cw_msg_free(&m);
    } else {
        if (rc < 1 || rc > CW_BAD_REASONS)
            fuzz_fail("cw_decode returned %d", rc);
        fuzz_check_line("cw_decode reason", err);
        /* A small buffer: the same verdict, the reason cut short, nothing
         * written past it. */
        char small[12];
        memset(small, 'x', sizeof small);
        int rc2 = cw_decode((const char *)data, size, &m, small, 8);
        if (rc2 != rc)
            fuzz_fail("cw_decode returned %d, then %d with a smaller error buffer", rc, rc2);
        if (memchr(small, '\0', 8) == NULL || memcmp(small + 8, "xxxx", 4) != 0)
            fuzz_fail("cw_decode wrote an unterminated reason or past errlen");
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int rc = size <= FUZZ_MAX_MESSAGE ? decode_once(data, size) : -1;

    uintptr_t c = next_cause++;
    open_causes[nopen++] = c;
    pushing = c;
    pushing_dead = pushing_done = 0;
    int src = (int)(size % NSOURCES);
    cw_engine_push(engine, src, (const char *)data, size, (void *)c);
    pushing = 0;
    if (pushing_dead > 1 || pushing_done > 1)
        fuzz_fail("one push gave %d dead() and %d done()", pushing_dead, pushing_done);
    if (pushing_dead && !pushing_done)
        fuzz_fail("a refused message was not done before cw_engine_push returned");
    if (rc > 0 && !pushing_dead)
        fuzz_fail("cw_decode refused the bytes (%d) but the engine did not dead-letter them", rc);
    if (rc == 0 && pushing_dead)
        fuzz_fail("cw_decode accepted the bytes but the engine dead-lettered them");
    if (size > FUZZ_MAX_MESSAGE && !pushing_dead)
        fuzz_fail("a message over max_message_bytes was not dead-lettered");

    nrun++;
    if (nrun % 16 == 0)
        cw_engine_source_idle(engine, (int)(nrun / 16 % NSOURCES));
    if (nrun % 97 == 0) {
        cw_engine_source_remove(engine, (int)(nrun / 97 % NSOURCES));
        cw_engine_source_add(engine, (int)(nrun / 97 % NSOURCES));
    }
    if (nrun % flush_every == 0 || nopen >= flush_every)
        flush();
    if (nrun % REBUILD_EVERY == 0) {
        flush();
        add_stats(&past, cw_engine_stats_get(engine));
        cw_engine_free(engine);
        build_engine();
    }
    return 0;
}
