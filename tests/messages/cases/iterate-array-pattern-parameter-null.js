try { (([a]) => 0)(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
