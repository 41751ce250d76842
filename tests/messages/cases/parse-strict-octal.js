try { eval('"use strict"; 01'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
