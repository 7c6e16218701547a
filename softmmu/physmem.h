/*
 * RAM blocks and physical address-space access (QEMU softmmu/physmem.c):
 * translation through a FlatView, address_space_read/write, ld/st.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_PHYSMEM_H
#define SOFTMMU_PHYSMEM_H

#include "softmmu/memory.h"

struct RAMBlock {
    MemoryRegion *mr;
    uint8_t *host;
    uint64_t used_length;
};

/* Zero-filled host memory for a RAM/ROM region; NULL if the host has none. */
RAMBlock *qemu_ram_alloc(uint64_t size, MemoryRegion *mr);
void qemu_ram_free(RAMBlock *block);

/* What QEMU's memory_access_is_direct says: served from host RAM, not ops. */
static inline bool memory_access_is_direct(const MemoryRegion *mr, bool is_write)
{
    if (is_write) {
        return mr->ram && !mr->readonly && !mr->rom_device;
    }
    return mr->ram || (mr->rom_device && mr->romd_mode);
}

/* Translate addr in fv: the region answering it, the offset in that region
 * (*xlat), and *plen clamped to the region's end when it is RAM (QEMU does
 * not clamp MMIO: an access runs on into the region's ops).  Unbacked
 * addresses answer with the unassigned region. */
MemoryRegion *flatview_translate(FlatView *fv, hwaddr addr, hwaddr *xlat,
                                 hwaddr *plen, bool is_write, MemTxAttrs attrs);
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, MemTxAttrs attrs);
/* QEMU's address_space_write_rom: how firmware loaders fill ROM.  Writes
 * RAM and ROM (read-only or not) directly and skips anything else. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                    const void *buf, hwaddr len);
/* QEMU's memory_access_size: the largest access the region takes at addr. */
unsigned memory_access_size(MemoryRegion *mr, unsigned l, hwaddr addr);

/* Called after physmem itself writes host RAM (not for CPU stores, which
 * the TLB handles); the decode cache sets it to drop stale code. */
extern void (*physmem_ram_write_notify)(uint8_t *host, hwaddr len);

/* The region every unbacked address resolves to (QEMU's io_mem_unassigned). */
extern MemoryRegion io_mem_unassigned;

#endif
