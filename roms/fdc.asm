; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; fdc.asm - the ISA floppy controller with both drive slots empty (QEMU's
; hw/block/fdc.c, fdc-isa.c): the registers after reset (0x3f0, status
; register A, is not mapped on ISA), a reset through DOR and the four
; SENSE INTERRUPT STATUS results it leaves, every command QEMU implements
; with its result bytes and MSR after each byte, seeks and recalibrates on
; the empty drives, DSR/CCR/TDR writes, DOR motor and select bits in SRB,
; MSR read during reset, the DMA request line (channel 2) released by a
; data command and a hung DRIVE SPECIFICATION command ended by the DMA
; controller, READ ID's busy phase (cancelled by a reset: its result comes
; 20 ms later on the host clock), word and dword accesses.
;
; Last, with the interrupt pending and DMA registers set, a system reset
; through 0xcf9: the second boot (a marker in RAM) prints what the FDC
; and the DMA controller look like after it.
;
; IRQ 6 is made level-triggered in the ELCR (masked in the IMR), so the
; master PIC's IRR bit 6, read through OCW3, is the line's level: "irq N"
; is printed after each step.  IF stays 0.

%include "lib.inc"

FDC_DOR         equ 0x3f2
FDC_MSR         equ 0x3f4
FDC_FIFO        equ 0x3f5
FDC_DIR         equ 0x3f7
MARK            equ 0x8000      ; segment of the reset marker (linear 0x80000)
MAGIC           equ 0x43444652  ; "RFDC"

; out dx-port, imm8 value
%macro WR 2
  mov dx, %1
  mov al, %2
  out dx, al
%endmacro
; " name=XX" for in dx-port
%macro RD 2
  mov dx, %1
  in al, dx
  PRINT " ", %2, "="
  HEX8 al
%endmacro

; CMD "name", bytes...: send the command bytes, print MSR and the IRQ
; level, then read result bytes while MSR says RQM+DIO (MSR after each).
%macro CMD 2+
  PRINT %1, ":"
  call fdc_cmd_inline
  db %%e - %%s
%%s:
  db %2
%%e:
%endmacro

TEXT16
main16:
  call pic_setup
  mov ax, MARK
  mov es, ax
  cmp dword [es:0], MAGIC
  je after_reset
  mov dword [es:0], MAGIC
  xor ax, ax
  mov es, ax

  PRINT "fdc: after reset", 10
  call regs
  mov dx, 0x3f0                 ; 0x3f0-0x3f5 (0x3f6 is the IDE's)
  mov cx, 6
  PRINT " ports:"
.p:
  in al, dx
  SP
  HEX8 al
  inc dx
  loop .p
  NL

  PRINT "DOR 08 (reset asserted)", 10
  WR FDC_DOR, 0x08
  RD 0x3f1, "srb"
  RD FDC_DOR, "dor"
  RD 0x3f3, "tdr"
  RD FDC_DIR, "dir"
  call irq
  NL
  WR FDC_FIFO, 0x10             ; ignored in reset
  WR 0x3f3, 0x04                ; ignored in reset
  WR FDC_MSR, 0x02              ; DSR: ignored in reset
  RD 0x3f3, "tdr"
  NL
  PRINT "DOR 0c (reset released)", 10
  WR FDC_DOR, 0x0c
  call regs
  call sense5

  CMD "version", 0x10
  CMD "part id", 0x18
  CMD "unknown 00", 0x00
  CMD "unknown 1f", 0x1f
  CMD "unknown ff", 0xff
  CMD "sense int (none pending)", 0x08
  CMD "specify nd=1", 0x03, 0xaf, 0x03
  call regs
  CMD "specify nd=0", 0x03, 0xdf, 0x02
  call regs
  CMD "sense drive 0", 0x04, 0x00
  CMD "sense drive 1 head 1", 0x04, 0x05
  CMD "sense drive 0 head 0", 0x04, 0x00
  CMD "recalibrate 0", 0x07, 0x00
  CMD "sense int", 0x08
  CMD "sense int", 0x08
  CMD "seek 0 to 5", 0x0f, 0x00, 0x05
  CMD "sense int", 0x08
  CMD "seek 1 to 0", 0x0f, 0x05, 0x00
  CMD "sense int", 0x08
  CMD "relative seek out 2", 0x8f, 0x00, 0x02
  CMD "sense int", 0x08
  CMD "relative seek in 3", 0xcf, 0x01, 0x03
  CMD "sense int", 0x08
  CMD "dumpreg", 0x0e
  CMD "configure", 0x13, 0x00, 0x57, 0x10
  CMD "perpendicular", 0x12, 0x83
  CMD "perpendicular (no change)", 0x12, 0x02
  CMD "lock", 0x94
  CMD "dumpreg", 0x0e
  CMD "unlock", 0x14
  CMD "powerdown mode", 0x17, 0x45, 0x99
  CMD "option", 0x33, 0x01
  CMD "save", 0x2e
  CMD "dumpreg", 0x0e
  CMD "restore", 0x4e, 1, 2, 3, 4, 5, 6, 0x77, 0x88, 18, 0x94, 0x40, 0x00, 0x12, 14, 15, 16, 17
  CMD "dumpreg", 0x0e
  CMD "save", 0x2e
  CMD "sense drive 0", 0x04, 0x00
  CMD "sense drive 1", 0x04, 0x01
  CMD "seek 0 to 0", 0x0f, 0x00, 0x00
  CMD "sense int", 0x08
  CMD "relative seek out 1 by 2", 0x8f, 0x01, 0x02
  CMD "sense int", 0x08
  CMD "dumpreg", 0x0e

  PRINT "data commands", 10
  CMD "read c0 h0 r1", 0xe6, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "read c0 h0 r20", 0x46, 0x00, 0x00, 0x00, 0x20, 0x02, 0x12, 0x1b, 0xff
  CMD "read c1 h1 r1 drive 1", 0x06, 0x05, 0x01, 0x01, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "write", 0xc5, 0x00, 0x00, 0x00, 0x03, 0x02, 0x12, 0x1b, 0xff
  CMD "write (BeOS)", 0x25, 0x00, 0x00, 0x00, 0x03, 0x02, 0x12, 0x1b, 0xff
  CMD "read track", 0x42, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "verify", 0x16, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "scan equal", 0x11, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "scan low", 0x19, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "scan high", 0x1d, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "read deleted", 0x0c, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "write deleted", 0x09, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  CMD "format track", 0x4d, 0x01, 0x02, 0x09, 0x1b, 0xf6
  CMD "format and write", 0xcd, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
  CMD "dumpreg", 0x0e
  CMD "sense int", 0x08

  PRINT "DMA channel 2 request released by a data command", 10
  mov al, 0x06                  ; request channel 2 (masked)
  out 0x09, al
  call dma_status
  CMD "read", 0x06, 0x00, 0x00, 0x00, 0x01, 0x02, 0x12, 0x1b, 0xff
  call dma_status

  PRINT "drive specification", 10
  CMD "drive spec (end, no result)", 0x8e, 0x00, 0x01, 0x02, 0x03, 0x80
  CMD "drive spec (end, result)", 0x8e, 0x00, 0x21, 0x02, 0x03, 0xc0
  CMD "drive spec (hangs)", 0x8e, 0x00, 0x01, 0x02, 0x03, 0x04
  CMD "ignored while busy", 0x10
  RD FDC_FIFO, "fifo"
  call irq
  NL
  PRINT "DMA channel 2 requested and unmasked", 10
  mov al, 0x46                  ; mode: single, write, channel 2
  out 0x0b, al
  mov al, 0x06                  ; request channel 2
  out 0x09, al
  call dma_status
  mov al, 0x02                  ; unmask channel 2: the FDC handler runs
  out 0x0a, al
  call dma_status
  CMD "results", 0x10
  mov al, 0x06                  ; mask channel 2 again
  out 0x0a, al

  ; READ ID's result comes 20 ms (virtual = host time) later: reset
  ; within a few instructions, print afterwards.
  PRINT "read id (busy, then reset)", 10
  WR FDC_FIFO, 0x4a
  WR FDC_FIFO, 0x04             ; head 1
  mov dx, FDC_MSR
  in al, dx
  mov bl, al
  WR FDC_FIFO, 0x10             ; ignored: RQM clear
  mov dx, FDC_FIFO
  in al, dx
  mov bh, al
  call read_irq6
  mov cl, al
  WR FDC_DOR, 0x08
  WR FDC_DOR, 0x0c
  PRINT " msr="
  HEX8 bl
  PRINT " fifo="
  HEX8 bh
  PRINT " irq="
  HEX8 cl
  NL
  call regs
  call sense5

  PRINT "DOR motors and select", 10
  WR FDC_DOR, 0x1c
  call regs
  WR FDC_DOR, 0x2d
  call regs
  WR FDC_DOR, 0xfe
  call regs
  CMD "sense int (pending: none)", 0x08
  WR FDC_DOR, 0x0c
  call regs

  PRINT "MSR read during reset", 10
  WR FDC_DOR, 0x08
  RD FDC_MSR, "msr"
  RD FDC_DOR, "dor"
  NL
  WR FDC_DOR, 0x0c              ; no 0 -> 1 edge left: no reset
  call regs

  PRINT "TDR", 10
  WR 0x3f3, 0xff
  call regs
  CMD "sense drive 0", 0x04, 0x00
  CMD "dumpreg", 0x0e
  WR 0x3f3, 0x00
  call regs

  PRINT "DSR and CCR", 10
  WR FDC_MSR, 0x02              ; data rate 250 kbps
  call regs
  WR FDC_DIR, 0x01              ; CCR
  call regs
  WR FDC_MSR, 0x80              ; software reset
  call regs
  call sense5
  WR FDC_MSR, 0x40              ; power down: a reset too
  call regs
  CMD "sense int", 0x08
  WR FDC_DOR, 0x1d              ; select drive 1
  RD FDC_DIR, "dir"
  NL
  CMD "sense int", 0x08

  PRINT "result phase: writes ignored, command phase: reads 0", 10
  RD FDC_FIFO, "fifo"            ; command phase: 0
  WR FDC_FIFO, 0x0e             ; DUMPREG
  RD FDC_FIFO, "fifo"
  RD FDC_FIFO, "fifo"
  WR FDC_FIFO, 0x10             ; ignored: result phase
  RD FDC_MSR, "msr"
  call irq
  NL
  CMD "rest of dumpreg", 0x10
  RD FDC_FIFO, "fifo"
  RD FDC_MSR, "msr"
  NL

  PRINT "word and dword accesses", 10
  mov dx, FDC_FIFO
  mov al, 0x10                  ; VERSION
  out dx, al
  mov dx, FDC_MSR
  in ax, dx                     ; MSR, then the result byte
  PRINT " in ax,3f4="
  HEX16 ax
  in ax, dx
  PRINT " again="
  HEX16 ax
  mov dx, FDC_DIR
  in ax, dx
  PRINT " in ax,3f7="
  HEX16 ax
  mov dx, 0x3f1
  in eax, dx
  PRINT " in eax,3f1="
  HEX32 eax
  mov dx, FDC_MSR
  mov ax, 0x1800                ; DSR 00, FIFO 18 (PART ID)
  out dx, ax
  RD FDC_MSR, "msr"
  RD FDC_FIFO, "fifo"
  mov dx, FDC_MSR
  mov eax, 0x10101010           ; dropped
  out dx, eax
  RD FDC_MSR, "msr"
  call irq
  NL

  PRINT "system reset with the interrupt pending", 10
  WR FDC_DOR, 0x1d
  CMD "recalibrate 1", 0x07, 0x01
  mov al, 0x00
  out 0x0c, al
  mov al, 0x34                  ; channel 0 address 0x1234
  out 0x00, al
  mov al, 0x12
  out 0x00, al
  mov al, 0x56
  out 0x87, al
  mov al, 0x00
  out 0x0e, al                  ; clear all masks
  mov al, 0x05
  out 0x09, al                  ; request channel 1
  out 0x0c, al
  out 0x00, al                  ; flip-flop left at 1
  mov dx, 0xcf9
  mov al, 0x06
  out dx, al
.spin:
  jmp .spin

after_reset:
  mov dword [es:0], 0
  xor ax, ax
  mov es, ax
  PRINT "fdc: after the system reset", 10
  call regs
  CMD "sense int", 0x08
  CMD "sense drive 1", 0x04, 0x01
  CMD "dumpreg", 0x0e
  PRINT " dma:"
  in al, 0x08
  SP
  HEX8 al
  in al, 0x09
  SP
  HEX8 al
  in al, 0x00
  SP
  HEX8 al
  in al, 0x00
  SP
  HEX8 al
  in al, 0x87
  SP
  HEX8 al
  NL
  DONE

; PIC: IRQ 6 level-triggered, all masked, OCW3 "read IRR"
pic_setup:
  mov dx, 0x4d0
  mov al, 0x40
  out dx, al
  mov al, 0xff
  out 0x21, al
  mov al, 0x0a
  out 0x20, al
  ret

; " irq=N": the master PIC's IRR bit 6 (OCW3 read IRR is selected).
irq:
  call read_irq6
  PRINT " irq="
  HEX8 al
  ret

; AL = IRR bit 6 (0/1).  IRR bit 0 is QEMU's PIT (IRQ 0 edges on host
; time): INSB puts the raw IRR in memory, and only bit 6 reaches a
; register, so the CPU logs of the lockstep test stay deterministic.
read_irq6:
  push dx
  push di
  push es
  xor di, di
  mov es, di
  mov di, VAR_TMP
  mov dx, 0x20
  insb
  and byte [es:VAR_TMP], 0x40
  mov al, [es:VAR_TMP]
  shr al, 6
  pop es
  pop di
  pop dx
  ret

; the registers from 0x3f1 (MSR last: reading it leaves reset in DOR)
regs:
  RD 0x3f1, "srb"
  RD FDC_DOR, "dor"
  RD 0x3f3, "tdr"
  RD FDC_DIR, "dir"
  RD FDC_MSR, "msr"
  call irq
  NL
  ret

; " dma status=XX mask=XX" (controller 1)
dma_status:
  PRINT " dma status="
  in al, 0x08
  HEX8 al
  PRINT " mask="
  in al, 0x09
  HEX8 al
  NL
  ret

; five SENSE INTERRUPT STATUS commands (after a reset: 4 results, then 80)
sense5:
  push cx
  mov cx, 5
.s:
  CMD "sense int", 0x08
  loop .s
  pop cx
  ret

; the command bytes follow the call: db count, bytes
fdc_cmd_inline:
  push bp
  mov bp, sp
  push ax
  push cx
  push dx
  push si
  mov si, [bp + 2]
  mov cl, [cs:si]
  inc si
  mov dx, FDC_FIFO
.w:
  mov al, [cs:si]
  out dx, al
  inc si
  dec cl
  jnz .w
  mov [bp + 2], si
  mov dx, FDC_MSR
  in al, dx
  PRINT " msr="
  HEX8 al
  call irq
  PRINT " |"
  mov cx, 16                    ; bounded: at most 15 result bytes
.r:
  mov dx, FDC_MSR
  in al, dx
  and al, 0xc0
  cmp al, 0xc0
  jne .e
  mov dx, FDC_FIFO
  in al, dx
  SP
  HEX8 al
  mov dx, FDC_MSR
  in al, dx
  PUTC '/'
  HEX8 al
  loop .r
.e:
  PRINT " |"
  call irq
  NL
  pop si
  pop dx
  pop cx
  pop ax
  pop bp
  ret
