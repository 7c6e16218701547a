/*
 * PIIX3 IDE function (QEMU 7.2 hw/ide/piix.c: pci_piix_ide_realize,
 * bmdma_setup_bar, pci_piix_init_ports, piix_ide_reset, piix3-ide's
 * class).  References: 82371FB (PIIX) and 82371SB (PIIX3) PCI ISA IDE
 * Xcelerator, 290550-002.
 *
 * QEMU's reset sets only COMMAND, STATUS and BMIBA; the IDE timing
 * registers (IDETIM 0x40-0x43, SIDETIM 0x44) keep whatever the guest
 * wrote, and start at 0 rather than the datasheet's values: QEMU wins.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/ide/piix.h"

/* STATUS at reset: medium DEVSEL timing, fast back-to-back capable
 * ([1], p.48). */
#define PCI_STATUS_FAST_BACK        0x0080
#define PCI_STATUS_DEVSEL_MEDIUM    0x0200

static const PCIDeviceInfo piix3_ide_info = {
    .vendor_id = 0x8086,                        /* Intel */
    .device_id = PCI_DEVICE_ID_INTEL_82371SB_1,
    .class_id = 0x0101,                         /* IDE storage */
};

/* Legacy ports and ISA IRQs of the two channels (pci_piix_init_ports). */
static const struct {
    uint32_t iobase, iobase2;
} piix_port_info[2] = {
    { 0x1f0, 0x3f6 },
    { 0x170, 0x376 },
};

/* bmdma_setup_bar: channel n's registers at 8n (command/status) and
 * 8n + 4 (PRD address) of the 16-byte BAR. */
static void bmdma_setup_bar(PCIIDEState *d, void *owner)
{
    memory_region_init(&d->bmdma_bar, owner, "piix-bmdma-container", 16);
    for (int i = 0; i < 2; i++) {
        BMDMAState *bm = &d->bmdma[i];

        memory_region_init_io(&bm->extra_io, owner, &piix_bmdma_ops, bm, "piix-bmdma", 4);
        memory_region_add_subregion(&d->bmdma_bar, i * 8, &bm->extra_io);
        memory_region_init_io(&bm->addr_ioport, owner, &bmdma_addr_ioport_ops, bm,
                              "bmdma", 4);
        memory_region_add_subregion(&d->bmdma_bar, i * 8 + 4, &bm->addr_ioport);
    }
}

/* pci_piix_init_ports: each bus's ports, its drives' reset (ide_init2),
 * and the BMDMA engine between the bus and its ISA line (bmdma_init). */
static void piix_init_ports(PCIIDEState *d, MemoryRegion *io_space, qemu_irq isa_irq[2])
{
    for (int i = 0; i < 2; i++) {
        bmdma_init(&d->bmdma[i], isa_irq[i]);
        ide_bus_init(&d->bus[i], d->bmdma[i].bus_irq);
        ide_init_ioport(&d->bus[i], io_space, piix_port_info[i].iobase,
                        piix_port_info[i].iobase2);
    }
}

PCIIDEState *piix3_ide_new(PCIBus *bus, int devfn, MemoryRegion *io_space, void *owner,
                           qemu_irq isa_irq[2], char **errp)
{
    PCIIDEState *d = g_new0(PCIIDEState, 1);

    if (!pci_register_device(bus, &d->dev, "piix3-ide", devfn, &piix3_ide_info, errp)) {
        g_free(d);
        return NULL;
    }
    d->dev.config[PCI_CLASS_PROG] = 0x80;       /* legacy ATA mode, bus master */
    bmdma_setup_bar(d, owner);
    pci_register_bar(&d->dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &d->bmdma_bar);
    piix_init_ports(d, io_space, isa_irq);
    return d;
}

void piix_ide_reset(PCIIDEState *d)
{
    uint8_t *conf = d->dev.config;

    for (int i = 0; i < 2; i++) {
        ide_bus_reset(&d->bus[i]);
        bmdma_reset(&d->bmdma[i]);      /* the bus's DMA provider */
    }
    pci_set_word(conf + PCI_COMMAND, 0x0000);
    pci_set_word(conf + PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK);
    pci_set_long(conf + PIIX_IDE_BMIBA, PCI_BASE_ADDRESS_SPACE_IO);
}

void piix3_ide_free(PCIIDEState *d)
{
    if (!d) {
        return;
    }
    pci_unregister_device(&d->dev);
    for (int i = 0; i < 2; i++) {
        BMDMAState *bm = &d->bmdma[i];

        ide_exit_ioport(&d->bus[i]);
        ide_bus_free(&d->bus[i]);
        bmdma_free(bm);
        memory_region_del_subregion(&d->bmdma_bar, &bm->extra_io);
        memory_region_del_subregion(&d->bmdma_bar, &bm->addr_ioport);
        memory_region_finalize(&bm->extra_io);
        memory_region_finalize(&bm->addr_ioport);
    }
    memory_region_finalize(&d->bmdma_bar);
    g_free(d);
}
