// var declared by (indirect) eval code is a configurable global property (ES2023 19.2.1.3 step 17, CreateGlobalVarBinding(vn, true)).
function readEv() { return typeof evGlobal === 'undefined' ? 'none' : evGlobal; }
console.log(readEv(), readEv());
(0, eval)('var evGlobal = "from eval"');
console.log(readEv(), Object.getOwnPropertyDescriptor(globalThis, 'evGlobal').configurable);
console.log(delete globalThis.evGlobal, readEv(), readEv());
