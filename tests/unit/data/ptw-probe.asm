; page-walk probe for QEMU ground truth
bits 16
org 0xf0000
%define ERR    0xd00
%define CR2V   0xd04
%define RESUME 0xd08
%define PD     0x10000
%define PT0    0x11000
%define PTT    0x12000
%define PDPT   0x13000
%define PAEPD0 0x14000
%define PAEPT0 0x15000
%define PAEPD1 0x16000
%define PAEPT1 0x17000

start16:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    o32 lgdt [cs:gdtr - 0xf0000]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:pm

bits 32
pm:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov fs, ax
    mov gs, ax
    mov esp, 0x7000
    ; IDT
    mov edi, 0x500
    mov ecx, 0
.idt:
    mov eax, [stubs + ecx*4]
    mov word [edi], ax
    mov word [edi+2], 0x08
    mov word [edi+4], 0x8e00
    shr eax, 16
    mov word [edi+6], ax
    add edi, 8
    inc ecx
    cmp ecx, 32
    jne .idt
    lidt [idtr]

    ; ---- non-PAE tables
    ; zero 0x10000..0x18000
    mov edi, 0x10000
    mov ecx, 0x8000/4
    xor eax, eax
    rep stosd
    ; PT0 identity 0..4MB, P|RW|A|D
    mov edi, PT0
    mov eax, 0x63
    mov ecx, 1024
.pt0:
    mov [edi], eax
    add eax, 0x1000
    add edi, 4
    loop .pt0
    mov dword [PD], PT0 | 0x67
    mov dword [PD + 0x100*4], PTT | 0x07
    mov dword [PTT + 0*4], 0x200000 | 0x03
    mov dword [PTT + 1*4], 0
    mov dword [PTT + 2*4], 0x201000 | 0x01
    mov dword [PTT + 3*4], 0x202000 | 0x01
    mov dword [0x200000], 0x41414141
    mov dword [0x300000], 0x42424242
    mov eax, PD
    mov cr3, eax
    mov eax, cr4
    or eax, 0x10          ; PSE
    mov cr4, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax

    ; T1 read
    mov esi, s_t1
    mov eax, [0x40000000]
    call res_tables
    ; T2 write
    mov esi, s_t2
    mov dword [0x40000000], 0x41414141
    call res_tables
    ; T3 read not-present
    mov esi, s_t3
    mov dword [RESUME], .r3
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40001000]
.r3:
    call res_fault
    mov esi, s_t3w
    mov dword [RESUME], .r3w
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x40001004], 1
.r3w:
    call res_fault
    ; T4 write RO with WP=0
    mov esi, s_t4
    mov dword [RESUME], .r4
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x40002000], 5
.r4:
    call res_fault
    mov eax, [PTT+2*4]
    call hex
    call nl
    ; WP=1
    mov eax, cr0
    or eax, 0x10000
    mov cr0, eax
    mov esi, s_t4w
    mov dword [RESUME], .r4w
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x40003000], 5
.r4w:
    call res_fault
    mov eax, [PTT+3*4]
    call hex
    call nl
    ; T5 fetch not-present
    mov esi, s_t5
    mov dword [RESUME], .r5
    mov dword [ERR], 0xeeeeeeee
    mov eax, 0x40001000
    call eax
.r5:
    mov esp, 0x7000
    call res_fault
    ; T6 PSE 4M
    mov dword [PD + 0x101*4], 0x00400000 | 0x83
    mov esi, s_t6
    call puts
    mov eax, [0x40400010]
    mov eax, [PD + 0x101*4]
    call hex
    mov dword [0x40400010], 7
    mov eax, [PD + 0x101*4]
    call hex
    call nl
    ; T7 PSE bit21
    mov dword [PD + 0x102*4], 0x00800000 | 0x200000 | 0x83
    mov esi, s_t7
    mov dword [RESUME], .r7
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40800000]
.r7:
    call res_fault
    mov esi, s_t7w
    mov dword [RESUME], .r7w
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x40800000], 1
.r7w:
    call res_fault
    ; T8 PSE36
    mov dword [PD + 0x103*4], 0x00c00000 | (1<<13) | 0x83
    mov esi, s_t8
    call puts
    mov dword [RESUME], .r8
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40c00000]
.r8:
    call hex
    mov eax, [ERR]
    call hex
    mov eax, [PD + 0x103*4]
    call hex
    call nl
    ; T9 PS bit without CR4.PSE
    mov eax, cr4
    and eax, ~0x10
    mov cr4, eax
    mov dword [PD + 0x104*4], PTT | 0x83
    mov esi, s_t9
    call puts
    mov dword [RESUME], .r9
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x41000000]
.r9:
    call hex
    mov eax, [ERR]
    call hex
    mov eax, [PD + 0x104*4]
    call hex
    call nl
    ; T10 PDE not present, write
    mov esi, s_t10
    mov dword [RESUME], .r10
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x41400000], 1
.r10:
    call res_fault
    ; T11 PDE read-only, PTE RW, WP=1, write
    mov dword [PD + 0x106*4], PTT | 0x01
    mov dword [PTT + 4*4], 0x203000 | 0x03
    mov esi, s_t11
    mov dword [RESUME], .r11
    mov dword [ERR], 0xeeeeeeee
    mov dword [0x41804000], 1
.r11:
    call res_fault
    mov eax, [PD + 0x106*4]
    call hex
    mov eax, [PTT + 4*4]
    call hex
    call nl
    ; T12 A20 off: CR3 at 0x110000 aliases 0x010000
    mov edi, 0x110000
    mov esi, PD
    mov ecx, 1024
    rep movsd
    mov dword [0x110000 + 0x100*4], 0x111000 | 0x07
    mov dword [0x111000], 0x300000 | 0x03
    mov dword [PTT + 0*4], 0x200000 | 0x03
    in al, 0x92
    and al, ~2
    out 0x92, al
    mov eax, 0x110000
    mov cr3, eax
    mov esi, s_t12
    call puts
    mov eax, [0x40000000]
    call hex
    mov eax, [0x110000 + 0x100*4]   ; (linear 0x110000 -> phys 0x010000 too with a20 off)
    call hex
    call nl
    in al, 0x92
    or al, 2
    out 0x92, al
    mov eax, 0x110000
    mov cr3, eax
    mov esi, s_t12b
    call puts
    mov eax, [0x40000000]
    call hex
    call nl
    mov eax, PD
    mov cr3, eax

    ; ---- PAE
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    mov edi, PDPT
    mov ecx, 0x5000/4
    xor eax, eax
    rep stosd
    mov edi, PAEPT0
    mov eax, 0x63
    mov ecx, 512
.ppt0:
    mov [edi], eax
    mov dword [edi+4], 0
    add eax, 0x1000
    add edi, 8
    loop .ppt0
    mov dword [PDPT + 0*8], PAEPD0 | 1
    mov dword [PDPT + 1*8], PAEPD1 | 1
    mov dword [PDPT + 2*8], PAEPD1 | 3
    mov dword [PDPT + 3*8], PAEPD1 | 1
    mov dword [PDPT + 3*8 + 4], 0x100
    mov dword [PAEPD0], PAEPT0 | 0x63
    mov dword [PAEPD1 + 0*8], PAEPT1 | 0x07
    mov dword [PAEPT1 + 0*8], 0x200000 | 0x03
    mov dword [PAEPT1 + 1*8], 0x201000 | 0x03
    mov dword [PAEPT1 + 1*8 + 4], 0x80000000
    mov dword [PAEPD1 + 1*8], 0x400000 | 0x83
    mov dword [PAEPD1 + 2*8], 0x600000 | (1<<13) | 0x83
    mov dword [PAEPD1 + 3*8], 0x800000 | (1<<12) | 0x83
    mov eax, PDPT
    mov cr3, eax
    mov eax, cr4
    or eax, 0x20
    mov cr4, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    mov esi, s_p1
    call puts
    mov eax, [0x40000000]
    call hex
    mov eax, [PDPT + 1*8]
    call hex
    mov eax, [PAEPD1]
    call hex
    mov eax, [PAEPT1]
    call hex
    call nl
    mov esi, s_p2
    mov dword [RESUME], .p2
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40001000]
.p2:
    call res_fault
    mov esi, s_p3
    call puts
    mov eax, [0x40200000]
    mov dword [0x40200000], 3
    mov eax, [PAEPD1 + 1*8]
    call hex
    call nl
    mov esi, s_p3b
    mov dword [RESUME], .p3b
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40400000]
.p3b:
    call res_fault
    mov esi, s_p3c
    mov dword [RESUME], .p3c
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x40600000]
.p3c:
    call res_fault
    mov eax, [PAEPD1 + 3*8]
    call hex
    call nl
    mov esi, s_p4
    mov dword [RESUME], .p4
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0x80000000]
.p4:
    call res_fault
    mov eax, [PDPT + 2*8]
    call hex
    call nl
    mov esi, s_p5
    mov dword [RESUME], .p5
    mov dword [ERR], 0xeeeeeeee
    mov eax, [0xc0000000]
.p5:
    call res_fault
    mov eax, [PDPT + 0*8]
    call hex
    call nl

    mov dx, 0x501
    mov al, 0
    out dx, al
    hlt

; print esi label, then PD[0x100], PTT[0]
res_tables:
    call puts
    mov eax, [PD + 0x100*4]
    call hex
    mov eax, [PTT]
    call hex
    call nl
    ret
res_fault:
    call puts
    mov eax, [ERR]
    call hex
    mov eax, [CR2V]
    call hex
    ret

puts:
    call nl
    push eax
    push edx
.l: lodsb
    test al, al
    jz .e
    mov dx, 0x402
    out dx, al
    jmp .l
.e: pop edx
    pop eax
    ret
nl: push eax
    push edx
    mov al, 10
    mov dx, 0x402
    out dx, al
    pop edx
    pop eax
    ret
hex:
    push ecx
    push edx
    push eax
    mov edx, eax
    mov ecx, 8
    mov al, ' '
    push edx
    mov dx, 0x402
    out dx, al
    pop edx
.h: rol edx, 4
    mov al, dl
    and al, 15
    add al, '0'
    cmp al, '9'
    jbe .p
    add al, 7
.p: push edx
    mov dx, 0x402
    out dx, al
    pop edx
    loop .h
    pop eax
    pop edx
    pop ecx
    ret

pf_handler:
    pop dword [ERR]
    push eax
    mov eax, cr2
    mov [CR2V], eax
    mov eax, [RESUME]
    mov [esp+4], eax
    pop eax
    iretd

fatal:
    mov esi, s_fatal
    call puts
    pop eax
    call hex
    pop eax
    call hex
    pop eax
    call hex
    pop eax
    call hex
    call nl
    mov dx, 0x501
    mov al, 1
    out dx, al
    hlt

%assign i 0
%rep 32
stub %+ i:
  %if i == 14
    jmp pf_handler
  %else
    push dword i
    jmp fatal
  %endif
%assign i i+1
%endrep
stubs:
%assign i 0
%rep 32
    dd stub %+ i
%assign i i+1
%endrep

s_t1: db "T1 read A:", 0
s_t2: db "T2 write D:", 0
s_t3: db "T3 read NP:", 0
s_t3w: db "T3 write NP:", 0
s_t4: db "T4 write RO WP0:", 0
s_t4w: db "T4 write RO WP1:", 0
s_t5: db "T5 fetch NP:", 0
s_t6: db "T6 PSE4M:", 0
s_t7: db "T7 PSE bit21 read:", 0
s_t7w: db "T7 PSE bit21 write:", 0
s_t8: db "T8 PSE36 val err pde:", 0
s_t9: db "T9 PS without PSE val err pde:", 0
s_t10: db "T10 PDE NP write:", 0
s_t11: db "T11 PDE RO write WP1:", 0
s_t12: db "T12 A20 off val pde':", 0
s_t12b: db "T12 A20 on val:", 0
s_p1: db "P1 val pdpte pde pte:", 0
s_p2: db "P2 NX rsvd:", 0
s_p3: db "P3 2M pde:", 0
s_p3b: db "P3 2M bit13 rsvd (PD1[2] is 0x40400000):", 0
s_p3c: db "P3 PD1[3] PAT 2M at 0x40600000:", 0
s_p4: db "P4 PDPTE RW bit:", 0
s_p5: db "P5 PDPTE bit40:", 0
s_fatal: db "FATAL vec err eip cs:", 0

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff
    dq 0x00cf92000000ffff
gdt_end:
gdtr:
    dw gdt_end - gdt - 1
    dd gdt
idtr:
    dw 32*8-1
    dd 0x500

    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:(start16 - 0xf0000)
    times 0x10000-($-$$) db 0
