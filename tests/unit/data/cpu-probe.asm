; CPUID / MSR probe ROM (64 KiB BIOS image), prints to debugcon 0x402
bits 16
org 0
%define OUT 0x402
start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov ax, cs
    mov ds, ax
    ; cpuid table
    mov si, leaves
.lp:
    mov eax, [si]
    cmp eax, 0xdeadbeef
    je .msrs
    mov ecx, [si+4]
    add si, 8
    push eax
    push ecx
    call hex32
    mov al, ' '
    call putc
    pop eax
    push eax
    call hex32
    mov al, ':'
    call putc
    pop ecx
    pop eax
    cpuid
    call dump4
    jmp .lp
.msrs:
    mov si, msrs
.ml:
    mov ecx, [si]
    cmp ecx, 0xdeadbeef
    je .done
    add si, 4
    mov eax, ecx
    push ecx
    call hex32
    mov al, '='
    call putc
    pop ecx
    rdmsr
    push eax
    mov eax, edx
    call hex32
    pop eax
    call hex32
    mov al, 10
    call putc
    jmp .ml
.done:
    mov dx, 0x501
    mov al, 0
    out dx, al
    hlt

dump4:  ; eax ebx ecx edx
    push edx
    push ecx
    push ebx
    push eax
    mov cx, 4
.d: mov al, ' '
    call putc
    pop eax
    call hex32
    loop .d
    mov al, 10
    call putc
    ret

hex32:  ; print eax
    push cx
    push edx
    mov edx, eax
    mov cx, 8
.h: rol edx, 4
    mov al, dl
    and al, 15
    add al, '0'
    cmp al, '9'
    jbe .p
    add al, 7
.p: call putc
    loop .h
    pop edx
    pop cx
    ret

putc:
    push dx
    mov dx, OUT
    out dx, al
    pop dx
    ret

leaves:
    dd 0,0, 1,0, 2,0, 3,0, 4,0, 4,1, 4,2, 4,3, 4,4, 5,0, 6,0, 7,0, 7,1
    dd 0xa,0, 0xb,0, 0xd,0, 0xd,1, 0x14,0
    dd 0x40000000,0, 0x40000001,0, 0x40000002,0, 0x40000010,0
    dd 0x80000000,0, 0x80000001,0, 0x80000002,0, 0x80000003,0, 0x80000004,0
    dd 0x80000005,0, 0x80000006,0, 0x80000007,0, 0x80000008,0, 0x80000008,3, 0x8000000a,0
    dd 0xc0000000,0, 0xc0000000,2, 0xc0000001,0, 0xffffffff,1, 0x3fffffff,0
    dd 0xdeadbeef,0
msrs:
    dd 0x10, 0x1b, 0x17, 0x34, 0x35, 0x3a, 0x8b, 0xfe, 0x174, 0x175, 0x176, 0x179, 0x17a, 0x17b
    dd 0x198, 0x1a0, 0x200, 0x250, 0x277, 0x2ff, 0x400, 0x401, 0xc0000080, 0xc0000081, 0xc0000103
    dd 0xc0010117, 0x6e0, 0x48, 0x12345678, 0xdeadbeef

    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0
