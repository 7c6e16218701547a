/*
 * The local APIC of CPU 0 (QEMU 7.2's hw/intc/apic.c, hw/intc/apic_common.c
 * and include/hw/i386/apic_internal.h, without QOM and without the VAPIC,
 * which the reference machine turns off with apic-common.vapic=off).
 *
 * How the machine uses it (what QEMU's x86_cpu_apic_create/realize and
 * pc_machine_reset do):
 *   APICState *apic = apic_new(0);             APIC ID 0, the BSP
 *   memory_region_init_io(mr, owner, &apic_io_ops, apic, "apic-msi",
 *                         APIC_SPACE_SIZE) at 0xfee00000, priority 0x1000;
 *   apic->pic = the i8259 pair (QEMU's isa_pic);
 *   apic->eoi_broadcast/eoi_opaque = the IOAPIC's EOI hook;
 *   apic_connect_cpu(apic, env) once the CPU exists (env->apic_state);
 *   on system reset, after the other devices: apic_reset(apic).
 *
 * The APIC base MSR lives in the CPU (env->apic_base, read by RDMSR); the
 * APIC reads its enable bit there.  Without a CPU connected the APIC
 * delivers nothing and its registers read as 0, as QEMU's do when no CPU
 * is current.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INTC_APIC_H
#define HW_INTC_APIC_H

#include <stdbool.h>
#include <stdint.h>
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "hw/intc/i8259.h"

struct CPUX86State;

#define APIC_SPACE_SIZE         0x100000
#define MAX_APICS               255
#define MAX_APIC_WORDS          8

/* Local vector table entries (index into lvt[], register 0x32 + n). */
#define APIC_LVT_TIMER          0
#define APIC_LVT_THERMAL        1
#define APIC_LVT_PERFORM        2
#define APIC_LVT_LINT0          3
#define APIC_LVT_LINT1          4
#define APIC_LVT_ERROR          5
#define APIC_LVT_NB             6

/* Delivery modes */
#define APIC_DM_FIXED           0
#define APIC_DM_LOWPRI          1
#define APIC_DM_SMI             2
#define APIC_DM_NMI             4
#define APIC_DM_INIT            5
#define APIC_DM_SIPI            6
#define APIC_DM_EXTINT          7

#define APIC_TRIGGER_EDGE       0
#define APIC_TRIGGER_LEVEL      1

#define APIC_LVT_TIMER_PERIODIC (1u << 17)
#define APIC_LVT_MASKED         (1u << 16)
#define APIC_LVT_LEVEL_TRIGGER  (1u << 15)

#define APIC_ESR_ILLEGAL_ADDRESS (1u << 7)

#define APIC_SV_DIRECTED_IO     (1u << 12)
#define APIC_SV_ENABLE          (1u << 8)

typedef struct APICState {
    struct CPUX86State *cpu;    /* NULL until apic_connect_cpu */
    PICState *pic;              /* QEMU's isa_pic, NULL if none */
    /* apic_eoi's ioapic_eoi_broadcast (level-triggered vectors) */
    void (*eoi_broadcast)(void *opaque, int vector);
    void *eoi_opaque;

    uint8_t id;                 /* xAPIC ID (writable) */
    uint8_t initial_apic_id;    /* the "id" property: index in local_apics */
    uint8_t version;            /* the "version" property, 0x14 */
    uint8_t arb_id;
    uint8_t tpr;
    uint32_t spurious_vec;
    uint8_t log_dest;
    uint8_t dest_mode;
    uint32_t isr[8];            /* in service */
    uint32_t tmr[8];            /* trigger mode */
    uint32_t irr[8];            /* requests */
    uint32_t lvt[APIC_LVT_NB];
    uint32_t esr;
    uint32_t icr[2];

    uint32_t divide_conf;
    int count_shift;
    uint32_t initial_count;
    int64_t initial_count_load_time;
    int64_t next_time;
    int64_t timer_expiry;
    QEMUTimer *timer;
    int sipi_vector;
    int wait_for_sipi;
} APICState;

/* Region ops, QEMU's apic_io_ops: 1..4 bytes valid and implemented,
 * native endianness; only 4-byte accesses do anything (narrower reads
 * return 0, narrower writes are dropped).  Opaque: the APICState. */
extern const MemoryRegionOps apic_io_ops;

/* A realized APIC with the given ID (< MAX_APICS), not yet reset: call
 * apic_reset before use, as QEMU's machine reset does. */
APICState *apic_new(uint8_t id);
void apic_free(APICState *s);
/* Tie the APIC to its CPU (env->apic_state) or, with NULL, untie it. */
void apic_connect_cpu(APICState *s, struct CPUX86State *env);

/* Device reset (QEMU's apic_reset_common): base MSR to 0xfee00000 |
 * enable | BSP, ID back to the initial one, then apic_init_reset. */
void apic_reset(APICState *s);
/* The INIT part of the reset (QEMU's apic_init_reset): every register
 * but the base and the ID.  NULL is allowed (no APIC). */
void apic_init_reset(APICState *s);

/* WRMSR IA32_APIC_BASE (QEMU's cpu_set_apic_base + apic_set_base): the
 * base address moves (the MMIO window does not), BSP is read-only, and
 * once disabled the APIC stays disabled: CPUID loses its APIC bit and
 * SVR its enable bit.  env->apic_state may be NULL. */
void apic_set_base(struct CPUX86State *env, uint64_t val);
/* RDMSR IA32_APIC_BASE (QEMU's cpu_get_apic_base, traced). */
uint64_t apic_get_base(struct CPUX86State *env);

/* The PIC's INT output changed (QEMU's apic_deliver_pic_intr). */
void apic_deliver_pic_intr(APICState *s, int level);
/* Does the CPU take the PIC's interrupts (LINT0 unmasked, or the APIC
 * disabled in the base MSR)?  QEMU's apic_accept_pic_intr. */
int apic_accept_pic_intr(APICState *s);
/* Interrupt acknowledge: the vector to take, or -1 to ask the PIC (QEMU's
 * apic_get_interrupt). */
int apic_get_interrupt(APICState *s);
/* An interrupt message from the APIC bus (IOAPIC, MSI): QEMU's
 * apic_deliver_irq. */
void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,
                      uint8_t vector_num, uint8_t trigger_mode);
/* CPU_INTERRUPT_SIPI reached the CPU (QEMU's apic_sipi, via do_cpu_sipi). */
void apic_sipi(APICState *s);

/* Processor priority (QEMU's apic_get_ppr). */
int apic_get_ppr(APICState *s);
/* The timer's current count register (QEMU's apic_get_current_count). */
uint32_t apic_get_current_count(APICState *s);

#endif
