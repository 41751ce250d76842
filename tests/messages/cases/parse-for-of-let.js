try { eval('for (let.x of []) ;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
