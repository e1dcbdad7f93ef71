/* engine.h: the detection engine, shared by the Kafka daemon and --replay.
 *
 * Owns decoding, the event-time reorder buffer, duplicate suppression, the
 * windowed state (shipments, parties and their links, kit progress) and the
 * alerts.  It does no I/O: a driver pushes raw message bytes in, and the
 * engine calls the driver's sink back with alerts, dead letters and "done"
 * for each message once everything it caused has been emitted.
 *
 * Ordering: each message comes from a numbered source (a Kafka partition, or
 * source 0 for a replay).  Messages are released to the rules in
 * (event time, id) order once the watermark passes them: watermark = the
 * smallest, over sources that are not idle, of the largest event time seen
 * there, minus the allowed lateness.  So a replay and a live run see the
 * same order and give the same alerts with the same ids.
 */
#ifndef CW_ENGINE_H
#define CW_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "rules.h"

typedef struct cw_engine cw_engine;

typedef struct cw_sink {
    /* An alert: its id, and its JSON (one object, no newline).  `cause` is
     * the opaque of the message whose processing raised it. */
    void (*alert)(void *ud, const char *id, const char *json, size_t len, void *cause);
    /* A message refused: reason is one line ("not JSON: ...", "missing field: bl"). */
    void (*dead)(void *ud, const char *reason, void *cause);
    /* Everything the message caused has been passed to alert()/dead();
     * the driver may commit past it once those are delivered. */
    void (*done)(void *ud, void *cause);
    void *ud;
} cw_sink;

/* Counters for metrics and logs; read them any time. */
typedef struct cw_engine_stats {
    uint64_t in_manifest, in_insurance;
    uint64_t bad;               /* dead-lettered, all reasons */
    uint64_t bad_by_reason[8];  /* indexed by cw_bad_reason */
    uint64_t duplicates, late, amendments, cancels;
    uint64_t alerts;
    uint64_t alerts_by_severity[5];
    uint64_t evicted;           /* window entries dropped by the size limit */
    uint64_t pattern_limit_hits; /* PCRE2 match/depth limit reached */
    uint64_t buffered;          /* in the reorder buffer now */
    uint64_t window_shipments;  /* held in windows now */
    uint64_t window_bytes;      /* memory they hold (limits.max_window_bytes) */
} cw_engine_stats;

typedef enum {
    CW_BAD_JSON = 0,      /* not JSON, or not an object */
    CW_BAD_TYPE,          /* unknown or missing type */
    CW_BAD_FIELD,         /* a missing or invalid field */
    CW_BAD_SIZE,          /* over max_message_bytes */
    CW_BAD_ENCODING,      /* invalid UTF-8 or NUL */
    CW_BAD_REASONS
} cw_bad_reason;

extern const char *const cw_bad_reason_names[CW_BAD_REASONS];

cw_engine *cw_engine_new(const cw_config *cfg, cw_ruleset *rules, const cw_sink *sink);
void cw_engine_free(cw_engine *e);

/* Swap in new rules (SIGHUP).  The engine takes ownership and frees the old. */
void cw_engine_set_rules(cw_engine *e, cw_ruleset *rules);
const cw_ruleset *cw_engine_rules(const cw_engine *e);

/* Sources: declare one before pushing to it; mark it idle when it has
 * nothing more for now (partition EOF), so it does not hold the watermark
 * back.  Pushing to an idle source makes it active again. */
void cw_engine_source_add(cw_engine *e, int source);
void cw_engine_source_remove(cw_engine *e, int source);
void cw_engine_source_idle(cw_engine *e, int source);

/* Hand the engine one raw message.  The bytes are copied; `cause` is
 * returned in the sink calls.  A bad message is dead-lettered and done
 * before this returns; a good one may be held in the reorder buffer. */
void cw_engine_push(cw_engine *e, int source, const char *buf, size_t len, void *cause);

/* Release everything held in the reorder buffer (end of a replay, or the
 * input has been quiet for idle_flush). */
void cw_engine_flush(cw_engine *e);

const cw_engine_stats *cw_engine_stats_get(const cw_engine *e);

#endif
