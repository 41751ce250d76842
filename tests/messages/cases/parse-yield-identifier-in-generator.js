try { eval('function* g() { var yield; }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
