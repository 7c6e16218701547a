/*
 * Handlers referenced by the decoder, one per concept; defined in
 * cpu/ops_*.c.  SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_OPS_DECL_H
#define CPU_OPS_DECL_H

#include "cpu/ops.h"

/* String-op flags in DecodedInsn.op */
#define STR_REPZ_OPT 1
#define STR_ONE_STEP 2

extern const X86Handler h_shift[3];

/* ops_alu.c */
H(h_imul_rr); H(h_imul_rm); H(h_imul_rri); H(h_imul_rmi);
/* ops_bits.c */
H(h_shiftd); H(h_bt); H(h_bsf); H(h_bswap); H(h_xadd); H(h_cmpxchg); H(h_cmpxchg8b);
H(h_aam); H(h_aad); H(h_aaa); H(h_daa); H(h_das);
H(h_setcc); H(h_cmov); H(h_clc); H(h_stc); H(h_cmc); H(h_cld); H(h_std);
H(h_lahf); H(h_sahf); H(h_salc); H(h_cbw); H(h_cwd);
/* ops_mov.c */
H(h_movx); H(h_lea); H(h_push_r); H(h_push_i); H(h_push_m); H(h_pop_r); H(h_pop_m);
H(h_pusha); H(h_popa); H(h_enter); H(h_leave); H(h_xlat);
H(h_mov_seg_load); H(h_mov_seg_store); H(h_push_seg); H(h_pop_seg); H(h_lxs);
void x86_load_seg(CPUX86State *env, int seg, uint32_t sel);
/* ops_branch.c */
H(h_jmp); H(h_jcc); H(h_call); H(h_ret); H(h_jmp_ind); H(h_call_ind); H(h_loop);
H(h_ljmp_ptr); H(h_lcall_ptr); H(h_ljmp_m); H(h_lcall_m); H(h_lret); H(h_iret);
H(h_int); H(h_int3); H(h_into); H(h_bound);
/* ops_system.c */
H(h_in); H(h_out); H(h_cli); H(h_sti); H(h_pushf); H(h_popf); H(h_hlt);
H(h_sxdt); H(h_lxdt); H(h_smsw); H(h_lmsw); H(h_invlpg); H(h_sldt_str); H(h_lldt_ltr);
H(h_verx); H(h_lar_lsl); H(h_arpl); H(h_mov_cr); H(h_mov_dr); H(h_clts);
H(h_cpuid); H(h_rdtsc); H(h_rdpmc); H(h_rdmsr); H(h_wrmsr); H(h_sysenter); H(h_sysexit);
H(h_ud); H(h_nm); H(h_gpf); H(h_nop);
void x86_set_inhibit_irq(CPUX86State *env, const DecodedInsn *d);
/* decode.c wrappers */
H(h_mov_ss_load); H(h_pop_ss);

#endif
