const o = {x: null}; try { const {p} = o.x; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
