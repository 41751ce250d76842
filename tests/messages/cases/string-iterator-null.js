try { String.prototype[Symbol.iterator].call(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
