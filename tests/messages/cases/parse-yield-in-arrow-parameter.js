try { eval('function* g() { (x = yield) => 1; }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
