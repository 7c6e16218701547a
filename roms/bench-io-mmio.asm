; SPDX-License-Identifier: GPL-2.0-or-later
; bench-io-mmio.asm - bench-io.inc with the mmio access (see there).
%define IO_MMIO
%include "bench-io.inc"
