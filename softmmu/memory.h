/*
 * x86slice memory API: MemoryRegion trees, AddressSpaces, FlatViews,
 * transactions, listeners and access dispatch, with QEMU 7.2 semantics
 * (QEMU softmmu/memory.c, docs/devel/memory.rst).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MEMORY_H
#define SOFTMMU_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

typedef uint64_t hwaddr;
/* Sizes and range ends need 65 bits: a region may span all 2^64 bytes. */
typedef unsigned __int128 Int128;

typedef uint32_t MemTxResult;
#define MEMTX_OK            0
#define MEMTX_ERROR         (1U << 0)
#define MEMTX_DECODE_ERROR  (1U << 1)
#define MEMTX_ACCESS_ERROR  (1U << 2)

typedef struct MemTxAttrs {
    unsigned int unspecified:1, secure:1, user:1, memory:1, requester_id:16;
} MemTxAttrs;
#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){ .unspecified = 1 })

enum device_endian { DEVICE_NATIVE_ENDIAN, DEVICE_BIG_ENDIAN, DEVICE_LITTLE_ENDIAN };

typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    enum device_endian endianness;
    struct {
        unsigned min_access_size, max_access_size;
        bool unaligned;
        bool (*accepts)(void *opaque, hwaddr addr, unsigned size,
                        bool is_write, MemTxAttrs attrs);
    } valid;
    struct {
        unsigned min_access_size, max_access_size;
        bool unaligned;
    } impl;
} MemoryRegionOps;

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct FlatRange FlatRange;
typedef struct MemoryListener MemoryListener;
typedef struct MemoryRegionSection MemoryRegionSection;
typedef struct RAMBlock RAMBlock;

/* Reads 0, drops writes, accepts nothing: what unbacked address space does. */
extern const MemoryRegionOps unassigned_mem_ops;

struct MemoryRegion {
    char *name;                     /* NULL prints as "(null)", as in QEMU */
    void *owner;
    const MemoryRegionOps *ops;
    void *opaque;
    RAMBlock *ram_block;            /* RAM, ROM and ROM devices */

    bool ram;
    bool readonly;                  /* ROM, or set_readonly */
    bool rom_device;
    bool romd_mode;                 /* ROM device reads go straight to RAM */
    bool nonvolatile;
    bool terminates;                /* RAM/I/O: fills the gaps its children leave */
    bool enabled;
    bool subpage;                   /* internal page splitter, not traced as ops */
    /* Bit n set: a read of n bytes can be one plain ops->read call (set
     * from ops by memory_region_init_io; see memory-dispatch.c). */
    uint8_t direct_read_sizes;

    Int128 size;
    hwaddr addr;                    /* offset in the container */
    int priority;
    MemoryRegion *container;

    MemoryRegion *alias;
    hwaddr alias_offset;
    int mapped_via_alias;

    /* Children, highest priority first (QEMU's insertion rule). */
    MemoryRegion *subregions_head, *subregions_tail;
    MemoryRegion *sub_next, *sub_prev;

    /* Aliases whose target is this region: the commit walks these upward
     * to find which FlatViews a change can reach. */
    MemoryRegion *aliased_by_head;
    MemoryRegion *aliased_next, *aliased_prev;

    unsigned long serial;           /* creation order, for stable printing */
};

struct MemoryRegionSection {
    Int128 size;
    MemoryRegion *mr;
    FlatView *fv;
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    bool readonly;
    bool nonvolatile;
};

/* One piece of a rendered address space: [start, start+size) maps to
 * mr at offset_in_region. */
struct FlatRange {
    MemoryRegion *mr;
    hwaddr offset_in_region;
    Int128 start;
    Int128 size;
    uint8_t dirty_log_mask;
    bool romd_mode;
    bool readonly;
    bool nonvolatile;
};

/* An immutable rendering of one region tree, shared by every address space
 * whose flatview root (memory_region_get_flatview_root) is the same. */
struct FlatView {
    unsigned ref;
    FlatRange *ranges;
    unsigned nr, nr_allocated;
    MemoryRegion *root;             /* NULL: the shared empty view */
    /* Last translated address; `info mtree -d` shows its section as MRU,
     * as QEMU's AddressSpaceDispatch.mru_section does. */
    bool mru_valid;
    hwaddr mru_addr;
    /* Lookup cache: index of the range that answered last. */
    unsigned lookup_hint;
    unsigned miss_hint;             /* the gap before ranges[miss_hint] */
};

struct MemoryListener {
    void (*begin)(MemoryListener *listener);
    void (*commit)(MemoryListener *listener);
    void (*region_add)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_del)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_nop)(MemoryListener *listener, MemoryRegionSection *section);
    unsigned priority;
    const char *name;
    /* private */
    AddressSpace *address_space;
    MemoryListener *next, *prev;        /* global list, by priority */
    MemoryListener *as_next, *as_prev;  /* per address space, by priority */
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    MemoryListener *listeners_head, *listeners_tail;
    AddressSpace *next, *prev;
    bool initialized;
};

/* Region construction.  A size of UINT64_MAX means 2^64.  owner may be NULL. */
void memory_region_init(MemoryRegion *mr, void *owner, const char *name, uint64_t size);
void memory_region_init_io(MemoryRegion *mr, void *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
void memory_region_init_ram(MemoryRegion *mr, void *owner, const char *name, uint64_t size);
void memory_region_init_rom(MemoryRegion *mr, void *owner, const char *name, uint64_t size);
void memory_region_init_rom_device(MemoryRegion *mr, void *owner, const MemoryRegionOps *ops,
                                   void *opaque, const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, void *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);

/* Undo an init: the region must be out of its container; its children
 * are removed and its RAM freed (QEMU does this when the owner dies). */
void memory_region_finalize(MemoryRegion *mr);

/* Topology. */
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *subregion);
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion, int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_set_nonvolatile(MemoryRegion *mr, bool nonvolatile);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
void memory_region_set_size(MemoryRegion *mr, uint64_t size);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode);

/* Queries. */
uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
void *memory_region_get_ram_ptr(MemoryRegion *mr);
bool memory_region_is_ram(const MemoryRegion *mr);
bool memory_region_is_rom(const MemoryRegion *mr);
bool memory_region_is_romd(const MemoryRegion *mr);
bool memory_region_is_mapped(const MemoryRegion *mr);
const char *memory_region_type(const MemoryRegion *mr);
MemoryRegion *memory_region_get_flatview_root(MemoryRegion *mr);

/* Transactions: FlatViews are brought up to date once, at the outermost commit. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* Dispatch to a region's ops (size in bytes, 1/2/4/8; little-endian access). */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *pval,
                                        unsigned size, MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t val,
                                         unsigned size, MemTxAttrs attrs);
bool memory_region_access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                                bool is_write, MemTxAttrs attrs);

/* Address spaces. */
void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
FlatView *address_space_to_flatview(AddressSpace *as);
/* Every live address space, in creation order (for printers). */
AddressSpace *address_space_first(void);

/* Listeners. */
void memory_listener_register(MemoryListener *listener, AddressSpace *as);
void memory_listener_unregister(MemoryListener *listener);

/* Lookup in a rendered view: the range containing addr, or NULL. */
/* The direct_read_sizes bits for ops (memory-dispatch.c). */
uint8_t memory_region_ops_direct_reads(const MemoryRegionOps *ops);

const FlatRange *flatview_lookup_slow(FlatView *fv, hwaddr addr);

/* The range holding addr, or NULL if none.  Inline: the range found last
 * (lookup_hint), or the gap missed last (miss_hint: repeated accesses to
 * an address nobody claims, such as a probed port), answer most lookups;
 * the binary search is out of line. */
static inline const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr)
{
    unsigned hint = fv->lookup_hint, gap = fv->miss_hint;

    if (hint < fv->nr && addr >= fv->ranges[hint].start &&
        addr < fv->ranges[hint].start + fv->ranges[hint].size) {
        return &fv->ranges[hint];
    }
    if (gap <= fv->nr &&
        (gap == 0 || addr >= fv->ranges[gap - 1].start + fv->ranges[gap - 1].size) &&
        (gap == fv->nr || addr < fv->ranges[gap].start)) {
        return NULL;
    }
    return flatview_lookup_slow(fv, addr);
}
MemoryRegionSection flatview_range_section(FlatView *fv, const FlatRange *fr);

/* Physical access (softmmu/physmem.c). */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len);
uint32_t address_space_ldub(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result);
uint32_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result);
uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result);
uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs, MemTxResult *result);
void address_space_stb(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result);
void address_space_stw_le(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result);
void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t val, MemTxAttrs attrs, MemTxResult *result);
void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t val, MemTxAttrs attrs, MemTxResult *result);

/* `info mtree` (softmmu/mtree.c): appends QEMU 7.2's text to out. */
void mtree_info(bool flatview, bool dispatch_tree, bool owner, bool disabled, GString *out);

/* Owners for `info mtree -o`: QEMU prints the QOM path of a region's owner.
 * x86slice has no QOM; a device registers the path QEMU would print.
 * is_device selects "dev" or "obj"; id (may be NULL) wins over path, as in QEMU. */
void memory_owner_register(void *owner, bool is_device, const char *path, const char *id);
void memory_owner_reset(void);

#endif
