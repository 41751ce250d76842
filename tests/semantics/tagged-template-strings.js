// Template objects: cooked and raw strings, identity per site, frozen, and
// the same from a bytecode file (frozen arrays keep their elements outside
// dense storage; the file writer lost them: every string was undefined).
function tag(s, ...v) { return s.length + ":" + s.join("|") + ":" + s.raw.join("|") + ":" + v.join(); }
console.log(tag`a${1}b\n${2}c`);
console.log(tag``, tag`\u0041${"x"}`);
const seen = [];
function keep(s) { seen.push(s); return s; }
for (let i = 0; i < 2; i++) keep`same site`;
keep`other site`;
console.log(seen[0] === seen[1], seen[0] === seen[2], Object.isFrozen(seen[0]), Object.isFrozen(seen[0].raw));
function bad(s) { return s[0] === undefined && s.raw[0] === "\\unicode"; }
console.log(bad`\unicode`);
