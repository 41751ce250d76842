try { 'a'.repeat(Infinity); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
