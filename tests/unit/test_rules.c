/* test_rules.c: loading and checking rule packs, conditions, kits,
 * rendering, versions, and the shipped pack's own test cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules.h"

static char errbuf[65536];

/* ---- helpers ------------------------------------------------------- */

static const char *pack_dir(void)
{
    static char dir[4096];
    const char *src = getenv("CW_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/rules", src ? src : "..");
    return dir;
}

static char *make_dir(void)
{
    char tmpl[] = "/tmp/cw-rules-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_dir(char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* Load one file's text as a whole rules directory. */
static cw_ruleset *load_text(const char *text)
{
    char *dir = make_dir();
    write_file(dir, "t.yaml", text);
    cw_ruleset *rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    remove_dir(dir);
    return rs;
}

static void expect_error(const char *text, const char *expected)
{
    cw_ruleset *rs = load_text(text);
    if (rs) {
        cw_rules_free(rs);
        fail_msg("loaded, expected error %s", expected);
    }
    if (!strstr(errbuf, expected))
        fail_msg("expected \"%s\" in:\n%s", expected, errbuf);
}

static cw_ruleset *must_load(const char *text)
{
    cw_ruleset *rs = load_text(text);
    if (!rs)
        fail_msg("load failed:\n%s", errbuf);
    return rs;
}

/* A hand-made message: manifests with goods lines and a route. */
typedef struct tmsg {
    cw_msg m;
    cw_goods goods[4];
} tmsg;

static void manifest(tmsg *t, const char *loading, const char *discharge)
{
    memset(t, 0, sizeof *t);
    t->m.kind = CW_MANIFEST;
    t->m.id = "m1";
    t->m.bl = "BL-001";
    t->m.goods = t->goods;
    snprintf(t->m.path[0], sizeof t->m.path[0], "%s", loading);
    snprintf(t->m.path[1], sizeof t->m.path[1], "%s", discharge);
    t->m.npath = 2;
    t->m.loading = t->m.path[0];
    t->m.discharge = t->m.path[1];
    t->m.party[CW_SHIPPER].name = "Dalian Sea Star Trading Co";
    t->m.party[CW_CONSIGNEE].name = "Gulf Bright General Trading LLC";
    t->m.party[CW_CONSIGNEE].country = "AE";
}

static void add_goods(tmsg *t, const char *desc, const char *hs, double value)
{
    cw_goods *g = &t->goods[t->m.ngoods++];
    memset(g, 0, sizeof *g);
    g->description = desc;
    g->hs = hs;
    g->value = value;
    g->weight_kg = -1;
    g->packages = -1;
}

static void insurance(tmsg *t, const char *subject, const char *from, const char *to,
                      const char *final)
{
    memset(t, 0, sizeof *t);
    t->m.kind = CW_INSURANCE;
    t->m.id = "i1";
    t->m.certificate = "CERT-9";
    t->m.subject_matter = subject;
    snprintf(t->m.path[0], sizeof t->m.path[0], "%s", from);
    snprintf(t->m.path[1], sizeof t->m.path[1], "%s", to);
    t->m.npath = 2;
    t->m.voyage_from = t->m.path[0];
    t->m.voyage_to = t->m.path[1];
    if (final) {
        snprintf(t->m.path[2], sizeof t->m.path[2], "%s", final);
        t->m.final_destination = t->m.path[2];
        t->m.npath = 3;
    }
    t->m.party[CW_ASSURED].name = "Sea Star Trading";
    t->m.sum_insured = -1;
}

static const cw_rule_hit *fired(const cw_eval *ev, const char *id)
{
    for (size_t i = 0; i < ev->nhits; i++)
        if (strcmp(ev->hits[i].rule->id, id) == 0)
            return &ev->hits[i];
    return NULL;
}

static const cw_match *evidence(const cw_eval *ev, const cw_rule_hit *h, const char *field)
{
    for (size_t i = h->first; i < h->first + h->count; i++)
        if (strcmp(ev->matches[i].field, field) == 0)
            return &ev->matches[i];
    return NULL;
}

/* ---- the shipped pack ---------------------------------------------- */

static void test_shipped_pack_loads(void **state)
{
    (void)state;
    cw_ruleset *rs = cw_rules_load(pack_dir(), errbuf, sizeof errbuf);
    if (!rs)
        fail_msg("shipped pack does not load:\n%s", errbuf);
    assert_string_equal(errbuf, "");
    assert_true(cw_rules_nrules(rs) >= 8);
    assert_int_equal(cw_rules_nkits(rs), 5);
    assert_true(cw_rules_nlists(rs) >= 6);
    assert_true(cw_rules_npatterns(rs) >= 30);
    assert_true(cw_rules_ntests(rs) >= 50);

    const char *ids[] = {"srm", "guidance", "tel", "liquid", "centrifuge"};
    const char *first_comp[] = {"motor-case", "gyroscope", "chassis", "turbopump", "rotor-tube"};
    size_t ncomp[] = {6, 5, 5, 6, 6};
    for (int i = 0; i < 5; i++) {
        size_t idx;
        const cw_kit *k = cw_rules_find_kit(rs, ids[i], &idx);
        assert_non_null(k);
        assert_ptr_equal(cw_rules_kit(rs, idx), k);
        assert_int_equal(k->ncomponents, ncomp[i]);
        assert_string_equal(k->components[0].id, first_comp[i]);
        assert_int_equal(k->min_components, 3);
        assert_int_equal(k->min_paths, 2);
        assert_int_equal(k->window_ms, 90LL * 86400 * 1000);
        assert_int_equal(k->severity, CW_SEV_CRITICAL);
        assert_true(k->score == 90);
        assert_true(k->ntags > 0);
    }
    const cw_rule *r = cw_rules_find_rule(rs, "controlled-goods-named");
    assert_non_null(r);
    assert_int_equal(r->severity, CW_SEV_HIGH);
    assert_true(r->score == 75);
    assert_true(r->enabled);
    assert_int_equal(r->applies_to, CW_APPLIES_MANIFEST);
    assert_string_equal(r->file, "messages.yaml");
    bool mtcr = false;
    for (size_t i = 0; i < r->ntags; i++)
        mtcr |= strcmp(r->tags[i], "mtcr:2") == 0;
    assert_true(mtcr);

    const char *v = cw_rules_version(rs);
    assert_int_equal(strlen(v), 6 + 16);
    assert_memory_equal(v, "rules-", 6);
    for (int i = 6; i < 22; i++)
        assert_non_null(strchr("0123456789abcdef", v[i]));
    cw_rules_free(rs);
}

static void test_shipped_pack_selftest(void **state)
{
    (void)state;
    cw_ruleset *rs = cw_rules_load(pack_dir(), errbuf, sizeof errbuf);
    assert_non_null(rs);
    int failures = cw_rules_selftest(rs, NULL, errbuf, sizeof errbuf);
    if (failures)
        fail_msg("%d rule test failures:\n%s", failures, errbuf);
    /* the rules directory itself is not a separate test directory */
    assert_int_equal(cw_rules_selftest(rs, pack_dir(), errbuf, sizeof errbuf), 0);
    cw_rules_free(rs);
}

/* ---- load errors, each with its line ------------------------------- */

static void test_error_yaml_syntax(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x, y\n"
                 "- rule: r\n",
                 "t.yaml:4: YAML:");
}

static void test_error_unknown_key(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  itemz: [x]\n"
                 "  items: [x]\n",
                 "t.yaml:3: list a: unknown key 'itemz'");
}

static void test_error_unknown_kind(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x]\n"
                 "- macro: m\n"
                 "  condition: x\n",
                 "t.yaml:4: unknown item kind 'macro'");
    expect_error("- list: a\n"
                 "  kind: words\n"
                 "  items: [x]\n",
                 "t.yaml:2: list a: unknown kind 'words'");
}

static void test_error_missing_key(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x]\n"
                 "\n"
                 "- rule: r1\n"
                 "  severity: high\n"
                 "  when: {field: goods.description, matches: a}\n",
                 "t.yaml:5: rule r1: missing required key 'title'");
    expect_error("- pattern: p\n"
                 "  description: no regex\n",
                 "t.yaml:1: pattern p: missing required key 'regex'");
}

static void test_error_bad_severity(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x]\n"
                 "- rule: r1\n"
                 "  title: t\n"
                 "  severity: severe\n"
                 "  when: {field: goods.description, matches: a}\n",
                 "t.yaml:6: rule r1: bad severity 'severe'");
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x]\n"
                 "- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  score: 101\n"
                 "  when: {field: goods.description, matches: a}\n",
                 "t.yaml:7: rule r1: score must be a number from 0 to 100");
}

static void test_error_unknown_field(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: terms\n"
                 "  items: [x]\n"
                 "- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when:\n"
                 "    all:\n"
                 "      - {field: goods.description, matches: a}\n"
                 "      - {field: goods.colour, equals: red}\n",
                 "t.yaml:10: rule r1: unknown field 'goods.colour'");
    expect_error("- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when: {field: bl, exists: true}\n"
                 "  output: \"%{bl} %{consignee.fax}\"\n",
                 "t.yaml:5: rule r1: output: unknown placeholder %{consignee.fax}");
}

static void test_error_unknown_reference(void **state)
{
    (void)state;
    expect_error("- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when:\n"
                 "    field: goods.description\n"
                 "    matches: [no-such-pattern]\n",
                 "t.yaml:6: rule r1: unknown pattern or terms list 'no-such-pattern'");
    expect_error("- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when:\n"
                 "    field: route.discharge\n"
                 "    in: nowhere\n",
                 "t.yaml:6: rule r1: unknown list 'nowhere'");
    /* a list of the wrong kind for the field */
    expect_error("- list: ports\n"
                 "  kind: locodes\n"
                 "  items: [IRBND]\n"
                 "- rule: r1\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when: {field: goods.hs, in: ports}\n",
                 "t.yaml:7: rule r1: list 'ports' of kind locodes cannot apply to field goods.hs");
    /* a test of a rule that does not exist */
    expect_error("- test: t1\n"
                 "  rule: ghost\n"
                 "  fires: [{goods: [{description: x}]}]\n",
                 "t.yaml:1: test t1: unknown rule or kit 'ghost'");
}

static void test_error_bad_regex(void **state)
{
    (void)state;
    expect_error("- pattern: p1\n"
                 "  description: unbalanced\n"
                 "  regex: 'rocket (motor|engine'\n",
                 "t.yaml:3: pattern p1: regex does not compile: missing closing parenthesis at offset 20");
    expect_error("- pattern: p2\n"
                 "  regex: '(perchlorate)?'\n",
                 "t.yaml:2: pattern p2: regex matches an empty text");
    expect_error("- kit: k\n"
                 "  title: t\n"
                 "  severity: high\n"
                 "  components:\n"
                 "    - {id: a, patterns: ['x[']}\n",
                 "t.yaml:5: kit k: component a: regex does not compile: missing terminating ] ");
}

static void test_error_duplicates(void **state)
{
    (void)state;
    char *dir = make_dir();
    write_file(dir, "a.yaml", "- pattern: p\n  regex: x\n");
    write_file(dir, "b.yaml", "# second file\n- list: p\n  kind: terms\n  items: [y]\n");
    assert_null(cw_rules_load(dir, errbuf, sizeof errbuf));
    assert_non_null(strstr(errbuf, "b.yaml:2: duplicate name 'p' (first defined at a.yaml:1)"));
    remove_dir(dir);

    expect_error("- rule: r\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  when: {field: bl, exists: true}\n"
                 "- kit: r\n"
                 "  title: t\n"
                 "  severity: low\n"
                 "  components: [{id: c, hs: ['282990']}]\n",
                 "t.yaml:5: duplicate id 'r' (first defined at t.yaml:1)");
    expect_error("- rule: r\n"
                 "  title: t\n"
                 "  title: u\n"
                 "  severity: low\n"
                 "  when: {field: bl, exists: true}\n",
                 "t.yaml:3: rule r: duplicate key 'title'");
}

static void test_error_bad_duration_and_kit(void **state)
{
    (void)state;
    const char *head = "- kit: k\n"
                       "  title: t\n"
                       "  severity: critical\n";
    char text[1024];
    snprintf(text, sizeof text, "%s  window: 3 months\n  components: [{id: c, hs: ['282990']}]\n",
             head);
    expect_error(text, "t.yaml:4: kit k: bad duration '3 months'");
    snprintf(text, sizeof text, "%s  window: 90x\n  components: [{id: c, hs: ['282990']}]\n", head);
    expect_error(text, "t.yaml:4: kit k: bad duration '90x'");
    snprintf(text, sizeof text,
             "%s  components:\n    - {id: c, hs: ['28']}\n", head);
    expect_error(text, "t.yaml:5: kit k: component c: HS prefix '28' is too vague");
    snprintf(text, sizeof text,
             "%s  min_components: 4\n  components:\n    - {id: c, hs: ['282990']}\n", head);
    expect_error(text, "t.yaml:4: kit k: min_components must be a whole number");

    cw_ruleset *rs = must_load("- kit: k\n  title: t\n  severity: critical\n  window: 12h\n"
                               "  components: [{id: c, hs: ['282990']}]\n"
                               "- kit: k2\n  title: t\n  severity: low\n  window: 30m\n"
                               "  components: [{id: c, hs: ['282990']}]\n"
                               "- kit: k3\n  title: t\n  severity: low\n  window: 10s\n"
                               "  components: [{id: c, hs: ['282990']}]\n");
    assert_int_equal(cw_rules_kit(rs, 0)->window_ms, 12LL * 3600 * 1000);
    assert_int_equal(cw_rules_kit(rs, 1)->window_ms, 30LL * 60 * 1000);
    assert_int_equal(cw_rules_kit(rs, 2)->window_ms, 10LL * 1000);
    cw_rules_free(rs);
}

static void test_errors_collected(void **state)
{
    (void)state;
    expect_error("- list: a\n"
                 "  kind: hs\n"
                 "  items: ['8412', 'abc']\n"
                 "- list: b\n"
                 "  kind: locodes\n"
                 "  items: [IRBND, XX]\n"
                 "- rule: r\n"
                 "  title: t\n"
                 "  severity: meh\n"
                 "  when: {field: nope, exists: true}\n",
                 "t.yaml:3: list a: bad HS prefix 'abc'");
    assert_non_null(strstr(errbuf, "t.yaml:6: list b: bad UN/LOCODE 'XX'"));
    assert_non_null(strstr(errbuf, "t.yaml:9: rule r: bad severity 'meh'"));
    assert_non_null(strstr(errbuf, "t.yaml:10: rule r: unknown field 'nope'"));
}

static void test_list_file_and_extend(void **state)
{
    (void)state;
    char *dir = make_dir();
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/reference", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    write_file(sub, "ports.txt", "# a comment\nIRBND\n\n  kpnam  \nbad!\n");
    write_file(dir, "a.yaml", "- list: ports\n  kind: locodes\n  file: reference/ports.txt\n");
    assert_null(cw_rules_load(dir, errbuf, sizeof errbuf));
    assert_non_null(strstr(errbuf, "reference/ports.txt:5: list ports: bad UN/LOCODE 'bad!'"));
    write_file(sub, "ports.txt", "# a comment\nIRBND\n\n  kpnam  \n");
    write_file(dir, "b.yaml",
               "- list: ports\n  extend: true\n  items: [SYLTK]\n"
               "- rule: r\n  title: t\n  severity: high\n"
               "  when: {field: route.discharge, in: ports}\n");
    cw_ruleset *rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    if (!rs)
        fail_msg("%s", errbuf);
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    const char *ports[] = {"IRBND", "KPNAM", "SYLTK"};
    for (int i = 0; i < 3; i++) {
        manifest(&t, "CNDLC", ports[i]);
        add_goods(&t, "x", NULL, -1);
        assert_int_equal(cw_rules_eval(rs, &t.m, &ev), 0);
        assert_non_null(fired(&ev, "r"));
    }
    manifest(&t, "CNDLC", "NLRTM");
    add_goods(&t, "x", NULL, -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_null(fired(&ev, "r"));
    cw_eval_free(&ev);
    cw_rules_free(rs);

    /* extending what does not exist, and escaping the directory */
    write_file(dir, "b.yaml", "- list: nothere\n  extend: true\n  items: [SYLTK]\n");
    assert_null(cw_rules_load(dir, errbuf, sizeof errbuf));
    assert_non_null(strstr(errbuf, "b.yaml:1: list nothere: extends a list that is not defined"));
    write_file(dir, "b.yaml", "- list: up\n  kind: terms\n  file: ../../etc/passwd\n");
    assert_null(cw_rules_load(dir, errbuf, sizeof errbuf));
    assert_non_null(strstr(errbuf, "b.yaml:3: list up: file '../../etc/passwd' must be a path inside"));
    remove_dir(dir);
}

/* ---- conditions ---------------------------------------------------- */

static const char *cond_pack =
    "- list: vague\n  kind: terms\n  items: [spare parts, parts, machinery]\n"
    "- list: telling\n  kind: hs\n  items: ['848120', '2829']\n"
    "- list: bad-ports\n  kind: locodes\n  items: [IRBND, KPNAM]\n"
    "- list: bad-countries\n  kind: countries\n  items: [IR, KP]\n"
    "- list: watch\n  kind: names\n  items: ['Gulf Bright General Trading LLC']\n"
    "- pattern: perchlorate\n  regex: 'perchlorate'\n"
    "- rule: same-line\n  title: vague under a telling code\n  severity: medium\n"
    "  when:\n    all:\n      - {field: goods.description, in: vague}\n"
    "      - {field: goods.hs, in: telling}\n"
    "  output: 'B/L %{ref}: \"%{goods.description}\" HS %{goods.hs}, to %{route.discharge} (%{match})'\n"
    "- rule: any-line\n  title: t\n  severity: low\n"
    "  when:\n    any:\n      - {field: goods.description, in: vague}\n"
    "      - {field: consignee.country, in: bad-countries}\n"
    "- rule: not-rule\n  title: t\n  severity: low\n"
    "  when:\n    all:\n      - {field: goods.description, matches: perchlorate}\n"
    "      - not: {field: route.discharge, in: bad-ports}\n"
    "- rule: equals-rule\n  title: t\n  severity: low\n  applies_to: insurance\n"
    "  when: {field: source, equals: TIP}\n"
    "- rule: exists-rule\n  title: t\n  severity: low\n"
    "  when:\n    all:\n      - {field: notify.name, exists: false}\n"
    "      - {field: goods.hs, exists: true}\n"
    "- rule: value-rule\n  title: t\n  severity: low\n"
    "  when: {field: goods.value, above: 100000}\n"
    "- rule: name-rule\n  title: t\n  severity: low\n  enabled: true\n"
    "  when: {field: any_party.name, in: watch}\n"
    "- rule: off\n  title: t\n  severity: low\n  enabled: false\n"
    "  when: {field: bl, exists: true}\n"
    "- rule: via\n  title: t\n  severity: low\n"
    "  when: {field: route.transshipment, in: bad-ports}\n";

static void test_conditions(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load(cond_pack);
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;

    /* vague line and telling code on the same line */
    manifest(&t, "CNDLC", "AEJEA");
    add_goods(&t, "office chairs", "940130", 5000);
    add_goods(&t, "SPARE PARTS", "8481.20.00", 200000);
    assert_int_equal(cw_rules_eval(rs, &t.m, &ev), 0);
    const cw_rule_hit *h = fired(&ev, "same-line");
    assert_non_null(h);
    assert_int_equal(h->count, 2);
    const cw_match *mt = evidence(&ev, h, "goods[1].description");
    assert_non_null(mt);
    assert_string_equal(mt->rule_part, "vague");
    assert_string_equal(mt->excerpt, "SPARE PARTS");
    mt = evidence(&ev, h, "goods[1].hs");
    assert_non_null(mt);
    assert_string_equal(mt->rule_part, "telling:848120");
    assert_non_null(fired(&ev, "any-line"));
    assert_null(fired(&ev, "not-rule"));
    assert_non_null(fired(&ev, "exists-rule"));
    h = fired(&ev, "value-rule");
    assert_non_null(h);
    assert_non_null(evidence(&ev, h, "goods[1].value"));
    assert_null(evidence(&ev, h, "goods[0].value"));
    h = fired(&ev, "name-rule");
    assert_non_null(h);
    assert_non_null(evidence(&ev, h, "consignee.name"));
    assert_null(fired(&ev, "off"));
    assert_null(fired(&ev, "equals-rule"));
    assert_null(fired(&ev, "via"));

    /* the vague line and the telling code on different lines: quiet */
    manifest(&t, "CNDLC", "AEJEA");
    add_goods(&t, "SPARE PARTS", "870899", -1);
    add_goods(&t, "hydraulic valves", "848120", -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_null(fired(&ev, "same-line"));
    assert_non_null(fired(&ev, "any-line"));

    /* not: perchlorate, but bound for a listed port */
    manifest(&t, "CNDLC", "IRBND");
    add_goods(&t, "ammonium perchlorate", "282990", -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_null(fired(&ev, "not-rule"));
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "Ammonium PERCHLORATE", NULL, -1);
    t.m.party[CW_NOTIFY].name = "Notify Party";
    cw_rules_eval(rs, &t.m, &ev);
    h = fired(&ev, "not-rule");
    assert_non_null(h);
    /* the `not` branch leaves no evidence behind */
    assert_int_equal(h->count, 1);
    assert_string_equal(ev.matches[h->first].rule_part, "perchlorate");
    assert_null(fired(&ev, "exists-rule"));

    /* any: only the country */
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "textiles", NULL, -1);
    t.m.party[CW_CONSIGNEE].country = "IR";
    cw_rules_eval(rs, &t.m, &ev);
    h = fired(&ev, "any-line");
    assert_non_null(h);
    assert_int_equal(h->count, 1);
    assert_string_equal(ev.matches[h->first].field, "consignee.country");
    assert_null(fired(&ev, "exists-rule"));

    /* transshipment: ports between loading and discharge */
    manifest(&t, "CNDLC", "KPNAM");
    snprintf(t.m.path[1], sizeof t.m.path[1], "KPNAM");
    snprintf(t.m.path[2], sizeof t.m.path[2], "AEJEA");
    t.m.npath = 3;
    t.m.discharge = t.m.path[2];
    add_goods(&t, "textiles", NULL, -1);
    cw_rules_eval(rs, &t.m, &ev);
    h = fired(&ev, "via");
    assert_non_null(h);
    assert_string_equal(ev.matches[h->first].field, "route.transshipment[0]");

    /* equals is case-blind; applies_to keeps manifests out */
    insurance(&t, "machine tools", "CNDLC", "MYPKG", NULL);
    t.m.source = CW_SRC_TIP;
    cw_rules_eval(rs, &t.m, &ev);
    assert_non_null(fired(&ev, "equals-rule"));
    assert_null(fired(&ev, "same-line"));
    t.m.source = CW_SRC_BROKER;
    cw_rules_eval(rs, &t.m, &ev);
    assert_null(fired(&ev, "equals-rule"));

    cw_eval_free(&ev);
    cw_rules_free(rs);
}

/* Names lists compare by the normalised name, its words in any order, or
 * (fuzzy) either without spaces; IMO lists by a number with a valid
 * check digit. */
static void test_names_and_imo_lists(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load(
        "- list: exact\n  kind: names\n  items: ['Korea Mining Development Trading Corporation']\n"
        "- list: words\n  kind: names\n  match: words\n  items: ['KIM, Jong Sik']\n"
        "- list: fuzzy\n  kind: names\n  match: fuzzy\n"
        "  items: ['NAMCHONGANG TRADING', KOMID, 'HANA ELECTRONICS']\n"
        "- list: ships\n  kind: imo\n  items: ['IMO 9187629', '9187655']\n");
    assert_true(cw_rules_in_list(rs, "exact", "KOREA MINING DEVELOPMENT TRADING CORP."));
    assert_false(cw_rules_in_list(rs, "exact", "Trading Corp Korea Mining Development"));
    assert_true(cw_rules_in_list(rs, "words", "Jong Sik Kim"));
    assert_false(cw_rules_in_list(rs, "words", "Jong Kim"));
    assert_true(cw_rules_in_list(rs, "fuzzy", "Nam Chon Gang Trading Co., Ltd"));
    assert_true(cw_rules_in_list(rs, "fuzzy", "Trading Namchongang"));
    assert_true(cw_rules_in_list(rs, "fuzzy", "Komid"));
    /* a coarse phonetic key would make these meet: they must not */
    assert_false(cw_rules_in_list(rs, "fuzzy", "Hsin Yi Electronics Co., Ltd"));
    /* short names never meet without their spaces */
    assert_false(cw_rules_in_list(rs, "fuzzy", "KO MID"));
    assert_true(cw_rules_in_list(rs, "ships", "9187629"));
    assert_true(cw_rules_in_list(rs, "ships", "9187655"));
    assert_false(cw_rules_in_list(rs, "ships", "9187630"));
    cw_rules_free(rs);

    expect_error("- list: s\n  kind: imo\n  items: ['9187628']\n",
                 "t.yaml:3: list s: bad IMO number '9187628': check digit should be 9");
    expect_error("- list: s\n  kind: imo\n  items: ['918762']\n", "bad IMO number '918762': 7 digits");
    expect_error("- list: s\n  kind: terms\n  match: fuzzy\n  items: [x]\n",
                 "t.yaml:3: list s: 'match' is for names lists");
    expect_error("- list: s\n  kind: names\n  match: sounds\n  items: [x]\n",
                 "t.yaml:3: list s: 'match' must be exact, words or fuzzy");
    expect_error("- list: s\n  kind: imo\n  items: ['9187629']\n"
                 "- rule: r\n  title: t\n  severity: low\n  when: {field: bl, in: s}\n",
                 "list 's' of kind imo cannot apply to field bl");
}

static void test_render(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load(cond_pack);
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    manifest(&t, "CNDLC", "AEJEA");
    add_goods(&t, "office chairs", "940130", -1);
    add_goods(&t, "SPARE PARTS", "848120", -1);
    cw_rules_eval(rs, &t.m, &ev);
    const cw_rule_hit *h = fired(&ev, "same-line");
    assert_non_null(h);
    char buf[512];
    size_t n = cw_rules_render(h->rule->output, &t.m, &ev, h, buf, sizeof buf);
    assert_string_equal(buf, "B/L BL-001: \"SPARE PARTS\" HS 848120, to AEJEA (SPARE PARTS)");
    assert_int_equal(n, strlen(buf));
    /* truncation keeps characters whole */
    n = cw_rules_render("%{ref}: %{notify.name} é", &t.m, &ev, h, buf, 13);
    assert_string_equal(buf, "BL-001: - é");
    n = cw_rules_render("%{ref}: %{notify.name} é", &t.m, &ev, h, buf, 12);
    assert_string_equal(buf, "BL-001: - ");
    assert_int_equal(n, 10);
    n = cw_rules_render("%{ref}: %{notify.name} é", &t.m, &ev, h, buf, 11);
    assert_string_equal(buf, "BL-001: - ");
    n = cw_rules_render("%{ref}é", &t.m, &ev, h, buf, 8);
    assert_string_equal(buf, "BL-001");
    cw_rules_render("%{rule}/%{severity}: %{title}", &t.m, &ev, h, buf, sizeof buf);
    assert_string_equal(buf, "same-line/medium: vague under a telling code");
    /* alternatives: the first that has a value */
    cw_rules_render("%{subject_matter|goods.description} %{notify.name|shipper.name} %{certificate|notify.name}",
                    &t.m, &ev, h, buf, sizeof buf);
    assert_string_equal(buf, "SPARE PARTS Dalian Sea Star Trading Co -");
    expect_error("- rule: r\n  title: t\n  severity: low\n  when: {field: bl, exists: true}\n"
                 "  output: '%{bl|blah}'\n",
                 "t.yaml:5: rule r: output: unknown placeholder %{blah}");
    cw_eval_free(&ev);
    cw_rules_free(rs);
}

static const char *kit_var(void *ud, const char *name)
{
    (void)ud;
    return strcmp(name, "components") == 0 ? "motor-case, nozzle, oxidiser" : NULL;
}

static void test_render_kit_vars(void **state)
{
    (void)state;
    char buf[256];
    cw_rules_render_ex("Parts (%{components}) on %{npaths} paths", NULL, NULL, NULL, kit_var, NULL,
                       buf, sizeof buf);
    assert_string_equal(buf, "Parts (motor-case, nozzle, oxidiser) on - paths");
    expect_error("- kit: k\n  title: t\n  severity: low\n  output: '%{components} %{bogus}'\n"
                 "  components: [{id: c, hs: ['282990']}]\n",
                 "t.yaml:4: kit k: output: unknown placeholder %{bogus}");
}

/* ---- kits ---------------------------------------------------------- */

static const cw_component_hit *component(const cw_eval *ev, const cw_ruleset *rs, const char *kit,
                                         const char *comp, int goods)
{
    size_t k;
    const cw_kit *kt = cw_rules_find_kit(rs, kit, &k);
    assert_non_null(kt);
    for (size_t i = 0; i < ev->ncomponents; i++) {
        const cw_component_hit *c = &ev->components[i];
        if (c->kit == k && strcmp(kt->components[c->component].id, comp) == 0 && c->goods == goods)
            return c;
    }
    return NULL;
}

static void test_kit_components(void **state)
{
    (void)state;
    cw_ruleset *rs = cw_rules_load(pack_dir(), errbuf, sizeof errbuf);
    assert_non_null(rs);
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "Filament-wound pressure vessels (empty), 4 pcs", "731100", -1);
    add_goods(&t, "CHEMICALS", "2829.90", -1);
    add_goods(&t, "garden furniture", "940179", -1);
    assert_int_equal(cw_rules_eval(rs, &t.m, &ev), 0);

    const cw_component_hit *c = component(&ev, rs, "srm", "motor-case", 0);
    assert_non_null(c);
    assert_string_equal(c->match.field, "goods[0].description");
    assert_string_equal(c->match.rule_part, "srm/motor-case:wound-pressure-vessel");
    assert_non_null(strstr(c->match.excerpt, "Filament-wound pressure vessels"));

    c = component(&ev, rs, "srm", "oxidiser", 1);
    assert_non_null(c);
    assert_string_equal(c->match.field, "goods[1].hs");
    assert_string_equal(c->match.rule_part, "srm/oxidiser:hs 282990");
    assert_string_equal(c->match.excerpt, "2829.90");

    for (size_t i = 0; i < ev.ncomponents; i++)
        assert_int_not_equal(ev.components[i].goods, 2);

    /* an insurance subject matter carries components too (goods -1) */
    insurance(&t, "Gyroscopes and quartz accelerometers for survey equipment", "CNDLC", "MYPKG",
              "IRBND");
    cw_rules_eval(rs, &t.m, &ev);
    assert_non_null(component(&ev, rs, "guidance", "gyroscope", -1));
    c = component(&ev, rs, "guidance", "accelerometer", -1);
    assert_non_null(c);
    assert_string_equal(c->match.field, "subject_matter");
    assert_non_null(fired(&ev, "final-destination-sanctioned"));

    /* inline regexes and term lists as component patterns */
    cw_rules_free(rs);
    rs = must_load("- list: fuels\n  kind: terms\n  items: [UDMH, heptyl]\n"
                   "- kit: k\n  title: t\n  severity: critical\n"
                   "  components:\n"
                   "    - {id: fuel, patterns: [fuels, 'dimethyl\\s*hydrazine'], hs: ['292800']}\n"
                   "    - {id: other, hs: ['8412']}\n");
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "Heptyl, 20 drums", NULL, -1);
    add_goods(&t, "unsym. dimethylhydrazine", NULL, -1);
    add_goods(&t, "parts", "84129000", -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_int_equal(ev.ncomponents, 3);
    assert_string_equal(ev.components[0].match.rule_part, "k/fuel:fuels");
    assert_string_equal(ev.components[1].match.rule_part, "k/fuel:dimethyl\\s*hydrazine");
    assert_string_equal(ev.components[2].match.rule_part, "k/other:hs 8412");
    cw_eval_free(&ev);
    cw_rules_free(rs);
}

/* A component's exclude drops a line that says it is ordinary goods, by
 * pattern or by HS code, and leaves the other components alone. */
static void test_kit_exclude(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load("- pattern: paint\n  regex: '\\b(paint|coatings?)\\b'\n"
                               "- kit: k\n  title: t\n  severity: critical\n"
                               "  components:\n"
                               "    - {id: fuel, patterns: ['alumin(i)?um\\s+powder'], hs: ['760310'],\n"
                               "       exclude: [paint]}\n"
                               "    - {id: case, patterns: ['composite\\s+cylinders?'], hs: ['681513'],\n"
                               "       exclude: ['\\bSCBA\\b']}\n");
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "Aluminium powder for coatings", "760310", -1);
    add_goods(&t, "PAINT", "760310", -1);
    add_goods(&t, "composite cylinders for SCBA", "681513", -1);
    add_goods(&t, "spherical aluminium powder; composite cylinders (paint: grey)", NULL, -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_int_equal(ev.ncomponents, 1);
    assert_int_equal(ev.components[0].goods, 3);
    assert_string_equal(ev.components[0].match.rule_part, "k/case:composite\\s+cylinders?");
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "Aluminium powder", "760310", -1);
    add_goods(&t, "CHEMICALS", "760310", -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_int_equal(ev.ncomponents, 2);
    assert_string_equal(ev.components[1].match.rule_part, "k/fuel:hs 760310");
    cw_eval_free(&ev);
    cw_rules_free(rs);
}

/* ---- excerpts, limits ---------------------------------------------- */

static void test_excerpt_context(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load("- pattern: p\n  regex: 'perchlorate'\n"
                               "- rule: r\n  title: t\n  severity: low\n"
                               "  when: {field: goods.description, matches: p}\n");
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    manifest(&t, "CNDLC", "MYPKG");
    /* 40 two-byte letters each side: context is cut at 30 characters */
    char desc[512] = "";
    for (int i = 0; i < 40; i++)
        strcat(desc, "é");
    strcat(desc, "PERCHLORATE");
    for (int i = 0; i < 40; i++)
        strcat(desc, "ü");
    add_goods(&t, desc, NULL, -1);
    cw_rules_eval(rs, &t.m, &ev);
    const cw_rule_hit *h = fired(&ev, "r");
    assert_non_null(h);
    const char *ex = ev.matches[h->first].excerpt;
    char want[256] = "";
    for (int i = 0; i < 30; i++)
        strcat(want, "é");
    strcat(want, "PERCHLORATE");
    for (int i = 0; i < 30; i++)
        strcat(want, "ü");
    assert_true(strlen(want) < 160);
    assert_string_equal(ex, want);
    cw_eval_free(&ev);
    cw_rules_free(rs);
}

static void test_limit_hits_counted(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load("- pattern: evil\n  regex: '(a+)+[^a]\\1\\1$'\n"
                               "- pattern: fine\n  regex: 'ab'\n"
                               "- rule: evil-rule\n  title: t\n  severity: low\n"
                               "  when: {field: goods.description, matches: evil}\n"
                               "- rule: fine-rule\n  title: t\n  severity: low\n"
                               "  when: {field: goods.description, matches: fine}\n");
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    char *text = malloc(10002);
    memset(text, 'a', 10000);
    text[10000] = 'b';
    text[10001] = '\0';
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, text, NULL, -1);
    add_goods(&t, text, NULL, -1);
    assert_int_equal(cw_rules_eval(rs, &t.m, &ev), 0);
    assert_null(fired(&ev, "evil-rule"));
    assert_non_null(fired(&ev, "fine-rule"));
    /* each text is scanned once, however many rules ask */
    assert_int_equal(ev.limit_hits, 2);
    /* the next message starts from zero */
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "ab", NULL, -1);
    cw_rules_eval(rs, &t.m, &ev);
    assert_int_equal(ev.limit_hits, 0);
    free(text);
    cw_eval_free(&ev);
    cw_rules_free(rs);
}

/* ---- versions, reloads, rule tests --------------------------------- */

static void test_version_hash(void **state)
{
    (void)state;
    char *dir = make_dir();
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/ref", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    write_file(sub, "names.txt", "Acme Trading\n");
    write_file(dir, "a.yaml", "- list: n\n  kind: names\n  file: ref/names.txt\n");
    write_file(dir, "b.yaml", "- pattern: p\n  regex: x\n");
    char v1[64], v2[64], v3[64], v4[64];
    cw_ruleset *rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    assert_non_null(rs);
    snprintf(v1, sizeof v1, "%s", cw_rules_version(rs));
    cw_rules_free(rs);
    rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    assert_string_equal(cw_rules_version(rs), v1);
    cw_rules_free(rs);

    write_file(dir, "b.yaml", "- pattern: p\n  regex: y\n");
    rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    snprintf(v2, sizeof v2, "%s", cw_rules_version(rs));
    cw_rules_free(rs);
    assert_string_not_equal(v1, v2);

    write_file(sub, "names.txt", "Acme Trading\nOther Trading\n");
    rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    snprintf(v3, sizeof v3, "%s", cw_rules_version(rs));
    cw_rules_free(rs);
    assert_string_not_equal(v2, v3);

    /* a new, empty file changes the version too */
    write_file(dir, "c.yaml", "# nothing yet\n");
    rs = cw_rules_load(dir, errbuf, sizeof errbuf);
    snprintf(v4, sizeof v4, "%s", cw_rules_version(rs));
    cw_rules_free(rs);
    assert_string_not_equal(v3, v4);
    remove_dir(dir);
}

static void test_eval_across_reload(void **state)
{
    (void)state;
    cw_ruleset *a = must_load("- pattern: p\n  regex: alpha\n"
                              "- rule: ra\n  title: t\n  severity: low\n"
                              "  when: {field: goods.description, matches: p}\n");
    cw_ruleset *b = must_load("- pattern: q\n  regex: beta\n- pattern: p\n  regex: alpha\n"
                              "- rule: rb\n  title: t\n  severity: low\n"
                              "  when: {field: goods.description, matches: p}\n");
    cw_eval ev;
    cw_eval_init(&ev);
    tmsg t;
    manifest(&t, "CNDLC", "MYPKG");
    add_goods(&t, "alpha beta", NULL, -1);
    cw_rules_eval(a, &t.m, &ev);
    assert_non_null(fired(&ev, "ra"));
    cw_rules_free(a); /* the old rules go while the eval lives on */
    cw_rules_eval(b, &t.m, &ev);
    assert_non_null(fired(&ev, "rb"));
    assert_null(fired(&ev, "ra"));
    cw_eval_free(&ev);
    cw_rules_free(b);
}

static void test_selftest_reports_failures(void **state)
{
    (void)state;
    cw_ruleset *rs = must_load(
        "- pattern: p\n  regex: perchlorate\n"
        "- rule: r\n  title: t\n  severity: low\n"
        "  when: {field: goods.description, matches: p}\n"
        "  tests:\n"
        "    fires:\n"
        "      - goods: [{description: ammonium perchlorate}]\n"
        "      - goods: [{description: sodium chloride}]\n"
        "    quiet:\n"
        "      - goods: [{description: perchlorate salts}]\n"
        "- test: bad-message\n  rule: r\n"
        "  fires:\n"
        "    - route: {loading: NOT-A-LOCODE, discharge: NLRTM}\n"
        "- kit: k\n  title: t\n  severity: high\n"
        "  components: [{id: c, patterns: [p]}]\n"
        "  tests:\n"
        "    quiet: [{subject_matter: perchlorate}]\n");
    assert_int_equal(cw_rules_ntests(rs), 5);
    int n = cw_rules_selftest(rs, NULL, errbuf, sizeof errbuf);
    assert_int_equal(n, 4);
    assert_non_null(strstr(errbuf, "t.yaml:10: test r#1: rule r should fire on this message but did not"));
    assert_non_null(strstr(errbuf, "t.yaml:12: test r#1: rule r should stay quiet but fired: "
                                   "goods[0].description matched p in \"perchlorate salts\""));
    assert_non_null(strstr(errbuf, "t.yaml:16: test bad-message: message does not decode"));
    assert_non_null(strstr(errbuf, "t.yaml:22: test k#1: kit k should stay quiet but found a component"));

    /* a separate directory of test files */
    char *dir = make_dir();
    write_file(dir, "extra.yaml",
               "- test: extra\n  rule: r\n  fires: [{goods: [{description: Perchlorate}]}]\n"
               "  quiet: [{goods: [{description: chlorate}]}]\n");
    assert_int_equal(cw_rules_selftest(rs, dir, errbuf, sizeof errbuf), 4);
    write_file(dir, "extra.yaml",
               "- test: extra\n  rule: r\n  fires: [{goods: [{description: chlorate}]}]\n");
    assert_int_equal(cw_rules_selftest(rs, dir, errbuf, sizeof errbuf), 5);
    assert_non_null(strstr(errbuf, "extra.yaml:3: test extra: rule r should fire"));
    remove_dir(dir);
    cw_rules_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_pack_loads),
        cmocka_unit_test(test_shipped_pack_selftest),
        cmocka_unit_test(test_error_yaml_syntax),
        cmocka_unit_test(test_error_unknown_key),
        cmocka_unit_test(test_error_unknown_kind),
        cmocka_unit_test(test_error_missing_key),
        cmocka_unit_test(test_error_bad_severity),
        cmocka_unit_test(test_error_unknown_field),
        cmocka_unit_test(test_error_unknown_reference),
        cmocka_unit_test(test_error_bad_regex),
        cmocka_unit_test(test_error_duplicates),
        cmocka_unit_test(test_error_bad_duration_and_kit),
        cmocka_unit_test(test_errors_collected),
        cmocka_unit_test(test_list_file_and_extend),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_names_and_imo_lists),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_render_kit_vars),
        cmocka_unit_test(test_kit_components),
        cmocka_unit_test(test_kit_exclude),
        cmocka_unit_test(test_excerpt_context),
        cmocka_unit_test(test_limit_hits_counted),
        cmocka_unit_test(test_version_hash),
        cmocka_unit_test(test_eval_across_reload),
        cmocka_unit_test(test_selftest_reports_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
