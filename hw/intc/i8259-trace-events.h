/*
 * Trace events of the i8259 PIC (hw/intc/i8259.c), QEMU 7.2's names and formats
 * (collected by softmmu/trace-events.h; same X(...) shape).
 * QEMU 7.2 hw/intc/trace-events, "# i8259.c" section.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_I8259(X)                                                      \
    X(pic_update_irq, (bool master, uint8_t imr, uint8_t irr, uint8_t padd),       \
      "master %d imr %" PRIu8 " irr %" PRIu8 " padd %" PRIu8,                      \
      (master, imr, irr, padd))                                                    \
    X(pic_set_irq, (bool master, int irq, int level),                              \
      "master %d irq %d level %d", (master, irq, level))                           \
    X(pic_interrupt, (int irq, int intno),                                         \
      "irq %d intno %d", (irq, intno))                                             \
    X(pic_ioport_write, (bool master, uint64_t addr, uint64_t val),                \
      "master %d addr 0x%" PRIx64 " val 0x%" PRIx64, (master, addr, val))         \
    X(pic_ioport_read, (bool master, uint64_t addr, int val),                      \
      "master %d addr 0x%" PRIx64 " val 0x%x", (master, addr, val))
