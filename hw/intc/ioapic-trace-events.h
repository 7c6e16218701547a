/*
 * Trace events of the I/O APIC (hw/intc/ioapic.c), QEMU 7.2's names and
 * formats (collected by softmmu/trace-events.h; same X(...) shape).
 * From QEMU 7.2 hw/intc/trace-events, "# ioapic.c".
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_IOAPIC(X)                                                     \
    X(ioapic_set_remote_irr, (int n), "set remote irr for pin %d", (n))            \
    X(ioapic_clear_remote_irr, (int n, int vector),                                \
      "clear remote irr for pin %d vector %d", (n, vector))                        \
    X(ioapic_eoi_broadcast, (int vector), "EOI broadcast for vector %d", (vector)) \
    X(ioapic_eoi_delayed_reassert, (int vector),                                   \
      "delayed reassert on EOI broadcast for vector %d", (vector))                 \
    X(ioapic_mem_read, (uint8_t addr, uint8_t regsel, uint8_t size, uint32_t val), \
      "ioapic mem read addr 0x%" PRIx8 " regsel: 0x%" PRIx8 " size 0x%" PRIx8     \
      " retval 0x%" PRIx32, (addr, regsel, size, val))                             \
    X(ioapic_mem_write, (uint8_t addr, uint8_t regsel, uint8_t size, uint32_t val),\
      "ioapic mem write addr 0x%" PRIx8 " regsel: 0x%" PRIx8 " size 0x%" PRIx8    \
      " val 0x%" PRIx32, (addr, regsel, size, val))                                \
    X(ioapic_set_irq, (int vector, int level),                                     \
      "vector: %d level: %d", (vector, level))
