/* kafka.c: see kafka.h.
 *
 * Everything runs on one thread, the libevent loop's:
 *
 *   consumer queue --(io event on a pipe)--> on_consumer(): batches of
 *     messages -> one in-flight entry each -> cw_engine_push()
 *   engine sink: alert()/dead() -> produce (entry.pending++), done() -> entry.done
 *   delivery reports (rd_kafka_poll on the producer, from a timer and after
 *     each batch) -> entry.pending--, or the retry list on failure
 *   commit timer -> per partition, the offset after the last complete entry
 *   end-of-partition timer -> cw_engine_source_idle() once a partition has
 *     stayed at its end a while
 *   idle timer -> cw_engine_flush() once the input has been quiet
 *   signals -> stop (SIGTERM, SIGINT) or reload the rules (SIGHUP)
 *
 * librdkafka's callbacks (rebalance, errors, commits, statistics) are
 * served from the consumer queue, so they run on this thread too.
 *
 * Exactly once (processing.guarantee: exactly_once): the producer is
 * transactional and the in-flight accounting stays as it is; the commit
 * timer (or commit_messages inputs) becomes "flush, send the commit points
 * to the transaction and write them as a checkpoint, commit, begin the
 * next" (txn_commit()).  An aborted transaction takes back its outputs, so
 * the daemon goes back to the last checkpoint with a fresh engine, as a
 * restart would (txn_rewind()).
 */
#include "kafka.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <event2/event.h>
#include <librdkafka/rdkafka.h>
#include <systemd/sd-daemon.h>

#include "engine.h"
#include "http.h"
#include "log.h"
#include "map.h"
#include "util.h"

#define BATCH 512                /* messages per consume call */
#define BUDGET 2048              /* messages per loop turn, then timers and I/O get theirs */
#define DR_POLL_MS 20            /* delivery reports served at least this often */
#define RETRY_TICK_MS 250        /* retry list checked this often */
#define RETRY_MAX_BACKOFF_MS 30000
#define REVOKE_FLUSH_MS 10000    /* delivery wait when giving partitions up */
#define STOP_FLUSH_MS 30000      /* delivery wait when stopping */
#define COMMIT_WAIT_MS 5000      /* answer wait for a commit when stopping or giving partitions up */
#define CLOSE_WAIT_MS 10000      /* consumer close wait when stopping */
#define TXN_WAIT_MS 10000        /* transaction calls: flush, send offsets, commit, abort */
#define TXN_INIT_MS 60000        /* init_transactions() at start (fences an earlier instance) */
#define READ_TOPIC_WAIT_MS 10000 /* reading the checkpoint or alert topic to its end */
#define STATS_MS "5000"          /* librdkafka statistics (consumer lag, brokers up) unless configured */
#define STATUS_MS 10000          /* systemd STATUS= refresh without a watchdog */

/* Processing latency: from the push into the engine to its done(), reorder
 * wait included.  Upper bounds in seconds, Prometheus histogram. */
static const double lat_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                    0.25,   0.5,   1,      2.5,   5,    10,    30,    60};
#define NLAT (sizeof lat_bounds / sizeof *lat_bounds)

/* Alerts raised, per rule and severity (few rules: a short list). */
typedef struct rule_count {
    char *rule;
    uint64_t n[5];
} rule_count;

/* One input message, from read until committable. */
typedef struct entry {
    struct entry *next;
    struct part *part;
    int64_t offset;
    int64_t pushed_ns; /* monotonic, for the latency histogram */
    uint32_t pending; /* outputs produced, not yet acknowledged */
    bool done;        /* the engine has finished with it */
    bool rebuild;     /* below the committed offset: read again to rebuild state, its alerts were sent before */
    struct output *held; /* exactly once: its outputs, waiting for the commit point to pass it */
} entry;

/* One input partition, kept for the life of the process once seen. */
typedef struct part {
    char *topic;
    int topic_idx;
    int32_t partition;
    int source;          /* engine source id */
    bool assigned;
    entry *head, *tail;  /* in offset order */
    int64_t last_offset; /* last pushed, -1 none */
    int64_t next_commit; /* everything below is complete; -1 nothing yet */
    int64_t commit_sent; /* last offset sent in a commit */
    int64_t committed;   /* last offset the broker confirmed */
    int64_t rebuild_until; /* offsets below were processed by an earlier run: replay them silently */
    int64_t eof_at;      /* monotonic ms the partition was read to its end; 0 when not */
    bool idle;           /* told to the engine */
} part;

/* An alert or dead letter, from produce until acknowledged.  The daemon
 * owns the bytes until then, so a failed delivery can be produced again. */
typedef struct output {
    struct output *next; /* on the retry list */
    entry *cause;
    bool dead;
    int attempts;
    int64_t retry_at;    /* monotonic ms */
    char *key;
    size_t keylen;
    char *value;
    size_t len;
    /* dead letters: the headers */
    char *error;
    const char *src_topic;
    int32_t src_partition;
    int64_t src_offset;
    size_t orig_len;     /* when the value was cut to the size limit */
} output;

/* At most a few lines a window for errors that come in bursts (a broker
 * outage fails every alert in flight at once), then how many were left out. */
typedef struct {
    int64_t start;
    int n;
    uint64_t suppressed;
} ratelimit;

#define RL_LINES 5
#define RL_WINDOW_MS 10000

typedef struct cw_daemon {
    const cw_config *cfg;
    struct event_base *base;
    rd_kafka_t *consumer, *producer;
    rd_kafka_queue_t *cq;
    rd_kafka_topic_t *rkt_alert, *rkt_dead, *rkt_checkpoint;
    cw_sink sink;

    /* exactly once */
    bool eos;
    char *txn_id, *checkpoint_topic;
    bool txn_open;                           /* begun, not yet committed or aborted */
    rd_kafka_topic_partition_list_t *txn_offsets; /* being committed: the commit points it carries */
    bool txn_offsets_sent;                   /* ... and sent to the transaction */
    struct output *ready, *ready_tail;       /* outputs of messages below the commit point, for the next commit */
    uint64_t txn_inputs, txn_outputs;        /* read and produced since the transaction began */
    cw_map sent; /* alert ids on the alert topic when state was last rebuilt: id strings by cw_hash64 */
    int pipefd[2];
    struct event *ev_consumer, *ev_resume, *ev_dr, *ev_commit, *ev_idle, *ev_eof, *ev_retry, *ev_sig[3];
    struct event *ev_ready, *ev_notify; /* systemd: READY=1 once running; WATCHDOG=1 and STATUS= */
    struct event *ev_retention;         /* waits for the input topics' retention */
    rd_kafka_queue_t *retention_q;
    bool notify;                        /* started by systemd with a notify socket */
    uint64_t watchdog_usec;             /* 0: no watchdog */
    cw_engine *engine;
    cw_http *http;

    part **parts;
    size_t nparts;
    part *last_part; /* lookup cache: runs of one partition are the rule */

    const rd_kafka_message_t *current; /* being pushed, for dead letters */
    entry *current_entry;

    output *retry_head, *retry_tail;

    ratelimit rl_delivery, rl_produce;
    int64_t last_input_ms;
    bool joined;     /* a first assignment arrived */
    int brokers_up;  /* from statistics: brokers connected; -1 not known yet */
    bool stopping;
    bool fatal;          /* either client: stop */
    bool producer_fatal; /* nothing more can be delivered */
    bool consumer_fatal; /* nothing more can be committed (fenced, ...) */
    int exit_code;
    struct {
        rd_kafka_resp_err_t err;
        int64_t at;
        uint64_t suppressed;
    } lasterr;
    cw_kafka_stats stats;
    struct {
        rd_kafka_resp_err_t err;
        uint64_t n;
    } errors[64]; /* Kafka errors seen, by code (few kinds: bounded) */
    size_t nerrors;
    rule_count *rules_seen;
    size_t nrules_seen;
    uint64_t lat_buckets[NLAT + 1]; /* the last: above every bound */
    uint64_t lat_count;
    double lat_sum;
} cw_daemon;

static cw_daemon *running; /* for cw_kafka_stats_get() and cw_kafka_metrics() */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct timeval tv_ms(int64_t ms)
{
    struct timeval tv = {(time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000};
    return tv;
}

/* A new window when the last one is over; says what it left out. */
static void rl_roll(ratelimit *r, const char *what)
{
    int64_t now = now_ms();
    if (now - r->start >= RL_WINDOW_MS) {
        if (r->suppressed)
            cw_warn("kafka: %" PRIu64 " more %s not logged in the last %d s", r->suppressed, what,
                    RL_WINDOW_MS / 1000);
        r->start = now;
        r->n = 0;
        r->suppressed = 0;
    }
}

static bool rl_allow(ratelimit *r, const char *what)
{
    rl_roll(r, what);
    if (r->n < RL_LINES) {
        r->n++;
        return true;
    }
    r->suppressed++;
    return false;
}

/* One more Kafka error of this kind, for cargowatch_kafka_errors_total. */
static void count_error(cw_daemon *d, rd_kafka_resp_err_t err)
{
    for (size_t i = 0; i < d->nerrors; i++)
        if (d->errors[i].err == err) {
            d->errors[i].n++;
            return;
        }
    if (d->nerrors < sizeof d->errors / sizeof *d->errors) {
        d->errors[d->nerrors].err = err;
        d->errors[d->nerrors++].n = 1;
    }
}

/* --- partitions and in-flight entries --- */

static part *find_part(cw_daemon *d, const char *topic, int32_t partition, bool create)
{
    part *p = d->last_part;
    if (p && p->partition == partition && !strcmp(p->topic, topic))
        return p;
    for (size_t i = 0; i < d->nparts; i++) {
        p = d->parts[i];
        if (p->partition == partition && !strcmp(p->topic, topic))
            return d->last_part = p;
    }
    if (!create)
        return NULL;
    p = cw_xcalloc(1, sizeof *p);
    p->topic = cw_xstrdup(topic);
    p->topic_idx = -1;
    for (size_t i = 0; i < d->cfg->ninput_topics; i++)
        if (!strcmp(d->cfg->input_topics[i], topic))
            p->topic_idx = (int)i;
    p->partition = partition;
    p->source = (int)d->nparts;
    p->last_offset = p->next_commit = p->commit_sent = p->committed = p->rebuild_until = -1;
    d->parts = cw_xrealloc(d->parts, (d->nparts + 1) * sizeof *d->parts);
    d->parts[d->nparts++] = p;
    return d->last_part = p;
}

static void output_list_free(struct output *o);

/* Drop the complete entries at the head of a partition's queue: the commit
 * point moves past them (exactly once, with their outputs, now ready for
 * the next transaction). */
static void advance(cw_daemon *d, part *p)
{
    entry *f;
    while ((f = p->head) && f->done && !f->pending) {
        if (f->held) {
            if (d->ready_tail)
                d->ready_tail->next = f->held;
            else
                d->ready = f->held;
            for (d->ready_tail = f->held; d->ready_tail->next;)
                d->ready_tail = d->ready_tail->next;
        }
        p->next_commit = f->offset + 1;
        p->head = f->next;
        if (!p->head)
            p->tail = NULL;
        free(f);
        d->stats.uncommitted--;
    }
}

/* --- output: alerts and dead letters --- */

static void output_free(output *o)
{
    if (!o)
        return;
    free(o->key);
    free(o->value);
    free(o->error);
    free(o);
}

static void output_list_free(output *o)
{
    for (output *n; o; o = n) {
        n = o->next;
        output_free(o);
    }
}

static void retry_later(cw_daemon *d, output *o)
{
    int64_t backoff = 250LL << (o->attempts < 7 ? o->attempts : 7);
    if (backoff > RETRY_MAX_BACKOFF_MS)
        backoff = RETRY_MAX_BACKOFF_MS;
    o->retry_at = now_ms() + backoff;
    o->next = NULL;
    if (d->retry_tail)
        d->retry_tail->next = o;
    else
        d->retry_head = o;
    d->retry_tail = o;
}

/* Hand one output to the producer.  The bytes stay ours (no copy, no free
 * flag) until its delivery report.  0, or the error it was refused with. */
static rd_kafka_resp_err_t out_send(cw_daemon *d, output *o)
{
    rd_kafka_headers_t *h = NULL;
    rd_kafka_vu_t vu[6];
    size_t n = 0;
    vu[n].vtype = RD_KAFKA_VTYPE_RKT;
    vu[n++].u.rkt = o->dead ? d->rkt_dead : d->rkt_alert;
    if (o->key) {
        vu[n].vtype = RD_KAFKA_VTYPE_KEY;
        vu[n].u.mem.ptr = o->key;
        vu[n++].u.mem.size = o->keylen;
    }
    vu[n].vtype = RD_KAFKA_VTYPE_VALUE;
    vu[n].u.mem.ptr = o->value;
    vu[n++].u.mem.size = o->len;
    vu[n].vtype = RD_KAFKA_VTYPE_OPAQUE;
    vu[n++].u.ptr = o;
    if (o->dead) {
        char num[32];
        h = rd_kafka_headers_new(5);
        rd_kafka_header_add(h, "x-error", -1, o->error, -1);
        rd_kafka_header_add(h, "x-source-topic", -1, o->src_topic, -1);
        snprintf(num, sizeof num, "%" PRId32, o->src_partition);
        rd_kafka_header_add(h, "x-source-partition", -1, num, -1);
        snprintf(num, sizeof num, "%" PRId64, o->src_offset);
        rd_kafka_header_add(h, "x-source-offset", -1, num, -1);
        if (o->orig_len) {
            snprintf(num, sizeof num, "%zu", o->orig_len);
            rd_kafka_header_add(h, "x-truncated", -1, num, -1);
        }
        vu[n].vtype = RD_KAFKA_VTYPE_HEADERS;
        vu[n++].u.headers = h;
    }
    o->attempts++;
    rd_kafka_error_t *err = rd_kafka_produceva(d->producer, vu, n);
    if (!err)
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_resp_err_t code = rd_kafka_error_code(err);
    if (rl_allow(&d->rl_produce, "refused produce calls"))
        cw_warn("kafka: cannot produce %s to %s: %s; retrying", o->dead ? "a dead letter" : "an alert",
                o->dead ? d->cfg->deadletter_topic : d->cfg->alert_topic, rd_kafka_error_string(err));
    rd_kafka_error_destroy(err);
    if (h)
        rd_kafka_headers_destroy(h); /* ours again when produce fails */
    return code;
}

/* A new output for the message `cause`: sent now, or queued for a retry. */
static void out_start(cw_daemon *d, output *o, entry *cause)
{
    o->cause = cause;
    if (cause)
        cause->pending++;
    d->stats.outputs_pending++;
    d->txn_outputs++;
    if (o->dead)
        d->stats.dead_produced++;
    else
        d->stats.alerts_produced++;
    if (out_send(d, o) != RD_KAFKA_RESP_ERR_NO_ERROR)
        retry_later(d, o);
}

/* A new output of the message `cause`.  At least once, it is sent now.
 * Exactly once, it waits with its cause until the commit point passes it
 * (advance()), and goes out in the transaction that commits past it: each
 * transaction then carries the outputs of exactly the messages below its
 * checkpoint, so resuming there neither repeats nor skips one.  Those are
 * produced at the commit, just before the checkpoint: a read_committed
 * subscriber sees them only then anyway. */
static void out_emit(cw_daemon *d, output *o, entry *cause)
{
    if (!d->eos || !cause) {
        out_start(d, o, cause);
        return;
    }
    output **tail = &cause->held;
    while (*tail)
        tail = &(*tail)->next;
    o->next = NULL;
    *tail = o;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    cw_daemon *d = opaque;
    output *o = m->_private;
    if (!o) { /* a checkpoint record: the commit of its transaction tells */
        if (m->err)
            d->stats.delivery_errors++;
        return;
    }
    if (m->err) {
        d->stats.delivery_errors++;
        if (m->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || m->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
            /* purged at the very end: the offset stays uncommitted */
            d->stats.outputs_pending--;
            output_free(o);
            return;
        }
        count_error(d, m->err);
        if (rl_allow(&d->rl_delivery, "delivery failures"))
            cw_err("kafka: delivery of %s%.*s to %s failed (attempt %d): %s; producing it again",
                   o->dead ? "a dead letter" : "alert ", o->dead ? 0 : (int)o->keylen, o->dead ? "" : o->key,
                   rd_kafka_topic_name(m->rkt), o->attempts, rd_kafka_err2str(m->err));
        retry_later(d, o);
        return;
    }
    d->stats.outputs_pending--;
    if (o->dead)
        d->stats.dead_delivered++;
    else
        d->stats.alerts_delivered++;
    entry *f = o->cause;
    output_free(o);
    if (f) {
        f->pending--;
        advance(d, f->part);
    }
}

/* Produce again what failed and whose back-off has passed (all of it when
 * `all`, while stopping). */
static void retry_due(cw_daemon *d, bool all)
{
    if (d->producer_fatal)
        return;
    int64_t now = now_ms();
    output *o = d->retry_head, *keep = NULL, *keep_tail = NULL;
    d->retry_head = d->retry_tail = NULL;
    while (o) {
        output *next = o->next;
        o->next = NULL;
        bool sent = false;
        if (all || o->retry_at <= now) {
            d->stats.delivery_retries++;
            sent = out_send(d, o) == RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        if (!sent) {
            if (keep_tail)
                keep_tail->next = o;
            else
                keep = o;
            keep_tail = o;
        }
        o = next;
    }
    /* retries queued meanwhile (by delivery reports) go after these */
    if (keep) {
        keep_tail->next = d->retry_head;
        if (!d->retry_head)
            d->retry_tail = keep_tail;
        d->retry_head = keep;
    }
}

/* --- the engine's sink --- */

/* The string value of "name":"..." in an alert's JSON, the first one: the
 * alert's own fields come before its evidence.  Rule ids and severities
 * carry no escapes. */
static size_t json_str(const char *json, const char *name, const char **val)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\"%s\":\"", name);
    const char *p = strstr(json, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    const char *q = strchr(p, '"');
    if (!q)
        return 0;
    *val = p;
    return (size_t)(q - p);
}

static void count_alert(cw_daemon *d, const char *json)
{
    const char *rule = NULL, *sev = NULL;
    size_t rlen = json_str(json, "rule", &rule), slen = json_str(json, "severity", &sev);
    if (!rlen)
        rule = "unknown", rlen = 7;
    int si = 0;
    for (int i = 0; i < 5; i++)
        if (slen == strlen(cw_severity_names[i]) && !memcmp(sev, cw_severity_names[i], slen))
            si = i;
    for (size_t i = 0; i < d->nrules_seen; i++)
        if (strlen(d->rules_seen[i].rule) == rlen && !memcmp(d->rules_seen[i].rule, rule, rlen)) {
            d->rules_seen[i].n[si]++;
            return;
        }
    if (d->nrules_seen >= 4096)
        return; /* bounded: rule ids come from the rule files, not the input */
    d->rules_seen = cw_xrealloc(d->rules_seen, (d->nrules_seen + 1) * sizeof *d->rules_seen);
    rule_count *r = &d->rules_seen[d->nrules_seen++];
    memset(r, 0, sizeof *r);
    r->rule = cw_xmalloc(rlen + 1);
    memcpy(r->rule, rule, rlen);
    r->rule[rlen] = '\0';
    r->n[si] = 1;
}

static void observe_latency(cw_daemon *d, int64_t ns)
{
    double s = (double)ns / 1e9;
    size_t i = 0;
    while (i < NLAT && s > lat_bounds[i])
        i++;
    d->lat_buckets[i]++;
    d->lat_count++;
    d->lat_sum += s;
}

/* Alert ids already sent, read from the alert topic when state was rebuilt
 * (read_sent()). */
static bool sent_find(const cw_daemon *d, const char *id)
{
    const char *s = cw_map_get(&d->sent, cw_hash64(id, strlen(id)));
    return s && !strcmp(s, id);
}

static void sent_clear(cw_daemon *d)
{
    cw_map_each(&d->sent, i) free(d->sent.slots[i].val);
    cw_map_free(&d->sent);
}

static void sink_alert(void *ud, const char *id, const char *json, size_t len, void *cause)
{
    cw_daemon *d = ud;
    if ((cause && ((entry *)cause)->rebuild) || sent_find(d, id)) {
        d->stats.suppressed++; /* raised and sent by an earlier run */
        return;
    }
    output *o = cw_xcalloc(1, sizeof *o);
    o->keylen = strlen(id);
    o->key = cw_xmalloc(o->keylen + 1);
    memcpy(o->key, id, o->keylen + 1);
    o->value = cw_xmalloc(len + 1);
    memcpy(o->value, json, len);
    o->value[len] = '\0';
    o->len = len;
    count_alert(d, o->value);
    out_emit(d, o, cause);
}

static void sink_dead(void *ud, const char *reason, void *cause)
{
    cw_daemon *d = ud;
    entry *f = cause;
    if (f && f->rebuild)
        return; /* dead-lettered by an earlier run */
    output *o = cw_xcalloc(1, sizeof *o);
    o->dead = true;
    o->error = cw_xstrdup(reason);
    const rd_kafka_message_t *m = f && f == d->current_entry ? d->current : NULL;
    if (m) {
        if (m->key) {
            o->key = cw_xmalloc(m->key_len + 1);
            memcpy(o->key, m->key, m->key_len);
            o->keylen = m->key_len;
        }
        /* the original bytes, cut to the size limit: a dead letter must
         * always fit the topic, or it would hold the commit point forever */
        size_t len = m->len;
        if (len > d->cfg->max_message_bytes) {
            o->orig_len = len;
            len = d->cfg->max_message_bytes;
        }
        o->value = cw_xmalloc(len + 1);
        if (len)
            memcpy(o->value, m->payload, len);
        o->len = len;
    } else {
        /* the engine dead-letters during push, so this should not happen */
        cw_err("kafka: dead letter for a message no longer at hand; sending it without its bytes");
        o->value = cw_xstrdup("");
    }
    o->src_topic = f ? f->part->topic : "";
    o->src_partition = f ? f->part->partition : -1;
    o->src_offset = f ? f->offset : -1;
    out_emit(d, o, f);
}

static void sink_done(void *ud, void *cause)
{
    cw_daemon *d = ud;
    entry *f = cause;
    if (!f)
        return;
    f->done = true;
    observe_latency(d, now_ns() - f->pushed_ns);
    advance(d, f->part);
}

/* --- commits --- */

static void on_commit(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *offsets,
                      void *opaque);

/* Commit every assigned partition's commit point that moved.  With wait_ms
 * (stopping, giving partitions up), wait that long at most for the broker's
 * answer: rd_kafka_commit()'s own sync mode waits forever when the group
 * coordinator is unreachable.  0 on success. */
static int commit_safe(cw_daemon *d, int wait_ms)
{
    if (!d->consumer || d->consumer_fatal)
        return -1;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)d->nparts);
    for (size_t i = 0; i < d->nparts; i++) {
        part *p = d->parts[i];
        if (p->assigned && p->next_commit >= 0 && p->next_commit != p->commit_sent &&
            p->next_commit > p->committed)
            rd_kafka_topic_partition_list_add(l, p->topic, p->partition)->offset = p->next_commit;
    }
    int rc = 0;
    if (l->cnt) {
        rd_kafka_queue_t *q = wait_ms ? rd_kafka_queue_new(d->consumer) : NULL;
        rd_kafka_resp_err_t err = q ? rd_kafka_commit_queue(d->consumer, l, q, NULL, NULL)
                                    : rd_kafka_commit(d->consumer, l, 1);
        if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
            cw_warn("kafka: commit failed: %s", rd_kafka_err2str(err));
            count_error(d, err);
            d->stats.commit_errors++;
            rc = -1;
        } else {
            for (int i = 0; i < l->cnt; i++) {
                part *p = find_part(d, l->elems[i].topic, l->elems[i].partition, false);
                if (p)
                    p->commit_sent = l->elems[i].offset;
            }
            if (q) {
                rd_kafka_event_t *ev = rd_kafka_queue_poll(q, wait_ms);
                if (!ev) {
                    cw_warn("kafka: no answer to a commit within %d ms", wait_ms);
                    for (int i = 0; i < l->cnt; i++) {
                        part *p = find_part(d, l->elems[i].topic, l->elems[i].partition, false);
                        if (p)
                            p->commit_sent = -1;
                    }
                    d->stats.commit_errors++;
                    rc = -1;
                } else {
                    rc = rd_kafka_event_error(ev) ? -1 : 0;
                    on_commit(d->consumer, rd_kafka_event_error(ev), rd_kafka_event_topic_partition_list(ev), d);
                    rd_kafka_event_destroy(ev);
                }
            }
        }
        if (q)
            rd_kafka_queue_destroy(q);
    }
    rd_kafka_topic_partition_list_destroy(l);
    return rc;
}

static void on_commit(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *offsets, void *opaque)
{
    (void)rk;
    cw_daemon *d = opaque;
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
        return;
    if (err)
        cw_warn("kafka: commit failed: %s", rd_kafka_err2str(err));
    bool failed = err != 0;
    if (err)
        count_error(d, err);
    for (int i = 0; offsets && i < offsets->cnt; i++) {
        rd_kafka_topic_partition_t *t = &offsets->elems[i];
        part *p = find_part(d, t->topic, t->partition, false);
        if (!p)
            continue;
        if (err || t->err) {
            failed = true;
            p->commit_sent = -1; /* send it again next time */
            if (!err) {
                count_error(d, t->err);
                cw_warn("kafka: commit of %s [%" PRId32 "] failed: %s", t->topic, t->partition,
                        rd_kafka_err2str(t->err));
            }
        } else if (t->offset > p->committed) {
            p->committed = t->offset;
        }
    }
    if (failed)
        d->stats.commit_errors++;
    else
        d->stats.commits++;
}

/* --- delivery before commits: used on revoke and on stop --- */

/* Wait (serving delivery reports and retries) until every output is
 * acknowledged or timeout_ms has passed.  true when none is left. */
static bool deliver_all(cw_daemon *d, int timeout_ms)
{
    int64_t deadline = now_ms() + timeout_ms;
    while (d->stats.outputs_pending && !d->producer_fatal) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            break;
        retry_due(d, false);
        int wait = (int)(left < 100 ? left : 100);
        if (rd_kafka_outq_len(d->producer) > 0)
            rd_kafka_flush(d->producer, wait);
        else
            rd_kafka_poll(d->producer, wait); /* only retries wait: sleep until one is due */
        rd_kafka_poll(d->producer, 0);
    }
    return d->stats.outputs_pending == 0;
}

/* --- exactly once: transactions and checkpoints --- */

static void stop(cw_daemon *d, int code);
static rd_kafka_conf_t *base_conf(cw_daemon *d, const char *who);
static bool conf_set(rd_kafka_conf_t *c, const char *k, const char *v, const char *who);
static void plan_positions(cw_daemon *d, rd_kafka_topic_partition_list_t *l);

static bool txn_begin(cw_daemon *d)
{
    rd_kafka_error_t *e = rd_kafka_begin_transaction(d->producer);
    if (e) {
        cw_err("kafka: cannot begin a transaction: %s; stopping", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        stop(d, 1);
        return false;
    }
    d->txn_open = true;
    d->txn_inputs = d->txn_outputs = 0;
    return true;
}

/* {"group":...,"topic":...,"partition":...[,"offset":...]}: a checkpoint
 * record's key (no offset: one key per group and partition, so compaction
 * keeps the last) and its value. */
static char *checkpoint_json(const cw_daemon *d, const part *p, int64_t offset)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "group", d->cfg->group);
    cJSON_AddStringToObject(o, "topic", p->topic);
    cJSON_AddNumberToObject(o, "partition", p->partition);
    if (offset >= 0)
        cJSON_AddNumberToObject(o, "offset", (double)offset);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return json;
}

static rd_kafka_resp_err_t produce_checkpoint(cw_daemon *d, const part *p, int64_t offset)
{
    char *key = checkpoint_json(d, p, -1), *value = checkpoint_json(d, p, offset);
    rd_kafka_resp_err_t err = rd_kafka_producev(
        d->producer, RD_KAFKA_V_RKT(d->rkt_checkpoint), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key, strlen(key)), RD_KAFKA_V_VALUE(value, strlen(value)), RD_KAFKA_V_OPAQUE(NULL),
        RD_KAFKA_V_END);
    cJSON_free(key);
    cJSON_free(value);
    return err;
}

/* Wall-clock ms where the correlation window, allowed lateness included,
 * begins: what a restart reads again; -1 before the epoch. */
static int64_t window_start_ms(const cw_daemon *d)
{
    int64_t t = (int64_t)time(NULL) * 1000 - d->cfg->window_ms - d->cfg->lateness_ms;
    return t >= 0 ? t : -1;
}

/* Read `topic` to its end, read_committed, calling each(d, m, ctx) for
 * every record: from the first record at or after `from_ms` (Kafka
 * timestamps; the beginning when from_ms < 0 or the broker cannot say, as
 * the development broker cannot).  A simple consumer: no group, so no
 * group ACL to grant.  false when the topic could not be read to its end. */
static bool read_topic(cw_daemon *d, const char *topic, int64_t from_ms,
                       void (*each)(cw_daemon *d, const rd_kafka_message_t *m, void *ctx), void *ctx)
{
    rd_kafka_conf_t *c = base_conf(d, "consumer");
    if (!c)
        return false;
    char err[512];
    if (!conf_set(c, "isolation.level", "read_committed", "topic reader") ||
        !conf_set(c, "enable.partition.eof", "true", "topic reader") ||
        !conf_set(c, "enable.auto.commit", "false", "topic reader")) {
        rd_kafka_conf_destroy(c);
        return false;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, c, err, sizeof err);
    if (!rk) {
        cw_err("kafka: cannot create a reader for %s: %s", topic, err);
        return false;
    }
    bool ok = false;
    const rd_kafka_metadata_t *md = NULL;
    rd_kafka_topic_partition_list_t *from = NULL;
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, READ_TOPIC_WAIT_MS);
    if (e || md->topic_cnt != 1 || md->topics[0].err) {
        cw_warn("kafka: cannot read %s: %s", topic,
                rd_kafka_err2str(e ? e : md->topic_cnt ? md->topics[0].err : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC));
        goto out;
    }
    int n = md->topics[0].partition_cnt, started = 0, ends = 0;
    from = rd_kafka_topic_partition_list_new(n);
    for (int i = 0; i < n; i++)
        rd_kafka_topic_partition_list_add(from, topic, md->topics[0].partitions[i].id)->offset = from_ms;
    bool timed = from_ms >= 0 && !rd_kafka_offsets_for_times(rk, from, READ_TOPIC_WAIT_MS);
    for (; started < n; started++) {
        const rd_kafka_topic_partition_t *t = &from->elems[started];
        int64_t at = timed && !t->err && t->offset >= 0 ? t->offset : RD_KAFKA_OFFSET_BEGINNING;
        if (rd_kafka_consume_start_queue(rkt, t->partition, at, q))
            break;
    }
    if (started < n)
        e = rd_kafka_last_error();
    int64_t deadline = now_ms() + READ_TOPIC_WAIT_MS;
    while (!e && ends < n && now_ms() < deadline) {
        rd_kafka_message_t *m = rd_kafka_consume_queue(q, 100);
        if (!m)
            continue;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
            ends++;
        else if (m->err)
            cw_warn("kafka: reading %s: %s", topic, rd_kafka_message_errstr(m));
        else
            each(d, m, ctx);
        rd_kafka_message_destroy(m);
    }
    ok = !e && ends >= n;
    if (e)
        cw_warn("kafka: cannot read %s: %s", topic, rd_kafka_err2str(e));
    else if (!ok)
        cw_warn("kafka: %s was not read to its end within %d ms", topic, READ_TOPIC_WAIT_MS);
    for (int i = 0; i < started; i++)
        rd_kafka_consume_stop(rkt, md->topics[0].partitions[i].id);
out:
    if (from)
        rd_kafka_topic_partition_list_destroy(from);
    if (md)
        rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
    return ok;
}

/* A checkpoint record of this group raises its partition's offset in the
 * list `ctx` to the one it carries. */
static void checkpoint_seen(cw_daemon *d, const rd_kafka_message_t *m, void *ctx)
{
    rd_kafka_topic_partition_list_t *l = ctx;
    cJSON *j = cJSON_ParseWithLength(m->payload, m->len);
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(j, "group"), *t = cJSON_GetObjectItemCaseSensitive(j, "topic"),
                *pt = cJSON_GetObjectItemCaseSensitive(j, "partition"),
                *off = cJSON_GetObjectItemCaseSensitive(j, "offset");
    if (cJSON_IsString(g) && !strcmp(g->valuestring, d->cfg->group) && cJSON_IsString(t) && cJSON_IsNumber(pt) &&
        cJSON_IsNumber(off)) {
        rd_kafka_topic_partition_t *tp = rd_kafka_topic_partition_list_find(l, t->valuestring, (int32_t)pt->valuedouble);
        if (tp && (int64_t)off->valuedouble > tp->offset) {
            tp->offset = (int64_t)off->valuedouble;
            tp->err = 0;
        }
    }
    cJSON_Delete(j);
}

/* Raise each offset in `l` to this group's last committed checkpoint of
 * that partition, reading the checkpoint topic to its end.  The standard
 * place for those offsets is the group's, where
 * send_offsets_to_transaction() puts them; the checkpoint topic covers
 * brokers that do not show them there (librdkafka 2.0's mock cluster).
 * false when the topic could not be read to its end. */
static bool read_checkpoints(cw_daemon *d, rd_kafka_topic_partition_list_t *l)
{
    return read_topic(d, d->checkpoint_topic, -1, checkpoint_seen, l);
}

/* --- alerts already on the alert topic --- */

static void sent_seen(cw_daemon *d, const rd_kafka_message_t *m, void *ctx)
{
    (void)ctx;
    if (!m->key || !m->key_len)
        return;
    uint64_t h = cw_hash64(m->key, m->key_len);
    if (cw_map_get(&d->sent, h))
        return; /* the same id again, or (never seen) a hash shared: the first stays */
    char *id = cw_xmalloc(m->key_len + 1);
    memcpy(id, m->key, m->key_len);
    id[m->key_len] = '\0';
    cw_map_put(&d->sent, h, id);
}

/* An alert is raised by the message that completes its evidence, and
 * which message that is depends on the order messages were processed in:
 * a live run takes late messages as they come, a rebuild takes the log in
 * event-time order.  So a restarted instance can raise again, from a
 * message above the resume point, an alert an earlier run raised from one
 * below it and sent; and one that crashed before its first commit sent
 * alerts no offset covers.  Alert ids are deterministic: the ids on the
 * alert topic since the window began (read_committed) are not sent again. */
static void read_sent(cw_daemon *d)
{
    sent_clear(d);
    if (!read_topic(d, d->cfg->alert_topic, window_start_ms(d), sent_seen, NULL))
        cw_warn("kafka: alerts already sent by an earlier run may be sent again");
    cw_info("kafka: %zu alerts on %s since the window began: not sent again", d->sent.len, d->cfg->alert_topic);
}

/* An aborted transaction takes its outputs back, while the engine's state
 * still holds the messages that caused them: go back to the last
 * checkpoint as a restart would, with a fresh engine (rules as on disk)
 * and every assigned partition read again from its window's start. */
static void txn_rewind(cw_daemon *d)
{
    if (rd_kafka_flush(d->producer, TXN_WAIT_MS)) { /* the purged outputs' reports, before their causes go */
        cw_err("kafka: outputs of the aborted transaction still in flight; stopping");
        stop(d, 1);
        return;
    }
    output_list_free(d->retry_head);
    output_list_free(d->ready);
    d->retry_head = d->retry_tail = d->ready = d->ready_tail = NULL;
    d->stats.outputs_pending = 0;
    d->stats.uncommitted = 0;
    if (d->txn_offsets)
        rd_kafka_topic_partition_list_destroy(d->txn_offsets);
    d->txn_offsets = NULL;
    d->txn_offsets_sent = false;

    char err[8192];
    cw_ruleset *rs = cw_rules_load(d->cfg->rules_dir, err, sizeof err);
    if (!rs) {
        cw_err("kafka: cannot go back to the last checkpoint: rules in %s refused: %s; stopping", d->cfg->rules_dir,
               err);
        stop(d, 1);
        return;
    }
    cw_engine_free(d->engine);
    d->engine = cw_engine_new(d->cfg, rs, &d->sink);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)d->nparts);
    for (size_t i = 0; i < d->nparts; i++) {
        part *p = d->parts[i];
        for (entry *f = p->head, *n; f; f = n) {
            n = f->next;
            output_list_free(f->held);
            free(f);
        }
        p->head = p->tail = NULL;
        p->last_offset = p->next_commit = p->commit_sent = p->rebuild_until = -1;
        p->eof_at = 0;
        p->idle = false;
        if (p->assigned) {
            cw_engine_source_add(d->engine, p->source);
            rd_kafka_topic_partition_list_add(l, p->topic, p->partition)->offset = RD_KAFKA_OFFSET_INVALID;
        }
    }
    plan_positions(d, l);
    for (int i = 0; i < l->cnt; i++)
        if (l->elems[i].offset == RD_KAFKA_OFFSET_INVALID)
            l->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING; /* nothing committed: nothing was sent */
    rd_kafka_error_t *e = l->cnt ? rd_kafka_seek_partitions(d->consumer, l, -1) : NULL;
    if (e) {
        cw_err("kafka: cannot go back to the last checkpoint: %s; stopping", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        stop(d, 1);
    }
    rd_kafka_topic_partition_list_destroy(l);
    d->stats.rewinds++;
}

/* A transaction call failed: fatal (fenced by a newer instance with our
 * transactional id, ...) stops the daemon for the service manager to
 * restart; one that needs an abort aborts and, unless stopping, goes back
 * to the last checkpoint; a retriable one (a timeout) is tried again at
 * the next commit.  -1 in every case. */
static int txn_failed(cw_daemon *d, rd_kafka_error_t *e, const char *what)
{
    d->stats.commit_errors++;
    count_error(d, rd_kafka_error_code(e));
    if (rd_kafka_error_is_fatal(e)) {
        cw_err("kafka: %s of a transaction: fatal: %s; stopping", what, rd_kafka_error_string(e));
        d->fatal = d->producer_fatal = true;
        stop(d, 1);
    } else if (rd_kafka_error_is_retriable(e) && !rd_kafka_error_txn_requires_abort(e)) {
        cw_warn("kafka: %s of a transaction: %s; trying again", what, rd_kafka_error_string(e));
    } else {
        cw_warn("kafka: %s of a transaction: %s; aborting it%s", what, rd_kafka_error_string(e),
                d->stopping ? "" : " and going back to the last checkpoint");
        d->stats.txn_aborts++;
        rd_kafka_error_t *a = rd_kafka_abort_transaction(d->producer, TXN_WAIT_MS);
        if (a) {
            cw_err("kafka: cannot abort the transaction: %s; stopping", rd_kafka_error_string(a));
            rd_kafka_error_destroy(a);
            d->fatal = d->producer_fatal = true;
            stop(d, 1);
        } else {
            d->txn_open = false;
            if (!d->stopping)
                txn_rewind(d);
            if (!d->stopping)
                txn_begin(d);
        }
    }
    rd_kafka_error_destroy(e);
    return -1;
}

/* Commit the open transaction: its outputs, and the commit points of the
 * assigned partitions, sent to the group and written as checkpoints.  The
 * outputs are flushed first, so that their delivery reports move the
 * commit points and the checkpoints reach the log after the alerts they
 * cover.  A commit that timed out is resumed where it stopped.  Then the
 * next transaction begins.  0 on success or when there is nothing to
 * commit. */
static int txn_commit(cw_daemon *d, int wait_ms)
{
    if (!d->txn_open || d->producer_fatal)
        return -1;
    if (!d->txn_offsets) {
        for (output *o = d->ready, *n; o; o = n) {
            n = o->next;
            out_start(d, o, NULL);
        }
        d->ready = d->ready_tail = NULL;
        if (d->retry_head) /* refused: the checkpoint must not pass their causes */
            return txn_failed(d, rd_kafka_error_new(RD_KAFKA_RESP_ERR__STATE, "an output could not be produced"),
                              "producing the outputs");
        if (rd_kafka_flush(d->producer, wait_ms)) {
            cw_warn("kafka: outputs not acknowledged within %d ms; committing later", wait_ms);
            d->stats.commit_errors++;
            return -1;
        }
        rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)d->nparts);
        rd_kafka_resp_err_t err = 0;
        for (size_t i = 0; i < d->nparts && !err; i++) {
            part *p = d->parts[i];
            if (p->assigned && p->next_commit >= 0 && p->next_commit > p->committed) {
                rd_kafka_topic_partition_list_add(l, p->topic, p->partition)->offset = p->next_commit;
                err = produce_checkpoint(d, p, p->next_commit);
            }
        }
        if (err) {
            rd_kafka_topic_partition_list_destroy(l);
            return txn_failed(d, rd_kafka_error_new(err, "cannot produce a checkpoint: %s", rd_kafka_err2str(err)),
                              "checkpoint");
        }
        if (!l->cnt && !d->txn_outputs) {
            rd_kafka_topic_partition_list_destroy(l);
            return 0; /* nothing happened: the transaction stays open */
        }
        d->txn_offsets = l;
    }
    if (d->txn_offsets->cnt && !d->txn_offsets_sent) {
        rd_kafka_consumer_group_metadata_t *g = rd_kafka_consumer_group_metadata(d->consumer);
        rd_kafka_error_t *e = rd_kafka_send_offsets_to_transaction(d->producer, d->txn_offsets, g, wait_ms);
        rd_kafka_consumer_group_metadata_destroy(g);
        if (e)
            return txn_failed(d, e, "sending the offsets");
        d->txn_offsets_sent = true;
    }
    rd_kafka_error_t *e = rd_kafka_commit_transaction(d->producer, wait_ms);
    if (e)
        return txn_failed(d, e, "commit");
    for (int i = 0; i < d->txn_offsets->cnt; i++) {
        rd_kafka_topic_partition_t *t = &d->txn_offsets->elems[i];
        part *p = find_part(d, t->topic, t->partition, false);
        if (p && t->offset > p->committed)
            p->committed = t->offset;
    }
    rd_kafka_topic_partition_list_destroy(d->txn_offsets);
    d->txn_offsets = NULL;
    d->txn_offsets_sent = false;
    d->txn_open = false;
    d->stats.commits++;
    if (!d->stopping)
        txn_begin(d);
    return 0;
}

/* The commit points to Kafka, the way the guarantee asks; wait_ms as for
 * commit_safe(). */
static int commit(cw_daemon *d, int wait_ms)
{
    return d->eos ? txn_commit(d, wait_ms ? wait_ms : TXN_WAIT_MS) : commit_safe(d, wait_ms);
}

/* --- rebalances --- */

static bool cooperative(cw_daemon *d) { return !strcmp(rd_kafka_rebalance_protocol(d->consumer), "COOPERATIVE"); }

static bool read_checkpoints(cw_daemon *d, rd_kafka_topic_partition_list_t *l);

/* Where each partition of `l` starts, set in its offset.  State is a cache
 * of the log: a partition this process holds no state for is read again
 * from the start of the correlation window, allowed lateness included
 * (window_start_ms(): the broker's offset for that time, or the beginning
 * of the partition where the broker cannot say, as the development broker
 * cannot), and what lies below the resume point is
 * processed silently, its alerts having been sent by an earlier run.  So a
 * restart or a move to another machine loses no correlation.  The resume
 * point is the group's committed offset or, exactly once, the last
 * checkpoint when that is further; a partition with neither is left to
 * auto.offset.reset. */
static void plan_positions(cw_daemon *d, rd_kafka_topic_partition_list_t *l)
{
    rd_kafka_topic_partition_list_t *c = rd_kafka_topic_partition_list_copy(l);
    rd_kafka_resp_err_t cerr = rd_kafka_committed(d->consumer, c, 5000);
    if (cerr) {
        cw_warn("kafka: cannot read the group's committed offsets: %s", rd_kafka_err2str(cerr));
        for (int i = 0; i < c->cnt; i++)
            c->elems[i].offset = RD_KAFKA_OFFSET_INVALID;
    }
    if (d->eos && !read_checkpoints(d, c))
        cw_warn("kafka: resuming from the group's committed offsets: alerts after them may be sent again");
    rd_kafka_topic_partition_list_t *t = rd_kafka_topic_partition_list_copy(l);
    int64_t since = window_start_ms(d);
    for (int i = 0; i < t->cnt; i++)
        t->elems[i].offset = since > 0 ? since : 0;
    rd_kafka_resp_err_t terr = d->cfg->rebuild ? rd_kafka_offsets_for_times(d->consumer, t, 5000) : 0;
    for (int i = 0; i < l->cnt; i++) {
        part *p = find_part(d, l->elems[i].topic, l->elems[i].partition, false);
        int64_t committed = !c->elems[i].err ? c->elems[i].offset : -1;
        if (!p)
            continue;
        if (committed >= 0) {
            p->committed = committed;
            if (p->next_commit < committed && !p->head)
                p->next_commit = committed;
            l->elems[i].offset = committed;
        }
        if (p->head || p->last_offset >= 0 || committed < 0 || !d->cfg->rebuild)
            continue; /* state already here, or nothing done before: resume as usual */
        int64_t from = !terr && !t->elems[i].err && t->elems[i].offset >= 0 ? t->elems[i].offset
                                                                            : RD_KAFKA_OFFSET_BEGINNING;
        if (from >= 0 && from >= committed)
            continue;
        l->elems[i].offset = from;
        p->rebuild_until = committed;
        cw_info("kafka: %s [%" PRId32 "]: rebuilding state from %s up to the %s %" PRId64
                " (alerts there were sent before)",
                p->topic, p->partition, from >= 0 ? "the start of the window" : "the beginning",
                d->eos ? "checkpoint" : "committed offset", committed);
    }
    rd_kafka_topic_partition_list_destroy(t);
    rd_kafka_topic_partition_list_destroy(c);
    if (d->cfg->rebuild && l->cnt)
        read_sent(d);
}

static void on_assign(cw_daemon *d, rd_kafka_topic_partition_list_t *l)
{
    for (int i = 0; i < l->cnt; i++) {
        part *p = find_part(d, l->elems[i].topic, l->elems[i].partition, true);
        if (!p->assigned)
            d->stats.assigned++;
        p->assigned = true;
        p->commit_sent = -1;
        p->eof_at = 0;
        p->idle = false;
        if (!p->head)
            p->last_offset = -1; /* reading resumes at the committed offset */
        cw_engine_source_add(d->engine, p->source);
    }
    plan_positions(d, l);
    rd_kafka_error_t *e = NULL;
    rd_kafka_resp_err_t err = 0;
    if (cooperative(d))
        e = rd_kafka_incremental_assign(d->consumer, l);
    else
        err = rd_kafka_assign(d->consumer, l);
    if (e) {
        cw_err("kafka: assign failed: %s", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
    } else if (err) {
        cw_err("kafka: assign failed: %s", rd_kafka_err2str(err));
    }
    d->joined = true;
    cw_info("kafka: assigned %d partitions (%" PRIu64 " in all)", l->cnt, d->stats.assigned);
}

static void on_revoke(cw_daemon *d, rd_kafka_topic_partition_list_t *l)
{
    bool lost = rd_kafka_assignment_lost(d->consumer);
    /* Finish what was read: release the reorder buffer, deliver what it
     * caused, and commit before the partitions go (storing offsets after
     * the revoke fails with ERR__STATE).  Releasing early costs a little
     * event-time order once per rebalance; static membership makes
     * rebalances rare. */
    if (!d->stopping) { /* when stopping, shutdown_all() has done all this */
        cw_engine_flush(d->engine);
        if (!deliver_all(d, REVOKE_FLUSH_MS))
            cw_warn("kafka: %" PRIu64 " alerts or dead letters still undelivered while giving partitions up; "
                    "their offsets stay uncommitted",
                    d->stats.outputs_pending);
        if (!lost)
            commit(d, COMMIT_WAIT_MS);
    }
    for (int i = 0; i < l->cnt; i++) {
        part *p = find_part(d, l->elems[i].topic, l->elems[i].partition, false);
        if (!p || !p->assigned)
            continue;
        p->assigned = false;
        d->stats.assigned--;
        cw_engine_source_remove(d->engine, p->source);
    }
    if (cooperative(d)) {
        rd_kafka_error_t *e = rd_kafka_incremental_unassign(d->consumer, l);
        if (e) {
            cw_err("kafka: unassign failed: %s", rd_kafka_error_string(e));
            rd_kafka_error_destroy(e);
        }
    } else {
        rd_kafka_assign(d->consumer, NULL);
    }
    cw_info("kafka: %s %d partitions", lost ? "lost" : "gave up", l->cnt);
}

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *l, void *opaque)
{
    (void)rk;
    cw_daemon *d = opaque;
    d->stats.rebalances++;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        on_assign(d, l);
    } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
        on_revoke(d, l);
    } else {
        cw_err("kafka: rebalance failed: %s", rd_kafka_err2str(err));
        rd_kafka_assign(d->consumer, NULL);
    }
}

/* --- librdkafka's other callbacks --- */

static void on_kafka_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    cw_log(level, "kafka: %s: %s", fac, buf);
}

static void notify_status(cw_daemon *d, const char *extra);

static void stop(cw_daemon *d, int code)
{
    if (code > d->exit_code)
        d->exit_code = code;
    if (!d->stopping) {
        d->stopping = true;
        notify_status(d, "STOPPING=1\n");
        event_base_loopbreak(d->base);
    }
}

static void on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    cw_daemon *d = opaque;
    count_error(d, err);
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char why[512];
        rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk, why, sizeof why);
        cw_err("kafka: fatal error in the %s: %s: %s; stopping", rk == d->producer ? "producer" : "consumer",
               rd_kafka_err2name(orig), why);
        d->fatal = true;
        if (rk == d->producer)
            d->producer_fatal = true;
        else
            d->consumer_fatal = true;
        stop(d, 1);
        return;
    }
    /* until the next statistics say otherwise; without statistics
     * (statistics.interval.ms: 0) nothing would ever say so */
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && rk == d->consumer && d->brokers_up >= 0)
        d->brokers_up = 0;
    /* transient (brokers down, and so on): librdkafka retries; say it once
     * in a while rather than at every attempt */
    int64_t now = now_ms();
    if (err == (int)d->lasterr.err && now - d->lasterr.at < 10000) {
        d->lasterr.suppressed++;
        return;
    }
    if (d->lasterr.suppressed)
        cw_warn("kafka: (%" PRIu64 " more like the last)", d->lasterr.suppressed);
    d->lasterr.err = err;
    d->lasterr.at = now;
    d->lasterr.suppressed = 0;
    cw_warn("kafka: %s: %s", rd_kafka_err2name(err), reason);
}

/* librdkafka statistics (statistics.interval.ms): the total consumer lag. */
static int on_stats(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
    (void)rk;
    cw_daemon *d = opaque;
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root)
        return 0;
    int64_t lag = 0;
    bool any = false;
    const cJSON *topic;
    cJSON_ArrayForEach(topic, cJSON_GetObjectItemCaseSensitive(root, "topics"))
    {
        const cJSON *pt;
        cJSON_ArrayForEach(pt, cJSON_GetObjectItemCaseSensitive(topic, "partitions"))
        {
            const cJSON *l = cJSON_GetObjectItemCaseSensitive(pt, "consumer_lag");
            if (strcmp(pt->string, "-1") && cJSON_IsNumber(l) && l->valuedouble >= 0) {
                lag += (int64_t)l->valuedouble;
                any = true;
            }
        }
    }
    d->stats.consumer_lag = any ? lag : -1;
    /* broker reachable, for /readyz: bootstrap entries included */
    int up = 0;
    const cJSON *br;
    cJSON_ArrayForEach(br, cJSON_GetObjectItemCaseSensitive(root, "brokers"))
    {
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(br, "state");
        if (cJSON_IsString(st) && !strcmp(st->valuestring, "UP"))
            up++;
    }
    d->brokers_up = up;
    cJSON_Delete(root);
    return 0; /* librdkafka frees json */
}

/* --- consuming --- */

/* At its end: the partition no longer holds the watermark back. */
static void part_idle(cw_daemon *d, part *p)
{
    p->idle = true;
    cw_engine_source_idle(d->engine, p->source);
}

static void on_message(cw_daemon *d, rd_kafka_message_t *m)
{
    const char *topic = m->rkt ? rd_kafka_topic_name(m->rkt) : "";
    if (m->err) {
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            /* idle once it has stayed at its end windows.partition_idle
             * (on_eof_timer): a partition just caught up may have more on
             * the way, and an idle one no longer holds the event-time
             * watermark back */
            d->stats.eofs++;
            part *p = find_part(d, topic, m->partition, false);
            if (p && p->assigned && !p->eof_at) {
                p->eof_at = now_ms();
                if (!d->cfg->partition_idle_ms)
                    part_idle(d, p);
            }
            return;
        }
        d->stats.consumer_errors++;
        on_error(d->consumer, m->err, rd_kafka_message_errstr(m), d);
        return;
    }
    part *p = find_part(d, topic, m->partition, false);
    if (!p || !p->assigned)
        return; /* fetched before a revoke; its new owner reads it */
    if (m->offset <= p->last_offset)
        return; /* read again after a rebalance while still in flight here */
    p->last_offset = m->offset;
    p->eof_at = 0;
    p->idle = false; /* a push makes the engine's source active again */

    d->stats.messages_in++;
    d->txn_inputs++;
    d->stats.bytes_in += m->len;
    if (p->topic_idx >= 0)
        d->stats.in_by_topic[p->topic_idx]++;

    entry *f = cw_xmalloc(sizeof *f);
    f->next = NULL;
    f->part = p;
    f->offset = m->offset;
    f->pushed_ns = now_ns();
    f->pending = 0;
    f->done = false;
    f->held = NULL;
    f->rebuild = m->offset < p->rebuild_until;
    if (f->rebuild)
        d->stats.rebuilt++;
    if (p->tail)
        p->tail->next = f;
    else
        p->head = f;
    p->tail = f;
    d->stats.uncommitted++;

    d->current = m;
    d->current_entry = f;
    cw_engine_push(d->engine, p->source, m->payload ? (const char *)m->payload : "", m->len, f);
    d->current = NULL;
    d->current_entry = NULL;
}

/* Consume up to a budget of messages; when some are left, resume on a
 * zero timer rather than event_active(): an event re-activated from its own
 * callback runs again in the same loop turn, before any I/O or timer, so
 * HTTP, delivery reports and commits would starve while the input lasts. */
static void consume(cw_daemon *d)
{
    if (d->stopping)
        return;
    rd_kafka_message_t *batch[BATCH];
    size_t budget = BUDGET;
    bool drained = false;
    while (budget && !d->stopping) {
        ssize_t n = rd_kafka_consume_batch_queue(d->cq, 0, batch, budget < BATCH ? budget : BATCH);
        if (n < 0) {
            cw_err("kafka: consume failed: %s", rd_kafka_err2str(rd_kafka_last_error()));
            break;
        }
        if (n == 0) {
            drained = true;
            break;
        }
        bool input = false;
        for (ssize_t i = 0; i < n; i++) {
            input |= !batch[i]->err;
            on_message(d, batch[i]);
            rd_kafka_message_destroy(batch[i]);
        }
        if (input)
            d->last_input_ms = now_ms();
        budget -= (size_t)n;
        rd_kafka_poll(d->producer, 0);
        if (d->eos && d->txn_inputs >= d->cfg->commit_messages)
            txn_commit(d, TXN_WAIT_MS);
    }
    /* librdkafka writes to the pipe only when the queue goes from empty to
     * non-empty: if we stopped early, wake ourselves */
    if (!drained && !d->stopping) {
        struct timeval now = {0, 0};
        evtimer_add(d->ev_resume, &now);
    }
}

/* The consumer queue went from empty to non-empty. */
static void on_consumer(evutil_socket_t fd, short what, void *arg)
{
    (void)what;
    char junk[64];
    while (read(fd, junk, sizeof junk) > 0)
        ;
    consume(arg);
}

static void on_resume(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    consume(arg);
}

/* --- timers and signals --- */

static void on_dr_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    rd_kafka_poll(d->producer, 0);
}

static void on_retry_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    retry_due(d, false);
    rl_roll(&d->rl_delivery, "delivery failures");
    rl_roll(&d->rl_produce, "refused produce calls");
}

static void on_commit_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    commit(arg, 0);
}

static void on_idle_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    if (cw_engine_stats_get(d->engine)->buffered && now_ms() - d->last_input_ms >= d->cfg->idle_flush_ms) {
        d->stats.idle_flushes++;
        cw_debug("kafka: input quiet for %" PRId64 " ms: releasing %" PRIu64 " buffered messages",
                 now_ms() - d->last_input_ms, cw_engine_stats_get(d->engine)->buffered);
        cw_engine_flush(d->engine);
        rd_kafka_poll(d->producer, 0);
    }
}

static void on_eof_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    int64_t now = now_ms();
    for (size_t i = 0; i < d->nparts; i++) {
        part *p = d->parts[i];
        if (p->assigned && p->eof_at && !p->idle && now - p->eof_at >= d->cfg->partition_idle_ms)
            part_idle(d, p);
    }
    rd_kafka_poll(d->producer, 0);
}

/* --- systemd (sd_notify: a no-op without NOTIFY_SOCKET) --- */

/* State is a cache of the log: a restart rebuilds the windows from what
 * the input topics still keep.  At start the brokers are asked each input
 * topic's retention.ms (the answer is picked up by on_retention_timer(),
 * so the loop does not wait), and a retention shorter than the correlation
 * window and the allowed lateness is warned about.  A broker that cannot
 * say (the development broker) is noted, not refused. */
static void retention_ask(cw_daemon *d)
{
    const cw_config *cfg = d->cfg;
    rd_kafka_ConfigResource_t **res = cw_xcalloc(cfg->ninput_topics, sizeof *res);
    for (size_t i = 0; i < cfg->ninput_topics; i++)
        res[i] = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, cfg->input_topics[i]);
    rd_kafka_AdminOptions_t *o = rd_kafka_AdminOptions_new(d->consumer, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    char err[256];
    rd_kafka_AdminOptions_set_request_timeout(o, 30000, err, sizeof err);
    d->retention_q = rd_kafka_queue_new(d->consumer);
    rd_kafka_DescribeConfigs(d->consumer, res, cfg->ninput_topics, o, d->retention_q);
    rd_kafka_AdminOptions_destroy(o);
    rd_kafka_ConfigResource_destroy_array(res, cfg->ninput_topics);
    free(res);
}

static void retention_answer(cw_daemon *d, rd_kafka_event_t *ev)
{
    int64_t need = d->cfg->window_ms + d->cfg->lateness_ms;
    const rd_kafka_DescribeConfigs_result_t *r = rd_kafka_event_DescribeConfigs_result(ev);
    if (!r || rd_kafka_event_error(ev)) {
        cw_info("kafka: cannot read the input topics' retention (%s): make sure they keep %" PRId64
                " days of messages, the correlation window and the allowed lateness",
                rd_kafka_event_error_string(ev), (need + 86399999) / 86400000);
        return;
    }
    size_t n;
    const rd_kafka_ConfigResource_t **rr = rd_kafka_DescribeConfigs_result_resources(r, &n);
    for (size_t i = 0; i < n; i++) {
        const char *topic = rd_kafka_ConfigResource_name(rr[i]);
        if (rd_kafka_ConfigResource_error(rr[i])) {
            cw_info("kafka: cannot read the retention of %s: %s", topic, rd_kafka_ConfigResource_error_string(rr[i]));
            continue;
        }
        size_t nc;
        const rd_kafka_ConfigEntry_t **ce = rd_kafka_ConfigResource_configs(rr[i], &nc);
        for (size_t k = 0; k < nc; k++) {
            const char *v = rd_kafka_ConfigEntry_value(ce[k]);
            if (strcmp(rd_kafka_ConfigEntry_name(ce[k]), "retention.ms") || !v)
                continue;
            long long ms = strtoll(v, NULL, 10);
            if (ms >= 0 && ms < need)
                cw_warn("kafka: %s keeps messages %lld hours (retention.ms), less than the correlation window and "
                        "allowed lateness (%" PRId64 " hours): after a restart the windows miss what it no longer "
                        "holds",
                        topic, ms / 3600000, need / 3600000);
            else
                cw_debug("kafka: %s keeps messages for retention.ms %s: it covers the windows", topic, v);
        }
    }
}

static void on_retention_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    rd_kafka_event_t *ev = d->retention_q ? rd_kafka_queue_poll(d->retention_q, 0) : NULL;
    if (!ev && d->retention_q)
        return; /* no answer yet */
    if (ev) {
        retention_answer(d, ev);
        rd_kafka_event_destroy(ev);
        rd_kafka_queue_destroy(d->retention_q);
        d->retention_q = NULL;
    }
    event_del(d->ev_retention);
}

static struct event *add_timer(cw_daemon *d, event_callback_fn fn, int64_t ms);

static void notify_status(cw_daemon *d, const char *extra)
{
    if (!d->notify)
        return;
    const cw_engine_stats *e = cw_engine_stats_get(d->engine);
    sd_notifyf(0, "%sSTATUS=%s%" PRIu64 " partitions, %" PRIu64 " messages read, %" PRIu64 " alerts, %" PRIu64
               " bad; rules %s",
               extra ? extra : "", d->stopping ? "stopping: " : "", d->stats.assigned, d->stats.messages_in,
               e->alerts, e->bad, cw_rules_version(cw_engine_rules(d->engine)));
}

/* The consumer is subscribed and the loop runs: ready.  Joining the group
 * takes a while more; /readyz tells that part. */
static void on_ready(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    notify_status(arg, "READY=1\n");
}

static void on_notify_timer(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    cw_daemon *d = arg;
    notify_status(d, d->watchdog_usec ? "WATCHDOG=1\n" : NULL);
}

static void notify_start(cw_daemon *d)
{
    const char *sock = getenv("NOTIFY_SOCKET");
    d->notify = sock && *sock;
    if (!d->notify)
        return;
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        d->watchdog_usec = usec;
    /* WATCHDOG=1 at half the interval, as sd_watchdog_enabled(3) advises */
    int64_t ms = d->watchdog_usec ? (int64_t)(d->watchdog_usec / 2000) : STATUS_MS;
    d->ev_notify = add_timer(d, on_notify_timer, ms < 1 ? 1 : ms);
    d->ev_ready = evtimer_new(d->base, on_ready, d);
    struct timeval now = {0, 0};
    evtimer_add(d->ev_ready, &now);
    if (d->watchdog_usec)
        cw_info("systemd: watchdog every %" PRIu64 " ms", d->watchdog_usec / 2000);
}

static void reload_rules(cw_daemon *d)
{
    char err[8192];
    if (d->notify) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        sd_notifyf(0, "RELOADING=1\nSTATUS=reloading rules from %s\nMONOTONIC_USEC=%" PRIu64, d->cfg->rules_dir,
                   (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000);
    }
    cw_ruleset *rs = cw_rules_load(d->cfg->rules_dir, err, sizeof err);
    if (!rs) {
        d->stats.reload_failures++;
        cw_err("SIGHUP: rules in %s refused, keeping %s: %s", d->cfg->rules_dir,
               cw_rules_version(cw_engine_rules(d->engine)), err);
        notify_status(d, "READY=1\n");
        return;
    }
    d->stats.reloads++;
    const char *old = cw_rules_version(cw_engine_rules(d->engine));
    cw_info("SIGHUP: rules %s (%zu rules, %zu kits) replace %s", cw_rules_version(rs), cw_rules_nrules(rs),
            cw_rules_nkits(rs), old);
    cw_engine_set_rules(d->engine, rs);
    notify_status(d, "READY=1\n");
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    cw_daemon *d = arg;
    if (sig == SIGHUP) {
        reload_rules(d);
        return;
    }
    cw_info("%s: stopping: delivering alerts, committing (the reorder buffer is left for the next run)",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    stop(d, 0);
}

/* --- HTTP --- */

/* A label value: backslash, double quote and newline escaped. */
static void prom_escape(cw_buf *b, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\' || *v == '"')
            cw_buf_printf(b, "\\%c", *v);
        else if (*v == '\n')
            cw_buf_puts(b, "\\n");
        else
            cw_buf_printf(b, "%c", *v);
    }
}

static bool http_ready(void *ud, cw_buf *why);

static bool ready_now(cw_daemon *d)
{
    cw_buf why = {0};
    bool r = http_ready(d, &why);
    cw_buf_free(&why);
    return r;
}

static void metric(cw_buf *b, const char *name, const char *type, const char *help, double v)
{
    cw_prom_header(b, name, type, help);
    cw_prom_sample(b, name, NULL, v);
}

static void http_metrics(void *ud, cw_buf *out)
{
    (void)ud;
    cw_kafka_metrics(out);
}

static bool http_ready(void *ud, cw_buf *why)
{
    cw_daemon *d = ud;
    if (d->fatal) {
        cw_buf_puts(why, "fatal Kafka error");
        return false;
    }
    if (d->stopping) {
        cw_buf_puts(why, "stopping");
        return false;
    }
    if (!d->joined) {
        cw_buf_puts(why, "not yet in the consumer group");
        return false;
    }
    if (d->brokers_up == 0) {
        cw_buf_puts(why, "no broker reachable");
        return false;
    }
    return true;
}

/* --- setup --- */

static bool conf_set(rd_kafka_conf_t *c, const char *k, const char *v, const char *who)
{
    char err[512];
    if (rd_kafka_conf_set(c, k, v, err, sizeof err) == RD_KAFKA_CONF_OK)
        return true;
    /* no value in the message: it may be a secret */
    cw_err("kafka: %s: cannot set %s: refused by librdkafka", who, k);
    return false;
}

/* Which client a librdkafka setting is for: 'C' consumer, 'P' producer,
 * '*' both, from librdkafka's own table of properties; so that the kafka:
 * map can be handed to both clients without a warning for each setting
 * that only one of them reads. */
static char prop_scope(const char *key)
{
    char *table = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&table, &len);
    if (!f)
        return '*';
    rd_kafka_conf_properties_show(f);
    fclose(f);
    char scope = '*';
    size_t klen = strlen(key);
    for (const char *line = table; line && *line;) {
        if (!strncmp(line, key, klen) && line[klen] == ' ') {
            const char *bar = strchr(line, '|');
            if (bar) {
                bar++;
                while (*bar == ' ')
                    bar++;
                if (*bar == 'C' || *bar == 'P')
                    scope = *bar;
            }
            break;
        }
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    free(table);
    return scope;
}

/* The settings common to both clients: the daemon's defaults, then the
 * configuration's kafka: map, then what the guarantee rests on. */
static rd_kafka_conf_t *base_conf(cw_daemon *d, const char *who)
{
    const cw_config *cfg = d->cfg;
    char role = !strcmp(who, "producer") ? 'P' : 'C';
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    rd_kafka_conf_set_opaque(c, d);
    rd_kafka_conf_set_log_cb(c, on_kafka_log);
    rd_kafka_conf_set_error_cb(c, on_error);
    bool ok = conf_set(c, "client.id", "cargowatchd", who) &&
              conf_set(c, "log_level", cw_log_level() >= LOG_DEBUG ? "7" : "6", who);
    for (size_t i = 0; ok && i < cfg->nkafka; i++) {
        char scope = prop_scope(cfg->kafka[i].key);
        if (scope == '*' || scope == role)
            ok = conf_set(c, cfg->kafka[i].key, cfg->kafka[i].value, who);
    }
    ok = ok && conf_set(c, "bootstrap.servers", cfg->brokers, who);
    if (!ok) {
        rd_kafka_conf_destroy(c);
        return NULL;
    }
    return c;
}

static bool has_kafka_key(const cw_config *cfg, const char *k)
{
    for (size_t i = 0; i < cfg->nkafka; i++)
        if (!strcmp(cfg->kafka[i].key, k))
            return true;
    return false;
}

static bool make_producer(cw_daemon *d)
{
    rd_kafka_conf_t *c = base_conf(d, "producer");
    if (!c)
        return false;
    char maxb[32];
    size_t need = d->cfg->max_message_bytes + 65536; /* a dead letter and its headers */
    snprintf(maxb, sizeof maxb, "%zu", need > 1000000 ? need : 1000000);
    bool ok = (has_kafka_key(d->cfg, "partitioner") || conf_set(c, "partitioner", "murmur2_random", "producer")) &&
              /* an alert goes out the moment it is raised; outputs raised while a
               * request is in flight batch on their own */
              (has_kafka_key(d->cfg, "linger.ms") || conf_set(c, "linger.ms", "0", "producer")) &&
              (has_kafka_key(d->cfg, "message.max.bytes") || conf_set(c, "message.max.bytes", maxb, "producer")) &&
              conf_set(c, "enable.idempotence", "true", "producer") && conf_set(c, "acks", "all", "producer") &&
              (!d->eos || conf_set(c, "transactional.id", d->txn_id, "producer"));
    if (!ok) {
        rd_kafka_conf_destroy(c);
        return false;
    }
    rd_kafka_conf_set_dr_msg_cb(c, on_delivery);
    char err[512];
    d->producer = rd_kafka_new(RD_KAFKA_PRODUCER, c, err, sizeof err);
    if (!d->producer) {
        cw_err("kafka: cannot create the producer: %s", err);
        return false;
    }
    d->rkt_alert = rd_kafka_topic_new(d->producer, d->cfg->alert_topic, NULL);
    d->rkt_dead = rd_kafka_topic_new(d->producer, d->cfg->deadletter_topic, NULL);
    if (!d->rkt_alert || !d->rkt_dead)
        return false;
    if (!d->eos)
        return true;
    d->rkt_checkpoint = rd_kafka_topic_new(d->producer, d->checkpoint_topic, NULL);
    /* fences an earlier instance with our transactional id, and aborts
     * what it left open */
    rd_kafka_error_t *e = rd_kafka_init_transactions(d->producer, TXN_INIT_MS);
    if (e) {
        cw_err("kafka: cannot start transactions as %s: %s", d->txn_id, rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        return false;
    }
    return d->rkt_checkpoint && txn_begin(d);
}

static bool make_consumer(cw_daemon *d)
{
    const cw_config *cfg = d->cfg;
    rd_kafka_conf_t *c = base_conf(d, "consumer");
    if (!c)
        return false;
    bool ok = (has_kafka_key(cfg, "fetch.max.bytes") || conf_set(c, "fetch.max.bytes", "8388608", "consumer")) &&
              (has_kafka_key(cfg, "auto.offset.reset") || conf_set(c, "auto.offset.reset", "earliest", "consumer")) &&
              (has_kafka_key(cfg, "statistics.interval.ms") ||
               conf_set(c, "statistics.interval.ms", STATS_MS, "consumer")) &&
              conf_set(c, "group.id", cfg->group, "consumer") &&
              (!*cfg->group_instance || conf_set(c, "group.instance.id", cfg->group_instance, "consumer")) &&
              conf_set(c, "enable.auto.commit", "false", "consumer") &&
              conf_set(c, "enable.auto.offset.store", "false", "consumer") &&
              conf_set(c, "isolation.level", d->eos ? "read_committed" : "read_uncommitted", "consumer") &&
              conf_set(c, "enable.partition.eof", "true", "consumer");
    if (!ok) {
        rd_kafka_conf_destroy(c);
        return false;
    }
    rd_kafka_conf_set_rebalance_cb(c, on_rebalance);
    rd_kafka_conf_set_offset_commit_cb(c, on_commit);
    rd_kafka_conf_set_stats_cb(c, on_stats);
    char err[512];
    d->consumer = rd_kafka_new(RD_KAFKA_CONSUMER, c, err, sizeof err);
    if (!d->consumer) {
        cw_err("kafka: cannot create the consumer: %s", err);
        return false;
    }
    /* one queue for messages and callbacks alike, watched by the loop */
    rd_kafka_poll_set_consumer(d->consumer);
    d->cq = rd_kafka_queue_get_consumer(d->consumer);
    if (pipe2(d->pipefd, O_NONBLOCK | O_CLOEXEC) != 0) {
        cw_err("kafka: pipe: %s", strerror(errno));
        return false;
    }
    rd_kafka_queue_io_event_enable(d->cq, d->pipefd[1], "1", 1);

    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new((int)cfg->ninput_topics);
    for (size_t i = 0; i < cfg->ninput_topics; i++)
        rd_kafka_topic_partition_list_add(topics, cfg->input_topics[i], RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(d->consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (e) {
        cw_err("kafka: cannot subscribe: %s", rd_kafka_err2str(e));
        return false;
    }
    return true;
}

static struct event *add_timer(cw_daemon *d, event_callback_fn fn, int64_t ms)
{
    struct event *ev = event_new(d->base, -1, EV_PERSIST, fn, d);
    struct timeval tv = tv_ms(ms);
    event_add(ev, &tv);
    return ev;
}

static void log_start(cw_daemon *d)
{
    const cw_config *cfg = d->cfg;
    cw_buf b = {0};
    for (size_t i = 0; i < cfg->ninput_topics; i++)
        cw_buf_printf(&b, "%s%s", i ? ", " : "", cfg->input_topics[i]);
    const cw_ruleset *rs = cw_engine_rules(d->engine);
    cw_info("cargowatchd: reading %s from %s as group %s%s%s; alerts to %s, dead letters to %s; rules %s (%zu rules, "
            "%zu kits); %s%s%s%s",
            b.p, cfg->brokers, cfg->group, *cfg->group_instance ? ", instance " : "", cfg->group_instance,
            cfg->alert_topic, cfg->deadletter_topic, cw_rules_version(rs), cw_rules_nrules(rs), cw_rules_nkits(rs),
            d->eos ? "exactly once, transactional id " : "at least once", d->eos ? d->txn_id : "",
            d->eos ? ", checkpoints to " : "", d->eos ? d->checkpoint_topic : "");
    if (cfg->nkafka) {
        /* names only: values may be secrets */
        b.len = 0;
        for (size_t i = 0; i < cfg->nkafka; i++)
            cw_buf_printf(&b, "%s%s", i ? ", " : "", cfg->kafka[i].key);
        cw_info("cargowatchd: librdkafka settings from the configuration: %s", b.p);
    }
    cw_buf_free(&b);
}

/* --- stopping --- */

/* Leave the group, within timeout_ms: rd_kafka_consumer_close() may wait
 * as long as session.timeout.ms for an unreachable coordinator.  The
 * revoke runs here: everything is delivered and committed by now, so it
 * only gives the partitions up.  true once closed. */
static bool close_consumer(cw_daemon *d, int timeout_ms)
{
    rd_kafka_queue_t *q = rd_kafka_queue_new(d->consumer);
    rd_kafka_error_t *e = rd_kafka_consumer_close_queue(d->consumer, q);
    if (e) {
        cw_warn("kafka: closing the consumer: %s", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
    } else {
        int64_t deadline = now_ms() + timeout_ms;
        while (!rd_kafka_consumer_closed(d->consumer) && now_ms() < deadline) {
            rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 100);
            if (!ev)
                continue;
            if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE)
                on_rebalance(d->consumer, rd_kafka_event_error(ev), rd_kafka_event_topic_partition_list(ev), d);
            else if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_ERROR &&
                     rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                cw_warn("kafka: closing the consumer: %s", rd_kafka_event_error_string(ev));
            rd_kafka_event_destroy(ev);
        }
    }
    bool closed = rd_kafka_consumer_closed(d->consumer);
    if (!closed)
        cw_warn("kafka: the consumer did not close within %d ms; leaving the group to time us out", timeout_ms);
    rd_kafka_queue_destroy(q);
    return closed;
}

static int shutdown_all(cw_daemon *d)
{
    int code = d->exit_code;
    d->rl_delivery.start = d->rl_produce.start = INT64_MIN / 2; /* say what was left out */
    rl_roll(&d->rl_delivery, "delivery failures");
    rl_roll(&d->rl_produce, "refused produce calls");
    /* a second SIGTERM or SIGINT while stopping ends the process at once */
    for (int i = 0; i < 3; i++)
        if (d->ev_sig[i])
            event_del(d->ev_sig[i]);
    if (d->ev_consumer)
        event_del(d->ev_consumer);
    if (d->ev_resume)
        event_del(d->ev_resume);
    if (d->engine && d->producer) {
        /* The reorder buffer stays unprocessed and its offsets uncommitted:
         * the next run reads those messages again after rebuilding the
         * windows, in event-time order, as if there had been no stop. */
        retry_due(d, true);
        if (!deliver_all(d, STOP_FLUSH_MS)) {
            cw_err("kafka: %" PRIu64 " alerts or dead letters undelivered at stop; their input offsets stay "
                   "uncommitted and the next run produces them again",
                   d->stats.outputs_pending);
            code = 1;
        }
        if (d->consumer && commit(d, COMMIT_WAIT_MS) != 0)
            code = 1;
    }
    bool closed = d->consumer && close_consumer(d, CLOSE_WAIT_MS);
    /* every object holding a reference to a handle goes before the handle:
     * rd_kafka_destroy() waits for them */
    if (d->retention_q) {
        rd_kafka_queue_destroy(d->retention_q);
        d->retention_q = NULL;
    }
    if (d->cq) {
        rd_kafka_queue_io_event_enable(d->cq, -1, NULL, 0);
        rd_kafka_queue_destroy(d->cq);
        d->cq = NULL;
    }
    if (d->consumer) {
        rd_kafka_destroy_flags(d->consumer, closed ? 0 : RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        d->consumer = NULL;
    }
    if (d->producer) {
        if (d->stats.outputs_pending) {
            rd_kafka_purge(d->producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
            rd_kafka_poll(d->producer, 0);
        }
        if (d->rkt_alert)
            rd_kafka_topic_destroy(d->rkt_alert);
        if (d->rkt_dead)
            rd_kafka_topic_destroy(d->rkt_dead);
        if (d->rkt_checkpoint)
            rd_kafka_topic_destroy(d->rkt_checkpoint);
        if (d->txn_offsets)
            rd_kafka_topic_partition_list_destroy(d->txn_offsets);
        rd_kafka_destroy(d->producer);
        d->producer = NULL;
    }
    return code;
}

static void free_all(cw_daemon *d)
{
    cw_http_stop(d->http);
    struct event *evs[] = {d->ev_consumer, d->ev_resume, d->ev_dr,     d->ev_commit,  d->ev_idle, d->ev_eof,
                           d->ev_retry,    d->ev_sig[0],  d->ev_sig[1], d->ev_sig[2], d->ev_ready, d->ev_notify,
                           d->ev_retention};
    for (size_t i = 0; i < sizeof evs / sizeof *evs; i++)
        if (evs[i])
            event_free(evs[i]);
    for (int i = 0; i < 2; i++)
        if (d->pipefd[i] >= 0)
            close(d->pipefd[i]);
    cw_engine_free(d->engine);
    output_list_free(d->retry_head);
    output_list_free(d->ready);
    for (size_t i = 0; i < d->nparts; i++) {
        for (entry *f = d->parts[i]->head, *n; f; f = n) {
            n = f->next;
            output_list_free(f->held);
            free(f);
        }
        free(d->parts[i]->topic);
        free(d->parts[i]);
    }
    free(d->parts);
    for (size_t i = 0; i < d->nrules_seen; i++)
        free(d->rules_seen[i].rule);
    free(d->rules_seen);
    free(d->stats.in_by_topic);
    free(d->txn_id);
    free(d->checkpoint_topic);
    sent_clear(d);
    if (d->base)
        event_base_free(d->base);
}

int cw_daemon_run(const cw_config *cfg, cw_ruleset *rules)
{
    cw_daemon dd = {0}, *d = &dd;
    d->cfg = cfg;
    d->eos = cfg->exactly_once;
    d->txn_id = cw_config_transactional_id(cfg);
    d->checkpoint_topic = cw_config_checkpoint_topic(cfg);
    d->pipefd[0] = d->pipefd[1] = -1;
    d->stats.in_by_topic = cw_xcalloc(cfg->ninput_topics ? cfg->ninput_topics : 1, sizeof *d->stats.in_by_topic);
    d->stats.consumer_lag = -1;
    d->brokers_up = -1;
    d->last_input_ms = now_ms();

    d->sink = (cw_sink){sink_alert, sink_dead, sink_done, d};
    d->engine = cw_engine_new(cfg, rules, &d->sink);
    d->base = event_base_new();
    if (!d->base) {
        cw_err("cannot create the event loop");
        free_all(d);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    running = d;
    int code = 1;
    if (!make_producer(d) || !make_consumer(d))
        goto out;
    if (cfg->rebuild) {
        retention_ask(d);
        d->ev_retention = add_timer(d, on_retention_timer, 250);
    }

    d->ev_consumer = event_new(d->base, d->pipefd[0], EV_READ | EV_PERSIST, on_consumer, d);
    event_add(d->ev_consumer, NULL);
    d->ev_resume = evtimer_new(d->base, on_resume, d);
    d->ev_dr = add_timer(d, on_dr_timer, DR_POLL_MS);
    d->ev_retry = add_timer(d, on_retry_timer, RETRY_TICK_MS);
    d->ev_commit = add_timer(d, on_commit_timer, cfg->commit_interval_ms);
    d->ev_eof = add_timer(d, on_eof_timer, 100);
    if (cfg->idle_flush_ms > 0) {
        int64_t tick = cfg->idle_flush_ms / 4;
        d->ev_idle = add_timer(d, on_idle_timer, tick < 10 ? 10 : tick > 250 ? 250 : tick);
    }
    const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (int i = 0; i < 3; i++) {
        d->ev_sig[i] = evsignal_new(d->base, sigs[i], on_signal, d);
        event_add(d->ev_sig[i], NULL);
    }
    if (cfg->http_listen && *cfg->http_listen) {
        cw_http_handlers h = {http_metrics, http_ready, d};
        d->http = cw_http_start(d->base, cfg->http_listen, &h);
        if (!d->http)
            cw_err("http: endpoints off; the daemon runs on without them");
    }
    log_start(d);
    notify_start(d);
    /* the queue may have filled before the pipe was watched */
    struct timeval now = {0, 0};
    evtimer_add(d->ev_resume, &now);

    event_base_dispatch(d->base);
    code = d->exit_code;

out:;
    if (!d->stopping) { /* a startup failure: say so before the exit does */
        d->stopping = true;
        if (d->notify || getenv("NOTIFY_SOCKET"))
            sd_notify(0, "STOPPING=1\nSTATUS=startup failed");
    }
    int stop_code = shutdown_all(d);
    if (stop_code > code)
        code = stop_code;
    const cw_engine_stats *es = cw_engine_stats_get(d->engine);
    cw_info("cargowatchd: stopped: %" PRIu64 " messages read, %" PRIu64 " alerts and %" PRIu64
            " dead letters delivered, %" PRIu64 " bad, %" PRIu64 " duplicates, %" PRIu64 " late, %" PRIu64
            " delivery errors; exit %d",
            d->stats.messages_in, d->stats.alerts_delivered, d->stats.dead_delivered, es->bad, es->duplicates,
            es->late, d->stats.delivery_errors, code);
    running = NULL;
    free_all(d);
    return code;
}

/* --- stats and metrics --- */

const cw_kafka_stats *cw_kafka_stats_get(void) { return running ? &running->stats : NULL; }

void cw_kafka_metrics(cw_buf *b)
{
    cw_daemon *d = running;
    if (!d)
        return;
    const cw_kafka_stats *s = &d->stats;
    char labels[512];

    cw_prom_header(b, "cargowatch_messages_in_total", "counter", "Input messages read, by topic.");
    for (size_t i = 0; i < d->cfg->ninput_topics; i++) {
        snprintf(labels, sizeof labels, "topic=\"%s\"", d->cfg->input_topics[i]);
        cw_prom_sample(b, "cargowatch_messages_in_total", labels, (double)s->in_by_topic[i]);
    }
    metric(b, "cargowatch_bytes_in_total", "counter", "Input bytes read.", (double)s->bytes_in);
    metric(b, "cargowatch_partition_eof_total", "counter", "End-of-partition events.", (double)s->eofs);
    metric(b, "cargowatch_consumer_errors_total", "counter", "Consumer errors.", (double)s->consumer_errors);
    cw_prom_header(b, "cargowatch_produced_total", "counter", "Outputs produced, by kind.");
    cw_prom_sample(b, "cargowatch_produced_total", "kind=\"alert\"", (double)s->alerts_produced);
    cw_prom_sample(b, "cargowatch_produced_total", "kind=\"deadletter\"", (double)s->dead_produced);
    cw_prom_header(b, "cargowatch_delivered_total", "counter", "Outputs acknowledged by the broker, by kind.");
    cw_prom_sample(b, "cargowatch_delivered_total", "kind=\"alert\"", (double)s->alerts_delivered);
    cw_prom_sample(b, "cargowatch_delivered_total", "kind=\"deadletter\"", (double)s->dead_delivered);
    metric(b, "cargowatch_delivery_errors_total", "counter", "Failed deliveries (each is produced again).",
           (double)s->delivery_errors);
    metric(b, "cargowatch_delivery_retries_total", "counter", "Outputs produced again.", (double)s->delivery_retries);
    metric(b, "cargowatch_outputs_pending", "gauge", "Outputs produced, not yet acknowledged.",
           (double)s->outputs_pending);
    metric(b, "cargowatch_rebuilt_messages_total", "counter",
           "Messages read again on start to rebuild the windows (below the committed offset).", (double)s->rebuilt);
    metric(b, "cargowatch_suppressed_alerts_total", "counter",
           "Alerts sent by an earlier run and raised again (while rebuilding, or found on the alert topic), not sent again.", (double)s->suppressed);
    metric(b, "cargowatch_uncommitted_messages", "gauge", "Messages read whose offsets cannot be committed yet.",
           (double)s->uncommitted);
    metric(b, "cargowatch_commits_total", "counter", "Offset commits (exactly once: transactions committed).",
           (double)s->commits);
    metric(b, "cargowatch_commit_errors_total", "counter", "Failed offset commits (or transaction calls).",
           (double)s->commit_errors);
    if (d->eos) {
        metric(b, "cargowatch_transaction_aborts_total", "counter", "Transactions aborted.", (double)s->txn_aborts);
        metric(b, "cargowatch_rewinds_total", "counter", "Returns to the last checkpoint after an aborted transaction.",
               (double)s->rewinds);
    }
    metric(b, "cargowatch_rebalances_total", "counter", "Consumer group rebalance events.", (double)s->rebalances);
    metric(b, "cargowatch_assigned_partitions", "gauge", "Input partitions assigned.", (double)s->assigned);
    metric(b, "cargowatch_idle_flushes_total", "counter", "Reorder buffer releases after quiet input.",
           (double)s->idle_flushes);
    metric(b, "cargowatch_rule_reloads_total", "counter", "Successful rule reloads.", (double)s->reloads);
    metric(b, "cargowatch_rule_reload_failures_total", "counter", "Refused rule reloads.",
           (double)s->reload_failures);
    if (s->consumer_lag >= 0)
        metric(b, "cargowatch_consumer_lag", "gauge",
               "Consumer lag (messages) summed over assigned partitions, from librdkafka statistics.",
               (double)s->consumer_lag);
    if (d->brokers_up >= 0)
        metric(b, "cargowatch_brokers_up", "gauge", "Brokers the consumer is connected to, from librdkafka statistics.",
               (double)d->brokers_up);
    metric(b, "cargowatch_ready", "gauge", "1 when /readyz answers 200.", ready_now(d) ? 1 : 0);
    cw_prom_header(b, "cargowatch_kafka_errors_total", "counter",
                   "Kafka errors (client errors, failed deliveries and commits), by librdkafka error name.");
    for (size_t i = 0; i < d->nerrors; i++) {
        snprintf(labels, sizeof labels, "error=\"%s\"", rd_kafka_err2name(d->errors[i].err));
        cw_prom_sample(b, "cargowatch_kafka_errors_total", labels, (double)d->errors[i].n);
    }

    /* per partition: what is committed, and how far the log goes */
    static const char *const pm[] = {"cargowatch_partition_committed_offset", "cargowatch_partition_high_watermark",
                                     "cargowatch_partition_commit_lag"};
    static const char *const ph[] = {"Last committed offset (the next to read).",
                                     "High watermark as last fetched.",
                                     "High watermark minus committed offset."};
    for (int k = 0; k < 3; k++) {
        cw_prom_header(b, pm[k], "gauge", ph[k]);
        for (size_t i = 0; i < d->nparts; i++) {
            part *p = d->parts[i];
            if (!p->assigned)
                continue;
            int64_t lo = -1, hi = -1;
            if (d->consumer)
                rd_kafka_get_watermark_offsets(d->consumer, p->topic, p->partition, &lo, &hi);
            snprintf(labels, sizeof labels, "topic=\"%s\",partition=\"%" PRId32 "\"", p->topic, p->partition);
            int64_t committed = p->committed >= 0 ? p->committed : 0;
            double v = k == 0 ? (double)p->committed : k == 1 ? (double)hi : (double)(hi >= 0 ? hi - committed : -1);
            cw_prom_sample(b, pm[k], labels, v);
        }
    }

    /* the engine's */
    const cw_engine_stats *e = cw_engine_stats_get(d->engine);
    cw_prom_header(b, "cargowatch_engine_messages_total", "counter", "Messages decoded, by type.");
    cw_prom_sample(b, "cargowatch_engine_messages_total", "type=\"manifest\"", (double)e->in_manifest);
    cw_prom_sample(b, "cargowatch_engine_messages_total", "type=\"insurance\"", (double)e->in_insurance);
    cw_prom_header(b, "cargowatch_bad_messages_total", "counter", "Messages refused to the dead-letter topic.");
    for (int i = 0; i < CW_BAD_REASONS; i++) {
        snprintf(labels, sizeof labels, "reason=\"%s\"", cw_bad_reason_names[i]);
        cw_prom_sample(b, "cargowatch_bad_messages_total", labels, (double)e->bad_by_reason[i]);
    }
    metric(b, "cargowatch_duplicates_total", "counter", "Messages seen before (by id).", (double)e->duplicates);
    metric(b, "cargowatch_late_total", "counter", "Messages later than the allowed lateness.", (double)e->late);
    metric(b, "cargowatch_amendments_total", "counter", "Manifest amendments.", (double)e->amendments);
    metric(b, "cargowatch_cancels_total", "counter", "Manifest cancellations.", (double)e->cancels);
    cw_prom_header(b, "cargowatch_alerts_total", "counter", "Alerts raised, by severity.");
    for (int i = 0; i < 5; i++) {
        snprintf(labels, sizeof labels, "severity=\"%s\"", cw_severity_names[i]);
        cw_prom_sample(b, "cargowatch_alerts_total", labels, (double)e->alerts_by_severity[i]);
    }
    cw_prom_header(b, "cargowatch_rule_alerts_total", "counter",
                   "Alerts raised, by rule and severity (rules that raised at least one).");
    for (size_t i = 0; i < d->nrules_seen; i++) {
        for (int k = 0; k < 5; k++) {
            if (!d->rules_seen[i].n[k])
                continue;
            cw_buf l = {0};
            cw_buf_puts(&l, "rule=\"");
            prom_escape(&l, d->rules_seen[i].rule);
            cw_buf_printf(&l, "\",severity=\"%s\"", cw_severity_names[k]);
            cw_prom_sample(b, "cargowatch_rule_alerts_total", l.p, (double)d->rules_seen[i].n[k]);
            cw_buf_free(&l);
        }
    }
    cw_prom_header(b, "cargowatch_processing_latency_seconds", "histogram",
                   "From a message's read to the engine being done with it (reorder wait included).");
    uint64_t cum = 0;
    for (size_t i = 0; i <= NLAT; i++) {
        cum += d->lat_buckets[i];
        if (i < NLAT)
            snprintf(labels, sizeof labels, "le=\"%g\"", lat_bounds[i]);
        else
            snprintf(labels, sizeof labels, "le=\"+Inf\"");
        cw_prom_sample(b, "cargowatch_processing_latency_seconds_bucket", labels, (double)cum);
    }
    cw_prom_sample(b, "cargowatch_processing_latency_seconds_sum", NULL, d->lat_sum);
    cw_prom_sample(b, "cargowatch_processing_latency_seconds_count", NULL, (double)d->lat_count);
    metric(b, "cargowatch_window_evictions_total", "counter", "Window entries dropped by limits.max_window_entries or max_window_bytes.",
           (double)e->evicted);
    metric(b, "cargowatch_pattern_limit_hits_total", "counter", "Pattern matches cut short by a PCRE2 limit.",
           (double)e->pattern_limit_hits);
    metric(b, "cargowatch_reorder_buffered", "gauge", "Messages in the reorder buffer.", (double)e->buffered);
    metric(b, "cargowatch_window_shipments", "gauge", "Shipments held in the correlation window.",
           (double)e->window_shipments);
    metric(b, "cargowatch_window_bytes", "gauge", "Memory the shipments in the correlation window hold.",
           (double)e->window_bytes);
    snprintf(labels, sizeof labels, "version=\"%s\"", cw_rules_version(cw_engine_rules(d->engine)));
    cw_prom_header(b, "cargowatch_rules_info", "gauge", "The rules in use.");
    cw_prom_sample(b, "cargowatch_rules_info", labels, 1);
}
