/* config.h: the daemon's configuration (config/cargowatch.yaml).
 *
 * Owns every setting and its default.  cw_config_defaults() fills the
 * built-in defaults; cw_config_load() overlays a YAML file on them and
 * reports "file:line: reason" on error.  The `kafka:` map is kept as
 * key/value pairs handed to librdkafka unchanged.
 */
#ifndef CW_CONFIG_H
#define CW_CONFIG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *key, *value;
} cw_kv;

typedef struct cw_config {
    char *brokers;          /* "localhost:9092" */
    char *group;            /* "cargowatch" */
    char *group_instance;   /* static membership id; default "<hostname>-cargowatchd" */
    char **input_topics;    /* cargo.manifests, cargo.insurance */
    size_t ninput_topics;
    char *alert_topic;      /* cargo.alerts */
    char *deadletter_topic; /* cargo.deadletter */
    char *checkpoint_topic; /* exactly once: consumed offsets; NULL = "<alert_topic>.checkpoints" */
    char *rules_dir;        /* CW_RULES_DIR (build-time), else "rules" */
    char *http_listen;      /* "127.0.0.1:9464" */
    int exactly_once;       /* processing.guarantee: exactly_once (0 = at_least_once) */
    int rebuild;            /* processing.rebuild: re-read the window on assignment (default 1) */
    char *transactional_id; /* processing.transactional_id; NULL = "<group>-<group_instance>" */
    int64_t commit_interval_ms; /* processing.commit_interval: 1s */
    uint64_t commit_messages;   /* processing.commit_messages: exactly once, commit sooner after this many inputs */

    /* engine, all in event time */
    int64_t window_ms;          /* windows.correlation: 90d */
    int64_t lateness_ms;        /* windows.allowed_lateness: 1h */
    int64_t idle_flush_ms;      /* windows.idle_flush: 2s of wall clock with no input releases the reorder buffer */
    int64_t partition_idle_ms;  /* windows.partition_idle: 500ms at its end, a partition stops holding the watermark */
    size_t max_message_bytes;   /* limits.max_message_bytes: 1 MiB; larger goes to dead letter */
    size_t max_window_entries;  /* limits.max_window_entries: 2,000,000 */
    size_t max_window_bytes;    /* limits.max_window_bytes: 2 GiB held by the windows' shipments */

    int log_level;              /* syslog priority, LOG_INFO */

    cw_kv *kafka;               /* passed through to librdkafka */
    size_t nkafka;
} cw_config;

void cw_config_defaults(cw_config *c);
/* 0 on success; -1 with a "file:line: reason" message in err. */
int cw_config_load(cw_config *c, const char *path, char *err, size_t errlen);
void cw_config_free(cw_config *c);

/* The checkpoint topic and the transactional id, defaults derived from
 * the other settings; the caller frees them. */
char *cw_config_checkpoint_topic(const cw_config *c);
char *cw_config_transactional_id(const cw_config *c);

/* "90d", "12h", "30m", "10s", "500ms" or a bare number of seconds. -1 if invalid. */
int64_t cw_parse_duration_ms(const char *s);

#endif
