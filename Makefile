# x86slice — build, run, test, benchmark.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   make          build/x86slice and build/libx86slice.a
#   make deps     install the Debian packages the build needs (or say which)
#   make run      build and show the pc machine (for now: its `info mtree`)
#   make check    every test, plus the unit tests under ASan+UBSan in build/asan/
#   make bench    benchmark figures (not timed tests)

CC      ?= cc
PKGS    := glib-2.0 capstone libelf
OPT     ?= -O2
CFLAGS_BASE := $(OPT) -g -std=gnu11 -Wall -Wextra -Werror -fno-strict-aliasing \
               -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

# Debian packages for building, running (seabios: the default firmware,
# bios-256k.bin) and testing; the QEMU comparison tests also use
# qemu-system-x86 when present.
DEB_PKGS := libglib2.0-dev libcapstone-dev libelf-dev check nasm gcc-multilib pkg-config seabios

B       := build
ASAN    := $(B)/asan
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS     := $(sort $(wildcard softmmu/*.c accel/tcg/*.c cpu/*.c hw/*/*.c))
MAIN_SRC := softmmu/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)
ASAN_OBJS := $(LIB_SRCS:%.c=$(ASAN)/%.o)

UNIT_SRCS  := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
ASAN_UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(ASAN)/tests/%)
UNIT_HELPERS := $(filter-out $(UNIT_SRCS),$(wildcard tests/unit/*.c))

BENCH_SRCS := $(sort $(wildcard tests/bench/bench-*.c))

# Our own test ROMs (roms/*.asm, nasm): 64 KiB or larger BIOS images.
ROM_SRCS := $(sort $(wildcard roms/*.asm))
ROM_BINS := $(ROM_SRCS:roms/%.asm=$(B)/roms/%.bin)
# Option ROMs x86slice hands to the firmware (-kernel): found at run time
# in build/roms/optionrom/ beside build/x86slice.
# The multiboot test/demo kernel (roms/kernel/): an ELF image, and the same
# code as a flat image whose multiboot header has the address fields.
KERNEL_DIR := $(B)/roms/kernel
KERNELS := $(KERNEL_DIR)/mbdemo.elf $(KERNEL_DIR)/mbdemo-aout.bin
OPTROM_BINS := $(patsubst roms/optionrom/%.asm,$(B)/roms/optionrom/%.bin,$(wildcard roms/optionrom/*.asm))
# Probe ROMs the unit tests replay (sources in git, images built, ignored).
UNIT_DATA_BINS := $(patsubst %.asm,%.bin,$(wildcard tests/unit/data/*.asm))
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(B)/bench/%)

.PHONY: all deps run check unit asan-unit bench clean roms
all: $(B)/x86slice $(B)/libx86slice.a roms
roms: $(ROM_BINS) $(OPTROM_BINS) $(KERNELS)

tests/unit/data/%.bin: tests/unit/data/%.asm
	@echo "  NASM    $<"
	@nasm -f bin -o $@ $<

$(B)/roms/%.bin: roms/%.asm $(wildcard roms/*.inc)
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@nasm -f bin -I roms/ -o $@ $<

KERNEL_CFLAGS := -m32 -march=i386 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                 -fno-asynchronous-unwind-tables -nostdlib -O2 -Wall -Wextra -Werror
KERNEL_LDFLAGS := -m elf_i386 --no-warn-rwx-segments -z noexecstack -T roms/kernel/link.ld

$(KERNEL_DIR)/%.o: roms/kernel/%.c
	@mkdir -p $(dir $@)
	@echo "  CC32    $<"
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_DIR)/entry.o: roms/kernel/entry.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@nasm -f elf32 -o $@ $<

$(KERNEL_DIR)/entry-aout.o: roms/kernel/entry.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $< (a.out kludge)"
	@nasm -f elf32 -DAOUT -o $@ $<

$(KERNEL_DIR)/mbdemo.elf: $(KERNEL_DIR)/entry.o $(KERNEL_DIR)/mbinfo.o roms/kernel/link.ld
	@echo "  LD      $@"
	@ld $(KERNEL_LDFLAGS) -o $@ $(KERNEL_DIR)/entry.o $(KERNEL_DIR)/mbinfo.o

$(KERNEL_DIR)/mbdemo-aout.bin: $(KERNEL_DIR)/entry-aout.o $(KERNEL_DIR)/mbinfo.o roms/kernel/link.ld
	@echo "  LD      $@"
	@ld $(KERNEL_LDFLAGS) -o $@.elf $(KERNEL_DIR)/entry-aout.o $(KERNEL_DIR)/mbinfo.o
	@objcopy -O binary $@.elf $@

# An option ROM's bytes must sum to 0 (SeaBIOS checks): the last byte,
# left 0 by the source, becomes the checksum (QEMU's signrom.py).
$(B)/roms/optionrom/%.bin: roms/optionrom/%.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@nasm -f bin -o $@.tmp $<
	@sum=$$(od -An -v -tu1 $@.tmp | awk '{ for (i = 1; i <= NF; i++) s += $$i } END { print (256 - s % 256) % 256 }'); \
	  size=$$(wc -c < $@.tmp); \
	  printf "$$(printf '\\%03o' $$sum)" | dd of=$@.tmp bs=1 seek=$$((size - 1)) conv=notrunc 2>/dev/null
	@mv $@.tmp $@

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	else \
	  echo "x86slice needs Debian packages that are missing. Run:"; \
	  echo "  sudo apt-get install$$missing"; exit 1; \
	fi

$(B)/%.o: %.c $(wildcard */*.h */*/*.h) Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_BASE) -c $< -o $@

$(ASAN)/%.o: %.c $(wildcard */*.h */*/*.h) Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $< (asan)"
	@$(CC) $(CFLAGS_BASE) -O1 $(SAN_FLAGS) -c $< -o $@

$(B)/libx86slice.a: $(LIB_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(ASAN)/libx86slice.a: $(ASAN_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(B)/x86slice: $(B)/$(MAIN_SRC:.c=.o) $(B)/libx86slice.a
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_BASE) -o $@ $^ $(LIBS)

$(B)/tests/%: tests/unit/%.c $(UNIT_HELPERS) $(B)/libx86slice.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_BASE) $(CHECK_CFLAGS) -o $@ $< $(UNIT_HELPERS) $(B)/libx86slice.a $(LIBS) $(CHECK_LIBS)

$(ASAN)/tests/%: tests/unit/%.c $(UNIT_HELPERS) $(ASAN)/libx86slice.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_BASE) -O1 $(SAN_FLAGS) $(CHECK_CFLAGS) -o $@ $< $(UNIT_HELPERS) $(ASAN)/libx86slice.a $(LIBS) $(CHECK_LIBS)

$(B)/bench/%: tests/bench/%.c $(B)/libx86slice.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_BASE) -o $@ $< $(B)/libx86slice.a $(LIBS)

# The reference machine of ../shared/design.md.
REF_MACHINE := -M pc,hpet=off,vmport=off,smbus=off,acpi=off,usb=off -nodefaults \
               -global apic-common.vapic=off -accel tcg -m 128M -display none
# make run: SeaBIOS boots the demo kernel (roms/kernel/) through -kernel; its
# COM1 output goes to the terminal, then the device accesses it made
# (memory_region_ops_* trace lines from its first one, a POST code 'K' on
# port 0x80; host pointers masked), without those that print its text
# (COM1 and port 0xe9).
DEMO_TRACE := $(B)/demo-trace.log
run: deps all
	@echo "== x86slice $(REF_MACHINE) -kernel $(KERNEL_DIR)/mbdemo.elf -append demo -serial stdio"
	@./$(B)/x86slice $(REF_MACHINE) -kernel $(KERNEL_DIR)/mbdemo.elf -append "demo" \
	    -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=4 \
	    -trace 'memory_region_ops_*' -D $(DEMO_TRACE) < /dev/null; \
	  status=$$?; [ $$status -eq 1 ] || { echo "demo kernel failed (exit status $$status)"; exit 1; }
	@echo "== the demo kernel's device accesses ($(DEMO_TRACE), text output left out)"
	@awk '/value 0x4b size 1 name .ioport80./ { on = 1 } on' $(DEMO_TRACE) | \
	    grep -v "name 'serial'\|addr 0xe9 " | sed 's/ mr 0x[0-9a-f]*/ mr <ptr>/'

# CK_FORK=no keeps ASan's view of each test in one process; the tests
# reset global memory state themselves.
unit: $(UNIT_BINS) $(UNIT_DATA_BINS)
	@tests/run-unit $(UNIT_BINS)

asan-unit: $(ASAN_UNIT_BINS) $(UNIT_DATA_BINS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  tests/run-unit $(ASAN_UNIT_BINS)

check: deps all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory asan-unit
	@tests/run-system

bench: all $(BENCH_BINS)
	@for b in $(BENCH_BINS); do $$b || exit 1; done
	@tests/bench/rom-bench

clean:
	rm -rf $(B)
