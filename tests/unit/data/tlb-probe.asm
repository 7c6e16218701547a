; A BIOS image for tests/qemu/monitor.test: enters 32-bit protected mode,
; builds page tables with a mix of entry bits (4 KiB pages, a 4 MiB or
; 2 MiB page, a second page table at the top of the address space; with
; PAE defined: PAE tables, an NX bit, the last PDPT entry), enables paging
; and triple-faults.  Run with -no-reboot -no-shutdown, the machine stops
; with those tables live, for `info tlb` and `x` through them.
; SPDX-License-Identifier: GPL-2.0-or-later
bits 16
org 0
%define BASE 0xf0000
start:
    cli
    o32 lgdt [cs:gdtr]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:(BASE + pm)

bits 32
; ent ADDR, LOW, HIGH: a page table entry (HIGH with PAE only)
%macro ent 3
    mov dword [%1], %2
%ifdef PAE
    mov dword [%1 + 4], %3
%endif
%endmacro
%ifdef PAE
%define E 8
%else
%define E 4
%endif
pm:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov edi, 0x10000
    xor eax, eax
    mov ecx, 0x6000 / 4
    rep stosd
    ; page table 0x11000: low pages, the ROM, the tables themselves
    ent 0x11000 + 0 * E, 0x00000001, 0
    ent 0x11000 + 1 * E, 0x0000101f, 0
    ent 0x11000 + 2 * E, 0x000021e3, 0
    ent 0x11000 + 3 * E, 0x07ff3005, 0x80000000
    mov ecx, 0xf0
.rom:
    mov eax, ecx
    shl eax, 12
    or eax, 3
    mov [0x11000 + ecx * E], eax
    inc ecx
    cmp ecx, 0x100
    jb .rom
    ent 0x11000 + 0x10 * E, 0x00010063, 0
%ifdef PAE
    ; PDPT 0x10000: entries 0 and 3; PD 0x12000 (0-1 GiB), PD 0x13000 (3-4 GiB)
    ent 0x10000, 0x00012001, 0
    ent 0x10018, 0x00013001, 0
    ent 0x12000 + 0 * E, 0x00011027, 0
    ent 0x12000 + 1 * E, 0x003000e3, 0      ; 2 MiB page, bit 20 set
    ent 0x13000 + 511 * E, 0x00014007, 0
    ent 0x14000 + 511 * E, 0x0000f043, 0x80000000
    mov eax, 0x20                           ; CR4.PAE
%else
    ; page directory 0x10000
    ent 0x10000 + 0 * 4, 0x00011027, 0
    ent 0x10000 + 1 * 4, 0x006001e3, 0      ; 4 MiB page, bit 21 set
    ent 0x10000 + 1023 * 4, 0x00014007, 0
    ent 0x14000 + 1023 * 4, 0x0000f043, 0
    mov eax, 0x10                           ; CR4.PSE
%endif
    mov cr4, eax
    mov eax, 0x10000
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp .paged
.paged:
    mov dword [0x1000], 0x12345678
    ; no IDT: the breakpoint becomes #GP, #DF, then a triple fault
    lidt [BASE + idtr]
    int3
    jmp $

align 8
gdt:
    dq 0
    dq 0x00cf9b000000ffff       ; 0x08 code 32-bit flat
    dq 0x00cf93000000ffff       ; 0x10 data flat
gdtr:
    dw gdtr - gdt - 1
    dd BASE + gdt
idtr:
    dw 0
    dd 0

    times 0xfff0 - ($ - $$) db 0
bits 16
reset:
    jmp 0xf000:start
    times 0x10000 - ($ - $$) db 0
