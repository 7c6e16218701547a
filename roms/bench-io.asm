; SPDX-License-Identifier: GPL-2.0-or-later
;
; bench-io.asm - I/O-bound benchmark for `make bench` (not a test): 10M port
; reads (IN AL, DX from the unassigned port 0x2f0) then 10M MMIO reads (the
; IOAPIC's index register at 0xfec00000), in 32-bit protected mode.  Ends by
; writing "Shutdown" to port 0x8900 (Bochs) and 0 to isa-debug-exit.
;
; bench-port-reads: 10000000
; bench-mmio-reads: 10000000
; Guest instructions from reset to the final OUT (QEMU -singlestep count):
; bench-instructions: 60001332
; (= ITERATIONS * 6 + 1332)

%include "lib.inc"

%ifndef ITERATIONS
%define ITERATIONS 10000000
%endif

TEXT16
main16:
  mov ebx, bench
  jmp go_pm32

TEXT32
bench:
  mov ecx, ITERATIONS
  mov dx, 0x2f0
align 16
.io:
  in al, dx
  dec ecx
  jnz .io
  mov ecx, ITERATIONS
  mov esi, 0xfec00000
align 16
.mmio:
  mov eax, [esi]
  dec ecx
  jnz .mmio
  PRINT "bench-io done", 10
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

shutdown: db "Shutdown"
