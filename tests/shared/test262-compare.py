#!/usr/bin/env python3
"""Compares two full test262 runs (../shared/test262/run --full --json FILE),
jsvm's and node 20's on the same runner, directory by directory.

  test262-compare.py --jsvm JSVM.json [--node NODE.json] [--root DIR] [--markdown]
  test262-compare.py --node NODE.json --write-node-failures FILE

--node defaults to node20-test262-failures.txt beside this script: node 20's
failing files of a full run on this runner (--write-node-failures writes it
from a run's JSON), so the comparison needs no new node run of an hour; a
file not listed passed in node unless the runner skipped it (skips depend
only on a file's metadata, the same for both).

Prints, for every directory two levels down (built-ins/Array,
language/expressions, annexB/built-ins), the files, node's and jsvm's passes
and rates, and marks the directories where jsvm passes fewer than node. Then
the rates over the files whose features node 20 ships: a feature counts as
shipped when node passes at least half of the files that name it (so
Temporal, iterator helpers, Float16Array, base64 and the like do not), and a
file counts when every feature it names is shipped. Skipped files count in
neither rate. --markdown prints the table as Markdown (README's).
Exit status 0; the comparison is a report, the CTests hold the lists.
"""
import argparse
import collections
import importlib.machinery
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_runner(root):
    """test262's runner (for its front-matter parser)."""
    loader = importlib.machinery.SourceFileLoader("test262_run", os.path.join(root, "run"))
    spec = importlib.util.spec_from_loader("test262_run", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def load(path):
    with open(path) as f:
        data = json.load(f)
    return {r["path"]: r["status"] for r in data["results"]}


def load_node(path, jsvm):
    """node's statuses: a run's JSON, or a failure list read against jsvm's files."""
    if path.endswith(".json"):
        return load(path)
    with open(path) as f:
        failing = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return {p: ("skip" if st == "skip" else "fail" if p in failing else "pass") for p, st in jsvm.items()}


def write_node_failures(node_json, out):
    with open(node_json) as f:
        data = json.load(f)
    failing = sorted(r["path"] for r in data["results"] if r["status"] == "fail")
    with open(out, "w") as f:
        f.write("# node 20's failing files in a full test262 run on this runner\n")
        f.write("# (../shared/test262/run --full --vm \"%s\"): %d passed, %d failed, %d skipped.\n"
                % (data["vm"], data["passed"], data["failed"], data["skipped"]))
        f.write("# Written by tests/shared/test262-compare.py --write-node-failures; read by its --node.\n")
        for p in failing:
            f.write(p + "\n")


def group_of(path):
    parts = path.split("/")
    if parts[0] == "test":
        parts = parts[1:]
    return "/".join(parts[:2])


def rate(p, n):
    return 100.0 * p / n if n else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsvm")
    ap.add_argument("--node", default=os.path.join(HERE, "node20-test262-failures.txt"))
    ap.add_argument("--write-node-failures", metavar="FILE")
    ap.add_argument("--root", default=os.path.normpath(os.path.join(HERE, "../../../shared/test262")))
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    if args.write_node_failures:
        write_node_failures(args.node, args.write_node_failures)
        return 0
    if not args.jsvm:
        ap.error("--jsvm is required")

    jsvm = load(args.jsvm)
    if not os.path.exists(args.node):
        ap.error("no node results at %s: run node's full pass with --json and give it as --node" % args.node)
    node = load_node(args.node, jsvm)
    runner = load_runner(args.root)
    features = {}
    for path in jsvm:
        try:
            with open(os.path.join(args.root, path), encoding="utf-8", errors="replace") as f:
                meta = runner.parse_frontmatter(f.read())
        except OSError:
            meta = {"features": []}
        features[path] = meta.get("features", [])

    # A feature node 20 ships: node passes at least half of its files.
    tally = collections.defaultdict(lambda: [0, 0])
    for path, feats in features.items():
        if node.get(path) not in ("pass", "fail"):
            continue
        for feat in feats:
            tally[feat][1] += 1
            tally[feat][0] += node[path] == "pass"
    lacking = sorted(f for f, (p, n) in tally.items() if p * 2 < n)

    groups = collections.OrderedDict()
    shipped = {"jsvm": [0, 0], "node": [0, 0]}
    overall = {"jsvm": [0, 0], "node": [0, 0]}
    for path in sorted(jsvm):
        g = groups.setdefault(group_of(path), {"files": 0, "jsvm": [0, 0], "node": [0, 0]})
        g["files"] += 1
        in_shipped = not any(f in lacking for f in features[path])
        for name, results in (("jsvm", jsvm), ("node", node)):
            status = results.get(path)
            if status not in ("pass", "fail"):
                continue
            ok = status == "pass"
            for acc in (g[name], overall[name]) + ((shipped[name],) if in_shipped else ()):
                acc[0] += ok
                acc[1] += 1

    below = [k for k, g in groups.items() if g["jsvm"][0] < g["node"][0]]
    if args.markdown:
        print("| directory | files | node 20 | jsvm |")
        print("|---|---:|---:|---:|")
        for k, g in groups.items():
            mark = " (below node)" if k in below else ""
            print("| %s | %d | %d (%.1f%%) | %d (%.1f%%)%s |" % (
                k, g["files"], g["node"][0], rate(*g["node"]), g["jsvm"][0], rate(*g["jsvm"]), mark))
        print("| **all** | %d | %d (%.1f%%) | %d (%.1f%%) |" % (
            len(jsvm), overall["node"][0], rate(*overall["node"]), overall["jsvm"][0], rate(*overall["jsvm"])))
    else:
        w = max(len(k) for k in groups) + 2
        print("%-*s %6s %14s %14s" % (w, "directory", "files", "node 20", "jsvm"))
        for k, g in groups.items():
            print("%-*s %6d %7d %5.1f%% %7d %5.1f%%%s" % (
                w, k, g["files"], g["node"][0], rate(*g["node"]), g["jsvm"][0], rate(*g["jsvm"]),
                "   < node" if k in below else ""))
        print("%-*s %6d %7d %5.1f%% %7d %5.1f%%" % (
            w, "all", len(jsvm), overall["node"][0], rate(*overall["node"]), overall["jsvm"][0],
            rate(*overall["jsvm"])))
    print()
    print("features node 20 lacks (it passes under half of their files): " + ", ".join(lacking))
    for name in ("node", "jsvm"):
        print("%s on the files whose features node 20 ships: %d/%d (%.2f%%)" % (
            name, shipped[name][0], shipped[name][1], rate(*shipped[name])))
    print("directories where jsvm passes fewer files than node: %d%s" % (
        len(below), (" (" + ", ".join(below) + ")") if below else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
