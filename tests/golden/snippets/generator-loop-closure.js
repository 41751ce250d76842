// A generator whose loop body closures capture a per-iteration `let`:
// the block context is saved and restored across each yield.
function* counters(n) {
  for (let i = 0; i < n; i++) {
    const sent = yield () => i;
    if (sent) return sent;
  }
}
const it = counters(2);
it.next().value();
