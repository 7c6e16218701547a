/*
 * Running the machine: CPU creation, the main execution loop, reset and
 * shutdown requests (QEMU's softmmu/runstate.c and cpus.c, much reduced).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_RUNSTATE_H
#define SOFTMMU_RUNSTATE_H

#include <stdbool.h>

struct PCMachineState;

/* Options that change how the machine runs (set by softmmu/vl.c). */
typedef struct RunOptions {
    bool singlestep;            /* -singlestep: one instruction per block */
    bool no_reboot;             /* -no-reboot: a reset request exits instead */
    bool no_shutdown;           /* -no-shutdown */
    bool start_stopped;         /* -S */
} RunOptions;

struct CPUX86State;

/* The run states `info status` tells apart (QEMU's RunState subset). */
typedef enum VMRunState {
    VM_RUN_STATE_PRELAUNCH,     /* -S, or reset while stopped */
    VM_RUN_STATE_RUNNING,
    VM_RUN_STATE_PAUSED,        /* `stop` */
    VM_RUN_STATE_SHUTDOWN,      /* stopped by -no-shutdown; needs a reset */
} VMRunState;

/* On the CPU thread (e.g. in a main_loop_call job): */
VMRunState vm_run_state(void);
void vm_stop(void);                     /* `stop` */
bool vm_cont(const char **err);         /* `cont`; false with QEMU's message */
void vm_system_reset_request(void);     /* `system_reset` */
void vm_quit_request(void);             /* `quit` */

/* From another thread: run fn(opaque) on the CPU thread between two blocks
 * (QEMU's main loop holding the BQL) and wait for it.  Returns false,
 * without running it, once the machine has finished running. */
bool main_loop_call(void (*fn)(void *), void *opaque);

/* Create CPU 0 (QEMU creates it while building the machine, before the
 * first reset), so that the monitor can show it before it runs. */
void x86slice_cpu_create(struct PCMachineState *pc);
/* The machine CPU 0 belongs to, or NULL before x86slice_cpu_create. */
struct PCMachineState *x86slice_machine(void);
/* CPU 0, or NULL before x86slice_cpu_create. */
struct CPUX86State *x86slice_first_cpu(void);
/* A device asks for a system reset (QEMU's qemu_system_reset_request with
 * SHUTDOWN_CAUSE_GUEST_RESET): the CPU leaves cpu_exec at the end of the
 * block and the machine resets (or exits with -no-reboot). */
void qemu_system_reset_request(void);

/* Free CPU 0 and its decode cache. */
void x86slice_cpu_destroy(void);

/* Run CPU 0 (created on demand) until the guest shuts the
 * machine down (or exits through isa-debug-exit, which never returns).
 * Returns the process exit status. */
int x86slice_run(struct PCMachineState *pc, const RunOptions *opts);

#endif
