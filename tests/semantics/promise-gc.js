// Promise chains, reactions, resolving functions and timer callbacks that
// only the job queue, a pending promise or an armed timer keeps alive must
// survive collections (this allocates enough to collect many times; the
// gc-stress run collects at every allocation).
function churn() {
  let junk = [];
  for (let i = 0; i < 5000; i++) junk.push({ i, s: 'x' + i });
  return junk.length;
}
// A chain hanging on a promise whose resolve function only a timer holds.
(function () {
  let resolveLater;
  const head = new Promise((r) => { resolveLater = r; });
  head.then((v) => ({ v: v + 1, note: 'step ' + v }))
    .then((o) => { console.log('chain', o.v, o.note); return [o.v, 'tail']; })
    .finally(() => console.log('finally of the chain'))
    .then((a) => console.log('end of chain', a.join(' ')));
  setTimeout((r) => r(41), 5, resolveLater);
})();
// A thenable whose then is called from a job after collections.
(function () {
  const thenable = { then(ok) { ok({ big: new Array(1000).fill('t').join('') }); } };
  Promise.resolve().then(() => thenable).then((o) => console.log('thenable', o.big.length));
})();
// Combinators over promises settled by timers only.
Promise.all([1, 2, 3].map((n) => new Promise((r) => setTimeout(r, n, { n }))))
  .then((objs) => console.log('all', objs.map((o) => o.n).join()));
// queueMicrotask closures and interval state.
let ticks = 0;
const iv = setInterval((state) => {
  state.seen.push(++ticks);
  churn();
  if (ticks === 3) { clearInterval(iv); console.log('interval', state.seen.join()); }
}, 1, { seen: [] });
queueMicrotask(() => { churn(); console.log('microtask after churn', churn()); });
console.log('script', churn());
