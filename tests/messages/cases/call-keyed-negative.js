const o = {}; try { o[-1](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
