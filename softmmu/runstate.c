/*
 * Running the machine (QEMU's softmmu/runstate.c and cpus.c, reduced to
 * one CPU in the main thread): create CPU 0, run it, and act on reset
 * and shutdown requests.
 *
 * Timers run on the CPU's thread between calls of cpu_exec.  A second
 * thread (QEMU's main loop, reduced to its timer part) sleeps until the
 * earliest timer is due and then asks the CPU to leave cpu_exec
 * (cpu_exit), which happens at the end of the running block.  A halted
 * CPU sleeps until a timer is due or a device raises an interrupt.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <unistd.h>
#include "softmmu/runstate.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"
#include "cpu/decode.h"
#include "hw/i386/pc.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"
#include "cpu/misc_helper.h"
#include "softmmu/timer.h"

typedef struct RunState {
    CPUX86State *cpu;
    struct PCMachineState *pc;
    RunOptions opts;
    VMRunState state;
    bool reset_requested;       /* by the guest or the monitor */
    bool shutdown_requested;    /* a reset with -no-reboot, or `quit` */
    bool quit;                  /* `quit`: exit even with -no-shutdown */
} RunState;

static RunState run_state;

/* qemu_system_reset_request: the guest asked for a reset (triple fault). */
static void reset_request(void *opaque)
{
    RunState *rs = opaque;
    rs->reset_requested = true;
    cpu_exit(rs->cpu);
}

/* qemu_system_reset: devices keep RAM; the CPU goes back to its reset
 * state first (its reset handler was registered before the devices'),
 * the machine's devices and its APIC after. */
static void system_reset(RunState *rs)
{
    x86_cpu_reset(rs->cpu);
    pc_machine_reset(rs->pc);
}

/* ---- the timer thread and the halted CPU's wait ------------------------- */

static pthread_mutex_t wait_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timer_cond = PTHREAD_COND_INITIALIZER;   /* deadline moved */
static pthread_cond_t work_cond = PTHREAD_COND_INITIALIZER;    /* CPU has work */
static bool work_posted;
static bool job_pending(void);

static void deadline_changed(void)
{
    pthread_mutex_lock(&wait_lock);
    pthread_cond_broadcast(&timer_cond);
    pthread_cond_broadcast(&work_cond);
    pthread_mutex_unlock(&wait_lock);
}

/* env->kick: an interrupt request was raised. */
static void kick_cpu(CPUX86State *env)
{
    cpu_exit(env);
    pthread_mutex_lock(&wait_lock);
    work_posted = true;
    pthread_cond_broadcast(&work_cond);
    pthread_mutex_unlock(&wait_lock);
}

static struct timespec mono_timespec(int64_t ns)
{
    return (struct timespec){ .tv_sec = ns / NANOSECONDS_PER_SECOND,
                              .tv_nsec = ns % NANOSECONDS_PER_SECOND };
}

/* Waits for the deadline to come, once per deadline, then kicks the CPU
 * out of cpu_exec so that it runs the timers. */
static void *timer_thread(void *opaque)
{
    CPUX86State *env = opaque;
    int64_t kicked = INT64_MIN;

    pthread_mutex_lock(&wait_lock);
    for (;;) {
        int64_t d = qemu_clock_next_deadline_mono();
        int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

        if (d != INT64_MAX && d <= now && d != kicked) {
            kicked = d;
            cpu_exit(env);
            pthread_cond_broadcast(&work_cond);
        } else if (d == INT64_MAX || d <= now) {
            pthread_cond_wait(&timer_cond, &wait_lock);
        } else {
            struct timespec ts = mono_timespec(d);
            pthread_cond_timedwait(&timer_cond, &wait_lock, &ts);
        }
    }
    return NULL;
}

static void start_timer_thread(CPUX86State *env)
{
    static bool started;
    pthread_condattr_t attr;
    pthread_t t;

    if (started) {
        return;
    }
    started = true;
    /* Deadlines are CLOCK_MONOTONIC times (QEMU_CLOCK_REALTIME). */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&timer_cond, &attr);
    pthread_cond_init(&work_cond, &attr);
    pthread_condattr_destroy(&attr);
    qemu_clock_set_deadline_notify(deadline_changed);
    if (pthread_create(&t, NULL, timer_thread, env) == 0) {
        pthread_detach(t);
    }
}

/* HLT: run the timers that are due; sleep until the next one or until a
 * device raises an interrupt; return once the CPU has work (QEMU's
 * qemu_wait_io_event with cpu_thread_is_idle). */
static void wait_for_work(RunState *rs)
{
    CPUX86State *env = rs->cpu;

    for (;;) {
        qemu_clock_run_all_timers();
        if (x86_cpu_has_work(env) || rs->reset_requested || job_pending()) {
            return;
        }
        pthread_mutex_lock(&wait_lock);
        if (!work_posted) {
            int64_t d = qemu_clock_next_deadline_mono();
            if (d == INT64_MAX) {
                pthread_cond_wait(&work_cond, &wait_lock);
            } else {
                struct timespec ts = mono_timespec(d);
                pthread_cond_timedwait(&work_cond, &wait_lock, &ts);
            }
        }
        work_posted = false;
        pthread_mutex_unlock(&wait_lock);
    }
}

/* ---- work from other threads: the monitor ------------------------------ */

/*
 * QEMU runs monitor commands in its main loop under the BQL while the vCPU
 * is outside cpu_exec.  Here the CPU thread is the main loop: another
 * thread hands it a job, kicks it out of cpu_exec (or out of its wait) and
 * sleeps until the job has run between two blocks.
 */
static pthread_cond_t job_cond = PTHREAD_COND_INITIALIZER;     /* job taken or done */
static void (*job_fn)(void *);
static void *job_opaque;
static bool loop_finished;

bool main_loop_call(void (*fn)(void *), void *opaque)
{
    CPUX86State *env = run_state.cpu;
    bool ran = false;

    pthread_mutex_lock(&wait_lock);
    while (job_fn && !loop_finished) {
        pthread_cond_wait(&job_cond, &wait_lock);
    }
    if (!loop_finished) {
        job_fn = fn;
        job_opaque = opaque;
        work_posted = true;
        pthread_cond_broadcast(&work_cond);
        if (env) {
            cpu_exit(env);
        }
        while (job_fn == fn && job_opaque == opaque && !loop_finished) {
            pthread_cond_wait(&job_cond, &wait_lock);
        }
        ran = job_fn != fn || job_opaque != opaque;
    }
    pthread_mutex_unlock(&wait_lock);
    return ran;
}

static bool job_pending(void)
{
    return __atomic_load_n(&job_fn, __ATOMIC_ACQUIRE) != NULL;
}

/* Run the job another thread posted, if any, on this (the CPU) thread. */
static void run_job(void)
{
    void (*fn)(void *);
    void *opaque;

    pthread_mutex_lock(&wait_lock);
    fn = job_fn;
    opaque = job_opaque;
    pthread_mutex_unlock(&wait_lock);
    if (!fn) {
        return;
    }
    fn(opaque);
    pthread_mutex_lock(&wait_lock);
    job_fn = NULL;
    job_opaque = NULL;
    pthread_cond_broadcast(&job_cond);
    pthread_mutex_unlock(&wait_lock);
}

/* A stopped machine: nothing runs until a job (the monitor's `cont`,
 * `system_reset`, `quit`) comes. */
static void wait_for_job(void)
{
    pthread_mutex_lock(&wait_lock);
    while (!job_fn) {
        pthread_cond_wait(&work_cond, &wait_lock);
    }
    pthread_mutex_unlock(&wait_lock);
}

/* X86SLICE_STATS=1 (x86slice only): the guest instruction count at exit,
 * on stderr, for `make bench` (the guest usually leaves through
 * isa-debug-exit, i.e. exit()). */
static void print_stats(void)
{
    if (run_state.cpu) {
        fprintf(stderr, "x86slice: %llu instructions\n",
                (unsigned long long)cpu_exec_icount(run_state.cpu));
    }
}

void x86slice_cpu_create(struct PCMachineState *pc)
{
    CPUX86State *env;

    if (run_state.cpu) {
        return;
    }
    env = x86_cpu_new(&pc->cpu_as_memory, &pc->cpu_as_smm, &pc->address_space_io);
    run_state.cpu = env;
    run_state.pc = pc;
    env->reset_request = reset_request;
    env->machine = &run_state;
    env->kick = kick_cpu;
    pc_connect_cpu(pc, env);
    if (getenv("X86SLICE_STATS")) {
        atexit(print_stats);
    }
    /* QEMU resets the CPU twice while starting (x86_cpu_new did the first). */
    x86_cpu_reset(env);
    tb_cache_init(env);
}

void qemu_system_reset_request(void)
{
    if (run_state.cpu) {
        reset_request(&run_state);
    }
}

struct PCMachineState *x86slice_machine(void)
{
    return run_state.pc;
}

CPUX86State *x86slice_first_cpu(void)
{
    return run_state.cpu;
}

void x86slice_cpu_destroy(void)
{
    if (run_state.cpu) {
        pc_connect_cpu(run_state.pc, NULL);
        tb_cache_destroy(run_state.cpu);
        x86_cpu_free(run_state.cpu);
        run_state.cpu = NULL;
    }
}

/* ---- run states (QEMU's RunState, the part the monitor shows) ----------- */

VMRunState vm_run_state(void)
{
    return run_state.state;
}

static void vm_set_running(RunState *rs, bool running)
{
    bool was = rs->state == VM_RUN_STATE_RUNNING;

    if (running && !was) {
        cpu_enable_ticks();
        qemu_clock_virtual_start();
    } else if (!running && was) {
        qemu_clock_virtual_stop();
        cpu_disable_ticks();
    }
}

/* vm_stop(RUN_STATE_PAUSED): only a running machine pauses (do_vm_stop). */
void vm_stop(void)
{
    RunState *rs = &run_state;

    if (rs->state == VM_RUN_STATE_RUNNING) {
        vm_set_running(rs, false);
        rs->state = VM_RUN_STATE_PAUSED;
    }
}

/* qmp_cont: a machine that shut down needs a reset first. */
bool vm_cont(const char **err)
{
    RunState *rs = &run_state;

    if (rs->state == VM_RUN_STATE_SHUTDOWN) {
        *err = "Resetting the Virtual Machine is required";
        return false;
    }
    vm_set_running(rs, true);
    rs->state = VM_RUN_STATE_RUNNING;
    return true;
}

/* qmp_system_reset: SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET, which -no-reboot
 * turns into a shutdown as it does a guest reset. */
void vm_system_reset_request(void)
{
    reset_request(&run_state);
}

/* qmp_quit: shut down with SHUTDOWN_ACTION_POWEROFF (-no-shutdown or not). */
void vm_quit_request(void)
{
    run_state.quit = true;
    run_state.shutdown_requested = true;
}

/* main_loop_should_exit: shutdown (pause with -no-shutdown, else leave),
 * then reset (a stopped machine is in prelaunch afterwards). */
static bool handle_requests(RunState *rs)
{
    if (rs->reset_requested && rs->opts.no_reboot) {
        rs->reset_requested = false;
        rs->shutdown_requested = true;
    }
    if (rs->shutdown_requested) {
        rs->shutdown_requested = false;
        if (!rs->opts.no_shutdown || rs->quit) {
            return true;
        }
        /* vm_stop(RUN_STATE_SHUTDOWN) changes only a running machine. */
        if (rs->state == VM_RUN_STATE_RUNNING) {
            vm_set_running(rs, false);
            rs->state = VM_RUN_STATE_SHUTDOWN;
        }
    }
    if (rs->reset_requested) {
        rs->reset_requested = false;
        system_reset(rs);
        if (rs->state != VM_RUN_STATE_RUNNING) {
            rs->state = VM_RUN_STATE_PRELAUNCH;
        }
    }
    return false;
}

int x86slice_run(struct PCMachineState *pc, const RunOptions *opts)
{
    RunState *rs = &run_state;
    CPUX86State *env;

    x86slice_cpu_create(pc);
    env = rs->cpu;
    x86_decode_opts.singlestep = opts->singlestep;
    x86_decode_opts.nochain = qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN);
    rs->opts = *opts;
    rs->state = VM_RUN_STATE_PRELAUNCH;
    start_timer_thread(env);
    if (!opts->start_stopped) {
        vm_cont(&(const char *){ NULL });
    }
    /* Outside cpu_exec this thread is QEMU's main loop, where there is no
     * current CPU (trace lines say "cpu -1"; the APIC's MMIO reads 0). */
    current_cpu_index = -1;
    for (;;) {
        run_job();
        if (handle_requests(rs)) {
            break;
        }
        if (rs->state != VM_RUN_STATE_RUNNING) {
            wait_for_job();
            continue;
        }
        current_cpu_index = 0;
        int r = cpu_exec(env);
        current_cpu_index = -1;

        qemu_clock_run_all_timers();
        if (r == EXCP_HLT && env->halted) {
            wait_for_work(rs);
        }
    }
    pthread_mutex_lock(&wait_lock);
    loop_finished = true;
    pthread_cond_broadcast(&job_cond);
    pthread_mutex_unlock(&wait_lock);
    current_cpu_index = -1;
    vm_set_running(rs, false);
    return 0;
}
