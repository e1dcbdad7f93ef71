/* decode.h: raw bytes to a checked cw_msg, following the contract
 * (spec/README.md and the JSON Schemas in tests/contract/schema/).
 *
 * Owns the contract checks: required fields, types, lengths and formats
 * (UN/LOCODE, HS, ISO 6346, RFC 3339 ...).  Unknown fields are ignored, as
 * the contract says.  Every refusal comes with a one-line reason.
 */
#ifndef CW_DECODE_H
#define CW_DECODE_H

#include <stddef.h>

#include "engine.h"
#include "msg.h"

/* Returns 0 and fills out, or 1 + a cw_bad_reason and writes the reason
 * into err.  On failure out holds nothing to free. */
int cw_decode(const char *buf, size_t len, cw_msg *out, char *err, size_t errlen);

#endif
