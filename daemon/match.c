/* match.c: see match.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <hs/hs.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "util.h"

#define PCRE2_OPTIONS (PCRE2_CASELESS | PCRE2_UTF)
#define HS_OPTIONS (HS_FLAG_PREFILTER | HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH)

typedef struct pattern {
    char *regex;
    pcre2_code *code;
    bool always; /* PCRE2 runs it on every text */
} pattern;

struct cw_matcher {
    pattern *pats;
    size_t n, cap;
    hs_database_t *db; /* NULL when no pattern went to Hyperscan */
    int *always;       /* ids of the always-run patterns */
    size_t nalways;
    bool compiled;
};

struct cw_match_scratch {
    const cw_matcher *m;
    hs_scratch_t *hs;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    int *cand; /* candidate ids of the scan under way */
    size_t ncand, capcand;
};

cw_matcher *cw_matcher_new(void)
{
    return cw_xcalloc(1, sizeof(cw_matcher));
}

void cw_matcher_free(cw_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->pats[i].regex);
        pcre2_code_free(m->pats[i].code);
    }
    free(m->pats);
    free(m->always);
    hs_free_database(m->db);
    free(m);
}

int cw_matcher_add(cw_matcher *m, const char *regex, unsigned flags, char *err, size_t errlen)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED, PCRE2_OPTIONS,
                                   &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errlen, "regex does not compile: %s at offset %zu", (const char *)msg,
                 (size_t)off);
        return -1;
    }
    /* Without JIT (say, under MemoryDenyWriteExecute) the interpreter
     * still gives the same answers, only slower. */
    int jrc = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    if (jrc != 0) {
        static bool warned;
        if (!warned) {
            warned = true;
            cw_warn("PCRE2 JIT unavailable (%d); patterns run interpreted", jrc);
        }
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->pats = cw_xrealloc(m->pats, m->cap * sizeof(pattern));
    }
    m->pats[m->n] = (pattern){cw_xstrdup(regex), re, (flags & CW_PAT_NO_PREFILTER) != 0};
    m->compiled = false;
    return (int)m->n++;
}

int cw_matcher_compile(cw_matcher *m, char *err, size_t errlen)
{
    hs_free_database(m->db);
    m->db = NULL;
    free(m->always);
    m->always = NULL;
    m->nalways = 0;

    const char **exprs = cw_xcalloc(m->n, sizeof(char *));
    unsigned *flags = cw_xcalloc(m->n, sizeof(unsigned));
    unsigned *ids = cw_xcalloc(m->n, sizeof(unsigned));
    int rc = 0;
    /* Compile all at once; when Hyperscan refuses one expression, it says
     * which: move that one to the always-run list and try again. */
    for (;;) {
        size_t k = 0;
        for (size_t i = 0; i < m->n; i++) {
            if (m->pats[i].always)
                continue;
            exprs[k] = m->pats[i].regex;
            flags[k] = HS_OPTIONS;
            ids[k] = (unsigned)i;
            k++;
        }
        if (k == 0)
            break;
        hs_compile_error_t *ce = NULL;
        if (hs_compile_multi(exprs, flags, ids, (unsigned)k, HS_MODE_BLOCK, NULL, &m->db, &ce) ==
            HS_SUCCESS)
            break;
        if (ce->expression < 0 || (size_t)ce->expression >= k) {
            snprintf(err, errlen, "hyperscan: %s", ce->message);
            hs_free_compile_error(ce);
            m->db = NULL;
            rc = -1;
            break;
        }
        pattern *p = &m->pats[ids[ce->expression]];
        cw_debug("pattern /%s/ runs without prefilter: %s", p->regex, ce->message);
        p->always = true;
        hs_free_compile_error(ce);
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->pats[i].always)
            m->nalways++;
    m->always = cw_xcalloc(m->nalways, sizeof(int));
    for (size_t i = 0, k = 0; i < m->n; i++)
        if (m->pats[i].always)
            m->always[k++] = (int)i;
    free(exprs);
    free(flags);
    free(ids);
    m->compiled = rc == 0;
    return rc;
}

size_t cw_matcher_count(const cw_matcher *m)
{
    return m->n;
}

size_t cw_matcher_always_count(const cw_matcher *m)
{
    return m->nalways;
}

bool cw_matcher_is_always(const cw_matcher *m, int id)
{
    return id >= 0 && (size_t)id < m->n && m->pats[id].always;
}

bool cw_matcher_matches_empty(const cw_matcher *m, int id)
{
    if (id < 0 || (size_t)id >= m->n)
        return false;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = pcre2_match(m->pats[id].code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

cw_match_scratch *cw_match_scratch_new(const cw_matcher *m)
{
    cw_match_scratch *s = cw_xcalloc(1, sizeof *s);
    s->m = m;
    if (m->db && hs_alloc_scratch(m->db, &s->hs) != HS_SUCCESS) {
        free(s);
        return NULL;
    }
    s->md = pcre2_match_data_create(1, NULL);
    s->mc = pcre2_match_context_create(NULL);
    s->js = pcre2_jit_stack_create(CW_JIT_STACK_MIN, CW_JIT_STACK_MAX, NULL);
    if (!s->md || !s->mc || !s->js) {
        cw_match_scratch_free(s);
        return NULL;
    }
    pcre2_set_match_limit(s->mc, CW_MATCH_LIMIT);
    pcre2_set_depth_limit(s->mc, CW_MATCH_DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mc, CW_MATCH_HEAP_LIMIT_KIB);
    pcre2_jit_stack_assign(s->mc, NULL, s->js);
    return s;
}

void cw_match_scratch_free(cw_match_scratch *s)
{
    if (!s)
        return;
    hs_free_scratch(s->hs);
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mc);
    pcre2_jit_stack_free(s->js);
    free(s->cand);
    free(s);
}

static void add_candidate(cw_match_scratch *s, int id)
{
    if (s->ncand == s->capcand) {
        s->capcand = s->capcand ? s->capcand * 2 : 32;
        s->cand = cw_xrealloc(s->cand, s->capcand * sizeof(int));
    }
    s->cand[s->ncand++] = id;
}

static int on_candidate(unsigned int id, unsigned long long from, unsigned long long to,
                        unsigned int flags, void *ctx)
{
    (void)from, (void)to, (void)flags;
    add_candidate(ctx, (int)id);
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int cw_matcher_scan(const cw_matcher *m, cw_match_scratch *s, const char *text, size_t len,
                    cw_pat_hit **hits, size_t *nhits, size_t *caphits, uint64_t *limit_hits)
{
    if (!m->compiled || s->m != m)
        return -1;
    if (!text || !cw_utf8_valid(text, len))
        return 0;
    s->ncand = 0;
    if (m->db && hs_scan(m->db, text, (unsigned)len, 0, s->hs, on_candidate, s) != HS_SUCCESS)
        return -1;
    for (size_t i = 0; i < m->nalways; i++)
        add_candidate(s, m->always[i]);
    if (s->ncand > 1)
        qsort(s->cand, s->ncand, sizeof(int), cmp_int);

    int added = 0;
    for (size_t i = 0; i < s->ncand; i++) {
        int id = s->cand[i];
        if (i > 0 && s->cand[i - 1] == id)
            continue;
        int rc = pcre2_match(m->pats[id].code, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK, s->md,
                             s->mc);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc < 0) {
            /* Match limit, depth limit, heap limit, JIT stack: the pattern
             * gave up on this text.  Count it; it is not a hit. */
            (*limit_hits)++;
            continue;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        if (*nhits == *caphits) {
            *caphits = *caphits ? *caphits * 2 : 16;
            *hits = cw_xrealloc(*hits, *caphits * sizeof(cw_pat_hit));
        }
        size_t a = ov[0], b = ov[1];
        if (a > len)
            a = len;
        if (b < a || b > len)
            b = a; /* \K can put the start after the end */
        (*hits)[(*nhits)++] = (cw_pat_hit){id, (uint32_t)a, (uint32_t)b};
        added++;
    }
    return added;
}

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool cw_term_regex(const char *term, char *out, size_t outlen)
{
    size_t n = strlen(term);
    while (n > 0 && (term[n - 1] == ' ' || term[n - 1] == '\t'))
        n--;
    while (n > 0 && (*term == ' ' || *term == '\t'))
        term++, n--;
    cw_buf b = {0};
    if (n > 0 && is_ascii_alnum((unsigned char)term[0]))
        cw_buf_puts(&b, "\\b");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)term[i];
        if (c == ' ' || c == '\t' || c == '-') {
            while (i + 1 < n && (term[i + 1] == ' ' || term[i + 1] == '\t' || term[i + 1] == '-'))
                i++;
            cw_buf_puts(&b, "[\\s\\-]+");
        } else if (c < 0x80 && !is_ascii_alnum(c)) {
            char esc[3] = {'\\', (char)c, 0};
            cw_buf_puts(&b, esc);
        } else {
            cw_buf_add(&b, (const char *)&term[i], 1);
        }
    }
    if (n > 0 && is_ascii_alnum((unsigned char)term[n - 1]))
        cw_buf_puts(&b, "\\b");
    bool ok = b.len < outlen;
    if (ok)
        memcpy(out, b.p ? b.p : "", b.len + 1);
    cw_buf_free(&b);
    return ok;
}
