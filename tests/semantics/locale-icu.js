// String normalization and collation, Number/BigInt/Date/Array toLocaleString
// in node's default locale (en-US) through ICU.
const show = (label, v) => console.log(label, JSON.stringify(v));
const tryIt = (label, f) => {
  try { show(label, f()); } catch (e) { console.log(label, e.name + ": " + e.message); }
};

// normalize: the four forms, compatibility mappings, Hangul, lone surrogates.
const samples = ["\u1E9B\u0323", "e\u0301", "\u00e9", "\uFB01ne", "\u2460\u00BD", "\u1100\u1161\u11A8", "\uAC01",
  "\u0958", "A\u030A\u0327", "\ud800a\u0301", "\udc00\u0300", "plain ascii", "", "\u212B\u2126"];
for (const form of [undefined, "NFC", "NFD", "NFKC", "NFKD"]) {
  show("normalize " + form, samples.map((s) => s.normalize(form)));
  show("lengths " + form, samples.map((s) => s.normalize(form).length));
}
const long = "a\u0301".repeat(1000) + "\u1E9B\u0323";
show("long NFC length", long.normalize().length);
show("long NFD length", long.normalize("NFD").length);
show("idempotent", samples.every((s) => s.normalize("NFD").normalize("NFC") === s.normalize("NFC")));
show("wrapper this", String.prototype.normalize.call(new String("e\u0301")));
show("number this", String.prototype.normalize.call(12));
show("form coerced", "\u00e9".normalize({ toString() { return "NFD"; } }).length);
for (const bad of ["nfc", "NFX", "", null, 1]) tryIt("bad form " + String(bad), () => "x".normalize(bad));
tryIt("null this", () => String.prototype.normalize.call(null));

// localeCompare: en-US collation, canonical equivalence, -1/0/1.
const pairs = [["a", "B"], ["a", "A"], ["A", "a"], ["résumé", "resume"], ["A\u030a", "\u00c5"], ["", ""],
  ["a", "b"], ["b", "a"], ["10", "9"], ["ß", "ss"], ["ä", "b"], ["z", "Z"], ["\u1E9B\u0323", "\u1E9B\u0323".normalize("NFD")],
  ["a", "a\u0000"], ["co-op", "coop"], ["\ud800", "\udc00"], ["a", ""]];
show("localeCompare", pairs.map(([x, y]) => x.localeCompare(y)));
show("locales ignored", "a".localeCompare("b", "de", { sensitivity: "base" }));
show("sorted", ["b", "a", "B", "A", "ä", "é", "e", "10", "9", "Z", "z", "_", "-", " ", "ß", "ss", "Æ", "ae", "ö", "o"]
  .sort((x, y) => x.localeCompare(y)).join(" "));
show("undefined that", "undefined".localeCompare());
tryIt("null this", () => String.prototype.localeCompare.call(undefined, "a"));

// Number.prototype.toLocaleString: grouping, up to three fraction digits
// rounded half away from zero, NaN/Infinity/-0.
const numbers = [0, -0, 1, -1, 1234.5678, 1.0625, 1.0005, 0.0005, 0.0015, 2.5, -2.5, 999.9996, 1e21, 1.5e300,
  5e-324, -1e-7, 123456789.123, NaN, Infinity, -Infinity, 2 ** 53, 0.1 + 0.2];
show("number", numbers.map((n) => n.toLocaleString()));
show("wrapper", new Number(98765.4321).toLocaleString());
const options = [{ maximumFractionDigits: 101 }, { minimumFractionDigits: 5, maximumFractionDigits: 2 },
  { minimumFractionDigits: -1 }, { maximumFractionDigits: NaN }, { minimumFractionDigits: "2" },
  { maximumFractionDigits: 0 }, { minimumFractionDigits: 4 }, { minimumFractionDigits: 1.9, maximumFractionDigits: 2.9 },
  { maximumFractionDigits: 20 }, { maximumFractionDigits: 21 }, null, 5, {}];
for (const o of options) {
  tryIt("number options " + JSON.stringify(o), () => [(1.0625).toLocaleString(undefined, o), (-2.5).toLocaleString("en-US", o)]);
  tryIt("bigint options " + JSON.stringify(o), () => (12345n).toLocaleString(undefined, o));
}
const order = [];
const spy = new Proxy({}, { get(t, k) { order.push(String(k)); return undefined; } });
(1).toLocaleString(undefined, spy);
show("options read", order.filter((k) => k.endsWith("FractionDigits")));
tryIt("bad this", () => Number.prototype.toLocaleString.call("1"));

// BigInt.prototype.toLocaleString: every digit, grouped.
show("bigint", [0n, -0n, 7n, -1234n, 123456789n, 10n ** 30n, -(2n ** 64n)].map((n) => n.toLocaleString()));
tryIt("bigint bad this", () => BigInt.prototype.toLocaleString.call(1));

// Date: en-US forms in the local time zone (fixed local components).
const dates = [new Date(2026, 11, 7, 11, 24, 27), new Date(2026, 0, 1, 0, 5), new Date(2026, 0, 1, 12, 5, 9),
  new Date(1000, 0, 1), new Date(1582, 9, 10), new Date(0, 0, 1), new Date(2020, 1, 29, 23, 59, 59)];
const bc = new Date(2000, 0, 1); bc.setFullYear(-1);
dates.push(bc);
for (const d of dates) show("date", [d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString()]);
show("date extremes", [new Date(8.64e15).toLocaleDateString(), new Date(-8.64e15).toLocaleDateString()]);
show("invalid", [new Date(NaN).toLocaleString(), new Date(NaN).toLocaleDateString(), new Date(NaN).toLocaleTimeString()]);
for (const m of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toString", "toISOString"]) {
  tryIt("date bad this " + m, () => Date.prototype[m].call({}));
}

// Array.prototype.toLocaleString calls each element's toLocaleString.
show("array", [1234.5, 1e6, new Date(2020, 1, 29, 23, 59, 59), null, undefined, 7n, "x", [5000, 0.1234]].toLocaleString());
show("array custom", [{ toLocaleString() { return "L"; } }, 1].toLocaleString());
