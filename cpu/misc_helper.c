/*
 * Miscellaneous x86 helpers: CPUID, RDTSC/RDPMC, RDMSR/WRMSR, port I/O
 * and its TSS permission check, HLT, INVLPG, control and debug registers
 * (QEMU 7.2's target/i386/cpu.c cpu_x86_cpuid, tcg/misc_helper.c,
 * tcg/sysemu/misc_helper.c, tcg/sysemu/bpt_helper.c, tcg/bpt_helper.c,
 * tcg/cc_helper.c helper_clts, tcg/sysemu/seg_helper.c helper_check_io,
 * tcg/sysemu/svm_helper.c for the one vmexit a qemu32 guest can cause).
 *
 * See misc_helper.h for what the interpreter checks before each call.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <time.h>
#include "cpu/misc_helper.h"
#include "cpu/excp_helper.h"
#include "accel/tcg/cputlb.h"
#include "softmmu/log.h"
#include "hw/intc/apic.h"

/* ---- CPUID ---------------------------------------------------------------- */

/*
 * QEMU's cpu_x86_cpuid for qemu32 on TCG with one CPU, default
 * properties (l3-cache=on, expose-tcg=on, legacy cache descriptors).
 * Every value below was read back from qemu-system-i386 7.2 (Debian 12)
 * with a probe ROM.  A leaf above its range's limit (cpuid_level for
 * 0..0x3fffffff, 0x40000001 for 0x4000xxxx, cpuid_xlevel for 0x8000xxxx,
 * 0 for 0xc000xxxx) is answered as leaf cpuid_level (4) with the given
 * ECX, as QEMU does (the Intel manual's rule, applied to every range).
 */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint32_t limit;

    if (index >= 0xc0000000) {
        limit = 0;                      /* cpuid_xlevel2 */
    } else if (index >= 0x80000000) {
        limit = env->cpuid_xlevel;
    } else if (index >= 0x40000000) {
        limit = 0x40000001;
    } else {
        limit = env->cpuid_level;
    }
    if (index > limit) {
        index = env->cpuid_level;
    }

    *eax = *ebx = *ecx = *edx = 0;
    switch (index) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor[0];
        *edx = env->cpuid_vendor[1];
        *ecx = env->cpuid_vendor[2];
        break;
    case 1:
        *eax = env->cpuid_version;
        *ebx = 8 << 8;                  /* APIC ID 0, CLFLUSH line 8 qwords */
        *ecx = env->cpuid_ext_features; /* (no XSAVE, so no OSXSAVE) */
        *edx = env->cpuid_features;
        break;
    case 2:
        /* Legacy descriptors: L1D 0x2c, L1I 0x30, L2 0x7d; L3 0x4d. */
        *eax = 1;
        *ecx = 0x0000004d;
        *edx = 0x002c307d;
        break;
    case 4:
        /* Deterministic cache parameters (QEMU's legacy cache model):
         * L1D 32K 8-way, L1I 32K 8-way, L2 4M 16-way, L3 16M 16-way. */
        switch (count) {
        case 0:
            *eax = 0x121; *ebx = 0x01c0003f; *ecx = 0x3f; *edx = 1;
            break;
        case 1:
            *eax = 0x122; *ebx = 0x01c0003f; *ecx = 0x3f; *edx = 1;
            break;
        case 2:
            *eax = 0x143; *ebx = 0x03c0003f; *ecx = 0xfff; *edx = 1;
            break;
        case 3:
            *eax = 0x163; *ebx = 0x03c0003f; *ecx = 0x3fff; *edx = 6;
            break;
        default:
            break;
        }
        break;
    case 0x40000000:
        *eax = 0x40000001;
        *ebx = 0x54474354;              /* "TCGTCGTCGTCG" */
        *ecx = 0x43544743;
        *edx = 0x47435447;
        break;
    case 0x80000000:
        *eax = env->cpuid_xlevel;
        *ebx = env->cpuid_vendor[0];
        *edx = env->cpuid_vendor[1];
        *ecx = env->cpuid_vendor[2];
        break;
    case 0x80000001:
        *eax = env->cpuid_version;
        *ecx = env->cpuid_ext3_features;
        *edx = env->cpuid_ext2_features;
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004:
        *eax = env->cpuid_model[(index - 0x80000002) * 4 + 0];
        *ebx = env->cpuid_model[(index - 0x80000002) * 4 + 1];
        *ecx = env->cpuid_model[(index - 0x80000002) * 4 + 2];
        *edx = env->cpuid_model[(index - 0x80000002) * 4 + 3];
        break;
    default:
        /* 3 and 0x40000001: zeros (reserved values) */
        break;
    }
}

void helper_cpuid(CPUX86State *env)
{
    uint32_t eax, ebx, ecx, edx;

    cpu_x86_cpuid(env, env->regs[R_EAX], env->regs[R_ECX], &eax, &ebx, &ecx, &edx);
    env->regs[R_EAX] = eax;
    env->regs[R_EBX] = ebx;
    env->regs[R_ECX] = ecx;
    env->regs[R_EDX] = edx;
}

void cpu_clear_apic_feature(CPUX86State *env)
{
    env->cpuid_features &= ~CPUID_APIC;
}

/* ---- time stamp counter ------------------------------------------------------ */

/*
 * QEMU's cpu_get_tsc is cpus_get_elapsed_ticks: without icount, the host
 * CPU's cycle counter (cpu_get_host_ticks: RDTSC on an x86 host) counted
 * only while the VM runs, starting at 0 when it first starts, and never
 * going backwards.  It is global, not per CPU, and a guest reset does not
 * restart it; WRMSR to IA32_TSC is ignored by QEMU's TCG.
 * On hosts without RDTSC this uses CLOCK_MONOTONIC nanoseconds, which is
 * what QEMU's generic cpu_get_host_ticks falls back to as well.
 */
static struct {
    int64_t offset;
    int64_t prev;
    bool enabled;
} ticks_state;

static int64_t cpu_get_host_ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
    return (int64_t)__builtin_ia32_rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
#endif
}

void cpu_enable_ticks(void)
{
    if (!ticks_state.enabled) {
        ticks_state.offset -= cpu_get_host_ticks();
        ticks_state.enabled = true;
    }
}

void cpu_disable_ticks(void)
{
    if (ticks_state.enabled) {
        ticks_state.offset += cpu_get_host_ticks();
        ticks_state.enabled = false;
    }
}

uint64_t cpu_get_tsc(CPUX86State *env)
{
    int64_t ticks = ticks_state.offset;

    (void)env;
    if (ticks_state.enabled) {
        ticks += cpu_get_host_ticks();
    }
    if (ticks_state.prev > ticks) {
        /* non-increasing host ticks (host suspend): hold the value */
        ticks_state.offset += ticks_state.prev - ticks;
        ticks = ticks_state.prev;
    }
    ticks_state.prev = ticks;
    return (uint64_t)ticks;
}

void helper_rdtsc(CPUX86State *env)
{
    uint64_t val;

    if ((env->cr[4] & CR4_TSD_MASK) && (env->hflags & HF_CPL_MASK) != 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    val = cpu_get_tsc(env) + env->tsc_offset;
    env->regs[R_EAX] = (uint32_t)val;
    env->regs[R_EDX] = (uint32_t)(val >> 32);
}

void helper_rdpmc(CPUX86State *env)
{
    if (!(env->cr[4] & CR4_PCE_MASK) && (env->hflags & HF_CPL_MASK) != 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    /* currently unimplemented in QEMU: #UD (the Intel manual would read
     * a counter) */
    qemu_log_mask(LOG_UNIMP, "x86: unimplemented rdpmc\n");
    raise_exception_err(env, EXCP06_ILLOP, 0);
}

/* ---- MSRs -------------------------------------------------------------------- */

/*
 * QEMU's helper_wrmsr as compiled for qemu-system-i386 with this model.
 * Unknown MSRs are ignored, not #GP (QEMU: "XXX: exception?"); so are
 * IA32_TSC, MCG_CTL (no MCG_CTL_P) and the MCE banks (MCG_CAP is 0: the
 * model has MCE but not MCA).  EFER keeps 0: none of SCE/LME/NXE/SVME/
 * FFXSR is backed by a CPUID feature of qemu32.
 */
void helper_wrmsr(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val = env->regs[R_EAX] | ((uint64_t)env->regs[R_EDX] << 32);

    switch (msr) {
    case MSR_IA32_SYSENTER_CS:
        env->sysenter_cs = val & 0xffff;
        break;
    case MSR_IA32_SYSENTER_ESP:
        env->sysenter_esp = (uint32_t)val;
        break;
    case MSR_IA32_SYSENTER_EIP:
        env->sysenter_eip = (uint32_t)val;
        break;
    case MSR_IA32_APICBASE:
        apic_set_base(env, val);
        break;
    case MSR_EFER: {
        uint64_t update_mask = 0;
        if (env->cpuid_ext2_features & CPUID_EXT2_SYSCALL) {
            update_mask |= MSR_EFER_SCE;
        }
        if (env->cpuid_ext2_features & CPUID_EXT2_LM) {
            update_mask |= MSR_EFER_LME;
        }
        if (env->cpuid_ext2_features & CPUID_EXT2_FFXSR) {
            update_mask |= MSR_EFER_FFXSR;
        }
        if (env->cpuid_ext2_features & CPUID_EXT2_NX) {
            update_mask |= MSR_EFER_NXE;
        }
        if (env->cpuid_ext3_features & CPUID_EXT3_SVM) {
            update_mask |= MSR_EFER_SVME;
        }
        env->efer = (env->efer & ~update_mask) | (val & update_mask);
        break;
    }
    case MSR_STAR:
        env->star = val;
        break;
    case MSR_PAT:
        env->pat = val;
        break;
    case MSR_IA32_PKRS:
        if (val & 0xffffffff00000000ULL) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        env->pkrs = (uint32_t)val;
        tlb_flush(env);
        break;
    case MSR_VM_HSAVE_PA:
        if (val & (0xfff | (~0ULL << X86_PHYS_BITS))) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        env->vm_hsave = val;
        break;
    case MSR_MTRRphysBase(0) ... MSR_MTRRphysMask(7):
        if ((msr - MSR_MTRRphysBase(0)) & 1) {
            env->mtrr_var_mask[(msr - MSR_MTRRphysBase(0)) / 2] = val;
        } else {
            env->mtrr_var_base[(msr - MSR_MTRRphysBase(0)) / 2] = val;
        }
        break;
    case MSR_MTRRfix64K_00000:
        env->mtrr_fixed[0] = val;
        break;
    case MSR_MTRRfix16K_80000:
    case MSR_MTRRfix16K_A0000:
        env->mtrr_fixed[msr - MSR_MTRRfix16K_80000 + 1] = val;
        break;
    case MSR_MTRRfix4K_C0000 ... MSR_MTRRfix4K_F8000:
        env->mtrr_fixed[msr - MSR_MTRRfix4K_C0000 + 3] = val;
        break;
    case MSR_MTRRdefType:
        env->mtrr_deftype = val;
        break;
    case MSR_MCG_STATUS:
        env->mcg_status = val;
        break;
    case MSR_TSC_AUX:
        /* written, but RDMSR cannot read it back on a 32-bit target */
        env->tsc_aux = val;
        break;
    case MSR_IA32_MISC_ENABLE:
        env->msr_ia32_misc_enable = val;
        break;
    case MSR_IA32_BNDCFGS:
        /* QEMU also recomputes the MPX hflags, which need OSXSAVE */
        env->msr_bndcfgs = val;
        break;
    default:
        break;
    }
}

/* QEMU's helper_rdmsr for qemu-system-i386 with this model; unknown MSRs
 * read as 0 (no #GP). */
void helper_rdmsr(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val;

    switch (msr) {
    case MSR_IA32_SYSENTER_CS:
        val = env->sysenter_cs;
        break;
    case MSR_IA32_SYSENTER_ESP:
        val = env->sysenter_esp;
        break;
    case MSR_IA32_SYSENTER_EIP:
        val = env->sysenter_eip;
        break;
    case MSR_IA32_APICBASE:
        val = apic_get_base(env);
        break;
    case MSR_EFER:
        val = env->efer;
        break;
    case MSR_STAR:
        val = env->star;
        break;
    case MSR_PAT:
        val = env->pat;
        break;
    case MSR_IA32_PKRS:
        val = env->pkrs;
        break;
    case MSR_VM_HSAVE_PA:
        val = env->vm_hsave;
        break;
    case MSR_IA32_PERF_STATUS:
        /* tsc_increment_by_tick 1000, CPU multiplier 4 */
        val = 1000ULL | (4ULL << 40);
        break;
    case MSR_SMI_COUNT:
        val = 0;        /* only KVM counts SMIs */
        break;
    case MSR_MTRRphysBase(0) ... MSR_MTRRphysMask(7):
        if ((msr - MSR_MTRRphysBase(0)) & 1) {
            val = env->mtrr_var_mask[(msr - MSR_MTRRphysBase(0)) / 2];
        } else {
            val = env->mtrr_var_base[(msr - MSR_MTRRphysBase(0)) / 2];
        }
        break;
    case MSR_MTRRfix64K_00000:
        val = env->mtrr_fixed[0];
        break;
    case MSR_MTRRfix16K_80000:
    case MSR_MTRRfix16K_A0000:
        val = env->mtrr_fixed[msr - MSR_MTRRfix16K_80000 + 1];
        break;
    case MSR_MTRRfix4K_C0000 ... MSR_MTRRfix4K_F8000:
        val = env->mtrr_fixed[msr - MSR_MTRRfix4K_C0000 + 3];
        break;
    case MSR_MTRRdefType:
        val = env->mtrr_deftype;
        break;
    case MSR_MTRRcap:
        /* 0x508 with CPUID.MTRR, which qemu32 lacks */
        val = (env->cpuid_features & CPUID_MTRR) ? 0x508 : 0;
        break;
    case MSR_MCG_CAP:
    case MSR_MCG_CTL:
        val = 0;        /* mcg_cap is 0 for this model */
        break;
    case MSR_MCG_STATUS:
        val = env->mcg_status;
        break;
    case MSR_IA32_MISC_ENABLE:
        val = env->msr_ia32_misc_enable;
        break;
    case MSR_IA32_BNDCFGS:
        val = env->msr_bndcfgs;
        break;
    case MSR_IA32_UCODE_REV:
        val = 0x100000000ULL;   /* QEMU's default for non-AMD vendors */
        break;
    case MSR_CORE_THREAD_COUNT:
        val = 1 | (1 << 16);    /* threads * cores | cores << 16 */
        break;
    default:
        val = 0;
        break;
    }
    env->regs[R_EAX] = (uint32_t)val;
    env->regs[R_EDX] = (uint32_t)(val >> 32);
}

/* ---- port I/O ----------------------------------------------------------------- */

/* QEMU's cpu_get_mem_attrs: only the SMM bit ("secure") is set. */
static inline MemTxAttrs cpu_get_mem_attrs(const CPUX86State *env)
{
    return (MemTxAttrs){ .secure = (env->hflags & HF_SMM_MASK) != 0 };
}

void helper_check_io(CPUX86State *env, uint32_t port, uint32_t size)
{
    uint32_t io_offset, val, mask;

    /* TSS must be a valid 32 bit one */
    if (!(env->tr.flags & DESC_P_MASK) ||
        ((env->tr.flags >> DESC_TYPE_SHIFT) & 0xf) != 9 ||
        env->tr.limit < 103) {
        goto fail;
    }
    io_offset = cpu_lduw_kernel(env, env->tr.base + 0x66);
    io_offset += port >> 3;
    /* Note: the check needs two bytes */
    if (io_offset + 1 > env->tr.limit) {
        goto fail;
    }
    val = cpu_lduw_kernel(env, env->tr.base + io_offset);
    val >>= port & 7;
    mask = (1u << size) - 1;
    /* all bits must be zero to allow the I/O */
    if ((val & mask) != 0) {
    fail:
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
}

uint32_t helper_inb(CPUX86State *env, uint32_t port)
{
    return address_space_ldub(env->as_io, port, cpu_get_mem_attrs(env), NULL);
}

uint32_t helper_inw(CPUX86State *env, uint32_t port)
{
    return address_space_lduw_le(env->as_io, port, cpu_get_mem_attrs(env), NULL);
}

uint32_t helper_inl(CPUX86State *env, uint32_t port)
{
    return address_space_ldl_le(env->as_io, port, cpu_get_mem_attrs(env), NULL);
}

void helper_outb(CPUX86State *env, uint32_t port, uint32_t data)
{
    address_space_stb(env->as_io, port, data, cpu_get_mem_attrs(env), NULL);
}

void helper_outw(CPUX86State *env, uint32_t port, uint32_t data)
{
    address_space_stw_le(env->as_io, port, data, cpu_get_mem_attrs(env), NULL);
}

void helper_outl(CPUX86State *env, uint32_t port, uint32_t data)
{
    address_space_stl_le(env->as_io, port, data, cpu_get_mem_attrs(env), NULL);
}

/* ---- debug registers ------------------------------------------------------------ */

static inline bool hw_breakpoint_enabled(uint32_t dr7, int index)
{
    return (dr7 >> (index * 2)) & 3;
}

static inline int hw_breakpoint_type(uint32_t dr7, int index)
{
    return (dr7 >> (DR7_TYPE_SHIFT + index * 4)) & 3;
}

static inline uint32_t hw_breakpoint_len(uint32_t dr7, int index)
{
    uint32_t len = (dr7 >> (DR7_LEN_SHIFT + index * 4)) & 3;
    return len == 2 ? 8 : len + 1;
}

/*
 * QEMU's cpu_x86_update_dr7.  QEMU re-inserts its breakpoint and
 * watchpoint objects here; the net effect kept here is DR7 itself (with
 * bit 10 forced) and HF_IOBPT_MASK, set when any enabled DR0-3 has type
 * I/O (QEMU does not require CR4.DE for that, unlike the Intel manual).
 * Instruction breakpoints are read straight from DR0-3/DR7 (see
 * x86_hw_breakpoint_at); data watchpoints are not implemented.
 */
void cpu_x86_update_dr7(CPUX86State *env, uint32_t new_dr7)
{
    uint32_t iobpt = 0;

    new_dr7 |= DR7_FIXED_1;
    env->dr[7] = new_dr7;
    for (int i = 0; i < DR7_MAX_BP; i++) {
        if (hw_breakpoint_type(new_dr7, i) == DR7_TYPE_IO_RW &&
            hw_breakpoint_enabled(new_dr7, i)) {
            iobpt = HF_IOBPT_MASK;
        }
    }
    env->hflags = (env->hflags & ~HF_IOBPT_MASK) | iobpt;
}

uint32_t helper_get_dr(CPUX86State *env, int reg)
{
    if (reg >= 4 && reg < 6) {
        if (env->cr[4] & CR4_DE_MASK) {
            raise_exception_err(env, EXCP06_ILLOP, 0);
        }
        reg += 2;
    }
    return env->dr[reg];
}

void helper_set_dr(CPUX86State *env, int reg, uint32_t val)
{
    if (reg >= 4 && reg < 6) {
        if (env->cr[4] & CR4_DE_MASK) {
            raise_exception_err(env, EXCP06_ILLOP, 0);
        }
        reg += 2;
    }
    if (reg < 4) {
        env->dr[reg] = val;
    } else if (reg == 6) {
        /* (QEMU's reserved-bit #GP only concerns bits 63-32) */
        env->dr[6] = val | DR6_FIXED_1;
    } else {
        cpu_x86_update_dr7(env, val);
    }
}

void helper_bpt_io(CPUX86State *env, uint32_t port, uint32_t size, uint32_t next_eip)
{
    uint32_t dr7 = env->dr[7];
    int hit = 0;

    for (int i = 0; i < DR7_MAX_BP; ++i) {
        if (hw_breakpoint_type(dr7, i) == DR7_TYPE_IO_RW &&
            hw_breakpoint_enabled(dr7, i)) {
            uint32_t bpt_len = hw_breakpoint_len(dr7, i);
            if (port + size - 1 >= env->dr[i] &&
                port <= env->dr[i] + bpt_len - 1) {
                hit |= 1 << i;
            }
        }
    }
    if (hit) {
        env->dr[6] = (env->dr[6] & ~0xfu) | hit;
        env->eip = next_eip;
        raise_exception_err(env, EXCP01_DB, 0);
    }
}

bool check_hw_breakpoints(CPUX86State *env, bool force_dr6_update)
{
    uint32_t dr6 = env->dr[6] & ~0xfu;
    bool hit_enabled = false;

    for (int reg = 0; reg < DR7_MAX_BP; reg++) {
        /* Instruction breakpoints compare with EIP, not the linear
         * address (QEMU).  TODO: data watchpoint hits. */
        if (hw_breakpoint_type(env->dr[7], reg) == DR7_TYPE_BP_INST &&
            env->dr[reg] == env->eip) {
            dr6 |= 1u << reg;
            if (hw_breakpoint_enabled(env->dr[7], reg)) {
                hit_enabled = true;
            }
        }
    }
    if (hit_enabled || force_dr6_update) {
        env->dr[6] = dr6;
    }
    return hit_enabled;
}

bool x86_hw_breakpoint_at(CPUX86State *env, uint32_t pc)
{
    uint32_t dr7 = env->dr[7];

    if (env->eflags & RF_MASK) {
        return false;           /* RF disables all architectural breakpoints */
    }
    for (int i = 0; i < DR7_MAX_BP; i++) {
        if (hw_breakpoint_type(dr7, i) == DR7_TYPE_BP_INST &&
            hw_breakpoint_enabled(dr7, i) && env->dr[i] == pc) {
            return true;
        }
    }
    return false;
}

void x86_breakpoint_handler(CPUX86State *env)
{
    uint32_t dr7 = env->dr[7];

    for (int i = 0; i < DR7_MAX_BP; i++) {
        if (hw_breakpoint_type(dr7, i) == DR7_TYPE_BP_INST &&
            hw_breakpoint_enabled(dr7, i) && env->dr[i] == env->eip) {
            check_hw_breakpoints(env, true);
            raise_exception_err(env, EXCP01_DB, 0);
        }
    }
}

void helper_single_step(CPUX86State *env)
{
    check_hw_breakpoints(env, true);
    env->dr[6] |= DR6_BS;
    raise_exception_err(env, EXCP01_DB, 0);
}

/* ---- HLT, INVLPG, control registers ---------------------------------------------- */

void helper_hlt(CPUX86State *env, int next_eip_addend)
{
    env->eip += next_eip_addend;
    env->hflags &= ~HF_INHIBIT_IRQ_MASK;  /* needed if sti is just before */
    env->halted = true;
    env->exception_index = EXCP_HLT;
    cpu_loop_exit(env);
}

void helper_invlpg(CPUX86State *env, uint32_t addr)
{
    tlb_flush_page(env, addr);
}

void helper_invd(CPUX86State *env)
{
    (void)env;
}

void helper_wbinvd(CPUX86State *env)
{
    (void)env;
}

/* QEMU's translator only lets CR0, CR2, CR3 and CR4 through (CR8 needs
 * a REX prefix or AMD's CR8LEG); anything else is #UD there, so it is
 * here too, should a caller skip that check. */
static inline void check_crN(CPUX86State *env, int reg)
{
    if (reg != 0 && reg != 2 && reg != 3 && reg != 4) {
        raise_exception_err(env, EXCP06_ILLOP, 0);
    }
}

uint32_t helper_read_crN(CPUX86State *env, int reg)
{
    check_crN(env, reg);
    return env->cr[reg];
}

/*
 * QEMU 7.2's cpu_vmexit + do_vmexit, reached on qemu32 only through a
 * CR4 write with a reserved bit set (QEMU's helper_write_crN takes the
 * SVM_EXIT_ERR path even outside a guest, where the Intel manual says
 * #GP(0)).  With no VMRUN ever executed, the VMCB is at physical 0 and
 * the host save area at VM_HSAVE_PA (0 unless the guest wrote the MSR):
 * QEMU writes exit information and the current state over the real-mode
 * IVT/BDA area, then reloads state from the save area (so, with both at
 * 0, largely the state it just saved, CR0.PE forced on, GIF cleared) and
 * resumes at the saved EIP: the CR4 write again.  QEMU finishes the job
 * in x86_cpu_do_interrupt (EXCP_VMEXIT); doing it here at once leaves
 * the same state, as nothing runs in between.
 */
#define VMCB_CTRL_INT_CTL           0x060
#define VMCB_CTRL_INT_STATE         0x068
#define VMCB_CTRL_EXIT_CODE         0x070
#define VMCB_CTRL_EXIT_INFO_1       0x078
#define VMCB_CTRL_EXIT_INFO_2       0x080
#define VMCB_CTRL_EXIT_INT_INFO     0x088
#define VMCB_CTRL_EXIT_INT_INFO_ERR 0x08c
#define VMCB_CTRL_EVENT_INJ         0x0a8
#define VMCB_CTRL_EVENT_INJ_ERR     0x0ac
#define VMCB_SAVE_ES                0x400
#define VMCB_SAVE_CS                0x410
#define VMCB_SAVE_SS                0x420
#define VMCB_SAVE_DS                0x430
#define VMCB_SAVE_GDTR              0x460
#define VMCB_SAVE_IDTR              0x480
#define VMCB_SAVE_CPL               0x4cb
#define VMCB_SAVE_EFER              0x4d0
#define VMCB_SAVE_CR4               0x548
#define VMCB_SAVE_CR3               0x550
#define VMCB_SAVE_CR0               0x558
#define VMCB_SAVE_DR7               0x560
#define VMCB_SAVE_DR6               0x568
#define VMCB_SAVE_RFLAGS            0x570
#define VMCB_SAVE_RIP               0x578
#define VMCB_SAVE_RSP               0x5d8
#define VMCB_SAVE_RAX               0x5f8
#define VMCB_SAVE_CR2               0x640
/* struct vmcb_seg: selector u16, attrib u16, limit u32, base u64 */
#define VMCB_SEG_ATTRIB 2
#define VMCB_SEG_LIMIT  4
#define VMCB_SEG_BASE   8

#define SVM_EXIT_ERR    ((uint32_t)-1)
#define HF2_HIF_MASK    (1u << 1)
#define HF2_VINTR_MASK  (1u << 3)
#define HF2_NPT_MASK    (1u << 6)

static AddressSpace *phys_as(CPUX86State *env)
{
    return (env->hflags & HF_SMM_MASK) && env->as_smm ? env->as_smm : env->as;
}

static uint64_t vm_ldq(CPUX86State *env, hwaddr a)
{
    return address_space_ldq_le(phys_as(env), a, cpu_get_mem_attrs(env), NULL);
}

static uint32_t vm_ldl(CPUX86State *env, hwaddr a)
{
    return address_space_ldl_le(phys_as(env), a, cpu_get_mem_attrs(env), NULL);
}

static void vm_stq(CPUX86State *env, hwaddr a, uint64_t v)
{
    address_space_stq_le(phys_as(env), a, v, cpu_get_mem_attrs(env), NULL);
}

static void vm_stl(CPUX86State *env, hwaddr a, uint32_t v)
{
    address_space_stl_le(phys_as(env), a, v, cpu_get_mem_attrs(env), NULL);
}

/* svm_save_seg / svm_load_seg go through QEMU's physical MMU index,
 * which applies the A20 mask. */
static void svm_save_seg(CPUX86State *env, hwaddr addr, const SegmentCache *sc)
{
    hwaddr a20 = x86_a20_mask(env);
    MemTxAttrs attrs = cpu_get_mem_attrs(env);

    address_space_stw_le(phys_as(env), addr & a20, sc->selector, attrs, NULL);
    address_space_stq_le(phys_as(env), (addr + VMCB_SEG_BASE) & a20, sc->base, attrs, NULL);
    address_space_stl_le(phys_as(env), (addr + VMCB_SEG_LIMIT) & a20, sc->limit, attrs, NULL);
    address_space_stw_le(phys_as(env), (addr + VMCB_SEG_ATTRIB) & a20,
                         ((sc->flags >> 8) & 0xff) | ((sc->flags >> 12) & 0x0f00), attrs, NULL);
}

static void svm_load_seg_cache(CPUX86State *env, hwaddr addr, int seg)
{
    hwaddr a20 = x86_a20_mask(env);
    MemTxAttrs attrs = cpu_get_mem_attrs(env);
    uint32_t selector, limit, flags;
    uint32_t base;

    selector = address_space_lduw_le(phys_as(env), addr & a20, attrs, NULL);
    base = (uint32_t)address_space_ldq_le(phys_as(env), (addr + VMCB_SEG_BASE) & a20, attrs, NULL);
    limit = address_space_ldl_le(phys_as(env), (addr + VMCB_SEG_LIMIT) & a20, attrs, NULL);
    flags = address_space_lduw_le(phys_as(env), (addr + VMCB_SEG_ATTRIB) & a20, attrs, NULL);
    flags = ((flags & 0xff) << 8) | ((flags & 0x0f00) << 12);
    cpu_x86_load_seg_cache(env, seg, selector, base, limit, flags);
}

static G_NORETURN_FN void svm_vmexit_error(CPUX86State *env)
{
    const hwaddr vmcb = 0;      /* env->vm_vmcb: only VMRUN sets it */
    const hwaddr hsave = env->vm_hsave;

    /* cpu_vmexit */
    qemu_log_mask(CPU_LOG_TB_IN_ASM, "vmexit(%08x, %016" PRIx64 ", %016" PRIx64 ", %08x)!\n",
                  SVM_EXIT_ERR, (uint64_t)0, vm_ldq(env, vmcb + VMCB_CTRL_EXIT_INFO_2),
                  env->eip);
    /* exit_code is a uint32_t in cpu_vmexit: stored zero-extended */
    vm_stq(env, vmcb + VMCB_CTRL_EXIT_CODE, SVM_EXIT_ERR);
    vm_stq(env, vmcb + VMCB_CTRL_EXIT_INFO_1, 0);
    env->old_exception = -1;

    /* do_vmexit */
    if (env->hflags & HF_INHIBIT_IRQ_MASK) {
        vm_stl(env, vmcb + VMCB_CTRL_INT_STATE, 1);   /* SVM_INTERRUPT_SHADOW_MASK */
        env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    } else {
        vm_stl(env, vmcb + VMCB_CTRL_INT_STATE, 0);
    }
    env->hflags2 &= ~HF2_NPT_MASK;

    svm_save_seg(env, vmcb + VMCB_SAVE_ES, &env->segs[R_ES]);
    svm_save_seg(env, vmcb + VMCB_SAVE_CS, &env->segs[R_CS]);
    svm_save_seg(env, vmcb + VMCB_SAVE_SS, &env->segs[R_SS]);
    svm_save_seg(env, vmcb + VMCB_SAVE_DS, &env->segs[R_DS]);
    vm_stq(env, vmcb + VMCB_SAVE_GDTR + VMCB_SEG_BASE, env->gdt.base);
    vm_stl(env, vmcb + VMCB_SAVE_GDTR + VMCB_SEG_LIMIT, env->gdt.limit);
    vm_stq(env, vmcb + VMCB_SAVE_IDTR + VMCB_SEG_BASE, env->idt.base);
    vm_stl(env, vmcb + VMCB_SAVE_IDTR + VMCB_SEG_LIMIT, env->idt.limit);
    vm_stq(env, vmcb + VMCB_SAVE_EFER, env->efer);
    vm_stq(env, vmcb + VMCB_SAVE_CR0, env->cr[0]);
    vm_stq(env, vmcb + VMCB_SAVE_CR2, env->cr[2]);
    vm_stq(env, vmcb + VMCB_SAVE_CR3, env->cr[3]);
    vm_stq(env, vmcb + VMCB_SAVE_CR4, env->cr[4]);
    vm_stl(env, vmcb + VMCB_CTRL_INT_CTL, 0);                 /* env->int_ctl */
    vm_stq(env, vmcb + VMCB_SAVE_RFLAGS, cpu_compute_eflags(env));
    vm_stq(env, vmcb + VMCB_SAVE_RIP, env->eip);
    vm_stq(env, vmcb + VMCB_SAVE_RSP, env->regs[R_ESP]);
    vm_stq(env, vmcb + VMCB_SAVE_RAX, env->regs[R_EAX]);
    vm_stq(env, vmcb + VMCB_SAVE_DR7, env->dr[7]);
    vm_stq(env, vmcb + VMCB_SAVE_DR6, env->dr[6]);
    address_space_stb(phys_as(env), vmcb + VMCB_SAVE_CPL, env->hflags & HF_CPL_MASK,
                      cpu_get_mem_attrs(env), NULL);

    /* Reload the host state from vm_hsave */
    env->hflags2 &= ~(HF2_HIF_MASK | HF2_VINTR_MASK);
    env->tsc_offset = 0;

    env->gdt.base = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_GDTR + VMCB_SEG_BASE);
    env->gdt.limit = vm_ldl(env, hsave + VMCB_SAVE_GDTR + VMCB_SEG_LIMIT);
    env->idt.base = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_IDTR + VMCB_SEG_BASE);
    env->idt.limit = vm_ldl(env, hsave + VMCB_SAVE_IDTR + VMCB_SEG_LIMIT);

    cpu_x86_update_cr0(env, (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_CR0) | CR0_PE_MASK);
    cpu_x86_update_cr4(env, (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_CR4));
    cpu_x86_update_cr3(env, (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_CR3));
    /* cpu_load_efer: QEMU would also copy EFER.LMA/SVME into hflags,
     * which a 32-bit CPU cannot act on. */
    env->efer = vm_ldq(env, hsave + VMCB_SAVE_EFER);
    env->eflags = 0;
    cpu_load_eflags(env, (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_RFLAGS),
                    ~(CC_ALL | DF_MASK | VM_MASK));

    svm_load_seg_cache(env, hsave + VMCB_SAVE_ES, R_ES);
    svm_load_seg_cache(env, hsave + VMCB_SAVE_CS, R_CS);
    svm_load_seg_cache(env, hsave + VMCB_SAVE_SS, R_SS);
    svm_load_seg_cache(env, hsave + VMCB_SAVE_DS, R_DS);

    env->eip = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_RIP);
    env->regs[R_ESP] = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_RSP);
    env->regs[R_EAX] = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_RAX);
    env->dr[6] = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_DR6);
    env->dr[7] = (uint32_t)vm_ldq(env, hsave + VMCB_SAVE_DR7);

    vm_stl(env, vmcb + VMCB_CTRL_EXIT_INT_INFO, vm_ldl(env, vmcb + VMCB_CTRL_EVENT_INJ));
    vm_stl(env, vmcb + VMCB_CTRL_EXIT_INT_INFO_ERR, vm_ldl(env, vmcb + VMCB_CTRL_EVENT_INJ_ERR));
    vm_stl(env, vmcb + VMCB_CTRL_EVENT_INJ, 0);

    env->hflags2 &= ~(HF2_GIF_MASK | HF2_VGIF_MASK);

    env->exception_index = EXCP_NONE;
    cpu_loop_exit(env);
}

/* CR4 bits qemu32 may set: the complement of QEMU's CR4_RESERVED_MASK
 * minus the feature-dependent bits it lacks (OSXSAVE, SMEP, SMAP,
 * FSGSBASE, PKE, LA57, UMIP, PKS).  PCIDE (bit 17) stays writable: QEMU
 * does not tie it to CPUID.PCID. */
#define CR4_PCIDE_MASK (1u << 17)
#define CR4_QEMU32_VALID (CR4_VME_MASK | CR4_PVI_MASK | CR4_TSD_MASK | CR4_DE_MASK | \
                          CR4_PSE_MASK | CR4_PAE_MASK | CR4_MCE_MASK | CR4_PGE_MASK | \
                          CR4_PCE_MASK | CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK | \
                          CR4_PCIDE_MASK)

void helper_write_crN(CPUX86State *env, int reg, uint32_t val)
{
    check_crN(env, reg);
    switch (reg) {
    case 0:
        cpu_x86_update_cr0(env, val);
        break;
    case 3:
        cpu_x86_update_cr3(env, val);
        break;
    case 4:
        if (val & ~CR4_QEMU32_VALID) {
            svm_vmexit_error(env);
        }
        cpu_x86_update_cr4(env, val);
        break;
    default:
        env->cr[reg] = val;
        break;
    }
}

void helper_lmsw(CPUX86State *env, uint32_t val)
{
    /* Only the 4 lower bits of CR0 are modified; PE cannot be cleared. */
    helper_write_crN(env, 0, (env->cr[0] & ~0xeu) | (val & 0xf));
}

void helper_clts(CPUX86State *env)
{
    env->cr[0] &= ~CR0_TS_MASK;
    env->hflags &= ~HF_TS_MASK;
}
