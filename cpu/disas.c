/*
 * -d in_asm for the x86 target, matching QEMU 7.2 byte for byte.
 *
 * What QEMU does (and so what this file reproduces):
 *  - translator_loop prints "----------------\n", the target's disas_log hook
 *    prints "IN: <symbol>\n" (no symbols for a BIOS: "IN: \n"; ELF function
 *    names for a -kernel ELF image, see x86_log_in_asm_sym) and the
 *    instructions, then translator_loop prints "\n".
 *  - The instructions come from capstone, mode 16/32/64 from CS.D/CS.L,
 *    with CS_OPT_SKIPDATA on (undecodable bytes become ".byte 0xNN", one
 *    byte at a time for x86) and AT&T syntax; no detail.
 *  - Each line is "0x%08" PRIx64 ": " then " %02x" for the first 8 bytes,
 *    blanks up to 8 bytes' worth, "  %-8s %s\n" (mnemonic, operands); the
 *    remaining bytes of a longer instruction go on continuation lines of up
 *    to 8 bytes each, "0x%08" PRIx64 ": " followed by the bytes.
 *  - QEMU reads the block through a 1 KiB buffer and runs capstone over each
 *    buffer-full separately.  With SKIPDATA the decoder never leaves bytes
 *    behind, so an instruction that straddles a 1 KiB boundary of the block
 *    is printed as ".byte" lines up to the boundary and decoding restarts
 *    there (the rest of the block then often decodes out of step).  This is
 *    reproduced, quirk included.
 *  - If capstone cannot be opened QEMU falls back to a hex dump
 *    ("OBJD-T: " lines of 32 bytes).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <capstone.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include "cpu/disas.h"

/* QEMU's cap_disas_target buffer and x86_disas_set_info's byte split. */
#define DISAS_CHUNK  1024
#define INSN_SPLIT   8

enum { MODE_16, MODE_32, MODE_64, NMODES };

static struct {
    bool tried;        /* cs_open attempted */
    bool ok;
    csh handle;
    cs_insn *insn;
} cap[NMODES];

static const char hexdig[] = "0123456789abcdef";

/* The handle for one mode, opened on first use with QEMU's options. */
static bool cap_get(int mode, csh *handle, cs_insn **insn)
{
    static const cs_mode modes[NMODES] = { CS_MODE_16, CS_MODE_32, CS_MODE_64 };

    if (!cap[mode].tried) {
        cap[mode].tried = true;
        if (cs_open(CS_ARCH_X86, modes[mode] | CS_MODE_LITTLE_ENDIAN,
                    &cap[mode].handle) == CS_ERR_OK) {
            cs_option(cap[mode].handle, CS_OPT_SKIPDATA, CS_OPT_ON);
            /* Errors ignored, as QEMU does (Intel syntax then). */
            cs_option(cap[mode].handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
            cap[mode].insn = cs_malloc(cap[mode].handle);
            if (cap[mode].insn) {
                cap[mode].ok = true;
            } else {
                cs_close(&cap[mode].handle);
            }
        }
    }
    *handle = cap[mode].handle;
    *insn = cap[mode].insn;
    return cap[mode].ok;
}

/* "0x%08" PRIx64 ": " into p; returns the end. */
static char *put_addr(char *p, uint64_t addr)
{
    int n = 0;
    uint64_t a = addr;

    do {
        n++;
        a >>= 4;
    } while (a);
    if (n < 8) {
        n = 8;
    }
    *p++ = '0';
    *p++ = 'x';
    for (int i = n - 1; i >= 0; i--) {
        *p++ = hexdig[(addr >> (4 * i)) & 0xf];
    }
    *p++ = ':';
    *p++ = ' ';
    return p;
}

/* " %02x" for bytes [from, to) */
static char *put_bytes(char *p, const uint8_t *b, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        *p++ = ' ';
        *p++ = hexdig[b[i] >> 4];
        *p++ = hexdig[b[i] & 0xf];
    }
    return p;
}

static void dump_insn(FILE *f, const cs_insn *insn)
{
    /* address + 8 bytes + "  " + mnemonic padded + " " + operands + "\n" */
    char line[32 + 3 * INSN_SPLIT + sizeof(insn->mnemonic) + sizeof(insn->op_str) + 8];
    size_t n = insn->size;
    size_t first = n < INSN_SPLIT ? n : INSN_SPLIT;
    size_t mlen = strnlen(insn->mnemonic, sizeof(insn->mnemonic));
    size_t olen = strnlen(insn->op_str, sizeof(insn->op_str));
    char *p = line;

    p = put_addr(p, insn->address);
    p = put_bytes(p, insn->bytes, 0, first);
    if (n < INSN_SPLIT) {
        memset(p, ' ', 3 * (INSN_SPLIT - n));
        p += 3 * (INSN_SPLIT - n);
    }
    *p++ = ' ';
    *p++ = ' ';
    memcpy(p, insn->mnemonic, mlen);
    p += mlen;
    if (mlen < 8) {
        memset(p, ' ', 8 - mlen);
        p += 8 - mlen;
    }
    *p++ = ' ';
    memcpy(p, insn->op_str, olen);
    p += olen;
    *p++ = '\n';
    fwrite(line, 1, p - line, f);

    for (size_t i = INSN_SPLIT; i < n; i += INSN_SPLIT) {
        p = put_addr(line, insn->address + i);
        p = put_bytes(p, insn->bytes, i, n < i + INSN_SPLIT ? n : i + INSN_SPLIT);
        *p++ = '\n';
        fwrite(line, 1, p - line, f);
    }
}

/* disas.c print_insn_objdump with the "OBJD-T" prefix: the whole block in
 * one go, 32 bytes a line. */
static void dump_objdump(FILE *f, uint64_t pc, const uint8_t *code, size_t size)
{
    if (size == 0) {
        return;
    }
    fprintf(f, "0x%08" PRIx64 ":  ", pc);
    for (size_t i = 0; i < size; i++) {
        if (i % 32 == 0) {
            fputs("\nOBJD-T: ", f);
        }
        fprintf(f, "%02x", code[i]);
    }
    fputc('\n', f);
}

void x86_disas_block(FILE *f, uint64_t pc, const uint8_t *code, size_t size, int code_bits)
{
    int mode = code_bits == 64 ? MODE_64 : code_bits == 32 ? MODE_32 : MODE_16;
    csh handle;
    cs_insn *insn;
    size_t pending = 0;     /* bytes capstone left in the buffer */
    const uint8_t *next = code;

    /* target_disas takes a target_ulong */
    pc = (uint32_t)pc;
    if (!cap_get(mode, &handle, &insn)) {
        dump_objdump(f, pc, code, size);
        return;
    }

    for (;;) {
        /* Refill the 1 KiB buffer: its contents are always the bytes just
         * before `next` that capstone left plus the following ones, which
         * are contiguous in `code` already. */
        size_t take = DISAS_CHUNK - pending < size ? DISAS_CHUNK - pending : size;
        const uint8_t *buf = next - pending;
        size_t avail = pending + take;

        size -= take;
        next += take;
        while (cs_disasm_iter(handle, &buf, &avail, &pc, insn)) {
            dump_insn(f, insn);
        }
        pending = avail;
        if (size != 0) {
            if (take == 0) {
                break;      /* no progress possible (QEMU would spin) */
            }
            continue;
        }
        if (pending != 0) {
            fputs("Disassembler disagrees with translator over instruction decoding\n"
                  "Please report this to qemu-devel@nongnu.org\n", f);
        }
        break;
    }
}

bool x86_disas_iter(FILE *f, const uint8_t **code, size_t *size, uint64_t *pc,
                    int code_bits)
{
    int mode = code_bits == 64 ? MODE_64 : code_bits == 32 ? MODE_32 : MODE_16;
    csh handle;
    cs_insn *insn;

    if (!cap_get(mode, &handle, &insn) || !cs_disasm_iter(handle, code, size, pc, insn)) {
        return false;
    }
    dump_insn(f, insn);
    return true;
}

void x86_log_in_asm_sym(FILE *f, const char *symbol, uint64_t pc,
                        const uint8_t *code, size_t size, int code_bits)
{
    fprintf(f, "----------------\nIN: %s\n", symbol ? symbol : "");
    x86_disas_block(f, pc, code, size, code_bits);
    fputc('\n', f);
}

void x86_log_in_asm(FILE *f, uint64_t pc, const uint8_t *code, size_t size, int code_bits)
{
    fputs("----------------\nIN: \n", f);
    x86_disas_block(f, pc, code, size, code_bits);
    fputc('\n', f);
}
