/*
 * Shared fixtures for the memory-API unit tests: tracked regions, address
 * spaces and listeners that are torn down after each test, a recording
 * listener, a recording test device, FlatView/mtree text helpers and log
 * capture.  Every symbol is prefixed memtest_ because this file is linked
 * into every unit test.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_MEMTEST_H
#define TESTS_UNIT_MEMTEST_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include "softmmu/memory.h"
#include "softmmu/physmem.h"
#include "softmmu/log.h"
#include "softmmu/trace.h"

/* ---- per-test fixture ------------------------------------------------ */

/* Checked fixture: tcase_add_checked_fixture(tc, memtest_setup, memtest_teardown).
 * Teardown closes open transactions opened through memtest_begin, unregisters
 * tracked listeners, destroys tracked address spaces, unmaps and finalizes
 * tracked regions (newest first), restores logging and tracing. */
void memtest_setup(void);
void memtest_teardown(void);

/* Free p (g_free) at teardown, so that a failing assertion in CK_FORK=no
 * mode does not leak it; returns p. */
void *memtest_gc(void *p);

/* ---- tracked regions ------------------------------------------------- */

MemoryRegion *memtest_container(const char *name, uint64_t size);
MemoryRegion *memtest_ram(const char *name, uint64_t size);
MemoryRegion *memtest_rom(const char *name, uint64_t size);
MemoryRegion *memtest_io(const char *name, uint64_t size,
                         const MemoryRegionOps *ops, void *opaque);
MemoryRegion *memtest_romdev(const char *name, uint64_t size,
                             const MemoryRegionOps *ops, void *opaque);
MemoryRegion *memtest_alias(const char *name, MemoryRegion *target,
                            hwaddr offset, uint64_t size);
/* Track a region the test initialized itself (g_new0'd); it is finalized
 * and freed at teardown. */
MemoryRegion *memtest_track(MemoryRegion *mr);
/* memory_region_add_subregion when prio == 0, _overlap otherwise; returns mr. */
MemoryRegion *memtest_add(MemoryRegion *parent, hwaddr addr, MemoryRegion *mr, int prio);

/* Regions created after a mark can be released early (tree rebuilt in a loop). */
unsigned memtest_mark(void);
void memtest_release_to(unsigned mark);

/* ---- tracked address spaces / transactions ----------------------------- */

AddressSpace *memtest_as(MemoryRegion *root, const char *name);
void memtest_as_destroy(AddressSpace *as);
void memtest_begin(void);
void memtest_commit(void);

/* ---- FlatView text ------------------------------------------------------
 * One line per range: "<start>-<last> <mr name> @<offset_in_region>[ ro][ nv]\n",
 * hex without 0x, last address inclusive (as info mtree prints).  g_free it. */
char *memtest_range_str(const FlatRange *fr);
char *memtest_fv_str(const FlatView *fv);
char *memtest_as_str(AddressSpace *as);
#define memtest_assert_as(as, expected) do {                              \
        char *s_ = memtest_gc(memtest_as_str(as));                        \
        ck_assert_msg(g_str_equal(s_, (expected)),                        \
                      "flat view of %s:\n%s\nexpected:\n%s",              \
                      (as)->name, s_, (expected));                        \
    } while (0)

/* ---- recording listener -------------------------------------------------- */

typedef struct MemtestSection {
    uint64_t start;
    Int128 size;
    MemoryRegion *mr;
    uint64_t offset;
    bool readonly;
} MemtestSection;

typedef struct MemtestListener {
    MemoryListener ml;
    char name[32];
    unsigned begins, commits, adds, dels, nops;
    /* Mirror of the address space rebuilt from region_add/region_del;
     * errors (del of an absent section, overlapping add, nop of an absent
     * section) are appended to mirror_errors. */
    GArray *mirror;             /* of MemtestSection, sorted by start */
    GString *mirror_errors;
    bool registered;
} MemtestListener;

/* All listener callbacks append one line to this log:
 * "<name> begin" / "<name> commit" / "<name> add|del|nop <range line>". */
extern GString *memtest_events;
void memtest_events_clear(void);
MemtestListener *memtest_listener(AddressSpace *as, unsigned priority, const char *name);
void memtest_listener_unregister(MemtestListener *l);
/* The mirror in memtest_fv_str format. */
char *memtest_mirror_str(MemtestListener *l);

/* ---- recording device ------------------------------------------------------ */

typedef struct MemtestDev {
    const char *name;
    GString *calls;             /* "read 0x8 4 -> 0x...", "write 0x8 4 <- 0x..." */
    uint8_t mem[0x3000];        /* read: little-endian bytes at addr; write stores */
    bool use_fixed;             /* read returns fixed[addr & 0xff] instead of mem */
    uint64_t fixed[0x100];
    bool accept;                /* valid.accepts answer (default true) */
    hwaddr reject_addr;         /* accepts() also rejects this address */
    hwaddr fail_addr;           /* *_with_attrs return fail_result at this address */
    MemTxResult fail_result;
    hwaddr fail_addr2;
    MemTxResult fail_result2;
} MemtestDev;

/* Zeroed device with mem[i] = 0x10 + i (low byte), accept = true, no failures. */
MemtestDev *memtest_dev_new(const char *name);
void memtest_dev_clear_calls(MemtestDev *d);

uint64_t memtest_dev_read(void *opaque, hwaddr addr, unsigned size);
void memtest_dev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size);
MemTxResult memtest_dev_read_attrs(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
MemTxResult memtest_dev_write_attrs(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
bool memtest_dev_accepts(void *opaque, hwaddr addr, unsigned size,
                         bool is_write, MemTxAttrs attrs);

/* ---- log capture ------------------------------------------------------------ */

/* Send qemu_log to a memory stream and set the log mask. */
void memtest_log_begin(int mask);
/* Everything logged since memtest_log_begin or the previous take; g_free it. */
char *memtest_log_take(void);
void memtest_log_end(void);

/* ---- info mtree --------------------------------------------------------------- */

char *memtest_mtree(bool flatview, bool dispatch, bool owner, bool disabled);
/* Blocks (separated by blank lines) sorted, "FlatView #N" numbers masked, so
 * two outputs compare as sets of blocks. */
char *memtest_mtree_canon(const char *text);
#define memtest_assert_mtree_set(actual, expected) do {                   \
        char *a_ = memtest_gc(memtest_mtree_canon(actual));               \
        char *e_ = memtest_gc(memtest_mtree_canon(expected));             \
        ck_assert_msg(g_str_equal(a_, e_),                                \
                      "info mtree:\n%s\nexpected (as a set of blocks):\n%s", \
                      (actual), (expected));                              \
    } while (0)

/* Run a suite; returns the process exit status. */
int memtest_run_suite(Suite *s);

/* Assertions shared by the dispatch and physmem tests. */
#define UNSPEC MEMTXATTRS_UNSPECIFIED

#define assert_calls(dev, expected) do {                                      \
        ck_assert_msg(g_str_equal((dev)->calls->str, (expected)),            \
                      "device calls:\n%s\nexpected:\n%s", (dev)->calls->str, (expected)); \
        memtest_dev_clear_calls(dev);                                         \
    } while (0)

#define assert_log(expected) do {                                             \
        char *log_ = memtest_gc(memtest_log_take());                          \
        ck_assert_msg(g_str_equal(log_, (expected)), "log:\n%s\nexpected:\n%s", \
                      log_, (expected));                                      \
    } while (0)

#endif
