// One load site (get: o.m) seeing many receiver shapes: Prototype.js-style
// classes sharing one constructor body, own and prototype properties,
// strings, numbers, arrays, functions. Then prototype methods are redefined,
// shadowed, deleted and turned into getters, with collections (and reuse of
// freed shapes and names) in between.
var Class = {
  create: function () {
    return function () { this.initialize.apply(this, arguments); };
  }
};
function get(o) { return o.m; }
function val(o) {
  var m = get(o);
  return typeof m === 'function' ? 'f:' + m.call(o) : String(m);
}
function churn() {
  // Allocate a lot and drop it: objects of many layouts, arrays, strings and
  // property names that die with them, then a few large arrays so that a
  // collection surely runs.
  var keep = null, n = 0;
  for (var i = 0; i < 40000; i++) {
    var t;
    switch (i % 4) {
      case 0: t = { a: i, b: i + 1 }; break;
      case 1: t = [i, i + 1, i + 2]; break;
      case 2: t = 'tmp' + i; break;
      default: t = {}; t['dead' + (i % 997)] = i; t.m = i; break;
    }
    if (i % 10000 === 0) keep = t;
    n++;
  }
  for (var i = 0; i < 20; i++) { t = new Array(25000).fill(i); n += t.length > 0 ? 1 : 0; }
  return n + (keep ? 1 : 0);
}

var classes = [];
for (var c = 0; c < 16; c++) {
  var K = Class.create();
  K.prototype.id = c;
  // Different layouts: 0..c%5 padding properties before m in the instances.
  (function (c) {
    K.prototype.initialize = function (v) {
      for (var j = 0; j < c % 5; j++) this['pad' + j] = j;
      this.v = v;
      if (c % 3 === 0) this.m = 'own' + c + ':' + v;
      if (c % 4 === 1) this.extra = c;
    };
    if (c % 3 !== 0) K.prototype.m = function () { return 'p' + c + ':' + this.v; };
  })(c);
  if (c === 7) { K.prototype.pre = 1; }
  classes.push(K);
}

String.prototype.m = function () { return 'str' + this.length; };
Number.prototype.m = function () { return 'num' + this; };
Boolean.prototype.m = 'boolProto';
var arrWithOwn = [1, 2, 3];
arrWithOwn.m = 'arrOwn';
var arrPlain = [4, 5];
var fnWithOwn = function () {};
fnWithOwn.m = 'fnOwn';
var fnPlain = function named() {};
var nullProto = Object.create(null);
nullProto.m = 'nullProto';
var noM = { q: 1 };
var getterObj = { get m() { return 'getter:' + this.q; }, q: 5 };
var deep = Object.create(Object.create(Object.create({ m: 'deep3' })));

function buildReceivers() {
  var r = [];
  for (var c = 0; c < classes.length; c++) r.push(new classes[c](c * 10));
  r.push('abc', 'hello', 42, true, arrWithOwn, arrPlain, fnWithOwn, fnPlain,
         nullProto, noM, getterObj, deep);
  return r;
}
var receivers = buildReceivers();

function round(list) {
  var out = [];
  for (var i = 0; i < list.length; i++) out.push(val(list[i]));
  return out.join(' ');
}
function rounds(label, list, n) {
  var first = round(list), same = 0;
  for (var i = 1; i < n; i++) if (round(list) === first) same++;
  console.log(label, same + 1 + '/' + n);
  console.log(first);
}
rounds('warm', receivers, 15);

// Interleaved: different receivers at the same site every iteration, summed.
var total = 0, count = 0;
for (var i = 0; i < 400; i++) {
  var o = receivers[(i * 7) % receivers.length];
  var m = get(o);
  if (typeof m === 'function') { total += String(m.call(o)).length; count++; }
  else if (m !== undefined) { total += String(m).length; }
}
console.log('interleaved', total, count);

// Redefine a prototype method.
classes[1].prototype.m = function () { return 'redef1:' + this.v; };
rounds('redefined', receivers, 12);

// Own properties shadowing the prototype's on some instances only.
receivers[2].m = 'shadow2';
receivers[4].m = function () { return 'ownfn4'; };
arrPlain.m = 'arrPlainOwn';
fnPlain.m = 'fnPlainOwn';
rounds('shadowed', receivers, 12);
console.log(churn());
rounds('shadowed+gc', receivers, 12);

// Delete own and prototype properties.
delete receivers[2].m;        // back to the prototype's
delete receivers[0].m;        // own m of class 0: now missing
delete classes[5].prototype.m;
delete arrWithOwn.m;
delete nullProto.m;
rounds('deleted', receivers, 12);

// A missing property starts to exist further up the chain.
Object.prototype.m = 'objProto';
Array.prototype.m = function () { return 'arrProto' + this.length; };
rounds('Object.prototype.m', receivers, 12);
delete Object.prototype.m;
rounds('Object.prototype.m gone', receivers, 12);

// A prototype method turned into a getter (reads this).
Object.defineProperty(classes[8].prototype, 'm', {
  get: function () { return 'getter8:' + this.v; }, configurable: true
});
Object.defineProperty(String.prototype, 'm', {
  get: function () { return 'strGetter' + this.length; }, configurable: true
});
rounds('getters', receivers, 12);
console.log(churn());
rounds('getters+gc', receivers, 12);

// New receivers after collections: fresh objects of the same classes, and
// new classes whose shapes may reuse freed memory.
var more = buildReceivers();
for (var c = 0; c < 6; c++) {
  var K2 = Class.create();
  (function (c) {
    K2.prototype.initialize = function () { this['late' + c] = c; this.m = 'late' + c; };
  })(c);
  more.push(new K2());
}
rounds('after gc', more, 12);
console.log(churn());

// Names created at run time (computed keys) read back with dotted access.
function readNames(o) {
  return [o.k0, o.k1, o.k2, o.k3, o.k4, o.k5, o.k6, o.k7, o.k8, o.k9, o.m].join(',');
}
var named = [];
for (var i = 0; i < 12; i++) {
  var o = {};
  for (var j = 0; j < 10; j++) if ((i + j) % 3 !== 0) o['k' + ((i + j) % 10)] = i * 100 + j;
  o[['m'].join('')] = 'dyn' + i;
  named.push(o);
}
for (var i = 0; i < 3; i++) console.log(readNames(named[i]));
console.log(churn());
for (var i = 0; i < 12; i++) {
  var o = named[i];
  o['k' + (i % 10)] = 'changed' + i;
  delete o['k' + ((i + 5) % 10)];
}
console.log(churn());
var fresh = {};
fresh['k' + 3] = 'fresh3';
fresh['m'.concat('')] = 'freshM';
console.log(readNames(named[0]));
console.log(readNames(named[11]));
console.log(readNames(fresh));
console.log(val(fresh), val(named[5]), get(more[more.length - 1]));

// Final state of the shared site with everything mixed.
var all = receivers.concat(more, named, [fresh]);
var sig = [];
for (var i = 0; i < all.length; i++) sig.push(val(all[i]));
for (var i = 0; i < 10; i++) {
  var again = [];
  for (var j = all.length - 1; j >= 0; j--) again.push(val(all[j]));
  if (again.reverse().join('|') !== sig.join('|')) console.log('mismatch in round', i);
}
console.log(sig.length, sig.slice(-12).join(' '));
