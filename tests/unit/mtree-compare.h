/*
 * Compare `info mtree` outputs the way ../shared/tools/compare-reset does.
 * QEMU prints its address-space, memory-region and FlatView blocks in hash
 * order, so two outputs are equal when they hold the same blocks (as a
 * multiset), each block's lines identical after this normalization:
 *   - "FlatView #N" loses its number and its ` AS "..."` lines are sorted;
 *   - the "address-space: NAME" header lines of a block are sorted.
 * Linked into every unit test: every symbol starts with mtree_compare_.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_MTREE_COMPARE_H
#define TESTS_UNIT_MTREE_COMPARE_H

#include <glib.h>

/* The normalized blocks of text (blank-line separated; '\r' dropped).
 * Free with g_ptr_array_unref. */
GPtrArray *mtree_compare_blocks(const char *text);

/* NULL when expected and actual hold the same blocks; otherwise a
 * description (g_free it) of the first expected block that actual lacks
 * and the first block of actual that expected lacks. */
char *mtree_compare_diff(const char *expected, const char *actual);

/* The contents of tests/unit/data/NAME (found from the current directory,
 * the source tree or the test binary's location), or NULL.  g_free it. */
char *mtree_compare_load_data(const char *name);

#endif
