const o = {a: 1}; try { o.a(...[1]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
