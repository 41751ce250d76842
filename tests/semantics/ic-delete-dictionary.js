// delete of a cached property (dictionary mode), re-adding after delete.
function getA(o) { return o.a; }
function getC(o) { return o.c; }
function setA(o, v) { o.a = v; }
const o = { a: 1, b: 2, c: 3 };
for (let i = 0; i < 3; i++) console.log(getA(o), getC(o));
delete o.b;
console.log(getA(o), getC(o), JSON.stringify(o));
delete o.a;
console.log(getA(o), getC(o), JSON.stringify(o));
setA(o, 10);
console.log(getA(o), getC(o), JSON.stringify(o), Object.keys(o).join());
// Sibling objects with the old shape still work.
const s = { a: 1, b: 2, c: 3 };
console.log(getA(s), getC(s));
for (let i = 0; i < 3; i++) setA(s, i);
delete s.a;
setA(s, 'x');
console.log(JSON.stringify(s));
// Delete while a prototype load is cached.
const proto = { a: 'proto-a', c: 'proto-c' };
const child = Object.create(proto);
child.a = 'own';
for (let i = 0; i < 3; i++) console.log(getA(child), getC(child));
delete child.a;
console.log(getA(child), getC(child));
delete proto.c;
console.log(getC(child));
proto.c = 'again';
console.log(getC(child));
// Many deletes and re-adds in a loop.
const d = {};
for (let i = 0; i < 20; i++) d['k' + i] = i;
for (let i = 0; i < 20; i += 3) delete d['k' + i];
for (let i = 0; i < 20; i += 6) d['k' + i] = -i;
console.log(Object.keys(d).join(','));
console.log(Object.values(d).join(','));
function getK5(x) { return x.k5; }
console.log(getK5(d), getK5(d));
delete d.k5;
console.log(getK5(d));
