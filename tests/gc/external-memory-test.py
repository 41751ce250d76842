#!/usr/bin/env python3
"""Memory a cell owns outside the heap (flattened ropes, elements, tables,
out-of-line slots, code made at run time, ArrayBuffer backing stores) counts toward collections and the
--max-heap limit (gc/external-memory.h; docs/gc.md). Usage:
external-memory-test.py --jsvm PATH

Each program below grows only external memory between the allocations the
collector saw before: without the accounting, garbage piles up unseen until
malloc fails, and a limit never stops a program. The garbage cases run under
an address-space limit (RLIMIT_AS, 160 MB above what an empty script maps)
that they exceed by far when flattened strings go uncounted; the retained
cases must stop at --max-heap with the documented message. A sanitizer
build maps terabytes of shadow memory: there (--no-address-limit) the
address-space limit is left out and the rest is checked.
"""
import argparse
import json
import resource
import subprocess
import sys

ROPES = 'var t="";for(var k=0;k<8000;k++){t+=k;t.charAt(0)} console.log(t.length)'
# The same, keeping every flattened rope: its live size is quadratic.
ROPES_KEPT = ('console.log("start"); var t="", keep=[];'
              'for(var k=0;;k++){t+=k;t.charAt(0);keep.push(t)}')
# Only elements grow (no cell is allocated inside the loop).
PUSH_KEPT = 'console.log("start"); var a=[]; for(;;) a.push(1);'
MAP_KEPT = 'console.log("start"); var m=new Map(); for(var i=0;;i++) m.set(i,i);'
SLOTS_KEPT = 'console.log("start"); var o={}; for(var i=0;;i++) o["p"+i]=i;'
SPARSE_KEPT = 'console.log("start"); var a=[]; for(var i=0;;i++) a[i*5000]=i;'
# Code made at run time, thrown away at once.
FUNCTIONS = ('var n=0; for(var i=0;i<3000;i++){ var f=new Function("a","return a+"+i+"+"+JSON.stringify("x".repeat(2000))); n+=f(1).length }'
             'console.log(n)')
# Garbage elements, tables and strings: the live heap stays small.
GARBAGE = ('var s=0; for(var i=0;i<400;i++){ var a=new Array(20000).fill(i); var m=new Map();'
           'for(var j=0;j<2000;j++) m.set(j,a); s+=a.length+m.size } console.log(s)')

# ArrayBuffer backing stores (1 MB each), dropped at once or kept.
BUFFERS = 'var s=0; for(var i=0;i<400;i++){ var b=new Uint8Array(1<<20); b[i]=1; s+=b.length } console.log(s)'
BUFFERS_KEPT = 'console.log("start"); var keep=[]; for(;;) keep.push(new ArrayBuffer(1<<20));'

LIMIT_MESSAGE = "FatalError: JavaScript heap out of memory (limit {} MB)"


def run(jsvm, flags, source, address_space=None):
    def limit():
        if address_space:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    return subprocess.run([jsvm, "run", *flags, "/dev/stdin"],
                          input=source, capture_output=True, text=True, timeout=300, preexec_fn=limit)


def empty_script_address_space(jsvm):
    """The address space an empty script maps (the VM's stack mapping is most of it)."""
    out = subprocess.run([jsvm, "run", "/dev/stdin"], input="", capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    # Probe: the smallest limit (in 16 MB steps) under which an empty script runs.
    for mb in range(64, 2048, 16):
        r = run(jsvm, [], "", mb << 20)
        if r.returncode == 0:
            return mb << 20
    raise AssertionError("an empty script does not run under 2 GB of address space")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--no-address-limit", action="store_true")
    args = ap.parse_args()
    failures = []

    def check(name, cond, detail):
        print(("ok   " if cond else "FAIL ") + name)
        if not cond:
            failures.append(name)
            print("     " + detail.replace("\n", "\n     "))

    base = None if args.no_address_limit else empty_script_address_space(args.jsvm)
    budget = None if base is None else base + (160 << 20)

    for name, source, expected in [("ropes read in a loop", ROPES, "30890\n"),
                                   ("functions made and dropped", FUNCTIONS,
                                    str(sum(len(str(1 + i)) + 2000 for i in range(3000))) + "\n"),
                                   ("garbage elements and tables", GARBAGE, str(400 * 22000) + "\n"),
                                   ("array buffers dropped", BUFFERS, str(400 << 20) + "\n")]:
        r = run(args.jsvm, ["--heap-stats"], source, budget)
        check(name + ": runs within the address-space budget", r.returncode == 0 and r.stdout == expected,
              f"exit {r.returncode}, stdout {r.stdout!r}, stderr {r.stderr[-400:]!r}")
        if r.returncode == 0:
            stats = json.loads(r.stderr.strip().splitlines()[-1])
            check(name + ": collections ran", stats["collections"] > 1, str(stats))
            check(name + ": the peak counts external memory", stats["peak_external_bytes"] > 0, str(stats))
            code = stats["by_kind"].get("function_info", {}).get("objects", 0)
            check(name + ": code compiled at run time is collected", code < 10, str(stats))

    r = run(args.jsvm, ["--max-heap=16"], ROPES, budget)
    check("ropes under --max-heap 16: the garbage is collected, the program completes",
          r.returncode == 0 and r.stdout == "30890\n", f"exit {r.returncode}, stderr {r.stderr[-300:]!r}")

    for name, source, mb in [("kept ropes", ROPES_KEPT, 16), ("kept ropes", ROPES_KEPT, 64),
                             ("array push", PUSH_KEPT, 64), ("Map.set", MAP_KEPT, 64),
                             ("named properties", SLOTS_KEPT, 32), ("sparse elements", SPARSE_KEPT, 16),
                             ("array buffers", BUFFERS_KEPT, 64)]:
        r = run(args.jsvm, [f"--max-heap={mb}"], source, None if base is None else base + ((mb + 400) << 20))
        check(f"{name} under --max-heap {mb}: exit 134 with the message",
              r.returncode == 134 and r.stdout == "start\n" and LIMIT_MESSAGE.format(mb) in r.stderr,
              f"exit {r.returncode}, stdout {r.stdout[:200]!r}, stderr {r.stderr[-300:]!r}")

    if failures:
        print(f"{len(failures)} failed")
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
