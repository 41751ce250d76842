// BigInt operators, conversions and built-ins at their edges: every result or
// error (class and message) as node prints it. Mixing with Number, unary +,
// >>>, division by zero, negative exponents, sizes past V8's limit, string
// and number comparisons, SameValue in Map/Set/includes, wrappers, JSON,
// asIntN/asUintN at 0, 1, 64 and huge widths, StringToBigInt's grammar.
const tries = [
 () => 1n + 1, () => +1n, () => Math.abs(1n), () => 1n >>> 1n, () => BigInt(1.5), () => BigInt("x"), () => BigInt(undefined),
 () => BigInt(Symbol("s")), () => new BigInt(1), () => JSON.stringify(1n), () => 1n / 0n, () => 1n % 0n, () => 2n ** -1n,
 () => BigInt.prototype.toString.call(1), () => (1n).toString(37), () => 1n << (1n << 40n), () => BigInt(null), () => BigInt({}),
 () => BigInt(NaN), () => BigInt(Infinity), () => BigInt.asIntN(-1, 1n), () => BigInt.asUintN(2**53, -1n), () => 1n < Symbol(),
 () => Number(1n) + 1n, () => 1n * "2", () => [1n].join() + 1n, () => BigInt.prototype.valueOf.call("x"), ()=> BigInt(" 0x10 "),
 () => BigInt("1n"), () => BigInt("-0x1"), () => BigInt(""), () => BigInt(true),
 () => 2n ** (2n**40n), () => Symbol() + 1n, () => `${1n}`, () => 1n + "a", () => Object(1n) + 1n, () => isNaN(1n), () => parseInt(10n),
 () => BigInt(9007199254740993), () => BigInt(1e21), () => BigInt.asUintN(64, -1n), () => BigInt.asIntN(64, 2n**63n),
 () => BigInt.asIntN(2**53 - 1, -5n), () => BigInt.asUintN(2**53 - 1, 5n), () => 1n == 1, () => 1n == "1", () => 2n > 1.5, () => 1n < "x",
 () => typeof Object(1n), () => Object.prototype.toString.call(1n), () => [1n, -0n, 0x10n], () => new Map([[1n, 2]]).get(1n),
 () => String(-12345678901234567890n), () => (255n).toString(16), () => (-255n).toString(2), () => 5n / -2n, () => -5n % 2n,
 () => -5n >> 1n, () => -1n << -1n, () => ~5n, () => -(0n), () => 1n & -1n, () => 0n ? 1 : 2, () => Number(2n**64n), () => Number(2n**1024n),
 () => parseFloat(1n), () => (1n).toLocaleString(), () => BigInt.prototype[Symbol.toStringTag], () => BigInt.length, () => BigInt.name,
 () => Number(2n**53n + 1n), () => Number(-(2n**53n + 3n)), () => Number(2n**1024n - 2n**970n), () => Number(2n**1024n - 2n**970n - 1n),
 () => 1n < 1.5, () => -1n > -1.5, () => 1n == 1.5, () => 2n**64n == 2**64, () => 1n < Infinity, () => 1n > -Infinity, () => 1n < NaN,
 () => Object.is(0n, -0n), () => [0n].includes(-0n), () => [1n].indexOf(1n), () => 0n == "", () => 1n == true, () => "0x10" == 16n,
 () => 1n + undefined, () => null + 1n, () => 1n | 0, () => ~"1", () => -"2", () => { let x = "5"; x++; return x; },
 () => { let o = { valueOf() { return 5n; } }; return o * 2n; }, () => { let o = { valueOf() { return 5n; } }; o++; return o; },
 () => Math.max(1n), () => Math.sign(-3n), () => new Number(5n), () => Number("5n"), () => (5n).toString(36),
 () => BigInt.asIntN(3, 4n), () => BigInt.asIntN(3, -4n), () => BigInt.asIntN(3, -5n), () => BigInt.asUintN(0, 5n), () => BigInt.asIntN(0, -5n),
 () => BigInt.asIntN(1, -1n), () => BigInt.asUintN(3, -1n), () => BigInt.asIntN(200, -(2n**199n)), () => BigInt.asIntN(200, 2n**199n),
 () => BigInt("  -123  "), () => BigInt("+5"), () => BigInt("1e3"), () => BigInt("1.0"), () => BigInt("0b102"), () => BigInt("\n0o17\t"),
 () => (-0x8000000000000000n).toString(16), () => 10n ** 30n / 7n, () => (-(10n ** 30n)) % 7n, () => -(2n**64n) >> 63n, () => 1n << 64n,
 () => 123n * -0n, () => `${[1n, 2n]}`, () => String(Object(7n)), () => Object(7n) == 7n, () => Object(7n) === 7n, () => typeof 7n,
 () => ({}).toString.call(Object(1n)), () => Object.getOwnPropertyNames(BigInt.prototype).sort(), () => Object.getOwnPropertyNames(BigInt).sort(),
 () => { const a = {}; a[5n] = 1; return Object.keys(a); }, () => ({ [10n]: 1 }), () => 5n in { 5: 1 },
];
for (const t of tries) { try { const r = t(); console.log(t.toString().slice(6), '=>', r); } catch (e) { console.log(t.toString().slice(6), '!!', e.constructor.name + ': ' + e.message); } }

// ++/--/unary minus/~ through every form the generator emits.
let c = 9007199254740993n;
const o = { p: 1n }, arr = [2n];
c++; ++c; c--; o.p++; --o.p; o.p += 2n; arr[0] **= 70n; arr[0] >>= 60n;
console.log(c, o, arr, -c, ~c, -(-c), c-- , c);
for (let i = 0n; i < 3n; i++) console.log(i, typeof i, i * i, i ? "truthy" : "falsy");
// Comparisons that must be exact beyond 2^53.
const big = 2n ** 53n + 1n;
console.log(big > 2 ** 53, big == 2 ** 53, big < 2 ** 53 + 2, 2 ** 53 < big, [3n, 1, 2.5, -1n, 2n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
// Wrappers: ToPrimitive, valueOf, toString and a user @@toPrimitive.
const w = Object(10n);
console.log(w + 1n, w * 2n, `${w}`, w.valueOf() === 10n, w == 10n, typeof w.valueOf());
const tp = { [Symbol.toPrimitive](hint) { return hint === "string" ? "s" : 4n; } };
console.log(tp * 2n, `${tp}`, tp + 1n, tp == 4n);
// Keys: property keys, Map, Set, Array.prototype methods.
const m = new Map([[1n, "one"], [-0n, "zero"], [2n ** 64n, "big"]]);
console.log(m.get(1n), m.get(0n), m.get(2n ** 64n), m.has(1), new Set([1n, 1n, 1, 2n ** 64n, 2n ** 64n]).size);
console.log([1n, 2n, 3n].indexOf(2n), [1n, 2n].includes(2n), [NaN, 0n].includes(-0n), Object.is(5n, 5n), Object.is(5n, 5));
// JSON: TypeError without toJSON, and the replacer sees the BigInt.
try { JSON.stringify([1n]); } catch (e) { console.log(e.name, e.message); }
console.log(JSON.stringify({ a: 1n, b: [2n] }, (k, v) => (typeof v === "bigint" ? `${v}n` : v)));
// Printing.
console.log([0n, -1n, 2n ** 64n], { k: -5n }, new Map([[1n, 2n]]), Object(-3n));
console.log("%d %i %s", 12n, -3n, 4n);
