try { const {p} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
