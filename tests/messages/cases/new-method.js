const o = {m() {}}; try { new o.m(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
