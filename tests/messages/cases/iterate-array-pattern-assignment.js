let p; try { [p] = 1; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
