; SPDX-License-Identifier: GPL-2.0-or-later
;
; paging.asm - 32-bit paging: identity mapping with 4 KiB pages, 4 MiB pages
; (CR4.PSE) including an alias of low memory, accessed and dirty bits in PTEs
; and PDEs (read back after reads and writes), CR0.WP off/on for supervisor
; writes to read-only pages, user/supervisor checks in the PDE and the PTE,
; #PF error codes and CR2 for reads, writes and instruction fetches from
; ring 0 and ring 3, a reserved bit in a 4 MiB PDE, INVLPG and a CR3 reload
; after changing a PTE, and paging switched off again.

%include "lib.inc"

PD              equ 0x100000    ; page directory
PT0             equ 0x101000    ; 0-4 MiB, identity, user+writable
PT1             equ 0x102000    ; 8-12 MiB test pages
PT2             equ 0x103000    ; 16-20 MiB (PDE supervisor-only)
FRAME           equ 0x200000    ; test frames 0x200000-0x207fff

P               equ 0x01
RW              equ 0x02
US              equ 0x04
ACC             equ 0x20
DIRTY           equ 0x40
PS              equ 0x80

V_AD            equ 0x800000    ; PT1[0] -> FRAME+0, supervisor RW
V_NP            equ 0x801000    ; PT1[1] not present
V_INV           equ 0x802000    ; PT1[2] -> FRAME+0x1000 (remapped)
V_SUP           equ 0x803000    ; PT1[3] -> FRAME+0x3000 supervisor only
V_URO           equ 0x804000    ; PT1[4] -> FRAME+0x4000 user read-only
V_URW           equ 0x805000    ; PT1[5] -> FRAME+0x5000 user RW
V_PDESUP        equ 0x1000000   ; PT2[0] -> FRAME+0x6000, PDE has U=0
V_BIG           equ 0x400000    ; 4 MiB page, identity
V_ALIAS         equ 0xc00000    ; 4 MiB page -> physical 0

TEXT16
main16:
  PRINT "paging: 32-bit paging", 10
  mov ebx, pm_main
  jmp go_pm32

rm_back:
  PRINT "real mode again", 10
  DONE

TEXT32
pm_main:
  ; page tables
  mov edi, PD
  xor eax, eax
  mov ecx, 4 * 1024
  rep stosd                     ; PD, PT0, PT1, PT2 cleared
  mov edi, PT0
  mov eax, P | RW | US
.pt0:
  stosd
  add eax, 0x1000
  cmp edi, PT0 + 4096
  jb .pt0
  mov dword [PD + 0 * 4], PT0 | P | RW | US
  mov dword [PD + 1 * 4], V_BIG | P | RW | US | PS
  mov dword [PD + 2 * 4], PT1 | P | RW | US
  mov dword [PD + 3 * 4], 0 | P | RW | PS
  mov dword [PD + 4 * 4], PT2 | P | RW
  mov dword [PT1 + 0 * 4], (FRAME + 0x0000) | P | RW
  mov dword [PT1 + 2 * 4], (FRAME + 0x1000) | P | RW
  mov dword [PT1 + 3 * 4], (FRAME + 0x3000) | P | RW
  mov dword [PT1 + 4 * 4], (FRAME + 0x4000) | P | US
  mov dword [PT1 + 5 * 4], (FRAME + 0x5000) | P | RW | US
  mov dword [PT2 + 0 * 4], (FRAME + 0x6000) | P | RW | US
  ; frame contents
  mov dword [FRAME + 0x0000], 0xa0a0a0a0
  mov dword [FRAME + 0x1000], 0xb1b1b1b1
  mov dword [FRAME + 0x2000], 0xc2c2c2c2
  mov dword [FRAME + 0x3000], 0xd3d3d3d3
  mov dword [FRAME + 0x4000], 0xe4e4e4e4
  mov dword [FRAME + 0x5000], 0xf5f5f5f5
  mov dword [FRAME + 0x6000], 0x06060606

  mov eax, cr4
  or eax, 0x10                  ; PSE
  mov cr4, eax
  mov eax, PD
  mov cr3, eax
  mov eax, cr0
  or eax, 0x80000000
  mov cr0, eax
  jmp .pg                       ; (identity mapped: nothing changes)
.pg:
  PRINT "paging on: cr0="
  mov eax, cr0
  HEX32 eax
  PRINT " cr3="
  mov eax, cr3
  HEX32 eax
  PRINT " cr4="
  mov eax, cr4
  HEX32 eax
  NL

  ; --- accessed / dirty bits
  PRINT "A/D:"
  mov eax, [PT1]
  call show
  mov eax, [PD + 2 * 4]
  call show
  mov eax, [V_AD]
  CHK eax, 0xa0a0a0a0, "read through a 4K page"
  mov eax, [PT1]
  call show
  and eax, ACC | DIRTY
  CHK eax, ACC, "read sets A only"
  mov eax, [PD + 2 * 4]
  call show
  and eax, ACC | DIRTY
  CHK eax, ACC, "PDE A set, D untouched"
  mov dword [V_AD + 4], 0x12345678
  mov eax, [PT1]
  call show
  and eax, ACC | DIRTY
  CHK eax, ACC | DIRTY, "write sets D"
  CHK [FRAME + 4], 0x12345678, "write reached the frame"
  mov eax, [PD + 1 * 4]         ; 4 MiB page
  call show
  mov eax, [V_BIG + 0x1234]
  mov eax, [PD + 1 * 4]
  call show
  and eax, ACC | DIRTY
  CHK eax, ACC, "4M read sets A"
  mov dword [V_BIG + 0x2000], 1
  mov eax, [PD + 1 * 4]
  call show
  and eax, ACC | DIRTY
  CHK eax, ACC | DIRTY, "4M write sets D"
  mov eax, [PT0 + 0xf8 * 4]     ; our code page: A set by fetches
  call show
  NL

  ; --- 4 MiB alias of low memory
  mov dword [0x9000], 0x5a5a1234
  mov eax, [V_ALIAS + 0x9000]
  CHK eax, 0x5a5a1234, "4M alias read"
  mov dword [V_ALIAS + 0x9004], 0x4321a5a5
  CHK [0x9004], 0x4321a5a5, "4M alias write"

  ; --- supervisor faults
  PRINT "supervisor faults", 10
  FAULT 14, 0, "read not present", {mov eax, [V_NP + 0x10]}
  CHK [VAR_EXC_CR2], V_NP + 0x10, "cr2 read"
  FAULT 14, 2, "write not present", {mov dword [V_NP + 0xffc], 1}
  CHK [VAR_EXC_CR2], V_NP + 0xffc, "cr2 write"
  FAULT 14, 2, "write crossing into not present", {mov dword [V_NP - 2], 0x11223344}
  CHK [VAR_EXC_CR2], V_NP, "cr2 page-crossing write"
  FAULT 14, 0, "fetch not present", {mov eax, V_NP + 0x20}, {jmp eax}
  CHK [VAR_EXC_CR2], V_NP + 0x20, "cr2 fetch"
  CHK [VAR_EXC_EIP], V_NP + 0x20, "fetch fault EIP"
  FAULT 14, 0, "read PDE not present", {mov eax, [0x1400000]}
  CHK [VAR_EXC_CR2], 0x1400000, "cr2 PDE not present"

  ; --- CR0.WP
  PRINT "WP:"
  mov dword [FRAME + 0x4000 + 8], 0
  mov dword [V_URO + 8], 0x77777777 ; WP=0: supervisor may write read-only
  CHK [FRAME + 0x4000 + 8], 0x77777777, "WP=0 write"
  mov eax, [PT1 + 4 * 4]
  call show
  NL
  mov eax, cr0
  or eax, 0x10000
  mov cr0, eax
  FAULT 14, 3, "WP=1 write read-only", {mov dword [V_URO + 8], 0x88888888}
  CHK [FRAME + 0x4000 + 8], 0x77777777, "WP=1 write blocked"
  mov eax, cr0
  and eax, ~0x10000
  mov cr0, eax

  ; --- reserved bit in a 4 MiB PDE (bit 21; QEMU's qemu32 has no PSE-36)
  mov dword [PD + 5 * 4], 0x1400000 | P | RW | PS | (1 << 21)
  invlpg [0x1400000]
  PRINT "rsvd: "
  CLREXC
  TRY .rsvd
  mov eax, [0x1400000]
  ENDTRY
.rsvd:
  HEX32 [VAR_EXC_VEC]
  SP
  HEX32 [VAR_EXC_ERR]
  NL
  mov dword [PD + 5 * 4], 0
  invlpg [0x1400000]

  ; --- user accesses
  PRINT "user faults", 10
  TRY .uok
  R3 .u1
.u1:
  mov ax, SEL_DATA32_R3
  mov ds, ax
  mov eax, [V_URO]              ; user read-only: read is fine
  mov ebx, [V_URW]
  mov dword [V_URW + 4], 0x0badf00d
  CHK eax, 0xe4e4e4e4, "user read"
  CHK ebx, 0xf5f5f5f5, "user read RW"
  int VEC_BACK
.uok:
  CHK [FRAME + 0x5004], 0x0badf00d, "user write"
  R3FAULT 14, 5, "user read supervisor page", {mov eax, [V_SUP]}
  CHK [VAR_EXC_CR2], V_SUP, "cr2 user read"
  R3FAULT 14, 7, "user write read-only page", {mov dword [V_URO + 0x10], 1}
  R3FAULT 14, 4, "user read not present", {mov eax, [V_NP]}
  R3FAULT 14, 6, "user write not present", {mov dword [V_NP], 1}
  R3FAULT 14, 5, "user read, PDE supervisor", {mov eax, [V_PDESUP]}
  R3FAULT 14, 7, "user write, PDE supervisor", {mov dword [V_PDESUP], 1}
  R3FAULT 14, 5, "user read 4M supervisor page", {mov eax, [V_ALIAS]}
  R3FAULT 14, 5, "user fetch supervisor page", {mov eax, V_SUP}, {jmp eax}
  CHK [VAR_EXC_EIP], V_SUP, "user fetch EIP"
  R3FAULT 14, 4, "user fetch not present", {mov eax, V_NP + 4}, {jmp eax}
  R3FAULT 14, 7, "user push to read-only stack", {mov esp, V_URO + 0x100}, {push eax}
  CHK [VAR_EXC_CR2], V_URO + 0xfc, "cr2 push"
  ; the supervisor can read the user page with WP=0 or 1
  mov eax, [V_URW]
  CHK eax, 0xf5f5f5f5, "supervisor reads user page"

  ; --- INVLPG / CR3 reload after a PTE change
  PRINT "invlpg:"
  mov eax, [V_INV]
  call show
  mov dword [PT1 + 2 * 4], (FRAME + 0x2000) | P | RW
  invlpg [V_INV]
  mov eax, [V_INV]
  call show
  CHK eax, 0xc2c2c2c2, "invlpg remap"
  mov dword [PT1 + 2 * 4], (FRAME + 0x3000) | P | RW
  mov eax, cr3
  mov cr3, eax
  mov eax, [V_INV]
  call show
  CHK eax, 0xd3d3d3d3, "cr3 reload remap"
  mov dword [PT1 + 2 * 4], 0
  invlpg [V_INV + 0x123]
  NL
  FAULT 14, 0, "invlpg after unmapping", {mov eax, [V_INV]}
  ; mapping a page table page into itself (PT1[6] -> PT1)
  mov dword [PT1 + 6 * 4], PT1 | P | RW
  mov eax, [0x806000 + 5 * 4]
  CHK eax, (FRAME + 0x5000) | P | RW | US | ACC | DIRTY, "PT through itself"

  ; --- paging off
  mov eax, cr0
  and eax, 0x7fffffff
  mov cr0, eax
  mov eax, [V_AD & 0xffffff]    ; plain physical access again
  PRINT "paging off: cr0="
  mov eax, cr0
  HEX32 eax
  NL
  mov eax, cr4
  and eax, ~0x10
  mov cr4, eax
  mov bx, rm_back
  jmp go_rm16

show:
  SP
  HEX32 eax
  ret
