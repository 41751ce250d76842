function f() {} let x = null; try { f(...x); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
