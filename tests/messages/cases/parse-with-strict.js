try { eval('"use strict"; with ({}) {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
