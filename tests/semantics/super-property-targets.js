// super.x and super[k] as the target of compound, logical and update
// assignments, destructuring, for-in/of, and delete (node is the reference;
// V8 converts a super[k] key at the read and again at the write).
class B { get x() { return this._x ?? 10; } set x(v) { this._x = v; } }
B.prototype.y = 5;
class A extends B {
  m() {
    super.x += 1; console.log(this._x, super.x);
    super['x'] *= 3; console.log(this._x);
    super.x++; console.log(this._x);
    let r = ++super[('x')]; console.log(r, this._x);
    let p = super.x--; console.log(p, this._x);
    super.z ??= 7; console.log(this.z, super.z);
    super.y ||= 8; console.log(this.y, Object.hasOwn(this, 'y'));
    [super.a, super['b']] = [1, 2]; console.log(this.a, this.b);
    ({ q: super.c, ...super.d } = { q: 3, r: 4 }); console.log(this.c, this.d);
    for (super.e of [1, 2]); console.log(this.e);
    for (super['f'] in { k: 1 }); console.log(this.f);
    let k = 0; super[k++] = 'zero'; console.log(this[0], k);
    super[k++] += '!'; console.log(this[1], k);
    try { delete super.x; } catch (e) { console.log(e.constructor.name, e.message); }
  }
  static s() { super.w = 1; super.w += 2; return this.w; }
}
new A().m();
console.log(A.s());
const o = { __proto__: { v: 1 }, f() { super.v += 10; return [this.v, super.v]; } };
console.log(o.f());
{
class B {}
class A extends B {
  constructor(f) { try { super[f()] += 1; } catch (e) { console.log(e.constructor.name, e.message); } super(); }
}
new A(() => { console.log('key evaluated'); return 'x'; });
const n = { __proto__: null, m() { try { super.x += 1; } catch (e) { console.log(e.constructor.name, e.message); } } };
n.m();
const n2 = { __proto__: null, m() { try { super.x = 1; } catch (e) { console.log(e.constructor.name, e.message); } } };
n2.m();
const k = { toString() { console.log('toString'); return 'p'; } };
const o = { __proto__: { p: 1 }, m() { super[k] += 1; super[k]++; return this.p; } };
console.log(o.m());
const fr = Object.freeze({ __proto__: { q: 1 }, m() { 'use strict'; try { super.q = 2; } catch (e) { console.log(e.constructor.name, e.message); } } });
fr.m();
const g = { __proto__: { get r() { return 1; } }, m() { 'use strict'; try { super.r += 2; } catch (e) { console.log(e.constructor.name, e.message); } } };
g.m();
}
