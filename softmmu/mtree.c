/*
 * `info mtree [-f] [-d] [-o] [-D]` in QEMU 7.2's format (mtree_info and
 * friends in softmmu/memory.c).  QEMU walks hash tables, so its blocks
 * come out in a different order on every run; we print ours in creation
 * order.  Everything inside a block is QEMU's, byte for byte.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include "softmmu/memory-internal.h"
#include "softmmu/physmap.h"

#define MTREE_INDENT "  "
#define PLX "%016" PRIx64

/* ---- owners (-o) --------------------------------------------------------- */

typedef struct OwnerInfo {
    bool is_device;
    char *path;
    char *id;
} OwnerInfo;

static GHashTable *owners;

static void owner_info_free(gpointer p)
{
    OwnerInfo *o = p;
    g_free(o->path);
    g_free(o->id);
    g_free(o);
}

void memory_owner_register(void *owner, bool is_device, const char *path, const char *id)
{
    if (!owners) {
        owners = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, owner_info_free);
    }
    OwnerInfo *o = g_new0(OwnerInfo, 1);
    o->is_device = is_device;
    o->path = g_strdup(path);
    o->id = g_strdup(id);
    g_hash_table_insert(owners, owner, o);
}

void memory_owner_reset(void)
{
    if (owners) {
        g_hash_table_destroy(owners);
        owners = NULL;
    }
}

/* Regions without an owner hang under QEMU's /machine/unattached. */
static char unattached_container;

static void print_owner(GString *out, const char *label, void *obj)
{
    const OwnerInfo *o = owners ? g_hash_table_lookup(owners, obj) : NULL;

    if (obj == &unattached_container) {
        g_string_append_printf(out, " %s:{obj path=/machine/unattached}", label);
        return;
    }
    g_string_append_printf(out, " %s:{%s", label, o && o->is_device ? "dev" : "obj");
    if (o && o->is_device && o->id) {
        g_string_append_printf(out, " id=%s", o->id);
    } else if (o && o->path) {
        g_string_append_printf(out, " path=%s", o->path);
    } else {
        g_string_append(out, " type=object");
    }
    g_string_append(out, "}");
}

/* QEMU's mtree_print_mr_owner: a named region is a QOM child of its owner,
 * or of /machine/unattached; a nameless one has no parent at all. */
static void print_mr_owner(GString *out, const MemoryRegion *mr)
{
    void *owner = mr->owner;
    void *parent = mr->name ? (owner ? owner : &unattached_container) : NULL;

    if (!owner && !parent) {
        g_string_append(out, " orphan");
        return;
    }
    if (owner) {
        print_owner(out, "owner", owner);
    }
    if (parent && parent != owner) {
        print_owner(out, "parent", parent);
    }
}

/* ---- the region tree ----------------------------------------------------- */

typedef struct MtreeCtx {
    GString *out;
    GPtrArray *alias_queue;     /* alias targets still to print */
    bool owner, disabled;
} MtreeCtx;

static const char *name_of(const MemoryRegion *mr)
{
    return mr->name ? mr->name : "(null)";
}

static hwaddr mr_size_minus_one(Int128 size)
{
    return size ? (hwaddr)(size - 1) : 0;
}

static void indent(GString *out, unsigned level)
{
    for (unsigned i = 0; i < level; i++) {
        g_string_append(out, MTREE_INDENT);
    }
}

static void queue_alias_target(MtreeCtx *c, const MemoryRegion *target)
{
    for (guint i = 0; i < c->alias_queue->len; i++) {
        if (g_ptr_array_index(c->alias_queue, i) == target) {
            return;
        }
    }
    g_ptr_array_add(c->alias_queue, (gpointer)target);
}

/* Children by address, then higher priority first; otherwise as listed. */
static GPtrArray *sorted_children(const MemoryRegion *mr)
{
    GPtrArray *q = g_ptr_array_new();

    for (MemoryRegion *sub = mr->subregions_head; sub; sub = sub->sub_next) {
        guint pos = q->len;
        for (guint i = 0; i < q->len; i++) {
            const MemoryRegion *m = g_ptr_array_index(q, i);
            if (sub->addr < m->addr || (sub->addr == m->addr && sub->priority > m->priority)) {
                pos = i;
                break;
            }
        }
        g_ptr_array_insert(q, (gint)pos, sub);
    }
    return q;
}

static void print_mr(MtreeCtx *c, const MemoryRegion *mr, unsigned level, hwaddr base)
{
    GString *out = c->out;
    hwaddr start = base + mr->addr;
    hwaddr end = start + mr_size_minus_one(mr->size);

    if (start < base || end < start) {
        g_string_append(out, "[DETECTED OVERFLOW!] ");
    }
    if (mr->alias) {
        queue_alias_target(c, mr->alias);
    }
    /* A disabled region is skipped but its children still print (QEMU). */
    if (mr->enabled || c->disabled) {
        indent(out, level);
        g_string_append_printf(out, PLX "-" PLX " (prio %d, %s%s): ", start, end,
                               mr->priority, mr->nonvolatile ? "nv-" : "",
                               memory_region_type(mr));
        if (mr->alias) {
            g_string_append_printf(out, "alias %s @%s " PLX "-" PLX, name_of(mr),
                                   name_of(mr->alias), mr->alias_offset,
                                   mr->alias_offset + mr_size_minus_one(mr->size));
        } else {
            g_string_append(out, name_of(mr));
        }
        g_string_append(out, mr->enabled ? "" : " [disabled]");
        if (c->owner) {
            print_mr_owner(out, mr);
        }
        g_string_append_c(out, '\n');
    }
    GPtrArray *kids = sorted_children(mr);
    for (guint i = 0; i < kids->len; i++) {
        print_mr(c, g_ptr_array_index(kids, i), level + 1, start);
    }
    g_ptr_array_free(kids, TRUE);
}

static gint as_name_cmp(gconstpointer a, gconstpointer b)
{
    const AddressSpace *x = *(AddressSpace *const *)a, *y = *(AddressSpace *const *)b;
    return g_strcmp0(x->name, y->name);
}

static void mtree_info_as(GString *out, bool owner, bool disabled)
{
    MtreeCtx c = { .out = out, .alias_queue = g_ptr_array_new(),
                   .owner = owner, .disabled = disabled };
    GPtrArray *roots = g_ptr_array_new();

    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        if (as->root && !g_ptr_array_find(roots, as->root, NULL)) {
            g_ptr_array_add(roots, as->root);
        }
    }
    for (guint r = 0; r < roots->len; r++) {
        MemoryRegion *root = g_ptr_array_index(roots, r);
        GPtrArray *group = g_ptr_array_new();
        for (AddressSpace *as = address_space_first(); as; as = as->next) {
            if (as->root == root) {
                g_ptr_array_add(group, as);
            }
        }
        /* g_slist_insert_sorted keeps equal names in insertion order. */
        g_ptr_array_sort(group, as_name_cmp);
        for (guint i = 0; i < group->len; i++) {
            g_string_append_printf(out, "address-space: %s\n",
                                   ((AddressSpace *)g_ptr_array_index(group, i))->name);
        }
        g_ptr_array_free(group, TRUE);
        print_mr(&c, root, 1, 0);
        g_string_append_c(out, '\n');
    }
    for (guint i = 0; i < c.alias_queue->len; i++) {
        const MemoryRegion *mr = g_ptr_array_index(c.alias_queue, i);
        g_string_append_printf(out, "memory-region: %s\n", name_of(mr));
        print_mr(&c, mr, 1, 0);
        g_string_append_c(out, '\n');
    }
    g_ptr_array_free(roots, TRUE);
    g_ptr_array_free(c.alias_queue, TRUE);
}

/* ---- FlatViews (-f) ------------------------------------------------------ */

static void print_flatview(GString *out, FlatView *fv, GPtrArray *spaces, int n,
                           bool dispatch_tree, bool owner)
{
    g_string_append_printf(out, "FlatView #%d\n", n);
    for (guint i = 0; i < spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(spaces, i);
        g_string_append_printf(out, " AS \"%s\", root: %s", as->name, name_of(as->root));
        if (as->root->alias) {
            g_string_append_printf(out, ", alias %s", name_of(as->root->alias));
        }
        g_string_append_c(out, '\n');
    }
    g_string_append_printf(out, " Root memory region: %s\n",
                           fv->root ? name_of(fv->root) : "(none)");
    if (fv->nr == 0) {
        g_string_append(out, MTREE_INDENT "No rendered FlatView\n\n");
        return;
    }
    for (unsigned i = 0; i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];
        hwaddr start = (hwaddr)fr->start;
        g_string_append_printf(out, MTREE_INDENT PLX "-" PLX " (prio %d, %s%s): %s", start,
                               start + mr_size_minus_one(fr->size), fr->mr->priority,
                               fr->nonvolatile ? "nv-" : "",
                               fr->readonly ? "rom" : memory_region_type(fr->mr),
                               name_of(fr->mr));
        if (fr->offset_in_region) {
            g_string_append_printf(out, " @" PLX, fr->offset_in_region);
        }
        if (owner) {
            print_mr_owner(out, fr->mr);
        }
        g_string_append_c(out, '\n');
    }
    if (dispatch_tree && fv->root) {
        physmap_print_dispatch(fv, out);
    }
    g_string_append_c(out, '\n');
}

static void mtree_info_flatview(GString *out, bool dispatch_tree, bool owner)
{
    GPtrArray *fvs = g_ptr_array_new();
    GPtrArray *groups = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);

    for (AddressSpace *as = address_space_first(); as; as = as->next) {
        guint idx;
        if (!g_ptr_array_find(fvs, as->current_map, &idx)) {
            g_ptr_array_add(fvs, as->current_map);
            g_ptr_array_add(groups, g_ptr_array_new());
            idx = fvs->len - 1;
        }
        g_ptr_array_add(g_ptr_array_index(groups, idx), as);
    }
    for (guint i = 0; i < fvs->len; i++) {
        print_flatview(out, g_ptr_array_index(fvs, i), g_ptr_array_index(groups, i),
                       (int)i, dispatch_tree, owner);
    }
    g_ptr_array_free(groups, TRUE);
    g_ptr_array_free(fvs, TRUE);
}

void mtree_info(bool flatview, bool dispatch_tree, bool owner, bool disabled, GString *out)
{
    if (flatview) {
        mtree_info_flatview(out, dispatch_tree, owner);
    } else {
        mtree_info_as(out, owner, disabled);
    }
}
