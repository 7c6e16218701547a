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

extern const X86Handler h_shift_r[8][3], h_shift_m[8][3];    /* [ModRM.reg][ot] */

/* ops_alu.c */
bool x86_sets_cc_dst32(X86Handler fn);
HDECL(h_imul_rr); HDECL(h_imul_rm); HDECL(h_imul_rri); HDECL(h_imul_rmi);
/* ops_bits.c */
HDECL(h_shiftd); HDECL(h_bt); HDECL(h_bsf); HDECL(h_bswap); HDECL(h_xadd); HDECL(h_cmpxchg); HDECL(h_cmpxchg8b);
HDECL(h_aam); HDECL(h_aad); HDECL(h_aaa); HDECL(h_daa); HDECL(h_das);
HDECL(h_setcc); HDECL(h_cmov); HDECL(h_clc); HDECL(h_stc); HDECL(h_cmc); HDECL(h_cld); HDECL(h_std);
HDECL(h_lahf); HDECL(h_sahf); HDECL(h_salc); HDECL(h_cbw); HDECL(h_cwd);
/* ops_mov.c */
HDECL(h_movx); HDECL(h_lea); HDECL(h_push_r); HDECL(h_push_i); HDECL(h_push_m); HDECL(h_pop_r); HDECL(h_pop_m);
HDECL(h_pusha); HDECL(h_popa); HDECL(h_enter); HDECL(h_leave); HDECL(h_xlat);
HDECL(h_mov_seg_load); HDECL(h_mov_seg_store); HDECL(h_push_seg); HDECL(h_pop_seg); HDECL(h_lxs);
void x86_load_seg(CPUX86State *env, int seg, uint32_t sel);
/* ops_branch.c */
HDECL(h_jmp); HDECL(h_jcc); HDECL(h_jcc_dst32); HDECL(h_call); HDECL(h_ret); HDECL(h_jmp_ind); HDECL(h_call_ind); HDECL(h_loop);
HDECL(h_ljmp_ptr); HDECL(h_lcall_ptr); HDECL(h_ljmp_m); HDECL(h_lcall_m); HDECL(h_lret); HDECL(h_iret);
HDECL(h_int); HDECL(h_int3); HDECL(h_into); HDECL(h_bound);
/* ops_system.c */
HDECL(h_in); HDECL(h_out); HDECL(h_cli); HDECL(h_sti); HDECL(h_pushf); HDECL(h_popf); HDECL(h_hlt);
HDECL(h_sxdt); HDECL(h_lxdt); HDECL(h_smsw); HDECL(h_lmsw); HDECL(h_invlpg); HDECL(h_sldt_str); HDECL(h_lldt_ltr);
HDECL(h_verx); HDECL(h_lar_lsl); HDECL(h_arpl); HDECL(h_mov_cr); HDECL(h_mov_dr); HDECL(h_clts);
HDECL(h_cpuid); HDECL(h_rdtsc); HDECL(h_rdpmc); HDECL(h_rdmsr); HDECL(h_wrmsr); HDECL(h_sysenter); HDECL(h_sysexit);
HDECL(h_ud); HDECL(h_nm); HDECL(h_gpf); HDECL(h_nop);
void x86_set_inhibit_irq(CPUX86State *env, const DecodedInsn *d);
/* ops_mov.c: MOV SS / POP SS with the interrupt shadow */
HDECL(h_mov_ss_load); HDECL(h_pop_ss);

#endif
