/*
 * Calling a region's MemoryRegionOps: QEMU 7.2's memory_region_access_valid,
 * access_with_adjusted_size, adjust_endianness and the
 * memory_region_ops_read/write trace events.  Accesses are little-endian
 * (x86 target), so only DEVICE_BIG_ENDIAN regions see swapped data.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/memory-internal.h"
#include "softmmu/trace.h"

static uint64_t unassigned_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque; (void)addr; (void)size;
    return 0;
}

static void unassigned_mem_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    (void)opaque; (void)addr; (void)val; (void)size;
}

static bool unassigned_mem_accepts(void *opaque, hwaddr addr, unsigned size,
                                   bool is_write, MemTxAttrs attrs)
{
    (void)opaque; (void)addr; (void)size; (void)is_write; (void)attrs;
    return false;
}

const MemoryRegionOps unassigned_mem_ops = {
    .read = unassigned_mem_read,
    .write = unassigned_mem_write,
    .valid.accepts = unassigned_mem_accepts,
    .endianness = DEVICE_NATIVE_ENDIAN,
};

/* glibc prints "(null)" for a NULL %s, which is what QEMU's messages show
 * for its nameless regions; say it explicitly rather than rely on that. */
static const char *name_or_null(const MemoryRegion *mr)
{
    return mr->name ? mr->name : "(null)";
}

bool memory_region_access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                                bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    const char *dir = is_write ? "write" : "read";

    if (ops->valid.accepts && !ops->valid.accepts(mr->opaque, addr, size, is_write, attrs)) {
        qemu_log_mask(LOG_GUEST_ERROR, "Invalid %s at addr 0x%" PRIX64
                      ", size %u, region '%s', reason: rejected\n",
                      dir, addr, size, name_or_null(mr));
        return false;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        qemu_log_mask(LOG_GUEST_ERROR, "Invalid %s at addr 0x%" PRIX64
                      ", size %u, region '%s', reason: unaligned\n",
                      dir, addr, size, name_or_null(mr));
        return false;
    }
    /* A max of zero means any size is fine (QEMU's compatibility rule). */
    if (!ops->valid.max_access_size) {
        return true;
    }
    if (size > ops->valid.max_access_size || size < ops->valid.min_access_size) {
        qemu_log_mask(LOG_GUEST_ERROR, "Invalid %s at addr 0x%" PRIX64
                      ", size %u, region '%s', reason: invalid size (min:%u max:%u)\n",
                      dir, addr, size, name_or_null(mr),
                      ops->valid.min_access_size, ops->valid.max_access_size);
        return false;
    }
    return true;
}

/* The address a trace line shows: the region's offset summed through its
 * containers (QEMU's memory_region_to_absolute_addr). */
static hwaddr absolute_addr(const MemoryRegion *mr, hwaddr offset)
{
    hwaddr abs = offset;

    for (; mr; mr = mr->container) {
        abs += mr->addr;
    }
    return abs;
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

/* One device call of access_size bytes; the piece lands at bit `shift` of
 * the whole value (negative: shifted right, as QEMU allows). */
static MemTxResult read_piece(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                              unsigned size, int shift, uint64_t mask, MemTxAttrs attrs)
{
    uint64_t tmp = 0;
    MemTxResult r = MEMTX_OK;

    if (mr->ops->read) {
        tmp = mr->ops->read(mr->opaque, addr, size);
    } else {
        r = mr->ops->read_with_attrs(mr->opaque, addr, &tmp, size, attrs);
    }
    if (mr->subpage) {
        trace_memory_region_subpage_read(current_cpu_index, mr, addr, tmp, size);
    } else if (trace_memory_region_ops_read_enabled()) {
        trace_memory_region_ops_read(current_cpu_index, mr, absolute_addr(mr, addr), tmp,
                                     size, name_or_null(mr));
    }
    *value |= shift >= 0 ? (tmp & mask) << shift : (tmp & mask) >> -shift;
    return r;
}

static MemTxResult write_piece(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                               unsigned size, int shift, uint64_t mask, MemTxAttrs attrs)
{
    uint64_t tmp = (shift >= 0 ? *value >> shift : *value << -shift) & mask;

    if (mr->subpage) {
        trace_memory_region_subpage_write(current_cpu_index, mr, addr, tmp, size);
    } else if (trace_memory_region_ops_write_enabled()) {
        trace_memory_region_ops_write(current_cpu_index, mr, absolute_addr(mr, addr), tmp,
                                      size, name_or_null(mr));
    }
    if (mr->ops->write) {
        mr->ops->write(mr->opaque, addr, tmp, size);
        return MEMTX_OK;
    }
    return mr->ops->write_with_attrs(mr->opaque, addr, tmp, size, attrs);
}

typedef MemTxResult (*PieceFn)(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                               unsigned size, int shift, uint64_t mask, MemTxAttrs attrs);

/* QEMU's access_with_adjusted_size: split or widen to what .impl takes,
 * in ascending address order, placing pieces by the device's endianness. */
static MemTxResult access_adjusted(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                                   unsigned size, PieceFn fn, MemTxAttrs attrs)
{
    unsigned min = mr->ops->impl.min_access_size ? mr->ops->impl.min_access_size : 1;
    unsigned max = mr->ops->impl.max_access_size ? mr->ops->impl.max_access_size : 4;
    unsigned access = MAX(MIN(size, max), min);
    uint64_t mask = access >= 8 ? UINT64_MAX : (UINT64_C(1) << (access * 8)) - 1;
    bool big = mr->ops->endianness == DEVICE_BIG_ENDIAN;
    MemTxResult r = MEMTX_OK;

    for (unsigned i = 0; i < size; i += access) {
        int shift = big ? (int)(size - access - i) * 8 : (int)i * 8;
        r |= fn(mr, addr + i, value, access, shift, mask, attrs);
    }
    return r;
}

static bool size_ok(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

/* Which sizes can a read be one plain call of ops->read for?  Those the
 * general path below would pass to ops->read in one piece, with no
 * callback to ask (valid.accepts) and no byte swap. */
uint8_t memory_region_ops_direct_reads(const MemoryRegionOps *ops)
{
    unsigned imin = ops->impl.min_access_size ? ops->impl.min_access_size : 1;
    unsigned imax = ops->impl.max_access_size ? ops->impl.max_access_size : 4;
    uint8_t bits = 0;

    if (!ops->read || ops->valid.accepts || ops->endianness == DEVICE_BIG_ENDIAN) {
        return 0;
    }
    for (unsigned size = 1; size <= 4; size *= 2) {
        if (size >= imin && size <= imax &&
            (!ops->valid.max_access_size ||
             (size <= ops->valid.max_access_size && size >= ops->valid.min_access_size))) {
            bits |= (uint8_t)(1u << size);
        }
    }
    return bits;
}

/* The region's own state and the access decide the rest: no alias or
 * subpage (set after init), alignment, and nobody tracing. */
static inline bool read_is_direct(const MemoryRegion *mr, hwaddr addr, unsigned size)
{
    return ((mr->direct_read_sizes >> (size & 7)) & 1) && !mr->alias && !mr->subpage &&
           (mr->ops->valid.unaligned || !(addr & (size - 1))) &&
           !trace_memory_region_ops_read_enabled();
}

static __attribute__((noinline))
MemTxResult dispatch_read_general(MemoryRegion *mr, hwaddr addr, uint64_t *pval,
                                  unsigned size, MemTxAttrs attrs)
{
    while (mr->alias) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    *pval = 0;
    if (!size_ok(size) || !memory_region_access_valid(mr, addr, size, false, attrs)) {
        return MEMTX_DECODE_ERROR;
    }
    MemTxResult r = access_adjusted(mr, addr, pval, size, read_piece, attrs);
    if (mr->ops->endianness == DEVICE_BIG_ENDIAN) {
        *pval = bswap_size(*pval, size);
    }
    return r;
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *pval,
                                        unsigned size, MemTxAttrs attrs)
{
    if (__builtin_expect(read_is_direct(mr, addr, size), 1)) {
        uint64_t v = mr->ops->read(mr->opaque, addr, size);
        *pval = v & (UINT64_MAX >> (64 - 8 * size));
        return MEMTX_OK;
    }
    return dispatch_read_general(mr, addr, pval, size, attrs);
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t val,
                                         unsigned size, MemTxAttrs attrs)
{
    while (mr->alias) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (!size_ok(size) || !memory_region_access_valid(mr, addr, size, true, attrs)) {
        return MEMTX_DECODE_ERROR;
    }
    if (mr->ops->endianness == DEVICE_BIG_ENDIAN) {
        val = bswap_size(val, size);
    }
    return access_adjusted(mr, addr, &val, size, write_piece, attrs);
}
