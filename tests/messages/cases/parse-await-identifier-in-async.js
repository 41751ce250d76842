try { eval('async function f() { var await; }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
