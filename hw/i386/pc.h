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
#include "hw/core/irq.h"
#include "hw/i386/port92.h"
#include "hw/input/pckbd.h"
#include "hw/intc/i8259.h"
#include "hw/intc/apic.h"
#include "hw/intc/ioapic.h"
#include "hw/char/serial.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/dma/i8257.h"
#include "hw/block/fdc.h"
#include "hw/timer/i8254.h"
#include "hw/audio/pcspk.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_host.h"
#include "hw/pci-host/i440fx.h"
#include "hw/isa/piix3.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/i386/e820.h"
#include "hw/i386/multiboot.h"
#include "hw/ide/piix.h"
#include "softmmu/memory.h"

/* QEMU's MachineClass default_ram_size for pc. */
#define PC_DEFAULT_RAM_SIZE     (128ULL << 20)
/* The firmware pc loads without -bios (pc_i440fx_machine_options), and
 * Debian's SeaBIOS build of it: 256 KiB. */
#define PC_DEFAULT_FIRMWARE     "bios-256k.bin"
#define PC_BIOS_SIZE            (256ULL << 10)
/* pc_init1: max-ram-below-4g default, and the 1 GiB-aligned split that
 * gigabyte_align (true for pc-i440fx-7.2) applies when RAM reaches it. */
#define PC_MAX_RAM_BELOW_4G     0xe0000000ULL
#define PC_GIGABYTE_ALIGN_LOW   0xc0000000ULL
#define PC_ABOVE_4G_MEM_START   (1ULL << 32)

#define PC_PAM_REGIONS          13
#define PC_MAX_REGIONS          160
#define PC_MAX_ADDRESS_SPACES   8
#define PC_GSI_NUM              IOAPIC_NUM_PINS     /* GSI_NUM_PINS */

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
    char rtc, pit, pcspk;           /* device[7..9] */
    char serial[MAX_ISA_SERIAL_PORTS];  /* device[10..], in creation order */
    char fdc, i8042, port92, ide;   /* device[10..13] + the serial ports */
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
    /* The ROM loader's copy of the firmware (hw/core/loader.c Rom.data):
     * written into pc.bios at the first reset, then freed. */
    uint8_t *bios_data;
    /* -kernel: the multiboot image (its ELF segments, written at every
     * reset, and symbols) */
    MultibootImage kernel;
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
    APICState *apic;                        /* its local APIC (device[0]/lapic) */

    /* i440FX host bridge and PCI function (hw/pci-host/i440fx.c, pam.c) */
    MemoryRegion pci_conf_idx, pci_conf_data;
    MemoryRegion smram_region, smram, smram_low;
    MemoryRegion pam[PC_PAM_REGIONS][4];    /* indexed like PAMMemoryRegion.alias */
    PCIBusMaster bm_i440fx, bm_piix3, bm_ide;
    PCIHostState pci_host;                  /* i440FX-pcihost: 0xcf8 / 0xcfc */
    PCIBus pci_bus;                         /* pci.0 */
    PCII440FXState i440fx;                  /* 00:00.0 "i440FX" */

    /* PIIX3 and the ISA devices */
    MemoryRegion piix3_rcr;
    PIIX3State piix3_dev;                   /* 00:01.0 */
    MemoryRegion dma_chan[2], dma_cont[2], dma_page[2][2];
    I8257State *dma_dev[2];                 /* 8-bit (channels 0-3), 16-bit */
    MemoryRegion pic[2], elcr[2];
    PICState *pic_dev;
    SerialState *serial[MAX_ISA_SERIAL_PORTS];
    RTCState *rtc_dev;
    PITCommonState *pit_dev;                /* i8254 at 0x40, IRQ 0 */
    PCSpkState *pcspk_dev;                  /* port 0x61 */
    qemu_irq pic_irq;                       /* the PIC's INT output */
    qemu_irq *gsi;                          /* ISA IRQ n = gsi[n] (x86ms->gsi) */
    qemu_irq *i8259_irq;                    /* the PIC's inputs (borrowed) */
    MemoryRegion ioapic;
    IOAPICState *ioapic_dev;
    MemoryRegion ioport80, ioportF0;
    MemoryRegion rtc, rtc_index, pit, pcspk, fdc[2];
    FDCtrl *fdc_dev;                        /* isa-fdc, no drives */
    MemoryRegion i8042_data, i8042_cmd, port92;
    KBDState *i8042_dev;
    qemu_irq i8042_a20;                     /* pc_machine_init's a20_line[0] */
    Port92State port92_dev;
    qemu_irq a20_line;                      /* pc_machine_init's a20_line[] */
    PCIIDEState *ide_dev;                   /* 00:01.1 "piix3-ide" */
    MemoryRegion fwcfg, fwcfg_dma;
    FWCfgState *fw_cfg;                     /* x86ms->fw_cfg */
    E820Table e820;                         /* etc/e820 */
    bool nographic;                         /* machine graphics=off */

    /* Everything initialized above, in creation order, for teardown. */
    MemoryRegion *regions[PC_MAX_REGIONS];
    unsigned nr_regions;
    AddressSpace *address_spaces[PC_MAX_ADDRESS_SPACES];
    unsigned nr_address_spaces;
} PCMachineState;

/* What to build: QEMU's machine options that x86slice's pc takes. */
typedef struct PCMachineConfig {
    uint64_t ram_size;          /* bytes, already rounded up to 8 KiB (machine_set_mem) */
    const char *firmware;       /* -bios / firmware=: found with qemu_find_file;
                                 * NULL means PC_DEFAULT_FIRMWARE */
    /* Programs and tests without a firmware file: when bios_image is not
     * NULL it is used as the file's contents (size: a non-zero multiple of
     * 64 KiB) and firmware is only used in messages. */
    const void *bios_image;
    uint64_t bios_image_size;
    /* -serial: QEMU's serial_hds, the front ends already attached; COM1
     * first, NULL where there is no port ("-serial none"). */
    struct Chardev *serial_hds[MAX_ISA_SERIAL_PORTS];
    /* -kernel, -append ("" if absent), -initrd */
    const char *kernel_filename, *kernel_cmdline, *initrd_filename;
    bool nographic;             /* -nographic: fw_cfg FW_CFG_NOGRAPHIC 1 (not -display none) */
} PCMachineConfig;

/*
 * Build the machine (pc_init1), without resetting it: pc.bios is sized
 * from the firmware and its contents are kept for pc_machine_reset.
 * Devices added from the command line go in between, as in QEMU.
 * Returns NULL:
 *  - with *errp set (g_free it) to QEMU's firmware message, printed by
 *    QEMU as is: "qemu: could not load PC BIOS 'NAME'" (missing file,
 *    empty, or size not a multiple of 64 KiB);
 *  - with *errp NULL when the host cannot allocate guest memory
 *    (memory.c has printed why).
 */
PCMachineState *pc_machine_init(const PCMachineConfig *cfg, char **errp);

/* The machine's share of qemu_system_reset: the devices' reset (port 0x92,
 * the PCI bus: pcibus_reset), and the ROM loader's rom_reset, which copies the firmware into
 * pc.bios through address_space_write_rom at the first reset only (a ROM
 * "needs to be written only once"); that copy is also what leaves `info
 * mtree -f -d`'s [MRU] mark on pc.bios. */
void pc_machine_reset(PCMachineState *s);

/* Connect CPU 0 (or, with NULL, disconnect it before it is freed): its
 * interrupt acknowledge (QEMU's cpu_get_pic_interrupt) and its APIC. */
struct CPUX86State;
void pc_connect_cpu(PCMachineState *s, struct CPUX86State *env);

/* Tear everything down: address spaces, regions, RAM, owner registrations.
 * Devices mapped into the machine's regions must be unrealized first. */
void pc_machine_free(PCMachineState *s);

#endif
