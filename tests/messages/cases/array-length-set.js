const a = []; try { a.length = -1; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
