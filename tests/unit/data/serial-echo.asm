; A BIOS image for tests/qemu/serial-input.test: copies what COM1 receives
; (polling LSR.DR) to isa-debugcon (0xe9) up to and including a newline,
; twice, then exits through isa-debug-exit (0xf4).  The FIFO stays off:
; one byte at a time, so nothing depends on when the host's bytes arrive.
; SPDX-License-Identifier: GPL-2.0-or-later
bits 16
org 0
start:
    cli
    mov dx, 0x3fb
    mov al, 0x03                ; 8N1
    out dx, al
    xor bx, bx                  ; lines so far
.line:
.poll:
    mov dx, 0x3fd
    in al, dx
    test al, 1
    jz .poll
    mov dx, 0x3f8
    in al, dx
    out 0xe9, al
    cmp al, 10
    jne .poll
    inc bx
    cmp bx, 2
    jne .line
.done:
    mov dx, 0xf4
    xor ax, ax
    out dx, al
    jmp $

    times 0xfff0 - ($ - $$) db 0
    jmp 0xf000:start
    times 0x10000 - ($ - $$) db 0
