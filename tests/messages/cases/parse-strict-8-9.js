try { eval('"use strict"; "\\8"'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
