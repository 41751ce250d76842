// An interval is armed again after its callback returns, as in node: a
// timeout the callback arms with the same delay runs before the next run
// (jsvm re-armed before the callback, libuv's way, and ran the interval first).
const log = [];
let n = 0;
const iv = setInterval(() => {
  log.push("interval " + n);
  if (n === 0) setTimeout(() => log.push("timeout armed in interval"), 10);
  if (++n === 3) { clearInterval(iv); setTimeout(() => console.log(log.join("\n")), 50); }
}, 10);
