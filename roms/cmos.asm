; SPDX-License-Identifier: GPL-2.0-or-later
;
; cmos.asm - the MC146818 RTC's CMOS as QEMU's pc machine fills it
; (pc_cmos_init: memory sizes, boot order, equipment, drives, CPU count;
; the century byte) and its ports: the index port reads 0xff, bit 7 of the
; index (NMI mask) selects the same byte, REG_C and REG_D are read-only.
; Register A is printed without UIP and register C is not printed (both
; depend on when in the second the read happens); the clock itself is not
; printed (host time).

%include "lib.inc"

TEXT16
main16:
  PRINT "cmos: registers", 10
  mov al, 0x0a
  call cmos_rd
  and al, 0x7f
  PRINT " a="
  HEX8 al
  mov al, 0x0b
  call cmos_rd
  PRINT " b="
  HEX8 al
  mov al, 0x0d
  call cmos_rd
  PRINT " d="
  HEX8 al
  in al, 0x70
  PRINT " port70="
  HEX8 al
  NL
  PRINT "cmos: 0e-7f"
  mov bl, 0x0e
.row:
  test bl, 0x0f
  jnz .b
  NL
  PRINT " "
  mov al, bl
  HEX8 al
  PUTC ':'
.b:
  mov al, bl
  call cmos_rd
  SP
  HEX8 al
  inc bl
  cmp bl, 0x80
  jb .row
  NL
  PRINT "cmos: writes"
  mov al, 0x40
  out 0x70, al
  mov al, 0x5a
  out 0x71, al
  mov al, 0xc0                  ; NMI mask bit set: the same byte
  call cmos_rd
  SP
  HEX8 al
  mov al, 0x0d                  ; REG_D read-only
  out 0x70, al
  mov al, 0x00
  out 0x71, al
  mov al, 0x0d
  call cmos_rd
  SP
  HEX8 al
  mov al, 0x0b                  ; binary mode, 24h, no interrupts
  out 0x70, al
  mov al, 0x06
  out 0x71, al
  mov al, 0x0b
  call cmos_rd
  SP
  HEX8 al
  NL
  DONE

; AL = CMOS[AL]
cmos_rd:
  out 0x70, al
  in al, 0x71
  ret
