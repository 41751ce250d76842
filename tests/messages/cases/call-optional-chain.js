const o = {a: {}}; try { o?.a.b(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
