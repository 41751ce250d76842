const o = {}; try { new o.C(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
