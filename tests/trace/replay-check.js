// Replays a trace's deltas with the viewer's own model (tools/viewer/replay.js)
// and compares the state before every step with the keyframe a second trace
// of the same run (`--keyframe-interval 1`) records there: every heap write,
// made by a bytecode or inside a native, must be in the step that made it.
//
//   node replay-check.js REPLAY_JS NORMAL.json EVERY.json
//
// Prints one line per difference (at most 20) and exits 1 when there is one;
// prints `ok STEPS` and exits 0 otherwise. Used by replay-test.py.
'use strict';
const fs = require('fs');

const [replayJs, normalPath, everyPath] = process.argv.slice(2);
const { makeReplay } = require(replayJs);
const normal = JSON.parse(fs.readFileSync(normalPath, 'utf8'));
const every = JSON.parse(fs.readFileSync(everyPath, 'utf8'));

const problems = [];
function problem(text) {
  problems.push(text);
  if (problems.length >= 20) finish();
}
function finish() {
  for (const p of problems) console.log(p);
  process.exit(problems.length ? 1 : 0);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// A cell as the model holds it, in a form two cells compare by.
function shape(cell) {
  if (cell.kind === 'context') return { slots: cell.slots };
  const out = { cls: cell.cls, proto: cell.proto, length: cell.length, props: [...(cell.props || new Map())], more: !!cell.more };
  if (cell.entries) { out.size = cell.size; out.entries = cell.entries; }
  return out;
}

const replay = makeReplay(normal);
// The keyframe-every-step trace's keyframes, by the step they precede.
const keyframes = new Map();
for (const rec of every.records) if (!Array.isArray(rec) && rec.keyframe) keyframes.set(rec.keyframe.n, rec.keyframe);

function compare(s, kf, where) {
  if (s.acc !== kf.a) problem(`${where}: accumulator ${s.acc}, keyframe ${kf.a}`);
  if (s.heap !== kf.h) problem(`${where}: heap bytes ${s.heap}, keyframe ${kf.h}`);
  if (s.frames.length !== kf.frames.length) {
    problem(`${where}: ${s.frames.length} frames, keyframe ${kf.frames.length}`);
  } else {
    kf.frames.forEach((f, i) => {
      const g = s.frames[i];
      if (g.frame !== f.frame || g.fn !== f.function) problem(`${where}: frame ${i} is ${g.frame}/${g.fn}, keyframe ${f.frame}/${f.function}`);
      for (const [name, v] of Object.entries(f.regs)) {
        const r = g.regs[name] === undefined ? 'undefined' : g.regs[name];
        if (r !== v) problem(`${where}: frame ${f.frame} ${name} = ${r}, keyframe ${v}`);
      }
    });
  }
  // The event loop (format version 3).
  if (kf.jobs) {
    const loop = { jobs: s.jobs, timers: [...s.timers.keys()].sort((a, b) => a - b).map((id) => s.timers.get(id)),
                   suspended: [...s.suspended.keys()].sort((a, b) => a - b).map((id) => s.suspended.get(id)),
                   running: s.running, now: s.now };
    for (const key of Object.keys(loop)) {
      if (!same(loop[key], kf[key])) problem(`${where}: ${key} replayed as ${JSON.stringify(loop[key])}, keyframe ${JSON.stringify(kf[key])}`);
    }
  }
  const listed = new Set();
  for (const [id, contents] of kf.heap) {
    listed.add(id);
    const cell = s.cells.get(id);
    if (!cell) { problem(`${where}: cell ${id} unknown to the replay`); continue; }
    const expected = { kind: cell.kind };
    replay.applyContents(expected, contents);
    const a = shape(cell), b = shape(expected);
    if (!same(a, b)) problem(`${where}: cell ${id} replayed as ${JSON.stringify(a)}, keyframe ${JSON.stringify(b)}`);
  }
  for (const [id, cell] of s.cells) {
    if (cell.kind !== undefined && cell.label === undefined && !listed.has(id)) problem(`${where}: cell ${id} (${cell.kind}) is gone by the keyframe`);
  }
}

const s = replay.emptyState();
let checked = 0;
for (const rec of normal.records) {
  const kf = Array.isArray(rec) ? keyframes.get(rec[0]) : rec.keyframe;
  if (kf) {
    compare(s, kf, `before step ${Array.isArray(rec) ? rec[0] : kf.n}`);
    checked++;
  }
  replay.applyRecord(s, rec);
}
if (problems.length === 0) console.log(`ok ${checked}`);
finish();
