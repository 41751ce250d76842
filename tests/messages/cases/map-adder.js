Map.prototype.set = 1; try { new Map([[1, 2]]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
