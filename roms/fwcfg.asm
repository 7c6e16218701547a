; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; fwcfg.asm - QEMU's fw_cfg in its I/O form with DMA (hw/nvram/fw_cfg.c,
; fw_cfg_init_io_dma at 0x510/0x514) and the items the pc machine gives it
; (hw/i386/fw_cfg.c fw_cfg_arch_create, pc_machine_done, fw_cfg_machine_reset).
;
; Prints: the selector/data port's access rules (byte reads on both ports,
; word/dword reads, byte/dword writes, word write at 0x511), the keys' range
; rules (write-channel bit, arch bit, out of range); the DMA port's
; signature reads of every size and offset; every legacy key 0000-001f and
; 8000-8007 (the first 128 bytes, up to the last nonzero byte) read through
; the data port and through DMA (compared here); the file directory and
; every file in full, both ways (compared here, with the zeros DMA writes
; past a file's end); DMA cases (skip, select, no operation, write = error,
; read/write precedence, invalid and empty keys, reads past the end,
; destinations in ROM and unassigned space, a descriptor straddling the
; end of RAM, the address register's halves and invalid writes); then a
; fast reset (port 0x92) and what survives it: the selector goes back to
; the signature at offset 0, the DMA address register keeps its high half,
; "bootorder" and "bios-geometry" stay (empty).

%include "lib.inc"

FW_SEL          equ 0x510
FW_DATA         equ 0x511
FW_DMA_HI       equ 0x514
FW_DMA_LO       equ 0x518
CTL_ERROR       equ 0x01
CTL_READ        equ 0x02
CTL_SKIP        equ 0x04
CTL_SELECT      equ 0x08
CTL_WRITE       equ 0x10

DMADESC         equ 0x2f000     ; DMA descriptor
BUFA            equ 0x40000     ; data-port copy
BUFB            equ 0x50000     ; DMA copy
DIRBUF          equ 0x60000     ; the file directory (2052 bytes)
DIR_LEN         equ 4 + 32 * 64
LEG_LEN         equ 128         ; bytes read from each legacy key
RAM_END         equ 0x8000000   ; -m 128M
UNASSIGNED      equ 0xfed00000  ; no HPET: nothing there
BOOT_MAGIC      equ 0x47464346  ; "FCFG": second boot

TEXT16
main16:
  cmp dword [VAR_BOOT], BOOT_MAGIC
  je .second
  mov ebx, main32
  jmp go_pm32
.second:
  mov dword [VAR_BOOT], 0
  mov ebx, after_reset32
  jmp go_pm32

TEXT32
main32:
  call ports
  call dma_port
  call legacy
  call directory
  call files
  call dma_cases
  call dma_memory
  call dma_register
  ; before the reset: ID selected at offset 1, DMA address high half 1
  mov dword [VAR_BOOT], BOOT_MAGIC
  mov ax, 1
  call sel
  in al, dx
  mov dx, FW_DMA_HI
  mov eax, 0x01000000           ; big-endian 1
  out dx, eax
  PRINT "fast reset", 10
  mov al, 0x03
  out 0x92, al
.spin:
  jmp .spin

after_reset32:
  PRINT "fwcfg: after reset", 10
  PRINT "  data="
  mov dx, FW_DATA
  mov ecx, 5
.d:
  in al, dx
  HEX8 al
  loop .d
  NL
  ; the DMA address register kept its high half: this transfer reads a
  ; descriptor at 4 GiB + DMADESC (nothing there), the next one works
  mov ebx, CTL_SELECT | CTL_READ | (1 << 16)
  mov ecx, 4
  mov edi, BUFB
  call dma_desc
  mov eax, DMADESC
  call dma_lo
  PRINT "  lo only (high kept): "
  call show_desc
  mov eax, DMADESC
  call dma_lo
  PRINT "  lo again: "
  call show_desc
  call directory
  DONE

; ---------------------------------------------------------------- helpers

; sel: AX = key (16-bit write to the selector); DX = FW_DATA after
sel:
  mov dx, FW_SEL
  out dx, ax
  mov dx, FW_DATA
  ret

; port_read: ECX bytes of the selected item to [EDI] (byte reads of 0x511)
port_read:
  push ecx
  push edi
  push edx
  mov dx, FW_DATA
  rep insb
  pop edx
  pop edi
  pop ecx
  ret

; fill: ECX bytes of AL at [EDI]
fill:
  push ecx
  push edi
  rep stosb
  pop edi
  pop ecx
  ret

; dma_desc: the descriptor at DMADESC: EBX = control, ECX = length, EDI = address
dma_desc:
  push eax
  mov eax, ebx
  bswap eax
  mov [DMADESC], eax
  mov eax, ecx
  bswap eax
  mov [DMADESC + 4], eax
  mov dword [DMADESC + 8], 0
  mov eax, edi
  bswap eax
  mov [DMADESC + 12], eax
  pop eax
  ret

; dma_lo: write EAX to the low half of the address register (starts it)
dma_lo:
  push edx
  bswap eax
  mov dx, FW_DMA_LO
  out dx, eax
  bswap eax
  pop edx
  ret

; dma_at: EAX = descriptor address (high half 0, then low half)
dma_at:
  push edx
  push eax
  xor eax, eax
  mov dx, FW_DMA_HI
  out dx, eax
  pop eax
  call dma_lo
  pop edx
  ret

; dma: run EBX/ECX/EDI (see dma_desc) from DMADESC; EAX = control afterwards
dma:
  call dma_desc
  mov eax, DMADESC
  call dma_at
  mov eax, [DMADESC]
  bswap eax
  ret

; show_desc: "ctl=XXXXXXXX" of DMADESC, newline
show_desc:
  push eax
  PRINT "ctl="
  mov eax, [DMADESC]
  bswap eax
  HEX32 eax
  NL
  pop eax
  ret

; dump: ECX bytes at ESI in hex, 32 per line, each line indented
dump:
  push eax
  push ecx
  push esi
  xor eax, eax
.b:
  test ecx, ecx
  jz .e
  test al, 31
  jnz .h
  PRINT "    "
.h:
  HEX8 [esi]
  inc esi
  inc eax
  dec ecx
  test al, 31
  jnz .b
  NL
  jmp .b
.e:
  test al, 31
  jz .x
  NL
.x:
  pop esi
  pop ecx
  pop eax
  ret

; bytes: print ECX bytes at ESI inline (no newline)
bytes:
  push ecx
  push esi
.b:
  jecxz .e
  HEX8 [esi]
  inc esi
  dec ecx
  jmp .b
.e:
  pop esi
  pop ecx
  ret

; trimmed: ECX = number of bytes at ESI up to the last nonzero one (ECX in)
trimmed:
.t:
  jecxz .e
  cmp byte [esi + ecx - 1], 0
  jne .e
  dec ecx
  jmp .t
.e:
  ret

; same: ZF = the ECX bytes at ESI and EDI are equal
same:
  push ecx
  push esi
  push edi
  repe cmpsb
  pop edi
  pop esi
  pop ecx
  ret

; puts_mem: print the NUL-terminated string at ESI (at most 56 bytes)
puts_mem:
  push eax
  push ecx
  push esi
  mov ecx, 56
.c:
  lodsb
  test al, al
  jz .e
  out 0xe9, al
  loop .c
.e:
  pop esi
  pop ecx
  pop eax
  ret

; ------------------------------------------------------ selector/data port

ports:
  PRINT "fwcfg: ports", 10
  PRINT "  511:"
  xor ax, ax
  call sel
  mov ecx, 6                    ; 4 bytes, then past the end
.a:
  in al, dx
  SP
  HEX8 al
  loop .a
  PRINT " 510:"
  xor ax, ax
  call sel
  mov dx, FW_SEL                ; byte reads of the selector read data too
  mov ecx, 5
.b:
  in al, dx
  SP
  HEX8 al
  loop .b
  NL
  ; word and dword reads are refused (0) and consume nothing
  xor ax, ax
  call sel
  PRINT "  wide reads:"
  mov dx, FW_SEL
  in ax, dx
  SP
  HEX16 ax
  in eax, dx
  SP
  HEX32 eax
  mov dx, FW_DATA
  in ax, dx
  SP
  HEX16 ax
  in al, dx
  SP
  HEX8 al
  NL
  ; byte writes, a dword write and a word write at 0x511 do not select
  PRINT "  writes:"
  mov ax, 1
  call sel
  xor eax, eax
  mov dx, FW_SEL
  out dx, al
  mov dx, FW_DATA
  out dx, al
  out dx, ax
  mov dx, FW_SEL
  out dx, eax
  mov dx, FW_DATA
  mov ecx, 4
.c:
  in al, dx
  SP
  HEX8 al
  loop .c
  NL
  ; keys: write channel and arch bits, the end of the file slots, beyond
  mov esi, key_edges
.k:
  mov ax, [esi]
  cmp ax, 0xfffe
  je .kd
  PRINT "  key "
  HEX16 ax
  PUTC ':'
  call sel
  mov ecx, 4
.kb:
  in al, dx
  SP
  HEX8 al
  loop .kb
  NL
  add esi, 2
  jmp .k
.kd:
  ret

key_edges:
  dw 0x4000, 0x4001, 0xc002, 0x8002, 0x3fff, 0x003f, 0x0040, 0x803f, 0x8040
  dw 0x7fff, 0xffff, 0x0020, 0xfffe

; ------------------------------------------------------------- DMA port

dma_port:
  PRINT "fwcfg: dma port", 10
  PRINT "  dwords:"
  mov dx, FW_DMA_HI
  in eax, dx
  SP
  HEX32 eax
  mov dx, FW_DMA_LO
  in eax, dx
  SP
  HEX32 eax
  NL
  PRINT "  bytes:"
  mov dx, FW_DMA_HI
.b:
  in al, dx
  SP
  HEX8 al
  inc dx
  cmp dx, FW_DMA_HI + 8
  jb .b
  NL
  PRINT "  words:"
  mov dx, FW_DMA_HI
.w:
  in ax, dx
  SP
  HEX16 ax
  inc dx
  cmp dx, FW_DMA_HI + 8
  jb .w
  NL
  PRINT "  unaligned dwords:"
  mov dx, FW_DMA_HI + 1
.d:
  in eax, dx
  SP
  HEX32 eax
  inc dx
  cmp dx, FW_DMA_HI + 8
  jb .d
  NL
  ret

; ----------------------------------------------------------- legacy keys

; legacy: every key of leg_keys, LEG_LEN bytes through the port and DMA
legacy:
  PRINT "fwcfg: legacy keys (port = dma)", 10
  mov esi, leg_keys
.k:
  mov ax, [esi]
  cmp ax, 0xfffe
  je .done
  push esi
  call sel
  mov edi, BUFA
  mov ecx, LEG_LEN
  call port_read
  movzx ebx, ax
  shl ebx, 16
  or ebx, CTL_SELECT | CTL_READ
  mov edi, BUFB
  mov al, 0xaa
  call fill
  call dma
  mov esi, BUFA
  call same
  je .ok
  FAILMSG "legacy key: port and DMA differ"
.ok:
  PRINT "  "
  push eax
  mov eax, ebx
  shr eax, 16
  HEX16 ax
  pop eax
  test eax, eax
  jz .c0
  PRINT " ctl="
  HEX32 eax
.c0:
  PUTC ':'
  call trimmed
  call bytes
  NL
  pop esi
  add esi, 2
  jmp .k
.done:
  ret

leg_keys:
%assign k 0
%rep 0x20
  dw k
%assign k k+1
%endrep
%assign k 0x8000
%rep 8
  dw k
%assign k k+1
%endrep
  dw 0xfffe

; ------------------------------------------------------------ directory

; directory: FW_CFG_FILE_DIR both ways, its entries, the unused slots
directory:
  PRINT "fwcfg: directory", 10
  mov ax, 0x19
  call sel
  mov edi, DIRBUF
  mov ecx, DIR_LEN
  call port_read
  mov ebx, (0x19 << 16) | CTL_SELECT | CTL_READ
  mov edi, BUFB
  call dma
  mov esi, DIRBUF
  call same
  je .same
  FAILMSG "directory: port and DMA differ"
.same:
  PRINT "  count="
  mov eax, [DIRBUF]
  bswap eax
  HEX32 eax
  PRINT " dma ctl="
  HEX32 [DMADESC]
  NL
  mov ebp, eax
  mov esi, DIRBUF + 4
  xor ebx, ebx
.e:
  cmp ebx, ebp
  jae .rest
  PRINT "  #"
  HEX8 bl
  PRINT " size="
  mov eax, [esi]
  bswap eax
  HEX32 eax
  PRINT " select="
  mov ax, [esi + 4]
  xchg al, ah
  HEX16 ax
  PRINT " reserved="
  HEX16 [esi + 6]
  SP
  push esi
  add esi, 8
  call puts_mem
  pop esi
  NL
  add esi, 64
  inc ebx
  jmp .e
.rest:
  ; the unused slots after the entries: all zero
  PRINT "  sum of unused bytes="
  xor eax, eax
  mov edx, esi
.s:
  cmp edx, DIRBUF + DIR_LEN
  jae .sd
  movzx ecx, byte [edx]
  add eax, ecx
  inc edx
  jmp .s
.sd:
  HEX32 eax
  NL
  ret

; ---------------------------------------------------------------- files

; files: every file of the directory in full (port), then by DMA with 16
; bytes more (zeros past the end), compared
files:
  PRINT "fwcfg: files", 10
  mov ebp, [DIRBUF]
  bswap ebp
  mov esi, DIRBUF + 4
.f:
  test ebp, ebp
  jz .done
  push esi
  PRINT "  "
  push esi
  add esi, 8
  call puts_mem
  pop esi
  mov ecx, [esi]
  bswap ecx
  and ecx, 0xfff                ; bounded: every file here is smaller
  movzx eax, word [esi + 4]
  xchg al, ah
  mov ebx, eax
  shl ebx, 16
  or ebx, CTL_SELECT | CTL_READ
  call sel
  mov edi, BUFA
  call port_read
  ; 4 more bytes from the port: past the end, zeros
  PRINT " past-end="
  push ecx
  mov ecx, 4
.p:
  in al, dx
  HEX8 al
  loop .p
  pop ecx
  NL
  mov esi, BUFA
  call dump
  add ecx, 16
  mov edi, BUFB
  mov al, 0xaa
  call fill
  call dma
  sub ecx, 16
  call same
  je .ok
  FAILMSG "file: port and DMA differ"
.ok:
  PRINT "    dma ctl="
  HEX32 eax
  PRINT " after end:"
  lea esi, [BUFB + ecx]
  mov ecx, 16
  call bytes
  NL
  pop esi
  add esi, 64
  dec ebp
  jmp .f
.done:
  ret

; ------------------------------------------------------------ DMA cases

; case: run one DMA (EBX/ECX/EDI) into BUFB prefilled with 0xaa, print
; "ctl=... buf=<8 bytes> next=<next data port byte>"
%macro DMACASE 4
  PRINT %1, ": "
  mov edi, BUFB
  mov al, 0xaa
  mov ecx, 16
  call fill
  mov ebx, %2
  mov ecx, %3
  mov edi, %4
  call dma
  call case_tail
%endmacro

case_tail:
  PRINT "ctl="
  HEX32 eax
  PRINT " buf="
  mov esi, BUFB
  mov ecx, 8
  call bytes
  PRINT " next="
  mov dx, FW_DATA
  in al, dx
  HEX8 al
  NL
  ret

dma_cases:
  PRINT "fwcfg: dma cases", 10
  DMACASE "  read sig", (0 << 16) | CTL_SELECT | CTL_READ, 4, BUFB
  DMACASE "  read id past end", (1 << 16) | CTL_SELECT | CTL_READ, 8, BUFB
  DMACASE "  read unaligned dest", (0 << 16) | CTL_SELECT | CTL_READ, 3, BUFB + 1
  DMACASE "  skip 2 of id", (1 << 16) | CTL_SELECT | CTL_SKIP, 2, BUFB
  DMACASE "  then read 4", CTL_READ, 4, BUFB
  DMACASE "  skip past end", (0 << 16) | CTL_SELECT | CTL_SKIP, 100, BUFB
  DMACASE "  then read 4", CTL_READ, 4, BUFB
  DMACASE "  read invalid key", (0x40 << 16) | CTL_SELECT | CTL_READ, 8, BUFB
  DMACASE "  read empty key", (0x06 << 16) | CTL_SELECT | CTL_READ, 8, BUFB
  DMACASE "  read empty acpi", (0x8000 << 16) | CTL_SELECT | CTL_READ, 8, BUFB
  DMACASE "  write sig 2", (0 << 16) | CTL_SELECT | CTL_WRITE, 2, BUFB
  DMACASE "  write len 0", (0 << 16) | CTL_SELECT | CTL_WRITE, 0, BUFB
  DMACASE "  write invalid key", (0x40 << 16) | CTL_SELECT | CTL_WRITE, 4, BUFB
  DMACASE "  write past end", (1 << 16) | CTL_SELECT | CTL_WRITE, 8, BUFB
  DMACASE "  read+write", (0 << 16) | CTL_SELECT | CTL_READ | CTL_WRITE, 4, BUFB
  DMACASE "  skip+write", (0 << 16) | CTL_SELECT | CTL_SKIP | CTL_WRITE, 4, BUFB
  DMACASE "  skip+read", (0 << 16) | CTL_SELECT | CTL_SKIP | CTL_READ, 4, BUFB
  DMACASE "  select only", (1 << 16) | CTL_SELECT, 4, BUFB
  DMACASE "  nothing", 0, 4, BUFB
  DMACASE "  error bit in", (0 << 16) | CTL_SELECT | CTL_READ | CTL_ERROR, 4, BUFB
  DMACASE "  select invalid", (0xffff << 16) | CTL_SELECT, 4, BUFB
  DMACASE "  read no select", CTL_READ, 4, BUFB
  DMACASE "  high bits", 0xffe0 | (0 << 16) | CTL_SELECT | CTL_READ, 4, BUFB
  DMACASE "  read len 0", (1 << 16) | CTL_SELECT | CTL_READ, 0, BUFB
  ret

; dma_memory: destinations outside RAM and descriptors at its end
dma_memory:
  PRINT "fwcfg: dma memory", 10
  DMACASE "  into unassigned", (0 << 16) | CTL_SELECT | CTL_READ, 4, UNASSIGNED
  DMACASE "  zeros into unassigned", (0x40 << 16) | CTL_SELECT | CTL_READ, 4, UNASSIGNED
  DMACASE "  into vga hole", (0 << 16) | CTL_SELECT | CTL_READ, 4, 0xa0000
  DMACASE "  into rom", (0 << 16) | CTL_SELECT | CTL_READ, 4, 0xfffff000
  PRINT "  rom byte="
  HEX8 [0xfffff000]
  NL
  ; an item read and a zero fill running off the end of RAM
  mov dword [RAM_END - 4], 0x11111111
  DMACASE "  across ram end", (0 << 16) | CTL_SELECT | CTL_READ, 4, RAM_END - 2
  PRINT "    ram end="
  mov esi, RAM_END - 4
  mov ecx, 4
  call bytes
  NL
  mov dword [RAM_END - 4], 0x11111111
  DMACASE "  zeros across ram end", (0x40 << 16) | CTL_SELECT | CTL_READ, 8, RAM_END - 2
  PRINT "    ram end="
  mov esi, RAM_END - 4
  mov ecx, 4
  call bytes
  NL
  ; a descriptor whose address field is past the end of RAM: the read
  ; fails and the error goes to the control word, which is in RAM
  mov eax, CTL_SELECT | CTL_READ
  bswap eax
  mov [RAM_END - 8], eax
  mov dword [RAM_END - 4], 0x04000000
  mov eax, RAM_END - 8
  call dma_at
  PRINT "  descriptor across ram end: ctl="
  mov eax, [RAM_END - 8]
  bswap eax
  HEX32 eax
  NL
  ; a descriptor in unassigned space: nothing to see, nothing breaks
  mov eax, UNASSIGNED
  call dma_at
  PRINT "  descriptor in unassigned: ok", 10
  ret

; dma_register: the address register's halves and refused writes
dma_register:
  PRINT "fwcfg: dma register", 10
  mov ebx, (0 << 16) | CTL_SELECT | CTL_READ
  mov ecx, 4
  mov edi, BUFB
  call dma_desc
  ; high half 1 then low: descriptor at 4 GiB + DMADESC, nothing happens
  mov dx, FW_DMA_HI
  mov eax, 0x01000000
  out dx, eax
  mov eax, DMADESC
  call dma_lo
  PRINT "  hi=1 lo: "
  call show_desc
  ; the transfer reset the address: low alone now works
  mov eax, DMADESC
  call dma_lo
  PRINT "  lo: "
  call show_desc
  ; refused writes: byte and word at the low half, dword at offset 2,
  ; high half alone
  call dma_desc
  mov eax, DMADESC
  bswap eax
  mov dx, FW_DMA_LO
  out dx, al
  out dx, ax
  mov dx, FW_DMA_HI + 2
  out dx, eax
  mov dx, FW_DMA_HI
  out dx, eax
  PRINT "  refused writes: "
  call show_desc
  ; the high half written above (bswap(DMADESC) as a number) is cleared by
  ; a later high write of 0
  xor eax, eax
  out dx, eax
  mov eax, DMADESC
  call dma_lo
  PRINT "  after hi=0: "
  call show_desc
  ret
