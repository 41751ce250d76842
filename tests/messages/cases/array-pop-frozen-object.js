try { Array.prototype.pop.call(Object.freeze({length: 1, 0: 1})); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
