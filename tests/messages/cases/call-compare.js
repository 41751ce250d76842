let a = 1, b = 2; try { (a < b)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
