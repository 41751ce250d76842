try { eval('for (async of []) ;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
