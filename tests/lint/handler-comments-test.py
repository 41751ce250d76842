#!/usr/bin/env python3
"""Every bytecode's handler is findable by its name and says its operands.

For each BYTECODE(Name, ...) line of vm/interpreter/bytecodes.def,
vm/interpreter/interpreter.cc must hold exactly one `CASE(Name)`, directly
under a one-line comment in V8's style that starts with the name:
`// Name <operands>: meaning` (a few more comment lines may follow it).
"""
import argparse
import re
import sys


def check(def_text, interp_text):
    """The problems found, one line each."""
    names = re.findall(r"^BYTECODE\((\w+),", def_text, re.M)
    lines = interp_text.split("\n")
    problems = []
    if not names:
        return ["no BYTECODE lines in bytecodes.def"]
    for name in names:
        at = [i for i, l in enumerate(lines) if re.match(r"\s*CASE\(%s\)" % name, l)]
        if len(at) != 1:
            problems.append("%s: %d handlers written CASE(%s)" % (name, len(at), name))
            continue
        i = at[0] - 1
        while i >= 0 and lines[i].strip().startswith("//") and not re.match(r"\s*// %s\b" % name, lines[i]):
            i -= 1
        if i < 0 or not re.match(r"\s*// %s( |:)" % name, lines[i]):
            problems.append("%s: no `// %s <operands>: meaning` comment above its handler" % (name, name))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True, help="the repository's root")
    args = ap.parse_args()
    # The check itself: a handler made by a macro that hides the name, and one without a comment.
    sample_def = "BYTECODE(Star0, kRead, WritesRegister(0), \"r0 = acc\")\nBYTECODE(Add, kReadWrite, kNoFacts, \"x\", kReg, kSlot)\n"
    if len(check(sample_def, "#define SHORT_STAR(n) CASE(Star##n) {}\n  SHORT_STAR(0)\n  CASE(Add) {}\n")) != 2:
        print("self-test failed")
        return 1
    with open(args.source + "/vm/interpreter/bytecodes.def") as f:
        def_text = f.read()
    with open(args.source + "/vm/interpreter/interpreter.cc") as f:
        interp_text = f.read()
    problems = check(def_text, interp_text)
    for p in problems:
        print(p)
    if problems:
        print("%d handlers not findable by name or without their operand comment" % len(problems))
        return 1
    print("ok: %d handlers, each CASE(Name) under `// Name ...`" % len(re.findall(r"^BYTECODE\(", def_text, re.M)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
