/*
 * `info qtree` of the pc machine: QEMU 7.2's device tree for the reference
 * machine, its devices and properties as QEMU prints them.  The PCI
 * functions come from the bus (their BARs are live); the serial ports and
 * the -device devices from what the command line created.  Each bus lists
 * its devices newest first, as QEMU does.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/i386/pc-qtree.h"
#include "hw/pci/pci-hmp-cmds.h"

static void gpio(QTree *t, int in, int out)
{
    if (in) {
        qtree_gpio(t, true, "", in);
    }
    if (out) {
        qtree_gpio(t, false, "", out);
    }
}

static void i8259(QTree *t, bool master)
{
    qtree_dev(t, "isa-i8259", NULL);
    gpio(t, 8, 1);
    qtree_prop_uint(t, "iobase", master ? 0x20 : 0xa0);
    qtree_prop_uint(t, "elcr_addr", master ? 0x4d0 : 0x4d1);
    qtree_prop_uint(t, "elcr_mask", master ? 0xf8 : 0xde);
    qtree_prop_bool(t, "master", master);
    qtree_end(t);
}

static void i8257(QTree *t, uint32_t base, uint32_t page_base, uint32_t dshift)
{
    qtree_dev(t, "i8257", NULL);
    qtree_prop_uint(t, "base", base);
    qtree_prop_uint(t, "page-base", page_base);
    qtree_prop_int(t, "pageh-base", -1);
    qtree_prop_uint(t, "dshift", dshift);
    qtree_end(t);
}

/* The serial ports in creation order reversed (COM4 first). */
static void serial_ports(QTree *t, const PCMachineState *s)
{
    for (int i = MAX_ISA_SERIAL_PORTS - 1; i >= 0; i--) {
        if (!s->serial[i]) {
            continue;
        }
        qtree_dev(t, "isa-serial", NULL);
        qtree_prop_uint(t, "index", (uint64_t)i);
        qtree_prop_uint(t, "iobase", serial_isa_io[i]);
        qtree_prop_uint(t, "irq", serial_isa_irq[i]);
        qtree_end(t);
    }
}

/* isa.0, under PIIX3: pc_init1 / pc_basic_device_init / pc_superio_init
 * creation order, newest first, after the -device devices. */
static void isa_bus(QTree *t, const PCMachineState *s, void (*user_devices)(QTree *t))
{
    qtree_bus(t, "isa.0", "ISA");
    if (user_devices) {
        user_devices(t);
    }
    qtree_dev(t, "port92", NULL);
    qtree_gpio(t, false, "a20", 1);
    qtree_end(t);
    qtree_dev(t, "i8042", NULL);
    qtree_gpio(t, true, "ps2-mouse-input-irq", 1);
    qtree_gpio(t, true, "ps2-kbd-input-irq", 1);
    qtree_gpio(t, false, "", 2);
    qtree_gpio(t, false, "a20", 1);
    qtree_prop_bool(t, "extended-state", true);
    qtree_prop_bool(t, "kbd-throttle", false);
    qtree_prop_uint(t, "kbd-irq", 1);
    qtree_prop_uint(t, "mouse-irq", 12);
    qtree_end(t);
    qtree_dev(t, "isa-fdc", NULL);
    qtree_prop_uint(t, "iobase", 0x3f0);
    qtree_prop_uint(t, "irq", 6);
    qtree_prop_uint(t, "dma", 2);
    qtree_prop_str(t, "fdtypeA", "auto");
    qtree_prop_str(t, "fdtypeB", "auto");
    qtree_prop_str(t, "fallback", "288");
    qtree_bus(t, "floppy-bus.0", "floppy-bus");
    qtree_end(t);
    qtree_end(t);
    serial_ports(t, s);
    qtree_dev(t, "isa-pcspk", NULL);
    qtree_prop_str(t, "audiodev", "");
    qtree_prop_uint(t, "iobase", 0x61);
    qtree_prop_bool(t, "migrate", true);
    qtree_end(t);
    qtree_dev(t, "isa-pit", NULL);
    gpio(t, 1, 1);
    qtree_prop_uint(t, "iobase", 0x40);
    qtree_end(t);
    qtree_dev(t, "mc146818rtc", NULL);
    gpio(t, 0, 1);
    qtree_prop_uint(t, "base_year", 0);
    qtree_prop_uint(t, "iobase", 0x70);
    qtree_prop_uint(t, "irq", 8);
    qtree_prop_str(t, "lost_tick_policy", "discard");
    qtree_end(t);
    i8259(t, false);
    i8259(t, true);
    i8257(t, 0xc0, 0x88, 1);
    i8257(t, 0x00, 0x80, 0);
    qtree_end(t);
}

/* One function of pci.0 by its IDs (QEMU's type names), with its child
 * buses. */
static void pci_function(QTree *t, const PCMachineState *s, const PCIDevice *d,
                         void (*user_devices)(QTree *t))
{
    uint16_t id = pci_get_word(d->config + PCI_DEVICE_ID);
    const char *type = id == 0x1237 ? "i440FX" : id == 0x7000 ? "PIIX3" :
                       id == 0x7010 ? "piix3-ide" : d->name;

    qtree_dev(t, type, NULL);
    pci_qtree_print(t, d);
    if (id == 0x7000) {
        isa_bus(t, s, user_devices);
    } else if (id == 0x7010) {
        qtree_bus(t, "ide.1", "IDE");
        qtree_end(t);
        qtree_bus(t, "ide.0", "IDE");
        qtree_end(t);
    }
    qtree_end(t);
}

void pc_qtree_print(QTree *t, const PCMachineState *s, void (*user_devices)(QTree *t))
{
    qtree_bus(t, "main-system-bus", "System");
    qtree_dev(t, "ps2-mouse", NULL);
    gpio(t, 0, 1);
    qtree_end(t);
    qtree_dev(t, "ps2-kbd", NULL);
    gpio(t, 0, 1);
    qtree_end(t);
    qtree_dev(t, "ioapic", NULL);
    gpio(t, 24, 0);
    qtree_prop_uint(t, "version", 0x20);
    qtree_line(t, "mmio %016llx/%016llx", 0xfec00000ULL, 0x1000ULL);
    qtree_end(t);
    qtree_dev(t, "i440FX-pcihost", NULL);
    qtree_line(t, "pci-hole64-size = 2147483648 (2 GiB)");
    qtree_prop_uint(t, "short_root_bus", 0);
    qtree_prop_bool(t, "x-pci-hole64-fix", true);
    qtree_prop_bool(t, "x-config-reg-migration-enabled", true);
    qtree_prop_bool(t, "bypass-iommu", false);
    qtree_bus(t, "pci.0", "PCI");
    for (int devfn = 255; devfn >= 0; devfn--) {
        if (s->pci_bus.devices[devfn]) {
            pci_function(t, s, s->pci_bus.devices[devfn], user_devices);
        }
    }
    qtree_end(t);
    qtree_end(t);
    qtree_dev(t, "fw_cfg_io", NULL);
    qtree_prop_bool(t, "dma_enabled", true);
    qtree_prop_uint(t, "x-file-slots", 32);
    qtree_prop_bool(t, "acpi-mr-restore", true);
    qtree_end(t);
    qtree_end(t);
}
