const o = {}; try { o.f``; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
