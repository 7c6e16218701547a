; SPDX-License-Identifier: GPL-2.0-or-later
;
; pmode.asm - protected-mode basics: entering 32-bit protected mode through a
; GDT and a far jump; 16-bit and 32-bit code segments with far calls and
; returns between them; operand/address-size prefixes both ways; segment
; register loads and their checks (null selector, limits of GDT and LDT, not
; present -> #NP, wrong type -> #GP, DPL/RPL checks, SS checks -> #GP/#SS,
; error codes); the accessed bit; LAR LSL VERR VERW ARPL over many
; descriptor kinds; SGDT SIDT SLDT STR SMSW LGDT LIDT LLDT LTR (16-bit operand
; size truncating the base to 24 bits); ENTER/LEAVE with nesting levels;
; BOUND; PUSHA/POPA; segment register push/pop; and back to real mode.

%include "lib.inc"

LDT_BASE        equ 0x4000
TSS2_BASE       equ 0x5000
M               equ WORK            ; scratch for the 32-bit part
M16             equ 0x9000          ; scratch reachable with 16-bit offsets

SEL_LDT         equ 0x60
SEL_NP          equ 0x68            ; data, not present
SEL_XO          equ 0x70            ; code, execute-only
SEL_RO          equ 0x78            ; data, read-only
SEL_D3          equ 0x80            ; data, DPL 3
SEL_CNP         equ 0x88            ; code, not present
SEL_NA          equ 0x90            ; data, accessed bit clear
SEL_GATE        equ 0x98            ; call gate, DPL 3
SEL_D16         equ 0xa0            ; 16-bit data, base 0x12345, limit 0xabc
SEL_G1          equ 0xa8            ; data, G=1, limit 1 (0x1fff)
SEL_CONF        equ 0xb0            ; conforming code, DPL 0, readable
SEL_EDOWN       equ 0xb8            ; expand-down data
SEL_TSS2        equ 0xc8            ; a second TSS (available)
SEL_D1          equ 0xd0            ; data, DPL 1
SEL_CONF2       equ 0xd8            ; conforming code, DPL 2, execute-only
SEL_DESC_END    equ 0xe0

TEXT16
main16:
  PRINT "pmode: protected mode basics", 10
  mov ebx, pm_main
  jmp go_pm32

; back from protected mode
rm_again:
  PRINT "real mode again: cr0="
  mov eax, cr0
  HEX32 eax
  test al, 1
  jz .ok
  FAILMSG "PE still set"
.ok:
  mov ax, 0x1234
  mov es, ax
  mov dword [es:0x10], 0xfeedf00d
  mov ax, 0x1235
  mov es, ax
  CHK [es:0], 0xfeedf00d, "real-mode segment base"
  xor ax, ax
  mov es, ax
  NL
  DONE

; ------------------------------------------------- 16-bit protected mode
; entered with a 32-bit far call from pm_main (32-bit return address on the
; flat stack)
pm16_part:
  mov [VAR_TMP], esp
  mov ax, SEL_DATA16            ; a 16-bit stack below 64 KiB for the helpers
  mov ss, ax
  mov esp, 0x7000
  PRINT "pm16: cs="
  mov ax, cs
  HEX16 ax
  o32 mov eax, 0x12345678       ; operand-size prefix in 16-bit code
  PRINT " eax="
  HEX32 eax
  mov dword [M16], 0x11223344
  mov dword [M16 + 4], 0x55667788
  mov ebx, M16
  mov ecx, 1
  a32 mov dx, [ebx + ecx * 4 + 2]   ; address-size prefix in 16-bit code
  PRINT " dx="
  HEX16 dx
  mov si, 4
  mov ax, [si + M16]
  PRINT " ax="
  HEX16 ax
  push word 0x1234
  o32 push dword 0xabcdef01
  pop eax
  pop bx
  PRINT " pop="
  HEX32 eax
  PUTC '/'
  HEX16 bx
  ; ENTER with a 16-bit stack: uses SP/BP
  mov bp, 0x6f00
  mov word [0x6efe], 0xaaaa
  mov word [0x6efc], 0xbbbb
  enter 6, 2
  PRINT " enter: sp="
  HEX32 esp
  PRINT " bp="
  HEX32 ebp
  PRINT " stk="
  mov ax, [esp]
  HEX16 ax
  PUTC ','
  mov ax, [esp + 6]
  HEX16 ax
  PUTC ','
  mov ax, [esp + 8]
  HEX16 ax
  PUTC ','
  mov ax, [esp + 10]
  HEX16 ax
  leave
  PRINT " leave: sp="
  HEX32 esp
  ; 16-bit far call within 16-bit code, and a 32-bit far call to 32-bit code
  call SEL_CODE16:pm16_func
  PRINT " f16="
  HEX16 ax
  call dword SEL_CODE32:pm32_func
  PRINT " f32="
  HEX32 eax
  PRINT " sp="
  HEX32 esp
  jmp SEL_CODE16:.j
.j:
  NL
  mov ax, SEL_DATA32
  mov ss, ax
  mov esp, [VAR_TMP]
  o32 retf

pm16_func:
  mov ax, 0x1616
  retf

; ------------------------------------------------------------------ 32-bit
TEXT32
pm32_func:                      ; called from 16-bit code with a 32-bit far call
  mov eax, 0x32323232
  retf

pm_main:
  PRINT "pm32: cr0="
  mov eax, cr0
  HEX32 eax
  PRINT " cs="
  mov ax, cs
  HEX16 ax
  NL
  ; extra descriptors
  mov esi, pm_desc
  mov edi, GDT_BASE + SEL_FREE
  mov ecx, (pm_desc_end - pm_desc) / 4
  rep movsd
  mov esi, ldt_desc
  mov edi, LDT_BASE
  mov ecx, (ldt_desc_end - ldt_desc) / 4
  rep movsd
  mov eax, SEL_GATE
  mov ebx, SEL_CODE32
  mov ecx, pm32_func
  mov edx, 0xec
  call gdt_set_gate

  ; --- 16-bit code segment and prefixes
  call SEL_CODE16:pm16_part
  PRINT "prefixes:"
  mov word [M], 0x5a5a
  o16 mov ax, 0x1234
  HEX32 eax
  mov dword [M16], 0x9abcdef0
  mov bx, M16 - 2
  mov si, 2
  a16 mov eax, [bx + si]
  SP
  HEX32 eax
  mov ebx, 0xffff0000 | M16
  a16 mov cx, [bx]              ; 16-bit addressing ignores EBX[31:16]
  SP
  HEX16 cx
  o16 push word 0x7777
  pop ax
  SP
  HEX32 eax
  NL

  ; --- segment loads
  PRINT "segment loads", 10
  xor eax, eax
  mov ds, ax                    ; null selectors are fine in DS/ES/FS/GS
  mov ax, 3
  mov es, ax
  mov ax, es
  mov bx, SEL_DATA32
  mov ds, bx
  mov es, bx
  CHK eax, 3, "null selector with RPL 3"
  FAULT 13, 0, "ss <- null", {xor eax, eax}, {mov ss, ax}
  FAULT 13, 0x200, "ds <- beyond GDT limit", {mov ax, 0x200}, {mov ds, ax}
  FAULT 11, SEL_NP, "ds <- not present", {mov ax, SEL_NP}, {mov ds, ax}
  FAULT 13, SEL_NP, "gs <- not present RPL3 (privilege first)", {mov ax, SEL_NP | 3}, {mov gs, ax}
  FAULT 13, SEL_XO, "ds <- execute-only code", {mov ax, SEL_XO}, {mov ds, ax}
  FAULT 13, SEL_TSS, "fs <- TSS", {mov ax, SEL_TSS}, {mov fs, ax}
  FAULT 13, SEL_DATA32, "ds <- DPL0 with RPL3", {mov ax, SEL_DATA32 | 3}, {mov ds, ax}
  FAULT 13, SEL_RO, "ss <- read-only", {mov ax, SEL_RO}, {mov ss, ax}
  FAULT 13, SEL_D3, "ss <- DPL3 at CPL0", {mov ax, SEL_D3}, {mov ss, ax}
  FAULT 13, SEL_DATA32, "ss <- RPL3", {mov ax, SEL_DATA32 | 3}, {mov ss, ax}
  FAULT 13, SEL_CODE32, "ss <- code", {mov ax, SEL_CODE32}, {mov ss, ax}
  FAULT 12, SEL_NP, "ss <- not present", {mov ax, SEL_NP}, {mov ss, ax}
  FAULT 13, SEL_GATE, "es <- call gate", {mov ax, SEL_GATE}, {mov es, ax}
  FAULT 13, 0x04, "ds <- LDT selector, no LDT", {mov ax, 0x04}, {mov ds, ax}
  FAULT 6, 0, "mov cs, ax", {mov ax, SEL_CODE32}, {db 0x8e, 0xc8}
  FAULT 11, SEL_CNP, "jmp far not-present code", {jmp SEL_CNP:pm_main}
  FAULT 13, SEL_DATA32, "jmp far data segment", {jmp SEL_DATA32:pm_main}
  FAULT 13, SEL_D1, "call far DPL1 data", {call SEL_D1:pm_main}
  FAULT 13, SEL_CONF2, "ds <- execute-only conforming", {mov ax, SEL_CONF2}, {mov ds, ax}
  ; loads that work
  mov ax, SEL_CODE32            ; readable code
  mov ds, ax
  mov ax, SEL_CONF | 3          ; conforming readable code ignores RPL/DPL
  mov fs, ax
  mov ax, SEL_D3 | 3            ; DPL3 data at CPL0 with RPL3
  mov gs, ax
  mov ax, SEL_EDOWN
  mov es, ax
  mov ax, SEL_D16
  mov es, ax
  mov eax, [es:0]               ; base 0x12345
  mov ebx, SEL_DATA32
  mov ds, bx
  mov es, bx
  mov fs, bx
  mov gs, bx
  mov dword [0x12345], 0x600dcafe
  PRINT "loads ok", 10
  ; accessed bit
  movzx eax, byte [GDT_BASE + SEL_NA + 5]
  CHK eax, 0x92, "accessed bit clear before"
  mov ax, SEL_NA
  mov es, ax
  movzx eax, byte [GDT_BASE + SEL_NA + 5]
  CHK eax, 0x93, "accessed bit set by a load"
  mov ax, SEL_DATA32
  mov es, ax
  ; LDT
  mov ax, SEL_LDT
  lldt ax
  mov ax, 0x04                  ; LDT index 0 is a usable descriptor
  mov ds, ax
  mov eax, [0x12345]
  mov bx, SEL_DATA32
  mov ds, bx
  CHK eax, 0x600dcafe, "LDT data segment"
  mov ax, 0x0f                  ; LDT data DPL3 with base 0x10000
  mov fs, ax
  mov eax, [fs:0x2345]
  CHK eax, 0x600dcafe, "LDT segment base"
  FAULT 11, 0x14, "fs <- LDT not present", {mov ax, 0x14}, {mov fs, ax}
  FAULT 13, 0x24, "gs <- beyond LDT limit", {mov ax, 0x24}, {mov gs, ax}
  jmp 0x1c:.ldtcode             ; code segment from the LDT
.ldtcode:
  mov ax, cs
  movzx eax, ax
  CHK eax, 0x1c, "cs from LDT"
  jmp SEL_CODE32:.gdtcode
.gdtcode:
  jmp SEL_XO:.xo                ; execute-only code can run
.xo:
  mov ax, cs
  movzx eax, ax
  CHK eax, SEL_XO, "execute-only cs"
  jmp SEL_CODE32:.back
.back:
  PRINT "ldt ok", 10

  ; QEMU does not check segment limits or null selectors on data accesses
  ; (not architectural: printed, not checked)
  PRINT "no-check: "
  TRY .nc1
  xor eax, eax
  mov ds, ax
  mov eax, [0x12345]
  ENDTRY
  mov bx, SEL_DATA32
  mov ds, bx
  HEX32 eax
.nc1:
  TRY .nc2
  mov ax, SEL_D16
  mov ds, ax
  mov eax, [0x1000]             ; beyond the 0xabc limit
  ENDTRY
  mov bx, SEL_DATA32
  mov ds, bx
  SP
  HEX32 eax
.nc2:
  NL

  call access_checks
  call table_regs
  call stack_ops
  PRINT "back to real mode", 10
  mov bx, rm_again
  jmp go_rm16

; --- LAR / LSL / VERR / VERW / ARPL over a list of selectors
access_checks:
  PRINT "sel  lar            lsl            verr verw", 10
  mov esi, sel_list
.l:
  movzx ebx, word [esi]
  HEX16 bx
  mov eax, 0xdeadbeef
  lar eax, bx
  call zf_and_eax
  mov eax, 0xdeadbeef
  lsl eax, bx
  call zf_and_eax
  verr bx
  call zf_only
  verw bx
  call zf_only
  NL
  add esi, 2
  cmp esi, sel_list_end
  jb .l
  PRINT "lar16/lsl16:"
  mov eax, 0x55555555
  lar ax, [sel_list + 2]        ; memory operand, 16-bit
  SP
  HEX32 eax
  mov eax, 0x55555555
  mov bx, SEL_G1
  lsl ax, bx                    ; limit 0x1fff
  SP
  HEX32 eax
  NL
  PRINT "arpl:"
  mov ax, 0x0010
  mov bx, 0x0003
  arpl ax, bx                   ; RPL raised to 3, ZF=1
  call zf_and_eax
  mov ax, 0x0013
  mov bx, 0x0001
  arpl ax, bx                   ; unchanged, ZF=0
  call zf_and_eax
  mov word [M], 0x0008
  mov cx, 0xff02
  arpl [M], cx
  movzx eax, word [M]
  call zf_and_eax
  NL
  ret

zf_and_eax:
  pushfd
  SP
  jz .z
  PUTC '0'
  jmp .p
.z:
  PUTC '1'
.p:
  PUTC ':'
  HEX32 eax
  popfd
  ret

zf_only:
  SP
  jz .z
  PRINT "0   "
  ret
.z:
  PRINT "1   "
  ret

; --- descriptor-table registers
table_regs:
  PRINT "tables:"
  sgdt [M]
  SP
  HEX16 [M]
  PUTC '/'
  HEX32 [M + 2]
  sidt [M]
  SP
  HEX16 [M]
  PUTC '/'
  HEX32 [M + 2]
  mov dword [M + 8], 0xffffffff
  sldt [M + 8]                  ; memory: 16 bits written
  SP
  HEX32 [M + 8]
  mov eax, 0xffffffff
  sldt eax
  SP
  HEX32 eax
  mov eax, 0xffffffff
  str eax
  SP
  HEX32 eax
  mov dword [M + 8], 0xffffffff
  str [M + 8]
  SP
  HEX32 [M + 8]
  mov eax, 0xffffffff
  smsw eax
  SP
  HEX32 eax
  mov eax, 0xffffffff
  smsw ax
  SP
  HEX32 eax
  mov dword [M + 8], 0xffffffff
  smsw [M + 8]
  SP
  HEX32 [M + 8]
  NL
  ; 16-bit operand size: LGDT takes a 24-bit base, SGDT stores 24 bits + 0
  PRINT "tables o16:"
  mov word [M], GDT_ENTRIES * 8 - 1
  mov dword [M + 2], 0x12000000 | GDT_BASE
  o16 lgdt [M]
  sgdt [M + 8]
  SP
  HEX32 [M + 10]
  CHK [M + 10], GDT_BASE, "o16 lgdt 24-bit base"
  mov dword [M + 2], 0x12000000 | GDT_BASE
  ; no segment loads (CHK does one) until the GDT is valid again
  lgdt [M]                      ; 32-bit: full base (GDT now invalid!)
  mov dword [M + 18], 0xffffffff
  o16 sgdt [M + 16]
  sgdt [M + 24]
  mov dword [M + 2], GDT_BASE
  lgdt [M]                      ; GDT valid again
  SP
  HEX32 [M + 18]
  SP
  HEX32 [M + 26]
  CHK [M + 18], GDT_BASE, "o16 sgdt 24-bit base"
  CHK [M + 26], 0x12000000 | GDT_BASE, "sgdt 32-bit base"
  mov word [M], 0x3ff
  mov dword [M + 2], 0xab000000 | IDT_BASE
  o16 lidt [M]
  sidt [M + 8]
  SP
  HEX32 [M + 10]
  mov word [M], IDT_ENTRIES * 8 - 1
  mov dword [M + 2], IDT_BASE
  lidt [M]
  NL
  ; LLDT / LTR
  FAULT 13, SEL_DATA32, "lldt data segment", {mov ax, SEL_DATA32}, {lldt ax}
  FAULT 13, 0x04, "lldt LDT selector", {mov ax, 0x04}, {lldt ax}
  FAULT 13, SEL_TSS, "ltr busy TSS", {mov ax, SEL_TSS}, {ltr ax}
  ; LTR with a null selector: #GP(0) architecturally, but QEMU 7.2 accepts
  ; it and marks TR invalid (printed, not checked)
  PRINT "ltr null: "
  TRY .ltr0
  xor eax, eax
  ltr ax
  ENDTRY
  str eax
  HEX32 eax
  NL
.ltr0:
  FAULT 13, SEL_LDT, "ltr LDT descriptor", {mov ax, SEL_LDT}, {ltr ax}
  FAULT 11, SEL_NP, "ltr not present", {mov byte [GDT_BASE + SEL_NP + 5], 0x09}, {mov ax, SEL_NP}, {ltr ax}
  mov byte [GDT_BASE + SEL_NP + 5], 0x13
  xor eax, eax
  lldt ax                       ; null LDT is fine
  sldt eax
  CHK eax, 0, "lldt null"
  FAULT 13, 0x04, "ds <- LDT selector after lldt 0", {mov ax, 0x04}, {mov ds, ax}
  mov ax, SEL_TSS2
  ltr ax
  str eax
  CHK eax, SEL_TSS2, "ltr second TSS"
  movzx eax, byte [GDT_BASE + SEL_TSS2 + 5]
  CHK eax, 0x8b, "ltr sets busy"
  and byte [GDT_BASE + SEL_TSS + 5], ~2 ; make the first TSS available again
  mov ax, SEL_TSS
  ltr ax
  PRINT "lldt/ltr ok", 10
  ret

; --- stack operations
stack_ops:
  PRINT "pushad:"
  mov ebp, esp
  mov eax, 0xa0a0a0a0
  mov ecx, 0xc1c1c1c1
  mov edx, 0xd2d2d2d2
  mov ebx, 0xb3b3b3b3
  mov esi, 0x51515151
  mov edi, 0xd1d1d1d1
  pushad
  mov ebp, 0xbbbbbbbb
  mov ecx, 8
  mov esi, esp
.pd:
  SP
  HEX32 [esi]
  add esi, 4
  loop .pd
  lea eax, [esp + 32]
  mov ebx, [esp + 12]
  CHK ebx, eax, "pushad esp"
  mov dword [esp + 12], 0x12345678 ; POPAD ignores the stored ESP
  popad
  SP
  HEX32 esp
  SP
  HEX32 ebp
  NL
  PRINT "pusha16:"
  mov eax, 0x1111aaaa
  o16 pusha
  mov ecx, 8
  mov esi, esp
.pw:
  SP
  HEX16 [esi]
  add esi, 2
  loop .pw
  mov eax, 0xffffffff
  mov ecx, 0xffffffff
  o16 popa                      ; 16-bit: upper halves kept
  SP
  HEX32 eax
  SP
  HEX32 ecx
  NL
  PRINT "segpush:"
  mov dword [esp - 4], 0xffffffff
  push ds
  mov eax, [esp]
  SP
  HEX32 eax
  pop eax
  mov dword [esp - 4], 0xffffffff
  o16 push fs
  mov eax, [esp - 2]
  SP
  HEX32 eax
  pop ax
  push dword 0xffff0000 | SEL_DATA32
  pop es                        ; upper 16 bits ignored
  mov ax, es
  SP
  HEX16 ax
  push ss
  pop ss
  push gs
  o16 pop fs
  o16 pop cx
  SP
  HEX32 esp
  NL
  ; ENTER / LEAVE with a 32-bit stack
  PRINT "enter:"
  mov [VAR_TMP], esp
  mov esp, M + 0x400
  mov ebp, M + 0x100
  mov dword [M + 0xfc], 0xf0f0f0fc
  mov dword [M + 0xf8], 0xf0f0f0f8
  mov dword [M + 0xf4], 0xf0f0f0f4
  mov dword [M + 0xf0], 0xf0f0f0f0
  enter 0x10, 0
  call show_frame
  leave
  call show_frame
  enter 8, 1
  call show_frame
  enter 4, 3
  call show_frame
  leave
  leave
  call show_frame
  enter 0, 33                   ; level is taken mod 32
  call show_frame
  leave
  mov ebp, M + 0x100
  o16 enter 8, 2                ; 16-bit frame pointers on a 32-bit stack
  call show_frame
  o16 leave
  call show_frame
  mov esp, [VAR_TMP]
  NL
  ; BOUND
  PRINT "bound", 10
  mov dword [M], -10
  mov dword [M + 4], 10
  mov eax, 10
  bound eax, [M]                ; inclusive
  mov eax, -10
  bound eax, [M]
  FAULT 5, 0, "bound above", {mov eax, 11}, {bound eax, [M]}
  FAULT 5, 0, "bound below", {mov eax, -11}, {bound eax, [M]}
  mov word [M + 8], 0x8000
  mov word [M + 10], 0x7fff
  mov ax, 0x8000
  o16 bound ax, [M + 8]
  FAULT 5, 0, "bound16 below", {mov word [M + 8], 0x0001}, {mov ax, 0}, {.bnd16: o16 bound ax, [M + 8]}
  CHK [VAR_EXC_EIP], .bnd16, "bound16 fault EIP"
  ret

show_frame:
  SP
  lea eax, [esp + 4]
  HEX32 eax
  PUTC '/'
  HEX32 ebp
  PUTC ':'
  mov eax, [esp + 4]
  HEX32 eax
  PUTC ','
  mov eax, [esp + 8]
  HEX32 eax
  PUTC ','
  mov eax, [esp + 12]
  HEX32 eax
  ret

sel_list:
  dw 0x0000, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028, 0x0033, 0x003b
  dw 0x0038, SEL_LDT, SEL_NP, SEL_XO, SEL_RO, SEL_D3, SEL_D3 | 3, SEL_CNP
  dw SEL_GATE, SEL_D16, SEL_G1, SEL_CONF | 3, SEL_EDOWN, SEL_TSS2, SEL_D1 | 2
  dw SEL_CONF2, 0x0004, 0x000f, 0x0014, 0x001c, 0x0024, 0x01f8, 0x0200
sel_list_end:

align 8
pm_desc:
  DESC LDT_BASE, 0x1f, 0x82, 0              ; 0x60 LDT (4 entries)
  DESC 0, 0xfffff, 0x13, FL_32              ; 0x68 data, not present
  DESC 0, 0xfffff, 0x99, FL_32              ; 0x70 code, execute-only
  DESC 0, 0xfffff, 0x91, FL_32              ; 0x78 data, read-only
  DESC 0, 0xfffff, 0xf3, FL_32              ; 0x80 data, DPL 3
  DESC 0, 0xfffff, 0x1b, FL_32              ; 0x88 code, not present
  DESC 0, 0xfffff, 0x92, FL_32              ; 0x90 data, accessed clear
  dq 0                                      ; 0x98 call gate (set at run time)
  DESC 0x12345, 0xabc, 0x93, 0              ; 0xa0 16-bit data
  DESC 0, 0x00001, 0x93, FL_32              ; 0xa8 G=1, limit 0x1fff
  DESC 0, 0xfffff, 0x9f, FL_32              ; 0xb0 conforming code DPL 0
  DESC WORK, 0x0fff, 0x97, 0                ; 0xb8 expand-down data
  DESC 0, 0xffff, 0x93, 0                   ; 0xc0 16-bit data
  DESC TSS2_BASE, 0x67, 0x89, 0             ; 0xc8 TSS, available
  DESC 0, 0xfffff, 0xb3, FL_32              ; 0xd0 data, DPL 1
  DESC 0, 0xfffff, 0xdd, FL_32              ; 0xd8 conforming code DPL 2, execute-only
pm_desc_end:

ldt_desc:
  DESC 0, 0xfffff, 0x93, FL_32              ; 0x04 data
  DESC 0x10000, 0xfffff, 0xf3, FL_32        ; 0x0c data DPL 3, base 0x10000
  DESC 0, 0xfffff, 0x13, FL_32              ; 0x14 not present
  DESC 0, 0xfffff, 0x9b, FL_32              ; 0x1c code
ldt_desc_end:
