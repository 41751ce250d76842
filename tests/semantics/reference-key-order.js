// GetValue and PutValue of a keyed reference: ToObject(base) comes before
// the key's ToPropertyKey, so a null or undefined base throws a TypeError
// before an object key's toString runs (and before the right-hand side).
var log = [];
var key = { toString() { log.push("key"); return "p"; } };
function rhs() { log.push("rhs"); return 1; }
for (var base of [null, undefined]) {
  var forms = [
    () => base[key] += rhs(),
    () => base[key] ^= rhs(),
    () => base[key] **= rhs(),
    () => base[key]++,
    () => --base[key],
    () => base[key] ??= rhs(),
    () => base[key] ||= rhs(),
    () => base[key],
    () => base[key] = rhs(),
  ];
  for (var f of forms) {
    log = [];
    try { f(); console.log("no error"); } catch (e) { console.log(e.constructor.name, e.message, log.join()); }
  }
}
// A primitive key is named in the message.
for (var k of ["x", 1, Symbol("s"), true]) {
  try { null[k] -= 1; } catch (e) { console.log(e.message); }
  try { undefined[k] = 1; } catch (e) { console.log(e.message); }
}
// An object key without a toString of its own is named as V8 does.
try { null[{}] = 1; } catch (e) { console.log(e.message); }
// A key whose toString throws: that error, before the right-hand side.
var o = {};
try { o[{ toString() { throw new RangeError("from toString"); } }] += rhs(); } catch (e) { console.log(e.constructor.name, e.message); }
