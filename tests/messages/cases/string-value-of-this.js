try { String.prototype.valueOf.call({}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
