; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: blocks chained trace
;
; i8042.asm - the keyboard controller and its PS/2 keyboard and mouse
; (QEMU's hw/input/pckbd.c and ps2.c) driven by polling ports 0x60/0x64:
; the status register, the command byte, the controller's tests, the input
; and output ports (A20 seen through a write at 1 MiB + 0x8f00), the
; output buffer writes 0xd2/0xd3, which source fills the output buffer
; (keyboard or mouse side: status bit 5), the interrupt enable bits,
; disabled interfaces, unknown commands, the keyboard's and the mouse's
; command sets with their replies, queue limits, and three resets: output
; port bit 0 (0xd1), a 0xf0 pulse and last 0xfe.  RAM survives a reset, so
; a boot counter at 0x80000 tells each boot what to do; each prints the
; state the reset left.
;
; Every step prints "label: ss:dd ... st=SS": each status and data byte
; read while the output buffer is full, then the final status.  Which of
; IRQ 1 / IRQ 12 moves, and when, shows in the pic_set_irq trace lines
; (rom-lockstep's trace mode); the PIC's IRR is not read here because
; QEMU's PIT sets its bit 0 on host time.

%include "lib.inc"

MARK            equ 0x8000      ; segment of the boot counter (linear 0x80000)
MAGIC           equ 0x32343038  ; "8042"

; controller command / data byte
%macro CMD 1
  mov al, %1
  out 0x64, al
%endmacro
%macro DAT 1
  mov al, %1
  out 0x60, al
%endmacro
; a byte to the mouse
%macro MOU 1
  CMD 0xd4
  DAT %1
%endmacro
; STEP "label": print the label, then what the output buffer holds
%macro STEP 1
  PRINT %1, ":"
  call show
%endmacro

TEXT16
main16:
  mov ax, MARK
  mov es, ax
  cmp dword [es:0], MAGIC
  je .again
  mov dword [es:0], MAGIC
  mov dword [es:4], 0
.again:
  inc dword [es:4]
  mov eax, [es:4]
  PRINT "i8042: boot "
  HEX8 al
  NL
  call after_reset
  cmp al, 1
  je boot1
  cmp al, 2
  je boot2
  cmp al, 3
  je boot3
  mov dword [es:0], 0
  DONE

; ------------------------------------------------------------ first boot
boot1:
  call controller
  call buffer
  call irqs
  call disabled
  call keyboard
  call mouse
  call mixed
  PRINT "reset through output port bit 0", 10
  CMD 0xd1
  DAT 0xce                      ; A20 on, reset low
.spin:
  jmp .spin

; second boot: what survived, then a pending 0xd2 and a 0xf0 pulse
boot2:
  DAT 0xf0
  DAT 0x00
  STEP "scan set"
  MOU 0xe9
  STEP "mouse e9"
  MOU 0xf2
  STEP "mouse f2"
  PRINT "reset through pulse f0 with d2 pending", 10
  CMD 0xd2
  CMD 0xf0
.spin:
  jmp .spin

; third boot: the 0xd2 survived the reset; then 0xfe
boot3:
  DAT 0x99
  STEP "data 99"
  PRINT "reset through fe", 10
  CMD 0xfe
.spin:
  jmp .spin

; what a reset leaves: status, the data port, command byte, output port, A20
after_reset:
  push eax
  PRINT "  status="
  in al, 0x64
  HEX8 al
  PRINT " data="
  in al, 0x60
  HEX8 al
  in al, 0x60
  SP
  HEX8 al
  NL
  call a20_probe
  CMD 0x20
  STEP "mode"
  CMD 0xd0
  STEP "outport"
  pop eax
  ret

; ------------------------------------------------------ controller commands
controller:
  CMD 0xaa
  STEP "self test"
  CMD 0xab
  STEP "kbd test"
  CMD 0xa9
  STEP "mouse test"
  CMD 0xc0
  STEP "inport"
  CMD 0xd0
  CMD 0xd0                      ; replaces the first reply, OBF now in P2
  STEP "outport twice"
  CMD 0xd1
  DAT 0xcd                      ; A20 off
  STEP "d1 cd"
  call a20_probe
  CMD 0xd0
  STEP "outport"
  CMD 0xdf                      ; A20 on
  STEP "df"
  call a20_probe
  CMD 0xd0
  STEP "outport"
  CMD 0xdd                      ; A20 off
  STEP "dd"
  call a20_probe
  CMD 0xd1
  DAT 0xff                      ; OBF bits written too
  CMD 0xd0
  STEP "d1 ff"
  call a20_probe
  CMD 0xd1
  DAT 0xcf
  CMD 0x60
  DAT 0x47
  CMD 0x20
  STEP "mode 47"
  CMD 0x60
  DAT 0x03
  CMD 0x20
  STEP "mode 03"
  ; unknown commands and odd pulses: nothing
  CMD 0xa1
  CMD 0x00
  CMD 0xc8
  CMD 0xe0
  CMD 0xf1
  CMD 0xff
  CMD 0xfd
  STEP "unknown"
  ; an empty buffer reads the last byte again
  in al, 0x60
  PRINT "  again="
  HEX8 al
  NL
  ; the argument a command waits for survives other commands
  CMD 0xd2
  CMD 0xaa
  DAT 0x77
  STEP "d2 aa 77"
  ret

; ------------------------------------------------------ output buffer writes
buffer:
  CMD 0xd2
  DAT 0x5a
  STEP "d2 5a"
  CMD 0xd3
  DAT 0xa5
  STEP "d3 a5"
  CMD 0xd2
  DAT 0x01
  CMD 0xd2
  DAT 0x02                      ; replaces 01
  STEP "d2 twice"
  CMD 0xd2
  DAT 0x03
  CMD 0xd3
  DAT 0x04                      ; replaces 03, now for the mouse side
  STEP "d2 d3"
  ret

; ------------------------------------------------------ interrupt enables
irqs:
  CMD 0x60
  DAT 0x00
  STEP "mode 00"
  CMD 0xd2
  DAT 0x11
  STEP "d2 no irq"
  CMD 0xd3
  DAT 0x12
  STEP "d3 no irq"
  CMD 0xd2
  DAT 0x13
  CMD 0x60
  DAT 0x01                      ; enabling raises IRQ 1 at once
  STEP "d2 then mode 01"
  CMD 0xd3
  DAT 0x14
  CMD 0x60
  DAT 0x02
  STEP "d3 then mode 02"
  CMD 0xd3
  DAT 0x15
  CMD 0x60
  DAT 0x01                      ; mouse byte, mouse interrupt off
  STEP "d3 then mode 01"
  CMD 0x60
  DAT 0x03
  STEP "mode 03"
  ret

; ------------------------------------------------------ disabled interfaces
disabled:
  CMD 0xad
  CMD 0x20
  STEP "ad mode"
  CMD 0xd2
  DAT 0x21                      ; no IRQ 1 while the keyboard is disabled
  STEP "ad d2"
  CMD 0xa7
  CMD 0xd3
  DAT 0x22                      ; IRQ 12 whatever the mouse's disable bit
  STEP "a7 d3"
  CMD 0x20
  STEP "ad a7 mode"
  CMD 0xae
  CMD 0xa8
  CMD 0x20
  STEP "ae a8 mode"
  ; keyboard data held back while the keyboard is disabled
  DAT 0xf2                      ; fa ab 83
  in al, 0x60
  PRINT "  first="
  HEX8 al
  NL
  CMD 0xad
  STEP "ad holds"
  CMD 0xae
  STEP "ae releases"
  ; a data byte to the keyboard enables it again
  CMD 0xad
  DAT 0xee
  CMD 0x20
  STEP "ad ee mode"
  ; mouse data held back while the mouse is disabled
  MOU 0xf2                      ; fa 00
  CMD 0xa7
  STEP "a7 holds"
  CMD 0xa8
  STEP "a8 releases"
  CMD 0xa7
  MOU 0xe6                      ; a byte to the mouse enables it again
  CMD 0x20
  STEP "a7 e6 mode"
  ret

; ------------------------------------------------------ keyboard commands
keyboard:
  DAT 0xff
  STEP "kbd ff"
  DAT 0xee
  STEP "kbd ee"
  DAT 0xf2
  STEP "kbd f2"
  DAT 0xed
  STEP "kbd ed"
  DAT 0x07
  STEP "kbd leds 07"
  DAT 0xf0
  DAT 0x00
  STEP "kbd set?"
  DAT 0xf0
  DAT 0x01
  STEP "kbd set 1"
  DAT 0xf0
  DAT 0x00
  STEP "kbd set?"
  DAT 0xf0
  DAT 0x03
  DAT 0xf0
  DAT 0x00
  STEP "kbd set 3 set?"
  DAT 0xf0
  DAT 0x04
  STEP "kbd set 4"
  DAT 0xf0
  DAT 0x00
  STEP "kbd set?"
  ; translation (command byte bit 6) changes the ID and set answers
  CMD 0x60
  DAT 0x43
  DAT 0xf2
  STEP "xlat f2"
  DAT 0xf0
  DAT 0x00
  STEP "xlat set?"
  DAT 0xf0
  DAT 0x02
  DAT 0xf0
  DAT 0x00
  STEP "xlat set 2 set?"
  CMD 0x60
  DAT 0x03
  DAT 0xf3
  DAT 0x2b
  STEP "kbd typematic"
  DAT 0xf4
  STEP "kbd f4"
  DAT 0xf5
  STEP "kbd f5"
  DAT 0xf6
  STEP "kbd f6"
  DAT 0xfa
  STEP "kbd fa"
  DAT 0xfc
  DAT 0x1c
  STEP "kbd fc 1c"
  DAT 0x00
  STEP "kbd 00"
  DAT 0x05
  STEP "kbd 05"
  DAT 0xfe
  STEP "kbd fe"
  DAT 0x12
  STEP "kbd 12"
  DAT 0xf7
  STEP "kbd f7"
  DAT 0xfb
  STEP "kbd fb"
  ; unread replies are dropped by the next command
  DAT 0xf2
  DAT 0xee
  STEP "kbd f2 ee"
  DAT 0xf2
  in al, 0x60
  PRINT "  first="
  HEX8 al
  NL
  DAT 0xff
  STEP "kbd f2 (1 read) ff"
  DAT 0xff                      ; reset: set 2 again
  DAT 0xf0
  DAT 0x00
  STEP "kbd set?"
  ret

; ------------------------------------------------------ mouse commands
mouse:
  MOU 0xff
  STEP "mouse ff"
  MOU 0xf2
  STEP "mouse f2"
  MOU 0xe9
  STEP "mouse e9"
  MOU 0xe8
  MOU 0x03
  MOU 0xe9
  STEP "mouse res 3"
  MOU 0xe7
  MOU 0xe9
  STEP "mouse 2:1"
  MOU 0xe6
  MOU 0xe9
  STEP "mouse 1:1"
  MOU 0xf3
  MOU 40
  MOU 0xe9
  STEP "mouse rate 40"
  MOU 0xf0
  MOU 0xe9
  STEP "mouse remote"
  MOU 0xeb
  STEP "mouse read data"
  MOU 0xea
  MOU 0xf4
  MOU 0xe9
  STEP "mouse stream on"
  MOU 0xeb
  STEP "mouse read data"
  MOU 0xf5
  MOU 0xe9
  STEP "mouse off"
  MOU 0xf3
  MOU 200
  MOU 0xf3
  MOU 100
  MOU 0xf3
  MOU 80
  MOU 0xf2
  STEP "mouse 200 100 80"
  MOU 0xeb
  STEP "mouse read data"
  MOU 0xf3
  MOU 200
  MOU 0xf3
  MOU 200
  MOU 0xf3
  MOU 80
  MOU 0xf2
  STEP "mouse 200 200 80"
  MOU 0xeb
  STEP "mouse read data"
  MOU 0xf3
  MOU 200
  MOU 0xf3
  MOU 60
  MOU 0xf3
  MOU 80
  MOU 0xf2
  STEP "mouse 200 60 80"
  MOU 0xf6
  MOU 0xe9
  STEP "mouse defaults"
  MOU 0xee
  STEP "mouse wrap"
  MOU 0x12
  MOU 0xe9
  MOU 0xf3
  STEP "wrap echo"
  MOU 0xff
  STEP "wrap ff"
  MOU 0xf2
  STEP "wrap f2"
  MOU 0xec
  MOU 0xf2
  STEP "mouse ec f2"
  MOU 0xe1
  MOU 0xfe
  MOU 0xe0
  STEP "mouse unknown"
  ; 16 bytes at most: the fifth status reply is dropped
  MOU 0xe9
  MOU 0xe9
  MOU 0xe9
  MOU 0xe9
  MOU 0xe9
  STEP "mouse e9 x5"
  MOU 0xe9
  MOU 0xe9
  MOU 0xe9
  MOU 0xe9
  MOU 0xf2
  MOU 0xff
  STEP "mouse full f2 ff"
  ret

; ------------------------------------------------------ both at once
mixed:
  MOU 0xf2
  DAT 0xf2
  STEP "mouse f2 kbd f2"
  MOU 0xe9
  CMD 0xd2
  DAT 0x31
  DAT 0xee
  CMD 0xd3
  DAT 0x32
  STEP "mouse e9 d2 kbd ee d3"
  ; the keyboard's replies go in front of nothing: set the scan code set
  ; to 3 for the next boot to see it reset
  DAT 0xf0
  DAT 0x03
  MOU 0xe8
  MOU 0x01
  CMD 0x60
  DAT 0x43
  STEP "set 3, res 1, xlat"
  ret

; ------------------------------------------------------ helpers

; print the output buffer's bytes (status:data) and the final status
show:
  push ax
  push cx
  mov cx, 24
.next:
  in al, 0x64
  test al, 1
  jz .empty
  SP
  HEX8 al
  PUTC ':'
  in al, 0x60
  HEX8 al
  loop .next
.empty:
  PRINT " st="
  HEX8 al
  NL
  pop cx
  pop ax
  ret

; 0x08f00 <- 0x11, then FFFF:8F10 (1 MiB + 0x8f00) <- 0x22; print both
a20_probe:
  push ax
  push ds
  push es
  xor ax, ax
  mov ds, ax
  mov ax, 0xffff
  mov es, ax
  mov byte [0x8f00], 0x11
  mov byte [es:0x8f10], 0x22
  PRINT "  a20 low="
  mov al, [0x8f00]
  HEX8 al
  PRINT " high="
  mov al, [es:0x8f10]
  HEX8 al
  NL
  pop es
  pop ds
  pop ax
  ret
