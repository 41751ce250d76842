#!/usr/bin/env python3
"""Heap snapshots and leak reports, checked from outside.

  --suite snapshots: `jsvm run --heap-snapshot` / `--snapshot-dir` files pass
      ../shared/tools/check-heapsnapshot --strict (DevTools' own loader),
      `--expect-retained arr` on the seed leak program finds the path through
      f and the context, the files are deterministic, __snapshot labels cannot
      leave the snapshot directory, and __snapshot without --snapshot-dir
      writes nothing.
  --suite leaks: `jsvm leaks` (text and --json) names the leaked variable,
      its capturer and its holder, does not flag used variables or contexts a
      running function uses, and reports the garbage cycles of
      seed_f_cycles.js as freed.
  --suite suspended: suspended generators and async functions, timers and
      the microtask queue: `jsvm leaks` names the suspended function, the
      line it waits at and the variables it holds (a register local, a
      context variable), says what resumes it and how a root reaches it
      (through the awaited promise); a setInterval callback and a queued
      microtask are named as the roots of what they capture; the snapshots
      pass check-heapsnapshot --strict, name generator objects as V8 does and
      show the retainer path of a saved local through the promise.

Facts only, never absolute sizes. Needs ../shared (exit 77 when absent).
Usage: heap-snapshot-test.py --jsvm PATH --shared DIR --suite snapshots|leaks|suspended
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        print("%s: %s%s" % (name, "ok" if ok else "FAIL", "" if ok or not detail else "\n    " + detail[:2000]))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def run(cmd, cwd=None, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=timeout)


def load_snapshot(path):
    """Nodes and edges of a .heapsnapshot as dicts (ordinal-indexed)."""
    with open(path) as f:
        j = json.load(f)
    meta = j["snapshot"]["meta"]
    nf, ef = len(meta["node_fields"]), len(meta["edge_fields"])
    ntypes, etypes = meta["node_types"][0], meta["edge_types"][0]
    strings, raw_nodes, raw_edges = j["strings"], j["nodes"], j["edges"]
    nodes, e = [], 0
    for i in range(0, len(raw_nodes), nf):
        count = raw_nodes[i + 4]
        edges = []
        for k in range(e, e + count * ef, ef):
            t = etypes[raw_edges[k]]
            name = raw_edges[k + 1] if t in ("element", "hidden") else strings[raw_edges[k + 1]]
            edges.append((t, name, raw_edges[k + 2] // nf))
        e += count * ef
        nodes.append({"type": ntypes[raw_nodes[i]], "name": strings[raw_nodes[i + 1]], "id": raw_nodes[i + 2],
                      "size": raw_nodes[i + 3], "edges": edges})
    return nodes


def edge(nodes, node, etype, name):
    for t, n, to in nodes[node]["edges"]:
        if t == etype and n == name:
            return to
    return None


# ---------------------------------------------------------------- snapshots

def snapshot_suite(c, jsvm, shared, tmp):
    check_tool = os.path.join(shared, "tools", "check-heapsnapshot")
    seeds = os.path.join(shared, "conformance", "seeds")
    programs = [
        ("seed-d-closure-leak", os.path.join(seeds, "seed_d_closure_leak.js")),
        ("seed-f-cycles", os.path.join(seeds, "seed_f_cycles.js")),
        ("seed-e-replace-thing", os.path.join(seeds, "seed_e_replace_thing.js")),
        ("mixed-heap", os.path.join(PROGRAMS, "mixed-heap.js")),
    ]
    for name, program in programs:
        out = os.path.join(tmp, name + ".heapsnapshot")
        p = run([jsvm, "run", "--heap-snapshot=" + out, program])
        if not c.check("%s: jsvm runs" % name, p.returncode == 0 and os.path.exists(out), p.stderr):
            continue
        v = run([check_tool, "--strict", out])
        c.check("%s: check-heapsnapshot --strict" % name, v.returncode == 0 and "VALID" in v.stdout,
                v.stdout + v.stderr)

    # The seed leak program: the retainer path DevTools finds for arr.
    seed_d = os.path.join(tmp, "seed-d-closure-leak.heapsnapshot")
    v = run([check_tool, seed_d, "--expect-retained", "arr"])
    lines = v.stdout
    c.check("seed-d: --expect-retained arr goes global -> f -> fun2 -> context -> arr",
            v.returncode == 0 and re.search(r'-\[shortcut "global"\]-> global', lines) is not None
            and re.search(r'-\[property "f"\]-> fun2 @\d+ <closure>', lines) is not None
            and re.search(r'-\[internal "context"\]-> system / Context @\d+ <object>', lines) is not None
            and re.search(r'-\[context "arr"\]-> Array', lines) is not None, lines + v.stderr)

    # The same structure read directly: closures, contexts, roots, strings.
    nodes = load_snapshot(seed_d)
    root = nodes[0]
    gc_roots = edge(nodes, 0, "element", 1)
    c.check("seed-d: a synthetic root with (GC roots) and the global object as user root",
            root["type"] == "synthetic" and gc_roots is not None and nodes[gc_roots]["name"] == "(GC roots)"
            and edge(nodes, 0, "shortcut", "global") is not None
            and all(nodes[to]["type"] == "synthetic" for _, _, to in nodes[gc_roots]["edges"]))
    glob = edge(nodes, 0, "shortcut", "global")
    fun2 = edge(nodes, glob, "property", "f")
    ctx = edge(nodes, fun2, "internal", "context") if fun2 is not None else None
    ok = fun2 is not None and nodes[fun2]["type"] == "closure" and ctx is not None
    if ok:
        shared_info = edge(nodes, fun2, "internal", "shared")
        arr = edge(nodes, ctx, "context", "arr")
        scope_info = edge(nodes, ctx, "internal", "scope_info")
        ok = (nodes[ctx]["name"] == "system / Context" and nodes[ctx]["type"] == "object"
              and arr is not None and nodes[arr]["name"] == "Array"
              and scope_info is not None and nodes[scope_info]["name"] == "system / ScopeInfo"
              and shared_info is not None and nodes[shared_info]["type"] == "code"
              and nodes[shared_info]["name"] == "fun2")
    c.check("seed-d: closure -internal context-> system / Context -context arr-> Array, like node's", ok)
    fun = edge(nodes, glob, "property", "fun")
    realm = edge(nodes, fun, "internal", "context") if fun is not None else None
    c.check("seed-d: a top-level function's context is the realm (system / NativeContext)",
            realm is not None and nodes[realm]["name"] == "system / NativeContext")
    closures = [n for n in nodes if n["type"] == "closure"]
    c.check("seed-d: every closure has a context edge (or is bound)",
            len(closures) > 10 and all(any(t == "internal" and nm in ("context", "bound_function")
                                           for t, nm, _ in n["edges"]) for n in closures))

    mixed = load_snapshot(os.path.join(tmp, "mixed-heap.heapsnapshot"))
    names = {(n["type"], n["name"]) for n in mixed}
    c.check("mixed-heap: classes, Map, Set, strings and symbols appear by name",
            {("object", "Point"), ("object", "Point3"), ("object", "Map"), ("object", "Set"),
             ("string", "hello, snapshot"), ("symbol", "key"), ("closure", "bound norm")} <= names,
            str(sorted(n for n in names if n[0] != "string")[:80]))
    arrays = [i for i, n in enumerate(mixed) if n["name"] == "Array" and n["type"] == "object"]
    c.check("mixed-heap: arrays have element edges",
            any(any(t == "element" for t, _, _ in mixed[i]["edges"]) for i in arrays))
    ctx_edges = {nm for n in mixed if n["name"] == "system / Context" for t, nm, _ in n["edges"] if t == "context"}
    c.check("mixed-heap: context edges are named after variables (count is a Smi: no edge; big, i)",
            {"big", "points", "byName"} <= ctx_edges and "count" not in ctx_edges, str(sorted(ctx_edges)))

    # Proxies: object nodes (callable ones too: V8 makes closures of functions
    # only) named Proxy, holding their target and handler by internal edges.
    proxies = os.path.join(tmp, "proxies.heapsnapshot")
    p = run([jsvm, "run", "--heap-snapshot=" + proxies, os.path.join(PROGRAMS, "proxies.js")])
    if c.check("proxies: jsvm runs", p.returncode == 0 and os.path.exists(proxies), p.stderr):
        v = run([check_tool, "--strict", proxies])
        c.check("proxies: check-heapsnapshot --strict", v.returncode == 0 and "VALID" in v.stdout, v.stdout + v.stderr)
        pn = load_snapshot(proxies)
        found = [n for n in pn if n["name"] == "Proxy" and n["type"] == "object"]
        targets = {pn[to]["name"] for n in found for t, nm, to in n["edges"] if t == "internal" and nm == "target"}
        handlers = [to for n in found for t, nm, to in n["edges"] if t == "internal" and nm == "handler"]
        c.check("proxies: two object nodes Proxy -internal target-> Store / guarded, -internal handler-> ...",
                len(found) == 2 and targets == {"Store", "guarded"} and len(handlers) == 2,
                str([(n["type"], n["edges"]) for n in found]))
    # BigInts are nodes of type bigint named "bigint", as V8 writes them.
    big_js = os.path.join(tmp, "bigint-heap.js")
    with open(big_js, "w") as f:
        f.write("globalThis.keep = [2n ** 100n, -7n];\n")
    big_out = os.path.join(tmp, "bigint-heap.heapsnapshot")
    p = run([jsvm, "run", "--heap-snapshot=" + big_out, big_js])
    if c.check("bigint-heap: jsvm runs", p.returncode == 0 and os.path.exists(big_out), p.stderr):
        v = run([check_tool, "--strict", big_out])
        c.check("bigint-heap: check-heapsnapshot --strict", v.returncode == 0 and "VALID" in v.stdout,
                v.stdout + v.stderr)
        big = load_snapshot(big_out)
        keep = edge(big, edge(big, 0, "shortcut", "global"), "property", "keep")
        elements = [edge(big, keep, "element", i) for i in (0, 1)] if keep is not None else []
        c.check("bigint-heap: the array's elements are bigint nodes named bigint",
                len(elements) == 2 and all(e is not None and big[e]["type"] == "bigint" and big[e]["name"] == "bigint"
                                           for e in elements), str([big[e] for e in elements if e is not None]))

    # Deterministic: the same program gives the same bytes.
    again = os.path.join(tmp, "mixed-heap-again.heapsnapshot")
    run([jsvm, "run", "--heap-snapshot=" + again, os.path.join(PROGRAMS, "mixed-heap.js")])
    with open(os.path.join(tmp, "mixed-heap.heapsnapshot"), "rb") as a, open(again, "rb") as b:
        c.check("mixed-heap: two runs write identical snapshots", a.read() == b.read())

    # __snapshot with --snapshot-dir: numbered, sanitised files inside the directory.
    work = os.path.join(tmp, "work")
    snaps = os.path.join(work, "snaps")
    os.makedirs(work)
    p = run([jsvm, "run", "--snapshot-dir=snaps", os.path.join(PROGRAMS, "snapshot-points.js")], cwd=work)
    files = sorted(os.listdir(snaps)) if os.path.isdir(snaps) else []
    c.check("__snapshot: two numbered files, named after the sanitised labels",
            p.returncode == 0 and p.stdout == "string string\n" and len(files) == 2
            and files[0] == "001-before.heapsnapshot"
            and files[1] == "002-escape_attempt.heapsnapshot"
            and sorted(os.listdir(work)) == ["snaps"],
            "%r %r %r" % (p.stdout, p.stderr, files))
    for f in files:
        v = run([check_tool, "--strict", os.path.join(snaps, f)])
        c.check("__snapshot %s: check-heapsnapshot --strict" % f, v.returncode == 0, v.stdout + v.stderr)
    p = run([jsvm, "run", "--snapshot-dir=snaps2", os.path.join(PROGRAMS, "mixed-heap.js")], cwd=work)
    mid = os.path.join(work, "snaps2", "001-mid_run_after_setup.heapsnapshot")
    if c.check("mixed-heap: mid-run __snapshot file", p.returncode == 0 and os.path.exists(mid), p.stderr):
        v = run([check_tool, "--strict", mid])
        c.check("mixed-heap: mid-run snapshot passes --strict", v.returncode == 0, v.stdout + v.stderr)

    # Without --snapshot-dir, __snapshot returns undefined and writes nothing.
    quiet = os.path.join(tmp, "quiet")
    os.makedirs(quiet)
    p = run([jsvm, "run", os.path.join(PROGRAMS, "snapshot-points.js")], cwd=quiet)
    c.check("__snapshot without --snapshot-dir: undefined, no files",
            p.returncode == 0 and p.stdout == "undefined undefined\n" and os.listdir(quiet) == [], p.stdout + p.stderr)


# ---------------------------------------------------------------- leaks

LEAK_USED = """
function fun() {
  let arr = new Array(100);
  function fun1() { console.log(arr); }
  return function fun2() { return arr.length; };
}
globalThis.f = fun();
"""

LEAK_RUNNING = """
function fun() {
  let arr = new Array(100);
  function fun1() { return arr; }
  const fun2 = function () {};
  __snapshot("inside fun");
  return fun2;
}
globalThis.f = fun();
"""

LEAK_BLOCK = """
function outer() {
  {
    let big = new Array(1000);
    let peek = () => big;
    globalThis.h = function holder() { return 1; };
  }
}
outer();
"""

CYCLE_KEPT = """
var obj1 = {};
var obj2 = {};
obj1.a = obj2;
obj2.a = obj1;
"""


ARRAY_BUFFERS = """globalThis.keep = [new ArrayBuffer(100000), new Int32Array(5000)];
let dropped = new ArrayBuffer(1 << 20);
dropped = null;
"""


def report_for(reports, label):
    for r in reports:
        if r["label"] == label:
            return r
    return None


def context_named(report, name):
    for ctx in report["contexts"]:
        if ctx["name"] == name:
            return ctx
    return None


def leaks_json(jsvm, program, extra=()):
    p = run([jsvm, "leaks", "--json"] + list(extra) + [program])
    return p, (json.loads(p.stdout) if p.returncode == 0 else None)


def leaks_json_of(jsvm, tmp, name, source):
    """`jsvm leaks --json` of a program given as text."""
    path = os.path.join(tmp, name + ".js")
    with open(path, "w") as f:
        f.write(source)
    return leaks_json(jsvm, path)


def leaks_suite(c, jsvm, shared, tmp):
    seeds = os.path.join(shared, "conformance", "seeds")
    seed_d = os.path.join(seeds, "seed_d_closure_leak.js")
    with open(os.path.join(seeds, "seed_d_closure_leak.expected")) as f:
        seed_d_expected = f.read()

    p = run([jsvm, "leaks", seed_d])
    text = p.stdout
    c.check("seed-d text: the program runs and the report follows its output",
            p.returncode == 0 and text.startswith(seed_d_expected), text + p.stderr)
    c.check("seed-d text: arr flagged, fun1 the capturer, fun2 the holder, the path in source terms",
            "Possible leaks: 1\n" in text and "arr in context of fun:" in text
            and "f (global) -> fun2 -> context of fun -> arr:" in text
            and "only because fun1 captured it" in text and "fun2, which holds the context, never uses arr" in text
            and re.search(r"held by: fun2 \(its own context", text) is not None
            and re.search(r"arr = Array\(10000000\).*captured by fun1.*\[LEAK\]", text) is not None, text)

    p, doc = leaks_json(jsvm, seed_d)
    ok = doc is not None and p.stderr == seed_d_expected
    if c.check("seed-d json: parses; the script's output went to stderr", ok, p.stdout[:500] + p.stderr):
        exit_report = report_for(doc["reports"], "exit")
        leaks = exit_report["leaks"] if exit_report else []
        c.check("seed-d json: one leak: arr, captured by fun1, held by fun2, with its path",
                doc["version"] == 1 and doc["script"] == "seed_d_closure_leak.js" and len(leaks) == 1
                and leaks[0]["variable"] == "arr" and leaks[0]["context"] == "context of fun"
                and leaks[0]["captured_by"] == ["fun1"] and leaks[0]["held_by"] == ["fun2"]
                and leaks[0]["path"]["steps"] == ["f (global)", "fun2", "context of fun", "arr"]
                and leaks[0]["dominated"] is True and leaks[0]["retained_size"] > 0, json.dumps(leaks, indent=1))
        ctx = context_named(exit_report, "context of fun")
        var = ctx and [v for v in ctx["variables"] if v["name"] == "arr"]
        c.check("seed-d json: the context lists arr with its capturer, no live user, and its holder",
                bool(var) and var[0]["leak"] and var[0]["captured_by"] == ["fun1"] and var[0]["used_by"] == []
                and [h["closure"] for h in ctx["holders"]] == ["fun2"] and ctx["holders"][0]["direct"]
                and ctx["holder_count"] == 1 and ctx["retained_size"] >= var[0]["retained_size"],
                json.dumps(ctx, indent=1))

    # The context id in the report is the node id in a snapshot taken at the same point.
    snap = os.path.join(tmp, "seed-d.heapsnapshot")
    p, doc = leaks_json(jsvm, seed_d, ["--heap-snapshot=" + snap])
    if c.check("seed-d json + --heap-snapshot", doc is not None and os.path.exists(snap), p.stderr):
        nodes = load_snapshot(snap)
        ids = {n["id"] for n in nodes if n["name"] == "system / Context"}
        exit_report = report_for(doc["reports"], "exit")
        c.check("seed-d: report context ids are snapshot node ids",
                exit_report["snapshot_file"] == snap
                and context_named(exit_report, "context of fun")["id"] in ids)

    # Controls: the same shape with arr in use is no leak.
    p, doc = leaks_json_of(jsvm, tmp, "leak-used", LEAK_USED)
    if c.check("used arr: report", doc is not None, p.stderr):
        exit_report = report_for(doc["reports"], "exit")
        ctx = context_named(exit_report, "context of fun")
        arr = ctx and [v for v in ctx["variables"] if v["name"] == "arr"][0]
        c.check("used arr: not flagged; used by fun2", exit_report["leaks"] == [] and arr
                and not arr["leak"] and arr["used_by"] == ["fun2"] and set(arr["captured_by"]) == {"fun1", "fun2"},
                json.dumps(ctx, indent=1))

    # A running function's context is in use: flagged only once fun has returned.
    p, doc = leaks_json_of(jsvm, tmp, "leak-running", LEAK_RUNNING)
    if c.check("running: report", doc is not None, p.stderr):
        inside = report_for(doc["reports"], "inside fun")
        at_exit = report_for(doc["reports"], "exit")
        ctx = inside and context_named(inside, "context of fun")
        c.check("running: not flagged inside fun (held by its frame), flagged at exit",
                ctx is not None and ctx["held_by_frame"] and inside["leaks"] == []
                and [lk["variable"] for lk in at_exit["leaks"]] == ["arr"], json.dumps(doc["reports"])[:3000])

    # Block contexts too.
    p, doc = leaks_json_of(jsvm, tmp, "leak-block", LEAK_BLOCK)
    if c.check("block: report", doc is not None, p.stderr):
        leaks = report_for(doc["reports"], "exit")["leaks"]
        c.check("block: big flagged in the block context, captured by peek, held by holder",
                len(leaks) == 1 and leaks[0]["variable"] == "big" and leaks[0]["context"] == "block context in outer"
                and leaks[0]["captured_by"] == ["peek"] and leaks[0]["held_by"] == ["holder"]
                and leaks[0]["path"]["text"] == "h (global) -> holder -> block context in outer -> big",
                json.dumps(leaks, indent=1))

    # --explain-retained: same report on stderr, stdout untouched.
    p = run([jsvm, "run", "--explain-retained", seed_d])
    c.check("run --explain-retained: stdout is the program's, the report on stderr",
            p.returncode == 0 and p.stdout == seed_d_expected and "arr in context of fun" in p.stderr, p.stderr)

    # ArrayBuffer backing stores: in the buffer's self size, and in the report.
    p, doc = leaks_json_of(jsvm, tmp, "array-buffers", ARRAY_BUFFERS)
    if c.check("array buffers json: report", doc is not None, p.stderr):
        r = report_for(doc["reports"], "exit")
        c.check("array buffers json: the two kept buffers and their bytes (the dropped one is gone)",
                r["array_buffers"] == 2 and r["array_buffer_bytes"] == 100000 + 5000 * 4, json.dumps(r)[:500])
    path = os.path.join(tmp, "array-buffers.js")
    p = run([jsvm, "leaks", path])
    c.check("array buffers text: a line for the backing stores",
            p.returncode == 0 and "Array buffers: 2 holding 117.2 KB of backing stores" in p.stdout, p.stdout)
    snap = os.path.join(tmp, "array-buffers.heapsnapshot")
    p = run([jsvm, "run", "--heap-snapshot=" + snap, path])
    if c.check("array buffers snapshot: written", p.returncode == 0, p.stderr):
        nodes = load_snapshot(snap)
        views = [n for n in nodes if n["name"] == "Int32Array" and n["type"] == "object" and edge(nodes, nodes.index(n), "internal", "buffer") is not None]
        sizes = sorted(n["size"] for n in nodes if n["name"] == "ArrayBuffer" and n["type"] == "object")
        c.check("array buffers snapshot: a view's buffer edge; each buffer's self size holds its bytes",
                len(views) == 1 and nodes[edge(nodes, nodes.index(views[0]), "internal", "buffer")]["size"] > 20000
                and sizes[-1] > 100000, str(sizes[-5:]))

    # Garbage cycles.
    cycles_seed = os.path.join(seeds, "seed_f_cycles.js")
    p = run([jsvm, "leaks", cycles_seed])
    c.check("seed-f text: the obj1/obj2 cycle was freed by mark-sweep",
            p.returncode == 0 and "reference counting would leak, freed by mark-sweep" in p.stdout
            and re.search(r"\d+ x Object\.a -> Object\.a -> back  \(2 objects in each; first: "
                          r"Object made at seed_f_cycles\.js:[23]:\d+, Object made at seed_f_cycles\.js:[23]:\d+\)",
                          p.stdout) is not None, p.stdout)
    p, doc = leaks_json(jsvm, cycles_seed)
    if c.check("seed-f json: report", doc is not None, p.stderr):
        cyc = report_for(doc["reports"], "exit")["cycles"]
        shapes = [s for s in cyc["shapes"] if s["shape"] == "Object.a -> Object.a -> back"]
        c.check("seed-f json: one 2-object cycle of shape Object.a -> Object.a -> back",
                cyc["collections"] >= 1 and cyc["cycles"] >= 1 and len(shapes) == 1 and shapes[0]["count"] == 1
                and shapes[0]["objects_per_cycle"] == 2 and shapes[0]["objects"] == 2 and shapes[0]["bytes"] > 0
                and cyc["objects"] >= 2, json.dumps(cyc, indent=1))
    p, doc = leaks_json_of(jsvm, tmp, "cycle-kept", CYCLE_KEPT)
    if c.check("kept cycle: report", doc is not None, p.stderr):
        cyc = report_for(doc["reports"], "exit")["cycles"]
        c.check("kept cycle: a live cycle is not garbage", cyc["cycles"] == 0, json.dumps(cyc))


# ---------------------------------------------------------------- suspended

def line_of(path, text):
    """The 1-based line of the first line of `path` that contains `text`."""
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if text in line:
                return i
    return 0


def suspended_named(report, function):
    for s in report.get("suspended", []):
        if s["function"] == function:
            return s
    return None


def value_named(suspended, name):
    for v in suspended["values"]:
        if v["name"] == name:
            return v
    return None


def holder_root(report, context, closure):
    ctx = context_named(report, context)
    for h in (ctx or {}).get("holders", []):
        if h["closure"] == closure:
            return h.get("root")
    return None


def expect_retained(c, check_tool, snap, name, wanted, label):
    """check-heapsnapshot --strict SNAP --expect-retained NAME prints a path with every `wanted` step."""
    v = run([check_tool, "--strict", snap, "--expect-retained", name])
    ok = v.returncode == 0 and "VALID" in v.stdout and all(w in v.stdout for w in wanted)
    c.check(label, ok, v.stdout[-1500:] + v.stderr)


def suspended_suite(c, jsvm, shared, tmp):
    check_tool = os.path.join(shared, "tools", "check-heapsnapshot")

    # An async function awaiting a promise that never settles.
    prog = os.path.join(PROGRAMS, "suspended-async.js")
    line = line_of(prog, "await never()")
    p = run([jsvm, "leaks", prog])
    c.check("async text: names the function, the line of its await and the local it holds",
            p.returncode == 0 and ("the async function load is suspended at suspended-async.js:%d:" % line) in p.stdout
            and "(an await) and holds cache (Array(200000))" in p.stdout
            and "it resumes when the promise it awaits settles" in p.stdout, p.stdout + p.stderr)
    c.check("async text: the path goes through the pending promise to load",
            "pending (script) -> [0] -> Promise (pending) -> async function load (suspended at line %d)" % line
            in p.stdout, p.stdout)
    # The same from a bytecode file (the names of saved values travel in it).
    jsbc = os.path.join(tmp, "suspended-async.jsbc")
    p = run([jsvm, "compile", prog, "-o", jsbc])
    p = run([jsvm, "leaks", jsbc]) if p.returncode == 0 else p
    c.check("async text from a bytecode file: the local it holds is named",
            p.returncode == 0 and "(an await) and holds cache (Array(200000))" in p.stdout, p.stdout + p.stderr)
    p, doc = leaks_json(jsvm, prog)
    if c.check("async json: report", doc is not None, p.stderr):
        s = suspended_named(report_for(doc["reports"], "exit"), "load")
        cache = value_named(s, "cache") if s else None
        c.check("async json: load, an async function at an await on its line; cache dominated, not in a context",
                s is not None and s["kind"] == "async function" and s["at"] == "await" and s["line"] == line
                and cache is not None and cache["value"] == "Array(200000)" and cache["dominated"]
                and not cache["in_context"] and cache["retained_size"] >= 200000 * 8, json.dumps(s)[:1500])
    snap = os.path.join(tmp, "async.heapsnapshot")
    p = run([jsvm, "run", "--heap-snapshot=" + snap, prog])
    if c.check("async snapshot: written", p.returncode == 0 and os.path.exists(snap), p.stderr):
        expect_retained(c, check_tool, snap, "cache",
                        ['-[internal "continuation"]-> Generator', '-[internal "cache"]-> Array'],
                        "async snapshot: --strict; cache retained through the promise's reaction and the saved register")

    # A generator suspended at a yield.
    prog = os.path.join(PROGRAMS, "suspended-generator.js")
    line = line_of(prog, "yield peek()")
    p, doc = leaks_json(jsvm, prog)
    if c.check("generator json: report", doc is not None, p.stderr):
        r = report_for(doc["reports"], "exit")
        s = suspended_named(r, "producer")
        captured = value_named(s, "captured") if s else None
        scratch = value_named(s, "scratch") if s else None
        c.check("generator json: producer at a yield on its line; captured (its context) and scratch (a register)",
                s is not None and s["kind"] == "generator" and s["at"] == "yield" and s["line"] == line
                and captured is not None and captured["in_context"] and captured["value"] == "Array(100000)"
                and scratch is not None and not scratch["in_context"] and scratch["dominated"]
                and s["path"]["text"] == "gen (global)", json.dumps(s)[:1500])
        ctx = context_named(r, "context of producer")
        c.check("generator json: its context is not flagged, and says the suspended generator holds it",
                ctx is not None and not any(v["leak"] for v in ctx["variables"])
                and any("generator producer" in o for o in ctx["other_retainers"]), json.dumps(ctx)[:1500])
    snap = os.path.join(tmp, "generator.heapsnapshot")
    p = run([jsvm, "run", "--heap-snapshot=" + snap, prog])
    if c.check("generator snapshot: written", p.returncode == 0 and os.path.exists(snap), p.stderr):
        expect_retained(c, check_tool, snap, "captured",
                        ['-[property "gen"]-> producer', '-[internal "context"]-> system / Context',
                         '-[context "captured"]-> Array'],
                        "generator snapshot: --strict; the generator object is named producer, captured via its context")
        expect_retained(c, check_tool, snap, "scratch", ['-[internal "scratch"]-> Array'],
                        "generator snapshot: a saved register's edge is named after its variable")

    # A setInterval callback and a queued microtask.
    prog = os.path.join(PROGRAMS, "timer-leak.js")
    p = run([jsvm, "leaks", prog])
    c.check("timers text: the setInterval callback is named as what keeps history",
            p.returncode == 0 and "a setInterval callback -> poll -> context of startPolling -> history" in p.stdout
            and "poll (a setInterval callback, armed until clearInterval), which holds the context, never uses history"
            in p.stdout, p.stdout + p.stderr)
    p, doc = leaks_json(jsvm, prog)
    if c.check("timers json: report", doc is not None, p.stderr):
        queued = report_for(doc["reports"], "queued")
        polling = report_for(doc["reports"], "polling")
        done = report_for(doc["reports"], "exit")
        c.check("timers json: history flagged while the interval is armed, gone after clearInterval",
                queued is not None and polling is not None and done is not None
                and [l["variable"] for l in polling["leaks"]] == ["history"]
                and holder_root(polling, "context of startPolling", "poll") == "setInterval callback"
                and context_named(done, "context of startPolling") is None, json.dumps(polling)[:1500])
        consume = context_named(queued, "context of schedule") if queued else None
        c.check("timers json: a queued microtask holds consume and its scope until it runs",
                consume is not None and holder_root(queued, "context of schedule", "consume") == "queued microtask"
                and consume["path"]["steps"][0] == "a queued microtask"
                and context_named(polling, "context of schedule") is None, json.dumps(consume)[:1500])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--suite", choices=["snapshots", "leaks", "suspended"], required=True)
    args = ap.parse_args()
    shared = os.path.abspath(args.shared)
    if not os.path.isdir(os.path.join(shared, "conformance", "seeds")) or \
            not os.path.exists(os.path.join(shared, "tools", "check-heapsnapshot")):
        print("SKIPPED: needs ../shared beside the repository (not found at %s)" % shared)
        return 77
    jsvm = os.path.abspath(args.jsvm)
    c = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        if args.suite == "snapshots":
            snapshot_suite(c, jsvm, shared, tmp)
        elif args.suite == "leaks":
            leaks_suite(c, jsvm, shared, tmp)
        else:
            suspended_suite(c, jsvm, shared, tmp)
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
