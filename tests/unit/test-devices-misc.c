/*
 * The small devices and the firmware loading the front end wires into
 * the pc machine: isa-debugcon (hw/misc/debugcon.c) on the chardevs of
 * softmmu/chardev.c, isa-debug-exit (hw/misc/debugexit.c, checked in a
 * child process since it ends the process), the BIOS image rules of
 * x86_bios_rom_init and the firmware search path (softmmu/vl.c).
 * Messages and values are QEMU 7.2's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "hw/i386/pc.h"
#include "hw/misc/debugcon.h"
#include "hw/misc/debugexit.h"
#include "softmmu/chardev.h"
#include "softmmu/ioport.h"
#include "softmmu/log.h"
#include "softmmu/memory.h"
#include "softmmu/trace.h"
#include "softmmu/vl.h"

#define KiB (1ULL << 10)
#define UNSPEC MEMTXATTRS_UNSPECIFIED

/* Everything a test creates; the checked teardown frees it even when the
 * test fails, so the next test starts clean.  Static, so that a child
 * ending through isa-debug-exit still reaches it (no leak reports). */
static PCMachineState *pc;
static ISADebugconState debugcon;
static ISADebugExitState debugexit;
static char *tmpdir;

static void setup(void)
{
    tmpdir = g_dir_make_tmp("x86slice-devtest-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
}

static void rm_rf(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    g_rmdir(dir);
}

static void teardown(void)
{
    isa_debugcon_unrealize(&debugcon);
    isa_debug_exit_unrealize(&debugexit);
    pc_machine_free(pc);
    pc = NULL;
    qemu_chr_cleanup();
    trace_disable_all();
    rm_rf(tmpdir);
    g_free(tmpdir);
    tmpdir = NULL;
}

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* The machine with a blank 256 KiB firmware image, after reset. */
static void build(void)
{
    void *bios = g_malloc0(PC_BIOS_SIZE);
    PCMachineConfig cfg = { .ram_size = PC_DEFAULT_RAM_SIZE, .bios_image = bios,
                            .bios_image_size = PC_BIOS_SIZE };
    char *err = NULL;

    pc = pc_machine_init(&cfg, &err);
    g_free(bios);
    ck_assert_msg(pc != NULL, "%s", err ? err : "no memory");
    pc_machine_reset(pc);
}

static char *read_file(const char *path)
{
    char *text = NULL;

    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

static Chardev *file_chardev(const char *id, const char *path)
{
    ChardevOptions o = { .id = id, .backend = "file", .path = path };
    char *err = NULL;
    Chardev *chr = qemu_chr_new_from_opts(&o, &err);

    ck_assert_msg(chr != NULL, "%s", err);
    return chr;
}

/* ---- isa-debugcon ------------------------------------------------------------- */

/* Each byte written to the port reaches the file at once (no buffering). */
START_TEST(test_debugcon_write_to_file)
{
    char *path = tmp_path("out");
    char *err = NULL, *text;

    build();
    isa_debugcon_init(&debugcon);
    debugcon.iobase = 0x402;
    debugcon.chr = file_chardev("dc", path);
    ck_assert(qemu_chr_fe_init(debugcon.chr, &err));
    ck_assert(isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));

    address_space_stb(&pc->address_space_io, 0x402, 'H', UNSPEC, NULL);
    text = read_file(path);
    ck_assert_str_eq(text, "H");
    g_free(text);
    address_space_stb(&pc->address_space_io, 0x402, 'i', UNSPEC, NULL);
    address_space_stb(&pc->address_space_io, 0x402, '\n', UNSPEC, NULL);
    text = read_file(path);
    ck_assert_str_eq(text, "Hi\n");
    g_free(text);
    g_free(path);
}
END_TEST

/* Reads answer the readback property, masked to the byte access. */
START_TEST(test_debugcon_readback)
{
    char *err = NULL;

    build();
    isa_debugcon_init(&debugcon);
    ck_assert_uint_eq(debugcon.iobase, 0xe9);
    ck_assert_uint_eq(debugcon.readback, 0xe9);
    debugcon.chr = file_chardev("dc", "/dev/null");
    ck_assert(isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0xe9, UNSPEC, NULL), 0xe9);

    isa_debugcon_unrealize(&debugcon);
    isa_debugcon_init(&debugcon);
    debugcon.readback = 0x1234;
    debugcon.chr = qemu_chr_find("dc");
    ck_assert(isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0xe9, UNSPEC, NULL), 0x34);
}
END_TEST

/* .valid.max_access_size 1.  An `outw` (cpu_outw: address_space_write)
 * is split: the low byte goes to the port, the high one to 0x403
 * (unassigned); an `inw` reads 0xe9 then 0xff.  A 2-byte dispatch straight
 * to the region (address_space_stw/lduw) is refused as QEMU refuses it. */
START_TEST(test_debugcon_word_access)
{
    char *path = tmp_path("out");
    char *err = NULL, *text;
    uint8_t buf[2] = { 'A', 'B' };
    MemTxResult r;

    build();
    isa_debugcon_init(&debugcon);
    debugcon.iobase = 0x402;
    debugcon.chr = file_chardev("dc", path);
    ck_assert(isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));
    address_space_write(&pc->address_space_io, 0x402, UNSPEC, buf, 2);
    text = read_file(path);
    ck_assert_str_eq(text, "A");
    g_free(text);
    ck_assert_uint_eq(address_space_read(&pc->address_space_io, 0x402, UNSPEC, buf, 2),
                      MEMTX_OK);
    ck_assert_uint_eq(buf[0], 0xe9);
    ck_assert_uint_eq(buf[1], 0xff);

    address_space_stw_le(&pc->address_space_io, 0x402, 0x4443, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_lduw_le(&pc->address_space_io, 0x402, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    text = read_file(path);
    ck_assert_str_eq(text, "A");
    g_free(text);
    g_free(path);
}
END_TEST

/* The region is "isa-debugcon", one port: the name the trace event shows. */
START_TEST(test_debugcon_region_and_trace)
{
    char *buf = NULL, *err = NULL;
    size_t len = 0;
    FILE *log;

    build();
    isa_debugcon_init(&debugcon);
    debugcon.iobase = 0x402;
    debugcon.chr = file_chardev("dc", "/dev/null");
    ck_assert(isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));
    ck_assert_str_eq(memory_region_name(&debugcon.io), "isa-debugcon");
    ck_assert_uint_eq(memory_region_size(&debugcon.io), 1);
    ck_assert_ptr_eq(debugcon.io.container, &pc->system_io);
    ck_assert_uint_eq(debugcon.io.addr, 0x402);

    log = open_memstream(&buf, &len);
    qemu_log_set_stream(log);
    ck_assert_int_eq(trace_enable_events("memory_region_ops_write"), 1);
    address_space_stb(&pc->address_space_io, 0x402, 'S', UNSPEC, NULL);
    trace_disable_all();
    qemu_log_set_stream(NULL);
    fclose(log);
    ck_assert_msg(g_str_has_prefix(buf, "memory_region_ops_write cpu -1 mr 0x"), "%s", buf);
    ck_assert_msg(g_str_has_suffix(buf, " addr 0x402 value 0x53 size 1 name 'isa-debugcon'\n"),
                  "%s", buf);
    free(buf);
}
END_TEST

START_TEST(test_debugcon_needs_chardev)
{
    char *err = NULL;

    build();
    isa_debugcon_init(&debugcon);
    ck_assert(!isa_debugcon_realize(&debugcon, &pc->system_io, &debugcon, &err));
    ck_assert_str_eq(err, "Can't create debugcon device, empty char device");
    g_free(err);
    /* nothing mapped: the port still reads as unassigned */
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0xe9, UNSPEC, NULL), 0xff);
}
END_TEST

/* ---- chardevs ------------------------------------------------------------------ */

static void assert_chardev_error(const ChardevOptions *o, const char *msg)
{
    char *err = NULL;

    ck_assert_ptr_null(qemu_chr_new_from_opts(o, &err));
    ck_assert_ptr_nonnull(err);
    ck_assert_str_eq(err, msg);
    g_free(err);
}

START_TEST(test_chardev_errors)
{
    char *dir_msg = g_strdup_printf("Could not open '%s': Is a directory", tmpdir);

    assert_chardev_error(&(ChardevOptions){ .backend = "null" }, "chardev: no id specified");
    assert_chardev_error(&(ChardevOptions){ .id = "a" }, "chardev: \"a\" missing backend");
    assert_chardev_error(&(ChardevOptions){ .id = "a", .backend = "foo" },
                         "'foo' is not a valid char driver name");
    assert_chardev_error(&(ChardevOptions){ .id = "a", .backend = "file" },
                         "chardev: file: no filename given");
    assert_chardev_error(&(ChardevOptions){ .id = "a", .backend = "file",
                                            .path = "/nonexistent/x" },
                         "Could not open '/nonexistent/x': No such file or directory");
    assert_chardev_error(&(ChardevOptions){ .id = "a", .backend = "file", .path = tmpdir },
                         dir_msg);
    assert_chardev_error(&(ChardevOptions){ .id = "a", .backend = "null",
                                            .logfile = "/nonexistent/x" },
                         "Could not create '/nonexistent/x': No such file or directory");
    ck_assert_ptr_null(qemu_chr_find("a"));
    g_free(dir_msg);
}
END_TEST

/* One stdio chardev at most; one front end per chardev. */
START_TEST(test_chardev_stdio_and_in_use)
{
    char *err = NULL;
    Chardev *a = qemu_chr_new_from_opts(&(ChardevOptions){ .id = "a", .backend = "stdio" },
                                        &err);

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->fd_out, 1);
    assert_chardev_error(&(ChardevOptions){ .id = "b", .backend = "stdio" },
                         "cannot use stdio by multiple character devices");
    ck_assert(qemu_chr_fe_init(a, &err));
    ck_assert(!qemu_chr_fe_init(a, &err));
    ck_assert_str_eq(err, "Device 'a' is in use");
    g_free(err);
    /* once deleted, stdio is free again */
    qemu_chr_delete(a);
    ck_assert_ptr_null(qemu_chr_find("a"));
    ck_assert_ptr_nonnull(qemu_chr_new_from_opts(&(ChardevOptions){ .id = "b",
                                                                    .backend = "stdio" },
                                                 &err));
}
END_TEST

/* null drops the data; logfile= gets a copy; file append= keeps content. */
START_TEST(test_chardev_null_log_append)
{
    char *log = tmp_path("log"), *out = tmp_path("out"), *err = NULL, *text;
    Chardev *n, *f;

    g_file_set_contents(out, "old:", -1, NULL);
    n = qemu_chr_new_from_opts(&(ChardevOptions){ .id = "n", .backend = "null",
                                                  .logfile = log }, &err);
    ck_assert_ptr_nonnull(n);
    ck_assert_int_eq(qemu_chr_write_all(n, (const uint8_t *)"xy", 2), 2);
    f = qemu_chr_new_from_opts(&(ChardevOptions){ .id = "f", .backend = "file", .path = out,
                                                  .append = true }, &err);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(qemu_chr_write_all(f, (const uint8_t *)"new", 3), 3);
    ck_assert_int_eq(qemu_chr_write_all(NULL, (const uint8_t *)"z", 1), 0);
    text = read_file(log);
    ck_assert_str_eq(text, "xy");
    g_free(text);
    text = read_file(out);
    ck_assert_str_eq(text, "old:new");
    g_free(text);
    g_free(log);
    g_free(out);
}
END_TEST

/* ---- isa-debug-exit -------------------------------------------------------------- */

/* Run fn in a child and return its exit status (-1 if it did not exit). */
static int child_status(void (*fn)(uint32_t), uint32_t arg)
{
    int status;
    pid_t pid;

    fflush(NULL);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        fn(arg);
        _exit(200);             /* the port did not end the process */
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void exit_byte(uint32_t val)
{
    address_space_stb(&pc->address_space_io, 0xf4, val, UNSPEC, NULL);
}

static void exit_long(uint32_t val)
{
    address_space_stl_le(&pc->address_space_io, 0xf4, val, UNSPEC, NULL);
}

static void exit_default_port(uint32_t val)
{
    address_space_stb(&pc->address_space_io, 0x502, val, UNSPEC, NULL);
}

/* A write ends the process with (val << 1) | 1, as QEMU's exit() does
 * (the host keeps the low 8 bits). */
START_TEST(test_debug_exit_status)
{
    build();
    isa_debug_exit_init(&debugexit);
    debugexit.iobase = 0xf4;
    debugexit.iosize = 4;
    isa_debug_exit_realize(&debugexit, &pc->system_io, &debugexit);
    ck_assert_str_eq(memory_region_name(&debugexit.io), "isa-debug-exit");
    ck_assert_uint_eq(memory_region_size(&debugexit.io), 4);

    ck_assert_int_eq(child_status(exit_byte, 0), 1);
    ck_assert_int_eq(child_status(exit_byte, 0x10), 0x21);
    ck_assert_int_eq(child_status(exit_byte, 0x7f), 0xff);
    ck_assert_int_eq(child_status(exit_long, 0x01020304), 0x09);
    /* reads are 0 and do not exit */
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_io, 0xf4, UNSPEC, NULL), 0);
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0xf7, UNSPEC, NULL), 0);
    /* outside the 4 ports: unassigned */
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0xf8, UNSPEC, NULL), 0xff);
}
END_TEST

/* Defaults: 2 ports at 0x501. */
START_TEST(test_debug_exit_defaults)
{
    build();
    isa_debug_exit_init(&debugexit);
    ck_assert_uint_eq(debugexit.iobase, 0x501);
    ck_assert_uint_eq(debugexit.iosize, 2);
    isa_debug_exit_realize(&debugexit, &pc->system_io, &debugexit);
    ck_assert_int_eq(child_status(exit_default_port, 3), 7);
    ck_assert_uint_eq(address_space_ldub(&pc->address_space_io, 0x503, UNSPEC, NULL), 0xff);
}
END_TEST

/* ---- firmware ---------------------------------------------------------------------- */

/* A file of size bytes, byte i = (i * 7) & 0xff. */
static char *make_bios(const char *name, size_t size)
{
    char *path = tmp_path(name);
    uint8_t *data = g_malloc(size);

    for (size_t i = 0; i < size; i++) {
        data[i] = (i * 7) & 0xff;
    }
    ck_assert(g_file_set_contents(path, (char *)data, size, NULL));
    g_free(data);
    return path;
}

static uint8_t ldub(hwaddr addr)
{
    return address_space_ldub(&pc->address_space_memory, addr, UNSPEC, NULL);
}

/* pc.bios gets the file's size at 4 GiB - size; isa-bios is its last
 * 128 KiB below 1 MiB; the contents arrive at reset (rom_reset). */
START_TEST(test_bios_file_192k)
{
    char *path = make_bios("bios.bin", 192 * KiB), *err = NULL;
    uint64_t size = 192 * KiB;

    pc = pc_machine_init(&(PCMachineConfig){ .ram_size = PC_DEFAULT_RAM_SIZE,
                                             .firmware = path }, &err);
    ck_assert_msg(pc != NULL, "%s", err);
    ck_assert_uint_eq(memory_region_size(&pc->bios), size);
    ck_assert_uint_eq(pc->bios.addr, 0x100000000ULL - size);
    ck_assert_uint_eq(memory_region_size(&pc->isa_bios), 128 * KiB);
    ck_assert_uint_eq(pc->isa_bios.addr, 0xe0000);
    ck_assert_uint_eq(pc->isa_bios.alias_offset, 64 * KiB);
    ck_assert(pc->isa_bios.readonly);

    ck_assert_uint_eq(ldub(0xfffffff0), 0);         /* not loaded before reset */
    pc_machine_reset(pc);
    ck_assert_uint_eq(ldub(0xfffffff0), ((size - 16) * 7) & 0xff);
    ck_assert_uint_eq(ldub(0x100000000ULL - size), 0);
    ck_assert_uint_eq(ldub(0x100000000ULL - size + 1), 7);
    ck_assert_uint_eq(ldub(0xffff0), ((size - 16) * 7) & 0xff);
    ck_assert_uint_eq(ldub(0xe0001), ((64 * KiB + 1) * 7) & 0xff);
    /* read-only: the guest cannot change it */
    address_space_stb(&pc->address_space_memory, 0xfffffff0, 0x55, UNSPEC, NULL);
    ck_assert_uint_eq(ldub(0xfffffff0), ((size - 16) * 7) & 0xff);
    /* a second reset does not write again (QEMU frees the ROM's data) */
    ck_assert_ptr_null(pc->bios_data);
    pc_machine_reset(pc);
    g_free(path);
}
END_TEST

/* 64 KiB: isa-bios is the whole image, at 0xf0000. */
START_TEST(test_bios_file_64k)
{
    char *path = make_bios("b64.bin", 64 * KiB), *err = NULL;

    pc = pc_machine_init(&(PCMachineConfig){ .ram_size = PC_DEFAULT_RAM_SIZE,
                                             .firmware = path }, &err);
    ck_assert_msg(pc != NULL, "%s", err);
    pc_machine_reset(pc);
    ck_assert_uint_eq(memory_region_size(&pc->isa_bios), 64 * KiB);
    ck_assert_uint_eq(pc->isa_bios.addr, 0xf0000);
    ck_assert_uint_eq(pc->bios.addr, 0xffff0000);
    ck_assert_uint_eq(ldub(0xf0003), 21);
    ck_assert_uint_eq(ldub(0xffff0003), 21);
    g_free(path);
}
END_TEST

static void assert_bios_error(const char *firmware, const char *shown)
{
    char *err = NULL, *msg = g_strdup_printf("qemu: could not load PC BIOS '%s'", shown);

    pc = pc_machine_init(&(PCMachineConfig){ .ram_size = PC_DEFAULT_RAM_SIZE,
                                             .firmware = firmware }, &err);
    ck_assert_ptr_null(pc);
    ck_assert_ptr_nonnull(err);
    ck_assert_str_eq(err, msg);
    g_free(err);
    g_free(msg);
    /* nothing is left behind */
    ck_assert_ptr_null(address_space_first());
}

START_TEST(test_bios_errors)
{
    char *odd = make_bios("odd.bin", 1000), *big = make_bios("big.bin", 64 * KiB + 512);
    char *empty = make_bios("empty.bin", 0), *missing = tmp_path("missing.bin");

    assert_bios_error(odd, odd);
    assert_bios_error(big, big);
    assert_bios_error(empty, empty);
    assert_bios_error(missing, missing);
    assert_bios_error(tmpdir, tmpdir);
    assert_bios_error("", "");
    g_free(odd);
    g_free(big);
    g_free(empty);
    g_free(missing);
}
END_TEST

/* Images given in memory follow the same size rule. */
START_TEST(test_bios_image_size_rule)
{
    static const uint8_t img[1000];
    char *err = NULL;

    pc = pc_machine_init(&(PCMachineConfig){ .ram_size = PC_DEFAULT_RAM_SIZE,
                                             .bios_image = img, .bios_image_size = 1000 },
                         &err);
    ck_assert_ptr_null(pc);
    ck_assert_str_eq(err, "qemu: could not load PC BIOS 'bios-256k.bin'");
    g_free(err);
}
END_TEST

/* qemu_find_file: the name as given first, then each data directory. */
START_TEST(test_find_file)
{
    char *path = make_bios("x86slice-test-fw.bin", 64 * KiB), *found;
    char *cwd = g_get_current_dir();

    ck_assert_ptr_null(qemu_find_file("x86slice-test-fw.bin"));
    qemu_add_data_dir(tmpdir);
    found = qemu_find_file("x86slice-test-fw.bin");
    ck_assert_str_eq(found, path);
    g_free(found);
    /* a readable name relative to the current directory wins */
    ck_assert_int_eq(chdir(tmpdir), 0);
    found = qemu_find_file("x86slice-test-fw.bin");
    ck_assert_str_eq(found, "x86slice-test-fw.bin");
    g_free(found);
    ck_assert_int_eq(chdir(cwd), 0);
    /* absolute paths are taken as they are */
    found = qemu_find_file(path);
    ck_assert_str_eq(found, path);
    g_free(found);
    g_free(cwd);
    g_free(path);
}
END_TEST

/* The io root is QEMU's unassigned_io_ops (now in softmmu/ioport.c). */
START_TEST(test_unassigned_io_ops)
{
    build();
    ck_assert_ptr_eq(pc->system_io.ops, &unassigned_io_ops);
    ck_assert_uint_eq(address_space_ldl_le(&pc->address_space_io, 0x1234, UNSPEC, NULL),
                      0xffffffff);
}
END_TEST

static Suite *devices_misc_suite(void)
{
    Suite *s = suite_create("devices-misc");
    TCase *dc = tcase_create("debugcon");
    TCase *chr = tcase_create("chardev");
    TCase *ex = tcase_create("debug-exit");
    TCase *fw = tcase_create("firmware");

    tcase_add_checked_fixture(dc, setup, teardown);
    tcase_add_test(dc, test_debugcon_write_to_file);
    tcase_add_test(dc, test_debugcon_readback);
    tcase_add_test(dc, test_debugcon_word_access);
    tcase_add_test(dc, test_debugcon_region_and_trace);
    tcase_add_test(dc, test_debugcon_needs_chardev);
    suite_add_tcase(s, dc);

    tcase_add_checked_fixture(chr, setup, teardown);
    tcase_add_test(chr, test_chardev_errors);
    tcase_add_test(chr, test_chardev_stdio_and_in_use);
    tcase_add_test(chr, test_chardev_null_log_append);
    suite_add_tcase(s, chr);

    tcase_add_checked_fixture(ex, setup, teardown);
    tcase_add_test(ex, test_debug_exit_status);
    tcase_add_test(ex, test_debug_exit_defaults);
    suite_add_tcase(s, ex);

    tcase_add_checked_fixture(fw, setup, teardown);
    tcase_add_test(fw, test_bios_file_192k);
    tcase_add_test(fw, test_bios_file_64k);
    tcase_add_test(fw, test_bios_errors);
    tcase_add_test(fw, test_bios_image_size_rule);
    tcase_add_test(fw, test_find_file);
    tcase_add_test(fw, test_unassigned_io_ops);
    suite_add_tcase(s, fw);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(devices_misc_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
