const o = {}; try { (typeof o)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
