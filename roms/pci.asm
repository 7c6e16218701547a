; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; pci.asm - PCI configuration mechanism #1 (0xcf8/0xcfc, QEMU's
; hw/pci/pci_host.c) and the i440FX function 00:00.0 (hw/pci-host/i440fx.c,
; pam.c): CONFIG_ADDRESS read-back and latch rules, CONFIG_DATA with bit 31
; clear, the 256 bytes of 00:00.0, sub-dword and unaligned accesses, an
; absent function, write masks, PAM in its four modes for every expansion
; segment (0xc0000-0xeffff; 0xf0000 holds this ROM), SMRAM values and what
; 0xa0000 shows, then a fast reset through port 0x92 (RAM survives; a marker
; at 0x80000 tells the second boot) to show what a system reset keeps.
; PIIX3 (00:01.0) and its IDE function are left out, and so is port 0xcf9
; (PIIX3's reset control register overlaps CONFIG_ADDRESS there).

%include "lib.inc"

MARK            equ 0x8000      ; segment of the marker (linear 0x80000)
MAGIC           equ 0x49435052  ; "RPCI"
HB              equ 0x80000000  ; CONFIG_ADDRESS of 00:00.0, register 0
ABSENT          equ 0x80002800  ; 00:05.0

TEXT16
main16:
  mov ax, MARK
  mov es, ax
  cmp dword [es:0], MAGIC
  je after_reset
  mov dword [es:0], MAGIC
  PRINT "pci: first boot", 10
  call cf8_quirks
  call data_disabled
  PRINT "00:00.0 at reset", 10
  call dump_hb
  call sub_dword
  call absent
  call writes
  call pam_regs
  call pam_segments
  call smram
  call before_reset
  PRINT "fast reset", 10
  mov al, 0x02
  out 0x92, al
  mov al, 0x03                  ; port 0x92 bit 0: 0 -> 1 resets
  out 0x92, al
.spin:
  jmp .spin

after_reset:
  mov dword [es:0], 0
  PRINT "pci: after reset", 10
  PRINT "  cf8="
  mov dx, 0xcf8
  in eax, dx
  HEX32 eax
  NL
  call dump_hb
  mov ax, 0xc400                ; PAM1 high nibble was 3 (RAM) before the reset
  mov es, ax
  PRINT "  c4000="
  HEX8 [es:0]
  NL
  DONE

; ------------------------------------------------------------ helpers
; rd32: EBX = CONFIG_ADDRESS -> EAX = dword at 0xcfc
rd32:
  push dx
  mov eax, ebx
  mov dx, 0xcf8
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  pop dx
  ret

; wr32: EBX = CONFIG_ADDRESS, ECX = dword for 0xcfc
wr32:
  push eax
  push dx
  mov eax, ebx
  mov dx, 0xcf8
  out dx, eax
  mov dx, 0xcfc
  mov eax, ecx
  out dx, eax
  pop dx
  pop eax
  ret

; cfg_port: EBX = address of a register -> CONFIG_ADDRESS latched with the
; register's dword, DX = 0xcfc + (register & 3)
cfg_port:
  push eax
  mov eax, ebx
  and al, 0xfc
  mov dx, 0xcf8
  out dx, eax
  mov dx, bx
  and dx, 3
  add dx, 0xcfc
  pop eax
  ret

; rd8 / wr8 / rd16 / wr16: EBX = address of the register; AL/AX result, CL/CX value
rd8:
  push dx
  call cfg_port
  in al, dx
  pop dx
  ret
wr8:
  push dx
  push eax
  call cfg_port
  mov al, cl
  out dx, al
  pop eax
  pop dx
  ret
rd16:
  push dx
  call cfg_port
  in ax, dx
  pop dx
  ret
wr16:
  push dx
  push eax
  call cfg_port
  mov ax, cx
  out dx, ax
  pop eax
  pop dx
  ret

; show_cf8: every read of CONFIG_ADDRESS this ROM makes (not 0xcf9)
show_cf8:
  push eax
  push dx
  mov dx, 0xcf8
  PRINT "  l0="
  in eax, dx
  HEX32 eax
  PRINT " w0="
  in ax, dx
  HEX16 ax
  PRINT " b0="
  in al, dx
  HEX8 al
  mov dx, 0xcfa
  PRINT " b2="
  in al, dx
  HEX8 al
  PRINT " w2="
  in ax, dx
  HEX16 ax
  PRINT " l2="
  in eax, dx
  HEX32 eax
  mov dx, 0xcfb
  PRINT " b3="
  in al, dx
  HEX8 al
  PRINT " w3="
  in ax, dx
  HEX16 ax
  NL
  pop dx
  pop eax
  ret

; ------------------------------------------------------ CONFIG_ADDRESS
cf8_quirks:
  PRINT "cf8 at power-on:", 10
  call show_cf8
  mov dx, 0xcf8
  mov eax, 0x12345678
  out dx, eax
  PRINT "cf8 <- l 12345678:", 10
  call show_cf8
  in eax, dx
  CHK eax, 0x12345678, "dword latch"
  mov al, 0x80
  out dx, al
  PRINT "cf8 <- b 80:", 10
  call show_cf8
  in eax, dx
  CHK eax, 0x12345678, "byte write must not latch"
  mov dx, 0xcfb
  mov al, 0x80
  out dx, al
  PRINT "cfb <- b 80:", 10
  call show_cf8
  mov dx, 0xcfa
  mov ax, 0x8000
  out dx, ax
  PRINT "cfa <- w 8000:", 10
  call show_cf8
  mov dx, 0xcf8
  mov ax, 0xffff
  out dx, ax
  PRINT "cf8 <- w ffff:", 10
  call show_cf8
  mov dx, 0xcfa
  mov eax, 0x80000000
  out dx, eax
  PRINT "cfa <- l 80000000:", 10
  call show_cf8
  mov dx, 0xcf8
  mov eax, 0x80000004
  out dx, eax
  PRINT "cf8 <- l 80000004:", 10
  call show_cf8
  ret

; ------------------------------------------- CONFIG_DATA with bit 31 clear
data_disabled:
  PRINT "bit 31 clear, reads:"
  mov dx, 0xcf8
  xor eax, eax
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  SP
  HEX32 eax
  CHK eax, 0xffffffff, "disabled dword read"
  mov dx, 0xcfe
  in ax, dx
  SP
  HEX16 ax
  mov dx, 0xcfd
  in al, dx
  SP
  HEX8 al
  NL
  ; a write with bit 31 clear to register 0x40 is dropped
  mov dx, 0xcf8
  mov eax, 0x00000040
  out dx, eax
  mov dx, 0xcfc
  mov eax, 0xdeadbeef
  out dx, eax
  mov ebx, HB | 0x40
  call rd32
  PRINT "  reg 40 after a disabled write: "
  HEX32 eax
  NL
  ret

; ------------------------------------------------------- config dumps
; dump_hb: the 256 bytes of 00:00.0, four dwords a line
dump_hb:
  pushad
  xor esi, esi
.line:
  PRINT "  "
  mov eax, esi
  HEX8 al
  PUTC ':'
.dword:
  SP
  lea ebx, [esi + HB]
  call rd32
  HEX32 eax
  add esi, 4
  test esi, 0xf
  jnz .dword
  NL
  cmp esi, 0x100
  jb .line
  popad
  ret

; Byte and word reads at every port offset, CONFIG_ADDRESS low bits set
; (ORed with the port's), and a dword read trimmed at the end of the space.
sub_dword:
  PRINT "bytes of reg 0:"
  mov dx, 0xcf8
  mov eax, HB
  out dx, eax
  mov dx, 0xcfc
.b:
  in al, dx
  SP
  HEX8 al
  inc dx
  cmp dx, 0xd00
  jb .b
  PRINT " words:"
  mov dx, 0xcfc
  in ax, dx
  SP
  HEX16 ax
  mov dx, 0xcfe
  in ax, dx
  SP
  HEX16 ax
  PRINT " unaligned: w@cfd="
  mov dx, 0xcfd
  in ax, dx
  HEX16 ax
  PRINT " l@cfe="
  mov dx, 0xcfe
  in eax, dx
  HEX32 eax
  NL
  PRINT "cf8 low bits:"
  mov esi, HB | 1
.lo:
  mov dx, 0xcf8
  mov eax, esi
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  SP
  HEX32 eax
  mov dx, 0xcfd
  in al, dx
  PUTC '/'
  HEX8 al
  mov dx, 0xcfe
  in ax, dx
  PUTC '/'
  HEX16 ax
  inc esi
  cmp esi, HB | 4
  jb .lo
  NL
  ; registers 0xfc-0xff hold aabbccdd; CONFIG_ADDRESS 0x800000fe reads 2 bytes
  mov ebx, HB | 0xfc
  mov ecx, 0xaabbccdd
  call wr32
  PRINT "end of space:"
  mov esi, HB | 0xfd
.end:
  mov dx, 0xcf8
  mov eax, esi
  out dx, eax
  mov dx, 0xcfc
  in eax, dx
  SP
  HEX32 eax
  inc esi
  cmp esi, HB | 0x100
  jb .end
  ; a dword write at 0xfe writes only 0xfe-0xff
  mov dx, 0xcf8
  mov eax, HB | 0xfe
  out dx, eax
  mov dx, 0xcfc
  mov eax, 0x11223344
  out dx, eax
  mov ebx, HB | 0xfc
  call rd32
  PRINT " after l@fe <- 11223344: "
  HEX32 eax
  NL
  xor ecx, ecx
  call wr32
  ret

; 00:05.0, 00:00.1 and bus 1 read all ones; writes vanish
absent:
  PRINT "absent:"
  mov ebx, ABSENT
  call rd32
  SP
  HEX32 eax
  CHK eax, 0xffffffff, "absent 00:05.0"
  mov ebx, ABSENT | 0x3c
  call rd8
  SP
  HEX8 al
  mov ebx, ABSENT | 0x0e
  call rd16
  SP
  HEX16 ax
  mov ebx, HB | 0x100           ; 00:00.1
  call rd32
  SP
  HEX32 eax
  mov ebx, HB | 0x10000         ; 01:00.0
  call rd32
  SP
  HEX32 eax
  mov ebx, HB | 0xff0000        ; ff:00.0
  call rd32
  SP
  HEX32 eax
  mov ebx, ABSENT | 0x40
  mov ecx, 0x12345678
  call wr32
  call rd32
  SP
  HEX32 eax
  NL
  ret

; ------------------------------------------------------- write masks
; WTEST reg, size (1/2/4), value: write; print the register's dword before
; and after
%macro WTEST 3
  mov ebx, HB | (%1 & 0xfc)
  call rd32
  mov ebx, HB | %1
  PRINT "  ", %str(%1), " <- ", %str(%3), ": "
  HEX32 eax
  mov ecx, %3
  %if %2 == 1
    call wr8
  %elif %2 == 2
    call wr16
  %else
    call wr32
  %endif
  and bl, 0xfc
  call rd32
  PRINT " -> "
  HEX32 eax
  NL
%endmacro

writes:
  PRINT "writes:", 10
  WTEST 0x00, 4, 0xffffffff     ; IDs: read-only
  WTEST 0x04, 2, 0xffff         ; COMMAND: IO MEM MASTER SERR INTX_DISABLE
  WTEST 0x04, 2, 0x0000
  WTEST 0x06, 2, 0xffff         ; STATUS: W1C bits, none set
  WTEST 0x04, 4, 0xffffffff
  WTEST 0x04, 4, 0x00000000
  WTEST 0x08, 4, 0xffffffff     ; revision/class: read-only
  WTEST 0x0c, 1, 0xff           ; cache line size
  WTEST 0x0d, 1, 0xff           ; latency timer: read-only
  WTEST 0x0e, 1, 0xff           ; header type
  WTEST 0x0f, 1, 0xff           ; BIST
  WTEST 0x0c, 4, 0x00000000
  WTEST 0x10, 4, 0xffffffff     ; no BARs
  WTEST 0x24, 4, 0xffffffff
  WTEST 0x2c, 4, 0xffffffff     ; subsystem IDs: read-only
  WTEST 0x30, 4, 0xffffffff     ; no ROM BAR
  WTEST 0x34, 4, 0xffffffff
  WTEST 0x3c, 2, 0xffff         ; interrupt line writable, pin not
  WTEST 0x3c, 1, 0x00
  WTEST 0x40, 4, 0x12345678     ; device-specific: all writable
  WTEST 0x41, 2, 0xabcd
  WTEST 0x40, 4, 0x00000000
  WTEST 0x50, 4, 0xffffffff     ; 0x50-0x53 (PMCCFG ...)
  WTEST 0x50, 4, 0x00000000
  WTEST 0x54, 4, 0xffffffff     ; 0x57: RAM size, writable
  WTEST 0x54, 4, 0x10000000
  WTEST 0x90, 4, 0xffffffff
  WTEST 0x90, 4, 0x00000000
  WTEST 0xf0, 4, 0x87654321
  WTEST 0xf0, 4, 0x00000000
  ret

; --------------------------------------------------------------- PAM
; Every PAM register (0x59-0x5f) takes any value; only 0x59's high nibble
; maps this ROM's segment, so 0x59 keeps that nibble 0.
pam_regs:
  PRINT "PAM registers:", 10
  mov ebx, HB | 0x59
.reg:
  PRINT "  "
  mov eax, ebx
  HEX8 al
  PUTC ':'
  mov cl, 0x00
.val:
  push cx
  cmp bl, 0x59
  jne .set
  and cl, 0x0f
.set:
  call wr8
  call rd8
  SP
  HEX8 al
  pop cx
  add cl, 0x11
  cmp cl, 0x44
  jb .val
  mov ecx, 0xff
  cmp bl, 0x59
  jne .ff
  mov cl, 0x0f
.ff:
  call wr8
  call rd8
  SP
  HEX8 al
  xor cl, cl
  call wr8
  NL
  inc bl
  cmp bl, 0x60
  jb .reg
  PRINT "  58-5b: "
  mov ebx, HB | 0x58
  call rd32
  HEX32 eax
  PRINT " 5c-5f: "
  mov ebx, HB | 0x5c
  call rd32
  HEX32 eax
  NL
  ret

; set_pam: SI = region (1-12), CL = attribute (0-3).  Region n is in register
; 0x59 + (n + 1) / 2, low nibble when n is odd; the other nibble is kept.
set_pam:
  pushad
  movzx eax, si
  inc eax
  shr eax, 1
  lea ebx, [eax + HB + 0x59]
  call rd8
  test si, 1
  jnz .low
  and al, 0x0f
  shl cl, 4
  jmp .w
.low:
  and al, 0xf0
.w:
  or cl, al
  call wr8
  popad
  ret

; For each expansion segment: RAM gets a marker in mode 3, then in each
; mode m the segment is read, written with 0x80 + 4 * n + m and read again,
; and RAM is read back through mode 3 (which also restores the marker).
pam_segments:
  PRINT "PAM segments (read, write -> read back, RAM after):", 10
  mov si, 1
.seg:
  mov ax, si
  dec ax
  shl ax, 10
  add ax, 0xc000
  mov es, ax
  PRINT "  "
  HEX16 es
  PUTC '0'
  mov cl, 3
  call set_pam
  mov ax, si
  add al, 0x40
  mov [es:0], al
  mov [es:0x3fff], al
  xor cx, cx
.mode:
  call set_pam
  PRINT " m"
  mov dl, cl
  add dl, '0'
  PUTC dl
  PUTC ':'
  mov al, [es:0]
  HEX8 al
  mov ax, si
  shl al, 2
  add al, 0x80
  add al, cl
  mov [es:0], al
  mov [es:0x3fff], al
  PUTC ','
  mov al, [es:0]
  HEX8 al
  mov al, [es:0x3fff]
  HEX8 al
  push cx
  mov cl, 3
  call set_pam
  pop cx
  PUTC ','
  mov al, [es:0]
  HEX8 al
  mov ax, si
  add al, 0x40
  mov [es:0], al
  mov [es:0x3fff], al
  inc cl
  cmp cl, 4
  jb .mode
  xor cl, cl
  call set_pam
  NL
  inc si
  cmp si, 13
  jb .seg
  ; a dword write at 0x58 covering PAM0-PAM2 at once (PAM0 kept): PAM1 = 0x13,
  ; 0xc0000 RAM, 0xc4000 read-only RAM
  mov ebx, HB | 0x58
  call rd32
  mov ecx, eax
  and ecx, 0x0000ffff
  or ecx, 0x00130000
  call wr32
  mov ax, 0xc000
  mov es, ax
  PRINT "  PAM1=13: c0000="
  HEX8 [es:0]
  PRINT " c4000="
  HEX8 [es:0x4000]
  mov byte [es:0], 0x5a
  mov byte [es:0x4000], 0x5a
  PRINT " after writes: "
  HEX8 [es:0]
  SP
  HEX8 [es:0x4000]
  NL
  and ecx, 0x0000ffff
  call wr32
  ret

; ------------------------------------------------------------- SMRAM
; smram_set value: write register 0x72 (byte), read it and 0xa0000/0xbffff
%macro SMRAM_SET 1
  mov ebx, HB | 0x72
  mov cl, %1
  call wr8
  call smram_show
%endmacro

smram_show:
  push eax
  push ebx
  push es
  mov ebx, HB | 0x72
  call rd8
  PRINT "  72="
  HEX8 al
  mov ax, 0xa000
  mov es, ax
  PRINT " a0000="
  HEX8 [es:0]
  inc byte [es:0]
  PRINT "+1->"
  HEX8 [es:0]
  mov ax, 0xb000
  mov es, ax
  PRINT " bffff="
  HEX8 [es:0xffff]
  NL
  pop es
  pop ebx
  pop eax
  ret

smram:
  PRINT "SMRAM:", 10
  mov ax, 0xa000
  mov es, ax
  mov byte [es:0], 0x61
  mov ax, 0xb000
  mov es, ax
  mov byte [es:0xffff], 0x62
  call smram_show
  SMRAM_SET 0x0a                ; G_SMRAME
  SMRAM_SET 0x4a                ; D_OPEN | G_SMRAME
  SMRAM_SET 0x42                ; D_OPEN
  SMRAM_SET 0x1a                ; D_LCK | G_SMRAME (D_LCK not implemented)
  SMRAM_SET 0x4a                ; ... so D_OPEN still sets
  SMRAM_SET 0x2a                ; D_CLS | G_SMRAME
  SMRAM_SET 0xff                ; every bit writable (base segment too)
  SMRAM_SET 0x00
  ; a word write at 0x72 and a dword write at 0x70 cover the register
  mov ebx, HB | 0x72
  mov cx, 0x004a
  call wr16
  call smram_show
  mov ebx, HB | 0x70
  mov ecx, 0x00020000
  call wr32
  call smram_show
  ; a word write at 0x70 does not reach it
  mov cx, 0x4a4a
  call wr16
  PRINT "  after w@70:"
  call smram_show
  ; CONFIG_ADDRESS 0x80000071: a dword at 0xcfc writes 0x71-0x74
  mov ebx, HB | 0x71
  mov ecx, 0x024a4a4a
  call wr32
  PRINT "  after l@71:"
  call smram_show
  mov ebx, HB | 0x70
  call rd32
  PRINT "  70="
  HEX32 eax
  mov ebx, HB | 0x74
  call rd32
  PRINT " 74="
  HEX32 eax
  NL
  mov ebx, HB | 0x70
  mov ecx, 0x00020000
  call wr32
  mov ebx, HB | 0x74
  xor ecx, ecx
  call wr32
  call smram_show
  ret

; ------------------------------------------------------- system reset
; Leave state behind for the second boot: PAM1 high nibble 3 with a marker
; at 0xc4000, SMRAM 0x4a, COMMAND, cache line, interrupt line, 0x40, and
; CONFIG_ADDRESS pointing at register 0x08.
before_reset:
  mov si, 2
  mov cl, 3
  call set_pam
  mov ax, 0xc400
  mov es, ax
  mov byte [es:0], 0x77
  mov ebx, HB | 0x72
  mov cl, 0x4a
  call wr8
  mov ebx, HB | 0x04
  mov ecx, 0x0507
  call wr16
  mov ebx, HB | 0x0c
  mov cl, 0x10
  call wr8
  mov ebx, HB | 0x3c
  mov cl, 0x0b
  call wr8
  mov ebx, HB | 0x40
  mov ecx, 0xcafef00d
  call wr32
  PRINT "before reset:", 10
  call dump_hb
  mov dx, 0xcf8
  mov eax, HB | 0x08
  out dx, eax
  ret
