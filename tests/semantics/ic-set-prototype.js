// Object.setPrototypeOf / __proto__ changes after caching.
const p1 = { greet() { return 'p1'; }, tag: 'one' };
const p2 = { greet() { return 'p2'; }, tag: 'two' };
const p3 = { other: 1 };
const o = Object.create(p1);
o.own = 1;
function greet(x) { return x.greet(); }
function tag(x) { return x.tag; }
for (let i = 0; i < 3; i++) console.log(greet(o), tag(o));
Object.setPrototypeOf(o, p2);
console.log(greet(o), tag(o));
o.__proto__ = p3;
console.log(tag(o), typeof o.greet);
Object.setPrototypeOf(o, null);
console.log(tag(o), o.toString === undefined);
o.__proto__ = p1; // o has no __proto__ accessor now: this is a plain property
console.log(tag(o), Object.keys(o).join(), Object.getPrototypeOf(o) === null);
Object.setPrototypeOf(o, p1);
console.log(tag(o));
// Store transition cached, then a prototype with a setter is swapped in.
function setV(x, v) { x.v = v; return x; }
for (let i = 0; i < 4; i++) setV({}, i);
const withSetter = { set v(val) { console.log('setter', val); } };
const t = {};
Object.setPrototypeOf(t, withSetter);
setV(t, 5);
console.log(Object.keys(t).length);
const t2 = { __proto__: withSetter };
setV(t2, 6);
console.log(JSON.stringify(t2));
// A read-only property on a swapped-in prototype.
const ro = Object.defineProperty({}, 'v', { value: 'ro', writable: false });
const t3 = {};
t3.__proto__ = ro;
setV(t3, 7);
console.log(t3.v, Object.keys(t3).length);
// The chain grows longer under a cached transition (end-of-chain check).
const base = {};
const mid = Object.create(base);
function mkOn(proto) { const x = Object.create(proto); x.w = 1; return x; }
for (let i = 0; i < 3; i++) mkOn(mid);
Object.setPrototypeOf(base, { set w(v) { console.log('deep setter', v); } });
const w = mkOn(mid);
console.log(Object.keys(w).length);
// __proto__ keys in literals.
const lit1 = { __proto__: p2 };
const lit2 = { ['__proto__']: p2 };
const lit3 = { '__proto__': p1 };
console.log(tag(lit1), tag(lit2), tag(lit3), Object.keys(lit2).join(), Object.keys(lit1).length);
