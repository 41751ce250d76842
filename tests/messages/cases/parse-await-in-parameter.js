try { eval('async function f(x = await 1) {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
