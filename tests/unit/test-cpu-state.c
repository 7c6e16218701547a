/*
 * The x86 CPU state against QEMU 7.2 (qemu-system-i386, CPU qemu32):
 * reset state and its dumps, CPUID and MSRs, the page walk, control and
 * debug registers, port I/O helpers.
 *
 * Ground truth in tests/unit/data (all recorded from Debian 12's QEMU 7.2
 * on the reference machine of ../shared/design.md):
 *  - qemu-reset-info-registers.txt: `info registers` at reset, without
 *    the monitor's "CPU#0" line;
 *  - qemu-reset-cpu-reset-log.txt: the "-d cpu_reset" dump of the second
 *    reset at start-up (the state the first one left);
 *  - qemu-reset-d-cpu.txt, qemu-paging-d-cpu.txt: "-d cpu" blocks (the
 *    first instruction after reset; just after paging was enabled by
 *    ptw-probe.asm);
 *  - cpu-probe.asm / cpu-probe.txt: CPUID leaves and RDMSR values;
 *  - ptw-probe.asm / ptw-probe.txt: page-walk results (A/D bits, #PF
 *    error codes and CR2) that the page-walk tests below replay;
 *  - misc-probe.asm / misc-probe.txt: I/O breakpoint #DB (EIP, DR6),
 *    RDPMC and MOV CR1 #UD, DR4/DR5 aliasing, DR6/DR7 fixed bits, LMSW.
 *    The probes are 64 KiB BIOS images (nasm -f bin) printing to
 *    isa-debugcon at 0x402; run them with -bios on both emulators.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/memtest.h"
#include "cpu/cpu.h"
#include "cpu/misc_helper.h"
#include "cpu/excp_helper.h"
#include "accel/tcg/cputlb.h"

/* ---- fixture ------------------------------------------------------------- */

#define RAM_SIZE (16u << 20)

static CPUX86State *env;
static MemoryRegion *ram;
static uint8_t *ramp;
static MemtestDev *iodev;

static const MemoryRegionOps io_ops = {
    .read_with_attrs = memtest_dev_read_attrs,
    .write_with_attrs = memtest_dev_write_attrs,
};

static void setup(void)
{
    MemoryRegion *sys, *io;
    AddressSpace *as, *io_as;

    memtest_setup();
    sys = memtest_container("system", UINT64_MAX);
    ram = memtest_ram("ram", RAM_SIZE);
    memtest_add(sys, 0, ram, 0);
    as = memtest_as(sys, "cpu-memory-0");
    io = memtest_container("io", 0x10000);
    iodev = memtest_dev_new("iodev");
    memtest_add(io, 0x400, memtest_io("iodev", 0x10, &io_ops, iodev), 0);
    io_as = memtest_as(io, "I/O");
    env = x86_cpu_new(as, NULL, io_as);
    ramp = memory_region_get_ram_ptr(ram);
}

static void teardown(void)
{
    x86_cpu_free(env);
    env = NULL;
    memtest_teardown();
}

/* tests/unit/data/NAME, from the source tree or next to the test binary. */
static char *load_data(const char *name)
{
    char *srcdir = g_path_get_dirname(__FILE__);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *exedir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    char *paths[] = {
        g_build_filename("tests", "unit", "data", name, NULL),
        g_build_filename(srcdir, "data", name, NULL),
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
    ck_assert_msg(text != NULL, "cannot read tests/unit/data/%s", name);
    return memtest_gc(text);
}

static char *dump(int flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    ck_assert_ptr_nonnull(f);
    x86_cpu_dump_state(env, f, flags);
    fclose(f);
    return memtest_gc(buf);
}

#define assert_text(actual, expected) do {                                    \
        const char *a_ = (actual), *e_ = (expected);                          \
        ck_assert_msg(strcmp(a_, e_) == 0, "got:\n%s\nexpected:\n%s", a_, e_);  \
    } while (0)

static void wr32(hwaddr pa, uint32_t v)
{
    memcpy(ramp + pa, &v, 4);
}

static uint32_t rd32(hwaddr pa)
{
    uint32_t v;
    memcpy(&v, ramp + pa, 4);
    return v;
}

static void wr64(hwaddr pa, uint64_t v)
{
    memcpy(ramp + pa, &v, 8);
}

/*
 * Run one access (or helper call) and report the exception it raised:
 * -1 if none, else the vector; *err gets the error code.
 */
enum { LOAD, STORE, FETCH };
static volatile uint32_t access_val;

static int try_access(int kind, uint32_t addr, uint32_t val, int *err)
{
    env->exception_index = EXCP_NONE;
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        switch (kind) {
        case LOAD:
            access_val = cpu_ldl_data(env, addr);
            break;
        case STORE:
            cpu_stl_data(env, addr, val);
            break;
        default:
            access_val = cpu_ldub_code(env, addr);
            break;
        }
        return -1;
    }
    *err = env->error_code;
    return env->exception_index;
}

/* A #PF with this error code and CR2. */
#define assert_pf(kind, addr, val, ec, cr2) do {                              \
        int e_ = -1, v_ = try_access(kind, addr, val, &e_);                   \
        ck_assert_msg(v_ == EXCP0E_PAGE, "vector %d, expected #PF", v_);       \
        ck_assert_msg(e_ == (ec), "error code %#x, expected %#x", e_, (ec));  \
        ck_assert_uint_eq(env->cr[2], (cr2));                                 \
    } while (0)

#define assert_ok(kind, addr, val) do {                                       \
        int e_ = -1, v_ = try_access(kind, addr, val, &e_);                   \
        ck_assert_msg(v_ == -1, "vector %d (error code %#x) at %#x", v_, e_,  \
                      (unsigned)(addr));                                      \
    } while (0)

/* ---- reset and dumps -------------------------------------------------------- */

START_TEST(test_reset_info_registers)
{
    assert_text(dump(CPU_DUMP_FPU), load_data("qemu-reset-info-registers.txt"));
}
END_TEST

/* "-d cpu_reset": QEMU logs the state (FPU and CCOP) as each reset
 * begins; the second reset at start-up shows the first one's result. */
START_TEST(test_reset_cpu_reset_log)
{
    assert_text(dump(CPU_DUMP_FPU | CPU_DUMP_CCOP), load_data("qemu-reset-cpu-reset-log.txt"));
}
END_TEST

/* The first "-d cpu" block: cpu_exec entered (exec_enter), nothing run. */
START_TEST(test_reset_d_cpu)
{
    x86_cpu_exec_enter(env);
    assert_text(dump(CPU_DUMP_CCOP), load_data("qemu-reset-d-cpu.txt"));
}
END_TEST

START_TEST(test_reset_fields)
{
    /* Fields the dumps do not show. */
    ck_assert_uint_eq(env->hflags, HF_ADDSEG_MASK);
    ck_assert_uint_eq(env->hflags2 & HF2_GIF_MASK, HF2_GIF_MASK);
    ck_assert_int_eq(env->mmu_idx, MMU_KERNEL_IDX);
    ck_assert_int_eq(env->exception_index, -1);
    ck_assert_int_eq(env->old_exception, -1);
    ck_assert_uint_eq(env->smbase, 0x30000);
    ck_assert_uint_eq(env->a20_mask, 0xffffffff);
    ck_assert_uint_eq(env->pat, 0x0007040600070406ULL);
    ck_assert_uint_eq(env->apic_base, 0xfee00900);
    ck_assert_int_eq(env->df, 1);
    ck_assert(!env->halted);

    /* A reset undoes what the guest changed. */
    env->regs[R_EAX] = 1;
    cpu_x86_update_cr0(env, 0x80000011);
    cpu_x86_set_cpl(env, 3);
    env->dr[7] = 0x455;
    x86_cpu_reset(env);
    assert_text(dump(CPU_DUMP_FPU), load_data("qemu-reset-info-registers.txt"));
    ck_assert_uint_eq(env->hflags, HF_ADDSEG_MASK);
    ck_assert_int_eq(env->mmu_idx, MMU_KERNEL_IDX);
}
END_TEST

/* QEMU's "-d cpu" block right after ptw-probe.asm enabled paging. */
START_TEST(test_paging_d_cpu)
{
    env->regs[R_EAX] = 0xe0000011;
    env->regs[R_ECX] = 0;
    env->regs[R_ESI] = 0x000f0839;
    env->regs[R_EDI] = 0x00012000;
    env->regs[R_ESP] = 0x7000;
    env->gdt.base = 0xf0a08;
    env->gdt.limit = 0x17;
    env->idt.base = 0x500;
    env->idt.limit = 0xff;
    cpu_x86_update_cr0(env, 0x60000011);
    cpu_x86_load_seg_cache(env, R_CS, 0x08, 0, 0xffffffff, 0x00cf9a00);
    for (int s = R_ES; s <= R_GS; s++) {
        if (s != R_CS) {
            cpu_x86_load_seg_cache(env, s, 0x10, 0, 0xffffffff, 0x00cf9300);
        }
    }
    env->eip = 0x000f0105;
    cpu_x86_update_cr3(env, 0x10000);
    cpu_x86_update_cr4(env, CR4_PSE_MASK);
    cpu_x86_update_cr0(env, 0xe0000011);
    env->cc_op = CC_OP_LOGICL;
    env->cc_dst = 0xe0000011;
    env->cc_src = 4;
    assert_text(dump(CPU_DUMP_CCOP), load_data("qemu-paging-d-cpu.txt"));
    ck_assert_uint_eq(env->hflags & (HF_CS32_MASK | HF_SS32_MASK | HF_ADDSEG_MASK | HF_PE_MASK),
                      HF_CS32_MASK | HF_SS32_MASK | HF_PE_MASK);
}
END_TEST

START_TEST(test_dump_details)
{
    char *s;

    /* QEMU's cc_op_str has no name for CC_OP_POPCNT. */
    env->cc_op = CC_OP_POPCNT;
    s = dump(CPU_DUMP_CCOP);
    ck_assert_ptr_nonnull(strstr(s, "CCS=00000000 CCD=00000000 CCO=(null)\n"));
    env->cc_op = 99;
    s = dump(CPU_DUMP_CCOP);
    ck_assert_ptr_nonnull(strstr(s, "CCO=[99]\n"));
    env->cc_op = CC_OP_EFLAGS;

    /* Protected-mode type names. */
    cpu_x86_update_cr0(env, 0x60000011);
    cpu_x86_load_seg_cache(env, R_FS, 0x1b, 0x1000, 0xfff, 0x0040ff00);  /* code, conforming */
    cpu_x86_load_seg_cache(env, R_GS, 0x23, 0, 0xffff, 0x0000f700);      /* data, expand down */
    env->ldt.flags = 0x00000200;                                           /* not present */
    env->tr.flags = 0x00008300;                                            /* TSS16-busy */
    s = dump(0);
    ck_assert_ptr_nonnull(strstr(s, "FS =001b 00001000 00000fff 0040ff00 DPL=3 CS32 [CRA]\n"));
    ck_assert_ptr_nonnull(strstr(s, "GS =0023 00000000 0000ffff 0000f700 DPL=3 DS16 [EWA]\n"));
    ck_assert_ptr_nonnull(strstr(s, "LDT=0000 00000000 0000ffff 00000200\n"));
    ck_assert_ptr_nonnull(strstr(s, "TR =0000 00000000 0000ffff 00008300 DPL=0 TSS16-busy\n"));
    ck_assert_ptr_null(strstr(s, "CCS="));
    ck_assert_ptr_null(strstr(s, "FCW="));
}
END_TEST

/* CPU_DUMP_CODE: 50 bytes around CS:EIP, the current one in <>. */
START_TEST(test_dump_code)
{
    char *s;

    for (int i = 0; i < 0x100; i++) {
        ramp[0x1000 + i] = (uint8_t)i;
    }
    cpu_x86_load_seg_cache(env, R_CS, 0x100, 0x1000, 0xffff, 0x9b00);
    env->eip = 0x30;
    s = dump(CPU_DUMP_CODE);
    ck_assert_ptr_nonnull(strstr(s, "Code=1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f "
                                    "<30> 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f 40 41 42 43 "
                                    "44 45 46 47 48 49 4a 4b 4c 4d\n"));
    env->eip = 2;
    s = dump(CPU_DUMP_CODE);
    ck_assert_ptr_nonnull(strstr(s, "Code=00 01 <02> 03"));
    /* unassigned memory: "??" */
    cpu_x86_load_seg_cache(env, R_CS, 0, 0xfffffff0, 0xffff, 0x9b00);
    env->eip = 0;
    s = dump(CPU_DUMP_CODE);
    ck_assert_ptr_nonnull(strstr(s, "Code=<\?\?> \?\? \?\?"));
}
END_TEST

/* ---- hflags ------------------------------------------------------------------ */

START_TEST(test_hflags_seg)
{
    /* Real mode: ADDSEG always. */
    cpu_x86_load_seg_cache(env, R_DS, 0, 0, 0xffff, 0x9300);
    ck_assert(env->hflags & HF_ADDSEG_MASK);

    /* Protected mode, 32-bit CS, zero bases: no ADDSEG. */
    cpu_x86_update_cr0(env, 0x60000011);
    ck_assert(env->hflags & HF_PE_MASK);
    ck_assert(env->hflags & HF_ADDSEG_MASK);   /* update_cr0 only ever sets it */
    cpu_x86_load_seg_cache(env, R_CS, 8, 0, 0xffffffff, 0x00cf9b00);
    ck_assert(env->hflags & HF_CS32_MASK);
    cpu_x86_load_seg_cache(env, R_SS, 0x10, 0, 0xffffffff, 0x00cf9300);
    ck_assert(env->hflags & HF_SS32_MASK);
    ck_assert(!(env->hflags & HF_ADDSEG_MASK));
    /* a nonzero DS base sets it again */
    cpu_x86_load_seg_cache(env, R_DS, 0x10, 0x100, 0xffffffff, 0x00cf9300);
    ck_assert(env->hflags & HF_ADDSEG_MASK);
    /* FS/GS bases do not count */
    cpu_x86_load_seg_cache(env, R_DS, 0x10, 0, 0xffffffff, 0x00cf9300);
    cpu_x86_load_seg_cache(env, R_FS, 0x10, 0x100, 0xffffffff, 0x00cf9300);
    ck_assert(!(env->hflags & HF_ADDSEG_MASK));

    /* CPL follows SS.DPL, and so does the MMU index. */
    cpu_x86_load_seg_cache(env, R_SS, 0x23, 0, 0xffffffff, 0x00cff300);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    ck_assert_int_eq(env->mmu_idx, MMU_USER_IDX);
    cpu_x86_load_seg_cache(env, R_CS, 0x1b, 0, 0xffffffff, 0x00cffb00);
    ck_assert_uint_eq(env->hflags & HF_CPL_MASK, 3);
    cpu_x86_set_cpl(env, 0);
    ck_assert_int_eq(env->mmu_idx, MMU_KERNEL_IDX);

    /* 16-bit CS: ADDSEG */
    cpu_x86_load_seg_cache(env, R_CS, 8, 0, 0xffff, 0x9b00);
    ck_assert(!(env->hflags & HF_CS32_MASK));
    ck_assert(env->hflags & HF_ADDSEG_MASK);
    env->segs[R_CS].flags = 0x00cf9b00;
    x86_update_hflags_seg(env);
    ck_assert(env->hflags & HF_CS32_MASK);
    ck_assert(!(env->hflags & HF_ADDSEG_MASK));
}
END_TEST

START_TEST(test_cr_updates)
{
    uint32_t flushes;

    /* CR0: MP/EM/TS mirrored, ET forced. */
    cpu_x86_update_cr0(env, 0x0000000e);
    ck_assert_uint_eq(env->cr[0], 0x0000001e);
    ck_assert_uint_eq(env->hflags & (HF_MP_MASK | HF_EM_MASK | HF_TS_MASK),
                      HF_MP_MASK | HF_EM_MASK | HF_TS_MASK);
    helper_clts(env);
    ck_assert_uint_eq(env->cr[0], 0x00000016);
    ck_assert(!(env->hflags & HF_TS_MASK));

    /* TLB flushes: CR0 only on PG/WP/PE changes, CR3 only with paging,
     * CR4 on PGE/PAE/PSE. */
    flushes = env->tlb_flush_count;
    cpu_x86_update_cr0(env, 0x60000010);
    ck_assert_uint_eq(env->tlb_flush_count, flushes);
    cpu_x86_update_cr3(env, 0x1000);
    ck_assert_uint_eq(env->tlb_flush_count, flushes);
    cpu_x86_update_cr0(env, 0x60010010);
    ck_assert_uint_eq(env->tlb_flush_count, flushes + 1);
    cpu_x86_update_cr4(env, CR4_TSD_MASK);
    ck_assert_uint_eq(env->tlb_flush_count, flushes + 1);
    cpu_x86_update_cr4(env, CR4_TSD_MASK | CR4_PGE_MASK);
    ck_assert_uint_eq(env->tlb_flush_count, flushes + 2);
    cpu_x86_update_cr0(env, 0xe0010011);
    cpu_x86_update_cr3(env, 0x2000);
    ck_assert_uint_eq(env->tlb_flush_count, flushes + 4);

    /* CR4.OSFXSR mirrored in hflags. */
    cpu_x86_update_cr4(env, CR4_OSFXSR_MASK);
    ck_assert(env->hflags & HF_OSFXSR_MASK);
    cpu_x86_update_cr4(env, 0);
    ck_assert(!(env->hflags & HF_OSFXSR_MASK));

    /* LMSW: low 4 bits, PE cannot be cleared. */
    cpu_x86_update_cr0(env, 0x60000011);
    helper_lmsw(env, 0xfff0);
    ck_assert_uint_eq(env->cr[0], 0x60000011);
    helper_lmsw(env, 0x000e);
    ck_assert_uint_eq(env->cr[0], 0x6000001f);
    cpu_x86_update_cr0(env, 0x60000010);
    helper_lmsw(env, 0x0001);
    ck_assert_uint_eq(env->cr[0], 0x60000011);

    /* MOV to CR2, and from CRn */
    helper_write_crN(env, 2, 0x12345678);
    ck_assert_uint_eq(helper_read_crN(env, 2), 0x12345678);
    helper_write_crN(env, 4, CR4_PCE_MASK | (1u << 17));   /* PCIDE is writable */
    ck_assert_uint_eq(helper_read_crN(env, 4), CR4_PCE_MASK | (1u << 17));
}
END_TEST

START_TEST(test_a20)
{
    uint32_t flushes = env->tlb_flush_count;

    x86_update_a20(env, true);
    ck_assert_uint_eq(env->tlb_flush_count, flushes);
    x86_update_a20(env, false);
    ck_assert_uint_eq(env->a20_mask, 0xffefffff);
    ck_assert_uint_eq(env->tlb_flush_count, flushes + 1);
    ck_assert(env->interrupt_request & CPU_INTERRUPT_EXITTB);     /* QEMU: cpu_interrupt(EXITTB) */
    ck_assert(strstr(dump(0), " A20=0 ") != NULL);

    /* Paging off: the mask applies to the TLB fill. */
    wr32(0x000010, 0x11111111);
    wr32(0x100010, 0x22222222);
    assert_ok(LOAD, 0x100010, 0);
    ck_assert_uint_eq(access_val, 0x11111111);
    x86_update_a20(env, true);
    assert_ok(LOAD, 0x100010, 0);
    ck_assert_uint_eq(access_val, 0x22222222);
    ck_assert_uint_eq(x86_cpu_get_phys_page_debug(env, 0x100010), 0x100000);
}
END_TEST

/* Writing a CR4 bit qemu32 reserves: QEMU 7.2 takes a bogus SVM exit
 * with the VMCB at 0 (observed: an endless loop on that instruction,
 * with CR0.PE set, 0xffffffff at 0x70 and the state saved at 0x400). */
START_TEST(test_cr4_reserved_vmexit)
{
    env->regs[R_ESP] = 0x7000;
    env->regs[R_EAX] = 1u << 18;
    env->eip = 0x27;
    cpu_x86_load_seg_cache(env, R_CS, 0xf000, 0xf0000, 0xffff, 0x9b00);
    wr32(0x70, 0x11111111);
    wr32(0x74, 0x22222222);
    for (int pass = 0; pass < 2; pass++) {
        env->exception_index = 12345;
        if (sigsetjmp(env->jmp_env, 0) == 0) {
            helper_write_crN(env, 4, env->regs[R_EAX]);
            ck_abort_msg("no exit");
        }
        ck_assert_int_eq(env->exception_index, EXCP_NONE);
    }
    ck_assert_uint_eq(env->cr[0], 0x60000011);
    ck_assert_uint_eq(env->cr[4], 0);
    ck_assert_uint_eq(env->eip, 0x27);
    ck_assert_uint_eq(env->regs[R_EAX], 1u << 18);
    ck_assert_uint_eq(env->hflags2 & HF2_GIF_MASK, 0);
    ck_assert_uint_eq(rd32(0x70), 0xffffffff);
    ck_assert_uint_eq(rd32(0x74), 0);
    ck_assert_uint_eq(rd32(0x400), 0x00930000);
    ck_assert_uint_eq(rd32(0x404), 0x0000ffff);
    ck_assert_uint_eq(rd32(0x410), 0x009bf000);
    ck_assert_uint_eq(rd32(0x414), 0x0000ffff);
    ck_assert_uint_eq(rd32(0x418), 0x000f0000);
    ck_assert_uint_eq(rd32(0x558), 0x60000011);
    ck_assert_uint_eq(rd32(0x578), 0x27);
    ck_assert_ptr_nonnull(strstr(dump(0), "CS =f000 000f0000 0000ffff 00009b00 DPL=0 CS16 [-RA]\n"));
}
END_TEST

/* ---- CPUID and MSRs ------------------------------------------------------------ */

/* Replays cpu-probe.txt: "LEAF SUBLEAF: EAX EBX ECX EDX" and "MSR=VALUE". */
START_TEST(test_cpuid_msr_vs_qemu)
{
    char **lines = g_strsplit(load_data("cpu-probe.txt"), "\n", -1);
    int ncpuid = 0, nmsr = 0;

    for (char **l = lines; *l; l++) {
        unsigned leaf, sub, a, b, c, d;
        unsigned msr;
        unsigned long long v;

        if (sscanf(*l, "%x %x: %x %x %x %x", &leaf, &sub, &a, &b, &c, &d) == 6) {
            env->regs[R_EAX] = leaf;
            env->regs[R_ECX] = sub;
            helper_cpuid(env);
            ck_assert_msg(env->regs[R_EAX] == a && env->regs[R_EBX] == b &&
                          env->regs[R_ECX] == c && env->regs[R_EDX] == d,
                          "cpuid %08x/%x: %08x %08x %08x %08x, QEMU: %s", leaf, sub,
                          env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX],
                          env->regs[R_EDX], *l);
            ncpuid++;
        } else if (sscanf(*l, "%x=%llx", &msr, &v) == 2) {
            env->regs[R_ECX] = msr;
            helper_rdmsr(env);
            ck_assert_msg(env->regs[R_EAX] == (uint32_t)v && env->regs[R_EDX] == (uint32_t)(v >> 32),
                          "rdmsr %08x: %08x%08x, QEMU: %s", msr, env->regs[R_EDX],
                          env->regs[R_EAX], *l);
            nmsr++;
        }
    }
    g_strfreev(lines);
    ck_assert_int_ge(ncpuid, 30);
    ck_assert_int_ge(nmsr, 25);
}
END_TEST

static uint64_t rdmsr(uint32_t msr)
{
    env->regs[R_ECX] = msr;
    helper_rdmsr(env);
    return env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);
}

static int wrmsr(uint32_t msr, uint64_t v)
{
    env->regs[R_ECX] = msr;
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = (uint32_t)(v >> 32);
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_wrmsr(env);
        return -1;
    }
    return env->exception_index;
}

START_TEST(test_msr_write)
{
    ck_assert_int_eq(wrmsr(MSR_IA32_SYSENTER_CS, 0x123456789ULL), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_SYSENTER_CS), 0x6789);
    ck_assert_int_eq(wrmsr(MSR_IA32_SYSENTER_EIP, 0x1deadbeefULL), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_SYSENTER_EIP), 0xdeadbeef);
    ck_assert_int_eq(wrmsr(MSR_PAT, 0x0606060606060606ULL), -1);
    ck_assert_uint_eq(rdmsr(MSR_PAT), 0x0606060606060606ULL);
    ck_assert_int_eq(wrmsr(MSR_STAR, 0x1122334455667788ULL), -1);
    ck_assert_uint_eq(rdmsr(MSR_STAR), 0x1122334455667788ULL);
    /* EFER: nothing writable on qemu32 */
    ck_assert_int_eq(wrmsr(MSR_EFER, 0xd01), -1);
    ck_assert_uint_eq(rdmsr(MSR_EFER), 0);
    /* MTRRs */
    ck_assert_int_eq(wrmsr(0x20f, 0xfff000800), -1);
    ck_assert_uint_eq(rdmsr(0x20f), 0xfff000800);
    ck_assert_uint_eq(env->mtrr_var_mask[7], 0xfff000800);
    ck_assert_int_eq(wrmsr(0x26e, 0x0505050505050505ULL), -1);
    ck_assert_uint_eq(env->mtrr_fixed[9], 0x0505050505050505ULL);
    ck_assert_int_eq(wrmsr(0x259, 7), -1);
    ck_assert_uint_eq(env->mtrr_fixed[2], 7);
    /* TSC_AUX is written but reads 0 on a 32-bit target; TSC writes vanish */
    ck_assert_int_eq(wrmsr(MSR_TSC_AUX, 5), -1);
    ck_assert_uint_eq(rdmsr(MSR_TSC_AUX), 0);
    ck_assert_int_eq(wrmsr(MSR_IA32_TSC, 5), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_TSC), 0);
    /* unknown: ignored, no #GP */
    ck_assert_int_eq(wrmsr(0x12345678, 5), -1);
    /* #GP(0): PKRS high half, VM_HSAVE_PA low bits or beyond 32 bits */
    ck_assert_int_eq(wrmsr(MSR_IA32_PKRS, 1ULL << 32), EXCP0D_GPF);
    ck_assert_int_eq(env->error_code, 0);
    ck_assert_int_eq(wrmsr(MSR_VM_HSAVE_PA, 0x1234), EXCP0D_GPF);
    ck_assert_int_eq(wrmsr(MSR_VM_HSAVE_PA, 1ULL << 32), EXCP0D_GPF);
    ck_assert_int_eq(wrmsr(MSR_VM_HSAVE_PA, 0x5000), -1);
    ck_assert_uint_eq(rdmsr(MSR_VM_HSAVE_PA), 0x5000);
    /* APIC base: address moves, BSP fixed; disabling is for good and
     * removes CPUID.APIC */
    ck_assert_int_eq(wrmsr(MSR_IA32_APICBASE, 0xfec00800), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_APICBASE), 0xfec00900);
    ck_assert_int_eq(wrmsr(MSR_IA32_APICBASE, 0xfee00000), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_APICBASE), 0xfee00100);
    ck_assert_int_eq(wrmsr(MSR_IA32_APICBASE, 0xfee00800), -1);
    ck_assert_uint_eq(rdmsr(MSR_IA32_APICBASE), 0xfee00100);
    env->regs[R_EAX] = 1;
    helper_cpuid(env);
    ck_assert_uint_eq(env->regs[R_EDX], 0x0781abfd & ~CPUID_APIC);
    /* a reset re-enables the APIC but CPUID keeps the bit cleared */
    x86_cpu_reset(env);
    ck_assert_uint_eq(rdmsr(MSR_IA32_APICBASE), 0xfee00900);
    ck_assert_uint_eq(rdmsr(MSR_PAT), 0x0007040600070406ULL);
    ck_assert_uint_eq(rdmsr(MSR_STAR), 0);
}
END_TEST

START_TEST(test_rdtsc)
{
    uint64_t t1, t2;

    cpu_enable_ticks();
    helper_rdtsc(env);
    t1 = env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);
    helper_rdtsc(env);
    t2 = env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);
    ck_assert_uint_ge(t2, t1);
    cpu_disable_ticks();
    t1 = cpu_get_tsc(env);
    t2 = cpu_get_tsc(env);
    ck_assert_uint_eq(t1, t2);          /* stopped while the VM is stopped */

    /* CR4.TSD: #GP(0) outside ring 0; RDPMC: #GP or #UD */
    cpu_x86_update_cr4(env, CR4_TSD_MASK);
    helper_rdtsc(env);
    cpu_x86_set_cpl(env, 3);
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_rdtsc(env);
        ck_abort();
    }
    ck_assert_int_eq(env->exception_index, EXCP0D_GPF);
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_rdpmc(env);
    }
    ck_assert_int_eq(env->exception_index, EXCP0D_GPF);
    cpu_x86_set_cpl(env, 0);
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_rdpmc(env);
    }
    ck_assert_int_eq(env->exception_index, EXCP06_ILLOP);
}
END_TEST

/* ---- the page walk (replaying ptw-probe.txt) --------------------------------------- */

#define PD     0x10000
#define PT0    0x11000
#define PTT    0x12000
#define PDPT   0x13000
#define PAEPD0 0x14000
#define PAEPT0 0x15000
#define PAEPD1 0x16000
#define PAEPT1 0x17000

static void paging_on(uint32_t cr3, uint32_t cr4)
{
    cpu_x86_update_cr3(env, cr3);
    cpu_x86_update_cr4(env, cr4);
    cpu_x86_update_cr0(env, 0xe0000011);
}

START_TEST(test_ptw_nopae)
{
    for (uint32_t i = 0; i < 1024; i++) {
        wr32(PT0 + 4 * i, (i << 12) | 0x63);
    }
    wr32(PD, PT0 | 0x67);
    wr32(PD + 0x100 * 4, PTT | 0x07);
    wr32(PTT + 0 * 4, 0x200000 | 0x03);
    wr32(PTT + 2 * 4, 0x201000 | 0x01);
    wr32(PTT + 3 * 4, 0x202000 | 0x01);
    wr32(0x200000, 0x41414141);
    wr32(0x300000, 0x42424242);
    paging_on(PD, CR4_PSE_MASK);

    /* T1 read A: 00012027 00200023 */
    assert_ok(LOAD, 0x40000000, 0);
    ck_assert_uint_eq(access_val, 0x41414141);
    ck_assert_uint_eq(rd32(PD + 0x400), 0x00012027);
    ck_assert_uint_eq(rd32(PTT), 0x00200023);
    /* T2 write D: 00012027 00200063 (the read mapped it read-only) */
    assert_ok(STORE, 0x40000000, 0x41414141);
    ck_assert_uint_eq(rd32(PD + 0x400), 0x00012027);
    ck_assert_uint_eq(rd32(PTT), 0x00200063);
    /* T3 not present: 0 / 2 */
    assert_pf(LOAD, 0x40001000, 0, 0, 0x40001000);
    assert_pf(STORE, 0x40001004, 1, 2, 0x40001004);
    /* T4 read-only page: writable by the kernel with WP=0, A and D set */
    assert_ok(STORE, 0x40002000, 5);
    ck_assert_uint_eq(rd32(PTT + 8), 0x00201061);
    cpu_x86_update_cr0(env, 0xe0010011);
    assert_pf(STORE, 0x40003000, 5, 3, 0x40003000);
    ck_assert_uint_eq(rd32(PTT + 12), 0x00202001);   /* A not set */
    /* T5 fetch from a missing page: no I/D bit without NX/SMEP */
    assert_pf(FETCH, 0x40001000, 0, 0, 0x40001000);
    /* T6 4 MiB page: A on read, D on write, in the PDE */
    wr32(PD + 0x101 * 4, 0x00400000 | 0x83);
    assert_ok(LOAD, 0x40400010, 0);
    ck_assert_uint_eq(rd32(PD + 0x101 * 4), 0x004000a3);
    assert_ok(STORE, 0x40400010, 7);
    ck_assert_uint_eq(rd32(PD + 0x101 * 4), 0x004000e3);
    ck_assert_uint_eq(rd32(0x400010), 7);
    /* T7 4 MiB page with bit 21: RSVD without P (QEMU) */
    wr32(PD + 0x102 * 4, 0x00800000 | 0x200000 | 0x83);
    assert_pf(LOAD, 0x40800000, 0, 8, 0x40800000);
    assert_pf(STORE, 0x40800000, 1, 0xa, 0x40800000);
    /* T8 PDE bits 20-13 are address bits 39-32: unassigned, reads 0 */
    wr32(PD + 0x103 * 4, 0x00c00000 | (1 << 13) | 0x83);
    assert_ok(LOAD, 0x40c00000, 0);
    ck_assert_uint_eq(access_val, 0);
    ck_assert_uint_eq(rd32(PD + 0x103 * 4), 0x00c020a3);
    ck_assert_uint_eq(x86_cpu_get_phys_page_debug(env, 0x40c01000), 0x100c01000ULL);
    /* T9 PS without CR4.PSE: a page table pointer */
    cpu_x86_update_cr4(env, 0);
    wr32(PD + 0x104 * 4, PTT | 0x83);
    assert_ok(LOAD, 0x41000000, 0);
    ck_assert_uint_eq(access_val, 0x41414141);
    ck_assert_uint_eq(rd32(PD + 0x104 * 4), 0x000120a3);
    /* T10 missing PDE, write: 2 */
    assert_pf(STORE, 0x41400000, 1, 2, 0x41400000);
    /* T11 read-only PDE, RW PTE, WP=1: 3; PDE accessed, PTE not */
    wr32(PD + 0x106 * 4, PTT | 0x01);
    wr32(PTT + 4 * 4, 0x203000 | 0x03);
    assert_pf(STORE, 0x41804000, 1, 3, 0x41804000);
    ck_assert_uint_eq(rd32(PD + 0x106 * 4), 0x00012021);
    ck_assert_uint_eq(rd32(PTT + 4 * 4), 0x00203003);
    /* T12 A20 off: the walk at CR3=0x110000 reads 0x010000 */
    memcpy(ramp + 0x110000, ramp + PD, 4096);
    wr32(0x110000 + 0x100 * 4, 0x111000 | 0x07);
    wr32(0x111000, 0x300000 | 0x03);
    x86_update_a20(env, false);
    cpu_x86_update_cr3(env, 0x110000);
    assert_ok(LOAD, 0x40000000, 0);
    ck_assert_uint_eq(access_val, 0x41414141);
    x86_update_a20(env, true);
    assert_ok(LOAD, 0x40000000, 0);
    ck_assert_uint_eq(access_val, 0x42424242);

    /* Beyond the probe: user accesses set U in the error code. */
    cpu_x86_update_cr3(env, PD);
    cpu_x86_set_cpl(env, 3);
    assert_pf(LOAD, 0x00005000, 0, 5, 0x5000);          /* PT0 entries are supervisor */
    assert_pf(STORE, 0x40001000, 1, 6, 0x40001000);     /* not present */
    assert_pf(LOAD, 0x40000000, 0, 5, 0x40000000);      /* user PDE, supervisor PTE */
}
END_TEST

START_TEST(test_ptw_pae)
{
    for (uint32_t i = 0; i < 512; i++) {
        wr64(PAEPT0 + 8 * i, (i << 12) | 0x63);
    }
    wr64(PDPT + 0 * 8, PAEPD0 | 1);
    wr64(PDPT + 1 * 8, PAEPD1 | 1);
    wr64(PDPT + 2 * 8, PAEPD1 | 3);
    wr64(PDPT + 3 * 8, PAEPD1 | 1 | (1ULL << 40));
    wr64(PAEPD0, PAEPT0 | 0x63);
    wr64(PAEPD1 + 0 * 8, PAEPT1 | 0x07);
    wr64(PAEPT1 + 0 * 8, 0x200000 | 0x03);
    wr64(PAEPT1 + 1 * 8, 0x201000 | 0x03 | (1ULL << 63));
    wr64(PAEPD1 + 1 * 8, 0x400000 | 0x83);
    wr64(PAEPD1 + 2 * 8, 0x600000 | (1 << 13) | 0x83);
    wr64(PAEPD1 + 3 * 8, 0x800000 | (1 << 12) | 0x83);
    wr32(0x200000, 0x41414141);
    paging_on(PDPT, CR4_PAE_MASK);
    assert_ok(LOAD, 0x1000, 0);         /* the probe's code ran below 1 GiB */

    /* P1: PDPTE gets A too (QEMU): 00016021 00017027 00200023 */
    assert_ok(LOAD, 0x40000000, 0);
    ck_assert_uint_eq(access_val, 0x41414141);
    ck_assert_uint_eq(rd32(PDPT + 8), 0x00016021);
    ck_assert_uint_eq(rd32(PAEPD1), 0x00017027);
    ck_assert_uint_eq(rd32(PAEPT1), 0x00200023);
    /* P2: NX without EFER.NXE is reserved: 8 */
    assert_pf(LOAD, 0x40001000, 0, 8, 0x40001000);
    /* P3: 2 MiB page A/D; bit 13 reserved; bit 12 (PAT) not */
    assert_ok(LOAD, 0x40200000, 0);
    assert_ok(STORE, 0x40200000, 3);
    ck_assert_uint_eq(rd32(PAEPD1 + 8), 0x004000e3);
    assert_pf(LOAD, 0x40400000, 0, 8, 0x40400000);
    assert_ok(LOAD, 0x40600000, 0);
    ck_assert_uint_eq(rd32(PAEPD1 + 24), 0x008010a3);
    /* P4: PDPTE RW bit is not reserved for QEMU */
    assert_ok(LOAD, 0x80000000, 0);
    ck_assert_uint_eq(rd32(PDPT + 16), 0x00016023);
    /* P5: PDPTE address bit 40 (beyond 32 physical bits): 8 */
    assert_pf(LOAD, 0xc0000000, 0, 8, 0xc0000000);
    ck_assert_uint_eq(rd32(PDPT), 0x00014021);

    ck_assert_uint_eq(x86_cpu_get_phys_page_debug(env, 0x40201234), 0x401000);
    ck_assert_uint_eq(x86_cpu_get_phys_page_debug(env, 0x40001000), 0x201000);
    ck_assert_uint_eq(x86_cpu_get_phys_page_debug(env, 0x40a00000), (hwaddr)-1);
}
END_TEST

/* ---- port I/O ------------------------------------------------------------------------ */

START_TEST(test_port_io)
{
    helper_outb(env, 0x402, 0x41);
    helper_outw(env, 0x404, 0x1234);
    helper_outl(env, 0x408, 0xdeadbeef);
    ck_assert_uint_eq(helper_inb(env, 0x402), 0x41);
    ck_assert_uint_eq(helper_inl(env, 0x408), 0xdeadbeef);
    env->hflags |= HF_SMM_MASK;
    ck_assert_uint_eq(helper_inw(env, 0x404), 0x1234);
    env->hflags &= ~HF_SMM_MASK;
    assert_calls(iodev,
                 "write_attrs 0x2 1 sec=0 req=0x0 <- 0x41\n"
                 "write_attrs 0x4 2 sec=0 req=0x0 <- 0x1234\n"
                 "write_attrs 0x8 4 sec=0 req=0x0 <- 0xdeadbeef\n"
                 "read_attrs 0x2 1 sec=0 req=0x0 -> 0x41\n"
                 "read_attrs 0x8 4 sec=0 req=0x0 -> 0xdeadbeef\n"
                 "read_attrs 0x4 2 sec=1 req=0x0 -> 0x1234\n");
}
END_TEST

static int check_io(uint32_t port, uint32_t size)
{
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_check_io(env, port, size);
        return -1;
    }
    return env->exception_index;
}

START_TEST(test_check_io)
{
    /* 32-bit TSS at 0x20000, bitmap at +0x80 covering ports 0-0x7ff */
    env->tr.base = 0x20000;
    env->tr.limit = 0x80 + 0x100;
    env->tr.flags = DESC_P_MASK | (9 << DESC_TYPE_SHIFT);
    ramp[0x20066] = 0x80;
    memset(ramp + 0x20080, 0, 0x101);
    ramp[0x20080 + (0x61 >> 3)] = 1 << (0x61 & 7);
    ck_assert_int_eq(check_io(0x60, 1), -1);
    ck_assert_int_eq(check_io(0x61, 1), EXCP0D_GPF);
    ck_assert_int_eq(env->error_code, 0);
    ck_assert_int_eq(check_io(0x60, 2), EXCP0D_GPF);
    ck_assert_int_eq(check_io(0x5e, 2), -1);
    ck_assert_int_eq(check_io(0x5e, 4), EXCP0D_GPF);
    /* two bytes are always read: the last port needs limit >= offset+1 */
    ck_assert_int_eq(check_io(0x7f8, 1), -1);
    env->tr.limit = 0x80 + 0xff;
    ck_assert_int_eq(check_io(0x7f8, 1), EXCP0D_GPF);
    ck_assert_int_eq(check_io(0x7f0, 1), -1);
    /* busy (type 11), 16-bit or short TSS: #GP */
    env->tr.flags = DESC_P_MASK | (11 << DESC_TYPE_SHIFT);
    ck_assert_int_eq(check_io(0x60, 1), EXCP0D_GPF);
    env->tr.flags = DESC_P_MASK | (9 << DESC_TYPE_SHIFT);
    env->tr.limit = 102;
    ck_assert_int_eq(check_io(0x60, 1), EXCP0D_GPF);
}
END_TEST

/* ---- debug registers, HLT --------------------------------------------------------------- */

static int call_dr(int reg, bool write, uint32_t val, uint32_t *out)
{
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        if (write) {
            helper_set_dr(env, reg, val);
        } else {
            *out = helper_get_dr(env, reg);
        }
        return -1;
    }
    return env->exception_index;
}

START_TEST(test_debug_registers)
{
    uint32_t v = 0;

    ck_assert_int_eq(call_dr(6, true, 0, NULL), -1);
    ck_assert_uint_eq(env->dr[6], 0xffff0ff0);
    ck_assert_int_eq(call_dr(7, true, 0, NULL), -1);
    ck_assert_uint_eq(env->dr[7], 0x400);
    /* DR4/DR5 alias DR6/DR7 unless CR4.DE */
    ck_assert_int_eq(call_dr(5, false, 0, &v), -1);
    ck_assert_uint_eq(v, 0x400);
    ck_assert_int_eq(call_dr(4, true, 0x1, NULL), -1);
    ck_assert_uint_eq(env->dr[6], 0xffff0ff1);
    cpu_x86_update_cr4(env, CR4_DE_MASK);
    ck_assert_int_eq(call_dr(4, false, 0, &v), EXCP06_ILLOP);
    ck_assert_int_eq(call_dr(5, true, 0, NULL), EXCP06_ILLOP);

    /* I/O breakpoint on ports 0x60-0x63 in DR1 */
    ck_assert_int_eq(call_dr(1, true, 0x60, NULL), -1);
    ck_assert(!(env->hflags & HF_IOBPT_MASK));
    ck_assert_int_eq(call_dr(7, true, (2u << 20) | (3u << 22) | (1u << 2), NULL), -1);
    ck_assert(env->hflags & HF_IOBPT_MASK);
    ck_assert_uint_eq(env->dr[7], 0x00e00404);
    env->dr[6] = 0xffff0ff0;
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_bpt_io(env, 0x64, 1, 0x1234);   /* miss */
        helper_bpt_io(env, 0x5f, 2, 0x1234);   /* 0x5f-0x60 hits */
        ck_abort();
    }
    ck_assert_int_eq(env->exception_index, EXCP01_DB);
    ck_assert_uint_eq(env->dr[6], 0xffff0ff2);
    ck_assert_uint_eq(env->eip, 0x1234);
    ck_assert_int_eq(call_dr(7, true, 0, NULL), -1);
    ck_assert(!(env->hflags & HF_IOBPT_MASK));

    /* instruction breakpoint in DR0, compared with EIP by the handler */
    env->dr[0] = 0x100;
    cpu_x86_update_dr7(env, 0x1);
    ck_assert(x86_hw_breakpoint_at(env, 0x100));
    ck_assert(!x86_hw_breakpoint_at(env, 0x101));
    env->eflags |= RF_MASK;
    ck_assert(!x86_hw_breakpoint_at(env, 0x100));
    env->eflags &= ~RF_MASK;
    env->eip = 0x100;
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        x86_breakpoint_handler(env);
        ck_abort();
    }
    ck_assert_int_eq(env->exception_index, EXCP01_DB);
    ck_assert_uint_eq(env->dr[6] & 0xf, 1);
    /* single step: BS */
    env->dr[6] = 0xffff0ff0;
    env->eip = 0x200;
    env->old_exception = -1;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_single_step(env);
    }
    ck_assert_uint_eq(env->dr[6], 0xffff4ff0);
}
END_TEST

START_TEST(test_hlt)
{
    env->eip = 0x100;
    env->hflags |= HF_INHIBIT_IRQ_MASK;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        helper_hlt(env, 1);
        ck_abort();
    }
    ck_assert(env->halted);
    ck_assert_int_eq(env->exception_index, EXCP_HLT);
    ck_assert_uint_eq(env->eip, 0x101);
    ck_assert(!(env->hflags & HF_INHIBIT_IRQ_MASK));
    ck_assert_ptr_nonnull(strstr(dump(0), " HLT=1\n"));
}
END_TEST

static Suite *cpu_state_suite(void)
{
    Suite *s = suite_create("cpu-state");
    TCase *tc = tcase_create("cpu-state");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset_info_registers);
    tcase_add_test(tc, test_reset_cpu_reset_log);
    tcase_add_test(tc, test_reset_d_cpu);
    tcase_add_test(tc, test_reset_fields);
    tcase_add_test(tc, test_paging_d_cpu);
    tcase_add_test(tc, test_dump_details);
    tcase_add_test(tc, test_dump_code);
    tcase_add_test(tc, test_hflags_seg);
    tcase_add_test(tc, test_cr_updates);
    tcase_add_test(tc, test_a20);
    tcase_add_test(tc, test_cr4_reserved_vmexit);
    tcase_add_test(tc, test_cpuid_msr_vs_qemu);
    tcase_add_test(tc, test_msr_write);
    tcase_add_test(tc, test_rdtsc);
    tcase_add_test(tc, test_ptw_nopae);
    tcase_add_test(tc, test_ptw_pae);
    tcase_add_test(tc, test_port_io);
    tcase_add_test(tc, test_check_io);
    tcase_add_test(tc, test_debug_registers);
    tcase_add_test(tc, test_hlt);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return memtest_run_suite(cpu_state_suite());
}
