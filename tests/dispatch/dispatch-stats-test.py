#!/usr/bin/env python3
"""jsvm run --dispatch-stats / --dispatch-stats-file: the counts are exact.

A loop of N iterations in a function executes JumpLoop N times; every
dispatch but the last has a successor, so the pair counts sum to the number
of bytecodes executed minus one; the JSON has V8's {from: {to: count}} shape.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--jsvm", required=True)
args = ap.parse_args()

N = 1234
failures = 0


def check(cond, what):
    global failures
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        failures += 1


with tempfile.TemporaryDirectory() as tmp:
    script = os.path.join(tmp, "loop.js")
    with open(script, "w") as f:
        f.write("function f(n) { var s = 0; for (var i = 0; i < n; i++) s += i; return s; }\n"
                "console.log(f(%d));\n" % N)
    out_json = os.path.join(tmp, "dispatch.json")
    p = subprocess.run([args.jsvm, "run", "--dispatch-stats", "--dispatch-stats-file", out_json, script],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, "exit code 0 (got %d)" % p.returncode)
    check(p.stdout.strip() == str(N * (N - 1) // 2), "the program's output is kept: " + p.stdout.strip())
    first = p.stderr.splitlines()[0] if p.stderr else ""
    check(first.startswith("dispatch statistics: "), "table header on stderr: " + first)
    total = int(first.split()[2]) if first.startswith("dispatch statistics: ") else -1
    table = {}
    for line in p.stderr.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit():
            table[parts[0]] = int(parts[1])
    check(table.get("JumpLoop") == N, "JumpLoop executed %d times (table says %s)" % (N, table.get("JumpLoop")))
    check(any("JumpLoop -> " in l for l in p.stderr.splitlines()), "pairs listed")
    with open(out_json) as f:
        counters = json.load(f)
    check(all(isinstance(v, dict) and all(isinstance(c, int) for c in v.values()) for v in counters.values()),
          "V8's dispatch counters shape {from: {to: count}}")
    pair_sum = sum(sum(v.values()) for v in counters.values())
    check(pair_sum == total - 1, "pair counts sum to executed - 1 (%d vs %d)" % (pair_sum, total - 1))
    check(sum(counters.get("JumpLoop", {}).values()) == N, "JumpLoop's successors counted %d times" % N)

    bad = subprocess.run([args.jsvm, "run", "--dispatch-stats-file", os.path.join(tmp, "no/such/dir/x.json"), script],
                         capture_output=True, text=True, timeout=60)
    check(bad.returncode == 3 and "cannot write" in bad.stderr, "unwritable file: exit 3 with a message")

print("%d failed" % failures)
sys.exit(1 if failures else 0)
