// Ephemerons, WeakRef and FinalizationRegistry after a collection.
const wm = new WeakMap();
const ws = new WeakSet();
let probe;
const registry = new FinalizationRegistry((held) => console.log("finalized:", held));
(function () {
  // key -> value -> key: referenced only from the WeakMap.
  const key = { name: "key" };
  const value = { back: key };
  wm.set(key, value);
  ws.add(key);
  probe = new WeakRef(value);
  registry.register(key, "the ephemeron key");
  registry.register(value, "the ephemeron value");
  const token = {};
  registry.register({}, "unregistered", token);
  console.log("unregister:", registry.unregister(token));
})();
const kept = {};
const keptValue = { v: 1 };
wm.set(kept, keptValue);
const weakKept = new WeakRef(kept);
console.log("same job, before gc:", typeof probe.deref());
setTimeout(() => {
  gc();
  console.log("after gc, next task:", probe.deref(), weakKept.deref() === kept, wm.get(kept) === keptValue);
  Promise.resolve().then(() => console.log("microtask runs before finalizers"));
}, 0);

// A longer ephemeron chain: each key reachable only through the previous
// entry's value, the first key held by a variable: all live; drop the head
// and the whole chain goes.
const chain = new WeakMap();
let head = { i: 0 };
const firstRef = new WeakRef(head);
let lastRef;
(function () {
  let k = head;
  for (let i = 1; i <= 50; i++) {
    const next = { i };
    chain.set(k, next);
    k = next;
  }
  lastRef = new WeakRef(k);
})();
setTimeout(() => {
  gc();
  let n = 0;
  for (let k = head; chain.has(k); k = chain.get(k)) n++;
  console.log("chain live through", n, "entries; last:", lastRef.deref().i);
  head = null;
  setTimeout(() => {
    gc();
    console.log("chain after dropping its head:", firstRef.deref(), lastRef.deref());
  }, 0);
}, 1);

// Symbols as weak keys and targets (not those of Symbol.for).
const sym = Symbol("local");
const symMap = new WeakMap([[sym, "symbol value"]]);
console.log(symMap.get(sym), new WeakRef(sym).deref() === sym);
for (const bad of [Symbol.for("registered"), 1, "s", null]) {
  try { new WeakRef(bad); } catch (e) { console.log(String(bad), e.constructor.name, e.message); }
}
const reg2 = new FinalizationRegistry(() => {});
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.constructor.name + ": " + e.message); } };
const o = {};
t(() => reg2.register(o, o));
t(() => reg2.register(o, 1, 1));
t(() => reg2.unregister(1));
t(() => reg2.register(o, 1, o));
t(() => reg2.unregister(o));
t(() => reg2.unregister(o));
t(() => WeakRef.prototype.deref.call({}));
t(() => WeakRef({}));
t(() => new FinalizationRegistry(1));
console.log(Object.prototype.toString.call(reg2), Object.prototype.toString.call(new WeakRef(o)), WeakRef.length,
            FinalizationRegistry.length, FinalizationRegistry.prototype.register.length,
            Object.getOwnPropertyNames(WeakRef.prototype).join(), Object.getOwnPropertyNames(FinalizationRegistry.prototype).join());
