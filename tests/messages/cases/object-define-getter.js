try { ({}).__defineGetter__('x', 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
