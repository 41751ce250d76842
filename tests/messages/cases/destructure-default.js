try { const {p = 1} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
