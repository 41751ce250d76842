// Allocates far more than the heap keeps: with a small heap limit
// (--max-heap 1) the collector runs many times, while a closure keeps one
// context, and through it one object, alive the whole time.
function makeKeeper() {
  let kept = { tag: "kept" };
  return () => kept.tag;
}
const keeper = makeKeeper();
let total = 0;
let last = null;
for (let i = 0; i < 400; i++) {
  const garbage = { index: i, payload: new Array(2000), next: last };
  last = i % 10 === 0 ? null : garbage;
  total += garbage.index;
}
console.log(total, keeper());
