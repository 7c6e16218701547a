/*
 * PIIX3 IDE, 00:01.1, with no drives (hw/ide/piix.c, core.c, cmd.c,
 * ioport.c, bmdma.c): config space and write masks, BAR 4 mapping, the
 * BMDMA registers, the task file of an empty bus, the commands QEMU runs
 * on the empty master (interrupts, SMART pages, DRQ/BSY rules), software
 * reset, device reset, trace lines; and on the pc machine: IRQ 14/15 and
 * `info mtree` after the guest maps BAR 4, compared with QEMU 7.2's
 * output (tests/unit/data/ide-bar4-info-mtree*.txt, recorded with a ROM
 * that writes BAR 4 = 0xc000 and COMMAND = 5 under a 64 KiB -bios).
 * roms/ide.asm compares the guest's view with QEMU itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <string.h>
#include <glib.h>
#include "hw/i386/pc.h"
#include "hw/ide/piix.h"
#include "softmmu/ioport.h"
#include "softmmu/timer.h"
#include "softmmu/trace.h"
#include "tests/unit/memtest.h"
#include "tests/unit/mtree-compare.h"

#define BM 0xc000

/* ---- fixture: the function alone on a bus, ISA lines recorded ---------- */

static PCIBus bus;
static PCIIDEState *ide;
static MemoryRegion *io_root;
static AddressSpace *io_as;
static qemu_irq *lines;
static int level[2], raises[2];

static void isa_line(void *opaque, int n, int l)
{
    (void)opaque;
    raises[n] += l && !level[n];
    level[n] = l;
}

static void setup(void)
{
    char *err = NULL;

    memtest_setup();
    memset(level, 0, sizeof(level));
    memset(raises, 0, sizeof(raises));
    io_root = memtest_io("io", 0x10000, &unassigned_io_ops, NULL);
    io_as = memtest_as(io_root, "I/O");
    pci_bus_init(&bus, memtest_container("pci", UINT64_MAX), io_root);
    lines = qemu_allocate_irqs(isa_line, NULL, 2);
    ide = piix3_ide_new(&bus, PCI_DEVFN(1, 1), io_root, NULL, lines, &err);
    ck_assert_msg(ide != NULL, "%s", err);
    piix_ide_reset(ide);
    pci_bus_reset(&bus);
}

static void teardown(void)
{
    piix3_ide_free(ide);
    ide = NULL;
    qemu_free_irqs(lines, 2);
    memtest_teardown();
}

static uint32_t inb(hwaddr port)
{
    return address_space_ldub(io_as, port, UNSPEC, NULL);
}

static uint32_t inw(hwaddr port)
{
    return address_space_lduw_le(io_as, port, UNSPEC, NULL);
}

static uint32_t inl(hwaddr port)
{
    return address_space_ldl_le(io_as, port, UNSPEC, NULL);
}

static void outb(hwaddr port, uint8_t v)
{
    address_space_stb(io_as, port, v, UNSPEC, NULL);
}

static void outw(hwaddr port, uint16_t v)
{
    address_space_stw_le(io_as, port, v, UNSPEC, NULL);
}

static void outl(hwaddr port, uint32_t v)
{
    address_space_stl_le(io_as, port, v, UNSPEC, NULL);
}

static uint32_t cfg_read(uint32_t addr, int len)
{
    return ide->dev.config_read(&ide->dev, addr, len);
}

static void cfg_write(uint32_t addr, uint32_t val, int len)
{
    ide->dev.config_write(&ide->dev, addr, val, len);
}

/* BAR 4 at BM, I/O decoding on. */
static void map_bar4(void)
{
    cfg_write(0x20, BM, 4);
    cfg_write(0x04, PCI_COMMAND_IO, 2);
}

static IDEState *master(int ch)
{
    return &ide->bus[ch].ifs[0];
}

/* ---- config space --------------------------------------------------------- */

/* QEMU's piix_ide_reset and pci_piix_ide_realize values. */
START_TEST(test_config_reset)
{
    static const uint32_t expect[16] = {
        [0x00 / 4] = 0x70108086, [0x04 / 4] = 0x02800000, [0x08 / 4] = 0x01018000,
        [0x20 / 4] = 0x00000001, [0x2c / 4] = 0x11001af4,
    };

    for (uint32_t a = 0; a < 0x40; a += 4) {
        ck_assert_msg(cfg_read(a, 4) == expect[a / 4], "0x%02x: 0x%08x", a, cfg_read(a, 4));
    }
    for (uint32_t a = 0x40; a < 0x100; a += 4) {
        ck_assert_uint_eq(cfg_read(a, 4), 0);   /* IDETIM etc.: QEMU leaves 0 */
    }
}
END_TEST

/* Each dword written with all ones, then zeros: QEMU's values (the ROM's
 * "write masks" section); the device-specific area is all writable. */
START_TEST(test_config_masks)
{
    static const uint32_t expect[16][2] = {
        { 0x70108086, 0x70108086 }, { 0x02800507, 0x02800000 },
        { 0x01018000, 0x01018000 }, { 0x000000ff, 0x00000000 },
        { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 },
        { 0xfffffff1, 0x00000001 }, { 0, 0 }, { 0, 0 },
        { 0x11001af4, 0x11001af4 }, { 0, 0 }, { 0, 0 }, { 0, 0 },
        { 0x000000ff, 0x00000000 },
    };

    for (uint32_t a = 0; a < 0x100; a += 4) {
        uint32_t ones, zeros, save = cfg_read(a, 4);

        cfg_write(a, 0xffffffff, 4);
        ones = cfg_read(a, 4);
        cfg_write(a, 0, 4);
        zeros = cfg_read(a, 4);
        cfg_write(a, save, 4);
        if (a < 0x40) {
            ck_assert_msg(ones == expect[a / 4][0] && zeros == expect[a / 4][1],
                          "0x%02x: 0x%08x 0x%08x", a, ones, zeros);
        } else {
            ck_assert_uint_eq(ones, 0xffffffff);
            ck_assert_uint_eq(zeros, 0);
        }
    }
}
END_TEST

/* ---- BAR 4 ----------------------------------------------------------------- */

START_TEST(test_bar4_mapping)
{
    ck_assert_uint_eq(inb(BM), 0xff);
    cfg_write(0x20, BM | 0xf, 4);               /* low bits: type only */
    ck_assert_uint_eq(cfg_read(0x20, 4), BM | 1);
    ck_assert(!memory_region_is_mapped(&ide->bmdma_bar));
    cfg_write(0x04, PCI_COMMAND_IO, 2);
    ck_assert_ptr_eq(ide->bmdma_bar.container, io_root);
    ck_assert_int_eq(ide->bmdma_bar.priority, 1);
    ck_assert_uint_eq(inb(BM), 0x00);           /* command */
    ck_assert_uint_eq(inb(BM + 1), 0xff);
    ck_assert_uint_eq(inb(BM + 0x10), 0xff);    /* past the BAR */
    cfg_write(0x04, PCI_COMMAND_MEMORY, 2);     /* memory decoding does nothing */
    ck_assert(!memory_region_is_mapped(&ide->bmdma_bar));
    ck_assert_uint_eq(inb(BM), 0xff);
    map_bar4();
    /* the device's reset, then the bus's: unmapped, BAR back to 1 */
    piix_ide_reset(ide);
    pci_bus_reset(&bus);
    ck_assert(!memory_region_is_mapped(&ide->bmdma_bar));
    ck_assert_uint_eq(cfg_read(0x20, 4), 1);
    ck_assert_uint_eq(cfg_read(0x04, 4), 0x02800000);
}
END_TEST

/* ---- BMDMA registers ------------------------------------------------------- */

START_TEST(test_bmdma_command)
{
    BMDMAState *bm = &ide->bmdma[0];

    map_bar4();
    bm->addr = 0x1000;
    outb(BM, 0xff);                 /* start: DMAING, PRD pointer rewound */
    ck_assert_uint_eq(inb(BM), 0x09);
    ck_assert_uint_eq(inb(BM + 2), BM_STATUS_DMAING);
    ck_assert_uint_eq(bm->cur_addr, 0x1000);
    bm->cur_addr = 0;
    outb(BM, 0x01);                 /* start again: no transition */
    ck_assert_uint_eq(bm->cur_addr, 0);
    ck_assert_uint_eq(inb(BM), 0x01);
    outb(BM + 2, 0x00);             /* DMAING is read-only */
    ck_assert_uint_eq(inb(BM + 2), BM_STATUS_DMAING);
    outb(BM, 0x08);                 /* stop */
    ck_assert_uint_eq(inb(BM), 0x08);
    ck_assert_uint_eq(inb(BM + 2), 0);
    /* words and dwords reach no register */
    outw(BM, 0x0101);
    outl(BM, 0x06060101);
    ck_assert_uint_eq(inb(BM), 0x08);
    ck_assert_uint_eq(inw(BM), 0xffff);
    ck_assert_uint_eq(inl(BM), 0xffffffff);
    ck_assert_uint_eq(inb(BM + 3), 0xff);
    ck_assert_uint_eq(inb(BM + 8), 0);          /* channel 1 untouched */
}
END_TEST

START_TEST(test_bmdma_status)
{
    BMDMAState *bm = &ide->bmdma[1];

    map_bar4();
    outb(BM + 10, 0xff);                /* 5-6 written; 7 (simplex) stays 0 */
    ck_assert_uint_eq(inb(BM + 10), 0x60);
    bm->status |= BM_STATUS_ERROR | BM_STATUS_INT;
    outb(BM + 10, 0x02);                /* W1C error, 5-6 cleared too */
    ck_assert_uint_eq(inb(BM + 10), BM_STATUS_INT);
    outb(BM + 10, 0x60);                /* 0 in bit 2 keeps it */
    ck_assert_uint_eq(inb(BM + 10), 0x64);
    outb(BM + 10, 0x04);
    ck_assert_uint_eq(inb(BM + 10), 0x00);
    ck_assert_uint_eq(inb(BM + 2), 0x00);       /* channel 0 untouched */
}
END_TEST

START_TEST(test_bmdma_prd_address)
{
    map_bar4();
    outl(BM + 4, 0x12345677);           /* bits 1:0 read as 0 */
    ck_assert_uint_eq(inl(BM + 4), 0x12345674);
    ck_assert_uint_eq(ide->bmdma[0].addr, 0x12345674);
    outw(BM + 6, 0xabcd);
    outb(BM + 5, 0xff);
    outb(BM + 4, 0xff);
    ck_assert_uint_eq(inl(BM + 4), 0xabcdfffc);
    ck_assert_uint_eq(inw(BM + 6), 0xabcd);
    ck_assert_uint_eq(inb(BM + 7), 0xab);
    ck_assert_uint_eq(inl(BM + 12), 0);         /* channel 1's */
    outl(BM + 12, 0xffffffff);
    ck_assert_uint_eq(ide->bmdma[1].addr, 0xfffffffc);
}
END_TEST

/* The bus's line goes through the engine: raising latches INT. */
START_TEST(test_bmdma_irq)
{
    map_bar4();
    qemu_irq_raise(ide->bus[0].irq);
    ck_assert_int_eq(level[0], 1);
    ck_assert_uint_eq(inb(BM + 2), BM_STATUS_INT);
    qemu_irq_lower(ide->bus[0].irq);
    ck_assert_int_eq(level[0], 0);
    ck_assert_uint_eq(inb(BM + 2), BM_STATUS_INT);      /* latched */
    ck_assert_uint_eq(inb(BM + 10), 0);
    qemu_irq_raise(ide->bus[1].irq);
    ck_assert_int_eq(level[1], 1);
    ck_assert_uint_eq(inb(BM + 10), BM_STATUS_INT);
}
END_TEST

/* ---- task file with no drives --------------------------------------------- */

START_TEST(test_taskfile_reads_zero)
{
    static const hwaddr base[2] = { 0x1f0, 0x170 }, ctl[2] = { 0x3f6, 0x376 };

    for (int ch = 0; ch < 2; ch++) {
        for (int r = 1; r < 7; r++) {
            outb(base[ch] + r, 0x5a + r);
        }
        outb(ctl[ch], 0x80);            /* HOB */
        for (int r = 0; r < 8; r++) {
            ck_assert_uint_eq(inb(base[ch] + r), 0);
        }
        ck_assert_uint_eq(inb(ctl[ch]), 0);
        ck_assert_uint_eq(inw(base[ch]), 0);
        ck_assert_uint_eq(inl(base[ch]), 0);
        ck_assert_uint_eq(inw(base[ch] + 1), 0);    /* two byte reads */
        ck_assert_uint_eq(inl(base[ch] + 1), 0xffffffff);
        ck_assert_uint_eq(inb(base[ch] + 8), 0xff);
    }
    /* the registers did latch, in both drives, the old values as HOB */
    ck_assert_uint_eq(master(0)->nsector, 0x5c);
    ck_assert_uint_eq(master(0)->hob_nsector, 1);               /* the signature */
    ck_assert_uint_eq(ide->bus[0].ifs[1].hcyl, 0x5f);
    ck_assert_uint_eq(ide->bus[0].ifs[1].hob_hcyl, 0xff);     /* the signature */
    ck_assert_uint_eq(ide->bus[0].unit, 0);                   /* 0x60: bit 4 clear */
    ck_assert_uint_eq(master(0)->select, 0xe0);
    ck_assert_uint_eq(ide->bus[0].cmd, 0x80);
    outb(0x1f1, 0);                     /* a task-file write clears HOB */
    ck_assert_uint_eq(ide->bus[0].cmd, 0x00);
}
END_TEST

/* portio_ops: a word at offset 1..7 is two byte reads (the second past
 * the list reading 0xff); a dword off offset 0 reaches nothing. */
START_TEST(test_portio_split)
{
    IDEBus *b = &ide->bus[0];
    char *want;

    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("ide_ioport_*"), 2);
    ck_assert_uint_eq(inw(0x1f3), 0);
    ck_assert_uint_eq(inw(0x1f7), 0xff00);
    ck_assert_uint_eq(inl(0x1f4), 0xffffffff);
    outw(0x1f5, 0x0102);
    outl(0x1f4, 0x01020304);
    want = memtest_gc(g_strdup_printf(
        "ide_ioport_read IDE PIO rd @ 0x1f3 (Sector Number); val 0x00; bus %p IDEState %p\n"
        "ide_ioport_read IDE PIO rd @ 0x1f4 (Cylinder Low); val 0x00; bus %p IDEState %p\n"
        "ide_ioport_read IDE PIO rd @ 0x1f7 (Status); val 0x00; bus %p IDEState %p\n"
        "ide_ioport_write IDE PIO wr @ 0x1f5 (Cylinder High); val 0x02; bus %p IDEState %p\n"
        "ide_ioport_write IDE PIO wr @ 0x1f6 (Device/Head); val 0x01; bus %p IDEState %p\n",
        b, &b->ifs[0], b, &b->ifs[0], b, &b->ifs[0], b, &b->ifs[0], b, &b->ifs[0]));
    assert_log(want);
    ck_assert_uint_eq(master(0)->select, 0xa1);
}
END_TEST

/* ---- commands ---------------------------------------------------------------- */

/* Command val to the channel-0 master; returns whether IRQ 14 came up
 * (the line is lowered again through the status register). */
static bool cmd0(uint8_t val)
{
    int before = raises[0];

    outb(0x1f7, val);
    inb(0x1f7);
    ck_assert_int_eq(level[0], 0);
    return raises[0] > before;
}

/* Every command ends with an interrupt on the empty master: completed,
 * or aborted for want of a medium or as not a hard disk's. */
START_TEST(test_commands_interrupt)
{
    for (int c = 0; c < 256; c++) {
        ck_assert_msg(cmd0(c), "command 0x%02x", c);
        ck_assert_uint_eq(master(0)->status & (BUSY_STAT | DRQ_STAT), 0);
    }
    ck_assert_int_eq(raises[1], 0);
}
END_TEST

START_TEST(test_commands_results)
{
    IDEState *s = master(0);

    cmd0(0x10);                                 /* RECALIBRATE: DSC */
    ck_assert_uint_eq(s->status, READY_STAT | SEEK_STAT);
    ck_assert_uint_eq(s->error, 0);
    cmd0(0xec);                                 /* IDENTIFY: no medium */
    ck_assert_uint_eq(s->status, READY_STAT | ERR_STAT);
    ck_assert_uint_eq(s->error, ABRT_ERR);
    cmd0(0xa0);                                 /* PACKET: not a disk's */
    ck_assert_uint_eq(s->status, READY_STAT | ERR_STAT);
    cmd0(0xe7);                                 /* FLUSH CACHE */
    ck_assert_uint_eq(s->status, READY_STAT | SEEK_STAT);
    cmd0(0xe5);                                 /* CHECK POWER MODE */
    ck_assert_uint_eq(s->nsector, 0xff);
    outb(0x1f2, 0);
    cmd0(0x40);                                 /* VERIFY: count 0 is 256 */
    ck_assert_uint_eq(s->nsector, 256);
    outb(0x1f2, 0x34);
    outb(0x1f2, 0x12);
    cmd0(0x42);                                 /* VERIFY EXT: HOB:count */
    ck_assert_uint_eq(s->nsector, 0x3412);
    ck_assert(s->lba48);
    outb(0x1f2, 8);
    cmd0(0xc6);                                 /* SET MULTIPLE 8 */
    ck_assert_uint_eq(s->mult_sectors, 8);
    outb(0x1f2, 3);
    cmd0(0xc6);                                 /* not a power of 2 */
    ck_assert_uint_eq(s->error, ABRT_ERR);
    ck_assert_uint_eq(s->mult_sectors, 8);
    cmd0(0xf5);
    ck_assert_uint_eq(s->nsector, 0);
    outb(0x1f6, 0xef);
    cmd0(0x90);                                 /* DIAGNOSE: signature, code 1 */
    ck_assert_uint_eq(s->select, 0xa0);
    ck_assert_uint_eq(s->error, 0x01);
    ck_assert_uint_eq(s->lcyl, 0xff);
    ck_assert_uint_eq(s->hcyl, 0xff);
    ck_assert_uint_eq(s->sector, 1);
}
END_TEST

START_TEST(test_commands_ignored)
{
    outb(0x1f6, 0xb0);                          /* the absent slave */
    for (int c = 0; c < 256; c++) {
        ck_assert_msg(!cmd0(c), "slave command 0x%02x", c);
    }
    ck_assert_uint_eq(ide->bus[0].ifs[1].status, READY_STAT | SEEK_STAT);
    outb(0x1f6, 0xa0);
    outb(0x3f6, IDE_CTRL_DISABLE_IRQ);          /* nIEN */
    ck_assert(!cmd0(0x10));
    ck_assert_uint_eq(master(0)->status, READY_STAT | SEEK_STAT);
    outb(0x3f6, 0);
    ck_assert(cmd0(0x10));
    ck_assert(!raises[1]);
    outb(0x177, 0x10);                          /* channel 1: IRQ 15 */
    ck_assert_int_eq(level[1], 1);
}
END_TEST

/* ---- SMART --------------------------------------------------------------- */

static void smart(uint8_t feature, uint8_t sector)
{
    outb(0x1f1, feature);
    outb(0x1f3, sector);
    outb(0x1f4, 0x4f);
    outb(0x1f5, 0xc2);
    outb(0x1f7, 0xb0);
}

/* Read a 512-byte page through the data port. */
static void read_page(uint8_t *page)
{
    for (int i = 0; i < 256; i++) {
        uint32_t w = inw(0x1f0);

        page[2 * i] = w;
        page[2 * i + 1] = w >> 8;
    }
}

static uint8_t page_sum(const uint8_t *page)
{
    uint8_t sum = 0;

    for (int i = 0; i < 512; i++) {
        sum += page[i];
    }
    return sum;
}

START_TEST(test_smart_pages)
{
    uint8_t page[512];
    static const uint8_t head[16] = {               /* QEMU's, from roms/ide.asm */
        0x01, 0x00, 0x01, 0x03, 0x00, 0x64, 0x64, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03,
    };

    smart(0xd0, 0);                                 /* not enabled: aborted */
    ck_assert_uint_eq(master(0)->status, READY_STAT | ERR_STAT);
    ck_assert_uint_eq(inw(0x1f0), 0);
    smart(0xd8, 0);
    ck_assert_uint_eq(master(0)->smart_enabled, 1);
    smart(0xd0, 0);
    ck_assert_uint_eq(master(0)->status, READY_STAT | SEEK_STAT | DRQ_STAT);
    read_page(page);
    ck_assert_uint_eq(master(0)->status, READY_STAT | SEEK_STAT);
    ck_assert_mem_eq(page, head, sizeof(head));
    ck_assert_uint_eq(page[362], 0x02);
    ck_assert_uint_eq(page[511], 0x86);
    ck_assert_uint_eq(page_sum(page), 0);
    ck_assert_uint_eq(inw(0x1f0), 0);               /* transfer over */

    smart(0xd4, 1);                                 /* short self-test */
    smart(0xd2, 0xf1);                              /* autosave on */
    smart(0xd5, 6);
    read_page(page);
    ck_assert_uint_eq(page[2], 1);                  /* the test run */
    ck_assert_uint_eq(page[4], 0x34);
    ck_assert_uint_eq(page[508], 1);
    ck_assert_uint_eq(page_sum(page), 0);
    smart(0xd0, 0);
    read_page(page);
    ck_assert_uint_eq(page[362], 0x82);
    ck_assert_uint_eq(page[363], 0x00);             /* last test: OK, finished */

    for (int i = 0; i < 22; i++) {                  /* 21 entries kept */
        smart(0xd4, 2);
    }
    ck_assert_int_eq(master(0)->smart_selftest_count, 2);
    smart(0xd5, 2);                                 /* no such log */
    ck_assert_uint_eq(master(0)->error, ABRT_ERR);
    outb(0x1f4, 0);                                 /* wrong key */
    outb(0x1f7, 0xb0);
    ck_assert_uint_eq(master(0)->error, ABRT_ERR);
    smart(0xd9, 0);
    smart(0xd1, 0);
    ck_assert_uint_eq(master(0)->error, ABRT_ERR);
}
END_TEST

/* While DRQ is set: register writes and commands are ignored, data
 * writes dropped; a dword needs 4 bytes left. */
START_TEST(test_smart_busy)
{
    uint8_t page[512];
    int before;

    smart(0xd8, 0);
    smart(0xd1, 0);
    before = raises[0];
    outb(0x1f1, 0xd0);
    outb(0x1f6, 0xb0);
    outb(0x1f7, 0x10);
    ck_assert_int_eq(raises[0], before);
    ck_assert_int_eq(level[0], 0);                  /* but lowered */
    ck_assert_uint_eq(master(0)->feature, 0xd1);
    ck_assert_int_eq(ide->bus[0].unit, 0);
    outw(0x1f0, 0xffff);
    outl(0x1f0, 0xffffffff);
    ck_assert_uint_eq(inl(0x1f0), 0x06010001);      /* version, id 1, threshold 6 */
    ck_assert_uint_eq(inb(0x1f0), 0x00);            /* a whole word taken */
    for (int i = 0; i < 252; i++) {
        inw(0x1f0);
    }
    ck_assert_uint_eq(inl(0x1f0), 0);               /* 2 bytes left */
    ck_assert(master(0)->status & DRQ_STAT);
    ck_assert_uint_eq(inw(0x1f0), 0xaf00);          /* the checksum word */
    ck_assert(!(master(0)->status & DRQ_STAT));
    smart(0xd1, 0);
    read_page(page);
    ck_assert_uint_eq(page_sum(page), 0);
}
END_TEST

/* ---- software reset ------------------------------------------------------------ */

START_TEST(test_srst)
{
    IDEBus *b = &ide->bus[0];
    char *want;

    smart(0xd8, 0);
    smart(0xd0, 0);                     /* a transfer in progress */
    inb(0x1f7);
    outb(0x3f6, IDE_CTRL_RESET);
    ck_assert(b->ifs[0].status & BUSY_STAT);
    ck_assert(b->ifs[1].status & BUSY_STAT);
    ck_assert(!cmd0(0x10));             /* busy: ignored */
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("ide_reset"), 1);
    qemu_clock_run_all_timers();
    want = memtest_gc(g_strdup_printf("ide_reset IDEstate %p\nide_reset IDEstate %p\n",
                                      &b->ifs[0], &b->ifs[1]));
    assert_log(want);
    ck_assert_int_eq(raises[0], 3);     /* ENABLE, READ DATA, the reset */
    ck_assert_int_eq(level[0], 1);
    ck_assert_uint_eq(b->cmd, 0);       /* SRST drops by itself */
    for (int i = 0; i < 2; i++) {
        ck_assert_uint_eq(b->ifs[i].status, READY_STAT | SEEK_STAT);
        ck_assert_uint_eq(b->ifs[i].error, 0x01);
        ck_assert_uint_eq(b->ifs[i].lcyl, 0xff);
    }
    ck_assert_uint_eq(inw(0x1f0), 0);   /* the transfer is gone */
    ck_assert_uint_eq(b->ifs[0].smart_enabled, 1);      /* kept */
    ck_assert_uint_eq(b->ifs[0].mult_sectors, MAX_MULT_SECTORS);

    /* two rising edges before it runs: two resets; nIEN: no interrupt */
    inb(0x1f7);
    outb(0x3f6, IDE_CTRL_RESET | IDE_CTRL_DISABLE_IRQ);
    outb(0x3f6, IDE_CTRL_DISABLE_IRQ);
    outb(0x3f6, IDE_CTRL_RESET | IDE_CTRL_DISABLE_IRQ);
    outb(0x3f6, IDE_CTRL_RESET | IDE_CTRL_DISABLE_IRQ);     /* no edge */
    qemu_clock_run_all_timers();
    ck_assert_int_eq(raises[0], 3);
    ck_assert_uint_eq(b->cmd, IDE_CTRL_DISABLE_IRQ);
    want = memtest_gc(g_strdup_printf("ide_reset IDEstate %p\nide_reset IDEstate %p\n"
                                      "ide_reset IDEstate %p\nide_reset IDEstate %p\n",
                                      &b->ifs[0], &b->ifs[1], &b->ifs[0], &b->ifs[1]));
    assert_log(want);
}
END_TEST

/* ---- device reset and trace lines ------------------------------------------------ */

START_TEST(test_device_reset)
{
    IDEBus *b0 = &ide->bus[0], *b1 = &ide->bus[1];
    char *want;

    map_bar4();
    outl(BM + 4, 0x1000);
    outb(BM, 0x09);
    smart(0xd8, 0);
    outb(0x1f6, 0xb0);
    outb(0x3f6, 0x82);
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("ide_reset"), 1);
    ck_assert_int_eq(trace_enable_events("bmdma_reset"), 1);
    piix_ide_reset(ide);
    want = memtest_gc(g_strdup_printf(
        "ide_reset IDEstate %p\nide_reset IDEstate %p\nbmdma_reset \n"
        "ide_reset IDEstate %p\nide_reset IDEstate %p\nbmdma_reset \n",
        &b0->ifs[0], &b0->ifs[1], &b1->ifs[0], &b1->ifs[1]));
    assert_log(want);
    ck_assert_uint_eq(ide->bmdma[0].cmd, 0);
    ck_assert_uint_eq(ide->bmdma[0].status, 0);
    ck_assert_uint_eq(ide->bmdma[0].addr, 0);
    ck_assert_int_eq(b0->unit, 0);
    ck_assert_uint_eq(b0->cmd, 0);
    ck_assert_uint_eq(b0->ifs[1].select, 0xa0);
    ck_assert_uint_eq(b0->ifs[0].smart_enabled, 1);     /* ide_reset keeps it */
    /* COMMAND is 0 now, but BAR 4 stays mapped until the bus reset
     * updates the mappings (QEMU writes config[] directly) */
    ck_assert_uint_eq(cfg_read(0x04, 4), 0x02800000);
    ck_assert(memory_region_is_mapped(&ide->bmdma_bar));
    pci_bus_reset(&bus);
    ck_assert(!memory_region_is_mapped(&ide->bmdma_bar));
}
END_TEST

START_TEST(test_trace_lines)
{
    IDEBus *b = &ide->bus[0];
    char *want;

    map_bar4();
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("ide_*"), 16);
    ck_assert_int_eq(trace_enable_events("bmdma_*"), 6);
    outb(0x3f6, 0x00);
    inb(0x3f6);
    outw(0x1f0, 0x1234);
    outl(0x1f0, 0x12345678);
    inl(0x1f0);
    inw(0x1f0);                         /* no transfer: no line */
    outb(BM, 0x08);
    inb(BM + 1);
    outb(BM + 2, 0x60);
    inw(BM + 2);                        /* wider: no line */
    outw(BM + 6, 0xabcd);
    inb(BM + 7);
    want = memtest_gc(g_strdup_printf(
        "ide_ctrl_write IDE PIO wr @ 0x3f6 (Device Control); val 0x00; bus %p\n"
        "ide_status_read IDE PIO rd @ 0x3f6 (Alt Status); val 0x00; bus %p; IDEState %p\n"
        "ide_data_writew IDE PIO wr @ 0x1f0 (Data: Word); val 0x1234; bus %p; IDEState %p\n"
        "ide_data_writel IDE PIO wr @ 0x1f0 (Data: Long); val 0x12345678; bus %p; "
        "IDEState %p\n"
        "ide_data_readl IDE PIO rd @ 0x1f0 (Data: Long); val 0x00000000; bus %p; "
        "IDEState %p\n"
        "bmdma_write bmdma: writeb 0x0 : 0x08\n"
        "bmdma_cmd_writeb val: 0x00000008\n"
        "bmdma_read bmdma: readb 0x1 : 0xff\n"
        "bmdma_write bmdma: writeb 0x2 : 0x60\n"
        "bmdma_addr_write data: 0x000000000000abcd\n"
        "bmdma_addr_read data: 0x00000000000000ab\n",
        b, b, &b->ifs[0], b, &b->ifs[0], b, &b->ifs[0], b, &b->ifs[0]));
    assert_log(want);
    outb(0x1f7, 0x10);
    want = memtest_gc(g_strdup_printf(
        "ide_ioport_write IDE PIO wr @ 0x1f7 (Command); val 0x10; bus %p IDEState %p\n"
        "ide_exec_cmd IDE exec cmd: bus %p; state %p; cmd 0x10\n",
        b, &b->ifs[0], b, &b->ifs[0]));
    assert_log(want);
}
END_TEST

/* ---- on the pc machine ---------------------------------------------------------------- */

static PCMachineState *pc;

static void pc_setup(void)
{
    void *bios = g_malloc0(64 * 1024);      /* as the ROM QEMU ran */
    PCMachineConfig cfg = { .ram_size = PC_DEFAULT_RAM_SIZE, .bios_image = bios,
                            .bios_image_size = 64 * 1024 };
    char *err = NULL;

    memtest_setup();
    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
    io_as = &pc->address_space_io;
}

static void pc_teardown(void)
{
    memtest_teardown();
    pc_machine_free(pc);
    pc = NULL;
}

static void pc_cfg_writel(uint32_t addr, uint32_t v)
{
    outl(0xcf8, addr);
    outl(0xcfc, v);
}

static uint32_t pc_cfg_readl(uint32_t addr)
{
    outl(0xcf8, addr);
    return inl(0xcfc);
}

static void assert_mtree(const char *data, bool f, bool o)
{
    char *expected = mtree_compare_load_data(data);
    GString *out = g_string_new(NULL);
    char *diff;

    ck_assert_msg(expected != NULL, "cannot read tests/unit/data/%s", data);
    mtree_info(f, false, o, false, out);
    diff = mtree_compare_diff(expected, out->str);
    g_free(expected);
    g_string_free(out, TRUE);
    ck_assert_msg(diff == NULL, "%s differs from QEMU:\n%s", data, diff);
}

START_TEST(test_pc_function)
{
    ck_assert_uint_eq(pc_cfg_readl(0x80000900), 0x70108086);
    ck_assert_uint_eq(pc_cfg_readl(0x80000904), 0x02800000);
    ck_assert_uint_eq(pc_cfg_readl(0x80000908), 0x01018000);
    ck_assert_uint_eq(pc_cfg_readl(0x80000920), 0x00000001);
    ck_assert_ptr_eq(pc->ide_dev->bmdma[0].irq, pc->gsi[14]);
    ck_assert_ptr_eq(pc->ide_dev->bmdma[1].irq, pc->gsi[15]);
}
END_TEST

/* The guest maps BAR 4 with I/O and bus mastering on: QEMU's tree. */
START_TEST(test_pc_mtree_after_bar4)
{
    pc_cfg_writel(0x80000920, BM);
    pc_cfg_writel(0x80000904, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
    assert_mtree("ide-bar4-info-mtree.txt", false, false);
    assert_mtree("ide-bar4-info-mtree-f.txt", true, false);
    assert_mtree("ide-bar4-info-mtree-o.txt", false, true);
    ck_assert_uint_eq(inb(BM + 1), 0xff);
    pc_machine_reset(pc);
    ck_assert(!memory_region_is_mapped(&pc->ide_dev->bmdma_bar));
    ck_assert_uint_eq(inb(BM + 1), 0xff);
    ck_assert_uint_eq(inb(BM), 0xff);
}
END_TEST

/* IRQ 14 and 15 reach the slave PIC (its IRR, read through OCW3). */
START_TEST(test_pc_irq_routing)
{
    outb(0x4d1, 0xc0);                  /* ELCR: level-triggered */
    outb(0x1f7, 0x10);
    outb(0xa0, 0x0a);
    ck_assert_uint_eq(inb(0xa0) & 0xc0, 0x40);
    inb(0x1f7);
    outb(0x177, 0x10);
    ck_assert_uint_eq(inb(0xa0) & 0xc0, 0x80);
    inb(0x177);
    ck_assert_uint_eq(inb(0xa0) & 0xc0, 0x00);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ide");
    TCase *dev = tcase_create("device");
    TCase *mach = tcase_create("pc");

    tcase_add_checked_fixture(dev, setup, teardown);
    tcase_add_test(dev, test_config_reset);
    tcase_add_test(dev, test_config_masks);
    tcase_add_test(dev, test_bar4_mapping);
    tcase_add_test(dev, test_bmdma_command);
    tcase_add_test(dev, test_bmdma_status);
    tcase_add_test(dev, test_bmdma_prd_address);
    tcase_add_test(dev, test_bmdma_irq);
    tcase_add_test(dev, test_taskfile_reads_zero);
    tcase_add_test(dev, test_portio_split);
    tcase_add_test(dev, test_commands_interrupt);
    tcase_add_test(dev, test_commands_results);
    tcase_add_test(dev, test_commands_ignored);
    tcase_add_test(dev, test_smart_pages);
    tcase_add_test(dev, test_smart_busy);
    tcase_add_test(dev, test_srst);
    tcase_add_test(dev, test_device_reset);
    tcase_add_test(dev, test_trace_lines);
    suite_add_tcase(s, dev);
    tcase_add_checked_fixture(mach, pc_setup, pc_teardown);
    tcase_add_test(mach, test_pc_function);
    tcase_add_test(mach, test_pc_mtree_after_bar4);
    tcase_add_test(mach, test_pc_irq_routing);
    suite_add_tcase(s, mach);
    return memtest_run_suite(s);
}
