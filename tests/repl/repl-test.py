#!/usr/bin/env python3
"""Drives `jsvm repl` through a pipe and checks its transcript.

Each case is a list of input lines and the exact output expected (stdin is
not a terminal, so no prompts are printed). Usage: repl-test.py --jsvm PATH
"""
import argparse
import subprocess
import sys

CASES = [
    ("values print like console.log",
     ["1 + 1", "'str'", "[1, 2, {a: 's'}]", "null", "undefined", "-0", "({})"],
     "2\n'str'\n[ 1, 2, { a: 's' } ]\nnull\nundefined\n-0\n{}\n"),
    ("declarations persist across inputs",
     ["let x = 41", "var y = 1", "function f(a) { return a + x + y; }", "f(0)", "x = 10", "f(0)", "class A { m() { return x; } }", "new A().m()"],
     "undefined\nundefined\nundefined\n42\n10\n11\nundefined\n10\n"),
    ("closures see later assignments to script lets",
     ["let n = 0", "const inc = () => ++n", "inc(); inc()", "n"],
     "undefined\nundefined\n2\n2\n"),
    ("an incomplete input continues on the next line",
     ["function g(a,", "          b) {", "  return a * b;", "}", "g(6, 7)", "[1,", "2]"],
     "undefined\n42\n[ 1, 2 ]\n"),
    ("a template literal or a block comment continues on the next line",
     ["var t = `a", "b`", "t", "/* a comment", "still the comment */ 1 + 1", "`x${`", "inner`}y`.length",
     "'a string does not continue", "'goes on'"],
     "undefined\n'a\\nb'\n2\n8\n"
     "REPL5:1:1: SyntaxError: Invalid or unexpected token\n'a string does not continue\n^\n'goes on'\n"),
    ("errors print and the REPL goes on",
     ["null.x", "throw 42", "const c = 1", "c = 2", "c", "nope", "1 +* 2", "'still here'"],
     None),  # checked line by line below
    (".help, .bytecode and .exit",
     [".help", "let z = 3", ".bytecode", ".exit", "'not reached'"],
     None),
]


def run(jsvm, lines):
    proc = subprocess.run([jsvm, "repl"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=30)
    return proc.returncode, proc.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    args = ap.parse_args()
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s\n%s" % (name, detail))

    for name, lines, expected in CASES:
        rc, out = run(args.jsvm, lines)
        if expected is not None:
            check(name, rc == 0 and out == expected, "expected:\n%s\ngot:\n%s" % (expected, out))
        elif name.startswith("errors"):
            want = ["Uncaught TypeError: Cannot read properties of null (reading 'x')", "Uncaught 42", "undefined",
                    "Uncaught TypeError: Assignment to constant variable.", "1",
                    "Uncaught ReferenceError: nope is not defined"]
            got = out.splitlines()
            ok = rc == 0 and got[:6] == want and "SyntaxError" in out and got[-1] == "'still here'"
            check(name, ok, "got:\n%s" % out)
        else:
            ok = (rc == 0 and ".exit" in out and "Exit the REPL" in out and "LdaSmi [3]" in out
                  and "'not reached'" not in out)
            check(name, ok, "got:\n%s" % out)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
