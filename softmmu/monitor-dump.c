/*
 * x and xp: QEMU 7.2's memory_dump (monitor/misc.c) and, for /i,
 * monitor_disas with capstone (disas.c, disas/capstone.c), on CPU 0.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "softmmu/monitor-dump.h"
#include "softmmu/physmem.h"
#include "softmmu/runstate.h"
#include "cpu/cpu.h"
#include "cpu/disas.h"
#include "cpu/excp_helper.h"

#define PAGE_SIZE 4096u

/*
 * cpu_memory_rw_debug with QEMU's 64-bit vaddr: x takes its address as a
 * sign-extended target_long, so 0xfffffff0 arrives as 0xfffffffffffffff0.
 * With paging off the A20-masked address is the physical one (beyond 4G:
 * unassigned, "Cannot access memory"); the page walk uses bits 12-31.
 */
static bool read_virt(CPUX86State *env, uint64_t addr, uint8_t *buf, size_t len)
{
    AddressSpace *as = (env->hflags & HF_SMM_MASK) ? env->as_smm : env->as;

    while (len > 0) {
        uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);
        size_t l = MIN(len, page + PAGE_SIZE - addr);
        hwaddr phys;

        if (env->cr[0] & CR0_PG_MASK) {
            phys = x86_cpu_get_phys_page_debug(env, (uint32_t)page);
            if (phys == (hwaddr)-1) {
                return false;
            }
        } else {
            phys = page & x86_a20_mask(env);
        }
        phys += addr & (PAGE_SIZE - 1);
        if (address_space_read(as, phys, MEMTXATTRS_UNSPECIFIED, buf, l) != MEMTX_OK) {
            return false;
        }
        len -= l;
        buf += l;
        addr += l;
    }
    return true;
}

/* physical_read_memory: through the CPU's address space (cs->as). */
static bool read_phys(CPUX86State *env, uint64_t addr, uint8_t *buf, size_t len)
{
    return address_space_read(env->as, addr, MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

static bool read_mem(CPUX86State *env, bool physical, uint64_t addr, uint8_t *buf,
                     size_t len)
{
    return physical ? read_phys(env, addr, buf, len) : read_virt(env, addr, buf, len);
}

/* cap_disas_monitor: a 32-byte window refilled up to the next 1 KiB
 * boundary, one instruction at a time. */
static void monitor_disas(GString *out, CPUX86State *env, uint32_t pc32, int count,
                          bool physical)
{
    int bits = (env->hflags & HF_CS32_MASK) ? 32 : 16;
    uint8_t buf[32];
    size_t csize = 0;
    uint64_t pc = pc32;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    if (!f) {
        return;
    }
    for (;;) {
        uint64_t epc = (pc + csize + 1 + 1023) & ~(uint64_t)1023;
        size_t tsize = MIN(sizeof(buf) - csize, epc - pc);
        const uint8_t *cbuf = buf;

        if (!read_mem(env, physical, pc + csize, buf + csize, tsize)) {
            fprintf(f, "0x%08" PRIx64 ": unable to read memory\n", pc);
            break;
        }
        csize += tsize;
        if (x86_disas_iter(f, &cbuf, &csize, &pc, bits) && --count <= 0) {
            break;
        }
        memmove(buf, cbuf, csize);
    }
    fclose(f);
    g_string_append_len(out, text, (gssize)len);
    free(text);
}

/* monitor_printc */
static void print_char(GString *out, unsigned c)
{
    switch (c) {
    case '\'': g_string_append(out, "'\\''"); break;
    case '\\': g_string_append(out, "'\\\\'"); break;
    case '\n': g_string_append(out, "'\\n'"); break;
    case '\r': g_string_append(out, "'\\r'"); break;
    default:
        if (c >= 32 && c <= 126) {
            g_string_append_printf(out, "'%c'", c);
        } else {
            g_string_append_printf(out, "'\\x%02x'", c);
        }
    }
}

static uint64_t load_le(const uint8_t *p, int size)
{
    uint64_t v = 0;

    for (int i = size - 1; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void print_value(GString *out, int format, int digits, uint64_t v)
{
    g_string_append_c(out, ' ');
    switch (format) {
    case 'o': g_string_append_printf(out, "%#*" PRIo64, digits, v); break;
    case 'x': g_string_append_printf(out, "0x%0*" PRIx64, digits, v); break;
    case 'u': g_string_append_printf(out, "%*" PRIu64, digits, v); break;
    case 'd': g_string_append_printf(out, "%*" PRId64, digits, (int64_t)v); break;
    case 'c': print_char(out, (unsigned)v); break;
    }
}

void monitor_memory_dump(GString *out, int count, int format, int wsize, uint64_t addr,
                         bool physical)
{
    CPUX86State *env = x86slice_first_cpu();
    int len, line_size, digits = 0;
    uint8_t buf[16];

    if (!env) {
        g_string_append(out, "Can not dump without CPU\n");
        return;
    }
    if (format == 'i') {
        monitor_disas(out, env, (uint32_t)addr, count, physical);
        return;
    }
    len = (int)((unsigned)wsize * (unsigned)count);     /* QEMU's int */
    line_size = wsize == 1 ? 8 : 16;
    switch (format) {
    case 'o': digits = (wsize * 8 + 2) / 3; break;
    case 'u': case 'd': digits = (wsize * 8 * 10 + 32) / 33; break;
    case 'c': wsize = 1; break;
    default: digits = wsize * 8 / 4; break;     /* 'x' */
    }
    while (len > 0) {
        int l = MIN(len, line_size);

        if (physical) {
            g_string_append_printf(out, "%016" PRIx64 ":", addr);
        } else {
            g_string_append_printf(out, "%08" PRIx32 ":", (uint32_t)addr);
        }
        if (!read_mem(env, physical, addr, buf, (size_t)l)) {
            g_string_append(out, " Cannot access memory\n");
            break;
        }
        for (int i = 0; i < l; i += wsize) {
            print_value(out, format, digits, load_le(buf + i, wsize));
        }
        g_string_append_c(out, '\n');
        addr += (uint64_t)l;
        len -= l;
    }
}
