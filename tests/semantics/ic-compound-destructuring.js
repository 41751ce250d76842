// Compound and logical assignments, ++/--, destructuring and optional chaining at warm sites.
function P() { this.n = 0; }
function bump(o) { o.n += 1; o.c ??= 'init'; o.d ||= 'd'; o.e &&= 'e2'; return o.n++; }
const ps = [new P(), new P()];
for (let i = 0; i < 4; i++) bump(ps[i % 2]);
console.log(JSON.stringify(ps));
const log = [];
Object.defineProperty(P.prototype, 'c', { get() { return undefined; }, set(v) { log.push('c=' + v); } });
const fresh = new P();
bump(fresh);
console.log(JSON.stringify(fresh), log.join());
Object.defineProperty(ps[0], 'n', { writable: false });
console.log(bump(ps[0]), ps[0].n);
function bumpStrict(o) { 'use strict'; return ++o.n; }
try { bumpStrict(ps[0]); } catch (e) { console.log('strict ++', e.constructor.name); }
console.log(bumpStrict(ps[1]));
// Destructuring.
function pick({ a, b = 'dflt', ...rest }) { return [a, b, JSON.stringify(rest)].join(' '); }
const srcs = [{ a: 1, b: 2, c: 3 }, { a: 4 }, Object.create({ a: 'inherited', b: 'ib' }), { b: undefined, a: 5, z: 0 }];
for (let i = 0; i < 2; i++) console.log(srcs.map(pick).join(' ; '));
Object.prototype.b = 'from Object.prototype';
console.log(srcs.map(pick).join(' ; '));
delete Object.prototype.b;
const [x0, , x2 = 'd2'] = 'ab';
console.log(x0, x2);
// Optional chaining.
function opt(o) { return o?.a?.b ?? 'none'; }
const os = [null, { a: null }, { a: { b: 1 } }, { a: { b: 0 } }, undefined, { a: 'str' }];
for (let i = 0; i < 2; i++) console.log(os.map(opt).join());
function optCall(o) { return o.m?.() ?? 'no method'; }
console.log(optCall({}), optCall({ m() { return 'm'; } }), optCall({}));
// delete in strict mode
function del(o) { 'use strict'; return delete o.k; }
const dk = { k: 1 };
console.log(del(dk), del(dk));
try { del(Object.freeze({ k: 2 })); } catch (e) { console.log('frozen delete', e.constructor.name); }
