// Promise.all, allSettled, any and race: order of results, first rejection,
// empty inputs, non-promise values, iterables, AggregateError, and errors of
// the iteration itself turning into rejections.
const delay = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(v) : res(v)), ms));
Promise.all([delay(20, 'slow'), delay(5, 'fast'), 42, Promise.resolve('ready')]).then((v) => console.log('all:', v.join()));
Promise.all([delay(10, 'x'), delay(1, new Error('boom'), true)]).catch((e) => console.log('all rejects:', e.message));
Promise.all([]).then((v) => console.log('all empty:', Array.isArray(v), v.length));
Promise.all(new Set([1, 2, 3])).then((v) => console.log('all of a Set:', v));
Promise.all('ab').then((v) => console.log('all of a string:', v));
Promise.all(5).catch((e) => console.log('all of 5:', e.constructor.name, e.message));
Promise.allSettled([delay(3, 'ok'), delay(1, 'bad', true), 7]).then((r) => console.log('allSettled:', JSON.stringify(r)));
Promise.any([delay(5, 'e1', true), delay(8, 'winner'), delay(2, 'e2', true)]).then((v) => console.log('any:', v));
Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => {
  console.log('any none:', e instanceof AggregateError, e.name, e.message, e.errors);
});
Promise.any([]).catch((e) => console.log('any empty:', e.errors.length));
Promise.race([delay(10, 'tortoise'), delay(3, 'hare')]).then((v) => console.log('race:', v));
Promise.race([]).then(() => console.log('never'));
Promise.race([delay(5, 'late'), delay(1, 'early fail', true)]).catch((e) => console.log('race rejects:', e));
const iter = { [Symbol.iterator]() { throw new RangeError('no iterator'); } };
Promise.all(iter).catch((e) => console.log('iterator error:', e.name));
let closed = 0;
const bad = {
  [Symbol.iterator]() {
    return { next() { return { value: 1, done: false }; }, return() { closed++; return {}; } };
  },
};
const savedResolve = Promise.resolve;
Promise.resolve = () => { throw new Error('resolve throws'); };
Promise.race(bad).catch((e) => console.log('closed iterator:', closed, e.message));
Promise.resolve = savedResolve;
// Order: microtasks of the combinators against plain chains.
const order = [];
Promise.all([1, 2]).then(() => order.push('all'));
Promise.race([1, 2]).then(() => order.push('race'));
Promise.resolve().then(() => order.push('t1')).then(() => order.push('t2')).then(() => order.push('t3'))
  .then(() => console.log('order:', order.join()));
