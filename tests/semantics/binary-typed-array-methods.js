// %TypedArray%.prototype methods: results of the receiver's type (species
// for map/filter/slice/subarray, the same type for toSorted/toReversed/with),
// numeric sort with -0 before +0 and NaN last, set between overlapping views
// of one buffer, from/of with subclasses, iteration, and console.log's format.
const f = Float64Array.of(3, -0, NaN, 0, -Infinity, 10, 2);
console.log(f.toSorted().join(" "), Object.is(f.toSorted()[1], -0), f.join(" "));
console.log(Array.from(new Int8Array([5, 1, 4]).sort((a, b) => b - a)).join(), new Uint8Array([3, 1, 2]).toReversed().join());
const u = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(u.with(-1, 300).join(), u.with(0, -1)[0], u.at(-0.5), u.at(-9), u.indexOf(3, -0.5), u.lastIndexOf(8, -0.5), u.includes(NaN));
try { u.with(8, 1); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(u.copyWithin(0, 3, 6).join(), u.copyWithin(2, 0).join(), u.fill(9, -2).join(), u.reverse().join());
console.log(u.entries().next().value, [...u.keys()].length, [...u.values()].slice(0, 2), u[Symbol.iterator] === u.values);
console.log(u.every((x) => x > 0), u.some((x) => x > 8), u.find((x) => x > 4), u.findLast((x) => x > 4), u.findIndex((x) => x === 3), u.findLastIndex((x) => x === 100));
console.log(u.reduce((a, b) => a + b), u.reduceRight((a, b) => a + "" + b, ""), u.toString(), u.toLocaleString());
// overlapping set between two kinds over one buffer
const buf = new ArrayBuffer(16);
const bytes = new Uint8Array(buf);
bytes.set([1, 2, 3, 4, 5, 6, 7, 8]);
const halves = new Uint16Array(buf, 2, 3);
bytes.set(halves, 1);
console.log(bytes.join());
const i32 = new Int32Array(buf);
i32.set(new Int32Array(buf, 4, 2));
console.log(i32.join());
// species
class Tracked extends Uint8Array {
  static get [Symbol.species]() { return Uint16Array; }
}
const t = new Tracked([1, 2, 300]);
console.log(t.constructor.name, t.map((x) => x * 300).constructor.name, t.map((x) => x * 300).join(), t.filter((x) => x > 1).constructor.name, t.slice(1).constructor.name, t.toSorted().constructor.name);
try { t.subarray(1); } catch (e) { console.log("subarray species:", e.constructor.name); }
class Sub extends Float32Array {}
const s = Sub.from([1.1, 2.2], (x) => x * 2);
console.log(s instanceof Sub, s.length, s.join(" "), Sub.of(1, 2).constructor === Sub, Object.getPrototypeOf(Sub) === Float32Array);
const TA = Object.getPrototypeOf(Int8Array);
console.log(TA.name, TA.length, Object.getPrototypeOf(Int8Array.prototype) === TA.prototype, TA.prototype[Symbol.toStringTag], Int8Array.prototype[Symbol.toStringTag]);
try { new TA(); } catch (e) { console.log(e.constructor.name, e.message); }
try { TA.prototype.fill.call([1], 0); } catch (e) { console.log(e.constructor.name); }
try { Int8Array(2); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(new Int16Array(new Set([1, 2])).join(), new Int16Array({ length: 2, 0: 7, 1: "8" }).join(), new Int16Array(new Float64Array([1.9, -1.9])).join());
// console.log
console.log(new Uint8Array(3), new Float64Array([1.5, -0, NaN]), new Int8Array(0), [new Uint16Array(2)], { buf: new ArrayBuffer(3) });
console.log(new DataView(new ArrayBuffer(2), 1), new SharedArrayBuffer(1), new Uint8Array(150));
const tagged = new Uint8Array(2); tagged.extra = "x";
console.log(tagged, Object.keys(tagged));
