; SPDX-License-Identifier: GPL-2.0-or-later
; bench-pam-none.asm - bench-pam.asm writing a plain config register
; instead of PAM: the baseline for the time per PAM write.
%define PAM_NONE
%include "bench-pam.asm"
