; SPDX-License-Identifier: GPL-2.0-or-later
; bench-io-none.asm - bench-io.inc with the none access (see there).
%define IO_NONE
%include "bench-io.inc"
