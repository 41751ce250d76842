try { eval('function* g() { y\\u0069eld; }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
