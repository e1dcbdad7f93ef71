/* kit.h: kit rules across shipments: the cluster of linked shipments
 * that carry components of one controlled item, and its alert.
 *
 * A kit fires when, within its window, at least k distinct components
 * arrive on shipments whose parties are linked by rare shared identifiers
 * (walked from carrier to carrier, so chains of front companies count), by
 * at least r distinct logistics paths.  When the same cluster later shows
 * more components, shipments or routes, the alert is re-issued with a new
 * id and `supersedes`.
 */
#ifndef CW_KIT_H
#define CW_KIT_H

#include "rules.h"
#include "state.h"

typedef struct {
    size_t max_link_df;         /* an identifier on more documents than this links nothing */
    const char *rules_version;
    void (*emit)(void *ud, const char *id, char *json, cw_severity sev);
    void *ud;
} cw_kit_ctx;

void cw_kit_check(cw_state *s, const cw_kit *kit, cw_node *start, int64_t now_ms, const cw_kit_ctx *ctx);

#endif
