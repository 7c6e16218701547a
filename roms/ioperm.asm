; SPDX-License-Identifier: GPL-2.0-or-later
;
; ioperm.asm - I/O permission: IN/OUT/INS/OUTS (byte, word, dword; imm8 and
; DX forms) at CPL 0, at CPL 1 with IOPL 1 and 0, at CPL 3 with IOPL 3 and
; IOPL 0 (TSS I/O permission bitmap: allowed ports, denied ports, a word
; access straddling an allowed and a denied port, the end of the bitmap,
; ports beyond the TSS limit, an I/O map base beyond the limit), and in V86
; mode (bitmap always used, whatever IOPL).  Allowed accesses go to the
; unassigned port 0x2f0 (reads all ones) or to debugcon; denied ones must
; raise #GP(0).

%include "lib.inc"

M               equ WORK
BITMAP          equ TSS_BASE + TSS_IOMAP
; bitmap bit for a port: byte BITMAP + port / 8, bit port % 8
%macro ALLOW 1
  and byte [BITMAP + (%1) / 8], ~(1 << ((%1) % 8)) & 0xff
%endmacro

TEXT16
main16:
  PRINT "ioperm: I/O permission", 10
  mov ebx, pm_main
  jmp go_pm32

TEXT32
pm_main:
  ALLOW 0x2f0                   ; 0x2f0 allowed, 0x2f1 denied,
  ALLOW 0x2f2                   ; 0x2f2-0x2f5 allowed
  ALLOW 0x2f3
  ALLOW 0x2f4
  ALLOW 0x2f5
  ALLOW 0x3ff                   ; last port the bitmap covers

  ; --- CPL 0: no checks.  What the reads return is the memory API's
  ; business: unassigned ports read all ones, but QEMU 7.2 returns 0 for
  ; unaligned word/dword accesses to unassigned ports, debugcon reads 0xe9
  ; for bytes and 0 for wider accesses, debug-exit reads 0.
  PRINT "cpl0 port reads", 10
  mov esi, ports
.pr:
  mov dx, [esi]
  PRINT "  "
  HEX16 dx
  PUTC ':'
  mov eax, 0x12345678
  in al, dx
  SP
  HEX32 eax
  mov eax, 0x12345678
  in ax, dx
  SP
  HEX32 eax
  mov eax, 0x12345678
  in eax, dx
  SP
  HEX32 eax
  NL
  add esi, 2
  cmp esi, ports_end
  jb .pr

  ; --- CPL 3, IOPL 3: no bitmap checks
  PRINT "cpl3 iopl3", 10
%define R3_EFLAGS 0x3002
  R3OK "iopl3 in denied port", {mov dx, 0x2f1}, {in al, dx}, {in ax, dx}
  R3OK "iopl3 beyond bitmap", {mov dx, 0x500}, {in eax, dx}, {out dx, eax}
  R3OK "iopl3 ins", {mov edi, M}, {mov dx, 0x2f1}, {mov ecx, 4}, {rep insb}
%define R3_EFLAGS 0x0002

  ; --- CPL 3, IOPL 0: the bitmap
  PRINT "cpl3 iopl0", 10
  R3OK "allowed in imm8", {in al, 0xf4}
  R3OK "allowed in dx", {mov dx, 0x2f0}, {in al, dx}, {mov dx, 0x2f2}, {in eax, dx}
  R3OK "allowed out", {mov al, '+'}, {out 0xe9, al}, {mov dx, 0xe9}, {out dx, al}
  R3OK "allowed word straddling 2f2/2f3", {mov dx, 0x2f2}, {in ax, dx}, {out dx, ax}
  R3OK "last bitmap port", {mov dx, 0x3ff}, {in al, dx}
  R3OK "ins/outs allowed", {mov edi, M}, {mov dx, 0x2f2}, {mov ecx, 2}, {rep insw}, {mov esi, plus}, {mov dx, 0xe9}, {outsb}
  R3FAULT 13, 0, "denied in al, dx", {mov dx, 0x2f1}, {in al, dx}
  R3FAULT 13, 0, "denied in imm8", {in al, 0x80}
  R3FAULT 13, 0, "denied out", {mov dx, 0x2f1}, {out dx, al}
  R3FAULT 13, 0, "word straddling allowed/denied", {mov dx, 0x2f0}, {in ax, dx}
  R3FAULT 13, 0, "dword straddling allowed/denied", {mov dx, 0x2ef}, {in eax, dx}
  R3FAULT 13, 0, "word past the bitmap end", {mov dx, 0x3ff}, {in ax, dx}
  R3FAULT 13, 0, "port beyond the TSS limit", {mov dx, 0x500}, {in al, dx}
  R3FAULT 13, 0, "port 0xffff", {mov dx, 0xffff}, {out dx, al}
  R3FAULT 13, 0, "ins denied", {mov edi, M}, {mov dx, 0x2f1}, {insb}
  R3FAULT 13, 0, "outs denied", {mov esi, plus}, {mov dx, 0x2f1}, {outsb}
  R3FAULT 13, 0, "rep outs denied", {mov esi, plus}, {mov dx, 0x2f1}, {mov ecx, 0}, {rep outsb}
  mov word [TSS_BASE + 0x66], 0x1000 ; I/O map base beyond the TSS limit
  R3FAULT 13, 0, "map base beyond limit", {mov al, '!'}, {out 0xe9, al}
  mov word [TSS_BASE + 0x66], TSS_IOMAP
  NL

  ; --- CPL 1
  PRINT "cpl1", 10
  push dword 0x1002             ; IOPL 1
  popfd
  CLREXC
  TRY .b1
  push SEL_DATA32_R1
  push STACK1_TOP
  push SEL_CODE32_R1
  push .r1
  retf
.r1:
  mov dx, 0x2f1
  in al, dx
  int VEC_BACK
.b1:
  CHK [VAR_EXC_VEC], 0xff, "cpl1 iopl1 denied port"
  push dword 0x0002
  popfd
  CLREXC
  TRY .b2
  push SEL_DATA32_R1
  push STACK1_TOP
  push SEL_CODE32_R1
  push .r2
  retf
.r2:
  mov dx, 0x2f1
  in al, dx
  int VEC_BACK
.b2:
  EXPECT 13, 0, "cpl1 iopl0 denied port"

  ; --- V86: the bitmap, whatever IOPL
  PRINT "v86", 10
  V86OK 0x0002, "v86 allowed", {mov dx, 0x2f0}, {in al, dx}, {mov [0x9000], al}, {mov al, '*'}, {out 0xe9, al}, {mov dx, 0x2f2}, {in eax, dx}
  V86OK 0x3002, "v86 iopl3 allowed", {mov dx, 0x2f4}, {in ax, dx}, {out dx, ax}
  V86FAULT 13, 0, 0x0002, "v86 iopl0 denied", {mov dx, 0x2f1}, {in al, dx}
  CHK [VAR_EXC_CS], 0xf000, "v86 #GP CS"
  mov eax, [VAR_EXC_EFL]
  and eax, 0x20000
  CHK eax, 0x20000, "v86 #GP stacked VM"
  V86FAULT 13, 0, 0x3002, "v86 iopl3 denied", {mov dx, 0x2f1}, {out dx, al}
  V86FAULT 13, 0, 0x3002, "v86 beyond bitmap", {mov dx, 0x400}, {in al, dx}
  V86FAULT 13, 0, 0x1002, "v86 straddling", {mov dx, 0x2f0}, {in ax, dx}
  V86OK 0x3002, "v86 ins/outs", {push cs}, {pop ds}, {mov si, plus16}, {mov dx, 0xe9}, {outsb}, {xor ax, ax}, {mov es, ax}, {mov di, 0x9000}, {mov dx, 0x2f0}, {insb}
  V86FAULT 13, 0, 0x3002, "v86 ins denied", {xor ax, ax}, {mov es, ax}, {mov di, 0x9000}, {mov dx, 0x2f1}, {insb}
  NL
  DONE

plus: db '+'
ports: dw 0x2f0, 0x2f1, 0x2f2, 0x2f3, 0x2f4, 0x300, 0x302, 0x500, 0x501, 0xe8, 0xe9, 0xf2, 0xf4, 0xf5, 0xfffe, 0xffff
ports_end:
TEXT16
plus16: db '~'
