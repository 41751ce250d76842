// A property added to an intermediate prototype shadows the cached holder's.
const base = { v: 'base', f() { return 'base.f'; } };
const mid = Object.create(base);
mid.pad = 0;
const obj = Object.create(mid);
obj.own = 1;
function readV(o) { return o.v; }
function callF(o) { return o.f(); }
for (let i = 0; i < 3; i++) console.log(readV(obj), callF(obj));
mid.v = 'mid';
mid.f = function () { return 'mid.f'; };
for (let i = 0; i < 2; i++) console.log(readV(obj), callF(obj));
obj.v = 'own';
console.log(readV(obj), callF(obj));
delete obj.v;
console.log(readV(obj));
delete mid.v;
console.log(readV(obj));
// Shadowing via defineProperty with a getter on the receiver itself.
Object.defineProperty(obj, 'f', { get() { return () => 'getter.f'; }, configurable: true });
console.log(callF(obj));
// Shadow on Object.prototype level (4 levels).
const a = {}; const b = Object.create(a); const c = Object.create(b);
function readHas(o) { return o.hasOwnProperty; }
console.log(readHas(c) === Object.prototype.hasOwnProperty, readHas(c) === Object.prototype.hasOwnProperty);
a.hasOwnProperty = 'shadow';
console.log(readHas(c));
// A deeper chain than the cache walks.
const chain = [{ deep: 'root' }];
for (let i = 0; i < 8; i++) chain.push(Object.create(chain[chain.length - 1]));
const leaf = chain[chain.length - 1];
function readDeep(o) { return o.deep; }
console.log(readDeep(leaf), readDeep(leaf));
chain[3].deep = 'level3';
console.log(readDeep(leaf));
chain[7].deep = 'level7';
console.log(readDeep(leaf), readDeep(chain[5]));
