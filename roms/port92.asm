; SPDX-License-Identifier: GPL-2.0-or-later
;
; port92.asm - port 0x92 ("system control port A", QEMU's hw/i386/port92.c):
; the value read back, bit 1 driving A20 (a write at 1 MiB + 0x8f00 lands at
; 0x8f00 when A20 is off), and bit 0 going 0 -> 1 resetting the machine.  RAM
; survives the reset, so a marker at 0x80000 tells the second boot, which
; prints what port 0x92 and A20 look like after a system reset.

%include "lib.inc"

MARK            equ 0x8000      ; segment of the marker (linear 0x80000)
MAGIC           equ 0x32395452  ; "RT92"

TEXT16
main16:
  mov ax, MARK
  mov es, ax
  cmp dword [es:0], MAGIC
  je after_reset
  mov dword [es:0], MAGIC
  PRINT "port92: first boot", 10
  call show
  mov al, 0x02                  ; A20 on
  out 0x92, al
  call show
  call a20_probe
  mov al, 0x00                  ; A20 off
  out 0x92, al
  call show
  call a20_probe
  mov al, 0xfe                  ; every bit but the reset bit
  out 0x92, al
  call show
  mov al, 0x02
  out 0x92, al
  PRINT "fast reset", 10
  mov al, 0x03                  ; bit 0: 0 -> 1 resets
  out 0x92, al
.spin:
  jmp .spin

after_reset:
  mov dword [es:0], 0
  PRINT "port92: after reset", 10
  call show
  call a20_probe
  mov al, 0x02
  out 0x92, al
  call show
  DONE

; print "92=XX"
show:
  PRINT "  92="
  in al, 0x92
  HEX8 al
  NL
  ret

; 0x08f00 <- 0x11, then FFFF:8F10 (1 MiB + 0x8f00) <- 0x22; print both bytes
a20_probe:
  push ds
  push es
  xor ax, ax
  mov ds, ax
  mov ax, 0xffff
  mov es, ax
  mov byte [0x8f00], 0x11
  mov byte [es:0x8f10], 0x22
  PRINT "  low="
  mov al, [0x8f00]
  HEX8 al
  PRINT " high="
  mov al, [es:0x8f10]
  HEX8 al
  NL
  pop es
  pop ds
  ret
