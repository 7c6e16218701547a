; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: blocks chained trace
;
; ioapic.asm - the I/O APIC (QEMU's hw/intc/ioapic.c) at 0xfec00000, from
; real mode with a flat FS ("unreal mode"), and interrupts delivered
; through it from COM1's THR-empty interrupt (ISA IRQ 4 = pin 4) with the
; 8259 masked:
; - IOREGSEL, ID, version, arbitration, reserved registers and all 24
;   redirection entries at reset; access sizes, offsets modulo 256;
; - ID and redirection entries written with ones and zeros (read-only
;   delivery status and remote IRR), writes to version/arbitration;
; - an edge entry: the interrupt through the local APIC (ISR/IRR/TMR);
;   an edge while masked is lost; a level while masked is kept in IRR and
;   fires when unmasked;
; - a level entry: remote IRR, the EOI broadcast by the local APIC
;   re-firing while the line is still high, then cleared;
; - the EOI register (version 0x20), an edge write clearing remote IRR;
; - logical destination, NMI and ExtINT (vector from the 8259) entries.
; rom-args: -serial null

%include "lib.inc"

APIC            equ 0xfee00000
IOAPIC          equ 0xfec00000
REFIRE          equ RM_SCRATCH  ; EOIs int 55 lets re-fire (DS=0)

; local APIC: AR off -> EAX; AW off, val
%macro AR 1
  mov eax, [fs:esi + %1]
%endmacro
%macro AW 2
  mov dword [fs:esi + %1], %2
%endmacro
; IOAPIC register %1 -> EAX; IOW reg, val
%macro IOR 1
  mov byte [fs:edi], %1
  mov eax, [fs:edi + 0x10]
%endmacro
%macro IOW 2
  mov byte [fs:edi], %1
  mov dword [fs:edi + 0x10], %2
%endmacro
; " name=XXXXXXXX" of IOAPIC register %2
%macro IOP 2
  PRINT " ", %1, "="
  IOR %2
  HEX32 eax
%endmacro
%macro SETVEC 2
  mov word [%1 * 4], %2
  mov word [%1 * 4 + 2], 0xf000
%endmacro
; COM1 IER
%macro IER 1
  mov dx, 0x3f9
  mov al, %1
  out dx, al
%endmacro

TEXT16
main16:
  call unreal
  mov esi, APIC
  mov edi, IOAPIC
  call pit_quiet
  call pic_init
  SETVEC 0x02, nmi_handler
  SETVEC 0x4f, int_handler4f
  SETVEC 0x54, int_handler54
  SETVEC 0x55, int_handler55
  SETVEC 0x56, int_handler56
  SETVEC 0x57, int_handler57
  AW 0x0f0, 0x1ff               ; local APIC software-enabled
  PRINT "ioapic: reset", 10
  call dump
  call sizes
  call writes
  call edge
  call level
  call eoi_reg
  call modes
  DONE

; ---------------------------------------------------------------- set-up
unreal:
  o32 lgdt [cs:ur_gdt_ptr]
  mov eax, cr0
  or al, 1
  mov cr0, eax
  mov bx, 8
  mov fs, bx
  and al, 0xfe
  mov cr0, eax
  ret
align 8
ur_gdt:
  dq 0
  DESC 0, 0xfffff, 0x93, 0xc
ur_gdt_ptr:
  dw 15
  dd 0xf0000 + ur_gdt

; QEMU's PIT: one edge about 1 us from now, then quiet (x86slice's PIT is
; still a stub); its IRQ 0 is pin 2, masked.
pit_quiet:
  mov al, 0x30
  out 0x43, al
  mov al, 1
  out 0x40, al
  xor al, al
  out 0x40, al
  ret

; 8259 at 0x48/0x70, everything masked
pic_init:
  mov al, 0x11
  out 0x20, al
  out 0xa0, al
  mov al, 0x48
  out 0x21, al
  mov al, 0x70
  out 0xa1, al
  mov al, 4
  out 0x21, al
  mov al, 2
  out 0xa1, al
  mov al, 1
  out 0x21, al
  out 0xa1, al
  mov al, 0xff
  out 0x21, al
  out 0xa1, al
  ret

; ------------------------------------------------------------- registers
; registers 0x00-0x0f, then the 24 entries (high:low), 0x40 and 0xff
dump:
  xor cx, cx
.r:
  PRINT " "
  mov byte [fs:edi], cl
  mov eax, [fs:edi + 0x10]
  HEX32 eax
  inc cx
  cmp cx, 0x10
  jb .r
  NL
.e:
  test cx, 7
  jnz .same
  PRINT " "
.same:
  PRINT " "
  mov al, cl
  inc al
  mov [fs:edi], al
  mov eax, [fs:edi + 0x10]
  HEX32 eax
  PUTC ':'
  mov [fs:edi], cl
  mov eax, [fs:edi + 0x10]
  HEX32 eax
  add cx, 2
  test cx, 7
  jnz .nonl
  NL
.nonl:
  cmp cx, 0x40
  jb .e
  IOP "r40", 0x40
  IOP "rff", 0xff
  mov eax, [fs:edi]
  PRINT " sel="
  HEX32 eax
  NL
  ret

sizes:
  PRINT "sizes:"
  mov byte [fs:edi], 1
  mov al, [fs:edi + 0x10]
  PRINT " b-ver="
  HEX8 al
  mov ax, [fs:edi + 0x10]
  PRINT " w-ver="
  HEX16 ax
  mov al, [fs:edi]
  PRINT " b-sel="
  HEX8 al
  mov eax, [fs:edi + 0x14]
  PRINT " win+4="
  HEX32 eax
  mov eax, [fs:edi + 0x110]     ; offsets are modulo 256
  PRINT " wrap-ver="
  HEX32 eax
  mov eax, [fs:edi + 0x800]
  PRINT " sel@800="
  HEX32 eax
  mov dword [fs:edi], 0x12345602 ; IOREGSEL keeps 8 bits
  mov eax, [fs:edi]
  PRINT " sel="
  HEX32 eax
  mov byte [fs:edi + 0x10], 0x77 ; byte write to IOWIN: dropped
  IOP "arb", 2
  NL
  ret

writes:
  PRINT "writes:"
  IOW 0, 0xffffffff
  IOP "id", 0
  IOP "arb", 2
  IOW 1, 0
  IOP "ver", 1
  IOW 2, 0
  IOP "arb", 2
  IOW 0, 0
  IOP "id", 0
  NL
  IOW 0x1a, 0xffffffff          ; entry 5: every bit
  IOW 0x1b, 0xffffffff
  IOP "e5lo", 0x1a
  IOP "e5hi", 0x1b
  IOW 0x1a, 0
  IOW 0x1b, 0
  IOP "e5lo", 0x1a
  IOP "e5hi", 0x1b
  IOW 0x1a, 0x10000
  IOW 0x3e, 0x1ffff             ; entry 23
  IOW 0x3f, 0x12345678
  IOP "e23lo", 0x3e
  IOP "e23hi", 0x3f
  IOW 0x3e, 0x10000
  IOW 0x3f, 0
  NL
  ret

; ------------------------------------------------------- interrupt paths
pr_state:
  PRINT " irr2="
  AR 0x220
  HEX32 eax
  PRINT " isr2="
  AR 0x120
  HEX32 eax
  PRINT " tmr2="
  AR 0x1a0
  HEX32 eax
  IOP "e4", 0x18
  NL
  ret

edge:
  PRINT "edge:", 10
  IOW 0x18, 0x00054             ; pin 4: fixed, edge, vector 0x54, dest 0
  IER 2
  call pr_state
  sti
  hlt
  cli
  ; an edge while masked is lost
  IOW 0x18, 0x10054
  IER 0
  IER 2
  IER 0
  IOW 0x18, 0x00054
  PRINT " masked edge:"
  call pr_state
  ; a level while masked waits in IRR
  mov word [REFIRE], 0
  IOW 0x18, 0x18055
  IER 2
  PRINT " masked level:"
  call pr_state
  IOW 0x18, 0x08055
  sti
  hlt
  cli
  call pr_state
  ret

level:
  PRINT "level:", 10
  mov word [REFIRE], 1
  IOW 0x18, 0x08055             ; level, vector 0x55
  IER 2
  call pr_state
  sti
  hlt                           ; taken twice: re-fired by the EOI
  cli
  call pr_state
  ret

eoi_reg:
  PRINT "eoi register:", 10
  IOW 0x18, 0x08056
  IER 2
  call pr_state
  IER 0                         ; line low, remote IRR still set
  call pr_state
  mov dword [fs:edi + 0x40], 0x57    ; another vector: nothing
  call pr_state
  mov dword [fs:edi + 0x40], 0x56
  call pr_state
  sti
  hlt
  cli
  ; remote IRR set with the line high, then the entry made edge
  IOW 0x18, 0x18057
  IER 2
  IOW 0x18, 0x08057
  call pr_state
  IOW 0x18, 0x00057             ; edge: remote IRR cleared
  call pr_state
  sti
  hlt
  cli
  IER 0
  call pr_state
  ret

modes:
  PRINT "logical:", 10
  AW 0x0d0, 0x02000000          ; LDR 0x02
  IOW 0x19, 0x01000000          ; destination 0x01: not us
  IOW 0x18, 0x00854
  IER 2
  IER 0
  call pr_state
  IOW 0x19, 0x03000000          ; destination 0x03: us
  IER 2
  IER 0
  sti
  hlt
  cli
  IOW 0x19, 0
  PRINT "nmi:", 10
  IOW 0x18, 0x00400
  IER 2
  nop
  IER 0
  PRINT "extint:", 10
  IOW 0x18, 0x00700             ; the vector comes from the 8259
  IER 2
  IER 0
  call pr_state
  sti
  hlt
  cli
  IOW 0x18, 0x10000
  ret

int_handler54:
  PRINT "int 54"
  jmp eoi_common
int_handler56:
  PRINT "int 56"
  jmp eoi_common
int_handler57:
  PRINT "int 57"
  jmp eoi_common
int_handler4f:
  PRINT "int 4f"
eoi_common:
  call pr_state
  AW 0x0b0, 0
  PRINT "  eoi:"
  call pr_state
  iret

; level: the line is lowered before the EOI, unless REFIRE says to keep
; it high (the EOI broadcast then re-fires the pin)
int_handler55:
  PRINT "int 55"
  call pr_state
  cmp word [REFIRE], 0
  je .clear
  dec word [REFIRE]
  jmp .eoi
.clear:
  push ax
  push dx
  IER 0
  pop dx
  pop ax
.eoi:
  AW 0x0b0, 0
  PRINT "  eoi:"
  call pr_state
  iret

nmi_handler:
  PRINT "nmi"
  call pr_state
  iret
