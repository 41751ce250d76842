#!/usr/bin/env python3
"""Resource limits end a program cleanly: the documented message and exit
code, and the output printed so far kept. Usage: limits-test.py --jsvm PATH
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

KEEPS_EVERYTHING = """
console.log("start");
var keep = [];
for (var i = 0; ; i++) { keep.push({ i: i, pad: new Array(100) }); if (i === 1000) console.log("still going"); }
"""

SPINS = """
console.log("before the loop");
for (;;) {}
"""

DEEP_JS = """
console.log("start");
function down(n) { return down(n + 1) + 1; }
try { down(0); } catch (e) { console.log("caught", e instanceof RangeError, e.message); }
var depth = 0;
function count() { depth++; count(); }
try { count(); } catch (e) { console.log(depth > 500 && depth <= 2048 ? "depth within --stack-size" : "depth " + depth); }
down(0);
"""

# Recursion inside C++ (the built-ins), each caught, then one uncaught.
DEEP_NATIVE = """
var N = 1000000;
var nested = []; for (var i = 0; i < N; i++) nested = [nested];
var obj = {}; for (var i = 0; i < N; i++) obj = { o: obj };
function attempt(name, f) {
  try { f(); console.log(name, "ok"); } catch (e) { console.log(name, e instanceof RangeError, e.message); }
}
attempt("JSON.stringify array", function () { JSON.stringify(nested); });
attempt("JSON.stringify object", function () { JSON.stringify(obj); });
attempt("JSON.parse", function () { JSON.parse("[".repeat(N) + "]".repeat(N)); });
attempt("join", function () { nested.join(); });
attempt("String", function () { String(nested); });
var self = [1, 2]; self.push(self);
console.log("self-nesting join:", self.join("-"));
console.log([[[[["five"]]]]]);
attempt("console.log", function () { console.log(obj); });
attempt("eval", function () { (0, eval)("[".repeat(N)); });
JSON.parse('{"a":'.repeat(N) + "1" + "}".repeat(N));
"""

CASES = [
    # name, flags, source, exit code, stdout, stderr must contain
    ("heap limit", ["--max-heap=64"], KEEPS_EVERYTHING, 134, "start\nstill going\n",
     "FatalError: JavaScript heap out of memory (limit 64 MB)"),
    ("step limit", ["--max-steps=100000"], SPINS, 5, "before the loop\n", "--max-steps"),
    ("timeout", ["--timeout=1"], SPINS, 6, "before the loop\n", "--timeout"),
    # A built-in looping over 2^32 - 1 indices runs no bytecode: it checks the clock itself.
    ("timeout in a built-in", ["--timeout=1"], 'console.log("start"); Array.prototype.sort.call({length: 2**32 - 1});',
     6, "start\n", "--timeout"),
    # A million-long prototype chain walked 100,000 times from inside built-ins
    # (reduce builds it, every walks it): a handful of bytecodes, so the walk
    # itself checks the clock (it ran for hours before).
    ("timeout in a prototype walk", ["--timeout=1"],
     'console.log("start"); const o = Array(1e6).fill(undefined).reduce(Object.create, {});'
     ' Array(1e5).fill(o).every(Object.prototype.isPrototypeOf, Object.prototype); console.log("done");',
     6, "start\n", "--timeout"),
    # Catastrophic backtracking runs no bytecode: the regexp interpreter counts
    # its backtracks as steps and checks the clock (issue 17).
    ("timeout in a regexp", ["--timeout=2"], 'console.log("start"); console.log(/(a+)+b/.test("a".repeat(40)));',
     6, "start\n", "--timeout"),
    ("max-steps in a regexp", ["--max-steps=100000"],
     'console.log("start"); console.log(/(a+)+b/.test("a".repeat(40)));', 5, "start\n", "--max-steps"),
    # A long subject: no C++ recursion per character, and the engine knows
    # that a match needs a "c" before it backtracks over 2,000,000 units.
    ("regexp on a long subject", [],
     'console.log(/(?:a|b)*c/.exec("ab".repeat(1e6))); console.log(/(?:a|b)*$/.exec("ab".repeat(1e6))[0].length);'
     ' console.log(/^(?:(a)|b)+$/.exec("ab".repeat(2e5))[1]);',
     0, "null\n2000000\nundefined\n", ""),
    # A pattern nested 100,000 deep is a SyntaxError (also as a literal: an early error).
    ("regexp nested 100,000 deep", [],
     'try { new RegExp("(".repeat(1e5) + ")".repeat(1e5)); } catch (e) { console.log(e.name); }'
     ' try { new RegExp("(?:a".repeat(1e5) + ")*".repeat(1e5)); } catch (e) { console.log(e.name); }'
     ' try { new RegExp("[".repeat(1e5) + "]".repeat(1e5), "v"); } catch (e) { console.log(e.name); }'
     ' try { eval("/" + "(?=".repeat(1e5) + ")".repeat(1e5) + "/"); } catch (e) { console.log(e.name); }',
     0, "SyntaxError\nSyntaxError\nSyntaxError\nSyntaxError\n", ""),
    ("deep JS recursion", ["--stack-size=1000"], DEEP_JS, 1,
     "start\ncaught true Maximum call stack size exceeded\ndepth within --stack-size\n",
     "Uncaught RangeError: Maximum call stack size exceeded"),
    ("deep native recursion", [], DEEP_NATIVE, 1,
     "JSON.stringify array true Maximum call stack size exceeded\n"
     "JSON.stringify object true Maximum call stack size exceeded\n"
     "JSON.parse true Maximum call stack size exceeded\n"
     "join true Maximum call stack size exceeded\n"
     "String true Maximum call stack size exceeded\n"
     "self-nesting join: 1-2-\n"
     "[ [ [ [Array] ] ] ]\n"
     "{ o: { o: { o: [Object] } } }\n"
     "console.log ok\n"
     "eval true Maximum call stack size exceeded\n",

     "Uncaught RangeError: Maximum call stack size exceeded"),
]

# The limits across tasks of the event loop (vm/host/event-loop.h): timer
# callbacks and microtasks run after the script, and a program that only
# waits for a far timer is stopped by --timeout when it is due, not when the
# timer is. Each with the most seconds it may take.
TIMER_CASES = [
    ("timeout with an endless setInterval", ["--timeout=1"],
     'console.log("start"); let n = 0; setInterval(() => { n++; }, 1);', 6, "start\n", "--timeout", 10),
    ("timeout while waiting for a timer", ["--timeout=1"],
     'console.log("start"); setTimeout(() => console.log("never"), 100000);', 6, "start\n", "--timeout", 10),
    ("timeout with a self re-arming setTimeout", ["--timeout=1"],
     'console.log("start"); (function again() { setTimeout(again, 0); })();', 6, "start\n", "--timeout", 10),
    ("timeout in an endless microtask chain", ["--timeout=1"],
     'console.log("start"); (function again() { Promise.resolve().then(again); })();', 6, "start\n", "--timeout", 10),
    ("max-steps across timer callbacks", ["--max-steps=200000"],
     'console.log("start"); let n = 0; setInterval(() => { if (++n === 3) console.log("three ticks");'
     ' for (let i = 0; i < 1000; i++); }, 1);', 5, "start\nthree ticks\n", "--max-steps", 30),
    ("max-heap across timer callbacks", ["--max-heap=64"],
     'console.log("start"); const keep = []; setInterval(() => { for (let i = 0; i < 1000; i++)'
     ' keep.push({ i, pad: new Array(100) }); }, 0);', 134, "start\n", "heap out of memory", 60),
    ("stack-size in a timer callback", ["--stack-size=1000"],
     'function down(n) { return down(n + 1) + 1; } setTimeout(() => { console.log("in timer"); down(0); }, 1);'
     ' setTimeout(() => console.log("never"), 5);', 1, "in timer\n", "Uncaught RangeError: Maximum call stack", 30),
]

# Deeply nested source: the parser stops with a RangeError reported like a
# SyntaxError (FILE:LINE:COL: RangeError: ...), exit 1, nothing runs.
DEPTH = 100000
NESTED_SOURCES = [
    ("parentheses", "(" * DEPTH + "1" + ")" * DEPTH),
    ("array literals", "[" * DEPTH + "]" * DEPTH),
    ("object literals", "({a:" * DEPTH + "1" + "})" * DEPTH),
    ("unary operators", "-" * DEPTH + "1"),
    ("assignments", "var a; " + "a = " * DEPTH + "1"),
    ("conditionals", "1 ? " * DEPTH + "1" + " : 1" * DEPTH),
    ("blocks", "{" * DEPTH + "}" * DEPTH),
    ("ifs", "if (1) " * DEPTH + ";"),
    ("functions", "function f() {" * DEPTH + "}" * DEPTH),
    ("arrows", "x => " * DEPTH + "1"),
    ("calls", "f(" * DEPTH + ")" * DEPTH),
    ("binary chain", "1" + " + 1" * DEPTH),
    ("member chain", "var o = {}; o" + ".p" * DEPTH),
    ("call chain", "function f() { return f; } f" + "()" * DEPTH),
    ("comma chain", "1" + ", 1" * DEPTH),  # a flat list, not a deep tree: it runs
    ("template nesting", "`${" * DEPTH + "1" + "}`" * DEPTH),
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
        for name, flags, source, code, out, err, max_seconds in TIMER_CASES:
            path = os.path.join(tmp, "timers.js")
            with open(path, "w") as f:
                f.write(source)
            start = time.monotonic()
            proc = subprocess.run([args.jsvm, "run"] + flags + [path], capture_output=True, text=True, timeout=120)
            seconds = time.monotonic() - start
            ok = proc.returncode == code and proc.stdout == out and err in proc.stderr and seconds < max_seconds
            print("%s: exit %d in %.1f s, stdout %r, stderr %r %s" % (name, proc.returncode, seconds, proc.stdout,
                                                                    proc.stderr.strip()[:120], "ok" if ok else "FAIL"))
            passed += ok
            failed += not ok
        for name, body in NESTED_SOURCES:
            path = os.path.join(tmp, "nested.js")
            with open(path, "w") as f:
                f.write('console.log("never printed");\n' + body + "\n")
            proc = subprocess.run([args.jsvm, "run", path], capture_output=True, text=True, timeout=120)
            if name == "comma chain":
                ok = proc.returncode == 0 and proc.stdout == "never printed\n"
            else:
                ok = (proc.returncode == 1 and proc.stdout == "" and
                      "nested.js:2:" in proc.stderr and "RangeError: Maximum call stack size exceeded" in proc.stderr)
            print("nested %s: exit %d, stdout %r, stderr %r %s" % (name, proc.returncode, proc.stdout[:40],
                                                                  proc.stderr.strip().split("\n")[0][:120],
                                                                  "ok" if ok else "FAIL"))
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
