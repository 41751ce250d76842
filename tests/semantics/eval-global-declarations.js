// Global declarations of eval code (EvalDeclarationInstantiation): strict
// eval code keeps its vars and functions to itself; a function redefines a
// configurable global property as a writable, enumerable one; a global
// object that is not extensible refuses new vars and functions.

// Strict indirect eval: locals of the eval.
(0, eval)('"use strict"; var sv = 1; function sf() { return sv; } console.log(typeof sv, sf(), (() => sv)());');
console.log("sv" in globalThis, "sf" in globalThis);
globalThis.shadow = "global";
(0, eval)('"use strict"; var shadow = "var"; console.log(shadow);');
console.log(shadow);

// A function declaration redefines a configurable global (direct eval in
// global code, and indirect eval).
Object.defineProperty(globalThis, "cf", { value: 0, writable: false, enumerable: false, configurable: true });
(0, eval)("eval('var seen = cf; function cf() { return 345; }'); console.log(typeof seen);");
var d = Object.getOwnPropertyDescriptor(globalThis, "cf");
console.log(d.writable, d.enumerable, d.configurable, globalThis.cf());
Object.defineProperty(globalThis, "cg", { value: 0, writable: false, enumerable: false, configurable: true });
(0, eval)("function cg() { return 7; }");
d = Object.getOwnPropertyDescriptor(globalThis, "cg");
console.log(d.writable, d.enumerable, d.configurable, globalThis.cg());

// A non-configurable, non-writable global may not become a function.
try { (0, eval)("function NaN() {}"); } catch (e) { console.log(e.constructor.name, e.message); }
(0, eval)("var NaN; console.log('var NaN ok');");

// A global object that is not extensible: existing names still work.
Object.preventExtensions(globalThis);
for (var src of ["var nx1", "function nx2() {}", "function* nx3() {}", "eval('var nx4')", "eval('function nx5() {}')"]) {
  try { (0, eval)(src); console.log("no error"); } catch (e) { console.log(e.constructor.name, e.message); }
}
(0, eval)("var cf; function cg() { return 8; } console.log(cg());");
console.log("nx1" in globalThis, "nx4" in globalThis);
