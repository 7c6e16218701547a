; SPDX-License-Identifier: GPL-2.0-or-later
;
; bench-cpu.asm - CPU-bound benchmark for `make bench` (not a test): a 32-bit
; protected-mode integer loop with loads, stores and a call per iteration.
; Ends by writing "Shutdown" to port 0x8900 (Bochs) and 0 to isa-debug-exit.
;
; Guest instructions executed from reset to the final OUT, as counted in a
; QEMU -singlestep -d cpu log (one "EIP=" line per instruction; the OUT to
; 0xf4 is the last one counted):
; bench-instructions: 999999996
; (= ITERATIONS * 12 + 1332: 12 per iteration, 1332 for start-up and the end)

%include "lib.inc"

%ifndef ITERATIONS
%define ITERATIONS 83333222
%endif
BUF             equ WORK

TEXT16
main16:
  mov ebx, bench
  jmp go_pm32

TEXT32
bench:
  mov ecx, ITERATIONS
  mov esi, BUF
  xor eax, eax
  xor edx, edx
align 16
.l:
  mov ebx, ecx
  and ebx, 0x3fc
  mov edx, [esi + ebx]
  add edx, ecx
  mov [esi + ebx], edx
  call func
  xor eax, edx
  dec ecx
  jnz .l
  mov [BUF], eax                ; keep the result observable
  PRINT "bench-cpu done", 10
  mov dx, 0x8900
  mov esi, shutdown
.s:
  mov al, [esi]
  out dx, al
  inc esi
  cmp esi, shutdown + 8
  jb .s
  mov dx, 0xf4
  xor eax, eax
  out dx, eax
.h:
  hlt
  jmp .h

func:
  add eax, 3
  rol eax, 1
  ret

shutdown: db "Shutdown"
