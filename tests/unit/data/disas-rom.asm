; Test BIOS for x86slice's -d in_asm (tests/unit/test-disas.c).
; SPDX-License-Identifier: GPL-2.0-or-later
;
; A 64 KiB image mapped at 0xf0000 (and 0xffff0000).  Every executed
; instruction lives in the ROM, so a logged block at linear address A starts
; at image offset (A & 0xffff).  Image offsets 0x8000-0xefff hold 32-bit
; code (CS.D=1, flat segments); everything else is 16-bit code.
;
; Build: nasm -f bin -o disas-rom.bin disas-rom.asm
; Reference logs: qemu-system-i386 -M pc -nodefaults -display none
;   -bios disas-rom.bin [-singlestep] -d in_asm -D log.txt
; (the ROM ends in cli; hlt)

        cpu     P4
        org     0
ROMBASE equ     0xf0000

; ---------------------------------------------------------------- 16-bit
        bits    16
start16:
        cli
        cld
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ax, 0x1234
        mov     bl, 0x56
        mov     bh, -1
        mov     cx, 0xbeef
        mov     dx, 0x80
        mov     si, 0x600
        mov     di, 0x800
        mov     bp, 0x6f00
        ; every vector -> fail_handler (cli; hlt)
        xor     bx, bx
.ivt:   mov     word [bx], fail_handler
        mov     word [bx+2], 0xf000
        add     bx, 4
        cmp     bx, 0x400
        jb      .ivt
        xor     bx, bx
        ; interrupt vector 0x20 -> int_handler, 6 (#UD) -> ud_handler
        mov     word [0x20*4], int_handler
        mov     word [0x20*4+2], 0xf000
        mov     word [6*4], ud_handler
        mov     word [6*4+2], 0xf000
        mov     word [13*4], ud_handler
        mov     word [13*4+2], 0xf000
        ; ALU, all the addressing forms
        add     ax, bx
        add     al, 0x12
        add     ax, 0x1234
        add     word [bx+si], 0x7f
        add     word [bx+di+8], -3
        adc     cx, [bp+0x10]
        sbb     byte [bp-0x10], 0x44
        sub     dx, [si]
        and     word [di], 0xff00
        or      byte [0x1234], al
        xor     word [bx+0x1234], cx
        cmp     ax, [bx+si+0x7fff]
        test    word [bp+di-0x8000], 0x5555
        test    al, 0x80
        inc     word [si+4]
        dec     bh
        neg     cx
        not     word [0x900]
        mul     bl
        imul    cx
        mov     bx, 7
        xor     dx, dx
        div     bx
        imul    ax, [si], 0x1234
        imul    dx, cx, -5
        imul    cx, [di+2]
        mov     cl, 3
        shl     ax, 1
        shr     word [si], cl
        sar     dx, 5
        rol     byte [di], 1
        ror     bx, cl
        rcl     ax, 2
        rcr     word [bp+2], 1
        shld    ax, bx, 4
        shrd    [si], dx, cl
        bt      ax, 3
        bts     word [si], cx
        btr     cx, dx
        btc     word [di], 15
        bsf     ax, bx
        bsr     dx, [si]
        movzx   ax, byte [si]
        movsx   cx, dl
        movzx   eax, word [di]
        movsx   edx, byte [bx+si+3]
        sete    al
        setnz   byte [0x700]
        setg    cl
        cmovne  ax, bx
        cmovl   dx, [si]
        xchg    ax, cx
        xchg    bx, [si]
        xadd    [di], ax
        cmpxchg [si], bx
        mov     si, 0x600
        cmpxchg8b [si]
        bswap   eax
        cbw
        cwd
        cwde
        cdq
        lahf
        sahf
        pushf
        popf
        clc
        stc
        cmc
        push    0x1234
        push    byte -2
        pop     ax
        pop     bx
        pusha
        popa
        push    es
        push    ds
        pop     ds
        pop     es
        push    dword 0x12345678
        pop     eax
        enter   0x10, 0
        leave
        lea     ax, [bx+si+0x22]
        lea     ecx, [eax+ebx*4+0x100]
        les     bx, [0x600]
        lds     si, [0x604]
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     si, 0x600
        mov     di, 0x800
        movsb
        movsw
        mov     cx, 4
        rep movsb
        mov     cx, 2
        rep movsd
        stosw
        lodsb
        cmpsb
        scasw
        mov     cx, 3
        repne scasb
        es movsb
        fs lodsw
        a32 movsb
        o32 stosd
        out     0x80, al
        in      al, 0x61
        mov     dx, 0x80
        out     dx, ax
        in      ax, dx
        mov     bx, 0xa00
        xlatb
        mov     ax, 0x0909
        aaa
        aas
        daa
        das
        aam
        aad
        aam     16
        salc
        nop
        pause
        db      0x0f, 0x1f, 0x00                ; nopw (%bx,%si)
        db      0x0f, 0x1f, 0x44, 0x00, 0x00    ; nopw 0(%si)
        db      0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00 ; long nop
        db      0x0f, 0x19, 0x07                ; hint nop
        db      0x0f, 0x0d, 0x0c                ; prefetchw
        prefetchnta [si]
        lock add [0x700], ax
        lock inc dword [0x704]
        ; x87
        fninit
        fld1
        fldz
        fldpi
        fadd    st0, st1
        fmul    st1, st0
        faddp   st1, st0
        fstp    dword [0x720]
        fild    word [0x724]
        fistp   dword [0x728]
        fld     qword [0x730]
        fxch    st1
        fcom    st1
        fcomp   st2
        fnstsw  ax
        fnstcw  [0x740]
        fldcw   [0x740]
        fsqrt
        fabs
        fchs
        db      0xdc, 0xd1          ; fcom2 (undocumented alias)
        db      0xdd, 0xca          ; fxch4
        db      0xd9, 0xd9          ; fstp1
        db      0xdf, 0xc1          ; ffreep
        db      0xde, 0xd3          ; fcomp5
        fninit
        ; system
        smsw    ax
        sgdt    [0x780]
        sidt    [0x788]
        mov     eax, cr0
        mov     eax, cr4
        mov     cr4, eax
        cpuid
        rdtsc
        mov     ecx, 0x10
        rdmsr
        ; long instructions (more than 8 bytes; 15 is the maximum)
        mov     dword [es:eax+ecx*8+0x12345678], 0x9abcdef0
        mov     eax, 0
        mov     ecx, 0
        db      0x3e, 0x26, 0x66, 0x67, 0xc7, 0x84, 0xc8, 0x00, 0x07, 0x00, 0x00, 0xf0, 0xde, 0xbc, 0x9a
        db      0xf3, 0x2e, 0x26, 0x90              ; prefixes on nop
        db      0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90
        mov     dword [0x7f0], 0x11223344
        add     dword [bx+si+0x1234], 0x55667788
        ; MMX
        movd    mm0, eax
        paddd   mm0, mm1
        movq    [0x750], mm0
        emms
        ; control flow
        int     0x20
        call    near_sub
        call    0xf000:far_sub
        jmp     short .j1
        nop
.j1:    jmp     near .j2
        times 200 nop
.j2:    mov     cx, 2
.loop:  dec     ax
        loop    .loop
        xor     cx, cx
        jcxz    .j3
        nop
.j3:    cmp     ax, ax
        je      .j4
        nop
.j4:    jne     near .j5
        mov     bx, .j5
        jmp     bx
        nop
.j5:    mov     word [0x7e0], .j6
        jmp     word [0x7e0]
        nop
.j6:    mov     word [0x7e4], .j7
        mov     word [0x7e6], 0xf000
        jmp     far [0x7e4]
        nop
.j7:    mov     bx, .j8
        call    bx
        ; Invalid to QEMU (#UD or #GP, both to ud_handler, which resumes
        ; at the address in [0x7fc]); each ends a block.  Capstone prints
        ; most of these as .byte lines.
.j8:    mov     ax, 1
%macro BAD 1+
        mov     word [0x7fc], %%next
        db      %1
%%next:
%endmacro
        BAD     0x0f, 0x0b                      ; ud2
        BAD     0xff, 0xff                      ; grp5 /7
        BAD     0xfe, 0xd0                      ; grp4 /2
        BAD     0xc6, 0xc8, 0x00                ; c6 /1
        BAD     0x8f, 0xc8                      ; 8f /1
        BAD     0x0f, 0xff, 0xc0                ; ud0
        BAD     0x0f, 0xb9, 0xc0                ; ud1
        BAD     0x0f, 0x04                      ; unassigned 0f xx
        BAD     0x0f, 0x0a
        BAD     0x0f, 0x38, 0xff, 0xc0          ; unassigned 0f 38 xx
        BAD     0xf0, 0x90                      ; lock nop
        BAD     0xf0, 0x01, 0xc0                ; lock on a register
        BAD     0x0f, 0x01, 0xe8                ; 0f 01 /5 reg
        BAD     0x62, 0xc0                      ; bound, register operand
        BAD     0x8d, 0xc0                      ; lea, register operand
        BAD     0xc4, 0xc0                      ; les, register operand
        BAD     0x0f, 0xc7, 0xc8                ; cmpxchg8b register
        BAD     0xd9, 0xd7                      ; d9 /2 reg, rm != 0
        BAD     0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x90  ; 17 bytes: #GP
        BAD     0x66, 0x67, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf3, 0xf2, 0x26, 0x2e, 0x36, 0x3e, 0x40  ; 17 bytes: #GP
.after_ud:
        ; to 32-bit protected mode
        o32 lgdt [cs:gdt_desc]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword 0x08:(ROMBASE + start32)

near_sub:
        add     ax, 1
        ret
far_sub:
        sub     ax, 1
        retf

        times 0x7000-($-$$) db 0xcc
fail_handler:
        cli
        hlt
        jmp     fail_handler
int_handler:
        inc     word [0x7fe]
        iret
ud_handler:
        mov     bp, sp
        mov     ax, [0x7fc]
        mov     [bp], ax
        iret

; ---------------------------------------------------------------- 32-bit
        times 0x8000-($-$$) db 0xcc
        bits    32
start32:
        mov     ax, 0x10
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     fs, ax
        mov     gs, ax
        mov     esp, 0x7000
        mov     eax, 0x12345678
        mov     ebx, 0x1000
        mov     ecx, 2
        mov     esi, 0x600
        mov     edi, 0x800
        mov     ebp, 0x6f00
        add     eax, [ebx+ecx*4+0x10]
        sub     [esi+ecx*8-4], eax
        and     dword [0x2000], 0xffff0000
        or      byte [ebp-1], 0x80
        xor     eax, [esp+4]
        cmp     dword [eax*2+0x0], 1
        test    [ebx+esi], edx
        lea     eax, [eax+eax*4]
        lea     edx, [ebp+ecx*2+0x7fffffff]
        mov     eax, 0x12345678
        imul    eax, [ebx], 0x12345678
        imul    edx, ecx
        mov     ax, [esi]
        mov     [edi], ax
        add     ax, 0x1234
        mov     word [0x2004], 0xbeef
        mov     byte [ebx+0x100], 0x12
        movzx   eax, byte [esi]
        movsx   eax, word [esi]
        movzx   ax, al
        a16 mov eax, [bx+si]
        a16 lea ecx, [bp+di+0x10]
        shl     dword [esi], 4
        shrd    eax, edx, 7
        bt      dword [esi], 31
        bsf     eax, ecx
        cmovg   eax, [esi]
        setae   byte [edi]
        xchg    eax, edx
        lock xadd [esi], eax
        lock cmpxchg [edi], ecx
        cmpxchg8b [esi]
        bswap   ecx
        push    0x12345678
        push    byte -1
        push    dword [esi]
        pop     dword [edi]
        pop     eax
        pushad
        popad
        pushfd
        popfd
        mov     ecx, 3
        rep movsd
        rep stosb
        mov     ecx, 2
        repe cmpsd
        lodsd
        mov     esi, 0x600
        mov     edi, 0x800
        movsw
        o16 stosw
        fs movsb
        enter   8, 1
        leave
        cwde
        cdq
        o16 cwd
        ; SSE (CR4.OSFXSR on)
        mov     eax, cr4
        or      eax, 0x600
        mov     cr4, eax
        movaps  xmm0, [0x3000]
        movups  xmm1, [esi+0x10]
        addps   xmm0, xmm1
        paddd   xmm2, xmm3
        pxor    xmm4, xmm4
        movdqu  [0x3020], xmm0
        pshufd  xmm5, xmm0, 0x1b
        cvtsi2sd xmm6, eax
        movd    eax, xmm0
        movq    xmm7, [0x3040]
        ; instructions longer than 8 bytes
        mov     dword [eax+ecx*4+0x12345678], 0x9abcdef0
        mov     eax, 0
        mov     ecx, 0
        mov     dword [fs:eax+ecx*4+0x3000], 0x9abcdef0
        mov     word [gs:eax+ecx*4+0x3000], 0x1234
        db      0x64, 0x66, 0xf3, 0x3e, 0x2e, 0x26, 0xc7, 0x84, 0x88, 0x00, 0x30, 0x00, 0x00, 0x34, 0x12   ; 15 bytes
        ; control flow
        call    sub32
        call    0x08:(ROMBASE + farsub32)
        mov     eax, ROMBASE + .t1
        jmp     eax
.t1:    mov     dword [0x2010], ROMBASE + .t2
        jmp     dword [0x2010]
.t2:    mov     ecx, 3
.l1:    loop    .l1
        jecxz   .t3
.t3:    cmp     eax, eax
        jz      near .t4
.t4:    jmp     .big
        ; a long straight-line block: more than 1024 bytes, so QEMU's
        ; capstone reader (1 KiB buffer) splits an instruction in the middle
.big:
        times 150 mov dword [0x2000], 0x11223344
        jmp     .big2
.big2:
        times 120 mov dword [ebx+ecx*4+0x2000], 0x11223344
        jmp     .end
.end:
        cli
        hlt
        jmp     .end

sub32:
        inc     eax
        ret
farsub32:
        dec     eax
        retf

        times 0xef00-($-$$) db 0xcc
        align   8
gdt:
        dq      0
        dq      0x00cf9a000000ffff      ; 0x08 code32 flat
        dq      0x00cf92000000ffff      ; 0x10 data32 flat
gdt_desc:
        dw      gdt_desc - gdt - 1
        dd      ROMBASE + gdt

; ---------------------------------------------------------------- reset
        times 0xfff0-($-$$) db 0xcc
        bits    16
        jmp     0xf000:start16
        times 0x10000-($-$$) db 0xcc
