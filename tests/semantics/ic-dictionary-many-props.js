// Objects with more than 128 properties (dictionary mode) and many objects each with a distinct key.
function getK(o) { return o.k0; }
function getLast(o) { return o.k140; }
function setK(o, v) { o.k0 = v; }
const big = {};
const seen = [];
for (let i = 0; i < 150; i++) {
  big['k' + i] = i;
  if (i % 25 === 0 || i === 127 || i === 128 || i === 129) seen.push(i + ':' + getK(big) + ':' + getLast(big));
}
console.log(seen.join(' '));
setK(big, 'zero');
console.log(getK(big), getLast(big), Object.keys(big).length, Object.keys(big).slice(126, 132).join());
delete big.k1;
big.k1 = 'readded';
console.log(Object.keys(big).slice(-3).join(), getK(big), big.k149);
// Two big objects built the same way: each its own dictionary.
function build(n, tag) { const o = {}; for (let i = 0; i < n; i++) o['k' + i] = tag + i; return o; }
const b1 = build(140, 'a'), b2 = build(140, 'b');
for (let i = 0; i < 3; i++) console.log(getK(b1), getK(b2), getLast(b1), getLast(b2));
b1.k0 = 'changed';
console.log(getK(b1), getK(b2));
// A big prototype.
const child = Object.create(b2);
console.log(getK(child), getLast(child));
b2.k0 = 'proto-changed';
console.log(getK(child));
child.k0 = 'own';
console.log(getK(child), getK(b2));
// A literal with many properties.
const lit = { p0: 0, p1: 1, p2: 2, p3: 3, p4: 4, p5: 5, p6: 6, p7: 7, p8: 8, p9: 9, p10: 10, p11: 11, p12: 12 };
function p12(o) { return o.p12; }
console.log(p12(lit), p12(lit), JSON.stringify(lit).length);
// Transition tree growth: many objects each with a distinct key, read at one site.
function getOnly(o, k) { return o[k]; }
function getShared(o) { return o.shared; }
const many = [];
for (let i = 0; i < 600; i++) {
  const o = { shared: i };
  o['u' + i] = i * 2;
  many.push(o);
}
let s1 = 0, s2 = 0;
for (const [i, o] of many.entries()) { s1 += getShared(o); s2 += getOnly(o, 'u' + i); }
console.log(s1, s2, Object.keys(many[599]).join());
// Same key set, different insertion orders at one store site.
function setX(o, v) { o.x = v; return o; }
const orders = [];
for (let i = 0; i < 40; i++) {
  const o = {};
  const keys = ['a', 'b', 'c', 'd'];
  for (let j = 0; j < 4; j++) o[keys[(i + j) % 4]] = j;
  orders.push(Object.keys(setX(o, i)).join('') + o.x);
}
console.log(orders.slice(0, 8).join(' '));
