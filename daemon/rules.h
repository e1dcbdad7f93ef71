/* rules.h: the rule pack: lists, patterns, message rules and kit rules.
 *
 * Owns loading and checking the YAML files of a rules directory, compiling
 * the patterns (Hyperscan prefilter, PCRE2 with JIT to confirm), and
 * evaluating one message against them.  Correlation across messages (party
 * links, windows, kit progress) is the engine's: this module only says,
 * per message, which message rules fire and which kit components it
 * carries.  A ruleset is immutable once loaded, so a reload builds a new
 * one and swaps it in whole.
 */
#ifndef CW_RULES_H
#define CW_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

typedef enum { CW_SEV_INFO = 0, CW_SEV_LOW, CW_SEV_MEDIUM, CW_SEV_HIGH, CW_SEV_CRITICAL } cw_severity;
extern const char *const cw_severity_names[5];

typedef struct cw_rule {
    char *id, *title;
    char *output;       /* summary template; see rules/README.md */
    cw_severity severity;
    double score;       /* 0-100 */
    char **tags;        /* tags and sources ("mtcr:2A1", "un:1718", "typology:...") */
    size_t ntags;
    const char *file;
    int line;
    bool enabled;       /* false: loaded and checked, never evaluated */
    int applies_to;     /* CW_APPLIES_* */
} cw_rule;

/* cw_rule.applies_to */
enum { CW_APPLIES_ANY = 0, CW_APPLIES_MANIFEST, CW_APPLIES_INSURANCE };

typedef struct cw_kit_component {
    char *id;           /* "motor-case" */
    char *name;         /* "rocket motor case" */
} cw_kit_component;

typedef struct cw_kit {
    char *id, *title;
    char *output;
    cw_severity severity;
    double score;
    char **tags;
    size_t ntags;
    cw_kit_component *components;
    size_t ncomponents;
    int min_components;  /* k */
    int min_paths;       /* r */
    int watch_components; /* fewer components, enough to watch at low severity; 0: none */
    int64_t window_ms;
    const char *file;
    int line;
} cw_kit;

typedef struct cw_ruleset cw_ruleset;

/* One piece of text or data that matched. */
typedef struct cw_match {
    char field[48];      /* "goods[1].description", "subject_matter", "route.discharge" */
    char rule_part[64];  /* the pattern or list that matched */
    char excerpt[160];   /* the matched text with a little context, UTF-8 safe */
} cw_match;

typedef struct cw_rule_hit {
    const cw_rule *rule;
    size_t first, count; /* its matches in cw_eval.matches */
} cw_rule_hit;

typedef struct cw_component_hit {
    size_t kit, component; /* indexes into the ruleset's kits */
    int goods;             /* goods line index, or -1 for insurance subject matter */
    cw_match match;
} cw_component_hit;

/* Results of evaluating one message; reused from message to message. */
typedef struct cw_eval {
    cw_rule_hit *hits;
    size_t nhits, caphits;
    cw_match *matches;
    size_t nmatches, capmatches;
    cw_component_hit *components;
    size_t ncomponents, capcomponents;
    uint64_t limit_hits; /* PCRE2 matches cut short by a limit, this message */
    void *scratch;       /* the ruleset's matcher scratch; owned by the eval */
} cw_eval;

/* Load every *.yaml file in dir.  On error returns NULL and writes one
 * "file:line: reason" line per error into err (NUL-terminated, truncated
 * to errlen). */
cw_ruleset *cw_rules_load(const char *dir, char *err, size_t errlen);
void cw_rules_free(cw_ruleset *rs);

/* A content hash of the rule files and lists: "rules-<16 hex>". */
const char *cw_rules_version(const cw_ruleset *rs);

size_t cw_rules_nrules(const cw_ruleset *rs);
const cw_rule *cw_rules_rule(const cw_ruleset *rs, size_t i);
size_t cw_rules_nkits(const cw_ruleset *rs);
const cw_kit *cw_rules_kit(const cw_ruleset *rs, size_t i);

void cw_eval_init(cw_eval *ev);
void cw_eval_free(cw_eval *ev);

/* Evaluate one message: fills ev with the message rules that fire and the
 * kit components found.  Returns 0, or -1 on an internal error. */
int cw_rules_eval(const cw_ruleset *rs, const cw_msg *m, cw_eval *ev);

/* Render a rule's or kit's output template for a message hit into buf. */
size_t cw_rules_render(const char *tmpl, const cw_msg *m, const cw_eval *ev,
                       const cw_rule_hit *hit, char *buf, size_t buflen);

/* The same, for templates with placeholders only the caller knows (a
 * kit's %{components}, %{paths}, %{parties}...): for a name that is not a
 * message field, var(ud, name) is asked; NULL renders as "-".  m, ev and
 * hit may be NULL. */
typedef const char *(*cw_render_var)(void *ud, const char *name);
size_t cw_rules_render_ex(const char *tmpl, const cw_msg *m, const cw_eval *ev,
                          const cw_rule_hit *hit, cw_render_var var, void *ud, char *buf,
                          size_t buflen);

/* Placeholders a kit's output may use beyond the message fields; the
 * engine supplies them through cw_rules_render_ex. */
extern const char *const cw_kit_vars[];

/* Look up by id; NULL when absent.  cw_rules_find_kit also gives the
 * kit's index (for cw_component_hit.kit) when idx is not NULL. */
const cw_rule *cw_rules_find_rule(const cw_ruleset *rs, const char *id);
const cw_kit *cw_rules_find_kit(const cw_ruleset *rs, const char *id, size_t *idx);

/* Is value in the named list (countries, locodes, hs prefixes, names,
 * terms)?  False when there is no such list. */
bool cw_rules_in_list(const cw_ruleset *rs, const char *list, const char *value);

/* The lists the engine consults itself, besides those its rules name,
 * found by name once at load: "sanctioned-countries" (an insurance final
 * destination there is critical) and "vague-descriptions". */
typedef enum { CW_LIST_SANCTIONED_COUNTRIES, CW_LIST_VAGUE_DESCRIPTIONS, CW_KNOWN_LISTS } cw_known_list;
/* Is value in one of those?  False when the pack has no such list. */
bool cw_rules_in_known(const cw_ruleset *rs, cw_known_list which, const char *value);

/* Counts, for logs and tests. */
size_t cw_rules_nlists(const cw_ruleset *rs);
size_t cw_rules_npatterns(const cw_ruleset *rs); /* named patterns */
size_t cw_rules_ntests(const cw_ruleset *rs);    /* test cases (messages) */

/* Run the rule-file test cases (fires/quiet) of the ruleset.  dir is the
 * rules directory (for messages), may be NULL.  Returns the number of
 * failures, each written to err as a "file:line: reason" line. */
int cw_rules_selftest(const cw_ruleset *rs, const char *dir, char *err, size_t errlen);

#endif
