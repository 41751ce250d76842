let x = null; try { const {p} = x; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
