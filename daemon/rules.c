/* rules.c: loading and checking a rules directory (see rules.h and
 * rules/README.md for the language).
 *
 * Loading reads every *.yaml file with libyaml's document API, in sorted
 * name order, keeping the documents until the end: lists and patterns are
 * defined in a first pass over all files, rules, kits and tests in a
 * second, so a rule may use a list defined in a later file.  Every problem
 * is collected as "file:line: reason" and the load goes on, so an analyst
 * sees all of them at once.  Evaluation lives in rules_eval.c.
 */
#include "rules_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "normalise.h"

const char *const cw_severity_names[5] = {"info", "low", "medium", "high", "critical"};
static const double severity_scores[5] = {10, 25, 50, 75, 90};

const char *const cw_kit_vars[] = {
    "components", "ncomponents", "k", "paths", "npaths", "parties", "messages", "window", NULL,
};

static const char *const list_kind_names[] = {"terms", "hs", "locodes", "countries", "names", "imo"};
static const char *const name_match_names[] = {"exact", "words", "fuzzy"};

static atomic_uint_fast64_t ruleset_serial;

/* ---- the loader ---------------------------------------------------- */

typedef struct ydoc {
    yaml_document_t doc;
    const char *file; /* interned */
} ydoc;

typedef struct loader {
    cw_ruleset *rs;
    const char *dir;
    cw_buf errs;
    int nerr;
    cw_hash hash;
    ydoc *docs;
    size_t ndocs, capdocs;
    bool tests_only; /* a directory of extra test files */
    size_t conds;    /* condition nodes built: YAML aliases can multiply them */
} loader;

/* Far above any real pack (hundreds), far below what a YAML alias bomb of
 * a kilobyte expands to (millions). */
#define MAX_COND_NODES 100000

static void lerr(loader *ld, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void lerr(loader *ld, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    char msg[512];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cw_one_line(msg); /* names and keys are echoed: one error, one line */
    cw_buf_printf(&ld->errs, "%s:%d: %s\n", file, line, msg);
    ld->nerr++;
}

static const char *intern_file(cw_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->nfiles; i++)
        if (strcmp(rs->files[i], name) == 0)
            return rs->files[i];
    rs->files = cw_xrealloc(rs->files, (rs->nfiles + 1) * sizeof(char *));
    return rs->files[rs->nfiles++] = cw_xstrdup(name);
}

#define GROW(arr, n, cap)                                                  \
    do {                                                                   \
        if ((n) == (cap)) {                                                \
            (cap) = (cap) ? (cap) * 2 : 8;                                 \
            (arr) = cw_xrealloc((arr), (cap) * sizeof(*(arr)));           \
        }                                                                  \
    } while (0)

/* ---- YAML helpers -------------------------------------------------- */

static int yline(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

static const char *yscalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *ynode(yaml_document_t *d, int id)
{
    return yaml_document_get_node(d, id);
}

static yaml_node_t *ymap_get(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = yscalar(ynode(d, p->key));
        if (k && strcmp(k, key) == 0)
            return ynode(d, p->value);
    }
    return NULL;
}

static size_t yseq_len(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE
               ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
               : 0;
}

static yaml_node_t *yseq_at(yaml_document_t *d, yaml_node_t *n, size_t i)
{
    return ynode(d, n->data.sequence.items.start[i]);
}

/* Every key of an item must be known; each may appear once. */
static void check_keys(loader *ld, yaml_document_t *d, yaml_node_t *map, const char *file,
                       const char *what, const char *const *allowed)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = ynode(d, p->key);
        const char *k = yscalar(kn);
        if (!k) {
            lerr(ld, file, yline(kn), "%s: a key must be a plain string", what);
            continue;
        }
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0)
                ok = true;
        if (!ok)
            lerr(ld, file, yline(kn), "%s: unknown key '%s'", what, k);
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            const char *k2 = yscalar(ynode(d, q->key));
            if (k2 && strcmp(k, k2) == 0) {
                lerr(ld, file, yline(kn), "%s: duplicate key '%s'", what, k);
                break;
            }
        }
    }
}

/* A string value; reports and returns NULL when absent (if required) or
 * not a scalar. */
static const char *get_str(loader *ld, yaml_document_t *d, yaml_node_t *map, const char *key,
                           bool required, const char *file, const char *what)
{
    yaml_node_t *v = ymap_get(d, map, key);
    if (!v) {
        if (required)
            lerr(ld, file, yline(map), "%s: missing required key '%s'", what, key);
        return NULL;
    }
    const char *s = yscalar(v);
    if (!s)
        lerr(ld, file, yline(v), "%s: '%s' must be a string", what, key);
    else if (required && !*s) {
        lerr(ld, file, yline(v), "%s: '%s' must not be empty", what, key);
        return NULL;
    }
    return s;
}

static bool parse_bool(const char *s, bool *out)
{
    if (!s)
        return false;
    if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_int(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* "90d", "12h", "30m", "10s" */
static bool parse_duration(const char *s, int64_t *ms)
{
    if (!s || !isdigit((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || v <= 0 || strlen(end) != 1)
        return false;
    int64_t unit;
    switch (*end) {
    case 'd': unit = 86400000; break;
    case 'h': unit = 3600000; break;
    case 'm': unit = 60000; break;
    case 's': unit = 1000; break;
    default: return false;
    }
    if (v > INT64_MAX / unit)
        return false;
    *ms = v * unit;
    return true;
}

/* A scalar or a sequence of scalars, as a vector of node pointers. */
static yaml_node_t **get_strs(loader *ld, yaml_document_t *d, yaml_node_t *v, const char *file,
                              const char *what, const char *key, size_t *n)
{
    *n = 0;
    if (!v)
        return NULL;
    if (v->type == YAML_SCALAR_NODE) {
        yaml_node_t **out = cw_xmalloc(sizeof *out);
        out[0] = v;
        *n = 1;
        return out;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        lerr(ld, file, yline(v), "%s: '%s' must be a string or a sequence of strings", what, key);
        return NULL;
    }
    size_t len = yseq_len(v);
    yaml_node_t **out = cw_xcalloc(len, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *it = yseq_at(d, v, i);
        if (!yscalar(it)) {
            lerr(ld, file, yline(it), "%s: each item of '%s' must be a string", what, key);
            continue;
        }
        out[(*n)++] = it;
    }
    return out;
}

/* ---- names --------------------------------------------------------- */

rlist *cw_rules_find_list(const cw_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->nlists; i++)
        if (strcmp(rs->lists[i].name, name) == 0)
            return &rs->lists[i];
    return NULL;
}

static rpattern *find_pattern(const cw_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->npats; i++)
        if (strcmp(rs->pats[i].name, name) == 0)
            return &rs->pats[i];
    return NULL;
}

/* Patterns and lists share one namespace (both can be "matched");
 * rules and kits share another (both raise alerts). */
static bool name_taken(loader *ld, const char *name, const char *file, int line)
{
    const char *f = NULL;
    int l = 0;
    rlist *li = cw_rules_find_list(ld->rs, name);
    rpattern *pa = find_pattern(ld->rs, name);
    if (li)
        f = li->file, l = li->line;
    else if (pa)
        f = pa->file, l = pa->line;
    if (!f)
        return false;
    lerr(ld, file, line, "duplicate name '%s' (first defined at %s:%d)", name, f, l);
    return true;
}

static bool id_taken(loader *ld, const char *id, const char *file, int line)
{
    const cw_rule *r = cw_rules_find_rule(ld->rs, id);
    const cw_kit *k = cw_rules_find_kit(ld->rs, id, NULL);
    const char *f = r ? r->file : k ? k->file : NULL;
    int l = r ? r->line : k ? k->line : 0;
    if (!f)
        return false;
    lerr(ld, file, line, "duplicate id '%s' (first defined at %s:%d)", id, f, l);
    return true;
}

/* Add a regex to the matcher; reports PCRE2's complaint. */
static int add_regex(loader *ld, const char *regex, const char *file, int line, const char *what)
{
    char err[256];
    int id = cw_matcher_add(ld->rs->matcher, regex, 0, err, sizeof err);
    if (id < 0)
        lerr(ld, file, line, "%s: %s", what, err);
    else if (cw_matcher_matches_empty(ld->rs->matcher, id))
        lerr(ld, file, line, "%s: regex matches an empty text, so it would match every text", what);
    return id;
}

/* ---- lists --------------------------------------------------------- */

static void upper_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}

/* Canonical form of a terms-list item or value for `in`: lower-case,
 * blanks and punctuation trimmed at both ends, inner blanks single. */
void cw_rules_fold_term(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 2 < outlen; p++) {
        unsigned char c = *p;
        bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        bool punct = c < 0x80 && !blank && !isalnum(c);
        if (blank || punct) {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
}

/* Check and canonicalise one item of a list; NULL (with a reason) when
 * bad.  The result is heap-allocated. */
static char *canon_item(list_kind kind, const char *item, char *why, size_t whylen)
{
    char buf[512];
    size_t n = 0;
    switch (kind) {
    case LK_HS:
        for (const char *p = item; *p; p++) {
            if (isdigit((unsigned char)*p)) {
                if (n + 1 < sizeof buf)
                    buf[n++] = *p;
            } else if (*p != '.' && *p != ' ') {
                snprintf(why, whylen, "bad HS prefix '%s': digits only", item);
                return NULL;
            }
        }
        buf[n] = '\0';
        if (n < 2 || n > 10) {
            snprintf(why, whylen, "bad HS prefix '%s': 2 to 10 digits", item);
            return NULL;
        }
        return cw_xstrdup(buf);
    case LK_LOCODES: {
        snprintf(buf, sizeof buf, "%s", item);
        upper_ascii(buf);
        bool ok = strlen(buf) == 5 && isalpha((unsigned char)buf[0]) && isalpha((unsigned char)buf[1]);
        for (int i = 2; ok && i < 5; i++)
            ok = isalpha((unsigned char)buf[i]) || (buf[i] >= '2' && buf[i] <= '9');
        if (!ok) {
            snprintf(why, whylen, "bad UN/LOCODE '%s'", item);
            return NULL;
        }
        return cw_xstrdup(buf);
    }
    case LK_COUNTRIES:
        snprintf(buf, sizeof buf, "%s", item);
        upper_ascii(buf);
        if (strlen(buf) != 2 || !isalpha((unsigned char)buf[0]) || !isalpha((unsigned char)buf[1])) {
            snprintf(why, whylen, "bad ISO 3166 country code '%s'", item);
            return NULL;
        }
        return cw_xstrdup(buf);
    case LK_IMO: {
        /* "IMO 9187629", "9187629": seven digits whose last is the check
         * digit (the first six weighted 7 to 2, sum mod 10) */
        const char *p = item;
        if (strncasecmp(p, "IMO", 3) == 0)
            p += 3;
        for (; *p; p++) {
            if (isdigit((unsigned char)*p)) {
                if (n < 8)
                    buf[n++] = *p;
            } else if (*p != ' ' && *p != '.' && *p != ':') {
                n = 99;
                break;
            }
        }
        if (n != 7) {
            snprintf(why, whylen, "bad IMO number '%s': 7 digits", item);
            return NULL;
        }
        buf[7] = '\0';
        int sum = 0;
        for (int i = 0; i < 6; i++)
            sum += (buf[i] - '0') * (7 - i);
        if (sum % 10 != buf[6] - '0') {
            snprintf(why, whylen, "bad IMO number '%s': check digit should be %d", item, sum % 10);
            return NULL;
        }
        return cw_xstrdup(buf);
    }
    case LK_NAMES:
        if (cw_norm_name(item, buf, sizeof buf) == 0) {
            snprintf(why, whylen, "name '%s' normalises to nothing", item);
            return NULL;
        }
        return cw_xstrdup(buf);
    case LK_TERMS:
        cw_rules_fold_term(item, buf, sizeof buf);
        if (!buf[0]) {
            snprintf(why, whylen, "empty term");
            return NULL;
        }
        return cw_xstrdup(item);
    }
    return NULL;
}

static void list_add(loader *ld, rlist *l, const char *item, const char *file, int line)
{
    char why[256];
    char *c = canon_item(l->kind, item, why, sizeof why);
    if (!c) {
        lerr(ld, file, line, "list %s: %s", l->name, why);
        return;
    }
    GROW(l->items, l->n, l->cap);
    GROW(l->lines, l->nlines, l->caplines);
    if (l->kind == LK_NAMES) {
        GROW(l->written, l->n, l->capwritten);
        l->written[l->n] = cw_xstrdup(item);
    }
    l->items[l->n++] = c;
    l->lines[l->nlines++] = (item_src){file, line};
}

/* Items from a file: one per line, '#' starts a comment line. */
static void list_add_file(loader *ld, rlist *l, const char *rel, const char *file, int line)
{
    if (rel[0] == '/' || strstr(rel, "..")) {
        lerr(ld, file, line, "list %s: file '%s' must be a path inside the rules directory",
             l->name, rel);
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", ld->dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        lerr(ld, file, line, "list %s: cannot read '%s': %s", l->name, rel, strerror(errno));
        return;
    }
    const char *fname = intern_file(ld->rs, rel);
    cw_hash_str(&ld->hash, rel);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;
    while ((len = getline(&buf, &cap, f)) >= 0) {
        lineno++;
        cw_hash_add(&ld->hash, buf, (size_t)len);
        char *s = buf;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            s[--n] = '\0';
        if (!*s || *s == '#')
            continue;
        if (!cw_utf8_valid(s, n)) {
            lerr(ld, fname, lineno, "list %s: not UTF-8", l->name);
            continue;
        }
        list_add(ld, l, s, fname, lineno);
    }
    free(buf);
    fclose(f);
}

static const char *const list_keys[] = {"list", "kind", "items", "file", "extend", "match", "description", NULL};

static void parse_list(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *name = get_str(ld, d, item, "list", true, file, "list");
    if (!name)
        return;
    char what[128];
    snprintf(what, sizeof what, "list %s", name);
    check_keys(ld, d, item, file, what, list_keys);
    int line = yline(item);

    bool extend = false;
    yaml_node_t *ext = ymap_get(d, item, "extend");
    if (ext && !parse_bool(yscalar(ext), &extend))
        lerr(ld, file, yline(ext), "%s: 'extend' must be true or false", what);

    const char *kind = get_str(ld, d, item, "kind", !extend, file, what);
    int k = -1;
    if (kind) {
        for (int i = 0; i < 6; i++)
            if (strcmp(kind, list_kind_names[i]) == 0)
                k = i;
        if (k < 0) {
            lerr(ld, file, yline(ymap_get(d, item, "kind")),
                 "%s: unknown kind '%s' (terms, hs, locodes, countries, names or imo)", what, kind);
            return;
        }
    }

    rlist *l;
    if (extend) {
        l = cw_rules_find_list(ld->rs, name);
        if (!l) {
            lerr(ld, file, line, "%s: extends a list that is not defined (earlier)", what);
            return;
        }
        if (k >= 0 && (int)l->kind != k) {
            lerr(ld, file, line, "%s: extends a list of kind %s with kind %s", what,
                 list_kind_names[l->kind], kind);
            return;
        }
    } else {
        if (k < 0 || name_taken(ld, name, file, line))
            return;
        cw_ruleset *rs = ld->rs;
        GROW(rs->lists, rs->nlists, rs->caplists);
        l = &rs->lists[rs->nlists++];
        memset(l, 0, sizeof *l);
        l->name = cw_xstrdup(name);
        l->kind = (list_kind)k;
        l->file = file;
        l->line = line;
    }

    yaml_node_t *mn = ymap_get(d, item, "match");
    if (mn) {
        const char *ms = yscalar(mn);
        int mi = -1;
        for (int i = 0; ms && i < 3; i++)
            if (strcmp(ms, name_match_names[i]) == 0)
                mi = i;
        if (l->kind != LK_NAMES)
            lerr(ld, file, yline(mn), "%s: 'match' is for names lists", what);
        else if (mi < 0)
            lerr(ld, file, yline(mn), "%s: 'match' must be exact, words or fuzzy", what);
        else
            l->nmatch = (name_match)mi;
    }

    yaml_node_t *items = ymap_get(d, item, "items");
    const char *fileref = get_str(ld, d, item, "file", false, file, what);
    if (!items && !fileref) {
        lerr(ld, file, line, "%s: needs 'items' or 'file'", what);
        return;
    }
    if (items) {
        size_t n;
        yaml_node_t **v = get_strs(ld, d, items, file, what, "items", &n);
        for (size_t i = 0; i < n; i++)
            list_add(ld, l, yscalar(v[i]), file, yline(v[i]));
        free(v);
    }
    if (fileref)
        list_add_file(ld, l, fileref, file, yline(ymap_get(d, item, "file")));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and de-duplicate a list's items for binary search; terms lists
 * keep their order and become patterns instead. */
static int cmp_nform(const void *a, const void *b)
{
    return strcmp(((const nform *)a)->form, ((const nform *)b)->form);
}

/* A names list's items in each form it compares by, sorted for bsearch.
 * An item whose form is shared by another keeps the first written. */
static void name_forms(rlist *l)
{
    for (int f = 0; f < name_nforms[l->nmatch]; f++) {
        l->forms[f] = cw_xcalloc(l->n ? l->n : 1, sizeof(nform));
        size_t o = 0;
        for (size_t i = 0; i < l->n; i++) {
            char forms[4][CW_NAME_FORM_MAX];
            cw_rules_name_forms(l->written[i], forms);
            if (forms[f][0])
                l->forms[f][o++] = (nform){cw_xstrdup(forms[f]), l->written[i]};
        }
        if (o > 1)
            qsort(l->forms[f], o, sizeof(nform), cmp_nform);
        size_t u = 0;
        for (size_t i = 0; i < o; i++) {
            if (u > 0 && strcmp(l->forms[f][u - 1].form, l->forms[f][i].form) == 0) {
                free(l->forms[f][i].form);
                continue;
            }
            l->forms[f][u++] = l->forms[f][i];
        }
        l->nforms[f] = u;
    }
}

/* A terms list's items as patterns, made the first time the list is
 * matched inside text: a list only ever compared whole (`in`) costs the
 * prefilter nothing. */
static void compile_terms(loader *ld, rlist *l)
{
    if (l->compiled)
        return;
    l->compiled = true;
    for (size_t i = 0; i < l->n; i++) {
        char re[2048];
        l->pat_ids[i] = -1;
        if (!cw_term_regex(l->items[i], re, sizeof re))
            continue; /* reported by finish_list */
        char what[128];
        snprintf(what, sizeof what, "list %s: term '%s'", l->name, l->items[i]);
        l->pat_ids[i] = add_regex(ld, re, l->lines[i].file, l->lines[i].line, what);
    }
}

static void finish_list(loader *ld, rlist *l)
{
    if (l->kind == LK_TERMS) {
        l->folded = cw_xcalloc(l->n ? l->n : 1, sizeof(char *));
        l->pat_ids = cw_xcalloc(l->n ? l->n : 1, sizeof(int));
        for (size_t i = 0; i < l->n; i++) {
            char buf[512], re[2048];
            cw_rules_fold_term(l->items[i], buf, sizeof buf);
            l->folded[i] = cw_xstrdup(buf);
            l->pat_ids[i] = -1;
            if (!cw_term_regex(l->items[i], re, sizeof re))
                lerr(ld, l->lines[i].file, l->lines[i].line, "list %s: term too long", l->name);
        }
        if (l->n > 1)
            qsort(l->folded, l->n, sizeof(char *), cmp_str);
        return;
    }
    if (l->kind == LK_NAMES)
        name_forms(l);
    if (l->n > 1)
        qsort(l->items, l->n, sizeof(char *), cmp_str);
    size_t o = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (o > 0 && strcmp(l->items[o - 1], l->items[i]) == 0) {
            free(l->items[i]);
            continue;
        }
        l->items[o++] = l->items[i];
    }
    l->n = o;
}

/* ---- patterns ------------------------------------------------------ */

static const char *const pattern_keys[] = {"pattern", "regex", "description", NULL};

static void parse_pattern(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *name = get_str(ld, d, item, "pattern", true, file, "pattern");
    if (!name)
        return;
    char what[128];
    snprintf(what, sizeof what, "pattern %s", name);
    check_keys(ld, d, item, file, what, pattern_keys);
    const char *regex = get_str(ld, d, item, "regex", true, file, what);
    const char *desc = get_str(ld, d, item, "description", false, file, what);
    if (!regex || name_taken(ld, name, file, yline(item)))
        return;
    int id = add_regex(ld, regex, file, yline(ymap_get(d, item, "regex")), what);
    if (id < 0)
        return;
    cw_ruleset *rs = ld->rs;
    GROW(rs->pats, rs->npats, rs->cappats);
    rs->pats[rs->npats++] = (rpattern){cw_xstrdup(name), cw_xstrdup(regex),
                                       desc ? cw_xstrdup(desc) : NULL, id, file, yline(item)};
}

/* Resolve a name usable with `matches`: a pattern, or a terms list. */
static bool resolve_matchable(loader *ld, const char *name, pref **refs, size_t *n, size_t *cap,
                              const char *file, int line, const char *what)
{
    rpattern *p = find_pattern(ld->rs, name);
    if (p) {
        GROW(*refs, *n, *cap);
        (*refs)[(*n)++] = (pref){p->name, p->id};
        return true;
    }
    rlist *l = cw_rules_find_list(ld->rs, name);
    if (l && l->kind == LK_TERMS) {
        compile_terms(ld, l);
        for (size_t i = 0; i < l->n; i++) {
            if (l->pat_ids[i] < 0)
                continue;
            GROW(*refs, *n, *cap);
            (*refs)[(*n)++] = (pref){l->name, l->pat_ids[i]};
        }
        return true;
    }
    if (l)
        lerr(ld, file, line, "%s: list '%s' is of kind %s; only terms lists can be matched (use 'in')",
             what, name, list_kind_names[l->kind]);
    else
        lerr(ld, file, line, "%s: unknown pattern or terms list '%s'", what, name);
    return false;
}

/* ---- conditions ---------------------------------------------------- */

static const char *const leaf_ops[] = {"matches", "in", "equals", "exists", "above", "below", NULL};
static const char *const leaf_keys[] = {"field", "matches", "in", "equals", "exists", "above", "below", NULL};

static bool list_fits_field(list_kind lk, cw_field_kind fk)
{
    switch (lk) {
    case LK_TERMS: return fk == CW_FK_TEXT || fk == CW_FK_NAME || fk == CW_FK_IMO;
    case LK_IMO: return fk == CW_FK_IMO;
    case LK_HS: return fk == CW_FK_HS;
    case LK_LOCODES: return fk == CW_FK_LOCODE;
    case LK_COUNTRIES: return fk == CW_FK_COUNTRY;
    case LK_NAMES: return fk == CW_FK_NAME;
    }
    return false;
}

void cw_cond_free(cond *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nkids; i++)
        cw_cond_free(c->kids[i]);
    free(c->kids);
    free(c->pats);
    free(c->value);
    free(c);
}

static cond *parse_cond(loader *ld, yaml_document_t *d, yaml_node_t *n, const char *file,
                        const char *what, int depth)
{
    if (!n || n->type != YAML_MAPPING_NODE) {
        lerr(ld, file, yline(n), "%s: a condition must be a mapping (all, any, not, or field)", what);
        return NULL;
    }
    if (depth > 32) {
        lerr(ld, file, yline(n), "%s: conditions nested too deep", what);
        return NULL;
    }
    if (++ld->conds > MAX_COND_NODES) {
        if (ld->conds == MAX_COND_NODES + 1)
            lerr(ld, file, yline(n), "%s: conditions too large (over %d parts, YAML aliases included)", what,
                 MAX_COND_NODES);
        return NULL;
    }
    yaml_node_t *all = ymap_get(d, n, "all"), *any = ymap_get(d, n, "any"),
                *not = ymap_get(d, n, "not"), *field = ymap_get(d, n, "field");
    int kinds = !!all + !!any + !!not + !!field;
    if (kinds != 1) {
        lerr(ld, file, yline(n),
             "%s: a condition has exactly one of 'all', 'any', 'not' or 'field'", what);
        return NULL;
    }
    cond *c = cw_xcalloc(1, sizeof *c);
    c->line = yline(n);
    if (all || any || not) {
        static const char *const kall[] = {"all", NULL}, *const kany[] = {"any", NULL},
                                 *const knot[] = {"not", NULL};
        check_keys(ld, d, n, file, what, all ? kall : any ? kany : knot);
        if (not) {
            c->op = C_NOT;
            c->kids = cw_xcalloc(1, sizeof(cond *));
            c->kids[0] = parse_cond(ld, d, not, file, what, depth + 1);
            c->nkids = 1;
            if (!c->kids[0])
                goto bad;
            c->goods = c->kids[0]->goods;
            return c;
        }
        yaml_node_t *seq = all ? all : any;
        c->op = all ? C_ALL : C_ANY;
        if (seq->type != YAML_SEQUENCE_NODE || yseq_len(seq) == 0) {
            lerr(ld, file, yline(seq), "%s: '%s' takes a non-empty sequence of conditions", what,
                 all ? "all" : "any");
            goto bad;
        }
        size_t len = yseq_len(seq);
        c->kids = cw_xcalloc(len, sizeof(cond *));
        bool ok = true;
        for (size_t i = 0; i < len; i++) {
            cond *k = parse_cond(ld, d, yseq_at(d, seq, i), file, what, depth + 1);
            if (!k) {
                ok = false;
                continue;
            }
            c->kids[c->nkids++] = k;
            c->goods |= k->goods;
        }
        if (!ok)
            goto bad;
        return c;
    }

    check_keys(ld, d, n, file, what, leaf_keys);
    const char *fname = yscalar(field);
    int f = fname ? cw_field_lookup(fname) : -1;
    if (f < 0) {
        lerr(ld, file, yline(field), "%s: unknown field '%s'", what, fname ? fname : "?");
        goto bad;
    }
    c->field = (cw_field)f;
    c->goods = cw_field_is_goods(c->field);
    cw_field_kind fk = cw_field_kind_of(c->field);
    yaml_node_t *opn = NULL;
    int nops = 0;
    for (int i = 0; leaf_ops[i]; i++) {
        yaml_node_t *v = ymap_get(d, n, leaf_ops[i]);
        if (v) {
            nops++;
            opn = v;
            c->op = (cop)(C_MATCHES + i);
        }
    }
    if (nops != 1) {
        lerr(ld, file, yline(n),
             "%s: a field condition has exactly one of matches, in, equals, exists, above, below",
             what);
        goto bad;
    }
    int vline = yline(opn);
    switch (c->op) {
    case C_MATCHES: {
        if (fk == CW_FK_NUMBER) {
            lerr(ld, file, vline, "%s: field %s is a number: use equals, above or below", what, fname);
            goto bad;
        }
        size_t nn, cap = 0;
        yaml_node_t **names = get_strs(ld, d, opn, file, what, "matches", &nn);
        bool ok = nn > 0;
        for (size_t i = 0; i < nn; i++)
            ok &= resolve_matchable(ld, yscalar(names[i]), &c->pats, &c->npats, &cap, file,
                                    yline(names[i]), what);
        free(names);
        if (!ok)
            goto bad;
        break;
    }
    case C_IN: {
        const char *ln = yscalar(opn);
        c->list = ln ? cw_rules_find_list(ld->rs, ln) : NULL;
        if (!c->list) {
            lerr(ld, file, vline, "%s: unknown list '%s'", what, ln ? ln : "?");
            goto bad;
        }
        if (!list_fits_field(c->list->kind, fk)) {
            lerr(ld, file, vline, "%s: list '%s' of kind %s cannot apply to field %s", what, ln,
                 list_kind_names[c->list->kind], fname);
            goto bad;
        }
        break;
    }
    case C_EQUALS:
    case C_ABOVE:
    case C_BELOW: {
        const char *v = yscalar(opn);
        if (!v) {
            lerr(ld, file, vline, "%s: the value must be a scalar", what);
            goto bad;
        }
        if ((fk == CW_FK_NUMBER || c->op != C_EQUALS) && !parse_double(v, &c->num)) {
            lerr(ld, file, vline, "%s: '%s' is not a number", what, v);
            goto bad;
        }
        if (c->op != C_EQUALS && fk != CW_FK_NUMBER) {
            lerr(ld, file, vline, "%s: above and below apply to number fields only", what);
            goto bad;
        }
        c->value = cw_xstrdup(v);
        break;
    }
    case C_EXISTS:
        if (!parse_bool(yscalar(opn), &c->exists)) {
            lerr(ld, file, vline, "%s: exists takes true or false", what);
            goto bad;
        }
        break;
    default:
        break;
    }
    return c;
bad:
    cw_cond_free(c);
    return NULL;
}

/* ---- templates ----------------------------------------------------- */

static bool kit_var(const char *name)
{
    for (const char *const *v = cw_kit_vars; *v; v++)
        if (strcmp(*v, name) == 0)
            return true;
    return false;
}

bool cw_rules_builtin_var(const char *name)
{
    return !strcmp(name, "match") || !strcmp(name, "ref") || !strcmp(name, "id") ||
           !strcmp(name, "rule") || !strcmp(name, "title") || !strcmp(name, "severity");
}

static void check_template(loader *ld, const char *tmpl, bool kit, const char *file, int line,
                           const char *what)
{
    for (const char *p = tmpl; (p = strstr(p, "%{")); ) {
        const char *e = strchr(p, '}');
        if (!e) {
            lerr(ld, file, line, "%s: output: '%%{' without '}'", what);
            return;
        }
        /* %{a|b}: the first of a, b that has a value */
        for (const char *a = p + 2; a < e;) {
            const char *bar = memchr(a, '|', (size_t)(e - a));
            const char *end = bar ? bar : e;
            char name[64];
            size_t n = (size_t)(end - a);
            snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), a);
            if (cw_field_lookup(name) < 0 && !cw_rules_builtin_var(name) && !(kit && kit_var(name)))
                lerr(ld, file, line, "%s: output: unknown placeholder %%{%s}", what, name);
            a = end + 1;
        }
        p = e + 1;
    }
}

/* ---- rules and kits ------------------------------------------------ */

static void parse_tests_key(loader *ld, yaml_document_t *d, yaml_node_t *tests, const char *target,
                            bool is_kit, const char *file);

/* Fields common to rules and kits: title, severity, score, source, tags,
 * output. */
static bool parse_head(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file,
                       const char *what, char **title, cw_severity *sev, double *score,
                       char ***tags, size_t *ntags, char **output, bool kit)
{
    bool ok = true;
    const char *t = get_str(ld, d, item, "title", true, file, what);
    const char *s = get_str(ld, d, item, "severity", true, file, what);
    const char *o = get_str(ld, d, item, "output", false, file, what);
    ok = t && s;
    *sev = CW_SEV_MEDIUM;
    if (s) {
        int v = -1;
        for (int i = 0; i < 5; i++)
            if (strcmp(s, cw_severity_names[i]) == 0)
                v = i;
        if (v < 0) {
            lerr(ld, file, yline(ymap_get(d, item, "severity")),
                 "%s: bad severity '%s' (info, low, medium, high or critical)", what, s);
            ok = false;
        } else {
            *sev = (cw_severity)v;
        }
    }
    *score = severity_scores[*sev];
    yaml_node_t *sc = ymap_get(d, item, "score");
    if (sc) {
        double v;
        if (!parse_double(yscalar(sc), &v) || v < 0 || v > 100) {
            lerr(ld, file, yline(sc), "%s: score must be a number from 0 to 100", what);
            ok = false;
        } else {
            *score = v;
        }
    }
    *tags = NULL;
    *ntags = 0;
    const char *keys[] = {"source", "tags"};
    for (int k = 0; k < 2; k++) {
        size_t n;
        yaml_node_t **v = get_strs(ld, d, ymap_get(d, item, keys[k]), file, what, keys[k], &n);
        for (size_t i = 0; i < n; i++) {
            *tags = cw_xrealloc(*tags, (*ntags + 1) * sizeof(char *));
            (*tags)[(*ntags)++] = cw_xstrdup(yscalar(v[i]));
        }
        free(v);
    }
    if (o)
        check_template(ld, o, kit, file, yline(ymap_get(d, item, "output")), what);
    *title = t ? cw_xstrdup(t) : NULL;
    *output = cw_xstrdup(o ? o : "%{title}");
    return ok;
}

static const char *const rule_keys[] = {"rule", "title", "severity", "score", "enabled", "source",
                                        "tags", "applies_to", "when", "output", "tests",
                                        "description", NULL};

static void free_tags(char **tags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(tags[i]);
    free(tags);
}

static void parse_rule(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *id = get_str(ld, d, item, "rule", true, file, "rule");
    if (!id)
        return;
    char what[128];
    snprintf(what, sizeof what, "rule %s", id);
    check_keys(ld, d, item, file, what, rule_keys);
    cw_rule r = {0};
    r.file = file;
    r.line = yline(item);
    r.enabled = true;
    bool ok = parse_head(ld, d, item, file, what, &r.title, &r.severity, &r.score, &r.tags,
                         &r.ntags, &r.output, false);
    yaml_node_t *en = ymap_get(d, item, "enabled");
    if (en && !parse_bool(yscalar(en), &r.enabled)) {
        lerr(ld, file, yline(en), "%s: 'enabled' must be true or false", what);
        ok = false;
    }
    const char *ap = get_str(ld, d, item, "applies_to", false, file, what);
    if (ap) {
        if (!strcmp(ap, "any"))
            r.applies_to = CW_APPLIES_ANY;
        else if (!strcmp(ap, "manifest"))
            r.applies_to = CW_APPLIES_MANIFEST;
        else if (!strcmp(ap, "insurance"))
            r.applies_to = CW_APPLIES_INSURANCE;
        else {
            lerr(ld, file, yline(ymap_get(d, item, "applies_to")),
                 "%s: applies_to must be manifest, insurance or any", what);
            ok = false;
        }
    }
    yaml_node_t *when = ymap_get(d, item, "when");
    cond *c = NULL;
    if (!when) {
        lerr(ld, file, r.line, "%s: missing required key 'when'", what);
        ok = false;
    } else {
        c = parse_cond(ld, d, when, file, what, 0);
        ok &= c != NULL;
    }
    if (id_taken(ld, id, file, r.line))
        ok = false;
    if (!ok) {
        free(r.title);
        free(r.output);
        free_tags(r.tags, r.ntags);
        cw_cond_free(c);
        return;
    }
    r.id = cw_xstrdup(id);
    cw_ruleset *rs = ld->rs;
    GROW(rs->rules, rs->nrules, rs->caprules);
    rs->when = cw_xrealloc(rs->when, rs->caprules * sizeof(cond *));
    rs->rules[rs->nrules] = r;
    rs->when[rs->nrules] = c;
    rs->nrules++;
    yaml_node_t *tests = ymap_get(d, item, "tests");
    if (tests)
        parse_tests_key(ld, d, tests, id, false, file);
}

static const char *const kit_keys[] = {"kit", "title", "severity", "score", "source", "tags",
                                       "min_components", "min_paths", "watch_components", "window", "output",
                                       "components", "tests", "description", NULL};
static const char *const comp_keys[] = {"id", "name", "patterns", "hs", "exclude", "description", NULL};

/* A component's patterns (or exclusions): names of patterns or terms
 * lists, or else inline regexes. */
static void comp_patterns(loader *ld, yaml_document_t *d, yaml_node_t *node, kcomp *kc, pref **out,
                          size_t *nout, const char *file, const char *what, const char *key)
{
    size_t np, cap = 0;
    yaml_node_t **pats = get_strs(ld, d, node, file, what, key, &np);
    for (size_t i = 0; i < np; i++) {
        const char *s = yscalar(pats[i]);
        rlist *l = cw_rules_find_list(ld->rs, s);
        if (find_pattern(ld->rs, s) || (l && l->kind == LK_TERMS)) {
            resolve_matchable(ld, s, out, nout, &cap, file, yline(pats[i]), what);
            continue;
        }
        int pid = add_regex(ld, s, file, yline(pats[i]), what);
        if (pid < 0)
            continue;
        GROW(kc->inline_re, kc->ninline, kc->capinline);
        kc->inline_re[kc->ninline++] = cw_xstrdup(s);
        GROW(*out, *nout, cap);
        (*out)[(*nout)++] = (pref){kc->inline_re[kc->ninline - 1], pid};
    }
    free(pats);
}

static void parse_component(loader *ld, yaml_document_t *d, yaml_node_t *n, const char *kit_id,
                            cw_kit *k, kcomp *kc, const char *file)
{
    char what[160];
    snprintf(what, sizeof what, "kit %s: component", kit_id);
    if (n->type != YAML_MAPPING_NODE) {
        lerr(ld, file, yline(n), "%s: must be a mapping {id, name, patterns, hs}", what);
        return;
    }
    const char *id = get_str(ld, d, n, "id", true, file, what);
    if (!id)
        return;
    snprintf(what, sizeof what, "kit %s: component %s", kit_id, id);
    check_keys(ld, d, n, file, what, comp_keys);
    for (size_t i = 0; i < k->ncomponents; i++)
        if (strcmp(k->components[i].id, id) == 0) {
            lerr(ld, file, yline(n), "%s: duplicate component id", what);
            return;
        }
    const char *name = get_str(ld, d, n, "name", false, file, what);
    memset(kc, 0, sizeof *kc);
    comp_patterns(ld, d, ymap_get(d, n, "patterns"), kc, &kc->pats, &kc->npats, file, what, "patterns");
    comp_patterns(ld, d, ymap_get(d, n, "exclude"), kc, &kc->excl, &kc->nexcl, file, what, "exclude");
    size_t nh;
    yaml_node_t **hs = get_strs(ld, d, ymap_get(d, n, "hs"), file, what, "hs", &nh);
    for (size_t i = 0; i < nh; i++) {
        char why[256];
        char *c = canon_item(LK_HS, yscalar(hs[i]), why, sizeof why);
        if (!c) {
            lerr(ld, file, yline(hs[i]), "%s: %s", what, why);
            continue;
        }
        if (strlen(c) < 4) {
            lerr(ld, file, yline(hs[i]),
                 "%s: HS prefix '%s' is too vague for a component (4 digits or more)", what, c);
            free(c);
            continue;
        }
        kc->hs = cw_xrealloc(kc->hs, (kc->nhs + 1) * sizeof(char *));
        kc->hs[kc->nhs++] = c;
    }
    free(hs);
    if (kc->npats == 0 && kc->nhs == 0)
        lerr(ld, file, yline(n), "%s: needs at least one pattern or HS prefix", what);
    k->components[k->ncomponents++] = (cw_kit_component){cw_xstrdup(id), cw_xstrdup(name ? name : id)};
}

void cw_kcomp_free(kcomp *kc)
{
    free(kc->pats);
    free(kc->excl);
    for (size_t i = 0; i < kc->ninline; i++)
        free(kc->inline_re[i]);
    free(kc->inline_re);
    for (size_t i = 0; i < kc->nhs; i++)
        free(kc->hs[i]);
    free(kc->hs);
}

void cw_kit_free_fields(cw_kit *k)
{
    free(k->id);
    free(k->title);
    free(k->output);
    free_tags(k->tags, k->ntags);
    for (size_t i = 0; i < k->ncomponents; i++) {
        free(k->components[i].id);
        free(k->components[i].name);
    }
    free(k->components);
}

static void parse_kit(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *id = get_str(ld, d, item, "kit", true, file, "kit");
    if (!id)
        return;
    char what[128];
    snprintf(what, sizeof what, "kit %s", id);
    check_keys(ld, d, item, file, what, kit_keys);
    cw_kit k = {0};
    k.file = file;
    k.line = yline(item);
    k.min_components = 3;
    k.min_paths = 2;
    k.window_ms = 90LL * 86400000;
    bool ok = parse_head(ld, d, item, file, what, &k.title, &k.severity, &k.score, &k.tags,
                         &k.ntags, &k.output, true);
    yaml_node_t *comps = ymap_get(d, item, "components");
    size_t nc = yseq_len(comps);
    kcomp *kcs = NULL;
    if (!comps || comps->type != YAML_SEQUENCE_NODE || nc == 0) {
        lerr(ld, file, comps ? yline(comps) : k.line,
             "%s: 'components' must be a non-empty sequence", what);
        ok = false;
    } else {
        k.components = cw_xcalloc(nc, sizeof(cw_kit_component));
        kcs = cw_xcalloc(nc, sizeof(kcomp));
        for (size_t i = 0; i < nc; i++)
            parse_component(ld, d, yseq_at(d, comps, i), id, &k, &kcs[k.ncomponents], file);
        if (k.ncomponents != nc)
            ok = false;
    }
    const char *ints[] = {"min_components", "min_paths", "watch_components"};
    int *dst[] = {&k.min_components, &k.min_paths, &k.watch_components};
    for (int i = 0; i < 3; i++) {
        yaml_node_t *v = ymap_get(d, item, ints[i]);
        long x;
        if (!v)
            continue;
        if (!parse_int(yscalar(v), &x) || x < 1 || (i != 1 && nc && (size_t)x > nc) || x > 100) {
            lerr(ld, file, yline(v), "%s: %s must be a whole number from 1%s", what, ints[i],
                 i != 1 ? " to the number of components" : " to 100");
            ok = false;
        } else {
            *dst[i] = (int)x;
        }
    }
    if (k.watch_components >= k.min_components) {
        lerr(ld, file, yline(ymap_get(d, item, "watch_components")),
             "%s: watch_components must be below min_components (%d)", what, k.min_components);
        ok = false;
    }
    yaml_node_t *w = ymap_get(d, item, "window");
    if (w && !parse_duration(yscalar(w), &k.window_ms)) {
        lerr(ld, file, yline(w), "%s: bad duration '%s' (like 90d, 12h, 30m, 10s)", what,
             yscalar(w) ? yscalar(w) : "?");
        ok = false;
    }
    if (id_taken(ld, id, file, k.line))
        ok = false;
    if (!ok) {
        for (size_t i = 0; i < k.ncomponents; i++)
            cw_kcomp_free(&kcs[i]);
        free(kcs);
        cw_kit_free_fields(&k);
        return;
    }
    k.id = cw_xstrdup(id);
    cw_ruleset *rs = ld->rs;
    GROW(rs->kits, rs->nkits, rs->capkits);
    rs->kcomps = cw_xrealloc(rs->kcomps, rs->capkits * sizeof(kcomp *));
    rs->kits[rs->nkits] = k;
    rs->kcomps[rs->nkits] = kcs;
    rs->nkits++;
    yaml_node_t *tests = ymap_get(d, item, "tests");
    if (tests)
        parse_tests_key(ld, d, tests, id, true, file);
}

/* ---- test cases ---------------------------------------------------- */

/* Contract fields that are numbers; every other scalar is a string. */
static bool number_key(const char *key)
{
    static const char *const keys[] = {"version", "packages", "weight_kg", "value", "sum_insured", NULL};
    for (int i = 0; key && keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static cJSON *yaml_to_json(yaml_document_t *d, yaml_node_t *n, const char *key, int depth)
{
    if (!n || depth > 16)
        return cJSON_CreateNull();
    switch (n->type) {
    case YAML_SCALAR_NODE: {
        const char *s = (const char *)n->data.scalar.value;
        bool plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        double v;
        if (plain && (!strcmp(s, "null") || !strcmp(s, "~") || !*s))
            return cJSON_CreateNull();
        if (number_key(key) && parse_double(s, &v))
            return cJSON_CreateNumber(v);
        return cJSON_CreateString(s);
    }
    case YAML_SEQUENCE_NODE: {
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; i < yseq_len(n); i++)
            cJSON_AddItemToArray(a, yaml_to_json(d, yseq_at(d, n, i), key, depth + 1));
        return a;
    }
    case YAML_MAPPING_NODE: {
        cJSON *o = cJSON_CreateObject();
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            const char *k = yscalar(ynode(d, p->key));
            if (k)
                cJSON_AddItemToObject(o, k, yaml_to_json(d, ynode(d, p->value), k, depth + 1));
        }
        return o;
    }
    default:
        return cJSON_CreateNull();
    }
}

static void default_str(cJSON *o, const char *key, const char *v)
{
    if (!cJSON_GetObjectItemCaseSensitive(o, key))
        cJSON_AddStringToObject(o, key, v);
}

static cJSON *default_obj(cJSON *o, const char *key)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        v = cJSON_AddObjectToObject(o, key);
    return v;
}

/* Fill what the contract requires and a test does not care about, so a
 * test message says only what matters to its rule. */
static void complete_message(cJSON *o, const char *file, int line)
{
    static const char *const ins_keys[] = {"subject_matter", "certificate", "issued_at", "assured",
                                           "insurer", "policy", "sum_insured", NULL};
    bool ins = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(o, "voyage"));
    for (int i = 0; ins_keys[i]; i++)
        ins |= cJSON_GetObjectItemCaseSensitive(o, ins_keys[i]) != NULL;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "type");
    if (cJSON_IsString(t))
        ins = strcmp(t->valuestring, "insurance") == 0;
    char id[300];
    snprintf(id, sizeof id, "test:%s:%d", file, line);
    default_str(o, "type", ins ? "insurance" : "manifest");
    if (!cJSON_GetObjectItemCaseSensitive(o, "version"))
        cJSON_AddNumberToObject(o, "version", 1);
    default_str(o, "id", id);
    if (ins) {
        default_str(o, "certificate", id + 5);
        default_str(o, "issued_at", "2026-01-15T00:00:00Z");
        default_str(o, "subject_matter", "test cargo");
        cJSON *a = default_obj(o, "assured");
        if (cJSON_IsObject(a))
            default_str(a, "name", "Test Assured Ltd");
        cJSON *v = default_obj(o, "voyage");
        if (cJSON_IsObject(v)) {
            default_str(v, "from", "DEHAM");
            default_str(v, "to", "NLRTM");
        }
    } else {
        default_str(o, "bl", id + 5);
        default_str(o, "filed_at", "2026-01-15T00:00:00Z");
        cJSON *r = default_obj(o, "route");
        if (cJSON_IsObject(r)) {
            default_str(r, "loading", "DEHAM");
            default_str(r, "discharge", "NLRTM");
        }
        const char *roles[] = {"shipper", "consignee"};
        for (int i = 0; i < 2; i++) {
            cJSON *p = default_obj(o, roles[i]);
            if (cJSON_IsObject(p))
                default_str(p, "name", i ? "Test Consignee BV" : "Test Shipper GmbH");
        }
        if (!cJSON_GetObjectItemCaseSensitive(o, "goods")) {
            cJSON *g = cJSON_AddArrayToObject(o, "goods");
            cJSON *line0 = cJSON_CreateObject();
            cJSON_AddStringToObject(line0, "description", "test cargo");
            cJSON_AddItemToArray(g, line0);
        }
    }
}

static const char *const test_keys[] = {"test", "rule", "fires", "quiet", "description", NULL};
static const char *const tests_keys[] = {"name", "fires", "quiet", "description", NULL};

static void add_test_messages(loader *ld, yaml_document_t *d, yaml_node_t *item, rtest *t,
                              const char *file, const char *what)
{
    const char *keys[] = {"fires", "quiet"};
    for (int k = 0; k < 2; k++) {
        yaml_node_t *seq = ymap_get(d, item, keys[k]);
        if (!seq)
            continue;
        if (seq->type != YAML_SEQUENCE_NODE) {
            lerr(ld, file, yline(seq), "%s: '%s' must be a sequence of messages", what, keys[k]);
            continue;
        }
        for (size_t i = 0; i < yseq_len(seq); i++) {
            yaml_node_t *mn = yseq_at(d, seq, i);
            if (mn->type != YAML_MAPPING_NODE) {
                lerr(ld, file, yline(mn), "%s: a test message must be a mapping", what);
                continue;
            }
            cJSON *j = yaml_to_json(d, mn, NULL, 0);
            complete_message(j, file, yline(mn));
            GROW(t->msgs, t->nmsgs, t->capmsgs);
            t->msgs[t->nmsgs++] = (tmsg){k == 0, j, yline(mn)};
        }
    }
    if (t->nmsgs == 0)
        lerr(ld, file, yline(item), "%s: has no 'fires' or 'quiet' messages", what);
}

static rtest *new_test(cw_ruleset *rs, const char *name, const char *target, const char *file,
                       int line)
{
    GROW(rs->tests, rs->ntests, rs->captests);
    rtest *t = &rs->tests[rs->ntests++];
    memset(t, 0, sizeof *t);
    t->name = cw_xstrdup(name);
    t->target = cw_xstrdup(target);
    t->file = file;
    t->line = line;
    return t;
}

static void parse_tests_key(loader *ld, yaml_document_t *d, yaml_node_t *tests, const char *target,
                            bool is_kit, const char *file)
{
    char what[160];
    snprintf(what, sizeof what, "%s %s: tests", is_kit ? "kit" : "rule", target);
    size_t n = tests->type == YAML_SEQUENCE_NODE ? yseq_len(tests) : 1;
    if (tests->type != YAML_SEQUENCE_NODE && tests->type != YAML_MAPPING_NODE) {
        lerr(ld, file, yline(tests), "%s: must be a mapping {fires, quiet} or a sequence of them", what);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *t = tests->type == YAML_SEQUENCE_NODE ? yseq_at(d, tests, i) : tests;
        if (t->type != YAML_MAPPING_NODE) {
            lerr(ld, file, yline(t), "%s: must be a mapping {fires, quiet}", what);
            continue;
        }
        check_keys(ld, d, t, file, what, tests_keys);
        const char *name = get_str(ld, d, t, "name", false, file, what);
        char nm[160];
        snprintf(nm, sizeof nm, "%s#%zu", target, i + 1);
        rtest *rt = new_test(ld->rs, name ? name : nm, target, file, yline(t));
        add_test_messages(ld, d, t, rt, file, what);
    }
}

static void parse_test(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *name = get_str(ld, d, item, "test", true, file, "test");
    if (!name)
        return;
    char what[160];
    snprintf(what, sizeof what, "test %s", name);
    check_keys(ld, d, item, file, what, test_keys);
    const char *target = get_str(ld, d, item, "rule", true, file, what);
    if (!target)
        return;
    for (size_t i = 0; i < ld->rs->ntests; i++)
        if (strcmp(ld->rs->tests[i].name, name) == 0) {
            lerr(ld, file, yline(item), "duplicate test name '%s' (first defined at %s:%d)", name,
                 ld->rs->tests[i].file, ld->rs->tests[i].line);
            return;
        }
    rtest *t = new_test(ld->rs, name, target, file, yline(item));
    add_test_messages(ld, d, item, t, file, what);
}

/* ---- files --------------------------------------------------------- */

static const char *const item_kinds[] = {"list", "pattern", "rule", "kit", "test", NULL};

/* Which kind of item is it (index in item_kinds), or -1.  The kind is
 * the item's first key, as in Falco; failing that, its only kind key (a
 * test's `rule:` names its target, not its kind). */
static int kind_of(yaml_document_t *d, yaml_node_t *item, const char **first)
{
    *first = NULL;
    if (item->type != YAML_MAPPING_NODE)
        return -2;
    if (item->data.mapping.pairs.start < item->data.mapping.pairs.top)
        *first = yscalar(ynode(d, item->data.mapping.pairs.start->key));
    for (int i = 0; *first && item_kinds[i]; i++)
        if (strcmp(*first, item_kinds[i]) == 0)
            return i;
    int kind = -1, found = 0;
    for (int i = 0; item_kinds[i]; i++)
        if (ymap_get(d, item, item_kinds[i])) {
            kind = i;
            found++;
        }
    return found == 1 ? kind : found > 1 ? -3 : -1;
}

static int item_kind(loader *ld, yaml_document_t *d, yaml_node_t *item, const char *file)
{
    const char *first;
    int k = kind_of(d, item, &first);
    if (k == -2)
        lerr(ld, file, yline(item),
             "an item must be a mapping keyed by its kind (list, pattern, rule, kit, test)");
    else if (k == -3)
        lerr(ld, file, yline(item), "an item starts with its kind key (list, pattern, rule, kit, test)");
    else if (k == -1)
        lerr(ld, file, yline(item), "unknown item kind '%s' (list, pattern, rule, kit or test)",
             first ? first : "");
    return k;
}

static void read_file(loader *ld, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *file = intern_file(ld->rs, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        lerr(ld, file, 0, "cannot read: %s", strerror(errno));
        return;
    }
    cw_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cw_buf_add(&b, chunk, n);
    fclose(f);
    cw_hash_str(&ld->hash, name);
    cw_hash_add(&ld->hash, b.p ? b.p : "", b.len);

    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)(b.p ? b.p : ""), b.len);
    for (;;) {
        GROW(ld->docs, ld->ndocs, ld->capdocs);
        ydoc *yd = &ld->docs[ld->ndocs];
        if (!yaml_parser_load(&parser, &yd->doc)) {
            const char *problem = parser.problem ? parser.problem : "syntax error";
            int line = (int)parser.problem_mark.line + 1;
            if (parser.context)
                lerr(ld, file, line, "YAML: %s (%s started at line %d)", problem, parser.context,
                     (int)parser.context_mark.line + 1);
            else
                lerr(ld, file, line, "YAML: %s", problem);
            break;
        }
        yaml_node_t *root = yaml_document_get_root_node(&yd->doc);
        if (!root) { /* end of stream */
            yaml_document_delete(&yd->doc);
            break;
        }
        yd->file = file;
        ld->ndocs++;
        if (root->type == YAML_SCALAR_NODE && !*yscalar(root))
            continue; /* an empty document */
        if (root->type != YAML_SEQUENCE_NODE)
            lerr(ld, file, yline(root),
                 "a rules file is a sequence of items ('- list: ...', '- rule: ...')");
    }
    yaml_parser_delete(&parser);
    cw_buf_free(&b);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml files of dir, sorted. */
static char **list_files(const char *dir, size_t *n, int *err)
{
    *n = 0;
    *err = 0;
    DIR *dp = opendir(dir);
    if (!dp) {
        *err = errno;
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 || de->d_name[0] == '.')
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        GROW(names, *n, cap);
        names[(*n)++] = cw_xstrdup(de->d_name);
    }
    closedir(dp);
    if (*n > 1)
        qsort(names, *n, sizeof(char *), cmp_name);
    return names;
}

/* Pass over every item of every document, handing those of the kinds
 * wanted to their parser. */
static void for_items(loader *ld, unsigned kinds_mask, bool report)
{
    for (size_t i = 0; i < ld->ndocs; i++) {
        yaml_document_t *d = &ld->docs[i].doc;
        const char *file = ld->docs[i].file;
        yaml_node_t *root = yaml_document_get_root_node(d);
        if (!root || root->type != YAML_SEQUENCE_NODE)
            continue;
        for (size_t j = 0; j < yseq_len(root); j++) {
            yaml_node_t *item = yseq_at(d, root, j);
            int k;
            const char *first;
            k = report ? item_kind(ld, d, item, file) : kind_of(d, item, &first);
            if (k < 0 || !(kinds_mask & (1u << k)))
                continue;
            if (ld->tests_only && k != 4) {
                lerr(ld, file, yline(item), "only test items belong in a test directory");
                continue;
            }
            switch (k) {
            case 0: parse_list(ld, d, item, file); break;
            case 1: parse_pattern(ld, d, item, file); break;
            case 2: parse_rule(ld, d, item, file); break;
            case 3: parse_kit(ld, d, item, file); break;
            case 4: parse_test(ld, d, item, file); break;
            }
        }
    }
}

/* Reverse index from pattern id to the kit components it reveals. */
static void index_components(cw_ruleset *rs)
{
    size_t np = cw_matcher_count(rs->matcher);
    rs->comp_first = cw_xcalloc(np + 1, sizeof(size_t));
    rs->compbase = cw_xcalloc(rs->nkits + 1, sizeof(size_t));
    size_t total = 0;
    for (size_t k = 0; k < rs->nkits; k++) {
        rs->compbase[k] = total;
        total += rs->kits[k].ncomponents;
    }
    rs->compbase[rs->nkits] = total;
    rs->ncomps_total = total;
    /* count, then fill (a counting sort by pattern id) */
    for (size_t k = 0; k < rs->nkits; k++)
        for (size_t c = 0; c < rs->kits[k].ncomponents; c++)
            for (size_t p = 0; p < rs->kcomps[k][c].npats; p++)
                rs->comp_first[rs->kcomps[k][c].pats[p].id + 1]++;
    for (size_t i = 0; i < np; i++)
        rs->comp_first[i + 1] += rs->comp_first[i];
    rs->comp_refs = cw_xcalloc(rs->comp_first[np] + 1, sizeof(compref));
    size_t *fill = cw_xcalloc(np + 1, sizeof(size_t));
    for (size_t k = 0; k < rs->nkits; k++)
        for (size_t c = 0; c < rs->kits[k].ncomponents; c++)
            for (size_t p = 0; p < rs->kcomps[k][c].npats; p++) {
                int id = rs->kcomps[k][c].pats[p].id;
                rs->comp_refs[rs->comp_first[id] + fill[id]++] =
                    (compref){k, c, rs->kcomps[k][c].pats[p].name};
            }
    free(fill);
}

static void check_tests(loader *ld)
{
    cw_ruleset *rs = ld->rs;
    for (size_t i = 0; i < rs->ntests; i++) {
        rtest *t = &rs->tests[i];
        size_t kidx;
        if (cw_rules_find_rule(rs, t->target))
            t->is_kit = false;
        else if (cw_rules_find_kit(rs, t->target, &kidx))
            t->is_kit = true, t->kit = kidx;
        else
            lerr(ld, t->file, t->line, "test %s: unknown rule or kit '%s'", t->name, t->target);
    }
}

static void loader_done(loader *ld)
{
    for (size_t i = 0; i < ld->ndocs; i++)
        yaml_document_delete(&ld->docs[i].doc);
    free(ld->docs);
}

static void copy_errors(loader *ld, char *err, size_t errlen)
{
    if (!err || !errlen)
        return;
    const char *s = ld->errs.p ? ld->errs.p : "";
    size_t n = strlen(s);
    if (n >= errlen) {
        n = errlen - 1;
        /* keep whole lines where we can */
        while (n > 0 && s[n - 1] != '\n')
            n--;
        if (n == 0)
            n = errlen - 1;
    }
    memcpy(err, s, n);
    err[n] = '\0';
}

static bool load_dir(loader *ld, const char *dir, bool tests_only)
{
    size_t nfiles;
    int e;
    char **names = list_files(dir, &nfiles, &e);
    if (!names && e) {
        lerr(ld, dir, 0, "cannot open rules directory: %s", strerror(e));
        return false;
    }
    if (nfiles == 0 && !tests_only)
        lerr(ld, dir, 0, "no *.yaml rule files");
    ld->tests_only = tests_only;
    for (size_t i = 0; i < nfiles; i++) {
        read_file(ld, dir, names[i]);
        free(names[i]);
    }
    free(names);
    return true;
}

cw_ruleset *cw_rules_load(const char *dir, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    loader ld = {0};
    ld.dir = dir;
    ld.rs = cw_xcalloc(1, sizeof(cw_ruleset));
    ld.rs->matcher = cw_matcher_new();
    cw_hash_init(&ld.hash);
    load_dir(&ld, dir, false);

    /* lists and patterns first, so that anything can use them */
    for_items(&ld, 1u << 0 | 1u << 1, true);
    for (size_t i = 0; i < ld.rs->nlists; i++)
        finish_list(&ld, &ld.rs->lists[i]);
    for_items(&ld, 1u << 2 | 1u << 3 | 1u << 4, false);
    check_tests(&ld);
    loader_done(&ld);

    char cerr[256];
    if (ld.nerr == 0 && cw_matcher_compile(ld.rs->matcher, cerr, sizeof cerr) != 0)
        lerr(&ld, dir, 0, "cannot build the pattern prefilter: %s", cerr);
    if (ld.nerr) {
        copy_errors(&ld, err, errlen);
        cw_buf_free(&ld.errs);
        cw_rules_free(ld.rs);
        return NULL;
    }
    index_components(ld.rs);
    static const char *const known[CW_KNOWN_LISTS] = {"sanctioned-countries", "vague-descriptions"};
    for (int k = 0; k < CW_KNOWN_LISTS; k++)
        ld.rs->known[k] = cw_rules_find_list(ld.rs, known[k]);
    char *real = realpath(dir, NULL);
    ld.rs->dir = real ? real : cw_xstrdup(dir);
    char hex[33];
    cw_hash_hex(&ld.hash, hex);
    snprintf(ld.rs->version, sizeof ld.rs->version, "rules-%.16s", hex);
    ld.rs->serial = atomic_fetch_add(&ruleset_serial, 1) + 1;
    cw_buf_free(&ld.errs);
    return ld.rs;
}

/* Extra test files (only `- test:` items) into rs->tests. */
int cw_rules_load_tests(cw_ruleset *rs, const char *dir, char *err, size_t errlen)
{
    loader ld = {0};
    ld.dir = dir;
    ld.rs = rs;
    cw_hash_init(&ld.hash);
    load_dir(&ld, dir, true);
    for_items(&ld, 0x1f, true);
    loader_done(&ld);
    check_tests(&ld);
    copy_errors(&ld, err, errlen);
    cw_buf_free(&ld.errs);
    return ld.nerr;
}

void cw_rules_free(cw_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nlists; i++) {
        rlist *l = &rs->lists[i];
        for (size_t j = 0; j < l->n; j++)
            free(l->items[j]);
        if (l->folded)
            for (size_t j = 0; j < l->n; j++)
                free(l->folded[j]);
        free(l->folded);
        if (l->written)
            for (size_t j = 0; j < l->nlines; j++)
                free(l->written[j]);
        free(l->written);
        for (int f = 0; f < 4; f++) {
            for (size_t j = 0; j < l->nforms[f]; j++)
                free(l->forms[f][j].form);
            free(l->forms[f]);
        }
        free(l->items);
        free(l->lines);
        free(l->pat_ids);
        free(l->name);
    }
    free(rs->lists);
    for (size_t i = 0; i < rs->npats; i++) {
        free(rs->pats[i].name);
        free(rs->pats[i].regex);
        free(rs->pats[i].desc);
    }
    free(rs->pats);
    for (size_t i = 0; i < rs->nrules; i++) {
        cw_rule *r = &rs->rules[i];
        free(r->id);
        free(r->title);
        free(r->output);
        free_tags(r->tags, r->ntags);
        cw_cond_free(rs->when[i]);
    }
    free(rs->rules);
    free(rs->when);
    for (size_t k = 0; k < rs->nkits; k++) {
        for (size_t c = 0; c < rs->kits[k].ncomponents; c++)
            cw_kcomp_free(&rs->kcomps[k][c]);
        free(rs->kcomps[k]);
        cw_kit_free_fields(&rs->kits[k]);
    }
    free(rs->kits);
    free(rs->kcomps);
    for (size_t i = 0; i < rs->ntests; i++) {
        rtest *t = &rs->tests[i];
        for (size_t j = 0; j < t->nmsgs; j++)
            cJSON_Delete(t->msgs[j].json);
        free(t->msgs);
        free(t->name);
        free(t->target);
    }
    free(rs->tests);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    free(rs->comp_first);
    free(rs->comp_refs);
    free(rs->compbase);
    free(rs->dir);
    cw_matcher_free(rs->matcher);
    free(rs);
}

const char *cw_rules_version(const cw_ruleset *rs)
{
    return rs->version;
}

size_t cw_rules_nrules(const cw_ruleset *rs)
{
    return rs->nrules;
}

const cw_rule *cw_rules_rule(const cw_ruleset *rs, size_t i)
{
    return i < rs->nrules ? &rs->rules[i] : NULL;
}

size_t cw_rules_nkits(const cw_ruleset *rs)
{
    return rs->nkits;
}

const cw_kit *cw_rules_kit(const cw_ruleset *rs, size_t i)
{
    return i < rs->nkits ? &rs->kits[i] : NULL;
}

size_t cw_rules_nlists(const cw_ruleset *rs)
{
    return rs->nlists;
}

size_t cw_rules_npatterns(const cw_ruleset *rs)
{
    return rs->npats;
}

size_t cw_rules_ntests(const cw_ruleset *rs)
{
    size_t n = 0;
    for (size_t i = 0; i < rs->ntests; i++)
        n += rs->tests[i].nmsgs;
    return n;
}

const cw_rule *cw_rules_find_rule(const cw_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i].id, id) == 0)
            return &rs->rules[i];
    return NULL;
}

const cw_kit *cw_rules_find_kit(const cw_ruleset *rs, const char *id, size_t *idx)
{
    for (size_t i = 0; i < rs->nkits; i++)
        if (strcmp(rs->kits[i].id, id) == 0) {
            if (idx)
                *idx = i;
            return &rs->kits[i];
        }
    return NULL;
}
