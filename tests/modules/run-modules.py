#!/usr/bin/env python3
"""Runs the module programs of tests/modules (*.mjs, and *.js scripts that
use import()) with jsvm and compares their stdout with FILE.expected (node's
stdout for the same program); and, for each PROGRAM.scopes.json, compares
`jsvm scopes PROGRAM.mjs` with the [[Scopes]] V8 reported for it
(v8-module-scopes.mjs) using ../shared/tools/compare-scopes.

Usage:
  run-modules.py --jsvm PATH [--gc-stress] [--timeout S] [FILE ...]
  run-modules.py --update-expected [--node node] [FILE ...]
"""
import argparse
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared")


def programs(files):
    if files:
        return [os.path.abspath(f) for f in files]
    return sorted(glob.glob(os.path.join(HERE, "*.mjs")) + glob.glob(os.path.join(HERE, "*.js")))


def expected_path(program):
    return os.path.splitext(program)[0] + ".expected"


def update(args):
    for program in programs(args.files):
        if program.endswith("v8-module-scopes.mjs"):
            continue
        scopes = os.path.splitext(program)[0] + ".scopes.json"
        if os.path.exists(scopes):
            out = subprocess.run([args.node, os.path.join(HERE, "v8-module-scopes.mjs"), program],
                                 capture_output=True, cwd=HERE)
            with open(scopes, "wb") as f:
                f.write(out.stdout)
            continue
        out = subprocess.run([args.node, program], capture_output=True, cwd=HERE, timeout=60)
        if out.returncode != 0:
            print("node failed on %s:\n%s" % (program, out.stderr.decode(errors="replace")))
            return 1
        with open(expected_path(program), "wb") as f:
            f.write(out.stdout)
        print("wrote", os.path.basename(expected_path(program)))
    return 0


def check(args):
    failed = 0
    total = 0
    extra = ["--gc-stress"] if args.gc_stress else []
    for program in programs(args.files):
        if program.endswith("v8-module-scopes.mjs"):
            continue
        total += 1
        name = os.path.basename(program)
        scopes = os.path.splitext(program)[0] + ".scopes.json"
        try:
            if os.path.exists(scopes):
                p = subprocess.run([args.jsvm, "scopes"] + extra + [program], capture_output=True, cwd=HERE,
                                   timeout=args.timeout)
                actual = os.path.join(os.environ.get("TMPDIR", "/tmp"), "jsvm-module-scopes-%d.json" % os.getpid())
                with open(actual, "wb") as f:
                    f.write(p.stdout)
                c = subprocess.run(["node", os.path.join(SHARED, "tools", "compare-scopes"), scopes, actual],
                                   capture_output=True)
                os.unlink(actual)
                ok = p.returncode == 0 and c.returncode == 0
                detail = (c.stdout + c.stderr + p.stderr).decode(errors="replace")
            else:
                p = subprocess.run([args.jsvm, "run"] + extra + [program], capture_output=True, cwd=HERE,
                                   timeout=args.timeout)
                with open(expected_path(program), "rb") as f:
                    want = f.read()
                ok = p.returncode == 0 and p.stdout == want
                detail = "exit %d\n--- expected\n%s--- got\n%s%s" % (
                    p.returncode, want.decode(errors="replace"), p.stdout.decode(errors="replace"),
                    p.stderr.decode(errors="replace"))
        except subprocess.TimeoutExpired:
            ok, detail = False, "timeout"
        if not ok:
            failed += 1
            print("FAIL %s\n%s" % (name, detail))
    print("%d of %d module programs pass" % (total - failed, total))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm")
    ap.add_argument("--node", default="node")
    ap.add_argument("--gc-stress", action="store_true")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if args.update_expected:
        return update(args)
    if not args.jsvm:
        ap.error("--jsvm is required")
    args.jsvm = os.path.abspath(args.jsvm)
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
