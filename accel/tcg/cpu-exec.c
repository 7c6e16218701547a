/*
 * The execution loop (QEMU's cpu_exec): deliver a pending exception,
 * take an interrupt at a block boundary, find the block for CS:EIP, log
 * the state (-d cpu, -d exec) and run the block's handlers.
 *
 * Exceptions leave a handler by siglongjmp to the sigsetjmp here (QEMU's
 * cpu_loop_exit); the handler has set env->exception_index and EIP still
 * points at the faulting instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"
#include "accel/tcg/tb-chain.h"
#include "cpu/decode.h"
#include "cpu/ops-decl.h"
#include "cpu/misc_helper.h"
#include "softmmu/log.h"


static void log_cpu_exec(CPUX86State *env, const TranslationBlock *tb)
{
    FILE *f = qemu_log_stream();

    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        /* QEMU's cflags: cluster 0xff, CF_NO_GOTO_TB (0x200) with -singlestep
         * or nochain, and the instruction limit 1 with -singlestep. */
        uint32_t cflags = 0xff000000u | tb->cflags |
            (x86_decode_opts.singlestep || x86_decode_opts.nochain ? 0x200u : 0u) |
            (x86_decode_opts.singlestep ? 1u : 0u);
        fprintf(f, "Trace 0: %p [%08x/%08x/%08x/%08x] \n", (const void *)tb, tb->cs_base,
                tb->pc, tb->flags, cflags);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
        int flags = CPU_DUMP_CCOP;
        if (qemu_loglevel_mask(CPU_LOG_TB_FPU)) {
            flags |= CPU_DUMP_FPU;
        }
        x86_cpu_dump_state(env, f, flags);
    }
}

__thread uintptr_t tb_chain_stack_limit;

void tb_chain_handler(CPUX86State *env, const DecodedInsn *d)
{
    tb_chain_step(env, d);
}

/* May tb end in tb_chain_handler?  Not when the loop has work after it. */
static bool tb_chainable(const TranslationBlock *tb)
{
    const DecodedInsn *last = &tb->insns[tb->n - 1];

    return tb->cached && !x86_decode_opts.nochain && !x86_decode_opts.singlestep &&
           !(tb->flags & (HF_RF_MASK | HF_TF_MASK | HF_INHIBIT_IRQ_MASK)) &&
           last->fn != h_sti && last->fn != h_mov_ss_load && last->fn != h_pop_ss &&
           !(qemu_loglevel & (CPU_LOG_TB_CPU | CPU_LOG_EXEC));
}

static void tb_link(TranslationBlock *from, TranslationBlock *to)
{
    int i = from->jmp_victim;

    if (!to->cached) {
        return;
    }
    from->jmp[i] = (struct TBLink){ .tb = to, .pc = to->pc, .cs_base = to->cs_base,
                                    .flags = to->flags, .gen = tb_gen };
    from->jmp_victim = (uint8_t)(i ^ 1);
    if (from->insns[from->n].fn == tb_end_handler && tb_chainable(from)) {
        from->insns[from->n].fn = tb_chain_handler;
    }
}

/* Run a block, and the blocks it chains to; returns the last one run if
 * it ended normally and may be linked from, else NULL.  Handlers chain
 * into each other (cpu/ops.h) and return here after a sentinel.  Only the
 * last instruction of a block may transfer control. */
static TranslationBlock *tb_exec(CPUX86State *env, TranslationBlock *tb)
{
    const DecodedInsn *d;

    tb_current = tb;
    tb->insns[0].fn(env, tb->insns);
    tb = tb_current;
    tb_current = NULL;
    d = env->cur_insn;
    if (d->fn == tb_chain_handler) {
        return tb;                  /* its epilogue is done */
    }
    env->icount += (uint64_t)(d - tb->insns) + 1;
    if (!d->is_jump) {
        env->eip = d->next_eip;
    }
    /* The interrupt shadow ends with the block that ran under it (QEMU's
     * gen_eob), unless that block set it (STI, MOV SS, POP SS).  A block
     * left by an exception or INT keeps it, as in QEMU. */
    if (d->fn != h_sti && d->fn != h_mov_ss_load && d->fn != h_pop_ss) {
        env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    }
    if (tb->flags & HF_RF_MASK) {
        env->eflags &= ~RF_MASK;
    }
    /* TF set when the block was decoded: a single-step trap after the
     * instruction (QEMU's gen_helper_single_step), except after MOV SS. */
    if (unlikely(tb->flags & HF_TF_MASK) && d->fn != h_mov_ss_load && d->fn != h_pop_ss) {
        helper_single_step(env);
    }
    /* No link from a block dropped while it ran (DMA over it). */
    return !tb->cached || tb->invalid ? NULL : tb;
}

uint64_t cpu_exec_icount(const CPUX86State *env)
{
    const TranslationBlock *tb = tb_current;
    const DecodedInsn *d = env->cur_insn;

    if (tb && d >= tb->insns && d < tb->insns + tb->n) {
        return env->icount + (uint64_t)(d - tb->insns) + 1;
    }
    return env->icount;
}

int cpu_exec(CPUX86State *env)
{
    static __thread TranslationBlock *volatile uncached;
    TranslationBlock *volatile last = NULL;
    volatile uint32_t last_gen = 0;

    x86_cpu_exec_enter(env);
    tb_chain_stack_limit = stack_pointer() - TB_CHAIN_STACK_BYTES;
    if (sigsetjmp(env->jmp_env, 0) != 0) {
        /* Back from a handler: an exception, or a loop exit.  The
         * instructions before the one that raised it count as run. */
        if (tb_current) {
            env->icount += (uint64_t)(env->cur_insn - tb_current->insns);
        }
        tb_current = NULL;
        last = NULL;
        if (uncached) {
            tb_release(env, uncached);
            uncached = NULL;
        }
    }
    for (;;) {
        int excp = env->exception_index;

        if (excp >= 0) {
            if (excp >= EXCP_INTERRUPT) {
                env->exception_index = -1;
                return excp;
            }
            x86_cpu_do_interrupt(env);
            env->exception_index = -1;
        }
        /* After an interrupt is taken one block runs before the next
         * check, as in QEMU's cpu_handle_interrupt, which a block to be
         * made with CF_NOIRQ (a store into the running block) skips. */
        bool noirq = env->cflags_next_tb != -1 && (env->cflags_next_tb & CF_NOIRQ);
        if (unlikely(env->interrupt_request) && !noirq) {
            if (env->interrupt_request & CPU_INTERRUPT_EXITTB) {
                /* The program flow changed (A20): no link from the last
                 * block (QEMU's cpu_handle_interrupt). */
                env->interrupt_request &= ~CPU_INTERRUPT_EXITTB;
                last = NULL;
            }
            if (env->interrupt_request & CPU_INTERRUPT_INIT) {
                /* QEMU's cpu_handle_interrupt: INIT resets the CPU and
                 * leaves cpu_exec with EXCP_HALTED. */
                do_cpu_init(env);
                return EXCP_HALTED;
            }
            x86_cpu_exec_interrupt(env, env->interrupt_request);
        }
        if (unlikely(env->exit_request) && !noirq) {
            __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELAXED);
            return EXCP_INTERRUPT;
        }
        if (env->halted) {
            return EXCP_HLT;
        }

        uint32_t cflags = 0;
        if (env->cflags_next_tb != -1) {
            cflags = (uint32_t)env->cflags_next_tb;
            env->cflags_next_tb = -1;
        }
        TranslationBlock *tb = tb_lookup(env, cflags);
        /* Link from the block run before, unless a block was dropped
         * since (it may have been that one). */
        if (last && last_gen == tb_gen) {
            tb_link(last, tb);
        }
        if (!tb->cached) {
            uncached = tb;
        }
        if (unlikely(qemu_loglevel & (CPU_LOG_TB_CPU | CPU_LOG_EXEC))) {
            log_cpu_exec(env, tb);
        }
        last = tb_exec(env, tb);
        last_gen = tb_gen;
        if (uncached) {
            tb_release(env, uncached);
            uncached = NULL;
        }
    }
}
