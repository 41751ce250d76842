try { eval('"use strict"; eval = 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
