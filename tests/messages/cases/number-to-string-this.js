try { Number.prototype.toString.call('a'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
