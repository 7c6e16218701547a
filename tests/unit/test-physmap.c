/*
 * softmmu/physmap.c: `info mtree -f -d`'s "Dispatch" block, byte for byte
 * as QEMU 7.2 prints it.
 *
 * The data files are QEMU's own output (ANSI escapes, "(qemu)" prompt
 * lines and anything before the first "FlatView #" removed), made with
 *   { [sleep 4; echo stop;] [echo CMD;] printf 'info mtree -f -d\nquit\n'; } |
 *     qemu-system-i386 -accel tcg -display none -monitor stdio -nodefaults [-S] ARGS
 * physmap-pc-reset.txt        -S, the reference machine (design.md), -m 128M
 * physmap-pc-3.5G-reset.txt   -S, the reference machine with -m 3.5G
 * physmap-pc-live.txt         after 4 s of SeaBIOS, then `xp /x 0xfed00010`:
 *                             -M pc -vga std -device e1000 -m 1G
 * physmap-q35-live.txt        after 4 s, then `xp /x 0x200000000` (unassigned):
 *                             -M q35 -vga std -device e1000 -m 3.5G
 * physmap-pc-devices-live.txt after 4 s, then `xp /x 0xa0000`: -M pc -vga cirrus
 *                             -device rtl8139 -device virtio-net-pci -chardev null,id=dbg
 *                             -device isa-debugcon,iobase=0x402,chardev=dbg
 *                             -device isa-debug-exit -m 2G
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "softmmu/physmap.h"

#define TWO_64 ((Int128)1 << 64)

/* ---- Hand-made FlatViews: regions are looked up (or made) by name. ---- */

typedef struct TestView {
    FlatView fv;
    GPtrArray *regions;         /* MemoryRegion *, owned */
} TestView;

static MemoryRegion *tv_region(TestView *tv, const char *name)
{
    for (unsigned i = 0; i < tv->regions->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(tv->regions, i);
        if (g_strcmp0(mr->name, name) == 0) {
            return mr;
        }
    }
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    mr->name = g_strdup(name);
    g_ptr_array_add(tv->regions, mr);
    return mr;
}

static void free_region(gpointer p)
{
    MemoryRegion *mr = p;
    g_free(mr->name);
    g_free(mr);
}

/* root_name NULL: a view without a root region. */
static TestView *tv_new(const char *root_name)
{
    TestView *tv = g_new0(TestView, 1);
    tv->regions = g_ptr_array_new_with_free_func(free_region);
    tv->fv.root = root_name ? tv_region(tv, root_name) : NULL;
    return tv;
}

static void tv_add_mr(TestView *tv, MemoryRegion *mr, Int128 start, Int128 size)
{
    if (tv->fv.nr == tv->fv.nr_allocated) {
        tv->fv.nr_allocated = MAX(16u, tv->fv.nr_allocated * 2);
        tv->fv.ranges = g_renew(FlatRange, tv->fv.ranges, tv->fv.nr_allocated);
    }
    tv->fv.ranges[tv->fv.nr++] = (FlatRange){ .mr = mr, .start = start, .size = size };
}

static void tv_add(TestView *tv, const char *name, Int128 start, Int128 size)
{
    tv_add_mr(tv, tv_region(tv, name), start, size);
}

static void tv_mru(TestView *tv, hwaddr addr)
{
    tv->fv.mru_valid = true;
    tv->fv.mru_addr = addr;
}

static void tv_free(TestView *tv)
{
    g_free(tv->fv.ranges);
    g_ptr_array_free(tv->regions, TRUE);
    g_free(tv);
}

static char *dispatch_text(TestView *tv)
{
    GString *out = g_string_new(NULL);
    physmap_print_dispatch(&tv->fv, out);
    return g_string_free(out, FALSE);
}

/* Equality with the first differing line in the failure message. */
static void assert_text_eq(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        return;
    }
    char **g = g_strsplit(got, "\n", -1), **w = g_strsplit(want, "\n", -1);
    unsigned i = 0;
    while (g[i] && w[i] && strcmp(g[i], w[i]) == 0) {
        i++;
    }
    char *msg = g_strdup_printf("%s: line %u: got \"%s\", want \"%s\"", what, i + 1,
                                g[i] ? g[i] : "<end>", w[i] ? w[i] : "<end>");
    g_strfreev(g);
    g_strfreev(w);
    ck_abort_msg("%s", msg);
}

/* ---- QEMU's output files ---- */

/* tests/unit/data, found from the source path the Makefile compiles with
 * (relative to the top directory) or from build/[asan/]tests/. */
static char *data_path(const char *file)
{
    char *src_dir = g_path_get_dirname(__FILE__);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *exe_dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    char *candidates[] = {
        g_build_filename(src_dir, "data", NULL),
        g_build_filename(exe_dir, "..", "..", "tests", "unit", "data", NULL),
        g_build_filename(exe_dir, "..", "..", "..", "tests", "unit", "data", NULL),
    };
    char *path = NULL;

    for (unsigned i = 0; i < G_N_ELEMENTS(candidates); i++) {
        if (!path && g_file_test(candidates[i], G_FILE_TEST_IS_DIR)) {
            path = g_build_filename(candidates[i], file, NULL);
        }
        g_free(candidates[i]);
    }
    g_free(src_dir);
    g_free(exe);
    g_free(exe_dir);
    return path ? path : g_build_filename("tests", "unit", "data", file, NULL);
}

static char *read_data(const char *file)
{
    char *path = data_path(file), *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err)) {
        ck_abort_msg("cannot read %s: %s", path, err->message);
    }
    g_free(path);
    return text;
}

/* One "FlatView #n" block of an `info mtree -f -d` output. */
typedef struct QemuView {
    char *root;                 /* NULL for "(none)" */
    GPtrArray *range_lines;     /* "  start-end (prio ..): name[ @off]" */
    GString *dispatch;          /* "  Dispatch\n" .. last node line */
} QemuView;

static void qemu_view_free(gpointer p)
{
    QemuView *v = p;
    g_free(v->root);
    g_ptr_array_free(v->range_lines, TRUE);
    g_string_free(v->dispatch, TRUE);
    g_free(v);
}

static GPtrArray *parse_views(const char *text)
{
    GPtrArray *views = g_ptr_array_new_with_free_func(qemu_view_free);
    char **lines = g_strsplit(text, "\n", -1);
    QemuView *v = NULL;
    bool in_dispatch = false;

    for (char **l = lines; *l; l++) {
        if (g_str_has_prefix(*l, "FlatView #")) {
            v = g_new0(QemuView, 1);
            v->range_lines = g_ptr_array_new_with_free_func(g_free);
            v->dispatch = g_string_new(NULL);
            g_ptr_array_add(views, v);
            in_dispatch = false;
        } else if (!v) {
            continue;
        } else if (g_str_has_prefix(*l, " Root memory region: ")) {
            const char *r = *l + strlen(" Root memory region: ");
            v->root = strcmp(r, "(none)") ? g_strdup(r) : NULL;
        } else if (strcmp(*l, "  Dispatch") == 0) {
            in_dispatch = true;
        } else if (**l == '\0') {
            in_dispatch = false;
        } else if (!in_dispatch && g_str_has_prefix(*l, "  ") && g_ascii_isxdigit((*l)[2])) {
            g_ptr_array_add(v->range_lines, g_strdup(*l));
        }
        if (v && in_dispatch) {
            g_string_append_printf(v->dispatch, "%s\n", *l);
        }
    }
    g_strfreev(lines);
    return views;
}

/* A FlatView line: "  %016x-%016x (prio P, TYPE): NAME[ @%016x]". */
static void add_range_line(TestView *tv, const char *line)
{
    uint64_t start = g_ascii_strtoull(line + 2, NULL, 16);
    uint64_t last = g_ascii_strtoull(line + 19, NULL, 16);
    const char *name = strstr(line, "): ");
    ck_assert_msg(name && line[18] == '-', "bad range line: %s", line);
    name += 3;
    size_t len = strlen(name);
    if (len > 18 && name[len - 18] == ' ' && name[len - 17] == '@') {
        len -= 18;
    }
    char *n = g_strndup(name, len);
    tv_add(tv, n, start, (Int128)last - start + 1);
    g_free(n);
}

/* The address to mark as MRU: QEMU's [MRU] section start, or, when QEMU's
 * last lookup missed (#0 is MRU), the address the data file's run read. */
static bool expected_mru(const char *file, const QemuView *v, hwaddr *addr)
{
    const char *m = strstr(v->dispatch->str, " [MRU]\n");
    if (!m) {
        return false;
    }
    const char *line = m;
    while (line > v->dispatch->str && line[-1] != '\n') {
        line--;
    }
    if (g_str_has_prefix(line, "      #0 ")) {
        ck_assert_str_eq(file, "physmap-q35-live.txt");
        *addr = 0x200000000ULL;
    } else {
        *addr = g_ascii_strtoull(strchr(line, '@') + 1, NULL, 16);
    }
    return true;
}

static TestView *view_from_qemu(const char *file, const QemuView *v)
{
    TestView *tv = tv_new(v->root);
    hwaddr mru;
    for (unsigned i = 0; i < v->range_lines->len; i++) {
        add_range_line(tv, g_ptr_array_index(v->range_lines, i));
    }
    if (expected_mru(file, v, &mru)) {
        tv_mru(tv, mru);
    }
    return tv;
}

/* The QemuView of a file whose root is root_name. */
static const QemuView *find_view(GPtrArray *views, const char *root_name)
{
    for (unsigned i = 0; i < views->len; i++) {
        const QemuView *v = g_ptr_array_index(views, i);
        if (g_strcmp0(v->root, root_name) == 0) {
            return v;
        }
    }
    ck_abort_msg("no FlatView with root %s", root_name);
    return NULL;
}

static void check_against_file(TestView *tv, const char *file, const char *root_name)
{
    char *text = read_data(file);
    GPtrArray *views = parse_views(text);
    char *got = dispatch_text(tv);
    char *what = g_strdup_printf("%s, root %s", file, root_name);
    assert_text_eq(what, got, find_view(views, root_name)->dispatch->str);
    g_free(what);
    g_free(got);
    g_ptr_array_free(views, TRUE);
    g_free(text);
}

/* ---- The reference machine at reset, built by hand ---- */

static const struct { const char *name; uint64_t start, size; } system_at_reset[] = {
    { "pc.ram",    0x00000000, 0xc0000 },
    { "pc.rom",    0x000c0000, 0x20000 },
    { "pc.bios",   0x000e0000, 0x20000 },
    { "pc.ram",    0x00100000, 0x7f00000 },
    { "ioapic",    0xfec00000, 0x1000 },
    { "apic-msi",  0xfee00000, 0x100000 },
    { "pc.bios",   0xfffc0000, 0x40000 },
};

/* First and last byte of each I/O range; "io" is the root itself. */
static const struct { const char *name; uint64_t first, last; } io_at_reset[] = {
    { "dma-chan", 0x00, 0x07 },   { "dma-cont", 0x08, 0x0f },   { "io", 0x10, 0x1f },
    { "pic", 0x20, 0x21 },        { "io", 0x22, 0x3f },         { "pit", 0x40, 0x43 },
    { "io", 0x44, 0x5f },         { "i8042-data", 0x60, 0x60 }, { "pcspk", 0x61, 0x61 },
    { "io", 0x62, 0x63 },         { "i8042-cmd", 0x64, 0x64 },  { "io", 0x65, 0x6f },
    { "rtc-index", 0x70, 0x70 },  { "rtc", 0x71, 0x71 },        { "io", 0x72, 0x7f },
    { "ioport80", 0x80, 0x80 },   { "dma-page", 0x81, 0x83 },   { "io", 0x84, 0x86 },
    { "dma-page", 0x87, 0x87 },   { "io", 0x88, 0x88 },         { "dma-page", 0x89, 0x8b },
    { "io", 0x8c, 0x8e },         { "dma-page", 0x8f, 0x8f },   { "io", 0x90, 0x91 },
    { "port92", 0x92, 0x92 },     { "io", 0x93, 0x9f },         { "pic", 0xa0, 0xa1 },
    { "io", 0xa2, 0xbf },         { "dma-chan", 0xc0, 0xcf },   { "dma-cont", 0xd0, 0xdf },
    { "io", 0xe0, 0xef },         { "ioportF0", 0xf0, 0xf0 },   { "io", 0xf1, 0x16f },
    { "ide", 0x170, 0x177 },      { "io", 0x178, 0x1ef },       { "ide", 0x1f0, 0x1f7 },
    { "io", 0x1f8, 0x375 },       { "ide", 0x376, 0x376 },      { "io", 0x377, 0x3f0 },
    { "fdc", 0x3f1, 0x3f5 },      { "ide", 0x3f6, 0x3f6 },      { "fdc", 0x3f7, 0x3f7 },
    { "io", 0x3f8, 0x4cf },       { "elcr", 0x4d0, 0x4d0 },     { "elcr", 0x4d1, 0x4d1 },
    { "io", 0x4d2, 0x50f },       { "fwcfg", 0x510, 0x511 },    { "io", 0x512, 0x513 },
    { "fwcfg.dma", 0x514, 0x51b }, { "io", 0x51c, 0xcf7 },      { "pci-conf-idx", 0xcf8, 0xcf8 },
    { "piix3-reset-control", 0xcf9, 0xcf9 }, { "pci-conf-idx", 0xcfa, 0xcfb },
    { "pci-conf-data", 0xcfc, 0xcff }, { "io", 0xd00, 0xffff },
};

static TestView *system_view(const char *root)
{
    TestView *tv = tv_new(root);
    for (unsigned i = 0; i < G_N_ELEMENTS(system_at_reset); i++) {
        tv_add(tv, system_at_reset[i].name, system_at_reset[i].start,
               system_at_reset[i].size);
    }
    return tv;
}

START_TEST(test_system_view_at_reset)
{
    /* QEMU's ROM loader wrote the BIOS through address_space_memory. */
    TestView *tv = system_view("system");
    tv_mru(tv, 0xfffc0000);
    check_against_file(tv, "physmap-pc-reset.txt", "system");
    tv_free(tv);
}
END_TEST

START_TEST(test_smm_view_at_reset)
{
    /* cpu-smm-0's root "memory" maps the same ranges; nothing looked up. */
    TestView *tv = system_view("memory");
    check_against_file(tv, "physmap-pc-reset.txt", "memory");
    tv_free(tv);
}
END_TEST

START_TEST(test_io_view_at_reset)
{
    TestView *tv = tv_new("io");
    ck_assert_uint_eq(G_N_ELEMENTS(io_at_reset), 55);
    for (unsigned i = 0; i < G_N_ELEMENTS(io_at_reset); i++) {
        tv_add(tv, io_at_reset[i].name, io_at_reset[i].first,
               io_at_reset[i].last - io_at_reset[i].first + 1);
    }
    check_against_file(tv, "physmap-pc-reset.txt", "io");
    tv_free(tv);
}
END_TEST

/* Every rendered FlatView of every data file. */
START_TEST(test_all_qemu_outputs)
{
    char *dir_path = data_path("");
    GDir *dir = g_dir_open(dir_path, 0, NULL);
    const char *file;
    unsigned compared = 0;

    ck_assert_msg(dir != NULL, "no data directory %s", dir_path);
    while ((file = g_dir_read_name(dir))) {
        if (!g_str_has_prefix(file, "physmap-") || !g_str_has_suffix(file, ".txt")) {
            continue;
        }
        char *text = read_data(file);
        GPtrArray *views = parse_views(text);
        for (unsigned i = 0; i < views->len; i++) {
            const QemuView *v = g_ptr_array_index(views, i);
            if (!v->root || v->range_lines->len == 0) {
                continue;       /* "No rendered FlatView": no Dispatch block */
            }
            TestView *tv = view_from_qemu(file, v);
            char *got = dispatch_text(tv);
            char *what = g_strdup_printf("%s, root %s", file, v->root);
            assert_text_eq(what, got, v->dispatch->str);
            g_free(what);
            g_free(got);
            tv_free(tv);
            compared++;
        }
        g_ptr_array_free(views, TRUE);
        g_free(text);
    }
    g_dir_close(dir);
    g_free(dir_path);
    ck_assert_uint_eq(compared, 15);     /* 5 files x 3 rendered views */
}
END_TEST

/* ---- Edge cases (expected text follows QEMU's code by hand) ---- */

START_TEST(test_no_ranges)
{
    /* Only the unassigned dummy; the root entry still points at no node,
     * and QEMU prints NIL as a number here. */
    static const char want[] =
        "  Dispatch\n"
        "    Physical sections\n"
        "      #0 @0000000000000000..ffffffffffffffff (noname) [unassigned] [MRU]\n"
        "    Nodes (9 bits per level, 6 levels) ptr=[67108863] skip=1\n";
    TestView *tv = tv_new("empty");
    tv_mru(tv, 0x1234);
    char *got = dispatch_text(tv);
    assert_text_eq("no ranges", got, want);
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_whole_address_space)
{
    /* One 2^64 range: 2^52 pages are 128 level-5 blocks of 2^45, so the
     * top node holds 128 leaf entries and nothing compacts. */
    static const char want[] =
        "  Dispatch\n"
        "    Physical sections\n"
        "      #0 @0000000000000000..ffffffffffffffff (noname) [unassigned]\n"
        "      #1 @0000000000000000..ffffffffffffffff everything [not dirty] [ROOT] [MRU]\n"
        "    Nodes (9 bits per level, 6 levels) ptr=[0] skip=1\n"
        "      [0]\n"
        "\t  0..127  skip=0  ptr=#1\n"
        "\t128..511  skip=1  ptr=NIL\n";
    TestView *tv = tv_new("everything");
    tv_add(tv, "everything", 0, TWO_64);
    tv_mru(tv, UINT64_MAX);
    char *got = dispatch_text(tv);
    assert_text_eq("2^64 range", got, want);
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_top_of_address_space)
{
    /* A range ending at 2^64 with an unaligned start: a head subpage in
     * the second-last page, then the last page.  The single path down
     * compacts into root -> [5]; the bypassed nodes are rewritten too. */
    static const char want[] =
        "  Dispatch\n"
        "    Physical sections\n"
        "      #0 @0000000000000000..ffffffffffffffff (noname) [unassigned]\n"
        "      #1 @ffffffffffffe000..ffffffffffffefff (noname) [not dirty]\n"
        "      #2 @ffffffffffffe800..ffffffffffffefff top [ROM]\n"
        "      #3 @fffffffffffff000..ffffffffffffffff top [watch] [MRU]\n"
        "    Nodes (9 bits per level, 6 levels) ptr=[5] skip=6\n"
        "      [0]\n"
        "\t  0..126  skip=1  ptr=NIL\n"
        "\t127       skip=5  ptr=[5]\n"
        "\t128..511  skip=1  ptr=NIL\n"
        "      [1]\n"
        "\t  0..510  skip=1  ptr=NIL\n"
        "\t511       skip=4  ptr=[5]\n"
        "      [2]\n"
        "\t  0..510  skip=1  ptr=NIL\n"
        "\t511       skip=3  ptr=[5]\n"
        "      [3]\n"
        "\t  0..510  skip=1  ptr=NIL\n"
        "\t511       skip=2  ptr=[5]\n"
        "      [4]\n"
        "\t  0..510  skip=1  ptr=NIL\n"
        "\t511       skip=1  ptr=[5]\n"
        "      [5]\n"
        "\t  0..509  skip=0  ptr=#0\n"
        "\t510       skip=0  ptr=#1\n"
        "\t511       skip=0  ptr=#3\n";
    TestView *tv = tv_new("root");
    tv_add(tv, "top", 0xffffffffffffe800ULL, TWO_64 - 0xffffffffffffe800ULL);
    tv_mru(tv, UINT64_MAX);
    char *got = dispatch_text(tv);
    assert_text_eq("top of address space", got, want);
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_unaligned_ranges)
{
    /* a: one piece in page 0 -> subpage #1.  b: its head lands in page 0,
     * whose subpage exists already (no new subpage), then page 1 whole,
     * then a tail subpage in page 2.  c: fills the rest of page 2 (existing
     * subpage again).  d: alone in page 5, in the middle.  MRU on d's byte
     * marks page 5's subpage, not d. */
    static const char want[] =
        "  Dispatch\n"
        "    Physical sections\n"
        "      #0 @0000000000000000..ffffffffffffffff (noname) [unassigned]\n"
        "      #1 @0000000000000000..0000000000000fff (noname) [not dirty]\n"
        "      #2 @0000000000000000..00000000000007ff a [ROM]\n"
        "      #3 @0000000000000800..0000000000000fff b [watch]\n"
        "      #4 @0000000000001000..0000000000001fff b\n"
        "      #5 @0000000000002000..0000000000002fff (noname)\n"
        "      #6 @0000000000002000..00000000000027ff b\n"
        "      #7 @0000000000002800..0000000000002fff c\n"
        "      #8 @0000000000005000..0000000000005fff (noname) [MRU]\n"
        "      #9 @0000000000005400..00000000000054ff d\n"
        "    Nodes (9 bits per level, 6 levels) ptr=[5] skip=6\n"
        "      [0]\n"
        "\t  0       skip=5  ptr=[5]\n"
        "\t  1..511  skip=1  ptr=NIL\n"
        "      [1]\n"
        "\t  0       skip=4  ptr=[5]\n"
        "\t  1..511  skip=1  ptr=NIL\n"
        "      [2]\n"
        "\t  0       skip=3  ptr=[5]\n"
        "\t  1..511  skip=1  ptr=NIL\n"
        "      [3]\n"
        "\t  0       skip=2  ptr=[5]\n"
        "\t  1..511  skip=1  ptr=NIL\n"
        "      [4]\n"
        "\t  0       skip=1  ptr=[5]\n"
        "\t  1..511  skip=1  ptr=NIL\n"
        "      [5]\n"
        "\t  0       skip=0  ptr=#1\n"
        "\t  1       skip=0  ptr=#4\n"
        "\t  2       skip=0  ptr=#5\n"
        "\t  3..4    skip=0  ptr=#0\n"
        "\t  5       skip=0  ptr=#8\n"
        "\t  6..511  skip=0  ptr=#0\n";
    TestView *tv = tv_new("root");
    tv_add(tv, "a", 0x0, 0x800);
    tv_add(tv, "b", 0x800, 0x2000);
    tv_add(tv, "c", 0x2800, 0x800);
    tv_add(tv, "d", 0x5400, 0x100);
    tv_mru(tv, 0x5480);
    char *got = dispatch_text(tv);
    assert_text_eq("unaligned ranges", got, want);
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_mru_miss_after_compaction)
{
    /* After compaction the root skips five levels without checking their
     * bits: an address 2^45 higher reaches the same leaf, whose section
     * does not cover it, so the lookup answers #0. */
    TestView *tv = tv_new("root");
    tv_add(tv, "ram", 0x1000, 0x1000);
    tv_mru(tv, 0x200000001000ULL);
    char *got = dispatch_text(tv);
    ck_assert_ptr_nonnull(strstr(got, "(noname) [unassigned] [MRU]\n"));
    ck_assert_ptr_null(strstr(got, "ram [not dirty] [MRU]"));
    ck_assert_ptr_nonnull(strstr(got, "ptr=[5] skip=6\n"));
    g_free(got);

    tv_mru(tv, 0x1fff);
    got = dispatch_text(tv);
    ck_assert_ptr_nonnull(strstr(got, "      #1 @0000000000001000..0000000000001fff ram "
                                      "[not dirty] [MRU]\n"));
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_labels)
{
    /* Labels go by index whatever the section is; NULL names print as
     * "(noname)"; an alias section names its target ("noname" if NULL). */
    TestView *tv = tv_new(NULL);
    MemoryRegion *anon = tv_region(tv, "anon");
    MemoryRegion *target = tv_region(tv, "target");
    MemoryRegion *al = tv_region(tv, "al");
    MemoryRegion *al2 = tv_region(tv, "al2");
    MemoryRegion *nameless = tv_region(tv, "nameless");
    g_free(anon->name);
    anon->name = NULL;
    g_free(nameless->name);
    nameless->name = NULL;
    al->alias = target;
    al2->alias = nameless;
    tv_add_mr(tv, anon, 0x0, 0x1000);
    tv_add_mr(tv, al, 0x1000, 0x1000);
    tv_add_mr(tv, al2, 0x2000, 0x1000);
    tv_add_mr(tv, target, 0x3000, 0x1000);
    char *got = dispatch_text(tv);
    ck_assert_ptr_nonnull(strstr(got,
        "      #1 @0000000000000000..0000000000000fff (noname) [not dirty]\n"
        "      #2 @0000000000001000..0000000000001fff al [ROM] alias=target\n"
        "      #3 @0000000000002000..0000000000002fff al2 [watch] alias=noname\n"
        "      #4 @0000000000003000..0000000000003fff target\n"
        "    Nodes"));
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_many_ranges)
{
    /* 1500 one-byte ranges, each in its own 2 MiB block at the start of a
     * distinct 1 GiB block: two sections each, and a level-1 and a leaf node
     * per range on top of the shared upper levels.  Memory stays at the
     * nodes' 2 KiB each; nothing per subpage byte. */
    enum { N = 1500 };
    TestView *tv = tv_new("root");
    for (unsigned i = 0; i < N; i++) {
        tv_add(tv, "dev", ((Int128)i << 30) + 0x10, 1);
    }
    tv_mru(tv, ((hwaddr)(N - 1) << 30) + 0x10);
    char *got = dispatch_text(tv);
    char *last = g_strdup_printf("      #%u @%016" PRIx64 "..%016" PRIx64 " (noname) [MRU]\n",
                                 2 * N - 1, (uint64_t)(N - 1) << 30,
                                 ((uint64_t)(N - 1) << 30) + 0xfff);
    ck_assert_ptr_nonnull(strstr(got, last));
    char *count = g_strdup_printf("      #%u @", 2 * N + 1);
    ck_assert_ptr_null(strstr(got, count));
    g_free(count);
    g_free(last);
    g_free(got);
    tv_free(tv);
}
END_TEST

START_TEST(test_malformed_input)
{
    /* FlatViews never overlap or pass 2^64; bad input must still print
     * something sane and stay within memory (ASan checks the latter). */
    TestView *tv = tv_new("root");
    tv_add(tv, "big", 0, 0x200000);
    tv_add(tv, "over", 0x1000, 0x800);
    tv_add(tv, "over2", 0x800, 0x1000);
    tv_add(tv, "wrap", 0xfffffffffffff000ULL, 0x3000);
    tv_add(tv, "empty", 0x5000, 0);
    tv_add(tv, "empty2", 0x6100, 0);
    tv_mru(tv, 0x1400);
    char *got = dispatch_text(tv);
    ck_assert(g_str_has_prefix(got, "  Dispatch\n    Physical sections\n"));
    ck_assert_ptr_nonnull(strstr(got, "    Nodes (9 bits per level, 6 levels) "));
    g_free(got);
    tv_free(tv);
}
END_TEST

static Suite *physmap_suite(void)
{
    Suite *s = suite_create("physmap");
    TCase *qemu = tcase_create("qemu");
    TCase *edge = tcase_create("edge");

    tcase_add_test(qemu, test_system_view_at_reset);
    tcase_add_test(qemu, test_smm_view_at_reset);
    tcase_add_test(qemu, test_io_view_at_reset);
    tcase_add_test(qemu, test_all_qemu_outputs);
    suite_add_tcase(s, qemu);

    tcase_add_test(edge, test_no_ranges);
    tcase_add_test(edge, test_whole_address_space);
    tcase_add_test(edge, test_top_of_address_space);
    tcase_add_test(edge, test_unaligned_ranges);
    tcase_add_test(edge, test_mru_miss_after_compaction);
    tcase_add_test(edge, test_labels);
    tcase_add_test(edge, test_many_ranges);
    tcase_add_test(edge, test_malformed_input);
    suite_add_tcase(s, edge);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(physmap_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
