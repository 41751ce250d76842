// Keys made at run time (concatenation, JSON, fromEntries, String(), template, slice) must be the same keys as literal names.
const k = 'ke' + 'y';
const objs = [
  JSON.parse('{"key": 1}'),
  Object.fromEntries([[['k', 'e', 'y'].join(''), 2]]),
  Object.defineProperty({}, `k${'ey'}`, { value: 3, enumerable: true, writable: true, configurable: true }),
  { [String(['key'])]: 4 },
  Object.assign({}, { ['xkey'.slice(1)]: 5 }),
  (() => { const o = {}; o[k] = 6; return o; })(),
  (() => { const o = {}; o[String.fromCharCode(107, 101, 121)] = 7; return o; })(),
  new Map([['key', 8]]).entries().next().value.reduce((o, v, i, arr) => (i === 0 ? { [v]: arr[1] } : o), null),
];
function readKey(o) { return o.key; }
function writeKey(o, v) { o.key = v; return o; }
for (let i = 0; i < 2; i++) console.log(objs.map(readKey).join());
objs.forEach((o, i) => writeKey(o, i * 100));
console.log(objs.map((o) => JSON.stringify(o)).join(' '));
const o2 = {};
o2['ab'.toUpperCase()] = 1; o2.AB = 2; o2[`A${'B'}`] = 3; o2['AB'.normalize()] = 4;
console.log(JSON.stringify(o2), Object.keys(o2).length);
const counts = {};
for (const w of 'a b a c b a'.split(' ')) counts[w] = (counts[w] || 0) + 1;
console.log(JSON.stringify(counts), counts.a, counts['b']);
const big = {};
for (let i = 0; i < 10; i++) big['p' + i] = i;
console.log(big.p3, big['p' + 3], JSON.stringify(Object.keys(big)));
const deleted = { ...big };
delete deleted['p' + 5];
console.log(deleted.p5, 'p5' in deleted, Object.keys(deleted).length);
