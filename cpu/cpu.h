/*
 * The x86 CPU state (QEMU's target/i386/cpu.h, 32-bit only).
 *
 * Field meanings, flag bits and reset values follow QEMU 7.2's qemu32 CPU
 * so that `info registers` and `-d cpu` print what QEMU prints.  EFLAGS is
 * kept the way QEMU's TCG keeps it: the arithmetic flags live lazily in
 * cc_op/cc_src/cc_dst/cc_src2 and `eflags` holds the rest (DF as df = +-1).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_CPU_H
#define CPU_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "softmmu/memory.h"

#define G_NORETURN_FN __attribute__((noreturn))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

typedef uint32_t target_ulong;

#define TARGET_PAGE_BITS    12
#define TARGET_PAGE_SIZE    (1u << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK    (~(TARGET_PAGE_SIZE - 1))

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
/* regs[R_ZERO] is always 0: an effective address without base or index
 * names it, so address arithmetic needs no branches. */
#define R_ZERO 8
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };
#define R_NONE_SEG 6

/* Segment descriptor bits, as stored in SegmentCache.flags (QEMU's DESC_*). */
#define DESC_G_SHIFT    23
#define DESC_G_MASK     (1u << 23)
#define DESC_B_SHIFT    22
#define DESC_B_MASK     (1u << 22)
#define DESC_AVL_MASK   (1u << 20)
#define DESC_P_MASK     (1u << 15)
#define DESC_DPL_SHIFT  13
#define DESC_DPL_MASK   (3u << 13)
#define DESC_S_MASK     (1u << 12)
#define DESC_TYPE_SHIFT 8
#define DESC_TYPE_MASK  (15u << 8)
#define DESC_A_MASK     (1u << 8)
#define DESC_CS_MASK    (1u << 11)  /* 1 = code segment */
#define DESC_C_MASK     (1u << 10)  /* code: conforming */
#define DESC_R_MASK     (1u << 9)   /* code: readable */
#define DESC_E_MASK     (1u << 10)  /* data: expand down */
#define DESC_W_MASK     (1u << 9)   /* data: writable */
#define DESC_TSS_BUSY_MASK (1u << 9)

/* EFLAGS */
#define CC_C    0x0001
#define CC_P    0x0004
#define CC_A    0x0010
#define CC_Z    0x0040
#define CC_S    0x0080
#define CC_O    0x0800
#define CC_ALL  (CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C)
#define TF_MASK     0x00000100
#define IF_MASK     0x00000200
#define DF_MASK     0x00000400
#define IOPL_MASK   0x00003000
#define IOPL_SHIFT  12
#define NT_MASK     0x00004000
#define RF_MASK     0x00010000
#define VM_MASK     0x00020000
#define AC_MASK     0x00040000
#define VIF_MASK    0x00080000
#define VIP_MASK    0x00100000
#define ID_MASK     0x00200000

/* hflags: QEMU's bit positions (they are part of the decode-cache key and
 * several must equal the EFLAGS bits). */
#define HF_CPL_SHIFT        0
#define HF_CPL_MASK         (3u << 0)
#define HF_INHIBIT_IRQ_MASK (1u << 3)
#define HF_CS32_SHIFT       4
#define HF_CS32_MASK        (1u << 4)
#define HF_SS32_SHIFT       5
#define HF_SS32_MASK        (1u << 5)
#define HF_ADDSEG_SHIFT     6
#define HF_ADDSEG_MASK      (1u << 6)
#define HF_PE_SHIFT         7
#define HF_PE_MASK          (1u << 7)
#define HF_TF_MASK          (1u << 8)
#define HF_MP_SHIFT         9
#define HF_MP_MASK          (1u << 9)
#define HF_EM_MASK          (1u << 10)
#define HF_TS_MASK          (1u << 11)
#define HF_IOPL_MASK        (3u << 12)
#define HF_RF_MASK          (1u << 16)
#define HF_VM_MASK          (1u << 17)
#define HF_AC_MASK          (1u << 18)
#define HF_SMM_MASK         (1u << 19)
#define HF_OSFXSR_MASK      (1u << 22)

#define HF2_GIF_MASK        (1u << 0)
#define HF2_NMI_MASK        (1u << 2)
#define HF2_IGNNE_MASK      (1u << 7)   /* ignore CR0.NE=0 (port 0xf0) */

#define CR0_PE_MASK  (1u << 0)
#define CR0_MP_MASK  (1u << 1)
#define CR0_EM_MASK  (1u << 2)
#define CR0_TS_MASK  (1u << 3)
#define CR0_ET_MASK  (1u << 4)
#define CR0_NE_MASK  (1u << 5)
#define CR0_WP_MASK  (1u << 16)
#define CR0_AM_MASK  (1u << 18)
#define CR0_NW_MASK  (1u << 29)
#define CR0_CD_MASK  (1u << 30)
#define CR0_PG_MASK  (1u << 31)

#define CR4_VME_MASK  (1u << 0)
#define CR4_PVI_MASK  (1u << 1)
#define CR4_TSD_MASK  (1u << 2)
#define CR4_DE_MASK   (1u << 3)
#define CR4_PSE_MASK  (1u << 4)
#define CR4_PAE_MASK  (1u << 5)
#define CR4_MCE_MASK  (1u << 6)
#define CR4_PGE_MASK  (1u << 7)
#define CR4_PCE_MASK  (1u << 8)
#define CR4_OSFXSR_MASK (1u << 9)
#define CR4_OSXMMEXCPT_MASK (1u << 10)

#define PG_PRESENT_MASK  (1u << 0)
#define PG_RW_MASK       (1u << 1)
#define PG_USER_MASK     (1u << 2)
#define PG_PWT_MASK      (1u << 3)
#define PG_PCD_MASK      (1u << 4)
#define PG_ACCESSED_MASK (1u << 5)
#define PG_DIRTY_MASK    (1u << 6)
#define PG_PSE_MASK      (1u << 7)
#define PG_GLOBAL_MASK   (1u << 8)

#define PG_ERROR_P_MASK    0x01
#define PG_ERROR_W_MASK    0x02
#define PG_ERROR_U_MASK    0x04
#define PG_ERROR_RSVD_MASK 0x08
#define PG_ERROR_I_D_MASK  0x10

/* Exception vectors */
#define EXCP00_DIVZ  0
#define EXCP01_DB    1
#define EXCP02_NMI   2
#define EXCP03_INT3  3
#define EXCP04_INTO  4
#define EXCP05_BOUND 5
#define EXCP06_ILLOP 6
#define EXCP07_PREX  7
#define EXCP08_DBLE  8
#define EXCP09_XERR  9
#define EXCP0A_TSS   10
#define EXCP0B_NOSEG 11
#define EXCP0C_STACK 12
#define EXCP0D_GPF   13
#define EXCP0E_PAGE  14
#define EXCP10_COPR  16
#define EXCP11_ALGN  17
#define EXCP12_MCHK  18

/* Not vectors: reasons the execution loop stops (QEMU's EXCP_*). */
#define EXCP_INTERRUPT  0x10000
#define EXCP_HLT        0x10001
#define EXCP_HALTED     0x10003
#define EXCP_NONE       (-1)

/* cpu->interrupt_request bits */
#define CPU_INTERRUPT_HARD  0x0002
#define CPU_INTERRUPT_EXITTB 0x0004
#define CPU_INTERRUPT_NMI   0x0200
#define CPU_INTERRUPT_INIT  0x0400
#define CPU_INTERRUPT_SMI   0x0800
#define CPU_INTERRUPT_SIPI  0x0100  /* startup IPI (QEMU's value differs; never printed) */

/* Lazy-flags operations; names print as QEMU's cc_op_str (CCO=). */
enum {
    CC_OP_DYNAMIC, CC_OP_EFLAGS,
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL, CC_OP_MULQ,
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL, CC_OP_ADDQ,
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL, CC_OP_ADCQ,
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL, CC_OP_SUBQ,
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL, CC_OP_SBBQ,
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, CC_OP_LOGICQ,
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL, CC_OP_INCQ,
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL, CC_OP_DECQ,
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL, CC_OP_SHLQ,
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL, CC_OP_SARQ,
    CC_OP_BMILGB, CC_OP_BMILGW, CC_OP_BMILGL, CC_OP_BMILGQ,
    CC_OP_ADCX, CC_OP_ADOX, CC_OP_ADCOX,
    CC_OP_CLR, CC_OP_POPCNT,
    CC_OP_NB
};

/* MMU indexes: qemu32 has no SMAP, so supervisor accesses all use one. */
#define MMU_KERNEL_IDX  0
#define MMU_USER_IDX    1
#define NB_MMU_MODES    2

#define CPU_TLB_BITS    8
#define CPU_TLB_SIZE    (1u << CPU_TLB_BITS)
#define CPU_VTLB_SIZE   8

/* TLB entry flag bits, in the low bits of the addr_* comparators (QEMU's
 * TLB_* in include/exec/cpu-all.h). */
#define TLB_INVALID_MASK    (1u << (TARGET_PAGE_BITS - 1))
#define TLB_NOTDIRTY        (1u << (TARGET_PAGE_BITS - 2))
#define TLB_MMIO            (1u << (TARGET_PAGE_BITS - 3))
#define TLB_DISCARD_WRITE   (1u << (TARGET_PAGE_BITS - 6))
#define TLB_FLAGS_MASK      (TLB_INVALID_MASK | TLB_NOTDIRTY | TLB_MMIO | TLB_DISCARD_WRITE)

typedef struct CPUTLBEntry {
    uint32_t addr_read;
    uint32_t addr_write;
    uint32_t addr_code;
    uint32_t pad;
    uintptr_t addend;           /* host = guest virtual + addend (RAM) */
} CPUTLBEntry;

/* What a TLB entry's page is backed by, for the slow paths (QEMU's
 * CPUIOTLBEntry: the section and the offset of the page in its region). */
typedef struct CPUIOTLBEntry {
    MemoryRegion *mr;
    hwaddr mr_offset;           /* region offset of the page's first byte */
    hwaddr paddr;               /* physical address of the page */
} CPUIOTLBEntry;

typedef struct SegmentCache {
    uint32_t selector;
    uint32_t base;
    uint32_t limit;
    uint32_t flags;
} SegmentCache;

/* x87 register as QEMU's floatx80, kept only to print it (FPU execution
 * comes with a later issue). */
typedef struct FPReg {
    uint64_t mant;
    uint16_t exp;
} FPReg;

typedef struct XMMReg {
    uint64_t q[2];
} XMMReg;

struct TranslationBlock;
struct DecodedInsn;

typedef struct CPUX86State {
    /* Hot: registers and lazy flags first. */
    uint32_t regs[9];           /* regs[R_ZERO] stays 0 */
    uint32_t eip;
    uint32_t eflags;            /* without O S Z A P C and with DF in df */
    uint32_t cc_dst, cc_src, cc_src2;
    int32_t cc_op;
    int32_t df;                 /* +1 or -1 */
    uint32_t hflags, hflags2;
    int mmu_idx;                /* cached cpu_mmu_index() */
    struct CPUTLBEntry *tlb_data;   /* tlb[mmu_idx], for the data accesses */
    SegmentCache segs[6];

    /* The instruction running (accel/tcg/tb-cache.h); the cflags of the
     * next block to look up, -1 for the usual (QEMU's cflags_next_tb). */
    const struct DecodedInsn *cur_insn;
    int32_t cflags_next_tb;

    SegmentCache ldt, tr, gdt, idt;
    uint32_t cr[5];
    uint32_t dr[8];
    uint32_t a20_mask;
    uint64_t efer;
    uint32_t smbase;
    uint64_t tsc_offset;
    uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t apic_base;
    uint64_t pat;
    uint64_t mtrr_deftype;
    uint64_t mtrr_fixed[11];
    uint64_t mtrr_var_base[8], mtrr_var_mask[8];
    uint64_t mcg_status, mcg_ctl, mce_banks[40];
    uint64_t msr_ia32_misc_enable;
    /* Other MSRs QEMU's wrmsr stores for this model (misc_helper.c). */
    uint64_t star, vm_hsave, tsc_aux, msr_bndcfgs;
    uint32_t pkrs;

    /* FPU / SSE state (printed, not yet executed) */
    unsigned fpstt;
    uint16_t fpus, fpuc;
    uint8_t fptags[8];          /* 1 = empty */
    FPReg fpregs[8];
    uint32_t mxcsr;
    XMMReg xmm[8];

    /* Exceptions and interrupts */
    int exception_index;
    int error_code;
    int exception_is_int;
    uint32_t exception_next_eip;
    int old_exception;          /* for double-fault detection, -1 = none */
    uint32_t interrupt_request;
    void (*kick)(struct CPUX86State *env);  /* wake the CPU's thread if it waits */
    bool halted;
    volatile int exit_request;  /* set from other threads */
    sigjmp_buf jmp_env;

    /* Cost accounting */
    uint64_t icount;            /* guest instructions executed */

    /* softmmu TLB */
    CPUTLBEntry tlb[NB_MMU_MODES][CPU_TLB_SIZE];
    CPUIOTLBEntry iotlb[NB_MMU_MODES][CPU_TLB_SIZE];
    AddressSpace *as;           /* cpu-memory-0 */
    AddressSpace *as_smm;       /* cpu-smm-0 */
    AddressSpace *as_io;        /* address_space_io, for IN/OUT */
    uint32_t tlb_flush_count;
    uint32_t tlb_large_page_addr, tlb_large_page_mask;  /* 0 mask: none */
    void *tlb_listeners;        /* the tcg_commit listeners (cputlb.c) */

    /* Decoded-block lookup by virtual pc (QEMU's tb_jmp_cache). */
    struct TranslationBlock **jmp_cache;

    /* Machine hooks.  reset_request is what qemu_system_reset_request
     * does for a triple fault: the machine decides (reset, or exit with
     * -no-reboot) and sets exit_request. */
    void (*reset_request)(void *opaque);
    void *machine;
    int (*get_pic_interrupt)(void *opaque); /* vector of the pending IRQ */
    void *pic_opaque;
    struct APICState *apic_state;   /* the local APIC (hw/intc/apic.h), or NULL */

    /* CPUID model */
    uint32_t cpuid_level, cpuid_xlevel;
    uint32_t cpuid_vendor[3];
    uint32_t cpuid_version;
    uint32_t cpuid_features, cpuid_ext_features;
    uint32_t cpuid_ext2_features, cpuid_ext3_features;
    uint32_t cpuid_model[12];
} CPUX86State;

/* ---- state helpers -------------------------------------------------- */

uint32_t cpu_cc_compute_all(CPUX86State *env, int op);
uint32_t cpu_cc_compute_c(CPUX86State *env, int op);

static inline uint32_t cpu_compute_eflags(CPUX86State *env)
{
    return env->eflags | cpu_cc_compute_all(env, env->cc_op) | (env->df == -1 ? DF_MASK : 0);
}

/* Load EFLAGS bits under update_mask (QEMU's cpu_load_eflags). */
static inline void cpu_load_eflags(CPUX86State *env, uint32_t eflags, uint32_t update_mask)
{
    env->cc_src = eflags & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
    env->df = 1 - (2 * ((eflags >> 10) & 1));
    env->eflags = (env->eflags & ~update_mask) | (eflags & update_mask) | 0x2;
    env->eflags &= ~(CC_ALL | DF_MASK);
}

static inline int cpu_mmu_index(const CPUX86State *env)
{
    return (env->hflags & HF_CPL_MASK) == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX;
}

void cpu_x86_set_cpl(CPUX86State *env, int cpl);
/* Load a segment cache and recompute the hflags that depend on it
 * (QEMU's cpu_x86_load_seg_cache). */
void cpu_x86_load_seg_cache(CPUX86State *env, int seg, uint32_t selector,
                            uint32_t base, uint32_t limit, uint32_t flags);
void cpu_x86_update_cr0(CPUX86State *env, uint32_t new_cr0);
void cpu_x86_update_cr3(CPUX86State *env, uint32_t new_cr3);
void cpu_x86_update_cr4(CPUX86State *env, uint32_t new_cr4);
void x86_update_a20(CPUX86State *env, bool enabled);
/* Recompute HF_ADDSEG etc. after a change of PE/VM/CS32/segment bases. */
void x86_update_hflags_seg(CPUX86State *env);

/* ---- lifecycle (cpu/cpu.c) ------------------------------------------ */
CPUX86State *x86_cpu_new(AddressSpace *as_mem, AddressSpace *as_smm, AddressSpace *as_io);
void x86_cpu_free(CPUX86State *env);
void x86_cpu_reset(CPUX86State *env);
/* An INIT reached the CPU (QEMU's do_cpu_init): reset, keeping the FPU/SSE
 * state, the MSRs QEMU keeps (SYSENTER, PAT, SMBASE, ...), the APIC base and
 * a pending SIPI; then the APIC's INIT reset. */
void do_cpu_init(CPUX86State *env);

/* A device raises or drops an interrupt request line of the CPU (QEMU's
 * cpu_interrupt / cpu_reset_interrupt, e.g. the PIC's INT output as
 * CPU_INTERRUPT_HARD).  The running block chain stops at its end to look
 * at it; a halted CPU is woken through env->kick. */
void cpu_interrupt(CPUX86State *env, uint32_t mask);
void cpu_reset_interrupt(CPUX86State *env, uint32_t mask);
/* Would the CPU leave HLT now (QEMU's x86_cpu_has_work)? */
bool x86_cpu_has_work(CPUX86State *env);
/* Call on every entry to cpu_exec (QEMU's x86_cpu_exec_enter). */
void x86_cpu_exec_enter(CPUX86State *env);

/* x86_cpu_dump_state (cpu/cpu-dump.c) */
#define CPU_DUMP_CODE 0x1
#define CPU_DUMP_FPU  0x2
#define CPU_DUMP_CCOP 0x4
void x86_cpu_dump_state(CPUX86State *env, FILE *f, int flags);

/* ---- exceptions (cpu/seg_helper.c) ----------------------------------- */
G_NORETURN_FN void raise_exception(CPUX86State *env, int exception_index);
G_NORETURN_FN void raise_exception_err(CPUX86State *env, int exception_index, int error_code);
/* Software interrupt (INT n / INT3 / INTO): next_eip is pushed. */
G_NORETURN_FN void raise_interrupt(CPUX86State *env, int intno, int is_int, int error_code,
                                int next_eip_addend);
/* Leave the current instruction without an exception (state is already
 * committed): QEMU's cpu_loop_exit. */
G_NORETURN_FN void cpu_loop_exit(CPUX86State *env);
/* Deliver env->exception_index (called by the execution loop). */
void x86_cpu_do_interrupt(CPUX86State *env);
/* Take a pending external interrupt if allowed; true if one was taken. */
bool x86_cpu_exec_interrupt(CPUX86State *env, uint32_t interrupt_request);

#endif
