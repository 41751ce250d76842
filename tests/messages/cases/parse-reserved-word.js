try { eval('var enum;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
