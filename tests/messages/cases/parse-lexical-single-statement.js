try { eval('if (1) let x = 1;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
