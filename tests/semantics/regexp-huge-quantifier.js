// Quantifier counts near and past 2^31 on a one-unit run (RepeatGreedy):
// the minimum must not overflow when added to the position (the regexp
// fuzzer found pos + min wrapping negative, so /x\d{2147483647}/ matched "x1").
const cases = [
  [/x\d{2147483647}/, "x1"], [/x\d{2147483647,}y/, "x12y"], [/a\d{99999999999}/, "a5"],
  [/b\d{2147483646,2147483647}/, "b12"], [/c\d{0,2147483647}:/, "c123:"], [/d.{2147483647,}?e/, "d1e"],
  [/(?:e\d){2147483647}/, "e1e2"], [/f\d{2147483648}/, "f9"],
];
for (const [re, s] of cases) console.log(String(re), JSON.stringify(re.exec(s)));
