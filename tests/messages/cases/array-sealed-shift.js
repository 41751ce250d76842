const a = Object.seal([1, 2]); try { a.shift(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
