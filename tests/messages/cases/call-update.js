let n = 1; try { (n++)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
