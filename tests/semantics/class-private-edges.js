// Private names, fields and static blocks at their edges; expected output is node's.
const log = (...a) => console.log(a.join(" "));
const attempt = (label, f) => {
  try { log(label, "ok", String(f())); } catch (e) { log(label, e.constructor.name, e.message); }
};

// Fields are own, defined with [[Define]] in order, after super() returns.
class Base {
  constructor() { log("base sees", JSON.stringify(Object.keys(this))); }
}
class Derived extends Base {
  a = log("init a") || 1;
  ["b" + 1] = this.a + 1;
  #c = this.b1 + 1;
  static s = log("static s") || "S";
  constructor() { log("before super"); super(); log("after super", this.a, this.b1, this.#c); }
  getC() { return this.#c; }
}
new Derived();

// Private names are per class evaluation: two evaluations are different classes.
function make() { return class { #x = 1; static read(o) { return o.#x; } }; }
const A1 = make(), A2 = make();
attempt("same evaluation", () => A1.read(new A1()));
attempt("other evaluation", () => A1.read(new A2()));

// Brand checks and private accessors, static private methods.
class Account {
  #balance = 0;
  static #count = 0;
  #audit(v) { return v >= 0; }
  get #cents() { return this.#balance * 100; }
  set #cents(v) { this.#balance = v / 100; }
  static #bump() { return ++Account.#count; }
  constructor(v) { if (this.#audit(v)) this.#cents = v * 100; Account.#bump(); }
  static probe(o) { return [#balance in o, #audit in o, #cents in o].join(","); }
  static count() { return Account.#count; }
  static callBump(o) { return o.#bump(); }
  static writeMethod(o) { o.#audit = 1; }
  get cents() { return this.#cents; }
}
const acc = new Account(5);
log("cents", acc.cents, "count", Account.count(), "probe", Account.probe(acc), Account.probe({}));
attempt("static private on subclass", () => Account.callBump(class extends Account {}));
attempt("write a private method", () => Account.writeMethod(acc));
attempt("in on a primitive", () => Account.probe(1));
attempt("private keys hidden", () => Object.getOwnPropertySymbols(acc).length + Reflect.ownKeys(acc).length);

// A proxy carries its own private fields; a frozen object still gets them.
class Stamper { constructor(o) { return o; } }
class Stamp extends Stamper { #id = 7; static id(o) { return o.#id; } }
const target = {}, proxy = new Proxy(target, { get() { throw new Error("trap"); } });
new Stamp(proxy);
attempt("proxy's own field", () => Stamp.id(proxy));
attempt("not on its target", () => Stamp.id(target));
const frozen = Object.freeze({});
new Stamp(frozen);
attempt("frozen object stamped", () => Stamp.id(frozen));
attempt("stamped twice", () => new Stamp(frozen));

// Static blocks: own var scope, `this` is the class, run in order with static fields.
var outer = "outer";
class Registry {
  static first = "1";
  static { var outer = "block"; this.seen = [Registry.first, outer, typeof this].join("/"); }
  static second = this.seen + "+2";
  static { this.third = (() => this.second + "+3")(); }
}
log("static blocks", Registry.seen, Registry.second, Registry.third, outer);

// Names of anonymous functions in fields; new.target in field initializers; arrows capture `this`.
class Named {
  f = function () {};
  g = () => this;
  #h = class {};
  ["k" + "ey"] = () => 0;
  static [Symbol.iterator] = function* () {};
  nt = new.target;
  h() { return this.#h.name; }
}
const n = new Named();
log("names", n.f.name, n.g.name, n.h(), n.key.name, Named[Symbol.iterator].name, n.g() === n, String(n.nt));

// super() inside an arrow in a derived constructor, and new.target in arrows.
class Arrowed extends Base {
  x = 1;
  constructor() { const go = () => super(); go(); log("arrow super", this.x, (() => new.target === Arrowed)()); }
}
new Arrowed();
