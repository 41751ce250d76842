try { eval('return 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
