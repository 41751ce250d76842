// Globals seen through indirect eval and new Function, and top-level let/const next to global properties of the same name.
globalThis.y = 1;
function f() { return y; }
function w(v) { y = v; }
f(); f(); w(3);
console.log((0, eval)('let y = 2; y'), f(), y);
w(4);
console.log(f(), (0, eval)('y'), (0, eval)('typeof y'));
(0, eval)('var y2 = 5; function fy() { return y2; }');
console.log(fy(), fy());
y2 = 6;
console.log(fy());
const fn = new Function('return y + y2');
console.log(fn(), fn());
delete globalThis.y;
try { fn(); } catch (e) { console.log(e.constructor.name); }
globalThis.y = 100;
console.log(fn(), f());
// a top-level let/const and a global property of the same name made later
let lx = 'let';
function readLx() { return lx; }
globalThis.lx = 'prop';
console.log(readLx(), readLx(), globalThis.lx);
const cx = 'const';
function readCx() { return cx; }
function writeCx() { cx = 1; }
try { writeCx(); } catch (e) { console.log(e.constructor.name, readCx()); }
