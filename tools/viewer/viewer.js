// jsvm trace viewer: rebuilds the machine at any step of a jsvm-trace
// (docs/trace-format.md) and draws it. Plain JavaScript, no dependencies.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 18;            // px, one row of the source and bytecode listings
const MAX_CONTEXTS = 14;          // context boxes drawn
const MAX_HEAP_NODES = 60;        // nodes of the heap graph (nearest to the roots)
const MAX_CHART_POINTS = 1500;    // points of the heap chart's polyline
const MAX_LOOP_ITEMS = 40;        // entries of each event-loop list drawn

// ---------------------------------------------------------------- the trace

const trace = JSON.parse(document.getElementById('trace-data').textContent);
const replay = makeReplay(trace);  // replay.js: the machine after any record
const { scripts, scopes, functions, records, recordDelta, recordStep, refId, emptyState, cloneState, applyRecord } = replay;

// ---------------------------------------------------------------- index

// One pass over the records: checkpoints for seeking, the records where
// calls, returns, closures and collections happen, output, heap sizes.
const index = { global: null, frameFn: new Map(), checkpoints: [], calls: [], returns: [], closures: [], gcs: [], outputs: [], heap: [], steps: [], tasks: [], genFn: new Map() };
(function buildIndex() {
  // A checkpoint costs a copy of every cell; replaying from one costs the
  // records after it: space them so that both stay small.
  const s = emptyState();
  let since = Infinity;
  for (let i = 0; i < records.length; i++) {
    if (since >= Math.max(500, s.cells.size / 2)) {
      index.checkpoints.push(cloneState(s));
      since = 0;
    }
    since++;
    const rec = records[i];
    if (Array.isArray(rec)) index.steps.push(i);
    const d = recordDelta(rec);
    for (const ev of (d && d.e) || []) {
      if (ev[0] === 'call') {
        index.calls.push(i);
        index.frameFn.set(ev[1].frame, ev[1].function);
        // A script's `this` is the global object: a root for as long as the program runs, and after.
        if (index.global === null && ev[1].entry && ev[1].depth === 0) index.global = ev[1].regs['<this>'];
      }
      else if (ev[0] === 'return' || ev[0] === 'unwind') index.returns.push(i);
      else if (ev[0] === 'closure') index.closures.push(i);
      else if (ev[0] === 'gc') index.gcs.push(i);
      else if (ev[0] === 'out') index.outputs.push([i, ev[2]]);
      else if (ev[0] === 'jobStart' || ev[0] === 'timerFire') index.tasks.push(i);
      else if (ev[0] === 'suspend') index.genFn.set(refId(ev[1].generator), ev[1].function);
    }
    const before = s.heap;
    applyRecord(s, rec);
    if (s.heap !== before || i === 0) index.heap.push([i, s.heap]);
  }
  if (index.heap.length === 0 || index.heap[index.heap.length - 1][0] !== records.length - 1) {
    index.heap.push([records.length - 1, s.heap]);
  }
})();

// The state after records[0..pos] (pos = the index of the record shown).
let current = null;
function stateAt(pos) {
  if (current && current.applied <= pos + 1 && pos + 1 - current.applied < 400) {
    while (current.applied <= pos) applyRecord(current, records[current.applied]);
    return current;
  }
  let cp = null;
  let lo = 0, hi = index.checkpoints.length;  // the last checkpoint at or before pos + 1
  while (lo < hi) { const mid = (lo + hi) >> 1; if (index.checkpoints[mid].applied <= pos + 1) lo = mid + 1; else hi = mid; }
  if (lo > 0) cp = index.checkpoints[lo - 1];
  const s = cloneState(cp || emptyState());
  while (s.applied <= pos) applyRecord(s, records[s.applied]);
  return s;
}

// ---------------------------------------------------------------- naming

function scopeName(scope) {
  if (!scope) return 'context';
  switch (scope.type) {
    case 'function': return 'context of ' + (scope.function || '<anonymous>');
    case 'script': return 'script context';
    case 'block': return 'block context' + (scope.function ? ' in ' + scope.function : '');
    case 'catch': return 'catch context';
    default: return scope.type + ' context';
  }
}

function fnName(id) {
  const f = functions.get(id);
  return f ? f.name : 'function ' + id;
}

// A cell's name for a newcomer: "ƒ fun2", "context of fun", "Array(10000000)".
function cellName(cell) {
  if (!cell) return 'freed object';
  if (index.global !== null && cell.id === refId(index.global)) return 'globalThis';
  if (cell.kind === 'closure') return '\u0192 ' + fnName(cell.fn);
  if (cell.kind === 'context') return scopeName(scopes.get(cell.scope));
  if (cell.kind === 'array') return 'Array(' + (cell.length !== undefined ? cell.length : '?') + ')';
  if (cell.entries) return (cell.cls || cell.kind) + '(' + cell.size + ')';
  if (cell.kind === 'native_function') return '\u0192 ' + (cell.label || 'native') + ' (built-in)';
  const cls = cell.cls || cell.label;
  if (cell.kind === 'object') return cls && cls !== 'Object' ? cls + ' {…}' : '{…}';
  return cell.kind + (cls ? ' ' + cls : '');
}

function valueText(state, v) {
  const id = refId(v);
  if (id === null) {
    if (v === '<hole>') return '<uninitialised>';
    // A long string: its first characters and its length, as DevTools shows it.
    const long = /^<string (\d+) ("[^]*")>$/.exec(v);
    return long ? long[2].slice(0, -1) + '\u2026" (' + long[1] + ' characters)' : v;
  }
  return cellName(state.cells.get(id)) + ' #' + id;
}

// One run of the regexp matcher in words: the pattern, the subject, where
// the search started, the match with its groups (or none) and the backtracking.
function regexpText(state, r) {
  let text = 'regexp /' + r.pattern + '/' + r.flags + ' on ' + valueText(state, r.subject) + ' from index ' + r.lastIndex + ': ';
  if (!r.result) {
    text += 'no match';
  } else {
    text += 'matched ' + valueText(state, r.captures[0]) + ' at ' + r.result[0][0] + '\u2013' + r.result[0][1];
    const groups = r.captures.slice(1).map((c, i) => '$' + (i + 1) + ' = ' + (c === 'undefined' ? 'unmatched' : valueText(state, c)));
    if (groups.length) text += ' (' + groups.join(', ') + ')';
  }
  return text + ', ' + r.backtracks + (r.backtracks === 1 ? ' backtrack' : ' backtracks');
}

// ---- the event loop in words

// "line 12" for a site of the trace, or '' when none is known.
function siteText(site) {
  return site && site.line ? 'line ' + site.line : '';
}

const GENERATOR_KINDS = { generator: 'generator', async: 'async function', 'async-generator': 'async generator' };

// What a queued job will do, for a learner: "then callback ƒ show #12".
function jobText(state, job) {
  const handler = job.handler;
  switch (job.kind) {
    case 'reaction':
      return handler === 'undefined' ? 'then with no callback: passes the value on' : 'then callback ' + valueText(state, handler);
    case 'await': {
      const fn = index.genFn.get(refId(handler));
      return 'resume ' + (fn !== undefined ? fnName(fn) : valueText(state, handler)) + ' after await';
    }
    case 'thenable': return "call a thenable's then " + valueText(state, handler);
    case 'microtask': return 'queueMicrotask callback ' + valueText(state, handler);
    default: return job.kind + ' ' + valueText(state, handler);
  }
}

// "setTimeout(ƒ tick #9, 100): due at 100 ms".
// `fired`: the timer whose callback runs now (t.due is when it fired).
function timerText(state, t, fired) {
  const call = { timeout: 'setTimeout', interval: 'setInterval', immediate: 'setImmediate' }[t.kind] || t.kind;
  const args = valueText(state, t.callback) + (t.delay !== null ? ', ' + t.delay : '');
  const due = t.kind === 'immediate' ? (fired ? 'the check phase' : 'runs after the timers of this turn')
    : fired ? 'fired at ' + t.due + ' ms' : (t.kind === 'interval' ? 'next due at ' : 'due at ') + t.due + ' ms';
  return call + '(' + args + ') · ' + due;
}

// "async function load, suspended at line 9".
function suspensionText(g) {
  return (GENERATOR_KINDS[g.kind] || g.kind) + ' ' + fnName(g.function) + ', suspended' + (g.site ? ' at ' + siteText(g.site) : '');
}

// A value as an element; closures open their [[Scopes]] when clicked.
function valueElement(state, v) {
  const span = document.createElement('span');
  span.className = 'val';
  span.textContent = valueText(state, v);
  const id = refId(v);
  if (id !== null) {
    const cell = state.cells.get(id);
    span.classList.add(cell && cell.kind === 'closure' ? 'closure' : 'ref');
    if (cell && cell.kind === 'closure') span.addEventListener('click', () => selectClosure(id));
  } else if (v === '<hole>') {
    span.classList.add('hole');
    span.title = 'the temporal dead zone: a let/const before its declaration ran';
  }
  return span;
}

// The values a cell holds, with what the edge is called.
function cellEdges(cell) {
  const out = [];
  if (!cell) return out;
  if (cell.kind === 'context') {
    const scope = scopes.get(cell.scope);
    (cell.slots || []).forEach((v, i) => {
      const slot = scope && scope.slots[i];
      out.push([slot ? slot[0] : 'slot ' + (i + 2), v]);
    });
    if (cell.parent !== null && cell.parent !== undefined) out.push(['parent', '@' + cell.parent]);
  } else if (cell.kind === 'closure') {
    if (cell.ctx !== null && cell.ctx !== undefined) out.push(['context', '@' + cell.ctx]);
  }
  if (cell.props) for (const [k, v] of cell.props) out.push([k, v]);
  (cell.entries || []).forEach((e, i) => {
    if (e.length === 2) out.push(['key ' + i, e[0]], ['value ' + i, e[1]]); else out.push(['entry ' + i, e[0]]);
  });
  return out;
}

// ---------------------------------------------------------------- elements

const el = (id) => document.getElementById(id);
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function s(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// A listing that creates only the rows in view.
class VirtualList {
  constructor(container, renderRow) {
    this.container = container;
    this.renderRow = renderRow;
    this.count = 0;
    this.current = -1;
    this.spacer = h('div');
    container.append(this.spacer);
    container.addEventListener('scroll', () => this.draw());
  }
  set(count, current, key) {
    const changed = key !== this.key;
    this.key = key;
    this.count = count;
    this.current = current;
    this.spacer.style.height = count * ROW_HEIGHT + 'px';
    const c = this.container;
    const top = current * ROW_HEIGHT;
    if (changed || top < c.scrollTop || top + ROW_HEIGHT > c.scrollTop + c.clientHeight) {
      c.scrollTop = Math.max(0, top - c.clientHeight / 2);
    }
    this.draw(true);
  }
  draw(force) {
    const c = this.container;
    const first = Math.max(0, Math.floor(c.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(this.count, Math.ceil((c.scrollTop + c.clientHeight) / ROW_HEIGHT) + 5);
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    for (const row of [...c.querySelectorAll('.row')]) row.remove();
    for (let i = first; i < last; i++) {
      const row = this.renderRow(i);
      row.classList.add('row');
      if (i === this.current) row.classList.add('current');
      row.style.top = i * ROW_HEIGHT + 'px';
      c.append(row);
    }
  }
}

// ---------------------------------------------------------------- panels

let pos = 0;                 // index of the record shown
let selectedClosure = null;  // id of the closure whose [[Scopes]] are shown
let sourceLines = [];
let sourceScript = null;
let listing = null;

const sourceList = new VirtualList(el('source'), (i) => {
  const row = h('div', {}, h('span', { class: 'gutter' }, i + 1), sourceLines[i] || '');
  return row;
});
const bytecodeList = new VirtualList(el('bytecode'), (i) => {
  const ins = listing.code[i];
  return h('div', {}, h('span', { class: 'gutter' }, ins[0]), h('span', { class: 'mark' }, ins[6] ? ins[6] + '>' : ''),
           ins[1] + (ins[2].length ? ' ' + ins[2].join(', ') : ''));
});

// The instruction a record executed: [function, offset] or null.
function recordInstruction(rec) {
  return Array.isArray(rec) ? [rec[1], rec[2]] : null;
}

function drawListings(rec) {
  const where = recordInstruction(rec);
  const fn = where ? functions.get(where[0]) : functions.get(0);
  if (!fn) return;
  const code = fn.code;
  let i = where ? code.findIndex((ins) => ins[0] === where[1]) : -1;
  const ins = i >= 0 ? code[i] : null;
  if (fn.script !== sourceScript) {
    sourceScript = fn.script;
    sourceLines = (scripts.get(fn.script) || { source: '' }).source.split('\n');
  }
  sourceList.set(sourceLines.length, ins && ins[4] > 0 ? ins[4] - 1 : -1, 'script' + fn.script);
  listing = fn;
  el('bytecode-fn').textContent = 'of ' + fn.name + (ins ? ' \u2014 current: ' + ins[1] : '');
  bytecodeList.set(code.length, i, 'fn' + fn.id);
}

function describeRecord(state, rec) {
  const d = recordDelta(rec) || {};
  const notes = [];
  const suspended = new Set();  // frames that suspended in this record
  for (const ev of d.e || []) {
    if (ev[0] === 'call') notes.push('call ' + fnName(ev[1].function) + '()');
    else if (ev[0] === 'return') {
      if (suspended.has(ev[1])) continue;  // said by the suspension
      const fn = index.frameFn.get(ev[1]);
      notes.push((fn !== undefined ? fnName(fn) : 'a frame') + ' returned ' + valueText(state, ev[2]));
    } else if (ev[0] === 'unwind') notes.push('an exception left a frame');
    else if (ev[0] === 'closure') notes.push('closure ' + fnName(ev[3]) + ' created' + (ev[4] ? ', capturing ' + valueText(state, ev[4]) : ''));
    else if (ev[0] === 'context') notes.push('new ' + scopeName(scopes.get(ev[3])));
    else if (ev[0] === 'gc') notes.push('garbage collection: ' + kb(ev[1].before) + ' \u2192 ' + kb(ev[1].after) + ', freed ' + ev[1].freed + ' objects' + weakText(ev[1]));
    else if (ev[0] === 'slot') notes.push(slotName(state, ev[1], ev[2]) + ' = ' + valueText(state, ev[3]));
    else if (ev[0] === 'native') notes.push('call built-in ' + ev[2]);
    else if (ev[0] === 'jobEnqueue') notes.push('microtask #' + ev[1].job + ' queued: ' + jobText(state, ev[1]));
    else if (ev[0] === 'jobStart') notes.push('microtask #' + ev[1] + ' leaves the queue and runs' + (state.runningInfo ? ': ' + jobText(state, state.runningInfo) : ''));
    else if (ev[0] === 'jobEnd') notes.push('microtask #' + ev[1] + ' done');
    else if (ev[0] === 'timerArm') notes.push('timer #' + ev[1].timer + ' armed: ' + timerText(state, ev[1]));
    else if (ev[0] === 'timerFire') notes.push('timer #' + ev[1].timer + ' fires at ' + ev[1].now + ' ms: its callback runs');
    else if (ev[0] === 'timerDone') notes.push('timer #' + ev[1] + ' callback done');
    else if (ev[0] === 'timerClear') notes.push('timer #' + ev[1] + ' cleared');
    else if (ev[0] === 'regexp') notes.push(regexpText(state, ev[1]));
    else if (ev[0] === 'suspend') {
      suspended.add(ev[1].frame);
      notes.push(fnName(ev[1].function) + ' suspended' + (ev[1].site ? ' at ' + siteText(ev[1].site) : '') +
                 ', keeping its context and registers, and hands ' + valueText(state, ev[1].value) + ' to its caller');
    }
    else if (ev[0] === 'resume') notes.push(fnName((state.frames[state.frames.length - 1] || {}).fn) + ' resumed');
  }
  const where = recordInstruction(rec);
  let head;
  if (where) {
    const fn = functions.get(where[0]);
    const ins = fn && fn.code.find((x) => x[0] === where[1]);
    head = 'step ' + rec[0] + ' of ' + trace.end.steps + ' \u00b7 in ' + (fn ? fn.name : '?') + ' \u00b7 ' +
           (ins ? ins[1] + (ins[2].length ? ' ' + ins[2].join(', ') : '') + (ins[4] ? ' (line ' + ins[4] + ')' : '') : '');
  } else if (!Array.isArray(rec) && rec.keyframe) {
    head = 'keyframe before step ' + rec.keyframe.n;
  } else {
    const task = (d.e || []).some((ev) => ev[0] === 'jobStart' || ev[0] === 'timerFire');
    head = rec.gap ? rec.gap + ' steps not recorded' : task ? 'event loop, after step ' + rec.n : 'start: before the first bytecode';
  }
  return head + (notes.length ? ' \u2014 ' + notes.join('; ') : '');
}

function slotName(state, ctxRef, slot) {
  const c = state.cells.get(refId(ctxRef));
  const scope = c && scopes.get(c.scope);
  const name = scope && scope.slots[slot - 2] ? scope.slots[slot - 2][0] : 'slot ' + slot;
  return name + ' (in ' + (c ? cellName(c) : 'context') + ')';
}

// What a collection did to weak references: ', 3 weak references cleared,
// 1 finalizer queued' (nothing when it touched none).
function weakText(gc) {
  const parts = [];
  if (gc.weakCleared) parts.push(gc.weakCleared + ' weak reference' + (gc.weakCleared > 1 ? 's' : '') + ' cleared');
  if (gc.finalizersQueued) parts.push(gc.finalizersQueued + ' finalizer' + (gc.finalizersQueued > 1 ? 's' : '') + ' queued');
  return parts.length ? ', ' + parts.join(', ') : '';
}

function kb(bytes) {
  if (bytes >= 1 << 20) return (bytes / (1 << 20)).toFixed(1) + ' MB';
  return (bytes / 1024).toFixed(1) + ' KB';
}

function drawFrames(state, changedRegs) {
  const box = el('frames');
  box.replaceChildren();
  box.append(h('div', { class: 'acc' }, h('b', {}, 'accumulator '), valueElement(state, state.acc)));
  if (state.frames.length === 0) box.append(h('div', { class: 'empty' }, 'no JavaScript frame on the stack'));
  for (let i = state.frames.length - 1; i >= 0; i--) {
    const f = state.frames[i];
    const fn = functions.get(f.fn);
    const top = i === state.frames.length - 1;
    const table = h('table');
    const names = fn ? fn.regNames : Object.keys(f.regs);
    for (const name of names) {
      const v = f.regs[name] !== undefined ? f.regs[name] : 'undefined';
      const tr = h('tr', { class: top && changedRegs.has(name) ? 'changed' : '' }, h('td', { class: 'name mono' }, name), h('td', {}, valueElement(state, v)));
      table.append(tr);
    }
    box.append(h('div', { class: 'frame' + (top ? ' top' : '') },
                 h('h3', { title: 'frame id ' + f.frame }, 'depth ' + i + ' \u00b7 ' + (fn ? fn.name : '?') + (f.isNew ? ' (new)' : '') +
                   (f.resumed ? ' (resumed)' : '') + (top ? ' \u00b7 running' : ' \u00b7 waiting')), table));
  }
  // Under the frames: the task or microtask the event loop took from its queue.
  if (state.running) {
    const info = state.runningInfo;
    const isJob = state.running.job !== undefined;
    const what = isJob ? 'microtask #' + state.running.job + (info ? ': ' + jobText(state, info) : '')
                       : 'task: timer #' + state.running.timer + (info ? ' \u00b7 ' + timerText(state, info, true) : '');
    box.append(h('div', { class: 'frame task' + (isJob ? '' : ' timer'), 'data-running': isJob ? 'job' : 'timer' },
                 h('h3', {}, '\u25B6 ' + what), h('div', { class: 'empty' }, 'taken from its queue by the event loop; the frames above run it')));
  }
}

// Cells reachable from the frames and the accumulator, nearest first, with
// the edge that reached each one.
function reachable(state, limit) {
  const order = [];
  const via = new Map();
  const queue = [];
  const visit = (v, from, label) => {
    const id = refId(v);
    if (id === null || via.has(id) || !state.cells.has(id)) return;
    via.set(id, { from, label });
    queue.push(id);
  };
  for (let i = state.frames.length - 1; i >= 0; i--) {
    for (const [name, v] of Object.entries(state.frames[i].regs)) visit(v, 'frame:' + state.frames[i].frame, name);
  }
  visit(state.acc, 'acc', 'accumulator');
  // Suspended functions keep their context and registers; queued jobs and armed timers their callbacks.
  for (const [gid, g] of state.suspended) {
    visit(g.context, 'suspended:' + gid, 'context');
    for (const [name, v] of Object.entries(g.regs || {})) visit(v, 'suspended:' + gid, name);
  }
  for (const job of state.jobs) visit(job.handler, 'job:' + job.job, 'handler');
  for (const [, t] of state.timers) visit(t.callback, 'timer:' + t.timer, 'callback');
  if (index.global !== null) visit(index.global, 'global', 'globalThis');
  while (queue.length && order.length < limit) {
    const id = queue.shift();
    order.push(id);
    for (const [label, v] of cellEdges(state.cells.get(id))) visit(v, id, label);
  }
  return { order, via };
}

// The event loop: what runs now, the microtask queue, the timers by due
// time, and the suspended generators and async functions.
function drawLoop(state) {
  const box = el('loop');
  box.replaceChildren();
  box.append(h('div', { class: 'loop-clock' }, 'loop clock: ' + state.now + ' ms' +
    (state.running ? '' : state.frames.length ? ' \u00b7 the stack is busy: queued work waits until it is empty' : ' \u00b7 the stack is empty')));
  const section = (title, cls, items, empty) => {
    const list = h('ul', { class: 'loop-list' });
    for (const [text, where, extra] of items.slice(0, MAX_LOOP_ITEMS)) {
      list.append(h('li', Object.assign({ class: 'loop-item ' + cls }, extra || {}), h('span', { class: 'what' }, text), where ? h('span', { class: 'where' }, ' \u00b7 ' + where) : ''));
    }
    if (items.length === 0) list.append(h('li', { class: 'empty' }, empty));
    if (items.length > MAX_LOOP_ITEMS) list.append(h('li', { class: 'empty' }, '\u2026 and ' + (items.length - MAX_LOOP_ITEMS) + ' more'));
    box.append(h('div', { class: 'loop-section', id: 'loop-' + cls }, h('h3', {}, title), list));
  };
  if (state.running) {
    const info = state.runningInfo;
    const isJob = state.running.job !== undefined;
    section('Running now (taken from its queue, on the stack)', 'running', [[
      isJob ? '\u25B6 microtask #' + state.running.job + (info ? ' ' + jobText(state, info) : '')
            : '\u25B6 timer #' + state.running.timer + (info ? ' ' + timerText(state, info, true) : ''),
      info && info.site ? (isJob ? 'queued at ' : 'armed at ') + siteText(info.site) : '',
      { class: 'loop-item running ' + (isJob ? 'job' : 'timer') }]], '');
  }
  section('Microtask queue (runs first, oldest first)', 'job', state.jobs.map((j) =>
    ['#' + j.job + ' ' + jobText(state, j), j.site ? 'queued at ' + siteText(j.site) : '', { 'data-job': j.job, 'data-kind': j.kind }]),
    'empty');
  const timers = [...state.timers.values()].sort((a, b) => (a.due === null) - (b.due === null) || a.due - b.due || a.timer - b.timer);
  section('Timers (tasks, by due time)', 'timer', timers.map((t) =>
    ['timer #' + t.timer + ' ' + timerText(state, t), t.site ? 'armed at ' + siteText(t.site) : '', { 'data-timer': t.timer, 'data-due': t.due }]),
    'none armed');
  const suspended = [...state.suspended.entries()].sort((a, b) => a[0] - b[0]);
  section('Suspended generators and async functions', 'gen', suspended.map(([gid, g]) => {
    const ctx = refId(g.context);
    const keeps = ctx !== null ? 'keeps ' + valueText(state, g.context) : 'no context';
    const regs = Object.entries(g.regs || {}).filter(([, v]) => refId(v) !== gid).map(([n, v]) => n + ' = ' + valueText(state, v));
    return ['\u2016 ' + suspensionText(g) + ' #' + gid, keeps + (regs.length ? ' \u00b7 registers ' + regs.join(', ') : ''), { 'data-generator': gid }];
  }), 'none');
}

function drawContexts(state) {
  const box = el('contexts');
  box.replaceChildren();
  const { order } = reachable(state, 4000);
  const contexts = order.filter((id) => state.cells.get(id).kind === 'context').slice(0, MAX_CONTEXTS);
  if (contexts.length === 0) {
    box.append(h('div', { class: 'empty' }, 'No context is reachable now: no function keeps variables for inner functions here.'));
    return;
  }
  const ctxSet = new Set(contexts);
  // Closures reachable now that point at a drawn context.
  const closures = order.filter((id) => {
    const c = state.cells.get(id);
    return c.kind === 'closure' && ctxSet.has(c.ctx);
  }).slice(0, 24);
  const top = state.frames[state.frames.length - 1];
  const currentCtx = top ? refId(top.regs['<context>']) : null;
  // Frames whose <context> register points at a drawn context.
  const frameTags = state.frames.map((f) => [f, refId(f.regs['<context>'])]).filter(([, c]) => ctxSet.has(c));

  // Layout: outer contexts above inner ones; closures on the left.
  const depth = (id) => { let d = 0; let c = state.cells.get(id); while (c && c.parent !== null && c.parent !== undefined && d < 50) { d++; c = state.cells.get(c.parent); } return d; };
  const nearness = new Map(contexts.map((id, i) => [id, i]));
  contexts.sort((a, b) => depth(a) - depth(b) || nearness.get(a) - nearness.get(b));
  const CLO_W = 170, CTX_X = 250, CTX_W = 400, TITLE_H = 22, LINE_H = 18;
  const layout = new Map();
  let y = 10;
  for (const id of contexts) {
    const c = state.cells.get(id);
    const slots = c.slots || [];
    const holders = closures.filter((cid) => state.cells.get(cid).ctx === id);
    const hgt = TITLE_H + Math.max(1, slots.length) * LINE_H + (holders.length ? LINE_H + 4 : 0) + 10;
    layout.set(id, { x: CTX_X, y, w: CTX_W, h: hgt, holders });
    y += hgt + 34;
  }
  const svg = s('svg', { width: CTX_X + CTX_W + 230, height: Math.max(y, closures.length * 60 + 20) });
  svg.append(arrowMarker('arrow-clo', 'var(--clo)'), arrowMarker('arrow-ctx', 'var(--ctx-edge)'), arrowMarker('arrow-gen', 'var(--gen-edge)'));
  for (const id of contexts) {
    const c = state.cells.get(id);
    const L = layout.get(id);
    const scope = scopes.get(c.scope);
    const g = s('g', { class: 'ctx-box' + (id === currentCtx ? ' current' : ''), 'data-context': id, 'data-name': cellName(c) });
    g.append(s('rect', { class: 'body', x: L.x, y: L.y, width: L.w, height: L.h, rx: 5 }));
    g.append(s('rect', { class: 'title', x: L.x, y: L.y, width: L.w, height: TITLE_H, rx: 5 }));
    g.append(s('text', { class: 'title', x: L.x + 8, y: L.y + 15, 'data-fit': L.w - 16 }, cellName(c) + '  #' + id + (id === currentCtx ? '  (current)' : '')));
    const slots = c.slots || [];
    if (slots.length === 0) g.append(s('text', { x: L.x + 10, y: L.y + TITLE_H + 13, fill: 'var(--muted)' }, 'no variables'));
    slots.forEach((v, i) => {
      const name = scope && scope.slots[i] ? scope.slots[i][0] : 'slot ' + (i + 2);
      const mode = scope && scope.slots[i] ? scope.slots[i][1] : '';
      const ty = L.y + TITLE_H + i * LINE_H + 13;
      const cell = state.cells.get(refId(v));
      if (cell && cell.kind === 'array' && cell.length >= 1000) g.append(s('rect', { class: 'slot-hot', x: L.x + 3, y: ty - 12, width: L.w - 6, height: LINE_H - 1 }));
      const t = s('text', { x: L.x + 10, y: ty, class: 'mono slot', 'data-fit': L.w - 20 });
      t.append(s('tspan', { class: 'slot-name', 'font-weight': 600 }, name), s('tspan', { fill: 'var(--muted)' }, ' (' + mode + ') = '), s('tspan', {}, valueText(state, v)));
      g.append(t);
    });
    if (L.holders.length) {
      const names = L.holders.map((cid) => fnName(state.cells.get(cid).fn) + ' #' + cid).join(', ');
      g.append(s('text', { class: 'held', x: L.x + 10, y: L.y + L.h - 10, 'data-fit': L.w - 20 }, 'held by ' + names + ': kept alive with all its variables'));
    }
    svg.append(g);
    // parent arrow, on the right side
    const P = layout.get(c.parent);
    const above = contexts[contexts.indexOf(id) - 1];
    if (P && (above === c.parent || contexts.filter((o) => state.cells.get(o).parent === c.parent).length <= 2)) {
      const x = L.x + L.w;
      const path = s('path', { class: 'arrow-parent', d: `M${x} ${L.y + 11} C ${x + 60} ${L.y + 11}, ${x + 60} ${P.y + P.h - 10}, ${x + 2} ${P.y + P.h - 10}`, 'marker-end': 'url(#arrow-ctx)' });
      svg.append(path, s('text', { class: 'arrow-label parent', x: x + 46, y: (L.y + P.y + P.h) / 2 }, 'parent (outer scope)'));
    } else if (c.parent !== null && c.parent !== undefined) {
      svg.append(s('text', { class: 'arrow-label parent', x: L.x + L.w + 8, y: L.y + 15 }, '\u2191 parent: ' + valueText(state, '@' + c.parent)));
    }
  }
  // closures, each level with its context when there is room
  let cy = 10;
  for (const cid of closures) {
    const cl = state.cells.get(cid);
    const L = layout.get(cl.ctx);
    const by = Math.max(cy, L.y);
    cy = by + 56;
    const g = s('g', { class: 'clo-box' + (cid === selectedClosure ? ' selected' : ''), 'data-closure': cid });
    g.append(s('rect', { x: 8, y: by, width: CLO_W, height: 28, rx: 14 }));
    g.append(s('text', { x: 22, y: by + 18, 'data-fit': CLO_W - 24 }, '\u0192 ' + fnName(cl.fn) + '  #' + cid));
    g.addEventListener('click', () => selectClosure(cid));
    svg.append(g);
    const ty = L.y + TITLE_H / 2 + 2;
    svg.append(s('path', { class: 'arrow-captures', d: `M${8 + CLO_W} ${by + 14} C ${CTX_X - 40} ${by + 14}, ${CTX_X - 40} ${ty}, ${CTX_X - 2} ${ty}`, 'marker-end': 'url(#arrow-clo)' }));
    svg.append(s('text', { class: 'arrow-label', x: 14, y: by + 42, 'data-fit': CTX_X - 24 }, fnName(cl.fn) + ' \u2192 ' + cellName(state.cells.get(cl.ctx))));
  }
  // suspended generators and async functions, with the context each keeps
  for (const [gid, g] of state.suspended) {
    const cid = refId(g.context);
    const L = layout.get(cid);
    if (!L) continue;
    const by = Math.max(cy, L.y);
    cy = by + 56;
    const gbox = s('g', { class: 'gen-box', 'data-generator': gid });
    gbox.append(s('rect', { x: 8, y: by, width: CLO_W, height: 28, rx: 4 }));
    gbox.append(s('text', { x: 16, y: by + 18, 'data-fit': CLO_W - 16 }, '\u2016 suspended ' + fnName(g.function) + ' #' + gid));
    gbox.append(s('title', {}, suspensionText(g)));
    svg.append(gbox);
    const ty = L.y + TITLE_H / 2 + 6;
    svg.append(s('path', { class: 'arrow-gen', d: `M${8 + CLO_W} ${by + 14} C ${CTX_X - 40} ${by + 14}, ${CTX_X - 40} ${ty}, ${CTX_X - 2} ${ty}`, 'marker-end': 'url(#arrow-gen)' }));
    svg.append(s('text', { class: 'arrow-label gen', x: 14, y: by + 42, 'data-fit': CTX_X - 24 }, fnName(g.function) + ' keeps ' + cellName(state.cells.get(cid))));
  }
  if (cy > Number(svg.getAttribute('height'))) svg.setAttribute('height', cy);
  // frames using a context as their current one
  const frameTagCount = new Map();
  for (const [f, cid] of frameTags) {
    const L = layout.get(cid);
    const g = s('g', { class: 'frame-tag' });
    const width = 200;
    const slot = frameTagCount.get(cid) || 0;
    frameTagCount.set(cid, slot + 1);
    g.append(s('rect', { x: L.x + L.w + 8, y: L.y + 24 + slot * 20, width, height: 17, rx: 3 }));
    g.append(s('text', { x: L.x + L.w + 13, y: L.y + 37 + slot * 20, 'font-size': 11, 'data-fit': width - 10 }, '\u2190 ' + fnName(f.fn) + ' runs in it'));
    svg.append(g);
  }
  const legend = h('div', { class: 'legend' },
    h('span', {}, h('i', { style: 'background:var(--ctx);border-color:var(--ctx-edge)' }), 'context (its variables: slot name = value)'),
    h('span', {}, h('i', { style: 'background:var(--clo-bg);border-color:var(--clo)' }), 'closure \u2192 the context it captured'),
    h('span', {}, h('i', { style: 'border-style:dashed;border-color:var(--ctx-edge)' }), 'parent: the next outer context'),
    h('span', {}, h('i', { style: 'background:var(--gen);border-color:var(--gen-edge)' }), 'suspended function \u2192 the context it keeps'),
    h('span', {}, h('i', { style: 'background:#ffe3e3;border-color:var(--hot)' }), 'a big array kept alive'));
  // In words: which reachable closure keeps which context, and so which variables, alive.
  const notes = h('ul', { class: 'explain' });
  const said = new Map();  // the same sentence for several contexts (one per call) is said once, with their ids
  for (const id of contexts) {
    const L = layout.get(id);
    const c = state.cells.get(id);
    const scope = scopes.get(c.scope);
    const names = (c.slots || []).map((v, i) => (scope && scope.slots[i] ? scope.slots[i][0] : 'slot ' + (i + 2)));
    const running = frameTags.filter(([, cid]) => cid === id).map(([f]) => fnName(f.fn));
    if (L.holders.length === 0 || running.length > 0 || names.length === 0) continue;
    const holders = L.holders.map((cid) => fnName(state.cells.get(cid).fn));
    const text = ' outlives its call: ' + holders.join(', ') +
      (holders.length > 1 ? ' are' : ' is') + ' still reachable and ' + (holders.length > 1 ? 'point' : 'points') +
      ' at it, so ' + names.join(', ') + (names.length > 1 ? ' stay' : ' stays') + ' alive, whether or not ' +
      (holders.length > 1 ? 'they use' : 'it uses') + ' ' + (names.length > 1 ? 'them' : 'it') + '.';
    const key = cellName(c) + text;
    if (!said.has(key)) {
      const ids = h('span', {});
      said.set(key, { ids, list: [] });
      notes.append(h('li', {}, h('b', {}, cellName(c)), ids, text));
    }
    const entry = said.get(key);
    entry.list.push('#' + id);
    entry.ids.textContent = ' ' + entry.list.join(', ') + (entry.list.length > 1 ? ', each,' : '');
  }
  // A suspended function keeps its context until it resumes (or is collected).
  for (const [gid, g] of state.suspended) {
    const cid = refId(g.context);
    if (!layout.has(cid)) continue;
    notes.append(h('li', {}, h('b', {}, cellName(state.cells.get(cid))), ' #' + cid + ' is kept by the suspended ' +
      (GENERATOR_KINDS[g.kind] || g.kind) + ' ' + fnName(g.function) + ' #' + gid + ': when it resumes' +
      (g.site ? ' at ' + siteText(g.site) : '') + ', its variables are still there.'));
  }
  box.append(legend, svg);
  fitTexts(svg);
  if (notes.childElementCount) box.append(notes);
}

// Shortens every text of `svg` that has a data-fit width to that width (an
// ellipsis, the whole text in a tooltip). Measures, so `svg` is in the page.
function fitTexts(svg) {
  for (const t of svg.querySelectorAll('text[data-fit]')) {
    const max = Number(t.dataset.fit);
    if (t.getComputedTextLength() <= max) continue;
    const full = t.textContent;
    const title = s('title', {}, full);
    // The last tspan (the value) gives way first; a plain text is cut at its end.
    const part = t.lastElementChild && t.lastElementChild.tagName === 'tspan' ? t.lastElementChild : t;
    let text = part.textContent;
    let lo = 0, hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      part.textContent = text.slice(0, mid) + '\u2026';
      if (t.getComputedTextLength() <= max) lo = mid; else hi = mid - 1;
    }
    part.textContent = text.slice(0, lo) + '\u2026';
    t.append(title);
  }
}

function arrowMarker(id, color) {
  const m = s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  m.append(s('path', { d: 'M0 0 L10 5 L0 10 z', fill: color }));
  const defs = s('defs');
  defs.append(m);
  return defs;
}

function selectClosure(id) {
  selectedClosure = id;
  render();
}

// [[Scopes]] as the inspector shows them: the closure's context chain, then Global.
function drawScopes(state) {
  const box = el('scopes');
  box.replaceChildren();
  const cl = selectedClosure !== null ? state.cells.get(selectedClosure) : null;
  if (!cl) {
    box.append(h('div', { class: 'empty' }, selectedClosure !== null ? 'closure #' + selectedClosure + ' does not exist at this step' : 'Click a closure (\u0192) to see the scopes it can see.'));
    return;
  }
  box.append(h('div', {}, h('b', {}, '\u0192 ' + fnName(cl.fn) + ' #' + selectedClosure), ' sees, innermost first:'));
  const list = h('ol', { class: 'scope-list' });
  let ctx = cl.ctx;
  let guard = 0;
  while (ctx !== null && ctx !== undefined && guard++ < 64) {
    const c = state.cells.get(ctx);
    if (!c) break;
    const scope = scopes.get(c.scope);
    const title = scope ? ({ function: 'Closure (' + scope.function + ')', script: 'Script', block: 'Block', catch: 'Catch', with: 'With', eval: 'Eval', class: 'Block' }[scope.type] || scope.type) : 'Context';
    const table = h('table');
    (c.slots || []).forEach((v, i) => {
      const name = scope && scope.slots[i] ? scope.slots[i][0] : 'slot ' + (i + 2);
      table.append(h('tr', {}, h('td', { class: 'mono' }, name), h('td', {}, valueElement(state, v))));
    });
    list.append(h('li', {}, h('div', { class: 'scope-title' }, title + ' \u00b7 #' + ctx), table));
    ctx = c.parent;
  }
  list.append(h('li', {}, h('div', { class: 'scope-title' }, 'Global'), h('div', { class: 'empty' }, 'the global object')));
  box.append(list);
}

function drawHeap(state) {
  const box = el('heap');
  box.replaceChildren();
  const { order, via } = reachable(state, MAX_HEAP_NODES);
  if (order.length === 0) {
    box.append(h('div', { class: 'empty' }, 'nothing reachable from a frame or the global object'));
    return;
  }
  // columns by distance from the roots
  const level = new Map();
  const levelOf = (id) => {
    if (level.has(id)) return level.get(id);
    const from = via.get(id).from;
    const l = typeof from === 'number' ? levelOf(from) + 1 : 1;
    level.set(id, l);
    return l;
  };
  const columns = [['roots']];
  for (const id of order) {
    const l = levelOf(id);
    while (columns.length <= l) columns.push([]);
    columns[l].push(id);
  }
  const COL_W = 230, NODE_W = 160, NODE_H = 24, GAP = 12;
  const place = new Map();
  columns.forEach((col, ci) => col.forEach((id, ri) => place.set(id, { x: 10 + ci * COL_W, y: 10 + ri * (NODE_H + GAP) })));
  const height = Math.max(...columns.map((c) => c.length)) * (NODE_H + GAP) + 20;
  const svg = s('svg', { width: columns.length * COL_W + 20, height });
  svg.append(arrowMarker('arrow-heap', '#8a93a6'));
  // edges: every drawn edge between drawn nodes (retainers), and roots
  const drawn = new Set(order);
  const edge = (a, b, label) => {
    const A = place.get(a), B = place.get(b);
    const x1 = A.x + NODE_W, y1 = A.y + NODE_H / 2, x2 = B.x - 2, y2 = B.y + NODE_H / 2;
    const mx = (x1 + x2) / 2;
    svg.append(s('path', { class: 'heap-edge', d: B.x > A.x ? `M${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}` : `M${A.x + NODE_W / 2} ${A.y + NODE_H} C ${A.x + NODE_W / 2} ${A.y + 60}, ${B.x - 30} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow-heap)' }));
    if (label) svg.append(s('text', { class: 'heap-edge-label', x: x2 - 6, y: y2 - 4, 'text-anchor': 'end' }, label));
  };
  for (const id of order) {
    const v = via.get(id);
    if (typeof v.from !== 'number') edge('roots', id, v.label);
    for (const [label, val] of cellEdges(state.cells.get(id))) {
      const to = refId(val);
      if (to !== null && drawn.has(to)) edge(id, to, label);
    }
  }
  const rootG = s('g', { class: 'heap-node root' });
  rootG.append(s('rect', { x: 10, y: 10, width: NODE_W, height: NODE_H, rx: 4 }), s('text', { x: 18, y: 27 }, 'roots: stack, globalThis'));
  svg.append(rootG);
  for (const id of order) {
    const c = state.cells.get(id);
    const P = place.get(id);
    const kind = c.kind === 'context' || c.kind === 'closure' ? c.kind : 'object';
    const big = c.kind === 'array' && c.length >= 1000;
    const g = s('g', { class: 'heap-node ' + kind + (big ? ' big' : ''), 'data-id': id });
    g.append(s('rect', { x: P.x, y: P.y, width: NODE_W, height: NODE_H, rx: 4 }));
    g.append(s('text', { x: P.x + 6, y: P.y + 16, 'data-fit': NODE_W - 12 }, cellName(c) + ' #' + id));
    g.append(s('title', {}, cellName(c) + ' #' + id + (c.bytes ? ', ' + c.bytes + ' bytes' : '')));
    if (c.kind === 'closure') g.addEventListener('click', () => selectClosure(id));
    svg.append(g);
  }
  box.append(h('div', { class: 'legend' },
    h('span', {}, h('i', { style: 'background:var(--root);border-color:var(--root-edge)' }), 'roots'),
    h('span', {}, h('i', { style: 'background:var(--ctx);border-color:var(--ctx-edge)' }), 'context'),
    h('span', {}, h('i', { style: 'background:var(--clo-bg);border-color:var(--clo)' }), 'closure'),
    h('span', {}, h('i', { style: 'background:var(--obj);border-color:var(--obj-edge)' }), 'object / array'),
    h('span', {}, order.length + ' nearest objects shown')), svg);
  fitTexts(svg);
}

// The heap chart: heap size after every change, collections as dots.
const chart = (function buildChart() {
  const pts = index.heap;
  const W = 600, H = 170, PAD_L = 58, PAD_B = 18;
  const maxH = pts.reduce((m, p) => Math.max(m, p[1]), 0);
  const minH = 0;
  const last = Math.max(1, records.length - 1);
  const x = (i) => PAD_L + (i / last) * (W - PAD_L - 6);
  const y = (v) => 6 + (1 - (v - minH) / Math.max(1, maxH - minH)) * (H - PAD_B - 12);
  // at most MAX_CHART_POINTS: keep each bucket's min and max
  let shown = pts;
  if (pts.length > MAX_CHART_POINTS) {
    const bucket = Math.ceil(pts.length / (MAX_CHART_POINTS / 2));
    shown = [];
    for (let i = 0; i < pts.length; i += bucket) {
      const part = pts.slice(i, i + bucket);
      let lo = part[0], hi = part[0];
      for (const p of part) { if (p[1] < lo[1]) lo = p; if (p[1] > hi[1]) hi = p; }
      shown.push(...(lo[0] < hi[0] ? [lo, hi] : [hi, lo]));
    }
  }
  // The most the heap held right after a collection: what stayed reachable.
  const gcAfter = index.gcs.map((i) => recordDelta(records[i]).e.find((e) => e[0] === 'gc')[1].after);
  const maxAfterGc = gcAfter.reduce((m, v) => Math.max(m, v), -1);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'heap size over the run',
                         'data-first': pts[0][1], 'data-last': pts[pts.length - 1][1], 'data-max': maxH,
                         'data-max-after-gc': maxAfterGc });
  svg.append(s('text', { class: 'axis', x: 2, y: 14 }, kb(maxH)), s('text', { class: 'axis', x: 2, y: H - PAD_B }, '0'),
             s('text', { class: 'axis', x: PAD_L, y: H - 3 }, 'step \u2192'));
  svg.append(s('line', { x1: PAD_L, y1: H - PAD_B, x2: W, y2: H - PAD_B, stroke: '#d9dce3' }));
  svg.append(s('polyline', { class: 'line', points: shown.map((p) => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' ') }));
  index.gcs.slice(0, 500).forEach((i, k) => {
    svg.append(s('circle', { class: 'gc', cx: x(i), cy: y(gcAfter[k]), r: 3 }, undefined));
  });
  const cursor = s('line', { class: 'cursor', x1: 0, y1: 0, x2: 0, y2: H - PAD_B });
  svg.append(cursor);
  svg.addEventListener('click', (ev) => {
    const r = svg.getBoundingClientRect();
    const fx = ((ev.clientX - r.left) / r.width * W - PAD_L) / (W - PAD_L - 6);
    go(Math.round(Math.min(1, Math.max(0, fx)) * last));
  });
  const summary = h('div', { class: 'summary' });
  el('chart').append(svg, summary);
  return { cursor, x, summary, first: pts[0][1], end: pts[pts.length - 1][1], maxH };
})();

function drawChart(state) {
  const cx = chart.x(pos).toFixed(1);
  chart.cursor.setAttribute('x1', cx);
  chart.cursor.setAttribute('x2', cx);
  chart.summary.textContent = 'now ' + kb(state.heap) + ' \u00b7 start ' + kb(chart.first) + ' \u00b7 end ' + kb(chart.end) +
    ' \u00b7 peak ' + kb(chart.maxH) + ' \u00b7 ' + index.gcs.length + ' collections (red dots: heap after a collection). Click to jump.';
}

function drawOutput() {
  const lines = [];
  for (const [i, text] of index.outputs) { if (i > pos) break; lines.push(text); }
  el('output').textContent = lines.join('') || '(nothing printed yet)';
}

// ---------------------------------------------------------------- stepping

function render() {
  const started = performance.now();
  current = stateAt(pos);
  const state = current;
  const rec = records[pos];
  const d = recordDelta(rec) || {};
  el('status').textContent = describeRecord(state, rec);
  el('slider').value = pos;
  drawListings(rec);
  drawFrames(state, new Set(Object.keys(d.r || {})));
  drawLoop(state);
  drawContexts(state);
  drawScopes(state);
  drawHeap(state);
  drawChart(state);
  drawOutput();
  // How long this step took to show, for the browser test and the curious.
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
}

// Keyframes are not steps (they restate the state before the next one): the
// page never stops on one, it moves on in the direction of travel.
function isKeyframe(i) {
  const r = records[i];
  return !Array.isArray(r) && !!r.keyframe;
}
function go(p) {
  p = Math.max(0, Math.min(records.length - 1, p));
  let dir = p < pos ? -1 : 1;
  let q = p;
  while (q >= 0 && q < records.length && isKeyframe(q)) q += dir;
  if (q < 0 || q >= records.length) {
    dir = -dir;
    for (q = p; isKeyframe(q); q += dir);
  }
  pos = q;
  render();
}

// The first record after pos in a sorted list of record indices.
function nextIn(list) {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] <= pos) lo = mid + 1; else hi = mid; }
  return lo < list.length ? list[lo] : records.length - 1;
}

const actions = {
  start: () => go(0), end: () => go(records.length - 1),
  back: () => go(pos - 1), fwd: () => go(pos + 1),
  call: () => go(nextIn(index.calls)), ret: () => go(nextIn(index.returns)),
  closure: () => go(nextIn(index.closures)), gc: () => go(nextIn(index.gcs)),
  task: () => go(nextIn(index.tasks)),
};
el('btn-start').addEventListener('click', actions.start);
el('btn-end').addEventListener('click', actions.end);
el('btn-back').addEventListener('click', actions.back);
el('btn-fwd').addEventListener('click', actions.fwd);
el('btn-call').addEventListener('click', actions.call);
el('btn-return').addEventListener('click', actions.ret);
el('btn-closure').addEventListener('click', actions.closure);
el('btn-gc').addEventListener('click', actions.gc);
el('btn-task').addEventListener('click', actions.task);
const help = el('help');
el('btn-help').addEventListener('click', () => { help.hidden = false; });
el('help-close').addEventListener('click', () => { help.hidden = true; });
const slider = el('slider');
slider.max = records.length - 1;
slider.addEventListener('input', () => go(Number(slider.value)));

document.addEventListener('keydown', (ev) => {
  if (ev.target instanceof HTMLInputElement && ev.target.type !== 'range') return;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const k = ev.key;
  let handled = true;
  if (k === 'ArrowRight') go(pos + (ev.shiftKey ? 100 : 1));
  else if (k === 'ArrowLeft') go(pos - (ev.shiftKey ? 100 : 1));
  else if (k === 'Home') actions.start();
  else if (k === 'End') actions.end();
  else if (k === 'n') actions.call();
  else if (k === 'r') actions.ret();
  else if (k === 'c') actions.closure();
  else if (k === 'g') actions.gc();
  else if (k === 't') actions.task();
  else if (k === '?') help.hidden = !help.hidden;
  else if (k === 'Escape') help.hidden = true;
  else handled = false;
  if (handled) ev.preventDefault();
});

if (trace.end && trace.end.truncated) {
  el('program').textContent += ' (recording stopped after ' + trace.end.recorded + ' steps)';
}
go(0);
