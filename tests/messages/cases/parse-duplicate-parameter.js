try { eval('"use strict"; function f(a, a) {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
