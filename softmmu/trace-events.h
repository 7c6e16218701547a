/*
 * The trace events x86slice emits: QEMU 7.2's names and formats, so -trace
 * patterns and log lines are interchangeable with QEMU's log backend.
 * X(name, (prototype), "format after the name", (arguments))
 * Devices keep their events beside them (hw/DIR/DEVICE-trace-events.h,
 * one TRACE_EVENTS_DEVICE(X) list each), collected here.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/intc/i8259-trace-events.h"
#include "hw/char/serial-trace-events.h"
#include "hw/rtc/mc146818rtc-trace-events.h"
#include "hw/i386/port92-trace-events.h"
#include "hw/pci/pci-trace-events.h"
#include "hw/nvram/fw_cfg-trace-events.h"
#include "hw/ide/ide-trace-events.h"
#include "hw/dma/i8257-trace-events.h"
#include "hw/block/fdc-trace-events.h"
#include "hw/intc/apic-trace-events.h"
#include "hw/intc/ioapic-trace-events.h"
#include "hw/input/pckbd-trace-events.h"
#include "hw/input/ps2-trace-events.h"
#include "hw/isa/apm-trace-events.h"

#define TRACE_EVENT_LIST(X)                                                         \
    X(memory_region_ops_read,                                                       \
      (int cpu_index, void *mr, uint64_t addr, uint64_t value, unsigned size,       \
       const char *name),                                                           \
      "cpu %d mr %p addr 0x%" PRIx64 " value 0x%" PRIx64 " size %u name '%s'",      \
      (cpu_index, mr, addr, value, size, name))                                     \
    X(memory_region_ops_write,                                                      \
      (int cpu_index, void *mr, uint64_t addr, uint64_t value, unsigned size,       \
       const char *name),                                                           \
      "cpu %d mr %p addr 0x%" PRIx64 " value 0x%" PRIx64 " size %u name '%s'",      \
      (cpu_index, mr, addr, value, size, name))                                     \
    X(memory_region_subpage_read,                                                   \
      (int cpu_index, void *mr, uint64_t offset, uint64_t value, unsigned size),    \
      "cpu %d mr %p offset 0x%" PRIx64 " value 0x%" PRIx64 " size %u",              \
      (cpu_index, mr, offset, value, size))                                         \
    X(memory_region_subpage_write,                                                  \
      (int cpu_index, void *mr, uint64_t offset, uint64_t value, unsigned size),    \
      "cpu %d mr %p offset 0x%" PRIx64 " value 0x%" PRIx64 " size %u",              \
      (cpu_index, mr, offset, value, size))                                     \
    TRACE_EVENTS_I8259(X)                                                           \
    TRACE_EVENTS_SERIAL(X)                                                          \
    TRACE_EVENTS_MC146818RTC(X)                                                     \
    TRACE_EVENTS_PORT92(X)                                                          \
    TRACE_EVENTS_PCI(X)                                                             \
    TRACE_EVENTS_FW_CFG(X)                                                          \
    TRACE_EVENTS_IDE(X)                                                             \
    TRACE_EVENTS_I8257(X)                                                           \
    TRACE_EVENTS_FDC(X)                                                             \
    TRACE_EVENTS_APIC(X)                                                            \
    TRACE_EVENTS_IOAPIC(X)                                                          \
    TRACE_EVENTS_PCKBD(X)                                                           \
    TRACE_EVENTS_PS2(X)                                                             \
    TRACE_EVENTS_APM(X)
