'use strict';
// Strict mode: stores to primitives, global accessors replacing a cached data global, a frozen global object.
function setF(o) { o.foo = 1; return o; }
for (let i = 0; i < 3; i++) setF({});
for (const p of ['str', 5, true, Symbol('q')]) { try { setF(p); console.log('no throw', typeof p); } catch (e) { console.log(typeof p, e.constructor.name); } }
try { setF(null); } catch (e) { console.log('null', e.constructor.name); }
globalThis.imp = 1;
function readImp() { return imp; }
function writeImp(v) { imp = v; }
for (let i = 0; i < 3; i++) { writeImp(i); readImp(); }
let last;
Object.defineProperty(globalThis, 'imp', { get() { return 'G'; }, set(v) { last = v; }, configurable: true });
writeImp(5);
console.log(readImp(), last);
Object.defineProperty(globalThis, 'imp', { value: 'D', writable: true, configurable: true });
console.log(readImp()); writeImp('E'); console.log(readImp());
this === undefined;
function topThis() { return this; }
console.log(topThis());
var vv = 1;
function rv() { return vv; }
rv(); rv();
Object.freeze(globalThis);
try { vv = 2; console.log('no throw'); } catch (e) { console.log('frozen global', e.constructor.name, rv()); }
try { newGlobal = 2; } catch (e) { console.log(e.constructor.name); }
