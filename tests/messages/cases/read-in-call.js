const x = 1; try { x.y.z(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
