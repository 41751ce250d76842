const o = {}; try { o?.["x"](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
