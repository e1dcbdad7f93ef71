/* fields.c: see fields.h. */
#include "fields.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[CW_ROLE_COUNT] = {
    "shipper", "consignee", "notify", "insurer", "assured", "beneficiary",
};
static const char *const attr_names[CW_PA_COUNT] = {
    "name", "country", "address", "phone", "email", "registration",
};

static const char *const plain_names[CW_F_PARTY_FIRST] = {
    [CW_F_GOODS_DESCRIPTION] = "goods.description",
    [CW_F_GOODS_HS] = "goods.hs",
    [CW_F_GOODS_ORIGIN] = "goods.origin",
    [CW_F_GOODS_VALUE] = "goods.value",
    [CW_F_GOODS_WEIGHT] = "goods.weight_kg",
    [CW_F_SUBJECT_MATTER] = "subject_matter",
    [CW_F_TYPE] = "type",
    [CW_F_BL] = "bl",
    [CW_F_CERTIFICATE] = "certificate",
    [CW_F_POLICY] = "policy",
    [CW_F_CARRIER] = "carrier",
    [CW_F_VESSEL_IMO] = "vessel.imo",
    [CW_F_VESSEL_NAME] = "vessel.name",
    [CW_F_ROUTE_LOADING] = "route.loading",
    [CW_F_ROUTE_DISCHARGE] = "route.discharge",
    [CW_F_ROUTE_DELIVERY] = "route.delivery",
    [CW_F_ROUTE_TRANSSHIPMENT] = "route.transshipment",
    [CW_F_ROUTE_ANY] = "route.any",
    [CW_F_VOYAGE_FROM] = "voyage.from",
    [CW_F_VOYAGE_TO] = "voyage.to",
    [CW_F_VOYAGE_VIA] = "voyage.via",
    [CW_F_VOYAGE_FINAL] = "voyage.final_destination",
    [CW_F_SOURCE] = "source",
};

/* Role by attribute, in the order of cw_role and CW_PA_*. */
static const char *const party_names[CW_ROLE_COUNT * CW_PA_COUNT] = {
    "shipper.name", "shipper.country", "shipper.address", "shipper.phone", "shipper.email", "shipper.registration",
    "consignee.name", "consignee.country", "consignee.address", "consignee.phone", "consignee.email", "consignee.registration",
    "notify.name", "notify.country", "notify.address", "notify.phone", "notify.email", "notify.registration",
    "insurer.name", "insurer.country", "insurer.address", "insurer.phone", "insurer.email", "insurer.registration",
    "assured.name", "assured.country", "assured.address", "assured.phone", "assured.email", "assured.registration",
    "beneficiary.name", "beneficiary.country", "beneficiary.address", "beneficiary.phone", "beneficiary.email", "beneficiary.registration",
};

const char *cw_field_name(cw_field f)
{
    if (f < CW_F_PARTY_FIRST)
        return plain_names[f];
    if (f < CW_F_ANY_PARTY_NAME)
        return party_names[f - CW_F_PARTY_FIRST];
    if (f == CW_F_ANY_PARTY_NAME)
        return "any_party.name";
    if (f == CW_F_ANY_PARTY_COUNTRY)
        return "any_party.country";
    return "?";
}

int cw_field_lookup(const char *name)
{
    for (int f = 0; f < CW_F_COUNT; f++)
        if (strcmp(cw_field_name((cw_field)f), name) == 0)
            return f;
    return -1;
}

static int party_attr(cw_field f)
{
    return (int)(f - CW_F_PARTY_FIRST) % CW_PA_COUNT;
}

static cw_role party_role(cw_field f)
{
    return (cw_role)((f - CW_F_PARTY_FIRST) / CW_PA_COUNT);
}

static bool is_party_field(cw_field f)
{
    return f >= CW_F_PARTY_FIRST && f < CW_F_ANY_PARTY_NAME;
}

cw_field_kind cw_field_kind_of(cw_field f)
{
    switch (f) {
    case CW_F_GOODS_HS:
        return CW_FK_HS;
    case CW_F_GOODS_ORIGIN:
    case CW_F_ANY_PARTY_COUNTRY:
        return CW_FK_COUNTRY;
    case CW_F_GOODS_VALUE:
    case CW_F_GOODS_WEIGHT:
        return CW_FK_NUMBER;
    case CW_F_ROUTE_LOADING:
    case CW_F_ROUTE_DISCHARGE:
    case CW_F_ROUTE_DELIVERY:
    case CW_F_ROUTE_TRANSSHIPMENT:
    case CW_F_ROUTE_ANY:
    case CW_F_VOYAGE_FROM:
    case CW_F_VOYAGE_TO:
    case CW_F_VOYAGE_VIA:
    case CW_F_VOYAGE_FINAL:
        return CW_FK_LOCODE;
    case CW_F_ANY_PARTY_NAME:
        return CW_FK_NAME;
    case CW_F_VESSEL_IMO:
        return CW_FK_IMO;
    default:
        break;
    }
    if (is_party_field(f)) {
        int a = party_attr(f);
        if (a == CW_PA_NAME)
            return CW_FK_NAME;
        if (a == CW_PA_COUNTRY)
            return CW_FK_COUNTRY;
    }
    return CW_FK_TEXT;
}

bool cw_field_is_goods(cw_field f)
{
    return f <= CW_F_GOODS_WEIGHT;
}

/* Index of a LOCODE pointer inside m->path, or -1. */
static int path_index(const cw_msg *m, const char *p)
{
    if (!p)
        return -1;
    for (size_t i = 0; i < m->npath; i++)
        if (m->path[i] == p)
            return (int)i;
    return -1;
}

/* The ports strictly between two path entries: transshipment, via. */
static void between(const cw_msg *m, const char *a, const char *b, size_t *first, size_t *n)
{
    int ia = path_index(m, a), ib = path_index(m, b);
    *first = 0;
    *n = 0;
    if (ia < 0 || ib < 0 || ib <= ia + 1)
        return;
    *first = (size_t)ia + 1;
    *n = (size_t)(ib - ia - 1);
}

static const char *party_attr_value(const cw_party *p, int a)
{
    if (!p->name)
        return NULL;
    switch (a) {
    case CW_PA_NAME: return p->name;
    case CW_PA_COUNTRY: return p->country;
    case CW_PA_ADDRESS: return p->address;
    case CW_PA_PHONE: return p->phone;
    case CW_PA_EMAIL: return p->email;
    case CW_PA_REGISTRATION: return p->registration;
    }
    return NULL;
}

/* The role of the i-th present value of attribute a over all parties. */
static int nth_party(const cw_msg *m, int a, size_t i)
{
    for (int r = 0; r < CW_ROLE_COUNT; r++)
        if (party_attr_value(&m->party[r], a)) {
            if (i == 0)
                return r;
            i--;
        }
    return -1;
}

cw_role cw_field_party_role(cw_field f, const cw_msg *m, size_t i)
{
    if (is_party_field(f))
        return party_role(f);
    int r = nth_party(m, f == CW_F_ANY_PARTY_NAME ? CW_PA_NAME : CW_PA_COUNTRY, i);
    return r < 0 ? CW_SHIPPER : (cw_role)r;
}

static bool manifest(const cw_msg *m)
{
    return m->kind == CW_MANIFEST;
}

size_t cw_field_count(cw_field f, const cw_msg *m)
{
    size_t first, n;
    switch (f) {
    case CW_F_GOODS_DESCRIPTION:
        return manifest(m) ? m->ngoods : 0;
    case CW_F_GOODS_HS:
    case CW_F_GOODS_ORIGIN:
    case CW_F_GOODS_VALUE:
    case CW_F_GOODS_WEIGHT:
        /* Absent values are skipped by the value accessors. */
        return manifest(m) ? m->ngoods : 0;
    case CW_F_ROUTE_TRANSSHIPMENT:
        if (!manifest(m))
            return 0;
        between(m, m->loading, m->discharge, &first, &n);
        return n;
    case CW_F_VOYAGE_VIA:
        if (manifest(m))
            return 0;
        between(m, m->voyage_from, m->voyage_to, &first, &n);
        return n;
    case CW_F_ROUTE_ANY:
        return m->npath;
    case CW_F_ANY_PARTY_NAME:
    case CW_F_ANY_PARTY_COUNTRY: {
        int a = f == CW_F_ANY_PARTY_NAME ? CW_PA_NAME : CW_PA_COUNTRY;
        size_t c = 0;
        for (int r = 0; r < CW_ROLE_COUNT; r++)
            if (party_attr_value(&m->party[r], a))
                c++;
        return c;
    }
    default:
        return 1;
    }
}

static const char *single(cw_field f, const cw_msg *m)
{
    bool man = manifest(m);
    switch (f) {
    case CW_F_SUBJECT_MATTER: return man ? NULL : m->subject_matter;
    case CW_F_TYPE: return cw_kind_name(m->kind);
    case CW_F_BL: return man ? m->bl : NULL;
    case CW_F_CERTIFICATE: return man ? NULL : m->certificate;
    case CW_F_POLICY: return man ? NULL : m->policy;
    case CW_F_CARRIER: return man ? m->carrier : NULL;
    case CW_F_VESSEL_IMO: return m->vessel_imo;
    case CW_F_VESSEL_NAME: return m->vessel_name;
    case CW_F_ROUTE_LOADING: return man ? m->loading : NULL;
    case CW_F_ROUTE_DISCHARGE: return man ? m->discharge : NULL;
    case CW_F_ROUTE_DELIVERY: return man ? m->delivery : NULL;
    case CW_F_VOYAGE_FROM: return man ? NULL : m->voyage_from;
    case CW_F_VOYAGE_TO: return man ? NULL : m->voyage_to;
    case CW_F_VOYAGE_FINAL: return man ? NULL : m->final_destination;
    case CW_F_SOURCE:
        if (man)
            return NULL;
        return m->source == CW_SRC_TIP ? "tip" : m->source == CW_SRC_BROKER ? "broker" : "insurer";
    default:
        return NULL;
    }
}

bool cw_field_number(cw_field f, const cw_msg *m, size_t i, double *out)
{
    if (!manifest(m) || i >= m->ngoods)
        return false;
    double v = f == CW_F_GOODS_VALUE ? m->goods[i].value
             : f == CW_F_GOODS_WEIGHT ? m->goods[i].weight_kg : -1;
    if (v < 0)
        return false;
    *out = v;
    return true;
}

const char *cw_field_value(cw_field f, const cw_msg *m, size_t i, char *tmp, size_t tmplen,
                           char *label, size_t labellen)
{
    const char *name = cw_field_name(f);
    if (label && labellen)
        snprintf(label, labellen, "%s", name);
    if (cw_field_is_goods(f)) {
        if (!manifest(m) || i >= m->ngoods)
            return NULL;
        const cw_goods *g = &m->goods[i];
        if (label && labellen)
            snprintf(label, labellen, "goods[%zu].%s", i, name + 6);
        switch (f) {
        case CW_F_GOODS_DESCRIPTION: return g->description;
        case CW_F_GOODS_HS: return g->hs;
        case CW_F_GOODS_ORIGIN: return g->origin;
        default: {
            double v;
            if (!cw_field_number(f, m, i, &v))
                return NULL;
            snprintf(tmp, tmplen, "%.15g", v);
            return tmp;
        }
        }
    }
    size_t first, n;
    switch (f) {
    case CW_F_ROUTE_TRANSSHIPMENT:
    case CW_F_VOYAGE_VIA:
        if (f == CW_F_ROUTE_TRANSSHIPMENT)
            between(m, m->loading, m->discharge, &first, &n);
        else
            between(m, m->voyage_from, m->voyage_to, &first, &n);
        if (i >= n || (f == CW_F_ROUTE_TRANSSHIPMENT) != manifest(m))
            return NULL;
        if (label && labellen)
            snprintf(label, labellen, "%s[%zu]", name, i);
        return m->path[first + i];
    case CW_F_ROUTE_ANY:
        if (i >= m->npath)
            return NULL;
        if (label && labellen)
            snprintf(label, labellen, "%s[%zu]", manifest(m) ? "route" : "voyage", i);
        return m->path[i];
    case CW_F_ANY_PARTY_NAME:
    case CW_F_ANY_PARTY_COUNTRY: {
        int a = f == CW_F_ANY_PARTY_NAME ? CW_PA_NAME : CW_PA_COUNTRY;
        int r = nth_party(m, a, i);
        if (r < 0)
            return NULL;
        if (label && labellen)
            snprintf(label, labellen, "%s.%s", role_names[r], attr_names[a]);
        return party_attr_value(&m->party[r], a);
    }
    default:
        break;
    }
    if (i != 0)
        return NULL;
    if (is_party_field(f))
        return party_attr_value(&m->party[party_role(f)], party_attr(f));
    return single(f, m);
}
