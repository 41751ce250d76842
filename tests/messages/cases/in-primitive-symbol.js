try { Symbol.iterator in 'abc'; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
