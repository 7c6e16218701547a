; SPDX-License-Identifier: GPL-2.0-or-later
;
; muldiv.asm - real-mode multiply/divide and sign extension: MUL, IMUL (one-,
; two- and three-operand forms, imm8/imm16/imm32), DIV, IDIV (quotient
; overflow and division by zero raise #DE through the real-mode IVT and are
; printed), CBW CWD CWDE CDQ, AAM, AAD.  8/16/32-bit operands in 16-bit code,
; every result and the flags printed; spot checks of defined results.

%include "lib.inc"
%include "arith.inc"

M               equ RM_SCRATCH

TEXT16
main16:
  PRINT "muldiv: real-mode multiply and divide", 10

  BINOP "MUL8", 16, V8, V8, s_mul8, FL_NONE
  mov byte [A_TWO], 1
  BINOP "MUL16", 16, V16, V16, s_mul16, FL_ALL
  BINOP "MUL32", 32, V32, V32, s_mul32, FL_NONE
  mov byte [A_TWO], 0
  BINOP "IMUL8", 16, V8, V8, s_imul8, FL_ALL
  mov byte [A_TWO], 1
  BINOP "IMUL16", 16, V16, V16, s_imul16, FL_NONE
  BINOP "IMUL32", 32, V32, V32, s_imul32, FL_ALL
  mov byte [A_TWO], 0
  BINOP "IMUL16 r,rm", 16, V16, V16, s_imul2_16, FL_NONE
  BINOP "IMUL32 r,rm", 32, V32, V32, s_imul2_32, FL_ALL
  BINOP "IMUL16 r,rm,i8", 16, V16, IMM8S, s_imul3_16_i8, FL_NONE
  BINOP "IMUL16 r,rm,i16", 16, V16, ONE, s_imul3_16_i16, FL_NONE
  BINOP "IMUL32 r,rm,i8", 32, V32, IMM8S, s_imul3_32_i8, FL_NONE
  BINOP "IMUL32 r,rm,i32", 32, V32, ONE, s_imul3_32_i32, FL_NONE

  ; division: #DE is caught and the row shows dededede
  BINOP "DIV8", 16, DV16, D8, s_div8, FL_NONE
  BINOP "IDIV8", 16, DV16, D8, s_idiv8, FL_ALL
  mov byte [A_TWO], 1
  BINOP "DIV16 dx=0", 16, V16, D16, s_div16, FL_NONE
  BINOP "IDIV16 dx=0", 16, V16, D16, s_idiv16, FL_NONE
  mov dword [A_EDX], 0xffff
  BINOP "DIV16 dx=ffff", 16, V16, D16, s_div16, FL_NONE
  BINOP "IDIV16 dx=ffff", 16, V16, D16, s_idiv16, FL_NONE
  mov dword [A_EDX], 0
  BINOP "DIV32 edx=0", 32, V32, D32, s_div32, FL_NONE
  BINOP "IDIV32 edx=0", 32, V32, D32, s_idiv32, FL_NONE
  mov dword [A_EDX], 0xffffffff
  BINOP "DIV32 edx=ffffffff", 32, V32, D32, s_div32, FL_NONE
  BINOP "IDIV32 edx=ffffffff", 32, V32, D32, s_idiv32, FL_NONE
  mov dword [A_EDX], 1
  BINOP "DIV32 edx=1", 32, V32, D32, s_div32, FL_NONE
  mov dword [A_EDX], 0x5a5a5a5a
  BINOP "CWD", 16, V16, ONE, s_cwd, FL_NONE
  BINOP "CDQ", 32, V32, ONE, s_cdq, FL_NONE
  mov byte [A_TWO], 0
  mov dword [A_EDX], 0
  BINOP "CBW", 32, V16, ONE, s_cbw, FL_NONE
  BINOP "CWDE", 32, V32, ONE, s_cwde, FL_ALL
  BINOP "AAM", 16, AXV, IMMB, s_aam, FL_NONE
  BINOP "AAD", 16, AXV, IMMB, s_aad, FL_ALL

  call forms
  call spots
  DONE

; ------------------------------------------------------------------ stubs
s_mul8:   mul bl
          ret
s_mul16:  mul bx
          ret
s_mul32:  mul ebx
          ret
s_imul8:  imul bl
          ret
s_imul16: imul bx
          ret
s_imul32: imul ebx
          ret
s_imul2_16:
          imul ax, bx
          ret
s_imul2_32:
          imul eax, ebx
          ret
; three-operand forms: the immediate comes from the B table through a
; small dispatch (the encoding is fixed per stub)
s_imul3_16_i8:
          cmp bl, 0x7f
          je .p
          cmp bl, 0x80
          je .m
          push word [A_FL]
          popf
          imul ax, ax, -1
          ret
.p:       push word [A_FL]
          popf
          imul ax, ax, 0x7f
          ret
.m:       push word [A_FL]
          popf
          imul ax, ax, -128
          ret
s_imul3_16_i16:
          imul ax, ax, 0x1234
          ret
s_imul3_32_i8:
          cmp bl, 0x7f
          je .p
          cmp bl, 0x80
          je .m
          push word [A_FL]
          popf
          imul eax, eax, -1
          ret
.p:       push word [A_FL]
          popf
          imul eax, eax, 0x7f
          ret
.m:       push word [A_FL]
          popf
          imul eax, eax, -128
          ret
s_imul3_32_i32:
          imul eax, eax, 0x12345678
          ret

%macro DIVSTUB 2
%1:       TRY .x
          %2
          ENDTRY
          ret
.x:       mov eax, 0xdededede
          mov edx, eax
          ret
%endmacro
DIVSTUB s_div8, {div bl}
DIVSTUB s_idiv8, {idiv bl}
DIVSTUB s_div16, {div bx}
DIVSTUB s_idiv16, {idiv bx}
DIVSTUB s_div32, {div ebx}
DIVSTUB s_idiv32, {idiv ebx}

s_cwd:    cwd
          ret
s_cdq:    cdq
          ret
s_cbw:    mov edx, 0x5a5a0000
          or eax, edx
          push word [A_FL]
          popf
          cbw
          ret
s_cwde:   cwde
          ret
s_aam:    cmp bl, 16
          je .h
          cmp bl, 0
          je .z
          push word [A_FL]
          popf
          aam
          ret
.h:       push word [A_FL]
          popf
          aam 16
          ret
.z:       TRY .x
          aam 0
          ENDTRY
          ret
.x:       mov eax, 0xdededede
          ret
s_aad:    cmp bl, 16
          je .h
          cmp bl, 0
          je .z
          push word [A_FL]
          popf
          aad
          ret
.h:       push word [A_FL]
          popf
          aad 16
          ret
.z:       push word [A_FL]
          popf
          aad 0
          ret

; ----------------------------------------------------------------- tables
V8:    dw 6
       dd 0x00, 0x01, 0x7f, 0x80, 0xff, 0x5a
V16:   dw 6
       dd 0x0000, 0x0001, 0x7fff, 0x8000, 0xffff, 0x1234
V32:   dw 7
       dd 0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xffffffff, 0x0000ffff, 0x12345678
ONE:   dw 1
       dd 0
IMM8S: dw 3
       dd 0x7f, 0x80, 0xff
DV16:  dw 9
       dd 0x0000, 0x0001, 0x007f, 0x0080, 0x00ff, 0x0107, 0x7fff, 0x8000, 0xfff9
D8:    dw 6
       dd 0x00, 0x01, 0x02, 0x7f, 0x80, 0xff
D16:   dw 6
       dd 0x0000, 0x0001, 0x0010, 0x7fff, 0x8000, 0xffff
D32:   dw 6
       dd 0x00000000, 0x00000001, 0x00000010, 0x7fffffff, 0x80000000, 0xffffffff
AXV:   dw 8
       dd 0x0000, 0x0009, 0x0063, 0x00ff, 0x0105, 0x7f80, 0xffff, 0x1234
IMMB:  dw 4
       dd 10, 16, 0, 0xff

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
  mov dword [M], 0x8765fffe
  mov dword [M + 4], 0x00000003
  mov eax, 0x12345678
  mul byte [M + 4]              ; f6 /4 mem
  SHOW eax
  mov eax, 0x12345678
  imul word [M + 2]             ; f7 /5 mem (16)
  SHOW eax
  SHOW edx
  mov eax, 0x12345678
  mul dword [M]                 ; f7 /4 mem (32)
  SHOW eax
  SHOW edx
  mov ecx, 0x11112222
  imul cx, [M], 0x70            ; 6b mem
  SHOW ecx
  imul ecx, [M], 0x10000        ; 69 mem
  SHOW ecx
  imul esi, [M + 1]             ; 0f af mem
  SHOW esi
  mov edx, 0x00000002
  mov eax, 0x00000001
  div dword [M + 4]             ; f7 /6 mem
  SHOW eax
  SHOW edx
  mov ax, 0xff00
  TRY .de

.idivb:
  idiv byte [M]                 ; f6 /7 mem: -256 / -2 = 128 -> #DE
  ENDTRY
  FAILMSG "idiv byte: no #DE"
.de:
  CHK [VAR_EXC_VEC], 0, "idiv byte #DE"
  CHK [VAR_EXC_EIP], .idivb, "idiv byte #DE IP"
  SHOW eax
  mov dx, 0xffff
  mov ax, 0xfffd
  idiv word [M + 4]             ; -3 / 3
  SHOW eax
  SHOW edx
  mov ebp, 0x00000100
  mov ax, 0x1234
  mul bp
  SHOW eax
  SHOW edx
  mov cx, 0x0303
  mov ax, 0x0102
  imul ch                       ; high-byte register operand
  SHOW eax
  NL
  ret

; ----------------------------------------------------------- spot checks
spots:
  ;    stub        flags    a           b     result      mask   flags
  SPOT s_mul8,     FL_NONE, 0xff,       0xff, 0xfe01,     M_OC,  0x0801
  SPOT s_mul16,    FL_ALL,  2,          3,    6,          M_OC,  0x0000
  SPOT s_mul32,    FL_NONE, 0x80000000, 2,    0,          M_OC,  0x0801
  SPOT s_imul8,    FL_NONE, 0xff,       0xff, 0x0001,     M_OC,  0x0000
  SPOT s_imul8,    FL_NONE, 0x80,       0xff, 0x0080,     M_OC,  0x0801
  SPOT s_imul2_16, FL_NONE, 0x4000,     2,    0x8000,     M_OC,  0x0801
  SPOT s_imul2_32, FL_ALL,  0xffffffff, 0xffffffff, 1,    M_OC,  0x0000
  SPOT s_div8,     FL_NONE, 0x0107,     0x10, 0x0710,     0,     0
  SPOT s_idiv8,    FL_NONE, 0xfff9,     2,    0xfffd,     0,     0
  mov dword [A_EDX], 1
  SPOT s_div32,    FL_NONE, 0,          2,    0x80000000, 0,     0
  mov dword [A_EDX], 0xffffffff
  SPOT s_idiv32,   FL_NONE, 0xfffffff9, 2,    0xfffffffd, 0,     0
  SPOT s_idiv32,   FL_NONE, 0x80000000, 0xffffffff, 0xdededede, 0, 0 ; overflow: #DE
  mov dword [A_EDX], 0
  SPOT s_div16,    FL_NONE, 0x1234,     0,    0xdededede, 0,     0 ; divide by 0
  SPOT s_cbw,      FL_NONE, 0x80,       0,    0x5a5aff80, 0,     0
  SPOT s_cwde,     FL_NONE, 0x12348000, 0,    0xffff8000, 0,     0
  SPOT s_aam,      FL_NONE, 0x0063,     10,   0x0909,     M_SZP, 0x0004
  SPOT s_aad,      FL_ALL,  0x0909,     10,   0x0063,     M_SZP, 0x0004
  SPOT s_aam,      FL_NONE, 0x0063,     0,    0xdededede, 0,     0 ; AAM 0: #DE
  ret
