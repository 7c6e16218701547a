/*
 * PCI configuration space of a function and its BARs: what QEMU 7.2's
 * hw/pci/pci.c shows a guest (do_pci_register_device, pci_init_cmask,
 * pci_init_wmask, pci_init_w1cmask, pci_init_multifunction,
 * pci_default_read_config, pci_default_write_config, pci_register_bar,
 * pci_bar_address, pci_update_mappings, pcibus_reset).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "hw/pci/pci.h"
#include "softmmu/trace.h"

/* [a, a + la) and [b, b + lb) share a byte (QEMU's ranges_overlap). */
static bool ranges_overlap(uint32_t a, uint32_t la, uint32_t b, uint32_t lb)
{
    return a < b + lb && b < a + la;
}

/* [a, a + len) contains byte (QEMU's range_covers_byte). */
static bool range_covers_byte(uint32_t a, uint32_t len, uint32_t byte)
{
    return a <= byte && byte < a + len;
}

/* ---- bus ------------------------------------------------------------------ */

void pci_bus_init(PCIBus *bus, MemoryRegion *mem, MemoryRegion *io)
{
    memset(bus, 0, sizeof(*bus));
    bus->address_space_mem = mem;
    bus->address_space_io = io;
}

/* pci_find_bus_nr finds only the root bus (number 0): no bridges exist. */
PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn)
{
    return bus_num == 0 ? bus->devices[devfn] : NULL;
}

/* ---- config space initialisation (do_pci_register_device) ---------------- */

/* pci_init_cmask: the read-only identification fields. */
static void pci_init_cmask(PCIDevice *d)
{
    pci_set_word(d->cmask + PCI_VENDOR_ID, 0xffff);
    pci_set_word(d->cmask + PCI_DEVICE_ID, 0xffff);
    d->cmask[PCI_STATUS] = PCI_STATUS_CAP_LIST;
    d->cmask[PCI_REVISION_ID] = 0xff;
    d->cmask[PCI_CLASS_PROG] = 0xff;
    pci_set_word(d->cmask + PCI_CLASS_DEVICE, 0xffff);
    d->cmask[PCI_HEADER_TYPE] = 0xff;
    d->cmask[PCI_CAPABILITY_LIST] = 0xff;
}

/* pci_init_wmask: cache line size, interrupt line, five COMMAND bits and
 * the whole device-specific area (0x40-0xff) are writable. */
static void pci_init_wmask(PCIDevice *d)
{
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    pci_set_word(d->wmask + PCI_COMMAND,
                 PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                 PCI_COMMAND_INTX_DISABLE | PCI_COMMAND_SERR);
    memset(d->wmask + PCI_CONFIG_HEADER_SIZE, 0xff,
           PCI_CONFIG_SPACE_SIZE - PCI_CONFIG_HEADER_SIZE);
}

/* pci_init_w1cmask: the STATUS error bits clear when written with 1. */
static void pci_init_w1cmask(PCIDevice *d)
{
    pci_set_word(d->w1cmask + PCI_STATUS,
                 PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
                 PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
                 PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY);
}

/* Identification and subsystem IDs; pci_set_default_subsystem_id when the
 * device names none. */
static void pci_init_ids(PCIDevice *d, const PCIDeviceInfo *info)
{
    bool own = info->subsystem_vendor_id || info->subsystem_id;

    pci_set_word(d->config + PCI_VENDOR_ID, info->vendor_id);
    pci_set_word(d->config + PCI_DEVICE_ID, info->device_id);
    d->config[PCI_REVISION_ID] = info->revision;
    pci_set_word(d->config + PCI_CLASS_DEVICE, info->class_id);
    pci_set_word(d->config + PCI_SUBSYSTEM_VENDOR_ID,
                 own ? info->subsystem_vendor_id : PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
    pci_set_word(d->config + PCI_SUBSYSTEM_ID,
                 own ? info->subsystem_id : PCI_SUBDEVICE_ID_QEMU);
}

/* pci_init_multifunction: the header type bit, and QEMU's two rules: a
 * function > 0 needs a multifunction function 0 (when one is present),
 * and a single-function function 0 cannot join populated functions. */
static bool pci_init_multifunction(PCIBus *bus, PCIDevice *d, char **errp)
{
    int slot = PCI_SLOT(d->devfn);

    if (d->multifunction) {
        d->config[PCI_HEADER_TYPE] |= PCI_HEADER_TYPE_MULTI_FUNCTION;
    }
    if (PCI_FUNC(d->devfn)) {
        PCIDevice *f0 = bus->devices[PCI_DEVFN(slot, 0)];

        if (f0 && !f0->multifunction) {
            *errp = g_strdup_printf("PCI: single function device can't be populated "
                                    "in function %x.%x", slot, PCI_FUNC(d->devfn));
            return false;
        }
        return true;
    }
    if (d->multifunction) {
        return true;
    }
    for (int func = 1; func < PCI_FUNC_MAX; func++) {
        if (bus->devices[PCI_DEVFN(slot, func)]) {
            *errp = g_strdup_printf("PCI: %x.0 indicates single function, "
                                    "but %x.%x is already populated.", slot, slot, func);
            return false;
        }
    }
    return true;
}

bool pci_register_device(PCIBus *bus, PCIDevice *d, const char *name, int devfn,
                         const PCIDeviceInfo *info, char **errp)
{
    *errp = NULL;
    if (devfn < 0 || devfn > 255 || bus->devices[devfn]) {
        *errp = g_strdup_printf("PCI: slot %d function %d not available for %s",
                                PCI_SLOT(devfn), PCI_FUNC(devfn), name);
        return false;
    }
    memset(d, 0, sizeof(*d));
    d->bus = bus;
    d->devfn = devfn;
    g_strlcpy(d->name, name, sizeof(d->name));
    d->multifunction = info->multifunction;
    d->has_power = true;
    pci_init_ids(d, info);
    pci_init_cmask(d);
    pci_init_wmask(d);
    pci_init_w1cmask(d);
    if (!pci_init_multifunction(bus, d, errp)) {
        return false;
    }
    d->config_read = info->config_read ? info->config_read : pci_default_read_config;
    d->config_write = info->config_write ? info->config_write : pci_default_write_config;
    bus->devices[devfn] = d;
    return true;
}

void pci_unregister_device(PCIDevice *d)
{
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];

        if (r->size && r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
            r->addr = PCI_BAR_UNMAPPED;
        }
    }
    if (d->bus && d->bus->devices[d->devfn] == d) {
        d->bus->devices[d->devfn] = NULL;
    }
}

/* ---- BARs ----------------------------------------------------------------- */

/* Config offset of BAR reg in a type 0 header. */
static uint32_t pci_bar(int reg)
{
    return reg == PCI_ROM_SLOT ? PCI_ROM_ADDRESS : PCI_BASE_ADDRESS_0 + reg * 4;
}

static bool bar_is_64bit(uint8_t type)
{
    return !(type & PCI_BASE_ADDRESS_SPACE_IO) && (type & PCI_BASE_ADDRESS_MEM_TYPE_64);
}

/* Device set-up, never guest-reachable: a bad BAR is a programming error. */
void pci_register_bar(PCIDevice *d, int region_num, uint8_t type, MemoryRegion *memory)
{
    pcibus_t size = memory_region_size(memory);
    PCIIORegion *r;
    uint64_t wmask;
    uint32_t addr;

    g_assert(region_num >= 0 && region_num < PCI_NUM_REGIONS);
    g_assert(size && (size & (size - 1)) == 0);
    r = &d->io_regions[region_num];
    r->addr = PCI_BAR_UNMAPPED;
    r->size = size;
    r->type = type;
    r->memory = memory;
    r->address_space = (type & PCI_BASE_ADDRESS_SPACE_IO) ? d->bus->address_space_io
                                                          : d->bus->address_space_mem;
    /* The address bits above the size are writable; the ROM's enable too. */
    wmask = ~(size - 1);
    if (region_num == PCI_ROM_SLOT) {
        wmask |= PCI_ROM_ADDRESS_ENABLE;
    }
    addr = pci_bar(region_num);
    pci_set_long(d->config + addr, type);
    if (bar_is_64bit(type)) {
        pci_set_quad(d->wmask + addr, wmask);
        pci_set_quad(d->cmask + addr, ~0ULL);
    } else {
        pci_set_long(d->wmask + addr, wmask);
        pci_set_long(d->cmask + addr, 0xffffffff);
    }
}

/* pci_config_get_bar_addr: the BAR's value, size bits cleared (not the
 * ROM's: its enable bit is tested by the caller). */
static pcibus_t bar_config_addr(PCIDevice *d, int reg, uint8_t type, pcibus_t size)
{
    uint32_t bar = pci_bar(reg);
    pcibus_t addr = (type & PCI_BASE_ADDRESS_MEM_TYPE_64) ? pci_get_quad(d->config + bar)
                                                          : pci_get_long(d->config + bar);

    return reg == PCI_ROM_SLOT ? addr : addr & ~(size - 1);
}

/* I/O BARs: COMMAND.IO, no wrap, below 4 GiB, not at 0. */
static pcibus_t io_bar_address(PCIDevice *d, int reg, uint8_t type, pcibus_t size)
{
    pcibus_t addr = bar_config_addr(d, reg, type, size), last = addr + size - 1;

    if (last <= addr || last >= UINT32_MAX || addr == 0) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

/* Memory BARs: COMMAND.MEMORY, the ROM's enable bit, no wrap, not at 0,
 * 32-bit BARs below 4 GiB (QEMU's workarounds kept as they are). */
static pcibus_t mem_bar_address(PCIDevice *d, int reg, uint8_t type, pcibus_t size)
{
    pcibus_t addr = bar_config_addr(d, reg, type, size), last;

    if (reg == PCI_ROM_SLOT && !(addr & PCI_ROM_ADDRESS_ENABLE)) {
        return PCI_BAR_UNMAPPED;
    }
    addr &= ~(size - 1);
    last = addr + size - 1;
    if (last <= addr || last == PCI_BAR_UNMAPPED || addr == 0) {
        return PCI_BAR_UNMAPPED;
    }
    if (!(type & PCI_BASE_ADDRESS_MEM_TYPE_64) && last >= UINT32_MAX) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

pcibus_t pci_bar_address(PCIDevice *d, int reg, uint8_t type, pcibus_t size)
{
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);

    if (type & PCI_BASE_ADDRESS_SPACE_IO) {
        return (cmd & PCI_COMMAND_IO) ? io_bar_address(d, reg, type, size)
                                      : PCI_BAR_UNMAPPED;
    }
    return (cmd & PCI_COMMAND_MEMORY) ? mem_bar_address(d, reg, type, size)
                                      : PCI_BAR_UNMAPPED;
}

/* pci_update_mappings: move each BAR whose address changed, with QEMU's
 * trace events; each del/add is its own memory commit, as in QEMU. */
static void pci_update_mappings(PCIDevice *d)
{
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        pcibus_t addr;

        if (!r->size) {
            continue;
        }
        addr = d->has_power ? pci_bar_address(d, i, r->type, r->size) : PCI_BAR_UNMAPPED;
        if (addr == r->addr) {
            continue;
        }
        if (r->addr != PCI_BAR_UNMAPPED) {
            trace_pci_update_mappings_del(d->name, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                                          i, r->addr, r->size);
            memory_region_del_subregion(r->address_space, r->memory);
        }
        r->addr = addr;
        if (addr != PCI_BAR_UNMAPPED) {
            trace_pci_update_mappings_add(d->name, 0, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn),
                                          i, addr, r->size);
            memory_region_add_subregion_overlap(r->address_space, addr, r->memory, 1);
        }
    }
}

/* pci_reset_regions: each BAR back to its type bits. */
static void pci_reset_regions(PCIDevice *d)
{
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];

        if (!r->size) {
            continue;
        }
        if (bar_is_64bit(r->type)) {
            pci_set_quad(d->config + pci_bar(i), r->type);
        } else {
            pci_set_long(d->config + pci_bar(i), r->type);
        }
    }
}

/* ---- config space access -------------------------------------------------- */

/* The caller (pci_host.c) keeps addr + len within the 256 bytes. */
uint32_t pci_default_read_config(PCIDevice *d, uint32_t addr, int len)
{
    uint32_t val = 0;

    for (int i = len - 1; i >= 0; i--) {
        val = val << 8 | d->config[addr + i];
    }
    return val;
}

/* Byte by byte: writable bits take the new value, then W1C bits written
 * with 1 clear.  A write touching a BAR, the ROM BARs or COMMAND's low
 * byte remaps the BARs; one covering COMMAND's low byte also sets the
 * bus master alias from COMMAND.MASTER. */
void pci_default_write_config(PCIDevice *d, uint32_t addr, uint32_t val, int len)
{
    uint32_t v = val;
    bool cmd = range_covers_byte(addr, len, PCI_COMMAND);

    for (int i = 0; i < len; i++, v >>= 8) {
        uint8_t wmask = d->wmask[addr + i], w1c = d->w1cmask[addr + i];

        d->config[addr + i] = (d->config[addr + i] & ~wmask) | (v & wmask);
        d->config[addr + i] &= ~(v & w1c);
    }
    if (ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 24) ||
        ranges_overlap(addr, len, PCI_ROM_ADDRESS, 4) ||
        ranges_overlap(addr, len, PCI_ROM_ADDRESS1, 4) || cmd) {
        pci_update_mappings(d);
    }
    /* No INTx source exists yet, so pci_update_irq_disabled has nothing
     * to change. */
    if (cmd && d->bus_master_enable_region) {
        memory_region_set_enabled(d->bus_master_enable_region,
                                  (pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_MASTER)
                                  && d->has_power);
    }
}

/* pci_do_device_reset: clear the guest-writable (and W1C) bits of
 * COMMAND, STATUS and the interrupt line, the cache line size, and the
 * BARs. */
static void pci_do_device_reset(PCIDevice *d)
{
    uint16_t cmd_clear = pci_get_word(d->wmask + PCI_COMMAND) |
                         pci_get_word(d->w1cmask + PCI_COMMAND);
    uint16_t sts_clear = pci_get_word(d->wmask + PCI_STATUS) |
                         pci_get_word(d->w1cmask + PCI_STATUS);

    pci_set_word(d->config + PCI_COMMAND,
                 pci_get_word(d->config + PCI_COMMAND) & ~cmd_clear);
    pci_set_word(d->config + PCI_STATUS,
                 pci_get_word(d->config + PCI_STATUS) & ~sts_clear);
    /* QEMU reads the masks as words here; only the low byte matters. */
    d->config[PCI_INTERRUPT_LINE] &= ~(d->wmask[PCI_INTERRUPT_LINE] |
                                       d->w1cmask[PCI_INTERRUPT_LINE]);
    d->config[PCI_CACHE_LINE_SIZE] = 0;
    pci_reset_regions(d);
    pci_update_mappings(d);
}

void pci_bus_reset(PCIBus *bus)
{
    for (int i = 0; i < 256; i++) {
        if (bus->devices[i]) {
            pci_do_device_reset(bus->devices[i]);
        }
    }
}
