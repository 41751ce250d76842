// Generators: the next/return/throw protocol in every state, finally blocks
// that yield, yield* forwarding, errors, and the object layout.
const log = [];
function* g1() {
  try {
    log.push("start");
    const a = yield 1;
    log.push("a=" + a);
    try {
      yield 2;
    } finally {
      log.push("inner finally");
      yield "from finally";
      log.push("after finally yield");
    }
  } catch (e) {
    log.push("caught " + e);
    yield "after catch";
  } finally {
    log.push("outer finally");
  }
  return "end";
}
let it = g1();
console.log(JSON.stringify([it.next("ignored"), it.next("A"), it.return("R"), it.next("x"), it.next(), it.next()]));
console.log(log.join("|"));
log.length = 0;
it = g1();
it.next(); it.next();
console.log(JSON.stringify(it.throw("boom")), JSON.stringify(it.next()), JSON.stringify(it.next()));
console.log(log.join("|"));
// return/throw before the start
it = g1();
console.log(JSON.stringify(it.return(5)), JSON.stringify(it.next()));
it = g1();
try { it.throw(new Error("early")); } catch (e) { console.log("early throw:", e.message); }
console.log(JSON.stringify(it.next()));
// parameters are evaluated at the call, errors thrown then
function* withDefault(a = (() => { throw new TypeError("bad default"); })()) { yield a; }
try { withDefault(); } catch (e) { console.log("call threw", e.name, e.message); }
console.log([...withDefault(7)].join());
// rest, arguments, this
function* rest(first, ...others) { yield first; yield others.length; yield arguments.length; yield this && this.tag; }
console.log([...rest.call({ tag: "T" }, 1, 2, 3)].join());
// yield* forwarding return and throw to the inner iterator
const inner = {
  i: 0,
  [Symbol.iterator]() { return this; },
  next(v) { this.i++; return { value: "n" + this.i + ":" + v, done: this.i > 3 }; },
  return(v) { return { value: "inner return " + v, done: true }; },
  throw(e) { return { value: "inner caught " + e, done: false }; },
};
function* outer() { const r = yield* inner; yield "r=" + r; }
it = outer();
console.log(JSON.stringify([it.next("a"), it.next("b"), it.throw("T"), it.return("Z"), it.next()]));
// yield* to an iterator without throw: the iterator is closed and a TypeError thrown
let closed = false;
const noThrow = { [Symbol.iterator]() { return this; }, next() { return { value: 1, done: false }; }, return() { closed = true; return {}; } };
function* delegating() { yield* noThrow; }
it = delegating(); it.next();
try { it.throw("x"); } catch (e) { console.log(e.constructor.name, closed); }
// layout
function* proto() {}
const GeneratorFunction = Object.getPrototypeOf(proto).constructor;
console.log(GeneratorFunction.name, Object.getPrototypeOf(proto) === GeneratorFunction.prototype,
  Object.getPrototypeOf(proto.prototype) === GeneratorFunction.prototype.prototype,
  Object.prototype.toString.call(proto()), typeof proto.prototype.next, proto.hasOwnProperty("caller"));
try { new proto(); } catch (e) { console.log("new:", e.constructor.name); }
const dyn = new GeneratorFunction("a", "yield a * 2; yield a * 3;");
console.log([...dyn(5)].join(), dyn.name);
// spread and destructuring close generators early
let finallyRan = 0;
function* counted() { try { yield 1; yield 2; yield 3; } finally { finallyRan++; } }
const [x1] = counted();
const [y1, y2, y3, y4] = counted();
console.log(x1, y1, y2, y3, y4, finallyRan);
// a generator re-entering itself
function* selfish() { try { self.next(); } catch (e) { yield e.message; } }
const self = selfish();
console.log(self.next().value);
