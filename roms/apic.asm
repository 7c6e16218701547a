; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; apic.asm - the local APIC (QEMU's hw/intc/apic.c) as the guest sees it
; at 0xfee00000, from real mode with a flat FS ("unreal mode"):
; - every register offset 0x000-0x3f0 at reset (reserved ones set ESR
;   bit 7), byte/word/unaligned accesses, the wrap above 4 KiB;
; - all ones then zeros written to every register but ICR low, EOI and
;   the timer counts, read back (masks, read-only registers);
; - TPR/PPR against a pending self-IPI; two self-IPIs taken with IF=1
;   through the real-mode IVT in priority order, ISR/IRR/PPR before and
;   after EOI; a self NMI;
; - ICR INIT, INIT de-assert, SIPI, NMI and fixed to an absent APIC ID and
;   to "all excluding self" (nothing happens); logical destinations;
; - the timer: divide configuration, initial count, LVT modes, a one-shot
;   with count 1 taken by HLT, the current count after it (0), stopping
;   a periodic timer (counts that depend on host time are not read);
; - SVR software disable (IRR fills, nothing delivered) and re-enable;
; - the 8259 programmed (ICW1-4, IMR), LINT0 as ExtINT, COM1's THR-empty
;   interrupt (IRQ 4) taken through the PIC: vector and PIC ISR;
; - the APIC disabled in IA32_APIC_BASE: MSR, SVR, CPUID.1:EDX.APIC, the
;   PIC interrupt without LINT0; a self-IPI still works (QEMU);
;   (the PIT is first set to one-shot so that it stays quiet);
; - last an INIT to self: the CPU restarts at the reset vector with the
;   APIC INIT-reset but its base MSR kept; the second boot prints them.
; rom-args: -serial null

%include "lib.inc"

APIC            equ 0xfee00000
BOOT_MAGIC      equ 0x494e4954      ; "INIT"
SCR             equ RM_SCRATCH      ; scratch (DS=0)

; AR off: EAX = APIC register; AW off, val: write it (ESI = APIC)
%macro AR 1
  mov eax, [fs:esi + %1]
%endmacro
%macro AW 2
  mov dword [fs:esi + %1], %2
%endmacro
; APR "name", off: print " name=XXXXXXXX"
%macro APR 2
  PRINT " ", %1, "="
  AR %2
  HEX32 eax
%endmacro
; IVT entry
%macro SETVEC 2
  mov word [%1 * 4], %2
  mov word [%1 * 4 + 2], 0xf000
%endmacro

TEXT16
main16:
  call unreal
  mov esi, APIC
  cmp dword [VAR_BOOT], BOOT_MAGIC
  je second_boot
  call pit_quiet
  call pic_init                 ; all masked: the PIT cannot reach LINT0
  SETVEC 0x02, nmi_handler
  SETVEC 0x40, irq_handler40
  SETVEC 0x41, irq_handler41
  SETVEC 0x42, irq_handler42
  SETVEC 0x61, irq_handler61
  SETVEC 0x4c, pic_handler
  SETVEC 0xff, spurious_handler
  PRINT "apic: reset", 10
  call dump_all
  call sizes
  call write_all
  call priorities
  call ipis
  call timer
  call svr_disable
  call pic_path
  call msr_disable
  call init_self
  FAILMSG "still running after INIT"
  DONE

; ---------------------------------------------------------------- set-up
; FS = flat 4 GiB data segment, back in real mode.
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
  DESC 0, 0xfffff, 0x93, 0xc    ; flat data, accessed (no write to the ROM)
ur_gdt_ptr:
  dw 15
  dd 0xf0000 + ur_gdt

; --------------------------------------------------------------- registers
; all 64 register slots, four per line
dump_all:
  xor ebx, ebx
.l:
  test bx, 0x30
  jnz .same
  PRINT " "
.same:
  PRINT " "
  HEX16 bx
  PUTC '='
  mov eax, [fs:esi + ebx]
  HEX32 eax
  add bx, 0x10
  test bx, 0x30
  jnz .nonl
  NL
.nonl:
  cmp bx, 0x400
  jb .l
  ret

sizes:
  PRINT "sizes:"
  mov al, [fs:esi + 0x30]
  PRINT " b-ver="
  HEX8 al
  mov ax, [fs:esi + 0x30]
  PRINT " w-ver="
  HEX16 ax
  mov byte [fs:esi + 0x80], 0x70      ; byte write to TPR: dropped
  mov word [fs:esi + 0x80], 0x7070    ; word write: dropped
  APR "tpr", 0x80
  mov eax, [fs:esi + 0x31]
  PRINT " unaligned-ver="
  HEX32 eax
  mov eax, [fs:esi + 0x1030]           ; above 4 KiB: same registers
  PRINT " wrap-ver="
  HEX32 eax
  mov dword [fs:esi + 0x1080], 0x30    ; above 4 KiB a write is an MSI
  APR "tpr", 0x80
  NL
  ret

; registers written with all ones, then zeros (ICR low, EOI, the counts
; left out: they act)
wr_list:
  dw 0x020, 0x030, 0x080, 0x090, 0x0a0, 0x0d0, 0x0e0, 0x0f0, 0x100, 0x180
  dw 0x200, 0x280, 0x310, 0x320, 0x330, 0x340, 0x350, 0x360, 0x370, 0x3e0
  dw 0x040, 0x3f0
wr_list_end:

write_all:
  mov edx, 0xffffffff
  PRINT "write ones:", 10
  call write_list
  xor edx, edx
  PRINT "write zeros:", 10
  call write_list
  AW 0x0f0, 0x1ff               ; enabled, spurious vector 0xff
  AW 0x0e0, 0xffffffff          ; flat model
  AW 0x020, 0                   ; ID 0
  AW 0x320, 0x10000             ; LVTs masked
  AW 0x330, 0x10000
  AW 0x340, 0x10000
  AW 0x350, 0x10000
  AW 0x360, 0x10000
  AW 0x370, 0x10000
  AW 0x3e0, 0
  ret

write_list:
  mov di, wr_list
  xor cx, cx
.l:
  movzx ebx, word [cs:di]
  mov [fs:esi + ebx], edx
  PRINT " "
  HEX16 bx
  PUTC '='
  mov eax, [fs:esi + ebx]
  HEX32 eax
  inc cx
  test cx, 3
  jnz .nonl
  NL
.nonl:
  add di, 2
  cmp di, wr_list_end
  jb .l
  NL
  ret

; ---------------------------------------------------- priorities and IPIs
; IRR, ISR and TMR words 2 and 3 (vectors 0x40-0x7f) and PPR
pr_state:
  APR "irr2", 0x220
  APR "irr3", 0x230
  APR "isr2", 0x120
  APR "isr3", 0x130
  APR "tmr2", 0x1a0
  APR "ppr", 0x0a0
  NL
  ret

priorities:
  PRINT "tpr/ppr:", 10
  AW 0x080, 0x50
  AW 0x300, 0x40040             ; self, fixed, vector 0x40
  call pr_state
  AW 0x080, 0x40                ; same class: still blocked
  call pr_state
  AW 0x080, 0x3f
  call pr_state
  sti
  hlt                           ; vector 0x40
  cli
  PRINT "back", 10
  AW 0x080, 0
  ; two pending: 0x61 first, then 0x40 right after its IRET
  AW 0x300, 0x4c040             ; self, level trigger, vector 0x40
  AW 0x300, 0x40061
  call pr_state
  sti
  hlt
  cli
  call pr_state
  ; a self NMI (vector 2, IF does not matter)
  AW 0x300, 0x40400
  nop
  PRINT "after nmi", 10
  ret

irq_handler40:
  PRINT "int 40"
  jmp irq_common
irq_handler41:
  PRINT "int 41"
  jmp irq_common
irq_handler42:
  PRINT "int 42"
  jmp irq_common
irq_handler61:
  PRINT "int 61"
irq_common:
  push eax
  call pr_state
  AW 0x0b0, 0
  PRINT "  eoi:"
  call pr_state
  pop eax
  iret

nmi_handler:
  PRINT "nmi"
  call pr_state
  iret

spurious_handler:
  PRINT "spurious", 10
  iret

ipis:
  PRINT "ipis to absent cpus:", 10
  AW 0x310, 0x01000000          ; destination APIC ID 1
  AW 0x300, 0x4500              ; INIT, level assert
  AW 0x300, 0x8500              ; INIT, level de-assert
  AW 0x300, 0x4608              ; SIPI, vector 8
  AW 0x300, 0x0400              ; NMI
  AW 0x300, 0x0040              ; fixed, vector 0x40
  AW 0x300, 0xc4500             ; INIT to all excluding self
  AW 0x300, 0xc4608             ; SIPI to all excluding self
  APR "icr", 0x300
  APR "icr2", 0x310
  APR "esr", 0x280
  NL
  ; logical destination 0x02 (flat): our LDR 0x01 does not match, 0x01 does
  AW 0x0d0, 0x01000000
  AW 0x310, 0x02000000
  AW 0x300, 0x0840              ; logical, fixed, vector 0x40
  call pr_state
  AW 0x310, 0x01000000
  AW 0x300, 0x0840
  call pr_state
  ; cluster model: cluster 0, member bit 0
  AW 0x0e0, 0x0fffffff
  AW 0x310, 0x11000000          ; cluster 1: no
  AW 0x300, 0x0841
  call pr_state
  AW 0x0e0, 0xffffffff
  ; physical ID 0 and broadcast 0xff, lowest priority: vector 0x41 and 0x61
  AW 0x310, 0
  AW 0x300, 0x0141
  AW 0x310, 0xff000000
  AW 0x300, 0x0061
  call pr_state
  ; take them: 0x61, 0x41, 0x40
  sti
  hlt
  cli
  call pr_state
  AW 0x0d0, 0
  ret

; -------------------------------------------------------------------- timer
timer:
  PRINT "timer:", 10
  xor ecx, ecx
.dcr:
  AW 0x3e0, ecx
  AR 0x3e0
  HEX8 al
  SP
  inc ecx
  cmp ecx, 16
  jb .dcr
  NL
  AW 0x320, 0x60041             ; masked, periodic + bit 18 (TSC deadline)
  APR "lvtt", 0x320
  AW 0x380, 0x12345678
  APR "init", 0x380
  AW 0x380, 0
  APR "cur", 0x390
  NL
  ; one-shot, divide by 1, count 1: fires 2 ns later
  AW 0x3e0, 0xb
  AW 0x320, 0x00041
  AW 0x380, 1
  sti
  hlt
  cli
  APR "cur", 0x390
  APR "init", 0x380
  NL
  ; periodic, masked, divide by 16 (its current count depends on host
  ; time: not read; the unit test steps the clock instead)
  AW 0x320, 0x30041
  AW 0x3e0, 0x3
  AW 0x380, 0x100000
  AW 0x380, 0
  AW 0x320, 0x10000
  APR "cur", 0x390
  NL
  ret

; -------------------------------------------------------- SVR soft disable
svr_disable:
  PRINT "svr disabled:", 10
  AW 0x0f0, 0x0ff
  AW 0x300, 0x40042
  AW 0x360, 0x00400             ; LINT1 (NMI) unmasked while disabled: kept
  APR "svr", 0x0f0
  APR "lint1", 0x360
  call pr_state
  sti
  nop
  nop
  cli
  AW 0x360, 0x10000
  AW 0x0f0, 0x1ff               ; enabled again: vector 0x42 goes
  sti
  hlt
  cli
  ret

; -------------------------------------------------------------- 8259 path
pic_init:
  mov al, 0x11
  out 0x20, al
  out 0xa0, al
  mov al, 0x48                  ; IRQ 0-7 -> 0x48-0x4f
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
  mov al, 0xff                  ; everything masked (the PIT's IRQ 0 too)
  out 0x21, al
  out 0xa1, al
  ret

; QEMU's PIT toggles IRQ 0 on host time; once LINT0 is unmasked or the
; APIC disabled, every toggle makes the APIC kick the CPU (a block chain
; stopped at a host-time-dependent point in -d exec).  Mode 0 with count
; 1: one rising edge about 1 us from now, then none.  (x86slice's PIT is
; still a stub.)
pit_quiet:
  mov al, 0x30                  ; channel 0, lobyte/hibyte, mode 0
  out 0x43, al
  mov al, 1
  out 0x40, al
  xor al, al
  out 0x40, al
  ret

pic_path:
  PRINT "pic via lint0:", 10
  mov al, 0xef                  ; only IRQ 4 (COM1)
  out 0x21, al
  AW 0x350, 0x00700             ; LINT0 ExtINT
  mov dx, 0x3f9
  mov al, 2                     ; COM1 IER: THR empty
  out dx, al
  sti
  hlt
  cli
  APR "irr2", 0x220
  APR "isr2", 0x120
  NL
  AW 0x350, 0x10700
  ret

pic_handler:
  push ax
  push dx
  PRINT "int 4c pic-isr="
  mov al, 0x0b
  out 0x20, al
  in al, 0x20
  HEX8 al
  mov dx, 0x3fa                 ; COM1 IIR: clears the THR-empty interrupt
  in al, dx
  PRINT " iir="
  HEX8 al
  mov dx, 0x3f9
  xor al, al
  out dx, al
  mov al, 0x20                  ; non-specific EOI
  out 0x20, al
  in al, 0x20
  PRINT " after-eoi="
  HEX8 al
  NL
  pop dx
  pop ax
  iret

; ------------------------------------------------------ IA32_APIC_BASE
pr_msr:
  mov ecx, 0x1b
  rdmsr
  PRINT " msr="
  HEX32 edx
  HEX32 eax
  push ebx
  mov eax, 1
  cpuid
  PRINT " cpuid.1.edx="
  HEX32 edx
  pop ebx
  APR "svr", 0x0f0
  NL
  ret

; WRBASE value: IA32_APIC_BASE = value
%macro WRBASE 1
  mov ecx, 0x1b
  mov eax, %1
  xor edx, edx
  wrmsr
%endmacro

pic_isr:
  mov al, 0x0b
  out 0x20, al
  in al, 0x20
  PRINT " pic-isr="
  HEX8 al
  NL
  ret

msr_disable:
  PRINT "apic base msr:"
  call pr_msr
  WRBASE 0xfee00900             ; enabled, same base: nothing changes
  PRINT "rewritten:"
  call pr_msr
  WRBASE 0xfef00000             ; disabled, other base
  PRINT "disabled:"
  call pr_msr
  WRBASE 0xfee00800             ; enable again: stays disabled
  PRINT "enable again:"
  call pr_msr
  ; QEMU: with the APIC disabled, the PIC still needs LINT0 unmasked
  ; (apic_deliver_pic_intr goes through the masked LVT entry)
  PRINT "pic, lint0 masked:"
  mov dx, 0x3f9
  mov al, 2
  out dx, al
  sti
  nop
  nop
  cli
  call pic_isr
  mov dx, 0x3f9
  xor al, al
  out dx, al
  PRINT "pic, lint0 extint:", 10
  AW 0x350, 0x00700
  mov dx, 0x3f9
  mov al, 2
  out dx, al
  sti
  hlt
  cli
  AW 0x350, 0x10700
  ; SVR can still be enabled, and a self-IPI is delivered (QEMU)
  AW 0x0f0, 0x1ff
  APR "svr", 0x0f0
  NL
  AW 0x300, 0x40040
  sti
  hlt
  cli
  ret

; ----------------------------------------------------------- INIT to self
init_self:
  PRINT "init to self", 10
  AW 0x020, 0x05000000          ; ID 5 survives INIT
  AW 0x080, 0x20
  AW 0x350, 0x700
  mov dword [VAR_BOOT], BOOT_MAGIC
  AW 0x300, 0x84500             ; all including self: INIT (self would
                                ; use the bit of ID 5: no APIC there)
  nop
  ret

second_boot:
  mov dword [VAR_BOOT], 0
  PRINT "second boot after INIT: cs="
  mov ax, cs
  HEX16 ax
  call pr_msr
  call dump_all
  DONE
