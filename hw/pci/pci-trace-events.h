/*
 * Trace events of the PCI core (QEMU 7.2's hw/pci/trace-events: pci.c and
 * pci_host.c), with QEMU's names and formats (collected by
 * softmmu/trace-events.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define TRACE_EVENTS_PCI(X)                                                         \
    X(pci_update_mappings_del,                                                      \
      (const char *dev, uint32_t bus, uint32_t slot, uint32_t func, int bar,         \
       uint64_t addr, uint64_t size),                                               \
      "%s %02x:%02x.%x %d,0x%" PRIx64 "+0x%" PRIx64,                                \
      (dev, bus, slot, func, bar, addr, size))                                      \
    X(pci_update_mappings_add,                                                      \
      (const char *dev, uint32_t bus, uint32_t slot, uint32_t func, int bar,         \
       uint64_t addr, uint64_t size),                                               \
      "%s %02x:%02x.%x %d,0x%" PRIx64 "+0x%" PRIx64,                                \
      (dev, bus, slot, func, bar, addr, size))                                      \
    X(pci_cfg_read,                                                                 \
      (const char *dev, uint32_t bus, uint32_t slot, uint32_t func, unsigned offs,   \
       unsigned val),                                                               \
      "%s %02x:%02x.%x @0x%x -> 0x%x", (dev, bus, slot, func, offs, val))           \
    X(pci_cfg_write,                                                                \
      (const char *dev, uint32_t bus, uint32_t slot, uint32_t func, unsigned offs,   \
       unsigned val),                                                               \
      "%s %02x:%02x.%x @0x%x <- 0x%x", (dev, bus, slot, func, offs, val))
