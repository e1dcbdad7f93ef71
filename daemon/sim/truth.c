/* truth.c: the ground truth file, one JSON line per injected scheme and
 * per legitimate split delivery, naming every message id and B/L that
 * belongs to it; and the small string list the simulator keeps ids in. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util.h"

void strlist_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = cw_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = cw_xstrdup(s);
}

bool strlist_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

void id_record_free(id_record *r)
{
    strlist_free(&r->manifest_ids);
    strlist_free(&r->insurance_ids);
    strlist_free(&r->bls);
}

static cJSON *strings(const strlist *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
    return a;
}

bool truth_write(FILE *f, const truth_rec *t)
{
    cJSON *o = cJSON_CreateObject();
    if (t->split) {
        cJSON_AddStringToObject(o, "split", t->label);
        cJSON_AddStringToObject(o, "machine", t->machine);
    } else {
        cJSON_AddStringToObject(o, "scheme", t->label);
        cJSON_AddStringToObject(o, "kit", t->kit);
        cJSON_AddNumberToObject(o, "level", t->level);
        cJSON_AddStringToObject(o, "end_user", t->end_user);
        cJSON_AddStringToObject(o, "end_user_country", t->end_user_country);
        cJSON_AddStringToObject(o, "destination", t->destination);
        cJSON *c = cJSON_AddArrayToObject(o, "components");
        for (int i = 0; i < t->ncomponents; i++)
            cJSON_AddItemToArray(c, cJSON_CreateString(t->components[i]));
        cJSON *l = cJSON_AddArrayToObject(o, "links");
        for (int i = 0; i < t->nlinks; i++)
            cJSON_AddItemToArray(l, cJSON_CreateString(t->links[i]));
    }
    cJSON_AddItemToObject(o, "manifest_ids", strings(&t->ids.manifest_ids));
    if (!t->split)
        cJSON_AddItemToObject(o, "insurance_ids", strings(&t->ids.insurance_ids));
    cJSON_AddItemToObject(o, "bls", strings(&t->ids.bls));
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    bool ok = s && fprintf(f, "%s\n", s) >= 0;
    free(s);
    return ok;
}
