; SPDX-License-Identifier: GPL-2.0-or-later
;
; shift.asm - real-mode shifts and rotates: SHL SHR SAR ROL ROR RCL RCR by 1
; (D0/D1), by CL (D2/D3; counts 0, 1, n, the width, more than the width,
; more than 31) and by imm8 (C0/C1), SHLD/SHRD by CL and imm8 (including
; counts larger than the operand), 8/16/32-bit operands in 16-bit code.
; Every result and the flags (undefined ones included) are printed; spot
; checks of the defined results.

%include "lib.inc"
%include "arith.inc"

M               equ RM_SCRATCH

TEXT16
main16:
  PRINT "shift: real-mode shifts and rotates", 10

%macro SHIFTS 4 ; name-suffix, width, values, flags
  BINOP %str(SHL%1 cl), %2, %3, CNT, s_shl_ %+ %1, %4
  BINOP %str(SHR%1 cl), %2, %3, CNT, s_shr_ %+ %1, %4 ^ 0x08d5
  BINOP %str(SAR%1 cl), %2, %3, CNT, s_sar_ %+ %1, %4
  BINOP %str(ROL%1 cl), %2, %3, CNT, s_rol_ %+ %1, %4 ^ 0x08d5
  BINOP %str(ROR%1 cl), %2, %3, CNT, s_ror_ %+ %1, %4
  BINOP %str(RCL%1 cl), %2, %3, CNT, s_rcl_ %+ %1, FL_NONE
  BINOP %str(RCL%1 cl), %2, %3, CNT, s_rcl_ %+ %1, FL_ALL
  BINOP %str(RCR%1 cl), %2, %3, CNT, s_rcr_ %+ %1, FL_NONE
  BINOP %str(RCR%1 cl), %2, %3, CNT, s_rcr_ %+ %1, FL_ALL
  BINOP %str(SHIFT%1 by 1 fl=0), %2, %3, OPS7, s_one_ %+ %1, FL_NONE
  BINOP %str(SHIFT%1 by 1 fl=all), %2, %3, OPS7, s_one_ %+ %1, FL_ALL
  BINOP %str(SHIFT%1 imm), %2, %3, IMMS, s_imm_ %+ %1, FL_ALL
%endmacro

  SHIFTS 8, 8, VA8, FL_NONE
  SHIFTS 16, 16, VA16, FL_ALL
  SHIFTS 32, 32, VA32, FL_NONE

  mov dword [A_EDX], 0x9abcdef0
  BINOP "SHLD16 cl", 16, VA16, CNT, s_shld16, FL_NONE
  BINOP "SHRD16 cl", 16, VA16, CNT, s_shrd16, FL_ALL
  BINOP "SHLD32 cl", 32, VA32, CNT, s_shld32, FL_ALL
  BINOP "SHRD32 cl", 32, VA32, CNT, s_shrd32, FL_NONE
  BINOP "SHxD imm", 32, VA32, OPS4, s_shxd_imm, FL_ALL
  mov dword [A_EDX], 0

  call forms
  call spots
  DONE

; ------------------------------------------------------------------ stubs
%macro CLSTUBS 2 ; suffix, register
s_shl_%1: mov cl, bl
          shl %2, cl
          ret
s_shr_%1: mov cl, bl
          shr %2, cl
          ret
s_sar_%1: mov cl, bl
          sar %2, cl
          ret
s_rol_%1: mov cl, bl
          rol %2, cl
          ret
s_ror_%1: mov cl, bl
          ror %2, cl
          ret
s_rcl_%1: mov cl, bl
          rcl %2, cl
          ret
s_rcr_%1: mov cl, bl
          rcr %2, cl
          ret
; by-1 forms: B selects the operation (0..6)
s_one_%1: push word [A_FL]
          cmp bl, 1
          jb .shl
          je .shr
          cmp bl, 3
          jb .sar
          je .rol
          cmp bl, 5
          jb .ror
          je .rcl
          popf
          rcr %2, 1
          ret
.shl:     popf
          shl %2, 1
          ret
.shr:     popf
          shr %2, 1
          ret
.sar:     popf
          sar %2, 1
          ret
.rol:     popf
          rol %2, 1
          ret
.ror:     popf
          ror %2, 1
          ret
.rcl:     popf
          rcl %2, 1
          ret
; imm8 forms (C0/C1): B selects the operation and count
s_imm_%1: push word [A_FL]
          cmp bl, 1
          jb .a
          je .b
          cmp bl, 3
          jb .c
          je .d
          cmp bl, 5
          jb .e
          je .f
          cmp bl, 7
          jb .g
          je .h
          popf
%if %1 == 8
          db 0xc0, 0xe0, 1              ; shl al, imm8=1 (C0 form, not D0)
%elif %1 == 16
          db 0xc1, 0xe0, 1
%else
          db 0x66, 0xc1, 0xe0, 1
%endif
          ret
.a:       popf
          shl %2, 0
          ret
.b:       popf
          shr %2, 3
          ret
.c:       popf
          sar %2, 7
          ret
.d:       popf
          rol %2, 9
          ret
.e:       popf
          ror %2, 17
          ret
.f:       popf
          rcl %2, 31
          ret
.g:       popf
          rcr %2, 33
          ret
.h:       popf
          rcl %2, 8
          ret
%endmacro

CLSTUBS 8, al
CLSTUBS 16, ax
CLSTUBS 32, eax

s_shld16: mov cl, bl
          shld ax, dx, cl
          ret
s_shrd16: mov cl, bl
          shrd ax, dx, cl
          ret
s_shld32: mov cl, bl
          shld eax, edx, cl
          ret
s_shrd32: mov cl, bl
          shrd eax, edx, cl
          ret
s_shxd_imm:
          push word [A_FL]
          cmp bl, 1
          jb .a
          je .b
          cmp bl, 2
          je .c
          popf
          shrd ax, dx, 20               ; 16-bit, count > 16
          ret
.a:       popf
          shld eax, edx, 0
          ret
.b:       popf
          shld eax, edx, 12
          ret
.c:       popf
          shrd eax, edx, 31
          ret

; ----------------------------------------------------------------- tables
VA8:    dw 4
       dd 0x01, 0x80, 0x81, 0x5a
VA16:   dw 4
       dd 0x0001, 0x8000, 0x8001, 0x5a5a
VA32:   dw 4
       dd 0x00000001, 0x80000000, 0x80000001, 0x5a5a5a5a
CNT:   dw 11
       dd 0, 1, 2, 7, 8, 9, 16, 17, 31, 32, 33
OPS7:  dw 7
       dd 0, 1, 2, 3, 4, 5, 6
OPS4:  dw 4
       dd 0, 1, 2, 3
IMMS:  dw 9
       dd 0, 1, 2, 3, 4, 5, 6, 7, 8

; ----------------------------------------------------------- encodings
%macro SHOW 1
  pushf
  pop word [A_RFL]
  PUTC ' '
  HEX32 %1
  PUTC '/'
  HEX16 [A_RFL]
%endmacro

forms:
  PRINT "forms:"
  mov dword [M], 0x80402011
  mov cl, 3
  stc
  shl byte [M], 1               ; d0 mem
  SHOW [M]
  rcr word [M], cl              ; d3 mem
  SHOW [M]
  sar dword [M], 5              ; c1 mem
  SHOW [M]
  rol byte [M + 3], cl          ; d2 mem
  SHOW [M]
  db 0xd1, 0x36                 ; d1 /6 (SAL alias of SHL), [M]
  dw M
  SHOW [M]
  mov dx, 0x8421
  shld [M], dx, 4               ; 0f a4 mem
  SHOW [M]
  mov edx, 0x0f0f0f0f
  shrd [M], edx, cl             ; 0f ad mem
  SHOW [M]
  mov ebx, 0x12345678
  ror bh, cl                    ; high-byte register
  SHOW ebx
  mov cx, 0xff21                ; count uses CL only (0x21 & 0x1f = 1)
  rcl ebx, cl
  SHOW ebx
  NL
  ret

; ----------------------------------------------------------- spot checks
spots:
  ;    stub      flags    a           b   result      mask     flags
  SPOT s_shl_8,  FL_NONE, 0x81,       1,  0x02,       M_OSZPC, 0x0801
  SPOT s_shr_16, FL_NONE, 0x8001,     1,  0x4000,     M_OSZPC, 0x0805
  SPOT s_sar_32, FL_NONE, 0x80000000, 31, 0xffffffff, M_SZPC,  0x0084
  SPOT s_rol_32, FL_NONE, 0x80000001, 1,  0x00000003, M_OC,    0x0801
  SPOT s_ror_8,  FL_NONE, 0x01,       1,  0x80,       M_OC,    0x0801
  SPOT s_rcl_8,  FL_NONE, 0x80,       1,  0x00,       M_OC,    0x0801
  SPOT s_rcr_16, FL_CF,   0x0001,     1,  0x8000,     M_OC,    0x0801
  SPOT s_rcl_8,  FL_NONE, 0x5a,       9,  0x5a,       M_CF,    0x0000
  SPOT s_rcr_16, FL_CF,   0x1234,     17, 0x1234,     M_CF,    0x0001
  SPOT s_shl_16, FL_ALL,  0x1234,     0,  0x1234,     M_ARITH, 0x08d5
  SPOT s_shl_32, FL_ALL,  0x1234,     32, 0x1234,     M_ARITH, 0x08d5
  SPOT s_ror_32, FL_NONE, 0x12345678, 36, 0x81234567, M_CF,    0x0001
  SPOT s_shr_8,  FL_NONE, 0xff,       8,  0x00,       M_SZPC,  0x0045
  mov dword [A_EDX], 0x9abcdef0
  SPOT s_shld32, FL_NONE, 0x12345678, 4,  0x23456789, M_CF,    0x0001
  SPOT s_shrd32, FL_ALL,  0x12345678, 8,  0xf0123456, M_CF,    0x0000
  SPOT s_shld16, FL_NONE, 0x5678,     4,  0x678d,     M_CF,    0x0001
  mov dword [A_EDX], 0
  ret
