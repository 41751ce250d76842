// Receivers of the same shape whose prototypes differ: the walk must read the right holder.
function make(proto, v) { const o = Object.create(proto); o.own = v; return o; }
const p1 = { m: 'p1', n: 1 };
const p2 = { m: 'p2', n: 2 };
const p3 = { n: 3, m: 'p3' };  // same keys, other order: other shape
function readM(o) { return o.m; }
function readN(o) { return o.n; }
const objs = [make(p1, 1), make(p2, 2), make(p3, 3), make(p1, 4), make(p2, 5)];
for (let k = 0; k < 3; k++) console.log(objs.map(readM).join(','), objs.map(readN).join(','));
// Two levels: grand-prototypes with equal shapes.
const g1 = { deep: 'g1' }, g2 = { deep: 'g2' };
const m1 = Object.create(g1), m2 = Object.create(g2);
m1.mid = 1; m2.mid = 2;
function readDeep(o) { return o.deep; }
const d = [make(m1, 0), make(m2, 0), make(m1, 0)];
for (let k = 0; k < 3; k++) console.log(d.map(readDeep).join(','));
// Change a value on one prototype (no shape change).
p1.m = 'P1!';
g2.deep = 'G2!';
console.log(objs.map(readM).join(','), d.map(readDeep).join(','));
// Classes: sibling classes with methods of the same name.
class A { who() { return 'A'; } }
class B { who() { return 'B'; } }
function call(o) { return o.who(); }
const xs = [];
for (let i = 0; i < 6; i++) xs.push(call(i % 2 ? new A() : new B()));
console.log(xs.join(''));
