// Getters on the receiver itself, and data properties turned into accessors.
let calls = 0;
const a = { get v() { calls++; return 'getter' + calls; } };
const b = { v: 'data' };
function readV(o) { return o.v; }
for (let i = 0; i < 3; i++) console.log(readV(a), readV(b));
Object.defineProperty(b, 'v', { get() { return 'b-getter'; }, configurable: true });
console.log(readV(b), readV(b));
Object.defineProperty(b, 'v', { value: 'data-again', writable: true, configurable: true, enumerable: true });
console.log(readV(b));
// Store site: data property becomes setter.
function writeV(o, x) { o.v = x; return o; }
const c = { v: 0 };
for (let i = 0; i < 3; i++) writeV(c, i);
let got = [];
Object.defineProperty(c, 'v', { set(x) { got.push(x); }, get() { return 'via-get'; }, configurable: true });
writeV(c, 'set!');
console.log(got.join(), readV(c));
// Getter receives the original receiver even when found on the prototype.
const proto = { get who() { return this.name; } };
const x = Object.create(proto); x.name = 'x';
const y = Object.create(proto); y.name = 'y';
function who(o) { return o.who; }
console.log(who(x), who(y), who(x));
// A getter that changes the shape of its receiver while being read.
const morph = { get m() { this.added = true; delete this.other; return 'm'; }, other: 1 };
function readM(o) { return o.m; }
function readOther(o) { return o.other; }
console.log(readOther(morph), readM(morph), readOther(morph), morph.added, Object.keys(morph).join());
// A setter that adds properties to the receiver.
const grow = { set s(v) { this['n' + v] = v; } };
function setS(o, v) { o.s = v; }
for (let i = 0; i < 4; i++) setS(grow, i);
console.log(Object.keys(grow).join());
// Getter replaced by a plain assignment on an own non-writable accessor-free property.
const g = {};
Object.defineProperty(g, 'v', { get: () => 'only-getter', configurable: true });
writeV(g, 'ignored');
console.log(readV(g));
