// Async functions and async generators: exact tick order of awaits
// (native promises, thenables, non-promises), rejections and finally,
// async generator request queues, return/throw in every state, for await
// over sync iterables of promises, and closing on break.
const log = [];
const tick = (label) => Promise.resolve().then(() => log.push(label));
async function a1() { log.push("a1 start"); await null; log.push("a1 after await"); return "a1"; }
async function a2() { log.push("a2 start"); await { then(r) { log.push("thenable then"); r(1); } }; log.push("a2 after thenable"); }
async function a3() { log.push("a3 start"); const v = await Promise.resolve(3); log.push("a3 got " + v); return Promise.resolve("a3 nested"); }
a1().then((v) => log.push("then " + v));
a2();
a3().then((v) => log.push("then " + v));
tick("t1").then(() => log.push("t2")).then(() => log.push("t3")).then(() => log.push("t4"));
log.push("sync end");

async function rejecting() {
  try { await Promise.reject(new Error("nope")); } catch (e) { log.push("caught " + e.message); throw new RangeError("again"); } finally { log.push("finally"); }
}
rejecting().catch((e) => log.push("outer " + e.name));

async function* ag() {
  try {
    const x = yield 1;
    log.push("ag got " + x);
    yield Promise.resolve(2);
    yield 3;
  } finally {
    log.push("ag finally");
  }
}
const it = ag();
// three requests queued at once
Promise.all([it.next("a"), it.next("b"), it.return("R"), it.next()]).then((rs) => log.push("ag results " + JSON.stringify(rs)));

async function* early() { log.push("early body"); yield 1; }
const e1 = early();
e1.return("before start").then((r) => log.push("early return " + JSON.stringify(r)));
e1.next().then((r) => log.push("early next " + JSON.stringify(r)));
const e2 = early();
e2.throw(new Error("x")).catch((e) => log.push("early throw " + e.message));

async function consume() {
  for await (const v of [Promise.resolve("p1"), "plain", Promise.resolve("p3")]) log.push("for await " + v);
  let closedIt = false;
  const src = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => ({ value: i++, done: false }), return: async () => { closedIt = true; return {}; } }; } };
  for await (const v of src) { if (v === 2) break; }
  log.push("closed " + closedIt);
  async function* inner() { yield "i1"; yield "i2"; return "ir"; }
  async function* outer() { const r = yield* inner(); yield "outer " + r; }
  for await (const v of outer()) log.push("delegated " + v);
}
consume().then(() => {
  setTimeout(() => {
    log.push("timeout");
    console.log(log.join("\n"));
  }, 0);
});
