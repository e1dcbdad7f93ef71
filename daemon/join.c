/* join.c: see join.h. */
#include "join.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "alert.h"
#include "util.h"

/* Sum insured above this many times the declared value is a finding. */
#define VALUE_RATIO 3.0

typedef struct {
    cw_severity sev;
    double score;
    cw_buf what;      /* the findings, for the summary */
    const char *tags[4];
    size_t ntags;
    size_t strong;    /* findings that justify an alert on their own */
} findings;

static void found(findings *f, cw_severity sev, double score, bool strong, const char *tag, const char *fmt,
                  const char *a, const char *b)
{
    if (sev > f->sev)
        f->sev = sev;
    f->score += score;
    f->strong += strong;
    if (tag && f->ntags < 4)
        f->tags[f->ntags++] = tag;
    cw_buf_puts(&f->what, f->what.len ? "; " : "");
    cw_buf_printf(&f->what, fmt, a, b);
}

static bool shares_party(const cw_doc *cert, const cw_doc *manifest)
{
    for (size_t i = 0; i < cert->nids; i++)
        if (cw_doc_has(manifest, cw_doc_ids(cert)[i].h))
            return true;
    return false;
}

static bool in_manifest_path(const cw_doc *manifest, const char *port)
{
    return !strcmp(port, manifest->discharge) || !strcmp(port, manifest->delivery);
}

static void check_pair(cw_cert *cc, const cw_doc *man, const cw_ruleset *rs, const cw_kit_ctx *ctx)
{
    const cw_doc *cert = cw_cert_doc(cc);
    findings f = {.sev = CW_SEV_INFO};
    char country[3] = "";
    const char *final = cw_doc_final_dest(cert);
    if (final && !in_manifest_path(man, final)) {
        memcpy(country, final, 2);
        bool sanctioned = cw_rules_in_known(rs, CW_LIST_SANCTIONED_COUNTRIES, country);
        bool same_country = !strncmp(final, man->delivery[0] ? man->delivery : man->discharge, 2);
        if (sanctioned)
            found(&f, CW_SEV_CRITICAL, 60, true, "typology:diverted-final-destination",
                  "the certificate's final destination %s is in a sanctioned country, while the manifest "
                  "discharges at %s",
                  final, man->discharge);
        else if (!same_country)
            found(&f, CW_SEV_MEDIUM, 30, true, "typology:diverted-final-destination",
                  "the certificate's final destination %s is not the manifest's discharge or delivery (%s)",
                  final, man->discharge);
    }
    if (cert->value > 0 && man->value > 0 && cert->value > VALUE_RATIO * man->value &&
        (!cert->currency[0] || !man->currency[0] || !strcmp(cert->currency, man->currency))) {
        char a[64], b[64];
        snprintf(a, sizeof a, "%.0f %s", cert->value, cert->currency);
        snprintf(b, sizeof b, "%.0f %s", man->value, man->currency);
        found(&f, CW_SEV_HIGH, 40, true, "typology:undervalued-goods",
              "the sum insured (%s) is far above the declared value (%s)", a, b);
    }
    if (cert->nseen && !man->nseen)
        found(&f, CW_SEV_HIGH, 40, true, "typology:concealed-goods",
              "the certificate insures %s while the manifest declares nothing of the kind%s",
              cw_doc_seen(cert)[0].comp_name, "");
    if (!f.strong) {
        cw_buf_free(&f.what);
        return;
    }
    if (!shares_party(cert, man))
        found(&f, f.sev, 10, false, NULL, "the assured and beneficiary are unrelated to the shipper and consignee%s%s",
              "", "");

    /* An amended manifest is held against the certificate again; when it
     * changes nothing of the discrepancy, the officer has been told. */
    cw_hash h;
    cw_hash_init(&h);
    cw_hash_str(&h, cw_doc_ref(man));
    cw_hash_str(&h, cw_doc_path(man));
    cw_hash_str(&h, f.what.p);
    uint64_t told = cw_hash_fold(&h) | 1; /* 0 is "none" */
    if (told == cc->told) {
        cw_buf_free(&f.what);
        return;
    }
    cc->told = told;

    char cert_id[CW_DOC_ID_MAX], man_id[CW_DOC_ID_MAX];
    const char *ids[2] = {cw_doc_id(cert, cert_id), cw_doc_id(man, man_id)};
    char id[40];
    cw_alert_id("join", "insurance-discrepancy", ids, 2, id);
    char title[200];
    snprintf(title, sizeof title, "Insurance certificate %.60s contradicts manifest %.60s", cw_doc_ref(cert), cw_doc_ref(man));
    cw_buf summary = {0};
    cw_buf_printf(&summary, "Certificate %s covers B/L %s, but %s. Insurers are told the real goods, value and "
                            "destination, because a claim must be payable.",
                  cw_doc_ref(cert), cw_doc_ref(man), f.what.p);
    int64_t ms = cert->ms > man->ms ? cert->ms : man->ms;
    cJSON *a = cw_alert_new(id, NULL, "insurance-discrepancy", title, f.sev, f.score, ms, summary.p);
    cw_alert_add_evidence(a, CW_MANIFEST, ids[1], cw_doc_ref(man), "the manifest as filed", NULL, 0);
    cw_match ms_[4];
    size_t nm = 0;
    for (size_t i = 0; i < cert->nseen && nm < 4; i++)
        ms_[nm++] = cw_doc_seen(cert)[i].match;
    cw_alert_add_evidence(a, CW_INSURANCE, ids[0], cw_doc_ref(cert), f.what.p, ms_, nm);
    cw_alert_add_route(a, cw_doc_path(man));
    if (strcmp(cw_doc_path(cert), cw_doc_path(man)))
        cw_alert_add_route(a, cw_doc_path(cert));
    cw_alert_add_tags(a, (char *const *)f.tags, f.ntags);
    ctx->emit(ctx->ud, id, cw_alert_finish(a, ctx->rules_version), f.sev);
    cw_buf_free(&summary);
    cw_buf_free(&f.what);
}

void cw_join_check(cw_node *n, const cw_ruleset *rs, const cw_kit_ctx *ctx)
{
    if (!n->manifest)
        return;
    char buf[CW_DOC_ID_MAX];
    const char *man_id = cw_doc_id(n->manifest, buf);
    uint64_t mh = cw_hash64(man_id, strlen(man_id));
    for (cw_cert *c = n->certs; c; c = c->next) {
        if (c->checked == mh || cw_cert_doc(c)->by_lane)
            continue; /* a certificate joined on the lane alone may be another shipment's */
        c->checked = mh;
        check_pair(c, n->manifest, rs, ctx);
    }
}
