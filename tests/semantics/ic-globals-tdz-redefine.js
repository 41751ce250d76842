// Top-level let/class TDZ seen from functions, function declarations redefined by indirect eval.
function early() { try { return tdz; } catch (e) { return e.constructor.name; } }
console.log(early(), early());
let tdz = 'ready';
console.log(early());
function mkC() { try { return new C().v; } catch (e) { return e.constructor.name; } }
console.log(mkC());
class C { constructor() { this.v = 'c'; } }
console.log(mkC(), mkC(), typeof globalThis.C, typeof globalThis.tdz);
var fv = 'var';
console.log(Object.getOwnPropertyDescriptor(globalThis, 'fv').configurable, typeof globalThis.early);
function redef() { return 'original'; }
function callRedef() { return redef(); }
console.log(callRedef(), callRedef());
(0, eval)('function redef() { return "from eval"; }');
console.log(callRedef(), Object.getOwnPropertyDescriptor(globalThis, 'redef').configurable);
globalThis.cfg = 1;
function readCfg() { return cfg; }
console.log(readCfg(), readCfg());
(0, eval)('function cfg() { return "fn"; }');
console.log(typeof readCfg(), Object.getOwnPropertyDescriptor(globalThis, 'cfg').enumerable);
