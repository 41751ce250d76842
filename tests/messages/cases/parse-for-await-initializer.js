try { eval('async function f() { for await (var x = 1 of y); }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
