/* fuzz_rules.c: hostile rule files into cw_rules_load.
 *
 * Each input is written as the only rule file of a private rules
 * directory (beside a small reference list that `file:` may name) and
 * loaded.  A refusal must list its problems as "file:line: reason" lines.
 * A pack that loads is then used as the daemon would use it: its own test
 * cases run, a few fixed messages are evaluated against it (patterns and
 * lists written by the fuzzer, on texts made to make regexes backtrack),
 * and every output template is rendered.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "log.h"
#include "rules.h"

#include "fuzz_util.h"

#define ERRLEN 65536

static const char *dir;
static char errbuf[ERRLEN];

/* Messages every loaded pack is run on: two ordinary, one hostile. */
static const char *const samples[] = {
    "{\"type\":\"manifest\",\"version\":1,\"id\":\"f-1\",\"bl\":\"BLF1\",\"filed_at\":\"2026-03-01T10:00:00Z\","
    "\"route\":{\"receipt\":\"CNSHA\",\"loading\":\"CNDLC\",\"transshipment\":[\"SGSIN\",\"OMSLL\"],"
    "\"discharge\":\"IRBND\",\"delivery\":\"IRTHR\"},"
    "\"shipper\":{\"name\":\"Liaoning Hengda Trading Co Ltd\",\"country\":\"CN\",\"phone\":\"+86 411 8888 1234\"},"
    "\"consignee\":{\"name\":\"Gulf Horizon FZE\",\"country\":\"AE\",\"email\":\"ops@gulf-horizon.example\","
    "\"address\":\"Jebel Ali Free Zone, Dubai\",\"registration\":\"FZE-12345\"},"
    "\"notify\":{\"name\":\"Korea Mining Development Trading Corp.\",\"country\":\"KP\"},"
    "\"vessel\":{\"name\":\"EVER GIVEN\",\"imo\":\"9811000\"},\"carrier\":\"EGLV\",\"voyage\":\"025W\","
    "\"containers\":[{\"number\":\"MSCU1234565\"}],"
    "\"goods\":[{\"description\":\"AMMONIUM PERCHLORATE 200 DRUMS\",\"hs\":\"282990\",\"packages\":200,"
    "\"weight_kg\":10000,\"value\":50000,\"currency\":\"USD\",\"origin\":\"CN\",\"container\":\"MSCU1234565\"},"
    "{\"description\":\"SPARE PARTS\",\"hs\":\"848120\"},"
    "{\"description\":\"Ракетный двигатель / rocket motor nozzle assembly 火箭发动机\"}]}",
    "{\"type\":\"insurance\",\"version\":1,\"id\":\"f-2\",\"certificate\":\"CERT-1\",\"policy\":\"OC-77\","
    "\"issued_at\":\"2026-03-02T10:00:00Z\",\"insurer\":{\"name\":\"Oceanic Marine Insurance\"},"
    "\"assured\":{\"name\":\"Penang Star Sdn Bhd\",\"phone\":\"00971-4-5550123\"},"
    "\"beneficiary\":{\"name\":\"Desert Pearl Trading FZCO\",\"country\":\"AE\"},"
    "\"voyage\":{\"from\":\"MYPKG\",\"via\":[\"OMSLL\"],\"to\":\"AEJEA\",\"final_destination\":\"IRBND\"},"
    "\"bl_refs\":[\"BLF1\"],\"containers\":[\"MSCU1234565\"],"
    "\"subject_matter\":\"solid propellant rocket motor cases, UDMH fuel and gyroscopes\","
    "\"sum_insured\":250000,\"currency\":\"EUR\",\"source\":\"tip\"}",
    "{\"type\":\"manifest\",\"version\":1,\"id\":\"f-3\",\"bl\":\"BLF3\",\"filed_at\":\"2026-03-03T10:00:00Z\","
    "\"route\":{\"loading\":\"DEHAM\",\"discharge\":\"NLRTM\"},"
    "\"shipper\":{\"name\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"},"
    "\"consignee\":{\"name\":\"-- -- -- -- -- -- -- -- -- -- -- --\"},"
    "\"goods\":[{\"description\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
    " motor motor motor motor motor motor motor motor motor motor motor motor motor motor motor x\"}]}",
};
#define NSAMPLES (sizeof samples / sizeof *samples)
static cw_msg msgs[NSAMPLES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    cw_log_set_level(LOG_ERR);
    dir = fuzz_tempdir();
    char path[512];
    snprintf(path, sizeof path, "%s/reference", dir);
    if (mkdir(path, 0700) != 0) {
        perror(path);
        abort();
    }
    static const char names[] = "# names for `file: reference/names.txt`\n"
                                "Korea Mining Development Trading Corporation\n"
                                "  Gulf Horizon FZE  \n\n"
                                "Desert Pearl Trading FZCO\r\n";
    fuzz_write("reference/names.txt", names, sizeof names - 1, path, sizeof path);
    for (size_t i = 0; i < NSAMPLES; i++) {
        char err[256];
        if (cw_decode(samples[i], strlen(samples[i]), &msgs[i], err, sizeof err) != 0) {
            fprintf(stderr, "fuzz_rules: sample message %zu does not decode: %s\n", i, err);
            abort();
        }
    }
    return 0;
}

static const char *var(void *ud, const char *name)
{
    (void)ud;
    return name[0] == 'k' ? NULL : "<var>";
}

static void render(const char *what, const char *tmpl, const cw_msg *m, const cw_eval *ev, const cw_rule_hit *hit,
                   bool kit)
{
    if (!tmpl)
        return;
    char buf[600];
    memset(buf, 'x', sizeof buf);
    size_t n = kit ? cw_rules_render_ex(tmpl, m, ev, hit, var, NULL, buf, 512)
                   : cw_rules_render(tmpl, m, ev, hit, buf, 512);
    (void)n;
    if (!memchr(buf, '\0', 512))
        fuzz_fail("%s: rendered output not NUL-terminated within the buffer", what);
    for (size_t i = 512; i < sizeof buf; i++)
        if (buf[i] != 'x')
            fuzz_fail("%s: rendering wrote past the buffer", what);
}

static void use(const cw_ruleset *rs)
{
    const char *v = cw_rules_version(rs);
    if (!v || strncmp(v, "rules-", 6) != 0 || strlen(v) != 22)
        fuzz_fail("rules version \"%s\" is not rules-<16 hex>", v ? v : "(null)");

    for (size_t i = 0; i < cw_rules_nrules(rs); i++) {
        const cw_rule *r = cw_rules_rule(rs, i);
        if (!r || !r->id || !*r->id || !r->title || r->severity > CW_SEV_CRITICAL ||
            !(r->score >= 0 && r->score <= 100))
            fuzz_fail("rule %zu is incomplete or out of range", i);
        if (cw_rules_find_rule(rs, r->id) != r)
            fuzz_fail("rule %s is not found by its id", r->id);
        for (size_t t = 0; t < r->ntags; t++)
            (void)strlen(r->tags[t]);
    }
    for (size_t i = 0; i < cw_rules_nkits(rs); i++) {
        const cw_kit *k = cw_rules_kit(rs, i);
        size_t idx = (size_t)-1;
        if (!k || !k->id || !k->title || k->severity > CW_SEV_CRITICAL || !(k->score >= 0 && k->score <= 100))
            fuzz_fail("kit %zu is incomplete or out of range", i);
        if (cw_rules_find_kit(rs, k->id, &idx) != k || idx != i)
            fuzz_fail("kit %s is not found by its id", k->id);
        for (size_t c = 0; c < k->ncomponents; c++)
            if (!k->components[c].id)
                fuzz_fail("kit %s: component %zu has no id", k->id, c);
        render("kit output", k->output, NULL, NULL, NULL, true);
    }

    errbuf[0] = '\0';
    int failures = cw_rules_selftest(rs, dir, errbuf, ERRLEN);
    if (failures < 0)
        fuzz_fail("cw_rules_selftest returned %d", failures);
    if (failures > 0)
        fuzz_check_errors("cw_rules_selftest", errbuf, ERRLEN);

    cw_eval ev;
    cw_eval_init(&ev);
    for (size_t i = 0; i < NSAMPLES; i++) {
        if (cw_rules_eval(rs, &msgs[i], &ev) != 0)
            continue;
        if (ev.nhits > cw_rules_nrules(rs))
            fuzz_fail("%zu rule hits from %zu rules", ev.nhits, cw_rules_nrules(rs));
        for (size_t h = 0; h < ev.nhits; h++) {
            const cw_rule_hit *hit = &ev.hits[h];
            if (hit->first + hit->count > ev.nmatches)
                fuzz_fail("rule hit %zu: matches %zu+%zu of %zu", h, hit->first, hit->count, ev.nmatches);
            render(hit->rule->id, hit->rule->output, &msgs[i], &ev, hit, false);
        }
        for (size_t m = 0; m < ev.nmatches; m++) {
            const cw_match *mt = &ev.matches[m];
            if (!memchr(mt->field, 0, sizeof mt->field) || !memchr(mt->rule_part, 0, sizeof mt->rule_part) ||
                !memchr(mt->excerpt, 0, sizeof mt->excerpt))
                fuzz_fail("match %zu: a field not NUL-terminated", m);
            if (!fuzz_utf8(mt->excerpt, strlen(mt->excerpt)))
                fuzz_fail("match %zu: excerpt is not UTF-8: \"%s\"", m, mt->excerpt);
        }
        for (size_t c = 0; c < ev.ncomponents; c++) {
            const cw_component_hit *ch = &ev.components[c];
            const cw_kit *k = cw_rules_kit(rs, ch->kit);
            if (!k || ch->component >= k->ncomponents)
                fuzz_fail("component hit %zu: kit %zu component %zu out of range", c, ch->kit, ch->component);
            if (ch->goods < -1 || (ch->goods >= 0 && (size_t)ch->goods >= msgs[i].ngoods))
                fuzz_fail("component hit %zu: goods line %d out of range", c, ch->goods);
        }
    }
    cw_eval_free(&ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fuzz_write("fuzz.yaml", data, size, path, sizeof path);
    memset(errbuf, 0, ERRLEN);
    cw_ruleset *rs = cw_rules_load(dir, errbuf, ERRLEN);
    if (!rs) {
        fuzz_check_errors("cw_rules_load", errbuf, ERRLEN);
    } else {
        use(rs);
        cw_rules_free(rs);
    }
    return 0;
}
