/*
 * Miscellaneous x86 helpers: CPUID, MSRs, TSC, port I/O, control and
 * debug registers, HLT (QEMU 7.2's target/i386/tcg/misc_helper.c,
 * tcg/sysemu/misc_helper.c, tcg/sysemu/bpt_helper.c, tcg/cc_helper.c's
 * helper_clts, tcg/sysemu/seg_helper.c's helper_check_io).
 *
 * Calling convention (what QEMU's translate.c does before each helper):
 * the interpreter first performs the checks listed with each function
 * ("caller checks"), then calls the helper with env->eip still at the
 * start of the instruction.  A helper that raises an exception never
 * returns (raise_exception_err longjmps).  "Ends the block" means QEMU
 * ends the translation block after the instruction (DISAS_EOB_NEXT):
 * hflags or the memory map may have changed, so the interpreter must
 * re-fetch hflags-dependent decode state before the next instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_MISC_HELPER_H
#define CPU_MISC_HELPER_H

#include "cpu/cpu.h"

/* ---- CPUID feature bits (QEMU's CPUID_*) ------------------------------ */
#define CPUID_FP87   (1u << 0)
#define CPUID_VME    (1u << 1)
#define CPUID_DE     (1u << 2)
#define CPUID_PSE    (1u << 3)
#define CPUID_TSC    (1u << 4)
#define CPUID_MSR    (1u << 5)
#define CPUID_PAE    (1u << 6)
#define CPUID_MCE    (1u << 7)
#define CPUID_CX8    (1u << 8)
#define CPUID_APIC   (1u << 9)
#define CPUID_SEP    (1u << 11)
#define CPUID_MTRR   (1u << 12)
#define CPUID_PGE    (1u << 13)
#define CPUID_MCA    (1u << 14)
#define CPUID_CMOV   (1u << 15)
#define CPUID_PAT    (1u << 16)
#define CPUID_PSE36  (1u << 17)
#define CPUID_CLFLUSH (1u << 19)
#define CPUID_MMX    (1u << 23)
#define CPUID_FXSR   (1u << 24)
#define CPUID_SSE    (1u << 25)
#define CPUID_SSE2   (1u << 26)

#define CPUID_EXT_SSE3       (1u << 0)
#define CPUID_EXT_MONITOR    (1u << 3)
#define CPUID_EXT_XSAVE      (1u << 26)
#define CPUID_EXT_HYPERVISOR (1u << 31)

#define CPUID_EXT2_SYSCALL   (1u << 11)
#define CPUID_EXT2_NX        (1u << 20)
#define CPUID_EXT2_FFXSR     (1u << 25)
#define CPUID_EXT2_LM        (1u << 29)
#define CPUID_EXT3_SVM       (1u << 2)

/* Vendor words as CPUID leaf 0 returns them: EBX, EDX, ECX. */
#define CPUID_VENDOR_INTEL_1 0x756e6547 /* "Genu" */
#define CPUID_VENDOR_INTEL_2 0x49656e69 /* "ineI" */
#define CPUID_VENDOR_INTEL_3 0x6c65746e /* "ntel" */

/* ---- hflags bits cpu.h does not name (QEMU's values) -------------------- */
#define HF_IOBPT_SHIFT  24
#define HF_IOBPT_MASK   (1u << HF_IOBPT_SHIFT)  /* an I/O breakpoint is enabled */
#define HF2_VGIF_MASK   (1u << 8)

/* ---- debug registers ---------------------------------------------------- */
#define DR6_BD          (1u << 13)
#define DR6_BS          (1u << 14)
#define DR6_BT          (1u << 15)
#define DR6_FIXED_1     0xffff0ff0u
#define DR7_GD          (1u << 13)
#define DR7_TYPE_SHIFT  16
#define DR7_LEN_SHIFT   18
#define DR7_FIXED_1     0x00000400u
#define DR7_MAX_BP      4
#define DR7_TYPE_BP_INST 0
#define DR7_TYPE_DATA_WR 1
#define DR7_TYPE_IO_RW   2
#define DR7_TYPE_DATA_RW 3

/* ---- MSRs --------------------------------------------------------------- */
#define MSR_IA32_TSC            0x10
#define MSR_IA32_APICBASE       0x1b
#define MSR_IA32_APICBASE_BSP   (1u << 8)
#define MSR_IA32_APICBASE_ENABLE (1u << 11)
#define MSR_IA32_APICBASE_EXTD  (1u << 10)
#define APIC_DEFAULT_ADDRESS    0xfee00000u
#define MSR_SMI_COUNT           0x34
#define MSR_CORE_THREAD_COUNT   0x35
#define MSR_IA32_UCODE_REV      0x8b
#define MSR_MTRRcap             0xfe
#define MSR_IA32_SYSENTER_CS    0x174
#define MSR_IA32_SYSENTER_ESP   0x175
#define MSR_IA32_SYSENTER_EIP   0x176
#define MSR_MCG_CAP             0x179
#define MSR_MCG_STATUS          0x17a
#define MSR_MCG_CTL             0x17b
#define MSR_IA32_PERF_STATUS    0x198
#define MSR_IA32_MISC_ENABLE    0x1a0
#define MSR_IA32_MISC_ENABLE_DEFAULT 1
#define MSR_MTRRphysBase(reg)   (0x200 + 2 * (reg))
#define MSR_MTRRphysMask(reg)   (0x200 + 2 * (reg) + 1)
#define MSR_MTRRfix64K_00000    0x250
#define MSR_MTRRfix16K_80000    0x258
#define MSR_MTRRfix16K_A0000    0x259
#define MSR_MTRRfix4K_C0000     0x268
#define MSR_MTRRfix4K_F8000     0x26f
#define MSR_PAT                 0x277
#define MSR_MTRRdefType         0x2ff
#define MSR_MC0_CTL             0x400
#define MSR_IA32_PKRS           0x6e1
#define MSR_IA32_BNDCFGS        0xd90
#define MSR_EFER                0xc0000080
#define MSR_STAR                0xc0000081
#define MSR_TSC_AUX             0xc0000103
#define MSR_VM_HSAVE_PA         0xc0010117

#define MSR_EFER_SCE   (1u << 0)
#define MSR_EFER_LME   (1u << 8)
#define MSR_EFER_LMA   (1u << 10)
#define MSR_EFER_NXE   (1u << 11)
#define MSR_EFER_SVME  (1u << 12)
#define MSR_EFER_FFXSR (1u << 14)

/* QEMU's TARGET_PHYS_ADDR_SPACE_BITS decides nothing here: qemu32 has
 * neither LM nor PSE36, so QEMU's realize sets phys_bits to 32. */
#define X86_PHYS_BITS 32

/* ---- CPUID -------------------------------------------------------------- */

/* QEMU's cpu_x86_cpuid: one leaf of the qemu32 model. */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);
/* CPUID (0F A2).  Caller checks: none.  EAX/EBX/ECX/EDX are replaced. */
void helper_cpuid(CPUX86State *env);
/* The local APIC was software-disabled (QEMU's cpu_clear_apic_feature). */
void cpu_clear_apic_feature(CPUX86State *env);

/* ---- time stamp counter --------------------------------------------------- */

/* RDTSC (0F 31).  Caller checks: none (the helper raises #GP(0) when
 * CR4.TSD is set and CPL > 0).  EDX:EAX = TSC. */
void helper_rdtsc(CPUX86State *env);
/* The guest TSC: QEMU's cpu_get_tsc, i.e. host TSC ticks counted while
 * the VM runs (plus env->tsc_offset in helper_rdtsc). */
uint64_t cpu_get_tsc(CPUX86State *env);
/* Start/stop counting guest ticks (QEMU's cpu_enable_ticks /
 * cpu_disable_ticks, called by vm_start / vm_stop).  Until the first
 * cpu_enable_ticks the TSC reads 0, as in QEMU under -S. */
void cpu_enable_ticks(void);
void cpu_disable_ticks(void);

/* RDPMC (0F 33).  Caller checks: none.  Always raises: #GP(0) if CR4.PCE
 * is clear and CPL > 0, else #UD (QEMU does not implement counters). */
G_NORETURN_FN void helper_rdpmc(CPUX86State *env);

/* ---- MSRs ------------------------------------------------------------------ */

/* RDMSR (0F 32) / WRMSR (0F 30).  Caller checks: CPL == 0, else #GP(0).
 * Unknown MSRs read as 0 and ignore writes (QEMU: "XXX: exception?").
 * WRMSR ends the block. */
void helper_rdmsr(CPUX86State *env);
void helper_wrmsr(CPUX86State *env);

/* ---- port I/O -------------------------------------------------------------- */

/* The TSS I/O permission bitmap check.  Caller: before IN/OUT/INS/OUTS,
 * only if CR0.PE && (CPL > IOPL || EFLAGS.VM) (QEMU's gen_check_io);
 * size in bytes (1, 2, 4).  Raises #GP(0) if the access is not allowed;
 * may page-fault reading the TSS. */
void helper_check_io(CPUX86State *env, uint32_t port, uint32_t size);
/* Port accesses through env->as_io (QEMU: address_space_io with the CPU's
 * memory attributes).  port is already masked to 16 bits by the caller. */
uint32_t helper_inb(CPUX86State *env, uint32_t port);
uint32_t helper_inw(CPUX86State *env, uint32_t port);
uint32_t helper_inl(CPUX86State *env, uint32_t port);
void helper_outb(CPUX86State *env, uint32_t port, uint32_t data);
void helper_outw(CPUX86State *env, uint32_t port, uint32_t data);
void helper_outl(CPUX86State *env, uint32_t port, uint32_t data);
/* I/O breakpoints.  Caller: after each IN/OUT (not INS/OUTS) completes,
 * only if hflags & HF_IOBPT_MASK, with next_eip = the address of the next
 * instruction (QEMU's gen_bpt_io).  Raises #DB (with env->eip = next_eip)
 * when a DR0-3 I/O breakpoint covers the port. */
void helper_bpt_io(CPUX86State *env, uint32_t port, uint32_t size, uint32_t next_eip);

/* ---- HLT, control registers -------------------------------------------------- */

/* HLT (F4).  Caller checks: CPL == 0, else #GP(0).  next_eip_addend =
 * instruction length: EIP moves past HLT, HF_INHIBIT_IRQ is cleared, the
 * CPU halts (exception_index = EXCP_HLT) and leaves via cpu_loop_exit. */
G_NORETURN_FN void helper_hlt(CPUX86State *env, int next_eip_addend);

/* INVLPG (0F 01 /7, memory operand only; a register operand is #UD).
 * Caller checks: CPL == 0, else #GP(0); addr = the linear address
 * (segment base + effective address, as QEMU's gen_lea_modrm: with
 * ADDSEG/segment override).  Ends the block. */
void helper_invlpg(CPUX86State *env, uint32_t addr);

/* MOV r32, CRn (0F 20) / MOV CRn, r32 (0F 22).  Caller checks, in this
 * order: CPL == 0 else #GP(0) (before the ModRM byte is even fetched);
 * then reg field must be 0, 2, 3 or 4, else #UD.  The ModRM mod bits are
 * ignored (always a register).  The write ends the block.  Writing CR4
 * with a bit qemu32 reserves does what QEMU 7.2 does (see misc_helper.c). */
uint32_t helper_read_crN(CPUX86State *env, int reg);
void helper_write_crN(CPUX86State *env, int reg, uint32_t val);
/* LMSW (0F 01 /6).  Caller checks: CPL == 0, else #GP(0); then loads the
 * 16-bit operand (register or memory).  Only CR0 bits 0-3 change and PE
 * cannot be cleared.  Ends the block. */
void helper_lmsw(CPUX86State *env, uint32_t val);
/* CLTS (0F 06).  Caller checks: CPL == 0, else #GP(0).  Ends the block. */
void helper_clts(CPUX86State *env);
/* INVD (0F 08) / WBINVD (0F 09).  Caller checks: CPL == 0, else #GP(0). */
void helper_invd(CPUX86State *env);
void helper_wbinvd(CPUX86State *env);

/* ---- debug registers ----------------------------------------------------------- */

/* MOV r32, DRn (0F 21) / MOV DRn, r32 (0F 23).  Caller checks: CPL == 0,
 * else #GP(0) (before fetching ModRM).  Mod bits ignored.  DR4/DR5 alias
 * DR6/DR7 unless CR4.DE (then #UD).  The write ends the block. */
uint32_t helper_get_dr(CPUX86State *env, int reg);
void helper_set_dr(CPUX86State *env, int reg, uint32_t val);
/* QEMU's cpu_x86_update_dr7 (also recomputes HF_IOBPT_MASK). */
void cpu_x86_update_dr7(CPUX86State *env, uint32_t new_dr7);
/* QEMU's check_hw_breakpoints: DR6.B0-3 := which DR0-3 of instruction
 * type equal env->eip (enabled or not); true if an enabled one did.  DR6
 * is only written if so or if force_dr6_update.  Data watchpoints are
 * not implemented (TODO). */
bool check_hw_breakpoints(CPUX86State *env, bool force_dr6_update);
/* True if EFLAGS.RF is clear and an enabled DR0-3 instruction
 * breakpoint has linear address `pc` (QEMU inserts a BP_CPU breakpoint
 * there and checks it before executing the instruction at pc). */
bool x86_hw_breakpoint_at(CPUX86State *env, uint32_t pc);
/* QEMU's breakpoint_handler for an instruction breakpoint: call it when
 * x86_hw_breakpoint_at(env, cs_base + eip) was true before executing the
 * instruction at env->eip.  Raises #DB (DR6.Bn set) if an enabled
 * breakpoint's DRn equals EIP itself.  If it returns (CS base != 0 and
 * only the linear address matched), QEMU would stop the VM for the
 * debugger (EXCP_DEBUG reaches the main loop): the caller decides. */
void x86_breakpoint_handler(CPUX86State *env);
/* Single-step trap after an instruction with TF (QEMU's
 * helper_single_step): DR6.BS and DR6.Bn of matching breakpoints, #DB. */
G_NORETURN_FN void helper_single_step(CPUX86State *env);

#endif
