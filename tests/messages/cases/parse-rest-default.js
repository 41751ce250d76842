try { eval('function f(...a = 1) {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
