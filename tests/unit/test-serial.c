/*
 * The 16550A UART (hw/char/serial.c; QEMU 7.2's hw/char/serial.c and
 * serial-isa.c), driven through its I/O region as a guest drives it.
 *
 * The "session" tests replay transcripts recorded from QEMU 7.2
 * (Debian's qemu-system-i386 7.2+dfsg) on the reference machine with
 * `-qtest stdio -serial file:OUT -trace 'serial_*' -S`: each line is a
 * qtest command and QEMU's answer (IRQ lines from `irq_intercept_in
 * ioapic` first), and the trace log is QEMU's, byte for byte.  The other
 * tests cover what qtest could not drive there (input from the chardev
 * side, the character timeout on a stepped virtual clock, reset).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "hw/char/serial.h"
#include "hw/core/irq.h"
#include "softmmu/chardev.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "softmmu/trace.h"
#include "memtest.h"

#define COM1 0x3f8
#define RBR (COM1 + 0)
#define IER (COM1 + 1)
#define IIR (COM1 + 2)
#define FCR (COM1 + 2)
#define LCR (COM1 + 3)
#define MCR (COM1 + 4)
#define LSR (COM1 + 5)
#define MSR (COM1 + 6)
#define SCR (COM1 + 7)

/* Frame times: QEMU's reset value, and what serial_update_parameters
 * computes in float for 115200 8N1 (divisor 1). */
#define CTT_RESET   1041660
#define CTT_115200  86805

/* ---- fixture ------------------------------------------------------------ */

static SerialState *ser;
static MemoryRegion *io_root;
static AddressSpace *io_as;
static qemu_irq irq4;
static int irq_level, irq_calls;
static GString *session_out;    /* "IRQ raise 4; " lines while a session runs */
static char *tmpdir, *out_path;

static void irq_handler(void *opaque, int n, int level)
{
    (void)opaque;
    irq_calls++;
    if (session_out && level != irq_level) {
        g_string_append_printf(session_out, "IRQ %s %d; ", level ? "raise" : "lower", n);
    }
    irq_level = level;
}

static void setup(void)
{
    ChardevOptions o = { .id = "ser0", .backend = "file" };
    char *err = NULL;
    Chardev *chr;

    memtest_setup();
    qemu_clock_set_manual(true);
    tmpdir = g_dir_make_tmp("x86slice-serial-XXXXXX", NULL);
    ck_assert_ptr_nonnull(tmpdir);
    out_path = g_build_filename(tmpdir, "out", NULL);
    o.path = out_path;
    chr = qemu_chr_new_from_opts(&o, &err);
    ck_assert_msg(chr != NULL, "%s", err);
    ck_assert(qemu_chr_fe_init(chr, &err));

    irq_level = 0;
    irq_calls = 0;
    irq4 = qemu_allocate_irq(irq_handler, NULL, 4);
    io_root = memtest_container("io", 0x10000);
    ser = serial_new(chr, irq4);
    serial_isa_map(ser, io_root, serial_isa_io[0], NULL);
    io_as = memtest_as(io_root, "I/O");
}

static void teardown(void)
{
    char *p;

    serial_free(ser);
    ser = NULL;
    qemu_free_irq(irq4);
    irq4 = NULL;
    if (session_out) {
        g_string_free(session_out, true);
        session_out = NULL;
    }
    memtest_log_end();
    trace_disable_all();
    memtest_teardown();
    qemu_chr_cleanup();
    qemu_clock_set_manual(false);
    g_unlink(out_path);
    p = out_path;
    out_path = NULL;
    g_free(p);
    g_rmdir(tmpdir);
    g_free(tmpdir);
    tmpdir = NULL;
}

/* ---- port access (qtest's cpu_outb/inb: address_space_write/read) ------- */

static void out_n(hwaddr port, uint32_t val, unsigned size)
{
    uint8_t buf[4] = { val, val >> 8, val >> 16, val >> 24 };

    ck_assert_uint_eq(address_space_write(io_as, port, UNSPEC, buf, size), MEMTX_OK);
}

static uint32_t in_n(hwaddr port, unsigned size)
{
    uint8_t buf[4] = { 0 };

    ck_assert_uint_eq(address_space_read(io_as, port, UNSPEC, buf, size), MEMTX_OK);
    return buf[0] | buf[1] << 8 | buf[2] << 16 | (uint32_t)buf[3] << 24;
}

static void outb(hwaddr port, uint8_t val)
{
    out_n(port, val, 1);
}

static uint8_t inb(hwaddr port)
{
    return in_n(port, 1);
}

static char *out_text(size_t *len)
{
    char *text = NULL;

    ck_assert(g_file_get_contents(out_path, &text, len, NULL));
    return memtest_gc(text);
}

static void assert_output(const char *expected, size_t len)
{
    size_t got_len;
    char *got = out_text(&got_len);

    ck_assert_uint_eq(got_len, len);
    ck_assert(memcmp(got, expected, len) == 0);
}

/* ---- qtest session replay -------------------------------------------------- */

static unsigned size_of(const char *cmd)
{
    char c = cmd[strlen(cmd) - 1];

    return c == 'b' ? 1 : c == 'w' ? 2 : 4;
}

/* One qtest command; its answer goes to session_out. */
static void session_command(const char *line)
{
    gchar **w = g_strsplit(line, " ", -1);

    if (g_str_equal(w[0], "irq_intercept_in")) {
        g_string_append(session_out, "OK");
    } else if (g_str_has_prefix(w[0], "out")) {
        out_n(strtoul(w[1], NULL, 0), strtoul(w[2], NULL, 0), size_of(w[0]));
        g_string_append(session_out, "OK");
    } else if (g_str_has_prefix(w[0], "in")) {
        uint32_t v = in_n(strtoul(w[1], NULL, 0), size_of(w[0]));
        g_string_append_printf(session_out, "OK 0x%04x", v);
    } else {
        ck_abort_msg("unknown session command '%s'", line);
    }
    g_strfreev(w);
}

/* Replay "COMMAND => ANSWER" lines, with the serial_* trace events on,
 * and compare the answers line by line and the trace log as a whole. */
static void run_session(const char *session, const char *trace)
{
    gchar **lines = g_strsplit(session, "\n", -1);

    memtest_log_begin(0);
    ck_assert_int_eq(trace_enable_events("serial_*"), 3);
    session_out = g_string_new(NULL);
    for (int i = 0; lines[i] && *lines[i]; i++) {
        char *sep = strstr(lines[i], " => ");

        ck_assert_ptr_nonnull(sep);
        *sep = 0;
        g_string_truncate(session_out, 0);
        session_command(lines[i]);
        ck_assert_msg(g_str_equal(session_out->str, sep + 4),
                      "line %d '%s': got '%s', QEMU 7.2 says '%s'",
                      i + 1, lines[i], session_out->str, sep + 4);
    }
    g_strfreev(lines);
    trace_disable_all();
    assert_log(trace);
}

/* ---- transcripts recorded from QEMU 7.2 ------------------------------------ */

static const char session1[] =
    "irq_intercept_in ioapic => OK\n"
    "inb 0x3f8 => OK 0x0000\n"
    "inb 0x3f9 => OK 0x0000\n"
    "inb 0x3fa => OK 0x0001\n"
    "inb 0x3fb => OK 0x0000\n"
    "inb 0x3fc => OK 0x0008\n"
    "inb 0x3fd => OK 0x0060\n"
    "inb 0x3fe => OK 0x00b0\n"
    "inb 0x3ff => OK 0x0000\n"
    "outb 0x3fb 0x80 => OK\n"
    "inb 0x3f8 => OK 0x000c\n"
    "inb 0x3f9 => OK 0x0000\n"
    "outb 0x3f8 0x03 => OK\n"
    "outb 0x3f9 0x00 => OK\n"
    "outb 0x3fb 0x1b => OK\n"
    "outb 0x3fb 0x0f => OK\n"
    "outb 0x3f8 0x00 => OK\n"
    "outb 0x3f9 0x00 => OK\n"
    "outb 0x3fb 0x03 => OK\n"
    "outb 0x3f9 0x02 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f8 0x41 => IRQ raise 4; OK\n"
    "inb 0x3fd => OK 0x0060\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "inw 0x3fc => OK 0x6008\n"
    "inl 0x3f8 => OK 0x3010200\n";

static const char trace1[] =
    "serial_read read addr 0x00 val 0x00\n"
    "serial_read read addr 0x01 val 0x00\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_read read addr 0x03 val 0x00\n"
    "serial_read read addr 0x04 val 0x08\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_read read addr 0x06 val 0xb0\n"
    "serial_read read addr 0x07 val 0x00\n"
    "serial_write write addr 0x03 val 0x80\n"
    "serial_update_parameters baudrate=9600 parity='N' data=5 stop=1\n"
    "serial_read read addr 0x00 val 0x0c\n"
    "serial_read read addr 0x01 val 0x00\n"
    "serial_write write addr 0x00 val 0x03\n"
    "serial_update_parameters baudrate=38400 parity='N' data=5 stop=1\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_update_parameters baudrate=38400 parity='N' data=5 stop=1\n"
    "serial_write write addr 0x03 val 0x1b\n"
    "serial_update_parameters baudrate=38400 parity='E' data=8 stop=1\n"
    "serial_write write addr 0x03 val 0x0f\n"
    "serial_update_parameters baudrate=38400 parity='O' data=8 stop=2\n"
    "serial_write write addr 0x00 val 0x00\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_write write addr 0x03 val 0x03\n"
    "serial_update_parameters baudrate=38400 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x01 val 0x02\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x00 val 0x41\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_read read addr 0x04 val 0x08\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_read read addr 0x00 val 0x00\n"
    "serial_read read addr 0x01 val 0x02\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_read read addr 0x03 val 0x03\n";

static const char session2[] =
    "irq_intercept_in ioapic => OK\n"
    "outb 0x3fc 0x1f => OK\n"
    "inb 0x3fe => OK 0x00f0\n"
    "outb 0x3fc 0x12 => OK\n"
    "inb 0x3fe => OK 0x0010\n"
    "outb 0x3fc 0x15 => OK\n"
    "inb 0x3fe => OK 0x0060\n"
    "outb 0x3fc 0x18 => OK\n"
    "inb 0x3fe => OK 0x0080\n"
    "outb 0x3f9 0x01 => OK\n"
    "outb 0x3f8 0x55 => IRQ raise 4; OK\n"
    "inb 0x3fd => OK 0x0061\n"
    "inb 0x3fa => OK 0x0004\n"
    "inb 0x3f8 => IRQ lower 4; OK 0x0055\n"
    "inb 0x3fa => OK 0x0001\n"
    "inb 0x3fd => OK 0x0060\n"
    "outb 0x3f8 0x01 => IRQ raise 4; OK\n"
    "outb 0x3f8 0x02 => OK\n"
    "outb 0x3f9 0x05 => OK\n"
    "inb 0x3fa => OK 0x0006\n"
    "inb 0x3fd => OK 0x0063\n"
    "inb 0x3fa => OK 0x0004\n"
    "inb 0x3fd => OK 0x0061\n"
    "inb 0x3f8 => IRQ lower 4; OK 0x0002\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f9 0x07 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f9 0x00 => OK\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f9 0x02 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "outb 0x3fc 0x08 => OK\n"
    "outb 0x3f8 0x33 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "inb 0x3fe => OK 0x00b0\n";

static const char trace2[] =
    "serial_write write addr 0x04 val 0x1f\n"
    "serial_read read addr 0x06 val 0xf0\n"
    "serial_write write addr 0x04 val 0x12\n"
    "serial_read read addr 0x06 val 0x10\n"
    "serial_write write addr 0x04 val 0x15\n"
    "serial_read read addr 0x06 val 0x60\n"
    "serial_write write addr 0x04 val 0x18\n"
    "serial_read read addr 0x06 val 0x80\n"
    "serial_write write addr 0x01 val 0x01\n"
    "serial_write write addr 0x00 val 0x55\n"
    "serial_read read addr 0x05 val 0x61\n"
    "serial_read read addr 0x02 val 0x04\n"
    "serial_read read addr 0x00 val 0x55\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_write write addr 0x00 val 0x01\n"
    "serial_write write addr 0x00 val 0x02\n"
    "serial_write write addr 0x01 val 0x05\n"
    "serial_read read addr 0x02 val 0x06\n"
    "serial_read read addr 0x05 val 0x63\n"
    "serial_read read addr 0x02 val 0x04\n"
    "serial_read read addr 0x05 val 0x61\n"
    "serial_read read addr 0x00 val 0x02\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x01 val 0x07\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x01 val 0x02\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_write write addr 0x04 val 0x08\n"
    "serial_write write addr 0x00 val 0x33\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_read read addr 0x06 val 0xb0\n";

static const char session3[] =
    "irq_intercept_in ioapic => OK\n"
    "outb 0x3fc 0x10 => OK\n"
    "outb 0x3fa 0xc7 => OK\n"
    "inb 0x3fa => OK 0x00c1\n"
    "outb 0x3f9 0x01 => OK\n"
    "outb 0x3f8 0x41 => OK\n"
    "outb 0x3f8 0x42 => OK\n"
    "outb 0x3f8 0x43 => OK\n"
    "outb 0x3f8 0x44 => OK\n"
    "outb 0x3f8 0x45 => OK\n"
    "outb 0x3f8 0x46 => OK\n"
    "outb 0x3f8 0x47 => OK\n"
    "outb 0x3f8 0x48 => OK\n"
    "outb 0x3f8 0x49 => OK\n"
    "outb 0x3f8 0x4a => OK\n"
    "outb 0x3f8 0x4b => OK\n"
    "outb 0x3f8 0x4c => OK\n"
    "outb 0x3f8 0x4d => OK\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fd => OK 0x0061\n"
    "outb 0x3f8 0x4e => IRQ raise 4; OK\n"
    "inb 0x3fa => OK 0x00c4\n"
    "inb 0x3f8 => IRQ lower 4; OK 0x0041\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fa => OK 0x00c1\n"
    "outb 0x3f8 0x61 => IRQ raise 4; OK\n"
    "outb 0x3f8 0x62 => OK\n"
    "outb 0x3f8 0x63 => OK\n"
    "outb 0x3f8 0x64 => OK\n"
    "outb 0x3f8 0x65 => OK\n"
    "inb 0x3fd => OK 0x0063\n"
    "inb 0x3fd => OK 0x0061\n"
    "inb 0x3f8 => OK 0x0042\n"
    "inb 0x3fa => OK 0x00c4\n"
    "outb 0x3fa 0x43 => IRQ lower 4; OK\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fd => OK 0x0060\n"
    "outb 0x3f8 0x71 => OK\n"
    "outb 0x3f8 0x72 => OK\n"
    "outb 0x3f8 0x73 => OK\n"
    "inb 0x3fa => OK 0x00c1\n"
    "outb 0x3f8 0x74 => IRQ raise 4; OK\n"
    "inb 0x3fa => OK 0x00c4\n"
    "outb 0x3fa 0x00 => IRQ lower 4; OK\n"
    "inb 0x3fa => OK 0x0001\n"
    "inb 0x3fd => OK 0x0060\n"
    "outb 0x3fb 0x83 => OK\n"
    "outb 0x3f8 0x00 => OK\n"
    "outb 0x3f9 0x00 => OK\n"
    "outb 0x3f8 0x07 => OK\n"
    "outb 0x3fb 0x03 => OK\n";

static const char trace3[] =
    "serial_write write addr 0x04 val 0x10\n"
    "serial_write write addr 0x02 val 0xc7\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_write write addr 0x01 val 0x01\n"
    "serial_write write addr 0x00 val 0x41\n"
    "serial_write write addr 0x00 val 0x42\n"
    "serial_write write addr 0x00 val 0x43\n"
    "serial_write write addr 0x00 val 0x44\n"
    "serial_write write addr 0x00 val 0x45\n"
    "serial_write write addr 0x00 val 0x46\n"
    "serial_write write addr 0x00 val 0x47\n"
    "serial_write write addr 0x00 val 0x48\n"
    "serial_write write addr 0x00 val 0x49\n"
    "serial_write write addr 0x00 val 0x4a\n"
    "serial_write write addr 0x00 val 0x4b\n"
    "serial_write write addr 0x00 val 0x4c\n"
    "serial_write write addr 0x00 val 0x4d\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x05 val 0x61\n"
    "serial_write write addr 0x00 val 0x4e\n"
    "serial_read read addr 0x02 val 0xc4\n"
    "serial_read read addr 0x00 val 0x41\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_write write addr 0x00 val 0x61\n"
    "serial_write write addr 0x00 val 0x62\n"
    "serial_write write addr 0x00 val 0x63\n"
    "serial_write write addr 0x00 val 0x64\n"
    "serial_write write addr 0x00 val 0x65\n"
    "serial_read read addr 0x05 val 0x63\n"
    "serial_read read addr 0x05 val 0x61\n"
    "serial_read read addr 0x00 val 0x42\n"
    "serial_read read addr 0x02 val 0xc4\n"
    "serial_write write addr 0x02 val 0x43\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_write write addr 0x00 val 0x71\n"
    "serial_write write addr 0x00 val 0x72\n"
    "serial_write write addr 0x00 val 0x73\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_write write addr 0x00 val 0x74\n"
    "serial_read read addr 0x02 val 0xc4\n"
    "serial_write write addr 0x02 val 0x00\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_write write addr 0x03 val 0x83\n"
    "serial_update_parameters baudrate=9600 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x00 val 0x00\n"
    "serial_update_parameters baudrate=3500 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_update_parameters baudrate=3500 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x00 val 0x07\n"
    "serial_update_parameters baudrate=16457 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x03 val 0x03\n"
    "serial_update_parameters baudrate=16457 parity='N' data=8 stop=1\n";

static const char session4[] =
    "irq_intercept_in ioapic => OK\n"
    "outb 0x3ff 0xa5 => OK\n"
    "inb 0x3ff => OK 0x00a5\n"
    "outb 0x3fd 0x00 => OK\n"
    "outb 0x3fe 0x0f => OK\n"
    "inb 0x3fd => OK 0x0060\n"
    "inb 0x3fe => OK 0x00b0\n"
    "outb 0x3f9 0xff => IRQ raise 4; OK\n"
    "inb 0x3f9 => OK 0x000f\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f9 0x0d => OK\n"
    "inb 0x3fa => OK 0x0001\n"
    "outb 0x3f9 0x0f => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "outb 0x3fa 0x01 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x00c2\n"
    "inb 0x3fa => OK 0x00c1\n"
    "outb 0x3fa 0x05 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x00c2\n"
    "outb 0x3f9 0x00 => OK\n"
    "outb 0x3fc 0x10 => OK\n"
    "outb 0x3fa 0x07 => OK\n"
    "outb 0x3f9 0x01 => OK\n"
    "outb 0x3f8 0x31 => IRQ raise 4; OK\n"
    "inb 0x3fa => OK 0x00c4\n"
    "inb 0x3f8 => IRQ lower 4; OK 0x0031\n"
    "inb 0x3fa => OK 0x00c1\n"
    "inb 0x3fd => OK 0x0060\n"
    "inb 0x3f8 => OK 0x0000\n"
    "outb 0x3fa 0x87 => OK\n"
    "outb 0x3f8 0x32 => OK\n"
    "outb 0x3f8 0x33 => OK\n"
    "outb 0x3f8 0x34 => OK\n"
    "outb 0x3f8 0x35 => OK\n"
    "outb 0x3f8 0x36 => OK\n"
    "outb 0x3f8 0x37 => OK\n"
    "outb 0x3f8 0x38 => OK\n"
    "inb 0x3fa => OK 0x00c1\n"
    "outb 0x3f8 0x39 => IRQ raise 4; OK\n"
    "inb 0x3fa => OK 0x00c4\n"
    "outw 0x3f8 0x0242 => OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x00c2\n"
    "inl 0x3f8 => OK 0xc10232\n"
    "outb 0x3fc 0x00 => OK\n"
    "outw 0x3fb 0x0380 => OK\n"
    "inl 0x3f8 => OK 0x80c1000c\n"
    "outl 0x3f8 0x00030201 => OK\n"
    "inb 0x3fb => OK 0x0000\n"
    "inw 0x3f8 => OK 0x0200\n"
    "outb 0x3fb 0x03 => OK\n"
    "outb 0x3fa 0x00 => IRQ raise 4; OK\n"
    "inb 0x3fa => IRQ lower 4; OK 0x0002\n"
    "outb 0x3f9 0x00 => OK\n"
    "inb 0x3fa => OK 0x0001\n";

static const char trace4[] =
    "serial_write write addr 0x07 val 0xa5\n"
    "serial_read read addr 0x07 val 0xa5\n"
    "serial_write write addr 0x05 val 0x00\n"
    "serial_write write addr 0x06 val 0x0f\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_read read addr 0x06 val 0xb0\n"
    "serial_write write addr 0x01 val 0xff\n"
    "serial_read read addr 0x01 val 0x0f\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x01 val 0x0d\n"
    "serial_read read addr 0x02 val 0x01\n"
    "serial_write write addr 0x01 val 0x0f\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_write write addr 0x02 val 0x01\n"
    "serial_read read addr 0x02 val 0xc2\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_write write addr 0x02 val 0x05\n"
    "serial_read read addr 0x02 val 0xc2\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_write write addr 0x04 val 0x10\n"
    "serial_write write addr 0x02 val 0x07\n"
    "serial_write write addr 0x01 val 0x01\n"
    "serial_write write addr 0x00 val 0x31\n"
    "serial_read read addr 0x02 val 0xc4\n"
    "serial_read read addr 0x00 val 0x31\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x05 val 0x60\n"
    "serial_read read addr 0x00 val 0x00\n"
    "serial_write write addr 0x02 val 0x87\n"
    "serial_write write addr 0x00 val 0x32\n"
    "serial_write write addr 0x00 val 0x33\n"
    "serial_write write addr 0x00 val 0x34\n"
    "serial_write write addr 0x00 val 0x35\n"
    "serial_write write addr 0x00 val 0x36\n"
    "serial_write write addr 0x00 val 0x37\n"
    "serial_write write addr 0x00 val 0x38\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_write write addr 0x00 val 0x39\n"
    "serial_read read addr 0x02 val 0xc4\n"
    "serial_write write addr 0x00 val 0x42\n"
    "serial_write write addr 0x01 val 0x02\n"
    "serial_read read addr 0x02 val 0xc2\n"
    "serial_read read addr 0x00 val 0x32\n"
    "serial_read read addr 0x01 val 0x02\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x03 val 0x00\n"
    "serial_write write addr 0x04 val 0x00\n"
    "serial_write write addr 0x03 val 0x80\n"
    "serial_update_parameters baudrate=9600 parity='N' data=5 stop=1\n"
    "serial_write write addr 0x04 val 0x03\n"
    "serial_read read addr 0x00 val 0x0c\n"
    "serial_read read addr 0x01 val 0x00\n"
    "serial_read read addr 0x02 val 0xc1\n"
    "serial_read read addr 0x03 val 0x80\n"
    "serial_write write addr 0x00 val 0x01\n"
    "serial_update_parameters baudrate=115200 parity='N' data=5 stop=1\n"
    "serial_write write addr 0x01 val 0x02\n"
    "serial_update_parameters baudrate=224 parity='N' data=5 stop=1\n"
    "serial_write write addr 0x02 val 0x03\n"
    "serial_write write addr 0x03 val 0x00\n"
    "serial_update_parameters baudrate=224 parity='N' data=5 stop=1\n"
    "serial_read read addr 0x03 val 0x00\n"
    "serial_read read addr 0x00 val 0x00\n"
    "serial_read read addr 0x01 val 0x02\n"
    "serial_write write addr 0x03 val 0x03\n"
    "serial_update_parameters baudrate=224 parity='N' data=8 stop=1\n"
    "serial_write write addr 0x02 val 0x00\n"
    "serial_read read addr 0x02 val 0x02\n"
    "serial_write write addr 0x01 val 0x00\n"
    "serial_read read addr 0x02 val 0x01\n";


/* ---- session tests ----------------------------------------------------------- */

/* Reset values of all eight registers, DLAB and the divisor latch, LCR
 * parameters in serial_update_parameters, THR to the chardev, the THRI
 * latch cleared by an IIR read and set again by the THR write. */
START_TEST(test_session_registers)
{
    run_session(session1, trace1);
    assert_output("\0A", 2);
}
END_TEST

/* Loopback: MSR from MCR, TX received as RX, overrun in non-FIFO mode,
 * RLSI above RDI, IER.THRI re-sampling LSR.THRE, no OUT2 gating. */
START_TEST(test_session_loopback)
{
    run_session(session2, trace2);
    assert_output("3", 1);
}
END_TEST

/* FIFO mode: the 14-byte trigger, RX overrun keeping the FIFO, RX clear,
 * the 4-byte trigger, FIFO disable, divisors 0 (3500 baud) and 7. */
START_TEST(test_session_fifo)
{
    run_session(session3, trace3);
    assert_output("", 0);
}
END_TEST

/* SCR, read-only LSR/MSR, IER's 4 bits, IIR's FIFO bits, XFR re-arming
 * THRI, the 1- and 8-byte triggers, word and dword accesses split into
 * byte accesses in address order. */
START_TEST(test_session_misc)
{
    run_session(session4, trace4);
    assert_output("", 0);
}
END_TEST

/* ---- reset, region, parameters --------------------------------------------------- */

static void assert_reset_registers(void)
{
    ck_assert_uint_eq(inb(RBR), 0x00);
    ck_assert_uint_eq(inb(IER), 0x00);
    ck_assert_uint_eq(inb(IIR), 0x01);
    ck_assert_uint_eq(inb(LCR), 0x00);
    ck_assert_uint_eq(inb(MCR), 0x08);      /* OUT2 */
    ck_assert_uint_eq(inb(LSR), 0x60);      /* THRE | TEMT */
    ck_assert_uint_eq(inb(MSR), 0xb0);      /* DCD | DSR | CTS */
    ck_assert_uint_eq(inb(SCR), 0x00);
    outb(LCR, 0x80);
    ck_assert_uint_eq(inb(RBR), 0x0c);      /* divisor 12: 9600 baud */
    ck_assert_uint_eq(inb(IER), 0x00);
    outb(LCR, 0x00);
}

START_TEST(test_reset_values)
{
    ck_assert_uint_eq(ser->char_transmit_time, CTT_RESET);
    assert_reset_registers();
    ck_assert_int_eq(irq_level, 0);

    outb(LCR, 0x80);
    outb(RBR, 0x01);
    outb(IER, 0x00);
    outb(LCR, 0x1f);
    outb(IER, 0x0f);
    outb(MCR, 0x1f);
    outb(SCR, 0x5a);
    outb(RBR, 0x99);                        /* loopback: DR */
    ck_assert_int_eq(irq_level, 1);
    serial_reset(ser);
    ck_assert_int_eq(irq_level, 0);
    ck_assert_uint_eq(ser->char_transmit_time, CTT_RESET);
    assert_reset_registers();
}
END_TEST

/* QEMU's serial_reset leaves FCR (and the trigger level) alone: after a
 * reset with FIFOs on, IIR shows no FIFO bits but input still queues. */
START_TEST(test_reset_keeps_fcr)
{
    static const uint8_t in[3] = { 'x', 'y', 'z' };

    outb(FCR, 0x41);                        /* FIFO on, trigger 4 */
    ck_assert_uint_eq(inb(IIR), 0xc1);
    serial_reset(ser);
    ck_assert_uint_eq(inb(IIR), 0x01);
    ck_assert_int_eq(serial_can_receive(ser), 4);
    serial_receive(ser, in, 3);
    ck_assert_uint_eq(inb(RBR), 'x');
    ck_assert_uint_eq(inb(RBR), 'y');
    ck_assert_uint_eq(inb(LSR), 0x61);
    ck_assert_uint_eq(inb(RBR), 'z');
    ck_assert_uint_eq(inb(LSR), 0x60);
}
END_TEST

START_TEST(test_region_and_isa_table)
{
    ck_assert_str_eq(memory_region_name(&ser->io), "serial");
    ck_assert_uint_eq(memory_region_size(&ser->io), 8);
    ck_assert_ptr_eq(ser->io.container, io_root);
    ck_assert_uint_eq(ser->io.addr, 0x3f8);
    ck_assert_uint_eq(serial_isa_io[1], 0x2f8);
    ck_assert_uint_eq(serial_isa_io[2], 0x3e8);
    ck_assert_uint_eq(serial_isa_io[3], 0x2e8);
    ck_assert_uint_eq(serial_isa_irq[0], 4);
    ck_assert_uint_eq(serial_isa_irq[1], 3);
    ck_assert_uint_eq(serial_isa_irq[2], 4);
    ck_assert_uint_eq(serial_isa_irq[3], 3);
    ck_assert_int_eq(serial_io_ops.impl.max_access_size, 1);
    ck_assert(serial_io_ops.valid.unaligned);
    ck_assert_int_eq(serial_io_ops.endianness, DEVICE_LITTLE_ENDIAN);

    memtest_log_begin(0);
    trace_enable_events("memory_region_ops_write");
    outb(SCR, 0x42);
    trace_disable_all();
    {
        char *log = memtest_gc(memtest_log_take());
        ck_assert_msg(g_str_has_suffix(log, " addr 0x3ff value 0x42 size 1 name 'serial'\n"),
                      "%s", log);
    }
}
END_TEST

/* Frame time and the trace line for parity, word length, stop bits and
 * the reference clock (serial_set_frequency). */
START_TEST(test_update_parameters)
{
    memtest_log_begin(0);
    trace_enable_events("serial_update_parameters");
    outb(LCR, 0x83);
    outb(RBR, 0x01);
    ck_assert_uint_eq(ser->char_transmit_time, CTT_115200);
    outb(LCR, 0x1e);                        /* 7E2: 1 + 7 + 1 + 2 bits */
    ck_assert_uint_eq(ser->char_transmit_time, 95486);
    outb(LCR, 0x0c);                        /* 5O2 */
    serial_set_frequency(ser, 1843200);
    assert_log("serial_update_parameters baudrate=9600 parity='N' data=8 stop=1\n"
               "serial_update_parameters baudrate=115200 parity='N' data=8 stop=1\n"
               "serial_update_parameters baudrate=115200 parity='E' data=7 stop=2\n"
               "serial_update_parameters baudrate=115200 parity='O' data=5 stop=2\n"
               "serial_update_parameters baudrate=1843200 parity='O' data=5 stop=2\n");
}
END_TEST

/* ---- transmit --------------------------------------------------------------------- */

/* Each THR write reaches the chardev at once; LSR is back to THRE|TEMT
 * and the IRQ went low (THR write) then high (THRE again). */
START_TEST(test_transmit)
{
    outb(IER, 0x02);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(inb(IIR), 0x02);
    ck_assert_int_eq(irq_level, 0);
    irq_calls = 0;
    outb(RBR, 'h');
    ck_assert_int_eq(irq_calls, 2);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(inb(LSR), 0x60);
    assert_output("h", 1);

    outb(FCR, 0x01);                        /* via the TX FIFO: same result */
    outb(RBR, 'i');
    outb(RBR, '\n');
    assert_output("hi\n", 3);
    ck_assert_uint_eq(inb(IIR), 0xc2);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* Without a chardev the byte is dropped and the transmitter still empties. */
START_TEST(test_transmit_no_chardev)
{
    SerialState *s = serial_new(NULL, NULL);

    serial_io_ops.write(s, 0, 'q', 1);
    ck_assert_uint_eq(serial_io_ops.read(s, 5, 1), 0x60);
    serial_free(s);
}
END_TEST

/* ---- receive ------------------------------------------------------------------------ */

START_TEST(test_receive_no_fifo)
{
    static const uint8_t ab[2] = { 'a', 'b' };

    ck_assert_int_eq(serial_can_receive(ser), 1);
    serial_receive(ser, ab, 1);
    ck_assert_int_eq(irq_level, 0);         /* RDI masked */
    ck_assert_int_eq(serial_can_receive(ser), 0);
    ck_assert_uint_eq(inb(LSR), 0x61);
    outb(IER, 0x01);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(inb(IIR), 0x04);
    ck_assert_uint_eq(inb(RBR), 'a');
    ck_assert_int_eq(irq_level, 0);
    ck_assert_uint_eq(inb(LSR), 0x60);

    /* a second byte before the first is read: overrun, the newer wins */
    outb(IER, 0x05);
    serial_receive(ser, ab, 1);
    serial_receive(ser, ab + 1, 1);
    ck_assert_uint_eq(inb(IIR), 0x06);
    ck_assert_uint_eq(inb(LSR), 0x63);
    ck_assert_uint_eq(inb(IIR), 0x04);
    ck_assert_uint_eq(inb(RBR), 'b');
    ck_assert_uint_eq(inb(IIR), 0x01);
    serial_receive(ser, ab, 0);             /* nothing: no change */
    ck_assert_uint_eq(inb(LSR), 0x60);
}
END_TEST

/* serial_can_receive offers up to the trigger level, nothing at it, one
 * byte at a time above it (after the level is lowered), nothing when full. */
START_TEST(test_receive_trigger_levels)
{
    static const uint8_t fcr[4] = { 0x01, 0x41, 0x81, 0xc1 };
    static const int itl[4] = { 1, 4, 8, 14 };
    uint8_t buf[16];

    memset(buf, 'r', sizeof(buf));
    outb(IER, 0x01);
    for (int i = 0; i < 4; i++) {
        outb(FCR, fcr[i] | 0x02);           /* clear RX, set the level */
        ck_assert_int_eq(serial_can_receive(ser), itl[i]);
        serial_receive(ser, buf, itl[i] - 1);
        ck_assert_int_eq(irq_level, 0);
        ck_assert_uint_eq(inb(IIR), 0xc1);
        ck_assert_int_eq(serial_can_receive(ser), 1);
        serial_receive(ser, buf, 1);
        ck_assert_int_eq(irq_level, 1);
        ck_assert_uint_eq(inb(IIR), 0xc4);
        /* QEMU offers nothing more at the level (itl - num == 0) */
        ck_assert_int_eq(serial_can_receive(ser), 0);
        outb(FCR, 0x01);                    /* level 1, no clear */
        ck_assert_int_eq(serial_can_receive(ser), itl[i] > 1 ? 1 : 0);
        serial_receive(ser, buf, 16 - itl[i]);
        ck_assert_int_eq(serial_can_receive(ser), 0);
        ck_assert_uint_eq(inb(LSR), 0x61);  /* exactly full: no overrun */
    }
}
END_TEST

START_TEST(test_receive_fifo_overrun)
{
    uint8_t buf[20];

    for (int i = 0; i < 20; i++) {
        buf[i] = 'A' + i;
    }
    outb(FCR, 0xc1);
    outb(IER, 0x05);
    serial_receive(ser, buf, 20);
    ck_assert_uint_eq(inb(IIR), 0xc6);
    ck_assert_uint_eq(inb(LSR), 0x63);
    ck_assert_uint_eq(inb(IIR), 0xc4);
    for (int i = 0; i < 16; i++) {
        ck_assert_uint_eq(inb(RBR), 'A' + i);   /* the first 16 stay */
    }
    ck_assert_uint_eq(inb(LSR), 0x60);
    ck_assert_uint_eq(inb(RBR), 0x00);          /* empty FIFO reads 0 */
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* Four frame times after the last character in or out of the FIFO,
 * with data below the trigger level: IIR 0xcc (masked by IER.RDI). */
START_TEST(test_receive_char_timeout)
{
    static const uint8_t in[3] = { '1', '2', '3' };

    outb(FCR, 0xc1);
    outb(IER, 0x01);
    serial_receive(ser, in, 3);
    ck_assert_int_eq(irq_level, 0);
    qemu_clock_step(4 * CTT_RESET - 1);
    ck_assert_int_eq(irq_level, 0);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    qemu_clock_step(1);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(inb(IIR), 0xcc);

    /* a read clears it and re-arms the timer while data remains */
    ck_assert_uint_eq(inb(RBR), '1');
    ck_assert_int_eq(irq_level, 0);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    qemu_clock_step(4 * CTT_RESET);
    ck_assert_uint_eq(inb(IIR), 0xcc);

    /* IER.RDI masks it (QEMU; not in the datasheet) */
    outb(IER, 0x00);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    ck_assert_int_eq(irq_level, 0);
    outb(IER, 0x01);
    ck_assert_uint_eq(inb(IIR), 0xcc);

    /* timing follows the baud rate; the last read empties: no timeout */
    outb(LCR, 0x83);
    outb(RBR, 0x01);
    outb(LCR, 0x03);
    ck_assert_uint_eq(inb(RBR), '2');
    qemu_clock_step(4 * CTT_115200 - 1);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    qemu_clock_step(1);
    ck_assert_uint_eq(inb(IIR), 0xcc);
    ck_assert_uint_eq(inb(RBR), '3');
    qemu_clock_step(10 * CTT_RESET);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* An RX FIFO clear cancels a pending timeout and its timer. */
START_TEST(test_receive_timeout_cleared_by_fcr)
{
    static const uint8_t in[2] = { 'a', 'b' };

    outb(FCR, 0xc1);
    outb(IER, 0x01);
    serial_receive(ser, in, 2);
    qemu_clock_step(4 * CTT_RESET);
    ck_assert_uint_eq(inb(IIR), 0xcc);
    outb(FCR, 0xc3);
    ck_assert_uint_eq(inb(IIR), 0xc1);
    ck_assert_int_eq(irq_level, 0);
    ck_assert(!timer_pending(ser->fifo_timeout_timer));
}
END_TEST

START_TEST(test_receive_break)
{
    outb(IER, 0x05);
    serial_receive_break(ser);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(inb(IIR), 0x06);
    ck_assert_uint_eq(inb(LSR), 0x71);      /* BI | DR */
    ck_assert_uint_eq(inb(IIR), 0x04);
    ck_assert_uint_eq(inb(RBR), 0x00);
    ck_assert_uint_eq(inb(LSR), 0x60);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

/* ---- modem lines --------------------------------------------------------------------- */

/* No x86slice backend reports modem lines (QEMU's poll_msl is -1 for
 * file/stdio/null): MSR is DCD|DSR|CTS with no deltas and MSI never
 * fires, whatever MCR does.  In loopback MSR mirrors MCR, no deltas. */
START_TEST(test_modem_status)
{
    static const struct { uint8_t mcr, msr; } loop[] = {
        { 0x10, 0x00 }, { 0x11, 0x20 }, { 0x12, 0x10 }, { 0x14, 0x40 },
        { 0x18, 0x80 }, { 0x1f, 0xf0 }, { 0xff, 0xf0 },
    };

    outb(IER, 0x08);
    for (unsigned v = 0; v < 0x10; v++) {
        outb(MCR, v);
        ck_assert_uint_eq(inb(MSR), 0xb0);
        ck_assert_uint_eq(inb(IIR), 0x01);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(loop); i++) {
        outb(MCR, loop[i].mcr);
        ck_assert_uint_eq(inb(MCR), loop[i].mcr & 0x1f);
        ck_assert_uint_eq(inb(MSR), loop[i].msr);
        ck_assert_uint_eq(inb(IIR), 0x01);
    }
    outb(MCR, 0x00);
    ck_assert_uint_eq(inb(MSR), 0xb0);
    ck_assert_int_eq(irq_level, 0);
}
END_TEST

START_TEST(test_scratch)
{
    for (unsigned v = 0; v < 0x100; v += 0x11) {
        outb(SCR, v);
        ck_assert_uint_eq(inb(SCR), v);
    }
    outb(LCR, 0x80);                        /* not banked by DLAB */
    ck_assert_uint_eq(inb(SCR), 0xff);
}
END_TEST

/* ---- robustness ------------------------------------------------------------------- */

/* Whatever the guest writes, in any order, at any width (and calls
 * straight to the ops with offsets past the region), nothing breaks and
 * the FIFOs stay within 16 bytes. */
START_TEST(test_random_accesses)
{
    GRand *r = g_rand_new_with_seed(7);

    for (int i = 0; i < 200000; i++) {
        hwaddr off = g_rand_int_range(r, 0, 8);
        unsigned size = 1u << g_rand_int_range(r, 0, 3);
        uint32_t v = g_rand_int(r);

        switch (g_rand_int_range(r, 0, 6)) {
        case 0:
        case 1:
            if (off + size <= 8) {
                out_n(COM1 + off, v, size);
            }
            break;
        case 2:
        case 3:
            if (off + size <= 8) {
                in_n(COM1 + off, size);
            }
            break;
        case 4:
            serial_io_ops.write(ser, g_rand_int(r), v, 1);
            serial_io_ops.read(ser, g_rand_int(r), 1);
            break;
        default: {
            uint8_t buf[24];
            memset(buf, v, sizeof(buf));
            serial_receive(ser, buf, g_rand_int_range(r, 0, 24));
            qemu_clock_step(g_rand_int_range(r, 0, 5000000));
        }
        }
        ck_assert_uint_le(ser->recv_fifo.num, UART_FIFO_LENGTH);
        ck_assert_uint_le(ser->xmit_fifo.num, UART_FIFO_LENGTH);
        ck_assert_int_eq(irq_level, (ser->iir & 0x0f) != 0x01);
    }
    g_rand_free(r);
}
END_TEST

static Suite *serial_suite(void)
{
    Suite *s = suite_create("serial");
    TCase *qemu = tcase_create("qemu-sessions");
    TCase *regs = tcase_create("registers");
    TCase *tx = tcase_create("transmit");
    TCase *rx = tcase_create("receive");

    tcase_add_checked_fixture(qemu, setup, teardown);
    tcase_add_test(qemu, test_session_registers);
    tcase_add_test(qemu, test_session_loopback);
    tcase_add_test(qemu, test_session_fifo);
    tcase_add_test(qemu, test_session_misc);
    suite_add_tcase(s, qemu);

    tcase_add_checked_fixture(regs, setup, teardown);
    tcase_add_test(regs, test_reset_values);
    tcase_add_test(regs, test_reset_keeps_fcr);
    tcase_add_test(regs, test_region_and_isa_table);
    tcase_add_test(regs, test_update_parameters);
    tcase_add_test(regs, test_modem_status);
    tcase_add_test(regs, test_scratch);
    tcase_add_test(regs, test_random_accesses);
    tcase_set_timeout(regs, 60);
    suite_add_tcase(s, regs);

    tcase_add_checked_fixture(tx, setup, teardown);
    tcase_add_test(tx, test_transmit);
    tcase_add_test(tx, test_transmit_no_chardev);
    suite_add_tcase(s, tx);

    tcase_add_checked_fixture(rx, setup, teardown);
    tcase_add_test(rx, test_receive_no_fifo);
    tcase_add_test(rx, test_receive_trigger_levels);
    tcase_add_test(rx, test_receive_fifo_overrun);
    tcase_add_test(rx, test_receive_char_timeout);
    tcase_add_test(rx, test_receive_timeout_cleared_by_fcr);
    tcase_add_test(rx, test_receive_break);
    suite_add_tcase(s, rx);
    return s;
}

int main(void)
{
    return memtest_run_suite(serial_suite());
}
