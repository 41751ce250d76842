// Annex B built-ins: escape/unescape and String.prototype's HTML methods.

// escape keeps A-Z a-z 0-9 @*_+-./ and writes %XX / %uXXXX otherwise.
console.log(escape("abc XYZ 019 @*_+-./"));
console.log(escape("!\"#$%&'(),:;<=>?[\\]^`{|}~"));
console.log(escape("\u0000\u007f\u0080\u00ff\u0100\u1234\uffff"));
console.log(escape("\ud83d\ude00"), escape(""), escape(), escape(null), escape(12.5), escape(true));
console.log(escape({ toString() { return "a b"; } }));
try { escape(Symbol("s")); } catch (e) { console.log(e.constructor.name); }
console.log(escape.length, escape.name, Object.getOwnPropertyDescriptor(globalThis, "escape").enumerable);

// unescape decodes %XX and %uXXXX and leaves malformed escapes as they are.
console.log(unescape("%41%42%u0043%u00e9%u1234"));
console.log(unescape("%"), unescape("%4"), unescape("%4G"), unescape("%u"), unescape("%u12"), unescape("%u123G"));
console.log(unescape("%%41"), unescape("%u%41"), unescape("100%"), unescape(escape("\u0000\uffff ü x")) === "\u0000\uffff ü x");
console.log(unescape.length, unescape.name, unescape(), unescape(5n));
try { new unescape("x"); } catch (e) { console.log(e.constructor.name); }

// The HTML methods.
const s = "text";
for (const m of ["big", "blink", "bold", "fixed", "italics", "small", "strike", "sub", "sup"]) {
  console.log(m, String.prototype[m].length, s[m](), s[m]("ignored"));
}
for (const m of ["anchor", "fontcolor", "fontsize", "link"]) {
  console.log(m, String.prototype[m].length, s[m]('a"b"c'), s[m](), s[m](null), s[m](7));
}
console.log(String.prototype.bold.call(42), String.prototype.link.call(true, { toString() { return "u"; } }));
for (const bad of [null, undefined]) {
  try { String.prototype.anchor.call(bad, "x"); } catch (e) { console.log(e.constructor.name, e.message); }
}
try { "x".anchor(Symbol()); } catch (e) { console.log(e.constructor.name); }
// The receiver is converted before the argument.
const order = [];
String.prototype.fontcolor.call({ toString() { order.push("this"); return "T"; } },
                                { toString() { order.push("arg"); return "A"; } });
console.log(order.join(","));
try { new String.prototype.sub(); } catch (e) { console.log(e.constructor.name); }
