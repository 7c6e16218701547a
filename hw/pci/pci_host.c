/*
 * PCI configuration mechanism #1, as QEMU 7.2's hw/pci/pci_host.c
 * implements it (PCI Local Bus spec 3.0, 3.2.2.3.2):
 *  - CONFIG_ADDRESS latches only a 4-byte write at its offset 0; reads of
 *    any size return the latched value (the memory core picks the bytes);
 *  - CONFIG_DATA reads all ones and ignores writes while bit 31 is clear;
 *    otherwise the access goes to the register (latched | (port & 3)) of
 *    the function at bus/devfn, trimmed at the end of its 256 bytes;
 *    absent functions read all ones.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/pci/pci_host.h"
#include "softmmu/trace.h"

static PCIDevice *pci_dev_find_by_addr(PCIBus *bus, uint32_t addr)
{
    return pci_find_device(bus, (uint8_t)(addr >> 16), (uint8_t)(addr >> 8));
}

/* pci_host_config_write_common with the 256-byte limit of conventional
 * PCI: a register near the end takes only the bytes it has. */
void pci_data_write(PCIBus *bus, uint32_t addr, uint32_t val, unsigned len)
{
    PCIDevice *d = pci_dev_find_by_addr(bus, addr);
    uint32_t reg = addr & (PCI_CONFIG_SPACE_SIZE - 1);

    if (!d) {
        return;
    }
    trace_pci_cfg_write(d->name, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), reg, val);
    d->config_write(d, reg, val, MIN(len, PCI_CONFIG_SPACE_SIZE - reg));
}

/* pci_host_config_read_common: the value is traced as the device gave it. */
uint32_t pci_data_read(PCIBus *bus, uint32_t addr, unsigned len)
{
    PCIDevice *d = pci_dev_find_by_addr(bus, addr);
    uint32_t reg = addr & (PCI_CONFIG_SPACE_SIZE - 1);
    uint32_t val;

    if (!d) {
        return ~0u;
    }
    val = d->config_read(d, reg, MIN(len, PCI_CONFIG_SPACE_SIZE - reg));
    trace_pci_cfg_read(d->name, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), reg, val);
    return val;
}

/* Byte and word writes, and writes at 0xcf9-0xcfb, do not latch. */
static void pci_host_config_write(void *opaque, hwaddr addr, uint64_t val, unsigned len)
{
    PCIHostState *s = opaque;

    if (addr == 0 && len == 4) {
        s->config_reg = (uint32_t)val;
    }
}

static uint64_t pci_host_config_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    (void)addr;
    (void)len;
    return s->config_reg;
}

static void pci_host_data_write(void *opaque, hwaddr addr, uint64_t val, unsigned len)
{
    PCIHostState *s = opaque;

    if (s->config_reg & (1u << 31)) {
        pci_data_write(s->bus, s->config_reg | (addr & 3), (uint32_t)val, len);
    }
}

static uint64_t pci_host_data_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    if (!(s->config_reg & (1u << 31))) {
        return 0xffffffff;
    }
    return pci_data_read(s->bus, s->config_reg | (addr & 3), len);
}

/* No .valid/.impl limits: the memory core's defaults (1-4 bytes, aligned)
 * split and refuse accesses exactly as QEMU's do. */
const MemoryRegionOps pci_host_conf_le_ops = {
    .read = pci_host_config_read,
    .write = pci_host_config_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

const MemoryRegionOps pci_host_data_le_ops = {
    .read = pci_host_data_read,
    .write = pci_host_data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};
