#!/usr/bin/env python3
"""Every heap write is in the step that made it, over the conformance corpus.

For every program of the conformance corpus (all its directories, and the
generators and async programs of ../shared/modern/conformance), runs
`jsvm trace` twice: as is, and with `--keyframe-interval 1` (a keyframe of the
whole state before every step). replay-check.js then replays the first trace's
deltas with the viewer's own model (tools/viewer/replay.js, the code the page
runs) and compares the replayed state with the second trace's keyframe at
every step: accumulator, heap size, frames and registers, every context and
object (properties, elements, length, prototype, Map and Set entries).

Each trace records at most --max-steps steps (default 3,000: every program of
the corpus is checked, the longest ones over their first steps), so that the
test runs in two to three minutes on two shared cores. The seeds are also
traced under --gc-stress (a collection at every allocation, so that freed
addresses are reused within a step), over their first 1,500 steps.

Usage: replay-test.py --jsvm PATH --node PATH [--shared DIR] [--max-steps N] [-j N] [FILE...]
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
REPLAY_JS = os.path.join(ROOT, "tools", "viewer", "replay.js")
CHECKER = os.path.join(HERE, "replay-check.js")


def programs(shared):
    corpus = os.path.join(shared, "conformance")
    found = []
    for dirpath, _, files in os.walk(corpus):
        found += [os.path.join(dirpath, f) for f in files if f.endswith(".js")]
    # Generators and async functions (suspensions, jobs, the loop's state in
    # keyframes), and this directory's event-loop programs. Programs whose
    # timers race the real clock are left out: the slower trace with a
    # keyframe at every step may run their callbacks in another order.
    for d in ("generators", "async"):
        folder = os.path.join(shared, "modern", "conformance", d)
        if not os.path.isdir(folder):
            continue
        for f in os.listdir(folder):
            path = os.path.join(folder, f)
            if f.endswith(".js") and "setTimeout" not in open(path).read():
                found.append(path)
    found += [os.path.join(HERE, f) for f in ("event-loop.js", "generators.js")]
    return sorted(found)


def check(args, program, tmp, stress=False):
    base = os.path.join(tmp, os.path.basename(program) + (".stress" if stress else ""))
    normal, every = base + ".normal.json", base + ".every.json"
    limit = ["--max-steps", str(1500 if stress else args.max_steps), "--timeout", "20"]
    if stress:
        limit.append("--gc-stress")
    for out, extra in ((normal, []), (every, ["--keyframe-interval", "1"])):
        # The program's own exit status does not matter here (the errors directory throws).
        r = subprocess.run([args.jsvm, "trace", program, "-o", out] + limit + extra, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, cwd=os.path.dirname(program), timeout=120)
        if not os.path.exists(out) or os.path.getsize(out) == 0:
            if "SyntaxError" in r.stderr:
                return True, "a SyntaxError: nothing runs, nothing to trace"
            return False, "no trace written: " + r.stderr[-300:]
    r = subprocess.run([args.node, "--max-old-space-size=2048", CHECKER, REPLAY_JS, normal, every],
                       capture_output=True, text=True, timeout=300)
    os.remove(normal)
    os.remove(every)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--node", default="node")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--max-steps", type=int, default=3000)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = [os.path.abspath(f) for f in (args.files or programs(args.shared))]
    if not files:
        print("no conformance corpus under %s" % args.shared)
        return 77
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        jobs = {pool.submit(check, args, f, tmp): (f, "") for f in files}
        for f in files:
            if os.path.basename(os.path.dirname(f)) == "seeds":
                jobs[pool.submit(check, args, f, tmp, True)] = (f, " --gc-stress")
        for job in concurrent.futures.as_completed(jobs):
            ok, text = job.result()
            name = os.path.relpath(jobs[job][0], args.shared) + jobs[job][1]
            if ok:
                print("ok    %s: %s" % (name, text))
            else:
                failed += 1
                print("FAIL  %s\n      %s" % (name, text.replace("\n", "\n      ")))
            sys.stdout.flush()
    print("%d passed, %d failed" % (len(jobs) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
