const C = 1; try { new C(...[1]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
