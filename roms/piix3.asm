; SPDX-License-Identifier: GPL-2.0-or-later
;
; piix3.asm - the PIIX3 PCI-to-ISA bridge, function 00:01.0 (QEMU's
; hw/isa/piix3.c): its config space after reset, writes to its registers
; (PIRQ routing 0x60-0x63, COMMAND, read-only IDs), and the reset control
; register at 0xcf9 (bit 1 kept, bit 2 resets the machine).  RAM survives
; the reset: a marker at 0x80000 tells the second boot, which prints the
; config space again.

%include "lib.inc"

MARK            equ 0x8000      ; segment of the marker (linear 0x80000)
MAGIC           equ 0x33584950  ; "PIX3"
DEV             equ 0x80000800  ; bus 0, device 1, function 0

TEXT16
main16:
  mov ax, MARK
  mov es, ax
  cmp dword [es:0], MAGIC
  je after_reset
  mov dword [es:0], MAGIC
  PRINT "piix3: config space", 10
  call dump
  PRINT "writes", 10
  mov bl, 0x60
  mov eax, 0x0b0a0509           ; PIRQA..D -> IRQ 9, 5, 10, 11
  call cfg_wr32
  mov bl, 0x00
  mov eax, 0xffffffff           ; IDs are read-only
  call cfg_wr32
  mov bl, 0x04
  mov eax, 0xffff0000           ; COMMAND 0, STATUS W1C
  call cfg_wr32
  mov bl, 0x4c
  mov eax, 0x12345678
  call cfg_wr32
  mov bl, 0x00
  call row
  mov bl, 0x40
  call row
  mov bl, 0x60
  call row
  PRINT "rcr"
  in al, 0x70                   ; (something else in between)
  mov dx, 0xcf9
  in al, dx
  SP
  HEX8 al
  mov al, 0x0a                  ; bits 1 and 3: bit 1 kept
  out dx, al
  in al, dx
  SP
  HEX8 al
  mov al, 0xff
  mov dx, 0xcf8                 ; 0xcf9 as part of a dword at 0xcf8
  in eax, dx
  SP
  HEX32 eax
  NL
  PRINT "reset through 0xcf9", 10
  mov dx, 0xcf9
  mov al, 0x06
  out dx, al
.spin:
  jmp .spin

after_reset:
  mov dword [es:0], 0
  PRINT "piix3: after reset", 10
  call dump
  mov dx, 0xcf9
  in al, dx
  PRINT "rcr "
  HEX8 al
  NL
  DONE

; print the 256-byte config space, 16 bytes a row
dump:
  xor bl, bl
.r:
  call row
  add bl, 16
  jnz .r
  ret

; print "  BL: 16 bytes" (4 dwords)
row:
  push bx
  PRINT "  "
  HEX8 bl
  PUTC ':'
  mov cx, 4
.d:
  call cfg_rd32
  SP
  HEX32 eax
  add bl, 4
  loop .d
  NL
  pop bx
  ret

; EAX = dword at config offset BL of 00:01.0
cfg_rd32:
  push dx
  movzx eax, bl
  or eax, DEV
  mov dx, 0xcf8
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  pop dx
  ret

; dword EAX to config offset BL of 00:01.0
cfg_wr32:
  push dx
  push eax
  movzx eax, bl
  or eax, DEV
  mov dx, 0xcf8
  out dx, eax
  pop eax
  mov dx, 0xcfc
  out dx, eax
  pop dx
  ret
