/*
 * -d in_asm: capstone disassembly of translated blocks, formatted exactly as
 * QEMU 7.2 prints it (accel/tcg/translator.c, target/i386 disas_log,
 * disas.c target_disas, disas/capstone.c cap_disas_target).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_DISAS_H
#define CPU_DISAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Print one translated block as QEMU's -d in_asm does: the
 * "----------------\nIN: \n" header, one line per instruction, and the
 * closing blank line.  pc is the linear address of the first byte (cs_base + eip),
 * code/size the block's bytes, code_bits 16 or 32 (CS.D).
 *
 * Like qemu-system-i386, pc is taken as a 32-bit target address; the
 * addresses of later instructions are not wrapped (a block that runs past
 * 0xffffffff prints 0x100000000).  code_bits 64 selects capstone's 64-bit
 * mode.  The capstone handles are opened on first use and kept; not
 * thread-safe. */
void x86_log_in_asm(FILE *f, uint64_t pc, const uint8_t *code, size_t size, int code_bits);

/* The same with QEMU's symbol lookup result after "IN: ".  QEMU prints the
 * name of the ELF function symbol covering pc when a -kernel ELF image
 * (multiboot or PVH) was loaded, e.g. "IN: _start": symbols of type
 * STT_FUNC with a defined section, sorted by address; a zero st_size
 * becomes the distance to the next symbol, except for the last one, which
 * then never matches; pc matches when value <= pc < value + size.
 * NULL or "" prints "IN: ". */
void x86_log_in_asm_sym(FILE *f, const char *symbol, uint64_t pc,
                        const uint8_t *code, size_t size, int code_bits);

/* Just the instruction lines (QEMU's target_disas), without the header and
 * the closing blank line. */
void x86_disas_block(FILE *f, uint64_t pc, const uint8_t *code, size_t size, int code_bits);

/* The monitor's x/xp /i (disas/capstone.c cap_disas_monitor): decode one
 * instruction from *code (*size bytes, at address *pc) and print its
 * line; on success advance *code, *size and *pc past it, as capstone's
 * cs_disasm_iter does.  False if the bytes do not hold a whole one. */
bool x86_disas_iter(FILE *f, const uint8_t **code, size_t *size, uint64_t *pc,
                    int code_bits);

#endif
