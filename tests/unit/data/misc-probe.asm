bits 16
org 0
%define RESUME 0x600
start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov ds, ax
    ; IVT: vectors 1 and 6, 13 -> handlers (cs=f000)
    mov word [1*4], h1
    mov word [1*4+2], 0xf000
    mov word [6*4], h6
    mov word [6*4+2], 0xf000
    mov word [13*4], h13
    mov word [13*4+2], 0xf000
    ; 1: I/O breakpoint, DR1 = 0x80 len 1 (LEN=0), type 2, L1, no CR4.DE
    mov eax, 0x80
    mov dr1, eax
    mov eax, (2 << 20) | (1 << 2)
    mov dr7, eax
    mov eax, dr7
    call hex
    mov al, 0x55
    out 0x80, al
    nop
    mov eax, dr6
    call hex
    call nl
    ; word access at 0x7f covers 0x80
    mov dword [RESUME], 0
    mov dx, 0x7f
    out dx, ax
    nop
    mov eax, dr6
    call hex
    call nl
    xor eax, eax
    mov dr7, eax
    ; 2: rdpmc in ring 0 -> #UD
    mov word [RESUME], r2
    rdpmc
r2: call nl
    ; 3: DR4 alias, then CR4.DE -> #UD
    mov eax, 0xffffffff
    mov dr6, eax
    mov eax, dr4
    call hex
    mov eax, 0x8
    mov cr4, eax
    mov word [RESUME], r3
    mov eax, dr5
r3: call nl
    ; 4: mov eax, cr1 -> #UD
    mov word [RESUME], r4
    db 0x0f, 0x20, 0xc8   ; mov eax, cr1
r4: call nl
    ; 5: DR6 write value
    mov eax, 0
    mov cr4, eax
    mov eax, 0x12345678
    mov dr6, eax
    mov eax, dr6
    call hex
    mov eax, 0x12345678
    mov dr7, eax
    mov eax, dr7
    call hex
    xor eax, eax
    mov dr7, eax
    call nl
    ; 6: lmsw cannot clear PE; clts
    mov eax, cr0
    or al, 0x0f
    mov cr0, eax
    mov ax, 0
    lmsw ax
    mov eax, cr0
    call hex
    clts
    mov eax, cr0
    call hex
    and eax, ~1
    mov cr0, eax
    call nl
    mov dx, 0x501
    mov al, 0
    out dx, al
    hlt

h1: ; #DB: print "DB ip dr6"
    push bp
    mov bp, sp
    push eax
    mov al, 'D'
    call putc
    mov ax, [bp+2]
    movzx eax, ax
    call hex
    mov eax, dr6
    call hex
    pop eax
    pop bp
    iret
h6: push bp
    mov bp, sp
    push eax
    mov al, 'U'
    call putc
    mov ax, [bp+2]
    movzx eax, ax
    call hex
    mov ax, [RESUME]
    mov [bp+2], ax
    pop eax
    pop bp
    iret
h13: push bp
    mov bp, sp
    push eax
    mov al, 'G'
    call putc
    mov ax, [bp+2]
    movzx eax, ax
    call hex
    mov ax, [RESUME]
    mov [bp+2], ax
    pop eax
    pop bp
    iret

nl: push ax
    mov al, 10
    call putc
    pop ax
    ret
putc: push dx
    mov dx, 0x402
    out dx, al
    pop dx
    ret
hex: push cx
    push edx
    push ax
    mov al, ' '
    call putc
    pop ax
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
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0
