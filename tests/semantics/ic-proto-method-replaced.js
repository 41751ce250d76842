// A prototype method replaced after the site has cached it.
function Point(x) { this.x = x; }
Point.prototype.show = function () { return 'old' + this.x; };
function show(p) { return p.show(); }
const pts = [];
for (let i = 0; i < 5; i++) pts.push(new Point(i));
let out = [];
for (const p of pts) out.push(show(p));
console.log(out.join(' '));
Point.prototype.show = function () { return 'new' + this.x; };
out = [];
for (const p of pts) out.push(show(p));
console.log(out.join(' '));
// Replace through defineProperty (same attributes), then with a getter.
Object.defineProperty(Point.prototype, 'show', { value: function () { return 'dp' + this.x; } });
console.log(show(pts[1]));
Object.defineProperty(Point.prototype, 'show', { get() { return () => 'getter' + this.x; } });
console.log(show(pts[2]));
// Object.prototype method replaced.
function ts(o) { return o.toString(); }
console.log(ts({}), ts({}), ts([1, 2]));
const saved = Object.prototype.toString;
Object.prototype.toString = function () { return 'patched'; };
console.log(ts({}), ts([1, 2]), ts(Object.create(null, { toString: { value: () => 'own' } })));
Object.prototype.toString = saved;
console.log(ts({}));
// Delete the method from the prototype: falls back to Object.prototype's.
Point.prototype.toString = function () { return 'PT'; };
console.log(ts(pts[0]), ts(pts[0]));
delete Point.prototype.toString;
console.log(ts(pts[0]));
