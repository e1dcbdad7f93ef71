/* kits.h: the controlled items and their components (kits.c), shared by
 * schemes.c and the table check at start-up. */
#ifndef CW_SIM_KITS_H
#define CW_SIM_KITS_H

#include <stdbool.h>

#include "sim.h"

enum { KIND_CHEM, KIND_MECH, KIND_ELEC, KIND_VEHICLE, KIND_METAL };

typedef struct {
    const char *id;          /* as in rules/kits.yaml */
    const char *hs;          /* telling HS 2022 subheadings, '|' list */
    const char *explicit_names; /* level 0, '|' list */
    const char *euphemisms;  /* level 1, '|' list */
    int kind;                /* what it passes for at levels 2 and 3 */
    double kg_lo, kg_hi;     /* one shipment */
    double usd_lo, usd_hi;   /* real value per kilogram */
    const char *package;
    const char *origins;     /* countries of origin, space separated */
} component;

typedef struct {
    const char *id;
    const char *name;
    const component *comp;
    int ncomp;
} kit;

const kit *kit_all(int *n);
const char *kind_vague_texts(int kind);
const char *kind_vague_hs(int kind);
bool kits_check_tables(const refdata *ref);

#endif
