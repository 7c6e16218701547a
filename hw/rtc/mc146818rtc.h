/*
 * MC146818 real-time clock and CMOS RAM, as QEMU 7.2's hw/rtc/mc146818rtc.c
 * (include/hw/rtc/mc146818rtc.h, mc146818rtc_regs.h) with the "discard"
 * lost-tick policy (QEMU's default; -rtc driftfix=slew is not modelled).
 *
 * Guest interface: two ports, index (bit 7 = NMI mask, not stored) and
 * data, 128 bytes of CMOS of which 0x00-0x0d are the clock registers.
 * Time registers are computed lazily from a base time and a clock, as in
 * QEMU: guest time = base_rtc + (clock now - last_update) + offset.
 *
 * Wiring (what hw/i386/pc.c does, as QEMU's rtc_realizefn):
 *   s = mc146818_rtc_new(2000, isa_irq[RTC_ISA_IRQ]);
 *   memory_region_init_io(&rtc, owner, &cmos_ops, s, "rtc", 2);      at 0x70
 *   memory_region_init_io(&rtc_index, owner, &cmos_ops, s, "rtc-index", 1);
 *   memory_region_add_subregion(&rtc, 0, &rtc_index);
 *   rtc_set_memory(s, ...) for pc_cmos_init; mc146818_rtc_reset(s) on
 *   every machine reset (QEMU resets the device once before the guest runs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include <stdint.h>
#include <time.h>
#include "hw/core/irq.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"

#define TYPE_MC146818_RTC "mc146818rtc"
#define RTC_ISA_IRQ  8
#define RTC_ISA_BASE 0x70

/* CMOS indexes (mc146818rtc_regs.h). */
#define RTC_SECONDS             0
#define RTC_SECONDS_ALARM       1
#define RTC_MINUTES             2
#define RTC_MINUTES_ALARM       3
#define RTC_HOURS               4
#define RTC_HOURS_ALARM         5
#define RTC_ALARM_DONT_CARE     0xc0
#define RTC_DAY_OF_WEEK         6
#define RTC_DAY_OF_MONTH        7
#define RTC_MONTH               8
#define RTC_YEAR                9
#define RTC_REG_A               10
#define RTC_REG_B               11
#define RTC_REG_C               12
#define RTC_REG_D               13
#define RTC_CENTURY             0x32    /* PC CMOS mapping */
#define RTC_IBM_PS2_CENTURY_BYTE 0x37   /* accesses are redirected to 0x32 */

#define REG_A_UIP  0x80

#define REG_B_SET  0x80
#define REG_B_PIE  0x40
#define REG_B_AIE  0x20
#define REG_B_UIE  0x10
#define REG_B_SQWE 0x08
#define REG_B_DM   0x04
#define REG_B_24H  0x02

#define REG_C_IRQF 0x80
#define REG_C_PF   0x40
#define REG_C_AF   0x20
#define REG_C_UF   0x10
#define REG_C_MASK 0x70

#define REG_D_VRT  0x80

/* The 32.768 kHz time base; UIP is held for 8 of its cycles (244 us). */
#define RTC_CLOCK_RATE   32768
#define UIP_HOLD_LENGTH  (8 * NANOSECONDS_PER_SECOND / RTC_CLOCK_RATE)

typedef struct RTCState {
    uint8_t cmos_data[128];
    uint8_t cmos_index;
    int32_t base_year;          /* 2000 is taken as 0 (see mc146818_rtc_new) */
    uint64_t base_rtc;          /* guest seconds at last_update */
    uint64_t last_update;       /* clock ns when base_rtc was taken */
    int64_t offset;             /* ns added to the guest time */
    qemu_irq irq;               /* ISA IRQ 8 (or whatever the machine wires) */
    QEMUClockType clock;        /* QEMU's rtc_clock; QEMU_CLOCK_HOST by default */
    /* periodic interrupt */
    QEMUTimer *periodic_timer;
    int64_t next_periodic_time;
    uint32_t period;            /* in 32 kHz cycles; 0 when off */
    /* update-ended and alarm interrupts */
    QEMUTimer *update_timer;
    uint64_t next_alarm_time;
} RTCState;

/* mc146818_rtc_init + realize: registers A-D at their power-on values
 * (0x26, 0x02, 0x00, 0x80), the date from the host's UTC clock (QEMU's
 * default -rtc base=utc,clock=host), timers on QEMU_CLOCK_HOST.  A base_year
 * of 2000 becomes 0 so that the century byte holds the real century (the pc
 * machine passes 2000); the property default is 1980.  irq may be NULL. */
RTCState *mc146818_rtc_new(int base_year, qemu_irq irq);
/* Timers deleted and freed, then the state (NULL is fine). */
void mc146818_rtc_free(RTCState *s);
/* Device reset (QEMU's rtc_reset_enter + rtc_reset_hold): CMOS 0x0f cleared
 * unless 0xfe, PIE/AIE/SQWE and the C flags cleared, IRQ lowered. */
void mc146818_rtc_reset(RTCState *s);
/* Connect (or disconnect, NULL) the interrupt output. */
void mc146818_rtc_connect_irq(RTCState *s, qemu_irq irq);

/* The guest time becomes t (UTC seconds; for -rtc base=localtime pass the
 * local broken-down time converted with timegm) at the clock's current
 * time, and the CMOS date registers are rewritten, as realize does with
 * qemu_get_timedate.  -rtc base=DATE, and tests. */
void mc146818_rtc_set_base_time(RTCState *s, time_t t);
/* Switch the clock the RTC runs on (-rtc clock=host|rt|vm: QEMU_CLOCK_HOST,
 * _REALTIME, _VIRTUAL).  The guest time carries on from its current value;
 * pending timers move to the new clock. */
void mc146818_rtc_set_clock(RTCState *s, QEMUClockType clock);
/* The current guest date (QEMU's "date" property, "rtc-time"). */
void mc146818_rtc_get_date(RTCState *s, struct tm *tm);

/* CMOS bytes for the machine (QEMU's rtc_set_memory / rtc_get_memory):
 * raw bytes, no side effects.  Addresses outside 0..127 are ignored by the
 * setter and read as 0 by the getter (QEMU asserts). */
void rtc_set_memory(RTCState *s, int addr, int val);
int rtc_get_memory(RTCState *s, int addr);

/* QEMU's cmos_ops: byte-wide implementation (.impl 1..1), little-endian,
 * even offsets are the index port, odd ones the data port; opaque is the
 * RTCState.  Used by both "rtc" (2 bytes) and "rtc-index" (1 byte). */
extern const MemoryRegionOps cmos_ops;

#endif
