; SPDX-License-Identifier: GPL-2.0-or-later
;
; interrupts.asm - software interrupts and system instructions: INT n, INT3
; and INTO through the real-mode IVT with IRET (16- and 32-bit); in
; protected mode interrupt gates (IF cleared) vs trap gates (IF kept), a
; 16-bit interrupt gate from 16-bit code, IRET; CLI/STI; PUSHF/POPF/IRET and
; IF/IOPL at CPL 3 with IOPL 0 and 3 (changes silently ignored) and at CPL 0;
; CPUID leaves 0-5 and 0x80000000-0x80000008; RDTSC (value not printed; the
; registers are cleared right after it) and CR4.TSD; RDMSR/WRMSR of the
; SYSENTER MSRs, APIC_BASE and a few others; SYSENTER/SYSEXIT; CLTS; INVD;
; WBINVD.  No interrupt source exists: IF=1 is only set for a few
; instructions (QEMU's local APIC masks the PIC's LINT0 after reset).

%include "lib.inc"

M               equ WORK
SEL_SE_CS       equ 0x60        ; SYSENTER_CS: 0x60 code0, 0x68 data0,
                                ; 0x70 code3, 0x78 data3
RMVEC           equ 0x40

TEXT16
main16:
  PRINT "interrupts: INT/IRET, flags, CPUID, MSRs", 10
  ; --- real mode IVT
  mov word [RMVEC * 4], rm_handler
  mov word [RMVEC * 4 + 2], 0xf000
  PRINT "rm int:"
  mov eax, 0x11111111
  sti
  int RMVEC                     ; handler sees IF=0, stacked FLAGS has IF=1
  cli
  HEX32 eax
  SP
  HEX32 [VAR_TMP]
  SP
  HEX32 [VAR_TMP + 4]
  SP
  HEX32 [VAR_TMP + 8]
  movzx eax, word [VAR_TMP + 8]
  and eax, 0x200
  CHK eax, 0x200, "rm int stacked IF"
  movzx eax, word [VAR_TMP + 12]
  and eax, 0x200
  CHK eax, 0, "rm int clears IF"
  CHK [VAR_TMP + 4], 0xf000, "rm int stacked CS"
  pushfd                        ; a 32-bit IRET frame in real mode
  push dword 0xf000
  push dword .o32
  mov eax, 0x600d0041
  o32 iret
.o32:
  SP
  HEX32 eax
  ; IRET restores flags
  push word 0x08d7
  popf
  int RMVEC
  pushf
  pop ax
  SP
  HEX16 ax
  movzx eax, ax
  CHK eax, 0x08d7, "rm iret restores flags"
  NL
  ; INT3 / INTO through the IVT
  mov word [3 * 4], rm_int3
  mov word [4 * 4], rm_int3
  xor ebx, ebx
  int3
  mov al, 0x7f
  add al, 1
  into
  mov al, 1
  add al, 1
  into                          ; OF=0: nothing
  CHK ebx, 2, "rm int3 + into"
  mov word [3 * 4], rm_exc_stubs + 3 * 8
  mov word [4 * 4], rm_exc_stubs + 4 * 8
  ; an IVT entry pointing into another segment
  mov word [RMVEC * 4], rm_handler - 0x100
  mov word [RMVEC * 4 + 2], 0xf010
  int RMVEC
  CHK [VAR_TMP + 4], 0xf000, "rm int to F010 segment, caller CS"
  mov ebx, pm_main
  jmp go_pm32

rm_handler:
  push bp
  mov bp, sp
  mov ax, [bp + 2]
  mov [VAR_TMP], ax             ; IP
  mov ax, [bp + 4]
  mov [VAR_TMP + 4], ax         ; CS
  mov ax, [bp + 6]
  mov [VAR_TMP + 8], ax         ; FLAGS
  pushf
  pop ax
  mov [VAR_TMP + 12], ax        ; FLAGS inside
  mov eax, 0x600d0040
  pop bp
  iret

rm_int3:
  inc ebx
  iret

; 16-bit protected-mode code using a 16-bit interrupt gate
pm16_int:
  mov [VAR_TMP + 16], esp
  mov ax, SEL_DATA16
  mov ss, ax
  mov esp, 0x7000
  mov ebx, 0x12345678
  int 0x32
  mov ax, SEL_DATA32
  mov ss, ax
  mov esp, [VAR_TMP + 16]
  o32 retf

pm16_handler:                   ; 16-bit gate: 16-bit frame
  mov bp, sp
  mov ax, [bp]
  mov [VAR_TMP + 20], ax        ; IP
  mov ax, [bp + 2]
  mov [VAR_TMP + 24], ax        ; CS
  mov ax, [bp + 4]
  mov [VAR_TMP + 28], ax        ; FLAGS
  lea ax, [bp + 6]
  mov [VAR_TMP + 32], ax        ; SP before the INT
  mov ebx, 0x600d0032
  iret

TEXT32
pm_main:
  mov eax, 0x30
  mov ebx, SEL_CODE32
  mov ecx, pm_handler
  mov edx, 0x8e                 ; interrupt gate
  call idt_set
  mov eax, 0x31
  mov edx, 0x8f                 ; trap gate
  call idt_set
  mov eax, 0x32
  mov ebx, SEL_CODE16
  mov ecx, pm16_handler
  mov edx, 0x86                 ; 16-bit interrupt gate
  call idt_set
  mov eax, 0x33
  mov ebx, SEL_CODE32
  mov ecx, pm_handler
  mov edx, 0xef                 ; trap gate DPL3
  call idt_set

  ; --- interrupt vs trap gate
  PRINT "pm gates:"
  sti
  int 0x30
  cli
  SP
  HEX32 [VAR_TMP]
  SP
  HEX32 [VAR_TMP + 4]
  mov eax, [VAR_TMP]
  and eax, 0x200
  CHK eax, 0x200, "int gate: stacked IF"
  mov eax, [VAR_TMP + 4]
  and eax, 0x200
  CHK eax, 0, "int gate clears IF"
  sti
  int 0x31
  pushfd
  cli
  pop eax
  SP
  HEX32 [VAR_TMP]
  SP
  HEX32 [VAR_TMP + 4]
  SP
  HEX32 eax
  and eax, 0x200
  CHK eax, 0x200, "iret restores IF"
  mov eax, [VAR_TMP + 4]
  and eax, 0x200
  CHK eax, 0x200, "trap gate keeps IF"
  ; TF is cleared by both gate kinds (checked inside: TF would trap at once)
  call SEL_CODE16:pm16_int
  SP
  HEX16 [VAR_TMP + 20]
  SP
  HEX16 [VAR_TMP + 24]
  SP
  HEX16 [VAR_TMP + 28]
  SP
  HEX16 [VAR_TMP + 32]
  CHK ebx, 0x600d0032, "16-bit gate"
  NL

  ; --- POPF / IRET and IF/IOPL at CPL 0
  PRINT "cpl0 popf:"
  push dword 0x3202             ; IOPL 3, IF
  popfd
  pushfd
  cli
  pop eax
  SP
  HEX32 eax
  CHK eax, 0x3202, "popf at CPL0 sets IOPL and IF"
  push dword 0x00000002
  popfd
  pushfd
  pop eax
  SP
  HEX32 eax
  push dword 0x00020002         ; VM cannot be set by POPF
  popfd
  pushfd
  pop eax
  SP
  HEX32 eax
  CHK eax, 2, "popf ignores VM"
  NL

  ; --- CPL 3, IOPL 0
  PRINT "cpl3 iopl0:"
  TRY .b1
  mov esi, .r1
  mov edx, 0x0002
  jmp to_ring3
.r1:
  mov ax, SEL_DATA32_R3
  mov ds, ax
  push dword 0x3202 | 0x8d5     ; try to set IF and IOPL
  popfd
  pushfd
  pop eax
  SP
  HEX32 eax
  and eax, 0x3200
  CHK eax, 0, "popf at CPL3/IOPL0 ignores IF and IOPL"
  push dword 0x0002
  push dword SEL_CODE32_R3
  push dword .r1b
  or dword [esp + 8], 0x3200
  iretd                         ; same-privilege IRET: IF/IOPL ignored too
.r1b:
  pushfd
  pop eax
  SP
  HEX32 eax
  and eax, 0x3200
  CHK eax, 0, "iret at CPL3/IOPL0 ignores IF and IOPL"
  int VEC_BACK
.b1:
  R3FAULT 13, 0, "cli at iopl 0", {cli}
  R3FAULT 13, 0, "sti at iopl 0", {sti}
  NL
  ; --- CPL 3, IOPL 3
  PRINT "cpl3 iopl3:"
  TRY .b2
  mov esi, .r2
  mov edx, 0x3002
  jmp to_ring3
.r2:
  mov ax, SEL_DATA32_R3
  mov ds, ax
  sti
  pushfd
  cli
  pop eax
  SP
  HEX32 eax
  CHK eax, 0x3202, "sti at CPL3/IOPL3"
  push dword 0x0202             ; IF=1, IOPL=0
  popfd
  pushfd
  cli
  pop eax
  SP
  HEX32 eax
  CHK eax, 0x3202, "popf at CPL3/IOPL3: IF changes, IOPL kept"
  int 0x33                      ; trap gate DPL3: handler sees IOPL 3
  SP
  HEX32 [VAR_TMP]
  int VEC_BACK
.b2:
  NL

  ; --- CPUID
  PRINT "cpuid", 10
  xor esi, esi
.c0:
  mov eax, esi
  mov ecx, 0
  call show_cpuid
  inc esi
  cmp esi, 6
  jb .c0
  mov esi, 1                    ; leaf 4 subleaves
.c4:
  mov eax, 4
  mov ecx, esi
  call show_cpuid
  inc esi
  cmp esi, 4
  jb .c4
  mov esi, 0x80000000
.c8:
  mov eax, esi
  xor ecx, ecx
  call show_cpuid
  inc esi
  cmp esi, 0x80000009
  jb .c8
  mov eax, 0x40000000
  xor ecx, ecx
  call show_cpuid
  mov eax, 1
  cpuid
  bt edx, 4
  jc .tsc
  FAILMSG "CPUID: no TSC"
.tsc:
  bt edx, 11
  jc .sep
  FAILMSG "CPUID: no SEP"
.sep:

  ; --- RDTSC: executed, value not shown (cleared at once)
  rdtsc
  xor eax, eax
  xor edx, edx
  PRINT "rdtsc ok", 10
  mov eax, cr4
  or eax, 4                     ; TSD
  mov cr4, eax
  R3FAULT 13, 0, "rdtsc at CPL3 with CR4.TSD", {rdtsc}
  mov eax, cr4
  and eax, ~4
  mov cr4, eax

  ; --- MSRs
  PRINT "msr", 10
  mov ecx, 0x174
  mov eax, SEL_SE_CS
  xor edx, edx
  wrmsr
  mov ecx, 0x175
  mov eax, ISTACK0_TOP - 0x100
  wrmsr
  mov ecx, 0x176
  mov eax, sysenter_entry
  wrmsr
  mov esi, msr_list
.m:
  mov ecx, [esi]
  PRINT "  "
  HEX32 ecx
  mov eax, 0xdeadbeef
  mov edx, 0xdeadbeef
  rdmsr
  PUTC ':'
  HEX32 edx
  PUTC '.'
  HEX32 eax
  NL
  add esi, 4
  cmp esi, msr_list_end
  jb .m
  mov ecx, 0x1b
  rdmsr
  and eax, 0xfffff000
  CHK eax, 0xfee00000, "APIC base"
  rdmsr
  wrmsr                         ; write the same value back
  mov ecx, 0x174
  rdmsr
  CHK eax, SEL_SE_CS, "SYSENTER_CS read back"
  R3FAULT 13, 0, "wrmsr at CPL3", {mov ecx, 0x174}, {wrmsr}

  ; --- SYSEXIT to ring 3 and SYSENTER back
  PRINT "sysenter/sysexit:"
  mov esi, se_desc
  mov edi, GDT_BASE + SEL_SE_CS
  mov ecx, 8
  rep movsd
  mov [VAR_TMP + 40], esp
  mov ecx, STACK3_TOP - 0x40    ; ring 3 ESP
  mov edx, .ring3               ; ring 3 EIP
  sysexit
.ring3:
  mov eax, cs
  mov ebx, ss
  mov edi, esp
  mov ecx, 0x1111
  mov edx, 0x2222
  sysenter
sysenter_entry:
  mov esi, esp
  mov ebp, cs
  mov dx, SEL_DATA32
  mov ds, dx
  mov es, dx
  mov ss, dx
  mov esp, [VAR_TMP + 40]
  SP
  HEX32 eax
  SP
  HEX32 ebx
  SP
  HEX32 edi
  SP
  HEX32 ebp
  SP
  HEX32 esi
  NL
  CHK eax, SEL_SE_CS + 16 + 3, "sysexit CS"
  CHK ebx, SEL_SE_CS + 24 + 3, "sysexit SS"
  CHK edi, STACK3_TOP - 0x40, "sysexit ESP"
  CHK ebp, SEL_SE_CS, "sysenter CS"
  CHK esi, ISTACK0_TOP - 0x100, "sysenter ESP"
  mov ecx, 0x174
  xor eax, eax
  xor edx, edx
  wrmsr
  FAULT 13, 0, "sysenter with SYSENTER_CS=0", {sysenter}

  ; --- CLTS, INVD, WBINVD
  PRINT "clts:"
  mov eax, cr0
  or eax, 8
  mov cr0, eax
  mov eax, cr0
  SP
  HEX32 eax
  clts
  mov eax, cr0
  SP
  HEX32 eax
  and eax, 8
  CHK eax, 0, "clts"
  invd
  wbinvd
  NL
  DONE

pm_handler:
  mov eax, [esp + 8]
  mov [VAR_TMP], eax            ; EFLAGS pushed
  pushfd
  pop eax
  mov [VAR_TMP + 4], eax        ; EFLAGS inside
  iretd

show_cpuid:
  PRINT "  "
  HEX32 eax
  PUTC '.'
  HEX32 ecx
  PUTC ':'
  cpuid
  SP
  HEX32 eax
  SP
  HEX32 ebx
  SP
  HEX32 ecx
  SP
  HEX32 edx
  NL
  ret

msr_list:
  dd 0x1b, 0x174, 0x175, 0x176, 0x8b, 0x179, 0x17a, 0x1a0, 0x277
  dd 0xc0000080, 0x2ff, 0x400, 0x12345678
msr_list_end:

align 8
se_desc:
  DESC 0, 0xfffff, 0x9b, FL_32
  DESC 0, 0xfffff, 0x93, FL_32
  DESC 0, 0xfffff, 0xfb, FL_32
  DESC 0, 0xfffff, 0xf3, FL_32
