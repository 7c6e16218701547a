/*
 * Shifts, rotates, double shifts, bit tests and scans, byte swaps,
 * compare-exchange, BCD adjustments, SETcc/CMOVcc and the flag
 * instructions.  Flags follow QEMU's translator (gen_shift_rm_T1,
 * gen_rot_rm_*, gen_shiftd_rm_T1, the bt_op and bsf/bsr cases) and its
 * helpers (int_helper.c, shift_helper_template.h), including where the
 * manual says "undefined".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/ops.h"
#include "cpu/ops-decl.h"

/* ---- operand access for rm (register or memory) --------------------------- */


static inline uint32_t rm_load(CPUX86State *env, const DecodedInsn *d, int ot, uint32_t *addr)
{
    if (d->rm == RM_MEM) {
        *addr = ea_linear(env, d);
        return ld_ot(env, ot, *addr);
    }
    return get_reg(env, ot, d->rm);
}

static inline void rm_store(CPUX86State *env, const DecodedInsn *d, int ot, uint32_t addr,
                            uint32_t v)
{
    if (d->rm == RM_MEM) {
        st_ot(env, ot, addr, v);
    } else {
        set_reg(env, ot, d->rm, v);
    }
}

/* ---- group 2 ---------------------------------------------------------------- */

/* ROL/ROR: C and O from the result, the other flags kept (QEMU computes
 * the flags, then replaces C and O: CC_OP_ADCOX).  rotate_flags is
 * inlined for the common flag producers and out of line otherwise. */
static inline __attribute__((always_inline))
uint32_t rotate(CPUX86State *env, int ot, bool right, uint32_t v, unsigned count,
                uint32_t keep)
{
    int bits = ot_bits(ot);
    uint32_t m = ot_mask(ot), r, cf, of;
    unsigned n;

    v &= m;
    if ((count & 31) == 0) {
        return v;               /* flags untouched */
    }
    n = count & (bits - 1);
    r = n ? (right ? (v >> n) | (v << (bits - n)) : (v << n) | (v >> (bits - n))) & m : v;
    if (right) {
        cf = (r >> (bits - 1)) & 1;
        of = ((r >> (bits - 2)) & 1) ^ cf;
    } else {
        cf = r & 1;
        of = ((r >> (bits - 1)) & 1) ^ cf;
    }
    env->cc_src = keep | cf | (of << 11);
    env->cc_op = CC_OP_EFLAGS;
    return r;
}

static __attribute__((noinline))
uint32_t rotate_slow(CPUX86State *env, int ot, bool right, uint32_t v, unsigned count)
{
    return rotate(env, ot, right, v, count, cc_szap(env));
}

static inline __attribute__((always_inline))
uint32_t do_rotate(CPUX86State *env, int ot, bool right, uint32_t v, unsigned count)
{
    if (cc_szap_inline(env)) {
        return rotate(env, ot, right, v, count, cc_szap(env));
    }
    return rotate_slow(env, ot, right, v, count);
}

/* RCL/RCR (QEMU's helper_rcl/rcr): count mod 9/17/32, flags from cc_src. */
static uint32_t do_rcx(CPUX86State *env, int ot, bool right, uint32_t v, unsigned count)
{
    int bits = ot_bits(ot);
    uint32_t eflags, src, res;

    count &= 31;
    if (ot == OT_B) {
        count %= 9;
    } else if (ot == OT_W) {
        count %= 17;
    }
    eflags = compute_eflags_cc(env);
    if (!count) {
        return v;
    }
    v &= ot_mask(ot);
    src = v;
    if (!right) {
        res = (v << count) | ((eflags & CC_C) << (count - 1));
        if (count > 1) {
            res |= v >> (bits + 1 - count);
        }
        env->cc_src = (eflags & ~(CC_C | CC_O)) |
                      ((((src ^ res) >> (bits - 1)) & 1) << 11) |
                      ((src >> (bits - count)) & CC_C);
    } else {
        res = (v >> count) | ((eflags & CC_C) << (bits - count));
        if (count > 1) {
            res |= v << (bits + 1 - count);
        }
        env->cc_src = (eflags & ~(CC_C | CC_O)) |
                      ((((src ^ res) >> (bits - 1)) & 1) << 11) |
                      ((src >> (count - 1)) & CC_C);
    }
    return res;
}

/* SHL/SHR/SAR: operate on the zero- or sign-extended 32-bit value, CF/OF
 * from the value shifted by count - 1 (QEMU's tmp4/tmp0). */
static inline __attribute__((always_inline))
uint32_t do_shift(CPUX86State *env, int ot, int op, uint32_t v, unsigned count)
{
    uint32_t r, prev;

    count &= 31;
    if (op == 7) {                          /* SAR */
        int32_t s = (int32_t)sext(ot, v);
        if (!count) {
            return v;
        }
        prev = (uint32_t)(s >> (count - 1));
        r = (uint32_t)(s >> count);
    } else if (op == 5) {                   /* SHR */
        v &= ot_mask(ot);
        if (!count) {
            return v;
        }
        prev = v >> (count - 1);
        r = v >> count;
    } else {                                /* SHL, SAL */
        if (!count) {
            return v;
        }
        prev = v << (count - 1);
        r = v << count;
    }
    set_cc_op(env, (op == 4 || op == 6 ? CC_OP_SHLB : CC_OP_SARB) + ot, r, prev);
    return r;
}

static inline __attribute__((always_inline))
uint32_t grp2_op(CPUX86State *env, const DecodedInsn *d, int ot, int op, uint32_t v)
{
    unsigned count = d->imm2 == 0xffff ? (env->regs[R_ECX] & 0xff) : d->imm2;

    switch (op) {
    case 0: return do_rotate(env, ot, false, v, count);
    case 1: return do_rotate(env, ot, true, v, count);
    case 2: return do_rcx(env, ot, false, v, count);
    case 3: return do_rcx(env, ot, true, v, count);
    default: return do_shift(env, ot, op, v, count);
    }
}

/* One handler per operation, size and operand kind (register, memory),
 * indexed [ModRM.reg][ot].  QEMU stores the operand even when the count
 * is zero. */
#define GRP2_HANDLERS(OP, OT)                                                  \
HS(shift_r_##OP##_##OT)                                                        \
{                                                                              \
    set_reg(env, OT, d->rm, grp2_op(env, d, OT, OP, get_reg(env, OT, d->rm))); \
}                                                                              \
HS(shift_m_##OP##_##OT)                                                        \
{                                                                              \
    uint32_t a = ea_linear(env, d);                                            \
    st_ot(env, OT, a, grp2_op(env, d, OT, OP, ld_ot(env, OT, a)));             \
}
#define GRP2_OP(OP) GRP2_HANDLERS(OP, 0) GRP2_HANDLERS(OP, 1) GRP2_HANDLERS(OP, 2)
GRP2_OP(0) GRP2_OP(1) GRP2_OP(2) GRP2_OP(3) GRP2_OP(4) GRP2_OP(5) GRP2_OP(6) GRP2_OP(7)
#define GRP2_ROW(K, OP) { shift_##K##_##OP##_0, shift_##K##_##OP##_1, shift_##K##_##OP##_2 }
const X86Handler h_shift_r[8][3] = {
    GRP2_ROW(r, 0), GRP2_ROW(r, 1), GRP2_ROW(r, 2), GRP2_ROW(r, 3),
    GRP2_ROW(r, 4), GRP2_ROW(r, 5), GRP2_ROW(r, 6), GRP2_ROW(r, 7),
};
const X86Handler h_shift_m[8][3] = {
    GRP2_ROW(m, 0), GRP2_ROW(m, 1), GRP2_ROW(m, 2), GRP2_ROW(m, 3),
    GRP2_ROW(m, 4), GRP2_ROW(m, 5), GRP2_ROW(m, 6), GRP2_ROW(m, 7),
};

/* ---- SHLD / SHRD (gen_shiftd_rm_T1, 32-bit target path) --------------------- */

H(h_shiftd)
{
    int ot = d->ot;
    bool right = d->op;
    uint32_t addr = 0, t0 = rm_load(env, d, ot, &addr);
    uint32_t t1 = get_reg(env, ot, d->reg);
    unsigned count = (d->imm2 == 0xffff ? env->regs[R_ECX] : d->imm2) & 31;
    uint32_t tmp0, tmp4;

    if (ot == OT_W) {
        /* Intel's behaviour for counts > 16: "shrdw C, B, A" shifts A:B:A. */
        if (right) {
            uint32_t cat = (t0 & 0xffff) | (t1 << 16);
            t1 = t0;
            t0 = cat;
        } else {
            t1 = (t0 & 0xffff) | (t1 << 16);
        }
    }
    /* Shift amounts are taken mod 32, as TCG's 32-bit shifts do on an x86 host. */
    if (right) {
        tmp0 = t0 >> ((count - 1) & 31);
        tmp4 = t1 << ((32 - count) & 31);
        t0 >>= count;
    } else {
        tmp0 = t0 << ((count - 1) & 31);
        if (ot == OT_W) {
            tmp0 |= t1 >> ((33 - count) & 31);
        }
        tmp4 = t1 >> ((32 - count) & 31);
        t0 <<= count;
    }
    t0 |= count ? tmp4 : 0;
    rm_store(env, d, ot, addr, t0);
    if (count) {
        set_cc_op(env, (right ? CC_OP_SARB : CC_OP_SHLB) + ot, t0, tmp0);
    }
}

/* ---- BT BTS BTR BTC ----------------------------------------------------------- */

/* d->op: 0 bt, 1 bts, 2 btr, 3 btc.  imm2 != 0xffff: immediate bit offset
 * (0F BA); otherwise the offset is register reg, and for a memory operand
 * it also selects the word (QEMU adds (offset >> (3 + ot)) << ot). */
H(h_bt)
{
    int ot = d->ot;
    uint32_t off, addr = 0, v, bit, mask, r;

    if (d->imm2 != 0xffff) {
        off = d->imm2;
    } else {
        off = get_reg(env, ot, d->reg);
    }
    if (d->rm == RM_MEM) {
        addr = ea_linear(env, d);
        if (d->imm2 == 0xffff) {
            addr += (uint32_t)(((int32_t)sext(ot, off) >> (3 + ot)) << ot);
        }
        v = ld_ot(env, ot, addr);
    } else {
        v = get_reg(env, ot, d->rm);
    }
    bit = off & ((1u << (3 + ot)) - 1);
    mask = 1u << bit;
    switch (d->op) {
    case 1: r = v | mask; break;
    case 2: r = v & ~mask; break;
    case 3: r = v ^ mask; break;
    default: r = v; break;
    }
    if (d->op) {
        if (d->rm == RM_MEM) {
            st_ot(env, ot, addr, r);
        } else {
            set_reg(env, ot, d->rm, r);
        }
    }
    /* Each block starts with an unknown cc_op in QEMU when single-stepping:
     * flags are computed and only C is replaced. */
    env->cc_src = (compute_eflags_cc(env) & ~CC_C) | ((v >> bit) & 1);
}

/* ---- BSF / BSR: Z from the source; the destination is kept when it is 0 --- */

H(h_bsf)
{
    int ot = d->ot;
    uint32_t addr = 0, v = rm_load(env, d, ot, &addr) & ot_mask(ot);

    if (v) {
        set_reg(env, ot, d->reg, d->op ? 31 - __builtin_clz(v) : __builtin_ctz(v));
    }
    set_cc_op(env, CC_OP_LOGICB + ot, v, env->cc_src);
}

/* ---- BSWAP: the 16-bit form is undefined; QEMU 7.2 (i386) swaps 32 bits -- */

H(h_bswap)
{
    env->regs[d->rm] = __builtin_bswap32(env->regs[d->rm]);
}

/* ---- XADD / CMPXCHG / CMPXCHG8B ---------------------------------------------- */

H(h_xadd)
{
    int ot = d->ot;
    uint32_t src = get_reg(env, ot, d->reg), old, sum;

    if (d->rm == RM_MEM) {
        uint32_t addr = ea_linear(env, d);
        old = ld_ot(env, ot, addr);
        sum = src + old;
        st_ot(env, ot, addr, sum);
        set_reg(env, ot, d->reg, old);
    } else {
        old = get_reg(env, ot, d->rm);
        sum = src + old;
        set_reg(env, ot, d->reg, old);
        set_reg(env, ot, d->rm, sum);
    }
    set_cc_op(env, CC_OP_ADDB + ot, sum, old);
}

H(h_cmpxchg)
{
    int ot = d->ot;
    uint32_t newv = get_reg(env, ot, d->reg);
    uint32_t cmpv = env->regs[R_EAX] & ot_mask(ot), oldv;

    if (d->rm == RM_MEM) {
        uint32_t addr = ea_linear(env, d);
        oldv = ld_ot(env, ot, addr);
        /* The store cycle happens whatever the comparison says. */
        st_ot(env, ot, addr, oldv == cmpv ? newv : oldv);
    } else {
        oldv = get_reg(env, ot, d->rm);
        if (oldv == cmpv) {
            set_reg(env, ot, d->rm, newv);
        }
    }
    if (oldv != cmpv) {
        set_reg(env, ot, ot == OT_B ? 0 : R_EAX, oldv);
    }
    set_cc_op(env, CC_OP_SUBB + ot, cmpv - oldv, oldv);
}

H(h_cmpxchg8b)
{
    uint32_t addr = ea_linear(env, d);
    uint64_t oldv = cpu_ldq_data(env, addr);
    uint64_t cmpv = env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);
    uint32_t flags = cpu_cc_compute_all(env, env->cc_op);

    if (oldv == cmpv) {
        cpu_stq_data(env, addr, env->regs[R_EBX] | ((uint64_t)env->regs[R_ECX] << 32));
        flags |= CC_Z;
    } else {
        cpu_stq_data(env, addr, oldv);
        env->regs[R_EAX] = (uint32_t)oldv;
        env->regs[R_EDX] = (uint32_t)(oldv >> 32);
        flags &= ~CC_Z;
    }
    env->cc_src = flags;
    env->cc_op = CC_OP_EFLAGS;
}

/* ---- BCD (QEMU's int_helper.c) -------------------------------------------------- */

static inline uint32_t al(CPUX86State *env) { return env->regs[R_EAX] & 0xff; }
static inline uint32_t ah(CPUX86State *env) { return (env->regs[R_EAX] >> 8) & 0xff; }

static inline void set_ax(CPUX86State *env, uint32_t lo, uint32_t hi)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (lo & 0xff) | ((hi & 0xff) << 8);
}

H(h_aam)
{
    uint32_t base = d->imm & 0xff;
    if (base == 0) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_ax(env, al(env) % base, al(env) / base);
    set_cc_op(env, CC_OP_LOGICB, al(env), env->cc_src);
}

H(h_aad)
{
    uint32_t v = (ah(env) * (d->imm & 0xff) + al(env)) & 0xff;
    set_ax(env, v, 0);
    set_cc_op(env, CC_OP_LOGICB, v, env->cc_src);
}

/* AAA (op 0) / AAS (op 1) */
H(h_aaa)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op);
    uint32_t lo = al(env), hi = ah(env);

    if ((lo & 0x0f) > 9 || (f & CC_A)) {
        if (d->op) {
            hi = hi - 1 - (lo < 6);
            lo = (lo - 6) & 0x0f;
        } else {
            hi = hi + 1 + (lo > 0xf9);
            lo = (lo + 6) & 0x0f;
        }
        f |= CC_C | CC_A;
    } else {
        f &= ~(CC_C | CC_A);
        lo &= 0x0f;
    }
    set_ax(env, lo, hi);
    env->cc_src = f;
    env->cc_op = CC_OP_EFLAGS;
}

static uint32_t zsp8(uint32_t v)
{
    return (v == 0 ? CC_Z : 0) | (__builtin_parity(v) ? 0 : CC_P) | (v & CC_S);
}

H(h_daa)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op);
    uint32_t old = al(env), v = old, nf = 0;

    if ((v & 0x0f) > 9 || (f & CC_A)) {
        v = (v + 6) & 0xff;
        nf |= CC_A;
    }
    if (old > 0x99 || (f & CC_C)) {
        v = (v + 0x60) & 0xff;
        nf |= CC_C;
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffu) | v;
    env->cc_src = nf | zsp8(v);
    env->cc_op = CC_OP_EFLAGS;
}

H(h_das)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op);
    uint32_t old = al(env), v = old, nf = 0;

    if ((v & 0x0f) > 9 || (f & CC_A)) {
        nf |= CC_A;
        if (v < 6 || (f & CC_C)) {
            nf |= CC_C;
        }
        v = (v - 6) & 0xff;
    }
    if (old > 0x99 || (f & CC_C)) {
        v = (v - 0x60) & 0xff;
        nf |= CC_C;
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffu) | v;
    env->cc_src = nf | zsp8(v);
    env->cc_op = CC_OP_EFLAGS;
}

/* ---- SETcc / CMOVcc ------------------------------------------------------------- */

H(h_setcc)
{
    uint32_t v = test_cc(env, d->op);
    if (d->rm == RM_MEM) {
        cpu_stb_data(env, ea_linear(env, d), v);
    } else {
        set_reg(env, OT_B, d->rm, v);
    }
}

/* QEMU loads the source even when the condition is false, and for 32-bit
 * operands writes the destination either way (no change visible here). */
H(h_cmov)
{
    int ot = d->ot;
    uint32_t addr = 0, v = rm_load(env, d, ot, &addr);
    if (test_cc(env, d->op)) {
        set_reg(env, ot, d->reg, v);
    }
}

/* ---- flag instructions ------------------------------------------------------------ */

H(h_clc) { env->cc_src = compute_eflags_cc(env) & ~CC_C; }
H(h_stc) { env->cc_src = compute_eflags_cc(env) | CC_C; }
H(h_cmc) { env->cc_src = compute_eflags_cc(env) ^ CC_C; }
H(h_cld) { env->df = 1; }
H(h_std) { env->df = -1; }

/* LAHF/SAHF: SAHF keeps O and replaces S Z A P C. */
H(h_lahf)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op);
    ((uint8_t *)env->regs)[1] = (uint8_t)(f | 0x02);
}

H(h_sahf)
{
    uint32_t f = cpu_cc_compute_all(env, env->cc_op) & CC_O;
    env->cc_src = f | (ah(env) & (CC_S | CC_Z | CC_A | CC_P | CC_C));
    env->cc_op = CC_OP_EFLAGS;
}

/* SALC (D6): AL = CF ? 0xff : 0. */
H(h_salc)
{
    ((uint8_t *)env->regs)[0] = cc_c(env) ? 0xff : 0;
}

/* ---- sign extensions --------------------------------------------------------------- */

/* CBW / CWDE (by d->ot) */
H(h_cbw)
{
    if (d->ot == OT_W) {
        set_reg(env, OT_W, R_EAX, (uint32_t)(int8_t)env->regs[R_EAX]);
    } else {
        env->regs[R_EAX] = (uint32_t)(int16_t)env->regs[R_EAX];
    }
}

/* CWD / CDQ */
H(h_cwd)
{
    if (d->ot == OT_W) {
        set_reg(env, OT_W, R_EDX, ((int16_t)env->regs[R_EAX] < 0) ? 0xffff : 0);
    } else {
        env->regs[R_EDX] = (uint32_t)((int32_t)env->regs[R_EAX] >> 31);
    }
}
