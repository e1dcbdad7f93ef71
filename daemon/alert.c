/* alert.c: see alert.h. */
#include "alert.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void cw_alert_id(const char *kind, const char *rule, const char *const *ids, size_t nids, char out[40])
{
    const char **sorted = cw_xcalloc(nids, sizeof *sorted);
    memcpy(sorted, ids, nids * sizeof *ids);
    qsort(sorted, nids, sizeof *sorted, cmp_str);
    cw_hash h;
    cw_hash_init(&h);
    cw_hash_str(&h, kind);
    cw_hash_str(&h, rule);
    for (size_t i = 0; i < nids; i++)
        if (i == 0 || strcmp(sorted[i], sorted[i - 1]))
            cw_hash_str(&h, sorted[i]);
    free(sorted);
    char hex[33];
    cw_hash_hex(&h, hex);
    memcpy(out, "cw-", 3);
    memcpy(out + 3, hex, 33);
}

cJSON *cw_alert_new(const char *id, const char *supersedes, const char *rule, const char *title,
                    cw_severity sev, double score, int64_t event_ms, const char *summary)
{
    char event_time[32], detected_at[32];
    cw_format_time(event_ms, event_time);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    cw_format_time((int64_t)now.tv_sec * 1000, detected_at);

    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "type", "alert");
    cJSON_AddNumberToObject(a, "version", 1);
    cJSON_AddStringToObject(a, "id", id);
    if (supersedes)
        cJSON_AddStringToObject(a, "supersedes", supersedes);
    cJSON_AddStringToObject(a, "rule", rule);
    cJSON_AddStringToObject(a, "title", title);
    cJSON_AddStringToObject(a, "severity", cw_severity_names[sev]);
    cJSON_AddNumberToObject(a, "score", score < 0 ? 0 : score > 100 ? 100 : score);
    cJSON_AddStringToObject(a, "event_time", event_time);
    cJSON_AddStringToObject(a, "detected_at", detected_at);
    cJSON_AddStringToObject(a, "summary", summary && *summary ? summary : title);
    cJSON_AddArrayToObject(a, "evidence");
    return a;
}

void cw_alert_add_evidence(cJSON *alert, cw_kind kind, const char *id, const char *ref, const char *why,
                           const cw_match *matches, size_t nmatches)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "kind", cw_kind_name(kind));
    cJSON_AddStringToObject(e, "id", id);
    if (ref)
        cJSON_AddStringToObject(e, "ref", ref);
    cJSON_AddStringToObject(e, "why", why);
    cJSON *ms = cJSON_AddArrayToObject(e, "matches");
    for (size_t i = 0; i < nmatches; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "field", matches[i].field);
        cJSON_AddStringToObject(m, "rule_part", matches[i].rule_part);
        cJSON_AddStringToObject(m, "excerpt", matches[i].excerpt);
        cJSON_AddItemToArray(ms, m);
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(alert, "evidence"), e);
}

static cJSON *array_field(cJSON *alert, const char *name)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(alert, name);
    return a ? a : cJSON_AddArrayToObject(alert, name);
}

cJSON *cw_alert_parties(cJSON *alert) { return array_field(alert, "parties"); }

void cw_alert_add_route(cJSON *alert, const char *path)
{
    cJSON *route = cJSON_CreateArray();
    char code[8];
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof code) {
            memcpy(code, p, n);
            code[n] = '\0';
            cJSON_AddItemToArray(route, cJSON_CreateString(code));
        }
        p += n;
        p += strspn(p, " ");
    }
    cJSON_AddItemToArray(array_field(alert, "routes"), route);
}

void cw_alert_add_tags(cJSON *alert, char *const *tags, size_t n)
{
    if (!n)
        return;
    cJSON *t = array_field(alert, "tags");
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(t, cJSON_CreateString(tags[i]));
}

char *cw_alert_finish(cJSON *alert, const char *rules_version)
{
    cJSON_AddStringToObject(alert, "rules_version", rules_version);
    char *s = cJSON_PrintUnformatted(alert);
    cJSON_Delete(alert);
    return s;
}
