; SPDX-License-Identifier: GPL-2.0-or-later
;
; except.asm - exceptions in 32-bit protected mode: #DE (divide by zero and
; quotient overflow), #UD (UD2, UD1, UD0, reserved opcodes and ModRM forms,
; LOCK on non-lockable instructions, MOV to CR1/CR5, CMPXCHG8B with a
; register), #BR, #OF (INTO), INT3 / INT 3 / ICEBP, the TF single-step trap,
; #NP/#SS/#GP/#TS error codes (IDT bit for gates), double faults (#GP while
; the IDT is too short, #NP of the #GP gate), #NM for x87/WAIT/MMX/FXSAVE
; with CR0.EM/TS/MP, #UD for SSE with CR0.EM=1 or CR4.OSFXSR=0, and last a
; triple fault: the machine resets, the ROM finds its marker in RAM on the
; second boot, prints and exits.

%include "lib.inc"

M               equ WORK
BOOT_MAGIC      equ 0x7419fa17
SEL_BADTSS      equ 0x60        ; TSS descriptor with a too-small limit
SEL_NPD         equ 0x68        ; data, not present

TEXT16
main16:
  cmp dword [VAR_BOOT], BOOT_MAGIC
  je second_boot
  PRINT "except: exceptions", 10
  mov ebx, pm_main
  jmp go_pm32

second_boot:
  mov dword [VAR_BOOT], 0
  PRINT "second boot after the triple fault: cr0="
  mov eax, cr0
  HEX32 eax
  PRINT " cs="
  mov ax, cs
  HEX16 ax
  NL
  DONE

TEXT32
pm_main:
  mov eax, SEL_BADTSS
  mov ebx, M + 0x800
  mov ecx, 0x40                 ; below the minimum 0x67
  mov edx, 0x89
  call gdt_set
  mov eax, SEL_NPD
  xor ebx, ebx
  mov ecx, 0xfffff
  mov edx, 0x13 | (FL_32 << 8)
  call gdt_set

  ; --- #DE
  PRINT "divide", 10
  FAULT 0, 0, "div by zero", {xor ecx, ecx}, {.de1: div ecx}
  CHK [VAR_EXC_EIP], .de1, "#DE EIP is the div"
  FAULT 0, 0, "idiv overflow", {mov edx, 0xffffffff}, {mov eax, 0x80000000}, {mov ecx, -1}, {idiv ecx}
  FAULT 0, 0, "div8 overflow", {mov ax, 0x1000}, {mov cl, 0x10}, {div cl}
  FAULT 0, 0, "aam 0", {aam 0}

  ; --- #UD
  PRINT "invalid opcodes", 10
  FAULT 6, 0, "ud2", {.ud2: ud2}
  CHK [VAR_EXC_EIP], .ud2, "#UD EIP"
  FAULT 6, 0, "ud1", {db 0x0f, 0xb9, 0xc0}
  FAULT 6, 0, "ud0", {db 0x0f, 0xff, 0xc0}
  FAULT 6, 0, "0f 04", {db 0x0f, 0x04}
  FAULT 6, 0, "0f 0a", {db 0x0f, 0x0a}
  FAULT 6, 0, "0f 24 (mov tr)", {db 0x0f, 0x24, 0xc0}
  FAULT 6, 0, "fe /2", {db 0xfe, 0xd0}
  FAULT 6, 0, "ff /7", {db 0xff, 0xf8}
  FAULT 6, 0, "lea reg,reg", {db 0x8d, 0xc0}
  FAULT 6, 0, "jmp far reg", {db 0xff, 0xe8}
  FAULT 6, 0, "call far reg", {db 0xff, 0xd8}
  FAULT 6, 0, "lgdt reg", {db 0x0f, 0x01, 0xd0 | 0x00}
  FAULT 6, 0, "mov cr1", {db 0x0f, 0x22, 0xc8}
  FAULT 6, 0, "mov cr5", {db 0x0f, 0x20, 0xe8}
  FAULT 6, 0, "mov sreg 6", {db 0x8e, 0xf0}
  FAULT 6, 0, "cmpxchg8b reg", {db 0x0f, 0xc7, 0xc8}
  FAULT 6, 0, "lock nop", {db 0xf0, 0x90}
  FAULT 6, 0, "lock add reg", {db 0xf0}, {add eax, ebx}
  FAULT 6, 0, "lock inc reg", {db 0xf0}, {inc eax}
  FAULT 6, 0, "lock cmp mem", {db 0xf0}, {cmp [M], eax}
  FAULT 6, 0, "0f 0f (3DNow!, absent)", {db 0x0f, 0x0f, 0xc0, 0x9e}
  FAULT 6, 0, "66 0f ae f8 (pcommit, absent)", {db 0x66, 0x0f, 0xae, 0xf8}
  FAULT 6, 0, "lock lfence", {db 0xf0, 0x0f, 0xae, 0xe8}
  PRINT "lock add mem ok", 10
  lock add [M], eax
  ; fences: no-ops in the middle of a block (QEMU does not end it there)
  mov eax, 1
  lfence
  add eax, 1
  mfence
  add eax, 1
  sfence
  db 0x66, 0x0f, 0xae, 0xf9       ; sfence with an operand-size prefix
  add eax, 1
  CHK eax, 4, "fences"
  ; #UD architecturally, accepted by QEMU 7.2 (printed, not checked)
  PROBE "lock mov", {db 0xf0}, {mov [M], eax}
  PROBE "lock bt mem", {db 0xf0}, {bt [M], eax}
  ; ICEBP: #DB on hardware; QEMU 7.2 is built without WANT_ICEBP
  PROBE "icebp", {db 0xf1}

  ; --- #BR, #OF, INT3, ICEBP, TF
  PRINT "traps", 10
  mov dword [M], 0
  mov dword [M + 4], 5
  FAULT 5, 0, "bound", {mov eax, 6}, {.br: bound eax, [M]}
  CHK [VAR_EXC_EIP], .br, "#BR EIP"
  FAULT 4, 0, "into", {mov al, 0x7f}, {add al, 1}, {into}, {.of_after:}
  CHK [VAR_EXC_EIP], .of_after, "#OF EIP after INTO"
  mov al, 1
  add al, 1
  into                          ; OF=0: nothing
  FAULT 3, 0, "int3", {int3}, {.bp_after:}
  CHK [VAR_EXC_EIP], .bp_after, "#BP EIP after INT3"
  FAULT 3, 0, "int 3", {int 3}
  FAULT 1, 0, "TF trap", {pushfd}, {or dword [esp], 0x100}, {popfd}, {.tf1: nop}, {.tf2: nop}
  CHK [VAR_EXC_EIP], .tf2, "TF trap after one instruction"
  PRINT "dr6="
  mov eax, dr6
  HEX32 eax
  NL

  ; --- error codes
  PRINT "error codes", 10
  FAULT 11, SEL_NPD, "#NP load", {mov ax, SEL_NPD}, {mov es, ax}
  FAULT 12, SEL_NPD, "#SS load", {mov ax, SEL_NPD}, {mov ss, ax}
  FAULT 13, 0x1234 & 0xfffc, "#GP load", {mov ax, 0x1234}, {mov fs, ax}
  FAULT 10, SEL_BADTSS, "#TS jmp to short TSS", {jmp SEL_BADTSS:0}
  FAULT 13, 0x40 * 8 + 2, "int beyond IDT limit", {int 0x40}
  mov byte [IDT_BASE + 0x30 * 8 + 5], 0x0e ; gate 0x30 not present
  FAULT 11, 0x30 * 8 + 2, "int to not-present gate", {int 0x30}
  mov byte [IDT_BASE + 0x30 * 8 + 5], 0x05 | 0x80 ; a task gate type with a 0 selector
  FAULT 13, SEL_CODE32, "int to task gate naming a code segment", {int 0x30}
  mov byte [IDT_BASE + 0x30 * 8 + 5], 0x80 ; type 0: not a gate
  FAULT 13, 0x30 * 8 + 2, "int to bad gate type", {int 0x30}
  mov byte [IDT_BASE + 0x30 * 8 + 5], 0x8e
  ; a (benign) exception through a not-present gate: the EXT bit would be
  ; set on hardware; QEMU 7.2 does not set it (printed, not checked)
  mov byte [IDT_BASE + 6 * 8 + 5], 0x0e
  PROBE "#UD through a not-present gate", {ud2}
  PRINT "error code "
  HEX32 [VAR_EXC_ERR]
  NL
  mov byte [IDT_BASE + 6 * 8 + 5], 0x8e

  ; --- double faults
  PRINT "double faults", 10
  mov byte [IDT_BASE + 13 * 8 + 5], 0x0e ; #GP gate not present
  FAULT 8, 0, "#GP with not-present #GP gate", {mov ax, 0x1234}, {mov fs, ax}
  mov byte [IDT_BASE + 13 * 8 + 5], 0x8e
  mov word [M], 9 * 8 - 1       ; IDT covers vectors 0-8 only
  mov dword [M + 2], IDT_BASE
  lidt [M]
  FAULT 8, 0, "#GP beyond the IDT limit", {mov ax, 0x1234}, {mov fs, ax}
  FAULT 8, 0, "INT beyond the IDT limit", {int 0x20}
  mov word [M], IDT_ENTRIES * 8 - 1
  lidt [M]
  mov byte [IDT_BASE + 3 * 8 + 5], 0x0e ; benign #BP + contributory #NP: no #DF
  FAULT 11, 3 * 8 + 2, "int3 with not-present gate", {int3}
  mov byte [IDT_BASE + 3 * 8 + 5], 0x8e

  ; --- x87 / MMX / SSE
  ; x87/MMX/SSE execution comes with a later issue: only the faults that
  ; CR0.EM/TS/MP and CR4.OSFXSR decide are checked here.
  PRINT "fpu", 10
  mov eax, cr0
  or eax, 4                     ; EM
  mov cr0, eax
  FAULT 7, 0, "fld1 with EM", {fld1}
  FAULT 7, 0, "fninit with EM", {fninit}
  FAULT 7, 0, "esc dd with EM", {db 0xdd, 0xd8}
  FAULT 6, 0, "mmx with EM", {paddb mm0, mm1}
  FAULT 6, 0, "sse with EM", {xorps xmm0, xmm0}
  wait                          ; WAIT ignores EM
  mov eax, cr0
  and eax, ~4
  or eax, 8                     ; TS
  mov cr0, eax
  FAULT 7, 0, "fld1 with TS", {fld1}
  FAULT 7, 0, "mmx with TS", {paddb mm0, mm1}
  FAULT 7, 0, "fxsave with TS", {fxsave [M + 0x200]}
  wait                          ; TS without MP: no fault
  mov eax, cr0
  or eax, 2                     ; MP
  mov cr0, eax
  FAULT 7, 0, "wait with TS and MP", {wait}
  clts
  mov eax, cr0
  HEX32 eax
  NL
  and eax, ~2
  mov cr0, eax
  wait
  FAULT 6, 0, "sse without OSFXSR", {xorps xmm0, xmm0}
  FAULT 6, 0, "sse2 without OSFXSR", {pxor xmm1, xmm1}

  ; --- triple fault (last): the machine resets
  PRINT "triple fault", 10
  mov dword [VAR_BOOT], BOOT_MAGIC
  mov word [M], 0
  mov dword [M + 2], IDT_BASE
  lidt [M]
  int3
  FAILMSG "still running after the triple fault"
  DONE
