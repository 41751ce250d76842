// One load site and one store site seeing many shapes (polymorphic, megamorphic).
function getX(o) { return o.x; }
function setX(o, v) { o.x = v; return o; }
const objs = [
  { x: 1 }, { y: 0, x: 2 }, { z: 0, y: 0, x: 3 }, { x: 4, w: 1 },
  Object.create({ x: 5 }), Object.create(Object.create({ x: 6 })), [7], function () {},
  { get x() { return 8; } }, Object.create(null), new Map(), new Error('e'),
];
objs[6].x = 7;
objs[7].x = 'fn';
objs[9].x = 10;
objs[10].x = 11;
objs[11].x = 12;
for (let round = 0; round < 3; round++) {
  const out = [];
  for (const o of objs) out.push(getX(o));
  console.log(round, out.join(','));
}
const stored = objs.map((o, i) => { setX(o, i * 10); return getX(o); });
console.log(stored.join(','));
// Same site, shapes alternating with the same key in different slots.
function sum(list) { let s = 0; for (const o of list) s += o.a; return s; }
const list = [];
for (let i = 0; i < 50; i++) {
  const o = {};
  for (let j = 0; j < i % 7; j++) o['k' + j] = j;
  o.a = i;
  list.push(o);
}
console.log(sum(list), sum(list.reverse()));
// Missing property read at a warm site.
function getQ(o) { return o.q; }
const r = [];
for (let i = 0; i < 10; i++) r.push(getQ(i % 2 ? { q: i } : { p: i }));
console.log(r.join(','));
