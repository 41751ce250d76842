// Functions' lazy properties (length, name, prototype) read through a cached site before and after materialisation.
function len(f) { return f.length; }
function name(f) { return f.name; }
function proto(f) { return typeof f.prototype; }
function a(x, y) {}
function b(x) {}
const c = (p, q, r) => p;
class K { constructor(u, v) {} static s() {} }
const bound = a.bind(null, 1);
const fns = [a, b, c, K, bound, Math.max, parseInt, function () {}, function af(z) {}.bind(null), function gen(g) { 'use strict'; }];
for (let r = 0; r < 3; r++) {
  console.log(fns.map(len).join(','), fns.map(name).join(','), fns.map(proto).join(','));
}
// Materialise some by other means, then read again at the warm sites.
b.extra = 1;
Object.keys(c);
Object.getOwnPropertyDescriptor(Math.max, 'name');
console.log(fns.map(len).join(','), fns.map(name).join(','));
// Change them: length and name are configurable, not writable.
b.length = 10; // ignored (sloppy)
Object.defineProperty(b, 'length', { value: 7 });
Object.defineProperty(c, 'name', { value: 'renamed' });
delete a.name;
console.log(len(b), name(c), JSON.stringify(name(a)), a.hasOwnProperty('name'));
delete a.length;
console.log(len(a), a.hasOwnProperty('length'));
// prototype of a plain function is writable; of a class, not.
function F() {}
const fresh = [];
for (let i = 0; i < 3; i++) { const g = function () {}; fresh.push(proto(g)); }
F.prototype = { marker: 1 };
console.log(fresh.join(), F.prototype.marker, new F().marker);
K.prototype = {};
console.log(typeof K.prototype.constructor, K.prototype.constructor === K);
// A fresh (lazy) function at a site that cached a materialised one.
function readP(f) { return f.prototype; }
const m = function () {};
m.prototype.q = 1;
for (let i = 0; i < 3; i++) readP(m);
const n = function () {};
console.log(readP(n) === n.prototype, readP(n).constructor === n, Object.keys(readP(n)).length);
// Own property added to functions at a store site.
function tagFn(f, v) { f.tag = v; return f; }
const tagged = [function () {}, () => 1, class {}, function () {}.bind(null)];
tagged[0].name; // materialised
console.log(tagged.map((f, i) => tagFn(f, i).tag).join(), tagged.map((f) => Object.getOwnPropertyNames(f).filter((k) => k !== 'arguments' && k !== 'caller').join('/')).join(' '));
