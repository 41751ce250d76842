#!/usr/bin/env python3
"""Runs the ../shared test262 subset and holds jsvm to its known-failures list.

  test262-check.py --jsvm BUILD/jsvm [--shared DIR] [--list FILE] [--update] [--full] [--vm-args ARGS]
                   [--paths-file FILE] [PATH_FILTER...]

--full runs the runner's full mode (no subset, no scope rules) on the
filters (and the PATH_FILTERs of --paths-file, one a line, # comments); --vm-args are added to `jsvm run` (--full adds --test262-host) (e.g. `--unhandled-rejections=none`:
test262's async tests reject promises on purpose, and its hosts ignore
unhandled rejections).

Fails (exit 1) when
  - a test fails that is not in the list (a regression), or
  - a test in the list now passes (remove it: the list only shrinks), or
  - jsvm crashed (died by a signal) on any test.
--update rewrites the list from this run instead. Prints the per-directory
table of the runner, then the comparison, then `N passed, N failed`.
Skips visibly (exit 77) when ../shared is absent.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--shared", default=os.environ.get("JSVM_SHARED_DIR", os.path.join(HERE, "..", "..", "..", "shared")))
    ap.add_argument("--list", default=os.path.join(HERE, "test262-known-failures.txt"))
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--vm-args", default="")
    ap.add_argument("--paths-file")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    runner = os.path.join(args.shared, "test262", "run")
    if not os.path.exists(runner):
        print("SKIPPED: test262 needs ../shared beside the repository (not found at %s)" % args.shared)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.json")
        # Full mode runs the $262 tests too: jsvm defines $262 with --test262-host.
        vm = os.path.abspath(args.jsvm) + " run" + (" --test262-host" if args.full else "") + \
            (" " + args.vm_args if args.vm_args else "")
        cmd = [sys.executable, runner, "--vm", vm, "--jobs", args.jobs, "--json", out] + \
            (["--full"] if args.full else []) + \
            (["--paths-file", os.path.abspath(args.paths_file)] if args.paths_file else []) + args.filters
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        table = [l for l in proc.stdout.splitlines() if not l.startswith("FAIL ")]
        print("\n".join(table[-60:]))
        if not os.path.exists(out):
            print("test262 runner failed to produce results (exit %d)" % proc.returncode)
            return 1
        with open(out) as f:
            data = json.load(f)
    failing, crashed, timed_out = set(), [], set()
    for t in data["results"]:
        if t["status"] == "fail":
            failing.add(t["path"])
            details = [str(m.get("detail", "")) for m in t.get("modes", []) if not m.get("ok")]
            if details and all(d == "timeout" for d in details):
                timed_out.add(t["path"])
            for m in t.get("modes", []):
                if "crashed (signal" in str(m.get("detail", "")):
                    crashed.append("%s (%s): %s" % (t["path"], m.get("mode"), m.get("detail", "")[:200]))
    ran = {t["path"] for t in data["results"] if t["status"] in ("pass", "fail")}
    if args.update:
        with open(args.list, "w") as f:
            f.write("# test262 tests jsvm is known to fail (kept in step by tests/shared/test262-check.py).\n")
            f.write("# Regenerate with --update after fixing; the list only shrinks.\n")
            for p in sorted(failing):
                f.write(p + "\n")
        print("wrote %d known failures to %s" % (len(failing), args.list))
        return 0
    known = set()
    if os.path.exists(args.list):
        with open(args.list) as f:
            known = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    # A test that only timed out (a loaded machine) is reported, not failed.
    slow = sorted((failing - known) & timed_out)
    new_failures = sorted(failing - known - timed_out)
    for p in slow[:50]:
        print("SLOW (timed out; not counted) %s" % p)
    now_passing = sorted((known & ran) - failing)
    for p in new_failures[:50]:
        print("NEW FAILURE %s" % p)
    for p in now_passing[:50]:
        print("NOW PASSING (remove from the list) %s" % p)
    for c in crashed[:50]:
        print("CRASH %s" % c)
    print("test262: %d passed, %d failed (%.1f%%); %d known failures, %d new failures, %d now passing, %d crashes"
          % (data["passed"], data["failed"], data["pass_rate"], len(known), len(new_failures), len(now_passing), len(crashed)))
    bad = len(new_failures) + len(now_passing) + len(crashed)
    print("%d passed, %d failed" % (1 if bad == 0 else 0, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
