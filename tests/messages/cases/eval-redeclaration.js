try { eval('let a; let a;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
