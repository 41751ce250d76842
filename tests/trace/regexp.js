// Regexp runs in a trace: each run of the matcher is one "regexp" event in
// the step of the bytecode that called the built-in (tests/trace/trace-test.py).
const re = /(\d+)-(x)?(?<w>[a-z]+)/g;
const m = re.exec("12-ab 7-c");
console.log(m[0], m.groups.w, re.lastIndex);
console.log("a1b2".replace(/\d/g, "#"));
console.log(/z/.test("abc"));
console.log(/(a|ab)(c|bcd)(d*)/.exec("abcd")[0]);
console.log("q".repeat(150).search(/q$/));
console.log("a,b".split(/,/).length);
console.log(/(a+)+b/.test("a".repeat(12)));
