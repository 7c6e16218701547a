/*
 * An "outside program": uses only the documented prototypes of
 * softmmu/memory.h and links with build/libx86slice.a as README.md says.
 * It builds a small tree with overlaps, aliases and a device, and checks
 * the answers QEMU 7.2 gives for the same tree.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "softmmu/memory.h"

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    (void)opaque;
    return 0x1000 + addr * 0x10 + size;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    (void)size;
    ((uint64_t *)opaque)[addr & 7] = data;
}

static const MemoryRegionOps dev_ops = {
    .read = dev_read,
    .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 2 },
};

static const char expected[] =
    "FlatView #0\n"
    " AS \"outside\", root: top\n"
    " Root memory region: top\n"
    "  0000000000000000-0000000000000fff (prio 0, ram): ram\n"
    "  0000000000001000-00000000000010ff (prio 0, rom): ram\n"
    "  0000000000001100-00000000000011ff (prio 2, i/o): dev\n"
    "  0000000000001200-0000000000001fff (prio 0, rom): ram @0000000000000200\n"
    "\n";

int main(void)
{
    static MemoryRegion top, ram, win, dev;
    static AddressSpace as;
    uint64_t regs[8] = { 0 };
    int bad = 0;

    memory_region_init(&top, NULL, "top", 0x10000);
    memory_region_init_ram(&ram, NULL, "ram", 0x1000);
    memory_region_init_alias(&win, NULL, "win", &ram, 0, 0x1000);
    memory_region_init_io(&dev, NULL, &dev_ops, regs, "dev", 0x100);
    memory_region_add_subregion(&top, 0, &ram);
    memory_region_set_readonly(&win, true);
    memory_region_add_subregion_overlap(&top, 0x1000, &win, 1);
    memory_region_add_subregion_overlap(&top, 0x1100, &dev, 2);
    address_space_init(&as, &top, "outside");

    GString *s = g_string_new(NULL);
    mtree_info(true, false, false, false, s);
    if (strcmp(s->str, expected)) {
        printf("FAIL flatview:\n%s", s->str);
        bad++;
    }
    g_string_free(s, TRUE);

    MemTxResult r;
    /* A 4-byte load from a device that implements at most 2 bytes: two calls. */
    uint32_t v = address_space_ldl_le(&as, 0x1104, MEMTXATTRS_UNSPECIFIED, &r);
    if (v != ((0x1000u + 0x60 + 2) << 16 | (0x1000u + 0x40 + 2)) || r != MEMTX_OK) {
        printf("FAIL device read: %#x %u\n", v, r);
        bad++;
    }
    /* Writing through the window is direct RAM: QEMU ignores the alias's
     * read-only flag outside the CPU's TLB. */
    address_space_stl_le(&as, 0x1010, 0xdeadbeef, MEMTXATTRS_UNSPECIFIED, &r);
    if (address_space_ldl_le(&as, 0x10, MEMTXATTRS_UNSPECIFIED, NULL) != 0xdeadbeef) {
        printf("FAIL write through read-only alias\n");
        bad++;
    }
    address_space_ldub(&as, 0x8000, MEMTXATTRS_UNSPECIFIED, &r);
    if (r != MEMTX_DECODE_ERROR) {
        printf("FAIL unassigned read result %u\n", r);
        bad++;
    }
    printf("outside program: %s\n", bad ? "FAILED" : "ok");
    return bad != 0;
}
