# Shared helpers for the ROM tests (tests/kernels/roms.test,
# tests/kernels/update-expected, tests/qemu/rom-lockstep.test).
# SPDX-License-Identifier: GPL-2.0-or-later
import glob
import os
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
X86SLICE = os.path.join(ROOT, "build", "x86slice")
ROMDIR = os.path.join(ROOT, "build", "roms")
EXPECTED = os.path.join(ROOT, "tests", "kernels", "expected")

# The reference machine plus the two ISA debug devices (see roms/README.md).
MACHINE = ["-M", "pc,hpet=off,vmport=off,smbus=off,acpi=off,usb=off", "-nodefaults",
           "-global", "apic-common.vapic=off", "-accel", "tcg", "-m", "128M",
           "-display", "none"]


def rom_source_line(rom, key):
    """The words of a "; KEY: ..." line in roms/NAME.asm, or None."""
    src = os.path.join(ROOT, "roms", os.path.basename(rom)[:-4] + ".asm")
    try:
        with open(src, encoding="utf-8") as f:
            for line in f:
                if line.startswith("; " + key + ":"):
                    return line.split(":", 1)[1].split()
    except OSError:
        pass
    return None


def lockstep_modes(rom):
    """The rom-lockstep modes a ROM runs in by default: all, unless a
    "; lockstep-modes: ..." line names some (the device probe ROMs: their
    instruction-level logs only repeat what the CPU ROMs cover)."""
    return rom_source_line(rom, "lockstep-modes")


def extra_args(rom):
    """A ROM's own options: a "; rom-args: ..." line in roms/NAME.asm (e.g.
    the serial ports it probes)."""
    src = os.path.join(ROOT, "roms", os.path.basename(rom)[:-4] + ".asm")
    try:
        with open(src, encoding="utf-8") as f:
            for line in f:
                if line.startswith("; rom-args:"):
                    return line.split(":", 1)[1].split()
    except OSError:
        pass
    return []


def rom_args(rom, out):
    """Command-line arguments (without the program) to run `rom`, with the
    debugcon output going to the file `out`."""
    return MACHINE + ["-bios", rom,
                      "-device", "isa-debugcon,iobase=0xe9,chardev=dc",
                      "-chardev", "file,id=dc,path=" + out,
                      "-device", "isa-debug-exit,iobase=0xf4,iosize=4"] + extra_args(rom)


def test_roms(names=None):
    """The test ROMs (build/roms/*.bin but the bench-* ones), optionally only
    those named (name, name.bin or a path)."""
    roms = sorted(r for r in glob.glob(os.path.join(ROMDIR, "*.bin"))
                  if not os.path.basename(r).startswith("bench-"))
    if not names:
        return roms
    picked = []
    for n in names:
        base = os.path.basename(n)
        if not base.endswith(".bin"):
            base += ".bin"
        path = n if os.path.isfile(n) else os.path.join(ROMDIR, base)
        if not os.path.isfile(path):
            raise SystemExit(f"no such ROM: {n} (looked for {path}; run `make roms`)")
        picked.append(path)
    return picked


def rom_name(rom):
    return os.path.splitext(os.path.basename(rom))[0]


def run(prog, rom, out, extra=(), timeout=20):
    """Run `prog` on `rom`; returns (exit status or a string saying why there
    is none, debugcon output, stderr)."""
    try:
        p = subprocess.run([prog] + rom_args(rom, out) + list(extra),
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        status = p.returncode
        err = p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        status, err = f"timeout after {timeout} s", ""
    except OSError as e:
        status, err = f"cannot run: {e}", ""
    try:
        with open(out, "rb") as f:
            text = f.read().decode("latin-1")
    except OSError:
        text = ""
    return status, text, err


def check_output(status, text):
    """The success criteria every ROM shares; returns a list of problems."""
    problems = []
    if status != 1:
        problems.append(f"exit status {status}, expected 1 (debug-exit code 0)")
    for n, line in enumerate(text.split("\n"), 1):
        if "FAIL" in line:
            problems.append(f"output line {n}: {line.strip()}")
            break
    lines = text.rstrip("\n").split("\n")
    if lines[-1] != "DONE":
        problems.append(f"last output line is {lines[-1]!r}, expected 'DONE'")
    return problems
