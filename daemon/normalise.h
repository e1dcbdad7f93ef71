/* normalise.h: canonical forms of the identifiers filers spell many ways.
 *
 * Owns the folding of names (any script to Latin with ICU, case,
 * punctuation, legal suffixes, romanisation variants), phones, emails,
 * addresses and registration numbers into keys that compare equal when
 * they name the same thing.  Each function writes a NUL-terminated key into
 * out (truncated to outlen) and returns its length; 0 means "nothing usable".
 */
#ifndef CW_NORMALISE_H
#define CW_NORMALISE_H

#include <stddef.h>

/* "Dalian Tong-Myo'ng Trading Co., Ltd." -> "dalian tong myong trading";
 * "大连" -> "dalian".  Tokens are kept in filed order. */
size_t cw_norm_name(const char *in, char *out, size_t outlen);

/* The same, with the tokens sorted: tolerant of word order. */
size_t cw_norm_name_sorted(const char *in, char *out, size_t outlen);

/* "+86 411 8888 1234", "0086-411-88881234" -> "864118888123 4" digits only,
 * international prefix folded: "864118888123"+"4".  A number with no
 * international prefix is prefixed with the dial code of country (ISO
 * alpha-2, may be NULL) when known.  Fewer than 6 digits -> 0. */
size_t cw_norm_phone(const char *in, const char *country, char *out, size_t outlen);

/* Lower case, trimmed; "local+tag@Domain" -> "local@domain". */
size_t cw_norm_email(const char *in, char *out, size_t outlen);

/* Lower-case ASCII tokens (transliterated), punctuation dropped, common
 * words (street, road, no, floor, room, building...) kept, sorted and
 * de-duplicated, joined by single spaces. */
size_t cw_norm_address(const char *in, char *out, size_t outlen);

/* Upper-case letters and digits only. */
size_t cw_norm_registration(const char *in, char *out, size_t outlen);

/* Free ICU state (at exit, for leak checkers). */
void cw_norm_cleanup(void);

#endif
