/*
 * Trace events of the i8042 keyboard controller (hw/input/pckbd.c), QEMU
 * 7.2's names and formats from hw/input/trace-events (collected by
 * softmmu/trace-events.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_PCKBD(X)                                                       \
    X(pckbd_kbd_read_data, (uint32_t val), "0x%02x", (val))                         \
    X(pckbd_kbd_read_status, (int status), "0x%02x", (status))                      \
    X(pckbd_outport_write, (uint32_t val), "0x%02x", (val))                         \
    X(pckbd_kbd_write_command, (uint64_t val), "0x%02" PRIx64, (val))               \
    X(pckbd_kbd_write_data, (uint64_t val), "0x%02" PRIx64, (val))
