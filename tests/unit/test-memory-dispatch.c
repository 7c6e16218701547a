/*
 * Dispatch to MemoryRegionOps with QEMU 7.2's semantics (softmmu/memory.c:
 * memory_region_access_valid, memory_region_dispatch_read/write,
 * access_with_adjusted_size, adjust_endianness, the four accessors and
 * their memory_region_ops_read/write trace events).
 *
 * The test device (memtest.c) answers a read of N bytes at A with the
 * little-endian value of mem[A..A+N), mem[i] = 0x10 + i, unless it is given
 * fixed per-address answers.  Every call is recorded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "tests/unit/memtest.h"


static uint64_t rd(MemoryRegion *mr, hwaddr addr, unsigned size, MemTxResult *res)
{
    uint64_t v = 0xdeadbeefcafef00dULL;
    *res = memory_region_dispatch_read(mr, addr, &v, size, UNSPEC);
    return v;
}

/* ---- .valid ---------------------------------------------------------------- */

/* valid.accepts is asked first; a refusal logs "reason: rejected", reads 0
 * and returns MEMTX_DECODE_ERROR without calling the device. */
START_TEST(test_valid_accepts)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.accepts = memtest_dev_accepts,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxAttrs sec = { .secure = 1 };
    MemTxResult r;
    uint64_t v;

    dev->reject_addr = 0x10;
    memtest_log_begin(LOG_GUEST_ERROR);

    ck_assert_uint_eq(rd(mr, 0x10, 4, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_calls(dev, "accepts 0x10 4 r sec=0\n");
    assert_log("Invalid read at addr 0x10, size 4, region 'dev', reason: rejected\n");

    r = memory_region_dispatch_write(mr, 0x10, 0x55, 4, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_calls(dev, "accepts 0x10 4 w sec=0\n");
    assert_log("Invalid write at addr 0x10, size 4, region 'dev', reason: rejected\n");

    v = 0;
    r = memory_region_dispatch_read(mr, 0x4, &v, 4, sec);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(v, 0x17161514);
    assert_calls(dev, "accepts 0x4 4 r sec=1\nread 0x4 4 -> 0x17161514\n");
    assert_log("");

    /* accepts is checked before alignment. */
    dev->accept = false;
    ck_assert_uint_eq(rd(mr, 0x3, 2, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x3, size 2, region 'dev', reason: rejected\n");
    assert_calls(dev, "accepts 0x3 2 r sec=0\n");

    /* memory_region_access_valid itself. */
    ck_assert(!memory_region_access_valid(mr, 0x8, 1, true, UNSPEC));
    assert_log("Invalid write at addr 0x8, size 1, region 'dev', reason: rejected\n");
    dev->accept = true;
    ck_assert(memory_region_access_valid(mr, 0x8, 1, true, UNSPEC));
    assert_log("");
    memtest_dev_clear_calls(dev);

    /* Without -d guest_errors nothing is logged, the result is the same. */
    qemu_set_log(0);
    ck_assert_uint_eq(rd(mr, 0x10, 4, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("");
}
END_TEST

/* valid.unaligned false: addr & (size - 1) must be 0 (addr printed %PRIX). */
START_TEST(test_valid_unaligned)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    static const MemoryRegionOps ops_u = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.unaligned = true,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemtestDev *devu = memtest_dev_new("devu");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemoryRegion *mru = memtest_io("devu", 0x100, &ops_u, devu);
    MemTxResult r;

    memtest_log_begin(LOG_GUEST_ERROR);
    ck_assert_uint_eq(rd(mr, 0x3, 2, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x3, size 2, region 'dev', reason: unaligned\n");
    rd(mr, 0xB, 4, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0xB, size 4, region 'dev', reason: unaligned\n");
    r = memory_region_dispatch_write(mr, 0x6, 0, 4, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x6, size 4, region 'dev', reason: unaligned\n");
    assert_calls(dev, "");

    ck_assert_uint_eq(rd(mr, 0x5, 1, &r), 0x15);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(rd(mr, 0x2, 2, &r), 0x1312);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x5 1 -> 0x15\nread 0x2 2 -> 0x1312\n");

    ck_assert_uint_eq(rd(mru, 0x3, 2, &r), 0x1413);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(rd(mru, 0x1, 4, &r), 0x14131211);
    assert_calls(devu, "read 0x3 2 -> 0x1413\nread 0x1 4 -> 0x14131211\n");
    assert_log("");
}
END_TEST

/* valid.min/max_access_size: the message prints both bounds; alignment is
 * checked first. */
START_TEST(test_valid_sizes)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.min_access_size = 2, .valid.max_access_size = 4,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxResult r;

    memtest_log_begin(LOG_GUEST_ERROR);
    ck_assert_uint_eq(rd(mr, 0x0, 1, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x0, size 1, region 'dev', reason: invalid size (min:2 max:4)\n");
    ck_assert_uint_eq(rd(mr, 0x8, 8, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x8, size 8, region 'dev', reason: invalid size (min:2 max:4)\n");
    r = memory_region_dispatch_write(mr, 0x1, 0, 1, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x1, size 1, region 'dev', reason: invalid size (min:2 max:4)\n");
    rd(mr, 0x4, 8, &r);
    assert_log("Invalid read at addr 0x4, size 8, region 'dev', reason: unaligned\n");
    assert_calls(dev, "");

    ck_assert_uint_eq(rd(mr, 0x2, 2, &r), 0x1312);
    ck_assert_uint_eq(rd(mr, 0x4, 4, &r), 0x17161514);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x2 2 -> 0x1312\nread 0x4 4 -> 0x17161514\n");
    assert_log("");
}
END_TEST

/* valid.max_access_size 0 means every size is valid, even below min. */
START_TEST(test_valid_max_zero_all_valid)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.min_access_size = 4,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxResult r;

    memtest_log_begin(LOG_GUEST_ERROR);
    ck_assert_uint_eq(rd(mr, 0x1, 1, &r), 0x11);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(rd(mr, 0x8, 8, &r), 0x1f1e1d1c1b1a1918ULL);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x1 1 -> 0x11\nread 0x8 4 -> 0x1b1a1918\nread 0xc 4 -> 0x1f1e1d1c\n");
    assert_log("");
    /* Alignment is still enforced. */
    rd(mr, 0x1, 2, &r);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x1, size 2, region 'dev', reason: unaligned\n");
}
END_TEST

/* A RAM region's (and a container's) ops are unassigned_mem_ops: dispatching
 * to it is rejected. */
START_TEST(test_dispatch_to_ram_rejected)
{
    MemoryRegion *ram = memtest_ram("ram", 0x1000);
    MemoryRegion *cont = memtest_container("cont", 0x1000);
    MemTxResult r;

    memtest_log_begin(LOG_GUEST_ERROR);
    ck_assert_uint_eq(rd(ram, 0xA0, 4, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0xA0, size 4, region 'ram', reason: rejected\n");
    r = memory_region_dispatch_write(cont, 0x10, 1, 2, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid write at addr 0x10, size 2, region 'cont', reason: rejected\n");
    /* memory_region_init_io with NULL ops gets unassigned_mem_ops too. */
    ck_assert_uint_eq(rd(memtest_io("nullops", 0x100, NULL, NULL), 0x8, 1, &r), 0);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x8, size 1, region 'nullops', reason: rejected\n");
}
END_TEST

/* ---- .impl ------------------------------------------------------------------ */

/* impl defaults are 1..4: an 8-byte access is two 4-byte calls at addr and
 * addr+4, combined little-endian; smaller ones are passed through. */
START_TEST(test_impl_defaults)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxResult r;

    ck_assert_uint_eq(rd(mr, 0x8, 8, &r), 0x1f1e1d1c1b1a1918ULL);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x8 4 -> 0x1b1a1918\nread 0xc 4 -> 0x1f1e1d1c\n");
    ck_assert_uint_eq(rd(mr, 0x1, 1, &r), 0x11);
    ck_assert_uint_eq(rd(mr, 0x2, 2, &r), 0x1312);
    ck_assert_uint_eq(rd(mr, 0x4, 4, &r), 0x17161514);
    assert_calls(dev, "read 0x1 1 -> 0x11\nread 0x2 2 -> 0x1312\nread 0x4 4 -> 0x17161514\n");

    r = memory_region_dispatch_write(mr, 0x8, 0x1122334455667788ULL, 8, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "write 0x8 4 <- 0x55667788\nwrite 0xc 4 <- 0x11223344\n");
    memory_region_dispatch_write(mr, 0x3, 0x1ff, 1, UNSPEC);
    assert_calls(dev, "write 0x3 1 <- 0xff\n");
}
END_TEST

/* impl.max_access_size below the access: ascending calls, little-endian. */
START_TEST(test_impl_max_split)
{
    static const MemoryRegionOps ops2 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .impl.max_access_size = 2,
    };
    static const MemoryRegionOps ops4 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.max_access_size = 8, .impl.max_access_size = 4,
    };
    static const MemoryRegionOps ops8 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .valid.max_access_size = 8, .impl.max_access_size = 8,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *m2 = memtest_io("m2", 0x100, &ops2, dev);
    MemoryRegion *m4 = memtest_io("m4", 0x100, &ops4, dev);
    MemoryRegion *m8 = memtest_io("m8", 0x100, &ops8, dev);
    MemTxResult r;

    ck_assert_uint_eq(rd(m2, 0x4, 4, &r), 0x17161514);
    assert_calls(dev, "read 0x4 2 -> 0x1514\nread 0x6 2 -> 0x1716\n");
    ck_assert_uint_eq(rd(m2, 0x0, 8, &r), 0x1716151413121110ULL);
    assert_calls(dev, "read 0x0 2 -> 0x1110\nread 0x2 2 -> 0x1312\n"
                      "read 0x4 2 -> 0x1514\nread 0x6 2 -> 0x1716\n");
    memory_region_dispatch_write(m2, 0x10, 0xaabbccdd, 4, UNSPEC);
    assert_calls(dev, "write 0x10 2 <- 0xccdd\nwrite 0x12 2 <- 0xaabb\n");

    ck_assert_uint_eq(rd(m4, 0x0, 8, &r), 0x1716151413121110ULL);
    assert_calls(dev, "read 0x0 4 -> 0x13121110\nread 0x4 4 -> 0x17161514\n");
    ck_assert_uint_eq(rd(m8, 0x0, 8, &r), 0x1716151413121110ULL);
    assert_calls(dev, "read 0x0 8 -> 0x1716151413121110\n");
}
END_TEST

/* impl.min_access_size above the access: one call of min size at the same
 * (not aligned-down) address; the result is not masked to the access size
 * (access_mask covers the whole device access). */
START_TEST(test_impl_min_widen)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .impl.min_access_size = 4,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxResult r;

    ck_assert_uint_eq(rd(mr, 0x3, 1, &r), 0x16151413);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x3 4 -> 0x16151413\n");
    ck_assert_uint_eq(rd(mr, 0x2, 2, &r), 0x15141312);
    assert_calls(dev, "read 0x2 4 -> 0x15141312\n");
    memory_region_dispatch_write(mr, 0x2, 0xab, 1, UNSPEC);
    assert_calls(dev, "write 0x2 4 <- 0xab\n");
    ck_assert_uint_eq(rd(mr, 0x8, 8, &r), 0x1f1e1d1c1b1a1918ULL);
    assert_calls(dev, "read 0x8 4 -> 0x1b1a1918\nread 0xc 4 -> 0x1f1e1d1c\n");
}
END_TEST

/* Device values wider than the access are masked to the device access size. */
START_TEST(test_impl_value_masked_to_access)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemTxResult r;

    dev->use_fixed = true;
    dev->fixed[0] = 0x1122334455667788ULL;
    dev->fixed[4] = 0x99aabbccddeeff00ULL;
    ck_assert_uint_eq(rd(mr, 0x0, 1, &r), 0x88);
    ck_assert_uint_eq(rd(mr, 0x0, 2, &r), 0x7788);
    ck_assert_uint_eq(rd(mr, 0x0, 4, &r), 0x55667788);
    ck_assert_uint_eq(rd(mr, 0x0, 8, &r), 0xddeeff0055667788ULL);
}
END_TEST

/* ---- endianness ---------------------------------------------------------------- */

/*
 * DEVICE_BIG_ENDIAN: the split still calls the device in ascending address
 * order, but the first chunk lands in the most significant part; then the
 * whole value is byte-swapped (adjust_endianness).  Writes are swapped first
 * and split the same way.  With impl.min above the access, the device value
 * is shifted right instead.
 */
START_TEST(test_big_endian_device)
{
    static const MemoryRegionOps be = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .endianness = DEVICE_BIG_ENDIAN,
        .valid.max_access_size = 8, .impl.max_access_size = 4,
    };
    static const MemoryRegionOps be_min4 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .endianness = DEVICE_BIG_ENDIAN,
        .impl.min_access_size = 4,
    };
    static const MemoryRegionOps le_min4 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .impl.min_access_size = 4,
    };
    static const MemoryRegionOps native = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .endianness = DEVICE_NATIVE_ENDIAN,
        .impl.max_access_size = 4,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mbe = memtest_io("be", 0x100, &be, dev);
    MemoryRegion *mbe4 = memtest_io("be4", 0x100, &be_min4, dev);
    MemoryRegion *mle4 = memtest_io("le4", 0x100, &le_min4, dev);
    MemoryRegion *mnat = memtest_io("nat", 0x100, &native, dev);
    MemTxResult r;

    dev->use_fixed = true;
    dev->fixed[0] = 0x11223344;
    dev->fixed[4] = 0x55667788;

    ck_assert_uint_eq(rd(mbe, 0x0, 8, &r), 0x8877665544332211ULL);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x0 4 -> 0x11223344\nread 0x4 4 -> 0x55667788\n");
    ck_assert_uint_eq(rd(mbe, 0x0, 4, &r), 0x44332211);
    ck_assert_uint_eq(rd(mbe, 0x0, 2, &r), 0x4433);
    ck_assert_uint_eq(rd(mbe, 0x0, 1, &r), 0x44);
    assert_calls(dev, "read 0x0 4 -> 0x11223344\nread 0x0 2 -> 0x11223344\n"
                      "read 0x0 1 -> 0x11223344\n");

    memory_region_dispatch_write(mbe, 0x0, 0x8877665544332211ULL, 8, UNSPEC);
    assert_calls(dev, "write 0x0 4 <- 0x11223344\nwrite 0x4 4 <- 0x55667788\n");
    memory_region_dispatch_write(mbe, 0x8, 0x44332211, 4, UNSPEC);
    assert_calls(dev, "write 0x8 4 <- 0x11223344\n");
    memory_region_dispatch_write(mbe, 0x8, 0x2211, 2, UNSPEC);
    assert_calls(dev, "write 0x8 2 <- 0x1122\n");

    ck_assert_uint_eq(rd(mbe4, 0x0, 1, &r), 0x11);
    ck_assert_uint_eq(rd(mbe4, 0x0, 2, &r), 0x2211);
    assert_calls(dev, "read 0x0 4 -> 0x11223344\nread 0x0 4 -> 0x11223344\n");
    memory_region_dispatch_write(mbe4, 0x0, 0xab, 1, UNSPEC);
    assert_calls(dev, "write 0x0 4 <- 0xab000000\n");
    memory_region_dispatch_write(mbe4, 0x0, 0xabcd, 2, UNSPEC);
    assert_calls(dev, "write 0x0 4 <- 0xcdab0000\n");

    ck_assert_uint_eq(rd(mle4, 0x0, 1, &r), 0x11223344);
    memory_region_dispatch_write(mle4, 0x0, 0xab, 1, UNSPEC);
    assert_calls(dev, "read 0x0 4 -> 0x11223344\nwrite 0x0 4 <- 0xab\n");

    /* Native is the target's: little-endian on x86. */
    ck_assert_uint_eq(rd(mnat, 0x0, 4, &r), 0x11223344);
    ck_assert_uint_eq(rd(mnat, 0x0, 8, &r), 0x5566778811223344ULL);
    assert_calls(dev, "read 0x0 4 -> 0x11223344\nread 0x0 4 -> 0x11223344\n"
                      "read 0x4 4 -> 0x55667788\n");
}
END_TEST

/* ---- *_with_attrs ----------------------------------------------------------------- */

/* read_with_attrs/write_with_attrs are used when read/write are NULL; they
 * get the attributes, and their results are OR-ed over the chunks. */
START_TEST(test_with_attrs)
{
    static const MemoryRegionOps ops = {
        .read_with_attrs = memtest_dev_read_attrs,
        .write_with_attrs = memtest_dev_write_attrs,
    };
    static const MemoryRegionOps both = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .read_with_attrs = memtest_dev_read_attrs,
        .write_with_attrs = memtest_dev_write_attrs,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemoryRegion *mb = memtest_io("both", 0x100, &both, dev);
    MemTxAttrs attrs = { .secure = 1, .requester_id = 0x12 };
    MemTxResult r;
    uint64_t v = 0;

    dev->fail_addr = 0x4;
    dev->fail_result = MEMTX_ERROR;
    r = memory_region_dispatch_read(mr, 0x0, &v, 8, attrs);
    ck_assert_uint_eq(r, MEMTX_ERROR);
    ck_assert_uint_eq(v, 0x1716151413121110ULL);
    assert_calls(dev, "read_attrs 0x0 4 sec=1 req=0x12 -> 0x13121110\n"
                      "read_attrs 0x4 4 sec=1 req=0x12 -> 0x17161514\n");
    r = memory_region_dispatch_read(mr, 0x0, &v, 4, attrs);
    ck_assert_uint_eq(r, MEMTX_OK);
    ck_assert_uint_eq(v, 0x13121110);
    memtest_dev_clear_calls(dev);

    dev->fail_addr2 = 0x0;
    dev->fail_result2 = MEMTX_DECODE_ERROR;
    r = memory_region_dispatch_read(mr, 0x0, &v, 8, attrs);
    ck_assert_uint_eq(r, MEMTX_ERROR | MEMTX_DECODE_ERROR);
    memtest_dev_clear_calls(dev);

    r = memory_region_dispatch_write(mr, 0x4, 0x99, 4, attrs);
    ck_assert_uint_eq(r, MEMTX_ERROR);
    assert_calls(dev, "write_attrs 0x4 4 sec=1 req=0x12 <- 0x99\n");
    r = memory_region_dispatch_write(mr, 0x8, 0x1122334455667788ULL, 8, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "write_attrs 0x8 4 sec=0 req=0x0 <- 0x55667788\n"
                      "write_attrs 0xc 4 sec=0 req=0x0 <- 0x11223344\n");

    /* Both present: the plain callbacks win and results are MEMTX_OK. */
    r = memory_region_dispatch_read(mb, 0x4, &v, 4, attrs);
    ck_assert_uint_eq(r, MEMTX_OK);
    r = memory_region_dispatch_write(mb, 0x4, 0x1, 4, attrs);
    ck_assert_uint_eq(r, MEMTX_OK);
    assert_calls(dev, "read 0x4 4 -> 0x99\nwrite 0x4 4 <- 0x1\n");
}
END_TEST

/* ---- trace events ---------------------------------------------------------------- */

static char *ev(const char *rw, MemoryRegion *mr, uint64_t addr, uint64_t value,
                unsigned size)
{
    return memtest_gc(g_strdup_printf("memory_region_ops_%s cpu -1 mr %p addr 0x%" PRIx64
                           " value 0x%" PRIx64 " size %u name '%s'\n",
                           rw, (void *)mr, addr, value, size, mr->name));
}

/*
 * One memory_region_ops_read/write line per device call: the absolute
 * address (region offset plus the addresses of all its containers), the raw
 * device value of that chunk, the chunk size.  An alias dispatches to its
 * target, so the line names the target at the target's address.
 */
START_TEST(test_trace_ops_events)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    static const MemoryRegionOps be_min4 = {
        .read = memtest_dev_read, .write = memtest_dev_write,
        .endianness = DEVICE_BIG_ENDIAN, .impl.min_access_size = 4,
    };
    static const MemoryRegionOps attrs_ops = {
        .read_with_attrs = memtest_dev_read_attrs,
        .write_with_attrs = memtest_dev_write_attrs,
        .valid.accepts = memtest_dev_accepts,
    };
    MemtestDev *dev = memtest_dev_new("dev");
    MemtestDev *fdev = memtest_dev_new("fixed");
    MemoryRegion *sys = memtest_container("sys", UINT64_MAX);
    MemoryRegion *k = memtest_container("k", 0x10000);
    MemoryRegion *mr = memtest_io("dev", 0x100, &ops, dev);
    MemoryRegion *tdev = memtest_io("tdev", 0x1000, &ops, dev);
    MemoryRegion *tal = memtest_alias("tal", tdev, 0x20, 0x100);
    MemoryRegion *be = memtest_io("be", 0x100, &be_min4, fdev);
    MemoryRegion *wa = memtest_io("wa", 0x100, &attrs_ops, dev);
    MemTxResult r;
    uint64_t v;
    char *e1, *e2, *e3;

    memtest_add(k, 0x100, mr, 0);
    memtest_add(sys, 0x1000, k, 0);
    memtest_add(sys, 0x5000, tal, 0);
    memtest_add(sys, 0x8000, be, 0);
    memtest_add(k, 0x400, wa, 0);
    fdev->use_fixed = true;
    fdev->fixed[0] = 0x11223344;

    memtest_log_begin(LOG_TRACE | LOG_GUEST_ERROR);
    ck_assert_int_eq(trace_enable_events("memory_region_ops_*"), 2);

    memory_region_dispatch_read(mr, 0x8, &v, 8, UNSPEC);
    e1 = ev("read", mr, 0x1108, 0x1b1a1918, 4);
    e2 = ev("read", mr, 0x110c, 0x1f1e1d1c, 4);
    e3 = memtest_gc(g_strconcat(e1, e2, NULL));
    assert_log(e3);

    memory_region_dispatch_write(mr, 0x0, 0xaabbccdd, 4, UNSPEC);
    e1 = ev("write", mr, 0x1100, 0xaabbccdd, 4);
    assert_log(e1);

    memory_region_dispatch_write(mr, 0x10, 0x1122334455667788ULL, 8, UNSPEC);
    e1 = ev("write", mr, 0x1110, 0x55667788, 4);
    e2 = ev("write", mr, 0x1114, 0x11223344, 4);
    e3 = memtest_gc(g_strconcat(e1, e2, NULL));
    assert_log(e3);

    /* Through an alias: the target, at the target's own address. */
    memory_region_dispatch_read(tal, 0x4, &v, 1, UNSPEC);
    e1 = ev("read", tdev, 0x24, 0x34, 1);
    assert_log(e1);

    /* Raw device value and device access size, before shift and swap. */
    v = 0;
    memory_region_dispatch_read(be, 0x0, &v, 1, UNSPEC);
    ck_assert_uint_eq(v, 0x11);
    e1 = ev("read", be, 0x8000, 0x11223344, 4);
    assert_log(e1);
    memory_region_dispatch_write(be, 0x0, 0xab, 1, UNSPEC);
    e1 = ev("write", be, 0x8000, 0xab000000, 4);
    assert_log(e1);

    /* The _with_attrs accessors trace too; a rejected access does not. */
    memory_region_dispatch_read(wa, 0x2, &v, 2, UNSPEC);   /* mem[0..3] written above */
    e1 = ev("read", wa, 0x1402, 0xaabb, 2);
    assert_log(e1);
    dev->accept = false;
    r = memory_region_dispatch_read(wa, 0x2, &v, 2, UNSPEC);
    ck_assert_uint_eq(r, MEMTX_DECODE_ERROR);
    assert_log("Invalid read at addr 0x2, size 2, region 'wa', reason: rejected\n");

    /* Disabled: silent. */
    ck_assert_int_eq(trace_enable_events("-memory_region_ops_*"), 2);
    memory_region_dispatch_read(mr, 0x8, &v, 8, UNSPEC);
    memory_region_dispatch_write(mr, 0x8, 0, 4, UNSPEC);
    assert_log("");
}
END_TEST

static Suite *dispatch_suite(void)
{
    Suite *s = suite_create("memory-dispatch");
    TCase *tv = tcase_create("valid");
    TCase *ti = tcase_create("impl");
    TCase *tt = tcase_create("trace");

    tcase_add_checked_fixture(tv, memtest_setup, memtest_teardown);
    tcase_add_test(tv, test_valid_accepts);
    tcase_add_test(tv, test_valid_unaligned);
    tcase_add_test(tv, test_valid_sizes);
    tcase_add_test(tv, test_valid_max_zero_all_valid);
    tcase_add_test(tv, test_dispatch_to_ram_rejected);
    suite_add_tcase(s, tv);

    tcase_add_checked_fixture(ti, memtest_setup, memtest_teardown);
    tcase_add_test(ti, test_impl_defaults);
    tcase_add_test(ti, test_impl_max_split);
    tcase_add_test(ti, test_impl_min_widen);
    tcase_add_test(ti, test_impl_value_masked_to_access);
    tcase_add_test(ti, test_big_endian_device);
    tcase_add_test(ti, test_with_attrs);
    suite_add_tcase(s, ti);

    tcase_add_checked_fixture(tt, memtest_setup, memtest_teardown);
    tcase_add_test(tt, test_trace_ops_events);
    suite_add_tcase(s, tt);
    return s;
}

int main(void)
{
    return memtest_run_suite(dispatch_suite());
}
