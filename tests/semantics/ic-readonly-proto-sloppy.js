// A prototype property made read-only after a store was cached (sloppy: silently ignored).
function P() {}
P.prototype.ro = 0;
function assign(o, v) { o.ro = v; return o; }
const fresh = [];
for (let i = 0; i < 4; i++) fresh.push(assign(new P(), i));
console.log(fresh.map((o) => o.ro + ':' + o.hasOwnProperty('ro')).join(' '));
Object.defineProperty(P.prototype, 'ro', { writable: false });
const x = assign(new P(), 99);
console.log(x.ro, x.hasOwnProperty('ro'), Object.keys(x).length);
// The already-own properties stay writable.
assign(fresh[0], 5);
console.log(fresh[0].ro);
// Read-only on Object.prototype.
function addK(o) { o.kk = 1; return o; }
for (let i = 0; i < 3; i++) addK({});
Object.defineProperty(Object.prototype, 'kk', { value: 'proto', writable: false, configurable: true });
const y = addK({});
console.log(y.kk, Object.keys(y).length);
delete Object.prototype.kk;
console.log(addK({}).kk);
// A transition whose own property is then made read-only.
function setA(o, v) { o.a = v; }
const q = { a: 1 };
for (let i = 0; i < 3; i++) setA(q, i);
Object.defineProperty(q, 'a', { writable: false });
setA(q, 100);
console.log(q.a);
const q2 = { a: 1 };
Object.freeze(q2);
setA(q2, 100);
console.log(q2.a);
