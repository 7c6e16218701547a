; SPDX-License-Identifier: GPL-2.0-or-later
;
; smc.asm - self-modifying code: code copied to RAM and run; stores that
; change an instruction a few bytes ahead of the one executing (an
; immediate, a jump displacement, a loop body patched on every iteration,
; REP STOSB overwriting a UD2 ahead); a block that already ran changed and
; run again; in real mode and in 32-bit protected mode.  The new code must
; run (on x86 stores to upcoming code are always seen).

%include "lib.inc"

RAM16           equ 0x9000      ; real-mode copy (segment 0)
RAM32           equ WORK + 0x10000

TEXT16
main16:
  PRINT "smc: self-modifying code", 10
  ; copy the 16-bit payload to 0000:9000 and run it there
  push cs
  pop ds
  xor ax, ax
  mov es, ax
  mov si, pay16
  mov di, RAM16
  mov cx, pay16_end - pay16
  rep movsb
  xor ax, ax
  mov ds, ax
  call 0x0000:RAM16 + (p16_ahead - pay16)
  CHK eax, 0x42, "rm: patch ahead"
  call 0x0000:RAM16 + (p16_block - pay16)
  CHK eax, 1, "rm: block first run"
  mov byte [RAM16 + (p16_block.imm - pay16) + 2], 2
  call 0x0000:RAM16 + (p16_block - pay16)
  CHK eax, 2, "rm: block patched"
  PRINT "real mode ok", 10
  mov ebx, pm_main
  jmp go_pm32

; 16-bit payload (position independent, called far with CS=0)
pay16:
p16_ahead:
  mov byte [cs:RAM16 + (.imm - pay16) + 2], 0x42 ; 66 b8 imm32
  nop
.imm:
  mov eax, strict dword 0
  retf
p16_block:
.imm:
  mov eax, strict dword 1
  retf
pay16_end:

TEXT32
%define R(l) (RAM32 + (l) - pay32)

pm_main:
  mov esi, pay32
  mov edi, RAM32
  mov ecx, pay32_end - pay32
  rep movsb
  PRINT "pm:"
  call R(p_plain)
  SP
  HEX32 eax
  CHK eax, 0x11111111, "code in RAM"
  call R(p_ahead)
  SP
  HEX32 eax
  CHK eax, 0x42, "patch an immediate ahead"
  call R(p_jump)
  SP
  HEX32 eax
  CHK eax, 2, "patch a jump displacement ahead"
  call R(p_loop)
  SP
  HEX32 eax
  CHK eax, 6, "loop body patched each iteration"
  call R(p_stos)
  SP
  HEX32 eax
  CHK eax, 0x5705, "rep stosb over a ud2 ahead"
  ; a block that already ran, changed from outside, run again
  call R(p_block)
  SP
  HEX32 eax
  CHK eax, 1, "block first run"
  mov dword [R(p_block.imm) + 1], 7
  call R(p_block)
  SP
  HEX32 eax
  CHK eax, 7, "block patched"
  ; patched from inside a previously run block
  call R(p_other)
  call R(p_block)
  SP
  HEX32 eax
  CHK eax, 0x1234, "block patched by other code in RAM"
  NL
  DONE

pay32:
p_plain:
  mov eax, 0x11111111
  ret
p_ahead:
  mov byte [R(.imm) + 1], 0x42
  nop
.imm:
  mov eax, strict dword 0
  ret
p_jump:
  mov byte [R(.j) + 1], .b - .a
  nop
.j:
  jmp short .a
.a:
  mov eax, 1
  ret
.b:
  mov eax, 2
  ret
p_loop:
  xor eax, eax
  mov ecx, 3
.l:
  inc byte [R(.add) + 2]
  nop
.add:
  add eax, byte 0
  loop .l
  mov byte [R(.add) + 2], 0
  ret
p_stos:
  mov edi, R(.ud)
  mov al, 0x90
  mov ecx, 2
  cld
  rep stosb
  mov eax, 0x5705
.ud:
  ud2
  ret
p_block:
.imm:
  mov eax, strict dword 1
  ret
p_other:
  mov dword [R(p_block)], 0x001234b8   ; b8 34 12 00 00 c3:
  mov word [R(p_block) + 4], 0xc300     ; mov eax, 0x1234; ret
  ret
pay32_end:
