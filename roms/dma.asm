; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: blocks chained trace
;
; dma.asm - the two i8257 DMA controllers (QEMU's hw/dma/i8257.c): every
; port of both controllers and the page registers after reset, then the
; address/count registers through the flip-flop (a low byte shows only
; once the high byte is written), mask register writes (single, clear
; all, write all: 8 bits kept, read back at port 1 of the control block),
; software requests in the status register, master clear, a requested
; channel unmasked (no handler: nothing moves), the 16-bit controller's
; word-spaced ports (odd ports alias even ones), page registers with
; byte, word and dword accesses.  No DREQ from a device: the floppy
; controller's side is in fdc.asm.

%include "lib.inc"

; out imm8 port, imm8 value
%macro W 2
  mov al, %2
  out %1, al
%endmacro
; " XX" for in imm8 port
%macro R 1
  in al, %1
  SP
  HEX8 al
%endmacro

TEXT16
main16:
  PRINT "dma: after reset", 10
  PRINT " c1:"
  mov dx, 0x00
  mov cx, 16
  call dump
  PRINT " c2:"
  mov dx, 0xc0
  mov cx, 32
  call dump
  PRINT " pages 81-8f:"
  mov dx, 0x81
  mov cx, 15
  call dump

  PRINT "c1 base registers", 10
  W 0x0c, 0                     ; clear flip-flop
  mov dx, 0x00
  mov bx, 0x1234
  mov si, 0x0f0e
  call load_chans
  PRINT " read:"
  mov dx, 0x00
  mov cx, 8
  call dump2

  PRINT "c1 flip-flop", 10
  W 0x0c, 0
  W 0x00, 0x55                  ; low byte only: now is not updated
  PRINT " "
  R 0x00                        ; flip-flop 1: high byte
  R 0x00                        ; flip-flop 0: low byte (old)
  R 0x0c                        ; reads 0, flip-flop unchanged
  R 0x00
  W 0x0c, 0
  W 0x00, 0x55
  W 0x00, 0xaa                  ; high byte: current = base
  R 0x00
  R 0x00
  W 0x0c, 0
  R 0x03                        ; channel 1 count low
  W 0x0c, 0
  R 0x03
  R 0x03
  NL

  PRINT "c1 mask", 10
  PRINT " "
  R 0x09                        ; QEMU: port 9 reads the mask
  W 0x0a, 0x00                  ; unmask 0
  R 0x09
  W 0x0a, 0x02                  ; unmask 2
  R 0x09
  W 0x0a, 0x06                  ; mask 2
  R 0x09
  W 0x0e, 0                     ; clear all
  R 0x09
  W 0x0f, 0xa5                  ; write all: 8 bits kept
  R 0x09
  W 0x0a, 0x07                  ; mask 3
  R 0x09
  W 0x0f, 0x5a
  R 0x09
  W 0x0d, 0                     ; master clear
  R 0x09
  NL

  PRINT "c1 requests", 10
  PRINT " "
  W 0x09, 0x05                  ; request channel 1 (masked)
  R 0x08
  R 0x08                        ; request bits stay
  W 0x09, 0x07                  ; request channel 3
  R 0x08
  W 0x09, 0x01                  ; clear request 1
  R 0x08
  W 0x09, 0x03
  R 0x08
  NL

  PRINT "c1 command, mode", 10
  W 0x08, 0x04                  ; controller disable: accepted
  W 0x08, 0x10                  ; rotating priority: refused
  W 0x08, 0x00
  W 0x0b, 0x28                  ; channel 0: decrement, verify
  W 0x0b, 0x49                  ; channel 1: single, write
  W 0x0b, 0x56                  ; channel 2: single, autoinit, read
  W 0x0b, 0x8b                  ; channel 3: block
  PRINT " "
  mov cx, 8
.cont:
  mov dx, 0x08
  add dx, cx
  dec dx
  in al, dx                     ; 0x0f down to 0x08
  SP
  HEX8 al
  loop .cont
  NL
  PRINT " read:"
  mov dx, 0x00
  mov cx, 8
  call dump2

  PRINT "c1 channel 0 requested and unmasked", 10
  PRINT " "
  W 0x09, 0x04                  ; request channel 0
  W 0x0a, 0x00                  ; unmask: the unregistered channel runs
  R 0x08
  R 0x09
  W 0x0a, 0x04                  ; mask again
  W 0x09, 0x00
  R 0x08
  NL
  PRINT " read:"
  mov dx, 0x00
  mov cx, 2
  call dump2

  PRINT "c1 word/dword", 10
  W 0x0c, 0
  PRINT " "
  in ax, 0x00                   ; ch0 address (ff 0), ch0 count (ff 1)
  HEX16 ax
  SP
  in eax, 0x00
  HEX32 eax
  SP
  W 0x0c, 0
  mov ax, 0x4321
  out 0x02, ax                  ; ch1 address low 21, ch1 count high 43
  W 0x0c, 0
  R 0x02
  R 0x02
  R 0x03
  R 0x03
  NL

  PRINT "pages", 10
  W 0x81, 0x12
  W 0x82, 0x23
  W 0x83, 0x34
  W 0x87, 0x78
  W 0x84, 0x45                  ; no register
  W 0x89, 0x9a
  W 0x8a, 0xab
  W 0x8b, 0xbc
  W 0x8f, 0xf0
  PRINT " "
  mov dx, 0x81
  mov cx, 15
  call dump
  PRINT " word:"
  mov dx, 0x81
  call inw
  mov dx, 0x82
  call inw
  mov dx, 0x83
  call inw
  mov dx, 0x87
  call inw
  mov dx, 0x86
  call inw
  mov dx, 0x8f
  call inw
  NL
  PRINT " dword:"
  mov dx, 0x81
  in eax, dx
  SP
  HEX32 eax
  mov dx, 0x87
  in eax, dx
  SP
  HEX32 eax
  NL
  mov dx, 0x81
  mov ax, 0x6655
  out dx, ax                    ; 81, 82
  mov dx, 0x83
  mov ax, 0x8877
  out dx, ax                    ; 83 only
  mov dx, 0x87
  mov eax, 0xccbbaa99
  out dx, eax                   ; dropped
  mov dx, 0x89
  mov eax, 0x11223344
  out dx, eax                   ; dropped
  PRINT " "
  mov dx, 0x81
  mov cx, 15
  call dump

  PRINT "c2 base registers", 10
  W 0xd8, 0                     ; clear flip-flop
  mov dx, 0xc0
  mov bx, 0x8421
  mov si, 0x7f01
  call load_chans2
  PRINT " read:"
  mov dx, 0xc0
  mov cx, 16
  call dump2

  PRINT "c2 odd ports, flip-flop", 10
  W 0xd9, 0                     ; clear flip-flop (odd alias of 0xd8)
  W 0xc1, 0x11                  ; ch4 address low (alias of 0xc0)
  W 0xc1, 0x22                  ; high
  W 0xc7, 0x33                  ; ch5 count low (alias of 0xc6)
  W 0xc7, 0x44
  PRINT " "
  R 0xc0
  R 0xc1
  R 0xc6
  R 0xc7
  W 0xd8, 0
  W 0xc4, 0x99                  ; low only
  R 0xc4
  R 0xc5
  NL

  PRINT "c2 mask, requests", 10
  PRINT " "
  R 0xd2
  R 0xd3
  W 0xd4, 0x01                  ; unmask channel 5
  R 0xd2
  W 0xdc, 0                     ; clear all
  R 0xd2
  W 0xde, 0x3c                  ; write all
  R 0xd2
  W 0xd2, 0x06                  ; request channel 6 (masked)
  R 0xd0
  W 0xd3, 0x02                  ; clear it (odd alias)
  R 0xd0
  W 0xd0, 0x04
  W 0xd6, 0xc1                  ; mode
  W 0xda, 0                     ; master clear
  R 0xd2
  R 0xd0
  NL
  PRINT " c2:"
  mov dx, 0xc0
  mov cx, 32
  call dump
  DONE

; print " XX" for CX ports from DX upwards, then a newline
dump:
  in al, dx
  SP
  HEX8 al
  inc dx
  loop dump
  NL
  ret

; CX ports from DX: " XXXX" (two reads each: flip-flop low then high)
dump2:
  in al, dx
  mov ah, al
  in al, dx
  SP
  HEX8 al
  HEX8 ah
  inc dx
  loop dump2
  NL
  ret

; " XXXX" for in ax, dx
inw:
  in ax, dx
  SP
  HEX16 ax
  ret

; the 4 channels from port DX (step 1): address BX + ch * 0x1111, count
; SI - ch * 0x0101; low byte then high byte each
load_chans:
  mov cx, 4
.c:
  mov ax, bx
  out dx, al
  mov al, ah
  out dx, al
  inc dx
  mov ax, si
  out dx, al
  mov al, ah
  out dx, al
  inc dx
  add bx, 0x1111
  sub si, 0x0101
  loop .c
  ret

; the same for the 16-bit controller (ports 2 apart)
load_chans2:
  mov cx, 4
.c:
  mov ax, bx
  out dx, al
  mov al, ah
  out dx, al
  add dx, 2
  mov ax, si
  out dx, al
  mov al, ah
  out dx, al
  add dx, 2
  add bx, 0x1111
  sub si, 0x0101
  loop .c
  ret
