try { new WeakMap().set(Symbol.for('x'), 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
