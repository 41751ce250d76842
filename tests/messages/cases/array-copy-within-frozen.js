const a = Object.freeze([1, 2]); try { a.copyWithin(0, 1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
