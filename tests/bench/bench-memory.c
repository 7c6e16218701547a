/*
 * `make bench`, memory API part: figures, not pass/fail.
 *  - ns per address_space_translate in the pc layout (mixed RAM/ROM/MMIO);
 *  - ns per dispatched I/O read (memory_region_dispatch_read, and the whole
 *    address_space_ldub path on the I/O address space);
 *  - µs per commit toggling one PAM alias pair (pam-pci off, pam-ram on and
 *    back) with the pc machine's seven address spaces alive; and, for
 *    comparison, what rendering the system view from scratch costs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "hw/i386/pc.h"
#include "softmmu/memory-internal.h"
#include "softmmu/physmem.h"

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static AddressSpace *find_as(const char *name)
{
    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        if (g_str_equal(as->name, name)) {
            return as;
        }
    }
    return NULL;
}

/* The first enabled-or-not child of mr called name (and, for an alias, whose
 * target is called target). */
static MemoryRegion *find_child(MemoryRegion *mr, const char *name, const char *target)
{
    for (MemoryRegion *c = mr->subregions_head; c; c = c->sub_next) {
        if (c->name && g_str_equal(c->name, name) &&
            (!target || (c->alias && g_str_equal(c->alias->name, target)))) {
            return c;
        }
    }
    return NULL;
}

static volatile uint64_t sink;

static void bench_lookup(AddressSpace *as)
{
    static const hwaddr addrs[] = {
        0x1000, 0x7c00, 0x9f000, 0xa0000, 0xb8000, 0xc0000, 0xe0000, 0xf0000, 0x100000,
        0x1000000, 0x7fff000, 0xfec00000, 0xfee00000, 0xfffffff0, 0x20000000, 0x500,
    };
    const unsigned n = G_N_ELEMENTS(addrs);
    const unsigned iters = 20000000;
    double t0 = now_ns();

    for (unsigned i = 0; i < iters; i++) {
        hwaddr xlat, len = 4;
        MemoryRegion *mr = address_space_translate(as, addrs[i % n], &xlat, &len, false,
                                                   MEMTXATTRS_UNSPECIFIED);
        sink += xlat + (uintptr_t)mr;
    }
    double t = (now_ns() - t0) / iters;
    printf("lookup   address_space_translate, pc layout, %u mixed addresses: %6.1f ns\n", n, t);

    t0 = now_ns();
    for (unsigned i = 0; i < iters; i++) {
        hwaddr xlat, len = 4;
        MemoryRegion *mr = address_space_translate(as, 0x100000 + (i & 0xfff0), &xlat, &len,
                                                   false, MEMTXATTRS_UNSPECIFIED);
        sink += xlat + (uintptr_t)mr;
    }
    t = (now_ns() - t0) / iters;
    printf("lookup   address_space_translate, repeated hits in one RAM range:  %6.1f ns\n", t);
}

static void bench_dispatch(AddressSpace *io)
{
    const unsigned iters = 20000000;
    hwaddr xlat, len = 1;
    MemoryRegion *mr = address_space_translate(io, 0x80, &xlat, &len, false,
                                               MEMTXATTRS_UNSPECIFIED);
    uint64_t v;
    double t0 = now_ns();

    for (unsigned i = 0; i < iters; i++) {
        memory_region_dispatch_read(mr, xlat, &v, 1, MEMTXATTRS_UNSPECIFIED);
        sink += v;
    }
    double t = (now_ns() - t0) / iters;
    printf("dispatch memory_region_dispatch_read, 1 byte, '%s', trace off:   %6.1f ns\n",
           mr->name, t);

    t0 = now_ns();
    for (unsigned i = 0; i < iters; i++) {
        sink += address_space_ldub(io, 0x80, MEMTXATTRS_UNSPECIFIED, NULL);
    }
    t = (now_ns() - t0) / iters;
    printf("dispatch address_space_ldub(I/O, 0x80): lookup + dispatch:          %6.1f ns\n", t);
}

static bool views_equal(const FlatView *a, const FlatView *b)
{
    if (a->nr != b->nr) {
        return false;
    }
    for (unsigned i = 0; i < a->nr; i++) {
        if (!flatrange_equal(&a->ranges[i], &b->ranges[i])) {
            return false;
        }
    }
    return true;
}

static void bench_commit(AddressSpace *mem)
{
    MemoryRegion *sys = mem->root;
    MemoryRegion *pam_pci = find_child(sys, "pam-pci", "pci");
    MemoryRegion *pam_ram = find_child(sys, "pam-ram", NULL);
    unsigned spaces = 0;

    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        spaces++;
    }
    if (!pam_pci || !pam_ram) {
        printf("commit   (no PAM aliases found in the pc layout)\n");
        return;
    }
    const unsigned iters = 200000;
    double t0 = now_ns();
    for (unsigned i = 0; i < iters; i++) {
        bool ram = !(i & 1);
        memory_region_transaction_begin();
        memory_region_set_enabled(pam_pci, !ram);
        memory_region_set_enabled(pam_ram, ram);
        memory_region_transaction_commit();
    }
    double t = (now_ns() - t0) / iters / 1000;
    printf("commit   PAM alias pair toggle, %u address spaces alive:            %6.2f us\n",
           spaces, t);

    /* The incremental result must be what a full render gives. */
    FlatView *full = flatview_render(memory_region_get_flatview_root(sys));
    if (!views_equal(full, address_space_to_flatview(mem))) {
        printf("commit   ERROR: incremental view differs from a full render\n");
    }
    flatview_unref(full);

    t0 = now_ns();
    for (unsigned i = 0; i < iters / 10; i++) {
        FlatView *fv = flatview_render(memory_region_get_flatview_root(sys));
        sink += fv->nr;
        flatview_unref(fv);
    }
    t = (now_ns() - t0) / (iters / 10) / 1000;
    printf("commit   (reference: full render of the system view alone:          %6.2f us)\n", t);
}

int main(void)
{
    void *bios = g_malloc0(PC_BIOS_SIZE);
    char *err = NULL;
    PCMachineState *pcms = pc_machine_init(&(PCMachineConfig){
        .ram_size = 128 * 1024 * 1024, .bios_image = bios, .bios_image_size = PC_BIOS_SIZE,
    }, &err);
    AddressSpace *mem = find_as("memory"), *io = find_as("I/O");

    if (!mem || !io) {
        fprintf(stderr, "bench: pc layout lacks the memory or I/O address space\n");
        return 1;
    }
    printf("== memory API (build/bench/bench-memory) ==\n");
    bench_lookup(mem);
    bench_dispatch(io);
    bench_commit(mem);
    pc_machine_free(pcms);
    g_free(bios);
    return 0;
}
