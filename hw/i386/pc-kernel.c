/*
 * -kernel on the pc machine (QEMU 7.2's x86_load_linux up to its
 * multiboot branch, and rom_add_option for the option ROM): the kernel's
 * header decides; a multiboot kernel goes to the firmware through fw_cfg
 * items and the multiboot_dma.bin option ROM, which the "bootorder" file
 * names first.  Linux kernels (the "HdrS" setup header) and other images
 * are refused with a clear message: x86slice does not implement the Linux
 * boot protocol yet (README).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "hw/i386/pc-kernel.h"
#include "softmmu/physmem.h"
#include "softmmu/vl.h"

#define MULTIBOOT_OPTION_ROM "multiboot_dma.bin"

static const char *prog(void)
{
    return g_get_prgname() ? g_get_prgname() : "x86slice";
}

/* x86_load_linux's opening: the file, its size, the first 8 KiB. */
static bool read_header(const char *name, uint8_t *header, uint64_t *size, char **errp)
{
    FILE *f = fopen(name, "rb");
    long len;

    if (!f) {
        *errp = g_strdup_printf("qemu: could not open kernel file '%s': %s", name,
                                strerror(errno));
        return false;
    }
    errno = 0;
    len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (len > 0) {
        size_t want = MIN((size_t)len, (size_t)MULTIBOOT_HEADER_SCAN);

        rewind(f);
        if (fread(header, 1, want, f) != want) {
            len = -1;
        }
    }
    fclose(f);
    if (len == 0) {
        /* QEMU prints errno, left at ENOENT by its earlier file searches */
        errno = ENOENT;
    }
    if (len <= 0) {
        *errp = g_strdup_printf("qemu: could not load kernel '%s': %s", name, strerror(errno));
        return false;
    }
    *size = (uint64_t)len;
    return true;
}

/* rom_add_option(name, bootindex 0): the file under genroms/, and a boot
 * device for it.  QEMU only reports a missing ROM and goes on. */
static void add_option_rom(FWCfgState *fw_cfg, const char *name)
{
    char *path = qemu_find_file(name);
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;

    if (!path || !g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "Could not open option rom '%s': %s\n", name,
                err ? err->message : strerror(ENOENT));
        g_clear_error(&err);
        g_free(path);
        return;
    }
    char *file = g_strdup_printf("genroms/%s", name);
    char *dev = g_strdup_printf("/rom@%s", file);

    fw_cfg_add_file(fw_cfg, file, data, len);
    fw_cfg_add_boot_device(fw_cfg, 0, dev);
    g_free(file);
    g_free(dev);
    g_free(path);
}

/* load_multiboot's hand-over: "Pass variables to option rom". */
static void multiboot_fw_cfg(FWCfgState *fw_cfg, MultibootImage *img)
{
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ENTRY, img->entry);
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ADDR, img->load_addr);
    fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_SIZE, img->buf_size);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_KERNEL_DATA, img->buf, img->buf_size);
    img->buf = NULL;                    /* the item owns it now */
    fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_ADDR, MULTIBOOT_ADDR_MBI);
    fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_SIZE, MULTIBOOT_MBI_SIZE);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_INITRD_DATA, g_memdup2(img->info, MULTIBOOT_MBI_SIZE),
                     MULTIBOOT_MBI_SIZE);
}

bool pc_load_kernel(FWCfgState *fw_cfg, const PCMachineConfig *cfg, MultibootImage *img,
                    char **errp)
{
    const char *name = cfg->kernel_filename;
    uint8_t *header = g_malloc0(MULTIBOOT_HEADER_SCAN);
    uint64_t size = 0;
    char *err = NULL;
    int r;

    if (!read_header(name, header, &size, errp)) {
        g_free(header);
        return false;
    }
    if (header[0x202] == 'H' && header[0x203] == 'd' && header[0x204] == 'r' &&
        header[0x205] == 'S') {
        *errp = g_strdup_printf("%s: -kernel %s: this is a Linux kernel; x86slice "
                                "boots multiboot kernels only (the Linux boot protocol "
                                "is not implemented yet)", prog(), name);
        g_free(header);
        return false;
    }
    r = multiboot_load(name, cfg->initrd_filename, cfg->kernel_cmdline, header, size, img,
                       &err);
    g_free(header);
    if (r < 0) {
        *errp = g_strdup_printf("%s: %s", prog(), err);
        g_free(err);
        return false;
    }
    if (r == 0) {
        *errp = g_strdup_printf("%s: -kernel %s: no multiboot header in the first 8 KiB; "
                                "x86slice boots multiboot kernels only (QEMU would try it "
                                "as an old Linux zImage)", prog(), name);
        return false;
    }
    if (img->vbe_requested) {
        fprintf(stderr, "%s: multiboot knows VBE. we don't\n", prog());
    }
    multiboot_fw_cfg(fw_cfg, img);
    add_option_rom(fw_cfg, MULTIBOOT_OPTION_ROM);
    return true;
}

void pc_kernel_reset(AddressSpace *as, const MultibootImage *img)
{
    /* rom_reset: QEMU's load_elf registered each segment as a ROM blob
     * over RAM, written again at every reset. */
    for (size_t i = 0; i < img->nr_segments; i++) {
        address_space_write_rom(as, img->segments[i].addr, MEMTXATTRS_UNSPECIFIED,
                                img->segments[i].data, img->segments[i].size);
    }
}
