try { Array.prototype.map.call({length: 2 ** 32}, x => x); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
