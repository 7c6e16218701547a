/*
 * Rendering a region tree into a FlatView: QEMU 7.2's render_memory_region
 * and flatview_simplify semantics, plus an incremental variant that
 * re-renders only the address ranges a transaction touched.
 *
 * Rendering is pointwise: which region answers an address depends only on
 * the regions that cover it.  So rendering with a clip window gives exactly
 * the full rendering restricted to that window, and after merging adjacent
 * mergeable ranges (which yields the unique maximal form) a patched view is
 * identical to a full re-render.  tests/unit/test-memory-flatview.c checks
 * that claim on random trees.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "softmmu/memory-internal.h"

FlatView *flatview_new(MemoryRegion *root)
{
    FlatView *fv = g_new0(FlatView, 1);

    fv->ref = 1;
    fv->root = root;
    return fv;
}

void flatview_ref(FlatView *fv)
{
    fv->ref++;
}

void flatview_unref(FlatView *fv)
{
    if (--fv->ref == 0) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

static void flatview_reserve(FlatView *fv, unsigned n)
{
    if (n > fv->nr_allocated) {
        fv->nr_allocated = MAX(MAX(2 * fv->nr_allocated, 10), n);
        fv->ranges = g_renew(FlatRange, fv->ranges, fv->nr_allocated);
    }
}

static void flatview_insert(FlatView *fv, unsigned pos, const FlatRange *fr)
{
    flatview_reserve(fv, fv->nr + 1);
    memmove(fv->ranges + pos + 1, fv->ranges + pos, (fv->nr - pos) * sizeof(FlatRange));
    fv->ranges[pos] = *fr;
    fv->nr++;
}

static void flatview_append(FlatView *fv, const FlatRange *fr)
{
    flatview_reserve(fv, fv->nr + 1);
    fv->ranges[fv->nr++] = *fr;
}

bool flatrange_equal(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && a->start == b->start && a->size == b->size &&
           a->offset_in_region == b->offset_in_region &&
           a->romd_mode == b->romd_mode && a->readonly == b->readonly &&
           a->nonvolatile == b->nonvolatile;
}

/* QEMU's can_merge: r2 continues r1 in address and in region offset. */
static bool can_merge(const FlatRange *r1, const FlatRange *r2)
{
    return r1->start + r1->size == r2->start && r1->mr == r2->mr &&
           (Int128)r1->offset_in_region + r1->size == (Int128)r2->offset_in_region &&
           r1->dirty_log_mask == r2->dirty_log_mask &&
           r1->romd_mode == r2->romd_mode && r1->readonly == r2->readonly &&
           r1->nonvolatile == r2->nonvolatile;
}

static void flatview_simplify(FlatView *fv)
{
    unsigned out = 0;

    for (unsigned i = 0; i < fv->nr; i++) {
        if (out && can_merge(&fv->ranges[out - 1], &fv->ranges[i])) {
            fv->ranges[out - 1].size += fv->ranges[i].size;
        } else {
            fv->ranges[out++] = fv->ranges[i];
        }
    }
    fv->nr = out;
}

/*
 * Fill the parts of [clip) not yet claimed in fv with mr itself (a
 * terminating region renders into the gaps its children left).  base is
 * the address of mr's offset 0.
 */
static void render_terminal(FlatView *fv, MemoryRegion *mr, SInt128 base, AddrRange clip,
                            bool readonly, bool nonvolatile)
{
    FlatRange fr = {
        .mr = mr, .romd_mode = mr->romd_mode,
        .readonly = readonly, .nonvolatile = nonvolatile,
    };
    SInt128 pos = clip.start;
    unsigned i = 0;

    /* Ranges are sorted and disjoint: skip those wholly before the clip. */
    unsigned lo = 0, hi = fv->nr;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if ((SInt128)(fv->ranges[mid].start + fv->ranges[mid].size) <= pos) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (i = lo; i < fv->nr && pos < clip.end; i++) {
        const FlatRange *cur = &fv->ranges[i];
        SInt128 cur_start = (SInt128)cur->start;
        if (pos < cur_start) {
            SInt128 end = clip.end < cur_start ? clip.end : cur_start;
            fr.start = (Int128)pos;
            fr.size = (Int128)(end - pos);
            fr.offset_in_region = (hwaddr)(pos - base);
            flatview_insert(fv, i, &fr);
            i++;
            cur = &fv->ranges[i];
        }
        SInt128 cur_end = (SInt128)(cur->start + cur->size);
        pos = pos > cur_end ? pos : cur_end;
    }
    if (pos < clip.end) {
        fr.start = (Int128)pos;
        fr.size = (Int128)(clip.end - pos);
        fr.offset_in_region = (hwaddr)(pos - base);
        flatview_insert(fv, i, &fr);
    }
}

/* QEMU's render_memory_region: ranges already in fv obscure mr. */
static void render_region(FlatView *fv, MemoryRegion *mr, SInt128 base, AddrRange clip,
                          bool readonly, bool nonvolatile)
{
    if (!mr->enabled) {
        return;
    }
    base += mr->addr;
    readonly |= mr->readonly;
    nonvolatile |= mr->nonvolatile;

    SInt128 self_end = base + (SInt128)mr->size;
    clip.start = clip.start > base ? clip.start : base;
    clip.end = clip.end < self_end ? clip.end : self_end;
    if (clip.start >= clip.end) {
        return;
    }
    if (mr->alias) {
        /* The target's offset alias_offset lands at this alias's start. */
        base -= (SInt128)mr->alias->addr;
        base -= (SInt128)mr->alias_offset;
        render_region(fv, mr->alias, base, clip, readonly, nonvolatile);
        return;
    }
    for (MemoryRegion *sub = mr->subregions_head; sub; sub = sub->sub_next) {
        /* Most children miss a narrow clip: reject them without a call. */
        SInt128 sub_start = base + (SInt128)sub->addr;
        if (!sub->enabled || sub_start >= clip.end ||
            sub_start + (SInt128)sub->size <= clip.start) {
            continue;
        }
        render_region(fv, sub, base, clip, readonly, nonvolatile);
    }
    if (mr->terminates) {
        render_terminal(fv, mr, base, clip, readonly, nonvolatile);
    }
}

static void render_clipped(FlatView *fv, MemoryRegion *root, AddrRange clip)
{
    if (root) {
        render_region(fv, root, 0, clip, false, false);
    }
}

FlatView *flatview_render(MemoryRegion *root)
{
    FlatView *fv = flatview_new(root);

    render_clipped(fv, root, (AddrRange){ 0, INT128_2_64 });
    flatview_simplify(fv);
    return fv;
}

static FlatView *empty_view;

FlatView *flatview_empty(void)
{
    if (!empty_view) {
        empty_view = flatview_new(NULL);
    }
    return empty_view;
}

/* Copy the part of fr that lies inside [lo, hi) to out, if any. */
static void append_clipped(FlatView *out, const FlatRange *fr, SInt128 lo, SInt128 hi)
{
    Int128 s = int128_max(fr->start, (Int128)lo);
    Int128 e = int128_min(fr->start + fr->size, (Int128)hi);

    if (s < e) {
        FlatRange piece = *fr;
        piece.offset_in_region += (hwaddr)(s - fr->start);
        piece.start = s;
        piece.size = e - s;
        flatview_append(out, &piece);
    }
}

FlatView *flatview_patch(const FlatView *old, const AddrRange *dirty, unsigned n)
{
    FlatView *fv = flatview_new(old->root);
    FlatView *fresh = flatview_new(old->root);
    SInt128 pos = 0;
    unsigned i = 0;

    flatview_reserve(fv, old->nr + 2 * n + 4);
    for (unsigned d = 0; d <= n; d++) {
        /* Old ranges between the previous dirty window and this one. */
        SInt128 gap_end = d < n ? dirty[d].start : (SInt128)INT128_2_64;
        while (i < old->nr && (SInt128)old->ranges[i].start < gap_end) {
            append_clipped(fv, &old->ranges[i], pos, gap_end);
            if ((SInt128)(old->ranges[i].start + old->ranges[i].size) > gap_end) {
                break;      /* straddles into the dirty window */
            }
            i++;
        }
        if (d == n) {
            break;
        }
        /* The dirty window itself, rendered afresh. */
        fresh->nr = 0;
        render_clipped(fresh, old->root, dirty[d]);
        for (unsigned k = 0; k < fresh->nr; k++) {
            flatview_append(fv, &fresh->ranges[k]);
        }
        pos = dirty[d].end;
        while (i < old->nr && (SInt128)(old->ranges[i].start + old->ranges[i].size) <= pos) {
            i++;
        }
    }
    flatview_unref(fresh);
    flatview_simplify(fv);
    return fv;
}

const FlatRange *flatview_lookup_slow(FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const FlatRange *fr = &fv->ranges[mid];
        if (addr < fr->start) {
            hi = mid;
        } else if (addr >= fr->start + fr->size) {
            lo = mid + 1;
        } else {
            fv->lookup_hint = mid;
            return fr;
        }
    }
    fv->miss_hint = lo;
    return NULL;
}

MemoryRegionSection flatview_range_section(FlatView *fv, const FlatRange *fr)
{
    return (MemoryRegionSection) {
        .mr = fr->mr,
        .fv = fv,
        .offset_within_region = fr->offset_in_region,
        .size = fr->size,
        .offset_within_address_space = (hwaddr)fr->start,
        .readonly = fr->readonly,
        .nonvolatile = fr->nonvolatile,
    };
}
