// Direct eval inside arrows and methods: an arrow whose parameters call eval
// is itself a caller of eval (its var scope receives the eval's vars);
// new.target needs a non-arrow function around the arrow; super.x in eval
// code reads the method's home object, even when only the eval names it.

var f1 = (p = eval("var a1 = 'param var'")) => a1;
console.log(f1());
var f2 = (p = eval("var arguments = 'param'"), q = () => arguments) => {
  function arguments() {}
  return [typeof arguments, q()];
};
console.log(f2());
var f3 = (a, b = eval("var c3 = a * 2"), d = () => c3) => [c3, d()];
console.log(f3(21));
// An arrow inside the parameters keeps its own eval.
var f4 = (p = (q = eval("var inner = 1")) => inner) => [p(), typeof inner];
console.log(f4());

// new.target: a SyntaxError in eval code when no function is around the arrow.
var topArrow = (0, eval)("(() => eval('new.target'))");
try { topArrow(); console.log("no error"); } catch (e) { console.log(e.constructor.name, e.message); }
try { (0, eval)("eval('new.target')"); } catch (e) { console.log(e.constructor.name, e.message); }
function g() { return (() => eval("new.target"))(); }
console.log(g(), new g() instanceof g ? "no" : typeof new g());
function h() { return eval("eval('new.target')"); }
console.log(typeof new h());
class C { x = eval("new.target"); }
console.log(new C().x);

// super.x in eval code: object literal methods and accessors, class methods.
var proto = { who: "proto" };
var o = {
  m() { return eval("super.who"); },
  n() { return (() => eval("super.who"))(); },
  get g() { return eval("super['who']"); },
};
Object.setPrototypeOf(o, proto);
console.log(o.m(), o.n(), o.g);
class B { static s() { return "B.s"; } i() { return "B.i"; } }
class D extends B { static s() { return eval("super.s()"); } i() { return eval("super.i()"); } }
console.log(D.s(), new D().i());
