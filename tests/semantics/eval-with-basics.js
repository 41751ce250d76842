// with: calls get the object as this
var o = { n: 'o', f() { return this === o; }, g: function() { return typeof this; } };
with (o) { console.log(f(), g()); }
// unscopables
var arr = [1,2,3];
var values = 'outer values';
with (arr) { console.log(values, typeof keys, length); }
// typeof undeclared in with
with ({}) { console.log(typeof nothingHere); }
// delete through with
var d = { p: 1 };
with (d) { console.log(delete p, 'p' in d); }
// assignment to undeclared in with (sloppy creates global)
with ({}) { newGlobal = 5; }
console.log(newGlobal);
// closures in loop inside with
var fs = [];
with ({ k: 10 }) { for (let i = 0; i < 3; i++) fs.push(() => i + k); }
console.log(fs.map(f => f()).join());
// with + proxy-ish getter
var log = [];
var obj = { get a() { log.push('get'); return 1; } };
with (obj) { a; a; }
console.log(log.join());
// eval in various spots
function f1(a) { var r = eval('a + 1'); return r; }
console.log(f1(1));
function f2() { eval('var q = 1'); return eval('q + 1'); }
console.log(f2());
function f3() { 'use strict'; eval('var s = 1'); return typeof s; }
console.log(f3());
var ge = eval;
function f4() { var loc = 1; return ge('typeof loc'); }
console.log(f4());
function f5() { return eval('(function(){ return this; })')() === globalThis; }
console.log(f5());
function F6() { return eval('new.target'); }
console.log(new F6() !== undefined, F6());
console.log(eval('this') === globalThis);
let tl = 'top let';
console.log(eval('tl'));
try { eval('let tl2 = 1; var tl = 2'); } catch (e) { console.log(e.name); }
function f7() { eval('function inner() { return 7 }'); return inner(); }
console.log(f7());
function f8(x) { eval('x = 9'); return [x, arguments[0]].join(); }
console.log(f8(1));
function f9() { var e = eval; return [eval('1+1'), e('2+2'), (0, eval)('3+3'), eval?.('4+4')].join(); }
console.log(f9());
function f10() { let x = 1; { let x = 2; return eval('x'); } }
console.log(f10());
console.log((function(){ return eval('arguments.length'); })(1,2,3));
var cnt = 0; for (var i = 0; i < 100; i++) cnt += eval('i');
console.log(cnt);
try { eval('}'); } catch (e) { console.log(e.name, e.message); }
function f11() { try { eval('const c = 1; c = 2'); } catch (e) { return e.name + ': ' + e.message; } }
console.log(f11());
function f12() { const c = 1; try { eval('c = 2'); } catch (e) { return e.name + ': ' + e.message; } }
console.log(f12());
function f13() { try { eval('undef'); } catch (e) { return e.name + ': ' + e.message; } }
console.log(f13());
