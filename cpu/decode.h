/*
 * Decoder options that change how blocks are formed (QEMU's cflags).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CPU_DECODE_H
#define CPU_DECODE_H

#include <stdbool.h>

typedef struct X86DecodeOptions {
    bool singlestep;            /* -singlestep: one instruction per block */
    bool nochain;               /* -d nochain */
    bool icount;                /* -icount (a later issue) */
} X86DecodeOptions;

extern X86DecodeOptions x86_decode_opts;

#endif
