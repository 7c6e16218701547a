/*
 * Trace events of the floppy disk controller (hw/block/fdc.c), QEMU 7.2's
 * names and formats (collected by softmmu/trace-events.h).
 * From QEMU 7.2 hw/block/trace-events:
 *   fdc_ioport_read(uint8_t reg, uint8_t value) "read reg 0x%02x val 0x%02x"
 *   fdc_ioport_write(uint8_t reg, uint8_t value) "write reg 0x%02x val 0x%02x"
 * (fdctrl_tc_pulse belongs to the sysbus FDC, which the pc machine lacks.)
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_FDC(X)                                                         \
    X(fdc_ioport_read, (uint8_t reg, uint8_t value),                                \
      "read reg 0x%02x val 0x%02x", (reg, value))                                   \
    X(fdc_ioport_write, (uint8_t reg, uint8_t value),                               \
      "write reg 0x%02x val 0x%02x", (reg, value))
