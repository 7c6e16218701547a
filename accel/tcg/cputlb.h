/*
 * softmmu TLB: guest virtual (linear) address -> host RAM or I/O region
 * (QEMU's accel/tcg/cputlb.c and the cpu_ld/st_* helpers).
 *
 * Each MMU index has a direct-mapped table of CPUTLBEntry.  A RAM hit is
 * one compare and one add: the comparator is the page address, and any
 * flag bit (INVALID, MMIO, NOTDIRTY, DISCARD_WRITE) or a misaligned low
 * address bit makes the compare fail and sends the access to the slow
 * path, exactly as QEMU's generated code does.
 *
 * All accessors may raise a guest exception (page fault) by longjmp to
 * the execution loop; the caller must not have committed state it would
 * need to undo.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include <string.h>
#include "cpu/cpu.h"

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

#define PAGE_READ   1
#define PAGE_WRITE  2
#define PAGE_EXEC   4

static inline CPUTLBEntry *tlb_entry(CPUX86State *env, int mmu_idx, target_ulong addr)
{
    return &env->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
}

/* ---- filling and flushing -------------------------------------------- */

/* Install a mapping: vaddr's page -> paddr's page in the CPU's current
 * address space, with PAGE_* rights, for mmu_idx.  Called by tlb_fill.
 * page_size > 4 KiB (a PSE page) is entered one 4 KiB page at a time, as
 * the TLB only holds small pages; QEMU records the large page for
 * tlb_flush_page, which we emulate by flushing everything on INVLPG of an
 * address inside a large page. */
void tlb_set_page(CPUX86State *env, target_ulong vaddr, hwaddr paddr, int prot,
                  int mmu_idx, target_ulong page_size);
void tlb_flush(CPUX86State *env);
void tlb_flush_page(CPUX86State *env, target_ulong addr);
/* Register the listener that flushes on every committed change of the
 * CPU's address space (QEMU's tcg_commit). */
void tlb_init(CPUX86State *env);
void tlb_destroy(CPUX86State *env);

/* ---- slow paths (out of line) ---------------------------------------- */
uint32_t helper_ld_slow(CPUX86State *env, target_ulong addr, int size, int mmu_idx,
                        MMUAccessType type);
uint64_t helper_ldq_slow(CPUX86State *env, target_ulong addr, int mmu_idx);
void helper_st_slow(CPUX86State *env, target_ulong addr, uint32_t val, int size, int mmu_idx);
void helper_stq_slow(CPUX86State *env, target_ulong addr, uint64_t val, int mmu_idx);

/* ---- the accessors ---------------------------------------------------- */

#define TLB_CMP(addr, size) ((addr) & (TARGET_PAGE_MASK | ((size) - 1)))

static inline uint32_t cpu_ldub_tlb(CPUX86State *env, CPUTLBEntry *table,
                                   target_ulong addr, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_read == (addr & TARGET_PAGE_MASK))) {
        return *(uint8_t *)(uintptr_t)(addr + e->addend);
    }
    return helper_ld_slow(env, addr, 1, mmu_idx, MMU_DATA_LOAD);
}

static inline uint32_t cpu_lduw_tlb(CPUX86State *env, CPUTLBEntry *table,
                                   target_ulong addr, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_read == TLB_CMP(addr, 2))) {
        uint16_t v;
        memcpy(&v, (void *)(uintptr_t)(addr + e->addend), 2);
        return v;
    }
    return helper_ld_slow(env, addr, 2, mmu_idx, MMU_DATA_LOAD);
}

static inline uint32_t cpu_ldl_tlb(CPUX86State *env, CPUTLBEntry *table,
                                   target_ulong addr, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_read == TLB_CMP(addr, 4))) {
        uint32_t v;
        memcpy(&v, (void *)(uintptr_t)(addr + e->addend), 4);
        return v;
    }
    return helper_ld_slow(env, addr, 4, mmu_idx, MMU_DATA_LOAD);
}

static inline uint64_t cpu_ldq_mmuidx(CPUX86State *env, target_ulong addr, int mmu_idx)
{
    return helper_ldq_slow(env, addr, mmu_idx);
}

static inline void cpu_stb_tlb(CPUX86State *env, CPUTLBEntry *table, target_ulong addr,
                               uint32_t val, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_write == (addr & TARGET_PAGE_MASK))) {
        *(uint8_t *)(uintptr_t)(addr + e->addend) = (uint8_t)val;
        return;
    }
    helper_st_slow(env, addr, val, 1, mmu_idx);
}

static inline void cpu_stw_tlb(CPUX86State *env, CPUTLBEntry *table, target_ulong addr,
                               uint32_t val, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_write == TLB_CMP(addr, 2))) {
        uint16_t v = (uint16_t)val;
        memcpy((void *)(uintptr_t)(addr + e->addend), &v, 2);
        return;
    }
    helper_st_slow(env, addr, val, 2, mmu_idx);
}

static inline void cpu_stl_tlb(CPUX86State *env, CPUTLBEntry *table, target_ulong addr,
                               uint32_t val, int mmu_idx)
{
    CPUTLBEntry *e = &table[(addr >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    if (likely(e->addr_write == TLB_CMP(addr, 4))) {
        memcpy((void *)(uintptr_t)(addr + e->addend), &val, 4);
        return;
    }
    helper_st_slow(env, addr, val, 4, mmu_idx);
}

static inline void cpu_stq_mmuidx(CPUX86State *env, target_ulong addr, uint64_t val, int mmu_idx)
{
    helper_stq_slow(env, addr, val, mmu_idx);
}

/* Instruction fetch (addr_code). */
static inline uint32_t cpu_ldub_code(CPUX86State *env, target_ulong addr)
{
    CPUTLBEntry *e = tlb_entry(env, env->mmu_idx, addr);
    if (likely(e->addr_code == (addr & TARGET_PAGE_MASK))) {
        return *(uint8_t *)(uintptr_t)(addr + e->addend);
    }
    return helper_ld_slow(env, addr, 1, env->mmu_idx, MMU_INST_FETCH);
}

/* Explicit MMU index (QEMU's cpu_*_mmuidx_ra). */
#define cpu_ldub_mmuidx(env, a, i)    cpu_ldub_tlb(env, (env)->tlb[i], a, i)
#define cpu_lduw_mmuidx(env, a, i)    cpu_lduw_tlb(env, (env)->tlb[i], a, i)
#define cpu_ldl_mmuidx(env, a, i)     cpu_ldl_tlb(env, (env)->tlb[i], a, i)
#define cpu_stb_mmuidx(env, a, v, i)  cpu_stb_tlb(env, (env)->tlb[i], a, v, i)
#define cpu_stw_mmuidx(env, a, v, i)  cpu_stw_tlb(env, (env)->tlb[i], a, v, i)
#define cpu_stl_mmuidx(env, a, v, i)  cpu_stl_tlb(env, (env)->tlb[i], a, v, i)

/* Current-privilege data accesses, through env->tlb_data (= tlb[mmu_idx]). */
#define cpu_ldub_data(env, a)     cpu_ldub_tlb(env, (env)->tlb_data, a, (env)->mmu_idx)
#define cpu_lduw_data(env, a)     cpu_lduw_tlb(env, (env)->tlb_data, a, (env)->mmu_idx)
#define cpu_ldl_data(env, a)      cpu_ldl_tlb(env, (env)->tlb_data, a, (env)->mmu_idx)
#define cpu_ldq_data(env, a)      cpu_ldq_mmuidx(env, a, (env)->mmu_idx)
#define cpu_stb_data(env, a, v)   cpu_stb_tlb(env, (env)->tlb_data, a, v, (env)->mmu_idx)
#define cpu_stw_data(env, a, v)   cpu_stw_tlb(env, (env)->tlb_data, a, v, (env)->mmu_idx)
#define cpu_stl_data(env, a, v)   cpu_stl_tlb(env, (env)->tlb_data, a, v, (env)->mmu_idx)
#define cpu_stq_data(env, a, v)   cpu_stq_mmuidx(env, a, v, (env)->mmu_idx)

/* Implicit supervisor accesses (descriptor tables, TSS, ring-0 stacks):
 * QEMU's cpu_*_kernel. */
#define cpu_ldub_kernel(env, a)   cpu_ldub_mmuidx(env, a, MMU_KERNEL_IDX)
#define cpu_lduw_kernel(env, a)   cpu_lduw_mmuidx(env, a, MMU_KERNEL_IDX)
#define cpu_ldl_kernel(env, a)    cpu_ldl_mmuidx(env, a, MMU_KERNEL_IDX)
#define cpu_ldq_kernel(env, a)    cpu_ldq_mmuidx(env, a, MMU_KERNEL_IDX)
#define cpu_stb_kernel(env, a, v) cpu_stb_mmuidx(env, a, v, MMU_KERNEL_IDX)
#define cpu_stw_kernel(env, a, v) cpu_stw_mmuidx(env, a, v, MMU_KERNEL_IDX)
#define cpu_stl_kernel(env, a, v) cpu_stl_mmuidx(env, a, v, MMU_KERNEL_IDX)

/* A page of host RAM gained decoded code (mark write entries NOTDIRTY) or
 * lost its last (clear NOTDIRTY): QEMU's tlb_reset_dirty / tlb_set_dirty. */
void tlb_reset_dirty(CPUX86State *env, uint8_t *host_page);
void tlb_set_dirty(CPUX86State *env, uint8_t *host_page);

/* ---- physical accesses for the page walker (x86_ld*_phys) ------------- */
uint32_t x86_ldl_phys(CPUX86State *env, hwaddr addr);
void x86_stl_phys_notdirty(CPUX86State *env, hwaddr addr, uint32_t val);

/* The page walk / permission check, in cpu/excp_helper.c.  Fills the TLB
 * through tlb_set_page or raises #PF (never returns on failure). */
void x86_cpu_tlb_fill(CPUX86State *env, target_ulong addr, int size,
                      MMUAccessType access_type, int mmu_idx);

/* Self-modifying code: a guest store (not yet done) hit a page holding
 * decoded code.  If it hits the running block, the instruction is left
 * (cpu_loop_exit) and run again as a block of its own, as QEMU does.
 * Implemented by the decode cache (accel/tcg/tb-cache.c). */
void tb_invalidate_phys_range(CPUX86State *env, uint8_t *host, size_t len);

#endif
