function f() { f(); } try { f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
