// Annex B.3.3.3: a block function in sloppy direct eval code is also a var of
// the eval's var scope (the caller's function, or the global object), and
// evaluating its declaration copies the block binding to that var, past any
// block or catch binding of the same name around it.

// The block binding captured by its own body (so it lives in a context).
var seen;
(function () {
  eval('{ function f() { seen = f; f = 123; return "decl"; } } var outer = f; f();');
  console.log(typeof f, typeof seen, f === seen);
})();

// A catch parameter of the same name: the var, not the parameter, is set.
(function () {
  eval('try { throw null; } catch (k) { { function k() { return 1; } } console.log("in catch", k); }' +
       'console.log("after", typeof k);');
  console.log("function scope", typeof k);
})();

// The same in global code (a direct eval inside an indirect one): the global
// property is set.
(0, eval)("eval('try { throw null; } catch (g) { if (true) function g() { return 2; } } console.log(\"global\", typeof g);')");
console.log(typeof globalThis.g, Object.getOwnPropertyDescriptor(globalThis, "g").configurable);

// Inside a block of the caller holding a let of another name.
(function () {
  let other = 1;
  {
    let inner = 2;
    eval('switch (1) { case 1: function h() { return inner + other; } } ');
  }
  console.log("switch", typeof h, h());
})();

// An arrow's var scope.
(() => {
  eval('{ function a() { return a; } }');
  console.log("arrow", typeof a, a() === a);
})();
