let a = 1, b = 2; try { (a && b || a)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
