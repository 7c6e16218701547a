/*
 * Multiboot kernels for -kernel (QEMU 7.2's hw/i386/multiboot.c, with
 * QEMU's load_elf for the ELF case; the ELF file is read with libelf).
 *
 * The buffer handed to the option ROM (FW_CFG_KERNEL_DATA, loaded at
 * load_addr) is: the kernel image, page-aligned; the module descriptors;
 * the command lines ("<kernel path> <append>" and each module's); the
 * boot loader name "qemu"; page-aligned again; then each module,
 * page-aligned.  The info structure goes separately to ADDR_MBI.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "hw/i386/multiboot.h"

#define MB_MAGIC                0x1BADB002u
#define MB_HEADER_HAS_VBE       0x00000004u
#define MB_HEADER_HAS_ADDR      0x00010000u
#define PAGE_ALIGN(x)           (((x) + 4095u) & ~4095u)

enum {
    MBI_FLAGS = 0, MBI_MEM_LOWER = 4, MBI_MEM_UPPER = 8, MBI_BOOT_DEVICE = 12,
    MBI_CMDLINE = 16, MBI_MODS_COUNT = 20, MBI_MODS_ADDR = 24, MBI_MMAP_ADDR = 48,
    MBI_BOOTLOADER = 64,
    MB_MOD_START = 0, MB_MOD_END = 4, MB_MOD_CMDLINE = 8, MB_MOD_SIZE = 16,
    /* memory, boot device, cmdline, modules, mmap, boot loader name */
    MBI_FLAGS_VALUE = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 6) | (1 << 9),
};

static const char bootloader_name[] = "qemu";

static uint32_t ld32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void st32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static int fail(char **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static int fail(char **errp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    *errp = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return -1;
}

/* The first header whose checksum holds, on a 4-byte boundary in the
 * first 8 KiB (QEMU scans up to 8192 - 48). */
static int find_header(const uint8_t *header, uint32_t *flags)
{
    for (int i = 0; i < MULTIBOOT_HEADER_SCAN - 48; i += 4) {
        if (ld32(header + i) == MB_MAGIC &&
            ld32(header + i + 8) + ld32(header + i + 4) + MB_MAGIC == 0) {
            *flags = ld32(header + i + 4);
            return i;
        }
    }
    return -1;
}

/* ---- ELF images (load_elf with EM_386) -------------------------------- */

/* QEMU's load_elf: a segment whose zero-fill part overlaps another
 * segment is truncated to its file size. */
static uint64_t segment_mem_size(const GElf_Phdr *ph, const GElf_Phdr *all, size_t n)
{
    uint32_t zero_start = (uint32_t)(ph->p_paddr + ph->p_filesz);
    uint32_t zero_end = (uint32_t)(ph->p_paddr + ph->p_memsz);

    if (ph->p_memsz <= ph->p_filesz) {
        return ph->p_memsz;
    }
    for (size_t j = 0; j < n; j++) {
        uint32_t start = (uint32_t)all[j].p_paddr;
        uint32_t end = (uint32_t)(all[j].p_paddr + all[j].p_memsz);

        if (&all[j] != ph && all[j].p_type == PT_LOAD &&
            !(start >= zero_end || zero_start >= end)) {
            return ph->p_filesz;
        }
    }
    return ph->p_memsz;
}

static int compare_symbols(const void *a, const void *b)
{
    const MultibootSymbol *x = a, *y = b;

    return x->value < y->value ? -1 : x->value > y->value;
}

/* QEMU's load_symbols: defined STT_FUNC symbols, sorted; a zero size
 * reaches to the next symbol (the last one then never matches). */
static void elf_symbols(Elf *elf, MultibootImage *img)
{
    Elf_Scn *scn = NULL;
    GArray *syms = g_array_new(FALSE, FALSE, sizeof(MultibootSymbol));

    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;

        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize ||
            !(data = elf_getdata(scn, NULL))) {
            continue;
        }
        for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym s;
            const char *name;

            if (!gelf_getsym(data, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
                s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE ||
                !(name = elf_strptr(elf, sh.sh_link, s.st_name))) {
                continue;
            }
            g_array_append_val(syms, ((MultibootSymbol){ (uint32_t)s.st_value,
                                                         (uint32_t)s.st_size,
                                                         g_strdup(name) }));
        }
        break;
    }
    g_array_sort(syms, compare_symbols);
    for (guint i = 0; i < syms->len; i++) {
        MultibootSymbol *s = &g_array_index(syms, MultibootSymbol, i);

        if (!s->size) {
            s->size = i + 1 < syms->len ? g_array_index(syms, MultibootSymbol, i + 1).value -
                                          s->value : 0;
        }
    }
    img->nr_symbols = syms->len;
    img->symbols = (MultibootSymbol *)g_array_free(syms, FALSE);
}

/* Read the PT_LOAD segments; low/high as load_elf computes them. */
static bool elf_segments(Elf *elf, const uint8_t *file, size_t file_len, MultibootImage *img,
                         uint64_t *low, uint64_t *high, uint64_t *entry)
{
    GElf_Ehdr eh;
    GElf_Phdr *ph;
    size_t n;
    bool ok = true;

    if (!gelf_getehdr(elf, &eh) || eh.e_machine != EM_386 || elf_getphdrnum(elf, &n) != 0) {
        return false;
    }
    ph = g_new0(GElf_Phdr, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        if (!gelf_getphdr(elf, (int)i, &ph[i])) {
            g_free(ph);
            return false;
        }
    }
    /* (uint64_t)(elf_sword)e_entry: sign-extended for ELF32 */
    *entry = eh.e_ident[EI_CLASS] == ELFCLASS32 ? (uint64_t)(int64_t)(int32_t)eh.e_entry
                                                : eh.e_entry;
    *low = UINT64_MAX;
    *high = 0;
    img->segments = g_new0(MultibootSegment, n ? n : 1);
    for (size_t i = 0; i < n && ok; i++) {
        uint64_t mem = segment_mem_size(&ph[i], ph, n);
        uint64_t addr = ph[i].p_paddr;

        if (ph[i].p_type != PT_LOAD) {
            continue;
        }
        if ((ph[i].p_filesz && (ph[i].p_offset > file_len ||
                                ph[i].p_filesz > file_len - ph[i].p_offset)) ||
            ph[i].p_filesz > mem || mem > UINT32_MAX) {
            ok = false;
            break;
        }
        /* the entry is virtual: moved along with an executable segment */
        if (ph[i].p_vaddr != ph[i].p_paddr && eh.e_entry >= ph[i].p_vaddr &&
            eh.e_entry < ph[i].p_vaddr + ph[i].p_filesz && (ph[i].p_flags & PF_X)) {
            *entry = eh.e_entry - ph[i].p_vaddr + ph[i].p_paddr;
        }
        if (mem) {
            MultibootSegment *seg = &img->segments[img->nr_segments++];

            seg->addr = (uint32_t)addr;
            seg->size = (uint32_t)mem;
            seg->data = g_try_malloc0(mem);
            if (!seg->data) {
                ok = false;
                break;
            }
            memcpy(seg->data, file + ph[i].p_offset, ph[i].p_filesz);
        }
        *low = MIN(*low, addr);
        *high = MAX(*high, addr + mem);
    }
    g_free(ph);
    return ok;
}

static int load_elf_image(const char *filename, MultibootImage *img, char **errp)
{
    gchar *file = NULL;
    gsize len = 0;
    Elf *elf = NULL;
    uint64_t low, high, entry;
    int ret = -1;

    if (elf_version(EV_CURRENT) == EV_NONE || !g_file_get_contents(filename, &file, &len, NULL) ||
        !(elf = elf_memory(file, len)) || elf_kind(elf) != ELF_K_ELF ||
        !elf_segments(elf, (const uint8_t *)file, len, img, &low, &high, &entry)) {
        fail(errp, "Error while loading elf kernel");
        goto out;
    }
    if (!img->nr_segments || high - low > UINT32_MAX) {
        /* nothing (or not all) for QEMU's rom_copy to fetch */
        fail(errp, "Error while fetching elf kernel from rom");
        goto out;
    }
    img->load_addr = (uint32_t)low;
    img->entry = (uint32_t)entry;
    img->buf_size = (uint32_t)(high - low);
    img->buf = g_try_malloc0(img->buf_size ? img->buf_size : 1);
    if (!img->buf) {
        fail(errp, "Error while fetching elf kernel from rom");
        goto out;
    }
    /* rom_copy: each segment at its place (QEMU leaves gaps undefined) */
    for (size_t i = 0; i < img->nr_segments; i++) {
        const MultibootSegment *s = &img->segments[i];
        uint32_t off = s->addr - img->load_addr;

        memcpy(img->buf + off, s->data, MIN(s->size, img->buf_size - off));
    }
    elf_symbols(elf, img);
    ret = 0;
out:
    if (elf) {
        elf_end(elf);
    }
    g_free(file);
    return ret;
}

/* ---- a.out kludge: the header's address fields ------------------------ */

static int load_aout_image(FILE *f, const uint8_t *h, int i, uint64_t file_size,
                           MultibootImage *img, char **errp)
{
    uint32_t header_addr = ld32(h + i + 12), load_addr = ld32(h + i + 16);
    uint32_t load_end = ld32(h + i + 20), bss_end = ld32(h + i + 24);
    uint32_t text_offset, load_size, kernel_size;

    if (header_addr < load_addr) {
        return fail(errp, "invalid load_addr address");
    }
    if (header_addr - load_addr > (uint32_t)i) {
        return fail(errp, "invalid header_addr address");
    }
    text_offset = i - (header_addr - load_addr);
    if (load_end) {
        if (load_end < load_addr) {
            return fail(errp, "invalid load_end_addr address");
        }
        load_size = load_end - load_addr;
    } else {
        /* QEMU keeps the file size in an int */
        if ((int)file_size < (int64_t)text_offset) {
            return fail(errp, "invalid kernel_file_size");
        }
        load_size = (uint32_t)file_size - text_offset;
    }
    if (load_size > UINT32_MAX - load_addr) {
        return fail(errp, "kernel does not fit in address space");
    }
    if (bss_end) {
        if (bss_end < load_addr + load_size) {
            return fail(errp, "invalid bss_end_addr address");
        }
        kernel_size = bss_end - load_addr;
    } else {
        kernel_size = load_size;
    }
    img->buf = g_try_malloc0(kernel_size ? kernel_size : 1);
    if (!img->buf || fseek(f, text_offset, SEEK_SET) != 0 ||
        fread(img->buf, 1, load_size, f) != load_size) {
        return fail(errp, "fread() failed");
    }
    img->load_addr = load_addr;
    img->entry = ld32(h + i + 28);
    img->buf_size = kernel_size;
    return 0;
}

/* ---- command lines, modules, the info structure ------------------------ */

typedef struct Layout {
    uint32_t phys;              /* mb_buf_phys */
    uint32_t size;              /* mb_buf_size */
    uint32_t off_mbinfo, off_cmdlines, off_bootloader;
    int mods_avail, mods_count;
} Layout;

static uint32_t add_string(MultibootImage *img, const Layout *l, uint32_t *off, const char *s)
{
    uint32_t p = *off;

    memcpy(img->buf + p, s, strlen(s) + 1);
    *off += (uint32_t)strlen(s) + 1;
    return l->phys + p;
}

/* get_opt_value: up to an unescaped ',' (",," is a comma). */
static const char *next_module(const char *p, char **value)
{
    GString *s = g_string_new(NULL);

    for (; *p; p++) {
        if (*p == ',') {
            if (p[1] != ',') {
                break;
            }
            p++;
        }
        g_string_append_c(s, *p);
    }
    *value = g_string_free(s, FALSE);
    return p;
}

static bool grow(MultibootImage *img, uint32_t size)
{
    uint8_t *b = g_try_realloc(img->buf, size);

    if (!b) {
        return false;
    }
    if (size > img->buf_size) {
        memset(b + img->buf_size, 0, size - img->buf_size);
    }
    img->buf = b;
    img->buf_size = size;
    return true;
}

static int load_module(MultibootImage *img, Layout *l, char *arg, char **errp)
{
    uint32_t cmd = add_string(img, l, &l->off_cmdlines, arg);
    char *space = strchr(arg, ' ');
    gchar *data = NULL;
    gsize len = 0;
    uint32_t offs = l->size;
    uint8_t *desc;

    if (space) {
        *space = '\0';
    }
    if (!g_file_get_contents(arg, &data, &len, NULL)) {
        return fail(errp, "Failed to open file '%s'", arg);
    }
    if (len > INT32_MAX || !grow(img, PAGE_ALIGN(offs + (uint32_t)len))) {
        g_free(data);
        return fail(errp, "Error loading file '%s'", arg);
    }
    l->size = img->buf_size;
    memcpy(img->buf + offs, data, len);
    g_free(data);
    desc = img->buf + l->off_mbinfo + MB_MOD_SIZE * l->mods_count++;
    st32(desc + MB_MOD_START, l->phys + offs);
    st32(desc + MB_MOD_END, l->phys + offs + (uint32_t)len);
    st32(desc + MB_MOD_CMDLINE, cmd);
    return 0;
}

static int build_info(MultibootImage *img, const char *kernel_filename,
                      const char *initrd_filename, const char *cmdline, char **errp)
{
    Layout l = { .phys = img->load_addr };
    uint64_t cmdline_len = strlen(kernel_filename) + 1 + strlen(cmdline) + 1;
    GPtrArray *mods = g_ptr_array_new_with_free_func(g_free);
    char *kcmdline;
    int ret = 0;

    if (initrd_filename) {
        cmdline_len += strlen(initrd_filename) + 1;
        for (const char *r = initrd_filename; *r;) {
            char *v;

            r = next_module(r, &v);
            g_ptr_array_add(mods, v);
            if (*r) {
                r++;
            }
        }
    }
    l.mods_avail = (int)mods->len;
    l.off_mbinfo = PAGE_ALIGN(img->buf_size);
    l.size = PAGE_ALIGN((uint32_t)(l.off_mbinfo + cmdline_len + MB_MOD_SIZE * mods->len +
                                   sizeof(bootloader_name)));
    if (l.size < l.off_mbinfo || !grow(img, l.size)) {
        g_ptr_array_free(mods, TRUE);
        return fail(errp, "kernel does not fit in address space");
    }
    l.off_cmdlines = l.off_mbinfo + l.mods_avail * MB_MOD_SIZE;
    l.off_bootloader = l.off_cmdlines + (uint32_t)cmdline_len;
    for (guint i = 0; i < mods->len && ret == 0; i++) {
        ret = load_module(img, &l, mods->pdata[i], errp);
    }
    g_ptr_array_free(mods, TRUE);
    if (ret) {
        return ret;
    }
    kcmdline = g_strdup_printf("%s %s", kernel_filename, cmdline);
    st32(img->info + MBI_CMDLINE, add_string(img, &l, &l.off_cmdlines, kcmdline));
    g_free(kcmdline);
    st32(img->info + MBI_BOOTLOADER, add_string(img, &l, &l.off_bootloader, bootloader_name));
    st32(img->info + MBI_MODS_ADDR, l.phys + l.off_mbinfo);
    st32(img->info + MBI_MODS_COUNT, (uint32_t)l.mods_count);
    st32(img->info + MBI_FLAGS, MBI_FLAGS_VALUE);
    st32(img->info + MBI_BOOT_DEVICE, 0x8000ffff);
    st32(img->info + MBI_MMAP_ADDR, MULTIBOOT_STRUCT_ADDR);
    /* mem_lower/upper and the mmap come from the option ROM (int 12h/e820) */
    return 0;
}

int multiboot_load(const char *kernel_filename, const char *initrd_filename,
                   const char *cmdline, const uint8_t header[MULTIBOOT_HEADER_SCAN],
                   uint64_t kernel_file_size, MultibootImage *img, char **errp)
{
    uint32_t flags = 0;
    int i = find_header(header, &flags);
    FILE *f;
    int ret;

    memset(img, 0, sizeof(*img));
    *errp = NULL;
    if (i < 0) {
        return 0;
    }
    /* QEMU reports "multiboot knows VBE. we don't" and goes on */
    img->vbe_requested = (flags & MB_HEADER_HAS_VBE) != 0;
    if (!(flags & MB_HEADER_HAS_ADDR)) {
        /* e_machine, at the same offset in ELF32 and ELF64 headers */
        if ((header[18] | header[19] << 8) == EM_X86_64) {
            return fail(errp, "Cannot load x86-64 image, give a 32bit one.");
        }
        ret = load_elf_image(kernel_filename, img, errp);
    } else {
        f = fopen(kernel_filename, "rb");
        ret = f ? load_aout_image(f, header, i, kernel_file_size, img, errp)
                : fail(errp, "fread() failed");
        if (f) {
            fclose(f);
        }
    }
    if (ret == 0) {
        ret = build_info(img, kernel_filename, initrd_filename, cmdline, errp);
    }
    if (ret < 0) {
        multiboot_image_free(img);
        return -1;
    }
    return 1;
}

void multiboot_image_free(MultibootImage *img)
{
    for (size_t i = 0; i < img->nr_segments; i++) {
        g_free(img->segments[i].data);
    }
    for (size_t i = 0; i < img->nr_symbols; i++) {
        g_free(img->symbols[i].name);
    }
    g_free(img->segments);
    g_free(img->symbols);
    g_free(img->buf);
    memset(img, 0, sizeof(*img));
}

const char *multiboot_symbol_at(const MultibootImage *img, uint32_t pc)
{
    size_t lo = 0, hi = img->nr_symbols;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const MultibootSymbol *s = &img->symbols[mid];

        if (pc < s->value) {
            hi = mid;
        } else if (pc - s->value >= s->size) {
            lo = mid + 1;
        } else {
            return s->name;
        }
    }
    return NULL;
}
