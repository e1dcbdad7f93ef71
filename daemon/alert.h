/* alert.h: alerts in the contract's JSON form.
 *
 * Owns the alert's shape and field order, its deterministic id (a hash of
 * the rule and the ids of the evidence it rests on), and serialisation.
 * Key order is fixed, so two replays print the same bytes but for
 * detected_at.
 */
#ifndef CW_ALERT_H
#define CW_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "rules.h"

typedef struct cJSON cJSON;

/* "cw-" + 32 hex: hash of kind ("rule"/"kit"), rule id and the sorted
 * evidence ids. */
void cw_alert_id(const char *kind, const char *rule, const char *const *ids, size_t nids, char out[40]);

/* Start an alert: every required field but evidence, in contract order. */
cJSON *cw_alert_new(const char *id, const char *supersedes, const char *rule, const char *title,
                    cw_severity sev, double score, int64_t event_ms, const char *summary);
void cw_alert_add_evidence(cJSON *alert, cw_kind kind, const char *id, const char *ref, const char *why,
                           const cw_match *matches, size_t nmatches);
/* Routes as arrays of LOCODEs, from space-separated paths. */
void cw_alert_add_route(cJSON *alert, const char *path);
void cw_alert_add_tags(cJSON *alert, char *const *tags, size_t n);
cJSON *cw_alert_parties(cJSON *alert);
/* Close the alert: rules version last.  Returns the JSON text (malloc). */
char *cw_alert_finish(cJSON *alert, const char *rules_version);

#endif
