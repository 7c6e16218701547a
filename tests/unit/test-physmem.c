/*
 * Physical access with QEMU 7.2's semantics (softmmu/physmem.c:
 * address_space_translate_internal, flatview_read/write[_continue],
 * memory_access_size, flatview_access_allowed; memory_ldst.c.inc:
 * address_space_ld*, address_space_st*; softmmu/memory.c: unassigned_mem_ops).
 *
 * Layouts are page aligned where QEMU's dispatch sections would otherwise
 * split a range (subpages), so that section ends equal range ends.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "tests/unit/memtest.h"


#define assert_bytes(buf, ...) do {                                           \
        static const uint8_t exp_[] = { __VA_ARGS__ };                        \
        for (size_t i_ = 0; i_ < sizeof(exp_); i_++) {                        \
            ck_assert_msg(((const uint8_t *)(buf))[i_] == exp_[i_],           \
                          "byte %zu is 0x%02x, expected 0x%02x", i_,          \
                          ((const uint8_t *)(buf))[i_], exp_[i_]);            \
        }                                                                     \
    } while (0)

static const MemoryRegionOps dev_ops = {
    .read = memtest_dev_read, .write = memtest_dev_write,
};

static MemoryRegion *sys_root(void)
{
    return memtest_container("sys", UINT64_MAX);
}

/* ---- unassigned ---------------------------------------------------------- */

/* Unbacked addresses go to io_mem_unassigned (nameless, accepts nothing):
 * reads give 0 and MEMTX_DECODE_ERROR, writes are dropped with the same
 * result; address_space_read/write split as memory_access_size does, each
 * chunk logging a guest error at the absolute address. */
START_TEST(test_unassigned)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *ram = memtest_ram("ram", 0x1000);
    AddressSpace *as;
    uint8_t buf[8];
    MemTxResult r;

    memtest_add(sys, 0, ram, 0);
    as = memtest_as(sys, "as");
    memtest_log_begin(LOG_GUEST_ERROR);

    memset(buf, 0xff, sizeof(buf));
    ck_assert_uint_eq(address_space_read(as, 0x10000, UNSPEC, buf, 4), MEMTX_DECODE_ERROR);
    assert_bytes(buf, 0, 0, 0, 0, 0xff);
    assert_log("Invalid read at addr 0x10000, size 4, region '(null)', reason: rejected\n");

    memset(buf, 0xff, sizeof(buf));
    ck_assert_uint_eq(address_space_read(as, 0x10000, UNSPEC, buf, 8), MEMTX_DECODE_ERROR);
    assert_bytes(buf, 0, 0, 0, 0, 0, 0, 0, 0);
    assert_log("Invalid read at addr 0x10000, size 4, region '(null)', reason: rejected\n"
               "Invalid read at addr 0x10004, size 4, region '(null)', reason: rejected\n");

    ck_assert_uint_eq(address_space_read(as, 0x1000A001, UNSPEC, buf, 4), MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x1000A001, size 1, region '(null)', reason: rejected\n"
               "Invalid read at addr 0x1000A002, size 2, region '(null)', reason: rejected\n"
               "Invalid read at addr 0x1000A004, size 1, region '(null)', reason: rejected\n");

    ck_assert_uint_eq(address_space_write(as, 0x10000, UNSPEC, "abcd", 4), MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x10000, size 4, region '(null)', reason: rejected\n");

    ck_assert_uint_eq(address_space_ldl_le(as, 0x20000, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_ldub(as, 0x20003, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_ldq_le(as, 0x20008, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    address_space_stl_le(as, 0x20000, 0x1234, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x20000, size 4, region '(null)', reason: rejected\n"
               "Invalid read at addr 0x20003, size 1, region '(null)', reason: rejected\n"
               "Invalid read at addr 0x20008, size 8, region '(null)', reason: rejected\n"
               "Invalid write at addr 0x20000, size 4, region '(null)', reason: rejected\n");

    /* A NULL result pointer is allowed. */
    ck_assert_uint_eq(address_space_ldl_le(as, 0x20000, UNSPEC, NULL), 0);
    g_free(memtest_log_take());

    /* RAM, then unassigned: the RAM bytes are read, the rest is 0. */
    memcpy((uint8_t *)memory_region_get_ram_ptr(ram) + 0xffe, "\x5a\x5b", 2);
    memset(buf, 0xff, sizeof(buf));
    ck_assert_uint_eq(address_space_read(as, 0xffe, UNSPEC, buf, 4), MEMTX_DECODE_ERROR);
    assert_bytes(buf, 0x5a, 0x5b, 0, 0, 0xff);
    assert_log("Invalid read at addr 0x1000, size 2, region '(null)', reason: rejected\n");
}
END_TEST

/* ---- lookup hints ------------------------------------------------------------ */

/* flatview_lookup answers from the range found last and the gap missed
 * last; both are only hints: a view changed under them (a region added
 * into the gap, one removed) must still give the right region. */
START_TEST(test_lookup_hints)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *a = memtest_ram("a", 0x1000), *b = memtest_ram("b", 0x1000);
    MemoryRegion *c = memtest_ram("c", 0x1000);
    AddressSpace *as;
    MemTxResult r;

    memset(memory_region_get_ram_ptr(a), 0xaa, 0x1000);
    memset(memory_region_get_ram_ptr(b), 0xbb, 0x1000);
    memset(memory_region_get_ram_ptr(c), 0xcc, 0x1000);
    memtest_add(sys, 0x1000, a, 0);
    memtest_add(sys, 0x3000, b, 0);
    as = memtest_as(sys, "as");
    memtest_log_begin(LOG_GUEST_ERROR);

    /* Hits alternating between ranges, misses in each of the three gaps. */
    for (int i = 0; i < 3; i++) {
        ck_assert_uint_eq(address_space_ldub(as, 0x1800, UNSPEC, &r), 0xaa);
        ck_assert_uint_eq(address_space_ldub(as, 0x2000, UNSPEC, &r), 0);
        ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
        ck_assert_uint_eq(address_space_ldub(as, 0x2fff, UNSPEC, &r), 0);
        ck_assert_uint_eq(address_space_ldub(as, 0x3fff, UNSPEC, &r), 0xbb);
        ck_assert_uint_eq(address_space_ldub(as, 0x0fff, UNSPEC, &r), 0);
        ck_assert_uint_eq(address_space_ldub(as, 0x4000, UNSPEC, &r), 0);
        ck_assert_uint_eq(address_space_ldub(as, 0x1000, UNSPEC, &r), 0xaa);
    }

    /* The gap just missed gets a region. */
    ck_assert_uint_eq(address_space_ldub(as, 0x2800, UNSPEC, &r), 0);
    memtest_add(sys, 0x2000, c, 0);
    ck_assert_uint_eq(address_space_ldub(as, 0x2800, UNSPEC, &r), 0xcc);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(address_space_ldub(as, 0x3000, UNSPEC, &r), 0xbb);

    /* The range just hit goes away. */
    memory_region_del_subregion(sys, c);
    ck_assert_uint_eq(address_space_ldub(as, 0x2800, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_ldub(as, 0x1fff, UNSPEC, &r), 0xaa);
    g_free(memtest_log_take());
}
END_TEST

/* ---- ROM and RAM ------------------------------------------------------------ */

/* A ROM's writes go to its ops (unassigned_mem_ops): dropped with
 * MEMTX_DECODE_ERROR and a guest error at the offset in the ROM. */
START_TEST(test_rom_write_dropped)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *rom = memtest_rom("rom", 0x1000);
    AddressSpace *as;
    uint8_t *p, buf[8];
    MemTxResult r;

    memtest_add(sys, 0x2000, rom, 0);
    as = memtest_as(sys, "as");
    p = memory_region_get_ram_ptr(rom);
    ck_assert_ptr_nonnull(p);
    ck_assert(memory_region_is_rom(rom));
    ck_assert(memory_region_is_ram(rom));
    for (int i = 0; i < 0x1000; i++) {
        p[i] = (uint8_t)(0xa0 + i);
    }
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(address_space_read(as, 0x2000, UNSPEC, buf, 4), MEMTX_OK);
    assert_bytes(buf, 0xa0, 0xa1, 0xa2, 0xa3);
    ck_assert_uint_eq(address_space_ldl_le(as, 0x2000, UNSPEC, &r), 0xa3a2a1a0);
    ck_assert_uint_eq(r, MEMTX_OK);

    ck_assert_uint_eq(address_space_write(as, 0x2000, UNSPEC, "\1\2\3\4", 4), MEMTX_DECODE_ERROR);
    assert_bytes(p, 0xa0, 0xa1, 0xa2, 0xa3);
    assert_log("Invalid write at addr 0x0, size 4, region 'rom', reason: rejected\n");

    ck_assert_uint_eq(address_space_write(as, 0x2008, UNSPEC, "12345678", 8), MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x8, size 4, region 'rom', reason: rejected\n"
               "Invalid write at addr 0xC, size 4, region 'rom', reason: rejected\n");

    address_space_stl_le(as, 0x2004, 0x11223344, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    address_space_stb(as, 0x2001, 0x55, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x4, size 4, region 'rom', reason: rejected\n"
               "Invalid write at addr 0x1, size 1, region 'rom', reason: rejected\n");
    assert_bytes(p, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7);
}
END_TEST

/*
 * RAM through aliases.  memory_access_is_direct looks at the target region
 * only, so a write through a readonly alias (or a readonly container) of RAM
 * reaches the RAM, although the FlatRange is readonly; a ROM stays
 * read-only through a writable alias; set_readonly on the RAM itself makes
 * its writes go to its (unassigned) ops.
 */
START_TEST(test_ram_through_aliases)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *r = memtest_ram("r", 0x4000);
    MemoryRegion *a = memtest_alias("a", r, 0x1000, 0x1000);
    MemoryRegion *ra = memtest_alias("ra", r, 0x2000, 0x1000);
    MemoryRegion *roc = memtest_container("roc", 0x1000);
    MemoryRegion *ca = memtest_alias("ca", r, 0x3000, 0x1000);
    MemoryRegion *rom = memtest_rom("rom", 0x1000);
    MemoryRegion *romal = memtest_alias("romal", rom, 0, 0x1000);
    AddressSpace *as;
    uint8_t *p, buf[8];
    MemTxResult res;

    memtest_add(sys, 0x8000, a, 0);
    memtest_add(sys, 0x9000, ra, 0);
    memtest_add(roc, 0, ca, 0);
    memtest_add(sys, 0xa000, roc, 0);
    memtest_add(sys, 0xb000, romal, 0);
    memory_region_set_readonly(ra, true);
    memory_region_set_readonly(roc, true);
    as = memtest_as(sys, "as");
    /* ra and ca are contiguous in r with equal attributes: one range. */
    memtest_assert_as(as, "8000-8fff r @1000\n9000-afff r @2000 ro\n"
                          "b000-bfff rom @0 ro\n");
    p = memory_region_get_ram_ptr(r);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(p[0x1010], 0);      /* RAM starts zeroed */
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(address_space_write(as, 0x8010, UNSPEC, "abcd", 4), MEMTX_OK);
    ck_assert(memcmp(p + 0x1010, "abcd", 4) == 0);
    ck_assert_uint_eq(address_space_read(as, 0x8010, UNSPEC, buf, 4), MEMTX_OK);
    ck_assert(memcmp(buf, "abcd", 4) == 0);

    ck_assert_uint_eq(address_space_write(as, 0x9020, UNSPEC, "wxyz", 4), MEMTX_OK);
    ck_assert(memcmp(p + 0x2020, "wxyz", 4) == 0);
    address_space_stl_le(as, 0x9040, 0x11223344, UNSPEC, &res);
    ck_assert_uint_eq(res, MEMTX_OK);
    assert_bytes(p + 0x2040, 0x44, 0x33, 0x22, 0x11);
    ck_assert_uint_eq(address_space_write(as, 0xa008, UNSPEC, "AB", 2), MEMTX_OK);
    ck_assert(memcmp(p + 0x3008, "AB", 2) == 0);
    assert_log("");

    ck_assert_uint_eq(address_space_write(as, 0xb000, UNSPEC, "abcd", 4), MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x0, size 4, region 'rom', reason: rejected\n");

    memory_region_set_readonly(r, true);
    ck_assert_uint_eq(address_space_write(as, 0x8010, UNSPEC, "efgh", 4), MEMTX_DECODE_ERROR);
    ck_assert(memcmp(p + 0x1010, "abcd", 4) == 0);
    assert_log("Invalid write at addr 0x1010, size 4, region 'r', reason: rejected\n");
    ck_assert_uint_eq(address_space_read(as, 0x8010, UNSPEC, buf, 4), MEMTX_OK);
    ck_assert(memcmp(buf, "abcd", 4) == 0);
}
END_TEST

/* Adjacent RAM regions: one address_space_read/write crosses them. */
START_TEST(test_ram_adjacent_regions)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *r1 = memtest_ram("r1", 0x1000);
    MemoryRegion *r2 = memtest_ram("r2", 0x1000);
    AddressSpace *as;
    uint8_t buf[8];
    MemTxResult res;

    memtest_add(sys, 0, r1, 0);
    memtest_add(sys, 0x1000, r2, 0);
    as = memtest_as(sys, "as");
    ck_assert_uint_eq(address_space_write(as, 0xffc, UNSPEC, "01234567", 8), MEMTX_OK);
    ck_assert(memcmp((uint8_t *)memory_region_get_ram_ptr(r1) + 0xffc, "0123", 4) == 0);
    ck_assert(memcmp(memory_region_get_ram_ptr(r2), "4567", 4) == 0);
    ck_assert_uint_eq(address_space_read(as, 0xffd, UNSPEC, buf, 6), MEMTX_OK);
    ck_assert(memcmp(buf, "123456", 6) == 0);

    address_space_stq_le(as, 0x10, 0x8877665544332211ULL, UNSPEC, &res);
    ck_assert_uint_eq(res, MEMTX_OK);
    ck_assert_uint_eq(address_space_ldl_le(as, 0x14, UNSPEC, &res), 0x88776655);
    ck_assert_uint_eq(address_space_lduw_le(as, 0x11, UNSPEC, &res), 0x3322);
    ck_assert_uint_eq(address_space_ldub(as, 0x17, UNSPEC, &res), 0x88);
    ck_assert_uint_eq(address_space_ldq_le(as, 0x10, UNSPEC, &res), 0x8877665544332211ULL);
    address_space_stw_le(as, 0x13, 0xbeef, UNSPEC, &res);
    address_space_stb(as, 0x15, 0x1ab, UNSPEC, &res);
    ck_assert_uint_eq(address_space_ldq_le(as, 0x10, UNSPEC, &res), 0x8877abbeef332211ULL);
}
END_TEST

/* ---- splitting --------------------------------------------------------------- */

/* address_space_read/write cut MMIO accesses as memory_access_size does:
 * at most valid.max_access_size (0 means 4), bounded by the alignment of the
 * offset in the region unless impl.unaligned, rounded down to a power of 2. */
START_TEST(test_read_write_split)
{
    static const MemoryRegionOps ops8 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.max_access_size = 8, .impl.max_access_size = 8,
    };
    static const MemoryRegionOps ops_u = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.unaligned = true, .impl.unaligned = true,
    };
    MemoryRegion *sys = sys_root();
    MemtestDev *dev = memtest_dev_new("dev");
    MemtestDev *dev8 = memtest_dev_new("dev8");
    MemtestDev *devu = memtest_dev_new("devu");
    MemoryRegion *m = memtest_io("dev", 0x100, &dev_ops, dev);
    MemoryRegion *m8 = memtest_io("dev8", 0x100, &ops8, dev8);
    MemoryRegion *mu = memtest_io("devu", 0x100, &ops_u, devu);
    static const MemoryRegionOps ops_vu = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.unaligned = true,
    };
    static const MemoryRegionOps ops_iu = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .impl.unaligned = true,
    };
    MemtestDev *devvu = memtest_dev_new("devvu");
    MemtestDev *deviu = memtest_dev_new("deviu");
    AddressSpace *as;
    uint8_t buf[8];

    memtest_add(sys, 0x6000, memtest_io("devvu", 0x100, &ops_vu, devvu), 0);
    memtest_add(sys, 0x7000, memtest_io("deviu", 0x100, &ops_iu, deviu), 0);
    memtest_add(sys, 0x1000, m, 0);
    memtest_add(sys, 0x2000, m8, 0);
    memtest_add(sys, 0x4000, mu, 0);
    as = memtest_as(sys, "as");

    ck_assert_uint_eq(memory_access_size(m, 8, 1), 1);
    ck_assert_uint_eq(memory_access_size(m, 7, 2), 2);
    ck_assert_uint_eq(memory_access_size(m, 5, 4), 4);
    ck_assert_uint_eq(memory_access_size(m, 8, 8), 4);
    ck_assert_uint_eq(memory_access_size(m, 3, 0), 2);
    ck_assert_uint_eq(memory_access_size(m, 8, 0), 4);
    ck_assert_uint_eq(memory_access_size(m8, 8, 0), 8);
    ck_assert_uint_eq(memory_access_size(m8, 8, 4), 4);
    ck_assert_uint_eq(memory_access_size(m8, 6, 8), 4);
    ck_assert_uint_eq(memory_access_size(mu, 8, 1), 4);
    ck_assert_uint_eq(memory_access_size(mu, 3, 1), 2);

    ck_assert_uint_eq(address_space_read(as, 0x1001, UNSPEC, buf, 8), MEMTX_OK);
    assert_calls(dev, "read 0x1 1 -> 0x11\nread 0x2 2 -> 0x1312\n"
                      "read 0x4 4 -> 0x17161514\nread 0x8 1 -> 0x18\n");
    assert_bytes(buf, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18);

    ck_assert_uint_eq(address_space_read(as, 0x1000, UNSPEC, buf, 3), MEMTX_OK);
    assert_calls(dev, "read 0x0 2 -> 0x1110\nread 0x2 1 -> 0x12\n");
    ck_assert_uint_eq(address_space_read(as, 0x1008, UNSPEC, buf, 8), MEMTX_OK);
    assert_calls(dev, "read 0x8 4 -> 0x1b1a1918\nread 0xc 4 -> 0x1f1e1d1c\n");

    ck_assert_uint_eq(address_space_write(as, 0x1001, UNSPEC,
                                          "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8", 8), MEMTX_OK);
    assert_calls(dev, "write 0x1 1 <- 0xa1\nwrite 0x2 2 <- 0xa3a2\n"
                      "write 0x4 4 <- 0xa7a6a5a4\nwrite 0x8 1 <- 0xa8\n");

    ck_assert_uint_eq(address_space_read(as, 0x2000, UNSPEC, buf, 8), MEMTX_OK);
    assert_calls(dev8, "read 0x0 8 -> 0x1716151413121110\n");
    ck_assert_uint_eq(address_space_read(as, 0x2004, UNSPEC, buf, 8), MEMTX_OK);
    assert_calls(dev8, "read 0x4 4 -> 0x17161514\nread 0x8 4 -> 0x1b1a1918\n");

    ck_assert_uint_eq(address_space_read(as, 0x4001, UNSPEC, buf, 8), MEMTX_OK);
    assert_calls(devu, "read 0x1 4 -> 0x14131211\nread 0x5 4 -> 0x18171615\n");
    assert_bytes(buf, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18);

    /* The alignment bound follows impl.unaligned, not valid.unaligned: */
    ck_assert_uint_eq(address_space_read(as, 0x6001, UNSPEC, buf, 4), MEMTX_OK);
    assert_calls(devvu, "read 0x1 1 -> 0x11\nread 0x2 2 -> 0x1312\nread 0x4 1 -> 0x14\n");
    /* ... so impl.unaligned without valid.unaligned makes an unaligned
     * chunk that .valid then rejects. */
    memtest_log_begin(LOG_GUEST_ERROR);
    memset(buf, 0xff, sizeof(buf));
    ck_assert_uint_eq(address_space_read(as, 0x7001, UNSPEC, buf, 4), MEMTX_DECODE_ERROR);
    assert_bytes(buf, 0, 0, 0, 0, 0xff);
    assert_calls(deviu, "");
    assert_log("Invalid read at addr 0x1, size 4, region 'deviu', reason: unaligned\n");
}
END_TEST

/* Through an alias the device sees offsets in itself; the trace line shows
 * the device's absolute address (its own containers, not the alias's). */
START_TEST(test_mmio_through_alias_and_trace)
{
    MemoryRegion *sys = sys_root();
    MemoryRegion *k = memtest_container("k", 0x10000);
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *m = memtest_io("dev", 0x100, &dev_ops, dev);
    MemoryRegion *loose = memtest_io("loose", 0x100, &dev_ops, dev);
    AddressSpace *as;
    uint8_t buf[8];
    char *exp;

    memtest_add(k, 0x100, m, 0);
    memtest_add(sys, 0x10000, k, 0);
    memtest_add(sys, 0x5000, memtest_alias("al", loose, 0x10, 0x20), 0);
    as = memtest_as(sys, "as");
    memtest_log_begin(LOG_TRACE);
    trace_enable_events("memory_region_ops_*");

    ck_assert_uint_eq(address_space_read(as, 0x10101, UNSPEC, buf, 8), MEMTX_OK);
    exp = memtest_gc(g_strdup_printf(
        "memory_region_ops_read cpu -1 mr %p addr 0x10101 value 0x11 size 1 name 'dev'\n"
        "memory_region_ops_read cpu -1 mr %p addr 0x10102 value 0x1312 size 2 name 'dev'\n"
        "memory_region_ops_read cpu -1 mr %p addr 0x10104 value 0x17161514 size 4 name 'dev'\n"
        "memory_region_ops_read cpu -1 mr %p addr 0x10108 value 0x18 size 1 name 'dev'\n",
        (void *)m, (void *)m, (void *)m, (void *)m));
    assert_log(exp);
    memtest_dev_clear_calls(dev);

    ck_assert_uint_eq(address_space_read(as, 0x5004, UNSPEC, buf, 4), MEMTX_OK);
    assert_calls(dev, "read 0x14 4 -> 0x27262524\n");
    assert_bytes(buf, 0x24, 0x25, 0x26, 0x27);
    address_space_stw_le(as, 0x5006, 0xabcd, UNSPEC, NULL);
    assert_calls(dev, "write 0x16 2 <- 0xabcd\n");
    exp = memtest_gc(g_strdup_printf(
        "memory_region_ops_read cpu -1 mr %p addr 0x14 value 0x27262524 size 4 name 'loose'\n"
        "memory_region_ops_write cpu -1 mr %p addr 0x16 value 0xabcd size 2 name 'loose'\n",
        (void *)loose, (void *)loose));
    assert_log(exp);
}
END_TEST

/* ---- ld/st ---------------------------------------------------------------------- */

/* address_space_ld*, address_space_st* make one dispatch of the full size (no
 * memory_access_size), so .valid decides about the whole access. */
START_TEST(test_ld_st_single_dispatch)
{
    static const MemoryRegionOps ops_u = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.unaligned = true,
    };
    static const MemoryRegionOps ops8 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.max_access_size = 8, .impl.max_access_size = 4,
    };
    static const MemoryRegionOps ops4 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.max_access_size = 4,
    };
    MemoryRegion *sys = sys_root();
    MemtestDev *dev = memtest_dev_new("dev");
    MemtestDev *devu = memtest_dev_new("devu");
    MemtestDev *dev8 = memtest_dev_new("dev8");
    MemtestDev *dev4 = memtest_dev_new("dev4");
    AddressSpace *as;
    MemTxResult r;
    uint8_t buf[4];

    memtest_add(sys, 0x1000, memtest_io("dev", 0x100, &dev_ops, dev), 0);
    memtest_add(sys, 0x2000, memtest_io("devu", 0x100, &ops_u, devu), 0);
    memtest_add(sys, 0x3000, memtest_io("dev8", 0x100, &ops8, dev8), 0);
    memtest_add(sys, 0x4000, memtest_io("dev4", 0x100, &ops4, dev4), 0);
    as = memtest_as(sys, "as");
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(address_space_ldl_le(as, 0x1001, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x1, size 4, region 'dev', reason: unaligned\n");
    assert_calls(dev, "");
    /* The same bytes with address_space_read: split, valid. */
    ck_assert_uint_eq(address_space_read(as, 0x1001, UNSPEC, buf, 4), MEMTX_OK);
    assert_calls(dev, "read 0x1 1 -> 0x11\nread 0x2 2 -> 0x1312\nread 0x4 1 -> 0x14\n");

    ck_assert_uint_eq(address_space_ldl_le(as, 0x2001, UNSPEC, &r), 0x14131211);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(devu, "read 0x1 4 -> 0x14131211\n");
    ck_assert_uint_eq(address_space_lduw_le(as, 0x2003, UNSPEC, &r), 0x1413);
    assert_calls(devu, "read 0x3 2 -> 0x1413\n");
    address_space_stw_le(as, 0x2002, 0xbeef, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(devu, "write 0x2 2 <- 0xbeef\n");

    ck_assert_uint_eq(address_space_ldq_le(as, 0x3000, UNSPEC, &r), 0x1716151413121110ULL);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev8, "read 0x0 4 -> 0x13121110\nread 0x4 4 -> 0x17161514\n");
    address_space_stq_le(as, 0x3008, 0x1122334455667788ULL, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev8, "write 0x8 4 <- 0x55667788\nwrite 0xc 4 <- 0x11223344\n");

    ck_assert_uint_eq(address_space_ldq_le(as, 0x4000, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x0, size 8, region 'dev4', reason: invalid size (min:0 max:4)\n");
    assert_calls(dev4, "");

    address_space_stb(as, 0x1005, 0x1ab, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "write 0x5 1 <- 0xab\n");
    address_space_stl_le(as, 0x1008, 0xcafe, UNSPEC, &r);
    assert_calls(dev, "write 0x8 4 <- 0xcafe\n");
    assert_log("");
}
END_TEST

/*
 * An ld/st that runs past the end of RAM: the translation clamps the length
 * to the RAM range, l < size, so QEMU dispatches the whole access to the RAM
 * region's ops -- unassigned_mem_ops: 0 and MEMTX_DECODE_ERROR, nothing
 * reaches the next region.  MMIO is not clamped: the device gets an access
 * that runs past its end.
 */
START_TEST(test_ld_across_region_end)
{
    static const MemoryRegionOps ops_u = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.unaligned = true,
    };
    MemoryRegion *sys = sys_root();
    MemoryRegion *ram = memtest_ram("ram", 0x1000);
    MemoryRegion *ram2 = memtest_ram("ram2", 0x1000);
    MemoryRegion *ram3 = memtest_ram("ram3", 0x1000);
    MemtestDev *dev = memtest_dev_new("mmio");
    AddressSpace *as;
    uint8_t *p = NULL, buf[4];
    MemTxResult r;

    memtest_add(sys, 0, ram, 0);
    memtest_add(sys, 0x1000, memtest_io("mmio", 0x100, &ops_u, dev), 0);
    memtest_add(sys, 0x1100, ram2, 0);
    memtest_add(sys, 0x3000, ram3, 0);
    as = memtest_as(sys, "as");
    p = memory_region_get_ram_ptr(ram);
    memcpy(p + 0xffc, "\x01\x02\x03\x04", 4);
    memcpy(memory_region_get_ram_ptr(ram2), "\x21\x22", 2);
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(address_space_ldl_le(as, 0xffe, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_ldq_le(as, 0xffc, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    ck_assert_uint_eq(address_space_lduw_le(as, 0xfff, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    address_space_stl_le(as, 0xffe, 0x11223344, UNSPEC, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_bytes(p + 0xffc, 0x01, 0x02, 0x03, 0x04);
    assert_log("Invalid read at addr 0xFFE, size 4, region 'ram', reason: rejected\n"
               "Invalid read at addr 0xFFC, size 8, region 'ram', reason: rejected\n"
               "Invalid read at addr 0xFFF, size 2, region 'ram', reason: rejected\n"
               "Invalid write at addr 0xFFE, size 4, region 'ram', reason: rejected\n");
    assert_calls(dev, "");

    /* Fully inside RAM: direct. */
    ck_assert_uint_eq(address_space_ldl_le(as, 0xffc, UNSPEC, &r), 0x04030201);
    ck_assert_uint_eq(r, MEMTX_OK);

    /* address_space_read splits instead. */
    ck_assert_uint_eq(address_space_read(as, 0xffe, UNSPEC, buf, 4), MEMTX_OK);
    assert_bytes(buf, 0x03, 0x04, 0x10, 0x11);
    assert_calls(dev, "read 0x0 2 -> 0x1110\n");

    /* MMIO is not clamped: one 4-byte access at 0xfe of a 0x100 region. */
    ck_assert_uint_eq(address_space_ldl_le(as, 0x10fe, UNSPEC, &r), 0x11100f0e);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0xfe 4 -> 0x11100f0e\n");
    ck_assert_uint_eq(address_space_read(as, 0x10fe, UNSPEC, buf, 4), MEMTX_OK);
    assert_calls(dev, "read 0xfe 2 -> 0xf0e\n");
    assert_bytes(buf, 0x0e, 0x0f, 0x21, 0x22);

    /* RAM followed by nothing: the same. */
    memcpy((uint8_t *)memory_region_get_ram_ptr(ram3) + 0xffe, "\x31\x32", 2);
    ck_assert_uint_eq(address_space_ldl_le(as, 0x3ffe, UNSPEC, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0xFFE, size 4, region 'ram3', reason: rejected\n");
}
END_TEST

/* ---- ROM devices ------------------------------------------------------------------ */

/* A ROM device in romd mode (the default) is read from its RAM and written
 * through its ops; out of romd mode both go to the ops. */
START_TEST(test_rom_device_romd)
{
    MemoryRegion *sys = sys_root();
    MemtestDev *dev = memtest_dev_new("romdev");
    MemoryRegion *rd = memtest_romdev("romdev", 0x1000, &dev_ops, dev);
    AddressSpace *as;
    uint8_t *p, buf[4];
    MemTxResult r;
    FlatView *fv;

    memtest_add(sys, 0x3000, rd, 0);
    as = memtest_as(sys, "as");
    p = memory_region_get_ram_ptr(rd);
    ck_assert_ptr_nonnull(p);
    for (int i = 0; i < 0x1000; i++) {
        p[i] = (uint8_t)(0xc0 + i);
    }
    ck_assert(rd->romd_mode);
    ck_assert(memory_region_is_romd(rd));
    ck_assert(!memory_region_is_ram(rd));
    fv = address_space_to_flatview(as);
    ck_assert_uint_eq(fv->nr, 1);
    ck_assert(fv->ranges[0].romd_mode);

    ck_assert_uint_eq(address_space_read(as, 0x3010, UNSPEC, buf, 4), MEMTX_OK);
    assert_bytes(buf, 0xd0, 0xd1, 0xd2, 0xd3);
    ck_assert_uint_eq(address_space_ldl_le(as, 0x3020, UNSPEC, &r), 0xe3e2e1e0);
    assert_calls(dev, "");
    ck_assert_uint_eq(address_space_write(as, 0x3010, UNSPEC, "\1\2\3\4", 4), MEMTX_OK);
    assert_calls(dev, "write 0x10 4 <- 0x4030201\n");
    assert_bytes(p + 0x10, 0xd0, 0xd1, 0xd2, 0xd3);
    address_space_stw_le(as, 0x3040, 0x5566, UNSPEC, &r);
    assert_calls(dev, "write 0x40 2 <- 0x5566\n");

    memory_region_rom_device_set_romd(rd, false);
    ck_assert(!memory_region_is_romd(rd));
    fv = address_space_to_flatview(as);
    ck_assert(!fv->ranges[0].romd_mode);
    ck_assert_uint_eq(address_space_read(as, 0x3010, UNSPEC, buf, 4), MEMTX_OK);
    assert_bytes(buf, 0x01, 0x02, 0x03, 0x04);
    assert_calls(dev, "read 0x10 4 -> 0x4030201\n");
    ck_assert_uint_eq(address_space_ldl_le(as, 0x3020, UNSPEC, &r), 0x33323130);
    assert_calls(dev, "read 0x20 4 -> 0x33323130\n");

    memory_region_rom_device_set_romd(rd, true);
    ck_assert_uint_eq(address_space_ldl_le(as, 0x3020, UNSPEC, &r), 0xe3e2e1e0);
    assert_calls(dev, "");
}
END_TEST

/* ---- MemTxAttrs.memory ------------------------------------------------------------- */

/* flatview_access_allowed: with attrs.memory set, only RAM may be accessed. */
START_TEST(test_attrs_memory_only_ram)
{
    MemoryRegion *sys = sys_root();
    MemtestDev *dev = memtest_dev_new("dev");
    AddressSpace *as;
    MemTxAttrs mem = { .memory = 1 };
    uint8_t buf[4];

    memtest_add(sys, 0, memtest_ram("ram", 0x1000), 0);
    memtest_add(sys, 0x1000, memtest_io("dev", 0x100, &dev_ops, dev), 0);
    as = memtest_as(sys, "as");
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(address_space_read(as, 0x10, mem, buf, 4), MEMTX_OK);
    ck_assert_uint_eq(address_space_read(as, 0x1004, mem, buf, 4), MEMTX_ACCESS_ERROR);
    assert_calls(dev, "");
    assert_log("Invalid access to non-RAM device at addr 0x1004, size 4, region 'dev'\n");
    ck_assert_uint_eq(address_space_write(as, 0x1004, mem, buf, 2), MEMTX_ACCESS_ERROR);
    assert_log("Invalid access to non-RAM device at addr 0x1004, size 2, region 'dev'\n");
    assert_calls(dev, "");
}
END_TEST

static Suite *physmem_suite(void)
{
    Suite *s = suite_create("physmem");
    TCase *tc = tcase_create("physmem");

    tcase_add_checked_fixture(tc, memtest_setup, memtest_teardown);
    tcase_add_test(tc, test_unassigned);
    tcase_add_test(tc, test_rom_write_dropped);
    tcase_add_test(tc, test_ram_through_aliases);
    tcase_add_test(tc, test_ram_adjacent_regions);
    tcase_add_test(tc, test_read_write_split);
    tcase_add_test(tc, test_mmio_through_alias_and_trace);
    tcase_add_test(tc, test_ld_st_single_dispatch);
    tcase_add_test(tc, test_ld_across_region_end);
    tcase_add_test(tc, test_rom_device_romd);
    tcase_add_test(tc, test_attrs_memory_only_ram);
    tcase_add_test(tc, test_lookup_hints);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(physmem_suite());
}
