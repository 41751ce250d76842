try { new Symbol(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
