try { Set.prototype.add.call([], 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
