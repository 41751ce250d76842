// eval var conflicts with an enclosing block's let
function c1() { { let z = 1; try { eval('var z = 2'); } catch (e) { return e.name; } } return 'no'; }
console.log(c1());
// catch parameter may be redeclared by eval var (Annex B)
function c2() { try { throw 1; } catch (err) { eval('var err = 5'); return err; } }
console.log(c2());
// nested eval declares into the same function
function c3() { eval("eval('var deep = 3')"); return deep; }
console.log(c3());
// eval inside with sees the object
function c4() { with ({ w: 4 }) { return eval('w'); } }
console.log(c4());
// with inside eval
function c5() { var v = 1; return eval('with ({ v: 5 }) { v }'); }
console.log(c5());
// arrow calling eval gets lexical this
var holder = { name: 'h', m() { return (() => eval('this.name'))(); } };
console.log(holder.m());
// generator with eval
function* g() { var a = 1; yield eval('a + 1'); eval('var b = 10'); yield b; }
console.log([...g()].join());
// eval-declared function visible to closures made before it
function c6() { const get = () => typeof later; const before = get(); eval('function later() {}'); return before + '/' + get(); }
console.log(c6());
// eval var shadowing a global and closures inside eval
var sh = 'global';
function c7() { const r = []; r.push(sh); eval('var sh = "local"'); r.push(sh); const f = eval('() => sh'); r.push(f()); return r.join(); }
console.log(c7(), sh);
// strict caller: eval vars are local
function c8() { 'use strict'; var out = eval('var p = 1; p + 1'); return out + '/' + typeof p; }
console.log(c8());
// let in eval is local to the eval
function c9() { eval('let lx = 1'); return typeof lx; }
console.log(c9());
// assignment to an undeclared name from eval code creates a global (sloppy)
function c10() { eval('madeGlobal = 11'); return typeof madeGlobal; }
console.log(c10(), madeGlobal);
// the function name of a named function expression is read-only, also through eval
var nfe = function named() { eval('named = 1'); return typeof named; };
console.log(nfe());
// completion values
console.log(eval('var v1 = 1; v1'), eval('if (true) 5'), eval('for (var ii = 0; ii < 2; ii++) ii;'));
// eval with non-string arguments returns them
console.log(eval(42), eval({a:1}).a, eval());
// with over a primitive
with ('abc') { console.log(length, charAt(1)); }
// update expressions through with
var cnt = { n: 1 };
with (cnt) { n++; n += 10; }
console.log(cnt.n);
// for-in and destructuring targets in with
var tgt = { x: 0, y: 0 };
with (tgt) { [x, y] = [1, 2]; for (x in { k: 1 }); }
console.log(tgt.x, tgt.y);
// with scope is dynamic: property added later wins
var dyn = {};
var seen = 'outer';
function probe() { with (dyn) { return seen; } }
console.log(probe()); dyn.seen = 'inner'; console.log(probe());
// arguments object changed by eval in a mapped function
function c11(a) { eval('arguments[0] = 99'); return a; }
console.log(c11(1));
// new Function does not see locals
function c12() { var hidden = 1; return new Function('return typeof hidden')(); }
console.log(c12());
// eval in a class method and in a static method
class K { m() { return eval('this.constructor.name'); } static s() { return eval('this.name'); } }
console.log(new K().m(), K.s());
// typeof of a TDZ binding through eval throws
function c13() { try { eval('typeof tdz'); let tdz = 1; } catch (e) { return e.name; } }
console.log(c13());
