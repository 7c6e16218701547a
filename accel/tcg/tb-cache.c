/*
 * The decode cache (QEMU's TB hash table, per-page TB lists and
 * tb_jmp_cache, without host code).
 *
 *  - A block is found by (host address of its first byte, pc, cs_base,
 *    flags), like QEMU's tb_htable_lookup, after a fast check of the
 *    per-CPU jump cache keyed by virtual pc (flushed with the TLB).
 *  - Every RAM page holding decoded code is recorded; TLB write entries
 *    to it get TLB_NOTDIRTY, and a store there drops the blocks whose
 *    bytes it overlaps (QEMU's tb_invalidate_phys_page_fast), so
 *    self-modifying code sees its new bytes.
 *  - Code outside RAM (MMIO, unassigned) is decoded for one run and
 *    dropped, as QEMU does with its one-shot TBs.
 *  - When the cache holds too much, everything is dropped (tb_flush).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include "accel/tcg/tb-cache.h"
#include "accel/tcg/cputlb.h"
#include "cpu/decode.h"
#include "softmmu/physmem.h"

#define JMP_CACHE_BITS  12
#define JMP_CACHE_SIZE  (1u << JMP_CACHE_BITS)
#define HASH_BITS       16
#define HASH_SIZE       (1u << HASH_BITS)
/* QEMU flushes when its code buffer is full; we when this much is held. */
#define TB_CACHE_LIMIT  (128u << 20)

typedef struct CodePage {
    TranslationBlock *tbs;      /* linked through page_next[0 or 1] */
} CodePage;

__thread TranslationBlock *tb_current;
uint32_t tb_gen;

static CPUX86State *cache_env;
static TranslationBlock *hash_table[HASH_SIZE];
static GHashTable *code_pages;  /* host page address -> CodePage */
static size_t cache_bytes;
static TranslationBlock *zombies;   /* invalidated while running */

static inline uintptr_t host_page(const uint8_t *host)
{
    return (uintptr_t)host & ~(uintptr_t)(TARGET_PAGE_SIZE - 1);
}

static inline unsigned jmp_hash(uint32_t pc)
{
    return (pc ^ (pc >> JMP_CACHE_BITS)) & (JMP_CACHE_SIZE - 1);
}

static inline unsigned tb_hash(const uint8_t *host, uint32_t pc, uint32_t flags)
{
    uint64_t h = (uintptr_t)host * 0x9e3779b97f4a7c15ull;
    h ^= ((uint64_t)pc << 17) ^ flags;
    h *= 0xff51afd7ed558ccdull;
    return (unsigned)(h >> (64 - HASH_BITS));
}

void tb_jmp_cache_clear(CPUX86State *env)
{
    tb_gen++;
    if (env->jmp_cache) {
        memset(env->jmp_cache, 0, JMP_CACHE_SIZE * sizeof(*env->jmp_cache));
    }
}

void tb_jmp_cache_clear_page(CPUX86State *env, uint32_t page)
{
    tb_gen++;
    if (!env->jmp_cache) {
        return;
    }
    /* A block may start on the page before and run into this one. */
    for (unsigned i = 0; i < JMP_CACHE_SIZE; i++) {
        TranslationBlock *tb = env->jmp_cache[i];
        if (tb && (((tb->pc & TARGET_PAGE_MASK) == page) ||
                   (((tb->pc + tb->size - 1) & TARGET_PAGE_MASK) == page))) {
            env->jmp_cache[i] = NULL;
        }
    }
}

bool tb_page_has_code(uint8_t *host)
{
    return code_pages && g_hash_table_contains(code_pages, (gpointer)host_page(host));
}

/* ---- page lists ---------------------------------------------------------------- */

static void page_add(TranslationBlock *tb, int n)
{
    gpointer key = (gpointer)host_page(tb->host[n]);
    CodePage *cp = g_hash_table_lookup(code_pages, key);

    if (!cp) {
        cp = g_new0(CodePage, 1);
        g_hash_table_insert(code_pages, key, cp);
        /* Stores to this page must now come through the slow path. */
        tlb_reset_dirty(cache_env, (uint8_t *)key);
    }
    tb->page_next[n] = cp->tbs;
    /* Tag the link with the page index in its low bit. */
    cp->tbs = (TranslationBlock *)((uintptr_t)tb | (uintptr_t)n);
}

static void page_remove(TranslationBlock *tb, int n)
{
    gpointer key = (gpointer)host_page(tb->host[n]);
    CodePage *cp = g_hash_table_lookup(code_pages, key);
    TranslationBlock **pp;

    if (!cp) {
        return;
    }
    for (pp = &cp->tbs; *pp; ) {
        TranslationBlock *t = (TranslationBlock *)((uintptr_t)*pp & ~(uintptr_t)1);
        int tn = (uintptr_t)*pp & 1;
        if (t == tb && tn == n) {
            *pp = t->page_next[tn];
            break;
        }
        pp = &t->page_next[tn];
    }
    if (!cp->tbs) {
        g_hash_table_remove(code_pages, key);   /* frees cp */
    }
}

static void hash_remove(TranslationBlock *tb)
{
    TranslationBlock **pp = &hash_table[tb_hash(tb->host[0], tb->pc, tb->flags)];
    for (; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            return;
        }
    }
}

static size_t tb_bytes(const TranslationBlock *tb)
{
    return sizeof(*tb) + (tb->n + 1u) * sizeof(DecodedInsn);
}

/* The sentinel after a block's last instruction (see cpu/ops.h). */
void tb_end_handler(CPUX86State *env, const DecodedInsn *d)
{
    (void)env;
    (void)d;
}

static void tb_free(TranslationBlock *tb)
{
    cache_bytes -= tb_bytes(tb);
    g_free(tb);
}

static void tb_invalidate(TranslationBlock *tb)
{
    unsigned j = jmp_hash(tb->pc);

    tb->invalid = true;
    tb_gen++;
    hash_remove(tb);
    page_remove(tb, 0);
    if (tb->host[1]) {
        page_remove(tb, 1);
    }
    if (cache_env->jmp_cache && cache_env->jmp_cache[j] == tb) {
        cache_env->jmp_cache[j] = NULL;
    }
    if (tb == tb_current) {
        /* Still running: freed at the next lookup. */
        tb->hash_next = zombies;
        zombies = tb;
    } else {
        tb_free(tb);
    }
}

/* The block's bytes on page n, as a host range. */
static void tb_range(const TranslationBlock *tb, int n, uintptr_t *start, uintptr_t *end)
{
    if (n == 0) {
        *start = (uintptr_t)tb->host[0];
        *end = *start + tb->size0;
    } else {
        *start = (uintptr_t)tb->host[1];
        *end = *start + (tb->size - tb->size0);
    }
}

/* Drop the blocks whose bytes overlap [host, host + len); true if the
 * running block was one.  A page left without code takes stores the fast
 * way again (tlb_set_dirty). */
static bool invalidate_range(CPUX86State *env, uint8_t *host, size_t len)
{
    uintptr_t lo = (uintptr_t)host, hi = lo + len;
    bool current = false;

    if (!code_pages || !g_hash_table_size(code_pages)) {
        return false;
    }
    for (uintptr_t p = host_page(host); p < hi; p += TARGET_PAGE_SIZE) {
        CodePage *cp = g_hash_table_lookup(code_pages, (gpointer)p);
        TranslationBlock *link = cp ? cp->tbs : NULL;

        /* The next link is read first: invalidating t unlinks only t (and
         * frees cp only once the list is empty, i.e. link is NULL). */
        while (link) {
            TranslationBlock *t = (TranslationBlock *)((uintptr_t)link & ~(uintptr_t)1);
            int n = (uintptr_t)link & 1;
            uintptr_t s, e;

            link = t->page_next[n];
            tb_range(t, n, &s, &e);
            if (s < hi && lo < e) {
                current |= t == tb_current;
                tb_invalidate(t);
            }
        }
        if (cp && !g_hash_table_contains(code_pages, (gpointer)p)) {
            tlb_set_dirty(env, (uint8_t *)p);
        }
    }
    return current;
}

/* A store by the CPU (QEMU's tb_invalidate_phys_page_fast with a return
 * address, TARGET_HAS_PRECISE_SMC): if it hits the running block, unless
 * that block is a single instruction, the instruction is abandoned before
 * its store and run again as a block of one, without an interrupt check
 * first (cflags_next_tb = 1 | CF_NOIRQ).  Its handler has not written a
 * register yet (handlers store before they write registers), and EIP is
 * its own. */
void tb_invalidate_phys_range(CPUX86State *env, uint8_t *host, size_t len)
{
    TranslationBlock *running = tb_current;

    if (invalidate_range(env, host, len) && (running->cflags & CF_COUNT_MASK) != 1) {
        env->cflags_next_tb = 1 | CF_NOIRQ;
        cpu_loop_exit(env);
    }
}

/* physmem wrote RAM directly (DMA, loaders, page-table A/D bits): the
 * running block, if hit, runs on from its old decoding, as in QEMU. */
static void ram_write_notify(uint8_t *host, hwaddr len)
{
    if (cache_env) {
        invalidate_range(cache_env, host, len);
    }
}

/* Drop every block (QEMU's tb_flush).  Only called between blocks. */
static void tb_flush_all(CPUX86State *env)
{
    for (unsigned i = 0; i < HASH_SIZE; i++) {
        TranslationBlock *tb = hash_table[i];
        while (tb) {
            TranslationBlock *next = tb->hash_next;
            tb_free(tb);
            tb = next;
        }
        hash_table[i] = NULL;
    }
    g_hash_table_remove_all(code_pages);
    tb_jmp_cache_clear(env);
    tlb_flush(env);
}

void tb_cache_init(CPUX86State *env)
{
    cache_env = env;
    if (!env->jmp_cache) {
        env->jmp_cache = g_new0(TranslationBlock *, JMP_CACHE_SIZE);
    }
    if (!code_pages) {
        code_pages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    }
    physmem_ram_write_notify = ram_write_notify;
}

void tb_cache_destroy(CPUX86State *env)
{
    if (code_pages) {
        tb_flush_all(env);
        g_hash_table_destroy(code_pages);
        code_pages = NULL;
    }
    while (zombies) {
        TranslationBlock *z = zombies;
        zombies = z->hash_next;
        tb_free(z);
    }
    g_free(env->jmp_cache);
    env->jmp_cache = NULL;
    if (cache_env == env) {
        cache_env = NULL;
        physmem_ram_write_notify = NULL;
    }
}

/* Host address of the code byte at linear pc, or NULL if it is not RAM
 * (QEMU's get_page_addr_code).  May raise a fetch fault. */
static uint8_t *code_host(CPUX86State *env, uint32_t pc)
{
    CPUTLBEntry *e = tlb_entry(env, env->mmu_idx, pc);

    if ((e->addr_code & (TARGET_PAGE_MASK | TLB_INVALID_MASK)) != (pc & TARGET_PAGE_MASK)) {
        x86_cpu_tlb_fill(env, pc, 1, MMU_INST_FETCH, env->mmu_idx);
        e = tlb_entry(env, env->mmu_idx, pc);
    }
    if (e->addr_code & TLB_MMIO) {
        return NULL;
    }
    return (uint8_t *)(uintptr_t)(pc + e->addend);
}

void tb_release(CPUX86State *env, TranslationBlock *tb)
{
    (void)env;
    if (tb && !tb->cached) {
        tb_free(tb);
    }
}

TranslationBlock *tb_lookup(CPUX86State *env, uint32_t cflags)
{
    uint32_t cs_base = env->segs[R_CS].base;
    uint32_t pc = cs_base + env->eip;
    uint32_t flags = x86_tb_flags(env);
    unsigned j = jmp_hash(pc);
    TranslationBlock *tb;
    uint8_t *host;

    if (unlikely(cache_env != env)) {
        tb_cache_init(env);
    }
    tb = env->jmp_cache[j];
    if (likely(tb && tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
               tb->cflags == cflags)) {
        return tb;
    }
    while (zombies) {
        TranslationBlock *z = zombies;
        zombies = z->hash_next;
        tb_free(z);
    }
    host = code_host(env, pc);
    if (host) {
        for (tb = hash_table[tb_hash(host, pc, flags)]; tb; tb = tb->hash_next) {
            if (tb->host[0] == host && tb->pc == pc && tb->cs_base == cs_base &&
                tb->flags == flags && tb->cflags == cflags) {
                env->jmp_cache[j] = tb;
                return tb;
            }
        }
        if (cache_bytes > TB_CACHE_LIMIT) {
            tb_flush_all(env);
            host = code_host(env, pc);
        }
    }

    tb = x86_decode_block(env, pc, cs_base, flags,
                          (cflags & CF_COUNT_MASK) ? (int)(cflags & CF_COUNT_MASK) :
                          x86_decode_opts.singlestep ? 1 : 0);
    tb->cflags = cflags;
    cache_bytes += tb_bytes(tb);
    if (!host) {
        return tb;                  /* one run only */
    }
    tb->host[0] = host;
    tb->size0 = tb->size;
    if (((pc + tb->size - 1) ^ pc) & TARGET_PAGE_MASK) {
        uint32_t page2 = (pc + tb->size - 1) & TARGET_PAGE_MASK;
        uint8_t *h2 = code_host(env, page2);
        if (!h2) {
            return tb;              /* runs into non-RAM: do not keep it */
        }
        tb->size0 = TARGET_PAGE_SIZE - (pc & ~TARGET_PAGE_MASK);
        tb->host[1] = h2;
    }
    tb->cached = true;
    unsigned h = tb_hash(host, pc, flags);
    tb->hash_next = hash_table[h];
    hash_table[h] = tb;
    page_add(tb, 0);
    if (tb->host[1]) {
        page_add(tb, 1);
    }
    env->jmp_cache[j] = tb;
    return tb;
}
