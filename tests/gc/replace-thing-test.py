#!/usr/bin/env python3
"""The replaceThing leak, measured: live bytes after N iterations (jsvm
--heap-stats) grow linearly in N for the leaking program and stay flat for
the fixed one (`leak = null`). Asserts ratios between N=100 and N=50, never
absolute sizes. Usage: replace-thing-test.py --jsvm PATH
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

LEAKING = """
let theThing = null;
let replaceThing = function () {
  let leak = theThing;
  function unused() { if (leak) {} }
  theThing = { longStr: new Array(10000), someMethod: function () {} };
};
let index = N;
while (index--) replaceThing();
console.log(typeof theThing.someMethod);
"""

FIXED = """
let theThing = null;
let replaceThing = function () {
  let leak = theThing;
  function unused() { if (leak) {} }
  theThing = { longStr: new Array(10000), someMethod: function () {} };
  leak = null;
};
let index = N;
while (index--) replaceThing();
console.log(typeof theThing.someMethod);
"""


def live_bytes(jsvm, source, n, tmp):
    path = os.path.join(tmp, "replace-thing-%d.js" % n)
    with open(path, "w") as f:
        f.write(source.replace("N;", "%d;" % n))
    proc = subprocess.run([jsvm, "run", "--heap-stats", path], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or proc.stdout != "function\n":
        raise RuntimeError("jsvm failed: %s %s" % (proc.stdout, proc.stderr))
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    return stats["live_bytes"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    args = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, source, low, high in (("leaking", LEAKING, 1.8, 2.2), ("fixed", FIXED, 0.9, 1.1)):
            a = live_bytes(args.jsvm, source, 50, tmp)
            b = live_bytes(args.jsvm, source, 100, tmp)
            ratio = b / a
            ok = low <= ratio <= high
            print("%s: live bytes N=50 %d, N=100 %d, ratio %.3f (expected %.1f..%.1f) %s"
                  % (name, a, b, ratio, low, high, "ok" if ok else "FAIL"))
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
