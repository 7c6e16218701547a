; SPDX-License-Identifier: GPL-2.0-or-later
;
; string.asm - string instructions: MOVS CMPS SCAS LODS STOS INS OUTS, byte/
; word/dword, REP/REPE/REPNE, DF=0 and DF=1, 16-bit addressing (SI/DI/CX)
; and 32-bit addressing (0x67: ESI/EDI/ECX), segment overrides on the source,
; count 0, 16-bit index wrap-around, CX vs ECX, REPNE on MOVS; first in real
; mode, then in 32-bit protected mode (with 0x67 for 16-bit addressing).
; INS reads the unassigned port 0x2f0 (all ones in QEMU) and debugcon's
; read-back; OUTS writes to debugcon.  After each case the index and count
; registers, the flags and the start of the destination are printed.

%include "lib.inc"

SRC             equ 0xa000      ; source buffer (segment 0 / flat)
DST             equ 0xb000      ; destination buffer
NOPORT          equ 0x2f0       ; an unassigned I/O port

; SHOWS "name": print registers, flags and the first 16 destination bytes
%macro SHOWS 1
  call show_state_ %+ __BITS__
  db %1, 0
%endmacro

TEXT16
main16:
  PRINT "string: string instructions", 10
  call fill16

  ; --- MOVS
  call clrdst16
  mov si, SRC
  mov di, DST
  mov cx, 17
  rep movsb
  SHOWS "rep movsb"
  CHK esi, SRC + 17, "movsb si"
  CHK edi, DST + 17, "movsb di"
  CHK ecx, 0, "movsb cx"
  mov eax, [DST + 12]
  CHK eax, [SRC + 12], "movsb data"

  call clrdst16
  std
  mov si, SRC + 0x20
  mov di, DST + 8
  mov cx, 5
  rep movsw
  cld
  SHOWS "std rep movsw"
  CHK esi, SRC + 0x20 - 10, "std movsw si"
  movzx eax, word [DST]
  movzx ebx, word [SRC + 0x18]
  CHK eax, ebx, "std movsw data"

  call clrdst16
  mov esi, SRC
  mov edi, DST
  mov ecx, 3
  a32 rep movsd
  SHOWS "a32 rep movsd"
  CHK ecx, 0, "a32 movsd ecx"
  CHK edi, DST + 12, "a32 movsd edi"

  call clrdst16
  mov ax, SRC >> 4
  mov fs, ax
  xor si, si
  mov di, DST
  mov cx, 6
  fs rep movsb
  SHOWS "fs: rep movsb"
  xor ax, ax
  mov fs, ax

  call clrdst16
  mov si, SRC
  mov di, DST
  mov ecx, 0x12340003           ; 16-bit addressing counts with CX only
  repne movsw                   ; REPNE on MOVS repeats like REP
  SHOWS "repne movsw cx"
  CHK ecx, 0x12340000, "movsw ecx high"
  xor ecx, ecx

  call clrdst16
  mov ax, 0x0900                ; SI wraps at 64 KiB within DS
  mov ds, ax
  mov word [0xfffe], 0x2211
  mov word [0x0000], 0x4433
  mov si, 0xfffe
  mov di, DST
  mov cx, 4
  rep movsb
  xor ax, ax
  mov ds, ax
  SHOWS "movsb si wrap"
  CHK esi, 2, "si wrap"

  call clrdst16
  mov si, SRC
  mov di, DST
  xor cx, cx
  rep movsd                     ; count 0: nothing happens
  SHOWS "rep movsd cx=0"
  CHK edi, DST, "movsd cx=0 di"

  mov si, SRC + 3
  mov di, DST + 1
  movsd                         ; no prefix: one element
  movsw
  movsb
  SHOWS "movs single"

  ; --- CMPS
  call copy16
  mov byte [DST + 9], 0
  mov si, SRC
  mov di, DST
  mov cx, 20
  repe cmpsb
  SHOWS "repe cmpsb"
  CHK ecx, 10, "repe cmpsb cx"
  CHK esi, SRC + 10, "repe cmpsb si"

  mov si, SRC
  mov di, DST + 2               ; no equal words expected early
  mov word [DST + 10], 0
  mov word [SRC + 8], 0
  mov cx, 8
  repne cmpsw
  SHOWS "repne cmpsw"

  push word FL_ALL_
  popf
  mov si, SRC
  mov di, DST
  mov cx, 0
  repe cmpsd                    ; count 0: flags unchanged
  SHOWS "repe cmpsd cx=0"
  pushf
  pop ax
  and eax, 0x8d5
  CHK eax, 0x8d5, "cmps cx=0 flags"

  std
  mov esi, SRC + 16
  mov edi, DST + 16
  mov ecx, 5
  a32 repe cmpsd
  cld
  SHOWS "std a32 repe cmpsd"

  mov ax, SRC >> 4
  mov gs, ax
  xor si, si
  mov di, DST
  mov cx, 3
  gs repe cmpsw
  SHOWS "gs: repe cmpsw"
  xor ax, ax
  mov gs, ax

  ; --- SCAS
  mov di, SRC
  mov al, [SRC + 13]
  mov cx, 40
  repne scasb
  SHOWS "repne scasb"
  CHK edi, SRC + 14, "scasb di"

  std
  mov di, SRC + 30
  mov ax, [SRC + 30]
  mov cx, 6
  repe scasw
  cld
  SHOWS "std repe scasw"

  mov edi, SRC
  mov eax, 0x12345678           ; not present
  mov ecx, 7
  a32 repne scasd
  SHOWS "a32 repne scasd"
  CHK ecx, 0, "scasd ecx"

  mov di, SRC
  mov al, [SRC]
  fs scasb                      ; the override does not apply to ES:DI
  SHOWS "fs: scasb"

  ; --- LODS
  mov si, SRC
  mov cx, 3
  mov eax, 0xffffffff
  rep lodsb
  SHOWS "rep lodsb"
  std
  lodsw
  lodsd
  cld
  SHOWS "std lodsw lodsd"
  mov ax, SRC >> 4
  mov es, ax
  xor si, si
  es lodsd
  xor dx, dx
  mov es, dx
  SHOWS "es: lodsd"

  ; --- STOS
  call clrdst16
  mov di, DST
  mov al, 0x5a
  mov cx, 5
  rep stosb
  mov eax, 0xdeadbeef
  mov cx, 2
  rep stosd
  mov cx, 1
  rep stosw
  SHOWS "rep stos"
  call clrdst16
  std
  mov di, DST + 14
  mov ax, 0x1234
  mov cx, 4
  rep stosw
  cld
  SHOWS "std rep stosw"
  call clrdst16
  mov edi, DST
  mov ecx, 0x10002              ; a32: the whole ECX counts
  mov eax, 0x77665544
  mov ecx, 2
  a32 rep stosd
  SHOWS "a32 rep stosd"

  ; --- INS / OUTS
  call clrdst16
  mov di, DST
  mov dx, NOPORT
  mov cx, 3
  rep insb
  insw
  insd
  mov dx, 0xe9
  insb                          ; debugcon read-back (0xe9)
  insw                          ; debugcon only takes byte accesses: QEMU reads 0
  SHOWS "ins"
  CHK [DST], 0xffffffff, "ins unassigned"
  std
  mov di, DST + 14
  mov dx, NOPORT
  mov cx, 2
  rep insw
  cld
  SHOWS "std rep insw"

  PRINT "outs: "
  mov si, outs_text
  mov dx, 0xe9
  mov cx, outs_text_len
  cs rep outsb
  mov si, outs_w
  cs outsw                      ; debugcon only takes byte accesses:
  cs outsd                      ; QEMU drops these
  PUTC 10
  SHOWS "outs"
  std
  mov si, outs_text + outs_text_len - 1
  mov cx, outs_text_len
  cs rep outsb
  cld
  PUTC 10

  ; --- the same in 32-bit protected mode
  mov ebx, pm_main
  jmp go_pm32

outs_text: db "abc123"
outs_text_len equ $ - outs_text
outs_w: db "WwDdDd"

FL_ALL_ equ 0x08d7

fill16:
  mov di, SRC
  mov al, 1
  mov cx, 256
.l:
  stosb
  add al, 7
  loop .l
  ret

clrdst16:
  push eax
  push ecx
  push edi
  mov di, DST
  mov eax, 0xcccccccc
  mov cx, 8
  rep stosd
  pop edi
  pop ecx
  pop eax
  ret

copy16:
  pusha
  mov si, SRC
  mov di, DST
  mov cx, 16
  rep movsw
  popa
  ret

show_state_16:
  pushf
  push bp
  mov bp, sp
  push eax
  push cx
  push si
  mov si, [bp + 4]
.l:
  mov al, [cs:si]
  lea si, [si + 1]
  movzx cx, al
  jcxz .e
  out 0xe9, al
  jmp .l
.e:
  mov [bp + 4], si
  pop si
  pop cx
  pop eax
  PRINT ": a="
  HEX32 eax
  PRINT " si="
  HEX32 esi
  PRINT " di="
  HEX32 edi
  PRINT " cx="
  HEX32 ecx
  PRINT " fl="
  HEX16 [bp + 2]
  PRINT " dst="
  push si
  push ax
  mov si, DST
.d:
  mov al, [si]
  call hex8_16
  inc si
  cmp si, DST + 16
  jb .d
  pop ax
  pop si
  NL
  pop bp
  popf
  ret

; ------------------------------------------------------------ 32-bit part
TEXT32
pm_main:
  PRINT "protected mode", 10
  call clrdst32
  mov esi, SRC
  mov edi, DST
  mov ecx, 9
  rep movsb
  SHOWS "pm rep movsb"
  CHK edi, DST + 9, "pm movsb edi"

  call clrdst32
  mov esi, 0x5555 << 16 | SRC   ; a16: only SI/DI/CX are used and updated
  mov edi, 0xaaaa << 16 | DST
  mov ecx, 0x77770003
  a16 rep movsw
  SHOWS "pm a16 rep movsw"
  CHK esi, 0x5555 << 16 | (SRC + 6), "pm a16 esi"
  CHK ecx, 0x77770000, "pm a16 ecx"

  call clrdst32
  std
  mov esi, SRC + 12
  mov edi, DST + 12
  mov ecx, 4
  o16 rep movsw
  cld
  SHOWS "pm std o16 rep movsw"

  mov esi, SRC
  mov edi, DST
  mov ecx, 8
  repe cmpsd
  SHOWS "pm repe cmpsd"

  mov ax, SEL_DATA16
  mov gs, ax
  mov esi, SRC
  mov edi, SRC
  mov ecx, 8
  gs repe cmpsb
  SHOWS "pm gs: repe cmpsb"
  mov ax, SEL_DATA32
  mov gs, ax

  mov edi, SRC
  mov al, [SRC + 100]
  mov ecx, 0x1000
  repne scasb
  SHOWS "pm repne scasb"

  mov edi, DST
  mov eax, 0x01020304
  mov ecx, 4
  rep stosd
  mov dx, NOPORT
  mov edi, DST + 2
  mov ecx, 2
  rep insw
  SHOWS "pm stosd insw"

  mov esi, SRC
  mov ecx, 2
  rep lodsd
  SHOWS "pm rep lodsd"

  PRINT "pm outs: "
  mov esi, pm_text
  mov dx, 0xe9
  mov ecx, pm_text_len
  rep outsb
  PUTC 10
  DONE

pm_text: db "xyz789"
pm_text_len equ $ - pm_text

clrdst32:
  push eax
  push ecx
  push edi
  mov edi, DST
  mov eax, 0xcccccccc
  mov ecx, 8
  rep stosd
  pop edi
  pop ecx
  pop eax
  ret

show_state_32:
  pushfd
  push ebp
  mov ebp, esp
  push eax
  push ecx
  push esi
  mov esi, [ebp + 8]
.l:
  mov al, [cs:esi]
  lea esi, [esi + 1]
  movzx ecx, al
  jecxz .e
  out 0xe9, al
  jmp .l
.e:
  mov [ebp + 8], esi
  pop esi
  pop ecx
  pop eax
  PRINT ": a="
  HEX32 eax
  PRINT " si="
  HEX32 esi
  PRINT " di="
  HEX32 edi
  PRINT " cx="
  HEX32 ecx
  PRINT " fl="
  HEX32 [ebp + 4]
  PRINT " dst="
  push esi
  push eax
  mov esi, DST
.d:
  mov al, [esi]
  call hex8_32
  inc esi
  cmp esi, DST + 16
  jb .d
  pop eax
  pop esi
  NL
  pop ebp
  popfd
  ret
