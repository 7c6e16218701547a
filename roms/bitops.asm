; SPDX-License-Identifier: GPL-2.0-or-later
;
; bitops.asm - real-mode bit and flag instructions: BT BTS BTR BTC (register,
; imm8 and memory bit-string forms with offsets outside the operand), BSF
; BSR (zero source included), BSWAP (every register, and the undefined
; 16-bit form), SETcc and CMOVcc (all 16 conditions over flag patterns),
; LAHF SAHF PUSHF POPF PUSHFD POPFD, and the BCD adjusts DAA DAS AAA AAS
; over AL values and CF/AF inputs.  Results and flags printed; spot checks.

%include "lib.inc"
%include "arith.inc"

M               equ RM_SCRATCH

TEXT16
main16:
  PRINT "bitops: real-mode bit and flag instructions", 10

  BINOP "BT16", 16, BV16, BOFF, s_bt16, FL_ALL
  BINOP "BTS16", 16, BV16, BOFF, s_bts16, FL_NONE
  BINOP "BTR16", 16, BV16, BOFF, s_btr16, FL_ALL
  BINOP "BTC16", 16, BV16, BOFF, s_btc16, FL_NONE
  BINOP "BT32", 32, BV32, BOFF, s_bt32, FL_NONE
  BINOP "BTS32", 32, BV32, BOFF, s_bts32, FL_ALL
  BINOP "BTR32", 32, BV32, BOFF, s_btr32, FL_NONE
  BINOP "BTC32", 32, BV32, BOFF, s_btc32, FL_ALL
  BINOP "BTx imm", 32, BV32, OPS8, s_btimm, FL_NONE
  BINOP "BSF16", 32, SV, ONE, s_bsf16, FL_NONE
  BINOP "BSF32", 32, SV, ONE, s_bsf32, FL_ALL
  BINOP "BSR16", 32, SV, ONE, s_bsr16, FL_ALL
  BINOP "BSR32", 32, SV, ONE, s_bsr32, FL_NONE
  BINOP "DAA", 16, BCDV, BCDF, s_daa, 0
  BINOP "DAS", 16, BCDV, BCDF, s_das, 0
  BINOP "AAA", 16, BCDV, BCDF, s_aaa, 0
  BINOP "AAS", 16, BCDV, BCDF, s_aas, 0

  call btmem
  call bswaps
  call conds
  call flagops
  call spots
  DONE

; ------------------------------------------------------------------ stubs
s_bt16:   bt ax, bx
          ret
s_bts16:  bts ax, bx
          ret
s_btr16:  btr ax, bx
          ret
s_btc16:  btc ax, bx
          ret
s_bt32:   bt eax, ebx
          ret
s_bts32:  bts eax, ebx
          ret
s_btr32:  btr eax, ebx
          ret
s_btc32:  btc eax, ebx
          ret
s_btimm:  push word [A_FL]
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
          popf
          btc ax, 31                    ; 16-bit: 31 mod 16 = 15
          ret
.a:       popf
          bt eax, 0
          ret
.b:       popf
          bt eax, 31
          ret
.c:       popf
          bts eax, 32 + 4               ; imm8 masked to 5 bits
          ret
.d:       popf
          btr eax, 255
          ret
.e:       popf
          btc eax, 16
          ret
.f:       popf
          bts ax, 17
          ret
.g:       popf
          btr ax, 15
          ret
s_bsf16:  mov edx, 0xa5a5a5a5
          bsf dx, ax
          mov eax, edx
          ret
s_bsf32:  mov edx, 0xa5a5a5a5
          bsf edx, eax
          mov eax, edx
          ret
s_bsr16:  mov edx, 0xa5a5a5a5
          bsr dx, ax
          mov eax, edx
          ret
s_bsr32:  mov edx, 0xa5a5a5a5
          bsr edx, eax
          mov eax, edx
          ret
; BCD: B is the flags value to load
s_daa:    push bx
          popf
          daa
          ret
s_das:    push bx
          popf
          das
          ret
s_aaa:    push bx
          popf
          aaa
          ret
s_aas:    push bx
          popf
          aas
          ret

; ----------------------------------------------------------------- tables
BV16:  dw 4
       dd 0x0000, 0x8001, 0xffff, 0x5a5a
BV32:  dw 4
       dd 0x00000000, 0x80000001, 0xffffffff, 0x5a5a5a5a
BOFF:  dw 8
       dd 0, 1, 15, 16, 31, 32, 33, 0xffffffff
OPS8:  dw 8
       dd 0, 1, 2, 3, 4, 5, 6, 7
ONE:   dw 1
       dd 0
SV:    dw 8
       dd 0x00000000, 0x00000001, 0x00008000, 0x00010000, 0x80000000, 0x0000ff00, 0xffffffff, 0x12345678
BCDV:  dw 17
       dd 0x1200, 0x1209, 0x120a, 0x120f, 0x1210, 0x1219, 0x121a, 0x124f, 0x127f
       dd 0x1280, 0x1299, 0x129a, 0x129f, 0x12a0, 0x12f9, 0x12fa, 0x12ff
BCDF:  dw 4
       dd 0x0002, 0x0003, 0x0012, 0x08d7

; ----------------------------------------------------------- other forms
%macro SHOW 1
  pushf
  pop word [A_RFL]
  PUTC ' '
  HEX32 %1
  PUTC '/'
  HEX16 [A_RFL]
%endmacro

; bit strings in memory: the register offset is signed and may address
; bytes outside the operand
btmem:
  PRINT "BT mem:"
  mov eax, 0x11223344
  mov ecx, 16
  mov di, M
.fill:
  mov [di], eax
  add eax, 0x11111111
  add di, 4
  loop .fill
  mov bx, 70
  bt word [M + 16], bx          ; word M+16+8, bit 6
  SHOW [M + 24]
  mov bx, -1
  bts word [M + 16], bx         ; word M+14, bit 15
  SHOW [M + 12]
  mov ebx, -33
  btr dword [M + 16], ebx       ; dword M+8, bit 31
  SHOW [M + 8]
  mov ebx, 100
  btc dword [M + 16], ebx       ; dword M+28, bit 4
  SHOW [M + 28]
  mov bx, 0x7fff
  bt word [M], bx               ; word M+0xffe, bit 15
  SHOW [M + 0xffc]
  bts dword [M + 4], 33         ; imm: 33 mod 32 = 1, no displacement
  SHOW [M + 4]
  btc word [M + 4], 20          ; imm: 20 mod 16 = 4
  SHOW [M + 4]
  NL
  ret

bswaps:
  PRINT "BSWAP:"
  mov eax, 0x01234567
  mov ecx, 0x89abcdef
  mov edx, 0x11223344
  mov ebx, 0x55667788
  mov ebp, 0x99aabbcc
  mov esi, 0xddeeff00
  mov edi, 0x0f1e2d3c
  bswap eax
  bswap ecx
  bswap edx
  bswap ebx
  bswap ebp
  bswap esi
  bswap edi
  SHOW eax
  SHOW ecx
  SHOW edx
  SHOW ebx
  SHOW ebp
  SHOW esi
  SHOW edi
  mov ebp, esp
  mov esp, 0x4b5a6978
  bswap esp
  mov eax, esp
  mov esp, ebp
  SHOW eax
  CHK eax, 0x78695a4b, "bswap esp"
  mov eax, 0x12345678
  db 0x0f, 0xc8                 ; bswap ax (16-bit operand: undefined)
  SHOW eax
  mov edx, 0x12345678
  db 0x0f, 0xca                 ; bswap dx
  SHOW edx
  NL
  ret

; SETcc / CMOVcc for every condition over flag patterns
conds:
  mov si, FLP
  mov cx, [cs:si]
  add si, 2
.p:
  PRINT "fl="
  HEX16 [cs:si]
  PRINT " set:"
  xor bx, bx
.s:
  mov al, 0xa5
  push word [cs:si]
  popf
  lea di, [bx + setcc_tab]
  call di
  add al, '0'
  out 0xe9, al
  add bx, 4
  cmp bx, 16 * 4
  jb .s
  PRINT " cmov16:"
  xor bx, bx
.c16:
  mov eax, 0x30303030
  mov edx, 0x31313131
  push word [cs:si]
  popf
  lea di, [bx + cmov16_tab]
  call di
  out 0xe9, al
  add bx, 4
  cmp bx, 16 * 4
  jb .c16
  PRINT " cmov32m:"
  mov dword [M], 0x31313131
  xor bx, bx
.c32:
  mov eax, 0x30303030
  push word [cs:si]
  popf
  lea di, [bx + cmov32_tab]
  call di
  out 0xe9, al
  add bx, 8
  cmp bx, 16 * 8
  jb .c32
  NL
  add si, 2
  dec cx
  jnz .p
  ; SETcc with memory and high-byte destinations
  PRINT "setcc forms:"
  mov dword [M], 0xffffffff
  mov edx, 0xffffffff
  stc
  setc byte [M + 1]
  setnc dh
  db 0x0f, 0x90, 0xf8           ; seto al with reg field 7 (reg field is ignored)
  SHOW [M]
  SHOW edx
  NL
  ret

align 4
setcc_tab:
%assign c 0
%rep 16
  db 0x0f, 0x90 + c, 0xc0       ; setcc al
  ret
%assign c c+1
%endrep
cmov16_tab:
%assign c 0
%rep 16
  db 0x0f, 0x40 + c, 0xc2       ; cmovcc ax, dx
  ret
%assign c c+1
%endrep
cmov32_tab:
%assign c 0
%rep 16
  db 0x66, 0x0f, 0x40 + c, 0x06 ; cmovcc eax, [M]
  dw M
  ret
  nop
%assign c c+1
%endrep

FLP:   dw 12
       dw 0x0002, 0x0003, 0x0006, 0x0042, 0x0082, 0x0802, 0x0882, 0x0043
       dw 0x08c3, 0x0842, 0x00c2, 0x08d7

flagops:
  PRINT "SAHF:"
  mov si, AHV
.sahf:
  mov ah, [cs:si]
  push word 0x0002
  popf
  sahf
  SHOW eax
  inc si
  cmp si, AHV + 5
  jb .sahf
  PRINT " LAHF:"
  mov si, FLP + 2
.lahf:
  mov eax, 0x12345678
  push word [cs:si]
  popf
  lahf
  SHOW eax
  add si, 2
  cmp si, FLP + 2 + 12 * 2
  jb .lahf
  NL
  PRINT "POPF:"
  push word 0xfcff              ; everything but TF and IF
  popf
  pushf
  pop ax
  SHOW eax
  movzx eax, ax
  CHK eax, 0x7cd7, "popf/pushf real mode"
  push word 0x0000
  popf
  pushf
  pop ax
  SHOW eax
  movzx eax, ax
  CHK eax, 0x0002, "popf 0"
  push dword 0xfffffcff
  popfd
  pushfd
  pop eax
  SHOW eax
  push dword 0x00240000         ; AC and ID
  popfd
  pushfd
  pop eax
  SHOW eax
  push dword 0x00000002
  popfd
  pushfd
  pop eax
  SHOW eax
  CHK eax, 0x00000002, "popfd 0"
  ; 16-bit POPF leaves EFLAGS[31:16] alone
  push dword 0x00240000
  popfd
  push word 0x0002
  popf
  pushfd
  pop eax
  SHOW eax
  push dword 0x00000002
  popfd
  NL
  ret

AHV:   db 0x00, 0xff, 0xd5, 0x2a, 0x41

; ----------------------------------------------------------- spot checks
spots:
  ;    stub      flags    a           b   result      mask     flags
  SPOT s_bt32,   FL_NONE, 0x80000000, 31, 0x80000000, M_CF,    0x0001
  SPOT s_bts16,  FL_ALL,  0x0000,     17, 0x0002,     M_CF,    0x0000
  SPOT s_btr32,  FL_NONE, 0xffffffff, 32, 0xfffffffe, M_CF,    0x0001
  SPOT s_btc32,  FL_NONE, 0x00000001, 0,  0x00000000, M_CF,    0x0001
  SPOT s_bsf32,  FL_ALL,  0x00010000, 0,  16,         M_ZF,    0x0000
  SPOT s_bsr32,  FL_NONE, 0x00010001, 0,  16,         M_ZF,    0x0000
  SPOT s_bsr16,  FL_NONE, 0xffff8001, 0,  0xa5a5000f, M_ZF,    0x0000
  SPOT s_daa,    FL_NONE, 0x000f,     0x0002, 0x0015, M_SZAPC, 0x0010
  SPOT s_daa,    FL_NONE, 0x009a,     0x0002, 0x0000, M_SZAPC, 0x0055
  SPOT s_das,    FL_NONE, 0x0000,     0x0003, 0x00a0, M_SZAPC, 0x0085
  SPOT s_aaa,    FL_NONE, 0x000a,     0x0002, 0x0100, 0x0011,  0x0011
  SPOT s_aas,    FL_NONE, 0x0200,     0x0012, 0x000a, 0x0011,  0x0011
  ret
