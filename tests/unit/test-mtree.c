/*
 * `info mtree` text, byte for byte as QEMU 7.2 prints it (softmmu/memory.c:
 * mtree_info_as, mtree_print_mr, mtree_info_flatview, mtree_print_flatview,
 * mtree_print_mr_owner).  QEMU prints its blocks in hash order; where a test
 * has more than one address space, blocks are compared as a set.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tests/unit/memtest.h"

#define SZ_2_64 UINT64_MAX

#define assert_text(actual, expected) do {                                   \
        ck_assert_msg(g_str_equal((actual), (expected)),                     \
                      "info mtree:\n%s\nexpected:\n%s", (actual), (expected)); \
    } while (0)

static const MemoryRegionOps dev_ops = {
    .read = memtest_dev_read, .write = memtest_dev_write,
};

static void no_other_address_spaces(void)
{
    ck_assert_msg(address_space_first() == NULL,
                  "an address space outside this test is alive: %s",
                  address_space_first()->name);
}

/* Levels indent by two spaces; aliases print their target and window and
 * queue the target as a "memory-region:" block. */
START_TEST(test_mtree_plain)
{
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *sys, *ram, *sub;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    ram = memtest_ram("ram", 0x8000);
    sub = memtest_container("sub", 0x1000);
    memtest_add(sys, 0, ram, 0);
    memtest_add(sys, 0x10000, memtest_io("dev", 0x100, &dev_ops, dev), 0);
    memtest_add(sub, 0x10, memtest_ram("inner", 0x100), 0);
    memtest_add(sys, 0x20000, sub, 1);
    memtest_add(sys, 0x100000, memtest_alias("ram-hi", ram, 0x4000, 0x4000), 0);
    memtest_add(sys, 0x200000, memtest_alias("ram-hi2", ram, 0, 0x1000), 0);
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-0000000000007fff (prio 0, ram): ram\n"
        "    0000000000010000-00000000000100ff (prio 0, i/o): dev\n"
        "    0000000000020000-0000000000020fff (prio 1, i/o): sub\n"
        "      0000000000020010-000000000002010f (prio 0, ram): inner\n"
        "    0000000000100000-0000000000103fff (prio 0, ram): alias ram-hi @ram 0000000000004000-0000000000007fff\n"
        "    0000000000200000-0000000000200fff (prio 0, ram): alias ram-hi2 @ram 0000000000000000-0000000000000fff\n"
        "\n"
        "memory-region: ram\n"
        "  0000000000000000-0000000000007fff (prio 0, ram): ram\n"
        "\n");
}
END_TEST

/* Children are printed by address, then by descending priority; equal
 * address and priority keep the subregion order (newest first). */
START_TEST(test_mtree_child_order)
{
    MemoryRegion *sys, *c;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    c = memtest_container("c", 0x10000);
    memtest_add(c, 0x100, memtest_ram("a", 0x100), 0);
    memtest_add(c, 0x100, memtest_ram("b", 0x100), 0);
    memtest_add(c, 0x100, memtest_ram("c2", 0x100), 2);
    memtest_add(c, 0x100, memtest_ram("d", 0x100), -1);
    memtest_add(c, 0x0, memtest_ram("e", 0x100), -5);
    memtest_add(c, 0x200, memtest_ram("f", 0x100), 7);
    memtest_add(sys, 0, c, 0);
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-000000000000ffff (prio 0, i/o): c\n"
        "      0000000000000000-00000000000000ff (prio -5, ram): e\n"
        "      0000000000000100-00000000000001ff (prio 2, ram): c2\n"
        "      0000000000000100-00000000000001ff (prio 0, ram): b\n"
        "      0000000000000100-00000000000001ff (prio 0, ram): a\n"
        "      0000000000000100-00000000000001ff (prio -1, ram): d\n"
        "      0000000000000200-00000000000002ff (prio 7, ram): f\n"
        "\n");
}
END_TEST

/* Region types: rom (RAM + readonly), romd, i/o for containers, I/O and
 * ROM devices out of romd mode, an alias takes its target's type (through
 * alias chains), nv- prefix; the queue of alias targets grows while it is
 * printed. */
START_TEST(test_mtree_types)
{
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *sys, *rom, *ramro, *iord, *rd2, *nv, *ramx, *alram;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    rom = memtest_rom("rom", 0x1000);
    ramro = memtest_ram("ramro", 0x1000);
    iord = memtest_io("iord", 0x1000, &dev_ops, dev);
    rd2 = memtest_romdev("rd2", 0x1000, &dev_ops, dev);
    nv = memtest_ram("nv", 0x1000);
    ramx = memtest_ram("ramx", 0x1000);
    alram = memtest_alias("al-ram", ramx, 0, 0x1000);
    memory_region_set_readonly(ramro, true);
    memory_region_set_readonly(iord, true);
    memory_region_rom_device_set_romd(rd2, false);
    memory_region_set_nonvolatile(nv, true);
    memtest_add(sys, 0x0000, rom, 0);
    memtest_add(sys, 0x1000, ramro, 0);
    memtest_add(sys, 0x2000, iord, 0);
    memtest_add(sys, 0x3000, memtest_romdev("rd", 0x1000, &dev_ops, dev), 0);
    memtest_add(sys, 0x4000, rd2, 0);
    memtest_add(sys, 0x5000, memtest_alias("al-rom", rom, 0, 0x1000), 0);
    memtest_add(sys, 0x6000, memtest_alias("al-al", alram, 0, 0x1000), 0);
    memtest_add(sys, 0x7000, nv, 0);
    memtest_add(sys, 0x8000, memtest_container("box", 0x1000), 0);
    memtest_as(sys, "memory");

    ck_assert_str_eq(memory_region_type(rom), "rom");
    ck_assert_str_eq(memory_region_type(rd2), "i/o");
    ck_assert_str_eq(memory_region_type(alram), "ram");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-0000000000000fff (prio 0, rom): rom\n"
        "    0000000000001000-0000000000001fff (prio 0, rom): ramro\n"
        "    0000000000002000-0000000000002fff (prio 0, i/o): iord\n"
        "    0000000000003000-0000000000003fff (prio 0, romd): rd\n"
        "    0000000000004000-0000000000004fff (prio 0, i/o): rd2\n"
        "    0000000000005000-0000000000005fff (prio 0, rom): alias al-rom @rom 0000000000000000-0000000000000fff\n"
        "    0000000000006000-0000000000006fff (prio 0, ram): alias al-al @al-ram 0000000000000000-0000000000000fff\n"
        "    0000000000007000-0000000000007fff (prio 0, nv-ram): nv\n"
        "    0000000000008000-0000000000008fff (prio 0, i/o): box\n"
        "\n"
        "memory-region: rom\n"
        "  0000000000000000-0000000000000fff (prio 0, rom): rom\n"
        "\n"
        "memory-region: al-ram\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): alias al-ram @ramx 0000000000000000-0000000000000fff\n"
        "\n"
        "memory-region: ramx\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): ramx\n"
        "\n");
}
END_TEST

/*
 * A disabled region is not printed, but mtree_print_mr still walks its
 * children, at the level they would have had (the disabled-parent quirk).
 * A disabled alias still queues its target.  -D prints disabled regions
 * with " [disabled]".
 */
START_TEST(test_mtree_disabled)
{
    MemoryRegion *sys, *cont, *dleaf, *dal, *tgt;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    cont = memtest_container("cont", 0x1000);
    dleaf = memtest_ram("dleaf", 0x100);
    tgt = memtest_ram("tgt", 0x1000);
    dal = memtest_alias("dal", tgt, 0, 0x1000);
    memtest_add(sys, 0, memtest_ram("ok", 0x100), 0);
    memtest_add(cont, 0x10, memtest_ram("child", 0x100), 0);
    memtest_add(sys, 0x30000, cont, 0);
    memtest_add(sys, 0x40000, dleaf, 0);
    memtest_add(sys, 0x50000, dal, 0);
    memory_region_set_enabled(cont, false);
    memory_region_set_enabled(dleaf, false);
    memory_region_set_enabled(dal, false);
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-00000000000000ff (prio 0, ram): ok\n"
        "      0000000000030010-000000000003010f (prio 0, ram): child\n"
        "\n"
        "memory-region: tgt\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): tgt\n"
        "\n");

    out = memtest_gc(memtest_mtree(false, false, false, true));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-00000000000000ff (prio 0, ram): ok\n"
        "    0000000000030000-0000000000030fff (prio 0, i/o): cont [disabled]\n"
        "      0000000000030010-000000000003010f (prio 0, ram): child\n"
        "    0000000000040000-00000000000400ff (prio 0, ram): dleaf [disabled]\n"
        "    0000000000050000-0000000000050fff (prio 0, ram): alias dal @tgt 0000000000000000-0000000000000fff [disabled]\n"
        "\n"
        "memory-region: tgt\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): tgt\n"
        "\n");
}
END_TEST

/* A memory-region block starts from the target's own address (base 0 plus
 * mr->addr), and a target aliased twice is printed once. */
START_TEST(test_mtree_alias_target_block)
{
    MemoryRegion *sys, *low;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    low = memtest_ram("low", 0x1000);
    memtest_add(sys, 0x1000, low, 0);
    memtest_add(sys, 0x8000, memtest_alias("hi", low, 0x800, 0x800), 0);
    memtest_add(sys, 0x9000, memtest_alias("hi2", low, 0, 0x800), 0);
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000001000-0000000000001fff (prio 0, ram): low\n"
        "    0000000000008000-00000000000087ff (prio 0, ram): alias hi @low 0000000000000800-0000000000000fff\n"
        "    0000000000009000-00000000000097ff (prio 0, ram): alias hi2 @low 0000000000000000-00000000000007ff\n"
        "\n"
        "memory-region: low\n"
        "  0000000000001000-0000000000001fff (prio 0, ram): low\n"
        "\n");
}
END_TEST

/* Address spaces sharing a root print as one block, names sorted. */
START_TEST(test_mtree_as_groups)
{
    MemoryRegion *sys, *io, *sysal;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    io = memtest_container("io", 0x10000);
    memtest_add(sys, 0, memtest_ram("ram", 0x1000), 0);
    memtest_add(io, 0x60, memtest_container("kbd", 0x1), 0);
    sysal = memtest_alias("sysal", sys, 0, SZ_2_64);
    memtest_as(sys, "zeta");
    memtest_as(io, "I/O");
    memtest_as(sys, "memory");
    memtest_as(sysal, "alpha");
    memtest_as(sys, "cpu-memory-0");

    out = memtest_gc(memtest_mtree(false, false, false, false));
    memtest_assert_mtree_set(out,
        "address-space: cpu-memory-0\n"
        "address-space: memory\n"
        "address-space: zeta\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-0000000000000fff (prio 0, ram): ram\n"
        "\n"
        "address-space: I/O\n"
        "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
        "    0000000000000060-0000000000000060 (prio 0, i/o): kbd\n"
        "\n"
        "address-space: alpha\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): alias sysal @sys 0000000000000000-ffffffffffffffff\n"
        "\n"
        "memory-region: sys\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys\n"
        "    0000000000000000-0000000000000fff (prio 0, ram): ram\n"
        "\n");
}
END_TEST

/*
 * -f: one block per FlatView, its address spaces in creation order, the
 * view's root region, ranges with "@offset" when the offset is not 0,
 * "rom" for readonly ranges, and the terminal region's own priority.
 */
START_TEST(test_mtree_flatview)
{
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *sys, *ram, *bios, *roal, *sysal;
    char *out;

    no_other_address_spaces();
    sys = memtest_container("sys", SZ_2_64);
    ram = memtest_ram("ram", 0x10000);
    bios = memtest_rom("bios", 0x2000);
    roal = memtest_alias("ro-al", ram, 0x100, 0x100);
    memtest_add(sys, 0, ram, 0);
    memtest_add(sys, 0x4000, memtest_io("dev", 0x1000, &dev_ops, dev), 2);
    memtest_add(sys, 0x20000, memtest_alias("isa-bios", bios, 0x1000, 0x1000), 1);
    memtest_add(sys, 0x30000, bios, 3);
    memory_region_set_readonly(roal, true);
    memtest_add(sys, 0x40000, roal, 0);
    sysal = memtest_alias("sysal", sys, 0, SZ_2_64);
    memtest_as(sys, "zeta");
    memtest_as(sysal, "alpha");
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(true, false, false, false));
    assert_text(out,
        "FlatView #0\n"
        " AS \"zeta\", root: sys\n"
        " AS \"alpha\", root: sysal, alias sys\n"
        " AS \"memory\", root: sys\n"
        " Root memory region: sys\n"
        "  0000000000000000-0000000000003fff (prio 0, ram): ram\n"
        "  0000000000004000-0000000000004fff (prio 2, i/o): dev\n"
        "  0000000000005000-000000000000ffff (prio 0, ram): ram @0000000000005000\n"
        "  0000000000020000-0000000000020fff (prio 3, rom): bios @0000000000001000\n"
        "  0000000000030000-0000000000031fff (prio 3, rom): bios\n"
        "  0000000000040000-00000000000400ff (prio 0, rom): ram @0000000000000100\n"
        "\n");
}
END_TEST

/* -f: the shared empty view prints "(none)" and "No rendered FlatView"; a
 * root that renders nothing has a view of its own; a single child at 0 is
 * the view's root. */
START_TEST(test_mtree_flatview_empty)
{
    MemoryRegion *empty, *empty2, *lonely, *wrap, *dchild;
    char *out;

    no_other_address_spaces();
    empty = memtest_container("empty", SZ_2_64);
    empty2 = memtest_container("empty2", SZ_2_64);
    lonely = memtest_container("lonely", SZ_2_64);
    wrap = memtest_container("wrap", SZ_2_64);
    dchild = memtest_ram("dchild", 0x1000);
    memory_region_set_enabled(dchild, false);
    memtest_add(empty2, 0, dchild, 0);
    memtest_add(lonely, 0x1000, memtest_container("inner", 0x1000), 0);
    memtest_add(wrap, 0, memtest_ram("real", 0x1000), 0);
    memtest_as(empty, "e1");
    memtest_as(empty2, "e2");
    memtest_as(lonely, "e3");
    memtest_as(wrap, "w");

    out = memtest_gc(memtest_mtree(true, false, false, false));
    memtest_assert_mtree_set(out,
        "FlatView #0\n"
        " AS \"e1\", root: empty\n"
        " AS \"e2\", root: empty2\n"
        " Root memory region: (none)\n"
        "  No rendered FlatView\n"
        "\n"
        "FlatView #1\n"
        " AS \"e3\", root: lonely\n"
        " Root memory region: lonely\n"
        "  No rendered FlatView\n"
        "\n"
        "FlatView #2\n"
        " AS \"w\", root: wrap\n"
        " Root memory region: real\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): real\n"
        "\n");

    /* -D without disabled regions in view changes nothing in plain mode;
     * with one, it shows it. */
    out = memtest_gc(memtest_mtree(false, false, false, true));
    memtest_assert_mtree_set(out,
        "address-space: e1\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): empty\n"
        "\n"
        "address-space: e2\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): empty2\n"
        "    0000000000000000-0000000000000fff (prio 0, ram): dchild [disabled]\n"
        "\n"
        "address-space: e3\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): lonely\n"
        "    0000000000001000-0000000000001fff (prio 0, i/o): inner\n"
        "\n"
        "address-space: w\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): wrap\n"
        "    0000000000000000-0000000000000fff (prio 0, ram): real\n"
        "\n");
}
END_TEST

/* -o: " owner:{dev id=...}" (id wins over the path), " owner:{dev path=...}",
 * " owner:{obj path=...}"; a named region without owner is a child of
 * /machine/unattached (" parent:{obj path=/machine/unattached}"); a nameless
 * one without owner is an orphan and prints as "(null)". */
START_TEST(test_mtree_owner)
{
    static int owner_dev, owner_id, owner_obj;
    MemoryRegion *sys, *r1, *r2, *r3, *anon;
    MemtestDev *dev = memtest_dev_new("dev");
    char *out;

    no_other_address_spaces();
    memory_owner_register(&owner_dev, true, "/machine/peripheral-anon/device[0]", NULL);
    memory_owner_register(&owner_id, true, "/machine/peripheral/foo", "foo");
    memory_owner_register(&owner_obj, false, "/machine/i440fx", NULL);
    sys = memtest_container("sys", SZ_2_64);
    r1 = memtest_track(g_new0(MemoryRegion, 1));
    memory_region_init_ram(r1, &owner_dev, "r1", 0x1000);
    r2 = memtest_track(g_new0(MemoryRegion, 1));
    memory_region_init_io(r2, &owner_id, &dev_ops, dev, "r2", 0x1000);
    r3 = memtest_track(g_new0(MemoryRegion, 1));
    memory_region_init_alias(r3, &owner_obj, "r3", r1, 0, 0x1000);
    anon = memtest_track(g_new0(MemoryRegion, 1));
    memory_region_init(anon, NULL, NULL, 0x100);
    memtest_add(sys, 0, r1, 0);
    memtest_add(sys, 0x1000, r2, 0);
    memtest_add(sys, 0x2000, r3, 0);
    memtest_add(sys, 0x3000, anon, 0);
    memtest_as(sys, "memory");

    out = memtest_gc(memtest_mtree(false, false, true, false));
    assert_text(out,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): sys parent:{obj path=/machine/unattached}\n"
        "    0000000000000000-0000000000000fff (prio 0, ram): r1 owner:{dev path=/machine/peripheral-anon/device[0]}\n"
        "    0000000000001000-0000000000001fff (prio 0, i/o): r2 owner:{dev id=foo}\n"
        "    0000000000002000-0000000000002fff (prio 0, ram): alias r3 @r1 0000000000000000-0000000000000fff owner:{obj path=/machine/i440fx}\n"
        "    0000000000003000-00000000000030ff (prio 0, i/o): (null) orphan\n"
        "\n"
        "memory-region: r1\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): r1 owner:{dev path=/machine/peripheral-anon/device[0]}\n"
        "\n");

    out = memtest_gc(memtest_mtree(true, false, true, false));
    assert_text(out,
        "FlatView #0\n"
        " AS \"memory\", root: sys\n"
        " Root memory region: sys\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): r1 owner:{dev path=/machine/peripheral-anon/device[0]}\n"
        "  0000000000001000-0000000000001fff (prio 0, i/o): r2 owner:{dev id=foo}\n"
        "  0000000000002000-0000000000002fff (prio 0, ram): r1 owner:{dev path=/machine/peripheral-anon/device[0]}\n"
        "\n");
}
END_TEST

static Suite *mtree_suite(void)
{
    Suite *s = suite_create("mtree");
    TCase *tc = tcase_create("mtree");

    tcase_add_checked_fixture(tc, memtest_setup, memtest_teardown);
    tcase_add_test(tc, test_mtree_plain);
    tcase_add_test(tc, test_mtree_child_order);
    tcase_add_test(tc, test_mtree_types);
    tcase_add_test(tc, test_mtree_disabled);
    tcase_add_test(tc, test_mtree_alias_target_block);
    tcase_add_test(tc, test_mtree_as_groups);
    tcase_add_test(tc, test_mtree_flatview);
    tcase_add_test(tc, test_mtree_flatview_empty);
    tcase_add_test(tc, test_mtree_owner);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(mtree_suite());
}
