/*
 * Lazy EFLAGS: the arithmetic flags an operation leaves, computed from
 * (cc_op, cc_dst, cc_src, cc_src2) the way QEMU's cc_helper does.
 *
 * Matching QEMU here is what makes the flags Intel leaves undefined (OF
 * after a multi-bit shift, SF/ZF/PF after MUL, AF after logic ops, ...)
 * equal to QEMU's: each instruction records the same cc_op and operands
 * QEMU's translator records, and these functions derive the same bits.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cpu/cpu.h"

/* CC_P if the low byte has an even number of set bits. */
static inline uint32_t parity(uint32_t v)
{
    return __builtin_parity(v & 0xff) ? 0 : CC_P;
}

/* Shift x left by n (right if n < 0): QEMU's lshift, used to move a
 * value's sign bit into the S (bit 7) or O (bit 11) position. */
static inline uint32_t lshift(uint32_t x, int n)
{
    return n >= 0 ? x << n : x >> -n;
}

/* The operand width of each cc_op family member is a constant in every
 * case below (8 << index), so each case compiles to straight-line code. */
typedef int Width;

#define W_BITS(w)  (w)
#define W_MASK(w)  ((w) == 32 ? 0xffffffffu : (1u << (w)) - 1)
#define AI         static inline __attribute__((always_inline))

/* Z, S and P of a result, common to every operation. */
AI uint32_t zsp(uint32_t dst, Width w)
{
    dst &= W_MASK(w);
    return parity(dst) | (dst == 0 ? CC_Z : 0) | (lshift(dst, 8 - W_BITS(w)) & CC_S);
}

AI uint32_t all_add(uint32_t dst, uint32_t src1, Width w)
{
    uint32_t src2 = dst - src1;
    uint32_t cf = (dst & W_MASK(w)) < (src1 & W_MASK(w));
    uint32_t af = (dst ^ src1 ^ src2) & CC_A;
    uint32_t of = lshift((src1 ^ src2 ^ ~0u) & (src1 ^ dst), 12 - W_BITS(w)) & CC_O;
    return cf | zsp(dst, w) | af | of;
}

AI uint32_t all_adc(uint32_t dst, uint32_t src1, uint32_t src3, Width w)
{
    uint32_t src2 = dst - src1 - src3;
    uint32_t d = dst & W_MASK(w), s = src1 & W_MASK(w);
    uint32_t cf = src3 ? d <= s : d < s;
    uint32_t af = (dst ^ src1 ^ src2) & CC_A;
    uint32_t of = lshift((src1 ^ src2 ^ ~0u) & (src1 ^ dst), 12 - W_BITS(w)) & CC_O;
    return cf | zsp(dst, w) | af | of;
}

AI uint32_t all_sub(uint32_t dst, uint32_t src2, Width w)
{
    uint32_t src1 = dst + src2;
    uint32_t cf = (src1 & W_MASK(w)) < (src2 & W_MASK(w));
    uint32_t af = (dst ^ src1 ^ src2) & CC_A;
    uint32_t of = lshift((src1 ^ src2) & (src1 ^ dst), 12 - W_BITS(w)) & CC_O;
    return cf | zsp(dst, w) | af | of;
}

AI uint32_t all_sbb(uint32_t dst, uint32_t src2, uint32_t src3, Width w)
{
    uint32_t src1 = dst + src2 + src3;
    uint32_t s1 = src1 & W_MASK(w), s2 = src2 & W_MASK(w);
    uint32_t cf = src3 ? s1 <= s2 : s1 < s2;
    uint32_t af = (dst ^ src1 ^ src2) & CC_A;
    uint32_t of = lshift((src1 ^ src2) & (src1 ^ dst), 12 - W_BITS(w)) & CC_O;
    return cf | zsp(dst, w) | af | of;
}

AI uint32_t all_inc(uint32_t dst, uint32_t carry, Width w)
{
    uint32_t src1 = dst - 1;
    uint32_t af = (dst ^ src1 ^ 1) & CC_A;
    uint32_t of = (dst & W_MASK(w)) == (1u << (W_BITS(w) - 1)) ? CC_O : 0;
    return (carry & CC_C) | zsp(dst, w) | af | of;
}

AI uint32_t all_dec(uint32_t dst, uint32_t carry, Width w)
{
    uint32_t src1 = dst + 1;
    uint32_t af = (dst ^ src1 ^ 1) & CC_A;
    uint32_t of = (dst & W_MASK(w)) == (1u << (W_BITS(w) - 1)) - 1 ? CC_O : 0;
    return (carry & CC_C) | zsp(dst, w) | af | of;
}

/* src1 = the operand shifted by count - 1: its top bit is CF. */
AI uint32_t all_shl(uint32_t dst, uint32_t src1, Width w)
{
    uint32_t cf = (src1 >> (W_BITS(w) - 1)) & CC_C;
    uint32_t of = lshift(src1 ^ dst, 12 - W_BITS(w)) & CC_O;
    return cf | zsp(dst, w) | of;
}

/* src1 = the operand shifted by count - 1: its bit 0 is CF. */
AI uint32_t all_sar(uint32_t dst, uint32_t src1, Width w)
{
    uint32_t of = lshift(src1 ^ dst, 12 - W_BITS(w)) & CC_O;
    return (src1 & CC_C) | zsp(dst, w) | of;
}

AI uint32_t all_mul(uint32_t dst, uint32_t src1, Width w)
{
    uint32_t cf = src1 != 0;
    return cf | zsp(dst, w) | (cf << 11);
}

AI uint32_t all_bmilg(uint32_t dst, uint32_t src1, Width w)
{
    uint32_t d = dst & W_MASK(w);
    return (src1 == 0) | (d == 0 ? CC_Z : 0) | (lshift(d, 8 - W_BITS(w)) & CC_S);
}

uint32_t cpu_cc_compute_all(CPUX86State *env, int op)
{
    uint32_t dst = env->cc_dst, src1 = env->cc_src, src2 = env->cc_src2;

    switch (op) {
    case CC_OP_EFLAGS:
        return src1 & CC_ALL;
    case CC_OP_CLR:
        return CC_Z | CC_P;
    case CC_OP_POPCNT:
        return src1 ? 0 : CC_Z;
    case CC_OP_ADCX:
        return ((src1 & ~CC_C) | (dst * CC_C)) & CC_ALL;
    case CC_OP_ADOX:
        return ((src1 & ~CC_O) | (src2 * CC_O)) & CC_ALL;
    case CC_OP_ADCOX:
        return ((src1 & ~(CC_C | CC_O)) | (dst * CC_C) | (src2 * CC_O)) & CC_ALL;
    case CC_OP_MULB:
        return all_mul(dst, src1, 8);
    case CC_OP_MULW:
        return all_mul(dst, src1, 16);
    case CC_OP_MULL:
        return all_mul(dst, src1, 32);
    case CC_OP_ADDB:
        return all_add(dst, src1, 8);
    case CC_OP_ADDW:
        return all_add(dst, src1, 16);
    case CC_OP_ADDL:
        return all_add(dst, src1, 32);
    case CC_OP_ADCB:
        return all_adc(dst, src1, src2, 8);
    case CC_OP_ADCW:
        return all_adc(dst, src1, src2, 16);
    case CC_OP_ADCL:
        return all_adc(dst, src1, src2, 32);
    case CC_OP_SUBB:
        return all_sub(dst, src1, 8);
    case CC_OP_SUBW:
        return all_sub(dst, src1, 16);
    case CC_OP_SUBL:
        return all_sub(dst, src1, 32);
    case CC_OP_SBBB:
        return all_sbb(dst, src1, src2, 8);
    case CC_OP_SBBW:
        return all_sbb(dst, src1, src2, 16);
    case CC_OP_SBBL:
        return all_sbb(dst, src1, src2, 32);
    case CC_OP_LOGICB:
        return zsp(dst, 8);
    case CC_OP_LOGICW:
        return zsp(dst, 16);
    case CC_OP_LOGICL:
        return zsp(dst, 32);
    case CC_OP_INCB:
        return all_inc(dst, src1, 8);
    case CC_OP_INCW:
        return all_inc(dst, src1, 16);
    case CC_OP_INCL:
        return all_inc(dst, src1, 32);
    case CC_OP_DECB:
        return all_dec(dst, src1, 8);
    case CC_OP_DECW:
        return all_dec(dst, src1, 16);
    case CC_OP_DECL:
        return all_dec(dst, src1, 32);
    case CC_OP_SHLB:
        return all_shl(dst, src1, 8);
    case CC_OP_SHLW:
        return all_shl(dst, src1, 16);
    case CC_OP_SHLL:
        return all_shl(dst, src1, 32);
    case CC_OP_SARB:
        return all_sar(dst, src1, 8);
    case CC_OP_SARW:
        return all_sar(dst, src1, 16);
    case CC_OP_SARL:
        return all_sar(dst, src1, 32);
    case CC_OP_BMILGB:
        return all_bmilg(dst, src1, 8);
    case CC_OP_BMILGW:
        return all_bmilg(dst, src1, 16);
    case CC_OP_BMILGL:
        return all_bmilg(dst, src1, 32);
    default:
        /* 64-bit operations do not exist on this target; QEMU aborts
         * there, we answer "no flags" rather than crash. */
        return 0;
    }
}

uint32_t cpu_cc_compute_c(CPUX86State *env, int op)
{
    uint32_t dst = env->cc_dst, src1 = env->cc_src;

    switch (op) {
    case CC_OP_LOGICB ... CC_OP_LOGICL:
    case CC_OP_CLR:
    case CC_OP_POPCNT:
        return 0;
    case CC_OP_EFLAGS:
    case CC_OP_SARB ... CC_OP_SARL:
    case CC_OP_ADOX:
        return src1 & 1;
    case CC_OP_INCB ... CC_OP_INCL:
    case CC_OP_DECB ... CC_OP_DECL:
        return src1 & 1;
    case CC_OP_MULB ... CC_OP_MULL:
        return src1 != 0;
    case CC_OP_ADDB: return (uint8_t)dst < (uint8_t)src1;
    case CC_OP_ADDW: return (uint16_t)dst < (uint16_t)src1;
    case CC_OP_ADDL: return dst < src1;
    case CC_OP_SUBB: return (uint8_t)(dst + src1) < (uint8_t)src1;
    case CC_OP_SUBW: return (uint16_t)(dst + src1) < (uint16_t)src1;
    case CC_OP_SUBL: return dst + src1 < src1;
    case CC_OP_SHLB: return (src1 >> 7) & 1;
    case CC_OP_SHLW: return (src1 >> 15) & 1;
    case CC_OP_SHLL: return (src1 >> 31) & 1;
    case CC_OP_ADCX:
    case CC_OP_ADCOX:
        return dst & 1;
    default:
        return cpu_cc_compute_all(env, op) & CC_C;
    }
}
