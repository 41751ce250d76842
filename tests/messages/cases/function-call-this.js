try { Function.prototype.call.call(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
