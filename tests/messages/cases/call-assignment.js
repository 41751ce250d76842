let a = 1; try { (a = 2)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
