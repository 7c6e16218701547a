/*
 * Multiboot (v0.6.96) kernels for -kernel, as QEMU 7.2's hw/i386/multiboot.c
 * prepares them: the kernel image (ELF program segments, or the file as the
 * header's address fields describe it: the "a.out kludge"), the command
 * lines, the modules (-initrd "file args,file args") and the multiboot info
 * structure, all handed to the option ROM through fw_cfg.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_I386_MULTIBOOT_H
#define HW_I386_MULTIBOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where the option ROM puts the e820 map and the info structure. */
#define MULTIBOOT_STRUCT_ADDR   0x9000
#define MULTIBOOT_ADDR_MBI      (MULTIBOOT_STRUCT_ADDR + 0x500)
#define MULTIBOOT_MBI_SIZE      88
/* QEMU reads this much of the file to look for the header. */
#define MULTIBOOT_HEADER_SCAN   8192

/* An ELF program segment QEMU also registers as a ROM blob, which its
 * rom_reset writes into guest RAM at every reset. */
typedef struct MultibootSegment {
    uint32_t addr;
    uint32_t size;              /* memsz: data then zeros */
    uint8_t *data;              /* size bytes */
} MultibootSegment;

/* An ELF function symbol (for -d in_asm's "IN: name"). */
typedef struct MultibootSymbol {
    uint32_t value, size;
    char *name;
} MultibootSymbol;

typedef struct MultibootImage {
    uint32_t entry;                         /* FW_CFG_KERNEL_ENTRY */
    uint32_t load_addr;                     /* FW_CFG_KERNEL_ADDR */
    uint8_t *buf;                           /* FW_CFG_KERNEL_DATA */
    uint32_t buf_size;                      /* FW_CFG_KERNEL_SIZE */
    uint8_t info[MULTIBOOT_MBI_SIZE];       /* FW_CFG_INITRD_DATA at ADDR_MBI */
    MultibootSegment *segments;             /* ELF images only */
    size_t nr_segments;
    MultibootSymbol *symbols;               /* ELF images only, sorted */
    size_t nr_symbols;
    bool vbe_requested;                     /* header flag 2: QEMU warns */
} MultibootImage;

/*
 * header: the first MIN(8192, file size) bytes of the kernel file, the
 * rest zero.  Returns 0 if there is no valid multiboot header (the caller
 * goes on as for a Linux kernel), 1 when *img is ready, -1 on an error
 * with QEMU's message in *errp (g_free it).
 */
int multiboot_load(const char *kernel_filename, const char *initrd_filename,
                   const char *cmdline, const uint8_t header[MULTIBOOT_HEADER_SCAN],
                   uint64_t kernel_file_size, MultibootImage *img, char **errp);

void multiboot_image_free(MultibootImage *img);

/* The symbol covering pc (value <= pc < value + size), or NULL. */
const char *multiboot_symbol_at(const MultibootImage *img, uint32_t pc);

#endif
