// A v-flag class holding the empty string (\q{}) under a quantifier: an
// iteration may match empty, so the quantifier needs its empty check (the
// regexp fuzzer found /[...\q{}x]+/v pushing choice points until "Maximum
// call stack size exceeded" where node matches the empty string).
const cases = [
  [/[\q{}x]+/v, "ab"], [/[\q{}x]+/v, "xxb"], [/[\q{}]/v, "ab"], [/x[\q{}a]{2}y/v, "xay"],
  [/[\q{}]*?z/v, "z"], [/(?:[\q{}a])+$/v, "aa"], [/[\q{}a-c]{3,}/iv, "AbX"],
];
for (const [re, s] of cases) console.log(String(re), JSON.stringify(re.exec(s)));
console.log(JSON.stringify("ab".replace(/[\q{}]+/gv, "-")), JSON.stringify("ab".split(/[\q{}x]*/v)));
