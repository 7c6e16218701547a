; SPDX-License-Identifier: GPL-2.0-or-later
; bench-io-port.asm - bench-io.inc with the port access (see there).
%define IO_PORT
%include "bench-io.inc"
