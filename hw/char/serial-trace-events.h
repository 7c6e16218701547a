/*
 * Trace events of the 16550A UART (hw/char/serial.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_SERIAL(X)
