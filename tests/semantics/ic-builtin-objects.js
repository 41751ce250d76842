// Built-in objects at shared sites: JSON __proto__ keys, errors, Map/Set, iterators, Date, spread/assign, Object.create with descriptors.
const j = JSON.parse('{"__proto__": 1, "a": 2}');
function pr(o) { return o.__proto__; }
console.log(pr(j), pr(j), pr({}) === Object.prototype, pr(j));
function msg(e) { return e.message + '/' + e.name; }
const errs = [new Error('a'), new TypeError('b'), new RangeError(), Object.assign(new Error('c'), { name: 'Custom' })];
class MyErr extends Error { get name() { return 'MyErr'; } }
errs.push(new MyErr('d'));
for (let i = 0; i < 2; i++) console.log(errs.map(msg).join(' '));
Error.prototype.name = 'Renamed';
console.log(errs.map(msg).join(' '));
function st(e) { return typeof e.stack; }
console.log(errs.map(st).join());
const m = new Map([[1, 2]]);
function sz(x) { return x.size; }
function gt(x) { return x.get(1); }
class M2 extends Map { get(k) { return 'M2'; } }
console.log(sz(m), gt(m), gt(new M2([[1, 3]])), gt(m), sz(new Set([1, 2, 3])));
Map.prototype.get = function () { return 'patched'; };
console.log(gt(m), gt(new M2()));
function nx(it) { return it.next().value; }
const its = [[1, 2][Symbol.iterator](), new Map([[5, 6]]).entries(), new Set([7]).values(), 'st'[Symbol.iterator]()];
for (let i = 0; i < 2; i++) console.log(its.map((it) => JSON.stringify(nx(it))).join());
const dd = new Date(0);
function gtm(d) { return d.getTime; }
console.log(typeof gtm(dd), typeof gtm({}), typeof gtm(dd));
dd.getTime = 5;
console.log(gtm(dd), Object.keys(dd).join());
// spread with getters and symbols
let n = 0;
const src = { a: 1, get b() { return ++n; }, [Symbol('s')]: 3 };
const c1 = { ...src }, c2 = { ...src };
console.log(JSON.stringify(c1), JSON.stringify(c2), Object.getOwnPropertySymbols(c2).length);
const copy = Object.assign({}, src, { a: 'A' });
console.log(JSON.stringify(copy));
// Object.fromEntries / Object.create with descriptors at a shared site
function ga(o) { return o.a; }
const objs = [Object.fromEntries([['a', 1]]), Object.create(null, { a: { value: 2, enumerable: true } }), Object.create({}, { a: { get() { return 3; } } }), { a: 4 }];
for (let i = 0; i < 2; i++) console.log(objs.map(ga).join());
objs[0].a = 10; objs[1].a = 20; objs[3].a = 40;
console.log(objs.map(ga).join());
