// Object.freeze/seal/preventExtensions after caching (sloppy: adds fail silently).
function add(o, v) { o.n = v; return o; }
function set(o, v) { o.e = v; return o; }
function get(o) { return o.e; }
for (let i = 0; i < 4; i++) add({ e: 0 }, i);
const fz = Object.freeze({ e: 1 });
const sl = Object.seal({ e: 1 });
const pe = Object.preventExtensions({ e: 1 });
for (const o of [fz, sl, pe]) {
  add(o, 5);
  set(o, 9);
  console.log(JSON.stringify(o), Object.isFrozen(o), Object.isSealed(o), Object.isExtensible(o), 'n' in o);
}
// Freeze after the object's own slot was cached by a store site.
const live = { e: 0 };
for (let i = 0; i < 4; i++) set(live, i);
console.log(get(live));
Object.freeze(live);
set(live, 100);
console.log(get(live), Object.getOwnPropertyDescriptor(live, 'e').writable);
// preventExtensions keeps the shape: existing writes still work, adds fail.
const pv = { e: 0 };
for (let i = 0; i < 3; i++) { set(pv, i); add({ e: 0 }, i); }
Object.preventExtensions(pv);
set(pv, 50);
add(pv, 1);
console.log(JSON.stringify(pv));
// Arrays: frozen elements and length.
const arr = [1, 2, 3];
function setIdx(a, i, v) { a[i] = v; }
for (let i = 0; i < 3; i++) setIdx(arr, i, i * 2);
Object.freeze(arr);
setIdx(arr, 0, 99); setIdx(arr, 5, 99);
arr.length = 0;
console.log(JSON.stringify(arr), arr.length);
// Object literals of a frozen shape keep working.
function lit(i) { return { e: i, f: i }; }
const l1 = lit(1); Object.freeze(l1);
const l2 = lit(2); l2.e = 20;
console.log(JSON.stringify([l1, l2]));
