function f() {} try { f(1, ...undefined); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
