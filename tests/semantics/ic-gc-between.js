// Collections between cache fill and use: dead shapes are freed and their memory reused.
function churn() { const k = []; for (let i = 0; i < 25; i++) k.push(new Array(25000).fill(i)); return k.length; }
function readA(o) { return o.a; }
function readB(o) { return o.b; }
function writeA(o, v) { o.a = v; return o; }
function lit(v) { return { a: v, b: v + 1 }; }
// Fill caches with shapes of objects that then die.
(function () { for (let i = 0; i < 5; i++) { const t = { tmp1: 0 }; t.a = i; readA(t); writeA({ tmp2: 0 }, i); } })();
churn();
// New shapes, possibly at the same addresses, with other layouts.
const fresh = [];
for (let i = 0; i < 200; i++) { const o = {}; o['z' + (i % 7)] = i; o.b = 'b' + i; o.a = 'a' + i; fresh.push(o); }
console.log(readA(fresh[0]), readB(fresh[0]), readA(fresh[199]), readB(fresh[198]));
churn();
for (let i = 0; i < 3; i++) console.log(readA(fresh[i]), readB(fresh[i + 7]));
// Transitions: the child shapes die, the parent lives; re-adding rebuilds them.
const keep = { base: 1 };
(function () { for (let i = 0; i < 20; i++) { const t = { base: 1 }; t['c' + i] = i; } })();
churn();
const again = [];
for (let i = 0; i < 20; i++) { const t = { base: 1 }; t['c' + i] = -i; again.push(t); }
console.log(again.map((o, i) => Object.keys(o).join('') + ':' + o['c' + i]).slice(0, 5).join(' '), keep.base);
// Prototype chain cached, prototypes die and are replaced by fresh ones of other shapes.
function mkChild(p) { const c = Object.create(p); c.own = 1; return c; }
function readM(o) { return o.m; }
(function () { for (let i = 0; i < 5; i++) readM(mkChild({ m: 'dead' + i })); })();
churn();
const live = [mkChild({ x: 0, m: 'live1' }), mkChild({ m: 'live2' }), mkChild(Object.create({ m: 'live3' }))];
for (let i = 0; i < 3; i++) console.log(live.map(readM).join());
// Store transition cached, shape dies, then the same key is added to new objects.
(function () { for (let i = 0; i < 5; i++) writeA({ q: 0 }, i); })();
churn();
const stored = [];
for (let i = 0; i < 5; i++) stored.push(JSON.stringify(writeA({ q: i, r: i }, 'A' + i)));
console.log(stored.join(' '));
// Object literal define caches across collections.
const lits = [];
for (let i = 0; i < 4; i++) { lits.push(lit(i)); if (i === 1) churn(); }
console.log(JSON.stringify(lits));
// Global cache across collections.
var gvar = 'g0';
function readG() { return gvar; }
readG(); readG();
churn();
gvar = 'g1';
console.log(readG());
delete globalThis.implicitG;
globalThis.implicitG = 'i0';
function readI() { return implicitG; }
readI();
delete globalThis.implicitG;
churn();
globalThis.implicitG = 'i1';
console.log(readI());
