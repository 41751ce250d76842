try { eval('"use strict"; 08'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
