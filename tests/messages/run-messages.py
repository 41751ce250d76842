#!/usr/bin/env python3
"""The error-message table: runs every tests/messages/cases/NAME.js with jsvm
and compares its output (`e.constructor.name + ": " + e.message` of the
error the case's one line throws) with node's, recorded in
messages.expected.

Usage:
  run-messages.py --jsvm PATH [--bytecode-file] [--table] [-j N] [NAME ...]
  run-messages.py --update-expected [--node node] [NAME ...]

A case passes when jsvm's stdout equals node's. A case listed in
known-differences.txt (`NAME: reason`) is expected to differ: it passes
while it differs and fails once it matches, so that the list only shrinks.
--bytecode-file compiles each case first (jsvm compile) and runs the
bytecode file: the messages that name their source must survive it.
--table prints every case with jsvm's and node's text side by side.
--update-expected rewrites messages.expected from node, which runs each case
as a classic script (vm.runInThisContext), as jsvm does.
"""
import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "messages.expected")
KNOWN = os.path.join(HERE, "known-differences.txt")

NODE_AS_SCRIPT = (
    "const f = process.argv[2];\n"
    "require('vm').runInThisContext(require('fs').readFileSync(f, 'utf8'), { filename: f });\n"
)


def case_names(args):
    if args.names:
        return [os.path.basename(n)[:-3] if n.endswith(".js") else n for n in args.names]
    return sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(CASES, "*.js")))


def read_expected():
    """{name: output} from messages.expected (`== NAME` then the output lines)."""
    table, name = {}, None
    with open(EXPECTED, encoding="utf-8") as f:
        for line in f:
            if line.startswith("== "):
                name = line[3:].rstrip("\n")
                table[name] = ""
            elif name is not None:
                table[name] += line
    return table


def read_known():
    known = {}
    with open(KNOWN, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(":")
                known[name.strip()] = reason.strip()
    return known


def update_expected(args):
    version = subprocess.run([args.node, "--version"], capture_output=True, text=True).stdout.strip()
    table = read_expected() if args.names and os.path.exists(EXPECTED) else {}
    with tempfile.TemporaryDirectory() as tmp:
        wrapper = os.path.join(tmp, "run-as-script.js")
        with open(wrapper, "w") as f:
            f.write(NODE_AS_SCRIPT)
        for name in case_names(args):
            out = subprocess.run([args.node, wrapper, os.path.join(CASES, name + ".js")],
                                 capture_output=True, timeout=60)
            table[name] = out.stdout.decode("utf-8")
    with open(EXPECTED, "w", encoding="utf-8") as f:
        f.write(f"# node {version}: the output of each case (run-messages.py --update-expected)\n")
        for name in sorted(table):
            f.write(f"== {name}\n{table[name]}")
    print(f"wrote {len(table)} cases to {os.path.basename(EXPECTED)}")
    return 0


def run_jsvm(args, name):
    js = os.path.join(CASES, name + ".js")
    with tempfile.TemporaryDirectory() as tmp:
        program = js
        if args.bytecode_file:
            program = os.path.join(tmp, name + ".jsbc")
            comp = subprocess.run([args.jsvm, "compile", js, "-o", program], capture_output=True, timeout=args.timeout)
            if comp.returncode != 0:
                return "compile failed: " + comp.stderr.decode(errors="replace")
        try:
            out = subprocess.run([args.jsvm, "run", program], capture_output=True, timeout=args.timeout, cwd=CASES)
        except subprocess.TimeoutExpired:
            return f"timed out after {args.timeout} s\n"
    text = out.stdout.decode("utf-8", errors="replace")
    if out.returncode != 0:
        text += f"[exit {out.returncode}] " + out.stderr.decode("utf-8", errors="replace")
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsvm")
    ap.add_argument("--node", default="node")
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("--bytecode-file", action="store_true")
    ap.add_argument("--table", action="store_true")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    if args.update_expected:
        return update_expected(args)
    if not args.jsvm:
        ap.error("--jsvm is required")
    args.jsvm = os.path.abspath(args.jsvm)
    expected, known = read_expected(), read_known()
    names = case_names(args)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        outputs = dict(zip(names, pool.map(lambda n: run_jsvm(args, n), names)))
    failures, differing = [], 0
    for name in names:
        if name not in expected:
            failures.append(f"{name}: no node output in messages.expected (run --update-expected {name})")
            continue
        same = outputs[name] == expected[name]
        if args.table:
            mark = "ok" if same else "KNOWN" if name in known else "DIFF"
            print(f"{mark:5} {name}\n      jsvm: {outputs[name].rstrip()}\n      node: {expected[name].rstrip()}")
        if name in known:
            differing += not same
            if same:
                failures.append(f"{name}: now matches node; remove it from known-differences.txt")
        elif not same:
            failures.append(f"{name}:\n  jsvm: {outputs[name].rstrip()}\n  node: {expected[name].rstrip()}")
    for name in known:
        if name not in expected:
            failures.append(f"{name}: in known-differences.txt but not a case")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(names)} cases: {len(names) - len(failures) - differing} match node, "
          f"{differing} known differences, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
