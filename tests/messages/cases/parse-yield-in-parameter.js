try { eval('function* g(x = yield) {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
