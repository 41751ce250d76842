#!/usr/bin/env python3
"""Resource limits end a program cleanly: the documented message and exit
code, and the output printed so far kept. Usage: limits-test.py --jsvm PATH
"""
import argparse
import os
import subprocess
import sys
import tempfile

KEEPS_EVERYTHING = """
console.log("start");
var keep = [];
for (var i = 0; ; i++) { keep.push({ i: i, pad: new Array(100) }); if (i === 1000) console.log("still going"); }
"""

SPINS = """
console.log("before the loop");
for (;;) {}
"""

CASES = [
    # name, flags, source, exit code, stdout, stderr must contain
    ("heap limit", ["--max-heap=64"], KEEPS_EVERYTHING, 134, "start\nstill going\n",
     "FatalError: JavaScript heap out of memory (limit 64 MB)"),
    ("step limit", ["--max-steps=100000"], SPINS, 5, "before the loop\n", "--max-steps"),
    ("timeout", ["--timeout=1"], SPINS, 6, "before the loop\n", "--timeout"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    args = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, flags, source, code, out, err in CASES:
            path = os.path.join(tmp, "limit.js")
            with open(path, "w") as f:
                f.write(source)
            proc = subprocess.run([args.jsvm, "run"] + flags + [path], capture_output=True, text=True, timeout=120)
            ok = proc.returncode == code and proc.stdout == out and err in proc.stderr
            print("%s: exit %d, stdout %r, stderr %r %s" % (name, proc.returncode, proc.stdout, proc.stderr.strip()[:120],
                                                           "ok" if ok else "FAIL"))
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
