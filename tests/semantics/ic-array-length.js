// Arrays' length vs a plain object's length at the same site.
function len(o) { return o.length; }
function setLen(o, v) { o.length = v; return o; }
const things = [[1, 2, 3], { length: 'obj' }, [], Object.create([1, 2]), { length: 5, x: 1 }, new Array(7), 'abc', new String('wrapped'),
  (function () { return arguments; })(1, 2), function (a, b, c) {}, Object.create({ length: 'inherited' })];
for (let r = 0; r < 3; r++) console.log(things.map(len).join(','));
const arr = [1, 2, 3, 4, 5];
const obj = { length: 0 };
for (let i = 0; i < 4; i++) { setLen(obj, i); }
setLen(arr, 2);
console.log(JSON.stringify(arr), len(arr), len(obj));
setLen(arr, 6);
console.log(JSON.stringify(arr), len(arr));
arr.push(9);
console.log(len(arr), arr[6]);
const frozenLen = [1, 2];
Object.defineProperty(frozenLen, 'length', { writable: false });
setLen(frozenLen, 0);
frozenLen.push;
console.log(len(frozenLen), JSON.stringify(frozenLen));
try { frozenLen.push(3); } catch (e) { console.log('push', e.constructor.name); }
// Named (non-length) properties on arrays share sites with objects.
function getFoo(o) { return o.foo; }
const a1 = [1]; a1.foo = 'arr';
const o1 = { foo: 'obj' };
console.log(getFoo(a1), getFoo(o1), getFoo(a1), getFoo([]));
// Array length through an array as a prototype.
const child = Object.create([1, 2, 3]);
console.log(len(child), len(child));
child.length = 10;
console.log(len(child), Object.getPrototypeOf(child).length);
try { setLen([], -1); } catch (e) { console.log(e.constructor.name); }
