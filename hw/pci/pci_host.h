/*
 * PCI configuration mechanism #1 (QEMU 7.2's hw/pci/pci_host.c): the
 * CONFIG_ADDRESS register at 0xcf8 and the CONFIG_DATA window at 0xcfc.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_HOST_H
#define HW_PCI_PCI_HOST_H

#include <stdint.h>
#include "hw/pci/pci.h"
#include "softmmu/memory.h"

/* The host bridge's state a guest sees (QEMU's PCIHostState). */
typedef struct PCIHostState {
    uint32_t config_reg;        /* last 4-byte write to CONFIG_ADDRESS */
    PCIBus *bus;
} PCIHostState;

/* Ops of "pci-conf-idx" and "pci-conf-data" (4 bytes each), opaque =
 * PCIHostState: QEMU's pci_host_conf_le_ops / pci_host_data_le_ops. */
extern const MemoryRegionOps pci_host_conf_le_ops;
extern const MemoryRegionOps pci_host_data_le_ops;

/* pci_data_read / pci_data_write: addr is a CONFIG_ADDRESS value (bus in
 * bits 23-16, devfn in 15-8, register in 7-0; bit 31 is not looked at). */
uint32_t pci_data_read(PCIBus *bus, uint32_t addr, unsigned len);
void pci_data_write(PCIBus *bus, uint32_t addr, uint32_t val, unsigned len);

#endif
