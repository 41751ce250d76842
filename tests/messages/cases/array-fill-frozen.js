const a = Object.freeze([1]); try { a.fill(0); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
