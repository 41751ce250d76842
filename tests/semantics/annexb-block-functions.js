// Annex B.3.3: a sloppy block function is also a var of its function, unless
// a var there would be an early error (an enclosing let/const/class, a
// catch parameter pattern, a loop head's let, an enclosing block's function)
// or the name is a parameter or `arguments`.
const out = [];
function show(label, fn) {
  try { out.push(label + ": " + fn()); } catch (e) { out.push(label + ": " + e.constructor.name); }
}

show("plain", function () { const before = typeof f; { function f() {} } return before + " " + typeof f; });
show("top let", function () { let f = 1; { function f() {} } return f; });
show("block let", function () {
  { let f = 2; { function f() {} } }
  return typeof f;
});
show("for let", function () { for (let f = 0; f < 1; f++) { function f() {} } return typeof f; });
show("for-in let", function () { for (let f in { a: 1 }) { function f() {} } return typeof f; });
show("for-of const", function () { for (const f of [1]) { function f() {} } return typeof f; });
show("catch pattern", function () { try { throw {}; } catch ({ f }) { { function f() {} } } return typeof f; });
show("catch identifier", function () { try { throw 1; } catch (f) { { function f() { return 3; } } } return f(); });
show("switch let", function () { switch (1) { case 0: let f; default: { function f() {} } } return typeof f; });
show("switch case", function () { switch (1) { default: function f() { return 4; } } return f(); });
show("nested", function () {
  { function f() { return 1; } { function f() { return 2; } } }
  return f();
});
show("param", function (f) { { function f() {} } return f; }.bind(null, 5));
show("param default", function (f = 6) { { function f() {} } return f; });
show("arguments", function () { { function arguments() {} } return String(arguments); });
show("class", function () { class f {} { function f() {} } return typeof f; });
show("if", function () { if (true) function f() { return 7; } return f(); });
show("labelled", function () { { l: function f() { return 8; } } return f(); });
show("var too", function () { var f = 9; { function f() { return 10; } } return f(); });
show("later let in block", function () { { { function f() {} } let f = 11; return f; } });
show("eval let", function () { return eval("let f = 12; { function f() {} } f"); });
show("eval plain", function () { eval("{ function f() { return 13; } }"); return f(); });
// At the top level of a script.
let g = 14;
{ function g() {} }
out.push("script let: " + g);
{ function h() { return 15; } }
out.push("script plain: " + h() + " " + Object.getOwnPropertyDescriptor(globalThis, "h").enumerable);
console.log(out.join("\n"));
