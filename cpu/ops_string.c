/*
 * String instructions: MOVS CMPS STOS LODS SCAS INS OUTS, with REP/REPE/
 * REPNE.  QEMU runs one iteration per execution of the instruction and
 * jumps back to it (gen_repz), so with -singlestep every iteration is its
 * own step in the -d cpu log; we do the same when d->op says so
 * (STR_ONE_STEP), and otherwise loop here until done or an interrupt or
 * exit request is pending.
 *
 * STR_REPZ_OPT is QEMU's repz_opt: leave as soon as ECX reaches 0 instead
 * of coming back once more to find it 0.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"
#include "cpu/ops-decl.h"
#include "cpu/misc_helper.h"

enum { S_MOVS, S_CMPS, S_STOS, S_LODS, S_SCAS, S_INS, S_OUTS };

static inline uint32_t amask_of(const DecodedInsn *d)
{
    return d->aflag == 1 ? 0xffff : 0xffffffffu;
}

static inline void advance(CPUX86State *env, int reg, uint32_t m, int ot)
{
    uint32_t v = env->regs[reg];
    env->regs[reg] = (v & ~m) | ((v + (uint32_t)(env->df << ot)) & m);
}

static inline uint32_t io_in(CPUX86State *env, int ot, uint32_t port)
{
    switch (ot) {
    case OT_B: return helper_inb(env, port);
    case OT_W: return helper_inw(env, port);
    default:   return helper_inl(env, port);
    }
}

static inline void io_out(CPUX86State *env, int ot, uint32_t port, uint32_t v)
{
    switch (ot) {
    case OT_B: helper_outb(env, port, v); break;
    case OT_W: helper_outw(env, port, v); break;
    default:   helper_outl(env, port, v); break;
    }
}

/* One element; for CMPS/SCAS the flags are set as CMP (SUB). */
static inline void string_once(CPUX86State *env, const DecodedInsn *d, int op, int ot)
{
    uint32_t m = amask_of(d);
    uint32_t src = env->segs[d->seg].base + (env->regs[R_ESI] & m);
    uint32_t dst = env->segs[R_ES].base + (env->regs[R_EDI] & m);
    uint32_t a, b;

    switch (op) {
    case S_MOVS:
        st_ot(env, ot, dst, ld_ot(env, ot, src));
        advance(env, R_ESI, m, ot);
        advance(env, R_EDI, m, ot);
        break;
    case S_CMPS:
        b = ld_ot(env, ot, dst);        /* QEMU loads ES:EDI first */
        a = ld_ot(env, ot, src);
        set_cc_op(env, CC_OP_SUBB + ot, a - b, b);
        advance(env, R_ESI, m, ot);
        advance(env, R_EDI, m, ot);
        break;
    case S_STOS:
        st_ot(env, ot, dst, get_reg(env, ot, 0));
        advance(env, R_EDI, m, ot);
        break;
    case S_LODS:
        set_reg(env, ot, 0, ld_ot(env, ot, src));
        advance(env, R_ESI, m, ot);
        break;
    case S_SCAS:
        b = ld_ot(env, ot, dst);
        a = get_reg(env, ot, 0);
        set_cc_op(env, CC_OP_SUBB + ot, a - b, b);
        advance(env, R_EDI, m, ot);
        break;
    case S_INS:
        /* A dummy write first, so a page fault comes before the port read. */
        st_ot(env, ot, dst, 0);
        st_ot(env, ot, dst, io_in(env, ot, env->regs[R_EDX] & 0xffff));
        advance(env, R_EDI, m, ot);
        break;
    default:
        io_out(env, ot, env->regs[R_EDX] & 0xffff, ld_ot(env, ot, src));
        advance(env, R_ESI, m, ot);
        break;
    }
}

static inline void string_op(CPUX86State *env, const DecodedInsn *d, int op, int ot)
{
    uint32_t m = amask_of(d);

    if ((op == S_INS || op == S_OUTS) && pe_mode(env) && (cpl(env) > iopl(env) || vm86(env))) {
        helper_check_io(env, env->regs[R_EDX] & 0xffff, 1u << ot);
    }
    if (!(d->prefix & (PREFIX_REPZ | PREFIX_REPNZ))) {
        string_once(env, d, op, ot);
        return;
    }
    for (;;) {
        if ((env->regs[R_ECX] & m) == 0) {
            env->eip = d->next_eip;
            return;
        }
        string_once(env, d, op, ot);
        env->regs[R_ECX] = (env->regs[R_ECX] & ~m) | ((env->regs[R_ECX] - 1) & m);
        if ((op == S_CMPS || op == S_SCAS) &&
            test_cc(env, 4) != !!(d->prefix & PREFIX_REPZ)) {
            env->eip = d->next_eip;
            return;
        }
        if ((d->op & STR_REPZ_OPT) && (env->regs[R_ECX] & m) == 0) {
            env->eip = d->next_eip;
            return;
        }
        if ((d->op & STR_ONE_STEP) || env->interrupt_request || env->exit_request) {
            env->eip = d->eip;
            return;
        }
        env->icount++;          /* each iteration counts as an instruction */
    }
}

#define STRING_HANDLERS(OP)                                                    \
HS(str_##OP##_0) { string_op(env, d, OP, 0); }                           \
HS(str_##OP##_1) { string_op(env, d, OP, 1); }                           \
HS(str_##OP##_2) { string_op(env, d, OP, 2); }
STRING_HANDLERS(S_MOVS)
STRING_HANDLERS(S_CMPS)
STRING_HANDLERS(S_STOS)
STRING_HANDLERS(S_LODS)
STRING_HANDLERS(S_SCAS)
STRING_HANDLERS(S_INS)
STRING_HANDLERS(S_OUTS)

#define STR_ROW(OP) { str_##OP##_0, str_##OP##_1, str_##OP##_2 }
const X86Handler h_string[8][3] = {
    STR_ROW(S_MOVS), STR_ROW(S_CMPS), STR_ROW(S_STOS), STR_ROW(S_LODS),
    STR_ROW(S_SCAS), STR_ROW(S_INS), STR_ROW(S_OUTS), { NULL, NULL, NULL },
};
