const obj = {}; try { obj.fn(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
