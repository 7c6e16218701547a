/*
 * Chaining (QEMU's goto_tb).  A block whose end needs nothing of the loop
 * (no TF/RF, no interrupt shadow, no logging) ends in tb_chain_handler
 * instead of tb_end_handler: it does the block's epilogue itself and,
 * unless an interrupt or exit request is pending, jumps straight into the
 * next block through one of the block's two links.  cpu_exec makes the
 * links after a full lookup (cpu-exec.c); tb_gen changing (a block
 * dropped, the TLB flushed) makes them all stale.
 *
 * Handlers reach each other by tail calls, which the compiler makes into
 * jumps when it can; where it cannot (unoptimised builds) the stack grows
 * with every block chained, so chaining stops once the stack has grown by
 * TB_CHAIN_STACK_BYTES since cpu_exec.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TB_CHAIN_H
#define ACCEL_TCG_TB_CHAIN_H

#include "accel/tcg/tb-cache.h"

#define TB_CHAIN_STACK_BYTES (64 * 1024)

/* Below this stack address, stop chaining (set by cpu_exec). */
extern __thread uintptr_t tb_chain_stack_limit;

/* The stack pointer, without making the caller set up a frame (which
 * __builtin_frame_address does, and which costs on this path). */
static inline __attribute__((always_inline)) uintptr_t stack_pointer(void)
{
#if defined(__x86_64__)
    uintptr_t sp;
    __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
    return sp;
#else
    return (uintptr_t)__builtin_frame_address(0);
#endif
}

static inline TranslationBlock *tb_of_sentinel(const DecodedInsn *d)
{
    const DecodedInsn *first = d - d->imm;
    return (TranslationBlock *)((uintptr_t)first - offsetof(TranslationBlock, insns));
}

static inline TranslationBlock *tb_linked(const TranslationBlock *tb, uint32_t cs_base,
                                          uint32_t pc, uint32_t flags)
{
    for (int i = 0; i < 2; i++) {
        const struct TBLink *l = &tb->jmp[i];
        if (l->pc == pc && l->gen == tb_gen && l->flags == flags && l->cs_base == cs_base) {
            return l->tb;
        }
    }
    return NULL;
}

/* The work of tb_chain_handler, for sentinel d. */
static inline __attribute__((always_inline))
void tb_chain_step(CPUX86State *env, const DecodedInsn *d)
{
    TranslationBlock *next;

    /* The epilogue of tb_exec, for a block that needs only this much. */
    env->icount += d->imm;
    if (!d->is_jump) {
        env->eip = d->next_eip;
    }
    env->cur_insn = d;
    if (unlikely(env->interrupt_request | env->exit_request) ||
        stack_pointer() < tb_chain_stack_limit) {
        return;
    }
    uint32_t cs_base = env->segs[R_CS].base;
    next = tb_linked(tb_of_sentinel(d), cs_base, cs_base + env->eip, x86_tb_flags(env));
    if (next) {
        tb_current = next;
        next->insns[0].fn(env, next->insns);
    }
}

#endif
