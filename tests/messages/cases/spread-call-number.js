function f() {} const x = 1; try { f(...x); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
