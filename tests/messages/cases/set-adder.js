Set.prototype.add = 1; try { new Set([1]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
