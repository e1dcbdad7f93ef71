/* keyset.c: a set of 64-bit keys (open addressing, linear probing), for
 * the identifiers that must never repeat within a run: company names,
 * phones and addresses (parties.c), container numbers (world.c). */
#include <stdlib.h>

#include "sim.h"
#include "util.h"

bool keyset_has(const keyset *k, uint64_t key)
{
    if (!k->cap)
        return false;
    if (key == 0)
        key = 1;
    for (size_t i = key & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        if (k->slot[i] == key)
            return true;
        if (k->slot[i] == 0)
            return false;
    }
}

void keyset_add(keyset *k, uint64_t key)
{
    if (key == 0)
        key = 1;
    if ((k->n + 1) * 2 > k->cap) {
        keyset old = *k;
        k->cap = old.cap ? old.cap * 2 : 4096;
        k->slot = cw_xcalloc(k->cap, sizeof *k->slot);
        k->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i])
                keyset_add(k, old.slot[i]);
        free(old.slot);
    }
    for (size_t i = key & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        if (k->slot[i] == key)
            return;
        if (k->slot[i] == 0) {
            k->slot[i] = key;
            k->n++;
            return;
        }
    }
}

void keyset_free(keyset *k)
{
    free(k->slot);
    k->slot = NULL;
    k->cap = k->n = 0;
}
