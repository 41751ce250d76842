const a = {b: {}}; try { a.b.c(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
