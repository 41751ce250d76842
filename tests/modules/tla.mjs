// Top-level await: a module waits for its async dependencies, siblings
// that do not depend on them run first, and import() sees evaluation errors.
import { derived } from './lib/uses-slow.mjs';
import { value as fast } from './lib/fast.mjs';
console.log('main:', derived, fast);
const first = await import('./lib/throws.mjs').catch((e) => e.constructor.name + ': ' + e.message);
const second = await import('./lib/throws.mjs').catch((e) => e.constructor.name + ': ' + e.message);
console.log(first, '|', second);
const ns = await import('./lib/counter.mjs');
console.log(ns.count, typeof ns.increment, ns === await import('./lib/counter.mjs'));
for await (const x of [Promise.resolve(1), 2]) console.log('for await', x);
console.log('main: done');
