try { Array.prototype.push.call({length: 2 ** 53 - 1}, 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
