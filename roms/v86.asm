; SPDX-License-Identifier: GPL-2.0-or-later
;
; v86.asm - virtual-8086 mode: entered with IRET (EFLAGS.VM=1) from 32-bit
; protected mode with a TSS; real-mode style code there (segment arithmetic,
; operand/address-size prefixes, near/far calls and returns, string ops,
; PUSHF/POPF/CLI/STI/IRET with IOPL 3, POPF cannot change IOPL); INT n with
; IOPL 3 goes through the IDT to ring 0 with the V86 segment registers
; pushed (and DS/ES/FS/GS nulled), IRET returns to V86; with IOPL < 3 INT n,
; PUSHF, POPF, CLI, STI, IRET raise #GP(0) to the monitor; INT3 needs a DPL3
; gate; privileged instructions fault; an exception in V86 mode; back to
; protected mode through the monitor.

%include "lib.inc"

FRAME           equ VAR_TMP     ; 13 dwords: the ring-0 view of INT 0x30
V86DATA         equ 0x9000      ; V86 scratch (segment 0)

TEXT16
main16:
  PRINT "v86: virtual-8086 mode", 10
  mov ebx, pm_main
  jmp go_pm32

; ------------------------------------------------------------- V86 code
; IOPL 3: a tour of real-mode style code, ended by INT 0x3f
v86_main:
  PRINT "  in v86: cs="
  mov ax, cs
  HEX16 ax
  PRINT " ss:sp="
  mov ax, ss
  HEX16 ax
  PUTC ':'
  HEX16 sp
  ; segment arithmetic
  mov ax, 0x0800
  mov es, ax
  mov dword [es:0x1004], 0x12345678 ; linear 0x9004
  mov eax, [V86DATA + 4]
  PRINT " seg="
  HEX32 eax
  mov ebx, 2
  mov ax, [ebx * 2 + V86DATA + 2]   ; address-size prefix
  PRINT " a32="
  HEX16 ax
  ; far call into segment F010 (same code through another segment)
  call 0xf010:(v86_far - 0x100)
  PRINT " far="
  HEX32 eax
  ; string op
  push ds
  pop es
  mov si, V86DATA + 4
  mov di, V86DATA + 8
  mov cx, 4
  cld
  rep movsb
  mov eax, [V86DATA + 8]
  PRINT " movs="
  HEX32 eax
  ; flags with IOPL 3: CLI/STI/PUSHF/POPF work, IOPL stays
  cli
  sti
  cli
  pushf
  pop ax
  PRINT " fl="
  HEX16 ax
  push word 0x0ed7              ; IOPL 0, NT, IF, arithmetic flags
  popf
  pushf
  pop ax
  PRINT " popf="
  HEX16 ax
  push word 0x3002
  popf
  pushfd
  pop eax
  PRINT " pushfd="
  HEX32 eax
  ; IRET within V86 (like real mode)
  pushf
  push cs
  push word .ir
  iret
.ir:
  ; INT n through the IDT (IOPL 3): the handler reports and returns
  mov ax, 0x1234
  mov ds, ax
  mov ax, 0x2345
  mov es, ax
  mov ax, 0x3456
  mov fs, ax
  mov ax, 0x4567
  mov gs, ax
  mov eax, 0x0000abcd
  int 0x30
  mov bx, ds
  xor dx, dx
  mov ds, dx
  mov [V86DATA + 12], eax       ; handler's result
  mov [V86DATA + 16], bx        ; DS restored by IRET
  mov ax, fs
  mov [V86DATA + 18], ax
  NL
  int VEC_BACK

v86_far:                        ; reached as F010:xxxx
  mov eax, cs
  shl eax, 16
  mov ax, 0x00ff
  retf

; ------------------------------------------------------------------ 32-bit
TEXT32
pm_main:
  mov eax, 0x30
  mov ebx, SEL_CODE32
  mov ecx, int30_handler
  mov edx, 0xee                 ; interrupt gate DPL3
  call idt_set

  PRINT "iopl 3", 10
  CLREXC
  TRY .b1
  mov esi, v86_main
  mov edx, 0x3002
  jmp to_v86
.b1:
  CHK [VAR_EXC_VEC], 0xff, "v86 tour ran without exceptions"
  CHK [V86DATA + 12], 0x600d0030, "int 0x30 from v86"
  movzx eax, word [V86DATA + 16]
  CHK eax, 0x1234, "iret restores v86 DS"
  movzx eax, word [V86DATA + 18]
  CHK eax, 0x3456, "iret restores v86 FS"
  PRINT "int 0x30 frame:"
  mov esi, FRAME
.f:
  SP
  HEX32 [esi]
  add esi, 4
  cmp esi, FRAME + 13 * 4
  jb .f
  NL
  CHK [FRAME + 4], 0xf000, "frame CS"
  mov eax, [FRAME + 8]
  and eax, 0x23000
  CHK eax, 0x23000, "frame EFLAGS VM and IOPL"
  CHK [FRAME + 20], 0x2345, "frame ES"
  CHK [FRAME + 24], 0x1234, "frame DS"
  CHK [FRAME + 28], 0x3456, "frame FS"
  CHK [FRAME + 32], 0x4567, "frame GS"
  CHK [FRAME + 36], 0, "DS nulled in the handler"
  CHK [FRAME + 40], 0, "ES nulled in the handler"
  CHK [FRAME + 44], SEL_DATA32, "handler SS from TSS"
  CHK [FRAME + 48], ISTACK0_TOP - 36, "handler ESP from TSS"

  PRINT "iopl 0: sensitive instructions", 10
  V86FAULT 13, 0, 0x0002, "int n, iopl 0", {int 0x30}
  CHK [VAR_EXC_CS], 0xf000, "#GP CS is the v86 CS"
  V86FAULT 13, 0, 0x1002, "pushf, iopl 1", {pushf}
  V86FAULT 13, 0, 0x2002, "popf, iopl 2", {popf}
  V86FAULT 13, 0, 0x0002, "cli, iopl 0", {cli}
  V86FAULT 13, 0, 0x0002, "sti, iopl 0", {sti}
  V86FAULT 13, 0, 0x0002, "iret, iopl 0", {iret}
  V86FAULT 13, 0, 0x0002, "pushfd, iopl 0", {pushfd}
  V86FAULT 13, 0, 0x0002, "int 0x3f, iopl 0", {int VEC_BACK}
  V86OK 0x0002, "iopl 0: ordinary code", {mov ax, 0x1234}, {mov ds, ax}, {add ax, ax}, {push ax}, {pop bx}
  PRINT "int3/into/privileged", 10
  V86FAULT 13, 3 * 8 + 2, 0x3002, "int3 through a DPL0 gate", {int3}
  mov eax, 3
  mov ebx, SEL_CODE32
  mov ecx, int30_handler
  mov edx, 0xee
  call idt_set
  V86OK 0x0002, "int3 through a DPL3 gate, iopl 0", {int3}
  CHK [FRAME + 4], 0xf000, "int3 frame CS"
  mov eax, 3
  mov ecx, pm_exc_stubs + 3 * 16
  mov edx, 0x8e
  call idt_set
  V86FAULT 13, 0, 0x3002, "hlt", {hlt}
  V86FAULT 13, 0, 0x3002, "mov cr0", {mov eax, cr0}
  V86FAULT 13, 0, 0x3002, "lgdt", {lgdt [0]}
  V86FAULT 6, 0, 0x3002, "lar (no v86 form)", {lar ax, bx}
  V86FAULT 6, 0, 0x3002, "arpl (#UD in v86)", {arpl ax, bx}
  V86FAULT 0, 0, 0x3002, "divide error", {xor cx, cx}, {div cx}
  mov eax, [VAR_EXC_EFL]
  and eax, 0x20000
  CHK eax, 0x20000, "#DE from v86 has VM"
  DONE

; INT 0x30 (DPL3 interrupt gate): record the frame and the segment registers
int30_handler:
  push eax
  mov ax, SEL_DATA32
  push ds
  mov ds, ax
  pop eax
  mov [FRAME + 36], eax         ; DS on entry
  mov eax, es
  mov [FRAME + 40], eax         ; ES on entry
  mov eax, ss
  mov [FRAME + 44], eax
  pop eax
  lea eax, [esp]
  mov [FRAME + 48], eax
  push esi
  push edi
  push ecx
  lea esi, [esp + 12]
  mov edi, FRAME
  mov ecx, 9
.c:
  mov eax, [esi]
  mov [edi], eax
  add esi, 4
  add edi, 4
  loop .c
  pop ecx
  pop edi
  pop esi
  mov eax, 0x600d0030
  iretd
