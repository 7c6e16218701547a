/*
 * The i440FX PCI function 00:00.0: QEMU 7.2's hw/pci-host/i440fx.c
 * (i440fx_realize, i440fx_init's config part, i440fx_write_config,
 * i440fx_update_memory_mappings) and hw/pci-host/pam.c (pam_update).
 *
 * QEMU's simplifications are kept: the whole SMRAM register is writable
 * and D_LCK / D_CLS do nothing; PAM "write only" (attribute 2) maps RAM
 * read-write; PAM and SMRAM keep their values over a system reset (the
 * function has no reset of its own: registers 0x40-0xff are untouched).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/pci-host/i440fx.h"

/* pam.c pam_update: PAM register I440FX_PAM + DIV_ROUND_UP(idx, 2) holds
 * region idx in its high nibble when idx is even (0xf0000 is PAM0's high
 * nibble), in its low nibble when odd.  Exactly alias[attribute] is on.
 * Returns whether the segment changed. */
static bool pam_update(PCII440FXState *f, int idx, uint8_t val)
{
    unsigned attr = (val >> (idx & 1 ? 0 : 4)) & PAM_ATTR_MASK;

    if (attr == f->pam_current[idx]) {
        return false;
    }
    if (f->pam_current[idx] < 4) {
        memory_region_set_enabled(&f->pam[idx][f->pam_current[idx]], false);
    }
    f->pam_current[idx] = attr;
    memory_region_set_enabled(&f->pam[idx][attr], true);
    return true;
}

/* memory_region_set_enabled(mr, on), returning whether it changed. */
static bool set_enabled(MemoryRegion *mr, bool on)
{
    bool changed = mr->enabled != on;

    memory_region_set_enabled(mr, on);
    return changed;
}

void i440fx_update_memory_mappings(PCII440FXState *f)
{
    const uint8_t *config = f->dev.config;
    bool changed = false;

    memory_region_transaction_begin();
    for (int i = 0; i < PAM_REGIONS_COUNT; i++) {
        changed |= pam_update(f, i, config[I440FX_PAM + (i + 1) / 2]);
    }
    /* Outside SMM, 0xa0000-0xbffff shows "pci" unless D_OPEN; the SMM
     * view gets SMRAM when G_SMRAME is set. */
    changed |= set_enabled(f->smram_region, !(config[I440FX_SMRAM] & SMRAM_D_OPEN));
    changed |= set_enabled(f->smram, config[I440FX_SMRAM] & SMRAM_G_SMRAME);
    if (!changed) {
        /* QEMU's pam_update switches the current alias off and on even
         * when it stays, so every update commits (listeners run, the TLB
         * is flushed).  Unchanged segments are skipped above for speed;
         * one off/on keeps that commit. */
        MemoryRegion *a = &f->pam[0][f->pam_current[0]];

        memory_region_set_enabled(a, false);
        memory_region_set_enabled(a, true);
    }
    memory_region_transaction_commit();
}

/* [a, a + la) and [b, b + lb) share a byte. */
static bool overlaps(uint32_t a, uint32_t la, uint32_t b, uint32_t lb)
{
    return a < b + lb && b < a + la;
}

/* i440fx_write_config: the default write, then a memory map update when
 * the write touches a PAM register or covers SMRAM (SMRAM.D_LCK is not
 * implemented, as in QEMU). */
static void i440fx_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    PCII440FXState *f = (PCII440FXState *)dev;

    pci_default_write_config(dev, addr, val, len);
    if (overlaps(addr, len, I440FX_PAM, I440FX_PAM_SIZE) ||
        overlaps(addr, len, I440FX_SMRAM, 1)) {
        i440fx_update_memory_mappings(f);
    }
}

/* i440fx_class_init: Intel 82441, revision 2, host bridge; QEMU's
 * default subsystem IDs. */
static const PCIDeviceInfo i440fx_info = {
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = PCI_DEVICE_ID_INTEL_82441,
    .revision = 0x02,
    .class_id = PCI_CLASS_BRIDGE_HOST,
    .config_write = i440fx_write_config,
};

bool i440fx_pci_init(PCII440FXState *f, PCIBus *bus, uint64_t ram_size,
                     MemoryRegion (*pam)[4], MemoryRegion *smram_region,
                     MemoryRegion *smram, char **errp)
{
    uint64_t ram_8m = ram_size / 8 / 1024 / 1024;

    if (!pci_register_device(bus, &f->dev, "i440FX", PCI_DEVFN(0, 0), &i440fx_info, errp)) {
        return false;
    }
    f->pam = pam;
    for (int i = 0; i < PAM_REGIONS_COUNT; i++) {
        f->pam_current[i] = PAM_NONE;   /* init_pam leaves every alias off */
    }
    f->smram_region = smram_region;
    f->smram = smram;
    f->dev.config[I440FX_SMRAM] = SMRAM_C_BASE_SEG;         /* i440fx_realize */
    f->dev.config[I440FX_COREBOOT_RAM_SIZE] = ram_8m > 255 ? 255 : ram_8m;
    i440fx_update_memory_mappings(f);
    return true;
}
