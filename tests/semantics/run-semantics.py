#!/usr/bin/env python3
"""Runs every tests/semantics/*.js with jsvm and compares its stdout with
FILE.expected (node's stdout for the same program, run as a classic script).

Usage:
  run-semantics.py --jsvm PATH [--gc-stress] [--bytecode-file] [--timeout S] [-j N] [FILE.js ...]
  run-semantics.py --update-expected [--node node] [FILE.js ...]

A program passes when jsvm exits with status 0 and its stdout equals the
.expected file byte for byte. --bytecode-file compiles each program first
(jsvm compile) and runs the bytecode file. --update-expected rewrites the .expected files
from node: the program is run with vm.runInThisContext, so that top-level var
and function declarations are global properties as in jsvm (node runs a file
given on the command line as a CommonJS module instead). Both run with
--expose-gc, so a program may call gc() to collect at a known point.
"""
import argparse
import concurrent.futures
import difflib
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Run as a CommonJS module file (its own scope, nothing left to do after the
# program: some programs freeze globalThis).
NODE_AS_SCRIPT = (
    "const f = process.argv[2];\n"
    "require('vm').runInThisContext(require('fs').readFileSync(f, 'utf8'), { filename: f });\n"
)


def programs(args):
    if args.files:
        return [os.path.abspath(f) for f in args.files]
    return sorted(glob.glob(os.path.join(HERE, "*.js")))


def update_expected(args):
    with tempfile.TemporaryDirectory() as tmp:
        wrapper = os.path.join(tmp, "run-as-script.js")
        with open(wrapper, "w") as f:
            f.write(NODE_AS_SCRIPT)
        return write_expected(args, wrapper)


def write_expected(args, wrapper):
    for js in programs(args):
        out = subprocess.run([args.node, "--expose-gc", wrapper, js], capture_output=True, timeout=60)
        if out.returncode != 0:
            print(f"node failed on {js}:\n{out.stderr.decode(errors='replace')}")
            return 1
        with open(js[:-3] + ".expected", "wb") as f:
            f.write(out.stdout)
        print(f"wrote {os.path.basename(js[:-3])}.expected")
    return 0


def run_one(args, js):
    name = os.path.basename(js)
    expected_path = js[:-3] + ".expected"
    if not os.path.exists(expected_path):
        return name, False, "missing " + os.path.basename(expected_path)
    with open(expected_path, "rb") as f:
        expected = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        program = js
        if args.bytecode_file:
            program = os.path.join(tmp, "program.jsbc")
            comp = subprocess.run([args.jsvm, "compile", js, "-o", program], capture_output=True, timeout=args.timeout)
            if comp.returncode != 0:
                return name, False, "compile failed: " + comp.stderr.decode(errors="replace")
        cmd = [args.jsvm, "run", "--expose-gc"] + (["--gc-stress"] if args.gc_stress else []) + [program]
        try:
            out = subprocess.run(cmd, capture_output=True, timeout=args.timeout, cwd=HERE)
        except subprocess.TimeoutExpired:
            return name, False, f"timed out after {args.timeout} s"
    if out.returncode == 0 and out.stdout == expected:
        return name, True, ""
    lines = [f"exit status {out.returncode}"] if out.returncode != 0 else []
    diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                out.stdout.decode(errors="replace").splitlines(),
                                "expected (node)", "jsvm", lineterm="", n=1)
    lines += list(diff)[:40]
    err = out.stderr.decode(errors="replace").strip()
    if err:
        lines.append("stderr: " + "\n        ".join(err.splitlines()[:10]))
    return name, False, "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm")
    ap.add_argument("--gc-stress", action="store_true", help="run jsvm with a collection at every allocation")
    ap.add_argument("--bytecode-file", action="store_true", help="compile each program to a .jsbc file and run that")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("--node", default="node")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if args.update_expected:
        return update_expected(args)
    if not args.jsvm:
        ap.error("--jsvm is required")
    files = programs(args)
    if not files:
        print("no programs found")
        return 1
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for name, ok, detail in pool.map(lambda js: run_one(args, js), files):
            print(("PASS " if ok else "FAIL ") + name)
            if not ok:
                failed.append(name)
                print("  " + detail.replace("\n", "\n  "))
    mode = (" (--gc-stress)" if args.gc_stress else "") + (" (bytecode files)" if args.bytecode_file else "")
    print(f"{len(files) - len(failed)}/{len(files)} passed{mode}")
    if failed:
        print("failed: " + " ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
