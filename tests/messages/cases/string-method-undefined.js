try { String.prototype.at.call(undefined, 0); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
