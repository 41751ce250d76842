try { eval('for (let a = 1 of []) ;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
