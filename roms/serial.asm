; SPDX-License-Identifier: GPL-2.0-or-later
;
; serial.asm - the 16550A UARTs of -serial (QEMU's hw/char/serial.c) as the
; guest sees them at COM1 (0x3f8) and COM2 (0x2f8): every register after
; reset, the divisor latch, line control, transmission (LSR and IIR around
; a THR write with the THR-empty interrupt enabled), the FIFO control bits
; in IIR, loopback (a byte written comes back in RBR, MSR follows MCR),
; and the scratch register.  No port at COM3 (no third -serial).
; rom-args: -serial null -serial null

%include "lib.inc"

TEXT16
main16:
  PRINT "serial: COM1", 10
  mov bx, 0x3f8
  call probe
  PRINT "serial: COM2", 10
  mov bx, 0x2f8
  call probe
  PRINT "serial: COM3 (absent)", 10
  mov bx, 0x3e8
  call dump
  DONE

; print the 8 registers at BX..BX+7 as "  r0 r1 ... r7"
dump:
  push cx
  push dx
  PRINT " "
  xor cx, cx
.d:
  mov dx, bx
  add dx, cx
  in al, dx
  SP
  HEX8 al
  inc cx
  cmp cx, 8
  jb .d
  NL
  pop dx
  pop cx
  ret

; out [BX + %1], %2
%macro WR 2
  lea dx, [bx + %1]
  mov al, %2
  out dx, al
%endmacro
; print " name=XX" for in [BX + %1]
%macro RD 2
  lea dx, [bx + %1]
  in al, dx
  PRINT " ", %2, "="
  HEX8 al
%endmacro

probe:
  call dump                     ; after reset
  WR 3, 0x80                    ; DLAB
  WR 0, 0x0c                    ; divisor 12: 9600 baud
  WR 1, 0x00
  RD 0, "dll"
  RD 1, "dlm"
  NL
  WR 3, 0x1b                    ; 8 bits, even parity, 1 stop
  call dump
  WR 1, 0x02                    ; IER: THR empty
  RD 2, "iir"
  RD 2, "iir2"
  WR 0, 'A'
  RD 5, "lsr"
  RD 2, "iir3"
  NL
  WR 2, 0xc7                    ; FIFO on, clear both, trigger 14
  RD 2, "iir-fifo"
  WR 2, 0x00
  RD 2, "iir-nofifo"
  NL
  WR 1, 0x00
  WR 4, 0x1f                    ; loopback, DTR RTS OUT1 OUT2
  RD 6, "msr"
  WR 0, 0x5a
  RD 5, "lsr"
  RD 0, "rbr"
  RD 5, "lsr2"
  RD 6, "msr2"
  NL
  WR 4, 0x00
  WR 7, 0xa5
  RD 7, "scr"
  RD 6, "msr3"
  NL
  ret
