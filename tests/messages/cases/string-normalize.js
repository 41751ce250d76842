try { 'a'.normalize('x'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
