/*
 * QEMU's firmware configuration device (hw/nvram/fw_cfg.c) in its I/O
 * form with the DMA interface, as fw_cfg_init_io_dma creates it for the
 * pc machine: a 16-bit selector / 8-bit data port ("fwcfg", 2 bytes at
 * 0x510) and the DMA address register ("fwcfg.dma", 8 bytes at 0x514).
 *
 * Items are blobs selected by a 16-bit key: the well-known keys below,
 * architecture keys (FW_CFG_ARCH_LOCAL | n) and named files (keys from
 * FW_CFG_FILE_FIRST, listed in the FW_CFG_FILE_DIR directory, sorted by
 * name as QEMU does for machines without legacy_fw_cfg_order).
 *
 * Typical wiring (hw/i386/fw_cfg-pc.c, hw/i386/pc.c):
 *
 *     s = fw_cfg_io_new(&address_space_memory, &opts);   // realize: items
 *     memory_region_init_io(&comb, owner, &fw_cfg_comb_mem_ops, s, "fwcfg", 2);
 *     memory_region_init_io(&dma, owner, &fw_cfg_dma_mem_ops, s, "fwcfg.dma", 8);
 *     fw_cfg_add_i16(s, FW_CFG_NB_CPUS, 1);              // the board's items
 *     fw_cfg_add_file(s, "genroms/x.bin", data, len);    // rom_add_option
 *     ...                      // system reset: fw_cfg_reset, fw_cfg_machine_reset
 *     fw_cfg_free(s);
 *
 * Data ownership: fw_cfg_add_bytes and fw_cfg_add_file keep the pointer
 * they are given (the bytes are not copied), as QEMU does.  x86slice can
 * tear a machine down, so from then on the item owns it: fw_cfg_free()
 * g_free()s it.  Pass g_malloc'd memory, and never the same pointer twice.
 * fw_cfg_modify_file hands the old data back to the caller; the other
 * modify functions free it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include "softmmu/memory.h"

/* Selector keys (include/standard-headers/linux/qemu_fw_cfg.h). */
#define FW_CFG_SIGNATURE        0x00
#define FW_CFG_ID               0x01
#define FW_CFG_UUID             0x02
#define FW_CFG_RAM_SIZE         0x03
#define FW_CFG_NOGRAPHIC        0x04
#define FW_CFG_NB_CPUS          0x05
#define FW_CFG_MACHINE_ID       0x06
#define FW_CFG_KERNEL_ADDR      0x07
#define FW_CFG_KERNEL_SIZE      0x08
#define FW_CFG_KERNEL_CMDLINE   0x09
#define FW_CFG_INITRD_ADDR      0x0a
#define FW_CFG_INITRD_SIZE      0x0b
#define FW_CFG_BOOT_DEVICE      0x0c
#define FW_CFG_NUMA             0x0d
#define FW_CFG_BOOT_MENU        0x0e
#define FW_CFG_MAX_CPUS         0x0f
#define FW_CFG_KERNEL_ENTRY     0x10
#define FW_CFG_KERNEL_DATA      0x11
#define FW_CFG_INITRD_DATA      0x12
#define FW_CFG_CMDLINE_ADDR     0x13
#define FW_CFG_CMDLINE_SIZE     0x14
#define FW_CFG_CMDLINE_DATA     0x15
#define FW_CFG_SETUP_ADDR       0x16
#define FW_CFG_SETUP_SIZE       0x17
#define FW_CFG_SETUP_DATA       0x18
#define FW_CFG_FILE_DIR         0x19
#define FW_CFG_FILE_FIRST       0x20
#define FW_CFG_FILE_SLOTS_MIN   0x10
#define FW_CFG_WRITE_CHANNEL    0x4000
#define FW_CFG_ARCH_LOCAL       0x8000
#define FW_CFG_ENTRY_MASK       ((uint16_t)~(FW_CFG_WRITE_CHANNEL | FW_CFG_ARCH_LOCAL))
#define FW_CFG_INVALID          0xffff

/* The x86 architecture keys (hw/i386/fw_cfg.h).  ARCH_LOCAL + 3 was the
 * e820 reservation table, which QEMU 7.2 no longer provides. */
#define FW_CFG_ACPI_TABLES      (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES   (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE    (FW_CFG_ARCH_LOCAL + 2)
#define FW_CFG_HPET             (FW_CFG_ARCH_LOCAL + 4)

#define FW_CFG_IO_BASE          0x510   /* hw/i386/fw_cfg.h */
#define FW_CFG_CTL_SIZE         0x02    /* the "fwcfg" region */
#define FW_CFG_DMA_SIZE         0x08    /* the "fwcfg.dma" region: sizeof(dma_addr_t) */
#define FW_CFG_MAX_FILE_PATH    56
#define FW_CFG_SIG_SIZE         4
/* The x-file-slots property's default (FW_CFG_FILE_SLOTS_DFLT). */
#define FW_CFG_FILE_SLOTS       0x20
#define FW_CFG_MAX_ENTRY        (FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS)

/* FW_CFG_ID bits */
#define FW_CFG_VERSION          0x01
#define FW_CFG_VERSION_DMA      0x02

/* FWCfgDmaAccess.control bits */
#define FW_CFG_DMA_CTL_ERROR    0x01
#define FW_CFG_DMA_CTL_READ     0x02
#define FW_CFG_DMA_CTL_SKIP     0x04
#define FW_CFG_DMA_CTL_SELECT   0x08
#define FW_CFG_DMA_CTL_WRITE    0x10

#define FW_CFG_DMA_SIGNATURE    0x51454d5520434647ULL   /* "QEMU CFG" */

/* A directory entry as the guest reads it: size and select big-endian. */
typedef struct FWCfgFile {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[FW_CFG_MAX_FILE_PATH];
} FWCfgFile;

/* FW_CFG_FILE_DIR: a big-endian count, then the entries. */
typedef struct FWCfgFiles {
    uint32_t count;
    FWCfgFile f[];
} FWCfgFiles;

/* The DMA descriptor in guest memory (all fields big-endian). */
typedef struct FWCfgDmaAccess {
    uint32_t control;
    uint32_t length;
    uint64_t address;
} __attribute__((packed)) FWCfgDmaAccess;

typedef struct FWCfgEntry {
    uint32_t len;
    bool allow_write;           /* never set: every item here is read-only */
    uint8_t *data;
} FWCfgEntry;

/* softmmu/bootdevice.c's fw_boot_order entry (QEMU keeps it globally). */
typedef struct FWBootEntry {
    int32_t bootindex;
    char *path;                 /* the device path; see fw_cfg_add_boot_device */
} FWBootEntry;

typedef struct FWCfgState {
    FWCfgEntry entries[2][FW_CFG_MAX_ENTRY];    /* [0] generic, [1] arch */
    FWCfgFiles *files;                          /* FW_CFG_FILE_DIR's data */
    uint16_t cur_entry;
    uint32_t cur_offset;
    bool dma_enabled;
    uint64_t dma_addr;
    AddressSpace *dma_as;
    GArray *boot_order;                         /* of FWBootEntry, by bootindex */
} FWCfgState;

/* What fw_cfg_common_realize reads from the machine. */
typedef struct FWCfgMachineOpts {
    bool nographic;             /* -nographic (machine graphics=off) */
    bool boot_menu;             /* -boot menu=on */
} FWCfgMachineOpts;

/* Region ops: "fwcfg" (selector writes of 2 bytes, data reads of 1 byte)
 * and "fwcfg.dma" (big-endian; signature reads, address writes). */
extern const MemoryRegionOps fw_cfg_comb_mem_ops;
extern const MemoryRegionOps fw_cfg_dma_mem_ops;

/* fw_cfg_io_realize + fw_cfg_common_realize: a device with the DMA
 * interface when dma_as is not NULL, and the items every fw_cfg holds
 * (signature, UUID, nographic, boot menu, etc/boot-fail-wait, ID).
 * The caller creates and maps the two regions (opaque = the state). */
FWCfgState *fw_cfg_io_new(AddressSpace *dma_as, const FWCfgMachineOpts *opts);
/* Frees the state and every item's data. */
void fw_cfg_free(FWCfgState *s);

/* The device's reset (fw_cfg_reset): select FW_CFG_SIGNATURE. */
void fw_cfg_reset(FWCfgState *s);
/* fw_cfg_machine_reset, the reset handler QEMU registers once the machine
 * is ready (after the device tree's reset): "bootorder" and "bios-geometry"
 * from the boot device list. */
void fw_cfg_machine_reset(FWCfgState *s);

/* Item API, with QEMU's names and semantics (fw_cfg.h).  Integers are
 * stored little-endian.  Adding a key twice or a bad key aborts, as
 * QEMU's assertions do (a host-side programming error, never the guest). */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value);
/* A named file (up to 55 characters kept), inserted in name order; a
 * duplicate name is QEMU's fatal "duplicate fw_cfg file name" (exit 1).
 * QEMU's option ROMs (rom_add_option) are fw_cfg_add_file(s,
 * "genroms/NAME", data, len) plus a boot device "/rom@genroms/NAME". */
void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data, size_t len);
/* Replace a file's data and size, returning the old data (the caller's to
 * free); adds the file (returning NULL) if there is none by that name. */
void *fw_cfg_modify_file(FWCfgState *s, const char *filename, void *data, size_t len);

/* softmmu/bootdevice.c add_boot_device_path for a device without a QOM
 * path (dev NULL): `path` is the whole boot path (the suffix), e.g.
 * "/rom@genroms/multiboot_dma.bin".  Kept sorted by bootindex; a negative
 * index is ignored and a repeated one is QEMU's fatal "Two devices with
 * same boot index N".  Read by fw_cfg_machine_reset. */
void fw_cfg_add_boot_device(FWCfgState *s, int32_t bootindex, const char *path);

/* The trace name of a key ("signature", "irq0_override", "unknown"). */
const char *fw_cfg_key_name(uint16_t key);

#endif
