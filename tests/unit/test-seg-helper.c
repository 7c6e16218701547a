/*
 * Segmentation, far transfers, task switches, interrupt and exception
 * delivery (cpu/seg_helper.c) against QEMU 7.2's behaviour: pushes,
 * vectors, error codes, nested-fault logic, the -d int line.
 *
 * The CPU runs with paging off on 4 MiB of RAM; descriptor tables and
 * stacks are written straight into RAM.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <string.h>
#include "tests/unit/memtest.h"
#include "cpu/seg_helper.h"
#include "cpu/misc_helper.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tb-cache.h"

/*
 * Weak stand-ins for parts of the library that may not be built yet; the
 * real definitions win whenever their objects are linked in.
 */
__attribute__((weak)) void cpu_x86_update_dr7(CPUX86State *e, uint32_t v)
{
    e->dr[7] = v | DR7_FIXED_1;
}
__attribute__((weak)) void tb_invalidate_phys_range(CPUX86State *e, uint8_t *h, size_t l)
{
    (void)e; (void)h; (void)l;
}
__attribute__((weak)) void tb_jmp_cache_clear(CPUX86State *e)
{
    (void)e;
}
__attribute__((weak)) void tb_jmp_cache_clear_page(CPUX86State *e, uint32_t p)
{
    (void)e; (void)p;
}
__attribute__((weak)) bool tb_page_has_code(uint8_t *h)
{
    (void)h;
    return false;
}

#define RAM_SIZE (4u << 20)

/* Layout */
#define GDT_BASE  0x1000u
#define IDT_BASE  0x2000u
#define LDT_BASE  0x2800u
#define TSS1      0x3000u
#define TSS2      0x3100u
#define TSS16     0x3200u
#define KSTACK    0x9000u       /* ring-0 stack top (TSS1.esp0) */
#define USTACK    0x8000u

/* Selectors */
#define SEL_CODE0   0x08
#define SEL_DATA0   0x10
#define SEL_CODE3   0x1b
#define SEL_DATA3   0x23
#define SEL_TSS1    0x28
#define SEL_TSS2    0x30
#define SEL_CGATE   0x3b        /* call gate, DPL 3, 2 params */
#define SEL_NPDATA  0x40        /* not present */
#define SEL_CODE16  0x48
#define SEL_LDT     0x50
#define SEL_CONF0   0x58        /* conforming code, DPL 0 */
#define SEL_DATA0A  0x60        /* ring-0 data, accessed bit clear */
#define SEL_TGATE   0x68        /* task gate to TSS2, DPL 3 */
#define SEL_TSS16   0x70
#define SEL_BADTSS  0x78        /* TSS whose CS is null */

static CPUX86State *env;
static uint8_t *host;
static int resets;

static uint32_t rd32(uint32_t a)
{
    uint32_t v;

    memcpy(&v, host + a, 4);
    return v;
}

static uint16_t rd16(uint32_t a)
{
    uint16_t v;

    memcpy(&v, host + a, 2);
    return v;
}

static void wr32(uint32_t a, uint32_t v)
{
    memcpy(host + a, &v, 4);
}

static void wr16(uint32_t a, uint16_t v)
{
    memcpy(host + a, &v, 2);
}

/* type: the 4-bit type; s: 1 for code/data; extra: G/B bits. */
static void set_desc(uint32_t sel, uint32_t base, uint32_t limit, int type, int s,
                     int dpl, bool present, uint32_t extra)
{
    uint32_t addr = GDT_BASE + (sel & ~7u);
    uint32_t e1 = (base << 16) | (limit & 0xffff);
    uint32_t e2 = (base & 0xff000000) | ((base >> 16) & 0xff) | (limit & 0xf0000) |
                  ((uint32_t)type << 8) | (s ? DESC_S_MASK : 0) |
                  ((uint32_t)dpl << 13) | (present ? DESC_P_MASK : 0) | extra;

    wr32(addr, e1);
    wr32(addr + 4, e2);
}

static void set_gate(uint32_t addr, uint32_t sel, uint32_t off, int type, int dpl, int params)
{
    wr32(addr, (sel << 16) | (off & 0xffff));
    wr32(addr + 4, (off & 0xffff0000) | DESC_P_MASK | ((uint32_t)dpl << 13) |
                   ((uint32_t)type << 8) | (uint32_t)params);
}

static uint32_t desc_e2(uint32_t sel)
{
    return rd32(GDT_BASE + (sel & ~7u) + 4);
}

/* Load a segment register from the GDT the way a successful load does. */
static void load_seg(int seg, uint32_t sel)
{
    uint32_t e1 = rd32(GDT_BASE + (sel & ~7u)), e2 = rd32(GDT_BASE + (sel & ~7u) + 4);
    uint32_t base = (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000);
    uint32_t limit = (e1 & 0xffff) | (e2 & 0xf0000);

    if (e2 & DESC_G_MASK) {
        limit = (limit << 12) | 0xfff;
    }
    cpu_x86_load_seg_cache(env, seg, sel, base, limit, e2);
}

/* stmt must raise exception vec with error code err.  EXPECT_EXC_KEEP
 * leaves the nested-fault state as raised; EXPECT_EXC then forgets it, as
 * delivering the exception would (otherwise the next one is a #DF). */
#define EXPECT_EXC_KEEP(stmt, vec, err) do {                                   \
        if (sigsetjmp(env->jmp_env, 0) == 0) {                                 \
            stmt;                                                              \
            ck_abort_msg("no exception from %s", #stmt);                       \
        }                                                                      \
        ck_assert_msg(env->exception_index == (vec) && env->error_code == (err), \
                      "%s: exception %d err %#x, expected %d err %#x", #stmt,  \
                      env->exception_index, env->error_code, (vec), (err));    \
    } while (0)
#define EXPECT_EXC(stmt, vec, err) do {                                        \
        EXPECT_EXC_KEEP(stmt, vec, err);                                       \
        env->old_exception = -1;                                               \
    } while (0)

#define NO_EXC(stmt) do {                                                      \
        if (sigsetjmp(env->jmp_env, 0) == 0) {                                 \
            stmt;                                                              \
        } else {                                                               \
            ck_abort_msg("%s: exception %d err %#x", #stmt,                    \
                         env->exception_index, env->error_code);               \
        }                                                                      \
    } while (0)

/* Deliver env->exception_index as the execution loop does. */
static void deliver(void)
{
    NO_EXC(x86_cpu_do_interrupt(env));
    env->exception_index = -1;
}

static void count_reset(void *opaque)
{
    (void)opaque;
    resets++;
}

static int pic_vector = 0x20;
static int get_pic(void *opaque)
{
    (void)opaque;
    return pic_vector;
}

static void setup(void)
{
    MemoryRegion *sys, *ram, *io;
    AddressSpace *as, *as_io;

    memtest_setup();
    sys = memtest_container("sys", UINT64_MAX);
    ram = memtest_ram("ram", RAM_SIZE);
    memtest_add(sys, 0, ram, 0);
    as = memtest_as(sys, "cpu-memory-0");
    io = memtest_container("io", 0x10000);
    as_io = memtest_as(io, "io");
    host = memory_region_get_ram_ptr(ram);
    memset(host, 0, RAM_SIZE);
    env = x86_cpu_new(as, as, as_io);
    env->reset_request = count_reset;
    env->get_pic_interrupt = get_pic;
    resets = 0;
}

static void teardown(void)
{
    x86_cpu_free(env);
    env = NULL;
    memtest_teardown();
}

/* Protected mode, flat segments, TR = TSS1, CPL 0. */
static void enter_pmode(void)
{
    const uint32_t flat = DESC_G_MASK | DESC_B_MASK;

    set_desc(SEL_CODE0, 0, 0xfffff, 0xb, 1, 0, true, flat);
    set_desc(SEL_DATA0, 0, 0xfffff, 0x3, 1, 0, true, flat);
    set_desc(SEL_CODE3, 0, 0xfffff, 0xb, 1, 3, true, flat);
    set_desc(SEL_DATA3, 0, 0xfffff, 0x3, 1, 3, true, flat);
    set_desc(SEL_TSS1, TSS1, 0x67, 9, 0, 0, true, 0);
    set_desc(SEL_TSS2, TSS2, 0x67, 9, 0, 0, true, 0);
    set_gate(GDT_BASE + (SEL_CGATE & ~7u), SEL_CODE0, 0x5000, 12, 3, 2);
    set_desc(SEL_NPDATA, 0, 0xfffff, 0x3, 1, 0, false, flat);
    set_desc(SEL_CODE16, 0x10000, 0xffff, 0xb, 1, 0, true, 0);
    set_desc(SEL_LDT, LDT_BASE, 0xf, 2, 0, 0, true, 0);
    set_desc(SEL_CONF0, 0, 0xfffff, 0xf, 1, 0, true, flat);
    set_desc(SEL_DATA0A, 0x100, 0xfffff, 0x2, 1, 3, true, flat);
    set_gate(GDT_BASE + (SEL_TGATE & ~7u), SEL_TSS2, 0, 5, 3, 0);
    set_desc(SEL_TSS16, TSS16, 0x2b, 1, 0, 0, true, 0);
    set_desc(SEL_BADTSS, TSS2 + 0x80, 0x67, 9, 0, 0, true, 0);
    env->gdt.base = GDT_BASE;
    env->gdt.limit = 0x7f;

    set_gate(IDT_BASE + 0x0d * 8, SEL_CODE0, 0x6000, 14, 0, 0);
    set_gate(IDT_BASE + 0x0e * 8, SEL_CODE0, 0x6100, 14, 0, 0);
    set_gate(IDT_BASE + 0x08 * 8, SEL_CODE0, 0x6200, 14, 0, 0);
    set_gate(IDT_BASE + 0x20 * 8, SEL_CODE0, 0x7100, 14, 0, 0);
    set_gate(IDT_BASE + 0x02 * 8, SEL_CODE0, 0x7200, 14, 0, 0);
    set_gate(IDT_BASE + 0x80 * 8, SEL_CODE0, 0x7000, 15, 3, 0);
    set_gate(IDT_BASE + 0x81 * 8, SEL_CODE0, 0x7000, 14, 0, 0);
    set_gate(IDT_BASE + 0x82 * 8, SEL_TSS2, 0, 5, 3, 0);     /* task gate */
    set_gate(IDT_BASE + 0x83 * 8, SEL_CODE0, 0x12345678, 6, 3, 0); /* 286 int gate */
    wr32(IDT_BASE + 0x84 * 8 + 4, 0x00006600);     /* DPL 3, 286 int gate, P = 0 */
    env->idt.base = IDT_BASE;
    env->idt.limit = 0x84 * 8 + 7;

    wr32(TSS1 + 4, KSTACK);
    wr32(TSS1 + 8, SEL_DATA0);

    cpu_x86_update_cr0(env, env->cr[0] | CR0_PE_MASK);
    load_seg(R_CS, SEL_CODE0);
    load_seg(R_SS, SEL_DATA0);
    load_seg(R_DS, SEL_DATA0);
    load_seg(R_ES, SEL_DATA0);
    load_seg(R_FS, SEL_DATA0);
    load_seg(R_GS, SEL_DATA0);
    NO_EXC(helper_ltr(env, SEL_TSS1));
    env->regs[R_ESP] = KSTACK - 0x100;
}

static void to_ring3(void)
{
    load_seg(R_CS, SEL_CODE3);
    load_seg(R_SS, SEL_DATA3);
    load_seg(R_DS, SEL_DATA3);
    load_seg(R_ES, SEL_DATA3);
    env->regs[R_ESP] = USTACK;
    env->eip = 0x4000;
}

/* ---- exceptions and nested faults ------------------------------------- */

START_TEST(test_raise_interrupt_fields)
{
    env->eip = 0x1234;
    EXPECT_EXC_KEEP(raise_interrupt(env, 0x21, 1, 0, 2), 0x21, 0);
    ck_assert_int_eq(env->exception_is_int, 1);
    ck_assert_uint_eq(env->exception_next_eip, 0x1236);
    ck_assert_int_eq(env->old_exception, -1);   /* INT n is not checked */

    EXPECT_EXC_KEEP(raise_exception_err(env, EXCP0D_GPF, 0x18), EXCP0D_GPF, 0x18);
    ck_assert_int_eq(env->exception_is_int, 0);
    ck_assert_uint_eq(env->exception_next_eip, 0x1234);
    ck_assert_int_eq(env->old_exception, EXCP0D_GPF);
}
END_TEST

START_TEST(test_double_and_triple_fault)
{
    memtest_log_begin(CPU_LOG_INT | CPU_LOG_RESET);

    /* contributory + contributory = #DF(0) */
    env->old_exception = EXCP0D_GPF;
    EXPECT_EXC_KEEP(raise_exception_err(env, EXCP0B_NOSEG, 0x40), EXCP08_DBLE, 0);
    ck_assert_int_eq(env->old_exception, EXCP08_DBLE);
    /* anything during #DF (even a benign one) = triple fault */
    EXPECT_EXC_KEEP(raise_exception(env, EXCP06_ILLOP), EXCP_HLT, 0);
    ck_assert_int_eq(resets, 1);
    assert_log("check_exception old: 0xd new 0xb\n"
               "check_exception old: 0x8 new 0x6\n"
               "Triple fault\n");

    /* #PF then #PF = #DF; #PF then benign: no change */
    env->old_exception = EXCP0E_PAGE;
    EXPECT_EXC_KEEP(raise_exception_err(env, EXCP0E_PAGE, 2), EXCP08_DBLE, 0);
    env->old_exception = EXCP0E_PAGE;
    EXPECT_EXC_KEEP(raise_exception(env, EXCP06_ILLOP), EXCP06_ILLOP, 0);
    ck_assert_int_eq(env->old_exception, EXCP0E_PAGE);
    /* contributory then #PF: not a #DF */
    env->old_exception = EXCP0D_GPF;
    EXPECT_EXC_KEEP(raise_exception_err(env, EXCP0E_PAGE, 4), EXCP0E_PAGE, 4);
    ck_assert_int_eq(env->old_exception, EXCP0E_PAGE);
    assert_log("check_exception old: 0xe new 0xe\n"
               "check_exception old: 0xe new 0x6\n"
               "check_exception old: 0xd new 0xe\n");
    memtest_log_end();
}
END_TEST

/* ---- real mode ------------------------------------------------------------ */

START_TEST(test_real_mode_int_and_iret)
{
    wr16(0x10 * 4, 0x1234);
    wr16(0x10 * 4 + 2, 0x2000);
    cpu_x86_load_seg_cache(env, R_CS, 0x1000, 0x10000, 0xffff, env->segs[R_CS].flags);
    env->segs[R_SS].selector = 0x0700;
    env->segs[R_SS].base = 0x7000;
    env->regs[R_ESP] = 0xabcd0010;
    env->eip = 0x100;
    env->eflags |= IF_MASK | TF_MASK;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = CC_C | CC_Z;

    EXPECT_EXC(raise_interrupt(env, 0x10, 1, 0, 2), 0x10, 0);
    deliver();
    ck_assert_uint_eq(env->segs[R_CS].selector, 0x2000);
    ck_assert_uint_eq(env->segs[R_CS].base, 0x20000);
    ck_assert_uint_eq(env->eip, 0x1234);
    ck_assert_uint_eq(env->regs[R_ESP], 0xabcd000a);
    ck_assert_uint_eq(rd16(0x7000 + 0xe), 0x0302 | CC_C | CC_Z);   /* FLAGS */
    ck_assert_uint_eq(rd16(0x7000 + 0xc), 0x1000);                 /* CS */
    ck_assert_uint_eq(rd16(0x7000 + 0xa), 0x102);                  /* IP */
    ck_assert_uint_eq(env->eflags & (IF_MASK | TF_MASK), 0);

    NO_EXC(helper_iret_real(env, 0));
    ck_assert_uint_eq(env->segs[R_CS].selector, 0x1000);
    ck_assert_uint_eq(env->eip, 0x102);
    ck_assert_uint_eq(env->regs[R_ESP], 0xabcd0010);
    ck_assert_uint_eq(cpu_compute_eflags(env), 0x0302 | CC_C | CC_Z);
}
END_TEST

START_TEST(test_real_mode_ivt_limit)
{
    /* vector 0xff beyond the IVT limit: #GP with the protected-mode code */
    env->eip = 0x10;
    env->exception_index = 0xff;
    env->idt.limit = 0x3fb;
    EXPECT_EXC(x86_cpu_do_interrupt(env), EXCP0D_GPF, 0xff * 8 + 2);
}
END_TEST

START_TEST(test_lcall_real)
{
    env->segs[R_SS].base = 0x7000;
    env->regs[R_ESP] = 0x100;
    cpu_x86_load_seg_cache(env, R_CS, 0x1000, 0x10000, 0xffff, env->segs[R_CS].flags);
    NO_EXC(helper_lcall_real(env, 0x3000, 0x40, 0, 0x55));
    ck_assert_uint_eq(env->regs[R_ESP], 0xfc);
    ck_assert_uint_eq(rd16(0x70fe), 0x1000);
    ck_assert_uint_eq(rd16(0x70fc), 0x55);
    ck_assert_uint_eq(env->segs[R_CS].base, 0x30000);
    ck_assert_uint_eq(env->eip, 0x40);
}
END_TEST

/* ---- protected-mode delivery ------------------------------------------------ */

START_TEST(test_ltr_busy)
{
    enter_pmode();
    ck_assert_uint_eq(env->tr.selector, SEL_TSS1);
    ck_assert_uint_eq(env->tr.base, TSS1);
    ck_assert_uint_eq((env->tr.flags >> 8) & 0xf, 9);          /* cache: available */
    ck_assert_uint_eq((desc_e2(SEL_TSS1) >> 8) & 0xf, 11);     /* GDT: busy */
    EXPECT_EXC(helper_ltr(env, SEL_TSS1), EXCP0D_GPF, SEL_TSS1);  /* busy now */
    EXPECT_EXC(helper_ltr(env, SEL_DATA0), EXCP0D_GPF, SEL_DATA0);
    EXPECT_EXC(helper_ltr(env, 0x804), EXCP0D_GPF, 0x804);
}
END_TEST

START_TEST(test_int_from_ring3_trap_gate)
{
    uint32_t fl;

    enter_pmode();
    to_ring3();
    env->eflags |= IF_MASK;
    fl = cpu_compute_eflags(env);
    EXPECT_EXC(raise_interrupt(env, 0x80, 1, 0, 2), 0x80, 0);
    deliver();
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE0);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_DATA0);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 0);
    ck_assert_int_eq(env->mmu_idx, MMU_KERNEL_IDX);
    ck_assert_uint_eq(env->eip, 0x7000);
    ck_assert_uint_eq(env->regs[R_ESP], KSTACK - 20);
    ck_assert_uint_eq(rd32(KSTACK - 4), SEL_DATA3);
    ck_assert_uint_eq(rd32(KSTACK - 8), USTACK);
    ck_assert_uint_eq(rd32(KSTACK - 12), fl);
    ck_assert_uint_eq(rd32(KSTACK - 16), SEL_CODE3);
    ck_assert_uint_eq(rd32(KSTACK - 20), 0x4002);
    ck_assert_uint_ne(env->eflags & IF_MASK, 0);                /* trap gate */
    ck_assert_int_eq(env->old_exception, -1);

    NO_EXC(helper_iret_protected(env, 1, 0x7001));
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE3);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_DATA3);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    ck_assert_int_eq(env->mmu_idx, MMU_USER_IDX);
    ck_assert_uint_eq(env->regs[R_ESP], USTACK);
    ck_assert_uint_eq(env->eip, 0x4002);
}
END_TEST

START_TEST(test_gp_error_code_and_log)
{
    char *log;

    enter_pmode();
    to_ring3();
    env->eflags |= IF_MASK;
    env->regs[R_EAX] = 0xdeadbeef;
    memtest_log_begin(CPU_LOG_INT);
    EXPECT_EXC_KEEP(raise_exception_err(env, EXCP0D_GPF, 0x40), EXCP0D_GPF, 0x40);
    deliver();
    log = memtest_gc(memtest_log_take());
    ck_assert_msg(g_str_has_prefix(log,
                  "check_exception old: 0xffffffff new 0xd\n"
                  "     0: v=0d e=0040 i=0 cpl=3 IP=001b:00004000 pc=00004000 "
                  "SP=0023:00008000 env->regs[R_EAX]=deadbeef\nEAX=deadbeef"), "%s", log);
    memtest_log_end();

    ck_assert_uint_eq(env->eip, 0x6000);
    ck_assert_uint_eq(env->regs[R_ESP], KSTACK - 24);
    ck_assert_uint_eq(rd32(KSTACK - 20), 0x4000);               /* faulting EIP */
    ck_assert_uint_eq(rd32(KSTACK - 24), 0x40);                 /* error code */
    ck_assert_uint_eq(env->eflags & IF_MASK, 0);                /* interrupt gate */
    ck_assert_int_eq(env->old_exception, -1);
}
END_TEST

START_TEST(test_int_gate_dpl_and_not_present)
{
    enter_pmode();
    to_ring3();
    /* INT to a DPL-0 gate from CPL 3: #GP(vector * 8 + 2) */
    env->exception_index = 0x81;
    env->exception_is_int = 1;
    env->exception_next_eip = 0x4002;
    EXPECT_EXC(x86_cpu_do_interrupt(env), EXCP0D_GPF, 0x81 * 8 + 2);
    /* a hardware interrupt ignores the gate DPL */
    env->exception_index = -1;
    /* not-present gate: #NP(vector * 8 + 2) */
    env->exception_index = 0x84;
    env->exception_is_int = 0;
    EXPECT_EXC(x86_cpu_do_interrupt(env), EXCP0B_NOSEG, 0x84 * 8 + 2);
    /* beyond the IDT limit */
    env->exception_index = 0x85;
    EXPECT_EXC(x86_cpu_do_interrupt(env), EXCP0D_GPF, 0x85 * 8 + 2);
}
END_TEST

START_TEST(test_286_gate_offset)
{
    enter_pmode();
    env->regs[R_ESP] = 0x8800;
    EXPECT_EXC(raise_interrupt(env, 0x83, 1, 0, 2), 0x83, 0);
    env->eip = 0x4000;
    deliver();
    /* QEMU keeps the high offset bits of a 286 gate; pushes are 16-bit */
    ck_assert_uint_eq(env->eip, 0x12345678);
    ck_assert_uint_eq(env->regs[R_ESP], 0x8800 - 6);
    ck_assert_uint_eq(rd16(0x8800 - 4), SEL_CODE0);
}
END_TEST

START_TEST(test_hardware_interrupt)
{
    enter_pmode();
    env->eip = 0x4444;
    env->regs[R_ESP] = 0x8800;
    env->interrupt_request = CPU_INTERRUPT_HARD;
    ck_assert(!x86_cpu_exec_interrupt(env, env->interrupt_request));   /* IF = 0 */
    env->eflags |= IF_MASK;
    env->hflags |= HF_INHIBIT_IRQ_MASK;
    ck_assert(!x86_cpu_exec_interrupt(env, env->interrupt_request));
    env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    env->halted = true;
    ck_assert(x86_cpu_exec_interrupt(env, env->interrupt_request));
    ck_assert(!env->halted);
    ck_assert_uint_eq(env->interrupt_request, 0);
    ck_assert_uint_eq(env->eip, 0x7100);
    ck_assert_uint_eq(rd32(0x8800 - 12), 0x4444);
    ck_assert_uint_eq(env->regs[R_ESP], 0x8800 - 12);           /* no error code */

    /* NMI: taken with IF = 0, then blocked until IRET */
    env->eflags &= ~IF_MASK;
    env->interrupt_request = CPU_INTERRUPT_NMI;
    ck_assert(x86_cpu_exec_interrupt(env, env->interrupt_request));
    ck_assert_uint_eq(env->eip, 0x7200);
    ck_assert_uint_ne(env->hflags2 & HF2_NMI_MASK, 0);
    env->interrupt_request = CPU_INTERRUPT_NMI;
    ck_assert(!x86_cpu_exec_interrupt(env, env->interrupt_request));
    NO_EXC(helper_iret_protected(env, 1, 0x7201));
    ck_assert_uint_eq(env->hflags2 & HF2_NMI_MASK, 0);
    ck_assert_uint_eq(env->eip, 0x7100);
}
END_TEST

/* ---- segment loads -------------------------------------------------------- */

START_TEST(test_load_seg)
{
    enter_pmode();
    EXPECT_EXC(helper_load_seg(env, R_SS, 0), EXCP0D_GPF, 0);
    NO_EXC(helper_load_seg(env, R_DS, 3));
    ck_assert_uint_eq(env->segs[R_DS].selector, 3);
    ck_assert_uint_eq(env->segs[R_DS].flags, 0);
    EXPECT_EXC(helper_load_seg(env, R_DS, SEL_NPDATA), EXCP0B_NOSEG, SEL_NPDATA);
    EXPECT_EXC(helper_load_seg(env, R_SS, SEL_NPDATA), EXCP0C_STACK, SEL_NPDATA);
    EXPECT_EXC(helper_load_seg(env, R_SS, SEL_CODE0), EXCP0D_GPF, SEL_CODE0);
    EXPECT_EXC(helper_load_seg(env, R_SS, SEL_DATA3), EXCP0D_GPF, SEL_DATA3 & 0xfffc);
    EXPECT_EXC(helper_load_seg(env, R_DS, 0x800), EXCP0D_GPF, 0x800);    /* > limit */
    EXPECT_EXC(helper_load_seg(env, R_DS, SEL_TSS1), EXCP0D_GPF, SEL_TSS1);
    /* the accessed bit gets set */
    ck_assert_uint_eq(desc_e2(SEL_DATA0A) & DESC_A_MASK, 0);
    NO_EXC(helper_load_seg(env, R_ES, SEL_DATA0A));
    ck_assert_uint_ne(desc_e2(SEL_DATA0A) & DESC_A_MASK, 0);
    ck_assert_uint_eq(env->segs[R_ES].base, 0x100);
    ck_assert_uint_eq(env->segs[R_ES].limit, 0xffffffff);
    ck_assert_uint_ne(env->hflags & HF_ADDSEG_MASK, 0);
    /* CPL 3: DPL 0 data refused, conforming code accepted */
    to_ring3();
    EXPECT_EXC(helper_load_seg(env, R_DS, SEL_DATA0), EXCP0D_GPF, SEL_DATA0);
    NO_EXC(helper_load_seg(env, R_DS, SEL_CONF0));
    NO_EXC(helper_load_seg(env, R_SS, SEL_DATA3));
}
END_TEST

START_TEST(test_lldt)
{
    enter_pmode();
    wr32(LDT_BASE + 8, 0x0000ffff);
    wr32(LDT_BASE + 12, 0x00cff300);    /* flat ring-3 data */
    NO_EXC(helper_lldt(env, SEL_LDT));
    ck_assert_uint_eq(env->ldt.base, LDT_BASE);
    ck_assert_uint_eq(env->ldt.limit, 0xf);
    NO_EXC(helper_load_seg(env, R_FS, 0x0f));   /* LDT entry 1, RPL 3 */
    ck_assert_uint_eq(env->segs[R_FS].limit, 0xffffffff);
    EXPECT_EXC(helper_load_seg(env, R_FS, 0x17), EXCP0D_GPF, 0x14);    /* > LDT limit */
    EXPECT_EXC(helper_lldt(env, SEL_DATA0), EXCP0D_GPF, SEL_DATA0);
    NO_EXC(helper_lldt(env, 0));
    ck_assert_uint_eq(env->ldt.selector, 0);
    ck_assert_uint_eq(env->ldt.limit, 0);
    ck_assert_uint_ne(env->ldt.flags, 0);       /* QEMU keeps them */
}
END_TEST

/* ---- far transfers ---------------------------------------------------------- */

START_TEST(test_ljmp_and_lcall_direct)
{
    enter_pmode();
    env->eip = 0x4000;
    NO_EXC(helper_ljmp_protected(env, SEL_CODE16, 0x1234, 0x4007));
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE16);
    ck_assert_uint_eq(env->segs[R_CS].base, 0x10000);
    ck_assert_uint_eq(env->hflags & HF_CS32_MASK, 0);
    ck_assert_uint_eq(env->eip, 0x1234);
    EXPECT_EXC(helper_ljmp_protected(env, SEL_CODE16, 0x10000, 0), EXCP0D_GPF, 0);
    EXPECT_EXC(helper_ljmp_protected(env, SEL_DATA0, 0, 0), EXCP0D_GPF, SEL_DATA0);
    EXPECT_EXC(helper_ljmp_protected(env, 0, 0, 0), EXCP0D_GPF, 0);

    /* a far CALL past the limit: #GP(selector), after the pushes */
    env->regs[R_ESP] = 0x8800;
    EXPECT_EXC(helper_lcall_protected(env, SEL_CODE16, 0x10000, 1, 0x99), EXCP0D_GPF,
               SEL_CODE16);
    ck_assert_uint_eq(env->regs[R_ESP], 0x8800);
    ck_assert_uint_eq(rd32(0x8800 - 8), 0x99);
    NO_EXC(helper_lcall_protected(env, SEL_CODE0, 0x5555, 1, 0x1239));
    ck_assert_uint_eq(env->regs[R_ESP], 0x8800 - 8);
    ck_assert_uint_eq(rd32(0x8800 - 4), SEL_CODE16);
    ck_assert_uint_eq(rd32(0x8800 - 8), 0x1239);
    ck_assert_uint_eq(env->eip, 0x5555);
    ck_assert_uint_ne(env->hflags & HF_CS32_MASK, 0);
    NO_EXC(helper_lret_protected(env, 1, 4));
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE16);
    ck_assert_uint_eq(env->eip, 0x1239);
    ck_assert_uint_eq(env->regs[R_ESP], 0x8800 + 4);
}
END_TEST

START_TEST(test_call_gate_inner)
{
    enter_pmode();
    to_ring3();
    wr32(USTACK, 0x1111);           /* param 0 */
    wr32(USTACK + 4, 0x2222);       /* param 1 */
    NO_EXC(helper_lcall_protected(env, SEL_CGATE, 0, 1, 0x4007));
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 0);
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE0);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_DATA0);
    ck_assert_uint_eq(env->eip, 0x5000);
    ck_assert_uint_eq(env->regs[R_ESP], KSTACK - 24);
    ck_assert_uint_eq(rd32(KSTACK - 4), SEL_DATA3);
    ck_assert_uint_eq(rd32(KSTACK - 8), USTACK);
    ck_assert_uint_eq(rd32(KSTACK - 12), 0x2222);
    ck_assert_uint_eq(rd32(KSTACK - 16), 0x1111);
    ck_assert_uint_eq(rd32(KSTACK - 20), SEL_CODE3);
    ck_assert_uint_eq(rd32(KSTACK - 24), 0x4007);

    /* RETF 8 back to ring 3; DS (DPL 3) survives */
    NO_EXC(helper_lret_protected(env, 1, 8));
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE3);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_DATA3);
    ck_assert_uint_eq(env->regs[R_ESP], USTACK + 8);
    ck_assert_uint_eq(env->eip, 0x4007);
    ck_assert_uint_eq(env->segs[R_DS].selector, SEL_DATA3);
}
END_TEST

START_TEST(test_retf_outer_nulls_data_segments)
{
    enter_pmode();
    /* ring-0 stack holding a RETF frame to ring 3 */
    env->regs[R_ESP] = 0x8800;
    wr32(0x8800, 0x4010);
    wr32(0x8804, SEL_CODE3);
    wr32(0x8808, USTACK);
    wr32(0x880c, SEL_DATA3);
    load_seg(R_ES, SEL_DATA0);
    load_seg(R_FS, SEL_DATA3);
    cpu_x86_load_seg_cache(env, R_GS, 0, 0, 0, 0);
    NO_EXC(helper_lret_protected(env, 1, 0));
    ck_assert_uint_eq(env->segs[R_ES].selector, 0);              /* DPL 0 < 3 */
    ck_assert_uint_eq(env->segs[R_ES].flags & DESC_P_MASK, 0);
    ck_assert_uint_eq(env->segs[R_ES].limit, 0xffffffff);       /* kept */
    ck_assert_uint_eq(env->segs[R_FS].selector, SEL_DATA3);
    /* returning inwards is refused */
    wr32(0x8000, 0x1);
    wr32(0x8004, SEL_CODE0);
    env->regs[R_ESP] = 0x8000;
    EXPECT_EXC(helper_lret_protected(env, 1, 0), EXCP0D_GPF, SEL_CODE0);
}
END_TEST

/* ---- V86 ------------------------------------------------------------------ */

START_TEST(test_v86_enter_and_interrupt)
{
    uint32_t sp = 0x8800;

    enter_pmode();
    env->regs[R_ESP] = sp;
    wr32(sp + 0, 0x0100);                   /* EIP */
    wr32(sp + 4, 0x2000);                   /* CS */
    wr32(sp + 8, VM_MASK | IF_MASK | 0x3002);   /* EFLAGS, IOPL 3 */
    wr32(sp + 12, 0xfffe);                  /* ESP */
    wr32(sp + 16, 0x3000);                  /* SS */
    wr32(sp + 20, 0x4000);                  /* ES */
    wr32(sp + 24, 0x5000);                  /* DS */
    wr32(sp + 28, 0x6000);                  /* FS */
    wr32(sp + 32, 0x7000);                  /* GS */
    NO_EXC(helper_iret_protected(env, 1, 0));
    ck_assert_uint_ne(env->eflags & VM_MASK, 0);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    ck_assert_uint_eq(env->segs[R_CS].base, 0x20000);
    ck_assert_uint_eq(env->segs[R_CS].limit, 0xffff);
    ck_assert_uint_eq(env->segs[R_GS].selector, 0x7000);
    ck_assert_uint_eq(env->segs[R_SS].flags,
                      DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK | (3u << 13));
    ck_assert_uint_eq(env->eip, 0x100);
    ck_assert_uint_eq(env->regs[R_ESP], 0xfffe);
    ck_assert_uint_eq(env->hflags & HF_CS32_MASK, 0);
    ck_assert_uint_ne(env->hflags & HF_ADDSEG_MASK, 0);

    /* INT 80h from V86 through a DPL-3 trap gate to ring 0 */
    EXPECT_EXC(raise_interrupt(env, 0x80, 1, 0, 2), 0x80, 0);
    deliver();
    ck_assert_uint_eq(env->eflags & VM_MASK, 0);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 0);
    ck_assert_uint_eq(env->regs[R_ESP], KSTACK - 36);
    ck_assert_uint_eq(rd32(KSTACK - 4), 0x7000);    /* GS */
    ck_assert_uint_eq(rd32(KSTACK - 8), 0x6000);    /* FS */
    ck_assert_uint_eq(rd32(KSTACK - 12), 0x5000);   /* DS */
    ck_assert_uint_eq(rd32(KSTACK - 16), 0x4000);   /* ES */
    ck_assert_uint_eq(rd32(KSTACK - 20), 0x3000);   /* SS */
    ck_assert_uint_eq(rd32(KSTACK - 24), 0xfffe);   /* ESP */
    ck_assert_uint_ne(rd32(KSTACK - 28) & VM_MASK, 0);
    ck_assert_uint_eq(rd32(KSTACK - 32), 0x2000);   /* CS */
    ck_assert_uint_eq(rd32(KSTACK - 36), 0x102);    /* EIP */
    ck_assert_uint_eq(env->segs[R_DS].selector, 0);
    ck_assert_uint_eq(env->segs[R_DS].flags, 0);
    ck_assert_uint_eq(env->segs[R_GS].selector, 0);

    /* and IRETD back to V86 */
    NO_EXC(helper_iret_protected(env, 1, 0));
    ck_assert_uint_ne(env->eflags & VM_MASK, 0);
    ck_assert_uint_eq(env->segs[R_DS].base, 0x50000);
    ck_assert_uint_eq(env->eip, 0x102);
}
END_TEST

START_TEST(test_v86_int_to_same_ring_gp)
{
    enter_pmode();
    /* a gate to a conforming segment from V86 is a same-ring entry: #GP */
    set_gate(IDT_BASE + 0x80 * 8, SEL_CONF0, 0x7000, 15, 3, 0);
    env->eflags |= VM_MASK;
    load_seg_vm(env, R_CS, 0x2000);
    load_seg_vm(env, R_SS, 0x3000);
    env->exception_index = 0x80;
    env->exception_is_int = 1;
    EXPECT_EXC(x86_cpu_do_interrupt(env), EXCP0D_GPF, SEL_CONF0);
}
END_TEST

/* ---- tasks ------------------------------------------------------------------- */

static void fill_tss2(uint32_t eip, uint32_t cs)
{
    wr32(TSS2 + 0x20, eip);
    wr32(TSS2 + 0x24, 0x2 | CC_C);
    for (int i = 0; i < 8; i++) {
        wr32(TSS2 + 0x28 + i * 4, 0x100 + i);
    }
    wr32(TSS2 + 0x38, 0x8900);          /* ESP */
    for (int i = 0; i < 6; i++) {
        wr16(TSS2 + 0x48 + i * 4, SEL_DATA0);
    }
    wr16(TSS2 + 0x4c, cs);
    wr16(TSS2 + 0x60, 0);
}

START_TEST(test_task_switch_jmp_call_iret)
{
    enter_pmode();
    fill_tss2(0x5100, SEL_CODE0);
    env->regs[R_EAX] = 0xaaaa;
    env->eip = 0x4000;
    NO_EXC(helper_ljmp_protected(env, SEL_TSS2, 0, 0x4007));
    ck_assert_uint_eq(env->tr.selector, SEL_TSS2);
    ck_assert_uint_eq((desc_e2(SEL_TSS1) >> 8) & 0xf, 9);      /* not busy */
    ck_assert_uint_eq((desc_e2(SEL_TSS2) >> 8) & 0xf, 11);     /* busy */
    ck_assert_uint_eq(rd32(TSS1 + 0x20), 0x4007);
    ck_assert_uint_eq(rd32(TSS1 + 0x28), 0xaaaa);
    ck_assert_uint_eq(env->eip, 0x5100);
    ck_assert_uint_eq(env->regs[R_EAX], 0x100);
    ck_assert_uint_eq(env->regs[R_ESP], 0x8900);
    ck_assert_uint_eq(cpu_compute_eflags(env), 0x2 | CC_C);
    ck_assert_uint_ne(env->cr[0] & CR0_TS_MASK, 0);
    ck_assert_uint_ne(env->hflags & HF_TS_MASK, 0);

    /* CALL to TSS1 nests: back link, NT, both busy */
    wr32(TSS1 + 0x20, 0x6600);
    wr16(TSS1 + 0x4c, SEL_CODE0);
    wr16(TSS1 + 0x50, SEL_DATA0);
    NO_EXC(helper_lcall_protected(env, SEL_TSS1, 0, 1, 0x5107));
    ck_assert_uint_eq(env->tr.selector, SEL_TSS1);
    ck_assert_uint_eq(rd16(TSS1), SEL_TSS2);
    ck_assert_uint_ne(env->eflags & NT_MASK, 0);
    ck_assert_uint_eq((desc_e2(SEL_TSS2) >> 8) & 0xf, 11);
    ck_assert_uint_eq(env->eip, 0x6600);

    /* IRET with NT returns to TSS2 */
    NO_EXC(helper_iret_protected(env, 1, 0x6601));
    ck_assert_uint_eq(env->tr.selector, SEL_TSS2);
    ck_assert_uint_eq(env->eip, 0x5107);
    ck_assert_uint_eq((desc_e2(SEL_TSS1) >> 8) & 0xf, 9);
    ck_assert_uint_eq(rd32(TSS1 + 0x24) & NT_MASK, 0);          /* saved without NT */
}
END_TEST

START_TEST(test_task_gate_interrupt_error_code)
{
    enter_pmode();
    fill_tss2(0x5100, SEL_CODE0);
    set_gate(IDT_BASE + 0x0d * 8, SEL_TSS2, 0, 5, 0, 0);
    env->eip = 0x4000;
    EXPECT_EXC(raise_exception_err(env, EXCP0D_GPF, 0x1234), EXCP0D_GPF, 0x1234);
    deliver();
    ck_assert_uint_eq(env->tr.selector, SEL_TSS2);
    ck_assert_uint_eq(env->eip, 0x5100);
    ck_assert_uint_eq(rd32(TSS1 + 0x20), 0x4000);       /* the faulting EIP */
    ck_assert_uint_eq(rd16(TSS2), SEL_TSS1);            /* back link */
    ck_assert_uint_eq(env->regs[R_ESP], 0x8900 - 4);
    ck_assert_uint_eq(rd32(0x8900 - 4), 0x1234);
}
END_TEST

START_TEST(test_task_switch_fault_restores_eip)
{
    enter_pmode();
    fill_tss2(0x5000, 0);               /* null CS: #TS in the new task */
    env->eip = 0x4123;
    EXPECT_EXC(helper_ljmp_protected(env, SEL_TSS2, 0, 0x412a), EXCP0A_TSS, 0);
    /* the new task is loaded, but EIP is QEMU's PC-relative restore:
     * page of the new EIP, page offset of the JMP */
    ck_assert_uint_eq(env->tr.selector, SEL_TSS2);
    ck_assert_uint_eq(env->eip, 0x5123);
    ck_assert_uint_eq(env->regs[R_EAX], 0x100);

    /* a fault before the switch commits leaves EIP alone */
    enter_pmode();
    env->eip = 0x4123;
    set_desc(SEL_TSS2, TSS2, 0x20, 9, 0, 0, true, 0);   /* limit too small */
    EXPECT_EXC(helper_ljmp_protected(env, SEL_TSS2, 0, 0x412a), EXCP0A_TSS, SEL_TSS2);
    ck_assert_uint_eq(env->eip, 0x4123);
}
END_TEST

START_TEST(test_task_switch_16bit)
{
    enter_pmode();
    wr16(TSS16 + 0x0e, 0x7777);         /* IP */
    wr16(TSS16 + 0x10, 0x0002);
    for (int i = 0; i < 8; i++) {
        wr16(TSS16 + 0x12 + i * 2, 0x10 + i);
    }
    wr16(TSS16 + 0x22, SEL_DATA0);      /* ES */
    wr16(TSS16 + 0x24, SEL_CODE0);      /* CS */
    wr16(TSS16 + 0x26, SEL_DATA0);      /* SS */
    wr16(TSS16 + 0x28, SEL_DATA0);      /* DS */
    env->regs[R_EBX] = 0x12340000;
    NO_EXC(helper_ljmp_protected(env, SEL_TSS16, 0, 0x4007));
    ck_assert_uint_eq(env->eip, 0x7777);
    ck_assert_uint_eq(env->regs[R_EBX], 0x12340013);     /* high half kept */
    ck_assert_uint_eq(env->segs[R_FS].selector, 0);
    ck_assert_uint_eq((env->tr.flags >> 8) & 0xf, 1);
}
END_TEST

/* ---- LAR/LSL/VERR/VERW -------------------------------------------------------- */

START_TEST(test_lar_lsl_verr_verw)
{
    uint32_t v;

    enter_pmode();
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = CC_C;
    v = helper_lar(env, SEL_CODE0);
    ck_assert_uint_eq(env->cc_src, CC_C | CC_Z);
    ck_assert_int_eq(env->cc_op, CC_OP_EFLAGS);
    ck_assert_uint_eq(v, desc_e2(SEL_CODE0) & 0x00f0ff00);
    ck_assert_uint_eq(helper_lsl(env, SEL_CODE0), 0xffffffff);
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
    ck_assert_uint_eq(helper_lsl(env, SEL_CGATE), 0);       /* gate: not for LSL */
    ck_assert_uint_eq(env->cc_src, CC_C);
    helper_lar(env, SEL_CGATE);
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
    helper_lar(env, SEL_NPDATA);                            /* P not checked */
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
    helper_lar(env, 0x800);
    ck_assert_uint_eq(env->cc_src & CC_Z, 0);
    helper_verr(env, SEL_CODE0);
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
    helper_verw(env, SEL_CODE0);
    ck_assert_uint_eq(env->cc_src & CC_Z, 0);
    helper_verw(env, SEL_DATA0);
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
    to_ring3();
    helper_verw(env, SEL_DATA0);
    ck_assert_uint_eq(env->cc_src & CC_Z, 0);
    helper_verr(env, SEL_CONF0);
    ck_assert_uint_eq(env->cc_src & CC_Z, CC_Z);
}
END_TEST

START_TEST(test_sysenter_sysexit)
{
    enter_pmode();
    to_ring3();
    EXPECT_EXC(helper_sysenter(env), EXCP0D_GPF, 0);
    env->sysenter_cs = SEL_CODE0;
    env->sysenter_esp = 0x9999;
    env->sysenter_eip = 0x1111;
    env->eflags |= IF_MASK;
    NO_EXC(helper_sysenter(env));
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 0);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_DATA0);
    ck_assert_uint_eq(env->eip, 0x1111);
    ck_assert_uint_eq(env->eflags & IF_MASK, 0);
    env->regs[R_ECX] = 0x7000;
    env->regs[R_EDX] = 0x4444;
    NO_EXC(helper_sysexit(env, 1));
    ck_assert_uint_eq(env->segs[R_CS].selector, SEL_CODE0 + 16 + 3);
    ck_assert_uint_eq(env->segs[R_SS].selector, SEL_CODE0 + 24 + 3);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    ck_assert_uint_eq(env->eip, 0x4444);
    ck_assert_uint_eq(env->regs[R_ESP], 0x7000);
    EXPECT_EXC(helper_sysexit(env, 1), EXCP0D_GPF, 0);
}
END_TEST

static Suite *seg_suite(void)
{
    Suite *s = suite_create("seg_helper");
    TCase *tc = tcase_create("seg");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_raise_interrupt_fields);
    tcase_add_test(tc, test_double_and_triple_fault);
    tcase_add_test(tc, test_real_mode_int_and_iret);
    tcase_add_test(tc, test_real_mode_ivt_limit);
    tcase_add_test(tc, test_lcall_real);
    tcase_add_test(tc, test_ltr_busy);
    tcase_add_test(tc, test_int_from_ring3_trap_gate);
    tcase_add_test(tc, test_gp_error_code_and_log);
    tcase_add_test(tc, test_int_gate_dpl_and_not_present);
    tcase_add_test(tc, test_286_gate_offset);
    tcase_add_test(tc, test_hardware_interrupt);
    tcase_add_test(tc, test_load_seg);
    tcase_add_test(tc, test_lldt);
    tcase_add_test(tc, test_ljmp_and_lcall_direct);
    tcase_add_test(tc, test_call_gate_inner);
    tcase_add_test(tc, test_retf_outer_nulls_data_segments);
    tcase_add_test(tc, test_v86_enter_and_interrupt);
    tcase_add_test(tc, test_v86_int_to_same_ring_gp);
    tcase_add_test(tc, test_task_switch_jmp_call_iret);
    tcase_add_test(tc, test_task_gate_interrupt_error_code);
    tcase_add_test(tc, test_task_switch_fault_restores_eip);
    tcase_add_test(tc, test_task_switch_16bit);
    tcase_add_test(tc, test_lar_lsl_verr_verw);
    tcase_add_test(tc, test_sysenter_sysexit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(seg_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
