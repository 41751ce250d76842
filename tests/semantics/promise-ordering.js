// Promise job ordering as V8 runs it: interleaved then chains, resolving with
// a thenable or a native promise (two extra ticks), Promise.resolve identity,
// finally passing values and reasons through, reactions added to settled
// promises, executor exceptions, already-resolved resolving functions.
const log = [];
const p1 = Promise.resolve();
p1.then(() => log.push('a1')).then(() => log.push('a2')).then(() => log.push('a3')).then(() => log.push('a4'));
p1.then(() => log.push('b1')).then(() => log.push('b2')).then(() => log.push('b3'));
// Resolving with a native promise costs two ticks.
new Promise((r) => r(Promise.resolve('native'))).then((v) => log.push('resolved with ' + v));
// A thenable object: one tick to call then, one to settle.
new Promise((r) => r({ then(ok) { log.push('then called'); ok('thenable'); } })).then((v) => log.push('got ' + v));
// Returning a promise from a handler: also two extra ticks.
Promise.resolve().then(() => Promise.resolve('inner')).then((v) => log.push('handler returned ' + v));
const same = Promise.resolve(1);
console.log('identity', Promise.resolve(same) === same, Promise.resolve(1) === Promise.resolve(1));
class Sub extends Promise {}
const s = Sub.resolve(2);
console.log('subclass', s instanceof Sub, Promise.resolve(s) === s, Sub.resolve(s) === s, s.then(() => {}) instanceof Sub);
Promise.resolve('kept').finally(() => 'ignored').then((v) => log.push('finally passed ' + v));
Promise.reject(new Error('reason')).finally(() => {}).catch((e) => log.push('finally passed error ' + e.message));
Promise.resolve(1).finally(() => { throw new Error('from finally'); }).catch((e) => log.push('finally threw ' + e.message));
const settled = Promise.resolve('late');
const exec = new Promise(() => { throw new TypeError('in executor'); });
exec.catch((e) => log.push('executor threw ' + e.name));
new Promise((res, rej) => { res('first'); res('second'); rej(new Error('ignored')); }).then((v) => log.push('only ' + v));
const self = new Promise((r) => setTimeout(() => r(), 0));
const cyc = self.then(() => cyc);
cyc.catch((e) => console.log('cycle', e.constructor.name, e.message));
// A then on an already settled promise still waits a tick.
settled.then((v) => log.push('settled ' + v));
log.push('sync end');
Promise.resolve().then(() => {}).then(() => {}).then(() => {}).then(() => {}).then(() => {}).then(() => {}).then(() => console.log(log.join('\n')));
const t = Promise.resolve();
console.log(typeof t.then, Object.prototype.toString.call(t), String(Promise.prototype[Symbol.toStringTag]));
console.log(Promise[Symbol.species] === Promise, Object.getOwnPropertyNames(Promise.prototype).join());
console.log(Promise.resolve(42), Promise.reject(7).catch(() => {}) && 'x', new Promise(() => {}));
const rejected = Promise.reject(3);
rejected.catch(() => {});
console.log(rejected);
