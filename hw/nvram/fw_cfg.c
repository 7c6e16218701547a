/*
 * The firmware configuration device (QEMU 7.2's hw/nvram/fw_cfg.c), I/O
 * form with DMA: the selector, the data port, the DMA interface, the item
 * store and the file directory.  See fw_cfg.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hw/nvram/fw_cfg.h"
#include "softmmu/physmem.h"
#include "softmmu/trace.h"

/* address_space_set's fill buffer (softmmu/physmem.c FILLBUF_SIZE). */
#define FW_CFG_FILL_CHUNK 512

/* ---- key names (fw_cfg.c key_name, hw/i386/fw_cfg.c fw_cfg_arch_key_name) */

static const char *const wellknown_keys[FW_CFG_FILE_FIRST] = {
    [FW_CFG_SIGNATURE] = "signature",       [FW_CFG_ID] = "id",
    [FW_CFG_UUID] = "uuid",                 [FW_CFG_RAM_SIZE] = "ram_size",
    [FW_CFG_NOGRAPHIC] = "nographic",       [FW_CFG_NB_CPUS] = "nb_cpus",
    [FW_CFG_MACHINE_ID] = "machine_id",     [FW_CFG_KERNEL_ADDR] = "kernel_addr",
    [FW_CFG_KERNEL_SIZE] = "kernel_size",   [FW_CFG_KERNEL_CMDLINE] = "kernel_cmdline",
    [FW_CFG_INITRD_ADDR] = "initrd_addr",
    [FW_CFG_INITRD_SIZE] = "initdr_size",   /* sic: QEMU's spelling */
    [FW_CFG_BOOT_DEVICE] = "boot_device",   [FW_CFG_NUMA] = "numa",
    [FW_CFG_BOOT_MENU] = "boot_menu",       [FW_CFG_MAX_CPUS] = "max_cpus",
    [FW_CFG_KERNEL_ENTRY] = "kernel_entry", [FW_CFG_KERNEL_DATA] = "kernel_data",
    [FW_CFG_INITRD_DATA] = "initrd_data",   [FW_CFG_CMDLINE_ADDR] = "cmdline_addr",
    [FW_CFG_CMDLINE_SIZE] = "cmdline_size", [FW_CFG_CMDLINE_DATA] = "cmdline_data",
    [FW_CFG_SETUP_ADDR] = "setup_addr",     [FW_CFG_SETUP_SIZE] = "setup_size",
    [FW_CFG_SETUP_DATA] = "setup_data",     [FW_CFG_FILE_DIR] = "file_dir",
};

/* The whole key is compared, so a write-channel arch key has no name. */
static const char *arch_key_name(uint16_t key)
{
    switch (key) {
    case FW_CFG_ACPI_TABLES: return "acpi_tables";
    case FW_CFG_SMBIOS_ENTRIES: return "smbios_entries";
    case FW_CFG_IRQ0_OVERRIDE: return "irq0_override";
    case FW_CFG_HPET: return "hpet";
    default: return NULL;
    }
}

const char *fw_cfg_key_name(uint16_t key)
{
    const char *name = NULL;

    if (key & FW_CFG_ARCH_LOCAL) {
        name = arch_key_name(key);
    } else if (key < FW_CFG_FILE_FIRST) {
        name = wellknown_keys[key];
    }
    return name ? name : "unknown";
}

/* ---- selector and data port ------------------------------------------- */

/* The selected item, or NULL when the selector is FW_CFG_INVALID. */
static FWCfgEntry *cur_entry(FWCfgState *s)
{
    if (s->cur_entry == FW_CFG_INVALID) {
        return NULL;
    }
    return &s->entries[!!(s->cur_entry & FW_CFG_ARCH_LOCAL)][s->cur_entry & FW_CFG_ENTRY_MASK];
}

/* fw_cfg_select: any key whose index (without the arch and write-channel
 * bits) is below FW_CFG_MAX_ENTRY selects, even an empty one. */
static int fw_cfg_select(FWCfgState *s, uint16_t key)
{
    int ret = 0;

    s->cur_offset = 0;
    if ((key & FW_CFG_ENTRY_MASK) >= FW_CFG_MAX_ENTRY) {
        s->cur_entry = FW_CFG_INVALID;
    } else {
        s->cur_entry = key;
        ret = 1;
    }
    trace_fw_cfg_select(s, key, fw_cfg_key_name(key), ret);
    return ret;
}

/* fw_cfg_data_read: the next `size` bytes as a big-endian number, padded
 * with zeros once the item ends; 0 for no item, no data or past the end. */
static uint64_t fw_cfg_data_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;
    FWCfgEntry *e = cur_entry(s);
    uint64_t value = 0;

    (void)addr;
    if (size > sizeof(value)) {
        size = sizeof(value);
    }
    if (e && e->data && s->cur_offset < e->len) {
        for (; size && s->cur_offset < e->len; size--) {
            value = (value << 8) | e->data[s->cur_offset++];
        }
        value <<= 8 * size;
    }
    trace_fw_cfg_read(s, value);
    return value;
}

/* fw_cfg_comb_write: 2 bytes select; a byte goes to fw_cfg_write, which
 * does nothing ("write support removed in QEMU v2.4+"). */
static void fw_cfg_comb_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    (void)addr;
    if (size == 2) {
        fw_cfg_select(opaque, (uint16_t)value);
    }
}

/* fw_cfg_comb_valid: byte reads and writes, 16-bit writes. */
static bool fw_cfg_comb_valid(void *opaque, hwaddr addr, unsigned size,
                              bool is_write, MemTxAttrs attrs)
{
    (void)opaque; (void)addr; (void)attrs;
    return size == 1 || (is_write && size == 2);
}

const MemoryRegionOps fw_cfg_comb_mem_ops = {
    .read = fw_cfg_data_read,
    .write = fw_cfg_comb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.accepts = fw_cfg_comb_valid,
};

/* ---- DMA ---------------------------------------------------------------- */

static uint32_t ld_be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t ld_be64(const void *p)
{
    return (uint64_t)ld_be32(p) << 32 | ld_be32((const uint8_t *)p + 4);
}

/* stl_be_dma: the descriptor's control word back to guest memory. */
static void dma_put_control(FWCfgState *s, uint64_t desc, uint32_t control)
{
    uint8_t b[4] = { control >> 24, control >> 16, control >> 8, control };

    address_space_write(s->dma_as, desc + offsetof(FWCfgDmaAccess, control),
                        MEMTXATTRS_UNSPECIFIED, b, sizeof(b));
}

/* dma_memory_set(..., 0, len): zeros in 512-byte writes, as
 * address_space_set; no host buffer grows with the guest's length. */
static MemTxResult dma_zero(FWCfgState *s, uint64_t addr, uint64_t len)
{
    static const uint8_t zeros[FW_CFG_FILL_CHUNK];
    MemTxResult r = MEMTX_OK;

    while (len > 0) {
        uint64_t l = len < sizeof(zeros) ? len : sizeof(zeros);

        r |= address_space_write(s->dma_as, addr, MEMTXATTRS_UNSPECIFIED, zeros, l);
        len -= l;
        addr += l;
    }
    return r;
}

/* One chunk of a READ/WRITE/SKIP (the loop body of fw_cfg_dma_transfer):
 * returns how many bytes of the request it consumed and ORs the error
 * bit into *control. */
static uint32_t dma_chunk(FWCfgState *s, FWCfgEntry *e, bool read, bool write,
                          uint64_t addr, uint32_t length, uint32_t *control)
{
    uint32_t len;

    if (!e || !e->data || s->cur_offset >= e->len) {
        /* Past the end: a read fills with zeros, a write fails. */
        if (read && dma_zero(s, addr, length) != MEMTX_OK) {
            *control |= FW_CFG_DMA_CTL_ERROR;
        }
        if (write) {
            *control |= FW_CFG_DMA_CTL_ERROR;
        }
        return length;
    }
    len = MIN(length, e->len - s->cur_offset);
    if (read && address_space_write(s->dma_as, addr, MEMTXATTRS_UNSPECIFIED,
                                    &e->data[s->cur_offset], len) != MEMTX_OK) {
        *control |= FW_CFG_DMA_CTL_ERROR;
    }
    if (write) {
        /* No item here allows writes (QEMU 7.2 only lets a few files
         * added with fw_cfg_add_file_callback take them). */
        *control |= FW_CFG_DMA_CTL_ERROR;
    }
    s->cur_offset += len;
    return len;
}

/* fw_cfg_dma_transfer: run the descriptor at dma_addr. */
static void fw_cfg_dma_transfer(FWCfgState *s)
{
    uint64_t desc = s->dma_addr, address;
    uint8_t raw[sizeof(FWCfgDmaAccess)];
    uint32_t control, length;
    bool read = false, write = false;

    s->dma_addr = 0;
    if (address_space_read(s->dma_as, desc, MEMTXATTRS_UNSPECIFIED, raw, sizeof(raw))
        != MEMTX_OK) {
        dma_put_control(s, desc, FW_CFG_DMA_CTL_ERROR);
        return;
    }
    control = ld_be32(raw);
    length = ld_be32(raw + 4);
    address = ld_be64(raw + 8);

    if (control & FW_CFG_DMA_CTL_SELECT) {
        fw_cfg_select(s, control >> 16);
    }
    /* READ wins over WRITE, WRITE over SKIP; none of them: no transfer. */
    if (control & FW_CFG_DMA_CTL_READ) {
        read = true;
    } else if (control & FW_CFG_DMA_CTL_WRITE) {
        write = true;
    } else if (!(control & FW_CFG_DMA_CTL_SKIP)) {
        length = 0;
    }
    control = 0;
    while (length > 0 && !(control & FW_CFG_DMA_CTL_ERROR)) {
        uint32_t len = dma_chunk(s, cur_entry(s), read, write, address, length, &control);

        address += len;
        length -= len;
    }
    dma_put_control(s, desc, control);
    trace_fw_cfg_read(s, 0);
}

/* fw_cfg_dma_mem_read: the bytes of "QEMU CFG" at that offset. */
static uint64_t fw_cfg_dma_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque;
    if (size == 0 || size > 8 || addr > 8 - size) {
        return 0;               /* dispatch never asks; QEMU would assert */
    }
    if (size == 8) {
        return FW_CFG_DMA_SIGNATURE;
    }
    return (FW_CFG_DMA_SIGNATURE >> ((8 - addr - size) * 8)) & ((1ULL << (size * 8)) - 1);
}

/* fw_cfg_dma_mem_write: the high half, then the low half (which starts
 * the transfer), or all 64 bits at once. */
static void fw_cfg_dma_mem_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 4 && addr == 0) {
        s->dma_addr = value << 32;
    } else if (size == 4 && addr == 4) {
        s->dma_addr |= value;
        fw_cfg_dma_transfer(s);
    } else if (size == 8 && addr == 0) {
        s->dma_addr = value;
        fw_cfg_dma_transfer(s);
    }
}

static bool fw_cfg_dma_mem_valid(void *opaque, hwaddr addr, unsigned size,
                                 bool is_write, MemTxAttrs attrs)
{
    (void)opaque; (void)attrs;
    return !is_write || (size == 4 && (addr == 0 || addr == 4)) ||
           (size == 8 && addr == 0);
}

const MemoryRegionOps fw_cfg_dma_mem_ops = {
    .read = fw_cfg_dma_mem_read,
    .write = fw_cfg_dma_mem_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid.accepts = fw_cfg_dma_mem_valid,
    .valid.max_access_size = 8,
    .impl.max_access_size = 8,
};

/* ---- items -------------------------------------------------------------- */

static FWCfgEntry *key_entry(FWCfgState *s, uint16_t key)
{
    uint16_t index = key & FW_CFG_ENTRY_MASK;

    g_assert(index < FW_CFG_MAX_ENTRY);
    return &s->entries[!!(key & FW_CFG_ARCH_LOCAL)][index];
}

/* fw_cfg_add_bytes_callback without callbacks: read-only items only. */
static void add_entry(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    FWCfgEntry *e = key_entry(s, key);

    g_assert(len < UINT32_MAX);
    g_assert(e->data == NULL);          /* QEMU: "avoid key conflict" */
    e->data = data;
    e->len = (uint32_t)len;
    e->allow_write = false;
}

/* fw_cfg_modify_bytes_read: swap the data in, hand the old data back. */
static void *modify_entry(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    FWCfgEntry *e = key_entry(s, key);
    void *old = e->data;

    g_assert(len < UINT32_MAX);
    e->data = data;
    e->len = (uint32_t)len;
    e->allow_write = false;
    return old;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    trace_fw_cfg_add_bytes(key, fw_cfg_key_name(key), len);
    add_entry(s, key, data, len);
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
    size_t sz = strlen(value) + 1;

    trace_fw_cfg_add_string(key, fw_cfg_key_name(key), value);
    fw_cfg_add_bytes(s, key, g_memdup2(value, sz), sz);
}

/* Little-endian copy of an integer, n bytes. */
static void *le_bytes(uint64_t value, size_t n)
{
    uint8_t *p = g_malloc(n);

    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(value >> (8 * i));
    }
    return p;
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    trace_fw_cfg_add_i16(key, fw_cfg_key_name(key), value);
    fw_cfg_add_bytes(s, key, le_bytes(value, 2), 2);
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    trace_fw_cfg_add_i32(key, fw_cfg_key_name(key), value);
    fw_cfg_add_bytes(s, key, le_bytes(value, 4), 4);
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    trace_fw_cfg_add_i64(key, fw_cfg_key_name(key), value);
    fw_cfg_add_bytes(s, key, le_bytes(value, 8), 8);
}

void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value)
{
    size_t sz = strlen(value) + 1;

    g_free(modify_entry(s, key, g_memdup2(value, sz), sz));
}

void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    g_free(modify_entry(s, key, le_bytes(value, 2), 2));
}

void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    g_free(modify_entry(s, key, le_bytes(value, 4), 4));
}

void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    g_free(modify_entry(s, key, le_bytes(value, 8), 8));
}

/* ---- files -------------------------------------------------------------- */

static void put_be32(void *p, uint32_t v)
{
    uint8_t *b = p;

    b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v;
}

static void put_be16(void *p, uint16_t v)
{
    uint8_t *b = p;

    b[0] = v >> 8; b[1] = (uint8_t)v;
}

/* The directory is created with the first file: FW_CFG_FILE_DIR covers
 * all the slots (4 + 32 * 64 bytes) whatever the count. */
static void files_init(FWCfgState *s)
{
    size_t dsize = sizeof(uint32_t) + sizeof(FWCfgFile) * FW_CFG_FILE_SLOTS;

    s->files = g_malloc0(dsize);
    fw_cfg_add_bytes(s, FW_CFG_FILE_DIR, s->files, dsize);
}

/* Non-legacy order (pc-i440fx-7.2): sorted by name, strcmp order, a new
 * name after equal ones.  Moves the later entries and their items up one
 * slot and returns the free index. */
static int files_make_room(FWCfgState *s, const char *filename, int count)
{
    int index = count;

    while (index > 0 && strcmp(filename, s->files->f[index - 1].name) < 0) {
        index--;
    }
    for (int i = count; i > index; i--) {
        s->files->f[i] = s->files->f[i - 1];
        put_be16(&s->files->f[i].select, FW_CFG_FILE_FIRST + i);
        s->entries[0][FW_CFG_FILE_FIRST + i] = s->entries[0][FW_CFG_FILE_FIRST + i - 1];
    }
    memset(&s->files->f[index], 0, sizeof(FWCfgFile));
    memset(&s->entries[0][FW_CFG_FILE_FIRST + index], 0, sizeof(FWCfgEntry));
    return index;
}

static uint32_t files_count(const FWCfgState *s)
{
    return ld_be32(&s->files->count);
}

void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data, size_t len)
{
    int count, index;
    FWCfgFile *f;

    if (!s->files) {
        files_init(s);
    }
    count = (int)files_count(s);
    g_assert(count < FW_CFG_FILE_SLOTS);
    index = files_make_room(s, filename, count);
    f = &s->files->f[index];
    g_strlcpy(f->name, filename, sizeof(f->name));      /* pstrcpy */
    for (int i = 0; i <= count; i++) {
        if (i != index && strcmp(f->name, s->files->f[i].name) == 0) {
            fprintf(stderr, "qemu-system-i386: duplicate fw_cfg file name: %s\n", f->name);
            exit(1);
        }
    }
    add_entry(s, FW_CFG_FILE_FIRST + index, data, len);
    put_be32(&f->size, (uint32_t)len);
    put_be16(&f->select, FW_CFG_FILE_FIRST + index);
    trace_fw_cfg_add_file(s, index, f->name, len);
    put_be32(&s->files->count, count + 1);
}

void *fw_cfg_modify_file(FWCfgState *s, const char *filename, void *data, size_t len)
{
    uint32_t count = s->files ? files_count(s) : 0;

    for (uint32_t i = 0; i < count; i++) {
        if (strcmp(filename, s->files->f[i].name) == 0) {
            void *old = modify_entry(s, FW_CFG_FILE_FIRST + i, data, len);

            put_be32(&s->files->f[i].size, (uint32_t)len);
            return old;
        }
    }
    fw_cfg_add_file(s, filename, data, len);
    return NULL;
}

/* ---- boot order (softmmu/bootdevice.c) ------------------------------------ */

void fw_cfg_add_boot_device(FWCfgState *s, int32_t bootindex, const char *path)
{
    FWBootEntry n = { bootindex, g_strdup(path) };
    guint i;

    if (bootindex < 0) {
        g_free(n.path);
        return;
    }
    for (i = 0; i < s->boot_order->len; i++) {
        FWBootEntry *e = &g_array_index(s->boot_order, FWBootEntry, i);

        if (e->bootindex == bootindex) {
            fprintf(stderr, "qemu-system-i386: Two devices with same boot index %d\n",
                    bootindex);
            exit(1);
        }
        if (e->bootindex > bootindex) {
            break;
        }
    }
    g_array_insert_val(s->boot_order, i, n);
}

/* get_boot_devices_list: the paths joined by '\n', NUL-terminated; NULL
 * and 0 with no boot device (no -boot strict=on, so no "HALT"). */
static char *boot_devices_list(FWCfgState *s, size_t *size)
{
    GString *list;

    *size = 0;
    if (s->boot_order->len == 0) {
        return NULL;
    }
    list = g_string_new(NULL);
    for (guint i = 0; i < s->boot_order->len; i++) {
        if (i) {
            g_string_append_c(list, '\n');
        }
        g_string_append(list, g_array_index(s->boot_order, FWBootEntry, i).path);
    }
    *size = list->len + 1;
    return g_string_free(list, FALSE);
}

void fw_cfg_machine_reset(FWCfgState *s)
{
    size_t len;
    char *buf = boot_devices_list(s, &len);

    g_free(fw_cfg_modify_file(s, "bootorder", buf, len));
    /* get_boot_devices_lchs_list: no device has an LCHS geometry. */
    g_free(fw_cfg_modify_file(s, "bios-geometry", NULL, 0));
}

void fw_cfg_reset(FWCfgState *s)
{
    fw_cfg_select(s, FW_CFG_SIGNATURE);
}

/* ---- life cycle ------------------------------------------------------------ */

static void boot_entry_clear(gpointer p)
{
    g_free(((FWBootEntry *)p)->path);
}

/* fw_cfg_reboot: etc/boot-fail-wait, -1 (no -boot reboot-timeout). */
static void fw_cfg_reboot(FWCfgState *s)
{
    fw_cfg_add_file(s, "etc/boot-fail-wait", le_bytes(UINT32_MAX, 4), 4);
}

FWCfgState *fw_cfg_io_new(AddressSpace *dma_as, const FWCfgMachineOpts *opts)
{
    FWCfgState *s = g_new0(FWCfgState, 1);
    uint32_t version = FW_CFG_VERSION;

    s->dma_enabled = dma_as != NULL;
    s->dma_as = dma_as;
    s->cur_entry = FW_CFG_INVALID;
    s->boot_order = g_array_new(FALSE, FALSE, sizeof(FWBootEntry));
    g_array_set_clear_func(s->boot_order, boot_entry_clear);
    /* fw_cfg_common_realize; the UUID is qemu_uuid, zero without -uuid. */
    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, g_memdup2("QEMU", FW_CFG_SIG_SIZE), FW_CFG_SIG_SIZE);
    fw_cfg_add_bytes(s, FW_CFG_UUID, g_malloc0(16), 16);
    fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, opts->nographic);
    fw_cfg_add_i16(s, FW_CFG_BOOT_MENU, opts->boot_menu);
    fw_cfg_reboot(s);           /* fw_cfg_bootsplash adds nothing without -boot splash */
    if (s->dma_enabled) {
        version |= FW_CFG_VERSION_DMA;
    }
    fw_cfg_add_i32(s, FW_CFG_ID, version);
    return s;
}

void fw_cfg_free(FWCfgState *s)
{
    if (!s) {
        return;
    }
    for (int arch = 0; arch < 2; arch++) {
        for (int i = 0; i < FW_CFG_MAX_ENTRY; i++) {
            g_free(s->entries[arch][i].data);     /* the directory is FILE_DIR's */
        }
    }
    g_array_free(s->boot_order, TRUE);
    g_free(s);
}
