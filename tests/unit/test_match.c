/* test_match.c: the pattern matcher (Hyperscan prefilter + PCRE2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "match.h"

typedef struct fixture {
    cw_matcher *m;
    cw_match_scratch *s;
    cw_pat_hit *hits;
    size_t nhits, cap;
    uint64_t limit;
} fixture;

static int add(fixture *f, const char *re, unsigned flags)
{
    char err[256];
    int id = cw_matcher_add(f->m, re, flags, err, sizeof err);
    if (id < 0)
        fail_msg("/%s/: %s", re, err);
    return id;
}

static void build(fixture *f)
{
    char err[256];
    assert_int_equal(cw_matcher_compile(f->m, err, sizeof err), 0);
    f->s = cw_match_scratch_new(f->m);
    assert_non_null(f->s);
}

static int scan(fixture *f, const char *text)
{
    f->nhits = 0;
    return cw_matcher_scan(f->m, f->s, text, strlen(text), &f->hits, &f->nhits, &f->cap, &f->limit);
}

static bool hit(const fixture *f, int id)
{
    for (size_t i = 0; i < f->nhits; i++)
        if (f->hits[i].id == id)
            return true;
    return false;
}

static const cw_pat_hit *get_hit(const fixture *f, int id)
{
    for (size_t i = 0; i < f->nhits; i++)
        if (f->hits[i].id == id)
            return &f->hits[i];
    return NULL;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->m = cw_matcher_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cw_match_scratch_free(f->s);
    cw_matcher_free(f->m);
    free(f->hits);
    free(f);
    return 0;
}

static void test_caseless_and_offsets(void **state)
{
    fixture *f = *state;
    int ap = add(f, "ammonium\\s+perchlorate", 0);
    int al = add(f, "alumin(i)?um\\s+powder", 0);
    int none = add(f, "tetroxide", 0);
    build(f);
    assert_int_equal(scan(f, "20 drums AMMONIUM  Perchlorate, 200 mesh; aluminum powder"), 2);
    assert_true(hit(f, ap));
    assert_true(hit(f, al));
    assert_false(hit(f, none));
    const cw_pat_hit *h = get_hit(f, ap);
    assert_int_equal(h->start, 9);
    assert_int_equal(h->end, 9 + strlen("AMMONIUM  Perchlorate"));
    /* hits come sorted by id, each pattern once */
    assert_true(f->hits[0].id < f->hits[1].id);
    assert_int_equal(scan(f, "ammonium nitrate"), 0);
    assert_int_equal(f->limit, 0);
}

static void test_utf8(void **state)
{
    fixture *f = *state;
    int ru = add(f, "ракетн\\w*", 0);
    int zh = add(f, "火箭发动机", 0);
    int acc = add(f, "chloré", 0);
    build(f);
    /* caseless works beyond ASCII, in both engines */
    assert_int_equal(scan(f, "РАКЕТНЫЙ двигатель"), 1);
    assert_true(hit(f, ru));
    assert_int_equal(scan(f, "型号 火箭发动机 壳体"), 1);
    assert_true(hit(f, zh));
    const cw_pat_hit *h = get_hit(f, zh);
    assert_int_equal(h->start, strlen("型号 "));
    assert_int_equal(scan(f, "PERCHLORÉ d'ammonium"), 1);
    assert_true(hit(f, acc));
    /* not UTF-8: nothing matches, nothing breaks */
    assert_int_equal(scan(f, "CHLOR\xc3"), 0);
    assert_int_equal(scan(f, "\xff\xfe chloré"), 0);
}

static void test_terms_word_bounded(void **state)
{
    fixture *f = *state;
    char re[256];
    assert_true(cw_term_regex("rocket motor", re, sizeof re));
    assert_string_equal(re, "\\brocket[\\s\\-]+motor\\b");
    assert_true(cw_term_regex("N2O4 (MON-3)", re, sizeof re));
    assert_string_equal(re, "\\bN2O4[\\s\\-]+\\(MON[\\s\\-]+3\\)");
    assert_true(cw_term_regex("a.b*c", re, sizeof re));
    assert_string_equal(re, "\\ba\\.b\\*c\\b");
    assert_false(cw_term_regex("rocket motor", re, 8));

    cw_term_regex("rocket motor", re, sizeof re);
    int rm = add(f, re, 0);
    cw_term_regex("AP", re, sizeof re);
    int ap = add(f, re, 0);
    cw_term_regex("ракета", re, sizeof re);
    int ru = add(f, re, 0);
    build(f);
    assert_int_equal(scan(f, "ROCKET-MOTOR cases"), 2 - 1);
    assert_true(hit(f, rm));
    assert_int_equal(scan(f, "Rocket\tmotor"), 1);
    assert_int_equal(scan(f, "rocketmotor"), 0);
    assert_int_equal(scan(f, "pocket motorbike"), 0);
    assert_int_equal(scan(f, "CAPE TOWN; AP grade 200"), 1);
    assert_true(hit(f, ap));
    assert_int_equal(scan(f, "APPLE juice, CAPS"), 0);
    assert_int_equal(scan(f, "РАКЕТА-носитель"), 1);
    assert_true(hit(f, ru));
}

/* (a+)+$ against "aaa...ab": exponential for a backtracking engine.
 * Hyperscan (automata, exact here) rules it out before PCRE2 runs; forced
 * past the prefilter, PCRE2 stops at its match limit, and the scan counts
 * it and goes on. */
static void test_pathological_limit(void **state)
{
    fixture *f = *state;
    int filtered = add(f, "(a+)+$", 0);
    int forced = add(f, "(a+)+$", CW_PAT_NO_PREFILTER);
    int ok = add(f, "ab$", 0);
    build(f);
    assert_false(cw_matcher_is_always(f->m, filtered));
    assert_true(cw_matcher_is_always(f->m, forced));
    char *text = malloc(10002);
    memset(text, 'a', 10000);
    text[10000] = 'b';
    text[10001] = '\0';
    clock_t t0 = clock();
    for (int i = 0; i < 20; i++) {
        assert_int_equal(scan(f, text), 1);
        assert_true(hit(f, ok));
        assert_false(hit(f, forced));
        assert_false(hit(f, filtered));
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(f->limit, 20);
    assert_true(secs < 10.0);
    free(text);

    /* a pattern that gets past Hyperscan's prefilter (back-references are
     * approximated) and then blows up in PCRE2 */
    teardown(state);
    setup(state);
    f = *state;
    int br = add(f, "(a+)+[^a]\\1\\1$", 0);
    build(f);
    assert_false(cw_matcher_is_always(f->m, br));
    char *t2 = malloc(10002);
    memset(t2, 'a', 10000);
    t2[10000] = 'b';
    t2[10001] = '\0';
    assert_int_equal(scan(f, t2), 0);
    assert_int_equal(f->limit, 1);
    free(t2);
}

static void test_always_run_list(void **state)
{
    fixture *f = *state;
    /* \G has no meaning to Hyperscan even as a prefilter */
    int g = add(f, "\\Gsaid to contain", 0);
    int plain = add(f, "parts", 0);
    build(f);
    assert_true(cw_matcher_is_always(f->m, g));
    assert_false(cw_matcher_is_always(f->m, plain));
    assert_int_equal(cw_matcher_always_count(f->m), 1);
    assert_int_equal(scan(f, "SAID TO CONTAIN spare parts"), 2);
    assert_true(hit(f, g));
    assert_int_equal(scan(f, "spare parts, said to contain"), 1);
    assert_false(hit(f, g));
}

static void test_bad_regex(void **state)
{
    fixture *f = *state;
    char err[256];
    assert_int_equal(cw_matcher_add(f->m, "rocket (motor", 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing closing parenthesis"));
    assert_non_null(strstr(err, "offset 13"));
    assert_int_equal(cw_matcher_add(f->m, "ok", 0, err, sizeof err), 0);
}

static void test_empty_matcher(void **state)
{
    fixture *f = *state;
    build(f);
    assert_int_equal(scan(f, "anything"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_caseless_and_offsets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_terms_word_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pathological_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_always_run_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_regex, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_matcher, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
