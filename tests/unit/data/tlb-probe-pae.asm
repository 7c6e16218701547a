%define PAE
%include "tests/unit/data/tlb-probe.asm"
