// Typed array elements: conversions per kind (wrap-around, clamping with
// round-half-even, Float32 rounding), the integer-indexed exotic object's
// keys (canonical numeric strings never reach the prototype), and keyed
// sites that see typed arrays and plain arrays in turn.
const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
const inputs = [0, -0, 1.5, -1.5, 2.5, 127, 128, 255, 256, -129, 65535, 65536, 2 ** 31, 2 ** 32 + 3, -(2 ** 31) - 1, 1e40, -1e40, NaN, Infinity, -Infinity, 0.1, "7", "0x10", true, null, undefined, [], [9], { valueOf() { return 42; } }];
for (const T of kinds) {
  const a = new T(inputs.length);
  for (let i = 0; i < inputs.length; i++) a[i] = inputs[i];
  console.log(T.name, T.BYTES_PER_ELEMENT, Array.from(a, (x) => Object.is(x, -0) ? "-0" : String(x)).join(" "));
}
// keys
Object.prototype[5] = "proto";
Object.prototype["1.5"] = "proto";
Object.prototype["-0"] = "proto";
Object.prototype.foo = "proto";
const u = new Uint8Array(4);
console.log(u[5], u["1.5"], u["-0"], u["+1"], u["01"], u.foo, u[-1], u["Infinity"], u["NaN"], u["1e3"]);
console.log(5 in u, "1.5" in u, "-0" in u, "+1" in u, "3" in u, "4" in u);
u["1.5"] = 9; u[-0] = 7; u[10] = 1; u["+1"] = 3; u.bar = 2;
console.log(Object.keys(u).join(","), u[0], u["+1"], Object.getOwnPropertyNames(u).join(","));
console.log(delete u[0], delete u[9], delete u["1.5"], delete u.bar);
console.log(JSON.stringify(u), JSON.stringify(Object.getOwnPropertyDescriptor(u, "1")));
delete Object.prototype[5]; delete Object.prototype["1.5"]; delete Object.prototype["-0"]; delete Object.prototype.foo;
// a typed array as a prototype: numeric keys stop there
const child = Object.create(u);
child[1] = 200;
child[99] = 5;
console.log(u[1], Object.keys(child).join(","), child[99], child[2] === u[2]);
// defineProperty
const d = new Int16Array(3);
Object.defineProperty(d, "1", { value: 70000 });
for (const desc of [{ value: 1, writable: false }, { get() {} }, { value: 1, enumerable: false }, { value: 1, configurable: false }]) {
  try { Object.defineProperty(d, "0", desc); console.log("defined"); } catch (e) { console.log(e.constructor.name); }
}
try { Object.defineProperty(d, "5", { value: 1 }); } catch (e) { console.log("past the end:", e.constructor.name); }
console.log(d.join(","), Object.isFrozen(d), Object.isExtensible(d));
try { Object.freeze(d); } catch (e) { console.log(e.message); }
Object.freeze(new Uint8Array(0));
// one keyed site, arrays and typed arrays in turn
function sum(xs) { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]; return s; }
function store(xs, v) { for (let i = 0; i < xs.length; i++) xs[i] = v + i; return xs; }
for (const xs of [[1, 2, 3], new Float32Array([0.5, 0.25]), new Uint8Array(3), [4, 5], new Int8Array([-1, -2])]) {
  console.log(sum(xs), Array.from(store(xs, 254.7)).join(","));
}
const big = new Uint32Array(3);
big["2"] = -1; big[1] = 2 ** 32 + 1;
console.log(big[2], big[1], big[3], big.length);
