/*
 * The softmmu TLB (accel/tcg/cputlb.c) against QEMU 7.2's rules: RAM
 * hits through the addend, misses filled through the page walk, MMIO
 * dispatched with the right offsets and sizes, ROM writes discarded,
 * misaligned and page-crossing accesses split as QEMU's load/store
 * helpers split them, a full flush on every committed topology change,
 * and tlb_flush_page (INVLPG) dropping one page only.
 *
 * The CPU runs on a small machine of its own: RAM at 0, a recording
 * device at 0x100000 (3 pages), ROM at 0x200000.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "tests/unit/memtest.h"
#include "accel/tcg/tb-cache.h"
#include "accel/tcg/cputlb.h"
#include "cpu/cpu.h"

#define RAM_SIZE    0x100000
#define DEV_BASE    0x100000
#define ROM_BASE    0x200000

static const MemoryRegionOps dev_ops = {
    .read = memtest_dev_read, .write = memtest_dev_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

typedef struct Machine {
    MemoryRegion *sys, *ram, *dev_mr, *rom;
    AddressSpace *as, *io;
    MemtestDev *dev;
    CPUX86State *env;
    uint8_t *ram_host, *rom_host;
} Machine;

static Machine m;

static void machine_setup(void)
{
    memtest_setup();
    m.sys = memtest_container("sys", UINT64_MAX);
    m.ram = memtest_add(m.sys, 0, memtest_ram("ram", RAM_SIZE), 0);
    m.dev = memtest_dev_new("dev");
    m.dev_mr = memtest_add(m.sys, DEV_BASE, memtest_io("dev", 0x3000, &dev_ops, m.dev), 0);
    m.rom = memtest_add(m.sys, ROM_BASE, memtest_rom("rom", 0x1000), 0);
    m.as = memtest_as(m.sys, "cpu-memory");
    m.io = memtest_as(memtest_container("io", 0x10000), "io");
    m.ram_host = memory_region_get_ram_ptr(m.ram);
    m.rom_host = memory_region_get_ram_ptr(m.rom);
    memset(m.rom_host, 0x5a, 0x1000);
    m.env = x86_cpu_new(m.as, NULL, m.io);
}

static void machine_teardown(void)
{
    tb_cache_destroy(m.env);        /* if a test decoded code */
    x86_cpu_free(m.env);
    memtest_teardown();
    memset(&m, 0, sizeof(m));
}

static CPUTLBEntry *entry(target_ulong addr)
{
    return tlb_entry(m.env, m.env->mmu_idx, addr);
}

/* ---- hits and misses ------------------------------------------------------- */

START_TEST(test_ram_miss_then_hit)
{
    CPUX86State *env = m.env;
    uint32_t v = 0x11223344;

    memcpy(m.ram_host + 0x5008, &v, 4);
    ck_assert_uint_eq(entry(0x5008)->addr_read, ~0u);      /* flushed at reset */
    ck_assert_uint_eq(cpu_ldl_data(env, 0x5008), 0x11223344);
    /* Filled: the comparator is the page, the addend points at host RAM. */
    ck_assert_uint_eq(entry(0x5008)->addr_read, 0x5000);
    ck_assert_ptr_eq((void *)(uintptr_t)(0x5000 + entry(0x5000)->addend), m.ram_host + 0x5000);
    /* A hit reads host memory directly: change it behind the TLB. */
    v = 0xdeadbeef;
    memcpy(m.ram_host + 0x5008, &v, 4);
    ck_assert_uint_eq(cpu_ldl_data(env, 0x5008), 0xdeadbeef);
    cpu_stw_data(env, 0x5010, 0xabcd);
    ck_assert_uint_eq(m.ram_host[0x5010], 0xcd);
    ck_assert_uint_eq(m.ram_host[0x5011], 0xab);
    ck_assert_uint_eq(entry(0x5010)->addr_write, 0x5000);
}
END_TEST

/* Misaligned inside one RAM page: one host access, nothing split. */
START_TEST(test_ram_misaligned_in_page)
{
    for (int i = 0; i < 8; i++) {
        m.ram_host[0x7001 + i] = (uint8_t)(0xa0 + i);
    }
    ck_assert_uint_eq(cpu_ldl_data(m.env, 0x7001), 0xa3a2a1a0);
    ck_assert_uint_eq(cpu_lduw_data(m.env, 0x7003), 0xa3a2);
    cpu_stl_data(m.env, 0x7005, 0x01020304);
    ck_assert_uint_eq(m.ram_host[0x7005], 0x04);
    ck_assert_uint_eq(m.ram_host[0x7008], 0x01);
}
END_TEST

/* ---- MMIO -------------------------------------------------------------------- */

START_TEST(test_mmio_dispatch)
{
    CPUX86State *env = m.env;

    memtest_dev_clear_calls(m.dev);
    ck_assert_uint_eq(cpu_lduw_data(env, DEV_BASE + 0x1004), 0x1514);
    cpu_stl_data(env, DEV_BASE + 0x2008, 0xcafef00d);
    ck_assert_str_eq(m.dev->calls->str,
                     "read 0x1004 2 -> 0x1514\n"
                     "write 0x2008 4 <- 0xcafef00d\n");
    ck_assert(entry(DEV_BASE + 0x1000)->addr_read & TLB_MMIO);
    ck_assert(entry(DEV_BASE + 0x2000)->addr_write & TLB_MMIO);
}
END_TEST

/* QEMU's load_helper: a misaligned MMIO load is two aligned loads of the
 * same size, combined; a misaligned store is ascending byte stores. */
START_TEST(test_mmio_misaligned)
{
    CPUX86State *env = m.env;

    memtest_dev_clear_calls(m.dev);
    ck_assert_uint_eq(cpu_ldl_data(env, DEV_BASE + 0x102), 0x15141312);
    ck_assert_str_eq(m.dev->calls->str,
                     "read 0x100 4 -> 0x13121110\n"
                     "read 0x104 4 -> 0x17161514\n");
    memtest_dev_clear_calls(m.dev);
    cpu_stl_data(env, DEV_BASE + 0x201, 0x44332211);
    ck_assert_str_eq(m.dev->calls->str,
                     "write 0x201 1 <- 0x11\n"
                     "write 0x202 1 <- 0x22\n"
                     "write 0x203 1 <- 0x33\n"
                     "write 0x204 1 <- 0x44\n");
}
END_TEST

/* Crossing from RAM into MMIO: the two aligned halves come from each side. */
START_TEST(test_page_crossing)
{
    CPUX86State *env = m.env;
    uint32_t v;

    m.ram_host[RAM_SIZE - 2] = 0xaa;
    m.ram_host[RAM_SIZE - 1] = 0xbb;
    memtest_dev_clear_calls(m.dev);
    v = cpu_ldl_data(env, RAM_SIZE - 2);
    ck_assert_uint_eq(v, 0x1110bbaa);
    ck_assert_str_eq(m.dev->calls->str, "read 0x0 4 -> 0x13121110\n");

    /* RAM page to RAM page: a plain value. */
    memcpy(m.ram_host + 0x1ffe, "\x01\x02\x03\x04", 4);
    ck_assert_uint_eq(cpu_ldl_data(env, 0x1ffe), 0x04030201);
    cpu_stl_data(env, 0x2ffd, 0x0d0c0b0a);
    ck_assert_uint_eq(m.ram_host[0x2ffd], 0x0a);
    ck_assert_uint_eq(m.ram_host[0x3000], 0x0d);
}
END_TEST

/* ---- ROM --------------------------------------------------------------------- */

START_TEST(test_rom_write_discarded)
{
    CPUX86State *env = m.env;

    ck_assert_uint_eq(cpu_ldub_data(env, ROM_BASE + 3), 0x5a);
    cpu_stb_data(env, ROM_BASE + 3, 0x00);
    cpu_stl_data(env, ROM_BASE + 8, 0x12345678);
    ck_assert_uint_eq(m.rom_host[3], 0x5a);
    ck_assert_uint_eq(m.rom_host[8], 0x5a);
    ck_assert(entry(ROM_BASE)->addr_write & TLB_DISCARD_WRITE);
    ck_assert_uint_eq(entry(ROM_BASE)->addr_read, ROM_BASE);
}
END_TEST

/* ---- flushes ------------------------------------------------------------------ */

/* A committed change of the CPU's address space flushes (tcg_commit): a
 * region mapped over RAM is seen at once. */
START_TEST(test_flush_on_commit)
{
    CPUX86State *env = m.env;
    MemoryRegion *over;

    m.ram_host[0x9000] = 0x77;
    ck_assert_uint_eq(cpu_ldub_data(env, 0x9000), 0x77);
    ck_assert_uint_eq(entry(0x9000)->addr_read, 0x9000);
    over = memtest_io("over", 0x1000, &dev_ops, m.dev);
    memtest_add(m.sys, 0x9000, over, 1);
    ck_assert_uint_eq(entry(0x9000)->addr_read, ~0u);
    memtest_dev_clear_calls(m.dev);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x9000), 0x10);
    ck_assert_str_eq(m.dev->calls->str, "read 0x0 1 -> 0x10\n");
    memory_region_set_enabled(over, false);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x9000), 0x77);
}
END_TEST

/* A commit drops only the entries of pages whose mapping changed (the
 * targeted flush of design.md); the jump cache goes only when a dropped
 * RAM page held decoded code. */
START_TEST(test_commit_flush_is_targeted)
{
    CPUX86State *env = m.env;
    MemoryRegion *over;

    m.ram_host[0x9000] = 0x77;
    ck_assert_uint_eq(cpu_ldub_data(env, 0x9000), 0x77);
    cpu_ldub_data(env, ROM_BASE);
    uint32_t gen = tb_gen;
    over = memtest_io("over", 0x1000, &dev_ops, m.dev);
    memtest_add(m.sys, 0x9000, over, 1);
    ck_assert_uint_eq(entry(0x9000)->addr_read, ~0u);         /* changed: dropped */
    ck_assert_uint_eq(entry(ROM_BASE)->addr_read, ROM_BASE);  /* elsewhere: kept */
    ck_assert_uint_eq(tb_gen, gen);                           /* no code there */
    memory_region_set_enabled(over, false);
    ck_assert_uint_eq(entry(ROM_BASE)->addr_read, ROM_BASE);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x9000), 0x77);

    /* Code decoded from page 0x4000, then that page remapped: the jump
     * cache and the block links go too. */
    m.ram_host[0x4000] = 0xf4;                                /* hlt */
    cpu_x86_load_seg_cache(env, R_CS, 0, 0, 0xffff,
                           DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK);
    env->eip = 0x4000;
    ck_assert_int_eq(tb_lookup(env, 0)->n, 1);
    gen = tb_gen;
    memory_region_set_address(over, 0x4000);
    memory_region_set_enabled(over, true);
    ck_assert(tb_gen != gen);
    ck_assert_uint_eq(entry(0x4000)->addr_code, ~0u);
    ck_assert_uint_eq(entry(ROM_BASE)->addr_read, ROM_BASE);
}
END_TEST

/* tlb_flush_page drops that page only; with paging, a changed PTE is seen
 * after it (INVLPG) and not before. */
START_TEST(test_flush_page)
{
    CPUX86State *env = m.env;
    uint32_t pd = 0x10000, pt = 0x11000;

    /* Identity-map the first 4 MiB, then point page 0x40000 at 0x50000. */
    uint32_t pde = pt | PG_PRESENT_MASK | PG_RW_MASK | PG_USER_MASK;
    memcpy(m.ram_host + pd, &pde, 4);
    for (uint32_t i = 0; i < 1024; i++) {
        uint32_t pte = (i << 12) | PG_PRESENT_MASK | PG_RW_MASK | PG_USER_MASK;
        memcpy(m.ram_host + pt + i * 4, &pte, 4);
    }
    m.ram_host[0x40000] = 0x40;
    m.ram_host[0x50000] = 0x50;
    m.ram_host[0x60000] = 0x60;
    cpu_x86_update_cr3(env, pd);
    cpu_x86_update_cr0(env, env->cr[0] | CR0_PG_MASK | CR0_PE_MASK);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x40000), 0x40);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x60000), 0x60);
    /* The walk set the accessed bit. */
    ck_assert(m.ram_host[pt + 0x40 * 4] & PG_ACCESSED_MASK);

    uint32_t pte = 0x50000 | PG_PRESENT_MASK | PG_RW_MASK | PG_USER_MASK;
    memcpy(m.ram_host + pt + 0x40 * 4, &pte, 4);
    ck_assert_uint_eq(cpu_ldub_data(env, 0x40000), 0x40);     /* stale: still cached */
    tlb_flush_page(env, 0x40123);
    ck_assert_uint_eq(entry(0x40000)->addr_read, ~0u);
    ck_assert_uint_eq(entry(0x60000)->addr_read, 0x60000);     /* others kept */
    ck_assert_uint_eq(cpu_ldub_data(env, 0x40000), 0x50);
}
END_TEST

/* A not-present page faults: #PF with CR2 and the error code. */
START_TEST(test_page_fault)
{
    CPUX86State *env = m.env;
    uint32_t pd = 0x10000, zero = 0;

    memcpy(m.ram_host + pd, &zero, 4);
    cpu_x86_update_cr3(env, pd);
    cpu_x86_update_cr0(env, env->cr[0] | CR0_PG_MASK | CR0_PE_MASK);
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        cpu_stl_data(env, 0x123456, 1);
        ck_abort_msg("no page fault");
    }
    ck_assert_int_eq(env->exception_index, EXCP0E_PAGE);
    ck_assert_uint_eq(env->cr[2], 0x123456);
    ck_assert_int_eq(env->error_code, PG_ERROR_W_MASK);
}
END_TEST

static Suite *cputlb_suite(void)
{
    Suite *s = suite_create("cputlb");
    TCase *tc = tcase_create("tlb");

    tcase_add_checked_fixture(tc, machine_setup, machine_teardown);
    tcase_add_test(tc, test_ram_miss_then_hit);
    tcase_add_test(tc, test_ram_misaligned_in_page);
    tcase_add_test(tc, test_mmio_dispatch);
    tcase_add_test(tc, test_mmio_misaligned);
    tcase_add_test(tc, test_page_crossing);
    tcase_add_test(tc, test_rom_write_discarded);
    tcase_add_test(tc, test_flush_on_commit);
    tcase_add_test(tc, test_commit_flush_is_targeted);
    tcase_add_test(tc, test_flush_page);
    tcase_add_test(tc, test_page_fault);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cputlb_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
