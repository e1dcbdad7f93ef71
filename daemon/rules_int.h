/* rules_int.h: the inside of a ruleset, shared by the loader (rules.c)
 * and the evaluator (rules_eval.c).  Nothing outside those two files
 * should include it. */
#ifndef CW_RULES_INT_H
#define CW_RULES_INT_H

#include <cjson/cJSON.h>
#include <yaml.h>

#include "fields.h"
#include "match.h"
#include "rules.h"
#include "util.h"

typedef enum { LK_TERMS = 0, LK_HS, LK_LOCODES, LK_COUNTRIES, LK_NAMES, LK_IMO } list_kind;

/* How a names list compares: the normalised name (exact), the same with
 * its words sorted (words), or also the phonetic key of the sorted words
 * (fuzzy; only keys long enough to be telling). */
typedef enum { NM_EXACT = 0, NM_WORDS, NM_FUZZY } name_match;
static const int name_nforms[] = {1, 2, 4};

/* A names list's form of an item and the item as written. */
typedef struct nform {
    char *form;
    const char *orig; /* points into rlist.written */
} nform;

typedef struct item_src {
    const char *file;
    int line;
} item_src;

typedef struct rlist {
    char *name;
    list_kind kind;
    char **items; /* canonical: HS digits, upper-case codes, normalised names;
                     terms as written.  Sorted and unique except for terms. */
    size_t n, cap;
    item_src *lines; /* where each item was written (before sorting) */
    size_t nlines, caplines;
    char **folded;   /* terms: folded forms, sorted, for `in` */
    int *pat_ids;    /* terms: a matcher pattern per item (-1 if bad), made
                        only when the list is matched inside text */
    bool compiled;   /* terms: pat_ids made */
    name_match nmatch;  /* names */
    char **written;     /* names: the items as written, for evidence */
    size_t capwritten;
    nform *forms[4];    /* names: by each form of cw_rules_name_forms, sorted */
    size_t nforms[4];
    const char *file;
    int line;
} rlist;

typedef struct rpattern {
    char *name, *regex, *desc;
    int id; /* in the matcher */
    const char *file;
    int line;
} rpattern;

/* A reference to a matcher pattern with the name to report it by. */
typedef struct pref {
    const char *name;
    int id;
} pref;

typedef enum { C_ALL = 0, C_ANY, C_NOT, C_MATCHES, C_IN, C_EQUALS, C_EXISTS, C_ABOVE, C_BELOW } cop;

typedef struct cond {
    cop op;
    int line;
    struct cond **kids;
    size_t nkids;
    cw_field field;
    pref *pats; /* matches */
    size_t npats;
    const struct rlist *list; /* in */
    char *value;              /* equals */
    double num;               /* equals on numbers, above, below */
    bool exists;
    bool goods; /* the subtree reads goods-line fields */
} cond;

/* A kit component's means of recognition. */
typedef struct kcomp {
    pref *pats;
    size_t npats;
    pref *excl; /* a text matching one of these carries no such component */
    size_t nexcl;
    char **inline_re; /* regexes written inline, owned (pref names point here) */
    size_t ninline, capinline;
    char **hs; /* HS prefixes */
    size_t nhs;
} kcomp;

/* A pattern id's kit components. */
typedef struct compref {
    size_t kit, comp;
    const char *name; /* the pattern's name or inline regex */
} compref;

typedef struct tmsg {
    bool fires; /* in `fires` (else `quiet`) */
    cJSON *json;
    int line;
} tmsg;

typedef struct rtest {
    char *name, *target;
    bool is_kit;
    size_t kit;
    tmsg *msgs;
    size_t nmsgs, capmsgs;
    const char *file;
    int line;
} rtest;

struct cw_ruleset {
    char version[32];
    uint64_t serial; /* unique per load in this process: scratch validity */
    char *dir;
    cw_matcher *matcher;
    rlist *lists;
    size_t nlists, caplists;
    rpattern *pats;
    size_t npats, cappats;
    cw_rule *rules;
    cond **when; /* parallel to rules */
    size_t nrules, caprules;
    cw_kit *kits;
    kcomp **kcomps; /* parallel to kits: one per component */
    size_t nkits, capkits;
    size_t *compbase; /* first flat component index of each kit */
    size_t ncomps_total;
    size_t *comp_first; /* per pattern id: first in comp_refs; [npat] = end */
    compref *comp_refs;
    rtest *tests;
    size_t ntests, captests;
    char **files; /* interned file names */
    size_t nfiles;
    const rlist *known[CW_KNOWN_LISTS]; /* resolved at load; NULL when the pack has none */
};

rlist *cw_rules_find_list(const cw_ruleset *rs, const char *name);

/* The forms a party name is compared by in names lists: [0] the
 * normalised name (cw_norm_name), [1] the same with its words sorted,
 * [2] and [3] those two without their spaces ("Nam Chon Gang" meets
 * "Namchongang"), only when at least CW_NAME_KEY_MIN characters long,
 * else "".  All "" when the name normalises to nothing.  An exact list
 * compares [0], a words list [0] and [1], a fuzzy list all four.  The
 * phonetic key of cw_norm_name_key is not used: it is built to link a
 * filer's spellings of one party, and is too coarse to screen a feed
 * against thousands of names ("Hsin Yi Electronics" and "Hana
 * Electronics" share a key). */
#define CW_NAME_FORM_MAX 256
#define CW_NAME_KEY_MIN 8
void cw_rules_name_forms(const char *name, char forms[4][CW_NAME_FORM_MAX]);

void cw_cond_free(cond *c);
void cw_kcomp_free(kcomp *kc);
void cw_kit_free_fields(cw_kit *k);
void cw_rules_fold_term(const char *in, char *out, size_t outlen);
bool cw_rules_builtin_var(const char *name);
int cw_rules_load_tests(cw_ruleset *rs, const char *dir, char *err, size_t errlen);

#endif
