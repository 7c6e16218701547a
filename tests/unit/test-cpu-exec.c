/*
 * The execution loop (accel/tcg/cpu-exec.c, tb-chain.h): blocks chain into
 * each other without returning to the loop, an exit request from another
 * thread still stops them at a block boundary, the instruction count stays
 * exact, and the chaining stack bound holds in builds where the compiler
 * makes no tail calls (this file also runs under ASan at -O1).
 *
 * The CPU runs in real mode from RAM at 0 on a machine of its own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include "tests/unit/memtest.h"
#include "cpu/cpu.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb-cache.h"

#define RAM_SIZE (1u << 20)

static CPUX86State *env;
static uint8_t *ramp;

static void setup(void)
{
    MemoryRegion *sys, *ram, *io;
    AddressSpace *as, *io_as;

    memtest_setup();
    sys = memtest_container("system", UINT64_MAX);
    ram = memtest_ram("ram", RAM_SIZE);
    memtest_add(sys, 0, ram, 0);
    as = memtest_as(sys, "cpu-memory-0");
    io = memtest_container("io", 0x10000);
    io_as = memtest_as(io, "I/O");
    env = x86_cpu_new(as, NULL, io_as);
    ramp = memory_region_get_ram_ptr(ram);
}

static void teardown(void)
{
    tb_cache_destroy(env);
    x86_cpu_free(env);
    env = NULL;
    memtest_teardown();
}

/* Real mode, CS base 0, at eip, with code copied there. */
static void start_at(uint32_t eip, const uint8_t *code, size_t len)
{
    memcpy(ramp + eip, code, len);
    cpu_x86_load_seg_cache(env, R_CS, 0, 0, 0xffff,
                           DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK | DESC_A_MASK);
    env->eip = eip;
}

static void *exit_later(void *arg)
{
    (void)arg;
    usleep(30 * 1000);
    cpu_exit(env);
    return NULL;
}

/* An endless two-instruction loop: it chains to itself until the exit
 * request, then cpu_exec returns at a block boundary with the count of
 * instructions exact. */
START_TEST(test_exit_request_stops_chain)
{
    static const uint8_t loop[] = {
        0x66, 0x40,             /* 1000: inc eax */
        0xeb, 0xfc,             /* 1002: jmp 1000 */
    };
    pthread_t t;

    start_at(0x1000, loop, sizeof(loop));
    env->regs[R_EAX] = 0;
    env->icount = 0;
    ck_assert_int_eq(pthread_create(&t, NULL, exit_later, NULL), 0);
    ck_assert_int_eq(cpu_exec(env), EXCP_INTERRUPT);
    pthread_join(t, NULL);

    ck_assert_uint_gt(env->regs[R_EAX], 1000);
    ck_assert_uint_eq(env->icount, 2ull * env->regs[R_EAX]);
    ck_assert_uint_eq(env->eip, 0x1000);

    /* The block links to itself through a chaining sentinel. */
    TranslationBlock *tb = tb_lookup(env, 0);
    ck_assert_uint_eq(tb->n, 2);
    ck_assert(tb->insns[2].fn == tb_chain_handler);
    ck_assert(tb->jmp[0].tb == tb || tb->jmp[1].tb == tb);
}
END_TEST

/* A store into the running block's later bytes: the rest of the block is
 * not run from its old decoding (the new INC ECX runs, not INC EAX), and
 * the block is decoded afresh at the next instruction. */
START_TEST(test_store_into_running_block)
{
    static const uint8_t code[] = {
        0xc6, 0x06, 0x0d, 0x10, 0x41,   /* 1000: mov byte [100d], 41h */
        0x66, 0x43,                     /* 1005: inc ebx */
        0x66, 0x43,                     /* 1007: inc ebx */
        0x90, 0x90, 0x90,               /* 1009: nop x3 */
        0x66, 0x40,                     /* 100c: inc eax (becomes inc ecx) */
        0xf4,                           /* 100e: hlt */
    };

    start_at(0x1000, code, sizeof(code));
    env->regs[R_EAX] = env->regs[R_EBX] = env->regs[R_ECX] = 0;
    env->icount = 0;
    ck_assert_int_eq(cpu_exec(env), EXCP_HLT);
    ck_assert_uint_eq(env->regs[R_EAX], 0);
    ck_assert_uint_eq(env->regs[R_ECX], 1);
    ck_assert_uint_eq(env->regs[R_EBX], 2);
    ck_assert_uint_eq(env->eip, 0x100f);
    ck_assert_uint_eq(env->icount, 7);      /* HLT itself counts as not run */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cpu-exec");
    TCase *tc = tcase_create("cpu-exec");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_exit_request_stops_chain);
    tcase_add_test(tc, test_store_into_running_block);
    suite_add_tcase(s, tc);
    return memtest_run_suite(s);
}
