'use strict';
// Strict mode: a store to a read-only inherited or own property throws.
function P() {}
P.prototype.ro = 0;
function assign(o, v) { o.ro = v; return o; }
for (let i = 0; i < 4; i++) assign(new P(), i);
Object.defineProperty(P.prototype, 'ro', { writable: false });
try { assign(new P(), 1); console.log('no throw'); } catch (e) { console.log(e instanceof TypeError, e.constructor.name); }
function setA(o, v) { o.a = v; }
const q = { a: 1 };
for (let i = 0; i < 3; i++) setA(q, i);
Object.defineProperty(q, 'a', { writable: false });
try { setA(q, 5); console.log('no throw'); } catch (e) { console.log(e instanceof TypeError); }
console.log(q.a);
// Frozen receiver at a warm transition site.
function addB(o) { o.b = 1; return o; }
for (let i = 0; i < 3; i++) addB({});
for (const f of [Object.freeze, Object.seal, Object.preventExtensions]) {
  try { addB(f({})); console.log('no throw'); } catch (e) { console.log(f.name, e instanceof TypeError); }
}
// Existing property of a frozen object at a warm existing-slot site.
const objs = [{ b: 0 }, { b: 0 }];
for (let i = 0; i < 3; i++) addB(objs[0]);
Object.freeze(objs[1]);
try { addB(objs[1]); console.log('no throw'); } catch (e) { console.log('frozen', e instanceof TypeError, objs[1].b); }
// Sealed: existing writable properties stay writable.
const s = Object.seal({ b: 0 });
addB(s);
console.log('sealed', s.b);
// A setter-only accessor: a store calls it; a getter-only accessor throws.
function setZ(o, v) { o.z = v; }
const holder = { z: 0 };
for (let i = 0; i < 3; i++) setZ(holder, i);
let seen = 0;
Object.defineProperty(holder, 'z', { set(v) { seen = v; } });
setZ(holder, 7);
console.log(seen, holder.z);
Object.defineProperty(holder, 'z', { get() { return 1; }, set: undefined });
try { setZ(holder, 8); console.log('no throw'); } catch (e) { console.log('getter-only', e instanceof TypeError); }
// Undeclared global in strict mode.
function setG() { undeclaredStrict = 1; }
try { setG(); } catch (e) { console.log(e.constructor.name); }
