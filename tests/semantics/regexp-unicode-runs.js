// Greedy runs of one code point under u (RepeatGreedyU): astral characters, lone surrogates,
// runs that start inside a surrogate pair (sticky lastIndex), giving back code point by code point.
const cases = [
  [/a\u{1F600}+b/u, "xa😀😀😀b"], [/^.+$/u, "a😀b\uD800c"], [/(.+)😀/u, "ab😀😀c😀"], [/(.*)(\uDE00)/u, "😀\uDE00"],
  [/[😀a]{2,3}/u, "😀a😀a"], [/\p{L}*1/u, "ab€cd1"], [/(\S+?)(\S*)(😀)/u, "a😀b😀"], [/.{2}/u, "\uDE00😀x"],
  [/x.*/su, "x\n😀"], [/[^a]+a/u, "😀😀\uD83Da"], [/(?:😀|a)+/u, "a😀a"], [/\w+/iu, "\u017Fk\u212A!"],
  [/^\p{Any}{3}$/u, "😀😀😀"], [/^\p{Any}{3}$/u, "😀😀"], [/.*\uDE00/u, "\uD83D\uDE00"], [/[\s\S]+(?=😀)/u, "ab😀cd😀"],
];
for (const [re, s] of cases) {
  const m = re.exec(s);
  console.log(String(re), JSON.stringify(m && [...m]), m && m.index);
}
console.log("\uDE00😀x".match(/.+?x/gu), "a😀".split(/(?:)/u).length, "😀😀".replace(/.*/gu, "[$&]"));
console.log("\uDE00😀".match(/\uDE00.*/u));
const sub = "x\uD83D\uDE00y"; console.log(/.+/u.exec(sub.slice(2))[0].length, /(?<=x).+/u.exec(sub)[0].length);
{ const r = /.+/uy; r.lastIndex = 1; const m = r.exec("😀x"); console.log(JSON.stringify(m && m[0]), r.lastIndex); }
{ const r = /.+?😀/gu; r.lastIndex = 1; console.log(JSON.stringify(r.exec("😀😀")), r.lastIndex); }
