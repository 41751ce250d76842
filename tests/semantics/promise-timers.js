// Timers and microtasks as node orders them: microtasks drained after the
// script and after each timer callback, timers by due time then creation,
// equal delays FIFO, setInterval re-arming until cleared, extra arguments,
// clearTimeout from inside a callback, queueMicrotask, delays coerced.
const out = [];
const say = (s) => console.log(s);
setTimeout(() => say('t 5ms'), 5);
setTimeout(() => {
  say('t0 a');
  Promise.resolve().then(() => say('microtask after t0 a'));
  queueMicrotask(() => say('queueMicrotask after t0 a'));
}, 0);
setTimeout(() => say('t0 b (FIFO with a)'), 0);
setTimeout((x, y, z) => say(`args ${x} ${y} ${z}`), 1, 'one', 2, [3]);
let n = 0;
const iv = setInterval(() => {
  n++;
  say(`interval tick ${n}`);
  Promise.resolve().then(() => say(`  microtask of tick ${n}`));
  if (n === 3) {
    clearInterval(iv);
    // Armed from one callback: ordered by delay alone, whatever the load.
    const victim = setTimeout(() => say('never: cleared by an earlier callback'), 30);
    setTimeout(() => { clearTimeout(victim); say('cleared the 30ms timer'); }, 20);
    setTimeout(() => {
      say('nested outer');
      setTimeout(() => say('nested inner 1'), 0);
      setTimeout(() => say('nested inner 2'), 0);
      setTimeout(() => say('nested inner 3 (1ms, same as 0)'), 1);
    }, 40);
  }
}, 10);
setTimeout(() => say('NaN delay runs as 1ms'), NaN);
setTimeout(() => say('string delay "3"'), '3');
setTimeout(() => say('negative delay'), -10);
const t = setTimeout(() => {}, 1);
console.log('timeout object', typeof t, typeof t.ref, typeof t.unref, t.hasRef(), typeof +t);
clearTimeout(t);
console.log('hasRef after clear', t.hasRef());
clearTimeout(undefined);
clearTimeout(12345);
clearInterval(null);
try { setTimeout('code'); } catch (e) { say(`${e.name}: ${e.message}`); }
try { queueMicrotask(1); } catch (e) { say(`${e.name}: ${e.message}`); }
const un = setTimeout(() => say('never: unreferenced'), 100000);
un.unref();
queueMicrotask(() => say('first microtask'));
Promise.resolve().then(() => say('second microtask'));
say('script end');
