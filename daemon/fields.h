/* fields.h: the message fields a rule can name, and how to read them.
 *
 * Owns the table from a field's name in the rules language
 * ("goods.description", "consignee.country", "route.any") to an accessor
 * over a cw_msg.  Names are resolved once, at load time; evaluation reads
 * values by index, because several fields hold many values (goods lines,
 * ports of a path, the parties of a message).
 */
#ifndef CW_FIELDS_H
#define CW_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

typedef enum {
    CW_FK_TEXT = 0, /* free text: matches, equals, in (terms) */
    CW_FK_HS,       /* HS code: in (hs prefixes) */
    CW_FK_LOCODE,   /* UN/LOCODE: in (locodes) */
    CW_FK_COUNTRY,  /* ISO alpha-2: in (countries) */
    CW_FK_NAME,     /* party name: in (names, normalised) */
    CW_FK_NUMBER,   /* goods.value, goods.weight_kg */
    CW_FK_IMO,      /* vessel.imo: in (imo numbers), equals, matches */
} cw_field_kind;

typedef enum {
    CW_F_GOODS_DESCRIPTION = 0,
    CW_F_GOODS_HS,
    CW_F_GOODS_ORIGIN,
    CW_F_GOODS_VALUE,
    CW_F_GOODS_WEIGHT,
    CW_F_SUBJECT_MATTER,
    CW_F_TYPE,
    CW_F_BL,
    CW_F_CERTIFICATE,
    CW_F_POLICY,
    CW_F_CARRIER,
    CW_F_VESSEL_IMO,
    CW_F_VESSEL_NAME,
    CW_F_ROUTE_LOADING,
    CW_F_ROUTE_DISCHARGE,
    CW_F_ROUTE_DELIVERY,
    CW_F_ROUTE_TRANSSHIPMENT,
    CW_F_ROUTE_ANY,
    CW_F_VOYAGE_FROM,
    CW_F_VOYAGE_TO,
    CW_F_VOYAGE_VIA,
    CW_F_VOYAGE_FINAL,
    CW_F_SOURCE,
    CW_F_PARTY_FIRST, /* CW_ROLE_COUNT roles x CW_PA_COUNT attributes */
    CW_F_ANY_PARTY_NAME = CW_F_PARTY_FIRST + CW_ROLE_COUNT * 6,
    CW_F_ANY_PARTY_COUNTRY,
    CW_F_COUNT
} cw_field;

enum { CW_PA_NAME = 0, CW_PA_COUNTRY, CW_PA_ADDRESS, CW_PA_PHONE, CW_PA_EMAIL, CW_PA_REGISTRATION,
       CW_PA_COUNT };

/* Resolve a name; returns -1 when there is no such field. */
int cw_field_lookup(const char *name);
const char *cw_field_name(cw_field f);
cw_field_kind cw_field_kind_of(cw_field f);
/* Is it a per-goods-line field (goods.*)? */
bool cw_field_is_goods(cw_field f);

/* How many values the field has in m (0 when absent). */
size_t cw_field_count(cw_field f, const cw_msg *m);

/* The i-th value as text (numbers are formatted into tmp).  NULL when
 * absent.  label receives where it came from: "goods[2].hs",
 * "consignee.name", "route[3]". */
const char *cw_field_value(cw_field f, const cw_msg *m, size_t i, char *tmp, size_t tmplen,
                           char *label, size_t labellen);

/* The i-th value of a number field; false when absent. */
bool cw_field_number(cw_field f, const cw_msg *m, size_t i, double *out);

/* For a goods field the i-th value is goods line i.  For any_party.*,
 * the role of the i-th value. */
cw_role cw_field_party_role(cw_field f, const cw_msg *m, size_t i);

#endif
