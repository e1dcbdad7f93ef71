/* util.h: small shared helpers: hashing for deterministic ids, event-time
 * parsing and formatting, a growable string buffer, xmalloc. */
#ifndef CW_UTIL_H
#define CW_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *cw_xmalloc(size_t n);
void *cw_xcalloc(size_t n, size_t size);
void *cw_xrealloc(void *p, size_t n);
char *cw_xstrdup(const char *s);

/* A 128-bit content hash (two independent 64-bit lanes), stable across
 * runs, machines and versions: alert ids and rule versions rest on it. */
typedef struct { uint64_t a, b; } cw_hash;
void cw_hash_init(cw_hash *h);
void cw_hash_add(cw_hash *h, const void *data, size_t len);
void cw_hash_str(cw_hash *h, const char *s); /* adds the string and a separator */
/* 32 lowercase hex digits + NUL */
void cw_hash_hex(const cw_hash *h, char out[33]);
/* The two lanes folded to 64 bits; cw_hash64 is this of one add. */
uint64_t cw_hash_fold(const cw_hash *h);
uint64_t cw_hash64(const void *data, size_t len);
/* A quick hash, eight bytes a step, for picking a cache's slot: not
 * stable across versions, never for anything kept or shown. */
uint64_t cw_hash_slot(const void *data, size_t len);

/* Zeroed memory for a big table read at random (a map's slots, a memo).
 * From 2 MiB up it is mapped on its own, aligned, and advised to the
 * kernel as huge pages: lookups spread over hundreds of megabytes would
 * otherwise miss the TLB at nearly every step.  Free with the same size. */
void *cw_table_alloc(size_t bytes);
void cw_table_free(void *p, size_t bytes);

/* A bounded memo of text -> bytes for the work done again and again on
 * the same parties: two-way set-associative (a miss replaces the way used
 * less recently), slots allocated on first use and touched as they fill.
 * Text whose input and result do not fit a slot is not kept. */
#define CW_MEMO_TEXT 250
typedef struct cw_memo_slot {
    uint16_t inlen, outlen; /* inlen 0: empty */
    uint8_t recent;         /* the way of its set used last */
    char text[CW_MEMO_TEXT]; /* input, then the result and a NUL */
} cw_memo_slot;
typedef struct {
    cw_memo_slot *slots;
    size_t nslots; /* a power of two */
} cw_memo;
#define CW_MEMO_INIT(nslots) {NULL, (nslots)}
/* The result kept for in[0..n) (its length in *outn), or NULL; then *keep
 * is the slot to keep it in (NULL when it would not fit). */
const char *cw_memo_get(cw_memo *m, const char *in, size_t n, size_t *outn, cw_memo_slot **keep);
void cw_memo_keep(cw_memo *m, cw_memo_slot *s, const char *in, size_t n, const void *out, size_t outn);
void cw_memo_free(cw_memo *m);

/* RFC 3339 ("2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5+02:00") to ms
 * since the epoch.  Returns false when the text is not such a time. */
bool cw_parse_time(const char *s, int64_t *ms);
/* ms since the epoch to "2026-03-01T10:00:00Z" (seconds precision, UTC). */
void cw_format_time(int64_t ms, char out[32]);

/* Growable byte buffer, always NUL-terminated. */
typedef struct { char *p; size_t len, cap; } cw_buf;
void cw_buf_add(cw_buf *b, const char *s, size_t n);
void cw_buf_puts(cw_buf *b, const char *s);
void cw_buf_printf(cw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cw_buf_free(cw_buf *b);

/* Make a message safe for one log line or header: control characters
 * (newlines included) become spaces, and a UTF-8 character cut short at
 * the end by truncation is dropped. */
void cw_one_line(char *s);

/* Is s valid UTF-8 of length n (no NUL)? */
bool cw_utf8_valid(const char *s, size_t n);

#endif
