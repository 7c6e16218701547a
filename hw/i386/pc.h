/*
 * The `pc` machine (QEMU 7.2's pc-i440fx-7.2 with hpet, vmport, smbus,
 * acpi and usb off, -nodefaults): its memory regions and address spaces
 * at reset, built the way hw/i386/pc_piix.c:pc_init1 builds them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include <stdint.h>
#include "softmmu/memory.h"

/* QEMU's MachineClass default_ram_size for pc. */
#define PC_DEFAULT_RAM_SIZE     (128ULL << 20)
/* Debian's SeaBIOS bios.bin; the ROM is filled from the file later. */
#define PC_BIOS_SIZE            (256ULL << 10)
/* pc_init1: max-ram-below-4g default, and the 1 GiB-aligned split that
 * gigabyte_align (true for pc-i440fx-7.2) applies when RAM reaches it. */
#define PC_MAX_RAM_BELOW_4G     0xe0000000ULL
#define PC_GIGABYTE_ALIGN_LOW   0xc0000000ULL
#define PC_ABOVE_4G_MEM_START   (1ULL << 32)

#define PC_PAM_REGIONS          13
#define PC_MAX_REGIONS          160
#define PC_MAX_ADDRESS_SPACES   8

/*
 * Stand-ins for QEMU's QOM objects that own regions (`info mtree -o`).
 * Only their addresses matter; each is registered with its QOM path.
 */
typedef struct PCOwners {
    char ram_backend;               /* /objects/pc.ram */
    char cpu, lapic;                /* device[0], device[0]/lapic */
    char i440fx_host;               /* /machine/i440fx */
    char i440fx, piix3;             /* device[1], device[2] */
    char dma[2];                    /* device[3], device[4] */
    char pic[2];                    /* device[5], device[6] */
    char rtc, pit, pcspk, fdc;      /* device[7..10] */
    char i8042, port92, ide;        /* device[11..13] */
    char fw_cfg;                    /* /machine/fw_cfg */
    char ioapic;                    /* /machine/i440fx/ioapic */
} PCOwners;

/* A PCI function's bus-master DMA view (hw/pci/pci.c). */
typedef struct PCIBusMaster {
    MemoryRegion container;         /* "bus master container" */
    MemoryRegion enable;            /* "bus master" alias of system, disabled */
    AddressSpace as;                /* named after the PCI device */
} PCIBusMaster;

typedef struct PCMachineState {
    uint64_t ram_size;
    uint64_t below_4g_mem_size, above_4g_mem_size;
    uint64_t bios_size;
    PCOwners owners;

    /* softmmu/physmem.c:memory_map_init */
    MemoryRegion system_memory, system_io;
    AddressSpace address_space_memory, address_space_io;

    /* RAM, firmware (hw/i386/pc.c:pc_memory_init, x86.c:x86_bios_rom_init) */
    MemoryRegion ram, ram_below_4g, ram_above_4g;
    MemoryRegion pci_memory, bios, isa_bios, option_rom;

    /* CPU 0 (target/i386/tcg/sysemu/tcg-cpu.c) and its local APIC */
    MemoryRegion cpu_as_root, cpu_as_mem, cpu_smram;
    AddressSpace cpu_as_memory, cpu_as_smm;
    MemoryRegion apic_msi;

    /* i440FX host bridge and PCI function (hw/pci-host/i440fx.c, pam.c) */
    MemoryRegion pci_conf_idx, pci_conf_data;
    MemoryRegion smram_region, smram, smram_low;
    MemoryRegion pam[PC_PAM_REGIONS][4];    /* indexed like PAMMemoryRegion.alias */
    PCIBusMaster bm_i440fx, bm_piix3, bm_ide;

    /* PIIX3 and the ISA devices */
    MemoryRegion piix3_rcr;
    MemoryRegion dma_chan[2], dma_cont[2], dma_page[2][2];
    MemoryRegion pic[2], elcr[2];
    MemoryRegion ioapic;
    MemoryRegion ioport80, ioportF0;
    MemoryRegion rtc, rtc_index, pit, pcspk, fdc[2];
    MemoryRegion i8042_data, i8042_cmd, port92;
    MemoryRegion ide[2][2];                 /* [bus][iobase, iobase2] */
    MemoryRegion fwcfg, fwcfg_dma;

    /* Everything initialized above, in creation order, for teardown. */
    MemoryRegion *regions[PC_MAX_REGIONS];
    unsigned nr_regions;
    AddressSpace *address_spaces[PC_MAX_ADDRESS_SPACES];
    unsigned nr_address_spaces;
} PCMachineState;

/* Build the machine with ram_size bytes of RAM (already rounded up to 8 KiB,
 * as QEMU's machine_set_mem does).  NULL if the host cannot allocate it. */
PCMachineState *pc_machine_init(uint64_t ram_size);
/* Tear everything down: address spaces, regions, RAM, owner registrations. */
void pc_machine_free(PCMachineState *s);

/* QEMU's unassigned_io_ops (softmmu/ioport.c): the `io` root's ops. */
extern const MemoryRegionOps pc_unassigned_io_ops;

#endif
