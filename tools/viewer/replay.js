// jsvm trace viewer, the model: the machine after any record of a jsvm-trace
// (docs/trace-format.md), rebuilt from the records alone. The page
// (viewer.js) draws it; tests/trace/replay-check.js runs this same file under
// node to check that replaying the deltas gives every keyframe.
'use strict';

// The replay of one trace: its code tables (extended by the introductions
// the records make) and the functions that apply records to a state.
function makeReplay(trace) {
  const scripts = new Map();
  const scopes = new Map();
  const functions = new Map();
  for (const s of trace.scripts) scripts.set(s.id, s);
  for (const s of trace.scopes) scopes.set(s.id, s);
  for (const f of trace.functions) functions.set(f.id, f);
  const records = trace.records;

  // A record's parts: [n, function, offset, delta] for a step, else a gap or a keyframe.
  function recordDelta(rec) {
    if (Array.isArray(rec)) return rec[3] || null;
    if (rec.keyframe) return null;
    return rec;
  }
  function recordStep(rec) {
    if (Array.isArray(rec)) return rec[0];
    return rec.keyframe ? rec.keyframe.n : rec.n;
  }

  // "@7" -> 7; anything else -> null.
  function refId(value) {
    return typeof value === 'string' && value[0] === '@' ? Number(value.slice(1)) : null;
  }

  // The machine after some records: cells by id, frames, accumulator, heap
  // size, and the event loop (version 3): the microtask queue (jobs, oldest
  // first), the armed timers by id (each with its due time), the suspended
  // generators and async functions by the generator's id, the job or timer
  // running now ({job: N} or {timer: N}, with its description in
  // runningInfo) and the loop clock in ms.
  function emptyState() {
    return { cells: new Map(), frames: [], acc: 'undefined', heap: trace.heapBytes, applied: 0,
             jobs: [], timers: new Map(), suspended: new Map(), running: null, runningInfo: null, now: 0 };
  }

  function cloneState(s) {
    const cells = new Map();
    for (const [id, c] of s.cells) {
      const copy = Object.assign({}, c);
      if (c.slots) copy.slots = c.slots.slice();
      if (c.props) copy.props = new Map(c.props);
      if (c.entries) copy.entries = c.entries.slice();
      cells.set(id, copy);
    }
    const frames = s.frames.map((f) => Object.assign({}, f, { regs: Object.assign({}, f.regs) }));
    const timers = new Map([...s.timers].map(([id, t]) => [id, Object.assign({}, t)]));
    return { cells, frames, acc: s.acc, heap: s.heap, applied: s.applied, jobs: s.jobs.slice(), timers,
             suspended: new Map(s.suspended), running: s.running, runningInfo: s.runningInfo, now: s.now };
  }

  // A cell's contents as an "init", "state" or keyframe entry gives them (all of them).
  function applyContents(cell, contents) {
    if (!cell) return;
    if (contents.slots) {
      cell.slots = contents.slots.slice();
      return;
    }
    cell.cls = contents.class;
    cell.proto = contents.proto;
    if (contents.length !== undefined) cell.length = contents.length; else delete cell.length;
    cell.props = new Map(contents.props);
    if (contents.entries) {
      cell.size = contents.size;
      cell.entries = contents.entries.slice();
    } else {
      delete cell.size;
      delete cell.entries;
    }
    cell.more = !!contents.more;
  }

  function applyEvent(s, ev) {
    const cells = s.cells;
    switch (ev[0]) {
      case 'ref': cells.set(ev[1], { id: ev[1], kind: ev[2], label: ev[3] }); break;
      case 'context': cells.set(ev[1], { id: ev[1], kind: 'context', bytes: ev[2], scope: ev[3], parent: refId(ev[4]), slots: [] }); break;
      case 'closure': cells.set(ev[1], { id: ev[1], kind: 'closure', bytes: ev[2], fn: ev[3], ctx: refId(ev[4]) }); break;
      case 'new': cells.set(ev[1], { id: ev[1], kind: ev[3], bytes: ev[2] }); break;
      case 'init': case 'state': applyContents(cells.get(ev[1]), ev[2]); break;
      case 'slot': {
        const c = cells.get(refId(ev[1]));
        if (c) { if (!c.slots) c.slots = []; c.slots[ev[2] - 2] = ev[3]; }
        break;
      }
      case 'prop': {
        const c = cells.get(refId(ev[1]));
        if (c) { if (!c.props) c.props = new Map(); c.props.set(ev[2], ev[3]); }
        break;
      }
      case 'delete': {
        const c = cells.get(refId(ev[1]));
        if (c && c.props) c.props.delete(ev[2]);
        break;
      }
      case 'length': {
        const c = cells.get(refId(ev[1]));
        if (c) c.length = ev[2];
        break;
      }
      case 'call': {
        const d = ev[1];
        s.frames.push({ frame: d.frame, fn: d.function, closure: d.closure, isNew: d.new, regs: Object.assign({}, d.regs) });
        break;
      }
      case 'return': case 'unwind': {
        const i = s.frames.findIndex((f) => f.frame === ev[1]);
        if (i >= 0) s.frames.splice(i);
        break;
      }
      case 'gc':
        for (const id of ev[1].freedIds || []) { cells.delete(id); s.suspended.delete(id); }
        break;
      case 'jobEnqueue': s.jobs.push(ev[1]); break;
      case 'jobStart': {
        const i = s.jobs.findIndex((j) => j.job === ev[1]);
        s.runningInfo = i >= 0 ? s.jobs[i] : null;
        if (i >= 0) s.jobs.splice(i, 1);
        s.running = { job: ev[1] };
        break;
      }
      case 'jobEnd': case 'timerDone': s.running = null; s.runningInfo = null; break;
      case 'timerArm': s.timers.set(ev[1].timer, Object.assign({}, ev[1])); break;
      case 'timerFire': {
        const f = ev[1];
        const t = s.timers.get(f.timer);
        s.now = f.now;
        s.running = { timer: f.timer };
        s.runningInfo = t ? Object.assign({}, t) : null;
        if (t && f.next !== null) t.due = f.next; else s.timers.delete(f.timer);
        break;
      }
      case 'timerClear': s.timers.delete(ev[1]); break;
      case 'suspend': s.suspended.set(refId(ev[1].generator), ev[1]); break;
      case 'resume': {
        const g = refId(ev[1].generator);
        const top = s.frames[s.frames.length - 1];
        if (top && top.frame === ev[1].frame) top.resumed = s.suspended.get(g) || true;
        s.suspended.delete(g);
        break;
      }
      case 'script': scripts.set(ev[1].id, ev[1]); break;
      case 'scope': scopes.set(ev[1].id, ev[1]); break;
      case 'function': functions.set(ev[1].id, ev[1]); break;
      default: break;  // native calls, push/pop, catch, out: nothing to keep
    }
  }

  function applyKeyframe(s, kf) {
    for (const ev of kf.e || []) applyEvent(s, ev);
    s.acc = kf.a;
    s.heap = kf.h;
    const byId = new Map(s.frames.map((f) => [f.frame, f]));
    s.frames = kf.frames.map((f) => {
      const old = byId.get(f.frame) || {};
      return { frame: f.frame, fn: f.function, closure: old.closure || f.regs['<closure>'], isNew: old.isNew, regs: Object.assign({}, f.regs) };
    });
    for (const [id, contents] of kf.heap) applyContents(s.cells.get(id), contents);
    if (kf.jobs) {
      s.jobs = kf.jobs.slice();
      s.timers = new Map(kf.timers.map((t) => [t.timer, Object.assign({}, t)]));
      s.suspended = new Map(kf.suspended.map((g) => [refId(g.generator), g]));
      if (JSON.stringify(kf.running) !== JSON.stringify(s.running)) s.runningInfo = null;
      s.running = kf.running;
      s.now = kf.now;
    }
  }

  // Applies one record (a keyframe too: it changes nothing the records said).
  function applyRecord(s, rec) {
    if (!Array.isArray(rec) && rec.keyframe) {
      applyKeyframe(s, rec.keyframe);
    } else {
      const d = recordDelta(rec);
      if (d) {
        for (const ev of d.e || []) applyEvent(s, ev);
        if (d.a !== undefined) s.acc = d.a;
        const top = s.frames[s.frames.length - 1];
        if (d.r && top) Object.assign(top.regs, d.r);
        if (d.h !== undefined) s.heap = d.h;
      }
    }
    s.applied++;
  }

  return { scripts, scopes, functions, records, recordDelta, recordStep, refId, emptyState, cloneState, applyContents, applyRecord };
}

if (typeof module === 'object' && module.exports) module.exports = { makeReplay };
