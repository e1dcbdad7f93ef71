/* kafka.h: the engine's Kafka driver, the daemon proper.
 *
 * Owns the libevent loop, the consumer of the input topics (a consumer
 * group with static membership, its queue bridged onto the loop), the
 * idempotent producer of alerts and dead letters, the offset commits, the
 * rebalance handling, signals (SIGTERM/SIGINT stop, SIGHUP reloads the
 * rules), the operator's HTTP endpoints, and the service manager's
 * protocol (sd_notify: READY, STATUS, RELOADING, STOPPING and a watchdog
 * pinged from the loop; no-ops outside systemd).
 *
 * Delivery guarantee (at least once): the offset of an input message is
 * committed only once the engine is done with it and every alert and dead
 * letter it caused has been acknowledged by the broker.  Per partition, the
 * messages read form a queue in offset order; the commit point is the first
 * one not yet both done and fully delivered.  A failed delivery is logged
 * and produced again, never dropped, and holds the commit point back.
 *
 * Exactly once (processing.guarantee: exactly_once): the producer is
 * transactional; each transaction carries the alerts and dead letters of a
 * stretch of input, the commit points (send_offsets_to_transaction), and
 * the same commit points as checkpoint records on the checkpoint topic,
 * from which a restarted or newly assigned instance resumes where the
 * group's offsets do not say (librdkafka 2.0's mock cluster).  An aborted
 * transaction sends the daemon back to the last checkpoint; a fatal error
 * (fenced) stops it with exit code 1.
 */
#ifndef CW_KAFKA_H
#define CW_KAFKA_H

#include <stdint.h>

#include "config.h"
#include "rules.h"
#include "util.h"

/* Runs the daemon until SIGTERM or SIGINT; takes ownership of rules.
 * Returns the process exit code: 0 after a clean stop (alerts delivered,
 * offsets committed), 1 on a startup or fatal error, or when some alerts
 * could not be delivered before the stop (their input offsets are then
 * left uncommitted, so the next run produces them again). */
int cw_daemon_run(const cw_config *cfg, cw_ruleset *rules);

/* The driver's counters; cw_engine_stats has the engine's. */
typedef struct cw_kafka_stats {
    uint64_t messages_in, bytes_in;
    uint64_t *in_by_topic;       /* one per cfg->input_topics */
    uint64_t eofs;               /* end-of-partition events */
    uint64_t consumer_errors;
    uint64_t alerts_produced, alerts_delivered;
    uint64_t dead_produced, dead_delivered;
    uint64_t delivery_errors;    /* failed deliveries (each is retried) */
    uint64_t delivery_retries;
    uint64_t commits, commit_errors; /* exactly once: transactions committed, and failed calls */
    uint64_t txn_aborts;         /* exactly once: transactions aborted */
    uint64_t rewinds;            /* exactly once: returns to the last checkpoint after an abort */
    uint64_t rebalances;
    uint64_t idle_flushes;
    uint64_t rebuilt;            /* messages read again to rebuild state after a (re)start */
    uint64_t suppressed;         /* alerts sent by an earlier run, raised again, not sent again */
    uint64_t reloads, reload_failures;
    uint64_t assigned;           /* partitions assigned now */
    uint64_t uncommitted;        /* messages read whose offsets cannot be committed yet */
    uint64_t outputs_pending;    /* alerts and dead letters produced, not yet acknowledged */
    int64_t consumer_lag;        /* from librdkafka statistics (statistics.interval.ms); -1 unknown */
} cw_kafka_stats;

/* The running daemon's counters; NULL when no daemon runs.  Loop thread only. */
const cw_kafka_stats *cw_kafka_stats_get(void);

/* The running daemon's metrics, driver and engine, in Prometheus text
 * format (what /metrics serves).  Loop thread only. */
void cw_kafka_metrics(cw_buf *out);

#endif
