// Tagged templates whose tag is a property: super.m`..` and super[k]`..` are
// called with this, o[k]`..` with o (it was called with undefined).
class B { x(s) { return "B.x " + s[0] + " " + (this instanceof A); } get ["y"]() { return function (s) { return "y " + s.raw[0]; }; } }
class A extends B { m() { return super.x`hi`; } n() { return super["x"]`there`; } }
console.log(new A().m(), new A().n());
const o = { f(s) { return this === o; }, k: "f" };
console.log(o[o.k]`t`, o.f`u`);
