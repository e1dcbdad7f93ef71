/* match.h: many regular expressions against one text, fast.
 *
 * Owns the pattern set of a ruleset: every pattern is compiled once with
 * PCRE2 (JIT, caseless, UTF-8), and all of them together into one
 * Hyperscan database in prefilter mode.  A scan runs Hyperscan first; it
 * names the few patterns that may match, and PCRE2 confirms each of them
 * and finds where.  Patterns Hyperscan cannot take even as a prefilter are
 * kept on a short list that PCRE2 always runs.
 *
 * A PCRE2 match cut short by its match or depth limit (a pathological
 * pattern against a hostile text) is counted and treated as no match: a
 * feed can slow one message down, never stall or crash the daemon.
 *
 * A matcher is immutable once compiled and may be shared by threads; each
 * thread scans with its own cw_match_scratch.
 */
#ifndef CW_MATCH_H
#define CW_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits for one PCRE2 match. */
#define CW_MATCH_LIMIT 200000u
#define CW_MATCH_DEPTH_LIMIT 5000u
#define CW_MATCH_HEAP_LIMIT_KIB 16384u
#define CW_JIT_STACK_MIN (64u * 1024u)
#define CW_JIT_STACK_MAX (1024u * 1024u)

typedef struct cw_matcher cw_matcher;
typedef struct cw_match_scratch cw_match_scratch;

/* Flags for cw_matcher_add. */
#define CW_PAT_NO_PREFILTER 1u /* never give it to Hyperscan: always run */

cw_matcher *cw_matcher_new(void);
void cw_matcher_free(cw_matcher *m);

/* Add a pattern (PCRE2 syntax).  Returns its id (0, 1, 2... in order of
 * addition), or -1 with PCRE2's message and the offset in err. */
int cw_matcher_add(cw_matcher *m, const char *regex, unsigned flags, char *err, size_t errlen);

/* Build the prefilter once every pattern is added.  Returns 0, or -1 with
 * a reason in err.  Patterns Hyperscan refuses move to the always-run
 * list; that is not an error. */
int cw_matcher_compile(cw_matcher *m, char *err, size_t errlen);

size_t cw_matcher_count(const cw_matcher *m);
/* How many patterns PCRE2 runs on every text (Hyperscan could not take). */
size_t cw_matcher_always_count(const cw_matcher *m);
bool cw_matcher_is_always(const cw_matcher *m, int id);

/* Does pattern id match the empty text?  Such a pattern matches every
 * text, which in a rule is a mistake. */
bool cw_matcher_matches_empty(const cw_matcher *m, int id);

/* Per-thread scratch; valid for the matcher it was made for. */
cw_match_scratch *cw_match_scratch_new(const cw_matcher *m);
void cw_match_scratch_free(cw_match_scratch *s);

/* One confirmed match: pattern id and the byte span of its first match. */
typedef struct cw_pat_hit {
    int id;
    uint32_t start, end;
} cw_pat_hit;

/* Scan text (UTF-8, len bytes).  Appends each pattern that matches, once,
 * to *hits (grown with cw_xrealloc; *nhits and *caphits updated), sorted
 * by id.  Adds to *limit_hits the matches cut short by a limit.  Text that
 * is not valid UTF-8 matches nothing.  Returns the number of hits added, or
 * -1 on an internal error. */
int cw_matcher_scan(const cw_matcher *m, cw_match_scratch *s, const char *text, size_t len,
                    cw_pat_hit **hits, size_t *nhits, size_t *caphits, uint64_t *limit_hits);

/* Write regex for a literal term: metacharacters escaped, inner runs of
 * blanks or hyphens matching any such run, and \b at an end that is an
 * ASCII letter or digit.  Returns false if out is too small. */
bool cw_term_regex(const char *term, char *out, size_t outlen);

#endif
