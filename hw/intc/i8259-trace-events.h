/*
 * Trace events of the i8259 PIC (hw/intc/i8259.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_I8259(X)
