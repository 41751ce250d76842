// Generators and async functions suspend and resume; intervals repeat and
// are cleared; immediates run in the check phase; a thenable takes its own job.
function* count(limit) {
  let i = 0;
  const seen = [];
  while (i < limit) { seen.push(i); yield i++; }
  return seen;
}
const g = count(3);
console.log([...g].join(','));

function* idle() { let kept = { big: new Array(50).fill(1) }; yield kept; }
const waiting = idle();
waiting.next();

async function step(n) {
  const log = [];
  for (let k = 0; k < n; k++) {
    log.push(await new Promise((r) => setImmediate(() => r(k))));
  }
  return log.join('+');
}

function repeat() {
  let ticks = 0;
  const interval = setInterval(() => {
    ticks++;
    console.log('tick ' + ticks);
    if (ticks === 3) clearInterval(interval);
  }, 5);
}
const never = setTimeout(() => console.log('never'), 1);
clearTimeout(never);

// The interval starts once the immediates are done, so the order does not depend on the clock.
step(2).then((s) => { console.log('steps ' + s); repeat(); });
Promise.resolve({ then(res) { res('thenable'); } }).then((v) => console.log(v));
(async () => { try { await Promise.reject(new Error('no')); } catch (e) { console.log('caught ' + e.message); } })();
