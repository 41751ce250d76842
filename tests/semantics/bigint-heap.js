// BigInts as heap cells: many short-lived results (factorials, Fibonacci,
// modular powers), long-lived ones kept in arrays, closures, Maps and object
// properties across collections, and constants of the pool reused by every
// call. Run under --gc-stress (ctest semantics-gc-stress) it collects at every
// allocation, so a BigInt read after an allocation without a root shows.
function factorial(n) {
  let f = 1n;
  for (let i = 2n; i <= n; i++) f *= i;
  return f;
}
const f300 = factorial(300n);
console.log(String(f300).length, f300 % 1000000007n, (f300 >> 1000n).toString(36).slice(0, 20));

const fib = [0n, 1n];
for (let i = 2; i < 400; i++) fib.push(fib[i - 1] + fib[i - 2]);
console.log(fib[399] % 999999937n, fib.filter((x) => x % 2n === 0n).length, fib.reduce((a, b) => a ^ b) & 0xffffn);

function modpow(b, e, m) {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
const p = 2n ** 127n - 1n;
console.log(modpow(3n, p - 1n, p), modpow(12345678901234567890n, 65537n, 2n ** 521n - 1n) % 10n ** 12n);

// Closures and Map keys keep BigInts alive; equal values made separately find each other.
const counters = [];
for (let i = 0n; i < 50n; i++) {
  let v = i ** 20n;
  counters.push(() => (v += 1n));
}
const seen = new Map();
for (let round = 0; round < 3; round++) {
  for (const c of counters) seen.set(c(), round);
}
console.log(seen.size, seen.get(49n ** 20n + 3n), seen.has(48n ** 20n + 2n), counters[49]());

// Wrappers and property values.
const holder = { list: [], wrap: Object(2n ** 200n) };
for (let i = 0; i < 200; i++) holder.list.push(BigInt(i) * 10n ** 30n + BigInt.asUintN(64, -BigInt(i)));
console.log(holder.list[199], holder.wrap + 1n > 2n ** 200n, holder.list.map(String).join("").length);
console.log(BigInt.asIntN(64, holder.list.reduce((a, b) => a + b)), BigInt("0x" + "f".repeat(100)) === 16n ** 100n - 1n);
