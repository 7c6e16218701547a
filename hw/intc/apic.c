/*
 * The local APIC: registers behind "apic-msi", priorities, the local
 * vector table, IPIs, the timer, MSI messages and the path from the PIC
 * (LINT0) to the CPU.  Behaviour is QEMU 7.2's hw/intc/apic.c and
 * hw/intc/apic_common.c, simplifications included (no arbitration, no
 * ESR for illegal vectors, lowest priority = first APIC in the mask,
 * local_apics indexed by the initial APIC ID).
 *
 * QEMU raises CPU_INTERRUPT_POLL when the APIC changes from another
 * thread than the CPU's; x86slice runs devices and timers on the CPU's
 * thread, so apic_update_irq always takes QEMU's "is self" path.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>
#include "hw/intc/apic.h"
#include "cpu/cpu.h"
#include "cpu/misc_helper.h"
#include "softmmu/trace.h"

/* The APICs on the bus, indexed by initial APIC ID (QEMU's local_apics). */
static APICState *local_apics[MAX_APICS + 1];
/* apic_report_irq_delivered's counter (QEMU's apic_irq_delivered). */
static int apic_irq_delivered;

/* ---- 256-bit registers ---------------------------------------------------- */

static void apic_set_bit(uint32_t *tab, int index)
{
    tab[index >> 5] |= 1u << (index & 31);
}

static void apic_reset_bit(uint32_t *tab, int index)
{
    tab[index >> 5] &= ~(1u << (index & 31));
}

static int apic_get_bit(const uint32_t *tab, int index)
{
    return (tab[index >> 5] >> (index & 31)) & 1;
}

/* Highest set bit, -1 if none (QEMU's get_highest_priority_int). */
static int get_highest_priority_int(const uint32_t *tab)
{
    for (int i = 7; i >= 0; i--) {
        if (tab[i]) {
            return i * 32 + 31 - __builtin_clz(tab[i]);
        }
    }
    return -1;
}

/* ---- CPU side ----------------------------------------------------------------- */

static void apic_cpu_interrupt(APICState *s, uint32_t mask)
{
    if (s->cpu) {
        cpu_interrupt(s->cpu, mask);
    }
}

static bool apic_enabled_in_msr(APICState *s)
{
    return s->cpu && (s->cpu->apic_base & MSR_IA32_APICBASE_ENABLE);
}

/* ---- priorities ------------------------------------------------------------------ */

int apic_get_ppr(APICState *s)
{
    int tpr = s->tpr >> 4;
    int isrv = get_highest_priority_int(s->isr);

    if (isrv < 0) {
        isrv = 0;
    }
    isrv >>= 4;
    return tpr >= isrv ? s->tpr : isrv << 4;
}

/* >0: the vector to deliver; 0: nothing; <0: blocked by PPR (QEMU's
 * apic_irq_pending).  A software-disabled APIC has nothing pending. */
static int apic_irq_pending(APICState *s)
{
    int irrv, ppr;

    if (!(s->spurious_vec & APIC_SV_ENABLE)) {
        return 0;
    }
    irrv = get_highest_priority_int(s->irr);
    if (irrv < 0) {
        return 0;
    }
    ppr = apic_get_ppr(s);
    if (ppr && (irrv & 0xf0) <= (ppr & 0xf0)) {
        return -1;
    }
    return irrv;
}

int apic_accept_pic_intr(APICState *s)
{
    if (!s) {
        return -1;
    }
    if (!apic_enabled_in_msr(s) || !(s->lvt[APIC_LVT_LINT0] & APIC_LVT_MASKED)) {
        return s->pic != NULL;
    }
    return 0;
}

static bool apic_pic_output(APICState *s)
{
    return s->pic && pic_get_output(s->pic);
}

/* Raise CPU_INTERRUPT_HARD if a vector is deliverable; drop it unless the
 * PIC still drives it through LINT0 (QEMU's apic_update_irq). */
static void apic_update_irq(APICState *s)
{
    if (!s->cpu) {
        return;
    }
    if (apic_irq_pending(s) > 0) {
        cpu_interrupt(s->cpu, CPU_INTERRUPT_HARD);
    } else if (!apic_accept_pic_intr(s) || !apic_pic_output(s)) {
        cpu_reset_interrupt(s->cpu, CPU_INTERRUPT_HARD);
    }
}

/* QEMU's apic_report_irq_delivered (the RTC's coalescing counter). */
static void apic_report_irq_delivered(int delivered)
{
    apic_irq_delivered += delivered;
    trace_apic_report_irq_delivered(apic_irq_delivered);
}

static void apic_set_irq(APICState *s, int vector_num, int trigger_mode)
{
    apic_report_irq_delivered(!apic_get_bit(s->irr, vector_num));
    apic_set_bit(s->irr, vector_num);
    if (trigger_mode) {
        apic_set_bit(s->tmr, vector_num);
    } else {
        apic_reset_bit(s->tmr, vector_num);
    }
    apic_update_irq(s);
}

/* EOI: the highest in-service vector ends; a level-triggered one is
 * broadcast to the IOAPIC unless SVR bit 12 (directed EOI) is set. */
static void apic_eoi(APICState *s)
{
    int isrv = get_highest_priority_int(s->isr);

    if (isrv < 0) {
        return;
    }
    apic_reset_bit(s->isr, isrv);
    if (!(s->spurious_vec & APIC_SV_DIRECTED_IO) && apic_get_bit(s->tmr, isrv) &&
        s->eoi_broadcast) {
        s->eoi_broadcast(s->eoi_opaque, isrv);
    }
    apic_update_irq(s);
}

/* ---- local vector table ------------------------------------------------------- */

static void apic_local_deliver(APICState *s, int vector)
{
    uint32_t lvt = s->lvt[vector];
    int trigger_mode = APIC_TRIGGER_EDGE;

    trace_apic_local_deliver(vector, (lvt >> 8) & 7);
    if (lvt & APIC_LVT_MASKED) {
        return;
    }
    switch ((lvt >> 8) & 7) {
    case APIC_DM_SMI:
        apic_cpu_interrupt(s, CPU_INTERRUPT_SMI);
        break;
    case APIC_DM_NMI:
        apic_cpu_interrupt(s, CPU_INTERRUPT_NMI);
        break;
    case APIC_DM_EXTINT:
        apic_cpu_interrupt(s, CPU_INTERRUPT_HARD);
        break;
    case APIC_DM_FIXED:
        /* only LINT0/1 can be level-triggered */
        if ((vector == APIC_LVT_LINT0 || vector == APIC_LVT_LINT1) &&
            (lvt & APIC_LVT_LEVEL_TRIGGER)) {
            trigger_mode = APIC_TRIGGER_LEVEL;
        }
        apic_set_irq(s, lvt & 0xff, trigger_mode);
        break;
    }
}

void apic_deliver_pic_intr(APICState *s, int level)
{
    uint32_t lvt;

    if (!s) {
        return;
    }
    if (level) {
        apic_local_deliver(s, APIC_LVT_LINT0);
        return;
    }
    lvt = s->lvt[APIC_LVT_LINT0];
    switch ((lvt >> 8) & 7) {
    case APIC_DM_FIXED:
        if (!(lvt & APIC_LVT_LEVEL_TRIGGER)) {
            break;
        }
        apic_reset_bit(s->irr, lvt & 0xff);
        /* fall through */
    case APIC_DM_EXTINT:
        apic_update_irq(s);
        break;
    }
}

/* If the PIC is asserting LINT0 and the APIC lets it through, deliver it
 * (QEMU's apic_check_pic). */
static bool apic_check_pic(APICState *s)
{
    if (!apic_accept_pic_intr(s) || !apic_pic_output(s)) {
        return false;
    }
    apic_deliver_pic_intr(s, 1);
    return true;
}

int apic_get_interrupt(APICState *s)
{
    int intno;

    if (!s || !(s->spurious_vec & APIC_SV_ENABLE)) {
        return -1;
    }
    intno = apic_irq_pending(s);
    /* An ExtINT from the 8259 ignores the priorities: the caller reads
     * the PIC first. */
    if (intno == 0 || apic_check_pic(s)) {
        return -1;
    }
    if (intno < 0) {
        return s->spurious_vec & 0xff;
    }
    apic_reset_bit(s->irr, intno);
    apic_set_bit(s->isr, intno);
    apic_update_irq(s);
    return intno;
}

/* ---- the APIC bus: destinations and delivery ---------------------------------- */

/* Index in local_apics of the APIC whose ID is dest, -1 if none (QEMU's
 * apic_find_dest: the scan stops at the first empty slot). */
static int apic_find_dest(uint8_t dest)
{
    APICState *apic = local_apics[dest];

    if (apic && apic->id == dest) {
        return dest;
    }
    for (int i = 0; i < MAX_APICS; i++) {
        apic = local_apics[i];
        if (!apic) {
            break;
        }
        if (apic->id == dest) {
            return i;
        }
    }
    return -1;
}

/* Logical destination: flat model (DFR 0xf) matches any common bit;
 * cluster model (DFR 0) matches the cluster and a common member bit; any
 * other DFR matches nothing. */
static bool apic_match_logical(const APICState *apic, uint8_t dest)
{
    if (apic->dest_mode == 0xf) {
        return (dest & apic->log_dest) != 0;
    }
    if (apic->dest_mode == 0) {
        return (dest & 0xf0) == (apic->log_dest & 0xf0) &&
               (dest & apic->log_dest & 0x0f) != 0;
    }
    return false;
}

static void apic_get_delivery_bitmask(uint32_t *mask, uint8_t dest, uint8_t dest_mode)
{
    memset(mask, 0, MAX_APIC_WORDS * sizeof(uint32_t));
    if (dest_mode == 0) {
        if (dest == 0xff) {
            memset(mask, 0xff, MAX_APIC_WORDS * sizeof(uint32_t));
        } else {
            int idx = apic_find_dest(dest);
            if (idx >= 0) {
                apic_set_bit(mask, idx);
            }
        }
        return;
    }
    for (int i = 0; i < MAX_APICS && local_apics[i]; i++) {
        if (apic_match_logical(local_apics[i], dest)) {
            apic_set_bit(mask, i);
        }
    }
}

typedef void ApicVisitor(APICState *apic, int arg);

/* Every existing APIC in the mask (QEMU's foreach_apic). */
static void foreach_apic(const uint32_t *mask, ApicVisitor *fn, int arg)
{
    for (int i = 0; i < MAX_APIC_WORDS * 32; i++) {
        if (apic_get_bit(mask, i) && local_apics[i]) {
            fn(local_apics[i], arg);
        }
    }
}

static void visit_interrupt(APICState *apic, int mask)
{
    apic_cpu_interrupt(apic, (uint32_t)mask);
}

static void visit_set_irq_edge(APICState *apic, int vector)
{
    apic_set_irq(apic, vector & 0xff, APIC_TRIGGER_EDGE);
}

static void visit_set_irq_level(APICState *apic, int vector)
{
    apic_set_irq(apic, vector & 0xff, APIC_TRIGGER_LEVEL);
}

static void visit_arb_id(APICState *apic, int unused)
{
    (void)unused;
    apic->arb_id = apic->id;
}

static void visit_startup(APICState *apic, int vector)
{
    apic->sipi_vector = vector;
    apic_cpu_interrupt(apic, CPU_INTERRUPT_SIPI);
}

/* Lowest priority without arbitration: the first APIC in the mask. */
static void apic_deliver_lowpri(const uint32_t *mask, uint8_t vector, uint8_t trigger)
{
    for (int i = 0; i < MAX_APIC_WORDS; i++) {
        if (mask[i]) {
            APICState *apic = local_apics[i * 32 + __builtin_ctz(mask[i])];
            if (apic) {
                apic_set_irq(apic, vector, trigger);
            }
            return;
        }
    }
}

/* QEMU's apic_bus_deliver.  ExtINT is delivered as fixed (the IOAPIC
 * already read the vector from the PIC); modes 3 and 6 do nothing. */
static void apic_bus_deliver(const uint32_t *mask, uint8_t delivery_mode,
                             uint8_t vector_num, uint8_t trigger_mode)
{
    switch (delivery_mode) {
    case APIC_DM_LOWPRI:
        apic_deliver_lowpri(mask, vector_num, trigger_mode);
        return;
    case APIC_DM_FIXED:
    case APIC_DM_EXTINT:
        foreach_apic(mask, trigger_mode ? visit_set_irq_level : visit_set_irq_edge,
                     vector_num);
        return;
    case APIC_DM_SMI:
        foreach_apic(mask, visit_interrupt, CPU_INTERRUPT_SMI);
        return;
    case APIC_DM_NMI:
        foreach_apic(mask, visit_interrupt, CPU_INTERRUPT_NMI);
        return;
    case APIC_DM_INIT:
        foreach_apic(mask, visit_interrupt, CPU_INTERRUPT_INIT);
        return;
    default:
        return;
    }
}

void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,
                      uint8_t vector_num, uint8_t trigger_mode)
{
    uint32_t mask[MAX_APIC_WORDS];

    trace_apic_deliver_irq(dest, dest_mode, delivery_mode, vector_num, trigger_mode);
    apic_get_delivery_bitmask(mask, dest, dest_mode);
    apic_bus_deliver(mask, delivery_mode, vector_num, trigger_mode);
}

/* An ICR low write: the destination shorthand picks the APICs (self and
 * the "all" forms use the current ID as the bit, as QEMU does), INIT
 * level de-assert only copies IDs into arbitration IDs, SIPI starts the
 * targets (QEMU's apic_deliver). */
static void apic_deliver(APICState *s, uint8_t dest, uint8_t dest_mode,
                         uint8_t delivery_mode, uint8_t vector_num, uint8_t trigger_mode)
{
    uint32_t mask[MAX_APIC_WORDS];

    switch ((s->icr[0] >> 18) & 3) {
    case 0:
        apic_get_delivery_bitmask(mask, dest, dest_mode);
        break;
    case 1:
        memset(mask, 0, sizeof(mask));
        apic_set_bit(mask, s->id);
        break;
    case 2:
        memset(mask, 0xff, sizeof(mask));
        break;
    default:
        memset(mask, 0xff, sizeof(mask));
        apic_reset_bit(mask, s->id);
        break;
    }
    if (delivery_mode == APIC_DM_INIT && !((s->icr[0] >> 14) & 1) &&
        ((s->icr[0] >> 15) & 1)) {
        foreach_apic(mask, visit_arb_id, 0);
        return;
    }
    if (delivery_mode == APIC_DM_SIPI) {
        foreach_apic(mask, visit_startup, vector_num);
        return;
    }
    apic_bus_deliver(mask, delivery_mode, vector_num, trigger_mode);
}

void apic_sipi(APICState *s)
{
    if (!s || !s->wait_for_sipi) {
        return;
    }
    /* Only application processors wait for SIPI; x86slice has none. */
    s->wait_for_sipi = 0;
}

/* An MSI write into the region (QEMU's apic_send_msi; the redirection
 * hint is ignored). */
static void apic_send_msi(hwaddr addr, uint32_t data)
{
    apic_deliver_irq((addr & 0x000ff000) >> 12, (addr >> 2) & 1, (data >> 8) & 7,
                     data & 0xff, (data >> 15) & 1);
}

/* ---- timer ------------------------------------------------------------------------ */

/* When the timer next fires after current_time; false if it does not
 * (masked, one-shot already expired, periodic with count 0).  QEMU's
 * apic_next_timer: a period is initial count + 1 ticks. */
static bool apic_next_timer(APICState *s, int64_t current_time)
{
    uint64_t period = (uint64_t)s->initial_count + 1;
    int64_t d;

    s->timer_expiry = -1;
    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_MASKED) {
        return false;
    }
    d = (current_time - s->initial_count_load_time) >> s->count_shift;
    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC) {
        if (!s->initial_count) {
            return false;
        }
        d = (int64_t)(((uint64_t)d / period + 1) * period);
    } else {
        if (d >= (int64_t)s->initial_count) {
            return false;
        }
        d = (int64_t)period;
    }
    s->next_time = s->initial_count_load_time + (int64_t)((uint64_t)d << s->count_shift);
    s->timer_expiry = s->next_time;
    return true;
}

static void apic_timer_update(APICState *s, int64_t current_time)
{
    if (apic_next_timer(s, current_time)) {
        timer_mod(s->timer, s->next_time);
    } else {
        timer_del(s->timer);
    }
}

/* The timer fired.  QEMU computes the next expiry from this one, so a
 * late timer fires once per missed period; x86slice computes it from
 * now, so missed periods set IRR once (see README). */
static void apic_timer(void *opaque)
{
    APICState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    apic_local_deliver(s, APIC_LVT_TIMER);
    apic_timer_update(s, MAX(s->next_time, now));
}

uint32_t apic_get_current_count(APICState *s)
{
    uint64_t period = (uint64_t)s->initial_count + 1;
    int64_t d = (qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) - s->initial_count_load_time) >>
                s->count_shift;

    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC) {
        return s->initial_count - (uint32_t)((uint64_t)d % period);
    }
    return d >= (int64_t)s->initial_count ? 0 : s->initial_count - (uint32_t)d;
}

/* Divide configuration: bits 0, 1 and 3; 0b111 means divide by 1. */
static void apic_set_divide(APICState *s, uint32_t val)
{
    int v;

    s->divide_conf = val & 0xb;
    v = (s->divide_conf & 3) | ((s->divide_conf >> 1) & 4);
    s->count_shift = (v + 1) & 7;
}

/* ---- registers ---------------------------------------------------------------------- */

/* The APIC of the CPU doing the access (QEMU's cpu_get_current_apic):
 * none outside a CPU, e.g. from the monitor. */
static APICState *apic_current(APICState *s)
{
    return current_cpu_index >= 0 && s->cpu ? s : NULL;
}

/* Register index (addr >> 4) & 0xff: 0x10-0x17 ISR, 0x18-0x1f TMR,
 * 0x20-0x27 IRR, 0x32-0x37 LVT.  Unknown ones set ESR bit 7. */
static uint32_t apic_reg_read(APICState *s, int index)
{
    switch (index) {
    case 0x02: return (uint32_t)s->id << 24;
    case 0x03: return s->version | ((APIC_LVT_NB - 1) << 16);
    case 0x08: return s->tpr;
    case 0x09: return 0;                /* arbitration priority: no arbitration */
    case 0x0a: return apic_get_ppr(s);
    case 0x0b: return 0;
    case 0x0d: return (uint32_t)s->log_dest << 24;
    case 0x0e: return ((uint32_t)s->dest_mode << 28) | 0xfffffff;
    case 0x0f: return s->spurious_vec;
    case 0x10 ... 0x17: return s->isr[index & 7];
    case 0x18 ... 0x1f: return s->tmr[index & 7];
    case 0x20 ... 0x27: return s->irr[index & 7];
    case 0x28: return s->esr;
    case 0x30: case 0x31: return s->icr[index & 1];
    case 0x32 ... 0x37: return s->lvt[index - 0x32];
    case 0x38: return s->initial_count;
    case 0x39: return apic_get_current_count(s);
    case 0x3e: return s->divide_conf;
    default:
        s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        return 0;
    }
}

static uint64_t apic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    APICState *s;
    uint32_t val;

    if (size < 4 || !(s = apic_current(opaque))) {
        return 0;
    }
    val = apic_reg_read(s, (addr >> 4) & 0xff);
    trace_apic_mem_readl(addr, val);
    return val;
}

static void apic_write_lvt(APICState *s, int n, uint32_t val)
{
    s->lvt[n] = val;
    if (n == APIC_LVT_TIMER) {
        apic_timer_update(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    } else if (n == APIC_LVT_LINT0 && apic_check_pic(s)) {
        apic_update_irq(s);
    }
}

static void apic_write_icr_low(APICState *s, uint32_t val)
{
    s->icr[0] = val;
    apic_deliver(s, (s->icr[1] >> 24) & 0xff, (s->icr[0] >> 11) & 1,
                 (s->icr[0] >> 8) & 7, s->icr[0] & 0xff, (s->icr[0] >> 15) & 1);
}

/* Writes to read-only registers (version, APR, PPR, ISR, TMR, IRR, ESR,
 * current count) are ignored; ESR is not even cleared (QEMU). */
static void apic_reg_write(APICState *s, int index, uint32_t val)
{
    switch (index) {
    case 0x02: s->id = val >> 24; break;
    case 0x03: case 0x09: case 0x0a: break;
    case 0x08:
        s->tpr = val;
        apic_update_irq(s);
        break;
    case 0x0b: apic_eoi(s); break;
    case 0x0d: s->log_dest = val >> 24; break;
    case 0x0e: s->dest_mode = val >> 28; break;
    case 0x0f:
        s->spurious_vec = val & 0x1ff;
        apic_update_irq(s);
        break;
    case 0x10 ... 0x28: case 0x39: break;
    case 0x30: apic_write_icr_low(s, val); break;
    case 0x31: s->icr[1] = val; break;
    case 0x32 ... 0x37: apic_write_lvt(s, index - 0x32, val); break;
    case 0x38:
        s->initial_count = val;
        s->initial_count_load_time = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        apic_timer_update(s, s->initial_count_load_time);
        break;
    case 0x3e: apic_set_divide(s, val); break;
    default:
        s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        break;
    }
}

/* MSI and the APIC registers share the window (QEMU: "actually not on
 * the global bus"): beyond the first 4 KiB, or at offset 0-0xf, a write
 * is an MSI message. */
static void apic_mem_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    int index = (addr >> 4) & 0xff;
    APICState *s;

    if (size < 4) {
        return;
    }
    if (addr > 0xfff || !index) {
        apic_send_msi(addr, (uint32_t)val);
        return;
    }
    if (!(s = apic_current(opaque))) {
        return;
    }
    trace_apic_mem_writel(addr, (uint32_t)val);
    apic_reg_write(s, index, (uint32_t)val);
}

const MemoryRegionOps apic_io_ops = {
    .read = apic_mem_read,
    .write = apic_mem_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- base MSR ------------------------------------------------------------------------ */

void apic_set_base(CPUX86State *env, uint64_t val)
{
    APICState *s = env->apic_state;

    trace_cpu_set_apic_base(val);
    env->apic_base = (val & 0xfffff000) |
                     (env->apic_base & (MSR_IA32_APICBASE_BSP | MSR_IA32_APICBASE_ENABLE));
    if (!(val & MSR_IA32_APICBASE_ENABLE)) {
        env->apic_base &= ~(uint64_t)MSR_IA32_APICBASE_ENABLE;
        cpu_clear_apic_feature(env);
        if (s) {
            s->spurious_vec &= ~APIC_SV_ENABLE;
        }
    }
}

uint64_t apic_get_base(CPUX86State *env)
{
    trace_cpu_get_apic_base(env->apic_base);
    return env->apic_base;
}

/* ---- life cycle ------------------------------------------------------------------------ */

void apic_init_reset(APICState *s)
{
    if (!s) {
        return;
    }
    s->tpr = 0;
    s->spurious_vec = 0xff;
    s->log_dest = 0;
    s->dest_mode = 0xf;
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    memset(s->irr, 0, sizeof(s->irr));
    for (int i = 0; i < APIC_LVT_NB; i++) {
        s->lvt[i] = APIC_LVT_MASKED;
    }
    s->esr = 0;
    memset(s->icr, 0, sizeof(s->icr));
    /* count_shift 0 (divide by 1) although DCR 0 reads as divide by 2:
     * QEMU's reset. */
    s->divide_conf = 0;
    s->count_shift = 0;
    s->initial_count = 0;
    s->initial_count_load_time = 0;
    s->next_time = 0;
    /* only the BSP runs (QEMU's cpu_is_bsp, which traces the base) */
    trace_cpu_get_apic_base(s->cpu ? s->cpu->apic_base : MSR_IA32_APICBASE_BSP);
    s->wait_for_sipi = s->cpu ? !(s->cpu->apic_base & MSR_IA32_APICBASE_BSP) : 0;
    timer_del(s->timer);
    s->timer_expiry = -1;
}

void apic_reset(APICState *s)
{
    if (s->cpu) {
        uint64_t bsp = s->cpu->apic_base & MSR_IA32_APICBASE_BSP;

        s->cpu->apic_base = APIC_DEFAULT_ADDRESS | bsp | MSR_IA32_APICBASE_ENABLE;
    }
    s->id = s->initial_apic_id;
    trace_apic_reset_irq_delivered(apic_irq_delivered);
    apic_irq_delivered = 0;
    apic_init_reset(s);
}

APICState *apic_new(uint8_t id)
{
    APICState *s = g_new0(APICState, 1);

    g_assert(id < MAX_APICS && !local_apics[id]);
    s->id = s->initial_apic_id = id;
    s->version = 0x14;
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, apic_timer, s);
    s->timer_expiry = -1;
    local_apics[id] = s;
    return s;
}

void apic_free(APICState *s)
{
    if (!s) {
        return;
    }
    apic_connect_cpu(s, NULL);
    timer_free(s->timer);
    local_apics[s->initial_apic_id] = NULL;
    g_free(s);
}

void apic_connect_cpu(APICState *s, CPUX86State *env)
{
    if (s->cpu && s->cpu->apic_state == s) {
        s->cpu->apic_state = NULL;
    }
    s->cpu = env;
    if (env) {
        env->apic_state = s;
    }
}
