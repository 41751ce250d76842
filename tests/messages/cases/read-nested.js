const o = {}; try { o.x.y; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
