; SPDX-License-Identifier: GPL-2.0-or-later
; lockstep-modes: chained trace
;
; pit.asm - the i8254 PIT (QEMU's hw/timer/i8254.c, i8254_common.c) and
; port 0x61 (hw/audio/pcspk.c): every channel in every mode (0-7, word
; access, BCD on odd modes) with its read-back status before and after
; terminal count, the access modes and the LSB/MSB flip-flop, counter
; latches and read-back commands (status first, latches not taken twice),
; what a channel does before its first control word (access mode 0),
; byte-split word accesses, port 0x61's bits (gate, data, channel 2's
; output, the refresh bit that flips on every read).
;
; The counts run on host time, and every value read lands in a register
; that -d cpu logs, so only values that cannot depend on when the read
; happens are read at all:
; - right after a load with count 0x10000 (55 ms to terminal count), the
;   output before terminal count;
; - after wait_ticks (2000 port reads: far more than the 3 PIT ticks,
;   2.5 us, that the short counts need on the fastest run), the output
;   after terminal count of a count of 1 or 2;
; - counts in mode 3 with a count of 1 or 2 and mode 2 with a count of 1,
;   which QEMU's pit_get_count returns unchanged at any time (mode 3
;   counts down by two over the whole period).
; Mode 3 with a long count is read once, right after channel 2's gate
; restarts it (its output is high for the first 27 ms).  The gate's restart
; of modes 1, 2, 3, 5 cannot be seen this way (tests/unit/test-i8254.c
; covers it); that the gate stops nothing can.  Channel 0 keeps a count of
; 1 only for a few instructions (see MODE).

%include "lib.inc"

; control word: channel, access (1 LSB, 2 MSB, 3 word), mode, BCD
%define CWORD(c, a, m, b) (((c) << 6) | ((a) << 4) | ((m) << 1) | (b))

; CW value: write a control word
%macro CW 1
  mov al, %1
  out 0x43, al
%endmacro

; LOADW channel, count: the two bytes of a word-access count
%macro LOADW 2
  mov al, (%2) & 0xff
  out 0x40 + (%1), al
  mov al, ((%2) >> 8) & 0xff
  out 0x40 + (%1), al
%endmacro

; OUTB port, value
%macro OUTB 2
  mov al, %2
  out %1, al
%endmacro

; STATUS channel: read-back of its status only, AL = status
%macro STATUS 1
  mov al, 0xe0 | (2 << (%1))
  out 0x43, al
  in al, 0x40 + (%1)
%endmacro

; SHOWIN port: read a byte and print it after a space
%macro SHOWIN 1
  in al, %1
  SP
  HEX8 al
%endmacro

; MODE channel, mode: " bb/aa[/count]" - the status right after a load of
; 0x10000 (mode 3: 1), then after terminal count of a short count.  Channel
; 0 skips the second part in modes 2 and 3 and leaves a count of 1 at once:
; its timer would fire every tick, which QEMU cannot keep up with under
; -trace (its main loop holds the lock the CPU's port accesses need).
%macro MODE 2
  %assign %%bcd (%2) & 1
  %assign %%fast ((%1) == 0 && ((%2) == 2 || (%2) == 3))
  CW CWORD(%1, 3, %2, %%bcd)
  %if %2 == 3
    LOADW %1, 1
  %else
    LOADW %1, 0
  %endif
  STATUS %1
  mov bl, al
  %if %%fast
    LOADW %1, 0
  %endif
  SP
  HEX8 bl
  %if %%fast == 0
    %if %2 == 2 || %2 == 3
      LOADW %1, 1
    %else
      LOADW %1, 2
    %endif
    call wait_ticks
    STATUS %1
    PUTC '/'
    HEX8 al
    %if %2 == 2 || %2 == 3
      PUTC '/'
      in al, 0x40 + (%1)
      HEX8 al
      in al, 0x40 + (%1)
      HEX8 al
    %endif
  %endif
%endmacro

%macro CHANNEL_MODES 1
  PRINT "pit: ch", '0' + %1, " modes"
  %assign m 0
  %rep 8
    MODE %1, m
    %assign m m + 1
  %endrep
  NL
%endmacro

TEXT16
main16:
  call reset_state
  CHANNEL_MODES 0
  CHANNEL_MODES 1
  CHANNEL_MODES 2
  call access_modes
  call latches
  call wide_accesses
  call port61
  ; leave channel 0 in mode 0: one last IRQ 0 edge, then no timer
  CW CWORD(0, 3, 0, 0)
  LOADW 0, 0
  DONE

; The state QEMU's pit_reset leaves: mode 3, count 0x10000, access mode 0
; (never programmed: reads and writes take the LSB, a counter latch latches
; nothing), channel 2's gate low.
reset_state:
  PRINT "pit: reset"
  OUTB 0x61, 0x01               ; channel 2's gate rises: mode 3 restarts
  STATUS 2                      ; out high for the first 27 ms
  SP
  HEX8 al
  SHOWIN 0x61                   ; first read: refresh bit set
  OUTB 0x61, 0x00
  OUTB 0x41, 0x01               ; LSB: count 1, mode 3, out always high
  STATUS 1
  SP
  HEX8 al
  SHOWIN 0x41
  SHOWIN 0x41
  CW CWORD(1, 0, 0, 0)          ; counter latch with access mode 0
  SHOWIN 0x41
  OUTB 0x40, 0x01               ; channel 0 likewise, briefly (see MODE)
  STATUS 0
  mov bl, al
  in al, 0x40
  mov bh, al
  OUTB 0x40, 0x00               ; back to 0x10000
  SP
  HEX8 bl
  SP
  HEX8 bh
  SHOWIN 0x43                   ; the control port reads 0
  NL
  ret

; Channel 1 in mode 3 with counts 1 and 2 through each access mode.
access_modes:
  PRINT "pit: access"
  CW CWORD(1, 3, 3, 0)
  LOADW 1, 2
  SHOWIN 0x41                   ; word: LSB, MSB, LSB, MSB
  SHOWIN 0x41
  SHOWIN 0x41
  SHOWIN 0x41
  OUTB 0x41, 0x01               ; half a word: the count stays 2
  SHOWIN 0x41
  OUTB 0x41, 0x00               ; now 1; the read flip-flop is on MSB
  SHOWIN 0x41
  SHOWIN 0x41
  CW CWORD(1, 3, 3, 0)
  LOADW 1, 2
  CW CWORD(1, 2, 3, 0)          ; MSB only: the count stays 2
  SHOWIN 0x41
  SHOWIN 0x41
  CW CWORD(1, 1, 3, 0)          ; LSB only
  SHOWIN 0x41
  SHOWIN 0x41
  OUTB 0x41, 0x01               ; LSB write: count 1
  SHOWIN 0x41
  STATUS 1
  SP
  HEX8 al
  CW CWORD(1, 2, 0, 1)          ; MSB only, mode 0, BCD
  OUTB 0x41, 0x00               ; count 0x10000
  STATUS 1
  SP
  HEX8 al
  CW CWORD(1, 1, 4, 0)          ; LSB only, mode 4
  OUTB 0x41, 0x02
  call wait_ticks
  STATUS 1
  SP
  HEX8 al
  NL
  ret

; Counter latches and read-back on channel 1 (mode 3, word access).  A
; status is only latched with a count of 1 (mode 3's output is then always
; high; with 2 it flips every tick).
latches:
  PRINT "pit: latch"
  CW CWORD(1, 3, 3, 0)
  LOADW 1, 2
  CW CWORD(1, 0, 0, 0)          ; latch 2
  LOADW 1, 1
  CW CWORD(1, 0, 0, 0)          ; ignored: a latch is pending
  SHOWIN 0x41                   ; latched LSB, MSB
  SHOWIN 0x41
  SHOWIN 0x41                   ; then live: 1
  SHOWIN 0x41
  CW 0xc0 | 0x04                ; read-back of count (1) and status
  LOADW 1, 2
  CW 0xc0 | 0x04                ; ignored: both are pending
  SHOWIN 0x41                   ; status
  SHOWIN 0x41                   ; count 1
  SHOWIN 0x41
  SHOWIN 0x41                   ; live 2
  SHOWIN 0x41
  CW CWORD(1, 0, 0, 0)          ; a count latch (2) pending...
  LOADW 1, 1
  CW 0xc0 | 0x20 | 0x04         ; ...then a status read-back: status first
  SHOWIN 0x41
  SHOWIN 0x41
  SHOWIN 0x41
  CW 0xc0 | 0x20 | 0x04         ; status only
  CW 0xc0 | 0x10 | 0x04         ; count only (1)
  CW 0xc0 | 0x30 | 0x0e         ; neither: nothing more latched
  SHOWIN 0x41
  SHOWIN 0x41
  SHOWIN 0x41
  SHOWIN 0x41                   ; live again
  NL
  PRINT "pit: read-back all"
  CW CWORD(0, 3, 0, 0)          ; channel 0: mode 0, 0x10000
  LOADW 0, 0
  CW CWORD(1, 1, 3, 1)          ; channel 1: LSB, mode 3, BCD, count 1
  OUTB 0x41, 0x01
  CW CWORD(2, 2, 5, 0)          ; channel 2: MSB, mode 5, 0x10000
  OUTB 0x42, 0x00
  CW 0xc0 | 0x20 | 0x0e         ; all statuses
  SHOWIN 0x40
  SHOWIN 0x41
  SHOWIN 0x42
  NL
  ret

; Word port accesses are split into byte accesses (QEMU's .impl max 1):
; outw 0x42 writes channel 2's count and then the control port, inw 0x42
; reads channel 2 and the control port.  inw 0x41 is unaligned, which the
; region's default .valid refuses: it reads 0.
wide_accesses:
  PRINT "pit: wide"
  CW CWORD(1, 1, 3, 0)
  OUTB 0x41, 0x02
  CW CWORD(2, 1, 3, 0)
  OUTB 0x42, 0x01
  in ax, 0x41
  SP
  HEX16 ax
  mov ax, (CWORD(2, 3, 3, 0) << 8) | 0x01      ; count 1, then a control word
  out 0x42, ax
  STATUS 2
  SP
  HEX8 al
  in ax, 0x42                   ; channel 2's LSB (count 1), the control port
  SP
  HEX16 ax
  NL
  ret

; Port 0x61: bit 0 gate 2, bit 1 data (read back as written), bit 4 flips
; on every read, bit 5 channel 2's output; the other bits read 0.
port61:
  PRINT "pit: port61"
  CW CWORD(2, 3, 3, 0)          ; out always high
  LOADW 2, 1
  SHOWIN 0x61
  SHOWIN 0x61
  SHOWIN 0x61
  OUTB 0x61, 0x03
  SHOWIN 0x61
  OUTB 0x61, 0x02
  SHOWIN 0x61
  OUTB 0x61, 0xfd
  SHOWIN 0x61
  OUTB 0x61, 0xfc
  SHOWIN 0x61
  NL
  PRINT "pit: gate low"         ; counting goes on with the gate low
  CW CWORD(2, 3, 0, 0)          ; mode 0 reaches terminal count
  LOADW 2, 2
  call wait_ticks
  SHOWIN 0x61
  CW CWORD(2, 3, 1, 0)          ; mode 1 starts without a trigger
  LOADW 2, 0
  SHOWIN 0x61
  LOADW 2, 2
  call wait_ticks
  SHOWIN 0x61
  CW CWORD(2, 3, 4, 0)          ; mode 4: one tick high, long past
  LOADW 2, 2
  call wait_ticks
  SHOWIN 0x61
  NL
  PRINT "pit: gate high"
  OUTB 0x61, 0x01
  %assign m 0
  %rep 6
    CW CWORD(2, 3, m, 0)
    %if m == 2 || m == 3
      LOADW 2, 1
    %else
      LOADW 2, 2
    %endif
    call wait_ticks
    SHOWIN 0x61
    %assign m m + 1
  %endrep
  OUTB 0x61, 0x00
  NL
  ret

; 2000 reads of port 0x80: at least ~6 us however fast the run (about 50 ns
; each in QEMU, 8 ns in x86slice), i.e. 7 PIT ticks or more.
wait_ticks:
  push cx
  push ax
  mov cx, 2000
.l:
  in al, 0x80
  loop .l
  pop ax
  pop cx
  ret
