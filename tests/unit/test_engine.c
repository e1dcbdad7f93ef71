/* test_engine.c: the engine end to end on the shipped rule pack: kits fire
 * on linked parties by different routes and only then, in any arrival
 * order, with deterministic ids; duplicates, bad input and re-issues. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "engine.h"
#include "normalise.h"
#include "util.h"

typedef struct {
    char ids[64][40];
    char rules[64][64];
    char supersedes[64][40];
    char severity[64][16];
    size_t nalerts;
    char evidence[64][4][48]; /* the first four evidence ids of each */
    char dead[8][256];
    size_t ndead, ndone;
} sink_log;

static void on_alert(void *ud, const char *id, const char *json, size_t len, void *cause)
{
    (void)cause;
    sink_log *l = ud;
    assert_true(l->nalerts < 64);
    cJSON *a = cJSON_ParseWithLength(json, len);
    assert_non_null(a);
    assert_string_equal(cJSON_GetObjectItem(a, "id")->valuestring, id);
    snprintf(l->ids[l->nalerts], 40, "%s", id);
    snprintf(l->rules[l->nalerts], 64, "%s", cJSON_GetObjectItem(a, "rule")->valuestring);
    cJSON *sup = cJSON_GetObjectItem(a, "supersedes");
    snprintf(l->supersedes[l->nalerts], 40, "%s", sup ? sup->valuestring : "");
    snprintf(l->severity[l->nalerts], 16, "%s", cJSON_GetObjectItem(a, "severity")->valuestring);
    cJSON *evidence = cJSON_GetObjectItem(a, "evidence");
    for (int i = 0; i < 4 && i < cJSON_GetArraySize(evidence); i++)
        snprintf(l->evidence[l->nalerts][i], 48, "%s",
                 cJSON_GetObjectItem(cJSON_GetArrayItem(evidence, i), "id")->valuestring);
    l->nalerts++;
    cJSON_Delete(a);
}

static void on_dead(void *ud, const char *reason, void *cause)
{
    (void)cause;
    sink_log *l = ud;
    snprintf(l->dead[l->ndead++ % 8], 256, "%s", reason);
}

static void on_done(void *ud, void *cause)
{
    (void)cause;
    ((sink_log *)ud)->ndone++;
}

static cw_config cfg;

static cw_engine *engine(sink_log *l)
{
    char err[4096] = "", dir[1024];
    snprintf(dir, sizeof dir, "%s/rules", getenv("CW_SOURCE_DIR") ? getenv("CW_SOURCE_DIR") : ".");
    cw_ruleset *rs = cw_rules_load(dir, err, sizeof err);
    if (!rs)
        fail_msg("rules: %s", err);
    memset(l, 0, sizeof *l);
    cw_sink sink = {on_alert, on_dead, on_done, l};
    cw_engine *e = cw_engine_new(&cfg, rs, &sink);
    cw_engine_source_add(e, 0);
    return e;
}

typedef struct {
    const char *id, *bl, *day, *loading, *via, *discharge;
    const char *shipper, *consignee, *phone, *description, *hs;
} shipment;

static void push(cw_engine *e, const shipment *s)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"type\":\"manifest\",\"version\":1,\"id\":\"%s\",\"bl\":\"%s\","
             "\"filed_at\":\"2026-03-%sT08:00:00Z\","
             "\"route\":{\"loading\":\"%s\",\"transshipment\":[%s],\"discharge\":\"%s\"},"
             "\"shipper\":{\"name\":\"%s\"},"
             "\"consignee\":{\"name\":\"%s\",\"phone\":\"%s\",\"country\":\"AE\"},"
             "\"goods\":[{\"description\":\"%s\",\"hs\":\"%s\",\"weight_kg\":1000,\"value\":5000}]}",
             s->id, s->bl, s->day, s->loading, s->via, s->discharge, s->shipper, s->consignee, s->phone,
             s->description, s->hs);
    cw_engine_push(e, 0, json, strlen(json), NULL);
}

/* Push three shipments and release them all. */
static void push_three(cw_engine *e, const shipment s[3])
{
    for (size_t i = 0; i < 3; i++)
        push(e, &s[i]);
    cw_engine_flush(e);
}

/* Three components of a solid rocket motor, from three middlemen by three
 * routes, to three front companies sharing one phone in three spellings. */
static const shipment scheme[] = {
    {"m-1", "BL-A1", "02", "CNDLC", "\"SGSIN\"", "AEJEA", "Liaoning Hengda Trading Co Ltd", "Gulf Horizon FZE",
     "+971 4 555 0123", "AMMONIUM PERCHLORATE 200 DRUMS", "282990"},
    {"m-2", "BL-B2", "05", "MYPKG", "\"OMSLL\"", "AEJEA", "Penang Star Sdn Bhd", "Al Noor General Trading LLC",
     "00971-4-5550123", "ROCKET MOTOR CASE", "841290"},
    {"m-3", "BL-C3", "09", "TRMER", "", "AEJEA", "Anatolia Metal AS", "Desert Pearl Trading FZCO",
     "04 555 0123", "SPHERICAL ALUMINIUM POWDER", "760310"},
};

static size_t count_rule(const sink_log *l, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nalerts; i++)
        n += !strcmp(l->rules[i], rule);
    return n;
}

static const char *first_of(const sink_log *l, const char *rule)
{
    for (size_t i = 0; i < l->nalerts; i++)
        if (!strcmp(l->rules[i], rule))
            return l->ids[i];
    return NULL;
}

static size_t last_of(const sink_log *l, const char *rule)
{
    size_t last = 0;
    for (size_t i = 0; i < l->nalerts; i++)
        if (!strcmp(l->rules[i], rule))
            last = i;
    return last;
}

/* Two components make a low-severity watch; the third, the kit's alert,
 * which supersedes the watch. */
static void kit_fires_on_linked_parties_by_different_routes(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    push_three(e, scheme);
    assert_int_equal(count_rule(&l, "srm"), 2);
    size_t last = last_of(&l, "srm");
    const char *watch = first_of(&l, "srm");
    assert_string_equal(l.severity[last], "critical");
    assert_string_equal(l.supersedes[last], watch);
    for (size_t i = 0; i < l.nalerts; i++)
        if (!strcmp(l.ids[i], watch))
            assert_string_equal(l.severity[i], "low");
    assert_int_equal(l.ndone, 3);
    assert_int_equal(l.ndead, 0);
    cw_engine_free(e);
}

/* Alerts name the messages as they were sent: a lower-case UUID (held as
 * its 16 bytes) and ids that only look like one. */
static void evidence_keeps_message_ids(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    shipment s[3];
    memcpy(s, scheme, sizeof s);
    s[0].id = "411e9d85-8204-40ac-884a-a49038813a35";
    s[1].id = "411E9D85-8204-40AC-884A-A49038813A36";
    s[2].id = "411e9d85-8204-40ac-884a-a49038813a3g";
    push_three(e, s);
    size_t last = last_of(&l, "srm");
    assert_int_equal(count_rule(&l, "srm"), 2);
    for (size_t i = 0; i < 3; i++) {
        bool found = false;
        for (size_t j = 0; j < 4; j++)
            found = found || !strcmp(l.evidence[last][j], s[i].id);
        assert_true(found);
    }
    cw_engine_free(e);
}

static void kit_quiet_without_links(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    shipment s[3];
    memcpy(s, scheme, sizeof s);
    s[1].phone = "+86 21 6888 7777";
    s[2].phone = "+90 212 444 1234";
    push_three(e, s);
    assert_int_equal(count_rule(&l, "srm"), 0);
    cw_engine_free(e);
}

static void kit_quiet_on_one_route(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    shipment s[3];
    memcpy(s, scheme, sizeof s);
    for (size_t i = 0; i < 3; i++) {
        s[i].loading = "CNDLC";
        s[i].via = "\"SGSIN\"";
        push(e, &s[i]);
    }
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "srm"), 0);
    cw_engine_free(e);
}

/* A phone on many documents (a forwarder's) is no evidence of a link. */
static void kit_quiet_on_common_identifier(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    char ids[40][16], bls[40][16];
    for (int i = 0; i < 40; i++) {
        snprintf(ids[i], sizeof ids[i], "b-%d", i);
        snprintf(bls[i], sizeof bls[i], "BL-N%d", i);
        shipment b = {ids[i], bls[i], "01", "CNSHA", "", "NLRTM", "Shanghai Textile Co", "Rotterdam Retail BV",
                      "+971 4 555 0123", "COTTON T-SHIRTS", "610910"};
        push(e, &b);
    }
    push_three(e, scheme);
    assert_int_equal(count_rule(&l, "srm"), 0);
    cw_engine_free(e);
}

/* A name links parties only when they do not say they are different
 * kinds of company: a joint-stock "A.Ş." and a limited "Ltd. Şti." of the
 * same name are namesakes.  Phones differ, so the name is the only link. */
static void kit_name_links_only_one_kind_of_company(void **state)
{
    (void)state;
    static const char *const same[] = {"Akdeniz Teknoloji San. ve Tic. A.Ş.", "AKDENIZ TEKNOLOJI A.S.",
                                       "Akdeniz Teknoloji Anonim Şirketi"};
    static const char *const mixed[] = {"Akdeniz Teknoloji San. ve Tic. A.Ş.", "AKDENIZ TEKNOLOJI LTD. ŞTI.",
                                        "Akdeniz Teknoloji Ltd Sti"};
    static const char *const phones[] = {"+90 212 865 9324", "+90 312 446 4753", "+90 232 517 4211"};
    for (int mix = 0; mix < 2; mix++) {
        sink_log l;
        cw_engine *e = engine(&l);
        shipment s[3];
        memcpy(s, scheme, sizeof s);
        for (size_t i = 0; i < 3; i++) {
            s[i].consignee = mix ? mixed[i] : same[i];
            s[i].phone = phones[i];
            push(e, &s[i]);
        }
        cw_engine_flush(e);
        size_t critical = 0;
        for (size_t i = 0; i < l.nalerts; i++)
            critical += !strcmp(l.rules[i], "srm") && !strcmp(l.severity[i], "critical");
        if (!mix) {
            assert_int_equal(critical, 1); /* one kind of company: the name links all three */
        } else {
            assert_int_equal(critical, 0); /* the A.Ş. stays apart: the two limited ones make a watch */
            assert_int_equal(count_rule(&l, "srm"), 1);
        }
        cw_engine_free(e);
    }
}

static void order_does_not_change_ids(void **state)
{
    (void)state;
    static const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}};
    char first[40] = "";
    for (size_t o = 0; o < 3; o++) {
        sink_log l;
        cw_engine *e = engine(&l);
        for (size_t i = 0; i < 3; i++)
            push(e, &scheme[orders[o][i]]);
        cw_engine_flush(e);
        assert_non_null(first_of(&l, "srm"));
        const char *id = l.ids[last_of(&l, "srm")];
        if (!o)
            snprintf(first, sizeof first, "%s", id);
        assert_string_equal(id, first);
        cw_engine_free(e);
    }
}

static void more_components_reissue_with_supersedes(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    for (size_t i = 0; i < 3; i++)
        push(e, &scheme[i]);
    shipment fourth = {"m-4", "BL-D4", "12", "HKHKG", "\"LKCMB\"", "AEJEA", "Kowloon Composite Ltd",
                       "Gulf Horizon FZE", "+971-4-555-0123", "FILAMENT WINDING MACHINE", "847989"};
    push(e, &fourth);
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "srm"), 3); /* the watch, three components, four */
    size_t last = last_of(&l, "srm"), before = 0;
    for (size_t i = 0; i < last; i++)
        if (!strcmp(l.rules[i], "srm"))
            before = i;
    assert_string_equal(l.severity[before], "critical");
    assert_string_equal(l.supersedes[last], l.ids[before]);
    assert_string_not_equal(l.ids[last], l.ids[before]);
    cw_engine_free(e);
}

static void duplicates_and_bad_input(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    for (size_t i = 0; i < 3; i++)
        push(e, &scheme[i]);
    push(e, &scheme[0]);
    cw_engine_push(e, 0, "not json", 8, NULL);
    cw_engine_push(e, 0, "{\"type\":\"invoice\"}", 18, NULL);
    cw_engine_flush(e);
    const cw_engine_stats *st = cw_engine_stats_get(e);
    assert_int_equal(st->duplicates, 1);
    assert_int_equal(st->bad, 2);
    assert_int_equal(st->bad_by_reason[CW_BAD_JSON], 1);
    assert_int_equal(st->bad_by_reason[CW_BAD_TYPE], 1);
    assert_int_equal(l.ndead, 2);
    assert_non_null(strstr(l.dead[0], "not JSON"));
    assert_non_null(strstr(l.dead[1], "unknown type"));
    assert_int_equal(l.ndone, 6);
    assert_int_equal(count_rule(&l, "srm"), 2); /* the watch and the kit: none from the duplicate */
    cw_engine_free(e);
}

/* A message id is remembered while its message is within the window, and
 * forgotten after: the duplicate check sweeps out what left the window
 * whenever its table fills, many times over in four weeks of filings. */
static void duplicates_forgotten_after_window(void **state)
{
    (void)state;
    cfg.window_ms = 2 * 86400000LL;
    sink_log l;
    cw_engine *e = engine(&l);
    char id[32], bl[32], day[8];
    shipment s = {id, bl, day, "CNSHA", "", "NLRTM", "Ningbo Cotton Mills Co Ltd", "Rotterdam Textiles BV",
                  "+31 10 555 0100", "COTTON T-SHIRTS", "610910"};
    for (int d = 1; d <= 28; d++) {
        for (int k = 0; k < 10; k++) {
            snprintf(id, sizeof id, "d-%02d-%d", d, k);
            snprintf(bl, sizeof bl, "BL-%02d-%d", d, k);
            snprintf(day, sizeof day, "%02d", d);
            push(e, &s);
        }
    }
    snprintf(id, sizeof id, "d-01-0"); /* sent again four weeks on: new */
    snprintf(bl, sizeof bl, "BL-AGAIN");
    push(e, &s);
    snprintf(id, sizeof id, "d-28-9"); /* sent again the same day: a duplicate */
    push(e, &s);
    cw_engine_flush(e);
    const cw_engine_stats *st = cw_engine_stats_get(e);
    assert_int_equal(st->duplicates, 1);
    assert_int_equal(st->in_manifest, 282);
    assert_int_equal(l.ndone, 282);
    cw_engine_free(e);
    cw_config_free(&cfg);
    cw_config_defaults(&cfg);
}

/* Held back until the watermark passes, then released in event order. */
static void reorder_buffer_holds_until_watermark(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    push(e, &scheme[1]);
    assert_int_equal(l.ndone, 0);
    assert_int_equal(cw_engine_stats_get(e)->buffered, 1);
    shipment later = scheme[0];
    later.id = "m-late";
    later.bl = "BL-LATE";
    later.day = "20"; /* far beyond the allowed lateness: releases m-2 */
    push(e, &later);
    assert_int_equal(l.ndone, 1);
    cw_engine_flush(e);
    assert_int_equal(l.ndone, 2);
    cw_engine_free(e);
}

/* The certificate names the real goods, value and destination. */
static void insurance_contradicting_its_manifest(void **state)
{
    (void)state;
    sink_log l;
    cw_engine *e = engine(&l);
    shipment vague = {"m-v", "BL-V1", "03", "CNDLC", "\"SGSIN\"", "AEJEA", "Liaoning Hengda Trading Co Ltd",
                      "Gulf Horizon FZE", "+971 4 555 0123", "CHEMICALS", "382499"};
    const char *cert =
        "{\"type\":\"insurance\",\"version\":1,\"id\":\"i-v\",\"certificate\":\"C-V1\","
        "\"issued_at\":\"2026-03-02T08:00:00Z\",\"assured\":{\"name\":\"Zagros Chemical Supply Co\"},"
        "\"voyage\":{\"from\":\"CNDLC\",\"to\":\"AEJEA\",\"final_destination\":\"IRBND\"},"
        "\"bl_refs\":[\"BL-V1\"],\"subject_matter\":\"Ammonium perchlorate, 200 drums\","
        "\"sum_insured\":900000,\"currency\":\"USD\",\"source\":\"tip\"}";
    /* the certificate first: the join waits for the manifest */
    cw_engine_push(e, 0, cert, strlen(cert), NULL);
    push(e, &vague);
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "insurance-discrepancy"), 1);
    /* filing the same pair again adds nothing */
    cw_engine_push(e, 0, cert, strlen(cert), NULL);
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "insurance-discrepancy"), 1);
    /* nor does an amendment of the manifest that changes nothing of it */
    shipment amended = vague;
    amended.id = "m-v-amend";
    amended.day = "04";
    push(e, &amended);
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "insurance-discrepancy"), 1);
    /* one that moves the discharge port is a new finding */
    amended.id = "m-v-amend2";
    amended.discharge = "OMSOH";
    push(e, &amended);
    cw_engine_flush(e);
    assert_int_equal(count_rule(&l, "insurance-discrepancy"), 2);
    cw_engine_free(e);
}

/* The windows hold at most limits.max_window_entries shipments and
 * max_window_bytes of them: beyond either the least recently touched go,
 * counted, and the correlations through them with them.  Here the first
 * component of the kit is pushed out by two unrelated shipments, so the
 * other two make only the watch. */
static void window_limits_evict_oldest(void **state)
{
    (void)state;
    const shipment filler[] = {
        {"f-1", "BL-F1", "03", "NLRTM", "", "USNYC", "Dutch Tulip Export BV", "Garden Depot Inc", "+1 212 555 0100",
         "TULIP BULBS", "060110"},
        {"f-2", "BL-F2", "04", "DEHAM", "", "USBAL", "Hamburg Pianos GmbH", "Baltimore Music Co", "+1 410 555 0101",
         "UPRIGHT PIANOS", "920110"},
    };
    const shipment *feed[] = {&scheme[0], &filler[0], &filler[1], &scheme[1], &scheme[2]};
    enum { N = sizeof feed / sizeof *feed };
    sink_log l;
    size_t held[N], pair = 0; /* bytes held after each push; the most two shipments take */
    for (int limit = 0; limit < 3; limit++) { /* none, entries, bytes */
        cfg.max_window_entries = limit == 1 ? 2 : 0;
        cfg.max_window_bytes = limit == 2 ? pair : 0;
        cw_engine *e = engine(&l);
        for (size_t i = 0; i < N; i++) {
            push(e, feed[i]);
            cw_engine_flush(e);
            held[i] = cw_engine_stats_get(e)->window_bytes;
            if (!limit && i >= 2 && held[i] - held[i - 2] > pair)
                pair = held[i] - held[i - 2];
        }
        const cw_engine_stats *st = cw_engine_stats_get(e);
        assert_int_equal(st->evicted, limit ? N - 2 : 0);
        assert_int_equal(st->window_shipments, limit ? 2 : N);
        assert_true(!limit || st->window_bytes <= pair);
        assert_int_equal(count_rule(&l, "srm"), limit ? 1 : 2); /* the watch alone, or watch and kit */
        cw_engine_free(e);
    }
    cw_config_free(&cfg);
    cw_config_defaults(&cfg);
}

static int setup(void **state)
{
    (void)state;
    cw_config_defaults(&cfg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cw_config_free(&cfg);
    cw_norm_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kit_fires_on_linked_parties_by_different_routes),
        cmocka_unit_test(evidence_keeps_message_ids),
        cmocka_unit_test(kit_quiet_without_links),
        cmocka_unit_test(kit_quiet_on_one_route),
        cmocka_unit_test(kit_quiet_on_common_identifier),
        cmocka_unit_test(kit_name_links_only_one_kind_of_company),
        cmocka_unit_test(order_does_not_change_ids),
        cmocka_unit_test(more_components_reissue_with_supersedes),
        cmocka_unit_test(duplicates_and_bad_input),
        cmocka_unit_test(duplicates_forgotten_after_window),
        cmocka_unit_test(reorder_buffer_holds_until_watermark),
        cmocka_unit_test(insurance_contradicting_its_manifest),
        cmocka_unit_test(window_limits_evict_oldest),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
