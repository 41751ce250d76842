#!/usr/bin/env python3
"""Runs `jsvm scopes` on every ../shared/scopes program and compares the
[[Scopes]] it prints with V8's stored answer, through ../shared/tools/compare-scopes
(default options: types, names, variables and values all count).

  scopes-check.py --jsvm BUILD/jsvm [--shared DIR] [--list FILE] [--gc-stress] [--figure] [NAME...]

Fails (exit 1) when
  - a program differs from V8 and is not in the known-differences list, or
  - a listed program now matches (remove it: the list only shrinks), or
  - the list names a program the corpus does not have, or an entry has no reason.
NAME... restricts the run to those programs (without .js). --gc-stress runs
jsvm with a collection at every allocation (the answers must not change). --figure prints
only the summary line "N of M ../shared/scopes programs match V8".
Skips visibly (exit 77) when ../shared or node (which compare-scopes needs)
is absent.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load_known(path):
    """{program: reason} from 'NAME  reason' lines; '#' starts a comment line."""
    known, problems = {}, []
    if not os.path.exists(path):
        return known, problems
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(" ")
            if not reason.strip():
                problems.append("%s:%d: entry %s has no reason" % (path, n, name))
            known[name] = reason.strip()
    return known, problems


def run_one(jsvm, compare, js, tmp, extra):
    """(ok, report) for one program; `extra` are more jsvm options."""
    name = os.path.basename(js)[:-3]
    expected = js[:-3] + ".scopes.json"
    actual = os.path.join(tmp, name + ".json")
    try:
        proc = subprocess.run([jsvm, "scopes"] + extra + [js], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=120)
    except subprocess.TimeoutExpired:
        return False, "jsvm scopes timed out"
    if proc.returncode < 0:
        return False, "jsvm crashed (signal %d): %s" % (-proc.returncode, proc.stderr.decode(errors="replace")[-400:])
    with open(actual, "wb") as f:
        f.write(proc.stdout)
    cmp = subprocess.run([compare, expected, actual], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    report = cmp.stdout.strip()
    if proc.returncode != 0:
        report = "jsvm exited %d: %s\n%s" % (proc.returncode, proc.stderr.decode(errors="replace").strip()[-400:], report)
    return cmp.returncode == 0 and proc.returncode == 0, report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--shared", default=os.environ.get("JSVM_SHARED_DIR", os.path.join(HERE, "..", "..", "..", "shared")))
    ap.add_argument("--list", default=os.path.join(HERE, "scopes-known-differences.txt"))
    ap.add_argument("--gc-stress", action="store_true")
    ap.add_argument("--corpus", default="scopes", help="the programs' folder under --shared (modern/scopes: issue 16's)")
    ap.add_argument("--figure", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    corpus = os.path.join(args.shared, args.corpus)
    compare = os.path.join(args.shared, "tools", "compare-scopes")
    if not os.path.isdir(corpus) or not os.path.exists(compare):
        print("SKIPPED: scopes needs ../shared beside the repository (not found at %s)" % args.shared)
        return 77
    if shutil.which("node") is None:
        print("SKIPPED: compare-scopes needs node")
        return 77
    programs = sorted(f for f in os.listdir(corpus) if f.endswith(".js") and os.path.exists(os.path.join(corpus, f[:-3] + ".scopes.json")))
    if args.names:
        programs = [p for p in programs if p[:-3] in args.names]
    known, problems = load_known(args.list)
    jsvm = os.path.abspath(args.jsvm)
    passed, failed = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for p in programs:
            ok, report = run_one(jsvm, compare, os.path.join(corpus, p), tmp, ["--gc-stress"] if args.gc_stress else [])
            if ok:
                passed.append(p[:-3])
            else:
                failed[p[:-3]] = report
    figure = "%d of %d ../shared/%s programs match V8" % (len(passed), len(programs), args.corpus)
    if args.figure:
        print(figure)
        return 0
    errors = list(problems)
    for name in sorted(failed):
        if name in known:
            print("KNOWN DIFFERENCE %s: %s" % (name, known[name]))
        else:
            errors.append("NEW DIFFERENCE %s\n%s" % (name, failed[name]))
    for name in sorted(known):
        if name in passed:
            errors.append("NOW MATCHES %s: remove it from %s" % (name, args.list))
        elif not args.names and name not in failed:
            errors.append("UNKNOWN PROGRAM %s in %s" % (name, args.list))
    for e in errors:
        print(e)
    print(figure)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
