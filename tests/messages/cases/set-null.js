let u = null; try { u.p = 1; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
