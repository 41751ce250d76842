#!/usr/bin/env python3
"""Execution traces (jsvm trace): schema, replay and Chrome-format checks.

For each program:
  1. `jsvm trace --format=json` must validate against docs/trace-format.schema.json;
  2. replaying its records must be self-consistent: every id is introduced
     before use and not used after it is freed, calls and returns pair up,
     every PopContext restores the context its PushContext saved, closures are
     made in contexts that exist, loads of registers and context slots give
     the values the replayed state holds, keyframes equal the replayed state (objects included: natives' writes are in the steps that make them),
     console.log arguments read from the replayed registers print what the
     program printed, and the "out" events equal the program's real stdout;
     jobs start oldest first on an empty stack, timers fire at or after their
     due time on a clock that never goes back, suspensions are followed by
     their frame's return and resumptions resume a suspended generator, and
     keyframes hold the replayed queues, timers and suspended functions;
  3. `jsvm trace --format=chrome` must parse, its slices must nest per track,
     its counters must advance in time and its flow arrows must start before
     they end, inside slices of their tracks.
Then --max-steps and --functions are checked for what they promise.

Usage: trace-test.py --jsvm PATH [--shared DIR]   (exit 0 = all passed)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "docs", "trace-format.schema.json")


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


# ---------------------------------------------------------------- schema

def make_validator():
    try:
        import jsonschema
    except ImportError:
        return None
    schema = json.load(open(SCHEMA))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(validator, trace):
    errors = sorted(validator.iter_errors(trace), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        raise Failure("schema: %s at %s (%d errors)" % (e.message[:200], list(e.absolute_path)[:6], len(errors)))


# ---------------------------------------------------------------- replay

def js_text(value):
    """console.log's text for a rendered primitive, or None for an object."""
    if value.startswith("@"):
        return None
    if value.startswith('"'):
        return json.loads(value)
    if value.startswith("<"):
        return None  # the hole, <symbol>: console.log prints more than the rendering
    return value


class Replay:
    """Rebuilds the machine from the records and checks it on the way."""

    def __init__(self, trace):
        self.trace = trace
        self.functions = list(trace["functions"])
        self.scopes = list(trace["scopes"])
        self.scripts = list(trace["scripts"])
        self.cells = {}        # id -> {"kind", "live", "contents", ...}
        self.frames = []       # {"id", "function", "regs", "pushes", "natives"}
        self.acc = "undefined"
        self.output = ""
        self.checks = {"loads": 0, "log-args": 0, "keyframes": 0, "closures": 0, "push/pop": 0, "jobs": 0, "timers": 0,
                       "suspensions": 0, "regexps": 0}
        # The event loop: queued jobs (FIFO), armed timers, suspended generators by id, what runs, the clock.
        self.jobs = []
        self.timers = {}
        self.suspended = {}
        self.suspended_pushes = {}
        self.running = None
        self.now = 0
        self.last_job = 0
        self.expect_return = None
        self.seen_ids = set()
        self.at = "header"
        for f in self.functions:
            self.check_function(f)

    def fail(self, message):
        raise Failure("%s: %s" % (self.at, message))

    def check_function(self, f):
        if f["scope"] is not None and f["scope"] >= len(self.scopes):
            self.fail("function %d names scope %d before it exists" % (f["id"], f["scope"]))
        for i, ins in enumerate(f["code"]):
            if i and ins[0] <= f["code"][i - 1][0]:
                self.fail("function %d: offsets not increasing" % f["id"])

    # -- values
    def value(self, v):
        if v.startswith("@"):
            i = int(v[1:])
            if i not in self.cells:
                self.fail("%s used before it is introduced" % v)
            if not self.cells[i]["live"]:
                self.fail("%s used after it was freed" % v)
        return v

    def new_cell(self, i, kind, **fields):
        if i in self.seen_ids:
            self.fail("id %d introduced twice" % i)
        self.seen_ids.add(i)
        cell = {"kind": kind, "live": True, "contents": None}
        cell.update(fields)
        self.cells[i] = cell
        return cell

    def contents(self, c):
        if "slots" in c:
            for v in c["slots"]:
                self.value(v)
        else:
            if c["proto"] is not None:
                self.value(c["proto"])
            for _, v in c["props"]:
                self.value(v)
            for entry in c.get("entries", []):
                for v in entry:
                    self.value(v)
        return c

    def top(self):
        if not self.frames:
            self.fail("no frame on the stack")
        return self.frames[-1]

    def context_at(self, ref, depth):
        c = ref
        for _ in range(depth):
            cell = self.cells[int(c[1:])]
            c = cell["parent"]
            if c is None:
                self.fail("context chain shorter than depth %d" % depth)
        return self.cells[int(c[1:])]

    def site(self, site):
        if site is not None and site["function"] >= len(self.functions):
            self.fail("site in unknown function %d" % site["function"])

    # -- events
    def event(self, e):
        tag = e[0]
        if self.expect_return is not None and tag != "ref":
            if tag != "return" or e[1] != self.expect_return:
                self.fail("suspend of frame %d not followed by its return" % self.expect_return)
            self.expect_return = None
        if tag == "ref":
            self.new_cell(e[1], e[2], builtin=True, label=e[3])
        elif tag == "function":
            if e[1]["id"] != len(self.functions):
                self.fail("function index %d out of sequence" % e[1]["id"])
            self.functions.append(e[1])
            self.check_function(e[1])
        elif tag == "scope":
            if e[1]["id"] != len(self.scopes):
                self.fail("scope index out of sequence")
            self.scopes.append(e[1])
        elif tag == "script":
            if e[1]["id"] != len(self.scripts):
                self.fail("script index out of sequence")
            self.scripts.append(e[1])
        elif tag == "context":
            if e[3] is not None and e[3] >= len(self.scopes):
                self.fail("context of unknown scope %d" % e[3])
            if e[4] is not None:
                self.value(e[4])
            slots = len(self.scopes[e[3]]["slots"]) if e[3] is not None else None
            self.new_cell(e[1], "context", scope=e[3], parent=e[4], slots=None, nslots=slots)
        elif tag == "closure":
            if e[3] >= len(self.functions):
                self.fail("closure of unknown function %d" % e[3])
            if e[4] is not None:
                self.value(e[4])
                if self.cells[int(e[4][1:])]["kind"] != "context":
                    self.fail("closure @%d captured %s, which is not a context" % (e[1], e[4]))
                self.checks["closures"] += 1
            self.new_cell(e[1], "closure", function=e[3], context=e[4])
        elif tag == "new":
            self.new_cell(e[1], e[3])
        elif tag == "init":
            if e[1] not in self.cells or not self.cells[e[1]]["live"]:
                self.fail("init of unknown id %d" % e[1])
            cell = self.cells[e[1]]
            cell["contents"] = self.contents(e[2])
            if cell["kind"] == "context":
                if "slots" not in e[2]:
                    self.fail("context @%d initialised without slots" % e[1])
                cell["slots"] = list(e[2]["slots"])
        elif tag == "slot":
            cell = self.cells.get(int(self.value(e[1])[1:]))
            if cell["kind"] != "context" or cell.get("slots") is None:
                self.fail("slot write to %s, not an initialised context" % e[1])
            index = e[2] - 2
            if not 0 <= index < len(cell["slots"]):
                self.fail("slot %d out of range for %s" % (e[2], e[1]))
            cell["slots"][index] = self.value(e[3])
        elif tag == "prop":
            self.value(e[1])
            self.value(e[3])
            cell = self.cells[int(e[1][1:])]
            if cell.get("contents") is not None and "props" in cell["contents"]:
                props = cell["contents"]["props"]
                at = next((i for i, p in enumerate(props) if p[0] == e[2]), None)
                if at is None:
                    props.append([e[2], e[3]])
                else:
                    props[at] = [e[2], e[3]]
        elif tag == "delete":
            self.value(e[1])
            cell = self.cells[int(e[1][1:])]
            if cell.get("contents") is not None and "props" in cell["contents"]:
                cell["contents"]["props"] = [p for p in cell["contents"]["props"] if p[0] != e[2]]
        elif tag == "state":
            if e[1] not in self.cells or not self.cells[e[1]]["live"] or self.cells[e[1]]["kind"] == "context":
                self.fail("state of unknown id or of a context %d" % e[1])
            self.cells[e[1]]["contents"] = self.contents(e[2])
        elif tag == "length":
            self.value(e[1])
            cell = self.cells[int(e[1][1:])]
            if cell.get("contents") is None or "length" not in cell["contents"]:
                self.fail("length of %s, which is not an array" % e[1])
            cell["contents"]["length"] = e[2]
        elif tag == "call":
            c = e[1]
            if c["function"] >= len(self.functions):
                self.fail("call of unknown function")
            self.value(c["closure"])
            closure = self.cells[int(c["closure"][1:])]
            if closure["kind"] == "closure" and closure["function"] != c["function"]:
                self.fail("frame %d runs function %d but its closure is of %d" % (c["frame"], c["function"], closure["function"]))
            f = self.functions[c["function"]]
            regs = {name: "undefined" for name in f["regNames"]}
            for name, v in c["regs"].items():
                if name not in regs:
                    self.fail("call sets unknown register %s" % name)
                regs[name] = self.value(v)
            if regs["<closure>"] != c["closure"]:
                self.fail("<closure> of frame %d is not its closure" % c["frame"])
            self.frames.append({"id": c["frame"], "function": c["function"], "regs": regs, "pushes": [], "natives": 0})
        elif tag in ("return", "unwind"):
            frame = self.top()
            if frame["id"] != e[1]:
                self.fail("%s of frame %d, but frame %d is on top" % (tag, e[1], frame["id"]))
            if frame["natives"]:
                self.fail("frame %d left with %d native calls open" % (e[1], frame["natives"]))
            if tag == "return":
                self.value(e[2])
            self.frames.pop()
        elif tag == "catch":
            frame = self.top()
            if frame["id"] != e[1]:
                self.fail("catch in frame %d, but frame %d is on top" % (e[1], frame["id"]))
            self.value(e[2])
            self.pending_catch = frame
        elif tag == "native":
            self.value(e[1])
            self.top()["natives"] += 1
            self.last_native = e[2]
        elif tag in ("nativeReturn", "nativeUnwind"):
            frame = self.top()
            if frame["natives"] == 0:
                self.fail("%s without a native call" % tag)
            frame["natives"] -= 1
            if tag == "nativeReturn":
                self.value(e[1])
        elif tag == "push":
            frame = self.top()
            self.value(e[1])
            if self.cells[int(e[1][1:])]["kind"] != "context":
                self.fail("PushContext of %s, not a context" % e[1])
            if e[2] != frame["regs"]["<context>"]:
                self.fail("push saved %s but the current context was %s" % (e[2], frame["regs"]["<context>"]))
            frame["pushes"].append(e[2])
            self.pushed = e[1]
        elif tag == "pop":
            frame = self.top()
            if not frame["pushes"]:
                self.fail("PopContext without a PushContext in frame %d" % frame["id"])
            saved = frame["pushes"].pop()
            if e[1] != saved:
                self.fail("PopContext restored %s, but the matching push saved %s" % (e[1], saved))
            self.checks["push/pop"] += 1
            self.popped = e[1]
        elif tag == "regexp":
            r = e[1]
            self.value(r["subject"])
            if (r["result"] is None) != (r["captures"] is None):
                self.fail("regexp result and captures disagree: %s" % r)
            if r["result"] is not None:
                if len(r["result"]) != len(r["captures"]) or r["result"][0] is None:
                    self.fail("regexp match without its whole match: %s" % r)
                for span, text in zip(r["result"], r["captures"]):
                    if (span is None) != (text == "undefined"):
                        self.fail("regexp group %s shown as %s" % (span, text))
            self.checks["regexps"] += 1
        elif tag == "out":
            if e[1] == 1:
                self.output += e[2]
            self.last_output = e[2]
        elif tag == "gc":
            g = e[1]
            if g["after"] > g["before"]:
                self.fail("collection grew the heap")
            for i in g["freedIds"]:
                if i not in self.cells or not self.cells[i]["live"]:
                    self.fail("collection freed unknown or dead id %d" % i)
                self.cells[i]["live"] = False
                self.suspended.pop(i, None)
        elif tag == "jobEnqueue":
            j = e[1]
            if j["job"] <= self.last_job:
                self.fail("job %d enqueued after job %d" % (j["job"], self.last_job))
            self.last_job = j["job"]
            self.value(j["handler"])
            self.site(j["site"])
            self.jobs.append(j)
        elif tag == "jobStart":
            # Jobs run first in, first out, one at a time, on an empty stack.
            if not self.jobs or self.jobs[0]["job"] != e[1]:
                self.fail("job %d starts, but the oldest queued is %s" % (e[1], self.jobs[0]["job"] if self.jobs else None))
            if self.running is not None or self.frames:
                self.fail("job %d starts while %s runs or frames are open" % (e[1], self.running))
            self.jobs.pop(0)
            self.running = {"job": e[1]}
            self.checks["jobs"] += 1
        elif tag == "jobEnd":
            if self.running != {"job": e[1]}:
                self.fail("job %d ends, but %s runs" % (e[1], self.running))
            self.running = None
        elif tag == "timerArm":
            t = e[1]
            if t["timer"] in self.timers:
                self.fail("timer %d armed twice" % t["timer"])
            self.value(t["callback"])
            self.site(t["site"])
            if t["kind"] != "immediate" and t["due"] != self.now + t["delay"]:
                self.fail("timer %d due at %s, armed at %s with delay %s" % (t["timer"], t["due"], self.now, t["delay"]))
            self.timers[t["timer"]] = dict(t)
        elif tag == "timerFire":
            f = e[1]
            t = self.timers.get(f["timer"])
            if t is None:
                self.fail("timer %d fires but is not armed" % f["timer"])
            if self.running is not None or self.frames:
                self.fail("timer %d fires while %s runs or frames are open" % (f["timer"], self.running))
            if f["now"] < self.now or (t["due"] is not None and f["now"] < t["due"]):
                self.fail("timer %d fires at %s: the clock was %s, it was due at %s" % (f["timer"], f["now"], self.now, t["due"]))
            self.now = f["now"]
            if t["kind"] == "interval":
                t["due"] = f["next"]
            else:
                del self.timers[f["timer"]]
            self.running = {"timer": f["timer"]}
            self.checks["timers"] += 1
        elif tag == "timerDone":
            if self.running != {"timer": e[1]}:
                self.fail("timer %d done, but %s runs" % (e[1], self.running))
            self.running = None
        elif tag == "timerClear":
            if self.timers.pop(e[1], None) is None:
                self.fail("timer %d cleared but not armed" % e[1])
        elif tag == "suspend":
            g = e[1]
            frame = self.top()
            if frame["id"] != g["frame"] or frame["function"] != g["function"]:
                self.fail("suspend of frame %d, but frame %d is on top" % (g["frame"], frame["id"]))
            for v in [g["generator"], g["context"], g["value"]] + list(g["regs"].values()):
                self.value(v)
            self.site(g["site"])
            self.suspended[int(g["generator"][1:])] = g
            # The contexts it pushed stay pushed: its resumption pops them.
            self.suspended_pushes[int(g["generator"][1:])] = frame["pushes"]
            self.expect_return = g["frame"]
            self.checks["suspensions"] += 1
        elif tag == "resume":
            r = e[1]
            if self.top()["id"] != r["frame"]:
                self.fail("resume of frame %d, not the frame on top" % r["frame"])
            if self.suspended.pop(int(r["generator"][1:]), None) is None:
                self.fail("%s resumed but not suspended" % r["generator"])
            self.top()["pushes"] = self.suspended_pushes.pop(int(r["generator"][1:]))
        else:
            self.fail("unknown event %s" % tag)

    # -- records
    def apply_delta(self, d):
        self.pushed = self.popped = self.pending_catch = self.last_native = self.last_output = None
        for e in d.get("e", []):
            self.event(e)
        if "a" in d:
            self.acc = self.value(d["a"])
        if "r" in d:
            frame = self.top()
            for name, v in d["r"].items():
                if name not in frame["regs"]:
                    self.fail("write to unknown register %s" % name)
                frame["regs"][name] = self.value(v)
        if self.pushed is not None and self.top()["regs"]["<context>"] != self.pushed:
            self.fail("after PushContext <context> is %s, not %s" % (self.top()["regs"]["<context>"], self.pushed))
        if self.popped is not None and self.top()["regs"]["<context>"] != self.popped:
            self.fail("after PopContext <context> is not %s" % self.popped)
        if self.pending_catch is not None:
            # The handler restored the context saved at try entry: drop the pushes made inside the try.
            frame = self.pending_catch
            while frame["pushes"] and frame["regs"]["<context>"] != frame["pushes"][-1] and \
                    frame["regs"]["<context>"] in frame["pushes"]:
                frame["pushes"].pop()
            if frame["pushes"] and frame["regs"]["<context>"] == frame["pushes"][-1]:
                frame["pushes"].pop()

    def check_step(self, record, before_frame):
        """Semantic checks of loads and stores against the replayed state."""
        f = self.functions[record[1]]
        ins = next((i for i in f["code"] if i[0] == record[2]), None)
        if ins is None:
            self.fail("no instruction at offset %d of function %d" % (record[2], record[1]))
        op, ops = ins[1], ins[2]
        frame = self.frames[-1] if self.frames else None
        if frame is None or frame is not before_frame:
            return op, ops
        regs = frame["regs"]
        if op == "Ldar":
            self.expect(self.acc == regs[ops[0]], "Ldar %s: acc %s, register %s" % (ops[0], self.acc, regs[ops[0]]))
        elif op == "Star" or re.fullmatch(r"Star\d+", op):
            r = ops[0] if op == "Star" else "r" + op[4:]
            self.expect(regs[r] == self.acc, "%s: %s holds %s, acc %s" % (op, r, regs[r], self.acc))
        elif op == "Mov":
            self.expect(regs[ops[1]] == regs[ops[0]], "Mov %s, %s" % (ops[0], ops[1]))
        elif op in ("LdaCurrentContextSlot", "LdaImmutableCurrentContextSlot", "LdaContextSlot", "LdaImmutableContextSlot"):
            if "Current" in op:
                ctx, slot, depth = regs["<context>"], int(ops[0][1:-1]), 0
            else:
                ctx, slot, depth = regs[ops[0]], int(ops[1][1:-1]), int(ops[2][1:-1])
            cell = self.context_at(ctx, depth)
            held = cell["slots"][slot - 2]
            self.expect(held == self.acc, "%s [%d]: context holds %s, acc %s" % (op, slot, held, self.acc))
        return op, ops

    def expect(self, cond, message):
        if not cond:
            self.fail(message)
        self.checks["loads"] += 1

    def check_log(self, op, ops, frame):
        """console.log's arguments, read from the replayed registers, print what the program printed."""
        if self.last_native != "log" or self.last_output is None or frame is None:
            return
        m = re.fullmatch(r"(CallProperty|CallUndefinedReceiver)(\d?)", op)
        if not m:
            return
        regs = frame["regs"]
        if m.group(2):
            names = ops[1:-1]
            if m.group(1) == "CallProperty":
                names = names[1:]
        else:
            first, last = ops[1].split("-")
            n0, n1 = int(first[1:]), int(last[1:])
            names = ["r%d" % i for i in range(n0, n1 + 1)]
            if m.group(1) == "CallProperty":
                names = names[1:]
        texts = [js_text(regs[n]) for n in names]
        if any(t is None for t in texts):
            return
        printed = " ".join(texts) + "\n"
        if printed != self.last_output:
            self.fail("console.log of %s prints %r, but the program printed %r" % (names, printed, self.last_output))
        self.checks["log-args"] += 1

    def keyframe(self, k):
        for e in k["e"]:
            self.event(e)
        if k["a"] != self.acc:
            self.fail("keyframe acc %s, replayed %s" % (k["a"], self.acc))
        ids = [f["frame"] for f in k["frames"]]
        if ids != [f["id"] for f in self.frames]:
            self.fail("keyframe frames %s, replayed %s" % (ids, [f["id"] for f in self.frames]))
        for kf, rf in zip(k["frames"], self.frames):
            for name, v in kf["regs"].items():
                if rf["regs"].get(name) != v:
                    self.fail("keyframe: frame %d %s is %s, replayed %s" % (kf["frame"], name, v, rf["regs"].get(name)))
        loop = {"jobs": self.jobs, "timers": [self.timers[i] for i in sorted(self.timers)],
                "suspended": [self.suspended[i] for i in sorted(self.suspended)], "running": self.running, "now": self.now}
        for key, replayed in loop.items():
            if k[key] != replayed:
                self.fail("keyframe %s %s, replayed %s" % (key, json.dumps(k[key])[:300], json.dumps(replayed)[:300]))
        live = sorted(i for i, c in self.cells.items() if c["live"] and not c.get("builtin"))
        listed = [h[0] for h in k["heap"]]
        if listed != live:
            self.fail("keyframe lists %d live cells, replay has %d" % (len(listed), len(live)))
        for i, contents in k["heap"]:
            cell = self.cells[i]
            self.contents(contents)
            if cell["kind"] == "context":
                if contents["slots"] != cell["slots"]:
                    self.fail("keyframe: context @%d slots %s, replayed %s" % (i, contents["slots"], cell["slots"]))
            elif cell.get("contents") != contents:
                # Every write, natives' included, is in the step that made it.
                self.fail("keyframe: @%d is %s, replayed %s" % (i, json.dumps(contents)[:300],
                                                                json.dumps(cell.get("contents"))[:300]))
        self.checks["keyframes"] += 1

    def run(self):
        steps = 0
        for n, record in enumerate(self.trace["records"]):
            self.at = "record %d" % n
            if isinstance(record, list):
                steps += 1
                before = self.frames[-1] if self.frames else None
                if before is None or before["function"] != record[1]:
                    self.fail("step in function %d, but the frame on top runs %s" %
                              (record[1], before and before["function"]))
                self.apply_delta(record[3] if len(record) > 3 else {})
                op, ops = self.check_step(record, before)
                self.check_log(op, ops, before if before in self.frames else None)
            elif "gap" in record:
                self.apply_delta(record)
            else:
                self.keyframe(record["keyframe"])
        end = self.trace["end"]
        self.at = "end"
        if end["recorded"] != steps:
            self.fail("end.recorded %d, %d step records" % (end["recorded"], steps))
        open_ids = [f["id"] for f in self.frames]
        if end["openFrames"] != open_ids:
            self.fail("end.openFrames %s, replayed %s" % (end["openFrames"], open_ids))
        if not end["truncated"] and end["outcome"] == "ok" and self.frames:
            self.fail("frames left open at a normal end")
        for f in self.frames:
            if f["natives"] and not end["truncated"]:
                self.fail("native calls left open")


# ---------------------------------------------------------------- chrome

def check_chrome(data):
    events = data["traceEvents"]
    check(isinstance(data.get("otherData"), dict), "chrome: otherData missing")
    names = {(e.get("tid"), e["name"]): e for e in events if e.get("ph") == "M"}
    check((1, "thread_name") in names and (2, "thread_name") in names, "chrome: track names missing")
    slices = {}
    last_counter = None
    counters = 0
    flows = {}  # (cat, name, id) -> {"s": event, "f": event}
    for n, e in enumerate(events):
        ph = e.get("ph")
        check(ph is not None and "name" in e, "chrome event %d: no ph or name" % n)
        if ph == "M":
            continue
        check(isinstance(e.get("ts"), (int, float)), "chrome event %d: ts" % n)
        check(e.get("pid") == 1, "chrome event %d: pid" % n)
        if ph == "X":
            check(isinstance(e.get("dur"), (int, float)) and e["dur"] >= 0, "chrome event %d: dur" % n)
            slices.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"], e["name"]))
        elif ph == "C":
            check(isinstance(e.get("args"), dict) and "bytes" in e["args"], "chrome counter %d: args" % n)
            check(last_counter is None or e["ts"] > last_counter, "chrome counter %d goes back in time" % n)
            last_counter = e["ts"]
            counters += 1
        elif ph in ("s", "f"):
            key = (e.get("cat"), e["name"], e.get("id"))
            check(isinstance(e.get("id"), int), "chrome flow event %d: no id" % n)
            check(ph not in flows.setdefault(key, {}), "chrome flow %s: two %s events" % (key, ph))
            flows[key][ph] = e
        elif ph in ("B", "E"):
            raise Failure("chrome: unexpected B/E events")
    check(counters >= 2, "chrome: fewer than 2 heap counter samples")
    total = 0
    for tid, sl in slices.items():
        sl.sort(key=lambda s: (s[0], -s[1]))
        stack = []
        for s in sl:
            while stack and stack[-1][1] <= s[0]:
                stack.pop()
            if stack and s[1] > stack[-1][1]:
                raise Failure("chrome: slice %s [%s, %s] overlaps %s [%s, %s] on track %s" %
                              (s[2], s[0], s[1], stack[-1][2], stack[-1][0], stack[-1][1], tid))
            stack.append(s)
        total += len(sl)
    # Flow arrows: each end has its start, earlier, and both lie inside a
    # slice of their track (Perfetto binds them to the enclosing slice).
    for key, pair in flows.items():
        for ph, e in pair.items():
            check(any(a <= e["ts"] <= b for a, b, _ in slices.get(e["tid"], [])),
                  "chrome flow %s: its %s event at %s is in no slice of track %s" % (key, ph, e["ts"], e["tid"]))
        if "f" in pair:
            check("s" in pair and pair["s"]["ts"] < pair["f"]["ts"], "chrome flow %s ends before it starts" % (key,))
            check(pair["f"].get("bp") == "e", "chrome flow %s: its end does not bind to the enclosing slice" % (key,))
    slices["flows"] = flows
    return slices


# ---------------------------------------------------------------- driver

def run_trace(jsvm, program, tmp, extra, fmt="json"):
    out = os.path.join(tmp, "trace.json")
    proc = subprocess.run([jsvm, "trace", "--format=" + fmt, "-o", out] + extra + [program],
                          capture_output=True, text=True, timeout=300)
    with open(out) as f:
        data = json.load(f)
    return proc, data


PROGRAMS = [
    # file, extra flags, expects (collections >= n)
    ("seed_d_closure_leak.js", [], 0),
    ("exceptions.js", [], 0),
    ("let-loop.js", [], 0),
    ("classes.js", [], 0),
    ("gc-loop.js", ["--max-heap=1"], 3),
    ("replace-thing-strings.js", [], 0),
    ("event-loop.js", [], 0),
    ("generators.js", [], 0),
    ("regexp.js", [], 0),
]


def program_path(name, shared):
    local = os.path.join(HERE, name)
    if os.path.exists(local):
        return local
    return os.path.join(shared, "conformance", "seeds", name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared"))
    args = ap.parse_args()
    validator = make_validator()
    if validator is None:
        print("SKIPPED: python3 jsonschema is not installed")
        return 77
    passed = failed = 0

    def case(name, fn):
        nonlocal passed, failed
        try:
            detail = fn()
            print("ok    %s%s" % (name, ": " + detail if detail else ""))
            passed += 1
        except Failure as e:
            print("FAIL  %s: %s" % (name, e))
            failed += 1

    with tempfile.TemporaryDirectory() as tmp:
        # The validator itself must reject a broken trace.
        def broken():
            _, data = run_trace(args.jsvm, os.path.join(HERE, "let-loop.js"), tmp, ["--keyframe-interval=20"])
            step = next(r for r in data["records"] if isinstance(r, list) and len(r) > 3 and "a" in r[3])
            step[3]["a"] = 5
            try:
                validate(validator, data)
            except Failure:
                return "a number where a value string belongs is rejected"
            raise Failure("the schema accepted a broken trace")
        case("schema rejects a broken trace", broken)

        for name, extra, min_gcs in PROGRAMS:
            path = program_path(name, args.shared)
            if not os.path.exists(path):
                print("skip  %s (not found)" % name)
                continue

            def json_case(path=path, extra=extra, min_gcs=min_gcs):
                run = subprocess.run([args.jsvm, "run"] + extra + [path], capture_output=True, text=True, timeout=300)
                proc, data = run_trace(args.jsvm, path, tmp, extra + ["--keyframe-interval=20"])
                check(proc.returncode == run.returncode, "exit %d, run exits %d" % (proc.returncode, run.returncode))
                check(proc.stdout == run.stdout, "program output differs from jsvm run")
                validate(validator, data)
                replay = Replay(data)
                replay.run()
                check(replay.output == run.stdout, "out events %r differ from stdout %r" % (replay.output[:80], run.stdout[:80]))
                check(data["end"]["collections"] >= min_gcs, "only %d collections" % data["end"]["collections"])
                check(replay.checks["loads"] > 0 and replay.checks["keyframes"] > 0, "nothing was checked")
                return "%d records, %d collections, checks %s" % (len(data["records"]), data["end"]["collections"],
                                                                 replay.checks)
            case(name + " (json)", json_case)

            def chrome_case(path=path, extra=extra):
                proc, data = run_trace(args.jsvm, path, tmp, extra, "chrome")
                slices = check_chrome(data)
                check(data["otherData"]["outcome"] == "ok", "outcome %s" % data["otherData"]["outcome"])
                gc_slices = len(slices.get(2, []))
                return "%d slices, %d collections" % (len(slices.get(1, [])), gc_slices)
            case(name + " (chrome)", chrome_case)

        fib = os.path.join(tmp, "fib.js")
        with open(fib, "w") as f:
            f.write("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
                    "function twice(x) { return fib(x) * 2; }\n"
                    "console.log(twice(10), [3, 4].map(fib).join());\n")

        def chrome_fib():
            _, data = run_trace(args.jsvm, fib, tmp, [], "chrome")
            slices = check_chrome(data)[1]
            calls = sum(1 for s in slices if s[2] == "fib")
            check(calls == 177 + 5 + 9, "%d fib slices, expected 191" % calls)
            maps = [s for s in slices if s[2] == "map"]
            check(len(maps) == 1, "no native map slice")
            inside = [s for s in slices if s[2] == "fib" and maps[0][0] < s[0] and s[1] < maps[0][1]]
            check(len(inside) == 14, "%d fib slices inside map, expected 14" % len(inside))
            return "191 fib slices, callbacks nested in the native map slice"
        case("chrome: calls as nested slices", chrome_fib)

        def chrome_loop():
            loop = os.path.join(HERE, "..", "viewer", "event-loop.js")
            _, data = run_trace(args.jsvm, loop, tmp, [], "chrome")
            slices = check_chrome(data)
            names = {(e.get("tid"), e["args"].get("name")) for e in data["traceEvents"] if e["name"] == "thread_name"}
            check((3, "event loop: tasks (timers)") in names and (4, "microtasks") in names, "task tracks unnamed: %s" % names)
            micro = [s[2] for s in sorted(slices.get(4, []))]
            tasks = [s[2] for s in sorted(slices.get(3, []))]
            check(micro == ["then: <anonymous>", "resume load after await", "then: <anonymous>"], "microtask slices %s" % micro)
            check(tasks == ["setTimeout: <anonymous>", "setTimeout: <anonymous>"], "task slices %s" % tasks)
            ends = [p for p in slices["flows"].values() if "f" in p]
            check(len(ends) == 5 and all(p["f"]["tid"] in (3, 4) for p in ends), "%d flows end on the task tracks" % len(ends))
            resumed = [s for s in slices[1] if s[2] == "load (resumed)"]
            check(len(resumed) == 1, "no slice for load's resumption")
            return "microtasks %s, tasks %s, 5 flow arrows from the queuing to the run" % (micro, tasks)
        case("chrome: tasks and microtasks on their tracks, with flows", chrome_loop)

        def regexp_runs():
            proc, data = run_trace(args.jsvm, os.path.join(HERE, "regexp.js"), tmp, [])
            validate(validator, data)
            runs = [(r[0], e[1]) for r in data["records"] if isinstance(r, list) and len(r) > 3
                    for e in r[3].get("e", []) if e[0] == "regexp"]
            by_pattern = {}
            for step, run in runs:
                by_pattern.setdefault(run["pattern"], []).append((step, run))
            first = by_pattern["(\\d+)-(x)?(?<w>[a-z]+)"][0][1]
            check(first["flags"] == "g" and first["subject"] == '"12-ab 7-c"' and first["lastIndex"] == 0,
                  "exec run %s" % first)
            check(first["result"] == [[0, 5], [0, 2], None, [3, 5]], "exec result %s" % first["result"])
            check(first["captures"] == ['"12-ab"', '"12"', "undefined", '"ab"'], "exec captures %s" % first["captures"])
            # A global replace: one run per match and a last one that fails, all in the step of its call.
            digits = by_pattern["\\d"]
            check([r["lastIndex"] for _, r in digits] == [0, 2, 4] and digits[2][1]["result"] is None,
                  "replace runs %s" % [r for _, r in digits])
            check(len({step for step, _ in digits}) == 1, "replace's runs are in several steps")
            check(by_pattern["z"][0][1]["result"] is None, "test /z/ matched")
            # Backtracking is counted: (a|ab) must give up "a" before (c|bcd) can match.
            alt = by_pattern["(a|ab)(c|bcd)(d*)"][0][1]
            check(alt["backtracks"] >= 1 and alt["result"][0] == [0, 4], "alternation run %s" % alt)
            # A long subject is previewed as long strings are.
            tail = by_pattern["q$"][0][1]
            check(tail["subject"].startswith("<string 150 ") and tail["result"] == [[149, 150]], "long subject run %s" % tail)
            # Catastrophic backtracking shows: (a+)+b on 12 a's tries every split of them (2^11 at the first start).
            bad = by_pattern["(a+)+b"][0][1]
            check(bad["result"] is None and bad["backtracks"] >= 2 ** 11, "(a+)+b run %s" % bad)
            check(len(by_pattern[","]) == 2, "split ran %d times" % len(by_pattern[","]))
            # The Chrome format shows each run as an instant event on the interpreter's track.
            _, chrome = run_trace(args.jsvm, os.path.join(HERE, "regexp.js"), tmp, [], "chrome")
            check_chrome(chrome)
            instants = [e for e in chrome["traceEvents"] if e.get("cat") == "regexp"]
            check(len(instants) == len(runs), "%d chrome regexp events for %d runs" % (len(instants), len(runs)))
            check(instants[-1]["name"] == "/(a+)+b/" and instants[-1]["args"]["backtracks"] == bad["backtracks"],
                  "chrome (a+)+b event %s" % instants[-1])
            return "%d regexp runs (json and chrome)" % len(runs)
        case("regexp runs: one event each, with result and backtracks", regexp_runs)

        def max_steps():
            proc, data = run_trace(args.jsvm, fib, tmp, ["--max-steps=40", "--keyframe-interval=10"])
            validate(validator, data)
            end = data["end"]
            check(end["truncated"] and end["recorded"] == 40, "end %s" % end)
            check(end["steps"] > 40, "the program stopped with the recording")
            check(proc.stdout == "110 2,3\n", "output %r" % proc.stdout)
            steps = [r for r in data["records"] if isinstance(r, list)]
            check(len(steps) == 40, "%d steps recorded" % len(steps))
            Replay(data).run()
            _, chrome = run_trace(args.jsvm, fib, tmp, ["--max-steps=40"], "chrome")
            check_chrome(chrome)
            check(chrome["otherData"]["truncated"], "chrome trace not marked truncated")
            return "40 of %d steps, open frames %s" % (end["steps"], end["openFrames"])
        case("--max-steps stops recording, not the program", max_steps)

        def functions():
            proc, data = run_trace(args.jsvm, fib, tmp, ["--functions=twice"])
            validate(validator, data)
            index = {f["id"]: f["name"] for f in data["functions"]}
            names = {index[r[1]] for r in data["records"] if isinstance(r, list)}
            check(names == {"twice"}, "steps recorded in %s" % names)
            calls = [e for r in data["records"] for e in (r[3] if isinstance(r, list) and len(r) > 3 else
                                                          r if isinstance(r, dict) and "gap" in r else {}).get("e", [])
                     if e[0] in ("call", "return", "unwind")]
            check([e[0] for e in calls] == ["call", "return"], "calls and returns %s" % [e[0] for e in calls])
            Replay(data).run()
            _, chrome = run_trace(args.jsvm, fib, tmp, ["--functions=twice,fib"], "chrome")
            slices = check_chrome(chrome)[1]
            # Natives called from unselected frames (map, join, log from the script) are left out.
            check({s[2] for s in slices} == {"twice", "fib"}, "chrome slices %s" % {s[2] for s in slices})
            return "steps only in twice; its call and return balanced"
        case("--functions records only those functions", functions)

        def size_of(source):
            path = os.path.join(tmp, "sized.js")
            with open(path, "w") as f:
                f.write(source)
            out = os.path.join(tmp, "sized.json")
            subprocess.run([args.jsvm, "trace", "-o", out, path], capture_output=True, timeout=300, check=True)
            return os.path.getsize(out)

        def linear_size():
            # Long strings are written as a preview and their length: a string
            # that grows at every step makes a trace that grows linearly.
            loop = 'var s = "";\nfor (var i = 0; i < %d; i++) s += "x";\nconsole.log(s.length);\n'
            small, large = size_of(loop % 10000), size_of(loop % 20000)
            check(large <= 2.5 * small, "10,000 iterations: %d bytes, 20,000: %d bytes (%.2fx)" % (small, large, large / small))
            # ...and a long string's length does not matter.
            with open(os.path.join(HERE, "replace-thing-strings.js")) as f:
                thing = f.read()
            short, longer = size_of(thing), size_of(thing.replace("new Array(10000)", "new Array(40000)"))
            check(longer <= 1.1 * short, "replaceThing with 10,000 characters: %d bytes, 40,000: %d" % (short, longer))
            return "s += \"x\" 10,000 times: %d bytes, 20,000 times: %d (%.2fx); replaceThing %d bytes, %d with 4x longer strings" % (
                small, large, large / small, short, longer)
        case("trace size is linear in the steps, not in string lengths", linear_size)

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
