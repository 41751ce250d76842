const a = Object.freeze([1]); try { a.pop(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
