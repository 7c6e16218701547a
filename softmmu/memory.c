/*
 * MemoryRegion trees, transactions, address spaces and listeners with
 * QEMU 7.2 semantics (softmmu/memory.c, docs/devel/memory.rst).
 *
 * Where x86slice differs inside (not in results): QEMU re-renders every
 * FlatView at every committed change.  We record, as each change happens,
 * which address ranges of which views it can reach (walking up through
 * containers and through the aliases that target a region), and at commit
 * re-render only those ranges (flatview.c).  Views are still new immutable
 * objects, shared between address spaces exactly as QEMU shares them, and
 * listeners see QEMU's sequence of callbacks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "softmmu/memory-internal.h"
#include "softmmu/physmem.h"

static unsigned transaction_depth;
static bool update_pending;
static unsigned long region_serial;

AddressSpace *address_spaces_head;
static AddressSpace *address_spaces_tail;
static MemoryListener *listeners_head, *listeners_tail;

/* Dirty windows beyond this many per view: just re-render the view. */
#define MAX_DIRTY_RANGES 32

/* One rendered view per flatview root, as QEMU's flat_views table. */
typedef struct ViewEntry {
    FlatView *fv;
    unsigned long generation;       /* last commit that found it in use */
    bool full;                      /* re-render everything at commit */
    unsigned ndirty;
    AddrRange dirty[MAX_DIRTY_RANGES];
} ViewEntry;

static GHashTable *views;           /* MemoryRegion *physmr -> ViewEntry * */

static void view_entry_free(gpointer p)
{
    ViewEntry *e = p;

    flatview_unref(e->fv);
    g_free(e);
}

static GHashTable *views_table(void)
{
    if (!views) {
        views = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, view_entry_free);
    }
    return views;
}

FlatView *memory_view_for_root(MemoryRegion *physmr)
{
    ViewEntry *e = views ? g_hash_table_lookup(views, physmr) : NULL;
    return e ? e->fv : NULL;
}

/* ---- construction ------------------------------------------------------ */

void memory_region_init(MemoryRegion *mr, void *owner, const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name);
    mr->owner = owner;
    mr->ops = &unassigned_mem_ops;
    mr->enabled = true;
    mr->romd_mode = true;
    mr->size = size == UINT64_MAX ? INT128_2_64 : size;
    mr->serial = ++region_serial;
}

void memory_region_init_io(MemoryRegion *mr, void *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->ops = ops ? ops : &unassigned_mem_ops;
    mr->opaque = opaque;
    mr->terminates = true;
    mr->direct_read_sizes = memory_region_ops_direct_reads(mr->ops);
}

void memory_region_init_ram(MemoryRegion *mr, void *owner, const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->ram = true;
    mr->terminates = true;
    mr->ram_block = qemu_ram_alloc(size, mr);
    if (!mr->ram_block) {
        /* QEMU reports the allocation failure and the region has size 0. */
        g_printerr("cannot set up guest memory '%s': Cannot allocate memory\n",
                   name ? name : "(null)");
        mr->size = 0;
    }
}

void memory_region_init_rom(MemoryRegion *mr, void *owner, const char *name, uint64_t size)
{
    memory_region_init_ram(mr, owner, name, size);
    mr->readonly = true;
}

void memory_region_init_rom_device(MemoryRegion *mr, void *owner, const MemoryRegionOps *ops,
                                   void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->ops = ops ? ops : &unassigned_mem_ops;
    mr->opaque = opaque;
    mr->terminates = true;
    mr->rom_device = true;
    mr->ram_block = qemu_ram_alloc(size, mr);
    if (!mr->ram_block) {
        mr->size = 0;
    }
}

void memory_region_init_alias(MemoryRegion *mr, void *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
    /* Remember the alias on its target so changes can find their views. */
    mr->aliased_next = orig->aliased_by_head;
    if (orig->aliased_by_head) {
        orig->aliased_by_head->aliased_prev = mr;
    }
    orig->aliased_by_head = mr;
}

void memory_region_finalize(MemoryRegion *mr)
{
    g_assert(!mr->container);
    memory_region_transaction_begin();
    while (mr->subregions_head) {
        memory_region_del_subregion(mr, mr->subregions_head);
    }
    memory_region_transaction_commit();
    if (mr->alias) {
        if (mr->aliased_prev) {
            mr->aliased_prev->aliased_next = mr->aliased_next;
        } else {
            mr->alias->aliased_by_head = mr->aliased_next;
        }
        if (mr->aliased_next) {
            mr->aliased_next->aliased_prev = mr->aliased_prev;
        }
    }
    /* Aliases that still point here keep a dangling target: as in QEMU,
     * the owner must tear aliases down first. */
    for (MemoryRegion *a = mr->aliased_by_head; a; a = a->aliased_next) {
        a->alias = NULL;
    }
    if (mr->ram_block) {
        qemu_ram_free(mr->ram_block);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

/* ---- change tracking --------------------------------------------------- */

static void view_mark_dirty(ViewEntry *e, SInt128 lo, SInt128 hi)
{
    if (e->full) {
        return;
    }
    if (e->ndirty == MAX_DIRTY_RANGES) {
        e->full = true;
        return;
    }
    e->dirty[e->ndirty++] = (AddrRange){ lo, hi };
}

/*
 * [lo, hi) in mr's own coordinates may render differently: record that in
 * every view that can see mr.  A view root shows its offset o at address
 * root->addr + o (render_memory_region adds the root's own address).
 * Disabled regions show nothing, so the walk stops there: enabling one
 * later marks its whole extent anyway.
 */
static unsigned propagate_budget;

static void mark_all_views_full(void)
{
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, views);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        ((ViewEntry *)v)->full = true;
    }
}

static void propagate_change(MemoryRegion *mr, SInt128 lo, SInt128 hi, unsigned depth)
{
    if (lo >= hi || !mr->enabled) {
        return;
    }
    if (depth > 64 || propagate_budget == 0) {
        /* A pathological web of aliases: give up being clever. */
        mark_all_views_full();
        return;
    }
    propagate_budget--;
    ViewEntry *e = views ? g_hash_table_lookup(views, mr) : NULL;
    if (e) {
        SInt128 base = (SInt128)mr->addr;
        SInt128 top = (SInt128)INT128_2_64;
        view_mark_dirty(e, MAX(base + lo, 0), MIN(base + hi, top));
    }
    if (mr->container) {
        SInt128 plo = lo + (SInt128)mr->addr, phi = hi + (SInt128)mr->addr;
        propagate_change(mr->container, MAX(plo, 0),
                         MIN(phi, (SInt128)mr->container->size), depth + 1);
    }
    for (MemoryRegion *a = mr->aliased_by_head; a; a = a->aliased_next) {
        SInt128 alo = lo - (SInt128)a->alias_offset, ahi = hi - (SInt128)a->alias_offset;
        propagate_change(a, MAX(alo, 0), MIN(ahi, (SInt128)a->size), depth + 1);
    }
}

/* Something about mr itself changed (enabled, readonly, size, alias offset):
 * every place it is rendered may change. */
static void note_region_changed(MemoryRegion *mr)
{
    if (!views) {
        return;
    }
    /* Disabling: propagate_change stops at disabled regions, so look as if
     * it were still enabled. */
    bool was = mr->enabled;
    mr->enabled = true;
    propagate_budget = 4096;
    propagate_change(mr, 0, (SInt128)mr->size, 0);
    mr->enabled = was;
}

/* sub appeared in, or left, its container at its address. */
static void note_placement_changed(MemoryRegion *container, MemoryRegion *sub)
{
    if (!views || !sub->enabled) {
        return;
    }
    SInt128 lo = (SInt128)sub->addr, hi = lo + (SInt128)sub->size;
    propagate_budget = 4096;
    propagate_change(container, lo, MIN(hi, (SInt128)container->size), 0);
}

/* ---- topology ------------------------------------------------------------ */

static void subregion_link(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion *other;

    /* QEMU: insert before the first sibling of lower or equal priority. */
    for (other = mr->subregions_head; other; other = other->sub_next) {
        if (sub->priority >= other->priority) {
            break;
        }
    }
    sub->sub_next = other;
    sub->sub_prev = other ? other->sub_prev : mr->subregions_tail;
    if (sub->sub_prev) {
        sub->sub_prev->sub_next = sub;
    } else {
        mr->subregions_head = sub;
    }
    if (other) {
        other->sub_prev = sub;
    } else {
        mr->subregions_tail = sub;
    }
}

static void subregion_unlink(MemoryRegion *mr, MemoryRegion *sub)
{
    if (sub->sub_prev) {
        sub->sub_prev->sub_next = sub->sub_next;
    } else {
        mr->subregions_head = sub->sub_next;
    }
    if (sub->sub_next) {
        sub->sub_next->sub_prev = sub->sub_prev;
    } else {
        mr->subregions_tail = sub->sub_prev;
    }
    sub->sub_next = sub->sub_prev = NULL;
}

static void add_subregion_common(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub)
{
    g_assert(!sub->container);
    memory_region_transaction_begin();
    sub->container = mr;
    for (MemoryRegion *a = sub->alias; a; a = a->alias) {
        a->mapped_via_alias++;
    }
    sub->addr = offset;
    subregion_link(mr, sub);
    note_placement_changed(mr, sub);
    update_pending |= mr->enabled && sub->enabled;
    memory_region_transaction_commit();
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *subregion)
{
    subregion->priority = 0;
    add_subregion_common(mr, offset, subregion);
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion, int priority)
{
    subregion->priority = priority;
    add_subregion_common(mr, offset, subregion);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion)
{
    memory_region_transaction_begin();
    g_assert(subregion->container == mr);
    note_placement_changed(mr, subregion);
    subregion->container = NULL;
    for (MemoryRegion *a = subregion->alias; a; a = a->alias) {
        a->mapped_via_alias--;
    }
    subregion_unlink(mr, subregion);
    update_pending |= mr->enabled && subregion->enabled;
    memory_region_transaction_commit();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (enabled == mr->enabled) {
        return;
    }
    memory_region_transaction_begin();
    note_region_changed(mr);
    mr->enabled = enabled;
    update_pending = true;
    memory_region_transaction_commit();
}

/* A rendering attribute of mr changed: QEMU updates only if mr is enabled. */
static void set_render_flag(MemoryRegion *mr, bool *flag, bool value)
{
    if (*flag != value) {
        memory_region_transaction_begin();
        *flag = value;
        note_region_changed(mr);
        update_pending |= mr->enabled;
        memory_region_transaction_commit();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    set_render_flag(mr, &mr->readonly, readonly);
}

void memory_region_set_nonvolatile(MemoryRegion *mr, bool nonvolatile)
{
    set_render_flag(mr, &mr->nonvolatile, nonvolatile);
}

void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode)
{
    set_render_flag(mr, &mr->romd_mode, romd_mode);
}

void memory_region_set_size(MemoryRegion *mr, uint64_t size)
{
    Int128 s = size == UINT64_MAX ? INT128_2_64 : size;

    if (s == mr->size) {
        return;
    }
    memory_region_transaction_begin();
    note_region_changed(mr);
    mr->size = s;
    note_region_changed(mr);
    update_pending = true;
    memory_region_transaction_commit();
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    MemoryRegion *container = mr->container;

    if (addr == mr->addr) {
        return;
    }
    if (!container) {
        /* No commit in QEMU either; but a view rendered from this region
         * includes its address, so its next rendering must be a full one. */
        ViewEntry *e = views ? g_hash_table_lookup(views, mr) : NULL;
        if (e) {
            e->full = true;
        }
        mr->addr = addr;
        return;
    }
    /* QEMU re-adds the region, which also re-sorts it among equals. */
    memory_region_transaction_begin();
    memory_region_del_subregion(container, mr);
    add_subregion_common(container, addr, mr);
    memory_region_transaction_commit();
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    g_assert(mr->alias);
    if (offset == mr->alias_offset) {
        return;
    }
    memory_region_transaction_begin();
    mr->alias_offset = offset;
    note_region_changed(mr);
    update_pending |= mr->enabled;
    memory_region_transaction_commit();
}

/* ---- queries ------------------------------------------------------------- */

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size == INT128_2_64 ? UINT64_MAX : (uint64_t)mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->ram;
}

bool memory_region_is_rom(const MemoryRegion *mr)
{
    return mr->ram && mr->readonly;
}

bool memory_region_is_romd(const MemoryRegion *mr)
{
    return mr->rom_device && mr->romd_mode;
}

bool memory_region_is_mapped(const MemoryRegion *mr)
{
    return mr->container || mr->mapped_via_alias;
}

const char *memory_region_type(const MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    if (memory_region_is_romd(mr)) {
        return "romd";
    } else if (memory_region_is_rom(mr)) {
        return "rom";
    } else if (memory_region_is_ram(mr)) {
        return "ram";
    }
    return "i/o";
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    hwaddr offset = 0;

    while (mr->alias) {
        offset += mr->alias_offset;
        mr = mr->alias;
    }
    g_assert(mr->ram_block);
    return mr->ram_block->host + offset;
}

/* QEMU's memory_region_get_flatview_root: the region whose rendering an
 * address space shows, skipping wrappers so that views can be shared. */
MemoryRegion *memory_region_get_flatview_root(MemoryRegion *mr)
{
    while (mr && mr->enabled) {
        if (mr->alias) {
            if (!mr->alias_offset && mr->size >= mr->alias->size) {
                mr = mr->alias;
                continue;
            }
        } else if (!mr->terminates) {
            unsigned found = 0;
            MemoryRegion *next = NULL;
            for (MemoryRegion *c = mr->subregions_head; c; c = c->sub_next) {
                if (c->enabled) {
                    if (++found > 1) {
                        next = NULL;
                        break;
                    }
                    if (!c->addr && mr->size >= c->size) {
                        next = c;
                    }
                }
            }
            if (found == 0) {
                return NULL;
            }
            if (next) {
                mr = next;
                continue;
            }
        }
        return mr;
    }
    return NULL;
}

/* ---- views and commit -------------------------------------------------- */

static int addr_range_cmp(const void *a, const void *b)
{
    const AddrRange *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort and merge the dirty windows in place; returns how many remain. */
static unsigned merge_dirty(AddrRange *r, unsigned n)
{
    unsigned out = 0;

    qsort(r, n, sizeof(*r), addr_range_cmp);
    for (unsigned i = 0; i < n; i++) {
        if (out && r[i].start <= r[out - 1].end) {
            r[out - 1].end = MAX(r[out - 1].end, r[i].end);
        } else {
            r[out++] = r[i];
        }
    }
    return out;
}

static FlatView *view_bring_up_to_date(ViewEntry *e, MemoryRegion *physmr)
{
    if (e->full) {
        return flatview_render(physmr);
    }
    unsigned n = merge_dirty(e->dirty, e->ndirty);
    if (n == 0) {
        /* Same contents; QEMU's view would be a new object with a fresh
         * dispatch, so forget the most recent lookup as it does. */
        e->fv->mru_valid = false;
        flatview_ref(e->fv);
        return e->fv;
    }
    return flatview_patch(e->fv, e->dirty, n);
}

static unsigned long views_generation;

static gboolean view_unused(gpointer key, gpointer value, gpointer gen)
{
    (void)key;
    return ((ViewEntry *)value)->generation != *(unsigned long *)gen;
}

/* QEMU's flatviews_reset: one view per distinct flatview root in use, each
 * brought up to date; views no address space shows any more are dropped. */
static void views_update(void)
{
    GHashTable *t = views_table();
    unsigned long gen = ++views_generation;

    for (AddressSpace *as = address_spaces_head; as; as = as->next) {
        MemoryRegion *physmr = memory_region_get_flatview_root(as->root);
        if (!physmr) {
            continue;
        }
        ViewEntry *e = g_hash_table_lookup(t, physmr);
        if (!e) {
            e = g_new0(ViewEntry, 1);
            e->fv = flatview_render(physmr);
            g_hash_table_insert(t, physmr, e);
        } else if (e->generation != gen) {
            FlatView *fv = view_bring_up_to_date(e, physmr);
            flatview_unref(e->fv);
            e->fv = fv;
        }
        e->generation = gen;
        e->full = false;
        e->ndirty = 0;
    }
    g_hash_table_foreach_remove(t, view_unused, &gen);
}

static FlatView *view_for(MemoryRegion *physmr)
{
    return physmr ? memory_view_for_root(physmr) : flatview_empty();
}

static void listeners_call_region(AddressSpace *as, const FlatRange *fr, bool reverse,
                                  size_t offset)
{
    MemoryRegionSection mrs = flatview_range_section(as->current_map, fr);
    typedef void (*RegionCb)(MemoryListener *, MemoryRegionSection *);

    for (MemoryListener *l = reverse ? as->listeners_tail : as->listeners_head; l;
         l = reverse ? l->as_prev : l->as_next) {
        RegionCb cb = *(RegionCb *)((char *)l + offset);
        if (cb) {
            cb(l, &mrs);
        }
    }
}

#define LISTENER_REGION(as, fr, rev, field) \
    listeners_call_region(as, fr, rev, offsetof(MemoryListener, field))

/* QEMU's address_space_update_topology_pass: the symmetric difference of
 * two views, deletions in the first pass, additions and no-ops in the second. */
static void topology_pass(AddressSpace *as, const FlatView *old, const FlatView *new,
                          bool adding)
{
    unsigned iold = 0, inew = 0;

    while (iold < old->nr || inew < new->nr) {
        const FlatRange *frold = iold < old->nr ? &old->ranges[iold] : NULL;
        const FlatRange *frnew = inew < new->nr ? &new->ranges[inew] : NULL;

        if (frold && (!frnew || frold->start < frnew->start ||
                      (frold->start == frnew->start && !flatrange_equal(frold, frnew)))) {
            if (!adding) {
                LISTENER_REGION(as, frold, true, region_del);
            }
            iold++;
        } else if (frold && frnew && flatrange_equal(frold, frnew)) {
            if (adding) {
                LISTENER_REGION(as, frnew, false, region_nop);
            }
            iold++;
            inew++;
        } else {
            if (adding) {
                LISTENER_REGION(as, frnew, false, region_add);
            }
            inew++;
        }
    }
}

static void address_space_set_flatview(AddressSpace *as, bool views_renewed)
{
    FlatView *old = as->current_map;
    FlatView *new = view_for(memory_region_get_flatview_root(as->root));

    /* QEMU renders every non-empty view anew at each commit, so listeners
     * see a pass (of no-ops at least) unless both views are the empty one. */
    if (old == new && !(views_renewed && new != flatview_empty())) {
        return;
    }
    flatview_ref(new);
    if (as->listeners_head) {
        FlatView none = { .nr = 0 };
        const FlatView *o = old ? old : &none;
        topology_pass(as, o, new, false);
        topology_pass(as, o, new, true);
    }
    as->current_map = new;
    if (old) {
        flatview_unref(old);
    }
}

#define LISTENERS_GLOBAL(cb) \
    for (MemoryListener *l_ = listeners_head; l_; l_ = l_->next) \
        if (l_->cb) l_->cb(l_)

void memory_region_transaction_begin(void)
{
    ++transaction_depth;
}

void memory_region_transaction_commit(void)
{
    g_assert(transaction_depth);
    if (--transaction_depth || !update_pending) {
        return;
    }
    views_update();

    LISTENERS_GLOBAL(begin);
    for (AddressSpace *as = address_spaces_head; as; as = as->next) {
        address_space_set_flatview(as, true);
    }
    update_pending = false;
    LISTENERS_GLOBAL(commit);
}

/* ---- address spaces ---------------------------------------------------- */

AddressSpace *address_space_first(void)
{
    return address_spaces_head;
}

FlatView *address_space_to_flatview(AddressSpace *as)
{
    return as->current_map;
}

/* QEMU's address_space_update_topology: render this space's view if no
 * address space shows it yet, and switch to it. */
static void address_space_update_topology(AddressSpace *as)
{
    MemoryRegion *physmr = memory_region_get_flatview_root(as->root);

    if (physmr && !g_hash_table_contains(views_table(), physmr)) {
        ViewEntry *e = g_new0(ViewEntry, 1);
        e->fv = flatview_render(physmr);
        g_hash_table_insert(views, physmr, e);
    }
    address_space_set_flatview(as, false);
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->root = root;
    as->name = g_strdup(name ? name : "anonymous");
    as->prev = address_spaces_tail;
    if (address_spaces_tail) {
        address_spaces_tail->next = as;
    } else {
        address_spaces_head = as;
    }
    address_spaces_tail = as;
    as->initialized = true;
    address_space_update_topology(as);
}

void address_space_destroy(AddressSpace *as)
{
    /* QEMU asserts that no listener is left; we take them off instead. */
    while (as->listeners_head) {
        memory_listener_unregister(as->listeners_head);
    }
    if (as->prev) {
        as->prev->next = as->next;
    } else {
        address_spaces_head = as->next;
    }
    if (as->next) {
        as->next->prev = as->prev;
    } else {
        address_spaces_tail = as->prev;
    }
    if (as->current_map) {
        flatview_unref(as->current_map);
    }
    g_free(as->name);
    memset(as, 0, sizeof(*as));
    /* Views no address space shows any more go away at the next commit;
     * drop them now if nothing is left at all. */
    if (!address_spaces_head && views) {
        g_hash_table_remove_all(views);
    }
}

/* ---- listeners --------------------------------------------------------- */

static void listener_replay(MemoryListener *l, AddressSpace *as, bool adding)
{
    FlatView *fv = as->current_map;

    if (l->begin) {
        l->begin(l);
    }
    for (unsigned i = 0; fv && i < fv->nr; i++) {
        MemoryRegionSection mrs = flatview_range_section(fv, &fv->ranges[i]);
        if (adding && l->region_add) {
            l->region_add(l, &mrs);
        } else if (!adding && l->region_del) {
            l->region_del(l, &mrs);
        }
    }
    if (l->commit) {
        l->commit(l);
    }
}

void memory_listener_register(MemoryListener *listener, AddressSpace *as)
{
    MemoryListener *other;

    listener->address_space = as;
    /* Both lists sorted by priority; equal priorities keep registration order. */
    for (other = listeners_head; other && other->priority <= listener->priority;
         other = other->next) {
    }
    listener->next = other;
    listener->prev = other ? other->prev : listeners_tail;
    *(listener->prev ? &listener->prev->next : &listeners_head) = listener;
    *(other ? &other->prev : &listeners_tail) = listener;

    for (other = as->listeners_head; other && other->priority <= listener->priority;
         other = other->as_next) {
    }
    listener->as_next = other;
    listener->as_prev = other ? other->as_prev : as->listeners_tail;
    *(listener->as_prev ? &listener->as_prev->as_next : &as->listeners_head) = listener;
    *(other ? &other->as_prev : &as->listeners_tail) = listener;

    listener_replay(listener, as, true);
}

void memory_listener_unregister(MemoryListener *listener)
{
    AddressSpace *as = listener->address_space;

    if (!as) {
        return;
    }
    listener_replay(listener, as, false);
    *(listener->prev ? &listener->prev->next : &listeners_head) = listener->next;
    *(listener->next ? &listener->next->prev : &listeners_tail) = listener->prev;
    *(listener->as_prev ? &listener->as_prev->as_next : &as->listeners_head) = listener->as_next;
    *(listener->as_next ? &listener->as_next->as_prev : &as->listeners_tail) = listener->as_prev;
    listener->next = listener->prev = listener->as_next = listener->as_prev = NULL;
    listener->address_space = NULL;
}
