try { eval('function f() { for await (x of y); }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
