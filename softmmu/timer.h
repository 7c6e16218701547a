/*
 * Clocks and timers (QEMU's util/qemu-timer.c, include/qemu/timer.h).
 *
 *  - QEMU_CLOCK_REALTIME: host monotonic time; runs always.
 *  - QEMU_CLOCK_VIRTUAL: guest time.  0 until the VM first starts, then
 *    host monotonic time while the VM runs, frozen while it is stopped
 *    (qemu_clock_virtual_stop/start);
 *    with manual stepping on (qtest, unit tests) it moves only by
 *    qemu_clock_step.
 *  - QEMU_CLOCK_HOST: host wall-clock time (the RTC's base).
 *
 * Timers are kept sorted per clock and run by qemu_clock_run_all_timers
 * from the machine's thread (never from a signal handler or another
 * thread); a timer's callback may re-arm or delete any timer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_TIMER_H
#define SOFTMMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define SCALE_MS 1000000
#define SCALE_US 1000
#define SCALE_NS 1
#define NANOSECONDS_PER_SECOND 1000000000LL

typedef enum QEMUClockType {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL = 1,
    QEMU_CLOCK_HOST = 2,
    QEMU_CLOCK_MAX
} QEMUClockType;

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer {
    int64_t expire_time;        /* in ns; -1 when not pending */
    QEMUClockType type;
    int scale;
    QEMUTimerCB *cb;
    void *opaque;
    struct QEMUTimer *next;
} QEMUTimer;

int64_t qemu_clock_get_ns(QEMUClockType type);

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}

static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_US;
}

/* The virtual clock stops with the VM (QEMU's cpu_disable_ticks). */
void qemu_clock_virtual_stop(void);
void qemu_clock_virtual_start(void);

/* Manual virtual time (qtest's clock_step, unit tests): the virtual clock
 * stands still except through qemu_clock_step, which runs the timers due
 * on the way.  Turning it on sets virtual time to 0. */
void qemu_clock_set_manual(bool manual);
bool qemu_clock_is_manual(void);
/* Advance manual virtual time by ns; returns the new time. */
int64_t qemu_clock_step(int64_t ns);

/* timer_new_* (QEMU's timer_new with a scale: a timer's expiry is given in
 * its scale's units). */
QEMUTimer *timer_new(QEMUClockType type, int scale, QEMUTimerCB *cb, void *opaque);

static inline QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new(type, SCALE_NS, cb, opaque);
}

static inline QEMUTimer *timer_new_us(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new(type, SCALE_US, cb, opaque);
}

static inline QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return timer_new(type, SCALE_MS, cb, opaque);
}

/* Arm (or re-arm) to expire at expire_time, in the timer's scale. */
void timer_mod(QEMUTimer *t, int64_t expire_time);
void timer_mod_ns(QEMUTimer *t, int64_t expire_ns);
void timer_del(QEMUTimer *t);
bool timer_pending(const QEMUTimer *t);
/* The expiry in ns, -1 when not pending. */
int64_t timer_expire_time_ns(const QEMUTimer *t);
/* Delete and free (NULL is fine). */
void timer_free(QEMUTimer *t);

/* Run the timers of every clock whose time has come, in expiry order;
 * true if any ran. */
bool qemu_clock_run_all_timers(void);
/* The earliest pending timer's expiry as host CLOCK_MONOTONIC ns, or
 * INT64_MAX; safe to read from any thread.  notify (called on the
 * machine's thread whenever that value changes) lets a waiting thread
 * re-arm its wait. */
int64_t qemu_clock_next_deadline_mono(void);
void qemu_clock_set_deadline_notify(void (*notify)(void));

/* Nanoseconds until the earliest pending timer (0 if one is due), -1 if
 * none is pending. */
int64_t qemu_clock_deadline_ns_all(void);

#endif
