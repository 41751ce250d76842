function f() {} try { f(...undefined); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
