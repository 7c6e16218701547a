; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; ide.asm - the PIIX3 IDE function 00:01.1 with no drives (QEMU's
; hw/ide/piix.c, core.c, ioport.c, pci.c): its config space after reset
; and which bits take writes, BAR 4 (bus master registers) programmed and
; enabled, the BMDMA command/status/PRD address registers of both channels
; at every access size and alignment, the legacy task-file ports of both
; channels, and the ATA commands QEMU runs on the empty master: their
; interrupts (BMDMA status bit 2, IRQ 14/15 seen in the slave PIC's IRR
; with the lines made level-triggered), SMART pages through the data
; port, and the DRQ/BSY rules.  Software reset (device control bit 2) is
; left out: QEMU completes it in a bottom half, at a host-dependent time.

%include "lib.inc"

DEV             equ 0x80000900  ; bus 0, device 1, function 1
BM              equ 0xc000      ; where BAR 4 goes
CMD0            equ 0x1f0       ; channel 0 task file
CTL0            equ 0x3f6
CMD1            equ 0x170
CTL1            equ 0x376

TEXT16
main16:
  PRINT "ide: config space", 10
  call dump
  PRINT "write masks (all ones, all zeros)", 10
  call masks
  call bar4
  call bmdma
  PRINT "legacy ports", 10
  mov si, CMD0
  mov di, CTL0
  call ports
  mov si, CMD1
  mov di, CTL1
  call ports
  call commands
  call smart
  PRINT "ide: config space at the end", 10
  call dump
  DONE

; ------------------------------------------------------------ config space

; print the 256-byte config space, 16 bytes a row
dump:
  xor bl, bl
.r:
  call row
  add bl, 16
  jnz .r
  ret

; print "  BL: 16 bytes" (4 dwords)
row:
  push bx
  PRINT "  "
  HEX8 bl
  PUTC ':'
  mov cx, 4
.d:
  call cfg_rd32
  SP
  HEX32 eax
  add bl, 4
  loop .d
  NL
  pop bx
  ret

; every dword: write all ones, read, write zeros, read, restore
masks:
  xor bl, bl
.r:
  PRINT "  "
  HEX8 bl
  PUTC ':'
  call cfg_rd32
  mov edx, eax
  mov eax, 0xffffffff
  call cfg_wr32
  call cfg_rd32
  SP
  HEX32 eax
  xor eax, eax
  call cfg_wr32
  call cfg_rd32
  SP
  HEX32 eax
  mov eax, edx
  call cfg_wr32
  NL
  add bl, 4
  jnz .r
  ret

; BAR 4 at BM: the bus master registers appear once COMMAND.IO is set
bar4:
  PRINT "bar4"
  mov dx, BM
  in al, dx                     ; nothing there yet
  SP
  HEX8 al
  mov bl, 0x20
  mov eax, BM
  call cfg_wr32
  call cfg_rd32
  SP
  HEX32 eax
  mov dx, BM
  in al, dx                     ; not enabled yet
  SP
  HEX8 al
  mov bl, 0x04
  mov eax, 0x00000001           ; COMMAND.IO
  call cfg_wr32
  call cfg_rd32
  SP
  HEX32 eax
  mov dx, BM
  in al, dx
  SP
  HEX8 al
  mov dx, BM + 0x10             ; past the BAR
  in al, dx
  SP
  HEX8 al
  NL
  ret

; EAX = dword at config offset BL of 00:01.1
cfg_rd32:
  push dx
  movzx eax, bl
  or eax, DEV
  mov dx, 0xcf8
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  pop dx
  ret

; dword EAX to config offset BL of 00:01.1
cfg_wr32:
  push dx
  push eax
  movzx eax, bl
  or eax, DEV
  mov dx, 0xcf8
  out dx, eax
  pop eax
  mov dx, 0xcfc
  out dx, eax
  pop dx
  ret

; ------------------------------------------------------------------ BMDMA

bmdma:
  mov si, BM
  call bm_channel
  mov si, BM + 8
  call bm_channel
  ret

; the registers of the channel at SI
bm_channel:
  PRINT "bmdma "
  HEX16 si
  NL
  call bm_dump
  PRINT "  cmd 09", 10
  mov al, 0x09                  ; start, read: DMAING set
  call bm_out_cmd
  PRINT "  cmd ff", 10
  mov al, 0xff                  ; start unchanged; bits 0 and 3 kept
  call bm_out_cmd
  PRINT "  cmd 08", 10
  mov al, 0x08                  ; stop: DMAING cleared
  call bm_out_cmd
  PRINT "  cmd 01", 10
  mov al, 0x01
  call bm_out_cmd
  PRINT "  status ff", 10
  mov al, 0xff
  call bm_out_status
  PRINT "  status 00", 10
  mov al, 0x00
  call bm_out_status
  PRINT "  status 60", 10
  mov al, 0x60
  call bm_out_status
  PRINT "  cmd 00", 10
  mov al, 0x00
  call bm_out_cmd
  PRINT "  word/dword writes to 0 and 2", 10
  mov dx, si
  mov ax, 0x0909
  out dx, ax
  mov eax, 0x00ff0009
  out dx, eax
  add dx, 2
  mov ax, 0x0606
  out dx, ax
  call bm_dump
  PRINT "  prd address", 10
  lea dx, [si + 4]
  mov eax, 0x12345677
  out dx, eax
  call bm_dump
  lea dx, [si + 6]
  mov ax, 0xabcd
  out dx, ax
  lea dx, [si + 5]
  mov al, 0xff
  out dx, al
  lea dx, [si + 4]
  mov al, 0xff
  out dx, al
  call bm_dump
  lea dx, [si + 5]              ; unaligned word
  mov ax, 0x5a5a
  out dx, ax
  call bm_dump
  lea dx, [si + 6]              ; dword running into the next registers
  mov eax, 0x0909a5a5
  out dx, eax
  lea dx, [si + 7]
  mov eax, 0x09094321
  out dx, eax
  call bm_dump
  lea dx, [si + 4]
  xor eax, eax
  out dx, eax
  mov dx, si
  mov al, 0
  out dx, al
  mov al, 0x06
  add dx, 2
  out dx, al
  ret

bm_out_cmd:
  mov dx, si
  out dx, al
  jmp bm_dump

bm_out_status:
  lea dx, [si + 2]
  out dx, al
  ; fall through

; the 8 ports at SI: bytes, words and dwords at every offset
bm_dump:
  push cx
  push dx
  PRINT "   b"
  mov dx, si
  mov cx, 8
.b:
  in al, dx
  SP
  HEX8 al
  inc dx
  loop .b
  NL
  PRINT "   w"
  mov dx, si
  mov cx, 8
.w:
  in ax, dx
  SP
  HEX16 ax
  inc dx
  loop .w
  NL
  PRINT "   d"
  mov dx, si
  mov cx, 8
.d:
  in eax, dx
  SP
  HEX32 eax
  inc dx
  loop .d
  NL
  pop dx
  pop cx
  ret

; ------------------------------------------------------------ legacy ports

; the channel with task file SI and control port DI: every size at every
; offset (the dwords at +5.. and the words at +7 run past the region;
; nothing is mapped there), then writes of every size
ports:
  PRINT "ports "
  HEX16 si
  SP
  HEX16 di
  NL
  call port_dump
  PRINT "  writes", 10
  mov dx, si
  mov cx, 8
  mov al, 0x11
.wb:
  cmp dx, si
  je .skip                      ; offset 7 is the command register
  lea bx, [si + 7]
  cmp dx, bx
  je .skip
  out dx, al
.skip:
  add al, 0x11
  inc dx
  loop .wb
  mov dx, si
  mov ax, 0x1234
  out dx, ax                    ; data port, no transfer: dropped
  mov eax, 0x12345678
  out dx, eax
  lea dx, [si + 2]
  mov ax, 0x0201                ; sector count and number
  out dx, ax
  lea dx, [si + 4]
  mov eax, 0xa0c24f00           ; dword at 4: no callback
  out dx, eax
  mov dx, di
  mov al, 0x80                  ; device control: HOB
  out dx, al
  call port_dump
  mov dx, di
  mov al, 0x00
  out dx, al
  lea dx, [si + 6]              ; the master again (0x77 chose the slave)
  mov al, 0xa0
  out dx, al
  ret

port_dump:
  push cx
  push dx
  PRINT "   b"
  mov dx, si
  mov cx, 8
.b:
  in al, dx
  SP
  HEX8 al
  inc dx
  loop .b
  mov dx, di
  in al, dx
  SP
  HEX8 al
  NL
  PRINT "   w"
  mov dx, si
  mov cx, 8
.w:
  in ax, dx
  SP
  HEX16 ax
  inc dx
  loop .w
  NL
  PRINT "   d"
  mov dx, si
  mov cx, 8
.d:
  in eax, dx
  SP
  HEX32 eax
  inc dx
  loop .d
  cmp di, CTL1                  ; 0x3f7 belongs to the floppy controller
  jne .e
  mov dx, di
  in ax, dx
  SP
  HEX16 ax
  in eax, dx
  SP
  HEX32 eax
.e:
  NL
  pop dx
  pop cx
  ret

; ---------------------------------------------------------------- commands

; " bm=ST0/ST1 irr=XX": the BMDMA status of both channels and IRQ 14/15 in
; the slave PIC's IRR; then the interrupt latches are cleared
show_irq:
  push ax
  push dx
  PRINT " bm="
  mov dx, BM + 2
  in al, dx
  HEX8 al
  PUTC '/'
  mov dx, BM + 10
  in al, dx
  HEX8 al
  PRINT " irr="
  mov al, 0x0a                  ; OCW3: read IRR
  out 0xa0, al
  in al, 0xa0
  and al, 0xc0
  HEX8 al
  NL
  mov al, 0x04
  mov dx, BM + 2
  out dx, al
  mov dx, BM + 10
  out dx, al
  pop dx
  pop ax
  ret

; command AL to the channel-0 command register, then show the interrupt
cmd0:
  push dx
  PRINT "  cmd "
  HEX8 al
  mov dx, CMD0 + 7
  out dx, al
  call show_irq
  pop dx
  ret

; read the status register (lowers the interrupt) and print it
status0:
  push ax
  push dx
  PRINT "  status"
  mov dx, CMD0 + 7
  in al, dx
  SP
  HEX8 al
  call show_irq
  pop dx
  pop ax
  ret

commands:
  PRINT "commands", 10
  mov dx, 0x4d1                 ; slave ELCR: IRQ 14 and 15 level-triggered
  in al, dx
  or al, 0xc0
  out dx, al
  PRINT "  idle"
  call show_irq
  mov al, 0x10                  ; RECALIBRATE
  call cmd0
  PRINT "  alt status"
  mov dx, CTL0                  ; does not lower the line
  in al, dx
  SP
  HEX8 al
  call show_irq
  call status0
  mov si, cmd_list
.l:
  mov al, [cs:si]
  call cmd0
  call status0
  inc si
  cmp si, cmd_list_end
  jb .l
  PRINT "  slave selected", 10
  mov dx, CMD0 + 6
  mov al, 0xb0
  out dx, al
  mov al, 0xec
  call cmd0
  mov al, 0x90
  call cmd0
  mov dx, CMD0 + 6
  mov al, 0xe0
  out dx, al
  PRINT "  nIEN", 10
  mov dx, CTL0
  mov al, 0x02
  out dx, al
  mov al, 0x10
  call cmd0
  mov dx, CTL0
  mov al, 0x00
  out dx, al
  mov al, 0x70
  call cmd0
  call status0
  PRINT "  channel 1", 10
  mov dx, CMD1 + 7
  mov al, 0x10
  out dx, al
  PRINT "  cmd 10"
  call show_irq
  in al, dx
  PRINT "  status"
  call show_irq
  mov dx, CMD1 + 6
  mov al, 0xb0
  out dx, al
  mov dx, CMD1 + 7
  mov al, 0x10
  out dx, al
  PRINT "  slave cmd 10"
  call show_irq
  mov dx, CMD1 + 6
  mov al, 0xa0
  out dx, al
  ret

cmd_list:
  db 0x00, 0x03, 0x06, 0x08, 0x20, 0x25, 0x27, 0x30, 0x40, 0x42, 0x70, 0x90
  db 0x91, 0x94, 0x98, 0xa0, 0xa1, 0xb0, 0xc4, 0xc6, 0xc8, 0xe0, 0xe5, 0xe7
  db 0xea, 0xec, 0xef, 0xf5, 0xf8, 0xff
cmd_list_end:

; ------------------------------------------------------------------- SMART

; SMART subcommand AL with sector number AH (key 0xc24f in the cylinder)
smart_cmd:
  push ax
  push dx
  PRINT "  smart "
  HEX8 al
  PUTC '/'
  xchg al, ah
  HEX8 al
  xchg al, ah
  mov dx, CMD0 + 1
  out dx, al
  mov al, ah
  mov dx, CMD0 + 3
  out dx, al
  mov al, 0x4f
  mov dx, CMD0 + 4
  out dx, al
  mov al, 0xc2
  mov dx, CMD0 + 5
  out dx, al
  mov al, 0xb0
  mov dx, CMD0 + 7
  out dx, al
  call show_irq
  pop dx
  pop ax
  ret

; read CX words from the data port, print their sum
read_sum:
  push ax
  push bx
  push dx
  xor bx, bx
  mov dx, CMD0
.l:
  in ax, dx
  add bx, ax
  loop .l
  PRINT "   sum "
  HEX16 bx
  NL
  pop dx
  pop bx
  pop ax
  ret

; read 256 words, print them 16 a row
read_page:
  push ax
  push cx
  push dx
  mov dx, CMD0
  xor cx, cx
.l:
  test cl, 15
  jnz .n
  PRINT "   "
.n:
  in ax, dx
  SP
  HEX16 ax
  inc cx
  test cl, 15
  jnz .m
  NL
.m:
  cmp cx, 256
  jb .l
  pop dx
  pop cx
  pop ax
  ret

; the data port after a transfer: word, byte and dword all read 0
data_idle:
  push ax
  push dx
  PRINT "   idle"
  mov dx, CMD0
  in ax, dx
  SP
  HEX16 ax
  in al, dx
  SP
  HEX8 al
  in eax, dx
  SP
  HEX32 eax
  NL
  pop dx
  pop ax
  ret

smart:
  PRINT "smart", 10
  mov ax, 0x00d0                ; READ DATA before ENABLE: aborted
  call smart_cmd
  call data_idle
  mov dx, CMD0 + 4              ; wrong key
  mov al, 0x00
  out dx, al
  mov dx, CMD0 + 1
  mov al, 0xd8
  out dx, al
  mov dx, CMD0 + 7
  mov al, 0xb0
  out dx, al
  PRINT "  no key"
  call show_irq
  mov ax, 0x00d8                ; ENABLE
  call smart_cmd
  mov ax, 0x00d0                ; READ DATA
  call smart_cmd
  call read_page
  call data_idle
  PRINT "  mixed sizes", 10
  mov ax, 0x00d1                ; READ THRESHOLDS
  call smart_cmd
  mov dx, CMD0
  in ax, dx
  PRINT "   "
  HEX16 ax
  in al, dx                     ; a byte read takes a word
  SP
  HEX8 al
  in eax, dx
  SP
  HEX32 eax
  mov dx, CMD0 + 1              ; byte register 1 does not move the data
  in al, dx
  SP
  HEX8 al
  NL
  mov cx, 251
  call read_sum
  mov dx, CMD0
  in eax, dx                    ; 1 word left: a dword reads 0, takes none
  PRINT "   "
  HEX32 eax
  in ax, dx                     ; the last word
  SP
  HEX16 ax
  in eax, dx                    ; done
  SP
  HEX32 eax
  in ax, dx
  SP
  HEX16 ax
  NL
  call data_idle
  PRINT "  busy: command and register writes ignored", 10
  mov ax, 0x00d1                ; THRESHOLDS again
  call smart_cmd
  mov al, 0x10                  ; ignored (but lowers the line)
  call cmd0
  mov dx, CMD0 + 1              ; ignored: the feature stays d1
  mov al, 0xd0
  out dx, al
  mov dx, CMD0 + 6              ; ignored: the master stays selected
  mov al, 0xb0
  out dx, al
  mov dx, CMD0
  mov ax, 0xffff                ; dropped
  out dx, ax
  mov cx, 256
  call read_sum
  mov al, 0xb0                  ; the same subcommand again
  call cmd0
  mov cx, 256
  call read_sum
  PRINT "  logs", 10
  mov ax, 0x01d5                ; READ LOG: summary error log
  call smart_cmd
  mov cx, 256
  call read_sum
  mov ax, 0x06d5                ; self-test log, empty
  call smart_cmd
  mov cx, 256
  call read_sum
  mov ax, 0x02d5                ; no such log: aborted
  call smart_cmd
  call data_idle
  mov ax, 0x01d4                ; EXECUTE OFF-LINE: short self-test
  call smart_cmd
  mov ax, 0x02d4                ; extended
  call smart_cmd
  mov ax, 0x03d4                ; no such routine
  call smart_cmd
  mov ax, 0x06d5
  call smart_cmd
  call read_page
  mov ax, 0xf1d2                ; ATTRIBUTE AUTOSAVE on
  call smart_cmd
  mov ax, 0x07d2                ; bad value
  call smart_cmd
  mov ax, 0x00da                ; RETURN STATUS
  call smart_cmd
  mov ax, 0x00d0
  call smart_cmd
  call read_page
  mov ax, 0x00d9                ; DISABLE
  call smart_cmd
  mov ax, 0x00d0                ; aborted
  call smart_cmd
  call data_idle
  mov ax, 0x00d8                ; enabled again for the end
  call smart_cmd
  call status0
  ret
