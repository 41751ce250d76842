// Annex B's Runtime Errors for Function Call Assignment Targets: in sloppy
// code a call may stand where a reference is assigned; the call runs, then a
// ReferenceError is thrown, before the right side or any conversion.
var log = [];
function f() {
  log.push("f");
  return { valueOf() { log.push("valueOf"); return 1; } };
}
function g() { log.push("g"); return 2; }
function attempt(label, fn) {
  log = [];
  try {
    fn();
    log.push("no error");
  } catch (e) {
    log.push(e.constructor.name + ": " + e.message);
  }
  console.log(label.padEnd(22), log.join(" | "));
}
attempt("f() = g()", function () { f() = g(); });
attempt("f() += g()", function () { f() += g(); });
attempt("f()++", function () { f()++; });
attempt("--f()", function () { --f(); });
attempt("for (f() in {a, b})", function () { for (f() in { a: 1, b: 2 }) log.push("body"); });
attempt("for (f() in {})", function () { for (f() in {}) log.push("body"); });
attempt("for (f() of [1])", function () { for (f() of [1]) log.push("body"); });
attempt("(f()) = 1", function () { (f()) = 1; });
attempt("f()() = 1", function () { f = function () { log.push("f"); return g; }; f()() = 1; });
// Strict code is left out: the spec and test262 make it an early SyntaxError
// (jsvm does), node 20 throws the ReferenceError late there too.
attempt("f() &&= 1", function () { eval("f() &&= 1;"); });
attempt("[f()] = []", function () { eval("[f()] = [];"); });
// Annex B.3.5: sloppy for (var x = init in o) assigns init first.
var seen;
for (var k = (log.push("init"), "start") in (seen = k, { p: 1 })) {}
console.log("for-in initializer", seen, k);
function inner() {
  for (var j = function () {} in {}) {}
  return typeof j + " " + j.name;
}
console.log("named by its binding", inner());
