try { 'p' in 1; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
