/*
 * The execution loop (QEMU's accel/tcg/cpu-exec.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_CPU_EXEC_H
#define ACCEL_TCG_CPU_EXEC_H

#include "cpu/cpu.h"

/* Run until something needs the caller: returns EXCP_HLT (halted, or
 * stopped by a reset request), EXCP_INTERRUPT (exit request). */
int cpu_exec(CPUX86State *env);

/* Instructions executed so far, counting the running block's up to and
 * including the current one (for an exit() from inside a handler). */
uint64_t cpu_exec_icount(const CPUX86State *env);

/* Ask the CPU to leave cpu_exec at the next block boundary (any thread). */
static inline void cpu_exit(CPUX86State *env)
{
    __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELEASE);
}

#endif
