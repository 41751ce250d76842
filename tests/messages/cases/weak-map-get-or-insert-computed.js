try { new WeakMap().getOrInsertComputed(1, () => 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
