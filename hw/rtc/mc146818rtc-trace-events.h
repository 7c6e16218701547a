/*
 * Trace events of the MC146818 RTC (hw/rtc/mc146818rtc.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 *
 * QEMU 7.2 defines none: its hw/rtc/trace-events lists only other RTCs
 * (allwinner, sun4v, xlnx-zynqmp, pl031, aspeed, m48t59, goldfish), and
 * mc146818rtc.c calls no trace_*() (its CMOS_DPRINTF debug output is
 * compiled out).  Accesses to the "rtc" and "rtc-index" ports show up as
 * the memory API's memory_region_ops_read/write events, as in QEMU, so the
 * list stays empty: an event here would be one `-trace help` in QEMU lacks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_MC146818RTC(X)
