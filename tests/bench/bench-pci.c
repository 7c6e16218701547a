/*
 * `make bench`, PCI part: µs per i440FX PAM register write through the
 * configuration ports, as a guest's `out` makes it (address_space_stb on
 * the I/O space -> pci-conf-data -> i440fx_write_config -> one memory
 * transaction over the 13 PAM segments and SMRAM), with the pc machine's
 * address spaces alive; then a check that the incrementally updated view
 * equals a full render.  No CPU exists here, so the TLB flush a commit
 * triggers (tcg_commit) is not in the figure.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
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

/* PAM1 (0x5a: 0xc0000 and 0xc4000) alternating between 0x33 (RAM) and
 * 0x00 (PCI), by byte writes to 0xcfe after one CONFIG_ADDRESS write. */
static double bench_pam_byte(PCMachineState *pc, unsigned iters)
{
    AddressSpace *io = &pc->address_space_io;
    double t0;

    address_space_stl_le(io, 0xcf8, 0x80000058, MEMTXATTRS_UNSPECIFIED, NULL);
    t0 = now_ns();
    for (unsigned i = 0; i < iters; i++) {
        address_space_stb(io, 0xcfe, (i & 1) ? 0x00 : 0x33, MEMTXATTRS_UNSPECIFIED, NULL);
    }
    return (now_ns() - t0) / iters / 1000;
}

/* A dword to 0x5c-0x5f: eight segments change at once. */
static double bench_pam_dword(PCMachineState *pc, unsigned iters)
{
    AddressSpace *io = &pc->address_space_io;
    double t0;

    address_space_stl_le(io, 0xcf8, 0x8000005c, MEMTXATTRS_UNSPECIFIED, NULL);
    t0 = now_ns();
    for (unsigned i = 0; i < iters; i++) {
        address_space_stl_le(io, 0xcfc, (i & 1) ? 0 : 0x31313131, MEMTXATTRS_UNSPECIFIED,
                             NULL);
    }
    return (now_ns() - t0) / iters / 1000;
}

int main(void)
{
    const unsigned iters = 200001;      /* odd: the last write leaves RAM mapped */
    void *bios = g_malloc0(PC_BIOS_SIZE);
    char *err = NULL;
    PCMachineState *pc = pc_machine_init(&(PCMachineConfig){
        .ram_size = 128 * 1024 * 1024, .bios_image = bios, .bios_image_size = PC_BIOS_SIZE,
    }, &err);
    double byte_us, dword_us;
    FlatView *full;

    if (!pc) {
        fprintf(stderr, "bench-pci: %s\n", err ? err : "no memory");
        return 1;
    }
    pc_machine_reset(pc);
    printf("== PCI (build/bench/bench-pci) ==\n");
    byte_us = bench_pam_byte(pc, iters);
    printf("pam      PAM register byte write via 0xcf8/0xcfc (write + commit): %6.2f us\n",
           byte_us);
    dword_us = bench_pam_dword(pc, iters);
    printf("pam      PAM dword write, 8 segments change (write + commit):      %6.2f us\n",
           dword_us);
    full = flatview_render(memory_region_get_flatview_root(&pc->system_memory));
    if (!views_equal(full, address_space_to_flatview(&pc->address_space_memory))) {
        printf("pam      ERROR: incremental view differs from a full render\n");
    }
    flatview_unref(full);
    pc_machine_free(pc);
    g_free(bios);
    return 0;
}
