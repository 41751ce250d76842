// await of a promise whose `constructor` getter throws: the error is thrown
// at the await (async function and async generator, `await` and `yield`), and
// rejects a return(p) request of an async generator that has not started.
const p = Promise.resolve(1);
Object.defineProperty(p, "constructor", { get() { throw new Error("ctor getter"); } });
async function f() { try { await p; } catch (e) { return "f caught " + e.message; } }
async function* g() { try { await p; } catch (e) { yield "g caught " + e.message; } try { yield p; } catch (e) { yield "g yield caught " + e.message; } }
(async () => {
  console.log(await f());
  for await (const v of g()) console.log(v);
  const it = g(); await it.next();
  console.log(JSON.stringify(await it.return(5)));
  const it2 = g();
  try { await it2.return(p); } catch (e) { console.log("return(p) rejected:", e.message); }
})();
