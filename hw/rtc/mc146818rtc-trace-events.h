/*
 * Trace events of the MC146818 RTC (hw/rtc/mc146818rtc.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_MC146818RTC(X)
