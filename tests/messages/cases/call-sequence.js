const o = {}; try { (0, o.f)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
