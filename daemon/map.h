/* map.h: an open-addressing hash map from 64-bit keys to pointers.
 *
 * Keys are already hashes (cw_hash64), so no further hashing is done: a
 * key's home slot is its place in the table scaled from the key's range,
 * so the table may have any size, and grows by half a power of two at a
 * time (16, 24, 32, 48, ...), which holds the same entries in about 15%
 * less memory than doubling.  Linear probing with backward-shift
 * deletion: no tombstones, so a map that churns for months (windows
 * sliding) never degrades. */
#ifndef CW_MAP_H
#define CW_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t key;
    void *val; /* NULL marks an empty slot: values are never NULL */
} cw_map_slot;

typedef struct {
    cw_map_slot *slots;
    size_t cap, len; /* slots, and those in use */
} cw_map;

void cw_map_init(cw_map *m);
void cw_map_free(cw_map *m);
void *cw_map_get(const cw_map *m, uint64_t key);
/* Insert or replace; returns the previous value or NULL. */
void *cw_map_put(cw_map *m, uint64_t key, void *val);
/* Remove; returns the removed value or NULL. */
void *cw_map_del(cw_map *m, uint64_t key);

/* Would one more key make the map grow?  Then a caller that keeps
 * entries past their use can sweep them first (cw_map_sweep), and grow
 * (cw_map_grow) only if that freed too little. */
bool cw_map_full(const cw_map *m);
void cw_map_grow(cw_map *m);
/* Remove every entry for which drop(value, ud) is true; returns how many. */
size_t cw_map_sweep(cw_map *m, bool (*drop)(void *val, void *ud), void *ud);

/* Iterate: for (size_t i = 0; i < m->cap; i++) if (m->slots[i].val) ... */
#define cw_map_each(m, i) for (size_t i = 0; i < (m)->cap; i++) if ((m)->slots[i].val)

#endif
