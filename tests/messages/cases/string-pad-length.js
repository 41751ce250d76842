try { 'a'.padStart(2 ** 30); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
