; The multiboot option ROM that -kernel hands to the firmware as
; genroms/multiboot_dma.bin (the part QEMU's pc-bios/optionrom/multiboot.S
; plays; this is our own implementation of the same protocol).
;
; SeaBIOS runs it through the boot entry vector of its PnP header (the
; "bootorder" file names it first).  It then:
;  1. fetches the multiboot info structure (fw_cfg INITRD_DATA, INITRD_SIZE
;     bytes) to INITRD_ADDR;
;  2. fills mem_lower from INT 12h, the memory map at mmap_addr from INT 15h
;     E820 (each entry preceded by its size, 20), mmap_length, and mem_upper:
;     the RAM contiguous from 1 MiB, in KiB;
;  3. switches to 32-bit protected mode with flat segments, fetches the
;     kernel buffer (KERNEL_DATA, KERNEL_SIZE bytes) to KERNEL_ADDR;
;  4. jumps to KERNEL_ENTRY with EAX = 0x2badb002 and EBX = the info
;     structure, interrupts off.
; Both fetches use the fw_cfg DMA interface (0x514, big-endian).
; The Makefile sets the checksum byte (the last one) so the bytes sum to 0.
;
; SPDX-License-Identifier: GPL-2.0-or-later

%define FW_CFG_KERNEL_ADDR      0x07
%define FW_CFG_KERNEL_SIZE      0x08
%define FW_CFG_INITRD_ADDR      0x0a
%define FW_CFG_INITRD_SIZE      0x0b
%define FW_CFG_KERNEL_ENTRY     0x10
%define FW_CFG_KERNEL_DATA      0x11
%define FW_CFG_INITRD_DATA      0x12
%define FW_CFG_PORT_SEL         0x510
%define FW_CFG_PORT_DATA        0x511
%define FW_CFG_DMA_HIGH         0x514
%define FW_CFG_DMA_LOW          0x518
%define DMA_CTL_ERROR           0x01
%define DMA_CTL_READ            0x02
%define DMA_CTL_SELECT          0x08
%define MULTIBOOT_MAGIC         0x2badb002
; info structure offsets (multiboot 0.6.96 section 3.3)
%define MBI_MEM_LOWER           4
%define MBI_MEM_UPPER           8
%define MBI_MMAP_LENGTH         44
%define MBI_MMAP_ADDR           48
; the scratch area below the caller's stack, at GS:0
%define S_JUMP                  0       ; far pointer to pm32 (dd offset, dw selector)
%define S_GDTR                  6       ; dw limit, dd base
%define S_STACK                 12      ; dd linear stack pointer for 32-bit code

bits 16
org 0
rom_start:
    db 0x55, 0xaa
    db (rom_end - rom_start) / 512
init:
    retf                        ; nothing to do at init: boot through the BEV
    times 0x18 - ($ - $$) db 0
    dw 0                        ; no PCI data structure
    dw pnp                      ; PnP expansion header

pnp:
    db '$PnP'
    db 1                        ; structure revision
    db pnp_len / 16
    dw 0                        ; no next header
    db 0                        ; reserved
    db 0                        ; checksum (SeaBIOS does not check it)
    dd 0                        ; device identifier
    dw manufacturer
    dw product
    db 0, 0, 0                  ; device type code
    db 0                        ; device indicators
    dw 0                        ; boot connection vector
    dw 0                        ; disconnect vector
    dw bev                      ; bootstrap entry vector
    dw 0                        ; reserved
    dw 0                        ; static resource information vector
pnp_len equ $ - pnp

; EAX = the 32-bit value of fw_cfg item AX (little-endian); clobbers DX.
; Assembled twice: for the 16-bit and the 32-bit code.
%macro fw_read32_body 0
    mov dx, FW_CFG_PORT_SEL
    out dx, ax
    mov dx, FW_CFG_PORT_DATA
%rep 4
    in al, dx
    ror eax, 8
%endrep
    ret
%endmacro

fw_read32:
    fw_read32_body

; DMA-read item AX: ECX bytes to linear address EDI.  The access
; structure goes on the stack; ESI = the linear address of SS:0.
fw_dma16:
    movzx eax, ax
    shl eax, 16
    or eax, DMA_CTL_READ | DMA_CTL_SELECT
    bswap edi
    bswap ecx
    bswap eax
    push edi                    ; address, low half (big-endian)
    push dword 0                ; address, high half
    push ecx                    ; length
    push eax                    ; control
    ; the high half first: it resets the address latch (QEMU ORs the
    ; low half into what is there)
    xor eax, eax
    mov dx, FW_CFG_DMA_HIGH
    out dx, eax
    movzx eax, sp
    add eax, esi
    bswap eax
    mov dx, FW_CFG_DMA_LOW
    out dx, eax                 ; the low half starts the transfer
    mov bp, sp
.wait:
    mov eax, [bp]
    bswap eax
    test eax, ~DMA_CTL_ERROR
    jnz .wait
    add sp, 16
    ret

bev:
    cli
    cld
    push cs
    pop ds
    ; ESI = linear SS:0; GS = a scratch area below the caller's stack
    xor esi, esi
    mov si, ss
    shl esi, 4
    movzx ebx, sp
    sub sp, 0x40
    lea ecx, [esi + ebx - 0x30]
    shr ecx, 4
    mov gs, cx
    ; the far jump target and the GDT pointer, relative to where we run
    xor eax, eax
    mov ax, cs
    shl eax, 4
    lea ecx, [eax + pm32]
    mov [gs:S_JUMP], ecx
    mov word [gs:S_JUMP + 4], 0x08
    mov word [gs:S_GDTR], gdt_end - gdt - 1
    lea ecx, [eax + gdt]
    mov [gs:S_GDTR + 2], ecx
    movzx ecx, sp
    add ecx, esi
    mov [gs:S_STACK], ecx
    ; the info structure
    mov ax, FW_CFG_INITRD_SIZE
    call fw_read32
    push eax
    mov ax, FW_CFG_INITRD_ADDR
    call fw_read32
    mov edi, eax
    pop ecx
    mov ax, FW_CFG_INITRD_DATA
    call fw_dma16
    ; FS = the info structure, ES = the memory map
    mov ax, FW_CFG_INITRD_ADDR
    call fw_read32
    shr eax, 4
    mov fs, ax
    int 0x12                    ; KiB below the EBDA
    cwde
    mov [fs:MBI_MEM_LOWER], eax
    mov eax, [fs:MBI_MMAP_ADDR]
    shr eax, 4
    mov es, ax
    call e820_map
    call upper_mem
    ; 32-bit protected mode
    o32 lgdt [gs:S_GDTR]
    mov eax, 1
    mov cr0, eax
    jmp dword far [gs:S_JUMP]

; The E820 map into ES:0: each entry 4 + 20 bytes; mmap_length updated.
e820_map:
    xor ebx, ebx
    xor edi, edi
.next:
    add di, 4
    mov ecx, 20
    mov eax, 0xe820
    mov edx, 0x534d4150         ; 'SMAP'
    int 0x15
    jc .done
    mov [es:di - 4], ecx
    add di, cx
    mov [fs:MBI_MMAP_LENGTH], di
    test ebx, ebx
    jnz .next
.done:
    ret

; mem_upper: KiB of type-1 RAM below 4 GiB contiguous from 1 MiB (entries
; may come in any order: restart after each extension).
upper_mem:
    mov edx, 0x100000
.restart:
    xor di, di
.entry:
    cmp di, [fs:MBI_MMAP_LENGTH]
    jae .done
    mov bx, di
    add di, 4
    cmp dword [es:di + 16], 1
    jne .skip
    cmp dword [es:di + 4], 0
    jne .skip
    mov eax, [es:di]
    cmp edx, eax
    jb .skip
    add eax, [es:di + 8]
    cmp edx, eax
    jae .skip
    mov edx, eax
    jmp .restart
.skip:
    mov di, bx
    add di, [es:bx]
    add di, 4
    jmp .entry
.done:
    sub edx, 0x100000
    shr edx, 10
    mov [fs:MBI_MEM_UPPER], edx
    ret

bits 32
pm32:
    mov eax, 0x10
    mov ds, eax
    mov es, eax
    mov fs, eax
    mov ss, eax
    mov esp, [gs:S_STACK]       ; GS keeps its real-mode base until reloaded
    mov gs, eax
    ; the kernel, modules and command lines
    mov ax, FW_CFG_KERNEL_SIZE
    call fw_read32_32
    mov ecx, eax
    mov ax, FW_CFG_KERNEL_ADDR
    call fw_read32_32
    mov edi, eax
    mov eax, FW_CFG_KERNEL_DATA << 16 | DMA_CTL_READ | DMA_CTL_SELECT
    bswap edi
    bswap ecx
    bswap eax
    push edi
    push dword 0
    push ecx
    push eax
    xor eax, eax
    mov dx, FW_CFG_DMA_HIGH
    out dx, eax
    mov eax, esp
    bswap eax
    mov dx, FW_CFG_DMA_LOW
    out dx, eax
.wait:
    mov eax, [esp]
    bswap eax
    test eax, ~DMA_CTL_ERROR
    jnz .wait
    add esp, 16
    mov ax, FW_CFG_KERNEL_ENTRY
    call fw_read32_32
    mov ecx, eax
    mov ax, FW_CFG_INITRD_ADDR
    call fw_read32_32
    mov ebx, eax
    mov eax, MULTIBOOT_MAGIC
    jmp ecx

fw_read32_32:
    fw_read32_body

align 8, db 0
gdt:
    dq 0
    dq 0x00cf9a000000ffff       ; 0x08: 32-bit code, base 0, 4 GiB
    dq 0x00cf92000000ffff       ; 0x10: 32-bit data, base 0, 4 GiB
    dq 0x00009e000000ffff       ; 0x18: 16-bit code, 64 KiB
    dq 0x000092000000ffff       ; 0x20: 16-bit data, 64 KiB
gdt_end:

manufacturer:
    db "QEMU", 0
product:
    db "multiboot loader", 0

    db 0
    align 512, db 0
rom_end:
