/*
 * The i8257 DMA controllers (hw/dma/i8257.c; QEMU 7.2's hw/dma/i8257.c),
 * driven through their regions mapped as the pc machine maps them: the
 * 8-bit controller at 0x00/0x08 with pages at 0x81-0x83/0x87, the 16-bit
 * one at 0xc0/0xd0 with pages at 0x89-0x8b/0x8f.  Expected values follow
 * QEMU's code (the register-level ones were also checked against
 * qemu-system-i386 by roms/dma.asm, whose output is recorded in
 * tests/kernels/expected/dma.out).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <string.h>
#include <glib.h>
#include "hw/dma/i8257.h"
#include "softmmu/trace.h"
#include "tests/unit/memtest.h"

static I8257State *dma[2];
static AddressSpace *io_as, *mem_as;
static MemoryRegion *ram;

/* What the test handler saw and answers. */
static int calls, last_nchan, last_pos, last_len, answer;
static int handler_mode;        /* 0: return answer, 1: also release DREQ */

static int test_handler(void *opaque, int nchan, int dma_pos, int dma_len)
{
    I8257State *d = opaque;

    calls++;
    last_nchan = nchan;
    last_pos = dma_pos;
    last_len = dma_len;
    if (handler_mode == 1) {
        i8257_dma_release_DREQ(d, nchan);   /* re-enters i8257_dma_run */
    }
    return answer < 0 ? dma_len : answer;
}

static void map_controller(MemoryRegion *io, int n, hwaddr base, hwaddr page_base)
{
    I8257State *d = dma[n];
    int dshift = d->dshift;

    memtest_add(io, base, memtest_io("dma-chan", 8 << dshift, &i8257_channel_ops, d), 0);
    memtest_add(io, page_base + 1, memtest_io("dma-page", 3, &i8257_page_ops[0], d), 0);
    memtest_add(io, page_base + 7, memtest_io("dma-page", 1, &i8257_page_ops[1], d), 0);
    memtest_add(io, base + (8 << dshift),
                memtest_io("dma-cont", 8 << dshift, &i8257_cont_ops, d), 0);
}

static void setup(void)
{
    MemoryRegion *io, *sys;

    memtest_setup();
    sys = memtest_container("system", UINT64_MAX);
    ram = memtest_ram("ram", 0x200000);
    memtest_add(sys, 0, ram, 0);
    mem_as = memtest_as(sys, "memory");
    dma[0] = i8257_new(0, mem_as);
    dma[1] = i8257_new(1, mem_as);
    i8257_reset(dma[0]);
    i8257_reset(dma[1]);
    io = memtest_container("io", 0x10000);
    map_controller(io, 0, 0x00, 0x80);
    map_controller(io, 1, 0xc0, 0x88);
    io_as = memtest_as(io, "I/O");
    calls = last_nchan = last_pos = last_len = answer = handler_mode = 0;
}

static void teardown(void)
{
    memtest_teardown();
    i8257_free(dma[0]);
    i8257_free(dma[1]);
    dma[0] = dma[1] = NULL;
}

static void outb(hwaddr port, uint8_t v)
{
    address_space_stb(io_as, port, v, UNSPEC, NULL);
}

static uint8_t inb(hwaddr port)
{
    return address_space_ldub(io_as, port, UNSPEC, NULL);
}

static void outw(hwaddr port, uint16_t v)
{
    address_space_stw_le(io_as, port, v, UNSPEC, NULL);
}

static uint16_t inw(hwaddr port)
{
    return address_space_lduw_le(io_as, port, UNSPEC, NULL);
}

static uint32_t inl(hwaddr port)
{
    return address_space_ldl_le(io_as, port, UNSPEC, NULL);
}

/* Two reads through the flip-flop: low byte, then high byte. */
static uint16_t in16ff(hwaddr port)
{
    uint8_t lo = inb(port);

    return lo | inb(port) << 8;
}

static void out16ff(hwaddr port, uint16_t v)
{
    outb(port, v & 0xff);
    outb(port, v >> 8);
}

/* ---- registers ------------------------------------------------------------- */

START_TEST(test_reset_state)
{
    for (hwaddr p = 0x00; p < 0x10; p++) {
        ck_assert_uint_eq(inb(p), p == 0x09 ? 0xff : 0x00);
    }
    for (hwaddr p = 0xc0; p < 0xe0; p++) {
        ck_assert_uint_eq(inb(p), (p == 0xd2 || p == 0xd3) ? 0xff : 0x00);
    }
    for (hwaddr p = 0x81; p < 0x90; p++) {
        if ((p & 7) >= 1 && (p & 7) <= 3) {
            ck_assert_uint_eq(inb(p), 0x00);
        }
    }
    ck_assert_uint_eq(inb(0x87), 0x00);
    ck_assert_uint_eq(inb(0x8f), 0x00);
}
END_TEST

START_TEST(test_address_count_flip_flop)
{
    outb(0x0c, 0);
    for (int ch = 0; ch < 4; ch++) {
        out16ff(ch * 2, 0x1234 + ch * 0x1111);
        out16ff(ch * 2 + 1, 0x0f0e - ch * 0x0101);
    }
    for (int ch = 0; ch < 4; ch++) {
        ck_assert_uint_eq(in16ff(ch * 2), 0x1234 + ch * 0x1111);
        ck_assert_uint_eq(in16ff(ch * 2 + 1), 0x0f0e - ch * 0x0101);
    }
    /* A low byte alone does not reach the current address. */
    outb(0x0c, 0);
    outb(0x00, 0x55);
    ck_assert_uint_eq(inb(0x00), 0x12);     /* flip-flop was 1: high byte */
    ck_assert_uint_eq(inb(0x00), 0x34);
    ck_assert_uint_eq(inb(0x0c), 0x00);     /* reads 0, flip-flop unchanged */
    ck_assert_uint_eq(inb(0x00), 0x12);
    outb(0x0c, 0);
    outb(0x00, 0x55);
    outb(0x00, 0xaa);
    ck_assert_uint_eq(in16ff(0x00), 0xaa55);
    /* Both registers of all channels share one flip-flop. */
    outb(0x0c, 0);
    ck_assert_uint_eq(inb(0x03), 0x0d);     /* channel 1 count 0x0e0d, low */
    ck_assert_uint_eq(inb(0x05), 0x0d);     /* channel 2 count 0x0d0c, high */
}
END_TEST

/* A word access is two byte accesses at consecutive ports (.impl 1). */
START_TEST(test_word_access_splits)
{
    outb(0x0c, 0);
    out16ff(0x00, 0xaa55);
    out16ff(0x01, 0x0f0e);
    ck_assert_uint_eq(inw(0x00), 0x0f55);   /* ch0 address low, ch0 count high */
    outw(0x02, 0x4321);                     /* ch1 address low 21, ch1 count high 43 */
    ck_assert_uint_eq(in16ff(0x02), 0x0021);
    ck_assert_uint_eq(in16ff(0x03), 0x4300);
}
END_TEST

START_TEST(test_16bit_controller)
{
    outb(0xd8, 0);
    out16ff(0xc0, 0x8421);
    out16ff(0xc2, 0x7f01);
    ck_assert_uint_eq(in16ff(0xc0), 0x8421);
    ck_assert_uint_eq(in16ff(0xc1), 0x8421);    /* odd port: same register */
    ck_assert_uint_eq(in16ff(0xc2), 0x7f01);
    ck_assert_int_eq(dma[1]->regs[0].now[0], 0x8421 << 1);   /* counts words */
    outb(0xd9, 0);                              /* odd alias of clear flip-flop */
    out16ff(0xcf, 0x1357);                      /* channel 7 count */
    ck_assert_uint_eq(dma[1]->regs[3].base[1], 0x1357);
    ck_assert_uint_eq(in16ff(0xce), 0x1357);
}
END_TEST

START_TEST(test_mask_registers)
{
    outb(0x0a, 0x00);
    ck_assert_uint_eq(inb(0x09), 0xfe);
    outb(0x0a, 0x06);
    outb(0x0a, 0x02);
    ck_assert_uint_eq(inb(0x09), 0xfa);
    outb(0x0e, 0);
    ck_assert_uint_eq(inb(0x09), 0x00);
    outb(0x0f, 0xa5);                   /* all 8 bits kept */
    ck_assert_uint_eq(inb(0x09), 0xa5);
    outb(0x0a, 0x07);
    ck_assert_uint_eq(inb(0x09), 0xad);
    outb(0x0b, 0xff);                   /* mode: no effect on the mask */
    outb(0x0d, 0);                      /* master clear */
    ck_assert_uint_eq(inb(0x09), 0xff);
    /* 16-bit controller: port 1 of the block is 0xd2/0xd3. */
    outb(0xde, 0x3c);
    ck_assert_uint_eq(inb(0xd2), 0x3c);
    ck_assert_uint_eq(inb(0xd3), 0x3c);
    outb(0xdc, 0);
    ck_assert_uint_eq(inb(0xd2), 0x00);
}
END_TEST

START_TEST(test_requests_and_status)
{
    outb(0x09, 0x05);                   /* request 1 (masked) */
    ck_assert_uint_eq(inb(0x08), 0x20);
    ck_assert_uint_eq(inb(0x08), 0x20);
    outb(0x09, 0x07);
    ck_assert_uint_eq(inb(0x08), 0xa0);
    outb(0x09, 0x01);
    ck_assert_uint_eq(inb(0x08), 0x80);
    /* TC bits: cleared by a status read and by a request write. */
    dma[0]->status |= 0x05;
    ck_assert_uint_eq(inb(0x08), 0x85);
    ck_assert_uint_eq(inb(0x08), 0x80);
    dma[0]->status |= 0x05;
    outb(0x09, 0x02);                   /* clear request 2: TC 2 clears too */
    ck_assert_uint_eq(inb(0x08), 0x81);
    outb(0x0d, 0);
    ck_assert_uint_eq(inb(0x08), 0x00);
    ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(test_command_register)
{
    memtest_log_begin(LOG_UNIMP);
    outb(0x08, 0x04);
    ck_assert_uint_eq(dma[0]->command, 0x04);
    outb(0x08, 0x10);
    ck_assert_uint_eq(dma[0]->command, 0x04);
    assert_log("i8257_write_cont: cmd 0x10 not supported\n");
    outb(0x08, 0x00);
    ck_assert_uint_eq(dma[0]->command, 0x00);
    outb(0xd0, 0x84);
    assert_log("i8257_write_cont: cmd 0x84 not supported\n");
    memtest_log_end();
}
END_TEST

START_TEST(test_mode_register)
{
    outb(0x0b, 0x56);
    outb(0x0b, 0x28);
    ck_assert_uint_eq(dma[0]->regs[2].mode, 0x56);
    ck_assert_uint_eq(dma[0]->regs[0].mode, 0x28);
    ck_assert(i8257_dma_has_autoinitialization(dma[0], 2));
    ck_assert(!i8257_dma_has_autoinitialization(dma[0], 0));
    outb(0xd6, 0x13);
    ck_assert_uint_eq(dma[1]->regs[3].mode, 0x13);
    ck_assert(i8257_dma_has_autoinitialization(dma[1], 7));
}
END_TEST

START_TEST(test_page_registers)
{
    static const struct { hwaddr port; int n, ch; } map[] = {
        { 0x81, 0, 2 }, { 0x82, 0, 3 }, { 0x83, 0, 1 }, { 0x87, 0, 0 },
        { 0x89, 1, 2 }, { 0x8a, 1, 3 }, { 0x8b, 1, 1 }, { 0x8f, 1, 0 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        outb(map[i].port, 0x10 + i);
        ck_assert_uint_eq(dma[map[i].n]->regs[map[i].ch].page, 0x10 + i);
        ck_assert_uint_eq(inb(map[i].port), 0x10 + i);
    }
    /* portio: a word is two bytes, a high byte past the run reads 0xff and
     * is not written; dwords read all ones and are dropped. */
    ck_assert_uint_eq(inw(0x81), 0x1110);
    ck_assert_uint_eq(inw(0x83), 0xff12);
    ck_assert_uint_eq(inw(0x87), 0xff13);
    ck_assert_uint_eq(inl(0x81), 0xffffffff);
    outw(0x81, 0x6655);
    ck_assert_uint_eq(inb(0x81), 0x55);
    ck_assert_uint_eq(inb(0x82), 0x66);
    outw(0x83, 0x8877);
    ck_assert_uint_eq(inb(0x83), 0x77);
    address_space_stl_le(io_as, 0x87, 0xccbbaa99, UNSPEC, NULL);
    ck_assert_uint_eq(inb(0x87), 0x13);
}
END_TEST

/* ---- transfers ------------------------------------------------------------- */

START_TEST(test_transfer_runs_when_unmasked)
{
    i8257_dma_register_channel(dma[0], 2, test_handler, dma[0]);
    outb(0x0c, 0);
    out16ff(0x05, 0x01ff);              /* channel 2: 512 bytes */
    answer = 100;
    i8257_dma_hold_DREQ(dma[0], 2);
    ck_assert_int_eq(calls, 0);         /* masked */
    ck_assert_uint_eq(inb(0x08), 0x40);
    outb(0x0a, 0x02);                   /* unmask: runs at once */
    ck_assert_int_eq(calls, 1);
    ck_assert_int_eq(last_nchan, 2);
    ck_assert_int_eq(last_pos, 0);
    ck_assert_int_eq(last_len, 512);
    ck_assert(timer_pending(dma[0]->dma_bh));
    /* The current count follows the handler's position. */
    ck_assert_uint_eq(in16ff(0x05), 0x01ff - 100);
    answer = 512;
    i8257_dma_run(dma[0]);              /* the bottom half */
    ck_assert_int_eq(last_pos, 100);
    ck_assert_uint_eq(inb(0x08), 0x44); /* TC 2, still requested */
    ck_assert_uint_eq(inb(0x08), 0x40);
    i8257_dma_release_DREQ(dma[0], 2);
    ck_assert_uint_eq(inb(0x08), 0x00);
    calls = 0;
    i8257_dma_run(dma[0]);
    ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(test_transfer_16bit_channel)
{
    i8257_dma_register_channel(dma[1], 5, test_handler, dma[1]);
    outb(0xd8, 0);
    out16ff(0xc6, 0x00ff);              /* channel 5: 256 words */
    answer = -1;                        /* everything at once */
    outb(0xd4, 0x01);                   /* unmask 5 */
    outb(0xd2, 0x05);                   /* software request 5 */
    ck_assert_int_eq(calls, 1);
    ck_assert_int_eq(last_nchan, 5);
    ck_assert_int_eq(last_len, 512);
    ck_assert_uint_eq(inb(0xd0), 0x22);
}
END_TEST

/* A handler that ends its transfer releases DREQ from inside the run: no
 * recursion, and the bottom half is re-armed. */
START_TEST(test_transfer_reentrant_release)
{
    i8257_dma_register_channel(dma[0], 2, test_handler, dma[0]);
    handler_mode = 1;
    outb(0x0a, 0x02);
    i8257_dma_hold_DREQ(dma[0], 2);
    ck_assert_int_eq(calls, 1);
    ck_assert_uint_eq(inb(0x08) & 0x40, 0);
    ck_assert(timer_pending(dma[0]->dma_bh));
    i8257_dma_run(dma[0]);
    ck_assert_int_eq(calls, 1);
}
END_TEST

/* The bottom half runs again about every 10 ms of host time while a
 * channel stays requested and unmasked. */
START_TEST(test_bottom_half_repeats)
{
    i8257_dma_register_channel(dma[0], 1, test_handler, dma[0]);
    outb(0x09, 0x05);
    outb(0x0a, 0x01);
    ck_assert_int_eq(calls, 1);
    for (int i = 0; i < 200 && calls < 3; i++) {
        g_usleep(2000);
        qemu_clock_run_all_timers();
    }
    ck_assert_int_ge(calls, 3);
    outb(0x0a, 0x05);                   /* masked: the next run stops it */
    g_usleep(12000);
    qemu_clock_run_all_timers();
    ck_assert(!timer_pending(dma[0]->dma_bh));
}
END_TEST

START_TEST(test_unregistered_channel_trace)
{
    memtest_log_begin(LOG_TRACE);
    ck_assert_int_eq(trace_enable_events("i8257_*"), 1);
    outb(0x0c, 0);
    out16ff(0x01, 0x0f0e);
    outb(0x09, 0x04);
    outb(0x0a, 0x00);
    assert_log("i8257_unregistered_dma unregistered DMA channel used nchan=0 "
               "dma_pos=0 dma_len=3855\n");
    ck_assert_uint_eq(in16ff(0x01), 0x0f0e);    /* nothing moved */
    memtest_log_end();
}
END_TEST

START_TEST(test_memory_access)
{
    uint8_t buf[8], *host = memory_region_get_ram_ptr(ram);

    for (int i = 0; i < 0x40; i++) {
        host[0x12330 + i] = i;
    }
    outb(0x0c, 0);
    out16ff(0x04, 0x2340);              /* channel 2 address */
    outb(0x81, 0x01);                   /* page */
    outb(0x0b, 0x46);                   /* single, write to memory */
    ck_assert_int_eq(i8257_dma_read_memory(dma[0], 2, buf, 4, 8), 8);
    for (int i = 0; i < 8; i++) {
        ck_assert_uint_eq(buf[i], 0x14 + i);
    }
    memcpy(buf, "ABCDEFGH", 8);
    i8257_dma_write_memory(dma[0], 2, buf, 0x10, 8);
    ck_assert_mem_eq(host + 0x12350, "ABCDEFGH", 8);
    /* Verify transfers touch nothing. */
    outb(0x0b, 0x42);
    memset(buf, 0xee, sizeof(buf));
    ck_assert_int_eq(i8257_dma_read_memory(dma[0], 2, buf, 0, 8), 8);
    ck_assert_uint_eq(buf[0], 0xee);
    /* Decrement: the block below, its first half mirrored (QEMU's code). */
    outb(0x0b, 0x66);
    i8257_dma_read_memory(dma[0], 2, buf, 0, 4);
    ck_assert_uint_eq(buf[0], 0x0f);        /* 0c 0d 0e 0f read */
    ck_assert_uint_eq(buf[1], 0x0e);
    ck_assert_uint_eq(buf[2], 0x0e);
    ck_assert_uint_eq(buf[3], 0x0f);
    memcpy(buf, "wxyz", 4);
    i8257_dma_write_memory(dma[0], 2, buf, 0, 4);
    ck_assert_mem_eq(host + 0x1233c, "wxyz", 4);
    ck_assert_mem_eq(buf, "zyyz", 4);   /* the caller's buffer, mirrored */
    /* 16-bit controller: the address counts words. */
    outb(0xd8, 0);
    out16ff(0xc4, 0x1000);              /* channel 5 */
    outb(0x8b, 0x00);
    outb(0xd6, 0x45);
    i8257_dma_write_memory(dma[1], 5, buf, 0, 2);
    ck_assert_mem_eq(host + 0x2000, "zy", 2);
}
END_TEST

START_TEST(test_reset_keeps_base_registers)
{
    outb(0x0c, 0);
    out16ff(0x00, 0x1234);
    outb(0x87, 0x56);
    outb(0x0e, 0);
    outb(0x0c, 0);
    outb(0x00, 0x99);                   /* flip-flop now 1 */
    i8257_reset(dma[0]);
    ck_assert_uint_eq(inb(0x09), 0xff);
    ck_assert_uint_eq(in16ff(0x00), 0x1234);    /* flip-flop back to 0 */
    ck_assert_uint_eq(inb(0x87), 0x56);
}
END_TEST

/* Whatever the guest writes, nothing crashes (ASan/UBSan builds too). */
START_TEST(test_guest_fuzz)
{
    GRand *r = g_rand_new_with_seed(0x8257);

    i8257_dma_register_channel(dma[0], 2, test_handler, dma[0]);
    answer = -1;
    for (int i = 0; i < 50000; i++) {
        static const hwaddr ports[] = { 0x00, 0x81, 0x87, 0xc0, 0x89, 0x8f };
        hwaddr p = ports[g_rand_int_range(r, 0, G_N_ELEMENTS(ports))];

        p += g_rand_int_range(r, 0, p == 0x00 ? 16 : p == 0xc0 ? 32 : p == 0x81 ? 3 : 1);
        if (g_rand_boolean(r)) {
            outb(p, g_rand_int_range(r, 0, 256));
        } else if (g_rand_boolean(r)) {
            inw(p);
        } else {
            inb(p);
        }
        if (i % 97 == 0) {
            i8257_dma_run(dma[g_rand_int_range(r, 0, 2)]);
        }
    }
    g_rand_free(r);
}
END_TEST

static Suite *i8257_suite(void)
{
    Suite *s = suite_create("i8257");
    TCase *regs = tcase_create("registers"), *xfer = tcase_create("transfers");

    tcase_add_checked_fixture(regs, setup, teardown);
    tcase_add_test(regs, test_reset_state);
    tcase_add_test(regs, test_address_count_flip_flop);
    tcase_add_test(regs, test_word_access_splits);
    tcase_add_test(regs, test_16bit_controller);
    tcase_add_test(regs, test_mask_registers);
    tcase_add_test(regs, test_requests_and_status);
    tcase_add_test(regs, test_command_register);
    tcase_add_test(regs, test_mode_register);
    tcase_add_test(regs, test_page_registers);
    tcase_add_test(regs, test_reset_keeps_base_registers);
    suite_add_tcase(s, regs);

    tcase_add_checked_fixture(xfer, setup, teardown);
    tcase_add_test(xfer, test_transfer_runs_when_unmasked);
    tcase_add_test(xfer, test_transfer_16bit_channel);
    tcase_add_test(xfer, test_transfer_reentrant_release);
    tcase_add_test(xfer, test_bottom_half_repeats);
    tcase_add_test(xfer, test_unregistered_channel_trace);
    tcase_add_test(xfer, test_memory_access);
    tcase_add_test(xfer, test_guest_fuzz);
    suite_add_tcase(s, xfer);
    return s;
}

int main(void)
{
    return memtest_run_suite(i8257_suite());
}
