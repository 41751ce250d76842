try { new WeakSet().add(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
