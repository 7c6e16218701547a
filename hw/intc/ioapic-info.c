/*
 * The IOAPIC in `info pic` and `info irq` (QEMU 7.2's ioapic_print_redtbl
 * and ioapic_get_statistics, hw/intc/ioapic_common.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include "hw/intc/ioapic.h"

#define REDTBL_BASE     0x10

/* ioapic_irr_dump: "NAME       " then the pins set, or "(none)". */
static void irr_dump(GString *out, const char *name, uint32_t bitmap)
{
    g_string_append_printf(out, "%-10s ", name);
    if (!bitmap) {
        g_string_append(out, "(none)\n");
        return;
    }
    for (unsigned i = 0; i < IOAPIC_NUM_PINS; i++) {
        if (bitmap & (1u << i)) {
            g_string_append_printf(out, "%-2u ", i);
        }
    }
    g_string_append_c(out, '\n');
}

void ioapic_print_info(const IOAPICState *s, GString *out)
{
    static const char *const delm[] = {
        "fixed", "lowest", "SMI", "...", "NMI", "INIT", "...", "extINT"
    };
    uint32_t remote_irr = 0;

    g_string_append_printf(out, "ioapic0: ver=0x%x id=0x%02x sel=0x%02x", s->version, s->id,
                           s->ioregsel);
    if (s->ioregsel) {
        /* QEMU's unsigned arithmetic: a selector below 0x10 wraps */
        g_string_append_printf(out, " (redir[%u])\n",
                               (unsigned)(s->ioregsel - REDTBL_BASE) >> 1);
    } else {
        g_string_append_c(out, '\n');
    }
    for (unsigned i = 0; i < IOAPIC_NUM_PINS; i++) {
        uint64_t e = s->ioredtbl[i];
        bool logical = e & (1ULL << 11);

        g_string_append_printf(out, "  pin %-2u 0x%016" PRIx64 " dest=%" PRIx64 " vec=%-3" PRIu64
                               " %s %-5s %-6s %-6s %s\n", i, e,
                               (e >> 56) & (logical ? 0xff : 0xf), e & 0xff,
                               (e & (1ULL << 13)) ? "active-lo" : "active-hi",
                               (e & IOAPIC_LVT_TRIGGER_MODE) ? "level" : "edge",
                               (e & IOAPIC_LVT_MASKED) ? "masked" : "",
                               delm[(e >> 8) & 7], logical ? "logical" : "physical");
        if ((e & IOAPIC_LVT_TRIGGER_MODE) && (e & IOAPIC_LVT_REMOTE_IRR)) {
            remote_irr |= 1u << i;
        }
    }
    irr_dump(out, "  IRR", s->irr);
    irr_dump(out, "  Remote IRR", remote_irr);
}

void ioapic_print_irq_stats(const IOAPICState *s, GString *out)
{
    g_string_append(out, "IRQ statistics for ioapic:\n");
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        if (s->irq_count[i]) {
            g_string_append_printf(out, "%2d: %" PRId64 "\n", i, (int64_t)s->irq_count[i]);
        }
    }
}
