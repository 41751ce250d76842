try { eval('throw\n1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
