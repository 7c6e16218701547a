/*
 * PCI configuration mechanism #1 (hw/pci/pci_host.c), config space rules
 * and BARs (hw/pci/pci.c) and the i440FX function with PAM and SMRAM
 * (hw/pci-host/i440fx.c), on the pc machine; values and trace lines are
 * QEMU 7.2's (roms/pci.asm checks the guest's view against QEMU itself).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "hw/i386/pc.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_host.h"
#include "hw/pci-host/i440fx.h"
#include "tests/unit/memtest.h"
#include "tests/unit/mtree-compare.h"

#define HB 0x80000000u              /* CONFIG_ADDRESS of 00:00.0 */

static PCMachineState *pc;

/* A function with BARs at 00:03.0 (the i440FX has none). */
static PCIDevice dummy;
static bool dummy_on_bus;
static MemoryRegion bar_mem, bar_io, bar_rom, bar_mem64;

static uint64_t bar_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque;
    (void)size;
    return 0x5a00 | addr;
}

static void bar_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    (void)opaque; (void)addr; (void)val; (void)size;
}

static const MemoryRegionOps bar_ops = {
    .read = bar_read, .write = bar_write, .endianness = DEVICE_LITTLE_ENDIAN,
};

static void setup(void)
{
    memtest_setup();
}

static void teardown(void)
{
    memtest_teardown();
    if (dummy_on_bus) {
        pci_unregister_device(&dummy);
        memory_region_finalize(&bar_mem);
        memory_region_finalize(&bar_io);
        memory_region_finalize(&bar_rom);
        memory_region_finalize(&bar_mem64);
        dummy_on_bus = false;
    }
    pc_machine_free(pc);
    pc = NULL;
}

static void build_machine(uint64_t ram_size, uint64_t bios_size)
{
    void *bios = g_malloc0(bios_size);
    PCMachineConfig cfg = { .ram_size = ram_size, .bios_image = bios,
                            .bios_image_size = bios_size };
    char *err = NULL;

    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
}

static void build_ram(uint64_t ram_size)
{
    build_machine(ram_size, PC_BIOS_SIZE);
}

static void build(void)
{
    build_ram(PC_DEFAULT_RAM_SIZE);
}

/* ---- port helpers (the CPU's in/out: address_space_ld/st on "I/O") ----- */

static AddressSpace *io_as(void)
{
    return &pc->address_space_io;
}

static void outl(hwaddr port, uint32_t v)
{
    address_space_stl_le(io_as(), port, v, UNSPEC, NULL);
}

static void outw(hwaddr port, uint16_t v)
{
    address_space_stw_le(io_as(), port, v, UNSPEC, NULL);
}

static void outb(hwaddr port, uint8_t v)
{
    address_space_stb(io_as(), port, v, UNSPEC, NULL);
}

static uint32_t inl(hwaddr port)
{
    return address_space_ldl_le(io_as(), port, UNSPEC, NULL);
}

static uint32_t inw(hwaddr port)
{
    return address_space_lduw_le(io_as(), port, UNSPEC, NULL);
}

static uint32_t inb(hwaddr port)
{
    return address_space_ldub(io_as(), port, UNSPEC, NULL);
}

/* Config register access the way a guest does it. */
static uint32_t cfg_readl(uint32_t addr)
{
    outl(0xcf8, addr);
    return inl(0xcfc);
}

static void cfg_writel(uint32_t addr, uint32_t v)
{
    outl(0xcf8, addr);
    outl(0xcfc, v);
}

static void cfg_writew(uint32_t addr, uint16_t v)
{
    outl(0xcf8, addr & ~3u);
    outw(0xcfc + (addr & 2), v);
}

static void cfg_writeb(uint32_t addr, uint8_t v)
{
    outl(0xcf8, addr & ~3u);
    outb(0xcfc + (addr & 3), v);
}

static uint8_t cfg_readb(uint32_t addr)
{
    outl(0xcf8, addr & ~3u);
    return inb(0xcfc + (addr & 3));
}

/* ---- mechanism #1 ---------------------------------------------------------- */

/* Only a dword write at 0xcf8 latches; reads of any size at any offset
 * return the latched value, the memory core taking the low bytes. */
START_TEST(test_conf_idx_latch)
{
    build();
    ck_assert_uint_eq(inl(0xcf8), 0);
    outl(0xcf8, 0x12345678);
    ck_assert_uint_eq(pc->pci_host.config_reg, 0x12345678);
    ck_assert_uint_eq(inl(0xcf8), 0x12345678);
    ck_assert_uint_eq(inw(0xcf8), 0x5678);
    ck_assert_uint_eq(inb(0xcf8), 0x78);
    ck_assert_uint_eq(inb(0xcfa), 0x78);        /* not 0x34: offset ignored */
    ck_assert_uint_eq(inw(0xcfa), 0x5678);
    ck_assert_uint_eq(inb(0xcfb), 0x78);
    ck_assert_uint_eq(inl(0xcfa), 0);           /* unaligned: refused, 0 */
    outb(0xcf8, 0x80);
    outw(0xcf8, 0xffff);
    outb(0xcfb, 0x80);
    outw(0xcfa, 0x8000);
    outl(0xcfa, 0x80000000);                    /* unaligned: refused */
    ck_assert_uint_eq(inl(0xcf8), 0x12345678);
}
END_TEST

/* Bit 31 clear: CONFIG_DATA reads all ones and drops writes. */
START_TEST(test_conf_data_disabled)
{
    build();
    outl(0xcf8, 0x00000040);
    ck_assert_uint_eq(inl(0xcfc), 0xffffffff);
    ck_assert_uint_eq(inw(0xcfe), 0xffff);
    ck_assert_uint_eq(inb(0xcfd), 0xff);
    outl(0xcfc, 0xdeadbeef);
    ck_assert_uint_eq(pc->i440fx.dev.config[0x40], 0);
    ck_assert_uint_eq(cfg_readl(HB | 0x40), 0);
}
END_TEST

/* The register is latched | (port & 3) (an OR, not a sum), and an access
 * near the end of the 256 bytes is trimmed. */
START_TEST(test_conf_data_offsets)
{
    build();
    outl(0xcf8, HB);
    ck_assert_uint_eq(inb(0xcfc), 0x86);
    ck_assert_uint_eq(inb(0xcfd), 0x80);
    ck_assert_uint_eq(inb(0xcfe), 0x37);
    ck_assert_uint_eq(inb(0xcff), 0x12);
    ck_assert_uint_eq(inw(0xcfe), 0x1237);
    ck_assert_uint_eq(inw(0xcfd), 0);           /* unaligned: refused */
    outl(0xcf8, HB | 2);
    ck_assert_uint_eq(inl(0xcfc), 0x00001237);  /* registers 2-5 */
    ck_assert_uint_eq(inb(0xcfd), 0x12);        /* 2 | 1 = 3 */
    outl(0xcf8, HB | 3);
    ck_assert_uint_eq(inb(0xcfe), 0x12);        /* 3 | 2 = 3 */
    cfg_writel(HB | 0xfc, 0xaabbccdd);
    outl(0xcf8, HB | 0xfe);
    ck_assert_uint_eq(inl(0xcfc), 0xaabb);
    outl(0xcfc, 0x11223344);                    /* writes 0xfe-0xff only */
    ck_assert_uint_eq(cfg_readl(HB | 0xfc), 0x3344ccdd);
}
END_TEST

/* Absent functions and other buses read all ones, without trace lines. */
START_TEST(test_absent_function)
{
    build();
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("pci_cfg_*"), 2);
    ck_assert_uint_eq(cfg_readl(0x80002800), 0xffffffff);       /* 00:05.0 */
    ck_assert_uint_eq(cfg_readl(0x80000100), 0xffffffff);       /* 00:00.1 */
    ck_assert_uint_eq(cfg_readl(0x80010000), 0xffffffff);       /* 01:00.0 */
    cfg_writel(0x80002840, 0x12345678);
    ck_assert_uint_eq(cfg_readb(0x80002840), 0xff);
    assert_log("");
}
END_TEST

/* QEMU's trace lines: device name, bus:slot.func, register, value. */
START_TEST(test_cfg_trace)
{
    build();
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("pci_cfg_*"), 2);
    ck_assert_uint_eq(cfg_readl(HB), 0x12378086);
    cfg_writeb(HB | 0x5a, 0x30);
    outl(0xcf8, HB | 0xfe);
    inl(0xcfc);
    inb(0xcfd);
    assert_log("pci_cfg_read i440FX 00:00.0 @0x0 -> 0x12378086\n"
               "pci_cfg_write i440FX 00:00.0 @0x5a <- 0x30\n"
               "pci_cfg_read i440FX 00:00.0 @0xfe -> 0x0\n"
               "pci_cfg_read i440FX 00:00.0 @0xff -> 0x0\n");
    cfg_writeb(HB | 0x5a, 0);
}
END_TEST

/* ---- i440FX config space ----------------------------------------------------- */

START_TEST(test_i440fx_config)
{
    static const uint32_t expect[32] = {
        [0x00 / 4] = 0x12378086, [0x08 / 4] = 0x06000002, [0x2c / 4] = 0x11001af4,
        [0x54 / 4] = 0x10000000, [0x70 / 4] = 0x00020000,
    };

    build();
    for (uint32_t reg = 0; reg < 0x100; reg += 4) {
        uint32_t want = reg < 0x80 ? expect[reg / 4] : 0;
        ck_assert_msg(cfg_readl(HB | reg) == want, "reg 0x%x: 0x%x, expected 0x%x",
                      reg, cfg_readl(HB | reg), want);
    }
    ck_assert_str_eq(pc->i440fx.dev.name, "i440FX");
    ck_assert_ptr_eq(pci_find_device(&pc->pci_bus, 0, 0), &pc->i440fx.dev);
    ck_assert_ptr_null(pci_find_device(&pc->pci_bus, 1, 0));
}
END_TEST

/* config[0x57] = RAM / 8 MiB, at most 255 (QEMU's coreboot register). */
START_TEST(test_i440fx_ram_size_reg)
{
    build_ram(3ULL << 30);
    ck_assert_uint_eq(cfg_readb(HB | 0x57), 255);
    pc_machine_free(pc);
    pc = NULL;
    build_ram(1ULL << 30);
    ck_assert_uint_eq(cfg_readb(HB | 0x57), 128);
}
END_TEST

/* wmask: COMMAND IO|MEM|MASTER|SERR|INTX_DISABLE, cache line, interrupt
 * line, 0x40-0xff; everything else read-only. */
START_TEST(test_write_masks)
{
    build();
    cfg_writel(HB | 0x00, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(HB | 0x00), 0x12378086);
    cfg_writel(HB | 0x04, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(HB | 0x04), 0x00000507);
    cfg_writel(HB | 0x08, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(HB | 0x08), 0x06000002);
    cfg_writel(HB | 0x0c, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(HB | 0x0c), 0x000000ff);
    cfg_writel(HB | 0x2c, 0);
    ck_assert_uint_eq(cfg_readl(HB | 0x2c), 0x11001af4);
    cfg_writel(HB | 0x3c, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(HB | 0x3c), 0x000000ff);
    for (uint32_t reg = 0x40; reg < 0x100; reg += 4) {
        if (reg == 0x58 || reg == 0x5c || reg == 0x70) {
            continue;                   /* PAM / SMRAM: tested below */
        }
        cfg_writel(HB | reg, 0xa5a5a5a5 ^ reg);
        ck_assert_uint_eq(cfg_readl(HB | reg), 0xa5a5a5a5 ^ reg);
    }
    for (uint32_t reg = 0x10; reg < 0x28; reg += 4) {
        cfg_writel(HB | reg, 0xffffffff);       /* no BARs */
        ck_assert_uint_eq(cfg_readl(HB | reg), 0);
    }
}
END_TEST

/* STATUS: the error bits are write-1-to-clear (the guest cannot set them). */
START_TEST(test_status_w1c)
{
    PCIDevice *d;

    build();
    d = &pc->i440fx.dev;
    pci_set_word(d->config + PCI_STATUS, 0xf910);      /* as a device would */
    cfg_writew(HB | 0x06, 0x0000);
    ck_assert_uint_eq(cfg_readl(HB | 0x04) >> 16, 0xf910);
    cfg_writew(HB | 0x06, 0x2100);      /* clear REC_MASTER_ABORT and PARITY */
    ck_assert_uint_eq(cfg_readl(HB | 0x04) >> 16, 0xd810);
    cfg_writew(HB | 0x06, 0xffff);      /* CAP_LIST (0x10) is read-only */
    ck_assert_uint_eq(cfg_readl(HB | 0x04) >> 16, 0x0010);
    pci_set_word(d->config + PCI_STATUS, 0);
}
END_TEST

/* ---- functions, subsystem IDs, multifunction ------------------------------ */

static const PCIDeviceInfo dummy_info = {
    .vendor_id = 0x1234, .device_id = 0x5678, .revision = 3, .class_id = 0x0101,
};

START_TEST(test_subsystem_and_multifunction)
{
    static PCIDevice f0, f1, f2, f3;
    PCIDeviceInfo own = dummy_info, multi = dummy_info;
    char *err = NULL;

    build();
    own.subsystem_vendor_id = 0x1af4;
    own.subsystem_id = 0x0042;
    ck_assert(pci_register_device(&pc->pci_bus, &f0, "own", PCI_DEVFN(4, 0), &own, &err));
    ck_assert_uint_eq(cfg_readl(0x80002000 | 0x2c), 0x00421af4);
    ck_assert_uint_eq(cfg_readl(0x80002000 | 0x00), 0x56781234);
    ck_assert_uint_eq(cfg_readl(0x80002000 | 0x08), 0x01010003);
    ck_assert_uint_eq(cfg_readb(0x80002000 | 0x0e), 0x00);
    /* 4.0 is single-function: 4.1 cannot join it */
    ck_assert(!pci_register_device(&pc->pci_bus, &f1, "f1", PCI_DEVFN(4, 1), &dummy_info,
                                   &err));
    ck_assert_str_eq(err, "PCI: single function device can't be populated in function 4.1");
    g_free(err);
    /* slot taken */
    ck_assert(!pci_register_device(&pc->pci_bus, &f1, "f1", PCI_DEVFN(4, 0), &dummy_info,
                                   &err));
    g_free(err);
    pci_unregister_device(&f0);
    ck_assert_uint_eq(cfg_readl(0x80002000), 0xffffffff);

    /* multifunction 6.0 gets header bit 7; 6.1 does not need it */
    multi.multifunction = true;
    ck_assert(pci_register_device(&pc->pci_bus, &f0, "mf", PCI_DEVFN(6, 0), &multi, &err));
    ck_assert(pci_register_device(&pc->pci_bus, &f1, "f1", PCI_DEVFN(6, 1), &dummy_info,
                                  &err));
    ck_assert_uint_eq(cfg_readb(0x80003000 | 0x0e), 0x80);
    ck_assert_uint_eq(cfg_readb(0x80003100 | 0x0e), 0x00);
    ck_assert_uint_eq(cfg_readl(0x80003100 | 0x2c), 0x11001af4);
    /* a single-function 7.0 after 7.1 exists is refused */
    ck_assert(pci_register_device(&pc->pci_bus, &f2, "f2", PCI_DEVFN(7, 1), &dummy_info,
                                  &err));
    ck_assert(!pci_register_device(&pc->pci_bus, &f3, "x", PCI_DEVFN(7, 0), &dummy_info,
                                   &err));
    ck_assert_str_eq(err, "PCI: 7.0 indicates single function, but 7.1 is already populated.");
    g_free(err);
    pci_unregister_device(&f2);
    pci_unregister_device(&f1);
    pci_unregister_device(&f0);
}
END_TEST

/* ---- BARs ------------------------------------------------------------------ */

#define DUMMY 0x80001800u           /* 00:03.0 */

/* 00:03.0 with BAR0 4 KiB MMIO, BAR1 16 ports, BAR2-3 64-bit 1 MiB
 * prefetchable, ROM 64 KiB. */
static void add_dummy(void)
{
    char *err = NULL;

    ck_assert(pci_register_device(&pc->pci_bus, &dummy, "dummy", PCI_DEVFN(3, 0),
                                  &dummy_info, &err));
    dummy_on_bus = true;
    memory_region_init_io(&bar_mem, NULL, &bar_ops, NULL, "dummy-mmio", 0x1000);
    memory_region_init_io(&bar_io, NULL, &bar_ops, NULL, "dummy-io", 0x10);
    memory_region_init_io(&bar_mem64, NULL, &bar_ops, NULL, "dummy-mem64", 0x100000);
    memory_region_init_io(&bar_rom, NULL, &bar_ops, NULL, "dummy-rom", 0x10000);
    pci_register_bar(&dummy, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &bar_mem);
    pci_register_bar(&dummy, 1, PCI_BASE_ADDRESS_SPACE_IO, &bar_io);
    pci_register_bar(&dummy, 2, PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
                     &bar_mem64);
    pci_register_bar(&dummy, PCI_ROM_SLOT, 0, &bar_rom);
}

/* Writing all ones reads back the size mask with the type bits. */
START_TEST(test_bar_sizing)
{
    build();
    add_dummy();
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x10), 0x00000000);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x14), 0x00000001);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x18), 0x0000000c);
    for (uint32_t reg = 0x10; reg < 0x28; reg += 4) {
        cfg_writel(DUMMY | reg, 0xffffffff);
    }
    cfg_writel(DUMMY | 0x30, 0xffffffff);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x10), 0xfffff000);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x14), 0xfffffff1);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x18), 0xfff0000c);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x1c), 0xffffffff);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x20), 0);              /* unregistered */
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x30), 0xffff0001);
    /* COMMAND is 0: nothing maps even with addresses all ones */
    ck_assert(!memory_region_is_mapped(&bar_mem));
}
END_TEST

/* COMMAND.MEMORY / IO map and unmap with pci_update_mappings' trace lines;
 * memory BARs land in "pci" (so in system memory), I/O BARs in "io". */
START_TEST(test_bar_mapping)
{
    hwaddr xlat, len = 4;
    MemoryRegion *mr;

    build();
    add_dummy();
    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("pci_update_mappings_*"), 2);
    cfg_writel(DUMMY | 0x10, 0xfebf0000);
    cfg_writel(DUMMY | 0x14, 0xc001);
    cfg_writel(DUMMY | 0x18, 0xfe000000);
    cfg_writel(DUMMY | 0x1c, 0);
    cfg_writel(DUMMY | 0x30, 0xfeb00000);       /* ROM not enabled */
    assert_log("");
    cfg_writew(DUMMY | 0x04, PCI_COMMAND_MEMORY);
    assert_log("pci_update_mappings_add dummy 00:03.0 0,0xfebf0000+0x1000\n"
               "pci_update_mappings_add dummy 00:03.0 2,0xfe000000+0x100000\n");
    ck_assert_ptr_eq(bar_mem.container, &pc->pci_memory);
    ck_assert_int_eq(bar_mem.priority, 1);
    mr = address_space_translate(&pc->address_space_memory, 0xfebf0010, &xlat, &len, false,
                                 UNSPEC);
    ck_assert_ptr_eq(mr, &bar_mem);
    ck_assert_uint_eq(xlat, 0x10);
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_memory, 0xfebf0010, UNSPEC,
                                           NULL), 0x5a10);
    cfg_writel(DUMMY | 0x30, 0xfeb00001);       /* ROM enable bit */
    assert_log("pci_update_mappings_add dummy 00:03.0 6,0xfeb00000+0x10000\n");
    cfg_writew(DUMMY | 0x04, PCI_COMMAND_IO);
    assert_log("pci_update_mappings_del dummy 00:03.0 0,0xfebf0000+0x1000\n"
               "pci_update_mappings_add dummy 00:03.0 1,0xc000+0x10\n"
               "pci_update_mappings_del dummy 00:03.0 2,0xfe000000+0x100000\n"
               "pci_update_mappings_del dummy 00:03.0 6,0xfeb00000+0x10000\n");
    ck_assert(!memory_region_is_mapped(&bar_mem));
    ck_assert_ptr_eq(bar_io.container, &pc->system_io);
    ck_assert_uint_eq(inb(0xc003), 0x03);
    /* moving a mapped BAR: del then add */
    cfg_writel(DUMMY | 0x14, 0xd001);
    assert_log("pci_update_mappings_del dummy 00:03.0 1,0xc000+0x10\n"
               "pci_update_mappings_add dummy 00:03.0 1,0xd000+0x10\n");
    /* address 0 never maps (pci_allow_0_address is off for pc) */
    cfg_writel(DUMMY | 0x14, 0x0001);
    assert_log("pci_update_mappings_del dummy 00:03.0 1,0xd000+0x10\n");
    ck_assert(!memory_region_is_mapped(&bar_io));
}
END_TEST

/* A 32-bit BAR whose end passes 4 GiB is not mapped; the 64-bit one may
 * sit above 4 GiB. */
START_TEST(test_bar_address_limits)
{
    build();
    add_dummy();
    cfg_writew(DUMMY | 0x04, PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
    cfg_writel(DUMMY | 0x10, 0xfffff000);       /* ends at 2^32 - 1: refused */
    ck_assert_uint_eq(dummy.io_regions[0].addr, PCI_BAR_UNMAPPED);
    cfg_writel(DUMMY | 0x10, 0xffffe000);
    ck_assert_uint_eq(dummy.io_regions[0].addr, 0xffffe000);
    cfg_writel(DUMMY | 0x14, 0xfffffff1);       /* I/O ending at 2^32 - 1: refused */
    ck_assert_uint_eq(dummy.io_regions[1].addr, PCI_BAR_UNMAPPED);
    cfg_writel(DUMMY | 0x18, 0x00000004);
    cfg_writel(DUMMY | 0x1c, 0x00000001);
    ck_assert_uint_eq(dummy.io_regions[2].addr, 0x100000000ULL);
    ck_assert_uint_eq(bar_mem64.addr, 0x100000000ULL);
    ck_assert_uint_eq(pci_bar_address(&dummy, 0, 0, 0x1000), 0xffffe000);
    ck_assert_uint_eq(pci_bar_address(&dummy, 0, 0, 0x2000), PCI_BAR_UNMAPPED);
}
END_TEST

/* System reset: COMMAND cleared, BARs back to their type bits, unmapped. */
START_TEST(test_bar_reset)
{
    build();
    add_dummy();
    cfg_writel(DUMMY | 0x10, 0xfebf0000);
    cfg_writew(DUMMY | 0x04, PCI_COMMAND_MEMORY);
    ck_assert(memory_region_is_mapped(&bar_mem));
    memtest_log_begin(0);
    trace_enable_events("pci_update_mappings_*");
    pc_machine_reset(pc);
    assert_log("pci_update_mappings_del dummy 00:03.0 0,0xfebf0000+0x1000\n");
    ck_assert(!memory_region_is_mapped(&bar_mem));
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x10), 0);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x14), 1);
    ck_assert_uint_eq(cfg_readl(DUMMY | 0x04), 0);
}
END_TEST

/* ---- bus master --------------------------------------------------------------- */

/* COMMAND.MASTER enables the function's "bus master" alias; a reset
 * clears COMMAND but, as in QEMU 7.2, leaves the alias as it was. */
START_TEST(test_bus_master)
{
    MemoryRegion *bm;

    build();
    bm = &pc->bm_i440fx.enable;
    ck_assert_ptr_eq(pc->i440fx.dev.bus_master_enable_region, bm);
    ck_assert(!bm->enabled);
    cfg_writew(HB | 0x04, PCI_COMMAND_MASTER);
    ck_assert(bm->enabled);
    ck_assert_uint_eq(address_space_to_flatview(&pc->bm_i440fx.as)->nr,
                      address_space_to_flatview(&pc->address_space_memory)->nr);
    cfg_writew(HB | 0x04, PCI_COMMAND_MEMORY);
    ck_assert(!bm->enabled);
    cfg_writeb(HB | 0x04, PCI_COMMAND_MASTER);
    ck_assert(bm->enabled);
    /* a write not covering byte 4 leaves it */
    outl(0xcf8, HB | 0x04);
    outb(0xcfd, 0);
    ck_assert(bm->enabled);
    pc_machine_reset(pc);
    ck_assert_uint_eq(cfg_readl(HB | 0x04), 0);
    ck_assert(bm->enabled);
}
END_TEST

/* ---- PAM ------------------------------------------------------------------ */

/* The flat range at addr in system memory: its region, offset, readonly. */
static const FlatRange *range_at(hwaddr addr)
{
    const FlatRange *fr = flatview_lookup(address_space_to_flatview(&pc->address_space_memory),
                                          addr);

    ck_assert_ptr_nonnull(fr);
    return fr;
}

/* The offset in fr's region that addr maps to. */
static hwaddr region_offset(const FlatRange *fr, hwaddr addr)
{
    return fr->offset_in_region + (addr - (hwaddr)fr->start);
}

static unsigned pam_enabled_mask(int region)
{
    unsigned mask = 0;

    for (int i = 0; i < 4; i++) {
        mask |= pc->pam[region][i].enabled << i;
    }
    return mask;
}

/* 0xc0000 (PAM1 low nibble) in each mode: which alias is on and what the
 * CPU's view maps there (QEMU's aliases: 0 pci -> pc.rom, 1 read-only
 * RAM, 2 and 3 RAM). */
START_TEST(test_pam_modes)
{
    static const struct { const char *name; bool ro; hwaddr off; } want[4] = {
        { "pc.rom", true, 0 }, { "pc.ram", true, 0xc0000 },
        { "pc.ram", false, 0xc0000 }, { "pc.ram", false, 0xc0000 },
    };

    build();
    for (int m = 0; m < 4; m++) {
        const FlatRange *fr;

        cfg_writeb(HB | 0x5a, m);
        ck_assert_uint_eq(pam_enabled_mask(1), 1u << m);
        ck_assert_uint_eq(pc->i440fx.pam_current[1], m);
        fr = range_at(0xc0000);
        ck_assert_str_eq(fr->mr->name, want[m].name);
        ck_assert_int_eq(fr->readonly, want[m].ro);
        ck_assert_uint_eq(region_offset(fr, 0xc0000), want[m].off);
        /* 0xc4000 (high nibble) is untouched */
        ck_assert_uint_eq(pam_enabled_mask(2), 1);
        ck_assert_str_eq(range_at(0xc4000)->mr->name, "pc.rom");
    }
    cfg_writeb(HB | 0x5a, 0x20);
    ck_assert_uint_eq(pam_enabled_mask(1), 1);
    ck_assert_uint_eq(pam_enabled_mask(2), 4);
}
END_TEST

/* Every segment follows its nibble; 0xf0000 is PAM0's high nibble, its
 * low nibble maps nothing. */
START_TEST(test_pam_nibbles)
{
    build();
    for (int region = 1; region < PAM_REGIONS_COUNT; region++) {
        uint32_t reg = 0x59 + (region + 1) / 2;
        uint8_t val = region & 1 ? 0x03 : 0x30;

        cfg_writeb(HB | reg, val);
        for (int r = 0; r < PAM_REGIONS_COUNT; r++) {
            ck_assert_msg(pam_enabled_mask(r) == (r == region ? 8u : 1u),
                          "region %d after writing 0x%x to 0x%x", r, val, reg);
        }
        cfg_writeb(HB | reg, 0);
    }
    cfg_writeb(HB | 0x59, 0x0f);
    ck_assert_uint_eq(pam_enabled_mask(0), 1);
    cfg_writeb(HB | 0x59, 0x30);
    ck_assert_uint_eq(pam_enabled_mask(0), 8);
    ck_assert_str_eq(range_at(0xf0000)->mr->name, "pc.ram");
    ck_assert_uint_eq(region_offset(range_at(0xf0000), 0xf0000), 0xf0000);
    cfg_writeb(HB | 0x59, 0x10);
    ck_assert(range_at(0xf0000)->readonly);
}
END_TEST

/* `info mtree -f` (all but the I/O view) after PAM1 = 0x13, SMRAM = 0x4a
 * and COMMAND.MASTER, recorded from QEMU 7.2 running a 64 KiB ROM that
 * makes those three writes. */
static const char pam_mtree_f_qemu[] =
    "FlatView #0\n"
    " AS \"cpu-smm-0\", root: memory\n"
    " Root memory region: memory\n"
    "  0000000000000000-00000000000c3fff (prio 0, ram): pc.ram\n"
    "  00000000000c4000-00000000000c7fff (prio 0, rom): pc.ram @00000000000c4000\n"
    "  00000000000c8000-00000000000dffff (prio 1, rom): pc.rom @0000000000008000\n"
    "  00000000000e0000-00000000000effff (prio 0, ram): pc.ram @00000000000e0000\n"
    "  00000000000f0000-00000000000fffff (prio 0, rom): pc.bios\n"
    "  0000000000100000-0000000007ffffff (prio 0, ram): pc.ram @0000000000100000\n"
    "  00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic\n"
    "  00000000fee00000-00000000feefffff (prio 4096, i/o): apic-msi\n"
    "  00000000ffff0000-00000000ffffffff (prio 0, rom): pc.bios\n"
    "\n"
    "FlatView #1\n"
    " AS \"PIIX3\", root: bus master container\n"
    " AS \"piix3-ide\", root: bus master container\n"
    " Root memory region: (none)\n"
    "  No rendered FlatView\n"
    "\n"
    "FlatView #2\n"
    " AS \"memory\", root: system\n"
    " AS \"cpu-memory-0\", root: system\n"
    " AS \"i440FX\", root: bus master container\n"
    " Root memory region: system\n"
    "  0000000000000000-00000000000c3fff (prio 0, ram): pc.ram\n"
    "  00000000000c4000-00000000000c7fff (prio 0, rom): pc.ram @00000000000c4000\n"
    "  00000000000c8000-00000000000dffff (prio 1, rom): pc.rom @0000000000008000\n"
    "  00000000000e0000-00000000000effff (prio 0, ram): pc.ram @00000000000e0000\n"
    "  00000000000f0000-00000000000fffff (prio 0, rom): pc.bios\n"
    "  0000000000100000-0000000007ffffff (prio 0, ram): pc.ram @0000000000100000\n"
    "  00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic\n"
    "  00000000fee00000-00000000feefffff (prio 4096, i/o): apic-msi\n"
    "  00000000ffff0000-00000000ffffffff (prio 0, rom): pc.bios\n";

/* The blank-line separated blocks of text without the I/O FlatView. */
static char *without_io_view(const char *text)
{
    gchar **blocks = g_strsplit(text, "\n\n", -1);
    GString *out = g_string_new(NULL);

    for (gchar **b = blocks; *b; b++) {
        if (**b && !strstr(*b, "AS \"I/O\"")) {
            g_string_append_printf(out, "%s%s", out->len ? "\n\n" : "", *b);
        }
    }
    g_strfreev(blocks);
    return g_string_free(out, false);
}

START_TEST(test_pam_mtree)
{
    char *text, *diff;

    build_machine(PC_DEFAULT_RAM_SIZE, 64 * 1024);
    cfg_writeb(HB | 0x5a, 0x13);        /* 0xc0000 RAM, 0xc4000 read-only RAM */
    cfg_writeb(HB | 0x72, 0x4a);
    cfg_writeb(HB | 0x04, PCI_COMMAND_MASTER);
    text = memtest_gc(without_io_view(memtest_gc(memtest_mtree(true, false, false, false))));
    diff = memtest_gc(mtree_compare_diff(pam_mtree_f_qemu, text));
    ck_assert_msg(diff == NULL, "info mtree -f differs from QEMU's:\n%s", diff);
}
END_TEST

/* Each config write is one memory transaction: one listener commit for a
 * dword covering four PAM registers; none for a register outside PAM and
 * SMRAM. */
START_TEST(test_one_commit_per_write)
{
    MemtestListener *l;

    build();
    l = memtest_listener(&pc->address_space_memory, 0, "mem");
    l->begins = l->commits = 0;
    cfg_writel(HB | 0x58, 0x33333300);
    ck_assert_uint_eq(l->begins, 1);
    ck_assert_uint_eq(l->commits, 1);
    for (int r = 1; r <= 4; r++) {
        ck_assert_uint_eq(pam_enabled_mask(r), 8);
    }
    /* Same values: pam_update still switches alias[current] off and on,
     * so QEMU's listeners see a commit (of nothing but nops). */
    cfg_writel(HB | 0x5c, 0x00000000);
    ck_assert_uint_eq(l->commits, 2);
    cfg_writel(HB | 0x58, 0);
    ck_assert_uint_eq(l->commits, 3);
    cfg_writeb(HB | 0x72, 0x4a);
    ck_assert_uint_eq(l->commits, 4);
    cfg_writel(HB | 0x40, 0x12345678);
    cfg_writew(HB | 0x70, 0xffff);      /* does not cover 0x72 */
    ck_assert_uint_eq(l->commits, 4);
    ck_assert_uint_eq(l->begins, 4);
    ck_assert_str_eq(l->mirror_errors->str, "");
}
END_TEST

/* ---- SMRAM ---------------------------------------------------------------- */

/* smram-region (non-SMM 0xa0000 -> "pci") is on unless D_OPEN; the SMM
 * view's smram is on iff G_SMRAME.  D_LCK / D_CLS change nothing and
 * every bit is writable (QEMU). */
START_TEST(test_smram)
{
    static const struct { uint8_t val; bool region, smram; } cases[] = {
        { 0x02, true, false }, { 0x0a, true, true }, { 0x4a, false, true },
        { 0x42, false, false }, { 0x1a, true, true }, { 0x5a, false, true },
        { 0x2a, true, true }, { 0xff, false, true }, { 0x00, true, false },
    };

    build();
    ck_assert(pc->smram_region.enabled);
    ck_assert(!pc->smram.enabled);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        cfg_writeb(HB | 0x72, cases[i].val);
        ck_assert_uint_eq(cfg_readb(HB | 0x72), cases[i].val);
        ck_assert_msg(pc->smram_region.enabled == cases[i].region, "0x%x", cases[i].val);
        ck_assert_msg(pc->smram.enabled == cases[i].smram, "0x%x", cases[i].val);
    }
    /* covering writes: word at 0x72, dword at 0x70 */
    cfg_writew(HB | 0x72, 0x0048);
    ck_assert(!pc->smram_region.enabled && pc->smram.enabled);
    cfg_writel(HB | 0x70, 0x00020000);
    ck_assert(pc->smram_region.enabled && !pc->smram.enabled);
}
END_TEST

/* Without VGA "pci" is empty at 0xa0000: the CPU sees RAM whatever SMRAM
 * says, outside SMM and in it. */
START_TEST(test_smram_view)
{
    const FlatRange *fr;

    build();
    cfg_writeb(HB | 0x72, 0x4a);
    fr = range_at(0xa0000);
    ck_assert_str_eq(fr->mr->name, "pc.ram");
    fr = flatview_lookup(address_space_to_flatview(&pc->cpu_as_smm), 0xa0000);
    ck_assert_ptr_nonnull(fr);
    ck_assert_str_eq(fr->mr->name, "pc.ram");
    ck_assert_uint_eq(region_offset(fr, 0xa0000), 0xa0000);
}
END_TEST

/* ---- reset ------------------------------------------------------------------ */

/* pcibus_reset clears COMMAND, STATUS errors, cache line and interrupt
 * line; PAM, SMRAM, 0x40-0xff and CONFIG_ADDRESS survive, and so does the
 * memory map they select. */
START_TEST(test_reset)
{
    build();
    cfg_writel(HB | 0x04, 0x0507);
    cfg_writel(HB | 0x0c, 0x10);
    cfg_writel(HB | 0x3c, 0x0b);
    cfg_writel(HB | 0x40, 0xcafef00d);
    cfg_writeb(HB | 0x5a, 0x30);
    cfg_writeb(HB | 0x72, 0x4a);
    pci_set_word(pc->i440fx.dev.config + PCI_STATUS, 0x2000);
    outl(0xcf8, HB | 0x08);
    pc_machine_reset(pc);
    ck_assert_uint_eq(inl(0xcf8), HB | 0x08);
    ck_assert_uint_eq(cfg_readl(HB | 0x04), 0);
    ck_assert_uint_eq(cfg_readl(HB | 0x0c), 0);
    ck_assert_uint_eq(cfg_readl(HB | 0x3c), 0);
    ck_assert_uint_eq(cfg_readl(HB | 0x40), 0xcafef00d);
    ck_assert_uint_eq(cfg_readl(HB | 0x58), 0x00300000);
    ck_assert_uint_eq(cfg_readl(HB | 0x70), 0x004a0000);
    ck_assert_uint_eq(pam_enabled_mask(2), 8);
    ck_assert(!pc->smram_region.enabled && pc->smram.enabled);
}
END_TEST

static Suite *pci_suite(void)
{
    Suite *s = suite_create("pci");
    TCase *host = tcase_create("mechanism1");
    TCase *cfg = tcase_create("config");
    TCase *bar = tcase_create("bar");
    TCase *i440 = tcase_create("i440fx");

    tcase_add_checked_fixture(host, setup, teardown);
    tcase_add_test(host, test_conf_idx_latch);
    tcase_add_test(host, test_conf_data_disabled);
    tcase_add_test(host, test_conf_data_offsets);
    tcase_add_test(host, test_absent_function);
    tcase_add_test(host, test_cfg_trace);
    suite_add_tcase(s, host);

    tcase_add_checked_fixture(cfg, setup, teardown);
    tcase_add_test(cfg, test_i440fx_config);
    tcase_add_test(cfg, test_i440fx_ram_size_reg);
    tcase_add_test(cfg, test_write_masks);
    tcase_add_test(cfg, test_status_w1c);
    tcase_add_test(cfg, test_subsystem_and_multifunction);
    suite_add_tcase(s, cfg);

    tcase_add_checked_fixture(bar, setup, teardown);
    tcase_add_test(bar, test_bar_sizing);
    tcase_add_test(bar, test_bar_mapping);
    tcase_add_test(bar, test_bar_address_limits);
    tcase_add_test(bar, test_bar_reset);
    tcase_add_test(bar, test_bus_master);
    suite_add_tcase(s, bar);

    tcase_add_checked_fixture(i440, setup, teardown);
    tcase_add_test(i440, test_pam_modes);
    tcase_add_test(i440, test_pam_nibbles);
    tcase_add_test(i440, test_pam_mtree);
    tcase_add_test(i440, test_one_commit_per_write);
    tcase_add_test(i440, test_smram);
    tcase_add_test(i440, test_smram_view);
    tcase_add_test(i440, test_reset);
    suite_add_tcase(s, i440);
    return s;
}

int main(void)
{
    return memtest_run_suite(pci_suite());
}
