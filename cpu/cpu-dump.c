/*
 * x86_cpu_dump_state: the register dump of `info registers` and "-d cpu",
 * byte for byte as QEMU 7.2's target/i386/cpu-dump.c prints it for a
 * 32-bit target (qemu-system-i386).
 *
 * Callers: the monitor's `info registers` prints "\nCPU#0\n" itself and
 * then the dump with CPU_DUMP_FPU; "-d cpu" logs the dump with
 * CPU_DUMP_CCOP (plus CPU_DUMP_FPU with "-d cpu,fpu"); "-d int" and
 * "-d pcall" dump with CPU_DUMP_CCOP.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include "cpu/cpu.h"
#include "cpu/excp_helper.h"

/*
 * QEMU's cc_op_str has CC_OP_NB entries but names only up to "CLR": the
 * entry for CC_OP_POPCNT is NULL, which glibc's printf shows as "(null)".
 */
static const char *const cc_op_str[CC_OP_NB] = {
    "DYNAMIC", "EFLAGS",
    "MULB", "MULW", "MULL", "MULQ",
    "ADDB", "ADDW", "ADDL", "ADDQ",
    "ADCB", "ADCW", "ADCL", "ADCQ",
    "SUBB", "SUBW", "SUBL", "SUBQ",
    "SBBB", "SBBW", "SBBL", "SBBQ",
    "LOGICB", "LOGICW", "LOGICL", "LOGICQ",
    "INCB", "INCW", "INCL", "INCQ",
    "DECB", "DECW", "DECL", "DECQ",
    "SHLB", "SHLW", "SHLL", "SHLQ",
    "SARB", "SARW", "SARL", "SARQ",
    "BMILGB", "BMILGW", "BMILGL", "BMILGQ",
    "ADCX", "ADOX", "ADCOX",
    "CLR",
};

static const char *const sys_type_name[16] = {
    "Reserved", "TSS16-avl", "LDT", "TSS16-busy",
    "CallGate16", "TaskGate", "IntGate16", "TrapGate16",
    "Reserved", "TSS32-avl", "Reserved", "TSS32-busy",
    "CallGate32", "Reserved", "IntGate32", "TrapGate32"
};

static void dump_seg_cache(CPUX86State *env, FILE *f, const char *name,
                           const SegmentCache *sc)
{
    fprintf(f, "%-3s=%04x %08x %08x %08x", name, sc->selector, sc->base,
            sc->limit, sc->flags & 0x00ffff00);

    if ((env->hflags & HF_PE_MASK) && (sc->flags & DESC_P_MASK)) {
        fprintf(f, " DPL=%d ", (sc->flags & DESC_DPL_MASK) >> DESC_DPL_SHIFT);
        if (sc->flags & DESC_S_MASK) {
            if (sc->flags & DESC_CS_MASK) {
                /* (DESC_L, bit 21, only counts on a 64-bit target) */
                fputs((sc->flags & DESC_B_MASK) ? "CS32" : "CS16", f);
                fprintf(f, " [%c%c", (sc->flags & DESC_C_MASK) ? 'C' : '-',
                        (sc->flags & DESC_R_MASK) ? 'R' : '-');
            } else {
                fputs((sc->flags & DESC_B_MASK) ? "DS  " : "DS16", f);
                fprintf(f, " [%c%c", (sc->flags & DESC_E_MASK) ? 'E' : '-',
                        (sc->flags & DESC_W_MASK) ? 'W' : '-');
            }
            fprintf(f, "%c]", (sc->flags & DESC_A_MASK) ? 'A' : '-');
        } else {
            fputs(sys_type_name[(sc->flags & DESC_TYPE_MASK) >> DESC_TYPE_SHIFT], f);
        }
    }
    fputc('\n', f);
}

#define DUMP_CODE_BYTES_TOTAL    50
#define DUMP_CODE_BYTES_BACKWARD 20

void x86_cpu_dump_state(CPUX86State *env, FILE *f, int flags)
{
    static const char *const seg_name[6] = { "ES", "CS", "SS", "DS", "FS", "GS" };
    uint32_t eflags = cpu_compute_eflags(env);
    int i;

    fprintf(f, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n"
            "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n"
            "EIP=%08x EFL=%08x [%c%c%c%c%c%c%c] CPL=%d II=%d A20=%d SMM=%d HLT=%d\n",
            env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX],
            env->regs[R_ESI], env->regs[R_EDI], env->regs[R_EBP], env->regs[R_ESP],
            env->eip, eflags,
            eflags & DF_MASK ? 'D' : '-',
            eflags & CC_O ? 'O' : '-',
            eflags & CC_S ? 'S' : '-',
            eflags & CC_Z ? 'Z' : '-',
            eflags & CC_A ? 'A' : '-',
            eflags & CC_P ? 'P' : '-',
            eflags & CC_C ? 'C' : '-',
            env->hflags & HF_CPL_MASK,
            (env->hflags & HF_INHIBIT_IRQ_MASK) ? 1 : 0,
            (env->a20_mask >> 20) & 1,
            (env->hflags & HF_SMM_MASK) ? 1 : 0,
            env->halted ? 1 : 0);

    for (i = 0; i < 6; i++) {
        dump_seg_cache(env, f, seg_name[i], &env->segs[i]);
    }
    dump_seg_cache(env, f, "LDT", &env->ldt);
    dump_seg_cache(env, f, "TR", &env->tr);

    fprintf(f, "GDT=     %08x %08x\n", env->gdt.base, env->gdt.limit);
    fprintf(f, "IDT=     %08x %08x\n", env->idt.base, env->idt.limit);
    fprintf(f, "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n",
            env->cr[0], env->cr[2], env->cr[3], env->cr[4]);
    for (i = 0; i < 4; i++) {
        fprintf(f, "DR%d=%08x ", i, env->dr[i]);
    }
    fprintf(f, "\nDR6=%08x DR7=%08x\n", env->dr[6], env->dr[7]);

    if (flags & CPU_DUMP_CCOP) {
        char cc_op_name[32];
        if ((unsigned)env->cc_op < CC_OP_NB) {
            const char *s = cc_op_str[env->cc_op];
            snprintf(cc_op_name, sizeof(cc_op_name), "%s", s ? s : "(null)");
        } else {
            snprintf(cc_op_name, sizeof(cc_op_name), "[%d]", env->cc_op);
        }
        fprintf(f, "CCS=%08x CCD=%08x CCO=%s\n", env->cc_src, env->cc_dst, cc_op_name);
    }
    fprintf(f, "EFER=%016" PRIx64 "\n", env->efer);

    if (flags & CPU_DUMP_FPU) {
        int fptag = 0;
        for (i = 0; i < 8; i++) {
            fptag |= (!env->fptags[i]) << i;
        }
        fprintf(f, "FCW=%04x FSW=%04x [ST=%d] FTW=%02x MXCSR=%08x\n",
                env->fpuc,
                (env->fpus & ~0x3800) | (env->fpstt & 0x7) << 11,
                env->fpstt, fptag, env->mxcsr);
        for (i = 0; i < 8; i++) {
            fprintf(f, "FPR%d=%016" PRIx64 " %04x", i,
                    env->fpregs[i].mant, env->fpregs[i].exp);
            fputc((i & 1) ? '\n' : ' ', f);
        }
        /* XCR0 is always x87-only here (qemu32 has no XSAVE), so QEMU
         * takes its "SSE and below" branch. */
        for (i = 0; i < 8; i++) {
            fprintf(f, "XMM%02d=%016" PRIx64 " %016" PRIx64 "%s", i,
                    env->xmm[i].q[1], env->xmm[i].q[0], (i & 1) ? "\n" : " ");
        }
    }

    if (flags & CPU_DUMP_CODE) {
        uint32_t base = env->segs[R_CS].base + env->eip;
        uint32_t offs = env->eip < DUMP_CODE_BYTES_BACKWARD ? env->eip
                                                              : DUMP_CODE_BYTES_BACKWARD;

        fputs("Code=", f);
        for (i = 0; i < DUMP_CODE_BYTES_TOTAL; i++) {
            uint8_t code;
            char codestr[3];
            if (x86_cpu_memory_rw_debug(env, base - offs + i, &code, 1, false) == 0) {
                snprintf(codestr, sizeof(codestr), "%02x", code);
            } else {
                snprintf(codestr, sizeof(codestr), "??");
            }
            fprintf(f, "%s%s%s%s", i > 0 ? " " : "",
                    (uint32_t)i == offs ? "<" : "", codestr, (uint32_t)i == offs ? ">" : "");
        }
        fputc('\n', f);
    }
}
