try { Number.prototype.toFixed.call('a'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
