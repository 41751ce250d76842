// The regexp built-ins' fast paths (a RegExp object with only its numeric
// lastIndex, on the unmodified RegExp.prototype) against the spec's general
// steps: every case here either stays on the fast path and must give the
// spec's answer, or modifies something so that the general path must run.
function show(label, ...values) { console.log(label, JSON.stringify(values)); }

// Start-position search: literal prefixes, infixes, first units, anchors.
show("prefix", "xxabcxabcd".replace(/abcd?/g, "[$&]"));
show("prefix-none", /needle/.exec("haystack"));
show("prefix-at-end", /ab/.exec("xxxab").index);
show("infix", 'a"\\/Qngr(12)\\/" b"\\/Qngr(-3)\\/"'.replace(/(^|[^\\])\"\\\/Qngr\((-?[0-9]+)\)\\\/\"/g, "<$2>"));
show("infix-start", '"\\/Qngr(7)\\/"'.replace(/(^|[^\\])\"\\\/Qngr\((-?[0-9]+)\)\\\/\"/g, "<$2>"));
show("infix-window", /[ab]{0,3}xyz/.exec("aaaabxyz"));
show("infix-overlap", "xyzxyz".match(/.?xyz/g));
show("icase-first", "xx tNqP=1; TNQP=2".match(/TNQP=([^;]*)/gi));
show("icase-kelvin", /kelvin/iu.exec("\u212Aelvin"));
show("icase-long-s", /s/iu.test("\u017F"), /s/i.test("\u017F"));
show("anchored", /^ba/.exec("ba"), /^ba/g.exec("xba"));
const anch = /^a/g; anch.lastIndex = 1;
show("anchored-lastIndex", anch.exec("aa"), anch.lastIndex);
show("anchored-multiline", "a\na".replace(/^a/gm, "b"));
show("anchored-alt", "ab".replace(/^a|^b/g, "x"), "ab".replace(/^a|b/g, "x"));
show("sticky", "aaba".replace(/a/gy, "x"), /b/y.test("ab"));
// An alternation with anchored alternatives runs the others alone past index 0.
show("trim", "  a b  ".replace(/^\s+|\s+$/g, "[$&]"), "aab".replace(/^a|b/g, "[$&]"));
show("anchored-alt-groups", [..."ab".matchAll(/^(a)|(b)/g)].map((m) => [m.index, ...m]));
show("anchored-alt-unicode", "\u{1F600}x".replace(/^\u{1F600}|x/gu, "[$&]"), "aa".replace(/^a|a/y, "[$&]"));
const ast = /^a|b/y; ast.lastIndex = 1;
const au = /^\u{1F600}|y/gu; au.lastIndex = 1;
show("anchored-alt-lastIndex", ast.exec("ab"), au.exec("\u{1F600}y"), au.lastIndex);

// exec's result arrays: one shape, then ordinary arrays.
const m = /(a)(b)?(?<c>c)/.exec("zac");
show("exec", [m, m.index, m.input, m.groups, Object.keys(m), m.length]);
m.extra = 1; m.push(9);
show("exec-extend", [Object.keys(m), m.length]);
const d = /(?<x>a)(b)?/d.exec("xa");
show("indices", [d.indices, d.indices.groups]);

// replace: substitutions, functions, named groups.
show("dollar", "abc".replace(/(b)/, "[$1|$2|$0|$&|$`|$'|$$|$<x>|$10]"));
show("dollar-named", "2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>/$<z>|"));
show("dollar-2digit", "abcdefghijk".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11-$10-$011-$00"));
show("fn", "a1b22".replace(/(\d)(\d)?/g, (...args) => JSON.stringify(args)));
show("fn-named", "k=v".replace(/(?<k>\w)=(?<v>\w)/, (...a) => JSON.stringify(a[a.length - 1])));
const re = /a/g;
show("fn-sees-all-matches-first", "aaa".replace(re, () => { re.lastIndex = 0; return re.lastIndex + "x"; }));
show("empty-matches", "abc".replace(/x*/g, "-"), "\u{1F600}".replace(/(?:)/gu, "-"), "\u{1F600}".replace(/(?:)/g, "-").length);
const glob = /b/g; glob.lastIndex = 5;
"abc".replace(glob, "x"); show("global-lastIndex", glob.lastIndex);
const st = /b/y; st.lastIndex = 1;
show("sticky-replace", "abc".replace(st, "x"), st.lastIndex, "abc".replace(st, "x"), st.lastIndex);
const plain = /b/; plain.lastIndex = 7;
show("plain-lastIndex-kept", "abc".replace(plain, "x"), plain.lastIndex);

// match, test, search, split.
show("match", "a1b2c3".match(/\d/g), "abc".match(/\d/g), "abc".match(/b/).index);
const t = /o/g;
show("test", t.test("foo"), t.lastIndex, t.test("foo"), t.lastIndex, t.test("foo"), t.lastIndex);
const sr = /o/g; sr.lastIndex = 3;
show("search", "foo".search(sr), sr.lastIndex, "foo".search(/x/), "foo".search(/o/y));
show("split", "a,b,,c".split(/,/), "a1b2c".split(/(\d)/), "abc".split(/(?:)/), "".split(/x/), "".split(/(?:)/));
show("split-limit", "a,b,c".split(/,/, 2), "a1b2c".split(/(\d)/, 2), "a,b".split(/,/, 0));
show("split-sticky", "a,b,c".split(/,/y), "a,b,,c".split(/,*/));
show("split-unicode", "\u{1F600}x\u{1F600}".split(/(?:)/u).length, "\u{1F600}".split(/(?:)/).length);
show("split-captures-undefined", "ab".split(/(x)?b/));

// Legacy statics follow the last successful match of every path.
"xyz".replace(/(y)/, "");
show("legacy-replace", RegExp.$1, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext);
"p-q".split(/(-)/);
show("legacy-split", RegExp.$1, RegExp.input);
/(o)/.test("foo");
show("legacy-test", RegExp.$1, RegExp["$`"]);

// Anything modified takes the general path.
const own = /a/g;
own.exec = function (s) { calls.push("own exec"); return RegExp.prototype.exec.call(this, s); };
const calls = [];
show("own-exec", "aXa".replace(own, "b"), calls);
const li = /a/g;
li.lastIndex = { valueOf() { calls.push("valueOf"); return 0; } };
show("object-lastIndex", li.test("a"), calls);
const frozen = Object.freeze(/a/g);
try { "a".replace(frozen, "b"); } catch (e) { show("frozen", e.constructor.name); }
const savedExec = RegExp.prototype.exec;
RegExp.prototype.exec = function (s) { calls.push("proto exec " + this.source); return savedExec.call(this, s); };
show("proto-exec", "ab".replace(/b/, "c"), /a/.test("a"), "ab".split(/b/), "ab".match(/a/g), calls.splice(0));
RegExp.prototype.exec = savedExec;
show("proto-exec-restored", "ab".replace(/b/, "c"), calls.splice(0));
const globalDesc = Object.getOwnPropertyDescriptor(RegExp.prototype, "global");
Object.defineProperty(RegExp.prototype, "global", { get() { calls.push("global"); return globalDesc.get.call(this); }, configurable: true });
show("proto-flag-getter", "aa".replace(/a/g, "b"), calls.splice(0));
Object.defineProperty(RegExp.prototype, "global", globalDesc);
show("proto-flag-getter-restored", "aa".replace(/a/g, "b"), calls.splice(0));
const speciesDesc = Object.getOwnPropertyDescriptor(RegExp, Symbol.species);
Object.defineProperty(RegExp, Symbol.species, { get() { calls.push("species"); return RegExp; }, configurable: true });
show("species", "a,b".split(/,/), "a".replace(/a/, "b"), calls.splice(0));
Object.defineProperty(RegExp, Symbol.species, speciesDesc);
class Sub extends RegExp { exec(s) { calls.push("sub exec"); return super.exec(s); } }
show("subclass", "a-b".split(new Sub("-")), new Sub("b", "g")[Symbol.replace]("abb", "c"), calls.splice(0));
const recompiled = /a/g;
show("compile-in-replacer", "aaa".replace(recompiled, () => { recompiled.compile("b"); return "x"; }), recompiled.source);
