// Transition tree growth and shrinkage: many short-lived shapes, collections in between, one set of sites.
function churn() { const k = []; for (let i = 0; i < 25; i++) k.push(new Array(25000).fill(i)); return k.length; }
function readCommon(o) { return o.common; }
function readTail(o) { return o.tail; }
function writeTail(o, v) { o.tail = v; return o; }
let sumCommon = 0, sumTail = 0, checks = 0;
const keepers = [];
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 300; i++) {
    const o = {};
    o['k' + ((i * 7 + round) % 53)] = i;
    if (i % 3 === 0) o['j' + (i % 11)] = -i;
    o.common = i + round;
    writeTail(o, i * 2);
    sumCommon += readCommon(o);
    sumTail += readTail(o);
    if (readTail(o) !== i * 2 || readCommon(o) !== i + round) checks++;
    if (i % 100 === 0) keepers.push(o);
  }
  churn();
}
console.log(sumCommon, sumTail, checks, keepers.length);
console.log(keepers.map((o) => Object.keys(o).join('.')).join(' '));
// Kept objects still read right after their siblings' shapes died.
console.log(keepers.map(readCommon).join(), keepers.map(readTail).join());
keepers.forEach((o, i) => writeTail(o, 'T' + i));
churn();
console.log(keepers.map(readTail).join());
// Rebuild the same shapes as the kept objects: they share them again.
const rebuilt = keepers.map((o) => { const n = {}; for (const k of Object.keys(o)) n[k] = o[k]; return n; });
console.log(rebuilt.map(readTail).join() === keepers.map(readTail).join(), JSON.stringify(rebuilt[3]));
