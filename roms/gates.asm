; SPDX-License-Identifier: GPL-2.0-or-later
;
; gates.asm - privilege levels and gates: ring 0 -> ring 3 through IRET and
; RETF (stack switch, data segment registers nulled), ring 0 -> ring 2
; through RETF, call gates (same privilege, ring 3 -> ring 0 with parameter
; copy, ring 3 -> ring 1), JMP through a call gate, conforming code segments,
; TSS ring stacks (SS0:ESP0, SS1:ESP1), INT from ring 3 through trap and
; interrupt gates (DPL 3) with IRET back, an interrupt gate to a ring 3
; handler, RET far with stack switch, and privilege violations with their
; error codes (#GP/#NP).

%include "lib.inc"

SEL_G0          equ 0x60        ; call gate DPL0 -> ring 0, 0 params
SEL_G3          equ 0x68        ; call gate DPL3 -> ring 0, 3 params
SEL_G31         equ 0x70        ; call gate DPL3 -> ring 1, 1 param
SEL_CONF0       equ 0x78        ; conforming code DPL0
SEL_CONF3       equ 0x80        ; conforming code DPL3
SEL_G0B         equ 0x88        ; call gate DPL0 (not reachable from ring 3)
SEL_GNP         equ 0x90        ; call gate DPL3, not present
SEL_GDATA       equ 0x98        ; call gate DPL3 -> a data segment

M               equ WORK

TEXT16
main16:
  PRINT "gates: privilege levels and gates", 10
  mov ebx, pm_main
  jmp go_pm32

TEXT32
pm_main:
  mov eax, SEL_G0
  mov ebx, SEL_CODE32
  mov ecx, gate0_target
  mov edx, 0x8c
  call gdt_set_gate
  mov eax, SEL_G3
  mov ecx, gate3_target
  mov edx, 0xec | (3 << 8)
  call gdt_set_gate
  mov eax, SEL_G31
  mov ebx, SEL_CODE32_R1
  mov ecx, ring1_target
  mov edx, 0xec | (1 << 8)
  call gdt_set_gate
  mov eax, SEL_CONF0
  xor ebx, ebx
  mov ecx, 0xfffff
  mov edx, 0x9f | (FL_32 << 8)
  call gdt_set
  mov eax, SEL_CONF3
  mov edx, 0xff | (FL_32 << 8)
  call gdt_set
  mov eax, SEL_G0B
  mov ebx, SEL_CODE32
  mov ecx, gate0_target
  mov edx, 0x8c
  call gdt_set_gate
  mov eax, SEL_GNP
  mov edx, 0x6c
  call gdt_set_gate
  mov eax, SEL_GDATA
  mov ebx, SEL_DATA32
  mov edx, 0xec
  call gdt_set_gate
  ; IDT: 0x30 trap gate DPL3, 0x31 interrupt gate DPL0 (the default),
  ; 0x32 interrupt gate DPL3, 0x33 interrupt gate DPL3 to ring 3 code
  mov eax, 0x30
  mov ebx, SEL_CODE32
  mov ecx, int_handler
  mov edx, 0xef
  call idt_set
  mov eax, 0x32
  mov edx, 0xee
  call idt_set
  mov eax, 0x33
  mov ebx, SEL_CODE32_R3
  mov ecx, int_handler_r3
  call idt_set

  ; --- IRET to ring 3: DS/ES (DPL 0) are nulled, FS (DPL 3) kept
  PRINT "iret to ring 3", 10
  mov ax, SEL_DATA32_R3
  mov fs, ax
  TRY .b1
  R3 .r1
.r1:
  mov esi, esp
  mov ax, ds
  mov bx, es
  mov cx, fs
  mov dx, cs
  mov di, ss
  push SEL_DATA32_R3
  pop ds
  PRINT "  ring 3: cs="
  HEX16 dx
  PRINT " ss="
  HEX16 di
  PRINT " ds="
  HEX16 ax
  PRINT " es="
  HEX16 bx
  PRINT " fs="
  HEX16 cx
  PRINT " esp="
  HEX32 esp
  NL
  movzx eax, ax
  movzx ebx, bx
  movzx ecx, cx
  movzx edx, dx
  CHK eax, 0, "iret nulls DS"
  CHK ebx, 0, "iret nulls ES"
  CHK ecx, SEL_DATA32_R3, "iret keeps FS"
  CHK edx, SEL_CODE32_R3, "ring 3 CS"
  CHK esi, STACK3_TOP, "ring 3 ESP"
  int VEC_BACK
.b1:
  mov ax, SEL_DATA32
  mov fs, ax

  ; --- RETF to ring 3
  PRINT "retf to ring 3", 10
  TRY .b2
  push SEL_DATA32_R3
  push STACK3_TOP - 0x100
  push SEL_CODE32_R3
  push .r2
  retf
.r2:
  mov eax, esp
  push SEL_DATA32_R3
  pop ds
  CHK eax, STACK3_TOP - 0x100, "retf ring 3 ESP"
  mov ax, cs
  movzx eax, ax
  CHK eax, SEL_CODE32_R3, "retf ring 3 CS"
  int VEC_BACK
.b2:

  ; --- RETF to ring 2, back through INT 0x3f (TSS SS0:ESP0)
  PRINT "retf to ring 2", 10
  TRY .b3
  push SEL_DATA32_R2
  push STACK2_TOP - 0x10
  push SEL_CODE32_R2
  push .r3
  retf
.r3:
  mov ax, cs
  movzx eax, ax
  push SEL_DATA32_R3
  pop ds
  CHK eax, SEL_CODE32_R2, "ring 2 CS"
  PRINT "  ring 2 ok", 10
  int VEC_BACK
.b3:

  ; --- call gate, same privilege
  PRINT "call gate ring 0 -> ring 0", 10
  mov ebp, esp
  call SEL_G0:0x12345678        ; the offset is ignored
  sub ebp, esp
  CHK ebp, 0, "same-privilege call gate stack"
  CHK eax, 0x600d0000, "call gate 0 result"
  mov dword [VAR_TMP], 1
  jmp SEL_G0:0                  ; JMP through a call gate
.jmpback:
  mov dword [VAR_TMP], 0
  CHK eax, 0x600d0001, "jmp through call gate"

  ; --- ring 3 -> ring 0 through a call gate with 3 parameters
  PRINT "call gate ring 3 -> ring 0, 3 params", 10
  TRY .b4
  R3 .r4
.r4:
  mov ax, SEL_DATA32_R3
  mov ds, ax
  push dword 0x11111111
  push dword 0x22222222
  push dword 0x33333333
  call SEL_G3:0
  mov ebx, esp
  CHK eax, 0x600d0003, "call gate 3 result"
  CHK ebx, STACK3_TOP, "retf with parameter pop"
  ; ring 3 -> ring 1 with one parameter
  push dword 0x44444444
  call SEL_G31:0
  CHK eax, 0x600d0011, "ring 1 result"
  ; conforming DPL0 code runs at CPL 3
  call SEL_CONF0:conf_func
  CHK eax, SEL_CONF0 | 3, "conforming CS keeps CPL 3"
  ; INT through a DPL3 trap gate and a DPL3 interrupt gate
  mov eax, 0x1234
  int 0x30
  CHK eax, 0x600d0030, "int 0x30"
  int 0x32
  CHK eax, 0x600d0032, "int 0x32"
  int 0x33                      ; gate to ring 3 code: no stack switch
  CHK eax, 0x600d0033, "int 0x33"
  int VEC_BACK
.b4:

  ; --- faults at ring 0
  PRINT "ring 0 faults", 10
  FAULT 13, SEL_CONF3, "call conforming DPL3 from ring 0", {call SEL_CONF3:conf_func}
  FAULT 13, SEL_CODE32_R3 & 0xfffc, "int to ring 3 handler from ring 0", {int 0x33}
  FAULT 13, SEL_DATA32, "iret: SS RPL != CS RPL", {push SEL_DATA32}, {push STACK3_TOP}, {push 2}, {push SEL_CODE32_R3}, {push .r1}, {iretd}
  FAULT 13, SEL_CODE32, "iret: CS DPL 0 with RPL 3", {push SEL_DATA32_R3}, {push STACK3_TOP}, {push 2}, {push SEL_CODE32 | 3}, {push .r1}, {iretd}
  FAULT 13, SEL_DATA32_R3 & 0xfffc, "retf: SS DPL 3 for ring 2", {push SEL_DATA32_R3}, {push STACK3_TOP}, {push SEL_CODE32_R2}, {push .r1}, {retf}
  FAULT 13, SEL_DATA32, "call gate to data", {call SEL_GDATA:0}

  ; --- faults at ring 3
  PRINT "ring 3 faults", 10
  R3FAULT 13, 0, "cli at ring 3", {cli}
  R3FAULT 13, 0, "sti at ring 3", {sti}
  R3FAULT 13, 0, "hlt at ring 3", {hlt}
  R3FAULT 13, 0, "mov cr0 at ring 3", {mov eax, cr0}
  R3FAULT 13, 0, "mov cr3 write at ring 3", {xor eax, eax}, {mov cr3, eax}
  R3FAULT 13, 0, "lgdt at ring 3", {lgdt [M]}
  R3FAULT 13, 0, "lidt at ring 3", {lidt [M]}
  R3FAULT 13, 0, "lldt at ring 3", {xor eax, eax}, {lldt ax}
  R3FAULT 13, 0, "ltr at ring 3", {mov ax, SEL_TSS}, {ltr ax}
  R3FAULT 13, 0, "clts at ring 3", {clts}
  R3FAULT 13, 0, "invlpg at ring 3", {invlpg [M]}
  R3FAULT 13, 0, "rdmsr at ring 3", {mov ecx, 0x174}, {rdmsr}
  R3FAULT 13, 0, "wbinvd at ring 3", {wbinvd}
  R3FAULT 13, 0, "mov dr7 at ring 3", {mov eax, dr7}
  R3FAULT 13, SEL_DATA32, "ds <- DPL0 data at ring 3", {mov ax, SEL_DATA32}, {mov ds, ax}
  R3FAULT 13, SEL_DATA32_R1 & 0xfffc, "ss <- DPL1 data at ring 3", {mov ax, SEL_DATA32_R1 | 3}, {mov ss, ax}
  R3FAULT 13, 0x31 * 8 + 2, "int to DPL0 gate", {int 0x31}
  R3FAULT 13, SEL_CODE32, "jmp far to ring 0 code", {jmp SEL_CODE32:pm_main}
  R3FAULT 13, SEL_CODE32, "call far to ring 0 code", {call SEL_CODE32:pm_main}
  R3FAULT 13, SEL_G0B, "call gate DPL0 from ring 3", {call SEL_G0B:0}
  R3FAULT 11, SEL_GNP, "call gate not present", {call SEL_GNP:0}
  R3FAULT 13, SEL_CODE32, "jmp through call gate to ring 0", {jmp SEL_G3:0}
  R3FAULT 13, SEL_CODE32, "retf to ring 0", {push SEL_CODE32}, {push pm_main}, {retf}
  R3FAULT 13, SEL_CODE32, "iret to ring 0", {pushfd}, {push SEL_CODE32}, {push pm_main}, {iretd}
  R3FAULT 13, SEL_CODE32_R1 & 0xfffc, "retf to ring 1", {push SEL_DATA32_R1}, {push STACK1_TOP}, {push SEL_CODE32_R1}, {push pm_main}, {retf}

  ; a fault in ring 3 code called through a gate: the handler sees ring 0
  ; CS and the ring 0 stack
  PRINT "done", 10
  DONE

; ------------------------------------------------------------ handlers
gate0_target:                   ; ring 0 -> ring 0 call gate (or JMP)
  cmp dword [VAR_TMP], 1
  je .jmp
  mov eax, 0x600d0000
  retf
.jmp:
  mov eax, 0x600d0001
  jmp pm_main.jmpback

gate3_target:                   ; ring 3 -> ring 0, 3 parameters
  push ebp
  mov ebp, esp
  PRINT "  gate3: cs="
  mov ax, cs
  HEX16 ax
  PRINT " ss="
  mov ax, ss
  HEX16 ax
  PRINT " esp="
  HEX32 ebp
  PRINT " frame:"
  mov ecx, 7
  lea esi, [ebp + 4]
.f:
  SP
  HEX32 [esi]
  add esi, 4
  loop .f
  NL
  CHK ebp, ISTACK0_TOP - 32, "gate3 ring 0 ESP"
  CHK [ebp + 8], SEL_CODE32_R3, "gate3 old CS"
  CHK [ebp + 12], 0x33333333, "gate3 param 1"
  CHK [ebp + 20], 0x11111111, "gate3 param 3"
  CHK [ebp + 24], STACK3_TOP - 12, "gate3 old ESP"
  CHK [ebp + 28], SEL_DATA32_R3, "gate3 old SS"
  pop ebp
  mov eax, 0x600d0003
  retf 12

ring1_target:                   ; ring 3 -> ring 1, 1 parameter
  mov ebx, esp
  mov ax, ss
  movzx eax, ax
  CHK eax, SEL_DATA32_R1, "ring 1 SS from TSS"
  CHK ebx, STACK1_TOP - 20, "ring 1 ESP from TSS"
  CHK [ebx + 8], 0x44444444, "ring 1 param"
  mov ax, cs
  movzx eax, ax
  CHK eax, SEL_CODE32_R1, "ring 1 CS"
  PRINT "  ring 1 ok", 10
  mov eax, 0x600d0011
  retf 4

conf_func:
  mov ax, cs
  movzx eax, ax
  retf

int_handler:                    ; INT 0x30 / 0x32 from ring 3
  push ebp
  mov ebp, esp
  PRINT "  int: frame"
  mov ecx, 5
  lea esi, [ebp + 4]
.f:
  SP
  HEX32 [esi]
  add esi, 4
  loop .f
  NL
  CHK [ebp + 8], SEL_CODE32_R3, "int old CS"
  CHK [ebp + 20], SEL_DATA32_R3, "int old SS"
  CHK ebp, ISTACK0_TOP - 24, "int ring 0 ESP"
  pop ebp
  mov eax, 0x600d0030
  cmp ah, ah                    ; (flags don't matter)
  push eax
  mov eax, [esp + 4]            ; return EIP
  cmp byte [eax - 1], 0x30
  pop eax
  je .r
  mov eax, 0x600d0032
.r:
  iretd

int_handler_r3:                 ; INT 0x33: ring 3 handler, same privilege
  mov ebx, esp
  CHK [ebx + 4], SEL_CODE32_R3, "int r3 old CS"
  lea eax, [ebx + 12]
  CHK eax, STACK3_TOP, "int r3 no stack switch"
  mov eax, 0x600d0033
  iretd
