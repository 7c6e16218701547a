/*
 * Segmentation, far transfers, task switches, interrupts and exceptions
 * (QEMU 7.2's target/i386/tcg/seg_helper.c and excp_helper.c, 32-bit).
 *
 * Calling conventions for the interpreter
 * ---------------------------------------
 * - While a handler runs, env->eip is the EIP of the start of the
 *   instruction (cpu.h).  Every helper here that can fault relies on it:
 *   a fault leaves env->eip there, which is what QEMU's
 *   cpu_restore_state gives.  Helpers that transfer control take the EIP
 *   of the next instruction explicitly (next_eip) and, on success, set
 *   env->eip themselves; the caller must then not advance EIP.  All other
 *   helpers leave EIP alone and the caller advances it as usual.
 * - Any helper may longjmp to env->jmp_env (guest exception) through
 *   raise_exception*() or a page fault in a memory access.  Nothing has to
 *   be undone by the caller: like QEMU, the helpers commit register state
 *   only after the last check that can fail (task switches excepted, as in
 *   QEMU: see switch_tss in seg_helper.c).
 * - Privilege, CS32/SS32/ADDSEG and env->mmu_idx follow from the segment
 *   loads (cpu_x86_load_seg_cache), as in QEMU.  A helper that changes
 *   CS, SS, CPL, EFLAGS or the LDT/TR ends the decoded block in QEMU; the
 *   caller should do the same (see each helper).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_SEG_HELPER_H
#define CPU_SEG_HELPER_H

#include "cpu/cpu.h"

/* ---- exceptions ------------------------------------------------------- */
/* raise_exception, raise_exception_err, raise_interrupt, cpu_loop_exit,
 * x86_cpu_do_interrupt and x86_cpu_exec_interrupt are declared in cpu.h.
 *
 * raise_interrupt(env, intno, is_int, error_code, next_eip_addend):
 *   INT n / INT3 / INTO: is_int = 1, error_code = 0, next_eip_addend =
 *   instruction length (QEMU's gen_interrupt).  Exceptions: is_int = 0,
 *   next_eip_addend = 0 (or just use raise_exception[_err]).
 *
 * The execution loop (QEMU's cpu_exec) must call x86_cpu_do_interrupt and
 * x86_cpu_exec_interrupt inside its sigsetjmp(env->jmp_env) region: both
 * can fault while delivering (#GP/#NP/#TS/#PF, #DF, triple fault) and then
 * longjmp with a new env->exception_index, exactly as in QEMU.  After the
 * longjmp: exception_index >= EXCP_INTERRUPT (EXCP_HLT after a triple
 * fault, which has already called env->reset_request) means leave the
 * loop, setting exception_index = -1; 0..255 means deliver it with
 * x86_cpu_do_interrupt.  After x86_cpu_do_interrupt returns, set
 * env->exception_index = -1 (QEMU's cpu_handle_exception does).
 *
 * x86_cpu_exec_interrupt(env, env->interrupt_request): QEMU's priority
 * (SMI if smm_helper is linked, NMI unless HF2_NMI_MASK, then
 * CPU_INTERRUPT_HARD if IF=1 and no HF_INHIBIT_IRQ; GIF must be set);
 * takes at most one, clears its request bit, clears env->halted, delivers
 * it and returns true; QEMU then sets exception_index = -1 and looks the
 * next block up afresh (*last_tb = NULL).  The vector comes from
 * env->get_pic_interrupt(env->pic_opaque), logged under -d int as
 * "Servicing hardware INT=0x%02x". */

/* 1 for the vectors that push an error code (8, 10-14, 17). */
int exception_has_error_code(int intno);

/* Deliver an external interrupt / NMI now (QEMU's
 * do_interrupt_x86_hardirq: is_int = 0, no error code). */
void do_interrupt_x86_hardirq(CPUX86State *env, int intno, int is_hw);

/* SMI entry lives in cpu/smm_helper.c (not written yet).  Referenced
 * weakly: while it is absent, x86_cpu_exec_interrupt ignores
 * CPU_INTERRUPT_SMI. */
void do_smm_enter(CPUX86State *env) __attribute__((weak));

/* ---- segment registers ------------------------------------------------ */

/* MOV Sreg / POP Sreg / LDS LES LFS LGS LSS in protected mode, not V86
 * (QEMU: gen_movl_seg_T0 when PE && !VM86).  seg_reg != R_CS.  Sets the
 * descriptor's accessed bit.  The caller advances EIP; POP updates ESP
 * only after this returns.  QEMU then ends the block: after SS always
 * (with HF_INHIBIT_IRQ set for the next instruction), after DS/ES/SS in
 * 32-bit code (ADDSEG may change). */
void helper_load_seg(CPUX86State *env, int seg_reg, int selector);

/* Real mode and V86: MOV/POP/LxS to a segment register, and the CS part of
 * a far JMP/RET in those modes (QEMU's gen_op_movl_seg_T0_vm): selector
 * and base = selector << 4 only.  Limit, flags and hflags are NOT touched,
 * exactly as QEMU's translator does. */
static inline void helper_movl_seg_vm(CPUX86State *env, int seg_reg, uint32_t selector)
{
    selector &= 0xffff;
    env->segs[seg_reg].selector = selector;
    env->segs[seg_reg].base = selector << 4;
}

/* A full V86 segment cache (QEMU's load_seg_vm: base = sel << 4, limit
 * 0xffff, present writable accessed data, DPL 3), used by IRET to V86 and
 * task switches to V86.  Goes through cpu_x86_load_seg_cache. */
void load_seg_vm(CPUX86State *env, int seg, int selector);

/* LLDT / LTR (PE, !V86, CPL 0 checked by the caller, which raises #GP(0)
 * itself as QEMU's check_cpl0 does).  The caller advances EIP. */
void helper_lldt(CPUX86State *env, int selector);
void helper_ltr(CPUX86State *env, int selector);

/* LAR / LSL / VERR / VERW (PE, !V86; the caller raises #UD otherwise).
 * Flags convention, as QEMU: before the call env->cc_op must be current
 * (it is, in this interpreter); the helper computes all flags from it and
 * leaves them in env->cc_src with ZF = success.  It also sets env->cc_op =
 * CC_OP_EFLAGS (QEMU's translator does that right after the call:
 * set_cc_op(s, CC_OP_EFLAGS); the caller may do it again, harmlessly).
 * LAR/LSL: write the returned value to the destination register (16 or 32
 * bits by operand size) only if (env->cc_src & CC_Z); otherwise leave the
 * register untouched.  The caller advances EIP. */
target_ulong helper_lar(CPUX86State *env, target_ulong selector);
target_ulong helper_lsl(CPUX86State *env, target_ulong selector);
void helper_verr(CPUX86State *env, target_ulong selector);
void helper_verw(CPUX86State *env, target_ulong selector);

/* ---- far transfers ----------------------------------------------------- */

/* JMP ptr16:16/32 and JMP m16:16/32 in protected mode (not V86).  new_eip
 * is the offset operand (zero-extended 16-bit offset with o16), next_eip
 * the EIP after the JMP (saved in the old TSS by a task switch).  Sets
 * env->eip.  QEMU ends the block (DISAS_JUMP). */
void helper_ljmp_protected(CPUX86State *env, int new_cs, target_ulong new_eip,
                           target_ulong next_eip);

/* CALL far in real mode and V86.  shift = 1 for o32, 0 for o16 (QEMU's
 * dflag - 1).  Pushes CS and next_eip with the SS B-bit stack mask, then
 * sets CS selector/base only (no hflags) and env->eip = new_eip. */
void helper_lcall_real(CPUX86State *env, uint32_t new_cs, uint32_t new_eip,
                       int shift, uint32_t next_eip);

/* CALL far in protected mode (not V86): code segments, call gates (with
 * stack switch and parameter copy), task gates and TSSs.  shift = 1 for
 * o32, 0 for o16.  Sets env->eip.  Ends the block. */
void helper_lcall_protected(CPUX86State *env, int new_cs, target_ulong new_eip,
                            int shift, target_ulong next_eip);

/* IRET in real mode, and in V86 when IOPL = 3 (the caller raises #GP(0)
 * when VM86 && IOPL < 3, QEMU's check_vm86_iopl).  shift = 1 for o32.
 * Sets env->eip, CS selector/base (no hflags), EFLAGS (cc_op becomes
 * CC_OP_EFLAGS) and clears HF2_NMI_MASK.  Ends the block. */
void helper_iret_real(CPUX86State *env, int shift);

/* IRET in protected mode (not V86): NT task return, same/outer privilege
 * return, return to V86.  next_eip = EIP after the IRET (saved in the old
 * TSS on a task return).  Sets env->eip; EFLAGS loaded (cc_op =
 * CC_OP_EFLAGS).  Clears HF2_NMI_MASK.  Ends the block. */
void helper_iret_protected(CPUX86State *env, int shift, int next_eip);

/* RETF [imm16] in protected mode (not V86).  addend = the imm16 (0 for
 * plain RETF).  Sets env->eip.  Ends the block. */
void helper_lret_protected(CPUX86State *env, int shift, int addend);

/* SYSENTER (caller raises #GP(0) if !PE) and SYSEXIT (caller: #GP(0) if
 * !PE; dflag is QEMU's: 1 = 32-bit; 2 = 64-bit is not supported).  Set
 * env->eip.  End the block. */
void helper_sysenter(CPUX86State *env);
void helper_sysexit(CPUX86State *env, int dflag);

#endif
