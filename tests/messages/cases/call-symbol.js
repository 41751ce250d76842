const s = Symbol(); try { s(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
