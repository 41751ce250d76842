// Atomics on the integer typed arrays: read-modify-write results and wrap-around per
// kind, BigInt kinds, compareExchange on converted bytes, store's return value, the
// validation order (array type, index, value conversions, revalidation after a
// conversion detaches or shrinks the buffer), wait/notify/waitAsync outcomes.
function t(label, f) {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.constructor.name + ': ' + e.message);
  }
}
const log = [];
const spy = (name, v) => ({ valueOf() { log.push(name); return v; } });

// read-modify-write on every integer kind, with wrap-around
for (const C of [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array]) {
  const ta = new C(new SharedArrayBuffer(C.BYTES_PER_ELEMENT * 4));
  const r = [Atomics.add(ta, 0, 200), Atomics.add(ta, 0, 100), Atomics.sub(ta, 1, 1), Atomics.and(ta, 0, 0xf0f0),
             Atomics.or(ta, 2, -3), Atomics.xor(ta, 2, 5), Atomics.exchange(ta, 3, 2 ** 33 + 7),
             Atomics.compareExchange(ta, 3, 7, 9), Atomics.compareExchange(ta, 3, 1, 5)];
  console.log(C.name, r.join(), Array.from(ta).join());
}
for (const C of [BigInt64Array, BigUint64Array]) {
  const ta = new C(new ArrayBuffer(32));
  console.log(C.name, Atomics.add(ta, 0, 2n ** 64n - 1n), Atomics.sub(ta, 1, 1n), Atomics.xor(ta, 1, 3n),
              Atomics.compareExchange(ta, 2, 0n, -5n), Atomics.exchange(ta, 3, 2n ** 70n + 1n), Atomics.load(ta, 0),
              Array.from(ta).join());
}
// compareExchange compares the converted bytes; store returns the converted value
{
  const ta = new Uint8Array(4);
  console.log(Atomics.compareExchange(ta, 0, 256, 5), ta[0], Atomics.store(ta, 1, -0), Object.is(Atomics.store(ta, 1, -0), 0),
              Atomics.store(ta, 2, 3.9), Atomics.store(ta, 3, '300'), Array.from(ta).join(), Atomics.store(ta, 0, Infinity));
  const big = new BigInt64Array(1);
  console.log(Atomics.store(big, 0, 2n ** 64n + 3n), Atomics.load(big, 0), Atomics.store(big, 0, '-7'), Atomics.load(big, 0));
}
// array types and indices
t('array', () => Atomics.add([1], 0, 1));
t('object', () => Atomics.load({}, 0));
t('number', () => Atomics.load(1, 0));
t('float', () => Atomics.add(new Float64Array(2), 0, 1));
t('clamped', () => Atomics.add(new Uint8ClampedArray(2), 0, 1));
t('index -1', () => Atomics.load(new Int32Array(4), -1));
t('index 4', () => Atomics.load(new Int32Array(4), 4));
t('index 1.9', () => Atomics.load(new Int32Array([5, 6]), 1.9));
t('index "1"', () => Atomics.load(new Int32Array([5, 6]), '1'));
t('mixed', () => Atomics.add(new Int32Array(4), 0, 1n));
t('mixed big', () => Atomics.add(new BigInt64Array(4), 0, 1));
t('symbol', () => Atomics.store(new Int32Array(4), 0, Symbol()));
// order: array type before index before value
log.length = 0;
t('order', () => Atomics.compareExchange(new Int32Array(2), spy('index', 5), spy('expected', 0), spy('replacement', 0)));
console.log(log.join());
log.length = 0;
t('order', () => Atomics.compareExchange(new Int32Array(2), spy('index', 1), spy('expected', 0), spy('replacement', 3)));
console.log(log.join());
log.length = 0;
t('type first', () => Atomics.add(new Float32Array(2), spy('index', 0), spy('value', 0)));
console.log(log.join() || 'nothing converted');
// a conversion that shrinks the buffer
{
  const rab = new ArrayBuffer(16, { maxByteLength: 32 });
  const ta = new Int32Array(rab);
  t('shrunk', () => Atomics.add(ta, 3, { valueOf() { rab.resize(8); return 1; } }));
  t('still there', () => Atomics.add(ta, 1, { valueOf() { rab.resize(8); return 1; } }));
  t('tracking', () => Atomics.load(ta, 2));
}
// isLockFree
console.log([0, 1, 2, 3, 4, 5, 8, 16, '4', 4.5].map((n) => Atomics.isLockFree(n)).join());
// wait, notify and waitAsync on one thread
{
  const sab = new SharedArrayBuffer(16);
  const i32 = new Int32Array(sab);
  t('wait non-shared', () => Atomics.wait(new Int32Array(4), 0, 0, 0));
  t('wait int16', () => Atomics.wait(new Int16Array(sab), 0, 0, 0));
  t('wait not-equal', () => Atomics.wait(i32, 0, 1));
  t('wait timed-out', () => Atomics.wait(i32, 0, 0, 0));
  t('wait 5ms', () => Atomics.wait(i32, 1, 0, 5));
  t('wait bigint', () => Atomics.wait(new BigInt64Array(sab), 1, 0n, 1));
  t('wait bigint mixed', () => Atomics.wait(new BigInt64Array(sab), 1, 0, 1));
  t('notify none', () => Atomics.notify(i32, 0));
  t('notify non-shared', () => Atomics.notify(new Int32Array(4), 0, 1));
  t('notify uint32', () => Atomics.notify(new Uint32Array(sab), 0, 1));
  t('notify index', () => Atomics.notify(i32, 4));
  const r1 = Atomics.waitAsync(i32, 0, 1);
  const r2 = Atomics.waitAsync(i32, 0, 0, 0);
  console.log(r1, r2);
  const a = Atomics.waitAsync(i32, 0, 0);
  const b = Atomics.waitAsync(i32, 0, 0, 1e6);
  const c = Atomics.waitAsync(i32, 2, 0, 10);
  const d = Atomics.waitAsync(new BigInt64Array(sab), 1, 0n);
  console.log(a.async, b.async, c.async, typeof a.value.then, Object.keys(a).join());
  a.value.then((v) => console.log('a', v));
  b.value.then((v) => console.log('b', v));
  c.value.then((v) => console.log('c', v));
  d.value.then((v) => console.log('d', v));
  console.log('notify one', Atomics.notify(i32, 0, 1));
  console.log('notify negative', Atomics.notify(i32, 0, -3));
  console.log('notify rest', Atomics.notify(i32, 0));
  console.log('notify bigint', Atomics.notify(new BigInt64Array(sab), 1));
  console.log('notify again', Atomics.notify(i32, 0));
  setTimeout(() => console.log('after c'), 50);
}
console.log(String(Atomics), Object.getOwnPropertyNames(Atomics).join(), Atomics.wait.length, Atomics.compareExchange.length);
