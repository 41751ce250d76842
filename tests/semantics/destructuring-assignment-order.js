// Destructuring assignment: a property target's reference (object and key)
// is evaluated before the value it receives is read, its key converted only
// when it is stored; an exception while the elements of an array pattern are
// taken apart closes the iterator, unless next(), done or value threw.
var log = [];
function iterable(values) {
  var i = 0;
  return {
    [Symbol.iterator]() {
      log.push("iterator");
      return {
        next() { log.push("next"); return i < values.length ? { value: values[i++], done: false } : { done: true }; },
        return() { log.push("return"); return {}; },
      };
    },
  };
}
function target(name) {
  return new Proxy({}, { set(t, k, v) { log.push("set " + name + "." + String(k) + "=" + v); return true; } });
}
function key(name) {
  log.push("key " + name);
  return { toString() { log.push("tostring " + name); return name; } };
}
function show(label, f) {
  log = [];
  try { f(); } catch (e) { log.push("threw " + (e instanceof Error ? e.constructor.name : e)); }
  console.log(label + ": " + log.join(", "));
}
show("array element", () => { [target("t")[key("k")]] = iterable([1]); });
show("array elements", () => { [target("a").x, target("b")[key("k")] = 9] = iterable([1]); });
show("array rest", () => { [, ...target("r")[key("k")]] = iterable([1, 2, 3]); });
show("object property", () => {
  var src = { get p() { log.push("get p"); return 5; } };
  ({ [key("p")]: target("t")[key("k")] } = src);
});
show("object default", () => {
  var src = { get p() { log.push("get p"); return undefined; } };
  ({ p: target("t").q = (log.push("default"), 7) } = src);
});
show("target throws", () => { [{}[(() => { throw "target"; })()]] = iterable([1]); });
show("rest target throws", () => { [...{}[(() => { throw "rest"; })()]] = iterable([1]); });
show("setter throws", () => { [{ set x(v) { throw "setter"; } }.x] = iterable([1, 2]); });
show("default throws", () => { [a = (() => { throw "default"; })()] = iterable([undefined]); var a; });
show("nested pattern throws", () => { [[{}.x.y]] = iterable([[1]]); });
show("done: no close", () => { [, , {}[(() => { throw "late"; })()]] = iterable([1]); });
// next() throwing does not close the iterator.
show("next throws", () => {
  var it = { [Symbol.iterator]() { return { next() { throw "next"; }, return() { log.push("return"); return {}; } }; } };
  [x] = it; var x;
});
// A return() that throws: the first exception wins, return() runs once.
show("return throws", () => {
  var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { log.push("return"); throw "from return"; } }; } };
  [{}[(() => { throw "target"; })()]] = it;
});
// In a generator, return() while suspended inside the pattern closes it once.
function* g(it) { [{}[yield]] = it; }
show("generator return", () => {
  var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { log.push("return"); throw "from return"; } }; } };
  var gen = g(it);
  gen.next();
  gen.return();
});
