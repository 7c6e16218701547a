/*
 * -d in_asm output (cpu/disas.c) against QEMU 7.2.
 *
 * tests/unit/data/disas-rom.bin (built from disas-rom.asm) was run as
 *   qemu-system-i386 -M pc -nodefaults -display none -bios disas-rom.bin \
 *       [-singlestep] -d in_asm -D LOG
 * giving disas-rom-singlestep.log (one instruction per block) and
 * disas-rom.log (QEMU's own blocks, including one longer than 1 KiB).
 * Every block of both logs is fed back through x86_log_in_asm from the ROM
 * bytes and must come out identical.  The other tests pin down the mode
 * switch, undecodable bytes, long instructions, the 1 KiB buffer quirk and
 * address formatting, with expectations taken from those logs or from
 * QEMU's disas/capstone.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "cpu/disas.h"

#define SEP "----------------\n"

/* ---- helpers ------------------------------------------------------------- */

/* tests/unit/data/NAME, from the source tree or next to the test binary. */
static char *load_data(const char *name, size_t *len)
{
    char *srcdir = g_path_get_dirname(__FILE__);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *exedir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    char *paths[] = {
        g_build_filename("tests", "unit", "data", name, NULL),
        g_build_filename(srcdir, "data", name, NULL),
        g_build_filename(exedir, "..", "..", "tests", "unit", "data", name, NULL),
        g_build_filename(exedir, "..", "..", "..", "tests", "unit", "data", name, NULL),
    };
    char *text = NULL;
    gsize n = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(paths); i++) {
        if (!text && !g_file_get_contents(paths[i], &text, &n, NULL)) {
            text = NULL;
        }
        g_free(paths[i]);
    }
    g_free(srcdir);
    g_free(exe);
    g_free(exedir);
    ck_assert_msg(text != NULL, "cannot read tests/unit/data/%s", name);
    *len = n;
    return text;
}

/* x86_log_in_asm's output as a string (g_free it). */
static char *log_block(uint64_t pc, const uint8_t *code, size_t size, int bits)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char *res;

    ck_assert_ptr_nonnull(f);
    x86_log_in_asm(f, pc, code, size, bits);
    fclose(f);
    res = g_strndup(buf, len);
    free(buf);
    return res;
}

static void assert_block(const char *expected, uint64_t pc, const uint8_t *code,
                         size_t size, int bits)
{
    char *out = log_block(pc, code, size, bits);
    int same = strcmp(out, expected) == 0;

    if (!same) {
        fprintf(stderr, "expected:\n%s\ngot:\n%s\n", expected, out);
    }
    g_free(out);
    ck_assert_msg(same, "in_asm output differs at pc 0x%llx",
                  (unsigned long long)pc);
}

/* Header, lines, blank line. */
static char *block_text(const char *lines)
{
    return g_strconcat(SEP "IN: \n", lines, "\n", NULL);
}

#define ASSERT_BLOCK(lines, pc, bits, ...) do {                               \
        static const uint8_t code_[] = { __VA_ARGS__ };                       \
        char *exp_ = block_text(lines);                                       \
        assert_block(exp_, pc, code_, sizeof(code_), bits);                   \
        g_free(exp_);                                                         \
    } while (0)

/* Number of " xx" byte fields right after "0x...: " on a log line. */
static size_t line_bytes(const char *line, uint64_t *addr)
{
    const char *p = strstr(line, ": ");
    size_t n = 0;

    ck_assert_msg(p && line[0] == '0' && line[1] == 'x', "bad line: %s", line);
    *addr = strtoull(line + 2, NULL, 16);
    p += 2;
    while (p[0] == ' ' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]) &&
           (p[3] == ' ' || p[3] == '\0')) {
        n++;
        p += 3;
    }
    return n;
}

/* Replay every block of a QEMU -d in_asm log of disas-rom.bin. */
static void replay_log(const char *logname, int *nblocks, int *nbig)
{
    size_t romlen, loglen;
    uint8_t *rom = (uint8_t *)load_data("disas-rom.bin", &romlen);
    char *log = load_data(logname, &loglen);
    char **blocks;
    GString *all = g_string_new(NULL);

    ck_assert_uint_eq(romlen, 0x10000);
    ck_assert_msg(g_str_has_prefix(log, SEP "IN: \n"), "%s: no block at start", logname);
    blocks = g_strsplit(log, SEP, -1);
    *nblocks = 0;
    *nbig = 0;
    for (char **b = blocks + 1; *b; b++) {
        char *text = g_strconcat(SEP, *b, NULL);
        char **lines = g_strsplit(*b, "\n", -1);
        uint64_t pc = 0, addr;
        size_t size = 0, off;
        int bits;

        ck_assert_str_eq(lines[0], "IN: ");
        ck_assert_msg(g_str_has_suffix(*b, "\n\n"), "block %s not closed", lines[1]);
        for (char **l = lines + 1; **l; l++) {
            size_t n = line_bytes(*l, &addr);
            if (l == lines + 1) {
                pc = addr;
            }
            size += n;
        }
        /* Addresses 0xf0000-0xfffff and 0xffff0000-0xffffffff are the ROM;
         * image offsets 0x8000-0xefff are the 32-bit code. */
        off = pc & 0xffff;
        ck_assert_msg((pc >= 0xf0000 && pc <= 0xfffff) || pc >= 0xffff0000,
                      "block at 0x%llx outside the ROM", (unsigned long long)pc);
        ck_assert_uint_le(off + size, romlen);
        bits = off >= 0x8000 && off < 0xf000 ? 32 : 16;
        assert_block(text, pc, rom + off, size, bits);
        if (size > 1024) {
            (*nbig)++;
        }
        (*nblocks)++;
        g_string_append(all, text);
        g_strfreev(lines);
        g_free(text);
    }
    /* the blocks cover the whole log */
    ck_assert_msg(strcmp(all->str, log) == 0, "%s not made of blocks only", logname);
    g_string_free(all, TRUE);
    g_strfreev(blocks);
    g_free(log);
    g_free(rom);
}

/* ---- against QEMU's logs ------------------------------------------------- */

START_TEST(test_qemu_singlestep)
{
    int n, big;

    replay_log("disas-rom-singlestep.log", &n, &big);
    ck_assert_int_gt(n, 600);
}
END_TEST

START_TEST(test_qemu_blocks)
{
    int n, big;

    replay_log("disas-rom.log", &n, &big);
    ck_assert_int_gt(n, 50);
    ck_assert_int_ge(big, 2);        /* the 1 KiB buffer quirk is covered */
}
END_TEST

/* ---- targeted cases ------------------------------------------------------ */

/* The reset vector, as QEMU prints it at 0xfffffff0. */
START_TEST(test_reset_vector)
{
    ASSERT_BLOCK("0xfffffff0:  ea 00 ff 00 f0           ljmpw    $0xf000:$0xff00\n",
                 0xfffffff0, 16, 0xea, 0x00, 0xff, 0x00, 0xf0);
}
END_TEST

/* The same bytes decode by CS.D, and handles for both modes coexist. */
START_TEST(test_mode_16_32)
{
    for (int i = 0; i < 3; i++) {
        ASSERT_BLOCK("0x000f0000:  66 b8 78 56 34 12        movl     $0x12345678, %eax\n"
                     "0x000f0006:  8b 07                    movw     (%bx), %ax\n",
                     0xf0000, 16, 0x66, 0xb8, 0x78, 0x56, 0x34, 0x12, 0x8b, 0x07);
        ASSERT_BLOCK("0x000f0000:  66 b8 78 56              movw     $0x5678, %ax\n"
                     "0x000f0004:  34 12                    xorb     $0x12, %al\n"
                     "0x000f0006:  8b 07                    movl     (%edi), %eax\n",
                     0xf0000, 32, 0x66, 0xb8, 0x78, 0x56, 0x34, 0x12, 0x8b, 0x07);
    }
    /* mnemonic without operands: "%-8s %s" leaves trailing blanks (QEMU's
     * log of disas-rom.bin has lretw at 0xf046a and lretl at 0xf8caf) */
    ASSERT_BLOCK("0x000f0000:  cb                       lretw    \n"
                 "0x000f0001:  66 cb                    lretl    \n",
                 0xf0000, 16, 0xcb, 0x66, 0xcb);
    ASSERT_BLOCK("0x000f0000:  cb                       lretl    \n"
                 "0x000f0001:  66 cb                    lretw    \n",
                 0xf0000, 32, 0xcb, 0x66, 0xcb);
}
END_TEST

/* SKIPDATA: what capstone cannot decode is ".byte 0xNN", one byte a line,
 * and decoding resumes at the next byte. */
START_TEST(test_undecodable)
{
    /* grp5 /7: QEMU's log of disas-rom.bin at 0xf0394 */
    ASSERT_BLOCK("0x000f0394:  ff                       .byte    0xff\n"
                 "0x000f0395:  ff                       .byte    0xff\n",
                 0xf0394, 16, 0xff, 0xff);
    /* an instruction cut short by the end of the block */
    ASSERT_BLOCK("0x00001000:  90                       nop      \n"
                 "0x00001001:  b8                       .byte    0xb8\n"
                 "0x00001002:  34                       .byte    0x34\n",
                 0x1000, 16, 0x90, 0xb8, 0x34);
    /* 16 bytes (QEMU stops there with #GP): capstone takes at most 15, so
     * the first prefix is data and the rest is a 15-byte nop */
    ASSERT_BLOCK("0x00001000:  26                       .byte    0x26\n"
                 "0x00001001:  26 26 26 26 26 26 26 26  nop      \n"
                 "0x00001009:  26 26 26 26 26 26 90\n",
                 0x1000, 32, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26,
                 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x90);
}
END_TEST

/* More than 8 bytes: continuation lines of up to 8 bytes, no padding. */
START_TEST(test_long_insn)
{
    /* from QEMU's log of disas-rom.bin */
    ASSERT_BLOCK("0x000f8c90:  c7 84 8b 00 20 00 00 44  movl     $0x11223344, 0x2000(%ebx, %ecx, 4)\n"
                 "0x000f8c98:  33 22 11\n",
                 0xf8c90, 32, 0xc7, 0x84, 0x8b, 0x00, 0x20, 0x00, 0x00, 0x44, 0x33, 0x22, 0x11);
    /* exactly 8 bytes: no continuation line (QEMU's log, both modes) */
    ASSERT_BLOCK("0x000f8112:  f3 0f 7f 05 20 30 00 00  movdqu   %xmm0, 0x3020\n",
                 0xf8112, 32, 0xf3, 0x0f, 0x7f, 0x05, 0x20, 0x30, 0x00, 0x00);
    ASSERT_BLOCK("0x000f045b:  66 ea 00 80 0f 00 08 00  ljmpl    $0x8:$0xf8000\n",
                 0xf045b, 16, 0x66, 0xea, 0x00, 0x80, 0x0f, 0x00, 0x08, 0x00);
    /* 15 bytes (QEMU's log) */
    ASSERT_BLOCK("0x000f0230:  3e 26 66 67 c7 84 c8 00  movl     $0x9abcdef0, %es:0x700(%eax, %ecx, 8)\n"
                 "0x000f0238:  07 00 00 f0 de bc 9a\n",
                 0xf0230, 16, 0x3e, 0x26, 0x66, 0x67, 0xc7, 0x84, 0xc8, 0x00,
                 0x07, 0x00, 0x00, 0xf0, 0xde, 0xbc, 0x9a);
}
END_TEST

/* QEMU reads the block through a 1 KiB buffer and disassembles each
 * buffer-full on its own: an instruction across a 1 KiB boundary of the
 * block becomes .byte lines and decoding restarts at the boundary. */
START_TEST(test_chunk_boundary)
{
    uint8_t code[2048 + 3];
    char *out;
    const char *p;

    memset(code, 0x90, sizeof(code));
    code[1023] = 0xb8;      /* movw $0x1234, %ax across offset 1024 */
    code[1024] = 0x34;
    code[1025] = 0x12;
    code[2047] = 0x66;      /* the next boundary splits a prefix from its nop */
    code[2048] = 0x90;
    out = log_block(0x10000, code, sizeof(code), 16);
    ck_assert_ptr_nonnull(strstr(out, "0x000103fe:  90                       nop      \n"
                                      "0x000103ff:  b8                       .byte    0xb8\n"
                                      "0x00010400:  34 12                    xorb     $0x12, %al\n"
                                      "0x00010402:  90                       nop      \n"));
    ck_assert_ptr_nonnull(strstr(out, "0x000107ff:  66                       .byte    0x66\n"
                                      "0x00010800:  90                       nop      \n"
                                      "0x00010801:  90                       nop      \n"
                                      "0x00010802:  90                       nop      \n"
                                      "\n"));
    /* one line per byte except the xorb */
    p = out;
    int lines = 0;
    while ((p = strchr(p, '\n')) != NULL) {
        lines++;
        p++;
    }
    ck_assert_int_eq(lines, 2 + (int)sizeof(code) - 1 + 1);
    g_free(out);

    /* the same instruction inside one buffer-full decodes normally */
    out = log_block(0x10000, code + 2, 1024, 16);
    ck_assert_ptr_nonnull(strstr(out, "0x000103fd:  b8 34 12                 movw     $0x1234, %ax\n"));
    g_free(out);
}
END_TEST

/* Addresses: at least 8 digits; pc is a 32-bit target address, later
 * instructions are not wrapped; an empty block has no lines. */
START_TEST(test_addresses)
{
    ASSERT_BLOCK("0x00000000:  90                       nop      \n",
                 0, 16, 0x90);
    ASSERT_BLOCK("0xfffffffe:  90                       nop      \n"
                 "0xffffffff:  90                       nop      \n"
                 "0x100000000:  90                       nop      \n",
                 0x1fffffffeULL, 32, 0x90, 0x90, 0x90);
    ASSERT_BLOCK("0xfffffffc:  c7 05 00 20 00 00 44 33  movl     $0x11223344, 0x2000\n"
                 "0x100000004:  22 11\n",
                 0xfffffffc, 32, 0xc7, 0x05, 0x00, 0x20, 0x00, 0x00, 0x44, 0x33, 0x22, 0x11);

    char *out = log_block(0x1234, NULL, 0, 16);
    ck_assert_str_eq(out, SEP "IN: \n\n");
    g_free(out);
}
END_TEST

/* With a symbol: QEMU's log of a multiboot ELF (-kernel) whose _start is
 * an STT_FUNC symbol at 0x10000c. */
START_TEST(test_symbol)
{
    static const uint8_t code[] = { 0xb8, 0x01, 0x00, 0x00, 0x00, 0xe8, 0x00, 0x00, 0x00, 0x00 };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    x86_log_in_asm_sym(f, "_start", 0x10000c, code, sizeof(code), 32);
    x86_log_in_asm_sym(f, NULL, 0x100016, (const uint8_t *)"\xfa\xf4", 2, 32);
    x86_disas_block(f, 0x100016, (const uint8_t *)"\xfa\xf4", 2, 32);
    fclose(f);
    ck_assert_str_eq(buf,
        SEP
        "IN: _start\n"
        "0x0010000c:  b8 01 00 00 00           movl     $1, %eax\n"
        "0x00100011:  e8 00 00 00 00           calll    0x100016\n"
        "\n"
        SEP
        "IN: \n"
        "0x00100016:  fa                       cli      \n"
        "0x00100017:  f4                       hlt      \n"
        "\n"
        "0x00100016:  fa                       cli      \n"
        "0x00100017:  f4                       hlt      \n");
    free(buf);
}
END_TEST

static Suite *disas_suite(void)
{
    Suite *s = suite_create("disas");
    TCase *tc = tcase_create("disas");

    tcase_add_test(tc, test_qemu_singlestep);
    tcase_add_test(tc, test_qemu_blocks);
    tcase_add_test(tc, test_reset_vector);
    tcase_add_test(tc, test_mode_16_32);
    tcase_add_test(tc, test_undecodable);
    tcase_add_test(tc, test_long_insn);
    tcase_add_test(tc, test_chunk_boundary);
    tcase_add_test(tc, test_addresses);
    tcase_add_test(tc, test_symbol);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(disas_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
