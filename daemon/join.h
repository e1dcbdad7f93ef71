/* join.h: insurance certificates held against the manifests they cover.
 *
 * The certificate is where the truth leaks: the insurer is told the real
 * goods, value and final destination.  Once a certificate and its manifest
 * are both in hand (whichever came first), the pair is checked once for:
 * a final destination the manifest does not show (above all in a
 * sanctioned country), a sum insured far above the declared value,
 * controlled goods insured under a vague manifest, and an assured or
 * beneficiary unrelated to the manifest's parties.
 */
#ifndef CW_JOIN_H
#define CW_JOIN_H

#include "kit.h"
#include "rules.h"
#include "state.h"

/* The pair's findings become one alert, rule "insurance-discrepancy". */
void cw_join_check(cw_node *n, const cw_ruleset *rs, const cw_kit_ctx *ctx);

#endif
