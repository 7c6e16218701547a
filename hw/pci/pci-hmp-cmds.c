/*
 * `info pci` (QEMU 7.2's hmp_info_pci over qmp_query_pci): every function
 * on bus 0 in devfn order with its class, IDs, IRQ pin and BARs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include "hw/pci/pci-hmp-cmds.h"

/* pci_class_descriptions: the first entry matching the class word. */
static const struct { uint16_t class_id; const char *desc; } class_desc[] = {
    { 0x0001, "VGA controller" }, { 0x0100, "SCSI controller" },
    { 0x0101, "IDE controller" }, { 0x0102, "Floppy controller" },
    { 0x0103, "IPI controller" }, { 0x0104, "RAID controller" },
    { 0x0106, "SATA controller" }, { 0x0107, "SAS controller" },
    { 0x0180, "Storage controller" }, { 0x0200, "Ethernet controller" },
    { 0x0201, "Token Ring controller" }, { 0x0202, "FDDI controller" },
    { 0x0203, "ATM controller" }, { 0x0280, "Network controller" },
    { 0x0300, "VGA controller" }, { 0x0301, "XGA controller" },
    { 0x0302, "3D controller" }, { 0x0380, "Display controller" },
    { 0x0400, "Video controller" }, { 0x0401, "Audio controller" },
    { 0x0402, "Phone" }, { 0x0403, "Audio controller" },
    { 0x0480, "Multimedia controller" }, { 0x0500, "RAM controller" },
    { 0x0501, "Flash controller" }, { 0x0580, "Memory controller" },
    { 0x0600, "Host bridge" }, { 0x0601, "ISA bridge" }, { 0x0602, "EISA bridge" },
    { 0x0603, "MC bridge" }, { 0x0604, "PCI bridge" }, { 0x0605, "PCMCIA bridge" },
    { 0x0606, "NUBUS bridge" }, { 0x0607, "CARDBUS bridge" },
    { 0x0608, "RACEWAY bridge" }, { 0x0680, "Bridge" }, { 0x0700, "Serial port" },
    { 0x0701, "Parallel port" }, { 0x0800, "Interrupt controller" },
    { 0x0801, "DMA controller" }, { 0x0802, "Timer" }, { 0x0803, "RTC" },
    { 0x0900, "Keyboard" }, { 0x0901, "Pen" }, { 0x0902, "Mouse" },
    { 0x0A00, "Dock station" }, { 0x0B00, "i386 cpu" },
    { 0x0c00, "Firewire controller" }, { 0x0c01, "Access bus controller" },
    { 0x0c02, "SSA controller" }, { 0x0c03, "USB controller" },
    { 0x0c04, "Fibre channel controller" }, { 0x0c05, "SMBus" },
};

static const char *class_description(uint16_t class_id)
{
    for (size_t i = 0; i < sizeof(class_desc) / sizeof(class_desc[0]); i++) {
        if (class_desc[i].class_id == class_id) {
            return class_desc[i].desc;
        }
    }
    return NULL;
}

static void info_bar(GString *out, int bar, const PCIIORegion *r)
{
    g_string_append_printf(out, "      BAR%d: ", bar);
    if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
        g_string_append_printf(out, "I/O at 0x%04" PRIx64 " [0x%04" PRIx64 "].\n",
                               r->addr, r->addr + r->size - 1);
    } else {
        g_string_append_printf(out, "%d bit%s memory at 0x%08" PRIx64 " [0x%08" PRIx64 "].\n",
                               (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) ? 64 : 32,
                               (r->type & PCI_BASE_ADDRESS_MEM_PREFETCH) ? " prefetchable" : "",
                               r->addr, r->addr + r->size - 1);
    }
}

/* hmp_info_pci_device for a type 0 function (no bridges here). */
static void info_device(GString *out, const PCIDevice *d)
{
    uint16_t class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    const char *desc = class_description(class_id);
    uint8_t pin = d->config[PCI_INTERRUPT_PIN];

    g_string_append_printf(out, "  Bus %2d, device %3d, function %d:\n    ", 0,
                           PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
    if (desc) {
        g_string_append(out, desc);
    } else {
        g_string_append_printf(out, "Class %04d", class_id);
    }
    g_string_append_printf(out, ": PCI device %04x:%04x\n",
                           pci_get_word(d->config + PCI_VENDOR_ID),
                           pci_get_word(d->config + PCI_DEVICE_ID));
    g_string_append_printf(out, "      PCI subsystem %04x:%04x\n",
                           pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                           pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    if (pin) {
        g_string_append_printf(out, "      IRQ %d, pin %c\n", d->config[PCI_INTERRUPT_LINE],
                               (char)('A' + pin - 1));
    }
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        if (d->io_regions[i].size) {
            info_bar(out, i, &d->io_regions[i]);
        }
    }
    g_string_append(out, "      id \"\"\n");
}

/* `info qtree` of a function: pci_props, then pcibus_dev_print. */
void pci_qtree_print(QTree *t, const PCIDevice *d)
{
    uint16_t class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    const char *desc = class_description(class_id);

    qtree_line(t, "addr = %02x.%x", PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
    qtree_prop_str(t, "romfile", "");
    qtree_prop_uint(t, "romsize", UINT32_MAX);
    qtree_prop_uint(t, "rombar", 1);
    qtree_prop_bool(t, "multifunction", d->multifunction);
    qtree_prop_bool(t, "x-pcie-lnksta-dllla", true);
    qtree_prop_bool(t, "x-pcie-extcap-init", true);
    qtree_prop_str(t, "failover_pair_id", "");
    qtree_prop_uint(t, "acpi-index", 0);
    if (desc) {
        qtree_line(t, "class %s, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)", desc, 0,
                   PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                   pci_get_word(d->config + PCI_VENDOR_ID),
                   pci_get_word(d->config + PCI_DEVICE_ID),
                   pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                   pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    } else {
        qtree_line(t, "class Class %04x, addr %02x:%02x.%x, pci id %04x:%04x (sub %04x:%04x)",
                   class_id, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                   pci_get_word(d->config + PCI_VENDOR_ID),
                   pci_get_word(d->config + PCI_DEVICE_ID),
                   pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                   pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    }
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        const PCIIORegion *r = &d->io_regions[i];

        if (r->size) {
            qtree_line(t, "bar %d: %s at 0x%" PRIx64 " [0x%" PRIx64 "]", i,
                       (r->type & PCI_BASE_ADDRESS_SPACE_IO) ? "i/o" : "mem", r->addr,
                       r->addr + r->size - 1);
        }
    }
}

void hmp_info_pci(GString *out, const PCIBus *bus)
{
    for (int devfn = 0; devfn < 256; devfn++) {
        if (bus->devices[devfn]) {
            info_device(out, bus->devices[devfn]);
        }
    }
}
