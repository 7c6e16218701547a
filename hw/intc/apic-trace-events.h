/*
 * Trace events of the local APIC (hw/intc/apic.c) and of the pc machine's
 * interrupt wiring (hw/i386/pc.c: pic_irq_request, gsi_handler), QEMU
 * 7.2's names and formats (collected by softmmu/trace-events.h; same
 * X(...) shape).  From QEMU 7.2 hw/intc/trace-events, "# apic_common.c"
 * and "# apic.c", and hw/i386/trace-events, "# x86.c".
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_APIC(X)                                                       \
    X(cpu_set_apic_base, (uint64_t val), "0x%016" PRIx64, (val))                   \
    X(cpu_get_apic_base, (uint64_t val), "0x%016" PRIx64, (val))                   \
    X(apic_report_irq_delivered, (int apic_irq_delivered),                         \
      "coalescing %d", (apic_irq_delivered))                                       \
    X(apic_reset_irq_delivered, (int apic_irq_delivered),                          \
      "old coalescing %d", (apic_irq_delivered))                                   \
    X(apic_get_irq_delivered, (int apic_irq_delivered),                            \
      "returning coalescing %d", (apic_irq_delivered))                             \
    X(apic_local_deliver, (int vector, uint32_t lvt),                              \
      "vector %d delivery mode %d", (vector, lvt))                                 \
    X(apic_deliver_irq, (uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,   \
                         uint8_t vector_num, uint8_t trigger_mode),                \
      "dest %d dest_mode %d delivery_mode %d vector %d trigger_mode %d",           \
      (dest, dest_mode, delivery_mode, vector_num, trigger_mode))                  \
    X(apic_mem_readl, (uint64_t addr, uint32_t val),                               \
      "0x%" PRIx64 " = 0x%08x", (addr, val))                                       \
    X(apic_mem_writel, (uint64_t addr, uint32_t val),                              \
      "0x%" PRIx64 " = 0x%08x", (addr, val))                                       \
    X(x86_gsi_interrupt, (int irqn, int level),                                    \
      "GSI interrupt #%d level:%d", (irqn, level))                                 \
    X(x86_pic_interrupt, (int irqn, int level),                                    \
      "PIC interrupt #%d level:%d", (irqn, level))
