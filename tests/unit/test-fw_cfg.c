/*
 * fw_cfg (hw/nvram/fw_cfg.c; QEMU 7.2's hw/nvram/fw_cfg.c), driven
 * through its two I/O regions as a guest drives them: the selector and
 * data port, the file directory, the DMA interface (descriptor in guest
 * RAM, big-endian), the reset hooks and the trace lines; then the pc
 * machine's items (hw/i386/fw_cfg-pc.c) and its SMBIOS tables
 * (hw/smbios/smbios.c).  Expected values are QEMU 7.2's, as
 * roms/fwcfg.asm prints them under qemu-system-i386.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "hw/i386/pc.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/smbios/smbios.h"
#include "softmmu/trace.h"
#include "memtest.h"

#define RAM_SIZE 0x10000
#define DESC     0x1000         /* descriptor */
#define BUF      0x2000         /* DMA destination */

static FWCfgState *fw;
static AddressSpace *mem_as, *io_as;
static PCMachineState *pc;

/* ---- fixture ---------------------------------------------------------------- */

static void setup(void)
{
    MemoryRegion *sys, *io;

    memtest_setup();
    sys = memtest_container("system", UINT64_MAX);
    memtest_add(sys, 0, memtest_ram("ram", RAM_SIZE), 0);
    mem_as = memtest_as(sys, "memory");
    fw = fw_cfg_io_new(mem_as, &(FWCfgMachineOpts){ 0 });
    io = memtest_container("io", 0x10000);
    memtest_add(io, FW_CFG_IO_BASE, memtest_io("fwcfg", 2, &fw_cfg_comb_mem_ops, fw), 0);
    memtest_add(io, FW_CFG_IO_BASE + 4, memtest_io("fwcfg.dma", 8, &fw_cfg_dma_mem_ops, fw), 0);
    io_as = memtest_as(io, "I/O");
}

static void teardown(void)
{
    memtest_teardown();
    fw_cfg_free(fw);
    fw = NULL;
    pc_machine_free(pc);
    pc = NULL;
}

/* ---- guest-side helpers -------------------------------------------------------- */

static void outw(hwaddr port, uint16_t v)
{
    address_space_stw_le(io_as, port, v, UNSPEC, NULL);
}

static uint8_t inb(hwaddr port)
{
    return address_space_ldub(io_as, port, UNSPEC, NULL);
}

static void select_key(uint16_t key)
{
    outw(0x510, key);
}

/* n bytes of the selected item through the data port */
static void read_data(void *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ((uint8_t *)buf)[i] = inb(0x511);
    }
}

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}

static void ram_write(hwaddr addr, const void *buf, size_t n)
{
    ck_assert_int_eq(address_space_write(mem_as, addr, UNSPEC, buf, n), MEMTX_OK);
}

static void ram_read(hwaddr addr, void *buf, size_t n)
{
    ck_assert_int_eq(address_space_read(mem_as, addr, UNSPEC, buf, n), MEMTX_OK);
}

/* A 32-bit OUT of the value the device should see (a big-endian device:
 * the guest writes it byte-swapped, as SeaBIOS does). */
static void dma_out(hwaddr port, uint32_t v)
{
    address_space_stl_le(io_as, port, GUINT32_SWAP_LE_BE(v), UNSPEC, NULL);
}

/* Write a descriptor at `desc` (big-endian fields). */
static void put_desc(hwaddr desc, uint32_t control, uint32_t length, uint64_t address)
{
    uint8_t d[16];

    for (int i = 0; i < 4; i++) {
        d[i] = control >> (24 - 8 * i);
        d[4 + i] = length >> (24 - 8 * i);
    }
    for (int i = 0; i < 8; i++) {
        d[8 + i] = address >> (56 - 8 * i);
    }
    ram_write(desc, d, sizeof(d));
}

static uint32_t desc_control(hwaddr desc)
{
    uint8_t c[4];

    ram_read(desc, c, 4);
    return be32(c);
}

/* Run one transfer from DESC; returns the control word written back. */
static uint32_t dma(uint32_t control, uint32_t length, uint64_t address)
{
    put_desc(DESC, control, length, address);
    dma_out(0x514, 0);
    dma_out(0x518, DESC);
    return desc_control(DESC);
}

static void fill_buf(uint8_t v, size_t n)
{
    uint8_t b[256];

    memset(b, v, sizeof(b));
    ram_write(BUF, b, n);
}

#define assert_bytes(got, want, n) \
    ck_assert_msg(memcmp((got), (want), (n)) == 0, "bytes differ (%s)", #want)

/* ---- selector and data port ------------------------------------------------------ */

/* Signature and ID (traditional + DMA), zeros past the end, the data
 * readable at both port offsets. */
START_TEST(test_signature_and_id)
{
    uint8_t b[6];

    select_key(FW_CFG_SIGNATURE);
    read_data(b, 6);
    assert_bytes(b, "QEMU\0\0", 6);
    select_key(FW_CFG_SIGNATURE);
    ck_assert_uint_eq(inb(0x510), 'Q');
    ck_assert_uint_eq(inb(0x511), 'E');
    select_key(FW_CFG_ID);
    read_data(b, 4);
    assert_bytes(b, "\x03\0\0\0", 4);
}
END_TEST

/* Word and dword reads are refused (0) and consume nothing; byte writes,
 * a dword write and a word write at 0x511 do not select. */
START_TEST(test_port_access_sizes)
{
    MemTxResult r;

    select_key(FW_CFG_SIGNATURE);
    ck_assert_uint_eq(address_space_lduw_le(io_as, 0x510, UNSPEC, &r), 0);
    ck_assert_uint_eq(address_space_ldl_le(io_as, 0x510, UNSPEC, &r), 0);
    ck_assert_uint_eq(inb(0x511), 'Q');
    select_key(FW_CFG_ID);
    address_space_stb(io_as, 0x510, 0, UNSPEC, NULL);
    address_space_stb(io_as, 0x511, 0, UNSPEC, NULL);
    address_space_stw_le(io_as, 0x511, 0, UNSPEC, NULL);
    address_space_stl_le(io_as, 0x510, 0, UNSPEC, NULL);
    ck_assert_uint_eq(inb(0x511), 0x03);
}
END_TEST

/* Keys: the write-channel bit is ignored when picking the item, the arch
 * bit picks the arch table, an index past the file slots is invalid. */
START_TEST(test_select_rules)
{
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);
    select_key(0x4000);
    ck_assert_uint_eq(inb(0x511), 'Q');
    select_key(0xc002);
    ck_assert_uint_eq(inb(0x511), 0x01);
    select_key(0x0002 | FW_CFG_ARCH_LOCAL);
    ck_assert_uint_eq(inb(0x511), 0x01);
    select_key(0x0040);
    ck_assert_uint_eq(fw->cur_entry, FW_CFG_INVALID);
    ck_assert_uint_eq(inb(0x511), 0);
    select_key(0x803f);
    ck_assert_uint_eq(fw->cur_entry, 0x803f);
    ck_assert_uint_eq(inb(0x511), 0);
    select_key(0x3fff);
    ck_assert_uint_eq(fw->cur_entry, FW_CFG_INVALID);
}
END_TEST

START_TEST(test_reset_selects_signature)
{
    select_key(FW_CFG_ID);
    inb(0x511);
    fw_cfg_reset(fw);
    ck_assert_uint_eq(inb(0x511), 'Q');
}
END_TEST

/* Integers little-endian, strings with their NUL, modify replaces. */
START_TEST(test_integer_and_string_items)
{
    uint8_t b[9];

    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, 0x1234);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, 0x89abcdef);
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, 0x0102030405060708ULL);
    fw_cfg_add_string(fw, FW_CFG_CMDLINE_DATA, "hi");
    select_key(FW_CFG_NB_CPUS);
    read_data(b, 3);
    assert_bytes(b, "\x34\x12\0", 3);
    select_key(FW_CFG_KERNEL_ADDR);
    read_data(b, 4);
    assert_bytes(b, "\xef\xcd\xab\x89", 4);
    select_key(FW_CFG_RAM_SIZE);
    read_data(b, 9);
    assert_bytes(b, "\x08\x07\x06\x05\x04\x03\x02\x01\0", 9);
    select_key(FW_CFG_CMDLINE_DATA);
    read_data(b, 4);
    assert_bytes(b, "hi\0\0", 4);
    fw_cfg_modify_i16(fw, FW_CFG_NB_CPUS, 7);
    fw_cfg_modify_i32(fw, FW_CFG_KERNEL_ADDR, 8);
    fw_cfg_modify_i64(fw, FW_CFG_RAM_SIZE, 9);
    fw_cfg_modify_string(fw, FW_CFG_CMDLINE_DATA, "xyz");
    select_key(FW_CFG_NB_CPUS);
    ck_assert_uint_eq(inb(0x511), 7);
    select_key(FW_CFG_KERNEL_ADDR);
    ck_assert_uint_eq(inb(0x511), 8);
    select_key(FW_CFG_RAM_SIZE);
    ck_assert_uint_eq(inb(0x511), 9);
    select_key(FW_CFG_CMDLINE_DATA);
    read_data(b, 4);
    assert_bytes(b, "xyz\0", 4);
}
END_TEST

/* ---- file directory ------------------------------------------------------------------ */

/* One directory entry as the guest reads it. */
typedef struct DirEntry {
    uint32_t size;
    uint16_t select;
    char name[FW_CFG_MAX_FILE_PATH];
} DirEntry;

static uint32_t read_dir(DirEntry *e, unsigned max)
{
    uint8_t b[64];
    uint32_t count;

    select_key(FW_CFG_FILE_DIR);
    read_data(b, 4);
    count = be32(b);
    for (unsigned i = 0; i < count && i < max; i++) {
        read_data(b, 64);
        e[i].size = be32(b);
        e[i].select = b[4] << 8 | b[5];
        ck_assert_uint_eq(b[6] | b[7], 0);
        memcpy(e[i].name, b + 8, FW_CFG_MAX_FILE_PATH);
    }
    return count;
}

/* Sorted by name (strcmp), select keys renumbered as entries move, the
 * data moving with them, big-endian sizes, long names cut to 55. */
START_TEST(test_file_directory_sorted)
{
    char longname[61] = { 0 }, cut[FW_CFG_MAX_FILE_PATH] = { 0 };
    const char *const want[] = {
        "alpha", "etc/boot-fail-wai", "etc/boot-fail-wait", "zeta", cut,
    };
    DirEntry e[8];
    uint8_t b[4];

    memset(longname, 'z', 60);
    memset(cut, 'z', FW_CFG_MAX_FILE_PATH - 1);

    fw_cfg_add_file(fw, "zeta", g_memdup2("ZZZZ", 4), 4);
    fw_cfg_add_file(fw, "alpha", g_memdup2("AA", 2), 2);
    fw_cfg_add_file(fw, "etc/boot-fail-wai", g_memdup2("B", 1), 1);
    fw_cfg_add_file(fw, longname, NULL, 0);
    ck_assert_uint_eq(read_dir(e, 8), 5);
    for (unsigned i = 0; i < 5; i++) {
        ck_assert_str_eq(e[i].name, want[i]);
        ck_assert_uint_eq(e[i].select, FW_CFG_FILE_FIRST + i);
    }
    ck_assert_uint_eq(e[0].size, 2);
    ck_assert_uint_eq(e[2].size, 4);
    ck_assert_uint_eq(e[3].size, 4);
    select_key(FW_CFG_FILE_FIRST + 2);
    read_data(b, 4);
    assert_bytes(b, "\xff\xff\xff\xff", 4);
    select_key(FW_CFG_FILE_FIRST + 3);
    read_data(b, 4);
    assert_bytes(b, "ZZZZ", 4);
    select_key(FW_CFG_FILE_FIRST);
    read_data(b, 3);
    assert_bytes(b, "AA\0", 3);
}
END_TEST

/* The directory item is 4 + 32 * 64 bytes whatever the count. */
START_TEST(test_file_directory_size)
{
    uint8_t b[4 + 32 * 64 + 4];

    select_key(FW_CFG_FILE_DIR);
    read_data(b, sizeof(b));
    ck_assert_uint_eq(be32(b), 1);
    ck_assert_str_eq((char *)b + 12, "etc/boot-fail-wait");
    for (size_t i = 4 + 64; i < sizeof(b); i++) {
        ck_assert_uint_eq(b[i], 0);
    }
    ck_assert_uint_eq(fw->entries[0][FW_CFG_FILE_DIR].len, 4 + 32 * 64);
}
END_TEST

START_TEST(test_modify_file)
{
    DirEntry e[4];
    uint8_t *old = g_memdup2("abcd", 4);
    void *back;

    fw_cfg_add_file(fw, "f", old, 4);
    back = fw_cfg_modify_file(fw, "f", g_memdup2("xy", 2), 2);
    ck_assert_ptr_eq(back, old);
    g_free(back);
    ck_assert_ptr_null(fw_cfg_modify_file(fw, "g", g_memdup2("g", 1), 1));
    ck_assert_uint_eq(read_dir(e, 4), 3);
    ck_assert_str_eq(e[1].name, "f");
    ck_assert_uint_eq(e[1].size, 2);
    ck_assert_str_eq(e[2].name, "g");
    select_key(e[1].select);
    ck_assert_uint_eq(inb(0x511), 'x');
}
END_TEST

/* fw_cfg_machine_reset: empty "bootorder" and "bios-geometry" without
 * boot devices; with them, the paths by boot index. */
START_TEST(test_machine_reset_bootorder)
{
    DirEntry e[4];
    char b[8];

    fw_cfg_machine_reset(fw);
    fw_cfg_machine_reset(fw);           /* a second reset modifies them */
    ck_assert_uint_eq(read_dir(e, 4), 3);
    ck_assert_str_eq(e[0].name, "bios-geometry");
    ck_assert_str_eq(e[1].name, "bootorder");
    ck_assert_uint_eq(e[0].size, 0);
    ck_assert_uint_eq(e[1].size, 0);
    fw_cfg_add_boot_device(fw, 5, "/b");
    fw_cfg_add_boot_device(fw, -1, "/ignored");
    fw_cfg_add_boot_device(fw, 1, "/a");
    fw_cfg_machine_reset(fw);
    read_dir(e, 4);
    ck_assert_uint_eq(e[1].size, 6);
    select_key(e[1].select);
    read_data(b, 7);
    assert_bytes(b, "/a\n/b\0\0", 7);
}
END_TEST

/* ---- DMA ----------------------------------------------------------------------------- */

/* The DMA port reads "QEMU CFG" at every size and offset. */
START_TEST(test_dma_signature)
{
    static const char sig[] = "QEMU CFG";
    MemoryRegion *mr = address_space_translate(io_as, 0x514, &(hwaddr){ 0 },
                                               &(hwaddr){ 1 }, false, UNSPEC);
    uint64_t v;

    for (int i = 0; i < 8; i++) {
        ck_assert_uint_eq(inb(0x514 + i), (uint8_t)sig[i]);
    }
    ck_assert_uint_eq(address_space_ldl_le(io_as, 0x514, UNSPEC, NULL), 0x554d4551);
    ck_assert_uint_eq(address_space_ldl_le(io_as, 0x518, UNSPEC, NULL), 0x47464320);
    ck_assert_uint_eq(address_space_lduw_le(io_as, 0x51a, UNSPEC, NULL), 0x4746);
    ck_assert_int_eq(memory_region_dispatch_read(mr, 0, &v, 8, UNSPEC), MEMTX_OK);
    ck_assert_uint_eq(v, GUINT64_SWAP_LE_BE(FW_CFG_DMA_SIGNATURE));
}
END_TEST

/* READ: the item's bytes, zeros past its end; control 0 written back
 * big-endian; the offset advances (the data port goes on from there). */
START_TEST(test_dma_read)
{
    uint8_t b[8];

    fill_buf(0xaa, 16);
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 3, BUF), 0);
    ram_read(BUF, b, 4);
    assert_bytes(b, "QEM\xaa", 4);
    ck_assert_uint_eq(inb(0x511), 'U');
    ck_assert_uint_eq(dma(FW_CFG_ID << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ,
                          8, BUF), 0);
    ram_read(BUF, b, 8);
    assert_bytes(b, "\x03\0\0\0\0\0\0\0", 8);
    /* an invalid key reads zeros, without error */
    fill_buf(0xaa, 16);
    ck_assert_uint_eq(dma(0x40 << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 4, BUF), 0);
    ram_read(BUF, b, 5);
    assert_bytes(b, "\0\0\0\0\xaa", 5);
}
END_TEST

/* SKIP moves the offset; SELECT alone and no bit at all move nothing;
 * READ wins over WRITE and SKIP; WRITE is always an error (no item takes
 * writes) unless its length is 0. */
START_TEST(test_dma_control_bits)
{
    uint8_t b[4];

    ck_assert_uint_eq(dma(FW_CFG_ID << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_SKIP,
                          1, BUF), 0);
    fill_buf(0xaa, 4);
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_READ, 2, BUF), 0);
    ram_read(BUF, b, 3);
    assert_bytes(b, "\0\0\xaa", 3);
    ck_assert_uint_eq(fw->cur_offset, 3);
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT, 4, BUF), 0);       /* key 0 */
    ck_assert_uint_eq(dma(0, 4, BUF), 0);
    ck_assert_uint_eq(inb(0x511), 'Q');
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE, 2, BUF),
                      FW_CFG_DMA_CTL_ERROR);
    ck_assert_uint_eq(inb(0x511), 'M');             /* the offset moved on */
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE, 0, BUF), 0);
    ck_assert_uint_eq(dma(0x40 << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE, 4, BUF),
                      FW_CFG_DMA_CTL_ERROR);
    fill_buf(0xaa, 4);
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ | FW_CFG_DMA_CTL_WRITE |
                          FW_CFG_DMA_CTL_SKIP | FW_CFG_DMA_CTL_ERROR, 4, BUF), 0);
    ram_read(BUF, b, 4);
    assert_bytes(b, "QEMU", 4);
}
END_TEST

/* Memory that is not there: the error bit, the part in RAM written;
 * a descriptor that cannot be read gets the error in its control word;
 * one in unassigned space changes nothing.  Long zero fills run in fixed
 * chunks. */
START_TEST(test_dma_bad_memory)
{
    uint8_t b[4];

    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 4, RAM_SIZE + 0x100),
                      FW_CFG_DMA_CTL_ERROR);
    ram_write(RAM_SIZE - 4, "\x11\x11\x11\x11", 4);
    ck_assert_uint_eq(dma(FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 4, RAM_SIZE - 2),
                      FW_CFG_DMA_CTL_ERROR);
    ram_read(RAM_SIZE - 4, b, 4);
    assert_bytes(b, "\x11\x11QE", 4);
    ck_assert_uint_eq(dma(0x40 << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ,
                          1 << 20, RAM_SIZE - 2), FW_CFG_DMA_CTL_ERROR);
    ram_read(RAM_SIZE - 4, b, 4);
    assert_bytes(b, "\x11\x11\0\0", 4);
    /* descriptor straddling the end of RAM */
    ram_write(RAM_SIZE - 8, "\0\0\0\x02\0\0\0\x04", 8);     /* READ, 4 bytes */
    dma_out(0x514, 0);
    dma_out(0x518, RAM_SIZE - 8);
    ck_assert_uint_eq(desc_control(RAM_SIZE - 8), FW_CFG_DMA_CTL_ERROR);
    /* descriptor far away, 64-bit */
    dma_out(0x514, 0x12345678);
    dma_out(0x518, 0x9abcdef0);
    ck_assert_uint_eq(fw->dma_addr, 0);
}
END_TEST

/* The address register: high half kept until a low write starts the
 * transfer (and is cleared by it); refused access sizes do nothing. */
START_TEST(test_dma_address_register)
{
    put_desc(DESC, FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 4, BUF);
    dma_out(0x514, 1);
    ck_assert_uint_eq(fw->dma_addr, 1ULL << 32);
    dma_out(0x518, DESC);                           /* at 4 GiB + DESC */
    ck_assert_uint_eq(desc_control(DESC), FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ);
    ck_assert_uint_eq(fw->dma_addr, 0);
    address_space_stb(io_as, 0x518, 0x10, UNSPEC, NULL);
    address_space_stw_le(io_as, 0x518, 0x1000, UNSPEC, NULL);
    address_space_stl_le(io_as, 0x516, 0x1000, UNSPEC, NULL);
    ck_assert_uint_eq(desc_control(DESC), FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ);
    dma_out(0x518, DESC);
    ck_assert_uint_eq(desc_control(DESC), 0);
}
END_TEST

/* Without a DMA address space: ID 1 (no DMA bit). */
START_TEST(test_no_dma)
{
    FWCfgState *s = fw_cfg_io_new(NULL, &(FWCfgMachineOpts){ .nographic = true,
                                                             .boot_menu = true });

    ck_assert(!s->dma_enabled);
    ck_assert_uint_eq(s->entries[0][FW_CFG_ID].data[0], FW_CFG_VERSION);
    ck_assert_uint_eq(s->entries[0][FW_CFG_NOGRAPHIC].data[0], 1);
    ck_assert_uint_eq(s->entries[0][FW_CFG_BOOT_MENU].data[0], 1);
    fw_cfg_free(s);
}
END_TEST

/* ---- trace --------------------------------------------------------------------------- */

/* The realize lines QEMU 7.2 prints with -trace 'fw_cfg_*', and a
 * select, a byte read and a DMA transfer. */
START_TEST(test_trace_lines)
{
    FWCfgState *s;
    char *want, *got;

    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("fw_cfg_*"), 8);
    s = fw_cfg_io_new(mem_as, &(FWCfgMachineOpts){ 0 });
    got = memtest_gc(memtest_log_take());
    want = memtest_gc(g_strdup_printf(
        "fw_cfg_add_bytes key 0x0000 'signature', 4 bytes\n"
        "fw_cfg_add_bytes key 0x0002 'uuid', 16 bytes\n"
        "fw_cfg_add_i16 key 0x0004 'nographic', value 0x0\n"
        "fw_cfg_add_bytes key 0x0004 'nographic', 2 bytes\n"
        "fw_cfg_add_i16 key 0x000e 'boot_menu', value 0x0\n"
        "fw_cfg_add_bytes key 0x000e 'boot_menu', 2 bytes\n"
        "fw_cfg_add_bytes key 0x0019 'file_dir', 2052 bytes\n"
        "fw_cfg_add_file %p #0: etc/boot-fail-wait (4 bytes)\n"
        "fw_cfg_add_i32 key 0x0001 'id', value 0x3\n"
        "fw_cfg_add_bytes key 0x0001 'id', 4 bytes\n", (void *)s));
    ck_assert_str_eq(got, want);
    fw_cfg_free(s);
    fw_cfg_add_i64(fw, FW_CFG_HPET, 1);
    fw_cfg_add_string(fw, 0x4003, "x");
    select_key(0x8004);
    inb(0x511);
    dma(0x7fff << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 1, BUF);
    got = memtest_gc(memtest_log_take());
    want = memtest_gc(g_strdup_printf(
        "fw_cfg_add_i64 key 0x8004 'hpet', value 0x1\n"
        "fw_cfg_add_bytes key 0x8004 'hpet', 8 bytes\n"
        "fw_cfg_add_string key 0x4003 'unknown', value 'x'\n"
        "fw_cfg_add_bytes key 0x4003 'unknown', 2 bytes\n"
        "fw_cfg_select %p key 0x8004 'hpet', ret: 1\n"
        "fw_cfg_read %p = 0x1\n"
        "fw_cfg_select %p key 0x7fff 'unknown', ret: 0\n"
        "fw_cfg_read %p = 0x0\n", (void *)fw, (void *)fw, (void *)fw, (void *)fw));
    ck_assert_str_eq(got, want);
    memtest_log_end();
}
END_TEST

/* ---- SMBIOS ---------------------------------------------------------------------------- */

/* QEMU 7.2's etc/smbios/smbios-tables for the reference machine, as
 * roms/fwcfg.asm dumps it under qemu-system-i386. */
static const char qemu_smbios_tables_hex[] =
        "011b0001010203000000000000000000000000000000000006000051454d5500"
        "5374616e646172642050432028693434304658202b20504949582c2031393936"
        "290070632d6934343066782d372e320000031600030101020000030303020000"
        "0000000000000051454d550070632d6934343066782d372e320000042a000401"
        "03010263060000fdab810703000000d007d0074101ffffffffffff0000000101"
        "010200010043505520300051454d550070632d6934343066782d372e32000010"
        "17001001030600000200feff010000000000000000000000112800110010feff"
        "ffffffff80000900010007020000000200000000000000000000000000000000"
        "44494d4d20300051454d550000131f001300000000ffff010000100100000000"
        "0000000000000000000000000000200b00200000000000000000007f04007f00"
        "00";

static char *hex_of(const uint8_t *b, size_t n)
{
    GString *s = g_string_new(NULL);

    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(s, "%02x", b[i]);
    }
    return g_string_free(s, FALSE);
}

/* The reference machine's tables: 321 bytes, 8 structures, the largest
 * (type 1) 81 bytes; the anchor is QEMU's 2.8 entry point. */
START_TEST(test_smbios_reference)
{
    static const uint8_t anchor_want[SMBIOS_21_EP_SIZE] = {
        '_', 'S', 'M', '_', 0, 0x1f, 2, 8, 0x51, 0, 0, 0, 0, 0, 0, 0,
        '_', 'D', 'M', 'I', '_', 0, 0x41, 0x01, 0, 0, 0, 0, 8, 0, 0x28,
    };
    struct smbios_phys_mem_area mem = { 0, 128 << 20 };
    SmbiosParams p = { "QEMU", "Standard PC (i440FX + PIIX, 1996)", "pc-i440fx-7.2",
                       0x663, 0x0781abfd, 1, 1, 1, 128 << 20, &mem, 1 };
    uint8_t *t, *a;
    size_t tl, al;

    smbios_get_tables(&p, &t, &tl, &a, &al);
    memtest_gc(t);
    memtest_gc(a);
    ck_assert_uint_eq(tl, 321);
    ck_assert_uint_eq(al, SMBIOS_21_EP_SIZE);
    assert_bytes(a, anchor_want, SMBIOS_21_EP_SIZE);
    ck_assert_str_eq(memtest_gc(hex_of(t, tl)), qemu_smbios_tables_hex);
}
END_TEST

/* 20 GiB in two areas: two DIMMs (16 GiB + 4 GiB), two type 19s; the
 * second area's end in KiB still fits 32 bits. */
START_TEST(test_smbios_two_dimms)
{
    struct smbios_phys_mem_area mem[2] = { { 0, 3ULL << 30 }, { 1ULL << 32, 17ULL << 30 } };
    SmbiosParams p = { "QEMU", "P", "V", 0x663, 0, 1, 1, 1, 20ULL << 30, mem, 2 };
    uint8_t *t, *a;
    size_t tl, al;

    smbios_get_tables(&p, &t, &tl, &a, &al);
    memtest_gc(t);
    memtest_gc(a);
    ck_assert_uint_eq(a[0x1c], 10);                 /* structures */
    /* walk the structures: type, handle */
    static const uint16_t want[10][2] = {
        { 1, 0x100 }, { 3, 0x300 }, { 4, 0x400 }, { 16, 0x1000 }, { 17, 0x1100 },
        { 17, 0x1101 }, { 19, 0x1300 }, { 19, 0x1301 }, { 32, 0x2000 }, { 127, 0x7f00 },
    };
    size_t off = 0;

    for (int i = 0; i < 10; i++) {
        ck_assert_uint_eq(t[off], want[i][0]);
        ck_assert_uint_eq(t[off + 2] | t[off + 3] << 8, want[i][1]);
        if (i == 4 || i == 5) {                     /* DIMM size in MiB */
            ck_assert_uint_eq(t[off + 12] | t[off + 13] << 8, i == 4 ? 0x4000 : 0x1000);
        }
        off += t[off + 1];
        while (t[off] || t[off + 1]) {
            off++;
        }
        off += 2;
    }
    ck_assert_uint_eq(off, tl);
}
END_TEST

/* ---- the pc machine ----------------------------------------------------------------------- */

static void build_pc(uint64_t ram_size, bool nographic)
{
    void *bios = g_malloc0(PC_BIOS_SIZE);
    PCMachineConfig cfg = { .ram_size = ram_size, .bios_image = bios,
                            .bios_image_size = PC_BIOS_SIZE, .nographic = nographic };
    char *err = NULL;

    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
    io_as = &pc->address_space_io;
}

/* QEMU 7.2's files for the reference machine (roms/fwcfg.asm), and the
 * legacy items. */
START_TEST(test_pc_items)
{
    static const struct { const char *name; uint32_t size; } want[] = {
        { "bios-geometry", 0 }, { "bootorder", 0 }, { "etc/boot-fail-wait", 4 },
        { "etc/e820", 20 }, { "etc/smbios/smbios-anchor", 31 },
        { "etc/smbios/smbios-tables", 321 },
    };
    DirEntry e[8];
    uint8_t b[20];

    build_pc(PC_DEFAULT_RAM_SIZE, false);
    ck_assert_uint_eq(inb(0x511), 'Q');             /* reset: signature */
    ck_assert_uint_eq(read_dir(e, 8), 6);
    for (int i = 0; i < 6; i++) {
        ck_assert_str_eq(e[i].name, want[i].name);
        ck_assert_uint_eq(e[i].size, want[i].size);
    }
    select_key(e[3].select);
    read_data(b, 20);
    assert_bytes(b, "\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0\0\x01\0\0\0", 20);
    select_key(FW_CFG_RAM_SIZE);
    read_data(b, 8);
    assert_bytes(b, "\0\0\0\x08\0\0\0\0", 8);
    select_key(FW_CFG_NOGRAPHIC);
    ck_assert_uint_eq(inb(0x511), 0);
    select_key(FW_CFG_HPET);
    ck_assert_uint_eq(inb(0x511), 0xff);
    ck_assert_uint_eq(pc->fw_cfg->entries[1][4].len, 121);
    ck_assert_uint_eq(pc->fw_cfg->entries[0][FW_CFG_NUMA].len, 16);
    ck_assert_uint_eq(pc->fw_cfg->entries[1][0].len, 0);
    ck_assert_ptr_null(pc->fw_cfg->entries[1][1].data);     /* no legacy SMBIOS */
    select_key(FW_CFG_NB_CPUS);
    ck_assert_uint_eq(inb(0x511), 1);
    select_key(FW_CFG_MAX_CPUS);
    ck_assert_uint_eq(inb(0x511), 1);
    select_key(FW_CFG_IRQ0_OVERRIDE);
    ck_assert_uint_eq(inb(0x511), 1);
}
END_TEST

/* -nographic, and RAM above 4 GiB: two e820 RAM entries (3 GiB below,
 * the rest at 4 GiB). */
START_TEST(test_pc_nographic_and_high_ram)
{
    DirEntry e[8];
    uint8_t b[40];

    build_pc(5ULL << 30, true);
    select_key(FW_CFG_NOGRAPHIC);
    ck_assert_uint_eq(inb(0x511), 1);
    read_dir(e, 8);
    ck_assert_str_eq(e[3].name, "etc/e820");
    ck_assert_uint_eq(e[3].size, 40);
    select_key(e[3].select);
    read_data(b, 40);
    assert_bytes(b, "\0\0\0\0\0\0\0\0\0\0\0\xc0\0\0\0\0\x01\0\0\0"
                    "\0\0\0\0\x01\0\0\0\0\0\0\x80\0\0\0\0\x01\0\0\0", 40);
    ck_assert_uint_eq(e[5].size, 321 + 33);         /* a second type 19 */
}
END_TEST

static Suite *fw_cfg_suite(void)
{
    Suite *s = suite_create("fw_cfg");
    TCase *port = tcase_create("port");
    TCase *dmat = tcase_create("dma");
    TCase *pct = tcase_create("pc");

    tcase_add_checked_fixture(port, setup, teardown);
    tcase_add_test(port, test_signature_and_id);
    tcase_add_test(port, test_port_access_sizes);
    tcase_add_test(port, test_select_rules);
    tcase_add_test(port, test_reset_selects_signature);
    tcase_add_test(port, test_integer_and_string_items);
    tcase_add_test(port, test_file_directory_sorted);
    tcase_add_test(port, test_file_directory_size);
    tcase_add_test(port, test_modify_file);
    tcase_add_test(port, test_machine_reset_bootorder);
    tcase_add_test(port, test_trace_lines);
    suite_add_tcase(s, port);
    tcase_add_checked_fixture(dmat, setup, teardown);
    tcase_add_test(dmat, test_dma_signature);
    tcase_add_test(dmat, test_dma_read);
    tcase_add_test(dmat, test_dma_control_bits);
    tcase_add_test(dmat, test_dma_bad_memory);
    tcase_add_test(dmat, test_dma_address_register);
    tcase_add_test(dmat, test_no_dma);
    suite_add_tcase(s, dmat);
    tcase_add_checked_fixture(pct, memtest_setup, teardown);
    tcase_add_test(pct, test_smbios_reference);
    tcase_add_test(pct, test_smbios_two_dimms);
    tcase_add_test(pct, test_pc_items);
    tcase_add_test(pct, test_pc_nographic_and_high_ram);
    tcase_set_timeout(pct, 60);
    suite_add_tcase(s, pct);
    return s;
}

int main(void)
{
    return memtest_run_suite(fw_cfg_suite());
}
