#!/usr/bin/env python3
"""Mutation test of bytecode files: the loader and verifier against damaged input.

Compiles several conformance programs to .jsbc, then runs COUNT randomly
mutated copies (seeded RNG): bit flips, truncations, inserted bytes and
swapped operands. In "raw" mode the damage is left as it is (the checksum
catches nearly all of it); in "fixup" mode the payload size and checksum are
recomputed afterwards, so that the loader's checks and the verifier see the
damage. Every run must end in one of these ways:

  ran        exit 0, nothing on stderr
  js-error   exit 1, stderr starts with "Uncaught "
  limit      exit 5/6 (--max-steps/--timeout: a mutated jump made a loop)
  verifier   exit 7, stderr is exactly "FILE: invalid bytecode: function NAME: offset N: reason"
  format     exit 7, stderr is exactly "FILE: invalid bytecode file: reason"
  checksum   exit 7, the checksum or size mismatch message
  truncated  exit 7, "FILE: truncated bytecode file: reason" (cut in the header or payload)
  version    exit 7, the version mismatch message

Anything else fails the test: death by a signal, a sanitizer report, another
exit status, or unexpected text on stderr.

Usage: mutation-test.py --jsvm BUILD/jsvm [--count 1000] [--seed 7] [--jobs 2]
"""

import argparse
import collections
import concurrent.futures
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("JSVM_SHARED_DIR", os.path.join(HERE, "..", "..", "..", "shared"))
PROGRAMS = [
    "tier1/closure_counter", "tier1/exc_finally", "tier1/ctrl_labels", "tier1/ctrl_for_in",
    "tier1/fn_arguments_mapped", "tier2/class_extends_super", "tier2/let_for_per_iteration",
    "tier2/destructuring_params", "tier2/template_literals", "seeds/seed_g_scope_chain_deep",
]
MAGIC = b"\x7fJSVMBC\n"
FNV_OFFSET, FNV_PRIME = 0xcbf29ce484222325, 0x100000001b3


def fnv1a64(data):
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def split_header(blob):
    """(header length, offset of the payload size and checksum) of a well-formed file."""
    version_len = struct.unpack_from("<I", blob, 12)[0]
    flags_at = 16 + version_len
    return flags_at + 4 + 16, flags_at + 4


def bytecode_sizes(jsvm):
    """Instruction sizes by opcode, from `jsvm bytecodes` (vm/interpreter/bytecodes.def)."""
    out = subprocess.run([jsvm, "bytecodes"], capture_output=True, text=True, check=True).stdout
    sizes = {}
    for m in re.finditer(r"^\| (\d+) \| `\w+` \| [^|]* \| (\d+) \|", out, re.M):
        sizes[int(m.group(1))] = int(m.group(2))
    return sizes


class Payload:
    """Finds the bytecode ranges of the functions of a payload."""

    def __init__(self, data):
        self.d, self.p = data, 0
        self.code_ranges = []

    def u8(self):
        self.p += 1
        return self.d[self.p - 1]

    def u32(self):
        self.p += 4
        return struct.unpack_from("<I", self.d, self.p - 4)[0]

    def skip(self, item_size):
        """Skips a u32 count of items of `item_size` bytes."""
        n = self.u32()
        self.p += item_size * n

    def value(self):
        tag = self.u8()
        if tag == 1:
            self.p += 8
        elif tag in (0, 2, 3, 4):
            self.p += 4
        elif tag in (5, 6):
            n = self.u32()
            for _ in range(n * (2 if tag == 6 else 1)):
                self.value()

    def parse(self):
        for _ in range(self.u32()):
            self.skip(2)
        self.u32()
        if self.u8():
            self.u32()
        for _ in range(self.u32()):
            self.p += 6  # scope info: type, flags, function name
            self.skip(5)
        for _ in range(self.u32()):
            self.p += 4 + 4 + 1 + 1 + 2 + 2 + 6 * 4
            self.skip(4)  # parameter context slots
            self.skip(4)  # names of a generator's saved values
            n = self.u32()
            self.code_ranges.append((self.p, self.p + n))
            self.p += n
            for _ in range(self.u32()):
                self.value()
            self.skip(16)
            self.skip(9)
            self.skip(13)  # call sites
        return self


def instructions(code, sizes):
    at = 0
    while at < len(code) and code[at] in sizes:
        yield at, sizes[code[at]]
        at += sizes[code[at]]


def mutate(rng, blob, sizes, fixup):
    """A damaged copy of `blob` and a description of the damage."""
    header_len, sizes_at = split_header(blob)
    data = bytearray(blob)
    payload = Payload(bytes(blob[header_len:])).parse()
    kind = rng.choice(["bitflip", "bitflip-code", "truncate", "insert", "swap-operands"])
    lo = header_len if fixup else len(MAGIC)  # a file without the magic is read as source
    if kind == "bitflip" or (kind in ("bitflip-code", "swap-operands") and not payload.code_ranges):
        i = rng.randrange(lo, len(data))
        data[i] ^= 1 << rng.randrange(8)
    elif kind == "bitflip-code":
        start, end = rng.choice(payload.code_ranges)
        i = header_len + rng.randrange(start, end)
        data[i] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[:rng.randrange(lo, len(data))]
    elif kind == "insert":
        i = rng.randrange(lo, len(data) + 1)
        data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    else:  # swap two operands of one instruction (or two whole instructions)
        start, end = rng.choice(payload.code_ranges)
        code = payload.d[start:end]
        insns = list(instructions(code, sizes))
        at, size = rng.choice(insns)
        if size >= 5:
            # two operand byte ranges of equal width
            width = rng.choice([1, 2]) if size < 7 else rng.choice([1, 2, 4])
            a = rng.randrange(1, size - width + 1)
            b = rng.randrange(1, size - width + 1)
            base = header_len + start + at
            data[base + a:base + a + width], data[base + b:base + b + width] = (
                bytes(data[base + b:base + b + width]), bytes(data[base + a:base + a + width]))
        elif len(insns) > 1:
            i = rng.randrange(len(insns) - 1)
            (a, sa), (b, sb) = insns[i], insns[i + 1]
            base = header_len + start
            data[base + a:base + b + sb] = data[base + b:base + b + sb] + data[base + a:base + a + sa]
    if fixup and len(data) >= header_len:
        body = bytes(data[header_len:])
        struct.pack_into("<QQ", data, sizes_at, len(body), fnv1a64(body))
    return bytes(data), kind


VERIFIER = re.compile(r"^(?P<file>.+): invalid bytecode: function .+: offset \d+: .+\n$")
FORMAT = re.compile(r"^(?P<file>.+): invalid bytecode file: .+\n$")
CHECKSUM = re.compile(r"^(?P<file>.+): bytecode file (checksum mismatch: the file is corrupt|size mismatch: .+)\n$")
TRUNCATED = re.compile(r"^(?P<file>.+): truncated bytecode file: .+\n$")
VERSION = re.compile(r"^(?P<file>.+): bytecode file format \d+ \(.*\); this jsvm reads format \d+ \(.+\): recompile the script\n$")


def classify(path, rc, stderr):
    """The outcome of one run, or ("FAIL", why)."""
    if rc < 0:
        return "FAIL", "killed by signal %d" % -rc
    if "Sanitizer" in stderr or "runtime error:" in stderr:
        return "FAIL", "sanitizer report"
    if rc == 0:
        return ("ran", "") if stderr == "" else ("FAIL", "exit 0 with stderr")
    if rc == 1:
        return ("js-error", "") if stderr.startswith("Uncaught ") else ("FAIL", "exit 1 without Uncaught")
    if rc in (5, 6):
        return "limit", ""
    if rc == 7:
        for name, pattern in (("verifier", VERIFIER), ("format", FORMAT), ("checksum", CHECKSUM),
                              ("truncated", TRUNCATED), ("version", VERSION)):
            m = pattern.match(stderr)
            if m and m.group("file") == path:
                return name, ""
        return "FAIL", "exit 7 without a loader or verifier message"
    return "FAIL", "exit status %d" % rc


def run_one(jsvm, path):
    p = subprocess.run([jsvm, "run", "--max-steps", "2000000", "--timeout", "10", "--max-heap", "256", path],
                       capture_output=True, text=True, errors="replace")
    return p.returncode, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fixup-share", type=float, default=0.75, help="share of mutations whose checksum is fixed up")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    conformance = os.path.join(SHARED, "conformance")
    if not os.path.isdir(conformance):
        print("SKIPPED: needs ../shared/conformance beside the repository")
        return 77
    sizes = bytecode_sizes(args.jsvm)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        originals = []
        for name in PROGRAMS:
            src = os.path.join(conformance, name + ".js")
            out = os.path.join(tmp, os.path.basename(name) + ".jsbc")
            subprocess.run([args.jsvm, "compile", src, "-o", out], check=True)
            with open(out, "rb") as f:
                originals.append((os.path.basename(name), f.read()))
        jobs = []
        for i in range(args.count):
            name, blob = rng.choice(originals)
            fixup = rng.random() < args.fixup_share
            data, kind = mutate(rng, blob, sizes, fixup)
            path = os.path.join(tmp, "m%04d-%s.jsbc" % (i, name))
            with open(path, "wb") as f:
                f.write(data)
            jobs.append((path, "fixup" if fixup else "raw", kind))
        outcomes = collections.Counter()
        failures = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = pool.map(lambda j: run_one(args.jsvm, j[0]), jobs)
            for (path, mode, kind), (rc, stderr) in zip(jobs, results):
                outcome, why = classify(path, rc, stderr)
                outcomes[(mode, outcome)] += 1
                if outcome == "FAIL":
                    failures.append("%s (%s, %s): %s\n%s" % (os.path.basename(path), mode, kind, why, stderr[-2000:]))
                    keep = os.environ.get("JSVM_MUTATION_KEEP")
                    if keep:
                        os.makedirs(keep, exist_ok=True)
                        with open(path, "rb") as src, open(os.path.join(keep, os.path.basename(path)), "wb") as dst:
                            dst.write(src.read())
    for mode in ("raw", "fixup"):
        total = sum(n for (m, _), n in outcomes.items() if m == mode)
        parts = ", ".join("%s %d" % (o, n) for (m, o), n in sorted(outcomes.items()) if m == mode)
        print("%s (%d): %s" % (mode, total, parts))
    for f in failures[:20]:
        print("FAIL " + f)
    print("%d mutations, %d failures" % (args.count, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
