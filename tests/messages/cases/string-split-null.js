try { String.prototype.split.call(null, ''); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
