/*
 * The multiboot loader (hw/i386/multiboot.c): header detection, the ELF
 * and a.out-kludge images, the buffer layout (kernel, module descriptors,
 * command lines, boot loader name, modules, each part page-aligned as
 * QEMU 7.2 lays them out), the info structure, symbols, and QEMU's error
 * messages for malformed images.  Kernels are written to temporary files;
 * the ELF ones are built here byte by byte.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "hw/i386/multiboot.h"
#include "tests/unit/memtest.h"

#define MAGIC 0x1BADB002u

static char *tmpdir;

static void setup(void)
{
    tmpdir = g_dir_make_tmp("x86slice-mb-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
}

static void teardown(void)
{
    GDir *d = g_dir_open(tmpdir, 0, NULL);
    const char *n;

    while (d && (n = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(tmpdir, n, NULL);
        unlink(p);
        g_free(p);
    }
    if (d) {
        g_dir_close(d);
    }
    rmdir(tmpdir);
    g_free(tmpdir);
}

static void st32(uint8_t *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static void st16(uint8_t *p, uint16_t v)
{
    p[0] = v; p[1] = v >> 8;
}

static uint32_t ld32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* got equals want; want is freed */
static void str_eq_free(const char *got, char *want)
{
    ck_assert_str_eq(got, want);
    g_free(want);
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *p = g_build_filename(tmpdir, name, NULL);

    ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
    return p;
}

/* Load `path` the way the -kernel code does: the first 8 KiB, zero-filled. */
static int load(const char *path, const char *initrd, const char *cmdline,
                MultibootImage *img, char **err)
{
    uint8_t header[MULTIBOOT_HEADER_SCAN] = { 0 };
    gchar *data;
    gsize len;
    int r;

    ck_assert(g_file_get_contents(path, &data, &len, NULL));
    memcpy(header, data, MIN(len, sizeof(header)));
    g_free(data);
    r = multiboot_load(path, initrd, cmdline, header, len, img, err);
    return r;
}

/* An a.out-kludge image: header at `at`, load_addr = 0x200000 - at. */
static uint8_t *aout_image(size_t size, uint32_t at, uint32_t flags)
{
    uint8_t *b = g_malloc0(size);

    st32(b + at, MAGIC);
    st32(b + at + 4, flags);
    st32(b + at + 8, -(MAGIC + flags));
    st32(b + at + 12, 0x200000);             /* header_addr */
    st32(b + at + 16, 0x200000 - at);        /* load_addr */
    st32(b + at + 20, 0);                    /* load_end: the whole file */
    st32(b + at + 24, 0x200000 - at + 0x3000); /* bss_end */
    st32(b + at + 28, 0x200000 + 0x40);      /* entry */
    for (size_t i = at + 32; i < size; i++) {
        b[i] = (uint8_t)i;
    }
    return b;
}

START_TEST(test_not_multiboot)
{
    uint8_t b[100] = { 0 };
    char *p, *err = NULL;
    MultibootImage img;

    /* no magic; a magic with a bad checksum */
    p = write_file("plain", b, sizeof(b));
    ck_assert_int_eq(load(p, NULL, "", &img, &err), 0);
    st32(b + 8, MAGIC);
    st32(b + 12, 0x10000);
    st32(b + 16, 0);
    g_free(p);
    p = write_file("badsum", b, sizeof(b));
    ck_assert_int_eq(load(p, NULL, "", &img, &err), 0);
    ck_assert_ptr_null(err);
    g_free(p);
}
END_TEST

START_TEST(test_aout_layout)
{
    uint8_t *b = aout_image(0x1800, 0x100, 0x00010003);
    char *k = write_file("k.bin", b, 0x1800);
    char *m1 = write_file("m1", "abc", 3);
    char *initrd = g_strdup_printf("%s x y,%s", m1, m1);
    char *err = NULL;
    MultibootImage img;
    uint32_t mods, cmd;

    ck_assert_int_eq(load(k, initrd, "hello", &img, &err), 1);
    ck_assert_uint_eq(img.load_addr, 0x200000 - 0x100);
    ck_assert_uint_eq(img.entry, 0x200040);
    /* the file from its start (header 0x100 in = load_addr + 0x100) */
    ck_assert_mem_eq(img.buf, b, 0x1800);
    /* bss zeroed up to bss_end (0x3000), then page-aligned info area */
    for (uint32_t i = 0x1800; i < 0x3000; i++) {
        ck_assert_uint_eq(img.buf[i], 0);
    }
    mods = ld32(img.info + 24);
    ck_assert_uint_eq(mods, img.load_addr + 0x3000);
    ck_assert_uint_eq(ld32(img.info + 20), 2);
    ck_assert_uint_eq(ld32(img.info + 0), 0x24f);
    ck_assert_uint_eq(ld32(img.info + 12), 0x8000ffff);
    ck_assert_uint_eq(ld32(img.info + 48), 0x9000);
    /* module 0 after the info page, page-aligned; module 1 after it */
    ck_assert_uint_eq(ld32(img.buf + 0x3000), img.load_addr + 0x4000);
    ck_assert_uint_eq(ld32(img.buf + 0x3004), img.load_addr + 0x4003);
    ck_assert_uint_eq(ld32(img.buf + 0x3010), img.load_addr + 0x5000);
    ck_assert_mem_eq(img.buf + 0x4000, "abc", 3);
    ck_assert_uint_eq(img.buf_size, 0x6000);
    /* command lines: module strings first, then the kernel's */
    str_eq_free((char *)img.buf + ld32(img.buf + 0x3008) - img.load_addr,
                g_strdup_printf("%s x y", m1));
    cmd = ld32(img.info + 16) - img.load_addr;
    str_eq_free((char *)img.buf + cmd, g_strdup_printf("%s hello", k));
    ck_assert_str_eq((char *)img.buf + ld32(img.info + 64) - img.load_addr, "qemu");
    multiboot_image_free(&img);
    g_free(b); g_free(k); g_free(m1); g_free(initrd);
}
END_TEST

/* QEMU's checks of the address fields, with its messages. */
START_TEST(test_aout_errors)
{
    static const struct { int field; uint32_t value; const char *msg; } cases[] = {
        { 12, 0x1ff000, "invalid load_addr address" },           /* header < load */
        { 16, 0x1f0000, "invalid header_addr address" },         /* header - load > offset */
        { 20, 0x100000, "invalid load_end_addr address" },
        { 24, 0x1fff00, "invalid bss_end_addr address" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint8_t *b = aout_image(0x1000, 0x100, 0x00010000);
        char *k, *err = NULL;
        MultibootImage img;

        st32(b + 0x100 + cases[i].field, cases[i].value);
        k = write_file("bad.bin", b, 0x1000);
        ck_assert_int_eq(load(k, NULL, "", &img, &err), -1);
        ck_assert_str_eq(err, cases[i].msg);
        g_free(err); g_free(k); g_free(b);
    }
}
END_TEST

START_TEST(test_missing_module)
{
    uint8_t *b = aout_image(0x1000, 0x100, 0x00010000);
    char *k = write_file("k.bin", b, 0x1000), *err = NULL;
    MultibootImage img;

    ck_assert_int_eq(load(k, "/nonexistent/mod arg", "", &img, &err), -1);
    ck_assert_str_eq(err, "Failed to open file '/nonexistent/mod'");
    g_free(err); g_free(k); g_free(b);
}
END_TEST

/* A minimal ELF32: header, n program headers, segments, a symtab. */
static uint8_t *elf_image(size_t *len, uint16_t machine, uint8_t cls)
{
    uint8_t *b = g_malloc0(0x3000);

    memcpy(b, "\x7f" "ELF", 4);
    b[4] = cls;                                 /* EI_CLASS */
    b[5] = 1;                                   /* little-endian */
    b[6] = 1;
    st16(b + 16, 2);                            /* ET_EXEC */
    st16(b + 18, machine);
    st32(b + 20, 1);
    st32(b + 24, 0x00300010);                   /* e_entry */
    st32(b + 28, 52);                           /* e_phoff */
    st16(b + 40, 52);                           /* e_ehsize */
    st16(b + 42, 32);                           /* e_phentsize */
    st16(b + 44, 2);                            /* e_phnum */
    /* PT_LOAD 0x1000 bytes of file at 0x300000, memsz 0x1800 */
    st32(b + 52, 1); st32(b + 56, 0x1000); st32(b + 60, 0x300000);
    st32(b + 64, 0x300000); st32(b + 68, 0x1000); st32(b + 72, 0x1800); st32(b + 76, 5);
    /* PT_LOAD 0x100 bytes at 0x302000 */
    st32(b + 84, 1); st32(b + 88, 0x2000); st32(b + 92, 0x302000);
    st32(b + 96, 0x302000); st32(b + 100, 0x100); st32(b + 104, 0x100); st32(b + 108, 6);
    /* the multiboot header inside the first segment (file offset 0x1000) */
    st32(b + 0x1000, MAGIC);
    st32(b + 0x1004, 0);
    st32(b + 0x1008, -MAGIC);
    memset(b + 0x1010, 0x90, 0x10);
    memset(b + 0x2000, 0xaa, 0x100);
    *len = 0x2100;
    return b;
}

START_TEST(test_elf)
{
    size_t len;
    uint8_t *b = elf_image(&len, 3 /* EM_386 */, 1);
    char *k = write_file("k.elf", b, len), *err = NULL;
    MultibootImage img;

    ck_assert_int_eq(load(k, NULL, "", &img, &err), 1);
    ck_assert_uint_eq(img.load_addr, 0x300000);
    ck_assert_uint_eq(img.entry, 0x300010);
    ck_assert_uint_eq(img.nr_segments, 2);
    ck_assert_uint_eq(img.segments[0].size, 0x1800);
    ck_assert_mem_eq(img.buf, b + 0x1000, 0x1000);
    ck_assert_uint_eq(img.buf[0x17ff], 0);      /* memsz beyond filesz */
    ck_assert_uint_eq(img.buf[0x2000], 0xaa);
    /* kernel 0x2100 -> info at 0x3000; "<path> " + "qemu" fit one page */
    ck_assert_uint_eq(ld32(img.info + 24), 0x303000);
    ck_assert_uint_eq(img.buf_size, 0x4000);
    str_eq_free((char *)img.buf + ld32(img.info + 16) - 0x300000,
                g_strdup_printf("%s ", k));
    multiboot_image_free(&img);
    g_free(k); g_free(b);
}
END_TEST

START_TEST(test_elf_errors)
{
    size_t len;
    uint8_t *b;
    char *k, *err = NULL;
    MultibootImage img;

    b = elf_image(&len, 62 /* EM_X86_64 */, 2);
    memcpy(b + 0x80, b + 0x1000, 12);           /* a header the scan finds first */
    k = write_file("k64.elf", b, len);
    ck_assert_int_eq(load(k, NULL, "", &img, &err), -1);
    ck_assert_str_eq(err, "Cannot load x86-64 image, give a 32bit one.");
    g_free(err); g_free(k); g_free(b);

    b = elf_image(&len, 40 /* EM_ARM */, 1);
    k = write_file("karm.elf", b, len);
    ck_assert_int_eq(load(k, NULL, "", &img, &err), -1);
    ck_assert_str_eq(err, "Error while loading elf kernel");
    g_free(err); g_free(k); g_free(b);

    /* a segment reaching beyond the end of the file */
    b = elf_image(&len, 3, 1);
    k = write_file("short.elf", b, 0x2080);
    ck_assert_int_eq(load(k, NULL, "", &img, &err), -1);
    ck_assert_str_eq(err, "Error while loading elf kernel");
    g_free(err); g_free(k); g_free(b);

    /* not ELF at all, but a multiboot header without the address flag */
    b = g_malloc0(64);
    st32(b + 4, MAGIC); st32(b + 8, 0); st32(b + 12, -MAGIC);
    k = write_file("notelf", b, 64);
    ck_assert_int_eq(load(k, NULL, "", &img, &err), -1);
    ck_assert_str_eq(err, "Error while loading elf kernel");
    g_free(err); g_free(k); g_free(b);
}
END_TEST

/* Random bytes after a valid a.out header never crash the loader. */
START_TEST(test_fuzz)
{
    GRand *r = g_rand_new_with_seed(4);

    for (int n = 0; n < 200; n++) {
        size_t size = 64 + g_rand_int_range(r, 0, 0x3000);
        uint8_t *b = g_malloc(size);
        char *k, *err = NULL;
        MultibootImage img;
        int at = g_rand_int_range(r, 0, (int)MIN(size - 32, 0x1000)) & ~3;
        uint32_t flags = g_rand_int(r) & 0x00010007;

        for (size_t i = 0; i < size; i++) {
            b[i] = (uint8_t)g_rand_int(r);
        }
        if (n & 1) {
            memcpy(b, "\x7f" "ELF\x01\x01\x01", 7);
            st16(b + 18, 3);
        }
        st32(b + at, MAGIC);
        st32(b + at + 4, flags);
        st32(b + at + 8, -(MAGIC + flags));
        if (flags & 0x10000) {
            /* keep the image small: load/bss within 64 KiB */
            st32(b + at + 12, 0x100000 + at);
            st32(b + at + 16, 0x100000 + (g_rand_int(r) % (at + 1)));
            st32(b + at + 20, (n & 2) ? 0 : 0x100000 + g_rand_int_range(r, 0, 0x10000));
            st32(b + at + 24, (n & 4) ? 0 : 0x100000 + g_rand_int_range(r, 0, 0x10000));
        }
        k = write_file("fuzz", b, size);
        if (load(k, NULL, "x", &img, &err) == 1) {
            multiboot_image_free(&img);
        }
        g_free(err); g_free(k); g_free(b);
    }
    g_rand_free(r);
}
END_TEST

static Suite *multiboot_suite(void)
{
    Suite *s = suite_create("multiboot");
    TCase *t = tcase_create("load");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_not_multiboot);
    tcase_add_test(t, test_aout_layout);
    tcase_add_test(t, test_aout_errors);
    tcase_add_test(t, test_missing_module);
    tcase_add_test(t, test_elf);
    tcase_add_test(t, test_elf_errors);
    tcase_add_test(t, test_fuzz);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return memtest_run_suite(multiboot_suite());
}
