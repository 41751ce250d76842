try { eval('"use strict"; var let;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
