// A setter or getter defined on a prototype after a store transition was cached.
function Box() {}
function fill(o, v) { o.val = v; return o; }
for (let i = 0; i < 5; i++) fill(new Box(), i);
let log = [];
Object.defineProperty(Box.prototype, 'val', {
  set(v) { log.push('set' + v); }, get() { return 'got'; }, configurable: true,
});
const b = fill(new Box(), 42);
console.log(log.join(','), Object.keys(b).length, b.val, b.hasOwnProperty('val'));
// Setter on Object.prototype, after caching a transition on plain objects.
function mk(v) { const o = {}; o.zz = v; return o; }
for (let i = 0; i < 5; i++) mk(i);
Object.defineProperty(Object.prototype, 'zz', { set(v) { log.push('op' + v); }, configurable: true });
const m = mk(7);
console.log(log.join(','), JSON.stringify(m), Object.keys(m).length);
delete Object.prototype.zz;
console.log(JSON.stringify(mk(8)));
// Getter on the prototype after a load site cached "own" slots.
function C() { this.p = 1; }
function readQ(o) { return o.q; }
const cs = [new C(), new C()];
console.log(readQ(cs[0]), readQ(cs[1]));
Object.defineProperty(C.prototype, 'q', { get() { return 'q' + this.p; } });
console.log(readQ(cs[0]), readQ(cs[1]));
// Object literals are definitions: they ignore a setter on Object.prototype.
class S { set f(v) { log.push('S.f'); } }
Object.defineProperty(Object.prototype, 'lit', { set(v) { log.push('lit-setter'); }, configurable: true });
function mkLit(i) { return { lit: i }; }
log = [];
for (let i = 0; i < 3; i++) log.push(JSON.stringify(mkLit(i)));
console.log(log.join(';'));
delete Object.prototype.lit;
// Assignment in a constructor does call it.
class U extends S { constructor() { super(); this.f = 2; } }
log = [];
for (let i = 0; i < 3; i++) { const u = new U(); log.push(Object.keys(u).length); }
console.log(log.join(';'));
