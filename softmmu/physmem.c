/*
 * RAM blocks and physical access through an address space's FlatView, with
 * QEMU 7.2's semantics (softmmu/physmem.c, memory_ldst.c.inc):
 *  - RAM (and ROM-device reads in romd mode) is copied directly; anything
 *    else goes to memory_region_dispatch_* in chunks of memory_access_size;
 *  - unbacked addresses answer with io_mem_unassigned, which rejects every
 *    access: reads give 0 and MEMTX_DECODE_ERROR, writes are dropped;
 *  - writes to ROM are not direct, so they reach ROM's (unassigned) ops and
 *    are dropped with MEMTX_DECODE_ERROR, as in QEMU;
 *  - a read-only ALIAS of RAM does not stop address_space_write: QEMU
 *    decides on the target region, and only the CPU TLB honours the alias.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "softmmu/physmem.h"
#include <sys/mman.h>
#include <stdint.h>
#include "softmmu/memory-internal.h"
#include "softmmu/log.h"
#include <inttypes.h>

MemoryRegion io_mem_unassigned;

static MemoryRegion *unassigned_region(void)
{
    if (!io_mem_unassigned.size) {
        /* QEMU's io_mem_unassigned: nameless, all of the address space. */
        memory_region_init_io(&io_mem_unassigned, NULL, &unassigned_mem_ops, NULL, NULL,
                              UINT64_MAX);
    }
    return &io_mem_unassigned;
}

/* Host pages for guest RAM: page aligned (the TLB and the decode cache
 * identify a guest page by its host page), zeroed, and committed only as
 * the guest touches them, as QEMU's anonymous RAM. */
RAMBlock *qemu_ram_alloc(uint64_t size, MemoryRegion *mr)
{
    size_t len = size ? (size_t)size : 1;
    void *host;

    if (size > SIZE_MAX) {
        return NULL;
    }
    host = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                -1, 0);
    if (host == MAP_FAILED) {
        return NULL;
    }
    RAMBlock *block = g_new0(RAMBlock, 1);
    block->mr = mr;
    block->host = host;
    block->used_length = size;
    return block;
}

void qemu_ram_free(RAMBlock *block)
{
    if (block) {
        munmap(block->host, block->used_length ? (size_t)block->used_length : 1);
        g_free(block);
    }
}

static inline __attribute__((always_inline))
MemoryRegion *translate(FlatView *fv, hwaddr addr, hwaddr *xlat, hwaddr *plen)
{
    /* QEMU's dispatch remembers the section it found (mru_section);
     * `info mtree -d` shows it. */
    fv->mru_valid = true;
    fv->mru_addr = addr;

    const FlatRange *fr = flatview_lookup(fv, addr);
    if (!fr) {
        *xlat = addr;
        return unassigned_region();
    }
    hwaddr off = addr - (hwaddr)fr->start;
    *xlat = off + fr->offset_in_region;
    if (fr->mr->ram) {
        Int128 left = fr->size - off;
        if (left < *plen) {
            *plen = (hwaddr)left;
        }
    }
    return fr->mr;
}

MemoryRegion *flatview_translate(FlatView *fv, hwaddr addr, hwaddr *xlat,
                                 hwaddr *plen, bool is_write, MemTxAttrs attrs)
{
    (void)is_write; (void)attrs;
    return translate(fv, addr, xlat, plen);
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool is_write, MemTxAttrs attrs)
{
    return flatview_translate(as->current_map, addr, xlat, plen, is_write, attrs);
}

unsigned memory_access_size(MemoryRegion *mr, unsigned l, hwaddr addr)
{
    unsigned max = mr->ops->valid.max_access_size ? mr->ops->valid.max_access_size : 4;

    /* Bound by the address's alignment unless the device takes unaligned. */
    if (!mr->ops->impl.unaligned) {
        hwaddr align = addr & -addr;
        if (align && align < max) {
            max = (unsigned)align;
        }
    }
    if (l > max) {
        l = max;
    }
    while (l & (l - 1)) {       /* round down to a power of two */
        l &= l - 1;
    }
    return l;
}

static uint64_t ld_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, p, size);        /* x86 host and target are both little-endian */
    return v;
}

static void st_le(uint8_t *p, unsigned size, uint64_t v)
{
    memcpy(p, &v, size);
}

static uint8_t *ram_ptr(MemoryRegion *mr, hwaddr offset)
{
    return mr->ram_block->host + offset;
}

void (*physmem_ram_write_notify)(uint8_t *host, hwaddr len);

/* Host RAM was written behind the CPU's back (DMA, loaders, page-table
 * A/D updates): decoded code there must go (QEMU's
 * invalidate_and_set_dirty). */
static inline void ram_written(uint8_t *host, hwaddr len)
{
    if (physmem_ram_write_notify) {
        physmem_ram_write_notify(host, len);
    }
}

/* MemTxAttrs.memory: the access may only touch RAM (QEMU's
 * flatview_access_allowed). */
static bool access_allowed(MemoryRegion *mr, MemTxAttrs attrs, hwaddr addr, hwaddr len)
{
    if (G_LIKELY(!attrs.memory) || mr->ram) {
        return true;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "Invalid access to non-RAM device at addr 0x%" PRIX64
                  ", size %" PRIu64 ", region '%s'\n", addr, len,
                  mr->name ? mr->name : "(null)");
    return false;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *ptr, hwaddr len)
{
    FlatView *fv = as->current_map;
    uint8_t *buf = ptr;
    MemTxResult result = MEMTX_OK;
    bool first = true;

    while (len) {
        hwaddr addr1, l = len;
        MemoryRegion *mr = flatview_translate(fv, addr, &addr1, &l, false, attrs);
        if (first && !access_allowed(mr, attrs, addr, len)) {
            return MEMTX_ACCESS_ERROR;
        }
        first = false;
        if (!access_allowed(mr, attrs, addr1, l)) {
            result |= MEMTX_ACCESS_ERROR;   /* and keep going, as QEMU does */
        } else if (!memory_access_is_direct(mr, false)) {
            uint64_t val;
            l = memory_access_size(mr, (unsigned)MIN(l, 8), addr1);
            result |= memory_region_dispatch_read(mr, addr1, &val, (unsigned)l, attrs);
            st_le(buf, (unsigned)l, val);
        } else {
            memcpy(buf, ram_ptr(mr, addr1), l);
        }
        len -= l;
        buf += l;
        addr += l;
    }
    return result;
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *ptr, hwaddr len)
{
    FlatView *fv = as->current_map;
    const uint8_t *buf = ptr;
    MemTxResult result = MEMTX_OK;
    bool first = true;

    while (len) {
        hwaddr addr1, l = len;
        MemoryRegion *mr = flatview_translate(fv, addr, &addr1, &l, true, attrs);
        if (first && !access_allowed(mr, attrs, addr, len)) {
            return MEMTX_ACCESS_ERROR;
        }
        first = false;
        if (!access_allowed(mr, attrs, addr1, l)) {
            result |= MEMTX_ACCESS_ERROR;   /* and keep going, as QEMU does */
        } else if (!memory_access_is_direct(mr, true)) {
            l = memory_access_size(mr, (unsigned)MIN(l, 8), addr1);
            result |= memory_region_dispatch_write(mr, addr1, ld_le(buf, (unsigned)l),
                                                   (unsigned)l, attrs);
        } else {
            memcpy(ram_ptr(mr, addr1), buf, l);
            ram_written(ram_ptr(mr, addr1), l);
        }
        len -= l;
        buf += l;
        addr += l;
    }
    return result;
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                    const void *ptr, hwaddr len)
{
    const uint8_t *buf = ptr;

    while (len) {
        hwaddr addr1, l = len;
        MemoryRegion *mr = flatview_translate(as->current_map, addr, &addr1, &l, true, attrs);
        if (mr->ram || memory_region_is_romd(mr)) {
            memcpy(ram_ptr(mr, addr1), buf, l);
            ram_written(ram_ptr(mr, addr1), l);
        } else {
            /* Not written; stepped over one access-sized piece at a time. */
            l = memory_access_size(mr, (unsigned)MIN(l, 8), addr1);
        }
        len -= l;
        buf += l;
        addr += l;
    }
    return MEMTX_OK;
}

/* memory_ldst.c.inc: one dispatch of the full size unless the whole value
 * sits in directly accessible RAM. */
static inline __attribute__((always_inline))
uint64_t ld_phys(AddressSpace *as, hwaddr addr, unsigned size, MemTxAttrs attrs,
                 MemTxResult *result)
{
    hwaddr addr1, l = size;
    MemoryRegion *mr = translate(as->current_map, addr, &addr1, &l);
    uint64_t val;
    MemTxResult r = MEMTX_OK;

    if (l < size || !memory_access_is_direct(mr, false)) {
        r = memory_region_dispatch_read(mr, addr1, &val, size, attrs);
    } else {
        val = ld_le(ram_ptr(mr, addr1), size);
    }
    if (result) {
        *result = r;
    }
    return val;
}

static void st_phys(AddressSpace *as, hwaddr addr, uint64_t val, unsigned size,
                    MemTxAttrs attrs, MemTxResult *result)
{
    hwaddr addr1, l = size;
    MemoryRegion *mr = flatview_translate(as->current_map, addr, &addr1, &l, true, attrs);
    MemTxResult r = MEMTX_OK;

    if (l < size || !memory_access_is_direct(mr, true)) {
        r = memory_region_dispatch_write(mr, addr1, val, size, attrs);
    } else {
        st_le(ram_ptr(mr, addr1), size, val);
        ram_written(ram_ptr(mr, addr1), size);
    }
    if (result) {
        *result = r;
    }
}

uint32_t address_space_ldub(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result)
{
    return (uint8_t)ld_phys(as, addr, 1, attrs, result);
}

uint32_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result)
{
    return (uint16_t)ld_phys(as, addr, 2, attrs, result);
}

uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result)
{
    return (uint32_t)ld_phys(as, addr, 4, attrs, result);
}

uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result)
{
    return ld_phys(as, addr, 8, attrs, result);
}

void address_space_stb(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result)
{
    st_phys(as, addr, (uint8_t)val, 1, attrs, result);
}

void address_space_stw_le(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result)
{
    st_phys(as, addr, (uint16_t)val, 2, attrs, result);
}

void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result)
{
    st_phys(as, addr, val, 4, attrs, result);
}

void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t val, MemTxAttrs attrs, MemTxResult *result)
{
    st_phys(as, addr, val, 8, attrs, result);
}
