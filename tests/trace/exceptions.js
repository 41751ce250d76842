// try/catch/finally, exceptions thrown by the program and by the engine,
// rethrown through frames, caught in a closure's context.
function risky(n) {
  if (n % 3 === 0) throw new Error("bad " + n);
  if (n % 3 === 1) return null.boom;  // a TypeError from the engine
  return n * 2;
}
function attempt(n) {
  let log = "start";
  try {
    log = "tried";
    return risky(n);
  } catch (e) {
    log = "caught";
    return function report() { return e.message + " / " + log; };
  } finally {
    log += " finally";
    console.log("finally", n, log);
  }
}
for (let i = 0; i < 4; i++) {
  const r = attempt(i);
  console.log(i, typeof r === "function" ? r() : r);
}
function deep(k) {
  if (k === 0) throw "deep end";
  try { return deep(k - 1); } finally { console.log("unwinding", k); }
}
try { deep(3); } catch (x) { console.log("outer caught", x); }
[1, 2, 3].forEach(function (v) {
  try { if (v === 2) throw v; console.log("each", v); } catch (z) { console.log("caught in callback", z); }
});
