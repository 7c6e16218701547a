/*
 * `info mtree` comparison as sets of blocks (see mtree-compare.h and
 * ../shared/tools/compare-reset, whose normalization this follows).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <string.h>
#include "tests/unit/mtree-compare.h"

static int mtree_compare_strcmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mtree_compare_append_line(GString *out, const char *line)
{
    if (out->len) {
        g_string_append_c(out, '\n');
    }
    g_string_append(out, line);
}

/* Lines of block that start with prefix, sorted, go first (as "head");
 * the other lines keep their order. */
static char *mtree_compare_sorted_first(GPtrArray *lines, const char *head,
                                        const char *prefix)
{
    GPtrArray *sorted = g_ptr_array_new();
    GString *out = g_string_new(head);

    for (guint i = 0; i < lines->len; i++) {
        if (g_str_has_prefix(lines->pdata[i], prefix)) {
            g_ptr_array_add(sorted, lines->pdata[i]);
        }
    }
    g_ptr_array_sort(sorted, mtree_compare_strcmp);
    for (guint i = 0; i < sorted->len; i++) {
        mtree_compare_append_line(out, sorted->pdata[i]);
    }
    for (guint i = 0; i < lines->len; i++) {
        if (!g_str_has_prefix(lines->pdata[i], prefix)) {
            mtree_compare_append_line(out, lines->pdata[i]);
        }
    }
    g_ptr_array_free(sorted, TRUE);
    return g_string_free(out, FALSE);
}

static char *mtree_compare_normalize(GPtrArray *lines)
{
    const char *first = lines->pdata[0];

    if (g_str_has_prefix(first, "FlatView #")) {
        g_ptr_array_remove_index(lines, 0);
        return mtree_compare_sorted_first(lines, "FlatView", " AS \"");
    }
    if (g_str_has_prefix(first, "address-space:")) {
        return mtree_compare_sorted_first(lines, "", "address-space:");
    }
    return mtree_compare_sorted_first(lines, "", "\001");     /* unchanged */
}

static bool mtree_compare_blank(const char *line)
{
    for (; *line; line++) {
        if (!g_ascii_isspace(*line)) {
            return false;
        }
    }
    return true;
}

GPtrArray *mtree_compare_blocks(const char *text)
{
    GPtrArray *blocks = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *cur = g_ptr_array_new();
    GString *copy = g_string_new(NULL);
    gchar **lines;

    for (const char *p = text; *p; p++) {
        if (*p != '\r') {
            g_string_append_c(copy, *p);
        }
    }
    lines = g_strsplit(copy->str, "\n", -1);
    for (gchar **l = lines; ; l++) {
        if (*l && !mtree_compare_blank(*l)) {
            g_ptr_array_add(cur, *l);
            continue;
        }
        if (cur->len) {
            g_ptr_array_add(blocks, mtree_compare_normalize(cur));
            g_ptr_array_set_size(cur, 0);
        }
        if (!*l) {
            break;
        }
    }
    g_ptr_array_free(cur, TRUE);
    g_strfreev(lines);
    g_string_free(copy, TRUE);
    return blocks;
}

/* Remove from rest one block equal to b; false if there is none. */
static bool mtree_compare_take(GPtrArray *rest, const char *b)
{
    for (guint i = 0; i < rest->len; i++) {
        if (g_str_equal(rest->pdata[i], b)) {
            g_ptr_array_remove_index(rest, i);
            return true;
        }
    }
    return false;
}

char *mtree_compare_diff(const char *expected, const char *actual)
{
    GPtrArray *exp = mtree_compare_blocks(expected);
    GPtrArray *rest = mtree_compare_blocks(actual);
    const char *missing = NULL;
    unsigned nr_missing = 0;
    char *res = NULL;

    for (guint i = 0; i < exp->len; i++) {
        if (!mtree_compare_take(rest, exp->pdata[i])) {
            missing = missing ? missing : exp->pdata[i];
            nr_missing++;
        }
    }
    if (missing || rest->len) {
        res = g_strdup_printf("%u expected blocks, %u unmatched; %u extra blocks\n"
                              "first expected block not found:\n%s\n"
                              "first extra block:\n%s\n",
                              exp->len, nr_missing, rest->len,
                              missing ? missing : "(none)",
                              rest->len ? (char *)rest->pdata[0] : "(none)");
    }
    g_ptr_array_unref(exp);
    g_ptr_array_unref(rest);
    return res;
}

char *mtree_compare_load_data(const char *name)
{
    char *srcdir = g_path_get_dirname(__FILE__);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *exedir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    char *paths[] = {
        g_build_filename("tests", "unit", "data", name, NULL),
        g_build_filename(srcdir, "data", name, NULL),
        /* build/tests/NAME and build/asan/tests/NAME */
        g_build_filename(exedir, "..", "..", "tests", "unit", "data", name, NULL),
        g_build_filename(exedir, "..", "..", "..", "tests", "unit", "data", name, NULL),
    };
    char *text = NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(paths); i++) {
        if (!text && !g_file_get_contents(paths[i], &text, NULL, NULL)) {
            text = NULL;
        }
        g_free(paths[i]);
    }
    g_free(srcdir);
    g_free(exe);
    g_free(exedir);
    return text;
}
