/*
 * The test/demo kernel (roms/kernel/): booted with -kernel through the
 * firmware and the multiboot option ROM, it prints what it was handed
 * (the multiboot info: flags, memory sizes, boot device, command line,
 * modules with a checksum of their contents, the memory map, the boot
 * loader name), then drives a few devices the way a driver would: it
 * maps the IDE function's BAR4 and reads the bus-master registers,
 * rewrites a PAM register and reads the segment back, and reads the
 * IOAPIC and local APIC versions through MMIO.  Everything goes to
 * isa-debugcon (0xe9) and COM1; the kernel ends through isa-debug-exit
 * (0xf4), so the process exits with status 1.
 *
 * Built with gcc -m32 -ffreestanding; no libc.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

#define MB_BOOT_MAGIC   0x2badb002u
#define COM1            0x3f8

struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
};

struct mb_module {
    uint32_t start, end, string, reserved;
};

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void putc(char c)
{
    outb(0xe9, (uint8_t)c);
    /* COM1: wait for THRE (an absent port reads 0xff) */
    for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++) {
    }
    outb(COM1, (uint8_t)c);
}

static void puts(const char *s)
{
    while (*s) {
        putc(*s++);
    }
}

static void puthex(uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--) {
        putc("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
    }
}

static void putdec(uint32_t v)
{
    char buf[12];
    int n = 0;

    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        putc(buf[--n]);
    }
}

static void field(const char *name, uint32_t v)
{
    puts(name);
    puts("=0x");
    puthex(v, 8);
    putc('\n');
}

/* A string from the info structure, bounded. */
static void putstr_at(uint32_t addr)
{
    const char *s = (const char *)addr;

    putc('"');
    for (int i = 0; i < 256 && s[i]; i++) {
        putc(s[i]);
    }
    puts("\"\n");
}

static void print_modules(const struct mb_info *mbi)
{
    const struct mb_module *m = (const struct mb_module *)mbi->mods_addr;

    field("mods_count", mbi->mods_count);
    field("mods_addr", mbi->mods_addr);
    for (uint32_t i = 0; i < mbi->mods_count && i < 16; i++) {
        uint32_t sum = 0;

        for (uint32_t a = m[i].start; a < m[i].end; a++) {
            sum = sum * 31 + *(const uint8_t *)a;
        }
        puts("module ");
        putdec(i);
        puts(": start=0x");
        puthex(m[i].start, 8);
        puts(" end=0x");
        puthex(m[i].end, 8);
        puts(" sum=0x");
        puthex(sum, 8);
        puts(" string=");
        putstr_at(m[i].string);
    }
}

static void print_mmap(const struct mb_info *mbi)
{
    uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;

    field("mmap_addr", mbi->mmap_addr);
    field("mmap_length", mbi->mmap_length);
    for (int n = 0; p < end && n < 32; n++) {
        const uint32_t *e = (const uint32_t *)p;

        puts("mmap: size=");
        putdec(e[0]);
        puts(" base=0x");
        puthex(e[2], 8);
        puthex(e[1], 8);
        puts(" len=0x");
        puthex(e[4], 8);
        puthex(e[3], 8);
        puts(" type=");
        putdec(e[5]);
        putc('\n');
        p += e[0] + 4;
    }
}

static uint32_t pci_read(uint32_t devfn, uint32_t reg)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | reg);
    return inl(0xcfc);
}

static void pci_write(uint32_t devfn, uint32_t reg, uint32_t v)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | reg);
    outl(0xcfc, v);
}

/* The IDE function 00:01.1: BAR4 (bus master DMA, 16 ports) mapped at
 * 0xc100 with I/O decoding on; its registers read back. */
static void demo_pci_bar(void)
{
    uint32_t devfn = 1 << 3 | 1;

    field("ide id", pci_read(devfn, 0x00));
    field("ide command", pci_read(devfn, 0x04) & 0xffff);
    field("ide bar4", pci_read(devfn, 0x20));
    pci_write(devfn, 0x20, 0xc100);
    pci_write(devfn, 0x04, pci_read(devfn, 0x04) | 1);
    field("ide bar4 now", pci_read(devfn, 0x20));
    outb(0xc104, 0x12);
    field("bmdma status", inb(0xc102));
    field("bmdma prd", inl(0xc104));
}

/* PAM register 0x5e (i440FX config space, 0xe0000-0xe7fff): the low
 * nibble covers 0xe0000-0xe3fff.  RAM read/write, write a pattern, then
 * reads from PCI (the BIOS shadow is gone from there), then back. */
static void demo_pam(void)
{
    volatile uint32_t *seg = (volatile uint32_t *)0xe0000;
    uint32_t pam = pci_read(0, 0x5c);

    field("pam 0x5c-0x5f", pam);
    pci_write(0, 0x5c, (pam & ~0x000f0000u) | 0x00030000u);
    *seg = 0x600dcafe;
    field("pam rw: 0xe0000", *seg);
    pci_write(0, 0x5c, (pam & ~0x000f0000u) | 0x00010000u);
    *seg = 0x12345678;
    field("pam ro: 0xe0000", *seg);
    pci_write(0, 0x5c, pam & ~0x000f0000u);
    field("pam pci: 0xe0000", *seg);
    pci_write(0, 0x5c, pam);
}

/* MMIO: the IOAPIC version (index 1) and the local APIC version. */
static void demo_mmio(void)
{
    volatile uint32_t *ioapic = (volatile uint32_t *)0xfec00000;
    volatile uint32_t *lapic = (volatile uint32_t *)0xfee00000;

    ioapic[0] = 1;
    field("ioapic version", ioapic[4]);
    field("lapic version", lapic[0x30 / 4]);
}

void kmain(uint32_t magic, const struct mb_info *mbi)
{
    /* POST code 'K' on port 0x80: `make run` shows the trace from here */
    outb(0x80, 'K');
    outb(COM1 + 3, 0x03);               /* 8N1 */
    puts("x86slice multiboot demo kernel\n");
    field("magic", magic);
    if (magic != MB_BOOT_MAGIC) {
        outl(0xf4, 1);
    }
    field("flags", mbi->flags);
    field("mem_lower", mbi->mem_lower);
    field("mem_upper", mbi->mem_upper);
    field("boot_device", mbi->boot_device);
    puts("cmdline=");
    putstr_at(mbi->cmdline);
    print_modules(mbi);
    print_mmap(mbi);
    puts("boot_loader_name=");
    putstr_at(mbi->boot_loader_name);
    demo_pci_bar();
    demo_pam();
    demo_mmio();
    puts("DONE\n");
    outl(0xf4, 0);
}
