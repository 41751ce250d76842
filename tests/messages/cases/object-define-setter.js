try { ({}).__defineSetter__('x', 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
