// Evaluation order: a variable used as the object or key operand of a
// property access is reassigned later in the same expression. The value it
// had when the operand was evaluated must be used where the spec says so
// (the base and key of a reference are fixed before the right-hand side
// runs). Each case runs 12 times through the same function (warm sites).
function run(label, fn) {
  var first = fn(0), same = 1;
  for (var i = 1; i < 12; i++) if (fn(i) === first) same++;
  console.log(label + (same === 12 ? '' : ' (differs: ' + same + '/12)') + ': ' + first);
}
function js(v) { return JSON.stringify(v); }
function logged(name, log, init) {
  var v = init;
  return {
    get x() { log.push('get ' + name); return v; },
    set x(nv) { log.push('set ' + name + '=' + nv); v = nv; }
  };
}

// Loads: o.x + (o = p).x
run('load+reassign', function () {
  var o = { x: 1 }, p = { x: 10 };
  var r = o.x + (o = p).x;
  return r + ' ' + (o === p);
});
run('load+reassign params', (function () {
  function f(o, p) { return o.x + (o = p).x + o.x; }
  return function () { return String(f({ x: 1 }, { x: 10 })); };
})());
run('keyed load+reassign', function () {
  var o = { a: 1, b: 2 }, k = 'a';
  var r = o[k] + (k = 'b', o[k]) + o[k];
  return r + ' ' + k;
});
run('array literal / call args', function () {
  var o = { x: 'o' }, p = { x: 'p' };
  var arr = [o.x, (o = p).x, o.x];
  o = { x: 'o2' };
  var args = (function () { return Array.prototype.join.call(arguments, ''); })(o.x, (o = p).x, o.x);
  return arr.join('') + ' ' + args;
});

// Stores: the base object is the original one.
run('o.y = (o = p, 5)', function () {
  var o = { n: 'o' }, orig = o, p = { n: 'p' };
  o.y = (o = p, 5);
  return js(orig) + ' ' + js(p) + ' ' + (o === p);
});
run('param a.x = (a = {x: 0}, 7)', (function () {
  function f(a) { var orig = a; a.x = (a = { x: 0 }, 7); return js(orig) + ' ' + js(a); }
  return function () { return f({ x: 1 }); };
})());
run('chained a.x = a = {n: 2}', function () {
  var a = { n: 1 }, orig = a;
  a.x = a = { n: 2 };
  return js(orig) + ' ' + js(a);
});
run('arr[i] = (i = 2, "v")', function () {
  var arr = ['a', 'b', 'c'], i = 0;
  arr[i] = (i = 2, 'v');
  return js(arr) + ' ' + i;
});
run('arr[i++] = i; arr[i] = i++', function () {
  var arr = [], i = 0;
  arr[i++] = i;
  arr[i] = i++;
  arr[i] = (i += 2);
  return js(arr) + ' ' + i;
});
run('o[k] = (o = other, k = "z", 1)', function () {
  var o = { n: 'o' }, orig = o, other = { n: 'other' }, k = 'y';
  o[k] = (o = other, k = 'z', 1);
  return js(orig) + ' ' + js(other) + ' ' + k;
});
run('o[k] = k = "q"', function () {
  var o = {}, k = 'p';
  o[k] = k = 'q';
  return js(o);
});
run('closure var reassigned by a call', function () {
  var o = { n: 'o' }, orig = o;
  function swap() { o = { n: 'new' }; return 1; }
  o.x = (swap(), 1);
  o.y = swap() + 1;
  return js(orig) + ' ' + js(o);
});
run('o.x = (function(){ o = p; return 1; })()', function () {
  var o = { n: 'o' }, orig = o, p = { n: 'p' };
  o.x = (function () { o = p; return 1; })();
  o[(o = orig, 'k')] = 'K';
  return js(orig) + ' ' + js(p);
});

// Compound assignment: read and write the original base and key.
run('o.x += (o = p, 1)', function () {
  var o = { x: 1 }, orig = o, p = { x: 100 };
  o.x += (o = p, 1);
  return js(orig) + ' ' + js(p);
});
run('o[k] += (k = "z", 1)', function () {
  var o = { y: 1, z: 100 }, k = 'y';
  o[k] += (k = 'z', 1);
  return js(o) + ' ' + k;
});
run('o[k] *= (o = p, k = "z", 3)', function () {
  var o = { y: 2 }, orig = o, p = { z: 5 }, k = 'y';
  o[k] *= (o = p, k = 'z', 3);
  return js(orig) + ' ' + js(p);
});
run('compound through accessors', function () {
  var log = [];
  var o = logged('A', log, 1), p = logged('B', log, 100);
  o.x += (o = p, 1);
  o.x -= (o = logged('C', log, 0), 1);
  return log.join(',');
});

// ++/-- on reassigned operands.
run('o.x++ + (o = p, o.x++)', function () {
  var o = { x: 1 }, orig = o, p = { x: 10 };
  var r = o.x++ + (o = p, o.x++);
  return r + ' ' + js(orig) + ' ' + js(p);
});
run('++o[k] + (k = "z", ++o[k])', function () {
  var o = { y: 1, z: 10 }, k = 'y';
  var r = ++o[k] + (k = 'z', ++o[k]);
  return r + ' ' + js(o);
});
run('o[k]-- with k reassigned in the key', function () {
  var o = { a: 5, b: 50 }, k = 'a';
  var r = o[(k = 'b', k)]--;
  var s = --o[k];
  return r + ' ' + s + ' ' + js(o);
});

// Calls: the receiver and the function are fixed before the arguments.
run('o.f(o = p)', function () {
  var o = { n: 'o', f: function (a) { return this.n + '<-' + a.n; } };
  var p = { n: 'p', f: function () { return 'wrong'; } };
  return o.f(o = p) + ' ' + o.n;
});
run('o[k](k = "g")', function () {
  var o = { n: 'o', f: function () { return 'f:' + this.n; }, g: function () { return 'g:' + this.n; } };
  var k = 'f';
  return o[k](k = 'g') + ' ' + o[k]();
});
run('o.f(o.f = null)', function () {
  var o = { n: 'o', f: function () { return 'called ' + this.n + ' ' + (this.f === null); } };
  return o.f(o.f = null);
});

// Nested bases.
run('o.a.b = (o = p, 3)', function () {
  var o = { a: { n: 'oa' } }, orig = o, p = { a: { n: 'pa' } };
  o.a.b = (o = p, 3);
  return js(orig) + ' ' + js(p);
});
run('o.a[k] = (o.a = other, k = "z", 4)', function () {
  var inner = { n: 'inner' }, o = { a: inner }, other = { n: 'other' }, k = 'y';
  o.a[k] = (o.a = other, k = 'z', 4);
  return js(inner) + ' ' + js(o);
});

// Conditionals and calls inside the right-hand side.
run('o.x = cond ? (o = p, 1) : 2', (function () {
  function f(cond) {
    var o = { n: 'o' }, orig = o, p = { n: 'p' };
    o.x = cond ? (o = p, 1) : 2;
    return js(orig) + ' ' + js(p);
  }
  return function (i) { return f(true) + ' | ' + f(false); };
})());
run('o.x = g(o = p)', function () {
  var o = { n: 'o' }, orig = o, p = { n: 'p' };
  function g(q) { return 'g(' + q.n + ')'; }
  o.x = g(o = p);
  o.y = g(o = orig) + (o = p, '!');
  return js(orig) + ' ' + js(p);
});
run('o.x = o.x || (o = p, 9)', function () {
  var o = { x: 0 }, orig = o, p = { x: 'p' };
  o.x = o.x || (o = p, 9);
  return js(orig) + ' ' + js(p);
});

// Logical assignment: the original base and key; short-circuit stores nothing.
run('o.x ||= (o = p, 9)', function () {
  var o = { x: 0 }, orig = o, p = { x: 'p' };
  o.x ||= (o = p, 9);
  var q = { x: 'keep' }, q0 = q;
  q.x ||= (q = p, 'no');
  return js(orig) + ' ' + js(p) + ' ' + js(q0) + ' ' + (q === q0);
});
run('o.x ??= (o = p, 8)', function () {
  var o = { x: null }, orig = o, p = { x: 'p' };
  o.x ??= (o = p, 8);
  var o2 = {}, orig2 = o2;
  o2.y ??= (o2 = p, 'y');
  return js(orig) + ' ' + js(orig2) + ' ' + js(p);
});
run('o.x &&= (o = p, 7)', function () {
  var o = { x: 1 }, orig = o, p = { x: 'p' };
  o.x &&= (o = p, 7);
  return js(orig) + ' ' + js(p);
});
run('o[k] ||= (o = p, k = "z", 6)', function () {
  var o = { y: '' }, orig = o, p = { n: 'p' }, k = 'y';
  o[k] ||= (o = p, k = 'z', 6);
  return js(orig) + ' ' + js(p) + ' ' + k;
});
run('logical assignment through accessors', function () {
  var log = [];
  var o = logged('A', log, 0), p = logged('B', log, 0);
  o.x ||= (o = p, 5);
  o = logged('C', log, 'set');
  o.x ||= (o = p, 6);
  o = logged('D', log, undefined);
  o.x ??= (o = p, 7);
  return log.join(',');
});

// Destructuring assignment: targets are evaluated when reached.
run('[o.x, o.y] = [1, (o = p, 2)]', function () {
  var o = { n: 'o' }, orig = o, p = { n: 'p' };
  [o.x, o.y] = [1, (o = p, 2)];
  return js(orig) + ' ' + js(p);
});

// Stores in constructors.
run('constructor this stores', (function () {
  function T(o) {
    this.a = (o = null, 1);
    this.b = o;
    var self = this;
    self.c = (self = { n: 'other' }, 2);
    this[(this.k = 'dyn', this.k)] = 3;
    return;
  }
  return function (i) { var t = new T({}); return js(t); };
})());
run('class constructor this stores', (function () {
  class Base { constructor() { this.base = 1; } }
  class D extends Base {
    constructor(o) {
      super();
      this.x = (o = 5, o);
      this[o] = (o = 'after', o);
    }
  }
  return function () { return js(new D(0)); };
})());

// this-based stores in methods called through .call/.apply with primitives.
function sloppyStore(v) {
  var before = typeof this;
  this.x = v;
  var self = this;
  self.y = (self = null, v);
  return before + ' x=' + this.x + ' y=' + this.y;
}
function strictStore(v) {
  'use strict';
  var before = typeof this;
  try { this.x = v; return before + ' stored ' + this.x; } catch (e) { return before + ' ' + e.constructor.name; }
}
run('sloppy .call(5)', function (i) { return sloppyStore.call(5, 1); });
run('sloppy .apply("str")', function () { return sloppyStore.apply('str', [2]); });
run('sloppy .call(true)', function () { return sloppyStore.call(true, 3); });
run('sloppy .call(obj)', function () { var o = {}; var r = sloppyStore.call(o, 4); return r + ' ' + js(o); });
run('strict .call(5)', function () { return strictStore.call(5, 1); });
run('strict .apply("str")', function () { return strictStore.apply('str', [2]); });
run('strict .call(true)', function () { return strictStore.call(true, 3); });
run('strict .call(obj)', function () { var o = {}; var r = strictStore.call(o, 4); return r + ' ' + js(o); });
run('strict .call(undefined)', function () { return strictStore.call(undefined, 5); });
run('sloppy .call(null) stores on the global', function () {
  var r = sloppyStore.call(null, 6);
  var seen = globalThis.x + ',' + globalThis.y;
  delete globalThis.x;
  delete globalThis.y;
  return r + ' ' + seen + ' ' + ('x' in globalThis);
});
// A setter on Number.prototype: strict setters see the primitive, sloppy ones a wrapper.
var setterLog = [];
Object.defineProperty(Number.prototype, 'sx', {
  set: function (v) { 'use strict'; setterLog.push(typeof this + ':' + v); }, configurable: true
});
Object.defineProperty(Number.prototype, 'wx', {
  set: function (v) { setterLog.push(typeof this + ':' + v); }, configurable: true
});
function strictSetters(v) { 'use strict'; this.sx = v; this.wx = v; return typeof this; }
function sloppySetters(v) { this.sx = v; this.wx = v; return typeof this; }
run('setters on Number.prototype', function (i) {
  setterLog.length = 0;
  var a = strictSetters.call(7, 'a');
  var b = sloppySetters.apply(8, ['b']);
  return a + ' ' + b + ' ' + setterLog.join(',');
});
delete Number.prototype.sx;
delete Number.prototype.wx;
// Strict store to a read-only own property of a primitive's wrapper (length).
run('strict this.length = 1 on a string', function () {
  'use strict';
  try { (function () { this.length = 1; }).call('abc'); return 'stored'; } catch (e) { return e.constructor.name; }
});
run('sloppy this.length = 1 on a string', function () {
  return (function () { this.length = 1; return this.length; }).call('abc');
});
