const a = [1]; try { a["x" + 1](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
