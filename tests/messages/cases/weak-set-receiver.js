try { WeakSet.prototype.add.call({}, {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
