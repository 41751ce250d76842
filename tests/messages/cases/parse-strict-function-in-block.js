try { eval('"use strict"; if (1) function f() {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
