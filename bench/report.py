#!/usr/bin/env python3
"""Writes docs/performance.md from bench/run's results (see bench/run)."""
import argparse
import datetime
import json
import math
import os
import platform
import subprocess


def sh(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def read_tsv(path):
    rows = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[(r["program"], r["engine"])] = r
    return rows


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def cpu(rows, program, engine):
    r = rows.get((program, engine))
    if not r or r["status"] != "ok":
        return None
    try:
        return float(r["cpu_s"])
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    rows = read_tsv(os.path.join(a.work, "peers.tsv"))
    programs = list(dict.fromkeys(p for p, _ in rows))  # run-peers order
    wrong = [p for p in programs if rows.get((p, "vm"), {}).get("status") != "ok"]

    def ratios(peer):
        out = {}
        for p in programs:
            v, q = cpu(rows, p, "vm"), cpu(rows, p, peer)
            if v and q:
                out[p] = v / q
        return out

    vs_node = ratios("node-jitless")
    vs_duk = ratios("duk")
    g_node = geomean(list(vs_node.values()))
    g_duk = geomean(list(vs_duk.values()))
    worst = max(vs_node.items(), key=lambda kv: kv[1]) if vs_node else ("-", float("nan"))

    def rss(p):
        r = rows.get((p, "vm"))
        return int(r["max_rss_kb"]) / 1024 if r and r["max_rss_kb"].isdigit() else float("nan")

    startup = open(os.path.join(a.work, "startup.md")).read().strip()
    jsvm_startup = float("nan")
    for line in startup.splitlines():
        if line.startswith("| jsvm |"):
            jsvm_startup = float(line.split("|")[2])

    def check(ok):
        return "met" if ok else "**not met**"

    meta_path = os.path.join(a.work, "meta.json")
    meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
    commit = meta.get("commit") or sh("git", "rev-parse", "--short", "HEAD", cwd=a.root)
    dirty = meta.get("dirty") if "dirty" in meta else bool(
        sh("git", "status", "--porcelain", "--untracked-files=no", cwd=a.root))
    cpu_model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "?"

    out = []
    w = out.append
    w("# jsvm performance")
    w("")
    w("Written by `bench/run` (do not edit by hand; run it again). Benchmarks, not tests: every figure")
    w("below is one measurement on the machine named here, with the peers timed in the same run.")
    w("")
    w(f"- measured: {meta.get('date', '?')} (load average at the start: {meta.get('load', '?')}); report written "
      f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    w(f"- commit: {commit}{' (with uncommitted changes)' if dirty else ''}")
    w(f"- machine: {os.cpu_count()} cores, {cpu_model or platform.processor()}, {platform.system()} {platform.machine()};"
      f" load average when the report was written: {load}")
    w(f"- jsvm build: Release (-O3), computed-goto dispatch")
    w("")
    w("## Goals (issue 6)")
    w("")
    w("| goal | figure | |")
    w("|---|---|---|")
    w(f"| geomean CPU time vs node --jitless at most 1/1.3 = 0.77 | {g_node:.2f} ({len(vs_node)} programs) | {check(g_node <= 1 / 1.3)} |")
    w(f"| at least 3x faster than Duktape (geomean) | {1 / g_duk:.2f}x ({len(vs_duk)} programs) | {check(1 / g_duk >= 3)} |")
    w(f"| no program slower than node --jitless by more than 1.5x | worst: {worst[0]} {worst[1]:.2f} | {check(worst[1] <= 1.5)} |")
    w(f"| every program prints the right result | {'all' if not wrong else 'wrong or failed: ' + ', '.join(wrong)} | {check(not wrong)} |")
    w(f"| empty script under 5 ms (median) | {jsvm_startup:.2f} ms | {check(jsvm_startup < 5)} |")
    w(f"| splay.js max RSS at most 130 MiB | {rss('splay'):.1f} MiB | {check(rss('splay') <= 130)} |")
    w(f"| closures.js max RSS at most 5 MiB | {rss('closures'):.1f} MiB | {check(rss('closures') <= 5)} |")
    w("")
    w("Ratios are jsvm's CPU time (user+sys) over the peer's; below 1 means jsvm is faster.")
    w("")
    w("| program | jsvm / node --jitless | jsvm / duk |")
    w("|---|---:|---:|")
    for p in programs:
        n = f"{vs_node[p]:.2f}" if p in vs_node else "n/a"
        d = f"{vs_duk[p]:.2f}" if p in vs_duk else "n/a"
        w(f"| {p} | {n} | {d} |")
    w("")
    w("## All engines (../shared/bench/run-peers)")
    w("")
    w("The peer/jsvm tables include Lua 5.4 and LuaJIT -joff on the micro programs that have Lua twins.")
    w("")
    peers = open(os.path.join(a.work, "peers.md")).read()
    # Demote run-peers' headings one level under this document's.
    for line in peers.splitlines():
        w("#" + line if line.startswith("#") else line)
    w("")
    w("## Start-up (empty script)")
    w("")
    w(startup)
    w("")
    w("## Dispatch micro benchmark (bench/dispatch-bench.cc)")
    w("")
    w("Nanoseconds per executed bytecode (median of 3 repetitions) for small scripts run whole, in three")
    w("builds: computed goto (`-DJSVM_DISPATCH=goto`, the default), a `switch` loop (`-DJSVM_DISPATCH=switch`),")
    w("and computed goto with the trace hooks, dispatch statistics and step/time limits compiled out")
    w("(`-DJSVM_TRACING=OFF`). The last column is what the one `observing` branch per instruction costs.")
    w("")
    builds = [("build-bench", "goto"), ("build-bench-switch", "switch"), ("build-bench-notrace", "goto, no tracing")]
    unit_s = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    seconds = {}   # script -> build -> CPU seconds per run
    per_run = {}   # script -> bytecodes one run executes (counted in the goto build)
    for b, label in builds:
        j = json.load(open(os.path.join(a.work, f"dispatch-{b}.json")))
        for bm in j["benchmarks"]:
            if bm.get("aggregate_name") != "median":
                continue
            name = bm["run_name"].split("/")[-1]
            t = bm["cpu_time"] * unit_s[bm.get("time_unit", "ns")]
            seconds.setdefault(name, {})[label] = t
            # The no-tracing build cannot count bytecodes (no dispatch statistics).
            if bm.get("s/bytecode", 0) > 0 and label == "goto":
                per_run[name] = t / bm["s/bytecode"]
    w("| script | bytecodes per run | goto ns/bc | switch ns/bc | goto, no tracing ns/bc | switch / goto | tracing cost |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for name, d in seconds.items():
        n = per_run.get(name)
        if not n:
            continue
        g, sw, nt = (d.get(k, float("nan")) / n * 1e9 for k in ("goto", "switch", "goto, no tracing"))
        w(f"| {name} | {n:,.0f} | {g:.3f} | {sw:.3f} | {nt:.3f} | {sw / g:.2f} | {100 * (g / nt - 1):+.1f}% |")
    w("")
    with open(a.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
