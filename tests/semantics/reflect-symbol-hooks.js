// Reflect.construct with a new.target (classes, derived classes, functions, native
// constructors), Reflect errors, and the well-known symbols where the spec consults
// them: toPrimitive, isConcatSpreadable, species, match, hasInstance, toStringTag,
// asyncIterator.
class A { constructor() { this.nt = new.target && new.target.name; } }
class B extends A { constructor() { super(); this.b = 1; } }
function F() { this.f = new.target === F; }
function G() {}
G.prototype.g = "gproto";
const a = Reflect.construct(A, [], G);
console.log(Object.getPrototypeOf(a) === G.prototype, a.nt, a.g);
const b = Reflect.construct(B, [], G);
console.log(Object.getPrototypeOf(b) === G.prototype, b.nt, b.b);
const f = Reflect.construct(F, [], G);
console.log(f.f, f.g);
for (const C of [Array, Map, Set, Error, TypeError, Promise, Date, Object, Function, Boolean, Number, String, WeakMap]) {
  try {
    const o = C === Promise ? Reflect.construct(C, [() => {}], G) : Reflect.construct(C, [], G);
    console.log(C.name, Object.getPrototypeOf(o) === G.prototype);
  } catch (e) { console.log(C.name, "threw", e.constructor.name, e.message); }
}
try { Reflect.construct(() => {}, []); } catch (e) { console.log(e.constructor.name, e.message); }
try { Reflect.construct(A, [], Math.max); } catch (e) { console.log(e.constructor.name, e.message); }
try { Reflect.apply(1); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(Reflect.ownKeys({ b: 1, a: 2, 1: 0, [Symbol.iterator]: 0 }).map(String).join());
console.log(String(Reflect), Object.prototype.toString.call(Reflect));
const tp = { [Symbol.toPrimitive]: 1 };
try { +tp; } catch (e) { console.log(e.constructor.name, e.message); }
const tp2 = { [Symbol.toPrimitive]() { return {}; } };
try { `${tp2}`; } catch (e) { console.log(e.constructor.name, e.message); }
const tp3 = { [Symbol.toPrimitive]: undefined, valueOf() { return 7; } };
console.log(tp3 * 2);
const spreadable = { length: 2, 0: "x", 1: "y", [Symbol.isConcatSpreadable]: true };
const notSpread = [1, 2]; notSpread[Symbol.isConcatSpreadable] = false;
console.log(JSON.stringify([0].concat(spreadable, notSpread)));
class MyArr extends Array {}
const m = MyArr.from([1, 2, 3]).map((x) => x);
console.log(m instanceof MyArr, m.filter(Boolean) instanceof MyArr, m.slice(1).constructor.name);
class NoSpecies extends Array { static get [Symbol.species]() { return Array; } }
console.log(new NoSpecies(1, 2).map((x) => x).constructor.name);
class MyP extends Promise {}
console.log(MyP.resolve(1).then(() => {}) instanceof MyP);
const re = { [Symbol.match]: true };
try { "abc".startsWith(re); } catch (e) { console.log(e.constructor.name, e.message); }
const notRe = { [Symbol.match]: false, toString() { return "a"; } };
console.log("abc".startsWith(notRe), "abc".includes(notRe), "abc".endsWith({ toString() { return "c"; }, [Symbol.match]: 0 }));
console.log(Object.prototype.toString.call(new Proxy([], {})), Object.prototype.toString.call(new Proxy(function () {}, {})));
const boundHI = { [Symbol.hasInstance]: Function.prototype[Symbol.hasInstance].bind(A) };
console.log(new A() instanceof boundHI);
try { ({}) instanceof { [Symbol.hasInstance]: 1 }; } catch (e) { console.log(e.constructor.name, e.message); }
console.log(Symbol.prototype[Symbol.toStringTag], Symbol.iterator.description, Symbol.for("q") === Symbol.for("q"), Symbol.keyFor(Symbol.iterator));
async function ai() { const it = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => ({ done: i > 2, value: i++ }) }; } }; const out = []; for await (const v of it) out.push(v); console.log(out.join()); }
ai();
