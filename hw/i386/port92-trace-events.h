/*
 * Trace events of port 0x92 (hw/i386/port92.c), QEMU 7.2's names and
 * formats (collected by softmmu/trace-events.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_PORT92(X)                                                      \
    X(port92_read, (uint8_t val), "port92: read 0x%02x", (val))                      \
    X(port92_write, (uint8_t val), "port92: write 0x%02x", (val))
