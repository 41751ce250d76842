try { eval('while (x) async function f() {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
