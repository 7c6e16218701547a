/*
 * QEMU 7.2's AddressSpaceDispatch ("phys map"), rebuilt from a FlatView
 * only so that `info mtree -f -d` prints what QEMU prints.  x86slice's
 * own lookups do not use it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_PHYSMAP_H
#define SOFTMMU_PHYSMAP_H

#include <glib.h>
#include "softmmu/memory.h"

/*
 * Append to out the text QEMU's mtree_print_dispatch prints for fv:
 * "  Dispatch\n    Physical sections\n..." down to the last node line
 * (the blank line after it belongs to the FlatView printer).
 *
 * The dispatch is built as QEMU's generate_memory_topology builds it:
 * flatview_add_to_dispatch for every range in order, then compaction.
 * fv->root gets " [ROOT]"; when fv->mru_valid, the section that QEMU's
 * phys_page_find(fv->mru_addr) returns gets " [MRU]".  fv may have no
 * ranges (QEMU never prints that case) or no root.
 */
void physmap_print_dispatch(const FlatView *fv, GString *out);

#endif
