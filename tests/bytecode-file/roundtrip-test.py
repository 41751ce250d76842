#!/usr/bin/env python3
"""Bytecode files are reproducible and list as the source does.

For every program of ../shared/conformance that compiles: `jsvm compile` run
twice (two processes) gives identical bytes, with and without --strip, and
`jsvm disasm FILE.jsbc` prints exactly what `jsvm disasm FILE.js` prints.
Prints the first difference and fails on any.

Usage: roundtrip-test.py --jsvm BUILD/jsvm
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("JSVM_SHARED_DIR", os.path.join(HERE, "..", "..", "..", "shared"))


def check(jsvm, src, tmp):
    """None when `src` round-trips, else what differs."""
    base = os.path.join(tmp, os.path.relpath(src, SHARED).replace(os.sep, "_"))
    outputs = {}
    for name, extra in (("a", []), ("b", []), ("strip-a", ["--strip"]), ("strip-b", ["--strip"])):
        out = base + "." + name + ".jsbc"
        p = subprocess.run([jsvm, "compile", src, "-o", out] + extra, capture_output=True)
        if p.returncode != 0:
            return None if b"SyntaxError" in p.stderr else "compile failed: %r" % p.stderr[-300:]
        with open(out, "rb") as f:
            outputs[name] = f.read()
    if outputs["a"] != outputs["b"]:
        return "two compiles differ"
    if outputs["strip-a"] != outputs["strip-b"]:
        return "two --strip compiles differ"
    if len(outputs["strip-a"]) >= len(outputs["a"]):
        return "--strip did not make the file smaller"
    from_source = subprocess.run([jsvm, "disasm", src], capture_output=True, text=True).stdout
    from_file = subprocess.run([jsvm, "disasm", base + ".a.jsbc"], capture_output=True, text=True).stdout
    if from_source != from_file:
        for i, (x, y) in enumerate(zip(from_source.splitlines(), from_file.splitlines())):
            if x != y:
                return "disasm differs at line %d:\n  source: %s\n  file:   %s" % (i + 1, x, y)
        return "disasm differs in length"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    conformance = os.path.join(SHARED, "conformance")
    if not os.path.isdir(conformance):
        print("SKIPPED: needs ../shared/conformance beside the repository")
        return 77
    programs = sorted(os.path.join(root, f) for root, _, files in os.walk(conformance) for f in files if f.endswith(".js"))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for src, why in zip(programs, pool.map(lambda s: check(args.jsvm, s, tmp), programs)):
            if why:
                failures += 1
                print("FAIL %s: %s" % (os.path.relpath(src, conformance), why))
    print("%d programs, %d failures" % (len(programs), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
