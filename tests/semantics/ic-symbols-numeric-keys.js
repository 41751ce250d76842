// Symbol-keyed properties and numeric-string keys.
const s = Symbol('s'), t = Symbol('t');
function getS(o) { return o[s]; }
const objs = [{ [s]: 1 }, { a: 0, [s]: 2 }, Object.create({ [s]: 3 }), { [t]: 'no' }];
for (let i = 0; i < 3; i++) console.log(objs.map(getS).join(','));
objs[3][s] = 4;
console.log(objs.map(getS).join(','));
// Symbol.iterator / Symbol.toPrimitive replaced after use.
const it = { items: [1, 2], [Symbol.iterator]() { return this.items[Symbol.iterator](); } };
console.log([...it].join(), [...it].join());
it.items = [3];
console.log([...it].join());
const prim = { [Symbol.toPrimitive]() { return 10; } };
console.log(prim + 1, prim + 1);
prim[Symbol.toPrimitive] = () => 20;
console.log(prim + 1);
// Symbols with the same description are different keys.
const s2 = Symbol('s');
const both = { [s]: 'first', [s2]: 'second' };
console.log(both[s], both[s2], Object.getOwnPropertySymbols(both).length, JSON.stringify(both));
// Numeric-string keys: o["1"] and o[1] are the same property; "01" and "1.0" are not.
const o = {};
o['1'] = 'str-one';
console.log(o[1], o['1'], o[1.0], o['01'], o['1.0']);
o[1] = 'num-one';
o['01'] = 'zero-one';
o[1.5] = 'one-half';
o['-0'] = 'neg-zero';
o[-0] = 'zero';
console.log(JSON.stringify(o), Object.keys(o).join('|'));
function getOne(x) { return x['1']; }
function getOneNum(x) { return x[1]; }
const arr = ['a', 'b'];
const str = 'xy';
for (let i = 0; i < 3; i++) console.log(getOne(o), getOne(arr), getOne(str), getOneNum(o), getOneNum(arr), getOneNum(str));
// Large integer-like keys (array index limit).
const big = {};
big[4294967295] = 'not-index';
big[4294967294] = 'index';
big.name = 'n';
console.log(Object.keys(big).join('|'));
const a2 = [];
a2[4294967295] = 'x';
console.log(a2.length, Object.keys(a2).join());
a2['4294967294'] = 'y';
console.log(a2.length);
// A named site and a keyed site on the same object.
const mixed = { 2: 'two', two: 2 };
function named(x) { return x.two; }
function keyed(x, k) { return x[k]; }
for (let i = 0; i < 3; i++) console.log(named(mixed), keyed(mixed, 2), keyed(mixed, '2'), keyed(mixed, 'two'));
delete mixed[2];
mixed.two = 'TWO';
console.log(named(mixed), keyed(mixed, 2), JSON.stringify(mixed));
