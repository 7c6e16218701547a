/*
 * Shared fixtures for the memory-API unit tests (see memtest.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/memtest.h"

static GPtrArray *memtest_regions;      /* MemoryRegion *, creation order */
static GPtrArray *memtest_spaces;       /* AddressSpace * */
static GPtrArray *memtest_listeners;    /* MemtestListener * */
static GPtrArray *memtest_devs;         /* MemtestDev * */
static GPtrArray *memtest_garbage;      /* freed at teardown */
static int memtest_depth;
GString *memtest_events;

static FILE *memtest_log_file;
static char *memtest_log_buf;
static size_t memtest_log_len;
static int memtest_log_mask;

/* ---- fixture ------------------------------------------------------------ */

void memtest_setup(void)
{
    if (!memtest_regions) {
        memtest_regions = g_ptr_array_new();
        memtest_spaces = g_ptr_array_new();
        memtest_listeners = g_ptr_array_new();
        memtest_devs = g_ptr_array_new();
        memtest_garbage = g_ptr_array_new_with_free_func(g_free);
    }
    if (!memtest_events) {
        memtest_events = g_string_new(NULL);
    }
    g_string_truncate(memtest_events, 0);
    memtest_depth = 0;
}

static void memtest_free_listener(MemtestListener *l)
{
    g_array_free(l->mirror, true);
    g_string_free(l->mirror_errors, true);
    g_free(l);
}

void memtest_teardown(void)
{
    if (!memtest_regions) {
        memtest_setup();
    }
    while (memtest_depth > 0) {
        memtest_commit();
    }
    for (guint i = memtest_listeners->len; i-- > 0;) {
        MemtestListener *l = g_ptr_array_index(memtest_listeners, i);
        if (l->registered) {
            memory_listener_unregister(&l->ml);
        }
        memtest_free_listener(l);
    }
    g_ptr_array_set_size(memtest_listeners, 0);
    for (guint i = memtest_spaces->len; i-- > 0;) {
        AddressSpace *as = g_ptr_array_index(memtest_spaces, i);
        address_space_destroy(as);
        g_free(as);
    }
    g_ptr_array_set_size(memtest_spaces, 0);
    memtest_release_to(0);
    for (guint i = 0; i < memtest_devs->len; i++) {
        MemtestDev *d = g_ptr_array_index(memtest_devs, i);
        g_string_free(d->calls, true);
        g_free(d);
    }
    g_ptr_array_set_size(memtest_devs, 0);
    g_ptr_array_set_size(memtest_garbage, 0);
    memtest_log_end();
    trace_disable_all();
    memory_owner_reset();
    if (memtest_events) {
        g_string_truncate(memtest_events, 0);
    }
}

void *memtest_gc(void *p)
{
    if (!memtest_garbage) {
        memtest_setup();
    }
    g_ptr_array_add(memtest_garbage, p);
    return p;
}

/* ---- regions ------------------------------------------------------------ */

MemoryRegion *memtest_track(MemoryRegion *mr)
{
    if (!memtest_regions) {
        memtest_setup();
    }
    g_ptr_array_add(memtest_regions, mr);
    return mr;
}

MemoryRegion *memtest_container(const char *name, uint64_t size)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init(mr, NULL, name, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_ram(const char *name, uint64_t size)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init_ram(mr, NULL, name, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_rom(const char *name, uint64_t size)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init_rom(mr, NULL, name, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_io(const char *name, uint64_t size,
                         const MemoryRegionOps *ops, void *opaque)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, ops, opaque, name, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_romdev(const char *name, uint64_t size,
                             const MemoryRegionOps *ops, void *opaque)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init_rom_device(mr, NULL, ops, opaque, name, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_alias(const char *name, MemoryRegion *target,
                            hwaddr offset, uint64_t size)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, name, target, offset, size);
    return memtest_track(mr);
}

MemoryRegion *memtest_add(MemoryRegion *parent, hwaddr addr, MemoryRegion *mr, int prio)
{
    if (prio == 0) {
        memory_region_add_subregion(parent, addr, mr);
    } else {
        memory_region_add_subregion_overlap(parent, addr, mr, prio);
    }
    return mr;
}

unsigned memtest_mark(void)
{
    if (!memtest_regions) {
        memtest_setup();
    }
    return memtest_regions->len;
}

void memtest_release_to(unsigned mark)
{
    if (!memtest_regions || memtest_regions->len <= mark) {
        return;
    }
    memory_region_transaction_begin();
    for (guint i = memtest_regions->len; i-- > mark;) {
        MemoryRegion *mr = g_ptr_array_index(memtest_regions, i);
        if (mr->container) {
            memory_region_del_subregion(mr->container, mr);
        }
    }
    memory_region_transaction_commit();
    for (guint i = memtest_regions->len; i-- > mark;) {
        MemoryRegion *mr = g_ptr_array_index(memtest_regions, i);
        memory_region_finalize(mr);
        g_free(mr);
    }
    g_ptr_array_set_size(memtest_regions, mark);
}

/* ---- address spaces and transactions ------------------------------------------ */

AddressSpace *memtest_as(MemoryRegion *root, const char *name)
{
    AddressSpace *as = g_new0(AddressSpace, 1);
    if (!memtest_spaces) {
        memtest_setup();
    }
    address_space_init(as, root, name);
    g_ptr_array_add(memtest_spaces, as);
    return as;
}

void memtest_as_destroy(AddressSpace *as)
{
    if (g_ptr_array_remove(memtest_spaces, as)) {
        address_space_destroy(as);
        g_free(as);
    }
}

void memtest_begin(void)
{
    memtest_depth++;
    memory_region_transaction_begin();
}

void memtest_commit(void)
{
    memtest_depth--;
    memory_region_transaction_commit();
}

/* ---- FlatView text --------------------------------------------------------------- */

static void memtest_append_range(GString *s, uint64_t start, Int128 size,
                                 const MemoryRegion *mr, uint64_t offset,
                                 bool readonly, bool nonvolatile)
{
    uint64_t last = (uint64_t)(start + size - 1);
    g_string_append_printf(s, "%" PRIx64 "-%" PRIx64 " %s @%" PRIx64 "%s%s",
                           start, last, mr ? mr->name : "(no mr)", offset,
                           readonly ? " ro" : "", nonvolatile ? " nv" : "");
    if (size == 0) {
        g_string_append(s, " EMPTY");
    }
}

char *memtest_range_str(const FlatRange *fr)
{
    GString *s = g_string_new(NULL);
    memtest_append_range(s, (uint64_t)fr->start, fr->size, fr->mr,
                         fr->offset_in_region, fr->readonly, fr->nonvolatile);
    return g_string_free(s, false);
}

char *memtest_fv_str(const FlatView *fv)
{
    GString *s = g_string_new(NULL);
    if (!fv) {
        return g_string_free(s, false);
    }
    for (unsigned i = 0; i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];
        memtest_append_range(s, (uint64_t)fr->start, fr->size, fr->mr,
                             fr->offset_in_region, fr->readonly, fr->nonvolatile);
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, false);
}

char *memtest_as_str(AddressSpace *as)
{
    return memtest_fv_str(address_space_to_flatview(as));
}

/* ---- recording listener ------------------------------------------------------------ */

void memtest_events_clear(void)
{
    if (!memtest_events) {
        memtest_events = g_string_new(NULL);
    }
    g_string_truncate(memtest_events, 0);
}

static void memtest_event(MemtestListener *l, const char *what, MemoryRegionSection *s)
{
    if (!memtest_events) {
        memtest_events = g_string_new(NULL);
    }
    g_string_append_printf(memtest_events, "%s %s", l->name, what);
    if (s) {
        g_string_append_c(memtest_events, ' ');
        memtest_append_range(memtest_events, s->offset_within_address_space, s->size,
                             s->mr, s->offset_within_region, s->readonly, s->nonvolatile);
    }
    g_string_append_c(memtest_events, '\n');
}

static MemtestListener *memtest_l(MemoryListener *ml)
{
    return (MemtestListener *)ml;   /* ml is the first member */
}

static int memtest_mirror_find(MemtestListener *l, MemoryRegionSection *s)
{
    for (guint i = 0; i < l->mirror->len; i++) {
        MemtestSection *m = &g_array_index(l->mirror, MemtestSection, i);
        if (m->start == s->offset_within_address_space && m->size == s->size &&
            m->mr == s->mr && m->offset == s->offset_within_region &&
            m->readonly == s->readonly) {
            return (int)i;
        }
    }
    return -1;
}

static void memtest_cb_begin(MemoryListener *ml)
{
    MemtestListener *l = memtest_l(ml);
    l->begins++;
    memtest_event(l, "begin", NULL);
}

static void memtest_cb_commit(MemoryListener *ml)
{
    MemtestListener *l = memtest_l(ml);
    l->commits++;
    memtest_event(l, "commit", NULL);
}

static void memtest_cb_add(MemoryListener *ml, MemoryRegionSection *s)
{
    MemtestListener *l = memtest_l(ml);
    Int128 end = (Int128)s->offset_within_address_space + s->size;
    guint pos = 0;

    l->adds++;
    memtest_event(l, "add", s);
    for (pos = 0; pos < l->mirror->len; pos++) {
        MemtestSection *m = &g_array_index(l->mirror, MemtestSection, pos);
        Int128 mend = (Int128)m->start + m->size;
        if (m->start < end && (Int128)s->offset_within_address_space < mend) {
            g_string_append_printf(l->mirror_errors, "add overlaps 0x%" PRIx64 "\n", m->start);
        }
    }
    for (pos = 0; pos < l->mirror->len; pos++) {
        if (g_array_index(l->mirror, MemtestSection, pos).start > s->offset_within_address_space) {
            break;
        }
    }
    MemtestSection n = {
        .start = s->offset_within_address_space, .size = s->size, .mr = s->mr,
        .offset = s->offset_within_region, .readonly = s->readonly,
    };
    g_array_insert_val(l->mirror, pos, n);
}

static void memtest_cb_del(MemoryListener *ml, MemoryRegionSection *s)
{
    MemtestListener *l = memtest_l(ml);
    int i;

    l->dels++;
    memtest_event(l, "del", s);
    i = memtest_mirror_find(l, s);
    if (i < 0) {
        g_string_append_printf(l->mirror_errors, "del of absent section 0x%" PRIx64 "\n",
                               s->offset_within_address_space);
    } else {
        g_array_remove_index(l->mirror, i);
    }
}

static void memtest_cb_nop(MemoryListener *ml, MemoryRegionSection *s)
{
    MemtestListener *l = memtest_l(ml);

    l->nops++;
    memtest_event(l, "nop", s);
    if (memtest_mirror_find(l, s) < 0) {
        g_string_append_printf(l->mirror_errors, "nop of absent section 0x%" PRIx64 "\n",
                               s->offset_within_address_space);
    }
}

MemtestListener *memtest_listener(AddressSpace *as, unsigned priority, const char *name)
{
    MemtestListener *l = g_new0(MemtestListener, 1);

    if (!memtest_listeners) {
        memtest_setup();
    }
    g_strlcpy(l->name, name, sizeof(l->name));
    l->ml.begin = memtest_cb_begin;
    l->ml.commit = memtest_cb_commit;
    l->ml.region_add = memtest_cb_add;
    l->ml.region_del = memtest_cb_del;
    l->ml.region_nop = memtest_cb_nop;
    l->ml.priority = priority;
    l->ml.name = l->name;
    l->mirror = g_array_new(false, false, sizeof(MemtestSection));
    l->mirror_errors = g_string_new(NULL);
    g_ptr_array_add(memtest_listeners, l);
    memory_listener_register(&l->ml, as);
    l->registered = true;
    return l;
}

void memtest_listener_unregister(MemtestListener *l)
{
    if (l->registered) {
        memory_listener_unregister(&l->ml);
        l->registered = false;
    }
}

char *memtest_mirror_str(MemtestListener *l)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < l->mirror->len; i++) {
        MemtestSection *m = &g_array_index(l->mirror, MemtestSection, i);
        memtest_append_range(s, m->start, m->size, m->mr, m->offset, m->readonly, false);
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, false);
}

/* ---- recording device ------------------------------------------------------------------ */

MemtestDev *memtest_dev_new(const char *name)
{
    MemtestDev *d = g_new0(MemtestDev, 1);

    if (!memtest_devs) {
        memtest_setup();
    }
    d->name = name;
    d->calls = g_string_new(NULL);
    for (size_t i = 0; i < sizeof(d->mem); i++) {
        d->mem[i] = (uint8_t)(0x10 + i);
    }
    d->accept = true;
    d->reject_addr = (hwaddr)-1;
    d->fail_addr = (hwaddr)-1;
    d->fail_addr2 = (hwaddr)-1;
    g_ptr_array_add(memtest_devs, d);
    return d;
}

void memtest_dev_clear_calls(MemtestDev *d)
{
    g_string_truncate(d->calls, 0);
}

static uint64_t memtest_dev_value(MemtestDev *d, hwaddr addr, unsigned size)
{
    uint64_t v = 0;

    if (d->use_fixed) {
        return d->fixed[addr & 0xff];
    }
    for (unsigned i = 0; i < size && i < 8; i++) {
        uint64_t b = addr + i < sizeof(d->mem) ? d->mem[addr + i] : 0xee;
        v |= b << (8 * i);
    }
    return v;
}

static void memtest_dev_store(MemtestDev *d, hwaddr addr, uint64_t data, unsigned size)
{
    for (unsigned i = 0; i < size && i < 8; i++) {
        if (addr + i < sizeof(d->mem)) {
            d->mem[addr + i] = (uint8_t)(data >> (8 * i));
        }
    }
}

static MemTxResult memtest_dev_result(MemtestDev *d, hwaddr addr)
{
    if (addr == d->fail_addr) {
        return d->fail_result;
    }
    if (addr == d->fail_addr2) {
        return d->fail_result2;
    }
    return MEMTX_OK;
}

uint64_t memtest_dev_read(void *opaque, hwaddr addr, unsigned size)
{
    MemtestDev *d = opaque;
    uint64_t v = memtest_dev_value(d, addr, size);
    g_string_append_printf(d->calls, "read 0x%" PRIx64 " %u -> 0x%" PRIx64 "\n", addr, size, v);
    return v;
}

void memtest_dev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    MemtestDev *d = opaque;
    g_string_append_printf(d->calls, "write 0x%" PRIx64 " %u <- 0x%" PRIx64 "\n", addr, size, data);
    memtest_dev_store(d, addr, data, size);
}

MemTxResult memtest_dev_read_attrs(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs)
{
    MemtestDev *d = opaque;
    uint64_t v = memtest_dev_value(d, addr, size);
    g_string_append_printf(d->calls, "read_attrs 0x%" PRIx64 " %u sec=%u req=0x%x -> 0x%" PRIx64 "\n",
                           addr, size, attrs.secure, attrs.requester_id, v);
    *data = v;
    return memtest_dev_result(d, addr);
}

MemTxResult memtest_dev_write_attrs(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs)
{
    MemtestDev *d = opaque;
    g_string_append_printf(d->calls, "write_attrs 0x%" PRIx64 " %u sec=%u req=0x%x <- 0x%" PRIx64 "\n",
                           addr, size, attrs.secure, attrs.requester_id, data);
    memtest_dev_store(d, addr, data, size);
    return memtest_dev_result(d, addr);
}

bool memtest_dev_accepts(void *opaque, hwaddr addr, unsigned size,
                         bool is_write, MemTxAttrs attrs)
{
    MemtestDev *d = opaque;
    g_string_append_printf(d->calls, "accepts 0x%" PRIx64 " %u %s sec=%u\n", addr, size,
                           is_write ? "w" : "r", attrs.secure);
    return d->accept && addr != d->reject_addr;
}

/* ---- log capture --------------------------------------------------------------------------- */

void memtest_log_begin(int mask)
{
    memtest_log_end();
    memtest_log_file = open_memstream(&memtest_log_buf, &memtest_log_len);
    memtest_log_mask = mask;
    qemu_log_set_stream(memtest_log_file);
    qemu_set_log(mask);
}

char *memtest_log_take(void)
{
    char *out;

    if (!memtest_log_file) {
        return g_strdup("");
    }
    fflush(memtest_log_file);
    out = g_strndup(memtest_log_buf ? memtest_log_buf : "", memtest_log_len);
    /* Start a fresh stream so the next take returns only new text. */
    qemu_log_set_stream(NULL);
    fclose(memtest_log_file);
    free(memtest_log_buf);
    memtest_log_buf = NULL;
    memtest_log_len = 0;
    memtest_log_file = open_memstream(&memtest_log_buf, &memtest_log_len);
    qemu_log_set_stream(memtest_log_file);
    qemu_set_log(memtest_log_mask);
    return out;
}

void memtest_log_end(void)
{
    if (memtest_log_file) {
        qemu_log_set_stream(NULL);
        fclose(memtest_log_file);
        free(memtest_log_buf);
        memtest_log_file = NULL;
        memtest_log_buf = NULL;
        memtest_log_len = 0;
    }
    qemu_set_log(0);
    memtest_log_mask = 0;
}

/* ---- info mtree ------------------------------------------------------------------------------ */

char *memtest_mtree(bool flatview, bool dispatch, bool owner, bool disabled)
{
    GString *out = g_string_new(NULL);
    mtree_info(flatview, dispatch, owner, disabled, out);
    return g_string_free(out, false);
}

static gint memtest_strcmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *memtest_mtree_canon(const char *text)
{
    GPtrArray *blocks = g_ptr_array_new_with_free_func(g_free);
    GString *out = g_string_new(NULL);
    gchar **parts = g_strsplit(text, "\n\n", -1);
    GRegex *re = g_regex_new("^FlatView #[0-9]+$", G_REGEX_MULTILINE, 0, NULL);

    for (gchar **p = parts; *p; p++) {
        char *masked = g_regex_replace_literal(re, *p, -1, 0, "FlatView #N", 0, NULL);
        g_ptr_array_add(blocks, masked);
    }
    g_ptr_array_sort(blocks, memtest_strcmp);
    for (guint i = 0; i < blocks->len; i++) {
        g_string_append_printf(out, "%s\n--\n", (char *)g_ptr_array_index(blocks, i));
    }
    g_regex_unref(re);
    g_strfreev(parts);
    g_ptr_array_free(blocks, true);
    return g_string_free(out, false);
}

/* ---- runner ------------------------------------------------------------------------------------ */

int memtest_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
