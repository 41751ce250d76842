// Which traps each language operation and built-in runs on a proxy (keyed
// access, destructuring, spread, rest, Object.* and Array.* methods, super,
// apply and construct), in node's order.
const log = [];
const h = {};
for (const trap of ["get", "set", "has", "deleteProperty", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions"]) {
  h[trap] = (...a) => { log.push(trap + (typeof a[1] === "string" ? " " + a[1] : "")); return Reflect[trap](...a); };
}
const arr = new Proxy([10, 20, 30], h);
const obj = new Proxy({ a: 1, b: 2 }, h);
function flush(label) { console.log(label + ":", log.splice(0).join(", ")); }
let i = 1;
arr[i]; flush("keyed get");
arr[i] = 5; flush("keyed set");
0 in arr; flush("in");
delete arr[2]; flush("delete");
const [x, y] = arr; flush("destructure");
[...arr]; flush("spread");
Array.from(arr); flush("Array.from");
for (const v of arr) {} flush("for-of");
Object.entries(obj); flush("entries");
Object.getOwnPropertyNames(obj); flush("gOPN");
Object.prototype.hasOwnProperty.call(obj, "a"); flush("hasOwnProperty");
obj.propertyIsEnumerable("a"); flush("propertyIsEnumerable");
Object.freeze(obj); flush("freeze");
Object.isFrozen(obj); flush("isFrozen");
const { a, ...rest } = new Proxy({ a: 1, b: 2, c: 3 }, h); flush("object rest");
({ ...obj }); flush("object spread");
arr.length; arr.push(7); flush("push");
arr.indexOf(5); flush("indexOf");
Object.setPrototypeOf(new Proxy({}, h), null); flush("setPrototypeOf");
obj.__proto__; flush("__proto__");
Object.getOwnPropertyDescriptors(obj); flush("gOPDs");
JSON.stringify(obj); flush("JSON");
Object.keys(new Proxy([1, 2], h)); flush("keys of array");
String(new Proxy({}, h)); flush("String");
`${new Proxy({ toString() { return "ts"; } }, h)}`; flush("template");
Object.defineProperty(new Proxy({}, h), "q", { value: 1, configurable: true }); flush("defineProperty");
Object.create(null, {}); console.log(typeof new Proxy(class {}, {}), typeof new Proxy(async function () {}, {}));
class Base { m() { return "base m " + this.tag; } }
const protoProxy = new Proxy(Base.prototype, h);
const o2 = { __proto__: protoProxy, tag: "o2", n() { return super.m(); } };
console.log(o2.n()); flush("super");
class D extends new Proxy(Base, {}) { constructor() { super(); this.tag = "d"; } }
console.log(new D().m(), new D() instanceof Base);
const callable = new Proxy(function (a, b) { return [this && this.t, a, b].join(); }, { apply(t, self, args) { log.push("apply " + args.length); return Reflect.apply(t, self, args); } });
console.log(callable(1, 2), callable.call({ t: "T" }, 3), callable.apply({ t: "U" }, [4, 5]), callable.bind({ t: "B" }, 6)(7), [1, 2].map(callable).join("|"));
flush("apply");
const Ctor = new Proxy(function P(v) { this.v = v; }, { construct(t, args, nt) { log.push("construct " + args + " " + (nt === Ctor)); return Reflect.construct(t, args, nt); } });
const inst = new Ctor(9);
console.log(inst.v, inst instanceof Ctor, Reflect.construct(Ctor, [8], Array) instanceof Array);
flush("construct");
console.log(Object.prototype.toString.call(new Proxy(new Map(), {})), Object.prototype.toString.call(new Proxy(new Date(0), {})));
try { Map.prototype.get.call(new Proxy(new Map(), {}), 1); } catch (e) { console.log(e.constructor.name); }
console.log(new Proxy([], {}).concat([1]).length, Array.prototype.concat.call([], new Proxy([1, 2], {})).length);
