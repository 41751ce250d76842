// Every proxy trap's invariant checks (ECMAScript 10.5): a trap that lies
// about a non-configurable property or a non-extensible target throws a
// TypeError; a truthful one is accepted.
function attempt(label, f) {
  try {
    console.log(label, "ok", String(f()));
  } catch (e) {
    console.log(label, e.constructor.name);
  }
}

const frozen = Object.freeze({ k: 1 });
const sealed = Object.seal({ s: 1 });
const accessor = Object.defineProperty({}, "a", { get() { return 1; }, configurable: false });
const setterless = Object.defineProperty({}, "g", { get() { return 1; }, configurable: false });
const nonExt = Object.preventExtensions({ x: 1 });

// get
attempt("get lie about frozen value", () => new Proxy(frozen, { get: () => 2 }).k);
attempt("get truth about frozen value", () => new Proxy(frozen, { get: () => 1 }).k);
attempt("get value for non-configurable accessor with a getter", () => new Proxy(setterless, { get: () => 5 }).g);
attempt("get undefined for configurable", () => new Proxy({ c: 1 }, { get: () => undefined }).c);
// set
attempt("set different value on frozen", () => Reflect.set(new Proxy(frozen, { set: () => true }), "k", 9));
attempt("set same value on frozen", () => Reflect.set(new Proxy(frozen, { set: () => true }), "k", 1));
attempt("set on accessor without setter", () => Reflect.set(new Proxy(setterless, { set: () => true }), "g", 1));
attempt("set falsish is false", () => Reflect.set(new Proxy({}, { set: () => false }), "z", 1));
attempt("set falsish in strict code", () => { "use strict"; new Proxy({}, { set: () => 0 }).z = 1; });
// has
attempt("has hides non-configurable", () => "s" in new Proxy(sealed, { has: () => false }));
attempt("has hides on non-extensible", () => "x" in new Proxy(nonExt, { has: () => false }));
attempt("has hides configurable", () => "c" in new Proxy({ c: 1 }, { has: () => false }));
// deleteProperty
attempt("delete non-configurable", () => Reflect.deleteProperty(new Proxy(sealed, { deleteProperty: () => true }), "s"));
attempt("delete on non-extensible", () => Reflect.deleteProperty(new Proxy(nonExt, { deleteProperty: () => true }), "x"));
attempt("delete absent", () => Reflect.deleteProperty(new Proxy({}, { deleteProperty: () => true }), "nope"));
// defineProperty
attempt("define on non-extensible", () => Reflect.defineProperty(new Proxy(nonExt, { defineProperty: () => true }), "y", { value: 1 }));
attempt("define non-configurable absent", () => Reflect.defineProperty(new Proxy({}, { defineProperty: () => true }), "y", { value: 1, configurable: false }));
attempt("define incompatible", () => Reflect.defineProperty(new Proxy(frozen, { defineProperty: () => true }), "k", { value: 2 }));
attempt("define falsish", () => Reflect.defineProperty(new Proxy({}, { defineProperty: () => false }), "y", { value: 1 }));
attempt("Object.defineProperty falsish", () => Object.defineProperty(new Proxy({}, { defineProperty: () => false }), "y", { value: 1 }));
// getOwnPropertyDescriptor
attempt("gOPD undefined for non-configurable", () => Object.getOwnPropertyDescriptor(new Proxy(sealed, { getOwnPropertyDescriptor: () => undefined }), "s"));
attempt("gOPD non-configurable for absent", () => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: () => ({ value: 1, configurable: false }) }), "q"));
attempt("gOPD primitive result", () => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: () => 1 }), "q"));
attempt("gOPD configurable for configurable", () => JSON.stringify(Object.getOwnPropertyDescriptor(new Proxy({ q: 1 }, { getOwnPropertyDescriptor: () => ({ value: 7, configurable: true }) }), "q")));
// ownKeys
attempt("ownKeys omits non-configurable", () => Reflect.ownKeys(new Proxy(sealed, { ownKeys: () => [] })));
attempt("ownKeys extra on non-extensible", () => Reflect.ownKeys(new Proxy(nonExt, { ownKeys: () => ["x", "extra"] })));
attempt("ownKeys duplicates", () => Reflect.ownKeys(new Proxy({}, { ownKeys: () => ["a", "a"] })));
attempt("ownKeys non-key entry", () => Reflect.ownKeys(new Proxy({}, { ownKeys: () => [1] })));
attempt("ownKeys any order", () => Reflect.ownKeys(new Proxy({ a: 1, b: 2 }, { ownKeys: () => ["b", "zz", "a"] })).join());
// getPrototypeOf / setPrototypeOf
attempt("getPrototypeOf lie on non-extensible", () => Object.getPrototypeOf(new Proxy(nonExt, { getPrototypeOf: () => Array.prototype })));
attempt("getPrototypeOf primitive", () => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: () => 1 })));
attempt("getPrototypeOf any on extensible", () => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: () => Array.prototype })) === Array.prototype);
attempt("setPrototypeOf lie on non-extensible", () => Reflect.setPrototypeOf(new Proxy(nonExt, { setPrototypeOf: () => true }), Array.prototype));
attempt("setPrototypeOf falsish", () => Object.setPrototypeOf(new Proxy({}, { setPrototypeOf: () => false }), null));
// isExtensible / preventExtensions
attempt("isExtensible lie", () => Object.isExtensible(new Proxy({}, { isExtensible: () => false })));
attempt("preventExtensions lie", () => Reflect.preventExtensions(new Proxy({}, { preventExtensions: () => true })));
attempt("preventExtensions falsish", () => Object.preventExtensions(new Proxy({}, { preventExtensions: () => false })));
// apply / construct
attempt("construct returns primitive", () => new (new Proxy(function () {}, { construct: () => 1 }))());
attempt("construct on non-constructor target", () => new (new Proxy(() => 1, {}))());
attempt("call of object target", () => new Proxy({}, {})());
attempt("trap that is not callable", () => new Proxy({}, { get: 1 }).x);
// revoked
const { proxy, revoke } = Proxy.revocable({}, {});
revoke();
for (const [name, f] of [["get", () => proxy.x], ["set", () => { proxy.x = 1; }], ["has", () => "x" in proxy],
  ["keys", () => Object.keys(proxy)], ["proto", () => Object.getPrototypeOf(proxy)], ["isArray", () => Array.isArray(proxy)],
  ["typeof", () => typeof proxy]]) {
  attempt("revoked " + name, f);
}
attempt("new Proxy with revoked target", () => typeof new Proxy(proxy, {}));
attempt("Proxy without new", () => Proxy({}, {}));
attempt("Proxy with primitive", () => new Proxy(1, {}));
console.log(typeof Proxy.prototype, Proxy.length, Proxy.name, Proxy.revocable.length);
