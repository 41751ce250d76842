try { String.prototype.trim.call(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
