#!/usr/bin/env python3
"""No hand-written sets of bytecodes outside vm/interpreter/bytecodes.def.

A set of bytecodes (the terminators, the calls, the property stores, ...) is
a fact about the instruction set: it belongs in the facts column of
bytecodes.def, and code asks a predicate of bytecodes.h (EndsBasicBlock,
IsCallOrConstruct, FamilyOf, ...). This test reads compiler/, vm/, tools/ and
gc/ and lists what looks like such a set written out by hand:
  - a run of two or more `case Bytecode::kX:` labels with nothing between them;
  - two or more comparisons with Bytecode constants in one statement
    (`op == Bytecode::kA || op == Bytecode::kB`, `op >= kStar0 && op <= kStar15`);
  - a list of Bytecode constants (`{Bytecode::kA, Bytecode::kB}`).
A single mention (`Emit(Bytecode::kAdd, ...)`, `case Bytecode::kLdar: ...`
with its own code) is not a set. The interpreter's handlers are exempt: each
is one bytecode's code. Comments and string literals are ignored.
"""
import argparse
import os
import re
import sys

ROOTS = ["compiler", "vm", "tools", "gc"]
EXTENSIONS = (".cc", ".h", ".inc", ".def")
# Where bytecode names may be listed: the definition itself, and the
# interpreter, whose handlers are one per bytecode.
EXEMPT = {"vm/interpreter/bytecodes.def", "vm/interpreter/interpreter.cc"}

CONST = r"Bytecode::k(?!Count\b)\w+"
CASE_RUN = re.compile(r"(?:case\s+" + CONST + r"\s*:\s*){2,}")
COMPARISON = re.compile(r"(?:(?:==|!=|<=|>=|<|>)\s*" + CONST + r")|(?:" + CONST + r"\s*(?:==|!=|<=|>=|<(?!<)|>(?!>)))")
LIST = re.compile(CONST + r"\s*,\s*" + CONST)


def strip(text):
    """Blanks out comments and string/char literals, keeping newlines (so
    offsets still give line numbers)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def statements(text):
    """(offset, statement) pieces of code split at ; { and }."""
    start = 0
    for m in re.finditer(r"[;{}]", text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


def find_sets(text):
    """(offset, kind, excerpt) for each hand-written set in C++ source `text`."""
    code = strip(text)
    found = []
    for m in CASE_RUN.finditer(code):
        found.append((m.start(), "case run", " ".join(m.group(0).split())))
    for off, stmt in statements(code):
        if len(COMPARISON.findall(stmt)) >= 2:
            lead = len(stmt) - len(stmt.lstrip())
            found.append((off + lead, "comparisons", " ".join(stmt.split())))
    for m in LIST.finditer(code):
        found.append((m.start(), "list", " ".join(m.group(0).split())))
    return found


def self_test():
    """The detector finds what it is meant to and passes over the rest."""
    bad = [
        "switch (op) {\n  case Bytecode::kReturn: case Bytecode::kThrow:\n    return true;\n}",
        "switch (op) {\n  case Bytecode::kJump:\n  // a comment\n  case Bytecode::kJumpLoop:\n    break;\n}",
        "bool t = op != Bytecode::kJump &&\n    op != Bytecode::kReturn;",
        "if (op >= Bytecode::kStar0 && op <= Bytecode::kStar15) {}",
        "static const Bytecode kCalls[] = {Bytecode::kCallProperty, Bytecode::kConstruct};",
    ]
    good = [
        "Emit(Bytecode::kAdd, {r.index, slot});",
        "switch (op) {\n  case Bytecode::kLdar: x = 1; break;\n  case Bytecode::kStar: y = 2; break;\n}",
        "*construct = IsConstruct(op); if (previous_op != Bytecode::kCount && x) {}",
        "builder_.Jump(b ? Bytecode::kJumpIfFalse : Bytecode::kJumpIfToBooleanFalse, l);",
        "// case Bytecode::kReturn: case Bytecode::kThrow:\nx = \"op == Bytecode::kA || op == Bytecode::kB\";",
        "Emit(static_cast<Bytecode>(static_cast<int>(Bytecode::kStar0) + r.index));",
    ]
    ok = True
    for sample in bad:
        if not find_sets(sample):
            print("self-test: missed a set in:\n" + sample)
            ok = False
    for sample in good:
        if find_sets(sample):
            print("self-test: a set reported in:\n" + sample + "\n-> " + repr(find_sets(sample)))
            ok = False
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True, help="the repository's root")
    args = ap.parse_args()
    if not self_test():
        return 1
    scanned = 0
    problems = []
    for root in ROOTS:
        for dirpath, _, files in os.walk(os.path.join(args.source, root)):
            for name in sorted(files):
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, args.source).replace(os.sep, "/")
                if rel in EXEMPT:
                    continue
                scanned += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for off, kind, excerpt in find_sets(text):
                    line = text.count("\n", 0, off) + 1
                    problems.append("%s:%d: %s: %s" % (rel, line, kind, excerpt[:160]))
    if scanned < 50:
        print("only %d source files under %s: wrong --source?" % (scanned, args.source))
        return 1
    if problems:
        print("Hand-written sets of bytecodes (say it in the facts column of "
              "vm/interpreter/bytecodes.def and ask a predicate of bytecodes.h):")
        for p in sorted(problems):
            print("  " + p)
        print("%d found in %d files scanned" % (len(problems), scanned))
        return 1
    print("ok: no hand-written bytecode sets in %d files" % scanned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
