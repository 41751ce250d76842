try { eval('(a, 1) => 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
