; SPDX-License-Identifier: GPL-2.0-or-later
;
; alu.asm - real-mode integer ALU: ADD ADC SUB SBB CMP AND OR XOR TEST,
; INC DEC NEG NOT, XADD CMPXCHG CMPXCHG8B, 8/16/32-bit operands in 16-bit
; code, over a table of interesting values, printing every result and the
; flags (PUSHF).  Then every encoding form of the eight classic ALU ops
; (00-05, 80-83 incl. the 82 alias, memory and high-byte registers), LOCK'd
; read-modify-write forms, and spot checks of architecturally defined
; results.

%include "lib.inc"
%include "arith.inc"

M               equ RM_SCRATCH

TEXT16
main16:
  PRINT "alu: real-mode ALU ops", 10

  BINOP "ADD8", 8, V8, V8, s_add8, FL_NONE
  BINOP "ADD16", 16, V16, V16, s_add16, FL_NONE
  BINOP "ADD32", 32, V32, V32, s_add32, FL_NONE
  BINOP "ADC8", 8, V8, V8, s_adc8, FL_NONE
  BINOP "ADC8", 8, V8, V8, s_adc8, FL_ALL
  BINOP "ADC16", 16, V16, V16, s_adc16, FL_NONE
  BINOP "ADC16", 16, V16, V16, s_adc16, FL_ALL
  BINOP "ADC32", 32, V32, V32, s_adc32, FL_NONE
  BINOP "ADC32", 32, V32, V32, s_adc32, FL_ALL
  BINOP "SUB8", 8, V8, V8, s_sub8, FL_NONE
  BINOP "SUB16", 16, V16, V16, s_sub16, FL_NONE
  BINOP "SUB32", 32, V32, V32, s_sub32, FL_NONE
  BINOP "SBB8", 8, V8, V8, s_sbb8, FL_NONE
  BINOP "SBB8", 8, V8, V8, s_sbb8, FL_ALL
  BINOP "SBB16", 16, V16, V16, s_sbb16, FL_NONE
  BINOP "SBB16", 16, V16, V16, s_sbb16, FL_ALL
  BINOP "SBB32", 32, V32, V32, s_sbb32, FL_NONE
  BINOP "SBB32", 32, V32, V32, s_sbb32, FL_ALL
  BINOP "CMP8", 8, V8, V8, s_cmp8, FL_ALL
  BINOP "CMP16", 16, V16, V16, s_cmp16, FL_NONE
  BINOP "CMP32", 32, V32, V32, s_cmp32, FL_NONE
  BINOP "AND8", 8, V8, V8, s_and8, FL_ALL
  BINOP "AND16", 16, V16, V16, s_and16, FL_NONE
  BINOP "AND32", 32, V32, V32, s_and32, FL_ALL
  BINOP "OR8", 8, V8, V8, s_or8, FL_NONE
  BINOP "OR16", 16, V16, V16, s_or16, FL_ALL
  BINOP "OR32", 32, V32, V32, s_or32, FL_NONE
  BINOP "XOR8", 8, V8, V8, s_xor8, FL_ALL
  BINOP "XOR16", 16, V16, V16, s_xor16, FL_NONE
  BINOP "XOR32", 32, V32, V32, s_xor32, FL_ALL
  BINOP "TEST8", 8, V8, V8, s_test8, FL_NONE
  BINOP "TEST16", 16, V16, V16, s_test16, FL_ALL
  BINOP "TEST32", 32, V32, V32, s_test32, FL_NONE

  BINOP "INC8", 8, V8, ONE, s_inc8, FL_NONE
  BINOP "INC8", 8, V8, ONE, s_inc8, FL_ALL
  BINOP "INC16", 16, V16, ONE, s_inc16, FL_NONE
  BINOP "INC16", 16, V16, ONE, s_inc16, FL_ALL
  BINOP "INC32", 32, V32, ONE, s_inc32, FL_NONE
  BINOP "INC32", 32, V32, ONE, s_inc32, FL_ALL
  BINOP "DEC8", 8, V8, ONE, s_dec8, FL_NONE
  BINOP "DEC8", 8, V8, ONE, s_dec8, FL_ALL
  BINOP "DEC16", 16, V16, ONE, s_dec16, FL_NONE
  BINOP "DEC16", 16, V16, ONE, s_dec16, FL_ALL
  BINOP "DEC32", 32, V32, ONE, s_dec32, FL_NONE
  BINOP "DEC32", 32, V32, ONE, s_dec32, FL_ALL
  BINOP "NEG8", 8, V8, ONE, s_neg8, FL_NONE
  BINOP "NEG16", 16, V16, ONE, s_neg16, FL_ALL
  BINOP "NEG32", 32, V32, ONE, s_neg32, FL_NONE
  BINOP "NOT8", 8, V8, ONE, s_not8, FL_ALL
  BINOP "NOT16", 16, V16, ONE, s_not16, FL_NONE
  BINOP "NOT32", 32, V32, ONE, s_not32, FL_ALL

  mov byte [A_TWO], 1
  BINOP "XADD8", 8, V8, V8, s_xadd8, FL_NONE
  BINOP "XADD16", 16, V16, V16, s_xadd16, FL_ALL
  BINOP "XADD32", 32, V32, V32, s_xadd32, FL_NONE
  BINOP "CMPXCHG8", 8, V8, V8, s_cmpxchg8, FL_NONE
  BINOP "CMPXCHG16", 16, V16, V16, s_cmpxchg16, FL_ALL
  BINOP "CMPXCHG32", 32, V32, V32, s_cmpxchg32, FL_NONE
  mov byte [A_TWO], 0

  call forms
  call lockforms
  call cx8
  call spots
  DONE

; ------------------------------------------------------------------ stubs
s_add8:   add al, bl
          ret
s_add16:  add ax, bx
          ret
s_add32:  add eax, ebx
          ret
s_adc8:   adc al, bl
          ret
s_adc16:  adc ax, bx
          ret
s_adc32:  adc eax, ebx
          ret
s_sub8:   sub al, bl
          ret
s_sub16:  sub ax, bx
          ret
s_sub32:  sub eax, ebx
          ret
s_sbb8:   sbb al, bl
          ret
s_sbb16:  sbb ax, bx
          ret
s_sbb32:  sbb eax, ebx
          ret
s_cmp8:   cmp al, bl
          ret
s_cmp16:  cmp ax, bx
          ret
s_cmp32:  cmp eax, ebx
          ret
s_and8:   and al, bl
          ret
s_and16:  and ax, bx
          ret
s_and32:  and eax, ebx
          ret
s_or8:    or al, bl
          ret
s_or16:   or ax, bx
          ret
s_or32:   or eax, ebx
          ret
s_xor8:   xor al, bl
          ret
s_xor16:  xor ax, bx
          ret
s_xor32:  xor eax, ebx
          ret
s_test8:  test al, bl
          ret
s_test16: test ax, bx
          ret
s_test32: test eax, ebx
          ret
s_inc8:   inc al
          ret
s_inc16:  inc ax
          ret
s_inc32:  inc eax
          ret
s_dec8:   dec al
          ret
s_dec16:  dec ax
          ret
s_dec32:  dec eax
          ret
s_neg8:   neg al
          ret
s_neg16:  neg ax
          ret
s_neg32:  neg eax
          ret
s_not8:   not al
          ret
s_not16:  not ax
          ret
s_not32:  not eax
          ret
s_xadd8:  xadd al, bl
          mov edx, ebx
          ret
s_xadd16: xadd ax, bx
          mov edx, ebx
          ret
s_xadd32: xadd eax, ebx
          mov edx, ebx
          ret
; CMPXCHG dest=EBX, accumulator=EAX (a), source=ECX (fixed)
s_cmpxchg8:
          mov ecx, 0x5a5a5a5a
          cmpxchg bl, cl
          mov edx, ebx
          ret
s_cmpxchg16:
          mov ecx, 0x5a5a5a5a
          cmpxchg bx, cx
          mov edx, ebx
          ret
s_cmpxchg32:
          mov ecx, 0x5a5a5a5a
          cmpxchg ebx, ecx
          mov edx, ebx
          ret

; ----------------------------------------------------------------- tables
V8:   dw 6
      dd 0x00, 0x01, 0x7f, 0x80, 0xff, 0x5a
V16:  dw 6
      dd 0x0000, 0x0001, 0x7fff, 0x8000, 0xffff, 0x1234
V32:  dw 7
      dd 0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xffffffff, 0x0000ffff, 0x12345678
ONE:  dw 1
      dd 0

; ----------------------------------------------------------- encodings
; SHOW x: print " x/flags" (x a dword register or memory)
%macro SHOW 1
  pushf
  pop word [A_RFL]
  PUTC ' '
  HEX32 %1
  PUTC '/'
  HEX16 [A_RFL]
%endmacro

%macro FORMS 2
  PRINT %str(%1), ":"
  mov dword [M], 0x8091a2b3
  mov dword [M + 4], 0x7f00ff01
  mov ecx, 0x3344c5f0
  mov edx, 0x55667788
  mov esi, 0x0001fffe
  mov ebp, 0xfedcba98
  mov edi, 0x00010080
  mov ebx, 0xa1b2c3d4
  mov eax, 0x12345678
  stc
  %1 byte [M], cl               ; 00
  SHOW [M]
  stc
  %1 word [M], cx               ; 01 (16)
  SHOW [M]
  stc
  %1 dword [M], ecx             ; 01 (32)
  SHOW [M]
  stc
  %1 ch, [M + 5]                ; 02, high-byte register
  SHOW ecx
  stc
  %1 si, [M + 6]                ; 03 (16)
  SHOW esi
  stc
  %1 ebp, [M + 3]               ; 03 (32), unaligned
  SHOW ebp
  stc
  %1 al, 0x81                   ; 04
  SHOW eax
  stc
  %1 ax, 0x8001                 ; 05 (16)
  SHOW eax
  stc
  %1 eax, 0x80000001            ; 05 (32)
  SHOW eax
  stc
  %1 byte [M + 1], 0x7f         ; 80 mem
  SHOW [M]
  stc
  %1 dh, 0x90                   ; 80 high-byte register
  SHOW edx
  stc
  db 0x82, 0xc0 | (%2 << 3) | 7, 0x33   ; 82 /n bh, 0x33 (80 alias)
  SHOW ebx
  stc
  %1 word [M + 2], 0x1234       ; 81 (16)
  SHOW [M]
  stc
  %1 dword [M + 4], 0x12345678  ; 81 (32)
  SHOW [M + 4]
  stc
  %1 edi, strict dword 0x00ff00ff ; 81 register
  SHOW edi
  stc
  %1 word [M], byte -2          ; 83 (16)
  SHOW [M]
  stc
  %1 dword [M + 4], byte -128   ; 83 (32)
  SHOW [M + 4]
  stc
  %1 ebx, byte 0x7f             ; 83 register
  SHOW ebx
  stc
  %1 dl, bh                     ; 00 reg,reg high/low byte
  SHOW edx
  stc
  db 0x66
  db (%2 << 3) | 3, 0xc7        ; 03 /r with mod=11 (reg form of the "load" direction): eax op= edi
  SHOW eax
  NL
%endmacro

forms:
  FORMS add, 0
  FORMS or, 1
  FORMS adc, 2
  FORMS sbb, 3
  FORMS and, 4
  FORMS sub, 5
  FORMS xor, 6
  FORMS cmp, 7
  ; INC/DEC/NEG/NOT encodings
  PRINT "INC/DEC/NEG/NOT:"
  mov dword [M], 0x7fff80ff
  mov esi, 0x0000ffff
  mov edi, 0x7fffffff
  stc
  inc si                        ; 46
  SHOW esi
  stc
  inc edi                       ; 66 47
  SHOW edi
  clc
  dec si
  SHOW esi
  clc
  dec edi
  SHOW edi
  stc
  inc byte [M]                  ; fe /0
  SHOW [M]
  stc
  inc word [M + 1]              ; ff /0
  SHOW [M]
  clc
  dec dword [M]                 ; ff /1
  SHOW [M]
  clc
  dec byte [M + 3]              ; fe /1
  SHOW [M]
  neg word [M + 2]              ; f7 /3
  SHOW [M]
  neg byte [M]                  ; f6 /3
  SHOW [M]
  not dword [M]                 ; f7 /2
  SHOW [M]
  not byte [M + 1]              ; f6 /2
  SHOW [M]
  mov edx, 0x12345678
  inc dh                        ; fe /0 high byte
  SHOW edx
  dec dl
  SHOW edx
  NL
  ret

lockforms:
  PRINT "LOCK:"
  mov dword [M], 0xfffffffe
  mov ecx, 3
  lock add [M], ecx
  SHOW [M]
  lock adc byte [M], 0x10
  SHOW [M]
  lock sub word [M + 2], 1
  SHOW [M]
  lock sbb dword [M], ecx
  SHOW [M]
  lock or byte [M + 3], 0x80
  SHOW [M]
  lock and dword [M], 0x0f0f0f0f
  SHOW [M]
  lock xor [M], ecx
  SHOW [M]
  lock inc dword [M]
  SHOW [M]
  lock dec word [M]
  SHOW [M]
  lock not byte [M]
  SHOW [M]
  lock neg dword [M]
  SHOW [M]
  mov eax, 0x12345678
  lock xadd [M], eax
  SHOW [M]
  SHOW eax
  mov eax, [M]
  mov ecx, 0xcafef00d
  lock cmpxchg [M], ecx         ; equal: stores ECX
  SHOW [M]
  SHOW eax
  lock cmpxchg [M], ecx         ; not equal (EAX is the old value): loads EAX
  SHOW [M]
  SHOW eax
  mov ax, 0x1234
  lock bts word [M], ax
  SHOW [M]
  lock btr dword [M], 5
  SHOW [M]
  lock btc word [M], 15
  SHOW [M]
  NL
  CHK [M], 0xcafe700d, "lock final value"
  ret

cx8:
  PRINT "CMPXCHG8B:"
  mov dword [M], 0x11111111
  mov dword [M + 4], 0x22222222
  mov eax, 0x11111111
  mov edx, 0x22222222
  mov ebx, 0x33333333
  mov ecx, 0x44444444
  cmpxchg8b [M]                 ; equal -> store ECX:EBX, ZF=1
  SHOW [M]
  SHOW [M + 4]
  SHOW edx
  SHOW eax
  CHK [M], 0x33333333, "cmpxchg8b store lo"
  CHK [M + 4], 0x44444444, "cmpxchg8b store hi"
  mov eax, 0x33333333
  mov edx, 0x44444445
  cmpxchg8b [M]                 ; high differs -> load, ZF=0
  SHOW [M]
  SHOW [M + 4]
  SHOW edx
  SHOW eax
  CHK edx, 0x44444444, "cmpxchg8b load hi"
  mov eax, 0x33333330
  lock cmpxchg8b [M]            ; low differs
  SHOW [M]
  SHOW edx
  SHOW eax
  stc
  mov eax, [M]
  mov edx, [M + 4]
  lock cmpxchg8b [M]            ; equal again, flags in: CF=1
  SHOW [M]
  SHOW [M + 4]
  NL
  ret

; ----------------------------------------------------------- spot checks
spots:
  ;    stub       flags    a           b           result      mask     flags
  SPOT s_add8,    FL_NONE, 0x7f,       0x01,       0x80,       M_ARITH, 0x0890
  SPOT s_add8,    FL_NONE, 0xff,       0x01,       0x00,       M_ARITH, 0x0055
  SPOT s_add16,   FL_ALL,  0x8000,     0x8000,     0x0000,     M_ARITH, 0x0845
  SPOT s_add32,   FL_NONE, 0x7fffffff, 1,          0x80000000, M_ARITH, 0x0894
  SPOT s_adc32,   FL_CF,   0xffffffff, 0,          0,          M_ARITH, 0x0055
  SPOT s_adc8,    FL_CF,   0x0e,       0x01,       0x10,       M_ARITH, 0x0010
  SPOT s_sub8,    FL_NONE, 0x00,       0x01,       0xff,       M_ARITH, 0x0095
  SPOT s_sub8,    FL_NONE, 0x80,       0x01,       0x7f,       M_ARITH, 0x0810
  SPOT s_sbb16,   FL_CF,   0,          0,          0xffff,     M_ARITH, 0x0095
  SPOT s_sbb32,   FL_CF,   0x80000000, 0x7fffffff, 0,          M_ARITH, 0x0854
  SPOT s_cmp32,   FL_NONE, 0x80000000, 1,          0x80000000, M_ARITH, 0x0814
  SPOT s_and32,   FL_ALL,  0xf0f0f0f0, 0xffff0000, 0xf0f00000, M_OSZPC, 0x0084
  SPOT s_or8,     FL_ALL,  0,          0,          0,          M_OSZPC, 0x0044
  SPOT s_xor16,   FL_NONE, 0x1234,     0x1234,     0,          M_OSZPC, 0x0044
  SPOT s_test8,   FL_ALL,  0x80,       0xff,       0x80,       M_OSZPC, 0x0080
  SPOT s_inc8,    FL_CF,   0xff,       0,          0x00,       M_ARITH, 0x0055
  SPOT s_inc16,   FL_NONE, 0x7fff,     0,          0x8000,     M_ARITH, 0x0894
  SPOT s_dec16,   FL_NONE, 0x8000,     0,          0x7fff,     M_ARITH, 0x0814
  SPOT s_dec32,   FL_ALL,  1,          0,          0,          M_ARITH, 0x0045
  SPOT s_neg8,    FL_ALL,  0,          0,          0,          M_ARITH, 0x0044
  SPOT s_neg32,   FL_NONE, 0x80000000, 0,          0x80000000, M_ARITH, 0x0885
  SPOT s_neg16,   FL_NONE, 1,          0,          0xffff,     M_ARITH, 0x0095
  SPOT s_not32,   FL_ALL,  0x0f0f0f0f, 0,          0xf0f0f0f0, M_ARITH, 0x08d5
  SPOT s_xadd32,  FL_NONE, 5,          7,          12,         M_ARITH, 0x0004
  SPOT s_cmpxchg32, FL_NONE, 9,        9,          9,          M_ZF,    0x0040
  SPOT s_cmpxchg16, FL_NONE, 9,        8,          8,          M_ARITH, 0x0000
  ret
