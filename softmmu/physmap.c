/*
 * A model of QEMU 7.2's AddressSpaceDispatch (softmmu/physmem.c), built on
 * demand from a FlatView for `info mtree -f -d`.
 *
 * QEMU maps every page of the 64-bit physical address space through a
 * radix tree of 512-entry nodes ("phys map") whose leaves are indices into
 * a section table.  Pages that several ranges share become "subpages":
 * a nameless one-page section at the page level, with the pieces added
 * as further sections.  Only the section table and the nodes are printed,
 * so this model keeps exactly those, in QEMU's allocation order, and
 * leaves out what printing never shows (a subpage's per-byte section
 * table, RCU, reference counts).  The functions below follow their QEMU
 * namesakes step by step, because the printed node layout is a record of
 * every step they take (including compaction's in-place rewrites of
 * nodes that become unreachable).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/physmap.h"

#include <inttypes.h>

/* qemu-system-i386: TARGET_PAGE_BITS 12 and a 64-bit hwaddr. */
#define PM_PAGE_BITS        12
#define PM_PAGE_SIZE        ((hwaddr)1 << PM_PAGE_BITS)
#define PM_PAGE_MASK        (~(PM_PAGE_SIZE - 1))
#define PM_ADDR_SPACE_BITS  64

#define PM_L2_BITS          9
#define PM_L2_SIZE          (1 << PM_L2_BITS)
/* 6 for 4 KiB pages: "(9 bits per level, 6 levels)". */
#define PM_L2_LEVELS        (((PM_ADDR_SPACE_BITS - PM_PAGE_BITS - 1) / PM_L2_BITS) + 1)

/* QEMU's PhysPageEntry packs skip:6 and ptr:26; NIL is the all-ones ptr
 * and is printed as a number (67108863) when the root has no node. */
#define PM_NODE_NIL         (((uint32_t)~0) >> 6)
#define PM_SECTION_UNASSIGNED 0

typedef struct PhysEntry {
    uint32_t skip : 6;      /* levels to the next node; 0 for a leaf */
    uint32_t ptr : 26;      /* node index (skip) or section index (leaf) */
} PhysEntry;

typedef PhysEntry PhysNode[PM_L2_SIZE];

typedef struct PhysSection {
    /* NULL for QEMU's nameless regions: io_mem_unassigned and subpages. */
    const MemoryRegion *mr;
    bool subpage;
    hwaddr start;           /* offset_within_address_space */
    Int128 size;            /* up to 2^64 (the unassigned dummy) */
} PhysSection;

typedef struct PhysMap {
    PhysEntry root;         /* AddressSpaceDispatch.phys_map */
    PhysNode *nodes;
    unsigned nodes_nb, nodes_alloc;
    GArray *sections;       /* of PhysSection */
} PhysMap;

static PhysSection *section_at(const PhysMap *map, unsigned idx)
{
    return &g_array_index(map->sections, PhysSection, idx);
}

/* phys_section_add: sections are numbered in the order they are added. */
static unsigned section_add(PhysMap *map, const MemoryRegion *mr, bool subpage,
                            hwaddr start, Int128 size)
{
    PhysSection s = { .mr = mr, .subpage = subpage, .start = start, .size = size };

    /* QEMU asserts sections_nb < TARGET_PAGE_SIZE; we only need the index
     * to fit a leaf's ptr field. */
    g_assert(map->sections->len < PM_NODE_NIL);
    g_array_append_val(map->sections, s);
    return map->sections->len - 1;
}

/* address_space_dispatch_new: section #0 is the unassigned dummy covering
 * all 2^64 bytes (dummy_section), and the root points at no node yet. */
static void physmap_init(PhysMap *map)
{
    memset(map, 0, sizeof(*map));
    map->sections = g_array_new(FALSE, FALSE, sizeof(PhysSection));
    section_add(map, NULL, false, 0, (Int128)1 << 64);
    map->root = (PhysEntry){ .skip = 1, .ptr = PM_NODE_NIL };
}

static void physmap_destroy(PhysMap *map)
{
    g_array_free(map->sections, TRUE);
    g_free(map->nodes);
}

/* phys_map_node_reserve: grow before a walk so that entry pointers held
 * across phys_page_set_level's recursion stay valid.  (QEMU grows by a
 * fixed hint; doubling gives the same indices with less copying.) */
static void node_reserve(PhysMap *map, unsigned nodes)
{
    if (map->nodes_nb + nodes > map->nodes_alloc) {
        map->nodes_alloc = MAX(MAX(map->nodes_alloc * 2, 16u), map->nodes_nb + nodes);
        map->nodes = g_renew(PhysNode, map->nodes, map->nodes_alloc);
    }
}

/* phys_map_node_alloc: a leaf node starts all-unassigned, an inner node
 * all-NIL (skip 1). */
static uint32_t node_alloc(PhysMap *map, bool leaf)
{
    PhysEntry e = { .skip = leaf ? 0 : 1,
                    .ptr = leaf ? PM_SECTION_UNASSIGNED : PM_NODE_NIL };
    uint32_t ret = map->nodes_nb++;

    g_assert(ret < map->nodes_alloc && ret != PM_NODE_NIL);
    for (unsigned i = 0; i < PM_L2_SIZE; i++) {
        map->nodes[ret][i] = e;
    }
    return ret;
}

/* phys_page_set_level: fill *nb pages from *index with leaf, writing a
 * whole entry wherever an aligned block of this level fits and
 * descending otherwise. */
static void page_set_level(PhysMap *map, PhysEntry *lp, uint64_t *index,
                           uint64_t *nb, uint32_t leaf, int level)
{
    uint64_t step = (uint64_t)1 << (level * PM_L2_BITS);
    PhysEntry *p;

    if (lp->skip && lp->ptr == PM_NODE_NIL) {
        lp->ptr = node_alloc(map, level == 0);
    } else if (!lp->skip) {
        /* Descending into a leaf only happens when ranges overlap, which
         * a FlatView never does (QEMU would follow a section number as a
         * node number).  Give it a node instead of reading garbage. */
        *lp = (PhysEntry){ .skip = 1, .ptr = node_alloc(map, level == 0) };
    }
    p = map->nodes[lp->ptr];
    lp = &p[(*index >> (level * PM_L2_BITS)) & (PM_L2_SIZE - 1)];

    while (*nb && lp < &p[PM_L2_SIZE]) {
        if ((*index & (step - 1)) == 0 && *nb >= step) {
            *lp = (PhysEntry){ .skip = 0, .ptr = leaf };
            *index += step;
            *nb -= step;
        } else {
            page_set_level(map, lp, index, nb, leaf, level - 1);
        }
        ++lp;
    }
}

/* phys_page_set: at most two partial nodes per level are created, so
 * three per level is plenty (QEMU's "wildly overreserve"). */
static void page_set(PhysMap *map, uint64_t index, uint64_t nb, uint32_t leaf)
{
    node_reserve(map, 3 * PM_L2_LEVELS);
    page_set_level(map, &map->root, &index, &nb, leaf, PM_L2_LEVELS - 1);
}

/* section_covers_addr: a size above 64 bits covers everything. */
static bool section_covers(const PhysSection *s, hwaddr addr)
{
    uint64_t last = s->start + (uint64_t)s->size - 1;   /* range_get_last */

    return (s->size >> 64) != 0 || (s->start <= addr && addr <= last);
}

/* phys_page_find: the page-level section for addr (a subpage's own
 * section, not the piece inside it), or #0 when the leaf reached does not
 * cover addr (compaction skips levels without checking their bits). */
static unsigned page_find(const PhysMap *map, hwaddr addr)
{
    PhysEntry lp = map->root;
    uint64_t index = addr >> PM_PAGE_BITS;

    for (int i = PM_L2_LEVELS; lp.skip && (i -= lp.skip) >= 0;) {
        if (lp.ptr == PM_NODE_NIL) {
            return PM_SECTION_UNASSIGNED;
        }
        lp = map->nodes[lp.ptr][(index >> (i * PM_L2_BITS)) & (PM_L2_SIZE - 1)];
    }
    return section_covers(section_at(map, lp.ptr), addr) ? lp.ptr
                                                         : PM_SECTION_UNASSIGNED;
}

/* register_subpage: the piece [start, start+size) lies within one page.
 * The page gets a nameless subpage section the first time a piece lands
 * in it; later pieces (from the same range or from the next one) reuse
 * it.  QEMU's subpage_register fills the subpage's byte table, which is
 * never printed, so only the piece's section is recorded here. */
static void register_subpage(PhysMap *map, const MemoryRegion *mr,
                             hwaddr start, Int128 size)
{
    hwaddr base = start & PM_PAGE_MASK;
    const PhysSection *existing = section_at(map, page_find(map, base));

    if (!existing->subpage) {
        unsigned sub = section_add(map, NULL, true, base, PM_PAGE_SIZE);
        page_set(map, base >> PM_PAGE_BITS, 1, sub);
    }
    section_add(map, mr, false, start, size);
}

/* register_multipage: size is a non-zero multiple of the page size. */
static void register_multipage(PhysMap *map, const MemoryRegion *mr,
                               hwaddr start, Int128 size)
{
    unsigned idx = section_add(map, mr, false, start, size);

    page_set(map, start >> PM_PAGE_BITS, (uint64_t)(size >> PM_PAGE_BITS), idx);
}

/* flatview_add_to_dispatch: a range is split into a head subpage, whole
 * pages and a tail subpage, each part present only when non-empty
 * (except that a range with no whole page always ends in a subpage).
 * Address arithmetic wraps at 2^64 as QEMU's hwaddr does. */
static void add_range(PhysMap *map, const FlatRange *fr)
{
    const Int128 page = PM_PAGE_SIZE;
    hwaddr start = (hwaddr)fr->start;
    Int128 size = fr->size;

    if (start & ~PM_PAGE_MASK) {
        hwaddr left = ((start + PM_PAGE_SIZE - 1) & PM_PAGE_MASK) - start;
        Int128 now = MIN((Int128)left, size);

        register_subpage(map, fr->mr, start, now);
        if (size == now) {
            return;
        }
        size -= now;
        start += (hwaddr)now;
    }

    if (size >= page) {
        Int128 now = size & ~(page - 1);

        register_multipage(map, fr->mr, start, now);
        if (size == now) {
            return;
        }
        size -= now;
        start += (hwaddr)now;
    }

    register_subpage(map, fr->mr, start, size);
}

/* phys_page_compact: an inner entry whose node has exactly one non-NIL
 * child takes over that child (adding its skip), bottom-up.  Nodes that
 * become unreachable stay allocated and are still printed.  (QEMU's
 * guard against overflowing the 6-bit skip needs 64 levels; with 6 it
 * never applies.) */
static void page_compact(PhysEntry *lp, PhysNode *nodes)
{
    unsigned valid_ptr = PM_L2_SIZE;
    unsigned valid = 0;
    PhysEntry *p;

    if (lp->ptr == PM_NODE_NIL) {
        return;
    }
    p = nodes[lp->ptr];
    for (unsigned i = 0; i < PM_L2_SIZE; i++) {
        if (p[i].ptr == PM_NODE_NIL) {
            continue;
        }
        valid_ptr = i;
        valid++;
        if (p[i].skip) {
            page_compact(&p[i], nodes);
        }
    }
    if (valid != 1) {
        return;
    }
    lp->ptr = p[valid_ptr].ptr;
    if (!p[valid_ptr].skip) {
        lp->skip = 0;
    } else {
        lp->skip += p[valid_ptr].skip;
    }
}

/* address_space_dispatch_compact */
static void physmap_compact(PhysMap *map)
{
    if (map->root.skip) {
        page_compact(&map->root, map->nodes);
    }
}

/* The mtree_print_dispatch line for section i. */
static void print_section(const PhysMap *map, unsigned i, const FlatView *fv,
                          int mru, GString *out)
{
    static const char *const names[] = { " [unassigned]", " [not dirty]",
                                         " [ROM]", " [watch]" };
    const PhysSection *s = section_at(map, i);
    const char *name = s->mr && s->mr->name ? s->mr->name : "(noname)";
    /* MR_SIZE: size - 1, or 0 for an empty section. */
    uint64_t last = s->start + (s->size ? (uint64_t)(s->size - 1) : 0);

    g_string_append_printf(out, "      #%u @%016" PRIx64 "..%016" PRIx64 " %s%s%s%s%s",
                           i, (uint64_t)s->start, last, name,
                           i < G_N_ELEMENTS(names) ? names[i] : "",
                           s->mr && s->mr == fv->root ? " [ROOT]" : "",
                           (int)i == mru ? " [MRU]" : "",
                           "" /* " [iommu]": x86slice has no IOMMU regions */);
    if (s->mr && s->mr->alias) {
        g_string_append_printf(out, " alias=%s",
                               s->mr->alias->name ? s->mr->alias->name : "noname");
    }
    g_string_append_c(out, '\n');
}

/* mtree_print_phys_entries: one run of equal entries [start, end). */
static void print_entries(int start, int end, PhysEntry e, GString *out)
{
    if (start == end - 1) {
        g_string_append_printf(out, "\t%3d      ", start);
    } else {
        g_string_append_printf(out, "\t%3d..%-3d ", start, end - 1);
    }
    g_string_append_printf(out, " skip=%d ", (int)e.skip);
    if (e.ptr == PM_NODE_NIL) {
        g_string_append(out, " ptr=NIL");
    } else if (!e.skip) {
        g_string_append_printf(out, " ptr=#%d", (int)e.ptr);
    } else {
        g_string_append_printf(out, " ptr=[%d]", (int)e.ptr);
    }
    g_string_append_c(out, '\n');
}

/* One node of mtree_print_dispatch: runs of identical entries. */
static void print_node(const PhysEntry *n, unsigned idx, GString *out)
{
    PhysEntry prev = n[0];
    int jprev = 0;

    g_string_append_printf(out, "      [%u]\n", idx);
    for (int j = 0; j < PM_L2_SIZE; j++) {
        if (n[j].ptr == prev.ptr && n[j].skip == prev.skip) {
            continue;
        }
        print_entries(jprev, j, prev, out);
        jprev = j;
        prev = n[j];
    }
    print_entries(jprev, PM_L2_SIZE, prev, out);
}

/* mtree_print_dispatch */
static void physmap_print(const PhysMap *map, const FlatView *fv, int mru, GString *out)
{
    g_string_append(out, "  Dispatch\n");
    g_string_append(out, "    Physical sections\n");
    for (unsigned i = 0; i < map->sections->len; i++) {
        print_section(map, i, fv, mru, out);
    }
    g_string_append_printf(out, "    Nodes (%d bits per level, %d levels) ptr=[%d] skip=%d\n",
                           PM_L2_BITS, PM_L2_LEVELS, (int)map->root.ptr,
                           (int)map->root.skip);
    for (unsigned i = 0; i < map->nodes_nb; i++) {
        print_node(map->nodes[i], i, out);
    }
}

void physmap_print_dispatch(const FlatView *fv, GString *out)
{
    PhysMap map;
    int mru = -1;

    /* generate_memory_topology: every range in order, then compaction. */
    physmap_init(&map);
    for (unsigned i = 0; i < fv->nr; i++) {
        add_range(&map, &fv->ranges[i]);
    }
    physmap_compact(&map);

    /* address_space_lookup_region caches phys_page_find's answer, which
     * lookups make on the compacted tree. */
    if (fv->mru_valid) {
        mru = (int)page_find(&map, fv->mru_addr);
    }
    physmap_print(&map, fv, mru, out);
    physmap_destroy(&map);
}
