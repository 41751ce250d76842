const C = 1; try { new C(...undefined); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
