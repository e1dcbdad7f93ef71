/* test_decode.c: the contract checks of the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"
#include "util.h"

static const char *manifest =
    "{\"type\":\"manifest\",\"version\":1,\"id\":\"m-1\",\"bl\":\"COSU6301234567\","
    "\"carrier\":\"COSU\",\"vessel\":{\"name\":\"COSCO STAR\",\"imo\":\"9345678\"},"
    "\"filed_at\":\"2026-03-01T10:00:00Z\","
    "\"route\":{\"receipt\":\"CNSHE\",\"loading\":\"CNDLC\",\"transshipment\":[\"SGSIN\",\"LKCMB\"],"
    "\"discharge\":\"AEJEA\",\"delivery\":\"IRBND\"},"
    "\"shipper\":{\"name\":\"Dalian Tong Myong Trading Co., Ltd.\",\"phone\":\"+86 411 8888 1234\",\"country\":\"CN\"},"
    "\"consignee\":{\"name\":\"Gulf Star FZE\"},"
    "\"containers\":[{\"number\":\"MSCU1234565\",\"seal\":\"S1\"}],"
    "\"goods\":[{\"description\":\"AMMONIUM PERCHLORATE\",\"hs\":\"282990\",\"packages\":40,"
    "\"weight_kg\":20000.5,\"value\":12000,\"currency\":\"USD\",\"origin\":\"CN\"}],"
    "\"extra\":{\"ignored\":true}}";

static const char *insurance =
    "{\"type\":\"insurance\",\"version\":1,\"id\":\"i-1\",\"certificate\":\"C-77\",\"policy\":\"OC-1\","
    "\"issued_at\":\"2026-03-02T00:00:00+04:00\",\"assured\":{\"name\":\"Gulf Star FZE\"},"
    "\"voyage\":{\"from\":\"CNDLC\",\"via\":[\"SGSIN\"],\"to\":\"AEJEA\",\"final_destination\":\"IRBND\"},"
    "\"bl_refs\":[\"COSU6301234567\"],\"subject_matter\":\"solid propellant oxidiser\","
    "\"sum_insured\":900000,\"currency\":\"USD\",\"source\":\"tip\"}";

static int decode(const char *s, cw_msg *m, char *err)
{
    return cw_decode(s, strlen(s), m, err, 256);
}

static void manifest_decodes(void **state)
{
    (void)state;
    cw_msg m;
    char err[256] = "";
    assert_int_equal(decode(manifest, &m, err), 0);
    assert_int_equal(m.kind, CW_MANIFEST);
    assert_string_equal(m.id, "m-1");
    assert_string_equal(m.bl, "COSU6301234567");
    assert_string_equal(m.vessel_imo, "9345678");
    assert_int_equal(m.npath, 6);
    assert_string_equal(m.path[0], "CNSHE");
    assert_string_equal(m.path[2], "SGSIN");
    assert_string_equal(m.loading, "CNDLC");
    assert_string_equal(m.discharge, "AEJEA");
    assert_string_equal(m.delivery, "IRBND");
    assert_string_equal(m.party[CW_SHIPPER].phone, "+86 411 8888 1234");
    assert_null(m.party[CW_NOTIFY].name);
    assert_int_equal(m.ncontainers, 1);
    assert_string_equal(m.containers[0], "MSCU1234565");
    assert_int_equal(m.ngoods, 1);
    assert_string_equal(m.goods[0].hs, "282990");
    assert_int_equal(m.goods[0].packages, 40);
    assert_true(m.goods[0].weight_kg > 20000.4 && m.goods[0].weight_kg < 20000.6);
    assert_int_equal(m.event_ms, 1772359200000LL);
    cw_msg_free(&m);
}

static void insurance_decodes(void **state)
{
    (void)state;
    cw_msg m;
    char err[256] = "";
    assert_int_equal(decode(insurance, &m, err), 0);
    assert_int_equal(m.kind, CW_INSURANCE);
    assert_string_equal(m.certificate, "C-77");
    assert_int_equal(m.source, CW_SRC_TIP);
    assert_string_equal(m.voyage_from, "CNDLC");
    assert_string_equal(m.voyage_to, "AEJEA");
    assert_string_equal(m.final_destination, "IRBND");
    assert_int_equal(m.npath, 4);
    assert_int_equal(m.nbl_refs, 1);
    /* midnight at +04:00 is 20:00 UTC the day before */
    assert_int_equal(m.event_ms, 1772395200000LL);
    cw_msg_free(&m);
}

/* Replace the first occurrence of from in base with to. */
static char *edit(const char *base, const char *from, const char *to)
{
    const char *at = strstr(base, from);
    assert_non_null(at);
    size_t n = strlen(base) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
    return s;
}

static void expect_bad(const char *s, size_t len, int reason, const char *words)
{
    cw_msg m;
    char err[256] = "";
    int rc = cw_decode(s, len, &m, err, sizeof err);
    if (rc != 1 + reason || !strstr(err, words))
        fail_msg("expected reason %d containing \"%s\", got %d \"%s\"", reason, words, rc - 1, err);
}

static void expect_bad_edit(const char *base, const char *from, const char *to, int reason, const char *words)
{
    char *s = edit(base, from, to);
    expect_bad(s, strlen(s), reason, words);
    free(s);
}

static void refusals_say_why(void **state)
{
    (void)state;
    expect_bad("{\"type\":", 8, CW_BAD_JSON, "not JSON");
    expect_bad("[1,2]", 5, CW_BAD_JSON, "not a JSON object");
    expect_bad("{} {}", 5, CW_BAD_JSON, "trailing");
    expect_bad("\"manifest\"", 10, CW_BAD_JSON, "not a JSON object");
    expect_bad_edit(manifest, "\"type\":\"manifest\"", "\"type\":\"invoice\"", CW_BAD_TYPE, "unknown type");
    expect_bad_edit(manifest, "\"type\":\"manifest\",", "", CW_BAD_TYPE, "missing field: type");
    expect_bad_edit(manifest, "\"version\":1", "\"version\":2", CW_BAD_FIELD, "version");
    expect_bad_edit(manifest, "\"bl\":\"COSU6301234567\",", "", CW_BAD_FIELD, "missing field: bl");
    expect_bad_edit(manifest, "\"bl\":\"COSU6301234567\"", "\"bl\":42", CW_BAD_FIELD, "bl: not a string");
    expect_bad_edit(manifest, "\"loading\":\"CNDLC\"", "\"loading\":\"Dalian\"", CW_BAD_FIELD,
                    "route.loading: not a UN/LOCODE");
    expect_bad_edit(manifest, "\"SGSIN\",\"LKCMB\"", "\"SGSIN\",7", CW_BAD_FIELD, "route.transshipment[1]");
    expect_bad_edit(manifest, "2026-03-01T10:00:00Z", "2026-02-30T10:00:00Z", CW_BAD_FIELD, "filed_at");
    expect_bad_edit(manifest, "\"hs\":\"282990\"", "\"hs\":\"2829\"", CW_BAD_FIELD, "goods[0].hs");
    expect_bad_edit(manifest, "\"packages\":40", "\"packages\":40.5", CW_BAD_FIELD, "packages: not an integer");
    expect_bad_edit(manifest, "\"value\":12000", "\"value\":-1", CW_BAD_FIELD, "goods[0].value: out of range");
    expect_bad_edit(manifest, "\"value\":12000", "\"value\":1e300", CW_BAD_FIELD, "out of range");
    expect_bad_edit(manifest, "\"value\":12000", "\"value\":\"12000\"", CW_BAD_FIELD, "not a number");
    expect_bad_edit(manifest, "MSCU1234565", "MSCU12345", CW_BAD_FIELD, "containers[0].number");
    expect_bad_edit(manifest, "\"goods\":[{", "\"goods\":[],\"x\":[{", CW_BAD_FIELD, "goods: empty");
    expect_bad_edit(manifest, "\"consignee\":{\"name\":\"Gulf Star FZE\"}", "\"consignee\":{}", CW_BAD_FIELD,
                    "missing field: consignee.name");
    expect_bad_edit(insurance, "\"source\":\"tip\"", "\"source\":\"anonymous\"", CW_BAD_FIELD, "source");
    expect_bad_edit(insurance, "\"to\":\"AEJEA\",", "", CW_BAD_FIELD, "missing field: voyage.to");
    expect_bad_edit(insurance, "\"subject_matter\":\"solid propellant oxidiser\",", "", CW_BAD_FIELD,
                    "missing field: subject_matter");
}

static void hostile_bytes(void **state)
{
    (void)state;
    /* NUL inside, invalid UTF-8, overlong encoding, lone surrogate */
    const char nul[] = "{\"type\":\"manifest\"\0}";
    expect_bad(nul, sizeof nul - 1, CW_BAD_ENCODING, "NUL");
    expect_bad("{\"a\":\"\xff\"}", 8, CW_BAD_ENCODING, "UTF-8");
    expect_bad("{\"a\":\"\xc0\xaf\"}", 9, CW_BAD_ENCODING, "UTF-8");
    expect_bad("{\"a\":\"\xed\xa0\x80\"}", 10, CW_BAD_ENCODING, "UTF-8");
    /* a reason is one line of valid UTF-8 whatever the message holds */
    {
        cw_msg m;
        char err[256];
        const char *nl = "{\"type\":\"manifest\\nX-Injected: 1\"}";
        assert_int_equal(cw_decode(nl, strlen(nl), &m, err, sizeof err), 1 + CW_BAD_TYPE);
        assert_null(strchr(err, '\n'));
        /* 39 ASCII bytes then a 3-byte character: cut at 40 it must vanish whole */
        const char *cut = "{\"type\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xe5\xa4\xa7\"}";
        assert_int_equal(cw_decode(cut, strlen(cut), &m, err, sizeof err), 1 + CW_BAD_TYPE);
        assert_true(cw_utf8_valid(err, strlen(err)));
    }
    /* deep nesting is refused by the parser's depth limit, not the stack */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    expect_bad(deep, 2 * depth, CW_BAD_JSON, "not JSON");
    free(deep);
    /* a description over the contract's 4096 bytes */
    size_t big = 10 * 1024 * 1024;
    char *desc = malloc(big + 1);
    memset(desc, 'x', big);
    desc[big] = '\0';
    char *s = edit(manifest, "AMMONIUM PERCHLORATE", desc);
    expect_bad(s, strlen(s), CW_BAD_FIELD, "goods[0].description: longer than 4096");
    free(s);
    free(desc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(manifest_decodes),
        cmocka_unit_test(insurance_decodes),
        cmocka_unit_test(refusals_say_why),
        cmocka_unit_test(hostile_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
