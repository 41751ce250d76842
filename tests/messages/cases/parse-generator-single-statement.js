try { eval('if (x) function* g() {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
