let x; try { new Set(x).add(1)[0](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
