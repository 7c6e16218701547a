/*
 * PCI bus and function configuration space, as a guest sees it: QEMU
 * 7.2's hw/pci/pci.c (do_pci_register_device, the cmask/wmask/w1cmask
 * rules, pci_default_read/write_config, BAR registration and mapping,
 * the bus reset) with the register layout of include/hw/pci/pci_regs.h.
 *
 * x86slice has no QOM: a device fills a PCIDeviceInfo (QEMU's
 * PCIDeviceClass fields) and registers a PCIDevice it embeds.  Only
 * conventional functions with a type 0 header on bus 0 exist.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include <stdbool.h>
#include <stdint.h>
#include "softmmu/memory.h"

typedef uint64_t pcibus_t;

/* ---- configuration header registers (PCI Local Bus spec 3.0, 6.1) ---- */
#define PCI_CONFIG_SPACE_SIZE       0x100
#define PCI_CONFIG_HEADER_SIZE      0x40
#define PCI_VENDOR_ID               0x00
#define PCI_DEVICE_ID               0x02
#define PCI_COMMAND                 0x04
#define  PCI_COMMAND_IO             0x0001
#define  PCI_COMMAND_MEMORY         0x0002
#define  PCI_COMMAND_MASTER         0x0004
#define  PCI_COMMAND_SERR           0x0100
#define  PCI_COMMAND_INTX_DISABLE   0x0400
#define PCI_STATUS                  0x06
#define  PCI_STATUS_INTERRUPT       0x0008
#define  PCI_STATUS_CAP_LIST        0x0010
#define  PCI_STATUS_PARITY          0x0100
#define  PCI_STATUS_SIG_TARGET_ABORT 0x0800
#define  PCI_STATUS_REC_TARGET_ABORT 0x1000
#define  PCI_STATUS_REC_MASTER_ABORT 0x2000
#define  PCI_STATUS_SIG_SYSTEM_ERROR 0x4000
#define  PCI_STATUS_DETECTED_PARITY 0x8000
#define PCI_REVISION_ID             0x08
#define PCI_CLASS_PROG              0x09
#define PCI_CLASS_DEVICE            0x0a
#define PCI_CACHE_LINE_SIZE         0x0c
#define PCI_LATENCY_TIMER           0x0d
#define PCI_HEADER_TYPE             0x0e
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BASE_ADDRESS_0          0x10
#define  PCI_BASE_ADDRESS_SPACE_IO  0x01
#define  PCI_BASE_ADDRESS_SPACE_MEMORY 0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_64 0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define PCI_SUBSYSTEM_VENDOR_ID     0x2c
#define PCI_SUBSYSTEM_ID            0x2e
#define PCI_ROM_ADDRESS             0x30
#define  PCI_ROM_ADDRESS_ENABLE     0x01
#define PCI_CAPABILITY_LIST         0x34
#define PCI_ROM_ADDRESS1            0x38    /* type 1 headers' ROM BAR */
#define PCI_INTERRUPT_LINE          0x3c
#define PCI_INTERRUPT_PIN           0x3d

/* BARs 0-5 and the expansion ROM (QEMU's PCI_NUM_REGIONS, PCI_ROM_SLOT). */
#define PCI_NUM_REGIONS             7
#define PCI_ROM_SLOT                6
#define PCI_BAR_UNMAPPED            (~(pcibus_t)0)

/* QEMU's default subsystem IDs (include/hw/pci/pci.h): Red Hat/Qumranet,
 * "QEMU", given to every function that sets none. */
#define PCI_SUBVENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_SUBDEVICE_ID_QEMU       0x1100

#define PCI_DEVFN(slot, func)       ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)             (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)             ((devfn) & 0x07)
#define PCI_FUNC_MAX                8

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

/* A function's config space accessors (QEMU's PCIConfigRead/WriteFunc):
 * addr + len never passes the end of the 256-byte space. */
typedef uint32_t PCIConfigReadFunc(PCIDevice *d, uint32_t addr, int len);
typedef void PCIConfigWriteFunc(PCIDevice *d, uint32_t addr, uint32_t val, int len);

/* What QEMU keeps in PCIDeviceClass for a device type. */
typedef struct PCIDeviceInfo {
    uint16_t vendor_id, device_id;
    uint8_t revision;
    uint16_t class_id;                  /* base class << 8 | sub-class */
    uint16_t subsystem_vendor_id, subsystem_id;     /* 0, 0: QEMU's default */
    bool multifunction;                 /* QEMU_PCI_CAP_MULTIFUNCTION */
    PCIConfigReadFunc *config_read;     /* NULL: pci_default_read_config */
    PCIConfigWriteFunc *config_write;   /* NULL: pci_default_write_config */
} PCIDeviceInfo;

/* One BAR (QEMU's PCIIORegion); size 0 means not registered. */
typedef struct PCIIORegion {
    pcibus_t addr;                      /* where it is mapped, or PCI_BAR_UNMAPPED */
    pcibus_t size;
    uint8_t type;                       /* PCI_BASE_ADDRESS_SPACE_IO | MEM_* bits */
    MemoryRegion *memory;
    MemoryRegion *address_space;        /* the bus's "pci" or "io" */
} PCIIORegion;

struct PCIDevice {
    uint8_t config[PCI_CONFIG_SPACE_SIZE];
    uint8_t cmask[PCI_CONFIG_SPACE_SIZE];   /* bits a migration compares */
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];   /* bits the guest may write */
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE]; /* bits a 1 clears */
    PCIBus *bus;
    int devfn;
    char name[64];                      /* trace events, e.g. "i440FX" */
    bool multifunction;
    bool has_power;                     /* always true: no power control yet */
    PCIConfigReadFunc *config_read;
    PCIConfigWriteFunc *config_write;
    PCIIORegion io_regions[PCI_NUM_REGIONS];
    /* The "bus master" alias in the function's bus master container (the
     * machine creates both, in QEMU's order); NULL until it exists. */
    MemoryRegion *bus_master_enable_region;
};

struct PCIBus {
    PCIDevice *devices[256];            /* by devfn */
    MemoryRegion *address_space_mem;    /* memory BARs go here ("pci") */
    MemoryRegion *address_space_io;     /* I/O BARs go here ("io") */
};

/* ---- little-endian config space accessors (QEMU's pci_get_xxx, pci_set_xxx) */
static inline uint16_t pci_get_word(const uint8_t *p)
{
    return p[0] | (uint16_t)p[1] << 8;
}

static inline uint32_t pci_get_long(const uint8_t *p)
{
    return pci_get_word(p) | (uint32_t)pci_get_word(p + 2) << 16;
}

static inline uint64_t pci_get_quad(const uint8_t *p)
{
    return pci_get_long(p) | (uint64_t)pci_get_long(p + 4) << 32;
}

static inline void pci_set_word(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    pci_set_word(p, v);
    pci_set_word(p + 2, v >> 16);
}

static inline void pci_set_quad(uint8_t *p, uint64_t v)
{
    pci_set_long(p, v);
    pci_set_long(p + 4, v >> 32);
}

/* ---- bus ------------------------------------------------------------- */

/* An empty root bus (bus number 0) whose BARs map into mem and io. */
void pci_bus_init(PCIBus *bus, MemoryRegion *mem, MemoryRegion *io);

/* The function at bus_num:devfn, or NULL (only bus 0 exists). */
PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn);

/* System reset of every function (QEMU's pcibus_reset ->
 * pci_do_device_reset): COMMAND, STATUS, cache line size and interrupt
 * line lose their writable bits, BARs go back to their type bits and are
 * unmapped.  Everything else, device-specific registers (0x40-0xff)
 * included, keeps its value; so does the "bus master" alias, which QEMU
 * 7.2 does not update here. */
void pci_bus_reset(PCIBus *bus);

/* ---- functions ------------------------------------------------------- */

/*
 * do_pci_register_device: put d (zeroed by the caller or not: it is
 * cleared here) at devfn, with QEMU's config header and masks.  Fails
 * with *errp set (g_free it) to QEMU's message when the slot is taken or
 * the multifunction rules are broken; d is then not on the bus.
 */
bool pci_register_device(PCIBus *bus, PCIDevice *d, const char *name, int devfn,
                         const PCIDeviceInfo *info, char **errp);

/* pci_qdev_unrealize's share: unmap the BARs and leave the bus. */
void pci_unregister_device(PCIDevice *d);

/* pci_register_bar: BAR region_num (PCI_ROM_SLOT for the ROM) of type,
 * backed by memory whose size (a power of 2) is the BAR's size.  The
 * BAR starts unmapped with only its type bits set. */
void pci_register_bar(PCIDevice *d, int region_num, uint8_t type, MemoryRegion *memory);

/* Where BAR reg would be mapped now, or PCI_BAR_UNMAPPED (QEMU's
 * pci_bar_address for a machine without pci_allow_0_address). */
pcibus_t pci_bar_address(PCIDevice *d, int reg, uint8_t type, pcibus_t size);

uint32_t pci_default_read_config(PCIDevice *d, uint32_t addr, int len);
void pci_default_write_config(PCIDevice *d, uint32_t addr, uint32_t val, int len);

#endif
