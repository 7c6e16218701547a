; Multiboot entry of the test/demo kernel (roms/kernel/).  Assembled twice:
; as is for the ELF image (the loader reads the program headers), and with
; -DAOUT for the flat image whose header carries the address fields
; (flag bit 16, the "a.out kludge"), resolved by the linker script.
; SPDX-License-Identifier: GPL-2.0-or-later
bits 32

%define MB_MAGIC        0x1badb002
%ifdef AOUT
%define MB_FLAGS        0x00010003      ; page-align modules, memory info, addresses
%else
%define MB_FLAGS        0x00000003
%endif

extern kmain
extern _load_start, _load_end, _bss_end
global _start

section .multiboot progbits alloc noexec nowrite align=4
mb_header:
    dd MB_MAGIC
    dd MB_FLAGS
    dd -(MB_MAGIC + MB_FLAGS)
%ifdef AOUT
    dd mb_header                        ; header_addr
    dd _load_start                      ; load_addr
    dd _load_end                        ; load_end_addr
    dd _bss_end                         ; bss_end_addr
    dd _start                           ; entry_addr
%endif

section .text
_start:
    mov esp, stack_top
    push ebx                            ; the info structure
    push eax                            ; the magic
    call kmain
.halt:
    cli
    hlt
    jmp .halt

section .bss
align 16
    resb 16384
stack_top:
