; SPDX-License-Identifier: GPL-2.0-or-later
;
; bench-pam.asm - PAM benchmark for `make bench` (not a test): a loop that
; rewrites the i440FX PAM register for 0xe0000-0xe7fff (config 0x5e) and
; reads the segment, ITERATIONS times with each of two values (RAM read/
; write, then PCI), in 32-bit protected mode.  Every write is a memory-map
; change (QEMU re-renders its FlatViews and flushes the TLB).  With
; -DPAM_NONE the same loop writes config register 0x44 instead (no map
; change): the baseline that tests/bench/rom-bench subtracts.
; Ends by writing "Shutdown" to port 0x8900 (Bochs) and 0 to isa-debug-exit.
;
; bench-pam-writes: 20000

%include "lib.inc"

%ifndef ITERATIONS
%define ITERATIONS 10000
%endif
%ifdef PAM_NONE
%define CFG_DWORD 0x80000044    ; 00:00.0 register 0x44: plain config byte
%else
%define CFG_DWORD 0x8000005c    ; 00:00.0 registers 0x5c-0x5f (0x5e at +2)
%endif

TEXT16
main16:
  mov ebx, bench
  jmp go_pm32

TEXT32
bench:
  mov ecx, ITERATIONS
align 16
.l:
  mov dx, 0xcf8
  mov eax, CFG_DWORD
  out dx, eax
  mov dx, 0xcfe
  mov al, 0x33                  ; both halves: read/write RAM
  out dx, al
  mov eax, [0xe0000]
  mov al, 0x00                  ; both halves: PCI
  out dx, al
  mov eax, [0xe0000]
  dec ecx
  jnz .l
  PRINT "bench-pam done", 10
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
