try { WeakMap.prototype.get.call({}, {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
