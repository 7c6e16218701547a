/*
 * softmmu TLB (QEMU's accel/tcg/cputlb.c): filling, flushing and the
 * slow paths of the load/store helpers.
 *
 * The fast paths are inline in cputlb.h.  Everything here follows QEMU
 * 7.2's load_helper/store_helper so that guest-visible effects match:
 *  - a misaligned access inside one RAM page is a plain host access;
 *  - a misaligned access to MMIO, or one that crosses a page, is done as
 *    QEMU does it: loads as two aligned loads of the same size combined,
 *    stores as ascending byte stores after both pages are known mapped;
 *  - writes to ROM (TLB_DISCARD_WRITE) are dropped;
 *  - writes to RAM holding decoded code (TLB_NOTDIRTY) invalidate it first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tb-cache.h"
#include "softmmu/physmem.h"

static inline MemTxAttrs cpu_mem_attrs(CPUX86State *env)
{
    return (MemTxAttrs){ .secure = (env->hflags & HF_SMM_MASK) != 0 };
}

/* The address space the CPU's accesses go to (QEMU's cpu_asidx_from_attrs:
 * cpu-smm-0 in SMM, else cpu-memory-0). */
static inline AddressSpace *cpu_as(CPUX86State *env)
{
    return (env->hflags & HF_SMM_MASK) && env->as_smm ? env->as_smm : env->as;
}

/* ---- flushing ---------------------------------------------------------- */

static void tlb_entry_clear(CPUTLBEntry *e)
{
    e->addr_read = e->addr_write = e->addr_code = ~0u;
    e->addend = 0;
}

void tlb_flush(CPUX86State *env)
{
    memset(env->tlb, 0xff, sizeof(env->tlb));
    env->tlb_flush_count++;
    tb_jmp_cache_clear(env);
}

static bool tlb_entry_in_page(const CPUTLBEntry *e, target_ulong page)
{
    return (e->addr_read & TARGET_PAGE_MASK) == page ||
           (e->addr_write & TARGET_PAGE_MASK) == page ||
           (e->addr_code & TARGET_PAGE_MASK) == page;
}

void tlb_flush_page(CPUX86State *env, target_ulong addr)
{
    target_ulong page = addr & TARGET_PAGE_MASK;

    /* A large page is entered as many small ones; QEMU then flushes the
     * whole TLB when the address falls in a recorded large-page range. */
    if (env->tlb_large_page_mask &&
        (page & env->tlb_large_page_mask) == env->tlb_large_page_addr) {
        tlb_flush(env);
        return;
    }
    for (int i = 0; i < NB_MMU_MODES; i++) {
        CPUTLBEntry *e = tlb_entry(env, i, page);
        if (tlb_entry_in_page(e, page)) {
            tlb_entry_clear(e);
        }
    }
    tb_jmp_cache_clear_page(env, page);
}

/* QEMU's tcg_commit: every committed change of the CPU's address space
 * flushes the TLB (the memory map may have moved under any entry). */
typedef struct TLBListener {
    MemoryListener listener;
    CPUX86State *env;
    /* The ranges of the address space that changed in this transaction
     * (the listener's region_del/region_add); past TLB_MAX_RANGES the
     * whole TLB goes. */
#define TLB_MAX_RANGES 16
    unsigned nranges;
    bool overflow;
    struct { hwaddr start, end; } range[TLB_MAX_RANGES];
} TLBListener;

static void tlb_listener_begin(MemoryListener *l)
{
    TLBListener *tl = (TLBListener *)l;
    tl->nranges = 0;
    tl->overflow = false;
}

static void tlb_listener_change(MemoryListener *l, MemoryRegionSection *section)
{
    TLBListener *tl = (TLBListener *)l;
    hwaddr start = section->offset_within_address_space;
    Int128 end = (Int128)start + section->size;

    if (tl->nranges == TLB_MAX_RANGES) {
        tl->overflow = true;
        return;
    }
    tl->range[tl->nranges].start = start;
    tl->range[tl->nranges].end = end > (Int128)UINT64_MAX ? UINT64_MAX : (hwaddr)end;
    tl->nranges++;
}

static bool in_ranges(const TLBListener *tl, hwaddr page)
{
    for (unsigned i = 0; i < tl->nranges; i++) {
        if (page < tl->range[i].end && page + TARGET_PAGE_SIZE > tl->range[i].start) {
            return true;
        }
    }
    return false;
}

/* Drop the entries whose physical page changed.  Decoded blocks are found
 * by host address, so the jump cache (virtual pc -> block) is cleared too
 * when a dropped RAM page held code: the same pc may now reach other
 * bytes. */
static void tlb_flush_changed(CPUX86State *env, const TLBListener *tl)
{
    bool code = false;

    for (int m = 0; m < NB_MMU_MODES; m++) {
        for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
            CPUTLBEntry *e = &env->tlb[m][i];
            const CPUIOTLBEntry *io = &env->iotlb[m][i];

            if ((e->addr_read & e->addr_write & e->addr_code) == ~0u ||
                !in_ranges(tl, io->paddr)) {
                continue;
            }
            if (e->addend && io->mr && io->mr->ram) {
                uint32_t page = (e->addr_read != ~0u ? e->addr_read : e->addr_code) &
                                TARGET_PAGE_MASK;
                code |= tb_page_has_code((uint8_t *)(uintptr_t)(page + e->addend));
            }
            tlb_entry_clear(e);
        }
    }
    env->tlb_flush_count++;
    if (code) {
        tb_jmp_cache_clear(env);
    }
}

/* QEMU's tcg_commit flushes the whole TLB on every commit; x86slice drops
 * only what the changed ranges cover (design.md: targeted TLB flush). */
static void tlb_listener_commit(MemoryListener *l)
{
    TLBListener *tl = (TLBListener *)l;

    if (tl->overflow) {
        tlb_flush(tl->env);
    } else if (tl->nranges) {
        tlb_flush_changed(tl->env, tl);
    }
}

void tlb_init(CPUX86State *env)
{
    TLBListener *ls = calloc(2, sizeof(*ls));
    if (!ls) {
        abort();
    }
    env->tlb_listeners = ls;
    memset(env->tlb, 0xff, sizeof(env->tlb));
    AddressSpace *as[2] = { env->as, env->as_smm };
    for (int i = 0; i < 2; i++) {
        if (!as[i]) {
            continue;
        }
        ls[i].env = env;
        ls[i].listener.begin = tlb_listener_begin;
        ls[i].listener.region_add = tlb_listener_change;
        ls[i].listener.region_del = tlb_listener_change;
        ls[i].listener.commit = tlb_listener_commit;
        ls[i].listener.name = "tcg-commit";
        memory_listener_register(&ls[i].listener, as[i]);
    }
}

void tlb_destroy(CPUX86State *env)
{
    TLBListener *ls = env->tlb_listeners;
    if (!ls) {
        return;
    }
    for (int i = 0; i < 2; i++) {
        if (ls[i].env) {
            memory_listener_unregister(&ls[i].listener);
        }
    }
    free(ls);
    env->tlb_listeners = NULL;
}

/* ---- filling ----------------------------------------------------------- */

/* The region behind the whole page at paddr, if one region covers all of
 * it: then I/O accesses go straight to its ops.  Otherwise (QEMU's
 * subpage) each access is routed through the address space. */
static void iotlb_set(CPUIOTLBEntry *io, const FlatRange *fr, hwaddr paddr,
                      MemoryRegion *mr, hwaddr xlat)
{
    io->paddr = paddr;
    io->mr = NULL;
    if (fr && fr->mr == mr && (hwaddr)fr->start <= paddr &&
        paddr + TARGET_PAGE_SIZE <= (hwaddr)(fr->start + fr->size)) {
        io->mr = mr;
        io->mr_offset = xlat;
    }
}

void tlb_set_page(CPUX86State *env, target_ulong vaddr, hwaddr paddr, int prot,
                  int mmu_idx, target_ulong page_size)
{
    MemTxAttrs attrs = cpu_mem_attrs(env);
    hwaddr xlat, plen = TARGET_PAGE_SIZE;
    MemoryRegion *mr;
    CPUTLBEntry *e;
    CPUIOTLBEntry *io;
    uint32_t address, write_address;
    bool is_ram;

    vaddr &= TARGET_PAGE_MASK;
    paddr &= ~(hwaddr)(TARGET_PAGE_SIZE - 1);
    if (page_size > TARGET_PAGE_SIZE) {
        target_ulong lp_mask = ~(page_size - 1);
        if (env->tlb_large_page_mask) {
            /* Two large pages: widen the range until it covers both. */
            lp_mask &= env->tlb_large_page_mask;
            while (((env->tlb_large_page_addr ^ vaddr) & lp_mask) != 0) {
                lp_mask <<= 1;
            }
        }
        env->tlb_large_page_mask = lp_mask;
        env->tlb_large_page_addr = vaddr & lp_mask;
    }

    FlatView *fv = address_space_to_flatview(cpu_as(env));
    mr = flatview_translate(fv, paddr, &xlat, &plen, false, attrs);
    is_ram = memory_region_is_ram(mr) && plen >= TARGET_PAGE_SIZE;
    /* The range just found (its lookup hint answers): its readonly flag
     * (a read-only alias) and its extent (whole-page MMIO). */
    const FlatRange *fr = flatview_lookup(fv, paddr);

    e = tlb_entry(env, mmu_idx, vaddr);
    io = &env->iotlb[mmu_idx][(vaddr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    address = vaddr;
    if (is_ram) {
        uint8_t *host = (uint8_t *)memory_region_get_ram_ptr(mr) + xlat;
        e->addend = (uintptr_t)host - vaddr;
        write_address = address;
        /* QEMU looks at section->readonly: a read-only alias of RAM (the
         * PAM "pam-rom" alias) drops writes although its target takes them. */
        if (mr->readonly || (fr && fr->readonly)) {
            write_address |= TLB_DISCARD_WRITE;
        } else if (tb_page_has_code(host)) {
            write_address |= TLB_NOTDIRTY;
        }
        io->mr = mr;
        io->mr_offset = xlat;
        io->paddr = paddr;
    } else {
        /* ROMD regions read like RAM but write through their ops. */
        bool romd = mr->rom_device && mr->romd_mode && plen >= TARGET_PAGE_SIZE;
        e->addend = romd ? (uintptr_t)((uint8_t *)memory_region_get_ram_ptr(mr) + xlat) - vaddr : 0;
        if (!romd) {
            address |= TLB_MMIO;
        }
        write_address = vaddr | TLB_MMIO;
        iotlb_set(io, fr, paddr, mr, xlat);
    }
    e->addr_read = (prot & PAGE_READ) ? address : ~0u;
    e->addr_code = (prot & PAGE_EXEC) ? address : ~0u;
    e->addr_write = (prot & PAGE_WRITE) ? write_address : ~0u;
}

/* Make sure addr's page is in the TLB for this kind of access. */
static CPUTLBEntry *tlb_fill_entry(CPUX86State *env, target_ulong addr, int size,
                                   int mmu_idx, MMUAccessType type)
{
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, addr);
    uint32_t cmp = type == MMU_DATA_LOAD ? e->addr_read :
                   type == MMU_DATA_STORE ? e->addr_write : e->addr_code;

    if ((cmp & (TARGET_PAGE_MASK | TLB_INVALID_MASK)) != (addr & TARGET_PAGE_MASK)) {
        x86_cpu_tlb_fill(env, addr, size, type, mmu_idx);
        e = tlb_entry(env, mmu_idx, addr);
    }
    return e;
}

static inline uint32_t entry_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    return type == MMU_DATA_LOAD ? e->addr_read :
           type == MMU_DATA_STORE ? e->addr_write : e->addr_code;
}

/* ---- I/O ---------------------------------------------------------------- */

static uint64_t io_readx(CPUX86State *env, CPUIOTLBEntry *io, target_ulong addr, int size)
{
    hwaddr in_page = addr & ~TARGET_PAGE_MASK;
    uint64_t val = 0;

    if (io->mr) {
        memory_region_dispatch_read(io->mr, io->mr_offset + in_page, &val, size,
                                    cpu_mem_attrs(env));
    } else {
        uint8_t buf[8] = { 0 };
        address_space_read(cpu_as(env), io->paddr + in_page, cpu_mem_attrs(env), buf, size);
        memcpy(&val, buf, 8);
    }
    return val;
}

static void io_writex(CPUX86State *env, CPUIOTLBEntry *io, target_ulong addr,
                      uint64_t val, int size)
{
    hwaddr in_page = addr & ~TARGET_PAGE_MASK;

    if (io->mr) {
        memory_region_dispatch_write(io->mr, io->mr_offset + in_page, val, size,
                                     cpu_mem_attrs(env));
    } else {
        uint8_t buf[8];
        memcpy(buf, &val, 8);
        address_space_write(cpu_as(env), io->paddr + in_page, cpu_mem_attrs(env), buf, size);
    }
}

static inline CPUIOTLBEntry *iotlb_of(CPUX86State *env, int mmu_idx, target_ulong addr)
{
    return &env->iotlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
}

/* ---- loads -------------------------------------------------------------- */

static uint64_t load_host(uintptr_t haddr, int size)
{
    switch (size) {
    case 1: return *(uint8_t *)haddr;
    case 2: { uint16_t v; memcpy(&v, (void *)haddr, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, (void *)haddr, 4); return v; }
    default: { uint64_t v; memcpy(&v, (void *)haddr, 8); return v; }
    }
}

static uint64_t load_helper(CPUX86State *env, target_ulong addr, int size, int mmu_idx,
                            MMUAccessType type)
{
    CPUTLBEntry *e = tlb_fill_entry(env, addr, size, mmu_idx, type);
    uint32_t cmp = entry_cmp(e, type);

    if (cmp & ~TARGET_PAGE_MASK) {
        if (addr & (size - 1)) {
            goto unaligned;
        }
        if (cmp & TLB_MMIO) {
            return io_readx(env, iotlb_of(env, mmu_idx, addr), addr, size);
        }
        return load_host(addr + e->addend, size);
    }
    if (size > 1 && (addr & ~TARGET_PAGE_MASK) + size - 1 >= TARGET_PAGE_SIZE) {
        goto unaligned;
    }
    return load_host(addr + e->addend, size);

unaligned: {
        target_ulong a1 = addr & ~(target_ulong)(size - 1);
        unsigned shift = (addr & (size - 1)) * 8;
        uint64_t r1 = load_helper(env, a1, size, mmu_idx, type);
        uint64_t r2 = load_helper(env, a1 + size, size, mmu_idx, type);
        uint64_t res = (r1 >> shift) | (r2 << (size * 8 - shift));
        return size == 8 ? res : res & ((1ull << (size * 8)) - 1);
    }
}

uint32_t helper_ld_slow(CPUX86State *env, target_ulong addr, int size, int mmu_idx,
                        MMUAccessType type)
{
    /* The common MMIO case first, without load_helper's generality: a
     * valid entry for this page whose only flag is TLB_MMIO, an aligned
     * access, a region behind it. */
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, addr);
    if (type == MMU_DATA_LOAD && e->addr_read == ((addr & TARGET_PAGE_MASK) | TLB_MMIO) &&
        !(addr & (size - 1))) {
        CPUIOTLBEntry *io = iotlb_of(env, mmu_idx, addr);
        if (io->mr) {
            uint64_t val;
            memory_region_dispatch_read(io->mr, io->mr_offset + (addr & ~TARGET_PAGE_MASK),
                                        &val, size, cpu_mem_attrs(env));
            return (uint32_t)val;
        }
    }
    return (uint32_t)load_helper(env, addr, size, mmu_idx, type);
}

uint64_t helper_ldq_slow(CPUX86State *env, target_ulong addr, int mmu_idx)
{
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, addr);
    if (likely(e->addr_read == TLB_CMP(addr, 8))) {
        return load_host(addr + e->addend, 8);
    }
    return load_helper(env, addr, 8, mmu_idx, MMU_DATA_LOAD);
}

/* ---- stores ------------------------------------------------------------- */

static void store_host(uintptr_t haddr, uint64_t val, int size)
{
    memcpy((void *)haddr, &val, size);      /* little-endian host */
}

/* A store to RAM that holds decoded code: drop that code first (the
 * cache clears NOTDIRTY once the page has none left). */
static void notdirty_write(CPUX86State *env, CPUTLBEntry *e, target_ulong addr, int size)
{
    tb_invalidate_phys_range(env, (uint8_t *)(uintptr_t)(addr + e->addend), size);
}

static void store_helper(CPUX86State *env, target_ulong addr, uint64_t val, int size,
                         int mmu_idx);

static void store_unaligned(CPUX86State *env, target_ulong addr, uint64_t val, int size,
                            int mmu_idx)
{
    target_ulong page2 = (addr + size) & TARGET_PAGE_MASK;

    /* Both pages must be mapped for writing before any byte is stored. */
    if (page2 != (addr & TARGET_PAGE_MASK) && ((addr + size) & ~TARGET_PAGE_MASK)) {
        tlb_fill_entry(env, page2, (addr + size) & ~TARGET_PAGE_MASK, mmu_idx,
                       MMU_DATA_STORE);
    }
    /* Ascending byte stores, as QEMU (self-modifying code relies on it). */
    for (int i = 0; i < size; i++) {
        store_helper(env, addr + i, (val >> (i * 8)) & 0xff, 1, mmu_idx);
    }
}

static void store_helper(CPUX86State *env, target_ulong addr, uint64_t val, int size,
                         int mmu_idx)
{
    CPUTLBEntry *e = tlb_fill_entry(env, addr, size, mmu_idx, MMU_DATA_STORE);
    uint32_t cmp = e->addr_write;

    if (cmp & ~TARGET_PAGE_MASK) {
        if (addr & (size - 1)) {
            store_unaligned(env, addr, val, size, mmu_idx);
            return;
        }
        if (cmp & TLB_MMIO) {
            io_writex(env, iotlb_of(env, mmu_idx, addr), addr, val, size);
            return;
        }
        if (cmp & TLB_DISCARD_WRITE) {
            return;
        }
        if (cmp & TLB_NOTDIRTY) {
            notdirty_write(env, e, addr, size);
        }
        store_host(addr + e->addend, val, size);
        return;
    }
    if (size > 1 && (addr & ~TARGET_PAGE_MASK) + size - 1 >= TARGET_PAGE_SIZE) {
        store_unaligned(env, addr, val, size, mmu_idx);
        return;
    }
    store_host(addr + e->addend, val, size);
}

void helper_st_slow(CPUX86State *env, target_ulong addr, uint32_t val, int size, int mmu_idx)
{
    store_helper(env, addr, val, size, mmu_idx);
}

void helper_stq_slow(CPUX86State *env, target_ulong addr, uint64_t val, int mmu_idx)
{
    store_helper(env, addr, val, 8, mmu_idx);
}

/* ---- code-page tracking hooks -------------------------------------------- */

static bool entry_maps_host_page(const CPUTLBEntry *e, uint8_t *host_page)
{
    uint32_t w = e->addr_write;
    if (w & (TLB_INVALID_MASK | TLB_MMIO | TLB_DISCARD_WRITE)) {
        return false;
    }
    return (uint8_t *)(uintptr_t)((w & TARGET_PAGE_MASK) + e->addend) == host_page;
}

void tlb_reset_dirty(CPUX86State *env, uint8_t *host_page)
{
    for (int m = 0; m < NB_MMU_MODES; m++) {
        for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
            CPUTLBEntry *e = &env->tlb[m][i];
            if (entry_maps_host_page(e, host_page)) {
                e->addr_write |= TLB_NOTDIRTY;
            }
        }
    }
}

void tlb_set_dirty(CPUX86State *env, uint8_t *host_page)
{
    for (int m = 0; m < NB_MMU_MODES; m++) {
        for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
            CPUTLBEntry *e = &env->tlb[m][i];
            if (entry_maps_host_page(e, host_page)) {
                e->addr_write &= ~TLB_NOTDIRTY;
            }
        }
    }
}

/* ---- physical accesses for the page walker ----------------------------- */

uint32_t x86_ldl_phys(CPUX86State *env, hwaddr addr)
{
    return address_space_ldl_le(cpu_as(env), addr, cpu_mem_attrs(env), NULL);
}

void x86_stl_phys_notdirty(CPUX86State *env, hwaddr addr, uint32_t val)
{
    address_space_stl_le(cpu_as(env), addr, val, cpu_mem_attrs(env), NULL);
}
