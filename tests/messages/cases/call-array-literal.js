try { [1, x => x](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
