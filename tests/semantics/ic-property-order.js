// Property order of Object.keys / for-in / JSON.stringify / own names+symbols after transitions and deletes.
function keysAll(o) {
  const fi = [];
  for (const k in o) fi.push(k);
  return [Object.keys(o).join(','), fi.join(','), JSON.stringify(o), Object.getOwnPropertyNames(o).concat(Object.getOwnPropertySymbols(o)).map(String).join(',')].join(' | ');
}
const a = { b: 1, a: 2 };
a[2] = 'two'; a.c = 3; a[1] = 'one'; a['0'] = 'zero';
console.log(keysAll(a));
delete a.b;
a.b = 'again';
console.log(keysAll(a));
const s1 = Symbol('s1'), s2 = Symbol('s2');
const o = {};
o.x = 1; o[s2] = 2; o.y = 3; o[s1] = 4; o['10'] = 5; o['-1'] = 6; o['01'] = 7; o[4294967294] = 8; o[4294967295] = 9;
console.log(keysAll(o));
console.log(Object.getOwnPropertySymbols(o).map(String).join(','));
delete o.x;
o.x = 'x2';
console.log(keysAll(o));
// Same keys, different insertion order, same site.
function mk(first) { const r = {}; if (first) { r.p = 1; r.q = 2; } else { r.q = 2; r.p = 1; } return r; }
for (let i = 0; i < 4; i++) console.log(keysAll(mk(i % 2)));
// Inherited enumerable keys in for-in, shadowed keys listed once.
const proto = { inh: 1, shared: 'p' };
const child = Object.create(proto);
child.shared = 'c'; child.own = 2;
console.log(keysAll(child));
Object.defineProperty(child, 'hidden', { value: 1, enumerable: false });
proto.late = 3;
console.log(keysAll(child));
// Changing a property's value in place keeps its position.
const v = { a: 1, b: 2, c: 3 };
Object.defineProperty(v, 'a', { value: 'A', enumerable: true });
Object.defineProperty(v, 'b', { get() { return 'B'; }, enumerable: true, configurable: true });
console.log(keysAll(v));
Object.defineProperty(v, 'b', { value: 'b-data', enumerable: true, configurable: true, writable: true });
console.log(keysAll(v));
// Non-enumerable then enumerable again.
Object.defineProperty(v, 'a', { enumerable: false });
console.log(keysAll(v));
Object.defineProperty(v, 'a', { enumerable: true });
console.log(keysAll(v));
