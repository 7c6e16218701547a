/*
 * The i440FX host bridge's PCI function 00:00.0 (QEMU 7.2's
 * hw/pci-host/i440fx.c "i440FX" and hw/pci-host/pam.c): its config space
 * and the PAM / SMRAM registers that steer the memory map below 1 MiB.
 * The machine creates the regions (hw/i386/pc.c, in QEMU's order) and
 * hands them over.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_HOST_I440FX_H
#define HW_PCI_HOST_I440FX_H

#include <stdint.h>
#include "hw/pci/pci.h"
#include "softmmu/memory.h"

#define PCI_VENDOR_ID_INTEL         0x8086
#define PCI_DEVICE_ID_INTEL_82441   0x1237
#define PCI_CLASS_BRIDGE_HOST       0x0600

/* 82441FX registers (datasheet 290549, 3.2) and QEMU's extra one. */
#define I440FX_COREBOOT_RAM_SIZE    0x57    /* not in hardware: RAM / 8 MiB */
#define I440FX_PAM                  0x59    /* PAM0..PAM6 */
#define I440FX_PAM_SIZE             7
#define I440FX_SMRAM                0x72

/* include/hw/pci-host/pam.h */
#define PAM_REGIONS_COUNT           13
#define PAM_ATTR_MASK               3       /* RE (1) | WE (2) */
#define PAM_NONE                    4       /* before the first update */
#define SMRAM_D_OPEN                0x40
#define SMRAM_D_CLS                 0x20
#define SMRAM_D_LCK                 0x10
#define SMRAM_G_SMRAME              0x08
#define SMRAM_C_BASE_SEG            0x02    /* hardwired to 010 */

typedef struct PCII440FXState {
    PCIDevice dev;                          /* first: config_write casts */
    /* Region 0 is 0xf0000-0xfffff, regions 1-12 are 0xc0000 + 16 KiB * n;
     * alias[i] is what PAM attribute i selects (pam.c's order: 0 pam-pci
     * over "pci", 1 pam-rom, 2 pam-pci over RAM, 3 pam-ram). */
    MemoryRegion (*pam)[4];
    unsigned pam_current[PAM_REGIONS_COUNT];    /* the alias on, or PAM_NONE */
    MemoryRegion *smram_region;             /* "smram-region": non-SMM 0xa0000 */
    MemoryRegion *smram;                    /* "smram": SMM view */
} PCII440FXState;

/*
 * Register 00:00.0 on bus (pci_create_simple + i440fx_realize) and set
 * the memory map from its reset registers (the end of QEMU's i440fx_init).
 * ram_size is the machine's whole RAM (config[0x57]).  pam, smram_region
 * and smram must exist with their aliases disabled as init_pam leaves
 * them.  False with *errp set if 00:00.0 is taken.
 */
bool i440fx_pci_init(PCII440FXState *f, PCIBus *bus, uint64_t ram_size,
                     MemoryRegion (*pam)[4], MemoryRegion *smram_region,
                     MemoryRegion *smram, char **errp);

/* i440fx_update_memory_mappings: PAM and SMRAM from config space, in one
 * memory transaction. */
void i440fx_update_memory_mappings(PCII440FXState *f);

#endif
