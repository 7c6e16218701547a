/*
 * The pc machine's memory layout at reset against QEMU 7.2's own output
 * (tests/unit/data/pc-*.txt, captured from qemu-system-i386 on the
 * reference machine with -S): `info mtree` plain, -f, -D, -o and -f -d,
 * and the -m 3G / -m 4G layouts; plus the RAM split, the stub device ops
 * and the comparison helper itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include "hw/i386/pc.h"
#include "softmmu/log.h"
#include "softmmu/memory.h"
#include "tests/unit/mtree-compare.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define UNSPEC MEMTXATTRS_UNSPECIFIED

/* The machine under test; the checked teardown frees it even when a
 * test fails, so the next test starts from an empty memory API. */
static PCMachineState *pc;

static void teardown(void)
{
    pc_machine_free(pc);
    pc = NULL;
}

/* A blank 256 KiB firmware image: the layout is QEMU's with
 * bios-256k.bin, without depending on the file. */
static void build(uint64_t ram_size)
{
    void *bios = g_malloc0(PC_BIOS_SIZE);
    PCMachineConfig cfg = { .ram_size = ram_size, .bios_image = bios,
                            .bios_image_size = PC_BIOS_SIZE };
    char *err = NULL;

    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
}

/* mtree_info(flags) must equal the data file as a set of blocks. */
static void assert_mtree(const char *data, bool f, bool d, bool o, bool D)
{
    char *expected = mtree_compare_load_data(data);
    GString *out = g_string_new(NULL);
    char *diff;

    ck_assert_msg(expected != NULL, "cannot read tests/unit/data/%s", data);
    mtree_info(f, d, o, D, out);
    diff = mtree_compare_diff(expected, out->str);
    g_free(expected);
    g_string_free(out, TRUE);
    ck_assert_msg(diff == NULL, "%s differs from QEMU:\n%s", data, diff);
}

/* ---- QEMU's output at reset, -m 128M -------------------------------------- */

START_TEST(test_reset_mtree)
{
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree.txt", false, false, false, false);
}
END_TEST

START_TEST(test_reset_mtree_f)
{
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree-f.txt", true, false, false, false);
}
END_TEST

/* -D shows the disabled PAM aliases, the "bus master" aliases and smram. */
START_TEST(test_reset_mtree_disabled)
{
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree-D.txt", false, false, false, true);
}
END_TEST

START_TEST(test_reset_mtree_owners)
{
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree-o.txt", false, false, true, false);
}
END_TEST

/* The dispatch tree, with the [MRU] section the BIOS copy leaves. */
START_TEST(test_reset_mtree_dispatch)
{
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree-f-d.txt", true, true, false, false);
}
END_TEST

/* ---- other RAM sizes --------------------------------------------------------- */

/* 3 GiB stays below the 3.5 GiB split: no ram-above-4g. */
START_TEST(test_3g_layout)
{
    build(3 * GiB);
    ck_assert_uint_eq(pc->below_4g_mem_size, 3 * GiB);
    ck_assert_uint_eq(pc->above_4g_mem_size, 0);
    assert_mtree("pc-3G-info-mtree.txt", false, false, false, false);
    assert_mtree("pc-3G-info-mtree-f.txt", true, false, false, false);
}
END_TEST

/* 4 GiB: split at 3 GiB (gigabyte_align), 1 GiB mapped at 4 GiB. */
START_TEST(test_4g_layout)
{
    build(4 * GiB);
    ck_assert_uint_eq(pc->below_4g_mem_size, 3 * GiB);
    ck_assert_uint_eq(pc->above_4g_mem_size, 1 * GiB);
    assert_mtree("pc-4G-info-mtree.txt", false, false, false, false);
    assert_mtree("pc-4G-info-mtree-f.txt", true, false, false, false);
}
END_TEST

/* pc_init1's split, checked against QEMU runs: 3583M stays whole, 3584M
 * (= 0xe0000000) and above split at 0xc0000000. */
START_TEST(test_ram_split)
{
    static const struct { uint64_t ram, below, above; } cases[] = {
        { 100 * 1024 + 2048, 100 * 1024 + 2048, 0 },
        { 3583 * MiB, 3583 * MiB, 0 },
        { 3584 * MiB, 3 * GiB, 512 * MiB },
        { 3585 * MiB, 3 * GiB, 513 * MiB },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        build(cases[i].ram);
        ck_assert_uint_eq(pc->below_4g_mem_size, cases[i].below);
        ck_assert_uint_eq(pc->above_4g_mem_size, cases[i].above);
        ck_assert_uint_eq(memory_region_size(&pc->ram_below_4g), cases[i].below);
        teardown();
    }
}
END_TEST

/* ---- stub device ops and the io root ------------------------------------------- */

static char *log_buf;
static size_t log_len;
static FILE *log_stream;

static void log_begin(void)
{
    log_stream = open_memstream(&log_buf, &log_len);
    qemu_log_set_stream(log_stream);
    qemu_set_log(LOG_UNIMP);
}

/* Everything logged since log_begin; g_free it. */
static char *log_end(void)
{
    char *text;

    qemu_set_log(0);
    qemu_log_set_stream(NULL);
    fclose(log_stream);
    text = g_strdup(log_buf);
    free(log_buf);
    log_buf = NULL;
    return text;
}

/* Unassigned ports read all ones and log nothing (softmmu/ioport.c). */
START_TEST(test_unassigned_io)
{
    build(PC_DEFAULT_RAM_SIZE);
    log_begin();
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0x10, UNSPEC, NULL), 0xff);
    ck_assert_uint_eq(address_space_lduw_le(&pc->address_space_io, 0x100, UNSPEC, NULL), 0xffff);
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_io, 0xd00, UNSPEC, NULL),
                      0xffffffff);
    address_space_stb(&pc->address_space_io, 0x10, 0x12, UNSPEC, NULL);
    char *log = log_end();
    ck_assert_str_eq(log, "");
    g_free(log);
}
END_TEST

/* -d unimp: what QEMU's devices log for what they do not implement (the
 * i8257's command register takes 0 and 4 only; an FDC command byte it
 * does not know). */
START_TEST(test_unimp_devices_log)
{
    build(PC_DEFAULT_RAM_SIZE);
    log_begin();
    address_space_stb(&pc->address_space_io, 0x08, 0x10, UNSPEC, NULL);
    address_space_stb(&pc->address_space_io, 0x3f2, 0x0c, UNSPEC, NULL);
    address_space_stb(&pc->address_space_io, 0x3f5, 0x1f, UNSPEC, NULL);
    char *log = log_end();
    ck_assert_str_eq(log,
        "i8257_write_cont: cmd 0x10 not supported\n"
        "fdc: unimplemented command 0x1f\n");
    g_free(log);
}
END_TEST

/* fw_cfg keeps QEMU's valid.accepts: a 4-byte read of the selector is
 * refused before it reaches the device; it is no stub (no log line), and
 * after reset its data port reads the signature. */
START_TEST(test_stub_fw_cfg_accepts)
{
    MemTxResult r;

    build(PC_DEFAULT_RAM_SIZE);
    log_begin();
    ck_assert(!memory_region_access_valid(&pc->fwcfg, 0, 4, false, UNSPEC));
    ck_assert(memory_region_access_valid(&pc->fwcfg, 0, 2, true, UNSPEC));
    ck_assert(memory_region_access_valid(&pc->fwcfg_dma, 4, 4, true, UNSPEC));
    ck_assert(!memory_region_access_valid(&pc->fwcfg_dma, 2, 4, true, UNSPEC));
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0x511, UNSPEC, &r), 'Q');
    ck_assert_uint_eq(r, MEMTX_OK);
    char *log = log_end();
    ck_assert_str_eq(log, "");
    g_free(log);
}
END_TEST

/* ---- lifetime ------------------------------------------------------------------- */

/* Teardown removes every address space; a second machine looks the same. */
START_TEST(test_free_and_rebuild)
{
    build(PC_DEFAULT_RAM_SIZE);
    ck_assert_ptr_nonnull(address_space_first());
    teardown();
    ck_assert_ptr_null(address_space_first());
    build(PC_DEFAULT_RAM_SIZE);
    assert_mtree("pc-reset-info-mtree.txt", false, false, false, false);
}
END_TEST

START_TEST(test_ram_is_writable_rom_is_not)
{
    build(PC_DEFAULT_RAM_SIZE);
    address_space_stl_le(&pc->address_space_memory, 0x1000, 0xdeadbeef, UNSPEC, NULL);
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_memory, 0x1000, UNSPEC, NULL),
                      0xdeadbeef);
    address_space_stl_le(&pc->address_space_memory, 0xffff0, 0x12345678, UNSPEC, NULL);
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_memory, 0xffff0, UNSPEC, NULL), 0);
}
END_TEST

/* ---- the comparison helper -------------------------------------------------------- */

START_TEST(test_compare_ignores_block_order)
{
    const char *a = "FlatView #0\n AS \"b\", root: x\n AS \"a\", root: x\n r1\n\n"
                    "address-space: y\naddress-space: x\n  l1\n\nmemory-region: m\n  l2\n";
    const char *b = "memory-region: m\r\n  l2\r\n\r\naddress-space: x\naddress-space: y\n"
                    "  l1\n\n\nFlatView #7\n AS \"a\", root: x\n AS \"b\", root: x\n r1\n\n";
    char *diff = mtree_compare_diff(a, b);

    ck_assert_msg(diff == NULL, "%s", diff);
}
END_TEST

START_TEST(test_compare_finds_differences)
{
    char *diff = mtree_compare_diff("memory-region: m\n  l2\n\nmemory-region: n\n  l3\n",
                                    "memory-region: m\n  l2\n\nmemory-region: n\n  l4\n");

    ck_assert_ptr_nonnull(diff);
    ck_assert_ptr_nonnull(strstr(diff, "  l3"));
    ck_assert_ptr_nonnull(strstr(diff, "  l4"));
    g_free(diff);
    /* Duplicated blocks count: a multiset, not a set. */
    diff = mtree_compare_diff("x\n\nx\n", "x\n");
    ck_assert_ptr_nonnull(diff);
    g_free(diff);
}
END_TEST

static Suite *pc_layout_suite(void)
{
    Suite *s = suite_create("pc-layout");
    TCase *qemu = tcase_create("qemu-output");
    TCase *dev = tcase_create("devices");
    TCase *cmp = tcase_create("compare");

    tcase_add_checked_fixture(qemu, NULL, teardown);
    tcase_set_timeout(qemu, 60);
    tcase_add_test(qemu, test_reset_mtree);
    tcase_add_test(qemu, test_reset_mtree_f);
    tcase_add_test(qemu, test_reset_mtree_disabled);
    tcase_add_test(qemu, test_reset_mtree_owners);
    tcase_add_test(qemu, test_reset_mtree_dispatch);
    tcase_add_test(qemu, test_3g_layout);
    tcase_add_test(qemu, test_4g_layout);
    tcase_add_test(qemu, test_ram_split);
    tcase_add_test(qemu, test_free_and_rebuild);
    suite_add_tcase(s, qemu);

    tcase_add_checked_fixture(dev, NULL, teardown);
    tcase_add_test(dev, test_unassigned_io);
    tcase_add_test(dev, test_unimp_devices_log);
    tcase_add_test(dev, test_stub_fw_cfg_accepts);
    tcase_add_test(dev, test_ram_is_writable_rom_is_not);
    suite_add_tcase(s, dev);

    tcase_add_test(cmp, test_compare_ignores_block_order);
    tcase_add_test(cmp, test_compare_finds_differences);
    suite_add_tcase(s, cmp);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pc_layout_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
