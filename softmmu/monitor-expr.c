/*
 * HMP expressions: the address argument of x/xp (QEMU 7.2 monitor/hmp.c
 * get_expr and expr_*; registers from target/i386/monitor.c monitor_defs).
 * Values are int64_t as in QEMU; 32-bit registers are sign-extended
 * (MD_TLONG / MD_I32 on a 32-bit target), which shows in x/xp.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "softmmu/monitor-expr.h"
#include "softmmu/monitor.h"
#include "softmmu/runstate.h"
#include "cpu/cpu.h"

typedef struct Expr {
    const char *pch;
    GString *out;
    bool failed;
} Expr;

/* expr_error: the message and a newline; parsing unwinds from here
 * (QEMU longjmps; every caller returns as soon as failed is set). */
static int64_t expr_error(Expr *e, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static int64_t expr_error(Expr *e, const char *fmt, ...)
{
    va_list ap;

    if (!e->failed) {
        va_start(ap, fmt);
        g_string_append_vprintf(e->out, fmt, ap);
        va_end(ap);
        g_string_append_c(e->out, '\n');
        e->failed = true;
    }
    return 0;
}

static void skip_space(Expr *e)
{
    while (isspace((unsigned char)*e->pch)) {
        e->pch++;
    }
}

static void next(Expr *e)
{
    if (*e->pch != '\0') {
        e->pch++;
        skip_space(e);
    }
}

/* monitor_defs: the general registers, eflags, eip, the segment
 * registers with .base and .limit, and pc (cs.base + eip). */
static bool register_value(const char *name, int64_t *val)
{
    static const char *const gpr[8] = { "eax", "ecx", "edx", "ebx", "esp|sp", "ebp|fp",
                                        "esi", "edi" };
    static const char *const seg[6] = { "es", "cs", "ss", "ds", "fs", "gs" };
    CPUX86State *env = x86slice_first_cpu();
    const char *dot = strchr(name, '.');

    if (!env) {
        return false;
    }
    for (int i = 0; i < 8; i++) {
        if (hmp_compare_cmd(name, gpr[i])) {
            *val = (int32_t)env->regs[i];
            return true;
        }
    }
    if (strcmp(name, "eflags") == 0 || strcmp(name, "eip") == 0 || strcmp(name, "pc") == 0) {
        uint32_t v = name[1] == 'f' ? cpu_compute_eflags(env) :
                     name[1] == 'i' ? env->eip : env->eip + env->segs[R_CS].base;
        *val = (int32_t)v;
        return true;
    }
    for (int i = 0; i < 6; i++) {
        size_t n = dot ? (size_t)(dot - name) : strlen(name);

        if (n != 2 || strncmp(name, seg[i], 2) != 0) {
            continue;
        }
        if (!dot) {
            *val = (int32_t)env->segs[i].selector;
        } else if (strcmp(dot, ".base") == 0) {
            *val = (int32_t)env->segs[i].base;
        } else if (strcmp(dot, ".limit") == 0) {
            *val = (int32_t)env->segs[i].limit;
        } else {
            return false;
        }
        return true;
    }
    return false;
}

static int64_t expr_sum(Expr *e);

static int64_t expr_register(Expr *e)
{
    char buf[128];
    size_t n = 0;
    int64_t v = 0;

    e->pch++;
    while (isalnum((unsigned char)*e->pch) || *e->pch == '_' || *e->pch == '.') {
        if (n < sizeof(buf) - 1) {
            buf[n++] = *e->pch;
        }
        e->pch++;
    }
    buf[n] = '\0';
    skip_space(e);
    if (!register_value(buf, &v)) {
        return expr_error(e, "unknown register");
    }
    return v;
}

static int64_t expr_number(Expr *e)
{
    char *end;
    int64_t n;

    errno = 0;
    n = (int64_t)strtoull(e->pch, &end, 0);
    if (errno == ERANGE) {
        return expr_error(e, "number too large");
    }
    if (end == e->pch) {
        return expr_error(e, "invalid char '%c' in expression", *end);
    }
    e->pch = end;
    skip_space(e);
    return n;
}

static int64_t expr_unary(Expr *e)
{
    int64_t n;

    if (e->failed) {
        return 0;
    }
    switch (*e->pch) {
    case '+':
        next(e);
        return expr_unary(e);
    case '-':
        next(e);
        return (int64_t)(0 - (uint64_t)expr_unary(e));
    case '~':
        next(e);
        return ~expr_unary(e);
    case '(':
        next(e);
        n = expr_sum(e);
        if (!e->failed && *e->pch != ')') {
            return expr_error(e, "')' expected");
        }
        next(e);
        return n;
    case '\'':
        e->pch++;
        if (*e->pch == '\0') {
            return expr_error(e, "character constant expected");
        }
        n = (signed char)*e->pch++;
        if (*e->pch != '\'') {
            return expr_error(e, "missing terminating ' character");
        }
        next(e);
        return n;
    case '$':
        return expr_register(e);
    case '\0':
        return expr_error(e, "unexpected end of expression");
    default:
        return expr_number(e);
    }
}

/* Two's-complement arithmetic, as QEMU's int64_t operations wrap. */
static int64_t expr_prod(Expr *e)
{
    int64_t val = expr_unary(e);

    while (!e->failed && (*e->pch == '*' || *e->pch == '/' || *e->pch == '%')) {
        int op = *e->pch;
        int64_t val2;

        next(e);
        val2 = expr_unary(e);
        if (e->failed) {
            break;
        }
        if (op == '*') {
            val = (int64_t)((uint64_t)val * (uint64_t)val2);
        } else if (val2 == 0) {
            return expr_error(e, "division by zero");
        } else if (val2 == -1) {
            /* INT64_MIN / -1 traps on x86 hosts; the wrapped result */
            val = op == '/' ? (int64_t)(0 - (uint64_t)val) : 0;
        } else {
            val = op == '/' ? val / val2 : val % val2;
        }
    }
    return val;
}

static int64_t expr_logic(Expr *e)
{
    int64_t val = expr_prod(e);

    while (!e->failed && (*e->pch == '&' || *e->pch == '|' || *e->pch == '^')) {
        int op = *e->pch;
        int64_t val2;

        next(e);
        val2 = expr_prod(e);
        val = op == '&' ? val & val2 : op == '|' ? val | val2 : val ^ val2;
    }
    return val;
}

static int64_t expr_sum(Expr *e)
{
    int64_t val = expr_logic(e);

    while (!e->failed && (*e->pch == '+' || *e->pch == '-')) {
        int op = *e->pch;
        uint64_t val2;

        next(e);
        val2 = (uint64_t)expr_logic(e);
        val = (int64_t)(op == '+' ? (uint64_t)val + val2 : (uint64_t)val - val2);
    }
    return val;
}

bool monitor_get_expr(GString *out, const char **pp, int64_t *val)
{
    Expr e = { .pch = *pp, .out = out };

    skip_space(&e);
    *val = expr_sum(&e);
    *pp = e.pch;
    return !e.failed;
}
