// A proxy in the prototype chain: get, set, has and for-in walk into it with
// the original receiver; warmed-up inline caches at the same sites must not
// skip its traps.
const log = [];
const handler = {
  get(t, k, r) { log.push("get " + String(k) + (r === child ? " (child)" : "")); return k === "virtual" ? "v:" + String(k) : Reflect.get(t, k, r); },
  set(t, k, v, r) { log.push("set " + String(k)); return Reflect.set(t, k, v, r); },
  has(t, k) { log.push("has " + String(k)); return k === "virtual" || Reflect.has(t, k); },
  ownKeys(t) { log.push("ownKeys"); return Reflect.ownKeys(t); },
  getOwnPropertyDescriptor(t, k) { log.push("gopd " + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
  getPrototypeOf(t) { log.push("getPrototypeOf"); return Reflect.getPrototypeOf(t); },
};
const base = { inherited: 1, get viaGetter() { return this.own; } };
const proto = new Proxy(base, handler);
const child = Object.create(proto);
child.own = "mine";
console.log(child.own, child.inherited, child.virtual, child.viaGetter, child.missing);
console.log(log.splice(0).join(" | "));
console.log("virtual" in child, "own" in child, "nothing" in child);
console.log(log.splice(0).join(" | "));
child.fresh = 2;  // set trap with the child as receiver: Reflect.set defines it on the child
console.log(Object.keys(child).join(), Object.prototype.hasOwnProperty.call(base, "fresh"));
console.log(log.splice(0).join(" | "));
const keys = [];
for (const k in child) keys.push(k);
console.log(keys.join());
console.log(log.splice(0).join(" | "));

// Inline caches: warm a load and a store site with ordinary objects, then
// run the same sites with a proxy prototype and a proxy receiver.
function read(o) { return o.p; }
function write(o, v) { o.p = v; }
const plain = { p: 1 };
for (let i = 0; i < 20; i++) { read(plain); write(plain, i); read(Object.create(plain)); }
const trapped = new Proxy({ p: "target" }, { get: (t, k) => "trap " + String(k), set(t, k, v) { t[k] = "set " + v; return true; } });
const viaProto = Object.create(trapped);
console.log(read(trapped), read(viaProto), read(plain));
write(trapped, 5);
console.log(Reflect.get(trapped, "p", {}), read(Object.create(plain)));
for (let i = 0; i < 3; i++) console.log(read(i % 2 ? viaProto : plain));

// instanceof and isPrototypeOf ask the proxy's getPrototypeOf trap.
class A {}
const fakeA = new Proxy({}, { getPrototypeOf: () => A.prototype });
console.log(fakeA instanceof A, A.prototype.isPrototypeOf(fakeA), Object.create(fakeA) instanceof A);

// Array through proxies: isArray, concat spreading, JSON, toString tag.
const arr = new Proxy([1, 2, 3], {});
console.log(Array.isArray(arr), Array.isArray(new Proxy(arr, {})), [0].concat(arr).join(), JSON.stringify({ arr }),
  Object.prototype.toString.call(arr), Array.prototype.map.call(arr, (x) => x * 2).join());
const fn = new Proxy(function named(a, b) { return a + b; }, {});
console.log(typeof fn, Object.prototype.toString.call(fn), fn(1, 2), fn.call(null, 3, 4), fn.apply(null, [5, 6]),
  Reflect.apply(fn, null, [7, 8]), fn.name, fn.length, typeof new Proxy({}, {}));
console.log(JSON.stringify({ ...new Proxy({ a: 1, b: 2 }, { ownKeys: () => ["b"] }) }),
  JSON.stringify(Object.assign({}, new Proxy({ a: 1, b: 2 }, { ownKeys: () => ["a"] }))));
