/*
 * The i8254 programmable interval timer of the pc machine (QEMU 7.2's
 * hw/timer/i8254.c, i8254_common.c, include/hw/timer/i8254.h and
 * i8254_internal.h, without QOM and without the HPET's legacy-mode
 * irq_control input: the reference machine has hpet=off).
 *
 * Three channels clocked at PIT_FREQ.  Nothing counts: a channel keeps the
 * virtual-clock time its count was loaded at, and its count and output are
 * computed from the time elapsed since (QEMU's model, with its
 * simplifications: the gate only restarts modes 1, 2, 3 and 5 on a rising
 * edge and never stops a count; modes 6 and 7 are not folded onto 2 and 3;
 * BCD is stored and reported but counting stays binary; the status byte's
 * null-count bit is always 0).  Channel 0's output drives ISA IRQ 0 from a
 * QEMU_CLOCK_VIRTUAL timer armed at each output transition; channel 2's
 * gate and output belong to port 0x61 (hw/audio/pcspk.c).
 *
 * Wiring (what hw/i386/pc.c does, as QEMU's i8254_pit_init):
 *   pit = i8254_pit_new(isa_irq[0]);
 *   memory_region_init_io(&mr, owner, &pit_ioport_ops, pit, "pit", 4) at 0x40;
 *   pit_reset(pit) on every machine reset (the first one before the guest runs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include <stdint.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

#define TYPE_I8254      "isa-pit"
#define PIT_FREQ        1193182         /* Hz: 14.31818 MHz / 12 */
#define PIT_ISA_IRQ     0
#define PIT_ISA_BASE    0x40

/* Access mode of a channel (control word bits 5-4) and the state of its
 * LSB/MSB flip-flop: RW_STATE_WORD0/1 are "low byte next" / "high byte next"
 * for the word mode (3). */
#define RW_STATE_LSB    1
#define RW_STATE_MSB    2
#define RW_STATE_WORD0  3
#define RW_STATE_WORD1  4

/* One counter (QEMU's PITChannelState; byte fields as its vmstate). */
typedef struct PITChannelState {
    int count;                  /* initial count, 1..0x10000 (0 loads 0x10000) */
    uint16_t latched_count;
    uint8_t count_latched;      /* RW_STATE_* still to read from the latch, 0 none */
    uint8_t status_latched;
    uint8_t status;
    uint8_t read_state;         /* RW_STATE_* of the next count read */
    uint8_t write_state;        /* RW_STATE_* of the next count write */
    uint8_t write_latch;        /* low byte of a word write */
    uint8_t rw_mode;            /* access mode, 0 until the first control word */
    uint8_t mode;               /* 0..7 as written (6, 7 are not aliased) */
    uint8_t bcd;                /* stored and reported only */
    uint8_t gate;
    int64_t count_load_time;    /* QEMU_CLOCK_VIRTUAL ns */
    int64_t next_transition_time;   /* of the output; channel 0 only */
    QEMUTimer *irq_timer;       /* channel 0 only (NULL on 1 and 2) */
    qemu_irq irq;               /* channel 0 only */
} PITChannelState;

typedef struct PITCommonState {
    PITChannelState channels[3];
} PITCommonState;

/* What the PC speaker asks of channel 2 (QEMU's PITChannelInfo). */
typedef struct PITChannelInfo {
    int gate;
    int mode;
    int initial_count;
    int out;
} PITChannelInfo;

/* QEMU's pit_ioport_ops: byte-wide implementation, little-endian; offsets
 * 0-2 are the channels' count ports, 3 the control word (reads 0).
 * opaque is the PITCommonState. */
extern const MemoryRegionOps pit_ioport_ops;

/* Realize: channel 0's output is irq (may be NULL), its timer is created on
 * QEMU_CLOCK_VIRTUAL.  Fields start at 0 as a new QOM object's do, but
 * the counts, which start at 0x10000 (QEMU: 0, never seen since the
 * machine resets the PIT before the guest runs). */
PITCommonState *i8254_pit_new(qemu_irq irq);
/* Timer freed, then the state (NULL is fine). */
void pit_free(PITCommonState *pit);
/* QEMU's pit_reset: every channel to mode 3, count 0x10000, loaded now, gate
 * high but on channel 2; channel 0's timer armed for its next transition.
 * Access modes, latches and IRQ level are left as they are (QEMU's). */
void pit_reset(PITCommonState *pit);

/* Port 0x61's side (QEMU's pit_set_gate, pit_get_channel_info): val is 0/1. */
void pit_set_gate(PITCommonState *pit, int channel, int val);
void pit_get_channel_info(PITCommonState *pit, int channel, PITChannelInfo *info);

/* QEMU's formulas at a given QEMU_CLOCK_VIRTUAL time: the output level, and
 * the time of the next output transition (-1 if none will come). */
int pit_get_out(PITChannelState *s, int64_t current_time);
int64_t pit_get_next_transition_time(PITChannelState *s, int64_t current_time);

#endif
