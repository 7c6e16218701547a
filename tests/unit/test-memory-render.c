/*
 * Rendering a MemoryRegion tree into a FlatView, as QEMU 7.2's
 * render_memory_region + flatview_simplify do (softmmu/memory.c), and the
 * subregion insertion order of memory_region_update_container_subregions.
 *
 * Range lines are "<start>-<last> <region> @<offset_in_region>[ ro]" (hex).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tests/unit/memtest.h"

#define SZ_2_64 UINT64_MAX

static char *children_str(MemoryRegion *mr)
{
    GString *s = g_string_new(NULL);
    for (MemoryRegion *c = mr->subregions_head; c; c = c->sub_next) {
        g_string_append_printf(s, "%s%s", s->len ? "," : "", c->name);
    }
    return g_string_free(s, false);
}

#define assert_children(mr, expected) do {                                  \
        char *c_ = memtest_gc(children_str(mr));                            \
        ck_assert_msg(g_str_equal(c_, (expected)), "children of %s: %s, expected %s", \
                      (mr)->name, c_, (expected));                          \
    } while (0)

/*
 * memory_region_update_container_subregions: the new region is inserted
 * before the first sibling whose priority is <= its own.  So children are in
 * descending priority and, among equal priorities, the most recently added
 * comes first -- and renders first, so it wins.
 */
START_TEST(test_subregion_order_descending_priority)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *a = memtest_ram("a", 0x1000);
    MemoryRegion *b = memtest_ram("b", 0x1000);
    MemoryRegion *c = memtest_ram("c", 0x1000);
    MemoryRegion *d = memtest_ram("d", 0x1000);
    MemoryRegion *e = memtest_ram("e", 0x1000);
    AddressSpace *as;

    memtest_add(root, 0, a, 0);
    memtest_add(root, 0, b, 2);
    memtest_add(root, 0, c, 1);
    memtest_add(root, 0, d, 1);     /* equal to c: goes before c */
    memtest_add(root, 0, e, -1);
    assert_children(root, "b,d,c,a,e");
    ck_assert_int_eq(d->priority, 1);
    ck_assert_int_eq(e->priority, -1);
    ck_assert_ptr_eq(d->container, root);

    as = memtest_as(root, "as");
    memtest_assert_as(as, "0-fff b @0\n");
    memory_region_del_subregion(root, b);
    memtest_assert_as(as, "0-fff d @0\n");
    memory_region_del_subregion(root, d);
    memtest_assert_as(as, "0-fff c @0\n");
    memory_region_del_subregion(root, c);
    memtest_assert_as(as, "0-fff a @0\n");
    memory_region_del_subregion(root, a);
    memtest_assert_as(as, "0-fff e @0\n");
    assert_children(root, "e");
}
END_TEST

/* Among equal priorities the last added wins where they overlap. */
START_TEST(test_equal_priority_last_added_wins)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *a = memtest_ram("a", 0x2000);
    MemoryRegion *b = memtest_ram("b", 0x2000);
    MemoryRegion *root2 = memtest_container("root2", SZ_2_64);
    MemoryRegion *a2 = memtest_ram("a2", 0x2000);
    MemoryRegion *b2 = memtest_ram("b2", 0x2000);
    AddressSpace *as, *as2;

    memtest_add(root, 0, a, 0);
    memtest_add(root, 0x1000, b, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "0-fff a @0\n1000-2fff b @0\n");

    /* Same layout, the other order of adding: a2 is newer and wins. */
    memtest_add(root2, 0x1000, b2, 0);
    memtest_add(root2, 0, a2, 0);
    as2 = memtest_as(root2, "as2");
    memtest_assert_as(as2, "0-1fff a2 @0\n2000-2fff b2 @1000\n");

    /* Re-adding moves a region to the front of its equals. */
    memory_region_del_subregion(root, a);
    memtest_add(root, 0, a, 0);
    memtest_assert_as(as, "0-1fff a @0\n2000-2fff b @1000\n");
}
END_TEST

/*
 * Priorities are compared only between siblings: a priority-5 region inside
 * a priority-0 container loses to the container's priority-1 sibling.
 */
START_TEST(test_priority_only_between_siblings)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *k = memtest_container("k", 0x10000);
    MemoryRegion *g = memtest_ram("g", 0x1000);
    MemoryRegion *s = memtest_ram("s", 0x800);
    AddressSpace *as;

    memtest_add(k, 0, g, 5);
    memtest_add(root, 0, k, 0);
    memtest_add(root, 0, s, 1);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "0-7ff s @0\n800-fff g @800\n");

    /* Raise the container above its sibling: now g wins everywhere. */
    memory_region_del_subregion(root, k);
    memtest_add(root, 0, k, 2);
    memtest_assert_as(as, "0-fff g @0\n");
}
END_TEST

/* Disabled regions vanish together with their whole subtree. */
START_TEST(test_disabled_subtree_vanishes)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *bg = memtest_ram("bg", 0x4000);
    MemoryRegion *k = memtest_container("k", 0x2000);
    MemoryRegion *x = memtest_ram("x", 0x1000);
    AddressSpace *as;

    memtest_add(root, 0, bg, -1);
    memtest_add(k, 0x800, x, 0);
    memtest_add(root, 0x1000, k, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "0-17ff bg @0\n1800-27ff x @0\n2800-3fff bg @2800\n");

    memory_region_set_enabled(k, false);
    memtest_assert_as(as, "0-3fff bg @0\n");
    ck_assert(!k->enabled);
    ck_assert(x->enabled);

    memory_region_set_enabled(k, true);
    memory_region_set_enabled(x, false);
    memtest_assert_as(as, "0-3fff bg @0\n");

    memory_region_set_enabled(x, true);
    memtest_assert_as(as, "0-17ff bg @0\n1800-27ff x @0\n2800-3fff bg @2800\n");

    /* A disabled root leaves nothing at all. */
    memory_region_set_enabled(root, false);
    memtest_assert_as(as, "");
    memory_region_set_enabled(root, true);
    memtest_assert_as(as, "0-17ff bg @0\n1800-27ff x @0\n2800-3fff bg @2800\n");
}
END_TEST

/* render_memory_region checks enabled on the alias target too: an alias of a
 * disabled region shows nothing, and what is below it shows through. */
START_TEST(test_disabled_alias_target_vanishes)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *bg = memtest_ram("bg", 0x10000);
    MemoryRegion *t = memtest_ram("t", 0x1000);
    MemoryRegion *al = memtest_alias("al", t, 0, 0x1000);
    AddressSpace *as;

    memtest_add(root, 0, bg, 0);
    memtest_add(root, 0x2000, al, 1);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "0-1fff bg @0\n2000-2fff t @0\n3000-ffff bg @3000\n");

    memory_region_set_enabled(t, false);
    memtest_assert_as(as, "0-ffff bg @0\n");
    memory_region_set_enabled(t, true);
    memtest_assert_as(as, "0-1fff bg @0\n2000-2fff t @0\n3000-ffff bg @3000\n");
}
END_TEST

/* readonly is inherited downward: a readonly container, a readonly alias and a
 * ROM all make their ranges readonly (FlatRange.readonly). */
START_TEST(test_readonly_inherited)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *k = memtest_container("k", 0x10000);
    MemoryRegion *k2 = memtest_container("k2", 0x1000);
    MemoryRegion *x = memtest_ram("x", 0x1000);
    MemoryRegion *y = memtest_ram("y", 0x1000);
    MemoryRegion *t = memtest_ram("t", 0x1000);
    MemoryRegion *al = memtest_alias("al", t, 0, 0x1000);
    MemoryRegion *rom = memtest_rom("rom", 0x1000);
    MemoryRegion *ral = memtest_alias("ral", rom, 0, 0x1000);
    AddressSpace *as;
    FlatView *fv;

    memtest_add(k2, 0, y, 0);
    memtest_add(k, 0, x, 0);
    memtest_add(k, 0x1000, k2, 0);
    memtest_add(root, 0, k, 0);
    memtest_add(root, 0x10000, al, 0);
    memtest_add(root, 0x11000, t, 0);
    memtest_add(root, 0x12000, ral, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "0-fff x @0\n1000-1fff y @0\n10000-10fff t @0\n"
                      "11000-11fff t @0\n12000-12fff rom @0 ro\n");
    ck_assert(rom->readonly);

    memory_region_set_readonly(k, true);
    memory_region_set_readonly(al, true);
    memtest_assert_as(as,
                      "0-fff x @0 ro\n1000-1fff y @0 ro\n10000-10fff t @0 ro\n"
                      "11000-11fff t @0\n12000-12fff rom @0 ro\n");
    /* The flag lives in the range, not in the region. */
    ck_assert(!x->readonly);
    ck_assert(!t->readonly);
    fv = address_space_to_flatview(as);
    ck_assert_uint_eq(fv->nr, 5);
    ck_assert(fv->ranges[0].readonly);
    ck_assert(fv->ranges[2].readonly);
    ck_assert(!fv->ranges[3].readonly);

    memory_region_set_readonly(k, false);
    memtest_assert_as(as,
                      "0-fff x @0\n1000-1fff y @0\n10000-10fff t @0 ro\n"
                      "11000-11fff t @0\n12000-12fff rom @0 ro\n");
}
END_TEST

/*
 * Aliases rebase into their target and clip to their own window:
 * - an alias with an offset maps target[offset, offset+size);
 * - an alias of an alias composes the offsets (the middle alias's own
 *   address cancels out: base -= alias->addr, then the target adds it back);
 * - an alias larger than its target shows only the target, and what lies
 *   below the alias shows through past the target's end.
 */
START_TEST(test_alias_rebase_and_clip)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *bg = memtest_ram("bg", 0x100000);
    MemoryRegion *t = memtest_ram("t", 0x4000);
    MemoryRegion *a = memtest_alias("a", t, 0x1000, 0x2000);
    MemoryRegion *a2 = memtest_alias("a2", a, 0x800, 0x1000);
    MemoryRegion *a3 = memtest_alias("a3", t, 0x3000, 0x4000);
    AddressSpace *as;

    memtest_add(root, 0, bg, -1);
    memtest_add(root, 0x10000, a, 0);
    memtest_add(root, 0x20000, a2, 0);
    memtest_add(root, 0x30000, a3, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "0-ffff bg @0\n"
                      "10000-11fff t @1000\n"
                      "12000-1ffff bg @12000\n"
                      "20000-20fff t @1800\n"
                      "21000-2ffff bg @21000\n"
                      "30000-30fff t @3000\n"
                      "31000-fffff bg @31000\n");

    /* The target being mapped elsewhere does not move what the aliases show. */
    memtest_add(root, 0x50000, t, 0);
    memtest_assert_as(as,
                      "0-ffff bg @0\n"
                      "10000-11fff t @1000\n"
                      "12000-1ffff bg @12000\n"
                      "20000-20fff t @1800\n"
                      "21000-2ffff bg @21000\n"
                      "30000-30fff t @3000\n"
                      "31000-4ffff bg @31000\n"
                      "50000-53fff t @0\n"
                      "54000-fffff bg @54000\n");

    /* An alias window partly outside the middle alias is clipped to it:
     * a2 at offset 0x1800 of a (size 0x2000) shows only 0x800 bytes. */
    memory_region_set_alias_offset(a2, 0x1800);
    memtest_assert_as(as,
                      "0-ffff bg @0\n"
                      "10000-11fff t @1000\n"
                      "12000-1ffff bg @12000\n"
                      "20000-207ff t @2800\n"
                      "20800-2ffff bg @20800\n"
                      "30000-30fff t @3000\n"
                      "31000-4ffff bg @31000\n"
                      "50000-53fff t @0\n"
                      "54000-fffff bg @54000\n");
}
END_TEST

/*
 * A container claims nothing itself: a higher-priority container (or an
 * alias of one) with holes lets lower-priority siblings show through.
 */
START_TEST(test_container_claims_nothing)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *bg = memtest_ram("bg", 0x10000);
    MemoryRegion *h = memtest_container("h", 0x10000);
    MemoryRegion *x = memtest_ram("x", 0x1000);
    MemoryRegion *y = memtest_ram("y", 0x1000);
    MemoryRegion *bg2 = memtest_ram("bg2", 0x10000);
    MemoryRegion *ha = memtest_alias("ha", h, 0x1000, 0x8000);
    AddressSpace *as;

    memtest_add(h, 0x1000, x, 0);
    memtest_add(h, 0x4000, y, 0);
    memtest_add(root, 0, bg, 0);
    memtest_add(root, 0, h, 1);
    memtest_add(root, 0x20000, bg2, 0);
    memtest_add(root, 0x20000, ha, 2);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "0-fff bg @0\n"
                      "1000-1fff x @0\n"
                      "2000-3fff bg @2000\n"
                      "4000-4fff y @0\n"
                      "5000-ffff bg @5000\n"
                      "20000-20fff x @0\n"
                      "21000-22fff bg2 @1000\n"
                      "23000-23fff y @0\n"
                      "24000-2ffff bg2 @4000\n");
}
END_TEST

/*
 * A terminating region (RAM, I/O) with subregions renders its children first
 * and fills only the gaps they leave, with the right offset in each gap;
 * children are clipped to the parent.
 */
START_TEST(test_terminating_region_fills_gaps)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    MemtestDev *dev = memtest_dev_new("p");
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *p = memtest_io("p", 0x1000, &ops, dev);
    MemoryRegion *c = memtest_ram("c", 0x100);
    MemoryRegion *q = memtest_ram("q", 0x200);
    MemoryRegion *tail = memtest_ram("tail", 0x200);
    MemoryRegion *r = memtest_ram("r", 0x3000);
    MemoryRegion *rc = memtest_container("rc", 0x800);
    MemoryRegion *rcx = memtest_ram("rcx", 0x100);
    AddressSpace *as;

    memtest_add(p, 0x100, c, 0);
    memtest_add(p, 0x800, q, 0);
    memtest_add(p, 0xf00, tail, 0);
    memtest_add(root, 0x1000, p, 0);
    /* A RAM with a container child: only the container's own child claims. */
    memtest_add(rc, 0x400, rcx, 0);
    memtest_add(r, 0x1000, rc, 0);
    memtest_add(root, 0x10000, r, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "1000-10ff p @0\n"
                      "1100-11ff c @0\n"
                      "1200-17ff p @200\n"
                      "1800-19ff q @0\n"
                      "1a00-1eff p @a00\n"
                      "1f00-1fff tail @0\n"
                      "10000-113ff r @0\n"
                      "11400-114ff rcx @0\n"
                      "11500-12fff r @1500\n");

    /* Children removed: the parent's ranges merge back into one. */
    memory_region_del_subregion(p, c);
    memory_region_del_subregion(p, q);
    memory_region_del_subregion(p, tail);
    memtest_assert_as(as,
                      "1000-1fff p @0\n"
                      "10000-113ff r @0\n"
                      "11400-114ff rcx @0\n"
                      "11500-12fff r @1500\n");
}
END_TEST

/*
 * flatview_simplify merges neighbours with the same region, contiguous
 * offsets and equal attributes -- also when they come from different
 * aliases -- and does not merge when the offsets or attributes differ.
 */
START_TEST(test_merge_adjacent_ranges)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *r = memtest_ram("r", 0x10000);
    MemoryRegion *r2 = memtest_ram("r2", 0x1000);
    MemoryRegion *a1 = memtest_alias("a1", r, 0x0000, 0x1000);
    MemoryRegion *a2 = memtest_alias("a2", r, 0x1000, 0x1000);
    MemoryRegion *a3 = memtest_alias("a3", r, 0x3000, 0x1000);
    MemoryRegion *a4 = memtest_alias("a4", r, 0x4000, 0x1000);
    MemoryRegion *a5 = memtest_alias("a5", r, 0x5000, 0x1000);
    MemoryRegion *a6 = memtest_alias("a6", r, 0x6000, 0x1000);
    AddressSpace *as;
    FlatView *fv;

    memtest_add(root, 0x0000, a1, 0);
    memtest_add(root, 0x1000, a2, 0);   /* contiguous offset: merges with a1 */
    memtest_add(root, 0x2000, a3, 0);   /* offset jumps: separate */
    memtest_add(root, 0x3000, a4, 0);   /* contiguous offset but readonly: separate */
    memtest_add(root, 0x4000, a5, 0);   /* readonly and contiguous with a4: merges */
    memtest_add(root, 0x5000, r2, 0);   /* another region: separate */
    memtest_add(root, 0x6000, a6, 0);   /* offset 0x6000 after r2: separate */
    memory_region_set_readonly(a4, true);
    memory_region_set_readonly(a5, true);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "0-1fff r @0\n"
                      "2000-2fff r @3000\n"
                      "3000-4fff r @4000 ro\n"
                      "5000-5fff r2 @0\n"
                      "6000-6fff r @6000\n");
    fv = address_space_to_flatview(as);
    ck_assert_uint_eq(fv->nr, 5);
    ck_assert(fv->ranges[0].size == 0x2000);

    /* a4 writable again: a3 @3000 + a4 @4000 are contiguous, a5 stays apart. */
    memory_region_set_readonly(a4, false);
    memtest_assert_as(as,
                      "0-1fff r @0\n"
                      "2000-3fff r @3000\n"
                      "4000-4fff r @5000 ro\n"
                      "5000-5fff r2 @0\n"
                      "6000-6fff r @6000\n");
}
END_TEST

/* Sizes of 2^64 (UINT64_MAX passed to init) render to the top of the space. */
START_TEST(test_region_of_2_64)
{
    static const MemoryRegionOps ops = {
        .read = memtest_dev_read, .write = memtest_dev_write,
    };
    MemtestDev *dev = memtest_dev_new("big");
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *big = memtest_io("big", SZ_2_64, &ops, dev);
    MemoryRegion *ram = memtest_ram("ram", 0x1000);
    MemoryRegion *root2 = memtest_container("root2", SZ_2_64);
    MemoryRegion *abig = memtest_alias("abig", big, 0x1000, SZ_2_64);
    MemoryRegion *root3 = memtest_container("root3", SZ_2_64);
    MemoryRegion *ram3 = memtest_ram("ram3", 0x1000);
    AddressSpace *as, *as2, *as3;
    FlatView *fv;

    ck_assert(big->size == (Int128)1 << 64);
    ck_assert_uint_eq(memory_region_size(big), UINT64_MAX);
    ck_assert_uint_eq(memory_region_size(ram), 0x1000);

    memtest_add(root, 0, big, -1);
    memtest_add(root, 0x1000, ram, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as,
                      "0-fff big @0\n"
                      "1000-1fff ram @0\n"
                      "2000-ffffffffffffffff big @2000\n");
    fv = address_space_to_flatview(as);
    ck_assert(fv->ranges[2].size == ((Int128)1 << 64) - 0x2000);

    /* An alias of 2^64 at offset 0x1000: the target ends 0x1000 early. */
    memtest_add(root2, 0, abig, 0);
    as2 = memtest_as(root2, "as2");
    memtest_assert_as(as2, "0-ffffffffffffefff big @1000\n");

    /* A region at the very top of the space. */
    memtest_add(root3, 0xfffffffffffff000ULL, ram3, 0);
    as3 = memtest_as(root3, "as3");
    memtest_assert_as(as3, "fffffffffffff000-ffffffffffffffff ram3 @0\n");
}
END_TEST

/* Children are clipped at their container's end; a child entirely outside
 * its container is invisible; the AS root's own size clips too. */
START_TEST(test_clip_at_container_end)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *k = memtest_container("k", 0x2000);
    MemoryRegion *x = memtest_ram("x", 0x3000);
    MemoryRegion *out = memtest_ram("out", 0x1000);
    MemoryRegion *small = memtest_container("small", 0x8000);
    MemoryRegion *y = memtest_ram("y", 0x2000);
    AddressSpace *as, *as2;

    memtest_add(k, 0x1000, x, 0);
    memtest_add(k, 0x3000, out, 0);
    memtest_add(root, 0x10000, k, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "11000-11fff x @0\n");

    memtest_add(small, 0x7000, y, 0);
    as2 = memtest_as(small, "as2");
    memtest_assert_as(as2, "7000-7fff y @0\n");

    /* Moving the child back inside shows all of it that fits. */
    memory_region_set_address(x, 0);
    memtest_assert_as(as, "10000-11fff x @0\n");
}
END_TEST

/* set_address and set_alias_offset re-render at the new place. */
START_TEST(test_set_address_and_alias_offset)
{
    MemoryRegion *root = memtest_container("root", SZ_2_64);
    MemoryRegion *t = memtest_ram("t", 0x4000);
    MemoryRegion *al = memtest_alias("al", t, 0, 0x1000);
    MemoryRegion *m = memtest_ram("m", 0x1000);
    AddressSpace *as;

    memtest_add(root, 0x10000, al, 0);
    memtest_add(root, 0x20000, m, 0);
    as = memtest_as(root, "as");
    memtest_assert_as(as, "10000-10fff t @0\n20000-20fff m @0\n");
    memory_region_set_alias_offset(al, 0x2000);
    memtest_assert_as(as, "10000-10fff t @2000\n20000-20fff m @0\n");
    memory_region_set_address(m, 0x8000);
    memtest_assert_as(as, "8000-8fff m @0\n10000-10fff t @2000\n");
    ck_assert_uint_eq(m->addr, 0x8000);
    /* set_address keeps the priority (QEMU re-adds with mr->priority). */
    memory_region_del_subregion(root, m);
    memtest_add(root, 0x10000, m, 3);
    memtest_assert_as(as, "10000-10fff m @0\n");
    memory_region_set_address(m, 0x10800);
    memtest_assert_as(as, "10000-107ff t @2000\n10800-117ff m @0\n");
    ck_assert_int_eq(m->priority, 3);
}
END_TEST

/* memory_region_is_mapped: in a container, or the target (along the alias
 * chain) of an alias that is in a container -- whether or not that
 * container is in an address space. */
START_TEST(test_is_mapped)
{
    MemoryRegion *k = memtest_container("k", 0x10000);
    MemoryRegion *t = memtest_ram("t", 0x1000);
    MemoryRegion *a = memtest_alias("a", t, 0, 0x1000);
    MemoryRegion *aa = memtest_alias("aa", a, 0, 0x1000);
    MemoryRegion *x = memtest_ram("x", 0x1000);

    ck_assert(!memory_region_is_mapped(x));
    memtest_add(k, 0, x, 0);
    ck_assert(memory_region_is_mapped(x));
    ck_assert(!memory_region_is_mapped(k));
    ck_assert(!memory_region_is_mapped(t));
    memtest_add(k, 0x1000, aa, 0);
    ck_assert(memory_region_is_mapped(aa));
    ck_assert(memory_region_is_mapped(a));
    ck_assert(memory_region_is_mapped(t));
    memory_region_del_subregion(k, aa);
    ck_assert(!memory_region_is_mapped(a));
    ck_assert(!memory_region_is_mapped(t));
    memory_region_del_subregion(k, x);
    ck_assert(!memory_region_is_mapped(x));
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("memory-render");
    TCase *tc = tcase_create("render");

    tcase_add_checked_fixture(tc, memtest_setup, memtest_teardown);
    tcase_add_test(tc, test_subregion_order_descending_priority);
    tcase_add_test(tc, test_equal_priority_last_added_wins);
    tcase_add_test(tc, test_priority_only_between_siblings);
    tcase_add_test(tc, test_disabled_subtree_vanishes);
    tcase_add_test(tc, test_disabled_alias_target_vanishes);
    tcase_add_test(tc, test_readonly_inherited);
    tcase_add_test(tc, test_alias_rebase_and_clip);
    tcase_add_test(tc, test_container_claims_nothing);
    tcase_add_test(tc, test_terminating_region_fills_gaps);
    tcase_add_test(tc, test_merge_adjacent_ranges);
    tcase_add_test(tc, test_region_of_2_64);
    tcase_add_test(tc, test_clip_at_container_end);
    tcase_add_test(tc, test_set_address_and_alias_offset);
    tcase_add_test(tc, test_is_mapped);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(render_suite());
}
