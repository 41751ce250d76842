try { eval('"use strict"; var x; delete x;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
