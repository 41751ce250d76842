try { Array.prototype.toSpliced.call({length: 2 ** 53 - 1}, 0, 0, 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
