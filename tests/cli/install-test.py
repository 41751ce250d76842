#!/usr/bin/env python3
"""`cmake --install` into a temporary prefix: bin/jsvm (which runs and names
its commit), share/man/man1/jsvm.1 (made by help2man from --help; rendered
with `man -l` or groff when they are installed) and share/doc/jsvm/*.md.

Usage: install-test.py --build BUILD_DIR --source SOURCE_DIR
Exit 77 (skipped) when the tree has no man page because help2man was missing
at configure time.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    failures = []

    def check(name, ok, detail=""):
        print("%s %s%s" % ("ok  " if ok else "FAIL", name, "" if ok else "\n     " + detail))
        if not ok:
            failures.append(name)

    cache = open(os.path.join(args.build, "CMakeCache.txt")).read()
    has_man = "JSVM_HELP2MAN:FILEPATH=" in cache and "JSVM_HELP2MAN:FILEPATH=JSVM_HELP2MAN-NOTFOUND" not in cache
    with tempfile.TemporaryDirectory() as prefix:
        p = subprocess.run(["cmake", "--install", args.build, "--prefix", prefix], capture_output=True, text=True)
        check("cmake --install", p.returncode == 0, p.stdout + p.stderr)
        jsvm = os.path.join(prefix, "bin", "jsvm")
        check("bin/jsvm is executable", os.access(jsvm, os.X_OK))
        if os.access(jsvm, os.X_OK):
            v = subprocess.run([jsvm, "--version"], capture_output=True, text=True)
            built = subprocess.run([os.path.join(args.build, "jsvm"), "--version"], capture_output=True, text=True)
            check("bin/jsvm --version names a commit", v.returncode == 0 and "(commit " in v.stdout and
                  v.stdout == built.stdout, repr(v.stdout))
            script = os.path.join(prefix, "t.js")
            with open(script, "w") as f:
                f.write("console.log(6 * 7)\n")
            r = subprocess.run([jsvm, script], capture_output=True, text=True)
            check("bin/jsvm runs a script", r.returncode == 0 and r.stdout == "42\n", repr(r.stdout + r.stderr))
        docs = os.path.join(prefix, "share", "doc", "jsvm")
        want = sorted(f for f in os.listdir(os.path.join(args.source, "docs")) if f.endswith(".md"))
        have = sorted(os.listdir(docs)) if os.path.isdir(docs) else []
        check("share/doc/jsvm has every docs/*.md and README.md", set(want + ["README.md"]) <= set(have),
              "missing %s" % sorted(set(want + ["README.md"]) - set(have)))
        page = os.path.join(prefix, "share", "man", "man1", "jsvm.1")
        if not has_man:
            print("SKIP the man page: help2man was not found when the tree was configured")
            return 1 if failures else 77
        check("share/man/man1/jsvm.1 is installed", os.path.isfile(page))
        if os.path.isfile(page):
            source = open(page).read()
            check("the man page is made from --help", ".TH JSVM \"1\"" in source and "max\\-steps" in source and
                  "Exit codes" in source, source[:300])
            rendered = None
            env = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C")
            if shutil.which("man"):
                rendered = subprocess.run(["man", "-l", page], capture_output=True, text=True, env=env)
            elif shutil.which("groff"):
                rendered = subprocess.run(["groff", "-man", "-Tascii", page], capture_output=True, text=True, env=env)
            if rendered is None:
                print("SKIP rendering: neither man nor groff is installed")
            else:
                check("the man page renders", rendered.returncode == 0 and "NAME" in rendered.stdout and
                      "jsvm - a JavaScript bytecode virtual machine" in rendered.stdout and
                      "--max-steps" in rendered.stdout and "Exit codes" in rendered.stdout,
                      rendered.stderr + rendered.stdout[:500])
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
