/* config.c: see config.h.
 *
 * The file is read with libyaml's document loader, so every node carries
 * its line, then walked section by section.  Every key is known here:
 * anything else is an error, as is a key given twice, so a typo never
 * silently leaves a default in place.  A load either succeeds whole or
 * leaves the configuration as it was.
 *
 * Values of secret settings (sasl.password, ssl.key.password, ssl.key.pem,
 * ...) never appear in an error message.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <yaml.h>

#include "util.h"

#ifndef CW_RULES_DIR
#define CW_RULES_DIR "rules"
#endif

#define MAX_MESSAGE_BYTES_LIMIT (256u << 20) /* leaves room under librdkafka's 1e9 cap */

/* --- defaults, copy, free --- */

static char *default_instance(void)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !*host)
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    cw_buf b = {0};
    cw_buf_printf(&b, "%s-cargowatchd", host);
    return b.p;
}

void cw_config_defaults(cw_config *c)
{
    memset(c, 0, sizeof *c);
    c->brokers = cw_xstrdup("localhost:9092");
    c->group = cw_xstrdup("cargowatch");
    c->group_instance = default_instance();
    c->ninput_topics = 2;
    c->input_topics = cw_xcalloc(2, sizeof *c->input_topics);
    c->input_topics[0] = cw_xstrdup("cargo.manifests");
    c->input_topics[1] = cw_xstrdup("cargo.insurance");
    c->alert_topic = cw_xstrdup("cargo.alerts");
    c->deadletter_topic = cw_xstrdup("cargo.deadletter");
    c->rules_dir = cw_xstrdup(CW_RULES_DIR);
    c->http_listen = cw_xstrdup("127.0.0.1:9464");
    c->exactly_once = 0;
    c->rebuild = 1;
    c->commit_interval_ms = 1000;
    c->commit_messages = 10000;
    c->window_ms = 90LL * 24 * 3600 * 1000;
    c->lateness_ms = 3600LL * 1000;
    c->idle_flush_ms = 2000;
    c->partition_idle_ms = 500;
    c->max_message_bytes = 1u << 20;
    c->max_window_entries = 2000000;
    c->max_window_bytes = (size_t)2 << 30;
    c->log_level = LOG_INFO;
    c->kafka = NULL;
    c->nkafka = 0;
}

static char *dup_or_null(const char *s) { return s ? cw_xstrdup(s) : NULL; }

static void config_copy(cw_config *dst, const cw_config *src)
{
    *dst = *src;
    dst->brokers = dup_or_null(src->brokers);
    dst->group = dup_or_null(src->group);
    dst->group_instance = dup_or_null(src->group_instance);
    dst->input_topics = src->ninput_topics ? cw_xcalloc(src->ninput_topics, sizeof *dst->input_topics) : NULL;
    for (size_t i = 0; i < src->ninput_topics; i++)
        dst->input_topics[i] = cw_xstrdup(src->input_topics[i]);
    dst->alert_topic = dup_or_null(src->alert_topic);
    dst->deadletter_topic = dup_or_null(src->deadletter_topic);
    dst->checkpoint_topic = dup_or_null(src->checkpoint_topic);
    dst->transactional_id = dup_or_null(src->transactional_id);
    dst->rules_dir = dup_or_null(src->rules_dir);
    dst->http_listen = dup_or_null(src->http_listen);
    dst->kafka = src->nkafka ? cw_xcalloc(src->nkafka, sizeof *dst->kafka) : NULL;
    for (size_t i = 0; i < src->nkafka; i++) {
        dst->kafka[i].key = cw_xstrdup(src->kafka[i].key);
        dst->kafka[i].value = cw_xstrdup(src->kafka[i].value);
    }
}

void cw_config_free(cw_config *c)
{
    free(c->brokers);
    free(c->group);
    free(c->group_instance);
    for (size_t i = 0; i < c->ninput_topics; i++)
        free(c->input_topics[i]);
    free(c->input_topics);
    free(c->alert_topic);
    free(c->deadletter_topic);
    free(c->checkpoint_topic);
    free(c->transactional_id);
    free(c->rules_dir);
    free(c->http_listen);
    for (size_t i = 0; i < c->nkafka; i++) {
        /* secrets do not outlive the configuration in freed memory */
        explicit_bzero(c->kafka[i].value, strlen(c->kafka[i].value));
        free(c->kafka[i].key);
        free(c->kafka[i].value);
    }
    free(c->kafka);
    memset(c, 0, sizeof *c);
}

char *cw_config_checkpoint_topic(const cw_config *c)
{
    cw_buf b = {0};
    if (c->checkpoint_topic)
        cw_buf_puts(&b, c->checkpoint_topic);
    else
        cw_buf_printf(&b, "%s.checkpoints", c->alert_topic);
    return b.p;
}

char *cw_config_transactional_id(const cw_config *c)
{
    cw_buf b = {0};
    if (c->transactional_id)
        cw_buf_puts(&b, c->transactional_id);
    else
        cw_buf_printf(&b, "%s-%s", c->group, *c->group_instance ? c->group_instance : "cargowatchd");
    return b.p;
}

/* --- value parsers --- */

int64_t cw_parse_duration_ms(const char *s)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    int64_t v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    int64_t unit;
    if (!*p || !strcmp(p, "s"))
        unit = 1000;
    else if (!strcmp(p, "ms"))
        unit = 1;
    else if (!strcmp(p, "m"))
        unit = 60 * 1000;
    else if (!strcmp(p, "h"))
        unit = 3600 * 1000;
    else if (!strcmp(p, "d"))
        unit = 24 * 3600 * 1000;
    else
        return -1;
    if (v > INT64_MAX / unit)
        return -1;
    return v * unit;
}

/* "1048576", "1_048_576", "1024KiB", "1MiB", "1GiB".  false if invalid. */
static bool parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    const char *p = s;
    bool digits = false;
    for (; (*p >= '0' && *p <= '9') || (*p == '_' && digits); p++) {
        if (*p == '_')
            continue;
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
        digits = true;
    }
    if (!digits)
        return false;
    uint64_t unit = 1;
    if (!strcmp(p, "KiB"))
        unit = 1u << 10;
    else if (!strcmp(p, "MiB"))
        unit = 1u << 20;
    else if (!strcmp(p, "GiB"))
        unit = 1u << 30;
    else if (*p)
        return false;
    if (v > UINT64_MAX / unit)
        return false;
    *out = v * unit;
    return true;
}

/* Settings whose values must never be shown. */
static bool secret_key(const char *k)
{
    return strstr(k, "password") || strstr(k, "secret") || !strcmp(k, "ssl.key.pem") ||
           !strcmp(k, "ssl_key") || !strcmp(k, "sasl.oauthbearer.config");
}

/* librdkafka settings the daemon owns: set elsewhere, or fixed because the
 * delivery guarantee rests on them.  Each maps to the reason shown. */
static const struct {
    const char *key, *why;
} reserved[] = {
    {"bootstrap.servers", "set it with the top-level `brokers:`"},
    {"metadata.broker.list", "set it with the top-level `brokers:`"},
    {"group.id", "set it with the top-level `group:`"},
    {"group.instance.id", "set it with the top-level `group_instance_id:`"},
    {"enable.auto.commit", "the daemon commits only what its alerts' delivery allows"},
    {"enable.auto.offset.store", "the daemon commits only what its alerts' delivery allows"},
    {"enable.partition.eof", "the daemon needs end-of-partition events to release its buffer"},
    {"enable.idempotence", "alerts are always produced idempotently"},
    {"acks", "alerts are always acknowledged by all in-sync replicas"},
    {"request.required.acks", "alerts are always acknowledged by all in-sync replicas"},
    {"transactional.id", "set by `processing.guarantee: exactly_once`"},
    {"isolation.level", "set by `processing.guarantee`"},
};

/* --- the walk --- */

typedef struct {
    const char *file;
    yaml_document_t *doc;
    char *err;
    size_t errlen;
    const yaml_node_t *topics, *windows; /* where check_whole points */
} ctx;

static int fail(ctx *x, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(ctx *x, const yaml_node_t *n, const char *fmt, ...)
{
    int k = snprintf(x->err, x->errlen, "%s:%zu: ", x->file, n ? n->start_mark.line + 1 : (size_t)1);
    if (k < 0 || (size_t)k >= x->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err + k, x->errlen - (size_t)k, fmt, ap);
    va_end(ap);
    cw_one_line(x->err + k); /* keys and values are echoed: one line, whatever they hold */
    return -1;
}

static const char *scalar(const yaml_node_t *n) { return (const char *)n->data.scalar.value; }

static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = scalar(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static const char *node_kind(const yaml_node_t *n)
{
    return n->type == YAML_MAPPING_NODE ? "a mapping" : n->type == YAML_SEQUENCE_NODE ? "a list" : "a value";
}

/* A string value; allow_empty lets null or "" through as "". */
static int get_str(ctx *x, const yaml_node_t *v, const char *key, bool allow_empty, char **out)
{
    if (v->type != YAML_SCALAR_NODE)
        return fail(x, v, "%s: expected a string, found %s", key, node_kind(v));
    const char *s = is_null(v) ? "" : scalar(v);
    if (!*s && !allow_empty)
        return fail(x, v, "%s: must not be empty", key);
    free(*out);
    *out = cw_xstrdup(s);
    return 0;
}

static int get_duration(ctx *x, const yaml_node_t *v, const char *key, bool positive, int64_t *out)
{
    if (v->type != YAML_SCALAR_NODE || is_null(v))
        return fail(x, v, "%s: expected a duration such as 90d, 1h, 30m, 2s or 500ms", key);
    int64_t ms = cw_parse_duration_ms(scalar(v));
    if (ms < 0)
        return fail(x, v, "%s: \"%s\" is not a duration (90d, 12h, 30m, 10s, 500ms or a number of seconds)", key,
                    scalar(v));
    if (positive && ms == 0)
        return fail(x, v, "%s: must be longer than zero", key);
    *out = ms;
    return 0;
}

static int get_size(ctx *x, const yaml_node_t *v, const char *key, uint64_t max, size_t *out)
{
    uint64_t n;
    if (v->type != YAML_SCALAR_NODE || is_null(v) || !parse_size(scalar(v), &n))
        return fail(x, v, "%s: expected a whole number%s", key,
                    !strcmp(key, "limits.max_message_bytes") ? " of bytes (or with KiB, MiB, GiB)" : "");
    if (n < 1 || n > max)
        return fail(x, v, "%s: %llu is out of range 1..%llu", key, (unsigned long long)n, (unsigned long long)max);
    *out = (size_t)n;
    return 0;
}

/* Iterate a mapping's pairs, refusing non-scalar and repeated keys.  On
 * each pair, calls fn(x, key, keynode, value, arg); fn returns 0 or -1. */
typedef int (*pair_fn)(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg);

static int each_pair(ctx *x, const yaml_node_t *map, const char *where, pair_fn fn, void *arg)
{
    if (map->type != YAML_MAPPING_NODE) {
        if (is_null(map))
            return 0; /* "section:" with nothing under it keeps the defaults */
        return fail(x, map, "%s: expected a mapping, found %s", where, node_kind(map));
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(x->doc, p->value);
        if (!k || !v || k->type != YAML_SCALAR_NODE)
            return fail(x, k, "%s: keys must be plain names", where);
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            const yaml_node_t *k2 = yaml_document_get_node(x->doc, q->key);
            if (k2 && k2->type == YAML_SCALAR_NODE && !strcmp(scalar(k2), scalar(k)))
                return fail(x, k, "%s%s%s: given twice (first on line %zu)", where, *where ? "." : "", scalar(k),
                            k2->start_mark.line + 1);
        }
        if (fn(x, scalar(k), k, v, arg) != 0)
            return -1;
    }
    return 0;
}

static int unknown(ctx *x, const yaml_node_t *k, const char *section, const char *key, const char *known)
{
    return fail(x, k, "unknown key \"%s%s%s\" (known here: %s)", section, *section ? "." : "", key, known);
}

static int on_topics(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (!strcmp(key, "alerts"))
        return get_str(x, v, "topics.alerts", false, &c->alert_topic);
    if (!strcmp(key, "deadletter"))
        return get_str(x, v, "topics.deadletter", false, &c->deadletter_topic);
    if (!strcmp(key, "checkpoints"))
        return get_str(x, v, "topics.checkpoints", false, &c->checkpoint_topic);
    if (strcmp(key, "inputs"))
        return unknown(x, k, "topics", key, "inputs, alerts, deadletter, checkpoints");

    char **topics;
    size_t n = 0;
    if (v->type == YAML_SCALAR_NODE && !is_null(v)) {
        topics = cw_xcalloc(1, sizeof *topics);
        topics[n++] = cw_xstrdup(scalar(v));
    } else if (v->type == YAML_SEQUENCE_NODE) {
        size_t cap = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
        topics = cw_xcalloc(cap ? cap : 1, sizeof *topics);
        for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
            const yaml_node_t *t = yaml_document_get_node(x->doc, *i);
            if (!t || t->type != YAML_SCALAR_NODE || is_null(t) || !*scalar(t)) {
                for (size_t j = 0; j < n; j++)
                    free(topics[j]);
                free(topics);
                return fail(x, t ? t : v, "topics.inputs: each entry must be a topic name");
            }
            topics[n++] = cw_xstrdup(scalar(t));
        }
    } else {
        return fail(x, v, "topics.inputs: expected a list of topic names");
    }
    if (!n) {
        free(topics);
        return fail(x, v, "topics.inputs: needs at least one topic");
    }
    for (size_t i = 0; i < c->ninput_topics; i++)
        free(c->input_topics[i]);
    free(c->input_topics);
    c->input_topics = topics;
    c->ninput_topics = n;
    return 0;
}

static int on_http(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (strcmp(key, "listen"))
        return unknown(x, k, "http", key, "listen");
    if (get_str(x, v, "http.listen", true, &c->http_listen) != 0)
        return -1;
    if (*c->http_listen && !strrchr(c->http_listen, ':'))
        return fail(x, v, "http.listen: expected HOST:PORT, such as 127.0.0.1:9464");
    return 0;
}

static int on_processing(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    const char *s = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
    if (!strcmp(key, "rebuild")) {
        if (!strcmp(s, "true") || !strcmp(s, "yes"))
            c->rebuild = 1;
        else if (!strcmp(s, "false") || !strcmp(s, "no"))
            c->rebuild = 0;
        else
            return fail(x, v, "processing.rebuild: expected true or false");
        return 0;
    }
    if (!strcmp(key, "transactional_id"))
        return get_str(x, v, "processing.transactional_id", false, &c->transactional_id);
    if (!strcmp(key, "commit_interval"))
        return get_duration(x, v, "processing.commit_interval", true, &c->commit_interval_ms);
    if (!strcmp(key, "commit_messages")) {
        size_t n;
        if (get_size(x, v, "processing.commit_messages", 100000000, &n) != 0)
            return -1;
        if (!n)
            return fail(x, v, "processing.commit_messages: expected a count above 0");
        c->commit_messages = n;
        return 0;
    }
    if (strcmp(key, "guarantee"))
        return unknown(x, k, "processing", key,
                       "guarantee, rebuild, transactional_id, commit_interval, commit_messages");
    if (!strcmp(s, "at_least_once"))
        c->exactly_once = 0;
    else if (!strcmp(s, "exactly_once"))
        c->exactly_once = 1;
    else
        return fail(x, v, "processing.guarantee: expected at_least_once or exactly_once");
    return 0;
}

static int on_windows(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (!strcmp(key, "correlation"))
        return get_duration(x, v, "windows.correlation", true, &c->window_ms);
    if (!strcmp(key, "allowed_lateness"))
        return get_duration(x, v, "windows.allowed_lateness", false, &c->lateness_ms);
    if (!strcmp(key, "idle_flush"))
        return get_duration(x, v, "windows.idle_flush", false, &c->idle_flush_ms);
    if (!strcmp(key, "partition_idle"))
        return get_duration(x, v, "windows.partition_idle", false, &c->partition_idle_ms);
    return unknown(x, k, "windows", key, "correlation, allowed_lateness, idle_flush, partition_idle");
}

static int on_limits(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (!strcmp(key, "max_message_bytes"))
        return get_size(x, v, "limits.max_message_bytes", MAX_MESSAGE_BYTES_LIMIT, &c->max_message_bytes);
    if (!strcmp(key, "max_window_entries"))
        return get_size(x, v, "limits.max_window_entries", (uint64_t)1 << 40, &c->max_window_entries);
    if (!strcmp(key, "max_window_bytes"))
        return get_size(x, v, "limits.max_window_bytes", (uint64_t)1 << 50, &c->max_window_bytes);
    return unknown(x, k, "limits", key, "max_message_bytes, max_window_entries, max_window_bytes");
}

static int on_log(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (strcmp(key, "level"))
        return unknown(x, k, "log", key, "level");
    static const struct {
        const char *name;
        int level;
    } levels[] = {
        {"error", LOG_ERR}, {"warning", LOG_WARNING}, {"warn", LOG_WARNING},
        {"notice", LOG_NOTICE}, {"info", LOG_INFO}, {"debug", LOG_DEBUG},
    };
    const char *s = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        if (!strcmp(s, levels[i].name)) {
            c->log_level = levels[i].level;
            return 0;
        }
    return fail(x, v, "log.level: expected error, warning, notice, info or debug");
}

typedef struct {
    cw_config *c;
    rd_kafka_conf_t *probe; /* checks each setting as librdkafka would */
} kafka_arg;

static int on_kafka(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    kafka_arg *a = arg;
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (!strcmp(key, reserved[i].key))
            return fail(x, k, "kafka.%s: not settable here: %s", key, reserved[i].why);
    if (!strcmp(key, "dr_cb") || !strcmp(key, "dr_msg_cb") || !strncmp(key, "default_topic_conf", 18))
        return fail(x, k, "kafka.%s: not a setting", key);
    bool secret = secret_key(key);
    if (v->type != YAML_SCALAR_NODE || is_null(v))
        return fail(x, v, "kafka.%s: expected a value, found %s", key, is_null(v) ? "nothing" : node_kind(v));

    char why[512];
    rd_kafka_conf_res_t r = rd_kafka_conf_set(a->probe, key, scalar(v), why, sizeof why);
    if (r == RD_KAFKA_CONF_UNKNOWN)
        return fail(x, k, "kafka.%s: librdkafka has no such setting", key);
    if (r != RD_KAFKA_CONF_OK) {
        if (secret)
            return fail(x, v, "kafka.%s: librdkafka refused the value (not shown: it is a secret)", key);
        return fail(x, v, "kafka.%s: %s", key, why);
    }
    cw_config *c = a->c;
    for (size_t i = 0; i < c->nkafka; i++)
        if (!strcmp(c->kafka[i].key, key)) {
            explicit_bzero(c->kafka[i].value, strlen(c->kafka[i].value));
            free(c->kafka[i].value);
            c->kafka[i].value = cw_xstrdup(scalar(v));
            return 0;
        }
    c->kafka = cw_xrealloc(c->kafka, (c->nkafka + 1) * sizeof *c->kafka);
    c->kafka[c->nkafka].key = cw_xstrdup(key);
    c->kafka[c->nkafka].value = cw_xstrdup(scalar(v));
    c->nkafka++;
    return 0;
}

static int on_top(ctx *x, const char *key, const yaml_node_t *k, const yaml_node_t *v, void *arg)
{
    cw_config *c = arg;
    if (!strcmp(key, "brokers"))
        return get_str(x, v, "brokers", false, &c->brokers);
    if (!strcmp(key, "group"))
        return get_str(x, v, "group", false, &c->group);
    if (!strcmp(key, "group_instance_id"))
        return get_str(x, v, "group_instance_id", true, &c->group_instance);
    if (!strcmp(key, "rules_dir"))
        return get_str(x, v, "rules_dir", false, &c->rules_dir);
    if (!strcmp(key, "topics") && (x->topics = k))
        return each_pair(x, v, "topics", on_topics, c);
    if (!strcmp(key, "http"))
        return each_pair(x, v, "http", on_http, c);
    if (!strcmp(key, "processing"))
        return each_pair(x, v, "processing", on_processing, c);
    if (!strcmp(key, "windows") && (x->windows = k))
        return each_pair(x, v, "windows", on_windows, c);
    if (!strcmp(key, "limits"))
        return each_pair(x, v, "limits", on_limits, c);
    if (!strcmp(key, "log"))
        return each_pair(x, v, "log", on_log, c);
    if (!strcmp(key, "kafka")) {
        kafka_arg a = {c, rd_kafka_conf_new()};
        int r = each_pair(x, v, "kafka", on_kafka, &a);
        rd_kafka_conf_destroy(a.probe);
        return r;
    }
    return unknown(x, k, "", key,
                   "brokers, group, group_instance_id, topics, rules_dir, http, processing, windows, limits, log, "
                   "kafka");
}

/* Settings that are each valid but do not fit together. */
static int check_whole(ctx *x, const cw_config *c)
{
    char *checkpoints = cw_config_checkpoint_topic(c);
    for (size_t i = 0; i < c->ninput_topics; i++) {
        const char *t = c->input_topics[i];
        if (!strcmp(t, c->alert_topic) || !strcmp(t, c->deadletter_topic) || !strcmp(t, checkpoints)) {
            free(checkpoints);
            return fail(x, x->topics, "topics: %s is both an input and an output: the daemon would read its own output",
                        t);
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(t, c->input_topics[j])) {
                free(checkpoints);
                return fail(x, x->topics, "topics.inputs: %s is listed twice", t);
            }
    }
    free(checkpoints);
    if (c->idle_flush_ms && c->idle_flush_ms > c->window_ms)
        return fail(x, x->windows, "windows.idle_flush is longer than windows.correlation");
    return 0;
}

int cw_config_load(cw_config *c, const char *path, char *err, size_t errlen)
{
    char dummy[1];
    if (!err || !errlen)
        err = dummy, errlen = sizeof dummy;
    err[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s:0: cannot open: %s", path, strerror(errno));
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        fclose(f);
        snprintf(err, errlen, "%s:0: out of memory", path);
        return -1;
    }
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        const yaml_mark_t *m = parser.problem_mark.line || parser.problem_mark.column ? &parser.problem_mark
                                                                                      : &parser.context_mark;
        snprintf(err, errlen, "%s:%zu: YAML: %s%s%s", path, m->line + 1,
                 parser.problem ? parser.problem : "syntax error", parser.context ? " " : "",
                 parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        fclose(f);
        return -1;
    }

    ctx x = {path, &doc, err, errlen, NULL, NULL};
    cw_config tmp;
    config_copy(&tmp, c);
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && !is_null(root))
        rc = each_pair(&x, root, "", on_top, &tmp);
    if (rc == 0) {
        /* a second document in the file would be silently ignored */
        yaml_document_t extra;
        if (yaml_parser_load(&parser, &extra)) {
            if (yaml_document_get_root_node(&extra))
                rc = fail(&x, yaml_document_get_root_node(&extra),
                          "a second YAML document: the configuration is one document");
            yaml_document_delete(&extra);
        }
    }
    if (rc == 0)
        rc = check_whole(&x, &tmp);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);

    if (rc == 0) {
        cw_config_free(c);
        *c = tmp;
    } else {
        cw_config_free(&tmp);
    }
    return rc;
}
