/*
 * Internals shared by the memory API's files (memory.c, flatview.c,
 * memory-dispatch.c, physmem.c, mtree.c).  Not for devices.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MEMORY_INTERNAL_H
#define SOFTMMU_MEMORY_INTERNAL_H

#include "softmmu/memory.h"

#define INT128_2_64 ((Int128)1 << 64)

static inline Int128 int128_min(Int128 a, Int128 b) { return a < b ? a : b; }
static inline Int128 int128_max(Int128 a, Int128 b) { return a > b ? a : b; }

/* Signed: while rendering, an alias can put its target's base below 0
 * (QEMU's Int128 is signed for the same reason). */
typedef __int128 SInt128;

/* A half-open address range [start, end) with 65-bit ends. */
typedef struct AddrRange {
    SInt128 start, end;
} AddrRange;

/* flatview.c */
FlatView *flatview_new(MemoryRegion *root);
void flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* Render root from scratch (QEMU's generate_memory_topology, minus dispatch). */
FlatView *flatview_render(MemoryRegion *root);
/* A new view equal to a from-scratch render of old->root, given that the
 * tree changed only inside the sorted, disjoint ranges dirty[0..n). */
FlatView *flatview_patch(const FlatView *old, const AddrRange *dirty, unsigned n);
FlatView *flatview_empty(void);
bool flatrange_equal(const FlatRange *a, const FlatRange *b);

/* memory.c: the current FlatView for a region that is some address
 * space's flatview root, NULL if none. */
FlatView *memory_view_for_root(MemoryRegion *physmr);
/* Iterate address spaces / listeners in creation / priority order. */
extern AddressSpace *address_spaces_head;

#endif
